#include "affect/user_emotion.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "affect/lexicon_data.h"
#include "core/text.h"

namespace samantha::affect {

namespace {

constexpr std::array<EmotionLabel, 11> all_labels = {EmotionLabel::Neutral,
                                                     EmotionLabel::Joy,
                                                     EmotionLabel::Excitement,
                                                     EmotionLabel::Gratitude,
                                                     EmotionLabel::Affection,
                                                     EmotionLabel::Sadness,
                                                     EmotionLabel::Loneliness,
                                                     EmotionLabel::Anger,
                                                     EmotionLabel::Anxiety,
                                                     EmotionLabel::Tiredness,
                                                     EmotionLabel::Surprise};

bool parse_float(std::string_view text, float& out) {
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc{} && ptr == text.data() + text.size();
}

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const auto tab = line.find('\t', start);
        fields.push_back(line.substr(start, tab - start));
        if (tab == std::string_view::npos) {
            return fields;
        }
        start = tab + 1;
    }
}

} // namespace

Result<EmotionLabel> parse_emotion_label(std::string_view name) {
    for (const EmotionLabel label : all_labels) {
        if (name == emotion_label_name(label)) {
            return label;
        }
    }
    return make_error(ErrorCode::InvalidArgument,
                      fmt::format("'{}' is not an emotion label of the taxonomy", name));
}

Result<std::vector<LexiconEntry>> parse_lexicon(std::string_view tsv, std::string_view source) {
    std::vector<LexiconEntry> entries;
    int line_number = 0;
    for (const std::string_view line : core::split_lines(tsv)) {
        ++line_number;
        if (core::trim(line).empty() || line.front() == '#') {
            continue;
        }
        const auto fields = split_tabs(line);
        const auto bad = [&](std::string_view why) {
            return make_error(ErrorCode::InvalidArgument,
                              fmt::format("lexicon {} line {}: {}", source, line_number, why));
        };
        if (fields.size() != 4) {
            return bad(fmt::format("expected 4 tab-separated fields, found {}", fields.size()));
        }
        LexiconEntry entry;
        std::string_view term = fields[0];
        if (term.starts_with('*')) {
            entry.infix = true;
            term.remove_prefix(1);
        }
        if (term.ends_with('*')) {
            entry.prefix = true;
            term.remove_suffix(1);
        }
        if (term.empty()) {
            return bad("empty term");
        }
        entry.term = core::to_lower(term);
        entry.multiword = core::contains(term, " ");
        if (!parse_float(fields[1], entry.valence) || std::abs(entry.valence) > 1.0f) {
            return bad(fmt::format("valence '{}' is not a number in [-1, 1]", fields[1]));
        }
        if (!parse_float(fields[2], entry.arousal) || std::abs(entry.arousal) > 1.0f) {
            return bad(fmt::format("arousal '{}' is not a number in [-1, 1]", fields[2]));
        }
        auto label = parse_emotion_label(fields[3]);
        if (!label) {
            return bad(label.error().message);
        }
        entry.label = *label;
        entries.push_back(std::move(entry));
    }
    // Longest terms first, so "좋아해" wins over "좋아" and "ㅠㅠ" over "ㅠ".
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
        return a.term.size() > b.term.size();
    });
    return entries;
}

std::shared_ptr<const Lexicon> builtin_lexicon() {
    static const std::shared_ptr<const Lexicon> lexicon = [] {
        auto parsed = std::make_shared<Lexicon>();
        // The built-in files are tested (user_emotion_test), so a parse failure is a build bug.
        parsed->english = parse_lexicon(lexicon_data::english(), "en.tsv").value();
        parsed->korean = parse_lexicon(lexicon_data::korean(), "ko.tsv").value();
        parsed->symbols = parse_lexicon(lexicon_data::symbols(), "symbols.tsv").value();
        return std::shared_ptr<const Lexicon>(std::move(parsed));
    }();
    return lexicon;
}

