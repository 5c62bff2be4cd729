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
        std::string plural(names[i]);
        plural += 's';
        if (word == plural) {
            return -1; // "on Fridays" is a habit, not a date
        }
    }
    return -1;
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

DateMention mention(CivilDate date, const Words& words, std::size_t first, std::size_t last) {
    return DateMention{.date = date, .begin = words[first].begin, .end = words[last].end};
}

std::optional<DateMention> korean_at(const Words& w, std::size_t i, CivilDate today) {
    const std::string& word = w[i].word;

    struct Relative {
        std::string_view word;
        int days;
    };

    static constexpr std::array<Relative, 7> relatives = {{{"오늘", 0},
                                                           {"내일", 1},
                                                           {"모레", 2},
                                                           {"글피", 3},
                                                           {"어제", -1},
                                                           {"그저께", -2},
                                                           {"그제", -2}}};
    for (const auto& r : relatives) {
        if (word.starts_with(r.word)) {
            return mention(core::add_days(today, r.days), w, i, i);
        }
    }
    // 이번 주 / 다음 주 / 다다음 주 (+ 요일), written with or without the space.
    int weeks = -1;
    std::size_t day_index = i + 1;
    if (word == "이번주" || word == "금주") {
        weeks = 0;
    } else if (word == "다음주") {
        weeks = 1;
    } else if (word == "다다음주") {
        weeks = 2;
    } else if ((word == "이번" || word == "다음" || word == "다다음") && i + 1 < w.size() &&
               w[i + 1].word.starts_with("주")) {
        weeks = word == "이번" ? 0 : word == "다음" ? 1 : 2;
        if (w[i + 1].word != "주") {
            return std::nullopt; // 주말, 주문…
        }
        day_index = i + 2;
    }
    if (weeks >= 0) {
        if (day_index < w.size()) {
            const int weekday = korean_weekday(w[day_index].word);
            if (weekday >= 0) {
                return mention(week_day(today, weeks, weekday), w, i, day_index);
            }
        }
        return std::nullopt; // "다음 주에" alone names no day
    }
    if (const int weekday = korean_weekday(word); weekday >= 0) {
        return mention(next_weekday(today, weekday), w, i, i);
    }
    // 다음 달 D일
    if (word == "다음" && i + 2 < w.size() && w[i + 1].word == "달") {
        const auto digits = leading_digits(w[i + 2].word);
        if (!digits.empty() && w[i + 2].word.substr(digits.size()).starts_with("일")) {
            if (auto date = upcoming_day(today, parse_int(digits), 1)) {
                return mention(*date, w, i, i + 2);
            }
        }
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
                    return mention(*date, w, i, i + 1);
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

std::optional<DateMention> english_at(const Words& w, std::size_t i, CivilDate today) {
    const std::string& word = w[i].word;
    const auto next = [&](std::size_t k) -> std::string_view {
        return i + k < w.size() ? std::string_view(w[i + k].word) : std::string_view();
    };
    if (word == "today" || word == "tonight") {
        return mention(today, w, i, i);
    }
    if (word == "yesterday") {
        return mention(core::add_days(today, -1), w, i, i);
    }
    if (word == "day" && next(1) == "after" && next(2) == "tomorrow") {
        return mention(
            core::add_days(today, 2), w, i > 0 && w[i - 1].word == "the" ? i - 1 : i, i + 2);
    }
    if (word == "tomorrow") {
        return mention(core::add_days(today, 1), w, i, i);
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
    // Month names: "December 3", "Dec 3rd", "3 December", "the 3rd of December".
    if (const int month = english_month(word); month > 0) {
        const int day = english_day(next(1));
        if (day > 0) {
            if (auto date = upcoming_month_day(today, month, day)) {
                return mention(*date, w, i, i + 1);
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
                return mention(*date, w, first, i + k);
            }
        }
        // "on the 3rd": an ordinal after "the" names a day of this month (or the next).
        if (i > 0 && w[i - 1].word == "the" && word.size() > leading_digits(word).size()) {
            if (auto date = upcoming_day(today, day, 0)) {
                const std::size_t first = i > 1 && w[i - 2].word == "on" ? i - 2 : i - 1;
                return mention(*date, w, first, i);
            }
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<DateMention> find_date(std::string_view text, CivilDate today) {
    const std::string lowered = core::to_lower(text);
    const Words words = core::word_spans(lowered);
    for (std::size_t i = 0; i < words.size(); ++i) {
        if (auto found = korean_at(words, i, today)) {
            return found;
        }
        if (auto found = english_at(words, i, today)) {
            return found;
        }
    }
    return std::nullopt;
}

} // namespace samantha::memory
