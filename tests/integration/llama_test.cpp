// The embedded llama.cpp brain on a tiny random-weight model with a real (qwen2) tokenizer, written
// by the test itself: loading, streaming, cancellation, one model shared by two conversations, and
// KV-cache reuse read from llama.cpp's perf counters.
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <samantha/engine.h>
#include <samantha/language_model.h>

#include "dialogue/llm_perception.h"
#include "fakes/fake_clock.h"
#include "tools/tiny_model.h"

namespace samantha {
namespace {

class Llama : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = new testing::TempDir();
        s_path = s_dir->path() + "/tiny.gguf";
        const std::string error = testing::write_tiny_model(
            s_path, std::string(SAMANTHA_LLAMA_VOCAB_DIR) + "/ggml-vocab-qwen2.gguf", {}, 7);
        ASSERT_TRUE(error.empty()) << error;
        auto model = make_llama_language_model(
            LlamaConfig{.model_path = s_path, .threads = 2, .context = 1024});
        ASSERT_TRUE(model) << model.error().message;
        s_model = model->release();
    }

    static void TearDownTestSuite() {
        delete s_model;
        delete s_dir;
    }

    static GenerationRequest
    request(std::vector<ChatMessage> messages, std::string session, int max_tokens = 12) {
        GenerationRequest r{.messages = std::move(messages),
                            .sampling = {},
                            .json_schema = {},
                            .session = std::move(session)};
        r.sampling.max_tokens = max_tokens;
        r.sampling.seed = 1;
        return r;
    }

    static inline testing::TempDir* s_dir = nullptr;
    static inline std::string s_path;
    static inline LanguageModel* s_model = nullptr;
};

std::vector<ChatMessage>
chat(std::initializer_list<std::pair<ChatMessage::Role, std::string>> turns) {
    std::vector<ChatMessage> out;
    for (const auto& [role, text] : turns) {
        out.push_back(ChatMessage{.role = role, .content = text});
    }
    return out;
}

using R = ChatMessage::Role;

