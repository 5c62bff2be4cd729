#include "affect/user_emotion.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <iterator>
#include <map>
#include <span>

#include <fmt/format.h>

#include "affect/lexicon_data.h"
#include "core/text.h"
#include "nlu/emotion.h"

namespace samantha::affect {

namespace {

// Every taxonomy label, in enum order (all_labels[i] has index i).
constexpr std::array<EmotionLabel, 12> all_labels = {EmotionLabel::Neutral,
                                                     EmotionLabel::Joy,
                                                     EmotionLabel::Excitement,
                                                     EmotionLabel::Gratitude,
                                                     EmotionLabel::Affection,
                                                     EmotionLabel::Sadness,
                                                     EmotionLabel::Loneliness,
                                                     EmotionLabel::Anger,
                                                     EmotionLabel::Anxiety,
                                                     EmotionLabel::Tiredness,
                                                     EmotionLabel::Surprise,
                                                     EmotionLabel::Disgust};

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
        index_lexicon(*parsed);
        return std::shared_ptr<const Lexicon>(std::move(parsed));
    }();
    return lexicon;
}

void index_lexicon(Lexicon& lexicon) {
    const auto build = [](const std::vector<LexiconEntry>& entries) {
        LexiconIndex index;
        for (std::size_t k = 0; k < entries.size(); ++k) {
            const auto id = static_cast<std::uint32_t>(k);
            if (entries[k].infix) {
                index.infix.push_back(id);
            } else {
                index.by_first_byte[static_cast<unsigned char>(entries[k].term.front())].push_back(
                    id);
            }
        }
        return index;
    };
    lexicon.english_index = build(lexicon.english);
    lexicon.korean_index = build(lexicon.korean);
}

namespace {

// One matched lexicon entry, after negation and intensifiers.
struct Hit {
    float valence;
    float arousal;
    EmotionLabel label; // after negation ("not happy" reads as sadness)
    float weight;
    EmotionLabel matched = EmotionLabel::Neutral; // the entry's own label
    bool negated = false;
    float factor = 1.0f; // the intensifier's (1 when none)
};

// The v1 reading and what it rests on.
struct LexiconReading {
    UserEmotion emotion;
    std::vector<Hit> hits;
    float arousal_boost = 0.0f; // from '!' and shouted words, already inside emotion.arousal
    int exclamations = 0;
    bool shouted = false;
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
        hits.push_back(
            {entry.valence, entry.arousal, entry.label, factor, entry.label, false, factor});
        return;
    }
    if (entry.valence > 0.0f) {
        // "not happy", "안 좋아": a muted negative.
        hits.push_back({-0.5f * entry.valence,
                        0.5f * entry.arousal,
                        EmotionLabel::Sadness,
                        factor,
                        entry.label,
                        true,
                        factor});
    } else {
        // "not sad", "안 슬퍼": a mildly positive, calm neutral.
        hits.push_back({-0.3f * entry.valence,
                        0.3f * entry.arousal,
                        EmotionLabel::Neutral,
                        0.5f * factor,
                        entry.label,
                        true,
                        factor});
    }
}

