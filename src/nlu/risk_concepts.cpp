#include "nlu/risk_concepts.h"

#include <algorithm>
#include <array>
#include <unordered_map>

#include <fmt/format.h>

#include "core/text.h"
#include "core/utf8.h"

namespace samantha::nlu {

namespace {

constexpr std::array<const char*, concept_count> concept_names = {
    "self+death",
    "passive_wish",
    "burden",
    "note",
    "method_question",
    "self+harm",
    "harm_others",
    "abuse",
    "farewell",
    "giving_away",
    "finality",
    "hopeless",
    "distress",
    "threat",
    "abuse_hint",
    "means:medication",
    "means:height",
    "means:water",
    "means:ligature",
    "means:gas",
    "means:blade",
    "means:firearm",
    "means:train",
    "means:object",
    "absence",
    "relief",
    "abuser",
    "abuse_act",
    "self",
    "other",
    "wish",
    "death",
    "intent",
    "plan",
    "act",
    "time",
    "method",
    "idiom:hyperbole",
    "idiom:object",
    "idiom:other_death",
    "idiom:everyday",
    "negation",
    "negation:back",
    "joke",
    "affirm",
    "deny",
    "serious",
};

bool is_mask(Concept c) {
    return c == Concept::IdiomHyperbole || c == Concept::IdiomObject ||
           c == Concept::IdiomOtherDeath || c == Concept::IdiomEveryday || c == Concept::Negation ||
           c == Concept::NegationBack;
}

bool is_marker(Concept c) {
    return c == Concept::Joke || c == Concept::Affirm || c == Concept::Deny ||
           c == Concept::Serious;
}

bool has_hangul(std::string_view text) {
    // Hangul syllables and jamo are encoded with the lead bytes 0xE1 (jamo), 0xE3 (compatibility
    // jamo, U+3131–U+318E) and 0xEA–0xED (syllables).
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const auto b = static_cast<unsigned char>(text[i]);
        const auto b1 = static_cast<unsigned char>(text[i + 1]);
        if ((b >= 0xEA && b <= 0xED) || (b == 0xE3 && (b1 == 0x84 || b1 == 0x85 || b1 == 0x86))) {
            return true;
        }
    }
    return false;
}

// `{a|b}c` → "ac", "bc"; groups may nest, and an empty alternative is allowed (`{very |}sad`).
} // namespace

Result<std::vector<std::string>> expand_alternatives(std::string_view line, std::size_t limit) {
    const std::size_t open = line.find('{');
    if (open == std::string_view::npos) {
        if (line.find('}') != std::string_view::npos || line.find('|') != std::string_view::npos) {
            return Error{ErrorCode::InvalidArgument, "'|' or '}' outside a {…} group"};
        }
        return std::vector<std::string>{std::string(line)};
    }
    int depth = 0;
    std::size_t close = std::string_view::npos;
    std::vector<std::string_view> alternatives;
    std::size_t start = open + 1;
    for (std::size_t k = open; k < line.size(); ++k) {
        if (line[k] == '{') {
            ++depth;
        } else if (line[k] == '}') {
            if (--depth == 0) {
                alternatives.push_back(line.substr(start, k - start));
                close = k;
                break;
            }
        } else if (line[k] == '|' && depth == 1) {
            alternatives.push_back(line.substr(start, k - start));
            start = k + 1;
        }
    }
    if (close == std::string_view::npos) {
        return Error{ErrorCode::InvalidArgument, "a '{' without its '}'"};
    }
    const std::string prefix(line.substr(0, open));
    auto rest = expand_alternatives(line.substr(close + 1), limit);
    if (!rest) {
        return rest.error();
    }
    std::vector<std::string> out;
    for (const auto alternative : alternatives) {
        auto heads = expand_alternatives(alternative, limit);
        if (!heads) {
            return heads.error();
        }
        for (const auto& head : *heads) {
            for (const auto& tail : *rest) {
                out.push_back(prefix + head + tail);
                if (out.size() > limit) {
                    return Error{ErrorCode::InvalidArgument,
                                 fmt::format("expands to more than {} patterns", limit)};
                }
            }
        }
    }
    return out;
}

