#include "memory/terms.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "core/hangul.h"
#include "core/text.h"
#include "core/utf8.h"

namespace samantha::memory {

namespace {

const std::unordered_set<std::string_view>& stop_words() {
    static const std::unordered_set<std::string_view> words = {// English
                                                               "i",
                                                               "me",
                                                               "my",
                                                               "mine",
                                                               "you",
                                                               "your",
                                                               "we",
                                                               "our",
                                                               "it",
                                                               "its",
                                                               "a",
                                                               "an",
                                                               "the",
                                                               "is",
                                                               "am",
                                                               "are",
                                                               "was",
                                                               "were",
                                                               "be",
                                                               "been",
                                                               "to",
                                                               "of",
                                                               "and",
                                                               "or",
                                                               "but",
                                                               "in",
                                                               "on",
                                                               "at",
                                                               "for",
                                                               "with",
                                                               "that",
                                                               "this",
                                                               "these",
                                                               "those",
                                                               "do",
                                                               "did",
                                                               "does",
                                                               "have",
                                                               "has",
                                                               "had",
                                                               "so",
                                                               "just",
                                                               "what",
                                                               "about",
                                                               "there",
                                                               "here",
                                                               "i'm",
                                                               "i've",
                                                               "i'd",
                                                               "i'll",
                                                               "it's",
                                                               "im",
                                                               "not",
                                                               "no",
                                                               "yes",
                                                               "very",
                                                               "really",
                                                               "too",
                                                               "can",
                                                               "could",
                                                               "would",
                                                               "will",
                                                               "should",
                                                               "how",
                                                               "why",
                                                               "when",
                                                               "where",
                                                               "who",
                                                               "which",
                                                               "if",
                                                               "then",
                                                               "than",
                                                               "also",
                                                               "all",
                                                               "any",
                                                               "some",
                                                               "get",
                                                               "got",
                                                               "remember",
                                                               "forget",
                                                               "tell",
                                                               "said",
                                                               "say",
                                                               "know",
                                                               "think",
                                                               "like",
                                                               "today",
                                                               "now",
                                                               "up",
                                                               "out",
                                                               "oh",
                                                               "well",
                                                               "please",
                                                               "thing",
                                                               "something",
                                                               "lot",
                                                               // question framing
                                                               "kind",
                                                               "type",
                                                               "sort",
                                                               "ever",
                                                               "likely",
                                                               "many",
                                                               "much",
                                                               "both",
                                                               "whose",
                                                               "whom",
                                                               "anything",
                                                               "someone",
                                                               "they",
                                                               "them",
                                                               "their",
                                                               "he",
                                                               "she",
                                                               "her",
                                                               "his",
                                                               "him",
                                                               "us",
                                                               "being",
                                                               // Korean (after particle stripping)
                                                               "나",
                                                               "저",
                                                               "제",
                                                               "내",
                                                               "제가",
                                                               "내가",
                                                               "저는",
                                                               "나는",
                                                               "너",
                                                               "네",
                                                               "그냥",
                                                               "오늘",
                                                               "정말",
                                                               "진짜",
                                                               "너무",
                                                               "그리고",
                                                               "그래서",
                                                               "근데",
                                                               "그런데",
                                                               "그",
                                                               "이",
                                                               "저기",
                                                               "거",
                                                               "것",
                                                               "건",
                                                               "게",
                                                               "좀",
                                                               "뭐",
                                                               "왜",
                                                               "어떻게",
                                                               "언제",
                                                               "어디",
                                                               "누구",
                                                               "기억",
                                                               "기억해",
                                                               "잊어",
                                                               "있어",
                                                               "있어요",
                                                               "있어",
                                                               "없어",
                                                               "했어",
                                                               "해요",
                                                               "했어요",
                                                               "해",
                                                               "하고",
                                                               "우리",
                                                               "말",
                                                               "얘기"};
    return words;
}

bool is_hangul_word(std::string_view word) {
    const auto cps = core::decode_utf8(word);
    return !cps.empty() && std::all_of(cps.begin(), cps.end(), core::is_hangul_syllable);
}

void add(std::vector<WeightedTerm>& terms,
         std::unordered_set<std::string>& seen,
         std::string term,
         float weight) {
    if (!term.empty() && seen.insert(term).second) {
        terms.push_back(WeightedTerm{.term = std::move(term), .weight = weight});
    }
}

std::vector<WeightedTerm>
terms_for(std::string_view text, bool drop_stop_words, std::size_t max_terms) {
    std::vector<WeightedTerm> terms;
    std::unordered_set<std::string> seen;
    const auto& stops = stop_words();
    for (auto& word : core::split_words(core::to_lower(text))) {
        if (terms.size() >= max_terms) {
            break;
        }
        if (is_hangul_word(word)) {
            std::string particle_stem = strip_korean_particle(word);
            std::string stem = korean_stem(word);
            if (drop_stop_words &&
                (stops.contains(word) || stops.contains(particle_stem) || stops.contains(stem))) {
                continue;
            }
            add(terms, seen, word, 1.0f);
            add(terms, seen, std::move(particle_stem), 1.0f);
            add(terms, seen, std::move(stem), 1.0f);
            const auto cps = core::decode_utf8(word);
            for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
                add(terms, seen, core::encode_utf8({cps[i], cps[i + 1]}), bigram_weight);
            }
            continue;
        }
        // FTS5's unicode61 drops apostrophes; english_stem does too, so terms are what it indexes.
        std::string stem = english_stem(word);
        if (drop_stop_words && (stops.contains(word) || stops.contains(stem) || stem.size() < 2)) {
            continue;
        }
        add(terms, seen, std::move(stem), 1.0f);
    }
    if (terms.size() > max_terms) {
        terms.resize(max_terms);
    }
    return terms;
}

std::vector<std::string> texts(std::vector<WeightedTerm> terms) {
    std::vector<std::string> out;
    out.reserve(terms.size());
    for (auto& t : terms) {
        out.push_back(std::move(t.term));
    }
    return out;
}

} // namespace

std::vector<std::string> index_terms(std::string_view text) {
    return texts(terms_for(text, false, 4096));
}

std::vector<std::string> query_terms(std::string_view text, std::size_t max_terms) {
    return texts(terms_for(text, true, max_terms));
}

std::vector<WeightedTerm> weighted_query_terms(std::string_view text, std::size_t max_terms) {
    return terms_for(text, true, max_terms);
}

bool is_stop_word(std::string_view word) {
    return stop_words().contains(word);
}

std::string person_prefix(std::int64_t person_id) {
    return "p" + std::to_string(person_id) + "_";
}

} // namespace samantha::memory