// Matches one word-lexicon against the words; returns the hits.
void match_words(const std::vector<std::string>& words,
                 const std::vector<LexiconEntry>& entries,
                 const LexiconIndex& index,
                 Language language,
                 std::vector<Hit>& hits) {
    const bool indexed =
        !entries.empty() &&
        (!index.infix.empty() || std::any_of(index.by_first_byte.begin(),
                                             index.by_first_byte.end(),
                                             [](const auto& list) { return !list.empty(); }));
    std::vector<std::uint32_t> candidates;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        const LexiconEntry* found = nullptr;
        std::size_t consumed = 1;
        const bool fused_an = language == Language::Korean && w.starts_with("안");
        // Every match but an infix or a fused 안 starts with the term's first byte, so only those
        // entries and the infix ones are tried, in entry order.
        candidates.clear();
        if (indexed && !fused_an && !w.empty()) {
            const auto& first = index.by_first_byte[static_cast<unsigned char>(w.front())];
            std::merge(first.begin(),
                       first.end(),
                       index.infix.begin(),
                       index.infix.end(),
                       std::back_inserter(candidates));
        } else {
            for (std::size_t k = 0; k < entries.size(); ++k) {
                candidates.push_back(static_cast<std::uint32_t>(k));
            }
        }
        for (const std::uint32_t id : candidates) {
            const LexiconEntry& entry = entries[id];
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
                match = w.starts_with(entry.term) ||
                        (entry.infix && core::contains(w, entry.term)) ||
                        (fused_an && std::string_view(w).substr(3).starts_with(entry.term));
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
    std::array<bool, 256> starts{}; // the first bytes of the symbols
    for (const LexiconEntry& entry : symbols) {
        starts[static_cast<unsigned char>(entry.term.front())] = true;
    }
    std::map<const LexiconEntry*, int> seen;
    std::size_t pos = 0;
    while (pos < text.size()) {
        if (!starts[static_cast<unsigned char>(text[pos])]) {
            ++pos;
            continue;
        }
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
            hits.push_back(
                {found->valence, found->arousal, found->label, 0.8f, found->label, false, 1.0f});
        }
    }
}

LexiconReading read_lexicon(std::string_view text, const Lexicon& lexicon) {
    LexiconReading reading;
    const std::string lowered = core::to_lower(text);
    const auto words = core::split_words(lowered);
    std::vector<Hit>& hits = reading.hits;
    match_words(words, lexicon.english, lexicon.english_index, Language::English, hits);
    match_words(words, lexicon.korean, lexicon.korean_index, Language::Korean, hits);
    match_symbols(text, lexicon.symbols, hits);

    // Exclamation marks and shouted words raise arousal (Russell's circumplex: activation).
    float arousal_boost = 0.0f;
    reading.exclamations = static_cast<int>(std::count(text.begin(), text.end(), '!'));
    arousal_boost += std::min(0.3f, 0.1f * static_cast<float>(reading.exclamations));
    for (const auto& w : core::split_words(text)) {
        const bool shouted = w.size() >= 3 && std::all_of(w.begin(), w.end(), [](char c) {
                                 return c >= 'A' && c <= 'Z';
                             });
        if (shouted) {
            arousal_boost += 0.15f;
            reading.shouted = true;
        }
    }
    reading.arousal_boost = arousal_boost;

    UserEmotion& emotion = reading.emotion;
    if (hits.empty()) {
        emotion.arousal = std::min(arousal_boost, 0.3f);
        return reading;
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
    return reading;
}

// --- fusion with the trained reading ---------------------------------------------------------

int sign_of(float value) {
    return value > 0.1f ? 1 : (value < -0.1f ? -1 : 0);
}

// The mean of the intensifier factors of the hits (1 when none scaled them).
float intensifier_of(const LexiconReading& lexicon) {
    if (lexicon.hits.empty()) {
        return 1.0f;
    }
    float sum = 0.0f;
    for (const Hit& hit : lexicon.hits) {
        sum += hit.factor;
    }
    return sum / static_cast<float>(lexicon.hits.size());
}

// Whether the lexicon's reading rests on a negated cue ("not happy" → negative).
bool rests_on_negation(const LexiconReading& lexicon) {
    return std::any_of(
        lexicon.hits.begin(), lexicon.hits.end(), [](const Hit& hit) { return hit.negated; });
}

std::vector<EmotionScore> top_three(std::span<const nlu::FineLabel> labels,
                                    const std::vector<float>& p) {
    std::vector<std::size_t> order(p.size());
    for (std::size_t c = 0; c < order.size(); ++c) {
        order[c] = c;
    }
    const std::size_t keep = std::min<std::size_t>(3, order.size());
    std::partial_sort(
        order.begin(),
        order.begin() + static_cast<std::ptrdiff_t>(keep),
        order.end(),
        [&](std::size_t a, std::size_t b) { return p[a] > p[b] || (p[a] == p[b] && a < b); });
    std::vector<EmotionScore> top;
    for (std::size_t k = 0; k < keep; ++k) {
        top.push_back(
            EmotionScore{.label = std::string(labels[order[k]].name), .score = p[order[k]]});
    }
    return top;
}

} // namespace

