// English extraction rules (docs/memory.md, "Extraction").
#include <algorithm>
#include <array>
#include <cctype>

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

// The words ending a value phrase: the vocabulary's stops and the tails of texting ("lol").
bool is_stop(const Sentence& s, std::size_t k) {
    return vocabulary().english_phrase_stops.contains(s.w(k));
}

// Up to `max` words from `i`, stopping at a clause boundary or a stop word, as written
// (hyphens kept: "K-pop", "sci-fi").
std::string
english_phrase(const Sentence& s, std::size_t i, std::size_t max, const WordList& stops) {
    std::size_t last = i;
    bool any = false;
    for (std::size_t k = i; k < s.size() && k < i + max; ++k) {
        if (k > i && s.boundary_before(k)) {
            break;
        }
        if (stops.contains(s.w(k)) && !(k == i && s.w(k) == "a")) {
            break;
        }
        last = k;
        any = true;
    }
    if (!any) {
        return {};
    }
    return std::string(std::string_view(s.text).substr(s.original[i].begin,
                                                       s.original[last].end - s.original[i].begin));
}

std::string phrase(const Sentence& s, std::size_t i, std::size_t max) {
    return english_phrase(s, i, max, vocabulary().english_phrase_stops);
}

std::string strip_article(std::string phrase) {
    for (const std::string_view article : {"the ", "a ", "an ", "The ", "A ", "An "}) {
        if (phrase.starts_with(article)) {
            return phrase.substr(article.size());
        }
    }
    return phrase;
}

// Whether the person types without capitals ("i live in seoul"): then a lowercase word may be
// a name or a place.
bool lowercase_sentence(const Sentence& s) {
    if (s.size() == 0 || is_capitalized(s.original[0].word)) {
        return false;
    }
    for (std::size_t k = 0; k < s.size(); ++k) {
        const std::string& word = s.original[k].word;
        if (is_capitalized(word) && word != "I" && !word.starts_with("I'") && k > 0) {
            return false;
        }
    }
    return true;
}

// A proper name at word i: a place, an employer, a school ("New York", "Seoul National
// University"). Capitalised words in a row (with "of"), or in a lowercase sentence up to `max`
// words to a stop. Empty when word i is not one.
std::string proper_phrase(const Sentence& s, std::size_t i, std::size_t max) {
    if (i >= s.size() || (i > 0 && s.boundary_before(i))) {
        return {};
    }
    if (!is_capitalized(s.original[i].word) &&
        !std::isdigit(static_cast<unsigned char>(s.original[i].word[0]))) {
        if (!lowercase_sentence(s) || is_stop(s, i)) {
            return {};
        }
        return phrase(s, i, std::min<std::size_t>(max, 2));
    }
    if (vocabulary().not_english_names.contains(s.original[i].word)) {
        return {};
    }
    std::size_t last = i;
    for (std::size_t k = i + 1; k < s.size() && k < i + max; ++k) {
        if (s.boundary_before(k)) {
            break;
        }
        const std::string& word = s.original[k].word;
        const bool joins = (word == "of" || word == "de" || word == "upon") && k + 1 < s.size() &&
                           is_capitalized(s.original[k + 1].word);
        if (!is_capitalized(word) && !joins) {
            break;
        }
        last = k;
    }
    return std::string(std::string_view(s.text).substr(s.original[i].begin,
                                                       s.original[last].end - s.original[i].begin));
}

// A workplace at word i: "a hospital", "the post office", "Google", "Seoul National Hospital".
std::string workplace_at(const Sentence& s, std::size_t i) {
    const auto w = s.w(i);
    static const WordSet not_places = {"home",
                                       "night",
                                       "myself",
                                       "yourself",
                                       "night",
                                       "nights",
                                       "work",
                                       "my",
                                       "the",
                                       "it",
                                       "this",
                                       "that",
                                       "weekends",
                                       "least",
                                       "all"};
    if (w == "a" || w == "an" || w == "the") {
        if (not_places.contains(s.w(i + 1)) || s.w(i + 1) == "moment") {
            return {};
        }
        return strip_article(phrase(s, i, 4));
    }
    if (not_places.contains(w)) {
        return {};
    }
    return proper_phrase(s, i, 4);
}

// A place (a city or town) at word i.
std::string place_at(const Sentence& s, std::size_t i) {
    if (s.w(i) == "the") {
        if (i + 1 < s.size() && is_capitalized(s.original[i + 1].word)) {
            return proper_phrase(s, i + 1, 3); // "the Bay Area"
        }
        return {};
    }
    const std::string place = proper_phrase(s, i, 3);
    if (place.empty() || std::isdigit(static_cast<unsigned char>(place[0]))) {
        return {};
    }
    return place;
}

// Words that are not a name even in lowercase texting ("hi im tired").
bool state_word(std::string_view w) {
    static const WordSet states = {
        "tired",     "fine",    "good",     "ok",     "okay",      "sad",      "happy",
        "back",      "home",    "here",     "ready",  "done",      "sorry",    "sick",
        "busy",      "new",     "lost",     "bored",  "excited",   "nervous",  "hungry",
        "sleepy",    "alone",   "stuck",    "late",   "early",     "dead",     "so",
        "just",      "not",     "still",    "really", "very",      "going",    "doing",
        "feeling",   "trying",  "free",     "great",  "awake",     "up",       "out",
        "in",        "at",      "on",       "from",   "a",         "an",       "the",
        "well",      "alright", "bad",      "cold",   "hot",       "confused", "stressed",
        "scared",    "worried", "lonely",   "single", "married",   "pregnant", "broke",
        "exhausted", "fried",   "finished", "gonna",  "literally", "actually", "kinda",
        "sooo",      "soo",     "also",     "too",    "always",    "never",    "sure",
        "glad",      "curious", "fed",      "over",   "about",     "like",     "with",
        "all",       "off",     "able",     "afraid"};
    return states.contains(w) || w.ends_with("ing") || w.ends_with("ed");
}

