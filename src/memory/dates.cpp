#include "memory/dates.h"

#include <array>
#include <charconv>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/time.h"

namespace samantha::memory {

namespace {

using Words = std::vector<core::WordSpan>;

int parse_int(std::string_view digits) {
    int value = -1;
    const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
    return ec == std::errc{} && ptr == digits.data() + digits.size() ? value : -1;
}

// The leading run of ASCII digits of `word`.
std::string_view leading_digits(std::string_view word) {
    std::size_t n = 0;
    while (n < word.size() && word[n] >= '0' && word[n] <= '9') {
        ++n;
    }
    return word.substr(0, n);
}

// 0 = Monday … 6 = Sunday, or -1.
int korean_weekday(std::string_view word) {
    static constexpr std::array<std::string_view, 7> names = {
        "월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (word.starts_with(names[i])) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

int english_weekday(std::string_view word) {
    static constexpr std::array<std::string_view, 7> names = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (word == names[i] ||
            (word.size() >= 3 && word.size() <= 4 && names[i].starts_with(word) && word != "sun" &&
             word != "sat" && word != "wed")) {
            return static_cast<int>(i);
        }
    }
    return -1; // "on Fridays" is a habit, not a date
}

int english_month(std::string_view word) {
    static constexpr std::array<std::string_view, 12> names = {"january",
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
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (word == names[i] || (word.size() == 3 && names[i].starts_with(word) && word != "may") ||
            (word == "sept" && i == 8)) {
            return static_cast<int>(i) + 1;
        }
    }
    return -1;
}

// "3", "3rd", "21st" → day number, or -1.
int english_day(std::string_view word) {
    const auto digits = leading_digits(word);
    if (digits.empty() || digits.size() > 2) {
        return -1;
    }
    const auto suffix = word.substr(digits.size());
    if (!suffix.empty() && suffix != "st" && suffix != "nd" && suffix != "rd" && suffix != "th") {
        return -1;
    }
    const int day = parse_int(digits);
    return day >= 1 && day <= 31 ? day : -1;
}

// "two" → 2, "a" → 1, "3" → 3 (counts of days and weeks), or -1.
int english_count(std::string_view word) {
    static constexpr std::array<std::string_view, 15> names = {"zero",
                                                               "one",
                                                               "two",
                                                               "three",
                                                               "four",
                                                               "five",
                                                               "six",
                                                               "seven",
                                                               "eight",
                                                               "nine",
                                                               "ten",
                                                               "eleven",
                                                               "twelve",
                                                               "thirteen",
                                                               "fourteen"};
    if (word == "a" || word == "an") {
        return 1;
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (word == names[i]) {
            return static_cast<int>(i);
        }
    }
    const auto digits = leading_digits(word);
    return digits.size() == word.size() && !digits.empty() && digits.size() <= 3 ? parse_int(digits)
                                                                                 : -1;
}

// 이틀 → 2 … 열흘 → 10 (native day counts), or -1.
int korean_day_count(std::string_view word) {
    struct Count {
        std::string_view word;
        int days;
    };

    static constexpr std::array<Count, 6> counts = {
        {{"이틀", 2}, {"사흘", 3}, {"나흘", 4}, {"닷새", 5}, {"엿새", 6}, {"열흘", 10}}};
    for (const auto& c : counts) {
        if (word == c.word) {
            return c.days;
        }
    }
    return -1;
}

CivilDate week_day(CivilDate today, int weeks_ahead, int weekday) {
    const CivilDate monday = core::add_days(today, -core::weekday(today));
    return core::add_days(monday, weeks_ahead * 7 + weekday);
}

CivilDate next_weekday(CivilDate today, int weekday) {
    int delta = (weekday - core::weekday(today) + 7) % 7;
    if (delta == 0) {
        delta = 7;
    }
    return core::add_days(today, delta);
}

// The weekday before today ("last Friday" said on Friday is a week ago).
CivilDate previous_weekday(CivilDate today, int weekday) {
    int delta = (core::weekday(today) - weekday + 7) % 7;
    if (delta == 0) {
        delta = 7;
    }
    return core::add_days(today, -delta);
}

// This week's Saturday, or today on a weekend day; `weeks_ahead` weeks on.
CivilDate weekend(CivilDate today, int weeks_ahead) {
    const int day = core::weekday(today);
    if (weeks_ahead == 0 && day >= 5) {
        return today;
    }
    return week_day(today, weeks_ahead, 5);
}

// The next date on or after today with this month and day (this year, else next).
std::optional<CivilDate> upcoming_month_day(CivilDate today, int month, int day) {
    for (int year = today.year; year <= today.year + 4; ++year) {
        if (core::is_valid_date(year, month, day)) {
            const CivilDate date{.year = year, .month = month, .day = day};
            if (date >= today) {
                return date;
            }
        }
    }
    return std::nullopt;
}

// The next date on or after today with this day of the month.
std::optional<CivilDate> upcoming_day(CivilDate today, int day, int months_ahead) {
    int year = today.year;
    int month = today.month + months_ahead;
    for (int tries = 0; tries < 4; ++tries) {
        while (month > 12) {
            month -= 12;
            ++year;
        }
        if (core::is_valid_date(year, month, day)) {
            const CivilDate date{.year = year, .month = month, .day = day};
            if (date >= today || months_ahead > 0) {
                return date;
            }
        }
        ++month;
    }
    return std::nullopt;
}

// The day of this month, past or not (이번 달 30일).
std::optional<CivilDate> this_month_day(CivilDate today, int day) {
    if (!core::is_valid_date(today.year, today.month, day)) {
        return std::nullopt;
    }
    return CivilDate{.year = today.year, .month = today.month, .day = day};
}

// 설날 and 추석 follow the lunar calendar: their solar dates, 2025–2030 (한국천문연구원
// 월력요항). Past 2030 they resolve to nothing rather than to a wrong day.
struct LunarHoliday {
    int year;
    int month;
    int day;
};

constexpr std::array<LunarHoliday, 6> seollal = {
    {{2025, 1, 29}, {2026, 2, 17}, {2027, 2, 6}, {2028, 1, 26}, {2029, 2, 13}, {2030, 2, 3}}};
constexpr std::array<LunarHoliday, 6> chuseok = {
    {{2025, 10, 6}, {2026, 9, 25}, {2027, 9, 15}, {2028, 10, 3}, {2029, 9, 22}, {2030, 9, 12}}};

std::optional<CivilDate> upcoming_lunar(CivilDate today, const std::array<LunarHoliday, 6>& table) {
    for (const auto& h : table) {
        const CivilDate date{.year = h.year, .month = h.month, .day = h.day};
        if (date >= today) {
            return date;
        }
    }
    return std::nullopt;
}

DateMention mention(CivilDate date, const Words& words, std::size_t first, std::size_t last) {
    return DateMention{
        .date = date, .begin = words[first].begin, .end = words[last].end, .month_named = false};
}

// Korean holidays on fixed solar dates: the word and its month and day.
struct FixedHoliday {
    std::string_view word;
    int month;
    int day;
};

constexpr std::array<FixedHoliday, 16> korean_fixed_holidays = {{{"크리스마스이브", 12, 24},
                                                                 {"크리스마스", 12, 25},
                                                                 {"성탄절", 12, 25},
                                                                 {"신정", 1, 1},
                                                                 {"어린이날", 5, 5},
                                                                 {"어버이날", 5, 8},
                                                                 {"스승의날", 5, 15},
                                                                 {"한글날", 10, 9},
                                                                 {"광복절", 8, 15},
                                                                 {"삼일절", 3, 1},
                                                                 {"현충일", 6, 6},
                                                                 {"개천절", 10, 3},
                                                                 {"발렌타인데이", 2, 14},
                                                                 {"화이트데이", 3, 14},
                                                                 {"할로윈", 10, 31},
                                                                 {"빼빼로데이", 11, 11}}};

std::optional<DateMention> korean_holiday(const Words& w, std::size_t i, CivilDate today) {
    const std::string& word = w[i].word;
    const auto next = [&](std::size_t k) -> std::string_view {
        return i + k < w.size() ? std::string_view(w[i + k].word) : std::string_view();
    };
    // 크리스마스 이브, written apart.
    if (word == "크리스마스" && next(1).starts_with("이브")) {
        if (auto date = upcoming_month_day(today, 12, 24)) {
            return mention(*date, w, i, i + 1);
        }
    }
    if (word == "새해" && next(1).starts_with("첫날")) {
        if (auto date = upcoming_month_day(today, 1, 1)) {
            return mention(*date, w, i, i + 1);
        }
    }
    for (const auto& h : korean_fixed_holidays) {
        if (word.starts_with(h.word)) {
            if (auto date = upcoming_month_day(today, h.month, h.day)) {
                return mention(*date, w, i, i);
            }
        }
    }
    // 설날, 설 (only as a whole word: 설명 is not 설), 추석.
    const bool seol = word.starts_with("설날") || word == "설" || word == "설에" ||
                      (word == "설" && next(1).starts_with("연휴"));
    if (seol || word.starts_with("추석")) {
        if (auto date = upcoming_lunar(today, seol ? seollal : chuseok)) {
            std::size_t last = i;
            if (next(1).starts_with("연휴") || next(1).starts_with("당일")) {
                last = i + 1;
            }
            return mention(*date, w, i, last);
        }
    }
    return std::nullopt;
}

std::optional<DateMention> korean_at(const Words& w, std::size_t i, CivilDate today) {
    const std::string& word = w[i].word;
    const auto next = [&](std::size_t k) -> std::string_view {
        return i + k < w.size() ? std::string_view(w[i + k].word) : std::string_view();
    };
    const std::string_view prev = i > 0 ? std::string_view(w[i - 1].word) : std::string_view();

    struct Relative {
        std::string_view word;
        int days;
    };

    static constexpr std::array<Relative, 12> relatives = {{{"내일모레", 2},
                                                            {"오늘", 0},
                                                            {"내일", 1},
                                                            {"모레", 2},
                                                            {"글피", 3},
                                                            {"어제", -1},
                                                            {"그저께", -2},
                                                            {"그제", -2},
                                                            {"엊그제", -2},
                                                            {"이따", 0},
                                                            {"작년", -365},
                                                            {"지난달", -30}}};
    for (const auto& r : relatives) {
        if (word.starts_with(r.word)) {
            return mention(core::add_days(today, r.days), w, i, i);
        }
    }
    // 이번 주 / 다음 주 / 다다음 주 / 지난주 / 저번 주 (+ 요일), written with or without the space.
    int weeks = -9;
    std::size_t day_index = i + 1;
    if (word == "이번주" || word == "금주") {
        weeks = 0;
    } else if (word == "다음주") {
        weeks = 1;
    } else if (word == "다다음주") {
        weeks = 2;
    } else if (word.starts_with("지난주") || word.starts_with("저번주")) {
        weeks = -1;
    } else if ((word == "이번" || word == "다음" || word == "다다음" || word == "지난" ||
                word == "저번") &&
               i + 1 < w.size() && w[i + 1].word.starts_with("주")) {
        weeks = word == "이번" ? 0 : word == "다음" ? 1 : word == "다다음" ? 2 : -1;
        if (w[i + 1].word.starts_with("주말")) {
            // 이번 주말 / 다음 주말 / 지난 주말
            const CivilDate date =
                weeks < 0 ? core::add_days(weekend(today, 0), -7) : weekend(today, weeks);
            return mention(date, w, i, i + 1);
        }
        if (w[i + 1].word != "주" && !w[i + 1].word.starts_with("주에")) {
            return std::nullopt; // 주문, 주식…
        }
        day_index = i + 2;
    }
    if (weeks > -9) {
        if (day_index < w.size()) {
            const int weekday = korean_weekday(w[day_index].word);
            if (weekday >= 0) {
                return mention(week_day(today, weeks, weekday), w, i, day_index);
            }
        }
        if (weeks < 0) {
            return mention(core::add_days(today, -7), w, i, day_index - 1); // 지난주에: past
        }
        return std::nullopt; // "다음 주에" alone names no day
    }
    // 이번주말, 주말에 (this weekend); 주말마다 and 매주 주말 are habits.
    if (word.starts_with("이번주말") || word.starts_with("다음주말")) {
        return mention(weekend(today, word.starts_with("다음") ? 1 : 0), w, i, i);
    }
    if ((word == "주말" || word == "주말에") && prev != "매주" && prev != "매번") {
        return mention(weekend(today, 0), w, i, i);
    }
    // 이번 토요일 / 다음 토요일 / 지난 토요일 (no 주)
    if ((word == "이번" || word == "다음" || word == "지난" || word == "저번") &&
        korean_weekday(next(1)) >= 0 && !next(1).ends_with("마다")) {
        const int weekday = korean_weekday(next(1));
        if (word == "지난" || word == "저번") {
            return mention(previous_weekday(today, weekday), w, i, i + 1);
        }
        CivilDate date = week_day(today, word == "이번" ? 0 : 1, weekday);
        if (date < today) {
            date = week_day(today, 1, weekday);
        }
        return mention(date, w, i, i + 1);
    }
    if (const int weekday = korean_weekday(word); weekday >= 0) {
        // 토요일마다 and 매주 토요일 are habits, not a date.
        if (std::string_view(word).substr(9).starts_with("마다") || prev == "매주" ||
            prev == "격주") {
            return std::nullopt;
        }
        return mention(next_weekday(today, weekday), w, i, i);
    }
    // 다음 달 D일 / 다음달 D일 / 이번 달 D일
    {
        std::size_t day_at = 0;
        int months = -1;
        if (word == "다음" && next(1) == "달") {
            day_at = i + 2;
            months = 1;
        } else if (word == "다음달") {
            day_at = i + 1;
            months = 1;
        } else if (word == "이번" && next(1) == "달") {
            day_at = i + 2;
            months = 0;
        } else if (word == "이번달") {
            day_at = i + 1;
            months = 0;
        }
        if (months >= 0 && day_at < w.size()) {
            const auto digits = leading_digits(w[day_at].word);
            if (!digits.empty() && w[day_at].word.substr(digits.size()).starts_with("일")) {
                const auto date = months == 1 ? upcoming_day(today, parse_int(digits), 1)
                                              : this_month_day(today, parse_int(digits));
                if (date) {
                    return mention(*date, w, i, day_at);
                }
            }
        }
    }
    // 이틀 뒤, 사흘 후, 일주일 뒤, 2주 후, 3일 뒤
    {
        int days = korean_day_count(word);
        const auto digits = leading_digits(word);
        const std::string_view rest = std::string_view(word).substr(digits.size());
        if (days < 0 && (word == "일주일" || word == "일주일간")) {
            days = 7;
        }
        if (days < 0 && !digits.empty() && rest == "주") {
            days = 7 * parse_int(digits);
        }
        if (days < 0 && !digits.empty() && rest == "일") {
            days = parse_int(digits);
        }
        if (days > 0 && (next(1).starts_with("뒤") || next(1).starts_with("후"))) {
            return mention(core::add_days(today, days), w, i, i + 1);
        }
        if (days > 0 && (next(1).starts_with("전"))) {
            return mention(core::add_days(today, -days), w, i, i + 1);
        }
    }
    if (auto holiday = korean_holiday(w, i, today)) {
        return holiday;
    }
    // M월 D일 / D일
    const auto digits = leading_digits(word);
    if (!digits.empty()) {
        const std::string_view rest = std::string_view(word).substr(digits.size());
        if (rest == "월" && i + 1 < w.size()) {
            const auto day_digits = leading_digits(w[i + 1].word);
            const std::string_view day_rest =
                std::string_view(w[i + 1].word).substr(day_digits.size());
            if (!day_digits.empty() && day_rest.starts_with("일") &&
                !day_rest.starts_with("일간")) {
                if (auto date =
                        upcoming_month_day(today, parse_int(digits), parse_int(day_digits))) {
                    DateMention m = mention(*date, w, i, i + 1);
                    m.month_named = true;
                    return m;
                }
            }
        }
        if (rest.starts_with("일") && !rest.starts_with("일간") && !rest.starts_with("일째") &&
            !rest.starts_with("일동안") && !(i + 1 < w.size() && w[i + 1].word == "동안")) {
            if (auto date = upcoming_day(today, parse_int(digits), 0)) {
                return mention(*date, w, i, i);
            }
        }
    }
    return std::nullopt;
}

std::optional<DateMention> english_holiday(const Words& w, std::size_t i, CivilDate today) {
    const std::string& word = w[i].word;
    const auto next = [&](std::size_t k) -> std::string_view {
        return i + k < w.size() ? std::string_view(w[i + k].word) : std::string_view();
    };
    int month = 0;
    int day = 0;
    std::size_t last = i;
    if (word == "christmas" || word == "xmas" || word == "christmas's") {
        month = 12;
        day = next(1) == "eve" ? 24 : 25;
        last = next(1) == "eve" || next(1) == "day" ? i + 1 : i;
    } else if (word == "new" && (next(1) == "year's" || next(1) == "year" || next(1) == "years")) {
        last = i + 1;
        if (next(2) == "eve") {
            month = 12;
            day = 31;
            last = i + 2;
        } else {
            month = 1;
            day = 1;
            last = next(2) == "day" ? i + 2 : i + 1;
        }
    } else if ((word == "valentine's" || word == "valentines") && next(1) == "day") {
        month = 2;
        day = 14;
        last = i + 1;
    } else if (word == "halloween") {
        month = 10;
        day = 31;
    }
    if (month == 0) {
        return std::nullopt;
    }
    if (auto date = upcoming_month_day(today, month, day)) {
        return mention(*date, w, i, last);
    }
    return std::nullopt;
}

std::optional<DateMention> english_at(const Words& w, std::size_t i, CivilDate today) {
    const std::string& word = w[i].word;
    const auto next = [&](std::size_t k) -> std::string_view {
        return i + k < w.size() ? std::string_view(w[i + k].word) : std::string_view();
    };
    const std::string_view prev = i > 0 ? std::string_view(w[i - 1].word) : std::string_view();
    if (prev == "every" || prev == "each") {
        return std::nullopt; // every Friday: a habit
    }
    if (word == "today" || word == "tonight") {
        return mention(today, w, i, i);
    }
    if (word == "later" && next(1) == "today") {
        return mention(today, w, i, i + 1);
    }
    if (word == "this" &&
        (next(1) == "morning" || next(1) == "afternoon" || next(1) == "evening")) {
        return mention(today, w, i, i + 1);
    }
    if (word == "yesterday") {
        return mention(core::add_days(today, -1), w, i, i);
    }
    if (word == "day" && next(1) == "before" && next(2) == "yesterday") {
        return mention(
            core::add_days(today, -2), w, i > 0 && w[i - 1].word == "the" ? i - 1 : i, i + 2);
    }
    if (word == "day" && next(1) == "after" && next(2) == "tomorrow") {
        return mention(
            core::add_days(today, 2), w, i > 0 && w[i - 1].word == "the" ? i - 1 : i, i + 2);
    }
    if (word == "tomorrow") {
        return mention(core::add_days(today, 1), w, i, i);
    }
    // last night / last week / last Friday / last weekend / last month / last year: the past.
    if (word == "last") {
        const auto what = next(1);
        if (const int weekday = english_weekday(what); weekday >= 0) {
            return mention(previous_weekday(today, weekday), w, i, i + 1);
        }
        const int back = what == "night"     ? 1
                         : what == "week"    ? 7
                         : what == "weekend" ? 7
                         : what == "month"   ? 30
                         : what == "year"    ? 365
                                             : 0;
        if (back > 0) {
            return mention(core::add_days(today, -back), w, i, i + 1);
        }
    }
    // N days ago / two weeks ago
    if (const int count = english_count(word); count > 0) {
        const auto unit = next(1);
        const int days = unit.starts_with("day") ? count : unit.starts_with("week") ? 7 * count : 0;
        if (days > 0 && next(2) == "ago") {
            return mention(core::add_days(today, -days), w, i, i + 2);
        }
        // "a week from today", "two weeks from now"
        if (days > 0 && next(2) == "from" &&
            (next(3) == "today" || next(3) == "now" || next(3) == "tonight")) {
            return mention(core::add_days(today, days), w, i, i + 3);
        }
    }
    // in two days / in 3 days / in a week / in two weeks
    if (word == "in" && english_count(next(1)) > 0) {
        const int count = english_count(next(1));
        const auto unit = next(2);
        const int days = unit == "day" || unit == "days"     ? count
                         : unit == "week" || unit == "weeks" ? 7 * count
                                                             : 0;
        if (days > 0) {
            return mention(core::add_days(today, days), w, i, i + 2);
        }
    }
    // this weekend / next weekend / the weekend
    if ((word == "this" || word == "next" || word == "the") && next(1) == "weekend") {
        return mention(weekend(today, word == "next" ? 1 : 0), w, i, i + 1);
    }
    if (word == "this" || word == "next" || word == "on" || word == "coming") {
        const int weekday = english_weekday(next(1));
        if (weekday >= 0) {
            CivilDate date = next_weekday(today, weekday);
            if (word == "this") {
                date = week_day(today, 0, weekday);
                if (date < today) {
                    date = week_day(today, 1, weekday);
                }
            } else if (word == "next") {
                date = week_day(today, 1, weekday);
            }
            return mention(date, w, i, i + 1);
        }
    }
    if (const int weekday = english_weekday(word); weekday >= 0 && word.size() > 4) {
        return mention(next_weekday(today, weekday), w, i, i);
    }
    if (auto holiday = english_holiday(w, i, today)) {
        return holiday;
    }
    // Month names: "December 3", "Dec 3rd", "3 December", "the 3rd of December".
    if (const int month = english_month(word); month > 0) {
        const int day = english_day(next(1));
        if (day > 0) {
            if (auto date = upcoming_month_day(today, month, day)) {
                DateMention m = mention(*date, w, i, i + 1);
                m.month_named = true;
                return m;
            }
        }
    }
    if (const int day = english_day(word); day > 0) {
        std::size_t k = 1;
        if (next(k) == "of") {
            ++k;
        }
        if (const int month = english_month(next(k)); month > 0) {
            if (auto date = upcoming_month_day(today, month, day)) {
                const std::size_t first = i > 0 && w[i - 1].word == "the" ? i - 1 : i;
                DateMention m = mention(*date, w, first, i + k);
                m.month_named = true;
                return m;
            }
        }
        // "on the 3rd": an ordinal after "the" names a day of this month (or the next);
        // "the 10th of next month" one of the next.
        if (i > 0 && w[i - 1].word == "the" && word.size() > leading_digits(word).size()) {
            const bool next_month = next(1) == "of" && next(2) == "next" && next(3) == "month";
            if (auto date = upcoming_day(today, day, next_month ? 1 : 0)) {
                const std::size_t first = i > 1 && w[i - 2].word == "on" ? i - 2 : i - 1;
                return mention(*date, w, first, next_month ? i + 3 : i);
            }
        }
    }
    return std::nullopt;
}

// Whether word i is part of a time of day ("morning", "at", "3pm", "9:30", "오후", "3시에").
bool is_time_word(const Words& w, std::size_t i) {
    const std::string_view word = w[i].word;
    static constexpr std::array<std::string_view, 22> words = {
        "morning", "afternoon", "evening", "night", "noon", "midnight", "am",   "pm",
        "o'clock", "아침",      "점심",    "저녁",  "밤",   "새벽",     "오전", "오후",
        "낮",      "반",        "쯤",      "정오",  "이따", "이따가"};
    for (const auto t : words) {
        if (word == t) {
            return true;
        }
        // Korean time words keep their particle: 아침에, 저녁에는, 밤에.
        if (!t.empty() && static_cast<unsigned char>(t[0]) >= 0x80 && word.starts_with(t)) {
            const std::string_view rest = word.substr(t.size());
            if (rest == "에" || rest == "쯤" || rest == "쯤에" || rest == "에요" ||
                rest == "예요" || rest == "이에요" || rest == "이야" || rest == "야" ||
                rest == "입니다") {
                return true; // 아침에, 오후예요
            }
        }
    }
    const auto digits = leading_digits(word);
    if (digits.empty() || digits.size() > 2) {
        return false;
    }
    const std::string_view rest = word.substr(digits.size());
    if (rest.empty()) {
        // A bare number is a time only after "at" or a clock's colon (9:30).
        return (i > 0 && (w[i - 1].word == "at" || is_time_word(w, i - 1))) ||
               (i + 1 < w.size() && (w[i + 1].word == "am" || w[i + 1].word == "pm"));
    }
    return rest == "am" || rest == "pm" || (rest.starts_with("시") && !rest.starts_with("시간")) ||
           (rest.starts_with("분") && !rest.starts_with("분간"));
}

// Widens a mention over the time of day around it: "tomorrow at 3pm", "at 7pm tonight",
// "내일 오후 3시에".
void widen_over_time(const Words& w, std::size_t& first, std::size_t& last) {
    while (last + 1 < w.size()) {
        const std::string_view nxt = w[last + 1].word;
        if (nxt == "at" && last + 2 < w.size() && is_time_word(w, last + 2)) {
            last += 2;
        } else if (nxt != "at" && is_time_word(w, last + 1)) {
            ++last;
        } else {
            break;
        }
    }
    while (first > 0 && (is_time_word(w, first - 1) || w[first - 1].word == "at")) {
        if (w[first - 1].word == "at" && (first < 2 || !is_time_word(w, first))) {
            break;
        }
        --first;
    }
    // "on New Year's", "over Christmas": the preposition goes with the date.
    if (first > 0 && (w[first - 1].word == "on" || w[first - 1].word == "over")) {
        --first;
    }
}

} // namespace

std::optional<DateMention> find_date(std::string_view text, CivilDate today) {
    const std::string lowered = core::to_lower(text);
    const Words words = core::word_spans(lowered);
    for (std::size_t i = 0; i < words.size(); ++i) {
        auto found = korean_at(words, i, today);
        if (!found) {
            found = english_at(words, i, today);
        }
        if (!found) {
            continue;
        }
        // Widen the byte range over adjacent time words.
        std::size_t first = i;
        while (first > 0 && words[first].begin > found->begin) {
            --first;
        }
        std::size_t last = first;
        while (last + 1 < words.size() && words[last].end < found->end) {
            ++last;
        }
        widen_over_time(words, first, last);
        found->begin = words[first].begin;
        found->end = words[last].end;
        return found;
    }
    return std::nullopt;
}

} // namespace samantha::memory
