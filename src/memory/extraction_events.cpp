// Dated events and requests to forget (docs/memory.md).
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/hangul.h"
#include "core/text.h"
#include "core/time.h"
#include "core/utf8.h"
#include "memory/dates.h"
#include "memory/extraction_rules.h"
#include "memory/terms.h"

namespace samantha::memory::rules {

using core::contains;

namespace {

// First person to second, for a plan Samantha will say back ("I'm flying" → "you're flying").
std::string to_second_person(std::string_view clause) {
    static const std::array<std::pair<std::string_view, std::string_view>, 9> swaps = {
        {{"i", "you"},
         {"i'm", "you're"},
         {"im", "you're"},
         {"i've", "you've"},
         {"i'll", "you'll"},
         {"my", "your"},
         {"me", "you"},
         {"mine", "yours"},
         {"am", "are"}}};
    std::string out;
    const std::string one_per_line = core::replace_all(clause, " ", "\n");
    for (const auto& word : core::split_lines(one_per_line)) {
        if (word.empty()) {
            continue;
        }
        std::string replaced(word);
        const std::string lower = core::to_lower(word);
        for (const auto& [from, to] : swaps) {
            if (lower == from) {
                replaced = to;
            }
        }
        out += (out.empty() ? "" : " ") + replaced;
    }
    return out;
}

struct Title {
    std::string text;
    bool is_plan = false;
};

// Words that frame a sentence without being part of what happens ("omg", "ㅠㅠ", "wish me luck").
std::string strip_fillers(std::string title) {
    static const std::array<std::string_view, 14> leading = {"omg ",
                                                             "ugh ",
                                                             "so ",
                                                             "well ",
                                                             "also ",
                                                             "and ",
                                                             "but ",
                                                             "btw ",
                                                             "lol ",
                                                             "haha ",
                                                             "헐 ",
                                                             "아 ",
                                                             "와 ",
                                                             "근데 "};
    static const std::array<std::string_view, 14> trailing = {" wish me luck",
                                                              " ugh",
                                                              " lol",
                                                              " haha",
                                                              " lmao",
                                                              " yay",
                                                              " btw",
                                                              " ㅠㅠ",
                                                              " ㅜㅜ",
                                                              " ㅋㅋ",
                                                              " ㅎㅎ",
                                                              " ㅋㅋㅋ",
                                                              " ㅠ",
                                                              " ㅎ"};
    for (bool changed = true; changed;) {
        changed = false;
        title = std::string(core::trim(title));
        while (!title.empty() &&
               std::string_view(".,!~?").find(title.back()) != std::string_view::npos) {
            title.pop_back();
            changed = true;
        }
        const std::string lower = core::to_lower(title);
        for (const auto lead : leading) {
            if (lower.starts_with(lead)) {
                title = title.substr(lead.size());
                changed = true;
                break;
            }
        }
        for (const auto tail : trailing) {
            if (core::to_lower(title).ends_with(tail)) {
                title.resize(title.size() - tail.size());
                changed = true;
                break;
            }
        }
    }
    return title;
}

Title tidy_event_title(std::string title, Language language) {
    title = strip_fillers(std::move(title));
    if (language == Language::Korean) {
        auto words = core::split_words(title);
        // Hangul jamo laughter and tears are not part of a title.
        while (!words.empty() && !words.back().empty() &&
               static_cast<unsigned char>(words.back()[0]) == 0xE3 &&
               !is_hangul_word(words.back())) {
            words.pop_back();
        }
        // "면접이 있어요", "면접 잡혀 있어요", "면접 있음" → 면접; "면접임" → 면접
        bool framed = false;
        while (words.size() >= 2 && (words.back().starts_with("있") || words.back() == "잡혀" ||
                                     words.back().starts_with("예정"))) {
            words.pop_back();
            framed = true;
        }
        if (framed && !words.empty()) {
            if (!vocabulary().event_nouns.contains(words.back())) {
                words.back() = korean_bare(words.back()); // 면접이 → 면접, not 수행평가 → 수행평
            }
        }
        if (!words.empty() && words.back().size() > 3 && words.back().ends_with("임") &&
            is_hangul_word(words.back())) {
            words.back().resize(words.back().size() - 3);
            framed = true;
        }
        if (framed) {
            std::string out;
            for (const auto& w : words) {
                out += (out.empty() ? "" : " ") + w;
            }
            return Title{.text = out,
                         .is_plan =
                             words.size() > 1 && !vocabulary().event_nouns.contains(words.back())};
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
        // "면접은" (면접은 내일이에요): the topic alone names the event.
        if (!core::contains(title, " ")) {
            if (!vocabulary().event_nouns.contains(title)) {
                title = korean_bare(title);
            }
        }
        return Title{.text = title, .is_plan = core::contains(title, " ")};
    }
    // "I have a job interview" and "my sister's wedding is" name an event: keep the noun phrase.
    std::string lower = core::to_lower(title);
    static const std::array<std::string_view, 24> noun_frames = {
        "i have got a ", "i've got an ",   "i've got a ",   "i have an ",   "i have a ",
        "i have my ",    "i have ",        "i've got ",     "ive got a ",   "got an ",
        "got a ",        "there's an ",    "there's a ",    "there is a ",  "i got a ",
        "we have a ",    "i'm having an ", "i'm having a ", "im having a ", "we're having a ",
        "i have a ",     "i've a ",        "we've got a ",  "my "};
    for (bool trimmed = true; trimmed;) { // "wedding is on" → "wedding"
        trimmed = false;
        for (const std::string_view tail :
             {" is", " on", " at", " for", " in", " scheduled", " planned", " coming up"}) {
            if (lower.ends_with(tail)) {
                title.resize(title.size() - tail.size());
                lower.resize(lower.size() - tail.size());
                trimmed = true;
            }
        }
    }
    for (const auto frame : noun_frames) {
        if (lower.starts_with(frame)) {
            const std::string rest = lower.substr(frame.size());
            // "sister is visiting", "going hiking": a verb makes it a clause ("wedding" and
            // "meeting" are event nouns, not verbs).
            const auto rest_words = core::split_words(rest);
            // "I have to go to the dentist" is a plan, not an event called "to go …".
            if (rest.starts_with("to ")) {
                break;
            }
            const bool clause =
                core::contains(rest, " is ") || core::contains(rest, " are ") ||
                std::any_of(rest_words.begin(), rest_words.end(), [](const std::string& w) {
                    return w.ends_with("ing") && !vocabulary().event_nouns.contains(w);
                });
            if (!clause) {
                return Title{.text = std::string(core::trim(title.substr(frame.size()))),
                             .is_plan = false};
            }
            break;
        }
    }
    const auto words = core::split_words(lower);
    if (words.size() <= 3 && !words.empty() && vocabulary().event_nouns.contains(words.back())) {
        return Title{.text = std::string(core::trim(title)), .is_plan = false};
    }
    // Otherwise it is a plan in the person's words, said back in the second person.
    return Title{.text = to_second_person(core::trim(title)), .is_plan = true};
}

// Whether a Korean predicate is in the past tense: a syllable with the ㅆ 받침 of 았/었/였
// (봤어요, 갔다 왔어요), not the ㅆ of 있다 or of the future 겠.
bool korean_past(std::string_view word) {
    for (const char32_t c : core::decode_utf8(word)) {
        if (!core::is_hangul_syllable(c)) {
            continue;
        }
        const bool ssang_final = (c - 0xAC00) % 28 == 20; // ㅆ
        if (ssang_final && c != U'있' && c != U'겠') {
            return true;
        }
    }
    return false;
}

// Whether an English clause is told in the past ("I had an exam on Monday").
bool english_past(const std::vector<std::string>& words) {
    static const WordSet past = {"had",    "went",     "was",      "were",     "did",
                                 "saw",    "met",      "visited",  "finished", "passed",
                                 "failed", "missed",   "took",     "watched",  "ate",
                                 "flew",   "drove",    "attended", "enjoyed",  "celebrated",
                                 "came",   "happened", "wasn't",   "didn't",   "weren't"};
    return std::any_of(
        words.begin(), words.end(), [](const std::string& w) { return past.contains(w); });
}

// Whether the clause says something is planned, beyond the event and plan word lists:
// "I have / I've got / there's …", "my X is <date>", "I'm -ing", "gonna", "I'll";
// Korean "… 있어요", "…기로 했어요", "X은 <date>이에요".
bool structural_cue(const std::vector<std::string>& words, Language language) {
    (void)language;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        const std::string_view prev = i > 0 ? std::string_view(words[i - 1]) : "";
        // "I've got an exam", "got a test tomorrow ugh"; not "I got a new plant today".
        const bool got = w == "got" && prev != "i" && prev != "we" && prev != "just";
        if (w == "have" || got || w == "there's" || w == "scheduled" || w == "booked") {
            return true;
        }
        if (w == "is" && i >= 1 && (words[0] == "my" || words[0] == "our")) {
            return true;
        }
        if (w.ends_with("ing") && w.size() > 4 &&
            (prev == "i'm" || prev == "im" || prev == "we're" || prev == "am" || prev == "is" ||
             prev == "are")) {
            return true;
        }
        if (w.starts_with("있") || w == "잡혀" || w.ends_with("기로") || w.starts_with("예정")) {
            return true;
        }
    }
    return false;
}

} // namespace

void extract_event(const Sentence& s,
                   Language language,
                   CivilDate today,
                   bool birthday_told,
                   std::vector<ExtractedEvent>& events) {
    if (s.question) {
        return;
    }
    const auto found = find_date(s.text, today);
    if (!found || found->date < today || (birthday_told && found->month_named)) {
        return;
    }
    // Keep only the clause that holds the date: "I have an interview tomorrow, and I'm nervous".
    static constexpr std::array<std::string_view, 11> cuts = {",",
                                                              " and ",
                                                              " but ",
                                                              " because ",
                                                              " so ",
                                                              " though ",
                                                              "그리고 ",
                                                              "근데 ",
                                                              "는데 ",
                                                              "지만 ",
                                                              "어서 "};
    const std::string lowered = core::to_lower(s.text);
    std::size_t clause_begin = 0;
    for (const auto cut : cuts) {
        for (auto at = lowered.find(cut); at != std::string::npos; at = lowered.find(cut, at + 1)) {
            if (at + cut.size() <= found->begin) {
                clause_begin = std::max(clause_begin, at + cut.size());
            }
        }
    }
    // "Tomorrow, I'm going to Busan": a comma right after a clause-opening date does not end it.
    std::size_t kept_comma = std::string::npos;
    if (core::trim(std::string_view(s.text).substr(clause_begin, found->begin - clause_begin))
            .empty()) {
        const auto comma = lowered.find(',', found->end);
        if (comma != std::string::npos &&
            core::trim(std::string_view(s.text).substr(found->end, comma - found->end)).empty()) {
            kept_comma = comma;
        }
    }
    std::size_t clause_end = s.text.size();
    for (const auto cut : cuts) {
        for (auto at = lowered.find(cut); at != std::string::npos; at = lowered.find(cut, at + 1)) {
            if (at >= found->end && at != kept_comma) {
                clause_end = std::min(clause_end,
                                      at + (cut.front() == ' ' || cut == "," ? 0 : cut.size() - 1));
            }
        }
    }
    std::string before = s.text.substr(clause_begin, found->begin - clause_begin);
    std::string after =
        s.text.substr(found->end, clause_end > found->end ? clause_end - found->end : 0);
    std::string_view after_view = after;
    if (after_view.starts_with(",")) {
        after_view.remove_prefix(1);
    }
    std::string rest = before + " " + std::string(after_view);
    rest = core::replace_all(rest, "  ", " ");
    const auto words = core::split_words(core::to_lower(rest));
    if (words.empty()) {
        // "면접은 내일이에요" keeps its topic before the date; nothing at all names no event.
        return;
    }
    // A negated or past clause tells of no coming event: "생일 아니에요", "I had an exam on
    // Monday".
    const bool negated = std::any_of(words.begin(), words.end(), [](const std::string& w) {
        return w.starts_with("아니") || w == "안" || w == "not" || w == "don't" || w == "won't" ||
               w == "no";
    });
    const bool decided = std::any_of(words.begin(), words.end(), [](const std::string& w) {
        return w.ends_with("기로") || w.starts_with("잡혔") || w.starts_with("예약했") ||
               w.starts_with("정했");
    });
    const bool past = english_past(words) || (!decided && korean_past(words.back()));
    // "주말에 보통 등산 가요", "I usually run on Saturday": a habit, not a dated plan.
    static const WordSet habitual = {"보통",
                                     "항상",
                                     "매일",
                                     "늘",
                                     "자주",
                                     "맨날",
                                     "매주",
                                     "usually",
                                     "always",
                                     "often",
                                     "normally",
                                     "every"};
    const bool habit = std::any_of(
        words.begin(), words.end(), [](const std::string& w) { return habitual.contains(w); });
    if (negated || past || habit) {
        return;
    }
    // The date said as a whole predicate ("면접은 내일이에요"): the topic before it is the event.
    const std::string date_word =
        core::to_lower(std::string_view(s.text).substr(found->begin, found->end - found->begin));
    const bool date_is_predicate =
        words.size() == 1 &&
        (date_word.ends_with("이에요") || date_word.ends_with("예요") ||
         date_word.ends_with("입니다") || date_word.ends_with("이야") || date_word.ends_with("임"));
    // "헐 12월 24일 집들이임": a noun said as the predicate of a dated clause names the event.
    std::vector<std::string> content;
    for (const auto& w : words) {
        if (w != "헐" && w != "아" && is_hangul_word(w)) {
            content.push_back(w);
        }
    }
    const auto nominal_end = [](const std::string& w) {
        return w.size() > 3 && (w.ends_with("임") || w.ends_with("이야") || w.ends_with("예요") ||
                                w.ends_with("이에요") || w.ends_with("입니다"));
    };
    const bool nominal = !content.empty() && content.size() <= 3 && nominal_end(content.back()) &&
                         std::all_of(content.begin(), content.end() - 1, [](const std::string& w) {
                             return korean_bare(w) == w;
                         });
    const bool cue = date_is_predicate || nominal || structural_cue(words, language) ||
                     std::any_of(words.begin(), words.end(), [](const std::string& w) {
                         return vocabulary().event_nouns.contains(w) ||
                                vocabulary().event_nouns.contains(korean_bare(w)) ||
                                vocabulary().plan_verbs.contains(w);
                     });
    if (!cue) {
        return;
    }
    const Title tidy = tidy_event_title(rest, language);
    const std::string& title = tidy.text;
    if (title.empty() || query_terms(title).empty()) {
        return;
    }
    const std::string date_text = core::format_date(found->date);
    events.push_back(ExtractedEvent{.title = title,
                                    .is_plan = tidy.is_plan,
                                    .date = found->date,
                                    .text = fmt::format("{} ({})", title, date_text),
                                    .importance = 0.8f});
}

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

} // namespace samantha::memory::rules
