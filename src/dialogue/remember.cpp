#include "dialogue/remember.h"

#include <algorithm>

#include "core/text.h"

namespace samantha::dialogue {

namespace {

// The sentences of `text` that do not read as questions (nlu::is_question_sentence), one per
// line, and whether any was left out.
std::pair<std::string, bool> told_sentences(std::string_view text) {
    std::string told;
    bool dropped = false;
    for (const auto& sentence : core::split_sentences(text)) {
        if (nlu::is_question_sentence(sentence)) {
            dropped = true;
            continue;
        }
        told += sentence;
        told += '\n';
    }
    return {std::move(told), dropped};
}

} // namespace

memory::Extraction remember(const Perception& perception, CivilDate today) {
    memory::Extraction all = memory::extract(perception.text, perception.language, today);
    if (nlu::may_carry_facts(perception.act)) {
        // A statement (or a greeting, farewell or joke) may still hold a question ("My dog is Max.
        // What was my cat called?"): its facts and events come from the told sentences only.
        auto [told, dropped] = told_sentences(perception.text);
        if (!dropped) {
            return all;
        }
        memory::Extraction kept = memory::extract(told, perception.language, today);
        kept.forget = std::move(all.forget);
        return kept;
    }
    // Questions, requests and thanks are never mined: only a request to forget stands, and the
    // name of a request to be called something ("call me Jay", "제이라고 불러줘").
    memory::Extraction kept{.facts = {}, .events = {}, .forget = std::move(all.forget)};
    if (perception.act == nlu::DialogueAct::Request) {
        for (auto& fact : all.facts) {
            if (fact.slot == "name") {
                kept.facts.push_back(std::move(fact));
            }
        }
    }
    return kept;
}

bool is_episode(const Perception& perception) {
    switch (perception.intent) {
    case Intent::Statement:
    case Intent::Question:
        return true;
    default:
        return false;
    }
}

float episode_importance(const UserEmotion& emotion, const memory::Extraction& extraction) {
    constexpr float base = 0.2f;
    constexpr float per_intensity = 0.5f;
    constexpr float carried_memories = 0.1f;
    const bool carried = !extraction.facts.empty() || !extraction.events.empty();
    return std::min(1.0f,
                    base + per_intensity * emotion.intensity + (carried ? carried_memories : 0.0f));
}

} // namespace samantha::dialogue