std::string english_name_at(const Sentence& s, std::size_t i, bool require_capital) {
    if (i >= s.size() || (i > 0 && s.boundary_before(i))) {
        return {};
    }
    const std::string& first = s.original[i].word;
    if ((require_capital && !is_capitalized(first)) ||
        vocabulary().not_english_names.contains(capitalize(first)) ||
        vocabulary().english_phrase_stops.contains(s.w(i)) ||
        !std::isalpha(static_cast<unsigned char>(first[0])) || contains(first, "'") ||
        (!is_capitalized(first) && state_word(s.w(i)))) {
        return {};
    }
    std::string name = capitalize(first);
    if (i + 1 < s.size() && !s.boundary_before(i + 1) && is_capitalized(s.original[i + 1].word) &&
        !vocabulary().not_english_names.contains(s.original[i + 1].word) &&
        !contains(s.original[i + 1].word, "'")) {
        name += ' ' + s.original[i + 1].word;
    }
    return name;
}

// An English number at word k: digits, or words ("twenty nine", "thirty"); sets `used`.
int english_number(const Sentence& s, std::size_t k, std::size_t& used) {
    used = 1;
    const int digits = parse_int(s.w(k));
    if (digits >= 0) {
        return digits;
    }
    static constexpr std::array<std::string_view, 20> ones = {
        "zero",     "one",     "two",     "three",     "four",     "five",    "six",
        "seven",    "eight",   "nine",    "ten",       "eleven",   "twelve",  "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
    static constexpr std::array<std::string_view, 8> tens = {
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"};
    for (std::size_t t = 0; t < tens.size(); ++t) {
        if (s.w(k) == tens[t]) {
            int value = static_cast<int>(t + 2) * 10;
            for (std::size_t o = 1; o < 10; ++o) {
                if (s.w(k + 1) == ones[o]) {
                    value += static_cast<int>(o);
                    used = 2;
                }
            }
            return value;
        }
    }
    for (std::size_t o = 1; o < ones.size(); ++o) {
        if (s.w(k) == ones[o]) {
            return static_cast<int>(o);
        }
    }
    return -1;
}

// The age at word k when it reads as one ("29", "29 years old", "twenty-nine lol"), or -1.
int age_at(const Sentence& s, std::size_t k, bool strict = true) {
    std::size_t used = 1;
    const int number = english_number(s, k, used);
    if (number <= 0 || number >= 120) {
        return -1;
    }
    static const WordSet units = {
        "minutes", "minute", "hours",   "hour",   "days",    "day",   "weeks", "months", "percent",
        "degrees", "times",  "kg",      "pounds", "dollars", "bucks", "miles", "km",     "people",
        "am",      "pm",     "o'clock", "th",     "st",      "nd",    "rd"};
    if (!strict) {
        return units.contains(s.w(k + used)) ? -1 : number;
    }
    static const WordSet followers = {"",
                                      "years",
                                      "year",
                                      "yrs",
                                      "yo",
                                      "and",
                                      "lol",
                                      "haha",
                                      "btw",
                                      "now",
                                      "already",
                                      "but",
                                      "so",
                                      "too",
                                      "y",
                                      "this",
                                      "ish",
                                      "tho"};
    const auto after = s.w(k + used);
    if (followers.contains(after) || s.boundary_before(k + used)) {
        return number;
    }
    return -1;
}

// The MM-DD of the first date at or after word i, resolved against today (so "tomorrow" works).
std::string birthday_at(const Sentence& s, std::size_t i, CivilDate today) {
    if (i >= s.size()) {
        return {};
    }
    const auto rest = std::string_view(s.text).substr(s.original[i].begin);
    const auto date = find_date(rest, today);
    if (!date) {
        return {};
    }
    return fmt::format("{:02}-{:02}", date->date.month, date->date.day);
}

// Whether word k is a greeting that may open a self-introduction ("hi im mina").
bool greeting(std::string_view w) {
    return w == "hi" || w == "hey" || w == "hello" || w == "yo" || w == "hiya" || w == "heya" ||
           w == "omg" || w == "hii" || w == "heyy" || w == "sup";
}

// A job phrase at word k ("nurse", "software engineer"), with what follows it.
struct JobPhrase {
    std::string job;
    std::size_t end = 0; // the word after the phrase
};

JobPhrase job_at(const Sentence& s, std::size_t k) {
    // "I'm a bit tired", "I'm a huge fan", "I'm a morning person", "I'm a mom of two".
    static const WordSet not_job_openers = {
        "bit",      "little",  "lot",     "big",      "huge",     "good",  "bad",      "great",
        "very",     "really",  "pretty",  "kind",     "sort",     "total", "complete", "massive",
        "lucky",    "proud",   "single",  "natural",  "new",      "one",   "part",     "member",
        "real",     "true",    "bit",     "terrible", "horrible", "awful", "firm",     "strong",
        "hopeless", "typical", "morning", "night",    "people",   "twin",  "widow"};
    static const WordSet not_job_heads = {
        "person",        "people",     "lover",    "fan",         "mess",        "wreck",
        "nerd",          "fool",       "idiot",    "sucker",      "believer",    "dreamer",
        "loner",         "fighter",    "survivor", "homebody",    "introvert",   "extrovert",
        "perfectionist", "workaholic", "foodie",   "gamer",       "christian",   "vegan",
        "vegetarian",    "native",     "local",    "regular",     "mom",         "mum",
        "dad",           "mother",     "father",   "parent",      "friend",      "wife",
        "husband",       "grandma",    "grandpa",  "grandmother", "grandfather", "widow",
        "twin",          "kid",        "child",    "baby",        "girl",        "boy",
        "guy",           "man",        "woman",    "owl",         "bird",        "cat",
        "dog",           "nightmare",  "disaster", "joke",        "pushover",    "klutz",
        "slob",          "snob",       "addict",   "junkie",      "fanatic",     "geek",
        "dork",          "weirdo"};
    if (not_job_openers.contains(s.w(k)) || s.w(k).empty()) {
        return {};
    }
    std::size_t end = k;
    while (end < s.size() && end < k + 3 && !(end > k && s.boundary_before(end)) &&
           !is_stop(s, end) && s.w(end) != "of" && s.w(end) != "from" && s.w(end) != "by" &&
           s.w(end) != "here" && s.w(end) != "there") {
        ++end;
    }
    if (end == k || not_job_heads.contains(s.w(end - 1))) {
        return {};
    }
    return JobPhrase{.job = std::string(std::string_view(s.text).substr(
                         s.original[k].begin, s.original[end - 1].end - s.original[k].begin)),
                     .end = end};
}

// Where a job is held, after it: "at Naver", "for Google", "in Seoul", "at a bakery in Leeds".
void work_after(const Sentence& s, std::size_t k, Facts& facts, bool student) {
    for (std::size_t guard = 0; guard < 3 && k < s.size(); ++guard) {
        const auto w = s.w(k);
        if (s.boundary_before(k) && guard > 0) {
            return;
        }
        if (w == "at" || w == "for") {
            const std::string place = workplace_at(s, k + 1);
            if (place.empty()) {
                return;
            }
            facts.add(student ? "school" : "workplace", place, student ? 0.7f : 0.75f);
            k = k + 1 + core::split_words(strip_article(phrase(s, k + 1, 4))).size() +
                (s.w(k + 1) == "a" || s.w(k + 1) == "an" || s.w(k + 1) == "the" ? 1 : 0);
            continue;
        }
        if (w == "in" && !student) {
            const std::string place = place_at(s, k + 1);
            const std::size_t after = k + 1 + core::split_words(place).size();
            if (!place.empty() && is_capitalized(place)) {
                // "working in Kakao as a developer": a name followed by the job is the employer.
                const bool employer = s.w(after) == "as" && guard == 0;
                facts.add(employer ? "workplace" : "work_city", place, 0.7f);
                k = after;
                continue;
            }
            if (s.w(k + 1) == "a" || s.w(k + 1) == "an") {
                const std::string where = workplace_at(s, k + 1);
                facts.add("workplace", where, 0.75f);
                k = k + 2 + core::split_words(where).size();
                continue;
            }
            return;
        }
        if (w == "as") {
            const JobPhrase job = job_at(s, k + 1 + (s.w(k + 1) == "a" || s.w(k + 1) == "an"));
            if (job.job.empty()) {
                return;
            }
            facts.add("job", job.job, 0.8f);
            k = job.end;
            continue;
        }
        return;
    }
}

// "I'm a nurse (at X) (in Y)", "I'm a computer science major", "I'm a student at Yonsei".
void job_statement(const Sentence& s, std::size_t k, Facts& facts) {
    const JobPhrase job = job_at(s, k);
    if (job.job.empty()) {
        return;
    }
    const std::string lower = core::to_lower(job.job);
    if (lower.ends_with(" major") && lower.size() > 6) {
        facts.add("major", job.job.substr(0, job.job.size() - 6), 0.6f);
        return;
    }
    const bool student = lower == "student" || lower.ends_with(" student");
    facts.add("job", job.job, 0.8f);
    work_after(s, job.end, facts, student);
}

bool skippable_adverb(std::string_view w) {
    return w == "just" || w == "now" || w == "recently" || w == "actually" || w == "still" ||
           w == "currently" || w == "also" || w == "really" || w == "only" || w == "originally" ||
           w == "finally" || w == "basically" || w == "officially";
}

} // namespace

void english_identity(const Sentence& s, Facts& facts, CivilDate today) {
    if (s.question) {
        return;
    }
    const auto& stops = vocabulary().english_phrase_stops;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto w = s.w(i);
        // my name is X / my name's X / the name's X
        if ((w == "my" || w == "the") && s.w(i + 1) == "name" && s.w(i + 2) == "is") {
            facts.add("name", english_name_at(s, i + 3, false), 0.95f);
            continue;
        }
        if ((w == "my" || w == "the" || i == 0) && s.w(i + (w == "name's" ? 0 : 1)) == "name's") {
            facts.add("name", english_name_at(s, i + (w == "name's" ? 1 : 2), false), 0.95f);
            continue;
        }
        // call me X / everyone calls me X / I go by X
        if ((w == "call" || w == "calls") && s.w(i + 1) == "me") {
            static const WordSet not_names = {
                "later", "back",   "tomorrow", "tonight",  "sometime",  "when",   "if",
                "after", "before", "anytime",  "maybe",    "crazy",     "please", "now",
                "soon",  "again",  "whatever", "anything", "that",      "on",     "at",
                "in",    "once",   "old",      "out",      "up",        "over",   "weird",
                "lazy",  "names",  "anything", "whenever", "asap",      "a",      "an",
                "the",   "today",  "tmrw",     "tmr",      "sometimes", "any",    "what"};
            if (!not_names.contains(s.w(i + 2))) {
                facts.add("name", english_name_at(s, i + 2, false), 0.95f);
            }
            continue;
        }
        if (w == "go" && s.w(i + 1) == "by" && i > 0 && s.w(i - 1) == "i") {
            facts.add("name", english_name_at(s, i + 2, false), 0.95f);
            continue;
        }
        // Hello dear, this is Rose. / it's me, Faith. / Minh here!
        if (w == "this" && s.w(i + 1) == "is" && i > 0 && greeting(s.w(0)) &&
            (i + 3 >= s.size() || s.boundary_before(i + 3))) {
            facts.add("name", english_name_at(s, i + 2, true), 0.9f);
            continue;
        }
        if (w == "it's" && s.w(i + 1) == "me" && s.boundary_before(i + 2) && i + 2 < s.size() &&
            (i + 3 >= s.size() || s.boundary_before(i + 3))) {
            const std::string& name = s.original[i + 2].word;
            if (is_capitalized(name) && !vocabulary().not_english_names.contains(name) &&
                !contains(name, "'")) {
                facts.add("name", name, 0.9f);
            }
            continue;
        }
        if (i == 0 && s.size() == 2 && s.w(1) == "here" &&
            vocabulary().english_relation(s.w(0)).empty()) {
            facts.add("name", english_name_at(s, 0, true), 0.85f);
            continue;
        }
        // 29 years old and still figuring it out. / My age is 50.
        if (i == 0) {
            std::size_t used = 1;
            const int number = english_number(s, 0, used);
            if (number > 0 && number < 120 && s.w(used) == "years" && s.w(used + 1) == "old") {
                facts.add("age", std::to_string(number), 0.7f);
                continue;
            }
        }
        if (w == "my" && s.w(i + 1) == "age" && s.w(i + 2) == "is") {
            const int age = age_at(s, i + 3);
            if (age > 0) {
                facts.add("age", std::to_string(age), 0.7f);
            }
            continue;
        }
        if (w == "i'm" || w == "im" || (w == "i" && s.w(i + 1) == "am")) {
            std::size_t k = w == "i" ? i + 2 : i + 1;
            const std::size_t first = k;
            while (skippable_adverb(s.w(k))) {
                ++k;
            }
            const auto next = s.w(k);
            if (const int age = age_at(s, k); age > 0 && k == first) {
                facts.add("age", std::to_string(age), 0.7f);
            } else if (next == "from") {
                facts.add("hometown", place_at(s, k + 1), 0.7f);
            } else if (next == "called" || next == "named") {
                facts.add("name", english_name_at(s, k + 1, false), 0.95f);
            } else if (next == "a" || next == "an") {
                job_statement(s, k + 1, facts);
            } else if ((next == "living" || next == "based") && s.w(k + 1) == "in") {
                facts.add("city", place_at(s, k + 2), 0.8f);
            } else if (next == "studying" && !s.w(k + 1).empty()) {
                const std::string major = phrase(s, k + 1, 3);
                if (!major.empty() && s.w(k + 1) != "at" && s.w(k + 1) != "for") {
                    facts.add("major", major, 0.6f);
                }
                for (std::size_t at = k + 1; at < s.size() && at < k + 6; ++at) {
                    if (s.w(at) == "at" && !s.boundary_before(at)) {
                        facts.add("school", workplace_at(s, at + 1), 0.7f);
                        break;
                    }
                }
            } else if (next == "working" && (s.w(k + 1) == "at" || s.w(k + 1) == "for" ||
                                             s.w(k + 1) == "as" || s.w(k + 1) == "in")) {
                work_after(s, k + 1, facts, false);
            } else if (next == "employed" && (s.w(k + 1) == "at" || s.w(k + 1) == "by")) {
                facts.add("workplace", workplace_at(s, k + 2), 0.75f);
                work_after(s, k + 2 + core::split_words(phrase(s, k + 2, 4)).size(), facts, false);
            } else if (next == "enrolled" && s.w(k + 1) == "at") {
                facts.add("school", workplace_at(s, k + 2), 0.7f);
            } else if (next == "in" && s.w(k + 1) == "my" && s.w(k + 3) == "year" &&
                       s.w(k + 4) == "at") {
                facts.add("school", workplace_at(s, k + 5), 0.7f);
            } else if (next == "doing" && (s.w(k + 1) == "a" || s.w(k + 1) == "my")) {
                for (std::size_t in = k + 2; in < k + 5 && in < s.size(); ++in) {
                    if (s.w(in) == "in") {
                        facts.add("major", phrase(s, in + 1, 3), 0.6f);
                        break;
                    }
                }
            } else if (k == first && !next.empty() &&
                       (k + 1 == s.size() || s.boundary_before(k + 1) || s.w(k + 1) == "and" ||
                        s.w(k + 1) == "btw" || s.w(k + 1) == "lol" || s.w(k + 1) == "here")) {
                // "Hi, I'm Mina." — a name ending the clause that opens with I'm; in lowercase
                // texting only right after a greeting ("hi im mina").
                const bool opens = i == 0 || s.boundary_before(i) || (i == 1 && greeting(s.w(0)));
                const bool lowercase_ok = i >= 1 && greeting(s.w(i - 1)) && lowercase_sentence(s);
                if (opens) {
                    facts.add("name", english_name_at(s, k, !lowercase_ok), 0.9f);
                }
            }
            continue;
        }
        if (w == "i" || w == "we" || w == "i've" || w == "we've" || w == "ive") {
            std::size_t k = i + 1;
            bool perfect = w != "i" && w != "we";
            while (skippable_adverb(s.w(k))) {
                ++k;
            }
            if (s.w(k) == "have" || s.w(k) == "'ve") {
                ++k;
                perfect = true;
            }
            while (skippable_adverb(s.w(k))) {
                ++k;
            }
            if (w == "i" && s.w(k) == "was") {
                // I was born in Busan / I was born on March 3rd / born and raised in X
                if (s.w(k + 1) == "born") {
                    std::size_t in = k + 2;
                    if (s.w(in) == "and" && s.w(in + 1) == "raised") {
                        in += 2;
                    }
                    if (s.w(in) == "in") {
                        facts.add("hometown", place_at(s, in + 1), 0.7f);
                    } else if (s.w(in) == "on") {
                        facts.add("birthday", birthday_at(s, in + 1, today), 0.8f);
                    }
                }
                continue;
            }
            const auto verb = s.w(k);
            const auto prep = s.w(k + 1);
            if ((verb == "live" || (verb == "lived" && perfect) || verb == "reside") &&
                prep == "in") {
                facts.add("city", place_at(s, k + 2), 0.8f);
            } else if (verb == "live" && prep == "with") {
                // "I live with my boyfriend in Leeds"
                for (std::size_t in = k + 2; in < s.size() && in < k + 7; ++in) {
                    if (s.boundary_before(in) && in > k + 2) {
                        break;
                    }
                    if (s.w(in) == "in") {
                        facts.add("city", place_at(s, in + 1), 0.8f);
                        break;
                    }
                }
            } else if ((verb == "moved" || verb == "relocated") && prep == "to") {
                facts.add("city", place_at(s, k + 2), 0.8f);
            } else if ((verb == "come" && prep == "from") ||
                       (verb == "grew" && prep == "up" && s.w(k + 2) == "in")) {
                facts.add("hometown", place_at(s, verb == "come" ? k + 2 : k + 3), 0.7f);
            } else if (verb == "work" || verb == "works") {
                if (prep == "at" || prep == "for") {
                    const std::string place = workplace_at(s, k + 2);
                    if (!place.empty()) {
                        work_after(s, k + 1, facts, false);
                    }
                } else if (prep == "as") {
                    work_after(s, k + 1, facts, false);
                } else if (prep == "in") {
                    const std::string place = place_at(s, k + 2);
                    if (!place.empty() && is_capitalized(place)) {
                        facts.add("work_city", place, 0.7f);
                    } else if (s.w(k + 2) == "a" || s.w(k + 2) == "an") {
                        work_after(s, k + 1, facts, false);
                    }
                }
            } else if (verb == "got" && prep == "a" && s.w(k + 2) == "job" &&
                       (s.w(k + 3) == "at" || s.w(k + 3) == "with")) {
                facts.add("workplace", workplace_at(s, k + 4), 0.75f);
            } else if (verb == "been" && perfect && (prep == "a" || prep == "an")) {
                const JobPhrase job = job_at(s, k + 2);
                facts.add("job", job.job, 0.8f);
            } else if ((verb == "study" || verb == "studied") && prep == "at") {
                facts.add("school", workplace_at(s, k + 2), 0.7f);
            } else if (verb == "study" || verb == "major") {
                const std::size_t at = prep == "in" ? k + 2 : k + 1;
                const std::string major = phrase(s, at, 3);
                if (!major.empty()) {
                    facts.add("major", major, 0.6f);
                    const std::size_t after = at + core::split_words(major).size();
                    if (s.w(after) == "at") {
                        facts.add("school", workplace_at(s, after + 1), 0.7f);
                    }
                }
            } else if (verb == "go" && prep == "to") {
                const std::string place = strip_article(english_phrase(s, k + 2, 4, stops));
                const std::string lower = core::to_lower(place);
                if (contains(lower, "university") || contains(lower, "college") ||
                    contains(lower, "school") || contains(lower, "academy") ||
                    contains(lower, "institute")) {
                    facts.add("school", place, 0.7f);
                }
            } else if (verb == "turned") {
                const int age = age_at(s, k + 1, false);
                if (age > 0) {
                    facts.add("age", std::to_string(age), 0.7f);
                }
            }
            continue;
        }
        // Texting without the subject: "just moved to Busan lol", "studying law at Yonsei rn".
        if (i == 0 && (w == "just" || w == "moved")) {
            const std::size_t k = w == "just" ? 1 : 0;
            if (s.w(k) == "moved" && s.w(k + 1) == "to") {
                facts.add("city", place_at(s, k + 2), 0.8f);
            }
            continue;
        }
        if (i == 0 && w == "studying") {
            const std::string major = phrase(s, 1, 3);
            if (!major.empty()) {
                facts.add("major", major, 0.6f);
                const std::size_t after = 1 + core::split_words(major).size();
                if (s.w(after) == "at") {
                    facts.add("school", workplace_at(s, after + 1), 0.7f);
                }
            }
            continue;
        }
        if (w == "my" && (s.w(i + 1) == "job" || s.w(i + 1) == "major") && s.w(i + 2) == "is") {
            facts.add(std::string(s.w(i + 1)), strip_article(phrase(s, i + 3, 3)), 0.7f);
            continue;
        }
        // my birthday is X / my bday's X / my date of birth is X / X is my birthday
        if (w == "my" && (s.w(i + 1) == "birthday" || s.w(i + 1) == "birthday's" ||
                          s.w(i + 1) == "bday" || s.w(i + 1) == "bday's" ||
                          (s.w(i + 1) == "date" && s.w(i + 2) == "of" && s.w(i + 3) == "birth"))) {
            // "my birthday is …", not "my birthday party is …".
            const std::size_t from = s.w(i + 1) == "date" ? i + 4 : i + 2;
            const bool said =
                s.w(i + 1).ends_with("'s") || s.w(from) == "is" || s.w(from) == "falls";
            if (said) {
                facts.add("birthday", birthday_at(s, from, today), 0.8f);
            }
            continue;
        }
        if (w == "is" && s.w(i + 1) == "my" && (s.w(i + 2) == "birthday" || s.w(i + 2) == "bday") &&
            i > 0) {
            facts.add("birthday", birthday_at(s, 0, today), 0.8f);
        }
    }
}