namespace {

std::string_view strip_comment(std::string_view line) {
    if (const auto hash = line.find(" #"); hash != std::string_view::npos) {
        line = line.substr(0, hash);
    }
    return core::trim(line);
}

// The space-separated words of `text`.
std::vector<std::string> split_spaces(std::string_view text) {
    std::vector<std::string> words;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t space = text.find(' ', start);
        const std::size_t end = space == std::string_view::npos ? text.size() : space;
        if (end > start) {
            words.emplace_back(text.substr(start, end - start));
        }
        start = end + 1;
    }
    return words;
}

void add_vocabulary(WordTable& table, std::string_view spaced) {
    std::size_t start = 0;
    while (start < spaced.size()) {
        const std::size_t space = spaced.find(' ', start);
        const std::size_t end = space == std::string_view::npos ? spaced.size() : space;
        if (end > start) {
            table.vocabulary.emplace(spaced.substr(start, end - start));
        }
        start = end + 1;
    }
}

} // namespace

const char* concept_name(Concept c) {
    return concept_names.at(static_cast<std::size_t>(c));
}

std::optional<Concept> concept_from_name(std::string_view name) {
    for (std::size_t k = 0; k < concept_count; ++k) {
        if (name == concept_names[k]) {
            return static_cast<Concept>(k);
        }
    }
    return std::nullopt;
}

Result<ConceptTables>
ConceptTables::parse(const std::vector<std::pair<std::string, std::string_view>>& files) {
    ConceptTables tables;
    const auto error = [](const std::string& source, std::size_t line, std::string_view why) {
        return Error{ErrorCode::InvalidArgument,
                     fmt::format("risk concepts: {} line {}: {}", source, line, why)};
    };
    // First the words, so that every pattern is normalised like the messages it must meet.
    for (const auto& [source, text] : files) {
        std::string section;
        std::size_t number = 0;
        for (const auto raw : core::split_lines(text)) {
            ++number;
            const std::string_view line = strip_comment(raw);
            if (line.empty() || line.front() == '#') {
                continue;
            }
            if (line.front() == '[') {
                section = std::string(line);
                continue;
            }
            if (section == "[words]") {
                const auto eq = line.find(" = ");
                if (eq == std::string_view::npos) {
                    return error(source, number, "a [words] line is `from = to`");
                }
                const std::string from = core::to_lower(core::trim(line.substr(0, eq)));
                const std::string to = core::to_lower(core::trim(line.substr(eq + 3)));
                tables.m_words.replacements[from] = to;
            } else if (section == "[fuzzy]") {
                tables.m_words.fuzzy.push_back(core::to_lower(line));
            }
        }
    }
    WordTable pattern_words;
    pattern_words.replacements = tables.m_words.replacements;
    for (const auto& [from, to] : tables.m_words.replacements) {
        add_vocabulary(tables.m_words, " " + to + " ");
    }
    for (const auto& word : tables.m_words.fuzzy) {
        tables.m_words.vocabulary.insert(word);
    }

    // Patterns are normalised a word at a time (the normaliser works word by word), each distinct
    // word once: the files expand to some hundred thousand patterns.
    std::unordered_map<std::string, std::vector<std::string>> cache;
    const auto normalized_words = [&](const std::string& piece) -> const std::vector<std::string>& {
        auto [it, added] = cache.try_emplace(piece);
        if (added) {
            const RiskText normal = normalize_risk_text(piece, &pattern_words);
            it->second = split_spaces(normal.spaced);
        }
        return it->second;
    };
    std::vector<std::uint32_t> symbols;
    for (const auto& [source, text] : files) {
        std::optional<Concept> section;
        bool skip_section = false;
        std::size_t number = 0;
        for (const auto raw : core::split_lines(text)) {
            ++number;
            const std::string_view line = strip_comment(raw);
            if (line.empty() || line.front() == '#') {
                continue;
            }
            if (line.front() == '[') {
                if (line.back() != ']') {
                    return error(source, number, "a section header is `[name]`");
                }
                const std::string_view name = line.substr(1, line.size() - 2);
                skip_section = name == "words" || name == "fuzzy";
                section = concept_from_name(name);
                if (!section && !skip_section) {
                    return error(source, number, fmt::format("unknown concept '{}'", name));
                }
                continue;
            }
            if (skip_section) {
                continue;
            }
            if (!section) {
                return error(source, number, "a pattern before any [concept] header");
            }
            auto variants = expand_alternatives(line, 20000);
            if (!variants) {
                return error(source, number, variants.error().message);
            }
            for (std::string_view variant : *variants) {
                PatternInfo info{.concept_id = *section};
                const bool korean = has_hangul(variant);
                if (korean && !variant.empty() && variant.front() == '<') {
                    info.anchor_begin = true;
                    variant.remove_prefix(1);
                }
                if (korean && !variant.empty() && variant.back() == '>') {
                    info.anchor_end = true;
                    variant.remove_suffix(1);
                }
                symbols.clear();
                for (const auto& piece : split_spaces(variant)) {
                    const auto& words = normalized_words(piece);
                    for (const auto& word : words) {
                        if (korean) {
                            const auto cps = core::decode_utf8(word);
                            symbols.insert(symbols.end(), cps.begin(), cps.end());
                        } else {
                            const auto [it, added] = tables.m_word_ids.try_emplace(
                                word, static_cast<std::uint32_t>(tables.m_word_ids.size() + 1));
                            symbols.push_back(it->second);
                            if (added) {
                                tables.m_words.vocabulary.insert(word);
                            }
                        }
                    }
                }
                if (symbols.empty()) {
                    return error(source, number, "an empty pattern");
                }
                if (korean) {
                    tables.m_korean.add(symbols);
                    tables.m_korean_info.push_back(info);
                } else {
                    tables.m_english.add(symbols);
                    tables.m_english_info.push_back(info);
                }
            }
        }
    }
    tables.m_words.finish();
    tables.m_english.build();
    tables.m_korean.build();
    return tables;
}

