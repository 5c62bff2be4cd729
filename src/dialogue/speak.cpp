#include "dialogue/speak.h"

#include <algorithm>
#include <chrono>

#include "core/random.h"
#include "core/text.h"
#include "dialogue/composer.h"
#include "dialogue/pipeline.h"
#include "dialogue/prompt.h"

namespace samantha::dialogue {
namespace {

// The turns an LLM sees: this conversation's, in a window that moves forward 20 exchanges at a
// time (20–40 exchanges long), so that the prompt's prefix stays the same for 20 turns and an
// embedded model's KV cache is reused; a new conversation starts from the person's last 8.
constexpr int history_step = 20;
constexpr int history_for_new_conversation = 8;

Result<std::vector<std::pair<std::string, std::string>>>
llm_history(TurnStore& turns, std::int64_t person_id, std::int64_t conversation_id) {
    if (conversation_id == 0) {
        return turns.recent_exchanges(person_id, history_for_new_conversation);
    }
    auto all = turns.conversation_exchanges(conversation_id, 10 * history_step);
    if (!all) {
        return all.error();
    }
    const auto n = static_cast<int>(all->size());
    const int start = std::max(0, ((n - history_step) / history_step) * history_step);
    all->erase(all->begin(), all->begin() + start);
    return all;
}

// Strategies whose words must be exact stay with the builtin composer: crisis replies with their
// helpline, the ledger's answers, forgetting, and the speech-level and role agreements.
bool llm_speaks(Strategy strategy) {
    switch (strategy) {
    case Strategy::Care:
    case Strategy::AnswerMemory:
    case Strategy::Forget:
    case Strategy::SpeechLevel:
    case Strategy::Role:
    case Strategy::Silent:
        return false;
    default:
        return true;
    }
}

// Every sentence of the given replies, for the no-repeat rule.
RecentSentences sentences_of(const std::vector<std::string>& replies) {
    RecentSentences recent;
    for (const auto& reply : replies) {
        for (auto& sentence : core::split_sentences(reply)) {
            recent.insert(std::move(sentence));
        }
    }
    return recent;
}

// Asks the LLM for the reply, passing it on sentence by sentence so that no manipulative sentence
// (docs/care.md) ever reaches the person: one stops the generation and fails the attempt.
Result<Reply> speak_with_llm(LanguageModel& model,
                             const PromptInput& prompt,
                             const std::string& session,
                             Expression* expression) {
    std::string pending;
    bool manipulative = false;
    const auto release = [&](bool final) {
        while (true) {
            std::size_t cut = std::string::npos;
            for (std::size_t i = 0; i < pending.size(); ++i) {
                const char c = pending[i];
                if (c == '.' || c == '!' || c == '?' || c == '\n') {
                    cut = i + 1;
                    break;
                }
            }
            if (cut == std::string::npos) {
                if (!final || core::trim(pending).empty()) {
                    return true;
                }
                cut = pending.size();
            }
            const std::string sentence = pending.substr(0, cut);
            pending.erase(0, cut);
            if (is_manipulative(sentence)) {
                manipulative = true;
                return false;
            }
            if (expression != nullptr && !core::trim(sentence).empty()) {
                expression->sentence(sentence);
            }
        }
    };
    const auto broke_a_rule = [] {
        return make_error(ErrorCode::InvalidArgument,
                          "the model's reply broke a care rule (a manipulative sentence)");
    };
    GenerationRequest request{
        .messages = assemble_prompt(prompt), .sampling = {}, .json_schema = {}, .session = session};
    const auto started = std::chrono::steady_clock::now();
    auto result = model.generate(
        request,
        [&](std::string_view piece) {
            pending.append(piece);
            return release(false);
        },
        std::stop_token{});
    if (manipulative) {
        return broke_a_rule();
    }
    if (!result) {
        return result.error();
    }
    if (!release(true)) {
        return broke_a_rule();
    }
    const std::string text(core::trim(result->text));
    if (text.empty()) {
        return make_error(ErrorCode::Unavailable, "the model returned an empty reply");
    }
    return Reply{
        .text = text,
        .brain = model.name(),
        .brain_error = {},
        .prompt_tokens = result->prompt_tokens,
        .prompt_ms = result->prompt_ms,
        .ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                  .count()};
}

} // namespace

const PhraseBook& phrasebook_for(const Resources& resources, Language language) {
    return language == Language::Korean ? *resources.korean : *resources.english;
}

Result<std::string> compose_reply(const Resources& resources,
                                  TurnStore& turns,
                                  std::int64_t person_id,
                                  const Plan& plan,
                                  Language language,
                                  SpeechLevel level,
                                  std::uint64_t seed) {
    auto recent_replies = turns.recent_replies(person_id, no_repeat_turns);
    if (!recent_replies) {
        return recent_replies.error();
    }
    core::Rng rng(seed);
    return compose(plan,
                   phrasebook_for(resources, language),
                   level,
                   language,
                   sentences_of(*recent_replies),
                   rng);
}

Result<Reply> speak(const SpeakInput& input,
                    const Resources& resources,
                    TurnStore& turns,
                    Expression& expression,
                    const Logger& log) {
    const Perception& p = input.perception;
    const SpeechLevel level = input.feeling.relationship.speech_level;
    // 7919 (the 1000th prime) spreads turn counts apart before they are mixed with the time.
    const std::uint64_t seed =
        core::mix_seed(static_cast<std::uint64_t>(input.state.person_id),
                       static_cast<std::uint64_t>(input.state.turn_count) * 7919U +
                           static_cast<std::uint64_t>(input.now.utc.time_since_epoch().count()));
    auto composed =
        compose_reply(resources, turns, input.state.person_id, input.plan, p.language, level, seed);
    if (!composed) {
        return composed.error();
    }
    Reply reply{.text = std::move(*composed)};
    if (!resources.brain || !llm_speaks(input.plan.strategy)) {
        expression.whole(reply.text);
        return reply;
    }
    auto history = llm_history(turns, input.state.person_id, input.conversation_id);
    if (!history) {
        return history.error();
    }
    const PromptInput prompt{.persona = *resources.persona,
                             .now = input.now,
                             .language = p.language,
                             .speech_level = level,
                             .name = input.recall.name,
                             .affect = &input.feeling.affect,
                             .relationship = &input.feeling.relationship,
                             .facts = input.recall.facts,
                             .events = input.recall.nearby_events,
                             .recalled = input.recall.recalled,
                             .strategy = strategy_name(input.plan.strategy),
                             .event = p.event,
                             .draft = reply.text,
                             .history = *history,
                             .message = p.text,
                             .crisis_resource = input.crisis_resource};
    auto written = speak_with_llm(*resources.brain,
                                  prompt,
                                  std::to_string(input.state.person_id),
                                  expression.streaming() ? &expression : nullptr);
    if (written) {
        return std::move(*written);
    }
    // The builtin composer's reply stands; nothing of the turn is lost.
    reply.brain_error = written.error().message;
    log.info("brain {} failed, the builtin composer answers: {}",
             resources.brain->name(),
             written.error().message);
    expression.whole(reply.text);
    return reply;
}

} // namespace samantha::dialogue