namespace {

// A relation said at word r ("sister", "sister-in-law", "guinea pig", "best friend"), known
// to the vocabulary or not.
struct Relation {
    std::string said;        // as said, lower-cased ("sister-in-law", "goldfish")
    std::string canonical;   // the relation stored ("mother" for "mom"); "" when unknown
    std::size_t end = 0;     // the word after it
    bool possessive = false; // said with 's ("my sister's name")
};

// Nouns that are things, not people or animals, for "my X is called Y".
bool inanimate(std::string_view w) {
    static const WordSet things = {
        "name",       "favorite",   "favourite", "fave",     "fav",       "song",    "book",
        "movie",      "film",       "show",      "band",     "company",   "startup", "business",
        "app",        "game",       "podcast",   "blog",     "channel",   "shop",    "store",
        "cafe",       "restaurant", "car",       "boat",     "bike",      "phone",   "laptop",
        "computer",   "team",       "project",   "house",    "apartment", "flat",    "album",
        "novel",      "school",     "town",      "village",  "street",    "city",    "country",
        "job",        "brand",      "website",   "account",  "group",     "club",    "thesis",
        "paper",      "course",     "class",     "series",   "playlist",  "wifi",    "network",
        "bakery",     "salon",      "studio",    "office",   "plant",     "garden",  "guitar",
        "piano",      "bot",        "assistant", "ai",       "robot",     "doll",    "teddy",
        "toy",        "ship",       "truck",     "van",      "camera",    "watch",   "dream",
        "life",       "thing",      "type",      "style",    "problem",   "fault",   "world",
        "everything", "jam",        "passion",   "hobby",    "goal",      "plan",    "idea",
        "theory",     "mood",       "vibe",      "kink",     "biggest",   "first",   "last",
        "next",       "only",       "main",      "new",      "old",       "whole",   "own",
        "username",   "nickname",   "handle",    "password", "email",     "number",  "address",
        "birthday",   "bday",       "age",       "major",    "day",       "week",    "weekend",
        "month",      "year",       "morning",   "night",    "head",      "heart",   "mind",
        "body",       "back",       "face",      "hair",     "eyes",      "room",    "bed",
        "kitchen",    "desk",       "bag"};
    return things.contains(w);
}

// Modifiers before a relation that are not part of it ("my little sister", "my old dog").
bool relation_modifier(std::string_view w) {
    return w == "best" || w == "little" || w == "older" || w == "younger" || w == "big" ||
           w == "baby" || w == "new" || w == "old" || w == "eldest" || w == "oldest" ||
           w == "youngest" || w == "sweet" || w == "dear" || w == "pet" || w == "late" ||
           w == "lovely" || w == "cute" || w == "crazy" || w == "lil";
}

Relation relation_at(const Sentence& s, std::size_t r) {
    Relation out;
    // sister-in-law, half-brother, step-mom: words joined by hyphens with no space.
    std::size_t end = r;
    std::string said(s.w(r));
    while (end + 1 < s.size() && s.original[end + 1].begin == s.original[end].end + 1 &&
           s.text[s.original[end].end] == '-') {
        ++end;
        said += "-" + std::string(s.w(end));
    }
    ++end;
    const auto& v = vocabulary();
    // Two-word relations ("guinea pig", "lab partner") when known.
    if (end == r + 1 && r + 1 < s.size() && !s.boundary_before(r + 1)) {
        const std::string two = said + " " + std::string(s.w(r + 1));
        std::string two_bare = two;
        if (two_bare.ends_with("'s")) {
            two_bare.resize(two_bare.size() - 2);
        }
        if (!v.english_relation(two_bare).empty()) {
            out.said = two_bare;
            out.canonical = std::string(v.english_relation(two_bare));
            out.end = r + 2;
            out.possessive = two.ends_with("'s");
            return out;
        }
        // "my fancy rats name is Rocky"
        if (two.ends_with("s") && s.w(r + 2) == "name" &&
            !v.english_relation(two.substr(0, two.size() - 1)).empty()) {
            out.said = two.substr(0, two.size() - 1);
            out.canonical = std::string(v.english_relation(out.said));
            out.end = r + 2;
            out.possessive = true;
            return out;
        }
    }
    if (said.ends_with("'s")) {
        said.resize(said.size() - 2);
        out.possessive = true;
    }
    out.said = said;
    out.end = end;
    out.canonical = std::string(v.english_relation(said));
    // "my sisters name is Emma": the possessive typed without its apostrophe.
    if (out.canonical.empty() && said.ends_with("s") && s.w(end) == "name") {
        const std::string singular = said.substr(0, said.size() - 1);
        if (!v.english_relation(singular).empty()) {
            out.said = singular;
            out.canonical = std::string(v.english_relation(singular));
            out.possessive = true;
        }
    }
    return out;
}

// Whether an unknown relation word could be a person or an animal ("goldfish", "mentor").
bool plausible_relation(const Relation& r) {
    if (r.said.empty() || !std::isalpha(static_cast<unsigned char>(r.said[0]))) {
        return false;
    }
    for (const auto& word : core::split_words(r.said)) {
        if (inanimate(word) || vocabulary().english_phrase_stops.contains(word) || word == "is" ||
            word == "was" || word == "favorite") {
            return false;
        }
    }
    return true;
}

void add_english_person(Facts& facts, const Relation& relation, const std::string& name) {
    if (name.empty()) {
        return;
    }
    const std::string stored = relation.canonical.empty() ? relation.said : relation.canonical;
    const bool unique = vocabulary().english_unique_relations.contains(stored);
    std::string slot = "person:" + stored;
    if (!unique) {
        slot += ":" + core::to_lower(name);
    }
    facts.add(std::move(slot), name, 0.85f);
}

// The name given by "is called X", "named X", "'s name is X", "name is X" after word k, or "".
std::string named_after(const Sentence& s, std::size_t k, bool possessive) {
    if (possessive && s.w(k) == "name" && s.w(k + 1) == "is") {
        return english_name_at(s, k + 2, false);
    }
    if (s.w(k) == "name" && s.w(k + 1) == "is") {
        return english_name_at(s, k + 2, false); // "My friend name is Hope"
    }
    if ((s.w(k) == "is" || s.w(k) == "was") && (s.w(k + 1) == "called" || s.w(k + 1) == "named")) {
        return english_name_at(s, k + 2, false);
    }
    if (s.w(k) == "called" || s.w(k) == "named") {
        return english_name_at(s, k + 1, false);
    }
    return {};
}

} // namespace