RiskText ConceptTables::normalize(std::string_view text) const {
    return normalize_risk_text(text, &m_words);
}

std::vector<ConceptMatch> ConceptTables::match(const RiskText& text) const {
    std::vector<ConceptMatch> matches;
    const std::string& spaced = text.spaced;
    const auto add = [&](Concept c, std::uint32_t begin, std::uint32_t end) {
        matches.push_back({.concept_id = c,
                           .begin = begin,
                           .end = end,
                           .first_token = text.token_at[begin],
                           .last_token = text.token_at[end - 1]});
    };
    // English: the words as ids (0 for a word no pattern has), with their byte spans.
    std::vector<std::uint32_t> ids;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
    ids.reserve(static_cast<std::size_t>(text.token_count));
    spans.reserve(static_cast<std::size_t>(text.token_count));
    for (std::size_t k = 1; k < spaced.size();) {
        const std::size_t end = spaced.find(' ', k);
        if (end == std::string::npos || end == k) {
            break;
        }
        const auto it = m_word_ids.find(std::string_view(spaced).substr(k, end - k));
        ids.push_back(it == m_word_ids.end() ? 0 : it->second);
        spans.emplace_back(static_cast<std::uint32_t>(k), static_cast<std::uint32_t>(end));
        k = end + 1;
    }
    m_english.find(ids, [&](int id, std::size_t end) {
        const std::size_t first = end - m_english.length(id);
        add(m_english_info[id].concept_id, spans[first].first, spans[end - 1].second);
    });
    // Korean: the code points of the compact text, with the byte each starts at.
    std::vector<std::uint32_t> cps;
    std::vector<std::uint32_t> starts;
    cps.reserve(text.compact.size());
    starts.reserve(text.compact.size());
    for (std::size_t i = 0; i < text.compact.size();) {
        const auto lead = static_cast<unsigned char>(text.compact[i]);
        const std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
        std::uint32_t cp = lead < 0x80   ? lead
                           : lead < 0xE0 ? lead & 0x1F
                           : lead < 0xF0 ? lead & 0x0F
                                         : lead & 0x07;
        for (std::size_t j = 1; j < length && i + j < text.compact.size(); ++j) {
            cp = (cp << 6) | (static_cast<unsigned char>(text.compact[i + j]) & 0x3F);
        }
        cps.push_back(cp);
        starts.push_back(static_cast<std::uint32_t>(i));
        i += length;
    }
    starts.push_back(static_cast<std::uint32_t>(text.compact.size()));
    m_korean.find(cps, [&](int id, std::size_t end) {
        const std::size_t begin = end - m_korean.length(id);
        const PatternInfo& info = m_korean_info[id];
        const std::uint32_t first = text.compact_to_spaced[starts[begin]];
        const std::uint32_t last = text.compact_to_spaced[starts[end] - 1];
        if (info.anchor_begin && (first == 0 || spaced[first - 1] != ' ')) {
            return;
        }
        if (info.anchor_end && (last + 1 >= spaced.size() || spaced[last + 1] != ' ')) {
            return;
        }
        add(info.concept_id, first, last + 1);
    });
    return matches;
}

