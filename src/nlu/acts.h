#pragma once

#include <array>
#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>

#include "nlu/linear_model.h"

// What a message does in the conversation (its dialogue act): a question about the person's own
// life, about Samantha or about the world; a statement, a plan, a request; a greeting, a farewell,
// thanks, or a joke. Read by a trained linear model over the text's hashed n-grams and rule cues
// (question marks, Korean question endings, wh-words, who is talked about). Questions, requests
// and thanks are never mined for facts (may_carry_facts). docs/affect.md, "Dialogue acts",
// describes the data, the features, the model and its test numbers.
namespace samantha::nlu {

// The dialogue acts, in the order of the model's labels.
enum class DialogueAct {
    AskSelf,     // a question about the person's own life ("what was my mom's name again?")
    AskSamantha, // a question about Samantha ("are you ever lonely?", "사만다도 외로워요?")
    AskWorld,    // any other question ("how far is the moon?")
    Statement,   // telling something: a feeling, an event, a fact about self or others
    Plan,        // something the person is going to do ("I'm flying to Jeju on Friday")
    Request,     // asking Samantha to do something (forget, correct, "call me Jay", 반말)
    Greeting,
    Farewell,
    Thanks,
    Joke, // a joke, teasing or laughter
};

// How many acts there are.
inline constexpr std::size_t dialogue_act_count = 10;

// Every act, in enum (and label) order.
inline constexpr std::array<DialogueAct, dialogue_act_count> all_dialogue_acts = {
    DialogueAct::AskSelf,
    DialogueAct::AskSamantha,
    DialogueAct::AskWorld,
    DialogueAct::Statement,
    DialogueAct::Plan,
    DialogueAct::Request,
    DialogueAct::Greeting,
    DialogueAct::Farewell,
    DialogueAct::Thanks,
    DialogueAct::Joke,
};

// The snake_case name of an act: "ask_self", "ask_samantha", "ask_world", "statement", "plan",
// "request", "greeting", "farewell", "thanks", "joke" (the labels of the data set and the model).
const char* dialogue_act_name(DialogueAct act);

// The act called `name` (as dialogue_act_name writes it), or nothing.
[[nodiscard]] std::optional<DialogueAct> parse_dialogue_act(std::string_view name);

// Whether `act` asks something (ask_self, ask_samantha, ask_world).
[[nodiscard]] bool is_question(DialogueAct act);

// Whether facts and events may be mined from a message of this act. Questions, requests and
// thanks never are. Statements and plans are; so are greetings, farewells and jokes, which often
// wrap a stated fact the one act of the whole message does not name ("hi, I'm Mina", "ㅋㅋ 우리
// 강아지 이름 콩이래", "bye! flying to Jeju tomorrow"), and in which extraction finds nothing
// when they are only a greeting, a goodbye or laughter.
[[nodiscard]] bool may_carry_facts(DialogueAct act);

// The labels of the act model, in enum order (dialogue_act_name of each act).
[[nodiscard]] std::vector<std::string> dialogue_act_labels();

// The rule cues of `text`, named "act:…": a question mark anywhere or at the end, a sentence
// opening with an English wh-word or auxiliary ("what", "do", "is"), a Korean question word
// (뭐, 어디, 언제) or question ending (-지?, -나?, -니?, -까?, 뭐였지, 뭐더라, 기억나), the person
// or Samantha being talked about, and those combined ("act:q+self", "act:q+you"); words of time
// to come, of the past, of requests, laughter and jokes. The model weighs them as features.
// Deterministic and pure.
[[nodiscard]] std::vector<std::string> act_rule_cues(std::string_view text);

// Whether a sentence reads as a question by rule alone: it ends with a question mark (emoji and
// laughter after it aside), or its last Korean word ends in a question-only ending (뭐였지,
// 뭐더라, 였나, 던가, 을까, -니, -냐). Used to keep question sentences of a statement out of
// memory; the model decides the act of the whole message.
[[nodiscard]] bool is_question_sentence(std::string_view sentence);

// How many times each cue enters the features: a cue is one hit among the ~200 of a message's
// n-grams, so repeating it k times gives it the value sqrt(k / n) instead of sqrt(1 / n). Chosen
// on the dev split (docs/affect.md, "Dialogue acts"); a model is trained and read with the same.
inline constexpr int act_cue_weight = 4;

// The features the act model reads: featurize(text, spec, cues) with the rule cues of `text`
// followed by `extra_cues` (the caller's own, e.g. the dialogue cue book's "cue:greeting"), each
// `cue_weight` times.
[[nodiscard]] Features act_features(std::string_view text,
                                    std::span<const std::string> extra_cues,
                                    const FeatureSpec& spec,
                                    int cue_weight = act_cue_weight);

// One message's act reading.
struct ActReading {
    DialogueAct act = DialogueAct::Statement;
    float confidence = 0; // the probability of `act`, 0–1
    // The probability of each act, indexed by static_cast<std::size_t>(DialogueAct); summing to 1
    // with a model, a rough rule guess without one.
    std::array<float, dialogue_act_count> scores{};
};

// The act model, built once and immutable: one reader may serve every conversation on every
// thread.
class ActReader {
public:
    // Builds a reader from a model file (an nlu model, linear_model.h, whose labels are the ten
    // act names in any order); empty bytes give a reader of rules alone. `source` names the file
    // in errors. InvalidArgument when the bytes are malformed or an act's label is missing.
    [[nodiscard]] static Result<std::shared_ptr<const ActReader>> open(std::string_view model_bytes,
                                                                       std::string_view source);

    // The reader of the model embedded in the library (src/nlu/models/acts.bin), built once per
    // process (thread-safe). The embedded model is tested (acts_test), so a failure to load it
    // aborts: a build defect.
    [[nodiscard]] static std::shared_ptr<const ActReader> builtin();

    // The bytes of the embedded model (empty when it was absent at configure time).
    [[nodiscard]] static std::string_view builtin_model_bytes();

    // The model, or null for a reader of rules alone.
    [[nodiscard]] const LinearModel* model() const { return m_model ? &*m_model : nullptr; }

private:
    ActReader() = default;

    friend ActReading read_act(std::string_view text,
                               std::span<const std::string> extra_cues,
                               const ActReader& reader);

    std::optional<LinearModel> m_model;
    // The model's label index of each act, in enum order.
    std::array<int, dialogue_act_count> m_index{};
};

// Reads the act of `text` (one message, UTF-8; invalid bytes are tolerated) with the features of
// act_features(text, extra_cues, …). A message whose every sentence plainly asks (a question mark
// after a wh-word, an auxiliary or a Korean question ending) that the model reads as a statement
// or plan takes the likeliest question act instead. Without a model: questions by the rule cues
// (about the person when they speak of themselves, about Samantha when they address her), the rest
// statements. An empty message is a statement with confidence 0. Pure and thread-safe.
[[nodiscard]] ActReading
read_act(std::string_view text, std::span<const std::string> extra_cues, const ActReader& reader);

} // namespace samantha::nlu