void english_people(const Sentence& s, Facts& facts) {
    if (s.question) {
        return;
    }
    const auto& v = vocabulary();
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        bool possessive = s.w(i) == "my" || s.w(i) == "our";
        bool indefinite = false;
        if (s.w(i) == "a" || s.w(i) == "an") {
            const auto before = i > 0 ? s.w(i - 1) : std::string_view();
            indefinite = before == "have" || before == "got" || before == "adopted" ||
                         before == "get" || before == "had";
            possessive = indefinite;
        }
        if (!possessive) {
            continue;
        }
        std::size_t r = i + 1;
        while (relation_modifier(s.w(r)) && r < i + 3) {
            ++r;
        }
        // "my favorite song is called Yellow" is a favourite, not a person.
        if (s.w(r) == "favorite" || s.w(r) == "favourite" || s.w(r) == "fave" ||
            s.w(r) == "all-time") {
            continue;
        }
        Relation relation = relation_at(s, r);
        const bool known = !relation.canonical.empty();
        std::size_t k = relation.end;
        std::string name = named_after(s, k, relation.possessive);
        if (name.empty() && !known && !relation.possessive) {
            // An unknown relation of two words: "my bearded dragon is called Spike".
            const std::string two = relation.said + " " + std::string(s.w(k));
            const std::string named = named_after(s, k + 1, false);
            if (!named.empty() && !s.boundary_before(k) && !s.w(k).empty()) {
                relation.said = two;
                name = named;
            }
        }
        if (known && name.empty()) {
            if (s.boundary_before(k) && k + 1 < s.size() && s.boundary_before(k + 1)) {
                // "Our goldfish, Bubbles, loves the snow."
                name = english_name_at(s, k, true);
                if (name.empty() && is_capitalized(s.original[k].word) && s.boundary_before(k)) {
                    name = capitalize(s.original[k].word);
                    if (vocabulary().not_english_names.contains(name)) {
                        name.clear();
                    }
                }
            } else if (s.boundary_before(k) && k < s.size() && is_capitalized(s.original[k].word) &&
                       (k + 1 == s.size() || s.boundary_before(k + 1))) {
                name = capitalize(s.original[k].word);
            } else if (s.w(k) == "is" && !s.boundary_before(k + 1)) {
                // "My sister is Emma." but not "my sister is always late".
                const std::string n = english_name_at(s, k + 1, true);
                if (!n.empty() && (k + 2 >= s.size() || s.boundary_before(k + 2))) {
                    name = n;
                }
            } else if (!relation.possessive) {
                name = english_name_at(s, k, true);
            }
        }
        if (!known && name.empty() && !relation.possessive && !lowercase_sentence(s)) {
            // "my axolotl Pip is …": an unknown noun before a capitalised name.
            if (!relation.said.empty() && !is_capitalized(s.original[r].word) && k < s.size() &&
                !s.boundary_before(k) && is_capitalized(s.original[k].word)) {
                name = english_name_at(s, k, true);
            }
        }
        if (name.empty()) {
            continue;
        }
        // "a corgi and named her Pip", "her name is Pip" name the animal of this clause.
        if (!known && !plausible_relation(relation)) {
            continue;
        }
        add_english_person(facts, relation, name);
    }
    // "a hamster last week, her name is Pip" / "adopted a corgi and named her Pip"
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        const bool pronoun_name =
            (s.w(i) == "her" || s.w(i) == "his" || s.w(i) == "its" || s.w(i) == "their") &&
            s.w(i + 1) == "name" && s.w(i + 2) == "is";
        const bool named_pronoun =
            (s.w(i) == "named" || s.w(i) == "called") &&
            (s.w(i + 1) == "her" || s.w(i + 1) == "him" || s.w(i + 1) == "it");
        if (!pronoun_name && !named_pronoun) {
            continue;
        }
        const std::string name = english_name_at(s, pronoun_name ? i + 3 : i + 2, false);
        if (name.empty()) {
            continue;
        }
        for (std::size_t a = i; a-- > 0;) {
            if ((s.w(a) == "a" || s.w(a) == "an") && a > 0 &&
                (s.w(a - 1) == "got" || s.w(a - 1) == "adopted" || s.w(a - 1) == "have" ||
                 s.w(a - 1) == "rescued" || s.w(a - 1) == "bought")) {
                std::size_t r = a + 1;
                while (relation_modifier(s.w(r))) {
                    ++r;
                }
                Relation relation = relation_at(s, r);
                if (relation.canonical.empty() && relation.end < i &&
                    !s.boundary_before(relation.end) && s.w(relation.end) != "and" &&
                    s.w(relation.end) != "last") {
                    relation.said += " " + std::string(s.w(relation.end)); // two words
                }
                if (!relation.canonical.empty() || plausible_relation(relation)) {
                    add_english_person(facts, relation, name);
                }
                break;
            }
        }
    }
    // "Emma is my sister."
    for (std::size_t i = 1; i + 2 < s.size(); ++i) {
        if (s.w(i) != "is" || s.w(i + 1) != "my") {
            continue;
        }
        std::size_t r = i + 2;
        while (relation_modifier(s.w(r)) && r < i + 4) {
            ++r;
        }
        const Relation relation = relation_at(s, r);
        if (relation.canonical.empty() || relation.possessive) {
            continue;
        }
        const std::string name = english_name_at(s, i - 1, true);
        if (!name.empty() && !contains(name, " ") && (i == 1 || s.boundary_before(i - 1))) {
            add_english_person(facts, relation, name);
        }
    }
    (void)v;
}