TEST_F(Llama, StreamsTokensFromATinyModelWithARealKoreanTokenizer) {
    std::vector<std::string> pieces;
    auto result = s_model->generate(request(chat({{R::System, "You are Samantha."},
                                                  {R::User, "안녕하세요, 고양이를 좋아해요"}}),
                                            "a"),
                                    [&](std::string_view p) {
                                        pieces.emplace_back(p);
                                        return true;
                                    },
                                    {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_GT(result->prompt_tokens, 5);
    EXPECT_GT(result->completion_tokens, 0);
    std::string joined;
    for (const auto& p : pieces) {
        joined += p;
    }
    EXPECT_EQ(joined, result->text);
    EXPECT_EQ(s_model->name(), "llama");
}

TEST_F(Llama, ASecondTurnEvaluatesOnlyItsNewTokens) {
    auto first_messages =
        chat({{R::System, "You are Samantha, a warm companion."}, {R::User, "My name is Mina."}});
    auto first = s_model->generate(request(first_messages, "kv"), {}, {});
    ASSERT_TRUE(first) << first.error().message;
    auto second_messages = first_messages;
    second_messages.push_back(ChatMessage{.role = R::Assistant, .content = first->text});
    second_messages.push_back(ChatMessage{.role = R::User, .content = "What's my name?"});
    auto second = s_model->generate(request(second_messages, "kv"), {}, {});
    ASSERT_TRUE(second) << second.error().message;
    // The same conversation from scratch, in a fresh session, evaluates everything.
    auto cold = s_model->generate(request(second_messages, "cold"), {}, {});
    ASSERT_TRUE(cold) << cold.error().message;
    EXPECT_LT(second->prompt_tokens, cold->prompt_tokens / 2)
        << "turn 2 evaluated " << second->prompt_tokens << " of " << cold->prompt_tokens
        << " prompt tokens";
}

TEST_F(Llama, TwoConversationsShareOneModel) {
    auto a = s_model->generate(request(chat({{R::User, "Hello from A"}}), "A"), {}, {});
    auto b = s_model->generate(request(chat({{R::User, "B의 인사예요"}}), "B"), {}, {});
    auto a2 = s_model->generate(request(chat({{R::User, "Hello from A"}}), "A"), {}, {});
    ASSERT_TRUE(a && b && a2);
    EXPECT_LE(a2->prompt_tokens, 2) << "A's cache survived B's turn";
}

TEST_F(Llama, StopsWhenAskedAndCancels) {
    int calls = 0;
    auto stopped = s_model->generate(request(chat({{R::User, "Tell me a story"}}), "stop", 50),
                                     [&](std::string_view) { return ++calls < 3; },
                                     {});
    ASSERT_TRUE(stopped) << stopped.error().message;
    EXPECT_EQ(stopped->finish_reason, "stopped");
    EXPECT_EQ(calls, 3);
    std::stop_source source;
    source.request_stop();
    auto cancelled =
        s_model->generate(request(chat({{R::User, "Hi"}}), "cancel"), {}, source.get_token());
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
}

TEST_F(Llama, TheReadingGrammarConstrainsEvenARandomModelToJson) {
    // Random weights never write JSON by chance: every token here is the grammar's doing.
    for (const std::uint64_t seed : {1, 2, 3}) {
        auto r = request(chat({{R::User, "My sister Emma lives in Busan."}}),
                         "grammar" + std::to_string(seed),
                         400);
        r.grammar = dialogue::reading_grammar();
        r.sampling.seed = seed;
        r.sampling.temperature = 1.0f;
        auto result = s_model->generate(r, {}, {});
        ASSERT_TRUE(result) << result.error().message;
        EXPECT_TRUE(result->text.starts_with(R"({"facts":)")) << result->text;
        if (result->finish_reason == "stop") {
            EXPECT_TRUE(nlohmann::json::accept(result->text)) << result->text;
        }
    }
    auto broken = request(chat({{R::User, "Hi"}}), "broken-grammar");
    broken.grammar = "root ::= (";
    auto refused = s_model->generate(broken, {}, {});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::InvalidArgument);
    // Through the reader, whatever the random model chose comes back validated or as a clear error.
    auto reading = dialogue::read_with_model(*s_model,
                                             "My sister Emma lives in Busan.",
                                             Language::English,
                                             CivilDate{.year = 2026, .month = 11, .day = 27},
                                             "read");
    if (!reading) {
        EXPECT_EQ(reading.error().code, ErrorCode::InvalidArgument) << reading.error().message;
    }
}

TEST_F(Llama, MissingOrBrokenModelsAreClearErrors) {
    auto missing = make_llama_language_model(LlamaConfig{.model_path = "/nonexistent/model.gguf"});
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
    const std::string junk = s_dir->path() + "/junk.gguf";
    { std::ofstream(junk) << "not a model"; }
    auto broken = make_llama_language_model(LlamaConfig{.model_path = junk});
    ASSERT_FALSE(broken);
    EXPECT_EQ(broken.error().code, ErrorCode::InvalidArgument);
}

TEST_F(Llama, TheEngineTalksThroughTheModelAndReportsIt) {
    testing::TempDir data;
    Config config;
    config.data_dir = data.path();
    config.llm.brain = "llama";
    config.llm.model_path = s_path;
    config.llm.threads = 2;
    auto engine = Engine::open(config,
                               std::make_shared<testing::FakeClock>(
                                   testing::FakeClock::moment("2026-11-27T20:00:00+09:00")),
                               Logger{});
    ASSERT_TRUE(engine) << engine.error().message;
    auto c = (*engine)->conversation("x");
    ASSERT_TRUE(c);
    auto out = (*c)->turn(TurnInput{.text = "Hi, I'm Mina.", .at = std::nullopt});
    ASSERT_TRUE(out) << out.error().message;
    // Random weights write random text; it either passes the care gate (brain "llama") or the
    // builtin composer answers with the reason. Either way the turn is stored.
    EXPECT_TRUE(out->brain == "llama" || !out->brain_error.empty()) << out->brain;
    EXPECT_FALSE(out->reply.empty());
    const auto memories = (*c)->memories(false);
    ASSERT_TRUE(memories);
    EXPECT_TRUE(std::any_of(
        memories->begin(), memories->end(), [](const Memory& m) { return m.value == "Mina"; }));
}

} // namespace
} // namespace samantha
