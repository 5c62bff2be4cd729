#include "memory/retrieval_query.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"
#include "core/time.h"
#include "memory/synonyms.h"

namespace samantha::memory {

namespace {

constexpr std::array<std::string_view, 12> month_names = {"january",
                                                          "february",
                                                          "march",
                                                          "april",
                                                          "may",
                                                          "june",
                                                          "july",
                                                          "august",
                                                          "september",
                                                          "october",
                                                          "november",
                                                          "december"};

// Weekday names, Monday first (core::weekday: 0 = Monday … 6 = Sunday; weekday_of adds 1).
constexpr std::array<std::string_view, 7> weekday_names = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
constexpr std::array<std::string_view, 7> korean_weekdays = {
    "월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"};

// 1–12 for a month name (or its three-letter abbreviation), else 0.
int month_of(std::string_view word) {
    for (std::size_t i = 0; i < month_names.size(); ++i) {
        if (word == month_names[i] || (word.size() == 3 && month_names[i].starts_with(word) &&
                                       word != "mar" && word != "may")) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

// 1–7 for an English or Korean weekday name, else 0.
int weekday_of(std::string_view word) {
    for (std::size_t i = 0; i < weekday_names.size(); ++i) {
        if (word == weekday_names[i] || word.starts_with(korean_weekdays[i])) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

// A non-negative number written in digits, or -1.
int number_of(std::string_view word) {
    int n = -1;
    const auto* end = word.data() + word.size();
    const auto [ptr, ec] = std::from_chars(word.data(), end, n);
    return ec == std::errc{} && ptr == end ? n : -1;
}

// "a", "one" … "ten", "couple", "few" or digits, as a count; else -1.
int count_of(std::string_view word) {
    static const std::unordered_map<std::string_view, int> words = {{"a", 1},
                                                                    {"an", 1},
                                                                    {"one", 1},
                                                                    {"two", 2},
                                                                    {"three", 3},
                                                                    {"four", 4},
                                                                    {"five", 5},
                                                                    {"six", 6},
                                                                    {"seven", 7},
                                                                    {"eight", 8},
                                                                    {"nine", 9},
                                                                    {"ten", 10},
                                                                    {"couple", 2},
                                                                    {"few", 3},
                                                                    {"several", 3}};
    if (auto it = words.find(word); it != words.end()) {
        return it->second;
    }
    return number_of(word);
}

// The number before a Korean unit: "5월" → 5 with unit "월"; else -1.
int korean_number(std::string_view word, std::string_view unit) {
    if (!word.ends_with(unit)) {
        return -1;
    }
    return number_of(word.substr(0, word.size() - unit.size()));
}

CivilDate week_start(CivilDate day) {
    return core::add_days(day, -core::weekday(day));
}

DateRange month_range(int year, int month) {
    return DateRange{.from = CivilDate{year, month, 1},
                     .to = CivilDate{year, month, core::days_in_month(year, month)}};
}

DateRange year_range(int year) {
    return DateRange{.from = CivilDate{year, 1, 1}, .to = CivilDate{year, 12, 31}};
}

DateRange around(CivilDate today, int days_back, int slack) {
    return DateRange{.from = core::add_days(today, -days_back - slack),
                     .to = core::add_days(today, -days_back + slack)};
}

DateRange month_before(CivilDate today, int months) {
    int year = today.year;
    int month = today.month - months;
    while (month < 1) {
        month += 12;
        year -= 1;
    }
    return month_range(year, month);
}

// The most recent `month` up to today's: this year's or last year's.
DateRange latest_month(CivilDate today, int month, int year) {
    if (year > 0) {
        return month_range(year, month);
    }
    return month_range(month <= today.month ? today.year : today.year - 1, month);
}

// The most recent `weekday` (1 = Monday … 7 = Sunday) before today.
CivilDate last_weekday(CivilDate today, int weekday) {
    const int back = (core::weekday(today) + 1 - weekday + 7) % 7;
    return core::add_days(today, -(back == 0 ? 7 : back));
}

bool is_year(int n) {
    return n >= 1900 && n <= 2100;
}

// A day of the month written "13", "13th", "1st", "2nd", "3rd"; else -1.
int day_of(std::string_view word) {
    for (const std::string_view suffix : {"st", "nd", "rd", "th"}) {
        if (word.size() > suffix.size() && word.ends_with(suffix)) {
            word.remove_suffix(suffix.size());
            break;
        }
    }
    const int n = number_of(word);
    return n >= 1 && n <= 31 ? n : -1;
}

// Month `month`, day `day` of `year`; without a year, the coming one if it is within three
// months (an event ahead), else the most recent one.
std::optional<CivilDate> dated(CivilDate today, int month, int day, int year) {
    if (year == 0) {
        constexpr int ahead_days = 92;
        for (const int y : {today.year, today.year + 1}) {
            if (core::is_valid_date(y, month, day)) {
                const int delta = core::days_between(today, CivilDate{y, month, day});
                if (delta >= 0 && delta <= ahead_days) {
                    return CivilDate{y, month, day};
                }
            }
        }
        year = CivilDate{today.year, month, day} <= today ? today.year : today.year - 1;
    }
    if (!core::is_valid_date(year, month, day)) {
        return std::nullopt;
    }
    return CivilDate{year, month, day};
}

// Lower-case words, Korean ones without their particle ("지난주에" → "지난주").
std::vector<std::string> plain_words(std::string_view text) {
    std::vector<std::string> words;
    for (auto& w : core::split_words(core::to_lower(text))) {
        std::string plain = strip_korean_particle(w);
        words.push_back(plain.empty() ? std::move(w) : std::move(plain));
    }
    return words;
}

std::optional<DateRange> english_period(const std::vector<std::string>& w,
                                        const std::vector<std::string>& original,
                                        CivilDate today) {
    const auto at = [&](std::size_t i) -> std::string_view {
        return i < w.size() ? std::string_view(w[i]) : std::string_view();
    };
    for (std::size_t i = 0; i < w.size(); ++i) {
        const std::string_view word = w[i];
        if (word == "yesterday") {
            return around(today, 1, 0);
        }
        if (word == "last" || word == "past" || word == "this") {
            const bool last = word != "this";
            const std::string_view next = at(i + 1);
            if (next == "week") {
                const CivilDate start = week_start(today);
                return last ? DateRange{core::add_days(start, -7), core::add_days(start, -1)}
                            : DateRange{start, today};
            }
            if (next == "weekend") {
                const CivilDate start = week_start(today);
                return last ? DateRange{core::add_days(start, -2), core::add_days(start, -1)}
                            : DateRange{core::add_days(start, 5), core::add_days(start, 6)};
            }
            if (next == "month") {
                return last ? month_before(today, 1)
                            : DateRange{CivilDate{today.year, today.month, 1}, today};
            }
            if (next == "year") {
                return last ? year_range(today.year - 1)
                            : DateRange{CivilDate{today.year, 1, 1}, today};
            }
            if (const int day = weekday_of(next); day > 0 && last) {
                const CivilDate d = last_weekday(today, day);
                return DateRange{d, d};
            }
        }
        if (word == "ago" && i >= 2) {
            const int n = count_of(w[i - 2]);
            const std::string_view unit = w[i - 1];
            if (n > 0 && (unit == "day" || unit == "days")) {
                return around(today, n, 1);
            }
            if (n > 0 && (unit == "week" || unit == "weeks")) {
                return around(today, 7 * n, 3);
            }
            if (n > 0 && (unit == "month" || unit == "months")) {
                return month_before(today, n);
            }
            if (n > 0 && (unit == "year" || unit == "years")) {
                return year_range(today.year - n);
            }
        }
        if (const int month = month_of(word); month > 0) {
            // "may" is also a verb: a month only when capitalised.
            if (word == "may" && (i >= original.size() || original[i] != "May")) {
                continue;
            }
            // A day of the month: "October 13, 2023", "13 October", "the 13th of October".
            const int after = day_of(at(i + 1));
            const int before_day = i > 0 ? day_of(w[i - 1]) : -1;
            const int before_of = i > 1 && w[i - 1] == "of" ? day_of(w[i - 2]) : -1;
            const int day = after > 0 ? after : before_day > 0 ? before_day : before_of;
            if (day > 0) {
                const int year = number_of(at(i + (after > 0 ? 2 : 1)));
                if (auto date = dated(today, month, day, is_year(year) ? year : 0)) {
                    return DateRange{*date, *date};
                }
            }
            const int year = number_of(at(i + 1));
            if (is_year(year)) {
                return latest_month(today, month, year);
            }
            const std::string_view before = i > 0 ? std::string_view(w[i - 1]) : "";
            if (before == "in" || before == "of" || before == "since" || before == "during" ||
                before == "early" || before == "late" || before == "mid") {
                return latest_month(today, month, 0);
            }
        }
        if (const int year = number_of(word); is_year(year)) {
            const std::string_view before = i > 0 ? std::string_view(w[i - 1]) : "";
            if (before == "in" || before == "since" || before == "during" || before == "of") {
                return year_range(year);
            }
        }
    }
    return std::nullopt;
}

std::optional<DateRange> korean_period(const std::vector<std::string>& w, CivilDate today) {
    const auto at = [&](std::size_t i) -> std::string_view {
        return i < w.size() ? std::string_view(w[i]) : std::string_view();
    };
    const CivilDate start = week_start(today);
    for (std::size_t i = 0; i < w.size(); ++i) {
        const std::string_view word = w[i];
        if (word == "어제") {
            return around(today, 1, 0);
        }
        if (word == "그저께" || word == "그저" || word == "그제") { // 그저께 loses 께 as a particle
            return around(today, 2, 0);
        }
        if (word == "지난주말" || (word == "지난" && at(i + 1) == "주말") ||
            (word == "지난주" && at(i + 1) == "주말")) {
            return DateRange{core::add_days(start, -2), core::add_days(start, -1)};
        }
        if (word == "지난주" || (word == "지난" && at(i + 1) == "주")) {
            return DateRange{core::add_days(start, -7), core::add_days(start, -1)};
        }
        if (word == "이번주" || (word == "이번" && at(i + 1) == "주")) {
            return DateRange{start, today};
        }
        if (word == "지난달" || (word == "지난" && at(i + 1) == "달")) {
            return month_before(today, 1);
        }
        if (word == "이번달" || (word == "이번" && at(i + 1) == "달")) {
            return DateRange{CivilDate{today.year, today.month, 1}, today};
        }
        if (word == "작년") {
            return year_range(today.year - 1);
        }
        if (word == "재작년") {
            return year_range(today.year - 2);
        }
        if (word == "올해") {
            return DateRange{CivilDate{today.year, 1, 1}, today};
        }
        if (word == "지난" && weekday_of(at(i + 1)) > 0) {
            const CivilDate d = last_weekday(today, weekday_of(at(i + 1)));
            return DateRange{d, d};
        }
        if (at(i + 1) == "전" || at(i + 1) == "전에") {
            if (const int n = korean_number(word, "일"); n > 0) {
                return around(today, n, 1);
            }
            if (const int n = korean_number(word, "주"); n > 0) {
                return around(today, 7 * n, 3);
            }
            if (const int n = std::max(korean_number(word, "달"), korean_number(word, "개월"));
                n > 0) {
                return month_before(today, n);
            }
            if (const int n = korean_number(word, "년"); n > 0) {
                return year_range(today.year - n);
            }
        }
        if (const int year = korean_number(word, "년"); is_year(year)) {
            if (const int month = korean_number(at(i + 1), "월"); month >= 1 && month <= 12) {
                return month_range(year, month);
            }
            return year_range(year);
        }
        if (const int month = korean_number(word, "월"); month >= 1 && month <= 12) {
            if (const int day = korean_number(at(i + 1), "일"); day > 0) {
                if (auto date = dated(today, month, day, 0)) {
                    return DateRange{*date, *date}; // 5월 3일
                }
            }
            return latest_month(today, month, 0);
        }
    }
    return std::nullopt;
}

bool asks_when(const std::vector<std::string>& w) {
    for (std::size_t i = 0; i < w.size(); ++i) {
        const std::string_view word = w[i];
        const std::string_view next = i + 1 < w.size() ? std::string_view(w[i + 1]) : "";
        if (word == "when" || word == "언제" || word == "언제쯤" || word == "며칠" ||
            word == "날짜" || word == "몇월") {
            return true;
        }
        if ((word == "what" || word == "which") &&
            (next == "date" || next == "day" || next == "year" || next == "month" ||
             next == "time" || next == "week")) {
            return true;
        }
        if (word == "how" && next == "long") {
            return true;
        }
        if (word == "몇" && (next == "월" || next == "시" || next == "년" || next == "일")) {
            return true;
        }
        if (word == "무슨" && weekday_of(next) == 0 && next.starts_with("요일")) {
            return true;
        }
    }
    return false;
}

bool is_question_word(std::string_view word) {
    static const std::unordered_set<std::string_view> words = {
        "what", "when",  "where", "who",  "why",  "how",      "which",  "whose", "did",
        "does", "do",    "is",    "are",  "was",  "were",     "would",  "could", "should",
        "can",  "will",  "has",   "have", "tell", "remember", "i",      "oh",    "hey",
        "hi",   "hello", "yes",   "no",   "ok",   "okay",     "so",     "and",   "but",
        "the",  "a",     "an",    "my",   "your", "please",   "thanks", "wow"};
    return words.contains(word);
}

// Index terms of the names in `text`: capitalised English words that are not question or time
// words, and the known names that occur in it.
std::vector<std::string> entities_of(std::string_view text,
                                     const std::vector<std::string>& known_names) {
    std::vector<std::string> out;
    const auto add = [&](std::string term) {
        if (!term.empty() && std::find(out.begin(), out.end(), term) == out.end()) {
            out.push_back(std::move(term));
        }
    };
    const auto words = core::split_words(text);
    for (const auto& word : words) {
        if (word.size() < 2 || word[0] < 'A' || word[0] > 'Z') {
            continue;
        }
        std::string lower = core::to_lower(word);
        if (lower.ends_with("'s")) {
            lower.resize(lower.size() - 2);
        }
        if (is_question_word(lower) || is_stop_word(lower) || month_of(lower) > 0 ||
            weekday_of(lower) > 0) {
            continue;
        }
        add(english_stem(lower));
    }
    for (const auto& name : known_names) {
        const std::string lower = core::to_lower(name);
        if (lower.empty()) {
            continue;
        }
        for (const auto& word : words) {
            const std::string w = core::to_lower(word);
            const bool named = w == lower ||
                               (w.ends_with("'s") && w.substr(0, w.size() - 2) == lower) ||
                               strip_korean_particle(w) == lower || korean_stem(w) == lower ||
                               strip_korean_particle(strip_korean_particle(w)) == lower;
            if (named) {
                for (const auto& term : index_terms(lower)) {
                    add(term);
                    break; // the name's first form: the word itself
                }
                break;
            }
        }
    }
    return out;
}

} // namespace

std::optional<DateRange> find_period(std::string_view text, CivilDate today) {
    const auto words = plain_words(text);
    std::vector<std::string> original;
    for (auto& w : core::split_words(text)) {
        original.push_back(std::move(w));
    }
    if (auto english = english_period(words, original, today)) {
        return english;
    }
    return korean_period(words, today);
}

bool mentions_time(std::string_view text) {
    static const std::unordered_set<std::string_view> words = {
        "yesterday", "today",    "tonight", "tomorrow", "ago",    "last",    "next",
        "week",      "weeks",    "weekend", "weekends", "month",  "months",  "year",
        "years",     "recently", "lately",  "earlier",  "since",  "morning", "afternoon",
        "evening",   "night",    "어제",    "그저께",   "그제",   "오늘",    "내일",
        "모레",      "지난",     "지난주",  "지난달",   "이번",   "다음",    "작년",
        "올해",      "내년",     "주말",    "아침",     "저녁",   "최근",    "요즘",
        "전에",      "방금",     "지난번",  "예전에",   "어젯밤", "그때"};
    const auto all = core::split_words(text);
    for (std::size_t i = 0; i < all.size(); ++i) {
        const std::string lower = core::to_lower(all[i]);
        const std::string plain = strip_korean_particle(lower);
        if (words.contains(lower) || words.contains(plain) || weekday_of(lower) > 0 ||
            (month_of(lower) > 0 && (lower != "may" || all[i] == "May")) ||
            is_year(number_of(lower)) || korean_number(plain, "월") > 0 ||
            korean_number(plain, "일") > 0 || korean_number(plain, "년") > 0 ||
            (i + 1 < all.size() && all[i + 1] == "전" &&
             (korean_number(plain, "일") > 0 || korean_number(plain, "주") > 0))) {
            return true;
        }
    }
    return false;
}

SearchQuery analyse_query(std::string_view text,
                          CivilDate today,
                          const std::vector<std::string>& known_names,
                          float synonym_weight,
                          std::size_t max_terms) {
    SearchQuery query;
    query.terms = weighted_query_terms(text, max_terms);
    if (synonym_weight > 0.0f) {
        for (auto& extra : synonym_terms(text, synonym_weight)) {
            const bool typed =
                std::any_of(query.terms.begin(), query.terms.end(), [&](const WeightedTerm& t) {
                    return t.term == extra.term;
                });
            if (!typed) {
                query.terms.push_back(std::move(extra));
            }
        }
    }
    query.entities = entities_of(text, known_names);
    const auto words = plain_words(text);
    query.asks_when = asks_when(words);
    query.period = find_period(text, today);
    return query;
}

} // namespace samantha::memory
