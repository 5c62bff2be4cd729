#include "dialogue/perception.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "dialogue/phrase_data.h"

namespace samantha::dialogue {

const char* intent_name(Intent intent) {
    switch (intent) {
    case Intent::Statement:
        return "statement";
    case Intent::Question:
        return "question";
    case Intent::Greeting:
        return "greeting";
    case Intent::Goodbye:
        return "goodbye";
    case Intent::Thanks:
        return "thanks";
    case Intent::AskMemory:
        return "ask_memory";
    case Intent::AskName:
        return "ask_name";
    case Intent::AskSelfNature:
        return "ask_self_nature";
    case Intent::AskSelfName:
        return "ask_self_name";
    case Intent::AskSelfAbout:
        return "ask_self_about";
    case Intent::AskSelfFeeling:
        return "ask_self_feeling";
    case Intent::AskSelfLikes:
        return "ask_self_likes";
    case Intent::TimePassed:
        return "time_passed";
    }
    return "statement";
}

const char* signal_name(Signal signal) {
    switch (signal) {
    case Signal::Crisis:
        return "crisis";
    case Signal::Insult:
        return "insult";
    case Signal::Apology:
        return "apology";
    case Signal::Romance:
        return "romance";
    case Signal::CasualRequest:
        return "casual_request";
    case Signal::PoliteRequest:
        return "polite_request";
    case Signal::Yes:
        return "yes";
    case Signal::No:
        return "no";
    case Signal::RoleFamily:
        return "role_family";
    case Signal::RoleFriend:
        return "role_friend";
    }
    return "crisis";
}

namespace {

constexpr Signal all_signals[] = {Signal::Crisis,
                                  Signal::Insult,
                                  Signal::Apology,
                                  Signal::Romance,
                                  Signal::CasualRequest,
                                  Signal::PoliteRequest,
                                  Signal::Yes,
                                  Signal::No,
                                  Signal::RoleFamily,
                                  Signal::RoleFriend};

constexpr Intent cue_intents[] = {Intent::Greeting,
                                  Intent::Goodbye,
                                  Intent::Thanks,
                                  Intent::AskMemory,
                                  Intent::AskName,
                                  Intent::AskSelfNature,
                                  Intent::AskSelfName,
                                  Intent::AskSelfAbout,
                                  Intent::AskSelfFeeling,
                                  Intent::AskSelfLikes};

} // namespace

std::string normalize_for_cues(std::string_view text) {
    std::string lowered = core::to_lower(text);
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < lowered.size(); ++i) {
        const char c = lowered[i];
        if (std::string_view(".,!?~").find(c) != std::string_view::npos) {
            continue;
        }
        if (lowered.compare(i, 3, "…") == 0) {
            i += 2;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !out.empty();
            continue;
        }
        if (space) {
            out += ' ';
            space = false;
        }
        out += c;
    }
    return out;
}

Result<CueBook> parse_cues(std::string_view text, std::string_view source) {
    CueBook book;
    std::vector<Cue>* current = nullptr;
    int line_number = 0;
    for (const std::string_view raw : core::split_lines(text)) {
        const std::string_view line = core::trim(raw);
        ++line_number;
        if (line.empty() || line.front() == '#') {
            continue;
        }
        const auto bad = [&](std::string_view why) {
            return make_error(ErrorCode::InvalidArgument,
                              fmt::format("cues {} line {}: {}", source, line_number, why));
        };
        if (line.front() == '[') {
            const std::string_view name = line.substr(1, line.size() - 2);
            const auto* found = std::find_if(std::begin(cue_intents),
                                             std::end(cue_intents),
                                             [&](Intent i) { return name == intent_name(i); });
            const auto* signal = std::find_if(std::begin(all_signals),
                                              std::end(all_signals),
                                              [&](Signal x) { return name == signal_name(x); });
            if (line.back() != ']' ||
                (found == std::end(cue_intents) && signal == std::end(all_signals))) {
                return bad(fmt::format("unknown section {}", line));
            }
            if (found != std::end(cue_intents)) {
                book.intents.emplace_back(*found, std::vector<Cue>{});
                current = &book.intents.back().second;
            } else {
                book.signals.emplace_back(*signal, std::vector<Cue>{});
                current = &book.signals.back().second;
            }
            continue;
        }
        if (current == nullptr || line.size() < 3 || line[1] != ' ') {
            return bad("expected '= phrase', '^ phrase' or '~ phrase' inside a section");
        }
        Cue cue;
        switch (line.front()) {
        case '=':
            cue.match = Cue::Match::Whole;
            break;
        case '^':
            cue.match = Cue::Match::Prefix;
            break;
        case '~':
            cue.match = Cue::Match::Contains;
            break;
        default:
            return bad("a cue starts with =, ^ or ~");
        }
        cue.phrase = normalize_for_cues(line.substr(2));
        current->push_back(std::move(cue));
    }
    return book;
}