ConceptReading ConceptTables::read(const RiskText& text) const {
    std::vector<ConceptMatch> matches = match(text);
    // A yes to a check-in is a short message that starts with one ("yeah, kind of", 응 솔직히 좀).
    const bool starts_yes = std::any_of(matches.begin(), matches.end(), [](const ConceptMatch& m) {
        return m.concept_id == Concept::Affirm && m.first_token <= 1;
    });
    ConceptReading reading = compose_concepts(std::move(matches), has_hangul(text.compact));
    const bool short_reply = text.token_count <= 8;
    reading.affirm = reading.affirm && starts_yes && short_reply;
    reading.deny = reading.deny && short_reply;
    return reading;
}

namespace {

struct Evidence {
    RiskLevel level = RiskLevel::None;
    RiskKind kind = RiskKind::None;
    std::string signal;
};

RiskKind kind_of_means(Concept means, bool deadly) {
    return means == Concept::MeansBlade && !deadly ? RiskKind::SelfHarm : RiskKind::Suicide;
}

// Whether the matches hold self, then a wish, then death, within `window` words, with no other
// person between the wish and death (English), or a wish and death close together (Korean).
bool wish_to_die(const std::vector<ConceptMatch>& matches, bool korean, int window) {
    for (const auto& death : matches) {
        if (death.concept_id != Concept::Death) {
            continue;
        }
        for (const auto& wish : matches) {
            if (wish.concept_id != Concept::Wish) {
                continue;
            }
            if (korean) {
                // 죽어 버리고 싶다: the wish follows death within two words.
                if (wish.begin >= death.end && wish.first_token <= death.last_token + 2) {
                    return true;
                }
                continue;
            }
            if (wish.last_token >= death.first_token ||
                death.first_token - wish.last_token > window) {
                continue;
            }
            const bool other_between =
                std::any_of(matches.begin(), matches.end(), [&](const ConceptMatch& m) {
                    return m.concept_id == Concept::Other && m.first_token > wish.last_token &&
                           m.last_token < death.first_token;
                });
            const bool self_before =
                std::any_of(matches.begin(), matches.end(), [&](const ConceptMatch& m) {
                    return m.concept_id == Concept::Self && m.last_token <= wish.first_token &&
                           wish.first_token - m.last_token <= 3;
                });
            if (self_before && !other_between) {
                return true;
            }
        }
    }
    return false;
}

// Whether a match of `first` ends before one of `second` starts within `window` words (either
// order when `any_order`).
bool near(const std::vector<ConceptMatch>& matches,
          Concept first,
          Concept second,
          int window,
          bool any_order) {
    for (const auto& a : matches) {
        if (a.concept_id != first) {
            continue;
        }
        for (const auto& b : matches) {
            if (b.concept_id != second) {
                continue;
            }
            const bool forward = a.end <= b.begin && b.first_token <= a.last_token + window;
            const bool backward =
                any_order && b.end <= a.begin && a.first_token <= b.last_token + window;
            if (forward || backward) {
                return true;
            }
        }
    }
    return false;
}

// Whether a farewell or a giving-away comes with finality, or with another farewell or
// giving-away, in two matches that do not overlap ("thank you for everything" … "forever";
// "goodbye everyone" … "you can have my guitar"). One phrase alone is only a concern: people say
// goodbye and thank each other every day.
bool final_farewell(const std::vector<ConceptMatch>& matches) {
    for (const auto& a : matches) {
        if (a.concept_id != Concept::Farewell && a.concept_id != Concept::GivingAway) {
            continue;
        }
        for (const auto& b : matches) {
            const bool partner = b.concept_id == Concept::Finality ||
                                 b.concept_id == Concept::Farewell ||
                                 b.concept_id == Concept::GivingAway;
            const bool apart = b.end <= a.begin || a.end <= b.begin;
            if (&a != &b && partner && (apart || b.concept_id != a.concept_id)) {
                return true;
            }
        }
    }
    return false;
}

} // namespace

