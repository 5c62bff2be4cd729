// English extraction rules (docs/memory.md, "Extraction").
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/hangul.h"
#include "core/text.h"
#include "core/utf8.h"
#include "memory/dates.h"
#include "memory/extraction_rules.h"
#include "memory/terms.h"

namespace samantha::memory::rules {

using core::contains;

namespace {

// Up to `max` original words from `i`, stopping at a clause boundary or a stop word.
std::string
english_phrase(const Sentence& s, std::size_t i, std::size_t max, const WordList& stops) {
    std::string out;
    for (std::size_t k = i; k < s.size() && k < i + max; ++k) {
        if (k > i && s.boundary_before(k)) {
            break;
        }
        if (stops.contains(s.w(k)) && !(k == i && s.w(k) == "a")) {
            break;
        }
        if (!out.empty()) {
            out += ' ';
        }
        out += s.original[k].word;
    }
    return out;
}

std::string strip_article(std::string phrase) {
    for (const std::string_view article : {"the ", "a ", "an ", "The ", "A ", "An "}) {
        if (phrase.starts_with(article)) {
            return phrase.substr(article.size());
        }
    }
    return phrase;
}

std::string english_name_at(const Sentence& s, std::size_t i, bool require_capital) {
    if (i >= s.size() || (i > 0 && s.boundary_before(i))) {
        return {};
    }
    const std::string& first = s.original[i].word;
    if ((require_capital && !is_capitalized(first)) ||
        vocabulary().not_english_names.contains(capitalize(first)) ||
        vocabulary().english_phrase_stops.contains(s.w(i)) ||
        !std::isalpha(static_cast<unsigned char>(first[0]))) {
        return {};
    }
    std::string name = capitalize(first);
    if (i + 1 < s.size() && !s.boundary_before(i + 1) && is_capitalized(s.original[i + 1].word) &&
        !vocabulary().not_english_names.contains(s.original[i + 1].word)) {
        name += ' ' + s.original[i + 1].word;
    }
    return name;
}

} // namespace

void english_identity(const Sentence& s, Facts& facts) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto w = s.w(i);
        // my name is X / my name's X
        if (w == "my" && s.w(i + 1) == "name" && s.w(i + 2) == "is") {
            facts.add("name", english_name_at(s, i + 3, false), 0.95f);
        } else if (w == "my" && s.w(i + 1) == "name's") {
            facts.add("name", english_name_at(s, i + 2, false), 0.95f);
        } else if (w == "call" && s.w(i + 1) == "me" && !s.question) {
            facts.add("name", english_name_at(s, i + 2, false), 0.95f);
        } else if ((w == "i'm" || (w == "i" && s.w(i + 1) == "am")) && !s.question) {
            const std::size_t k = w == "i'm" ? i + 1 : i + 2;
            const auto next = s.w(k);
            const int number = parse_int(next);
            if (number > 0 && number < 120 &&
                (s.w(k + 1).empty() || s.w(k + 1) == "years" || s.w(k + 1) == "and" ||
                 s.boundary_before(k + 1))) {
                facts.add("age", std::to_string(number), 0.7f);
            } else if (next == "from") {
                facts.add(
                    "hometown",
                    strip_article(english_phrase(s, k + 1, 3, vocabulary().english_phrase_stops)),
                    0.7f);
            } else if (next == "called") {
                facts.add("name", english_name_at(s, k + 1, false), 0.95f);
            } else if ((next == "a" || next == "an") && !s.question) {
                static const WordSet not_jobs = {
                    "bit",  "little", "lot",   "fan",     "big",    "huge",   "good",
                    "bad",  "great",  "very",  "really",  "pretty", "person", "kind",
                    "sort", "mess",   "wreck", "morning", "night",  "total",  "bit"};
                if (!not_jobs.contains(s.w(k + 1))) {
                    facts.add("job",
                              english_phrase(s, k + 1, 3, vocabulary().english_phrase_stops),
                              0.8f);
                    if (s.w(k + 2) == "at" || s.w(k + 3) == "at") {
                        const std::size_t at = s.w(k + 2) == "at" ? k + 3 : k + 4;
                        facts.add("workplace",
                                  strip_article(
                                      english_phrase(s, at, 3, vocabulary().english_phrase_stops)),
                                  0.75f);
                    }
                }
            } else if (next == "living" && s.w(k + 1) == "in") {
                facts.add(
                    "city",
                    strip_article(english_phrase(s, k + 2, 3, vocabulary().english_phrase_stops)),
                    0.8f);
            } else if (next == "studying" && !s.w(k + 1).empty()) {
                facts.add(
                    "major", english_phrase(s, k + 1, 3, vocabulary().english_phrase_stops), 0.6f);
            } else if (next == "working" && (s.w(k + 1) == "at" || s.w(k + 1) == "for")) {
                facts.add(
                    "workplace",
                    strip_article(english_phrase(s, k + 2, 3, vocabulary().english_phrase_stops)),
                    0.75f);
            } else if (k == s.size() - 1 || s.boundary_before(k + 1)) {
                // "Hi, I'm Mina." — a capitalised word ending the clause.
                if (i <= 2) {
                    facts.add("name", english_name_at(s, k, true), 0.9f);
                }
            }
        } else if ((w == "i" || w == "we") && !s.question) {
            std::size_t k = i + 1;
            while (s.w(k) == "just" || s.w(k) == "now" || s.w(k) == "recently" ||
                   s.w(k) == "actually" || s.w(k) == "still" || s.w(k) == "currently" ||
                   s.w(k) == "also") {
                ++k;
            }
            if (s.w(k) == "have" || s.w(k) == "'ve") {
                ++k;
            }
            const auto verb = s.w(k);
            const auto prep = s.w(k + 1);
            const auto& stops = vocabulary().english_phrase_stops;
            if ((verb == "live" || verb == "lived") && prep == "in" && verb == "live") {
                facts.add("city", strip_article(english_phrase(s, k + 2, 3, stops)), 0.8f);
            } else if ((verb == "moved" || verb == "relocated") && prep == "to") {
                facts.add("city", strip_article(english_phrase(s, k + 2, 3, stops)), 0.8f);
            } else if (verb == "come" && prep == "from") {
                facts.add("hometown", strip_article(english_phrase(s, k + 2, 3, stops)), 0.7f);
            } else if (verb == "work" && (prep == "at" || prep == "for")) {
                facts.add("workplace", strip_article(english_phrase(s, k + 2, 3, stops)), 0.75f);
                for (std::size_t as = k + 3; as + 1 < s.size() && as < k + 7; ++as) {
                    if (s.w(as) == "as") {
                        facts.add("job", strip_article(english_phrase(s, as + 1, 3, stops)), 0.8f);
                        break;
                    }
                }
            } else if (verb == "work" && prep == "as") {
                facts.add("job", strip_article(english_phrase(s, k + 2, 3, stops)), 0.8f);
            } else if (verb == "study" && prep == "at") {
                facts.add("school", strip_article(english_phrase(s, k + 2, 3, stops)), 0.7f);
            } else if ((verb == "study" || verb == "major") && !prep.empty()) {
                const std::size_t at = prep == "in" ? k + 2 : k + 1;
                facts.add("major", english_phrase(s, at, 3, stops), 0.6f);
            } else if (verb == "go" && prep == "to") {
                const std::string place = strip_article(english_phrase(s, k + 2, 4, stops));
                const std::string lower = core::to_lower(place);
                if (contains(lower, "university") || contains(lower, "college") ||
                    contains(lower, "school") || contains(lower, "academy")) {
                    facts.add("school", place, 0.7f);
                }
            } else if (verb == "turned") {
                const int number = parse_int(prep);
                if (number > 0 && number < 120) {
                    facts.add("age", std::to_string(number), 0.7f);
                }
            }
        } else if (w == "my" && (s.w(i + 1) == "job" || s.w(i + 1) == "major") &&
                   s.w(i + 2) == "is") {
            facts.add(std::string(s.w(i + 1)),
                      strip_article(english_phrase(s, i + 3, 3, vocabulary().english_phrase_stops)),
                      0.7f);
        } else if (w == "my" && (s.w(i + 1) == "birthday" || s.w(i + 1) == "birthday's")) {
            // The birthday is a month and day; resolve against a fixed leap year so 02-29 works.
            const auto rest = std::string_view(s.text).substr(s.original[i].begin);
            if (auto date = find_date(rest, CivilDate{.year = 2024, .month = 1, .day = 1})) {
                facts.add(
                    "birthday", fmt::format("{:02}-{:02}", date->date.month, date->date.day), 0.8f);
            }
        }
    }
}

