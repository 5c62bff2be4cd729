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

Title tidy_event_title(std::string title, Language language) {
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
            words.back() = strip_korean_particle(words.back()); // 면접이 → 면접
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
        return Title{.text = title, .is_plan = core::contains(title, " ")};
    }
    // "I have a job interview" and "my sister's wedding is" name an event: keep the noun phrase.
    std::string lower = core::to_lower(title);
    static const std::array<std::string_view, 13> noun_frames = {"i have got a ",
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
                                                                 "my "};
    for (bool trimmed = true; trimmed;) { // "wedding is on" → "wedding"
        trimmed = false;
        for (const std::string_view tail : {" is", " on", " at", " for", " in"}) {
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

} // namespace

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
        return vocabulary().event_nouns.contains(w) ||
               vocabulary().event_nouns.contains(strip_korean_particle(w)) ||
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