namespace {

struct Hit {
    float valence;
    float arousal;
    EmotionLabel label;
    float weight;
};

bool is_english_negator(std::string_view w) {
    static constexpr std::array<std::string_view, 9> negators = {
        "not", "no", "never", "hardly", "without", "nothing", "barely", "neither", "nor"};
    return std::find(negators.begin(), negators.end(), w) != negators.end() || w.ends_with("n't");
}

float intensifier_factor(std::string_view w) {
    static const std::map<std::string_view, float> factors = {
        {"very", 1.5f},       {"really", 1.5f},     {"so", 1.4f},       {"extremely", 1.7f},
        {"super", 1.5f},      {"too", 1.3f},        {"totally", 1.5f},  {"incredibly", 1.6f},
        {"absolutely", 1.6f}, {"completely", 1.5f}, {"deeply", 1.6f},   {"truly", 1.4f},
        {"quite", 1.2f},      {"slightly", 0.6f},   {"somewhat", 0.7f}, {"bit", 0.6f},
        {"little", 0.7f},     {"kinda", 0.7f},      {"fairly", 0.8f},   {"너무", 1.5f},
        {"정말", 1.5f},       {"진짜", 1.5f},       {"엄청", 1.6f},     {"완전", 1.5f},
        {"매우", 1.5f},       {"되게", 1.4f},       {"아주", 1.4f},     {"무척", 1.5f},
        {"정말로", 1.5f},     {"너무너무", 1.7f},   {"겁나", 1.5f},     {"좀", 0.6f},
        {"조금", 0.6f},       {"약간", 0.6f},       {"살짝", 0.6f},     {"다소", 0.7f},
    };
    const auto it = factors.find(w);
    return it == factors.end() ? 1.0f : it->second;
}

bool korean_negated(const std::vector<std::string>& words, std::size_t i, std::string_view term) {
    if (i > 0 && (words[i - 1] == "안" || words[i - 1] == "못" || words[i - 1] == "별로")) {
        return true;
    }
    const std::string& w = words[i];
    if (w.starts_with("안") && std::string_view(w).substr(3).starts_with(term)) {
        return true; // 안좋아
    }
    if (core::contains(w, "지않") || core::contains(w, "지못")) {
        return true;
    }
    if (i + 1 < words.size()) {
        const std::string& next = words[i + 1];
        if (next.starts_with("않") || next.starts_with("못하") || next.starts_with("못했") ||
            next.starts_with("아니")) {
            return w.ends_with("지") || w.ends_with("진") || next.starts_with("아니");
        }
    }
    return false;
}

void add_hit(std::vector<Hit>& hits, const LexiconEntry& entry, bool negated, float factor) {
    if (!negated) {
        hits.push_back({entry.valence, entry.arousal, entry.label, factor});
        return;
    }
    if (entry.valence > 0.0f) {
        // "not happy", "안 좋아": a muted negative.
        hits.push_back(
            {-0.5f * entry.valence, 0.5f * entry.arousal, EmotionLabel::Sadness, factor});
    } else {
        // "not sad", "안 슬퍼": a mildly positive, calm neutral.
        hits.push_back(
            {-0.3f * entry.valence, 0.3f * entry.arousal, EmotionLabel::Neutral, 0.5f * factor});
    }
}

// Matches one word-lexicon against the words; returns the hits.
void match_words(const std::vector<std::string>& words,
                 const std::vector<LexiconEntry>& entries,
                 Language language,
                 std::vector<Hit>& hits) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        const LexiconEntry* found = nullptr;
        std::size_t consumed = 1;
        for (const LexiconEntry& entry : entries) {
            if (entry.multiword) {
                std::string run = w;
                std::size_t k = i + 1;
                while (run.size() < entry.term.size() && k < words.size()) {
                    run += ' ';
                    run += words[k++];
                }
                const bool match = entry.prefix || language == Language::Korean
                                       ? run.starts_with(entry.term)
                                       : run == entry.term;
                if (match) {
                    found = &entry;
                    consumed = k - i;
                    break;
                }
                continue;
            }
            bool match = false;
            if (language == Language::English) {
                match = entry.prefix ? w.starts_with(entry.term) : w == entry.term;
            } else {
                match =
                    w.starts_with(entry.term) || (entry.infix && core::contains(w, entry.term)) ||
                    (w.starts_with("안") && std::string_view(w).substr(3).starts_with(entry.term));
            }
            if (match) {
                found = &entry;
                break;
            }
        }
        if (found == nullptr) {
            continue;
        }
        float factor = 1.0f;
        bool negated = false;
        for (std::size_t back = 1; back <= 3 && back <= i; ++back) {
            const std::string& prev = words[i - back];
            if (back <= 2) {
                const float f = intensifier_factor(prev);
                if (f != 1.0f) {
                    factor = f;
                }
            }
            if (language == Language::English && is_english_negator(prev)) {
                negated = true;
            }
        }
        if (language == Language::Korean) {
            negated = korean_negated(words, i, found->term);
        }
        add_hit(hits, *found, negated, factor);
        i += consumed - 1;
    }
}