UserEmotion recognize_emotion_lexicon(std::string_view text, const Lexicon& lexicon) {
    return read_lexicon(text, lexicon).emotion;
}

namespace {

std::vector<std::string> cues_of(const LexiconReading& reading) {
    std::vector<std::string> cues;
    for (const Hit& hit : reading.hits) {
        const std::string name = emotion_label_name(hit.matched);
        cues.push_back(hit.negated ? "lex:not:" + name : "lex:" + name);
        if (hit.factor > 1.0f) {
            cues.emplace_back("lex:more");
        } else if (hit.factor < 1.0f) {
            cues.emplace_back("lex:less");
        }
    }
    if (!reading.hits.empty()) {
        const int sign = sign_of(reading.emotion.valence);
        cues.emplace_back(sign > 0 ? "lex:valence:+"
                                   : (sign < 0 ? "lex:valence:-" : "lex:valence:0"));
    }
    if (reading.shouted) {
        cues.emplace_back("lex:shout");
    }
    if (reading.exclamations > 0) {
        cues.emplace_back("lex:exclaim");
    }
    std::sort(cues.begin(), cues.end());
    cues.erase(std::unique(cues.begin(), cues.end()), cues.end());
    return cues;
}

} // namespace

std::vector<std::string> lexicon_cues(std::string_view text, const Lexicon& lexicon) {
    return cues_of(read_lexicon(text, lexicon));
}