std::shared_ptr<const CueBook> builtin_cues() {
    static const std::shared_ptr<const CueBook> cues =
        std::make_shared<const CueBook>(parse_cues(phrase_data::cues(), "cues.txt").value());
    return cues;
}

namespace {

bool matches(const Cue& cue, std::string_view text) {
    switch (cue.match) {
    case Cue::Match::Whole:
        return text == cue.phrase;
    case Cue::Match::Prefix:
        return text.starts_with(cue.phrase) &&
               (text.size() == cue.phrase.size() || text[cue.phrase.size()] == ' ');
    case Cue::Match::Contains:
        return core::contains(text, cue.phrase);
    }
    return false;
}

Intent classify(std::string_view raw, const CueBook& cues) {
    const std::string text = normalize_for_cues(raw);
    if (text.empty()) {
        return Intent::TimePassed;
    }
    const bool asks = core::contains(raw, "?") || core::split_words(text).size() <= 5;
    // Asking about Samantha's memory or name is tried before asking about Samantha herself, so
    // "제 이름이 뭐예요?" is about the person's name.
    for (const Intent wanted : {Intent::AskMemory,
                                Intent::AskName,
                                Intent::AskSelfNature,
                                Intent::AskSelfName,
                                Intent::AskSelfFeeling,
                                Intent::AskSelfLikes,
                                Intent::AskSelfAbout,
                                Intent::Goodbye,
                                Intent::Thanks,
                                Intent::Greeting}) {
        for (const auto& [intent, list] : cues.intents) {
            if (intent != wanted) {
                continue;
            }
            const bool is_question_intent =
                wanted != Intent::Goodbye && wanted != Intent::Thanks && wanted != Intent::Greeting;
            if (is_question_intent && !asks) {
                continue;
            }
            if (std::any_of(
                    list.begin(), list.end(), [&](const Cue& c) { return matches(c, text); })) {
                return wanted;
            }
        }
    }
    if (core::contains(raw, "?")) {
        return Intent::Question;
    }
    return Intent::Statement;
}

} // namespace

Perception perceive(std::string_view text,
                    Language previous,
                    const affect::Lexicon& lexicon,
                    const CueBook& cues) {
    Perception p;
    p.text = std::string(core::trim(text));
    p.language = core::detect_language(p.text, previous);
    p.emotion = affect::recognize_emotion(p.text, lexicon);
    p.intent = classify(p.text, cues);
    const std::string normalized = normalize_for_cues(p.text);
    for (const auto& [signal, list] : cues.signals) {
        if (std::any_of(
                list.begin(), list.end(), [&](const Cue& c) { return matches(c, normalized); })) {
            const auto index = static_cast<std::size_t>(signal);
            SAMANTHA_ASSERT(index < signal_count, "a cue list for a signal outside the enum");
            p.signals[index] = true;
        }
    }
    return p;
}

} // namespace samantha::dialogue
