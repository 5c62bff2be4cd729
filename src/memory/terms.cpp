#include "memory/terms.h"

#include <algorithm>
#include <array>
#include <unordered_set>

#include "core/hangul.h"
#include "core/text.h"
#include "core/utf8.h"

namespace samantha::memory {

namespace {

// Longest first, so 에서는 is tried before 는.
constexpr std::array<std::string_view, 38> korean_particles = {
    "에서는", "에게서", "한테서", "으로는", "이랑은", "이에요", "에서", "에게", "한테", "께서",
    "으로",   "까지",   "부터",   "처럼",   "보다",   "이랑",   "하고", "이나", "마다", "예요",
    "이야",   "은",     "는",     "이",     "가",     "을",     "를",   "와",   "과",   "도",
    "만",     "의",     "에",     "로",     "랑",     "야",     "요",   "께"};

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

std::string english_stem(std::string word) {
    if (word.ends_with("'s")) {
        word.resize(word.size() - 2);
    }
    if (word.size() > 4 && word.ends_with("ies")) {
        word.resize(word.size() - 3);
        word += 'y';
    } else if (word.size() > 3 && word.ends_with('s') && !word.ends_with("ss") &&
               !word.ends_with("us") && !word.ends_with("is")) {
        word.pop_back();
    }
    return word;
}

void add(std::vector<std::string>& terms, std::unordered_set<std::string>& seen, std::string term) {
    if (!term.empty() && seen.insert(term).second) {
        terms.push_back(std::move(term));
    }
}

std::vector<std::string>
terms_for(std::string_view text, bool drop_stop_words, std::size_t max_terms) {
    std::vector<std::string> terms;
    std::unordered_set<std::string> seen;
    const auto& stops = stop_words();
    for (auto& word : core::split_words(core::to_lower(text))) {
        if (terms.size() >= max_terms) {
            break;
        }
        if (is_hangul_word(word)) {
            std::string stem = strip_korean_particle(word);
            if (drop_stop_words && (stops.contains(word) || stops.contains(stem))) {
                continue;
            }
            add(terms, seen, word);
            add(terms, seen, stem);
            const auto cps = core::decode_utf8(word);
            for (std::size_t i = 0; i + 1 < cps.size(); ++i) {
                add(terms, seen, core::encode_utf8({cps[i], cps[i + 1]}));
            }
            continue;
        }
        std::string stem = english_stem(word);
        if (drop_stop_words && (stops.contains(word) || stops.contains(stem) || stem.size() < 2)) {
            continue;
        }
        // FTS5's unicode61 drops apostrophes; keep terms to what it would index.
        stem.erase(std::remove(stem.begin(), stem.end(), '\''), stem.end());
        add(terms, seen, std::move(stem));
    }
    return terms;
}

} // namespace

std::string strip_korean_particle(std::string_view word) {
    for (const std::string_view particle : korean_particles) {
        if (word.size() > particle.size() && word.ends_with(particle)) {
            return std::string(word.substr(0, word.size() - particle.size()));
        }
    }
    return std::string(word);
}

std::vector<std::string> index_terms(std::string_view text) {
    return terms_for(text, false, 4096);
}

std::vector<std::string> query_terms(std::string_view text, std::size_t max_terms) {
    return terms_for(text, true, max_terms);
}

std::string person_prefix(std::int64_t person_id) {
    return "p" + std::to_string(person_id) + "_";
}

} // namespace samantha::memory