UserEmotion read_emotion(std::string_view text,
                         const Lexicon& lexicon,
                         const nlu::EmotionModel* model,
                         const EmotionContext& context,
                         const EmotionFusion& fusion) {
    const LexiconReading lex = read_lexicon(text, lexicon);
    if (model == nullptr) {
        return lex.emotion;
    }
    const auto labels = nlu::fine_labels(model->scheme());
    const std::vector<std::string> cues = cues_of(lex);
    const std::vector<float> p = model->scores(text, cues);
    const std::vector<float>& threshold = model->thresholds();

    // Votes per taxonomy label: each fine label scores p / θ^k (k = threshold_power), a label
    // takes its best fine label's score, the lexicon's label adds its strength and the previous
    // label a little. The best label is read when its vote reaches its fine label's θ^(1−k)
    // (p ≥ θ without the additions); neutral, or no label reaching it, leaves the lexicon's.
    static_assert(all_labels.size() == nlu::taxonomy_count);
    std::array<float, all_labels.size()> votes{};
    std::array<float, all_labels.size()> gate{};
    gate.fill(1.0f);
    std::array<bool, all_labels.size()> expressible{};
    for (std::size_t c = 0; c < p.size(); ++c) {
        const auto l = static_cast<std::size_t>(labels[c].label);
        const float score = p[c] / std::pow(threshold[c], fusion.threshold_power);
        if (!expressible[l] || score > votes[l]) {
            votes[l] = score;
            gate[l] = std::pow(threshold[c], 1.0f - fusion.threshold_power);
        }
        expressible[l] = true;
    }
    if (!lex.hits.empty()) {
        votes[static_cast<std::size_t>(lex.emotion.label)] +=
            fusion.lexicon_vote * lex.emotion.intensity;
    }
    if (context.previous && *context.previous != EmotionLabel::Neutral) {
        votes[static_cast<std::size_t>(*context.previous)] +=
            fusion.previous_vote * std::clamp(context.previous_intensity, 0.0f, 1.0f);
    }
    std::size_t best = static_cast<std::size_t>(EmotionLabel::Neutral);
    float best_vote = -1.0f;
    for (std::size_t l = 0; l < votes.size(); ++l) {
        if (expressible[l] && votes[l] > best_vote) {
            best = l;
            best_vote = votes[l];
        }
    }
    bool model_reads = all_labels[best] != EmotionLabel::Neutral && best_vote >= gate[best];
    // Where the model reads feelings of both signs ("ㅋㅋ": fun, or mockery), the lexicon's sign
    // picks among those it reads.
    const int lexicon_sign = sign_of(lex.emotion.valence);
    if (model_reads && fusion.lexicon_picks_sign && lexicon_sign != 0 &&
        sign_of(nlu::taxonomy_point(all_labels[best]).valence) != lexicon_sign) {
        float agreeing_vote = -1.0f;
        for (std::size_t l = 0; l < votes.size(); ++l) {
            const bool agrees = sign_of(nlu::taxonomy_point(all_labels[l]).valence) == lexicon_sign;
            if (expressible[l] && agrees && votes[l] >= gate[l] && votes[l] > agreeing_vote) {
                best = l;
                agreeing_vote = votes[l];
            }
        }
    }

    UserEmotion emotion = lex.emotion; // the fallback
    emotion.top = top_three(labels, p);
    const bool lexicon_only_label =
        !lex.hits.empty() && !expressible[static_cast<std::size_t>(lex.emotion.label)];
    if (!model_reads) {
        if (!lexicon_only_label && !fusion.lexicon_fallback && !lex.hits.empty() &&
            lex.emotion.label != EmotionLabel::Neutral) {
            // The model read no feeling where the lexicon did: keep its values, neutral.
            emotion.label = EmotionLabel::Neutral;
            emotion.intensity *= 0.5f;
        }
        return emotion;
    }
    const EmotionLabel chosen = all_labels[best];
    const int chosen_sign = sign_of(nlu::taxonomy_point(chosen).valence);
    if (rests_on_negation(lex) && lexicon_sign != 0 && chosen_sign != lexicon_sign) {
        return emotion; // "not happy": the negation stands
    }

    // The read fine labels (at least half their threshold) of the chosen label's sign or none set
    // valence and arousal, and the strongest of the chosen label sets the intensity.
    float weight = 0.0f;
    float valence = 0.0f;
    float arousal = 0.0f;
    float strongest = 0.0f;
    for (std::size_t c = 0; c < p.size(); ++c) {
        if (labels[c].label == EmotionLabel::Neutral ||
            sign_of(labels[c].point.valence) == -chosen_sign) {
            continue;
        }
        const float w = std::max(0.0f, p[c] / threshold[c] - 0.5f);
        weight += w;
        valence += w * labels[c].point.valence;
        arousal += w * labels[c].point.arousal;
        if (labels[c].label == chosen) {
            strongest = std::max(strongest, p[c]);
        }
    }
    if (weight <= 0.0f) { // the vote came from the lexicon and the context
        const nlu::AffectPoint point = nlu::taxonomy_point(chosen);
        weight = 1.0f;
        valence = point.valence;
        arousal = point.arousal;
        strongest = 0.5f;
    }
    valence /= weight;
    arousal /= weight;
    if (!lex.hits.empty()) {
        const float share = fusion.lexicon_share;
        valence = (valence + share * lex.emotion.valence) / (1.0f + share);
        arousal = (arousal + share * (lex.emotion.arousal - lex.arousal_boost)) / (1.0f + share);
    }
    emotion.label = chosen;
    // A label the scheme lacks (loneliness; tiredness in English; excitement in Korean) is the
    // lexicon's alone: it refines a reading of the same sign, or of none.
    if (lexicon_only_label && chosen_sign * lexicon_sign >= 0) {
        emotion.label = lex.emotion.label;
    }
    emotion.valence = std::clamp(valence, -1.0f, 1.0f);
    emotion.arousal = std::clamp(arousal + lex.arousal_boost, -1.0f, 1.0f);
    emotion.intensity = std::clamp(std::max(strongest, 0.3f) * intensifier_of(lex), 0.0f, 1.0f);
    return emotion;
}

UserEmotion
recognize_emotion(std::string_view text, const Lexicon& lexicon, const EmotionContext& context) {
    const Language language = core::detect_language(text, context.language);
    return read_emotion(
        text, lexicon, nlu::builtin_emotion_model(nlu::emotion_scheme_for(language)), context);
}

} // namespace samantha::affect
