#include "memory/extraction.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "core/hangul.h"
#include "core/text.h"
#include "core/time.h"
#include "core/utf8.h"
#include "memory/dates.h"
#include "memory/terms.h"

namespace samantha::memory {

namespace {

using core::contains;
using Set = std::unordered_set<std::string_view>;

// One sentence, tokenised twice: lower-cased words for matching, original words for values.
struct Sentence {
    std::string text;
    std::vector<core::WordSpan> lower;
    std::vector<core::WordSpan> original;
    bool question = false;

    std::size_t size() const { return lower.size(); }

    std::string_view w(std::size_t i) const {
        return i < lower.size() ? std::string_view(lower[i].word) : std::string_view();
    }

    // Whether punctuation separates word i-1 from word i (a clause boundary).
    bool boundary_before(std::size_t i) const {
        if (i == 0 || i >= original.size()) {
            return true;
        }
        const auto gap = std::string_view(text).substr(original[i - 1].end,
                                                       original[i].begin - original[i - 1].end);
        return gap.find_first_of(",;:()\"") != std::string_view::npos;
    }
};

Sentence make_sentence(std::string_view text) {
    Sentence s;
    s.text = std::string(text);
    s.original = core::word_spans(text);
    s.lower = core::word_spans(core::to_lower(text));
    s.question = text.find('?') != std::string_view::npos;
    return s;
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

// ---------------------------------------------------------------------------------------------
// Ledger text

struct SlotLabel {
    std::string_view slot;
    std::string_view en;
    std::string_view ko;
};

constexpr std::array<SlotLabel, 9> slot_labels = {{{"name", "name", "이름"},
                                                   {"age", "age", "나이"},
                                                   {"birthday", "birthday", "생일"},
                                                   {"city", "lives in", "사는 곳"},
                                                   {"hometown", "from", "고향"},
                                                   {"workplace", "works at", "직장"},
                                                   {"job", "job", "직업"},
                                                   {"school", "studies at", "학교"},
                                                   {"major", "studies", "전공"}}};

} // namespace

std::string slot_relation(std::string_view slot) {
    if (!slot.starts_with("person:")) {
        return {};
    }
    slot.remove_prefix(7);
    return std::string(slot.substr(0, slot.find(':')));
}

std::string fact_text(std::string_view slot, std::string_view value, Language language) {
    const bool ko = language == Language::Korean;
    for (const auto& label : slot_labels) {
        if (slot == label.slot) {
            return fmt::format("{}: {}", ko ? label.ko : label.en, value);
        }
    }
    if (slot.starts_with("person:")) {
        return fmt::format("{}: {}", slot_relation(slot), value);
    }
    if (slot.starts_with("pref:")) {
        const bool likes = value == "like";
        const auto object = slot.substr(5);
        if (ko) {
            return fmt::format("{}: {}", likes ? "좋아함" : "싫어함", object);
        }
        return fmt::format("{}: {}", likes ? "likes" : "dislikes", object);
    }
    if (slot.starts_with("favorite:")) {
        return ko ? fmt::format("제일 좋아하는 {}: {}", slot.substr(9), value)
                  : fmt::format("favorite {}: {}", slot.substr(9), value);
    }
    if (slot.starts_with("habit:")) {
        return fmt::format("{}: {}", ko ? "습관" : "habit", value);
    }
    return fmt::format("{}: {}", slot, value);
}

namespace {

// ---------------------------------------------------------------------------------------------
// Shared vocabulary

const Set& english_unique_relations() {
    static const Set set = {"mother",
                            "father",
                            "wife",
                            "husband",
                            "girlfriend",
                            "boyfriend",
                            "partner",
                            "boss",
                            "fiance",
                            "fiancé",
                            "fiancee",
                            "grandmother",
                            "grandfather"};
    return set;
}

// Canonical English relation for the words people use.
std::string_view english_relation(std::string_view w) {
    static const std::unordered_map<std::string_view, std::string_view> map = {
        {"mother", "mother"},
        {"mom", "mother"},
        {"mum", "mother"},
        {"father", "father"},
        {"dad", "father"},
        {"sister", "sister"},
        {"brother", "brother"},
        {"wife", "wife"},
        {"husband", "husband"},
        {"girlfriend", "girlfriend"},
        {"boyfriend", "boyfriend"},
        {"partner", "partner"},
        {"son", "son"},
        {"daughter", "daughter"},
        {"friend", "friend"},
        {"boss", "boss"},
        {"colleague", "colleague"},
        {"coworker", "colleague"},
        {"roommate", "roommate"},
        {"grandma", "grandmother"},
        {"grandmother", "grandmother"},
        {"grandpa", "grandfather"},
        {"grandfather", "grandfather"},
        {"aunt", "aunt"},
        {"uncle", "uncle"},
        {"cousin", "cousin"},
        {"fiance", "fiance"},
        {"fiancé", "fiance"},
        {"fiancee", "fiance"},
        {"niece", "niece"},
        {"nephew", "nephew"},
        {"dog", "dog"},
        {"cat", "cat"},
        {"puppy", "dog"},
        {"kitten", "cat"},
        {"hamster", "hamster"},
        {"rabbit", "rabbit"},
        {"bunny", "rabbit"},
        {"parrot", "parrot"},
        {"bird", "bird"},
        {"turtle", "turtle"},
        {"fish", "fish"},
    };
    const auto it = map.find(w);
    return it == map.end() ? std::string_view() : it->second;
}

const Set& korean_relations() {
    static const Set set = {"언니",   "누나",     "형",       "오빠",     "동생",     "여동생",
                            "남동생", "엄마",     "어머니",   "아빠",     "아버지",   "남편",
                            "아내",   "와이프",   "남자친구", "여자친구", "남친",     "여친",
                            "친구",   "딸",       "아들",     "할머니",   "할아버지", "상사",
                            "팀장님", "룸메이트", "애인",     "동료",     "이모",     "삼촌",
                            "고모",   "사촌",     "강아지",   "개",       "고양이",   "햄스터",
                            "토끼",   "앵무새",   "거북이",   "베프",     "절친"};
    return set;
}

const Set& korean_unique_relations() {
    static const Set set = {"엄마",
                            "어머니",
                            "아빠",
                            "아버지",
                            "남편",
                            "아내",
                            "와이프",
                            "남자친구",
                            "여자친구",
                            "남친",
                            "여친",
                            "애인",
                            "상사",
                            "팀장님"};
    return set;
}

const Set& korean_jobs() {
    static const Set set = {"학생",       "대학생",   "대학원생", "고등학생", "중학생",   "개발자",
                            "프로그래머", "디자이너", "선생님",   "교사",     "의사",     "간호사",
                            "회사원",     "직장인",   "엔지니어", "요리사",   "작가",     "기자",
                            "변호사",     "공무원",   "주부",     "프리랜서", "연구원",   "마케터",
                            "사업가",     "가수",     "배우",     "경찰",     "군인",     "약사",
                            "은행원",     "회계사",   "번역가",   "바리스타", "미용사",   "교수",
                            "백수",       "취준생",   "알바생",   "화가",     "음악가",   "기획자",
                            "사장",       "점원",     "상담사",   "트레이너", "운전기사", "농부"};
    return set;
}

// Words that look like names after a relation but are not ("제 친구 때문에").
const Set& korean_not_names() {
    static const Set set = {"때문", "집",   "학교", "회사",   "생일", "얘기", "일",   "결혼",
                            "선물", "방",   "차",   "옷",     "사진", "전화", "문제", "덕분",
                            "거",   "것",   "건",   "게",     "말",   "진짜", "정말", "너무",
                            "엄청", "완전", "요즘", "오늘",   "내일", "어제", "같이", "이름",
                            "나이", "친구", "생각", "결혼식", "이랑", "랑",   "한테", "도",
                            "뭐",   "무엇", "누구", "혼자",   "먼저", "다",   "또",   "아직"};
    return set;
}

// Strips a copula or particle from a Korean name/noun ("지수예요" → 지수, "민수가" → 민수) and the
// affectionate 이 after a closed syllable ("콩이가" → 콩).
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

// ---------------------------------------------------------------------------------------------
// English rules

struct Facts {
    Language language;
    std::vector<ExtractedFact> list;