void english_people(const Sentence& s, Facts& facts) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        std::size_t r = i + 1;
        bool possessive = s.w(i) == "my" || s.w(i) == "our";
        if (s.w(i) == "a" || s.w(i) == "an") {
            possessive = i > 0 && (s.w(i - 1) == "have" || s.w(i - 1) == "got");
        }
        if (!possessive) {
            continue;
        }
        if (s.w(r) == "best" || s.w(r) == "little" || s.w(r) == "older" || s.w(r) == "younger" ||
            s.w(r) == "big" || s.w(r) == "baby" || s.w(r) == "new" || s.w(r) == "old") {
            ++r;
        }
        std::string_view said = s.w(r);
        const bool named_possessive = said.ends_with("'s");
        if (named_possessive) {
            said.remove_suffix(2);
        }
        const std::string_view relation = vocabulary().english_relation(said);
        if (relation.empty()) {
            continue;
        }
        std::string name;
        std::size_t k = r + 1;
        if (named_possessive && s.w(k) == "name" && s.w(k + 1) == "is") {
            name = english_name_at(s, k + 2, false);
        } else if (s.w(k) == "is" && (s.w(k + 1) == "called" || s.w(k + 1) == "named")) {
            name = english_name_at(s, k + 2, false);
        } else if (s.w(k) == "called" || s.w(k) == "named") {
            name = english_name_at(s, k + 1, false);
        } else if (s.w(k) == "is") {
            name = english_name_at(s, k + 1, true);
        } else {
            name = english_name_at(s, k, true);
        }
        if (name.empty()) {
            continue;
        }
        const bool unique = vocabulary().english_unique_relations.contains(relation);
        std::string slot = "person:" + std::string(relation);
        if (!unique) {
            slot += ":" + core::to_lower(name);
        }
        facts.add(std::move(slot), name, 0.85f);
    }
    // "Emma is my sister."
    for (std::size_t i = 1; i + 2 < s.size(); ++i) {
        const std::size_t r = s.w(i + 2) == "best" || s.w(i + 2) == "little" ||
                                      s.w(i + 2) == "older" || s.w(i + 2) == "younger" ||
                                      s.w(i + 2) == "big"
                                  ? i + 3
                                  : i + 2;
        if (s.w(i) == "is" && s.w(i + 1) == "my" &&
            !vocabulary().english_relation(s.w(r)).empty()) {
            const std::string name = english_name_at(s, i - 1, true);
            if (!name.empty() && !contains(name, " ")) {
                const std::string_view relation = vocabulary().english_relation(s.w(r));
                std::string slot = "person:" + std::string(relation);
                if (!vocabulary().english_unique_relations.contains(relation)) {
                    slot += ":" + core::to_lower(name);
                }
                facts.add(std::move(slot), name, 0.85f);
            }
        }
    }
}