void match_symbols(std::string_view text,
                   const std::vector<LexiconEntry>& symbols,
                   std::vector<Hit>& hits) {
    std::map<const LexiconEntry*, int> seen;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const LexiconEntry* found = nullptr;
        for (const LexiconEntry& entry : symbols) {
            if (text.compare(pos, entry.term.size(), entry.term) == 0) {
                found = &entry;
                break;
            }
        }
        if (found == nullptr) {
            ++pos;
            continue;
        }
        pos += found->term.size();
        if (++seen[found] <= 2) { // ㅋㅋㅋㅋㅋㅋ counts, but not without limit
            hits.push_back({found->valence, found->arousal, found->label, 0.8f});
        }
    }
}

} // namespace

UserEmotion recognize_emotion(std::string_view text, const Lexicon& lexicon) {
    const std::string lowered = core::to_lower(text);
    const auto words = core::split_words(lowered);
    std::vector<Hit> hits;
    match_words(words, lexicon.english, Language::English, hits);
    match_words(words, lexicon.korean, Language::Korean, hits);
    match_symbols(text, lexicon.symbols, hits);

    // Exclamation marks and shouted words raise arousal (Russell's circumplex: activation).
    float arousal_boost = 0.0f;
    const auto exclamations = std::count(text.begin(), text.end(), '!');
    arousal_boost += std::min(0.3f, 0.1f * static_cast<float>(exclamations));
    for (const auto& w : core::split_words(text)) {
        const bool shouted = w.size() >= 3 && std::all_of(w.begin(), w.end(), [](char c) {
                                 return c >= 'A' && c <= 'Z';
                             });
        if (shouted) {
            arousal_boost += 0.15f;
        }
    }

    UserEmotion emotion;
    if (hits.empty()) {
        emotion.arousal = std::min(arousal_boost, 0.3f);
        return emotion;
    }
    float weight_sum = 0.0f;
    float valence = 0.0f;
    float arousal = 0.0f;
    std::map<EmotionLabel, float> votes;
    for (const Hit& hit : hits) {
        weight_sum += hit.weight;
        valence += hit.weight * hit.valence;
        arousal += hit.weight * hit.arousal;
        votes[hit.label] += hit.weight * (0.5f + std::abs(hit.valence));
    }
    valence /= weight_sum;
    arousal = arousal / weight_sum + arousal_boost;
    // Intensity grows with the evidence: one plain cue gives 63% of its strength, stronger or
    // repeated cues approach it.
    const float evidence = 1.0f - std::exp(-weight_sum);
    const float strength =
        std::min(1.0f, std::abs(valence) * (weight_sum / static_cast<float>(hits.size())));
    emotion.valence = std::clamp(
        valence * std::max(1.0f, weight_sum / static_cast<float>(hits.size())), -1.0f, 1.0f);
    emotion.arousal = std::clamp(arousal, -1.0f, 1.0f);
    emotion.intensity =
        std::clamp(std::max(strength, std::abs(emotion.valence)) * evidence + 0.1f * arousal_boost,
                   0.0f,
                   1.0f);
    emotion.label = std::max_element(votes.begin(), votes.end(), [](const auto& a, const auto& b) {
                        return a.second < b.second;
                    })->first;
    return emotion;
}

} // namespace samantha::affect