    void add(std::string slot, std::string value, float importance) {
        if (value.empty() || value.size() > 80) {
            return;
        }
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
};

const Set& english_phrase_stops() {
    static const Set set = {
        "and",   "but",      "because",   "with",     "since",   "now",      "so",       "who",
        "which", "that",     "for",       "when",     "while",   "though",   "although", "too",
        "very",  "a",        "lot",       "much",     "anymore", "recently", "lately",   "these",
        "days",  "as",       "well",      "actually", "at",      "in",       "near",     "right",
        "today", "tomorrow", "yesterday", "last",     "next",    "this"};
    return set;
}

// Up to `max` original words from `i`, stopping at a clause boundary or a stop word.
std::string english_phrase(const Sentence& s, std::size_t i, std::size_t max, const Set& stops) {
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

const Set& not_english_names() {
    static const Set set = {
        "Not",        "So",         "Just",     "Fine",      "Good",      "Sorry",   "Back",
        "Here",       "Home",       "Korean",   "American",  "British",   "English", "Canadian",
        "Australian", "Japanese",   "Chinese",  "French",    "German",    "Spanish", "Italian",
        "Indian",     "Vietnamese", "Filipino", "Mexican",   "Brazilian", "Russian", "Thai",
        "Christian",  "Catholic",   "Buddhist", "Muslim",    "Jewish",    "Okay",    "OK",
        "Ok",         "Tired",      "Happy",    "Sad",       "Busy",      "Free",    "Done",
        "Ready",      "Monday",     "Tuesday",  "Wednesday", "Thursday",  "Friday",  "Saturday",
        "Sunday",     "Really",     "Very",     "Still",     "Also",      "Always",  "Going",
        "A",          "An",         "The",      "In",        "At",        "From",    "Samantha",
        "Feeling",    "Doing"};
    return set;
}

std::string english_name_at(const Sentence& s, std::size_t i, bool require_capital) {
    if (i >= s.size() || (i > 0 && s.boundary_before(i))) {
        return {};
    }
    const std::string& first = s.original[i].word;
    if ((require_capital && !is_capitalized(first)) || not_english_names().contains(first) ||
        english_phrase_stops().contains(s.w(i)) ||
        !std::isalpha(static_cast<unsigned char>(first[0]))) {
        return {};
    }
    std::string name = capitalize(first);
    if (i + 1 < s.size() && !s.boundary_before(i + 1) && is_capitalized(s.original[i + 1].word) &&
        !not_english_names().contains(s.original[i + 1].word)) {
        name += ' ' + s.original[i + 1].word;
    }
    return name;
}

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
                facts.add("hometown",
                          strip_article(english_phrase(s, k + 1, 3, english_phrase_stops())),
                          0.7f);
            } else if (next == "called") {
                facts.add("name", english_name_at(s, k + 1, false), 0.95f);
            } else if ((next == "a" || next == "an") && !s.question) {
                static const Set not_jobs = {
                    "bit",  "little", "lot",   "fan",     "big",    "huge",   "good",
                    "bad",  "great",  "very",  "really",  "pretty", "person", "kind",
                    "sort", "mess",   "wreck", "morning", "night",  "total",  "bit"};
                if (!not_jobs.contains(s.w(k + 1))) {
                    facts.add("job", english_phrase(s, k + 1, 3, english_phrase_stops()), 0.8f);
                    if (s.w(k + 2) == "at" || s.w(k + 3) == "at") {
                        const std::size_t at = s.w(k + 2) == "at" ? k + 3 : k + 4;
                        facts.add("workplace",
                                  strip_article(english_phrase(s, at, 3, english_phrase_stops())),
                                  0.75f);
                    }
                }
            } else if (next == "living" && s.w(k + 1) == "in") {
                facts.add("city",
                          strip_article(english_phrase(s, k + 2, 3, english_phrase_stops())),
                          0.8f);
            } else if (next == "studying" && !s.w(k + 1).empty()) {
                facts.add("major", english_phrase(s, k + 1, 3, english_phrase_stops()), 0.6f);
            } else if (next == "working" && (s.w(k + 1) == "at" || s.w(k + 1) == "for")) {
                facts.add("workplace",
                          strip_article(english_phrase(s, k + 2, 3, english_phrase_stops())),
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
            const auto& stops = english_phrase_stops();
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
                      strip_article(english_phrase(s, i + 3, 3, english_phrase_stops())),
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
        const std::string_view relation = english_relation(said);
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
        const bool unique = english_unique_relations().contains(relation);
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
        if (s.w(i) == "is" && s.w(i + 1) == "my" && !english_relation(s.w(r)).empty()) {
            const std::string name = english_name_at(s, i - 1, true);
            if (!name.empty() && !contains(name, " ")) {
                const std::string_view relation = english_relation(s.w(r));
                std::string slot = "person:" + std::string(relation);
                if (!english_unique_relations().contains(relation)) {
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
    static const Set adverbs = {"really",
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
    static const Set objects_to_skip = {"you",
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
    static const Set pref_stops = {"and",      "but",    "because", "when",   "so",      "too",
                                   "very",     "a",      "lot",     "much",   "anymore", "more",
                                   "than",     "since",  "with",    "though", "these",   "days",
                                   "nowadays", "either", "at",      "in",     "on"};
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
        if (s.w(object) == "to") {
            ++object;
        }
        const std::string what = core::to_lower(english_phrase(s, object, 4, pref_stops));
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
            facts.add("favorite:" + category,
                      strip_article(english_phrase(s, is + 1, 4, english_phrase_stops())),
                      0.6f);
        }
    }
}

void english_habits(const Sentence& s, Facts& facts) {
    if (s.question || s.size() < 3) {
        return;
    }
    static const Set frequency = {"usually", "always", "often", "normally", "regularly"};
    static const Set periods = {"day",
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

// ---------------------------------------------------------------------------------------------
// Korean rules

// The noun phrase ending at word `i` (one word, or two when the first is a modifier), stripped
// of its particle. Topic words like 저는 are never part of it.
std::string korean_object_before(const Sentence& s, std::size_t i) {
    if (i == 0) {
        return {};
    }
    static const Set topics = {"저는", "나는", "제가", "내가", "전",   "난",   "저도", "나도",
                               "우리", "저희", "제",   "내",   "진짜", "정말", "너무", "엄청",
                               "완전", "특히", "요즘", "원래", "되게", "아주", "많이", "그냥"};
    const std::string_view last = s.w(i - 1);
    if (topics.contains(last) || !is_hangul_word(last)) {
        return {};
    }
    std::string noun = strip_korean_particle(last);
    if (i >= 2 && !topics.contains(s.w(i - 2)) && is_hangul_word(s.w(i - 2)) &&
        (s.w(i - 2).ends_with("운") || s.w(i - 2).ends_with("은") || s.w(i - 2).ends_with("한") ||
         s.w(i - 2).ends_with("는") || s.w(i - 2).ends_with("ㄴ"))) {
        noun = std::string(s.w(i - 2)) + " " + noun; // 매운 음식
    }
    return noun;
}

std::string korean_value_after(const Sentence& s, std::size_t i) {
    if (i >= s.size() || (!is_hangul_word(s.w(i)) && !is_capitalized(s.original[i].word))) {
        return {};
    }
    if (!is_hangul_word(s.w(i))) {
        return s.original[i].word;
    }
    std::string value = korean_noun(s.w(i));
    static const Set questions = {"뭐", "뭔", "무엇", "뭘", "누구", "어디", "몇"};
    if (questions.contains(value) || korean_not_names().contains(value)) {
        return {};
    }
    return value;
}

void korean_identity(const Sentence& s, Facts& facts) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        if (!is_hangul_word(w) && !(w.size() > 1 && w.front() >= '0' && w.front() <= '9')) {
            continue;
        }
        // 이름은 X
        const bool own_name = i == 0 || s.w(i - 1) == "제" || s.w(i - 1) == "내" ||
                              s.w(i - 1) == "저의" || s.w(i - 1) == "나의" ||
                              s.w(i - 1) == "저는" || s.w(i - 1) == "나는";
        if ((w == "이름은" || w == "이름이") && own_name && !s.question) {
            facts.add("name", korean_value_after(s, i + 1), 0.95f);
        }
        // X라고 해요 / X라고 불러 주세요
        if ((w.ends_with("라고") || w.ends_with("이라고")) && w.size() > 6 && !s.question) {
            const auto next = s.w(i + 1);
            if (next.starts_with("해") || next.starts_with("합") || next.starts_with("불러") ||
                next.starts_with("하") || next.starts_with("부르")) {
                std::string name(w.substr(0, w.size() - (w.ends_with("이라고") ? 9 : 6)));
                facts.add("name", name, 0.95f);
            }
        }
        // 29살
        if (w.front() >= '0' && w.front() <= '9') {
            std::size_t n = 0;
            while (n < w.size() && w[n] >= '0' && w[n] <= '9') {
                ++n;
            }
            const int number = parse_int(w.substr(0, n));
            if (w.substr(n).starts_with("살") && number > 0 && number < 120 && !s.question) {
                facts.add("age", std::to_string(number), 0.7f);
            }
        }
        if (w.starts_with("생일") && !s.question) {
            const auto rest = std::string_view(s.text).substr(s.original[i].begin);
            if (auto date = find_date(rest, CivilDate{.year = 2024, .month = 1, .day = 1})) {
                facts.add(
                    "birthday", fmt::format("{:02}-{:02}", date->date.month, date->date.day), 0.8f);
            }
        }
        if (s.question || i == 0) {
            continue;
        }
        const std::string_view prev = s.w(i - 1);
        // 부산에 살아요 / 부산에서 살아요
        if ((w.starts_with("살아") || w.starts_with("살고") || w.starts_with("삽니") ||
             w == "살아요") &&
            (prev.ends_with("에") || prev.ends_with("에서"))) {
            const std::size_t cut = prev.ends_with("에서") ? 6 : 3;
            facts.add("city", std::string(prev.substr(0, prev.size() - cut)), 0.8f);
        }
        // 부산으로 이사했어요
        if (w.starts_with("이사") && (prev.ends_with("로") || prev.ends_with("으로"))) {
            const std::size_t cut = prev.ends_with("으로") ? 6 : 3;
            facts.add("city", std::string(prev.substr(0, prev.size() - cut)), 0.8f);
        }
        // 회사에서 일해요 / 병원에서 근무해요 / 개발자로 일해요
        if (w.starts_with("일해") || w.starts_with("일하") || w.starts_with("근무") ||
            w.starts_with("일합")) {
            if (prev.ends_with("에서")) {
                facts.add("workplace", korean_object_before(s, i).substr(0), 0.75f);
                auto& last = facts.list;
                if (!last.empty() && last.back().slot == "workplace" &&
                    last.back().value.ends_with("에서")) {
                    last.back().value.resize(last.back().value.size() - 6);
                    last.back().text = fact_text("workplace", last.back().value, facts.language);
                }
            } else if (prev.ends_with("로") || prev.ends_with("으로")) {
                const std::size_t cut = prev.ends_with("으로") ? 6 : 3;
                facts.add("job", std::string(prev.substr(0, prev.size() - cut)), 0.8f);
            }
        }
        // 삼성에 다녀요 / 서울대에 다녀요
        if ((w.starts_with("다녀") || w.starts_with("다니")) && prev.ends_with("에")) {
            const std::string place(prev.substr(0, prev.size() - 3));
            const bool school = place.ends_with("학교") || place.ends_with("대학") ||
                                place.ends_with("대") || place.ends_with("대학원") ||
                                place.ends_with("학원");
            facts.add(school ? "school" : "workplace", place, 0.75f);
        }
        // 고향은 X / 직업은 X / 전공은 X
        if (prev == "고향은" || prev == "고향이") {
            facts.add("hometown", korean_value_after(s, i), 0.7f);
        } else if (prev == "직업은" || prev == "직업이") {
            facts.add("job", korean_value_after(s, i), 0.8f);
        } else if (prev == "전공은" || prev == "전공이") {
            facts.add("major", korean_value_after(s, i), 0.6f);
        }
        // X 전공이에요 / X를 전공해요
        if (w.starts_with("전공") && w != "전공은" && w != "전공이") {
            facts.add("major", strip_korean_particle(prev), 0.6f);
        }
    }
    // 저는 학생이에요 / 나는 개발자야
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string noun = korean_noun(s.w(i));
        if (korean_jobs().contains(noun) && s.w(i) != noun && !s.question) {
            const bool copula = s.w(i).ends_with("이에요") || s.w(i).ends_with("예요") ||
                                s.w(i).ends_with("입니다") || s.w(i).ends_with("이야") ||
                                s.w(i).ends_with("야") || s.w(i).ends_with("에요");
            if (copula) {
                facts.add("job", noun, 0.8f);
            }
        }
    }
}

void korean_people(const Sentence& s, Facts& facts) {
    static const Set possessives = {"제", "내", "우리", "저희", "나의", "저의", "울"};
    const auto add_person = [&](std::string_view relation, const std::string& name) {
        if (name.empty() || syllables(name) > 5) {
            return;
        }
        std::string slot = "person:" + std::string(relation);
        if (!korean_unique_relations().contains(relation)) {
            slot += ":" + core::to_lower(name);
        }
        facts.add(std::move(slot), name, 0.85f);
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        if (korean_relations().contains(w)) {
            const bool owned = i > 0 && possessives.contains(s.w(i - 1));
            // 언니 이름은 지수예요 / 강아지 이름은 콩이에요
            if (s.w(i + 1).starts_with("이름") && owned) {
                add_person(w, korean_value_after(s, i + 2));
                continue;
            }
            // 제 동생 민수가 / 우리 강아지 콩이는 / my sister Emma
            if (owned && i + 1 < s.size()) {
                const std::string_view next = s.w(i + 1);
                if (is_hangul_word(next)) {
                    const std::string noun = korean_noun(next);
                    const bool has_particle = noun.size() < next.size() && !next.ends_with("에");
                    if (has_particle && !korean_not_names().contains(noun) &&
                        !korean_relations().contains(noun) && syllables(noun) <= 3) {
                        add_person(w, noun);
                    }
                } else if (is_capitalized(s.original[i + 1].word)) {
                    add_person(w, s.original[i + 1].word);
                }
            }
            continue;
        }
        // 지수는 제 언니예요
        if (i >= 2 && possessives.contains(s.w(i - 1))) {
            const std::string relation = korean_noun(w);
            if (korean_relations().contains(relation) && relation != std::string(w) &&
                (w.ends_with("예요") || w.ends_with("이에요") || w.ends_with("야") ||
                 w.ends_with("이야") || w.ends_with("입니다"))) {
                const std::string_view who = s.w(i - 2);
                if (who.ends_with("는") || who.ends_with("은") || who.ends_with("이") ||
                    who.ends_with("가")) {
                    add_person(relation, korean_noun(who));
                }
            }
        }
    }
}

void korean_preferences(const Sentence& s, Facts& facts) {
    if (s.question) {
        return;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        const bool likes = w.starts_with("좋아해") || w.starts_with("좋아합") || w == "좋아하고" ||
                           w.starts_with("좋아했");
        const bool dislikes =
            w.starts_with("싫어해") || w.starts_with("싫어합") ||
            ((w.starts_with("싫어") || w.starts_with("싫") || w.starts_with("별로")) && i > 0 &&
             (s.w(i - 1).ends_with("이") || s.w(i - 1).ends_with("가") ||
              s.w(i - 1).ends_with("는") || s.w(i - 1).ends_with("은")));
        if (!likes && !dislikes) {
            continue;
        }
        const bool negated = i > 0 && (s.w(i - 1) == "안" || s.w(i - 1) == "별로");
        const std::size_t object_end = negated ? i - 1 : i;
        std::string object = korean_object_before(s, object_end);
        if (object.empty() || korean_not_names().contains(object)) {
            continue;
        }
        const bool liked = likes != negated;
        facts.add("pref:" + object, liked ? "like" : "dislike", 0.6f);
    }
    // 제일 좋아하는 음식은 김치찌개예요
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        if ((s.w(i) == "제일" || s.w(i) == "가장") && s.w(i + 1) == "좋아하는") {
            const std::string category = strip_korean_particle(s.w(i + 2));
            std::string value = korean_value_after(s, i + 3);
            if (!value.empty()) {
                facts.add("favorite:" + category, value, 0.6f);
            }
        }
    }
}

void korean_habits(const Sentence& s, Facts& facts) {
    if (s.question || s.size() < 2) {
        return;
    }
    static const Set cues = {"매일",
                             "보통",
                             "항상",
                             "맨날",
                             "자주",
                             "주말마다",
                             "아침마다",
                             "저녁마다",
                             "밤마다",
                             "매주",
                             "매일매일",
                             "늘"};
    const bool habit = std::any_of(
        s.lower.begin(), s.lower.end(), [](const auto& w) { return cues.contains(w.word); });
    if (!habit) {
        return;
    }
    // A habit is something the person does, not how they feel every day.
    const std::string_view last = s.lower.back().word;
    if (last.starts_with("힘들") || last.starts_with("피곤") || last.starts_with("바빠") ||
        last.starts_with("우울")) {
        return;
    }
    std::string clause(core::trim(s.text));
    while (!clause.empty() && (clause.back() == '.' || clause.back() == '!')) {
        clause.pop_back();
    }
    facts.add("habit:" + clause, clause, 0.5f);
}

// ---------------------------------------------------------------------------------------------
// Events

const Set& event_nouns() {
    static const Set set = {
        "interview",  "exam",    "test",     "meeting",   "appointment", "date",     "party",
        "wedding",    "trip",    "flight",   "concert",   "game",        "match",    "presentation",
        "deadline",   "surgery", "birthday", "dentist",   "doctor",      "class",    "lesson",
        "ceremony",   "funeral", "festival", "vacation",  "holiday",     "audition", "recital",
        "graduation", "checkup", "check-up", "operation", "review",      "midterm",  "final",
        "finals",     "shift",   "race",     "marathon",  "show",        "visit",    "면접",
        "시험",       "회의",    "약속",     "데이트",    "파티",        "결혼식",   "여행",
        "비행기",     "콘서트",  "경기",     "발표",      "마감",        "수술",     "생일",
        "병원",       "치과",    "수업",     "학원",      "장례식",      "축제",     "휴가",
        "출장",       "모임",    "졸업식",   "입학식",    "소개팅",      "공연",     "검사",
        "진료",       "상견례",  "이사",     "오디션",    "중간고사",    "기말고사", "시합",
        "마라톤",     "회식",    "미팅",     "연습"};
    return set;
}

const Set& plan_verbs() {
    static const Set set = {"going",    "flying", "leaving",   "visiting",   "meeting", "seeing",
                            "starting", "moving", "traveling", "travelling", "heading", "taking",
                            "가요",     "가",     "갑니다",    "가는데",     "가야",    "가야 해",
                            "만나요",   "만나",   "만나기로",  "떠나요",     "떠나",    "출발해요",
                            "출발",     "보러",   "가기로",    "봐요",       "봐",      "본다",
                            "봐야",     "있어요", "있어",      "있습니다",   "있는데",  "해요",
                            "가려고",   "와요",   "와",        "온대요",     "놀러",    "오기로",
                            "올",       "coming", "visiting"};
    return set;
}

std::string tidy_event_title(std::string title, Language language) {
    title = std::string(core::trim(title));
    while (!title.empty() &&
           std::string_view(".,!~").find(title.back()) != std::string_view::npos) {
        title.pop_back();
    }
    if (language == Language::Korean) {
        auto words = core::split_words(title);
        // "면접이 있어요" → 면접
        if (words.size() >= 2 && words.back().starts_with("있")) {
            words.pop_back();
            words.back() = strip_korean_particle(words.back());
            if (words.back().ends_with("이") && words.back() != "이") {
                // 면접이 → 면접 (strip_korean_particle already handled 이 after a consonant)
            }
            std::string out;
            for (const auto& w : words) {
                out += (out.empty() ? "" : " ") + w;
            }
            return out;
        }
        static const std::array<std::string_view, 3> leading = {"저는 ", "나는 ", "제가 "};
        for (const auto prefix : leading) {
            if (title.starts_with(prefix)) {
                title = title.substr(prefix.size());
            }
        }
        if (title.starts_with("에 ")) {
            title = title.substr(4);
        }
        return title;
    }
    std::string lower = core::to_lower(title);
    static const std::array<std::string_view, 16> frames = {"i have got a ",
                                                            "i've got an ",
                                                            "i've got a ",
                                                            "i have an ",
                                                            "i have a ",
                                                            "i have my ",
                                                            "i have ",
                                                            "i've got ",
                                                            "there's an ",
                                                            "there's a ",
                                                            "i got a ",
                                                            "we have a ",
                                                            "i'm ",
                                                            "i am ",
                                                            "we're ",
                                                            "my "};
    for (const auto frame : frames) {
        if (lower.starts_with(frame)) {
            title = title.substr(frame.size());
            lower = lower.substr(frame.size());
            break;
        }
    }
    for (const std::string_view tail : {" is", " on", " at", " for", " in"}) {
        if (lower.ends_with(tail)) {
            title.resize(title.size() - tail.size());
            lower.resize(lower.size() - tail.size());
        }
    }
    return std::string(core::trim(title));
}

void extract_event(const Sentence& s,
                   Language language,
                   CivilDate today,
                   std::vector<ExtractedEvent>& events) {
    if (s.question) {
        return;
    }
    const auto found = find_date(s.text, today);
    if (!found || found->date < today) {
        return;
    }
    // Keep only the clause that holds the date: "I have an interview tomorrow, and I'm nervous".
    std::size_t clause_begin = 0;
    std::size_t clause_end = s.text.size();
    const std::string lowered = core::to_lower(s.text);
    for (const std::string_view cut : {",",
                                       " and ",
                                       " but ",
                                       " because ",
                                       " so ",
                                       " though ",
                                       "그리고 ",
                                       "근데 ",
                                       "는데 ",
                                       "지만 ",
                                       "어서 "}) {
        for (auto at = lowered.find(cut); at != std::string::npos; at = lowered.find(cut, at + 1)) {
            if (at + cut.size() <= found->begin) {
                clause_begin = std::max(clause_begin, at + cut.size());
            } else if (at >= found->end) {
                clause_end = std::min(clause_end,
                                      at + (cut.front() == ' ' || cut == "," ? 0 : cut.size() - 1));
            }
        }
    }
    std::string rest =
        s.text.substr(clause_begin, found->begin - clause_begin) + " " +
        s.text.substr(found->end, clause_end > found->end ? clause_end - found->end : 0);
    rest = core::replace_all(rest, "  ", " ");
    // Drop the particle left hanging after a Korean date word removed with its span (금요일에).
    const auto words = core::split_words(core::to_lower(rest));
    const bool cue = std::any_of(words.begin(), words.end(), [](const std::string& w) {
        return event_nouns().contains(w) || event_nouns().contains(strip_korean_particle(w)) ||
               plan_verbs().contains(w);
    });
    if (!cue) {
        return;
    }
    std::string title = tidy_event_title(rest, language);
    if (title.empty() || query_terms(title).empty()) {
        return;
    }
    const std::string date_text = core::format_date(found->date);
    events.push_back(ExtractedEvent{.title = title,
                                    .date = found->date,
                                    .text = fmt::format("{} ({})", title, date_text),
                                    .importance = 0.8f});
}

// ---------------------------------------------------------------------------------------------
// Forgetting

std::optional<std::string> forget_request(std::string_view sentence) {
    const std::string lower = core::to_lower(core::trim(sentence));
    static const std::array<std::string_view, 8> english = {"please forget ",
                                                            "can you forget ",
                                                            "could you forget ",
                                                            "forget that ",
                                                            "forget about ",
                                                            "forget what ",
                                                            "forget my ",
                                                            "forget "};
    for (const auto prefix : english) {
        const auto at = lower.find(prefix);
        if (at != std::string::npos && (at == 0 || prefix != "forget ")) {
            std::string what = lower.substr(at + prefix.size());
            if (prefix == "forget my " || prefix == "please forget " ||
                prefix == "can you forget " || prefix == "could you forget ") {
                what = (prefix == "forget my " ? "my " : "") + what;
            }
            for (const std::string_view lead : {"that ", "about ", "what "}) {
                if (what.starts_with(lead)) {
                    what = what.substr(lead.size());
                }
            }
            while (!what.empty() &&
                   std::string_view(".!?").find(what.back()) != std::string_view::npos) {
                what.pop_back();
            }
            return what;
        }
    }
    static const std::array<std::string_view, 6> korean = {
        "잊어", "잊어버", "지워", "잊으세요", "잊고", "지우"};
    for (const auto cue : korean) {
        const auto at = lower.find(cue);
        if (at == std::string::npos || at == 0) {
            continue;
        }
        std::string what(core::trim(std::string_view(lower).substr(0, at)));
        for (const std::string_view tail : {"는",
                                            "은",
                                            "을",
                                            "를",
                                            "건",
                                            "거",
                                            "그거",
                                            "얘기는",
                                            "얘기",
                                            "말은",
                                            "것은",
                                            "거는",
                                            "사실은"}) {
            if (what.ends_with(tail) && what.size() > tail.size()) {
                what.resize(what.size() - tail.size());
                what = std::string(core::trim(what));
            }
        }
        return what;
    }
    return std::nullopt;
}

} // namespace

Extraction extract(std::string_view text, Language language, CivilDate today) {
    Extraction out;
    Facts facts{.language = language, .list = {}};
    for (const auto& piece : core::split_sentences(text)) {
        if (auto forget = forget_request(piece)) {
            out.forget = std::move(forget);
            continue; // a request to forget is not itself something to remember
        }
        const Sentence s = make_sentence(piece);
        english_identity(s, facts);
        english_people(s, facts);
        english_preferences(s, facts);
        english_habits(s, facts);
        korean_identity(s, facts);
        korean_people(s, facts);
        korean_preferences(s, facts);
        korean_habits(s, facts);
        extract_event(s, language, today, out.events);
    }
    out.facts = std::move(facts.list);
    return out;
}

} // namespace samantha::memory