void english_preferences(const Sentence& s, Facts& facts) {
    if (s.question) {
        return;
    }
    static const WordSet adverbs = {"really",     "absolutely", "just",   "also",    "totally",
                                    "kinda",      "actually",   "still",  "truly",   "do",
                                    "definitely", "simply",     "did",    "sooo",    "so",
                                    "honestly",   "genuinely",  "lowkey", "low-key", "seriously",
                                    "literally",  "always",     "very",   "much"};
    static const WordSet objects_to_skip = {
        "you",   "it",         "that",     "this", "them",  "him",   "her", "when",
        "how",   "what",       "my",       "your", "being", "the",   "us",  "me",
        "yours", "everything", "everyone", "it's", "these", "those", "our", "his",
        "their", "myself",     "people",   "here", "there", "all"};
    static const WordList pref_stops = {
        "and",      "but",      "because",    "when",   "so",     "too",   "very",     "a",
        "lot",      "much",     "anymore",    "more",   "than",   "since", "with",     "though",
        "these",    "days",     "nowadays",   "either", "at",     "in",    "on",       "lately",
        "recently", "now",      "lol",        "haha",   "sm",     "tbh",   "ngl",      "rn",
        "fr",       "honestly", "especially", "right",  "ever",   "as",    "for",      "or",
        "like",     "omg",      "though",     "tho",    "either", "if",    "whenever", "while",
        "which",    "that",     "all",        "every",  "during", "xd",    "lmao",     "af",
        "asf",      "tonight",  "today"};
    static const WordSet idioms = {"mac and cheese",
                                   "rock and roll",
                                   "fish and chips",
                                   "salt and pepper",
                                   "rhythm and blues",
                                   "drum and bass",
                                   "black and white",
                                   "peanut butter and jelly"};
    const auto add = [&](std::size_t object, bool likes) {
        if (objects_to_skip.contains(s.w(object)) || object >= s.size()) {
            return;
        }
        std::string what = english_phrase(s, object, 4, pref_stops);
        if (what.empty()) {
            return;
        }
        std::size_t after = object + core::split_words(what).size();
        // "mac and cheese" is one thing; "jazz and hip hop" two.
        if (s.w(after) == "and" && !s.boundary_before(after)) {
            const std::string second = english_phrase(s, after + 1, 4, pref_stops);
            const std::string joined = core::to_lower(what + " and " + second);
            if (!second.empty() && idioms.contains(joined)) {
                what += " and " + second;
            } else if (!second.empty() && s.w(after + 1) != "i" &&
                       !objects_to_skip.contains(s.w(after + 1))) {
                facts.add("pref:" + second, likes ? "like" : "dislike", 0.6f);
            }
        }
        facts.add("pref:" + what, likes ? "like" : "dislike", 0.6f);
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto subject = s.w(i);
        const bool im =
            subject == "i'm" || subject == "im" || (subject == "i" && s.w(i + 1) == "am");
        if (subject != "i" && !im) {
            continue;
        }
        std::size_t k = subject == "i" && im ? i + 2 : i + 1;
        while (adverbs.contains(s.w(k)) && s.w(k) != "do") {
            ++k;
        }
        bool negated = false;
        if (s.w(k) == "don't" || s.w(k) == "dont" || s.w(k) == "never" || s.w(k) == "didn't" ||
            (s.w(k) == "do" && s.w(k + 1) == "not")) {
            negated = true;
            k += s.w(k) == "do" ? 2 : 1;
        }
        if (im && s.w(k) == "not") {
            negated = true;
            ++k;
        }
        while (adverbs.contains(s.w(k))) {
            ++k;
        }
        const auto verb = s.w(k);
        std::optional<bool> likes;
        std::size_t object = k + 1;
        if (im && verb == "into") {
            likes = !negated;
        } else if (im && verb == "obsessed" && s.w(k + 1) == "with") {
            likes = true;
            object = k + 2;
        } else if (im && verb == "fond" && s.w(k + 1) == "of") {
            likes = !negated;
            object = k + 2;
        } else if (im && verb == "liking") {
            likes = true;
        } else if (im && (verb == "a" || verb == "such" || verb == "an")) {
            std::size_t f = k + 1;
            while (s.w(f) == "big" || s.w(f) == "huge" || s.w(f) == "massive" ||
                   s.w(f) == "great" || s.w(f) == "total" || s.w(f) == "giant") {
                ++f;
            }
            if (s.w(f) == "fan" && s.w(f + 1) == "of") {
                likes = !negated;
                object = f + 2;
            }
        } else if (!im && (verb == "love" || verb == "like" || verb == "enjoy" || verb == "adore" ||
                           verb == "liked" || verb == "loved")) {
            if ((verb == "liked" || verb == "loved") && !negated) {
                continue; // the past: "I liked it"
            }
            likes = !negated;
        } else if (!im &&
                   (verb == "hate" || verb == "dislike" || verb == "detest" || verb == "loathe")) {
            likes = false;
        } else if (!im && (verb == "can't" || verb == "cannot" || verb == "cant") &&
                   s.w(k + 1) == "stand") {
            likes = false;
            object = k + 2;
        }
        if (!likes) {
            continue;
        }
        add(object, *likes);
    }
    // my favorite food is X / my fave band is X / fav food is X / X is my favorite band
    const auto favorite_word = [&](std::size_t k) {
        return s.w(k) == "favorite" || s.w(k) == "favourite" || s.w(k) == "fave" || s.w(k) == "fav";
    };
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        std::size_t f = i;
        if (s.w(i) == "my") {
            f = i + 1;
            while (s.w(f) == "all-time" || s.w(f) == "absolute" || s.w(f) == "all" ||
                   s.w(f) == "time" || s.w(f) == "most") {
                ++f;
            }
        } else if (i != 0) {
            continue;
        }
        if (!favorite_word(f)) {
            continue;
        }
        std::size_t is = f + 2;
        while (is < s.size() && s.w(is) != "is" && is < f + 4) {
            ++is;
        }
        if (s.w(is) != "is") {
            continue;
        }
        std::string category;
        for (std::size_t k = f + 1; k < is; ++k) {
            category += (category.empty() ? "" : " ") + std::string(s.w(k));
        }
        std::size_t value = is + 1;
        if (s.w(value) == "called" || s.w(value) == "named" || s.w(value) == "definitely" ||
            s.w(value) == "probably") {
            ++value;
        }
        static const WordList value_stops = [] {
            WordList stops = vocabulary().english_phrase_stops;
            stops.insert("hands");
            stops.insert("of");
            stops.insert("or");
            return stops;
        }();
        std::string what = strip_article(english_phrase(s, value, 4, value_stops));
        const std::size_t after = value + core::split_words(what).size();
        if (s.w(after) == "and") {
            const std::string second = english_phrase(s, after + 1, 3, value_stops);
            if (idioms.contains(core::to_lower(what + " and " + second))) {
                what += " and " + second; // mac and cheese
            }
        }
        facts.add("favorite:" + category, what, 0.6f);
    }
    for (std::size_t is = 1; is + 3 < s.size(); ++is) {
        if (s.w(is) != "is" || s.w(is + 1) != "my" || !favorite_word(is + 2) || is > 4) {
            continue;
        }
        std::string category;
        for (std::size_t k = is + 3; k < s.size() && k < is + 5; ++k) {
            if (s.boundary_before(k) || s.w(k) == "of" || s.w(k) == "ever" || s.w(k) == "in" ||
                s.w(k) == "right" || s.w(k) == "lol") {
                break;
            }
            category += (category.empty() ? "" : " ") + std::string(s.w(k));
        }
        const std::string value(std::string_view(s.text).substr(
            s.original[0].begin, s.original[is - 1].end - s.original[0].begin));
        if (!category.empty() && !objects_to_skip.contains(s.w(0))) {
            facts.add("favorite:" + category, strip_article(value), 0.6f);
        }
    }
}