void english_preferences(const Sentence& s, Facts& facts) {
    if (s.question) {
        return;
    }
    static const WordSet adverbs = {"really",
                                    "absolutely",
                                    "just",
                                    "also",
                                    "totally",
                                    "kinda",
                                    "actually",
                                    "still",
                                    "truly",
                                    "do",
                                    "definitely",
                                    "simply"};
    static const WordSet objects_to_skip = {"you",
                                            "it",
                                            "that",
                                            "this",
                                            "them",
                                            "him",
                                            "her",
                                            "when",
                                            "how",
                                            "what",
                                            "my",
                                            "your",
                                            "being",
                                            "the",
                                            "us",
                                            "me"};
    static const WordList pref_stops = {
        "and",   "but",  "because",  "when",   "so",   "too",   "very", "a",
        "lot",   "much", "anymore",  "more",   "than", "since", "with", "though",
        "these", "days", "nowadays", "either", "at",   "in",    "on"};
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.w(i) != "i" && s.w(i) != "i'm") {
            continue;
        }
        std::size_t k = i + 1;
        bool negated = false;
        if (s.w(k) == "don't" || s.w(k) == "dont" || (s.w(k) == "do" && s.w(k + 1) == "not")) {
            negated = true;
            k += s.w(k) == "do" ? 2 : 1;
        }
        while (adverbs.contains(s.w(k))) {
            ++k;
        }
        const auto verb = s.w(k);
        std::optional<bool> likes;
        std::size_t object = k + 1;
        if (s.w(i) == "i'm" && verb == "into") {
            likes = true;
        } else if (s.w(i) == "i'm" && (verb == "a" || verb == "such") && s.w(k + 1) == "big" &&
                   s.w(k + 2) == "fan" && s.w(k + 3) == "of") {
            likes = true;
            object = k + 4;
        } else if (s.w(i) == "i" &&
                   (verb == "love" || verb == "like" || verb == "enjoy" || verb == "adore")) {
            likes = !negated;
        } else if (s.w(i) == "i" && (verb == "hate" || verb == "dislike" || verb == "detest")) {
            likes = false;
        } else if (s.w(i) == "i" && (verb == "can't" || verb == "cannot") &&
                   s.w(k + 1) == "stand") {
            likes = false;
            object = k + 2;
        }
        if (!likes || objects_to_skip.contains(s.w(object))) {
            continue;
        }
        const std::string what = english_phrase(s, object, 4, pref_stops);
        if (what.empty()) {
            continue;
        }
        facts.add("pref:" + what, *likes ? "like" : "dislike", 0.6f);
    }
    for (std::size_t i = 0; i + 3 < s.size(); ++i) {
        if (s.w(i) == "my" && (s.w(i + 1) == "favorite" || s.w(i + 1) == "favourite")) {
            std::size_t is = i + 3;
            while (is < s.size() && s.w(is) != "is" && is < i + 5) {
                ++is;
            }
            if (s.w(is) != "is") {
                continue;
            }
            std::string category;
            for (std::size_t k = i + 2; k < is; ++k) {
                category += (category.empty() ? "" : " ") + std::string(s.w(k));
            }
            facts.add(
                "favorite:" + category,
                strip_article(english_phrase(s, is + 1, 4, vocabulary().english_phrase_stops)),
                0.6f);
        }
    }
}

void english_habits(const Sentence& s, Facts& facts) {
    if (s.question || s.size() < 3) {
        return;
    }
    static const WordSet frequency = {"usually", "always", "often", "normally", "regularly"};
    static const WordSet periods = {"day",
                                    "morning",
                                    "evening",
                                    "night",
                                    "weekend",
                                    "week",
                                    "weekday",
                                    "sunday",
                                    "saturday",
                                    "monday",
                                    "friday"};
    bool habit = false;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s.w(i) == "i" && frequency.contains(s.w(i + 1))) {
            habit = true;
        }
        if (s.w(i) == "every" && periods.contains(s.w(i + 1))) {
            habit = habit || std::any_of(s.lower.begin(), s.lower.end(), [](const auto& w) {
                        return w.word == "i";
                    });
        }
    }
    if (!habit) {
        return;
    }
    std::string clause(core::trim(s.text));
    while (!clause.empty() && (clause.back() == '.' || clause.back() == '!')) {
        clause.pop_back();
    }
    facts.add("habit:" + core::to_lower(clause), clause, 0.5f);
}

} // namespace samantha::memory::rules
