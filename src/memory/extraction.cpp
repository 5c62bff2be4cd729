#include "memory/extraction.h"

#include <algorithm>
#include <array>
#include <charconv>

#include <fmt/format.h>

#include "core/hangul.h"
#include "core/text.h"
#include "core/utf8.h"
#include "memory/extraction_rules.h"
#include "memory/slot.h"
#include "memory/vocabulary_data.h"

namespace samantha::memory {

namespace {

struct SlotLabel {
    std::string_view slot;
    std::string_view en;
    std::string_view ko;
};

constexpr std::array<SlotLabel, 10> slot_labels = {{{"name", "name", "이름"},
                                                    {"age", "age", "나이"},
                                                    {"birthday", "birthday", "생일"},
                                                    {"city", "lives in", "사는 곳"},
                                                    {"hometown", "from", "고향"},
                                                    {"workplace", "works at", "직장"},
                                                    {"work_city", "works in", "근무지"},
                                                    {"job", "job", "직업"},
                                                    {"school", "studies at", "학교"},
                                                    {"major", "studies", "전공"}}};

} // namespace

std::pair<std::string, std::string>
corrected_fact(std::string_view slot, std::string_view value, std::string_view words) {
    const std::string lower = core::to_lower(words);
    if (slot.starts_with("person:") && slot.find(':', 7) != std::string_view::npos) {
        return {"person:" + slot_relation(slot) + ":" + lower, std::string(words)};
    }
    if (slot.starts_with("pref:")) {
        if (lower == "like" || lower == "likes" || words == "좋아함") {
            return {std::string(slot), "like"};
        }
        if (lower == "dislike" || lower == "dislikes" || words == "싫어함") {
            return {std::string(slot), "dislike"};
        }
        return {"pref:" + lower, std::string(value)};
    }
    return {std::string(slot), std::string(words)};
}

std::string slot_relation(std::string_view slot) {
    return parse_slot(slot).relation;
}

std::string fact_text(std::string_view slot, std::string_view value, Language language) {
    const bool ko = language == Language::Korean;
    for (const auto& label : slot_labels) {
        if (slot == label.slot) {
            return fmt::format("{}: {}", ko ? label.ko : label.en, value);
        }
    }
    const Slot parsed = parse_slot(slot);
    if (parsed.kind == SlotKind::Person) {
        return fmt::format("{}: {}", parsed.relation, value);
    }
    if (parsed.kind == SlotKind::Preference) {
        const bool likes = value == "like";
        const auto& object = parsed.object;
        if (ko) {
            return fmt::format("{}: {}", likes ? "좋아함" : "싫어함", object);
        }
        return fmt::format("{}: {}", likes ? "likes" : "dislikes", object);
    }
    if (parsed.kind == SlotKind::Favorite) {
        return ko ? fmt::format("제일 좋아하는 {}: {}", parsed.object, value)
                  : fmt::format("favorite {}: {}", parsed.object, value);
    }
    if (parsed.kind == SlotKind::Habit) {
        return fmt::format("{}: {}", ko ? "습관" : "habit", value);
    }
    return fmt::format("{}: {}", slot, value);
}

namespace rules {

bool Sentence::boundary_before(std::size_t i) const {
    if (i == 0 || i >= original.size()) {
        return true;
    }
    const auto gap =
        std::string_view(text).substr(original[i - 1].end, original[i].begin - original[i - 1].end);
    return gap.find_first_of(",;:()\"") != std::string_view::npos;
}

Sentence make_sentence(std::string_view text) {
    Sentence s;
    s.text = std::string(text);
    s.original = core::word_spans(text);
    s.lower = core::word_spans(core::to_lower(text));
    s.question = text.find('?') != std::string_view::npos;
    return s;
}

void Facts::add(std::string slot, std::string value, float importance) {
    if (value.empty() || value.size() > 80) {
        return;
    }
    birthday_added = birthday_added || slot == "birthday";
    for (auto& existing : list) {
        if (existing.slot == slot) {
            existing.value = value;
            existing.text = fact_text(existing.slot, value, language);
            return;
        }
    }
    std::string text = fact_text(slot, value, language);
    list.push_back(ExtractedFact{.slot = std::move(slot),
                                 .value = std::move(value),
                                 .text = std::move(text),
                                 .importance = importance});
}

bool is_greeting(const Sentence& s) {
    if (s.size() == 0 || s.size() > 4) {
        return false;
    }
    const std::string_view first = s.w(0);
    return first.starts_with("안녕") || first.starts_with("처음") || first.starts_with("반갑") ||
           first.starts_with("반가") || first == "hi" || first == "hello" || first == "hey";
}

bool is_capitalized(std::string_view word) {
    return !word.empty() && word.front() >= 'A' && word.front() <= 'Z';
}

std::string capitalize(std::string word) {
    if (!word.empty() && word.front() >= 'a' && word.front() <= 'z') {
        word.front() = static_cast<char>(word.front() - 'a' + 'A');
    }
    return word;
}

bool is_hangul_word(std::string_view word) {
    const auto cps = core::decode_utf8(word);
    return !cps.empty() && std::all_of(cps.begin(), cps.end(), core::is_hangul_syllable);
}

std::size_t syllables(std::string_view word) {
    return core::code_point_count(word);
}

int parse_int(std::string_view digits) {
    int value = -1;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return ec == std::errc{} && ptr == digits.data() + digits.size() ? value : -1;
}

std::string korean_noun(std::string_view word) {
    static constexpr std::array<std::string_view, 22> endings = {
        "이에요", "이예요", "입니다", "이라고", "이랑은", "이랑", "예요", "에요",
        "이야",   "라고",   "이고",   "한테",   "에게",   "이가", "이는", "이를",
        "은",     "는",     "이",     "가",     "을",     "를"};
    std::string stem(word);
    for (const std::string_view ending : endings) {
        if (stem.size() > ending.size() && stem.ends_with(ending)) {
            stem.resize(stem.size() - ending.size());
            break;
        }
    }
    for (const std::string_view ending :
         {std::string_view("야"), std::string_view("랑"), std::string_view("도")}) {
        if (stem.size() > ending.size() && stem.ends_with(ending)) {
            stem.resize(stem.size() - ending.size());
            break;
        }
    }
    // 콩이 → 콩: the hypocoristic 이 follows a syllable with 받침.
    if (stem.ends_with("이") && syllables(stem) >= 2) {
        const std::string_view before = std::string_view(stem).substr(0, stem.size() - 3);
        if (core::final_batchim(before) != core::Batchim::None && syllables(before) <= 2 &&
            stem != "고양이" && stem != "거북이") {
            stem.resize(stem.size() - 3);
        }
    }
    return stem;
}

const Vocabulary& vocabulary() {
    static const Vocabulary parsed = [] {
        Vocabulary v;
        WordList* list = nullptr;
        bool pairs = false;
        for (const auto line : core::split_lines(vocabulary_data::text())) {
            const std::string_view entry = core::trim(line.substr(0, line.find("  #")));
            if (entry.empty() || entry.front() == '#') {
                continue;
            }
            if (entry.front() == '[') {
                const std::string_view name = entry.substr(1, entry.find(']') - 1);
                pairs = name == "english_relations";
                list = name == "english_unique_relations"  ? &v.english_unique_relations
                       : name == "korean_relations"        ? &v.korean_relations
                       : name == "korean_unique_relations" ? &v.korean_unique_relations
                       : name == "korean_jobs"             ? &v.korean_jobs
                       : name == "korean_not_names"        ? &v.korean_not_names
                       : name == "english_phrase_stops"    ? &v.english_phrase_stops
                       : name == "not_english_names"       ? &v.not_english_names
                       : name == "event_nouns"             ? &v.event_nouns
                       : name == "plan_verbs"              ? &v.plan_verbs
                       : name == "korean_i_nouns"          ? &v.korean_i_nouns
                       : name == "korean_regions"          ? &v.korean_regions
                       : name == "korean_places"           ? &v.korean_places
                       : name == "korean_not_places"       ? &v.korean_not_places
                       : name == "korean_schools"          ? &v.korean_schools
                       : name == "korean_not_schools"      ? &v.korean_not_schools
                       : name == "korean_descriptors"      ? &v.korean_descriptors
                       : name == "korean_inanimate"        ? &v.korean_inanimate
                       : name == "korean_evaluative"       ? &v.korean_evaluative
                       : name == "korean_go_nouns"         ? &v.korean_go_nouns
                                                           : nullptr;
                continue;
            }
            if (pairs) {
                const auto bar = entry.find('|');
                const auto space = bar != std::string_view::npos ? bar : entry.find(' ');
                v.english_relations.emplace(std::string(entry.substr(0, space)),
                                            std::string(entry.substr(space + 1)));
            } else if (list != nullptr) {
                list->emplace(entry);
            }
        }
        return v;
    }();
    return parsed;
}

} // namespace rules

Extraction extract(std::string_view text, Language language, CivilDate today) {
    Extraction out;
    rules::Facts facts{.language = language, .list = {}};
    bool after_greeting = false;
    for (const auto& piece : core::split_sentences(text)) {
        if (auto forget = rules::forget_request(piece)) {
            out.forget = std::move(forget);
            continue; // a request to forget is not itself something to remember
        }
        rules::Sentence s = rules::make_sentence(piece);
        s.after_greeting = after_greeting;
        after_greeting = rules::is_greeting(s);
        facts.birthday_added = false;
        rules::english_identity(s, facts, today);
        rules::english_people(s, facts);
        rules::english_preferences(s, facts);
        rules::english_habits(s, facts);
        rules::korean_identity(s, facts, today);
        rules::korean_people(s, facts);
        rules::korean_preferences(s, facts);
        rules::korean_habits(s, facts);
        rules::extract_event(s, language, today, facts.birthday_added, out.events);
    }
    out.facts = std::move(facts.list);
    return out;
}

} // namespace samantha::memory