ConceptReading compose_concepts(std::vector<ConceptMatch> matches, bool korean) {
    // Masks: an idiom, another's death, an everyday use or a negation hides every match it
    // overlaps, unless that match strictly contains it ("살고 싶지 않" is not hidden by "살고 싶").
    std::vector<ConceptMatch> masks;
    for (const auto& m : matches) {
        if (is_mask(m.concept_id)) {
            masks.push_back(m);
        }
    }
    std::erase_if(matches, [&](const ConceptMatch& m) {
        if (is_mask(m.concept_id) || is_marker(m.concept_id)) {
            return false;
        }
        return std::any_of(masks.begin(), masks.end(), [&](const ConceptMatch& k) {
            const bool overlap = m.begin < k.end && k.begin < m.end;
            const bool contains =
                m.begin <= k.begin && m.end >= k.end && (m.end - m.begin) > (k.end - k.begin);
            // A negation of what came before ("죽고 싶다는 뜻이 아니라") hides the eight words
            // before it too.
            const bool before = k.concept_id == Concept::NegationBack && m.end <= k.begin &&
                                m.first_token + 8 >= k.first_token;
            return (overlap && !contains) || before;
        });
    });

    // A mask inside a longer phrase that survived ("not for cooking", "hunting rifle") is part of
    // that phrase, not a sign that the message is harmless.
    std::erase_if(matches, [&](const ConceptMatch& k) {
        if (!is_mask(k.concept_id)) {
            return false;
        }
        return std::any_of(matches.begin(), matches.end(), [&](const ConceptMatch& m) {
            return !is_mask(m.concept_id) && !is_marker(m.concept_id) &&
                   m.concept_id != Concept::Self && m.concept_id != Concept::Other &&
                   m.begin <= k.begin && m.end >= k.end && (m.end - m.begin) > (k.end - k.begin);
        });
    });

    ConceptReading reading;
    for (const auto& m : matches) {
        reading.present.set(static_cast<std::size_t>(m.concept_id));
    }
    const auto has = [&](Concept c) { return reading.present.test(static_cast<std::size_t>(c)); };
    const bool self = korean || has(Concept::Self);

    std::vector<Evidence> explicit_evidence;
    std::vector<Evidence> weak;
    const auto crisis_alone = [&](Concept c, RiskKind kind) {
        if (has(c)) {
            explicit_evidence.push_back({RiskLevel::Crisis, kind, concept_name(c)});
        }
    };
    // Another's death, a film, a book, a game or the news can hold a note, a method, a threat or
    // abuse that is nobody's in the room: those become loose evidence there. The person's own
    // wish to die or to hurt themselves never does.
    const bool story = has(Concept::IdiomOtherDeath);
    const auto crisis_in_story = [&](Concept c, RiskKind kind) {
        if (has(c)) {
            (story ? weak : explicit_evidence)
                .push_back({RiskLevel::Crisis, kind, concept_name(c)});
        }
    };
    crisis_alone(Concept::SelfDeath, RiskKind::Suicide);
    crisis_alone(Concept::PassiveWish, RiskKind::Suicide);
    crisis_alone(Concept::Burden, RiskKind::Suicide);
    crisis_in_story(Concept::Note, RiskKind::Suicide);
    crisis_in_story(Concept::MethodQuestion, RiskKind::Suicide);
    crisis_alone(Concept::SelfHarm, RiskKind::SelfHarm);
    crisis_in_story(Concept::HarmOthers, RiskKind::HarmToOthers);
    crisis_in_story(Concept::Abuse, RiskKind::Abuse);

    const bool farewell = has(Concept::Farewell);
    const bool giving = has(Concept::GivingAway);
    if (final_farewell(matches)) {
        weak.push_back({RiskLevel::Crisis, RiskKind::Suicide, "farewell+finality"});
    } else if (farewell || giving) {
        weak.push_back(
            {RiskLevel::Concern, RiskKind::Suicide, farewell ? "farewell" : "giving_away"});
    }

    const bool deadly = has(Concept::Death) || has(Concept::SelfDeath) || has(Concept::Finality);
    for (std::size_t k = static_cast<std::size_t>(Concept::MeansMedication);
         k <= static_cast<std::size_t>(Concept::MeansTrain);
         ++k) {
        const auto means = static_cast<Concept>(k);
        if (!has(means)) {
            continue;
        }
        const RiskKind kind = kind_of_means(means, deadly);
        // An act with a means ("tied the rope", "swallowed everything in the medicine cabinet")
        // is a crisis, lowered like every loose composition by an everyday use or a game.
        weak.push_back({RiskLevel::Crisis,
                        kind,
                        deadly || farewell ? fmt::format("{}+death", concept_name(means))
                                           : std::string(concept_name(means))});
    }

    if (self && wish_to_die(matches, korean, 8)) {
        weak.push_back({RiskLevel::Crisis, RiskKind::Suicide, "self+wish+death"});
    }
    if (has(Concept::MeansObject) && has(Concept::Death)) {
        weak.push_back({RiskLevel::Crisis, RiskKind::Suicide, "means:object+death"});
    } else if (has(Concept::MeansObject) && has(Concept::Method)) {
        weak.push_back({RiskLevel::Concern, RiskKind::Suicide, "means:object+method"});
    }
    if (self && has(Concept::Death) &&
        (has(Concept::Intent) || has(Concept::Plan) || has(Concept::Time))) {
        weak.push_back({RiskLevel::Concern, RiskKind::Suicide, "self+death+intent"});
    }
    // A plan, an act ("doing it"), a time or finality together are a concern: people make plans
    // every day ("picked a date for the wedding, it's on friday"). The model, which has seen both,
    // decides whether such a message is a crisis.
    const bool plan = has(Concept::Plan);
    const bool act = has(Concept::Act);
    const bool time = has(Concept::Time);
    const bool finality = has(Concept::Finality);
    if ((plan && (time || act || finality)) || (act && (time || finality))) {
        weak.push_back({RiskLevel::Concern, RiskKind::Suicide, "plan+time"});
    }
    if (near(matches, Concept::Absence, Concept::Relief, 10, true)) {
        weak.push_back({RiskLevel::Crisis, RiskKind::Suicide, "absence+relief"});
    } else if (has(Concept::Absence)) {
        weak.push_back({RiskLevel::Concern, RiskKind::Suicide, "absence"});
    }
    if (near(matches, Concept::Abuser, Concept::AbuseAct, 6, false)) {
        weak.push_back({RiskLevel::Crisis, RiskKind::Abuse, "abuser+act"});
    }
    if (has(Concept::Method) && has(Concept::Death)) {
        weak.push_back({RiskLevel::Crisis, RiskKind::Suicide, "method+death"});
    }
    if (has(Concept::Threat)) {
        const bool armed = has(Concept::MeansBlade) || has(Concept::MeansFirearm) ||
                           has(Concept::MeansObject) || plan || time || act ||
                           has(Concept::Serious);
        weak.push_back({armed ? RiskLevel::Crisis : RiskLevel::Concern,
                        RiskKind::HarmToOthers,
                        armed ? "threat+means" : "threat"});
    }
    if (has(Concept::Hopeless)) {
        const bool deathly = has(Concept::Death) || has(Concept::MeansObject);
        weak.push_back({deathly ? RiskLevel::Crisis : RiskLevel::Concern,
                        RiskKind::Suicide,
                        deathly ? "hopeless+death" : "hopeless"});
    }
    if (has(Concept::Distress)) {
        weak.push_back({RiskLevel::Concern, RiskKind::Suicide, "distress"});
    }
    if (has(Concept::AbuseHint)) {
        weak.push_back({RiskLevel::Concern, RiskKind::Abuse, "abuse_hint"});
    }

    reading.joke = has(Concept::Joke) && !has(Concept::Serious);
    reading.affirm = has(Concept::Affirm) && !has(Concept::Deny);
    reading.deny = has(Concept::Deny);
    for (std::size_t k = static_cast<std::size_t>(Concept::IdiomHyperbole);
         k <= static_cast<std::size_t>(Concept::NegationBack);
         ++k) {
        if (reading.present.test(k)) {
            reading.lowering = true;
            reading.signals.emplace_back(concept_names[k]);
        }
    }
    // Lowering: a message with an idiom, another's death, an everyday use or a negation keeps its
    // loose evidence at a concern at most, and none at all with a joke marker too.
    if (reading.lowering) {
        for (auto& e : weak) {
            e.level = reading.joke ? RiskLevel::None : std::min(e.level, RiskLevel::Concern);
        }
    } else if (reading.joke) {
        // A joke marker alone keeps loose evidence at a concern: Samantha still asks.
        for (auto& e : weak) {
            e.level = std::min(e.level, RiskLevel::Concern);
        }
    }

    const auto strongest = [](const std::vector<Evidence>& list) -> const Evidence* {
        const Evidence* best = nullptr;
        for (const auto& e : list) {
            if (best == nullptr || e.level > best->level) {
                best = &e;
            }
        }
        return best;
    };
    for (const auto& e : explicit_evidence) {
        reading.signals.push_back(e.signal);
    }
    for (const auto& e : weak) {
        if (e.level > RiskLevel::None) {
            reading.signals.push_back(e.signal);
        }
    }
    const Evidence* best_explicit = strongest(explicit_evidence);
    const Evidence* best_weak = strongest(weak);
    reading.explicit_level = best_explicit != nullptr ? best_explicit->level : RiskLevel::None;
    reading.weak_level = best_weak != nullptr ? best_weak->level : RiskLevel::None;
    reading.level = std::max(reading.explicit_level, reading.weak_level);
    if (reading.level != RiskLevel::None) {
        reading.kind =
            reading.explicit_level >= reading.weak_level ? best_explicit->kind : best_weak->kind;
    }
    if (reading.joke) {
        reading.signals.emplace_back("joke");
    }
    reading.score = reading.explicit_level == RiskLevel::Crisis ? 1.0F
                    : reading.level == RiskLevel::Crisis        ? 0.8F
                    : reading.level == RiskLevel::Concern       ? 0.5F
                                                                : 0.0F;
    return reading;
}

} // namespace samantha::nlu
