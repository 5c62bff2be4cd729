#include "dialogue/perception.h"

#include <algorithm>
#include <cmath>

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
    return "insult";
}

namespace {

constexpr Signal all_signals[] = {Signal::Insult,
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

// The cue book's intent of a message; `asked` says the act model read it as a question, which
// lets a long message without a '?' take a question intent.
Intent classify(std::string_view raw, const CueBook& cues, bool asked) {
    const std::string text = normalize_for_cues(raw);
    if (text.empty()) {
        return Intent::TimePassed;
    }
    const bool asks = asked || core::contains(raw, "?") || core::split_words(text).size() <= 5;
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

// The intent of a message whose cue-book intent is `by_cues`, made to agree with its act: a
// message no cue names (Statement, or Question for a bare '?') takes a question about the
// person's own life as AskMemory ("what was my mom's name again" has neither a cue nor a '?'),
// one about Samantha as AskSelfAbout ("사만다도 외로움을 느껴요?" is not the person's loneliness),
// another question act as a Question, and a short greeting, farewell or
// thanks the model is sure of as that intent (a longer one is a statement that also greets); a
// question act is never a Statement. A cue's intent stands.
Intent agreeing_intent(Intent by_cues, const nlu::ActReading& act, std::string_view text) {
    if (by_cues != Intent::Statement && by_cues != Intent::Question) {
        return by_cues;
    }
    constexpr float sure = 0.6F; // below it the cue book's plain reading stands
    if (act.act == nlu::DialogueAct::AskSelf) {
        return Intent::AskMemory; // what Samantha remembers of their life answers it
    }
    if (act.act == nlu::DialogueAct::AskSamantha && act.confidence >= sure &&
        !core::contains(text, "remember") && !core::contains(text, "기억")) {
        // About her, not a feeling of theirs to empathise with; "do you remember …?" asks after
        // their own life, which recall answers.
        return Intent::AskSelfAbout;
    }
    if (nlu::is_question(act.act)) {
        return Intent::Question;
    }
    // A message longer than its greeting, farewell or thanks ("hi, I'm Mina") stays a statement,
    // so what it tells is acknowledged: greetings of up to two words, the others up to five.
    constexpr std::size_t greeting_words = 2;
    constexpr std::size_t short_words = 5;
    const std::size_t words = core::split_words(text).size();
    if (act.confidence >= sure && words <= short_words) {
        switch (act.act) {
        case nlu::DialogueAct::Greeting:
            return words <= greeting_words ? Intent::Greeting : by_cues;
        case nlu::DialogueAct::Farewell:
            return Intent::Goodbye;
        case nlu::DialogueAct::Thanks:
            return Intent::Thanks;
        default:
            break;
        }
    }
    return by_cues;
}

} // namespace

std::vector<std::string> cue_features(std::string_view text, const CueBook& cues) {
    std::vector<std::string> out;
    const std::string normalized = normalize_for_cues(text);
    if (normalized.empty()) {
        return out;
    }
    const auto hit = [&](const std::vector<Cue>& list) {
        return std::any_of(
            list.begin(), list.end(), [&](const Cue& c) { return matches(c, normalized); });
    };
    for (const auto& [intent, list] : cues.intents) {
        if (hit(list)) {
            out.push_back(std::string("cue:") + intent_name(intent));
        }
    }
    for (const auto& [signal, list] : cues.signals) {
        if (hit(list)) {
            out.push_back(std::string("cue:") + signal_name(signal));
        }
    }
    return out;
}

Perception perceive(std::string_view text,
                    Language previous,
                    const affect::Lexicon& lexicon,
                    const CueBook& cues,
                    const nlu::ActReader* acts) {
    Perception p;
    p.text = std::string(core::trim(text));
    p.language = core::detect_language(p.text, previous);
    const auto builtin = acts == nullptr ? nlu::ActReader::builtin() : nullptr;
    const nlu::ActReading reading =
        nlu::read_act(p.text, cue_features(p.text, cues), acts == nullptr ? *builtin : *acts);
    p.act = reading.act;
    // The label, valence and arousal are the lexicon's (docs/affect.md, v1); the trained reading
    // (v2) gives the fine labels in `top`. The fused label is not yet the turn's: it reads "I feel
    // terrible." as fear and a plain question as surprise (docs/affect.md, "Status").
    p.emotion = affect::recognize_emotion_lexicon(p.text, lexicon);
    const UserEmotion fused = affect::recognize_emotion(p.text, lexicon, {.language = p.language});
    p.emotion.top = fused.top;
    // The event's fallback appraisal is the trained valence; in Korean only where the lexicon's
    // leans the same way or the reading is strong, as the KOTE model reads many neutral remarks as
    // negative (docs/affect.md, "The event of a message").
    constexpr float strong = 0.75f;
    const bool agree = p.language == Language::English ||
                       fused.valence * p.emotion.valence > 0.0f ||
                       std::abs(fused.valence) >= strong;
    p.event = nlu::read_event(
        p.text, p.language, agree ? fused.valence : 0.0f, reading.act == nlu::DialogueAct::Plan);
    p.intent = classify(p.text, cues, nlu::is_question(reading.act));
    if (p.intent != Intent::TimePassed) {
        p.intent = agreeing_intent(p.intent, reading, p.text);
    }
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