void english_habits(const Sentence& s, Facts& facts) {
    if (s.question || s.size() < 3) {
        return;
    }
    static const WordSet frequency = {
        "usually", "always", "often", "normally", "regularly", "generally", "typically", "mostly"};
    static const WordSet periods = {"day",    "morning", "evening",   "night",    "weekend",
                                    "week",   "weekday", "afternoon", "sunday",   "saturday",
                                    "monday", "tuesday", "wednesday", "thursday", "friday",
                                    "month",  "summer",  "winter",    "lunch",    "other"};
    static const WordSet plural_periods = {"days",
                                           "mornings",
                                           "evenings",
                                           "nights",
                                           "weekends",
                                           "weekdays",
                                           "sundays",
                                           "saturdays",
                                           "mondays",
                                           "tuesdays",
                                           "wednesdays",
                                           "thursdays",
                                           "fridays",
                                           "afternoons"};
    static const WordSet feelings = {
        "feel", "feels", "get", "am", "seem", "look", "forget", "worry", "cry", "wonder", "think"};
    const bool has_i =
        std::any_of(s.lower.begin(), s.lower.end(), [](const auto& w) { return w.word == "i"; });
    if (!has_i) {
        return;
    }
    bool habit = false;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s.w(i) == "i" && frequency.contains(s.w(i + 1))) {
            if (feelings.contains(s.w(i + 2))) {
                return; // "I always feel lonely": a feeling, not a habit
            }
            habit = true;
        }
        if ((s.w(i) == "every" || s.w(i) == "each") && periods.contains(s.w(i + 1))) {
            habit = true;
        }
        if ((s.w(i) == "most" || s.w(i) == "on") && plural_periods.contains(s.w(i + 1))) {
            habit = true;
        }
        if ((s.w(i) == "once" || s.w(i) == "twice" || s.w(i + 1) == "times") &&
            (s.w(i + 1) == "a" || s.w(i + 2) == "a")) {
            habit = true;
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
