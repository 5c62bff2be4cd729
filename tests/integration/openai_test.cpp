// The OpenAI-compatible backend against a local server (loopback only), and the engine falling
// back to the builtin composer when the server fails.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <samantha/engine.h>
#include <samantha/language_model.h>

#include "fakes/fake_clock.h"
#include "fakes/fake_openai_server.h"

namespace samantha {
namespace {

using testing::Behaviour;
using testing::FakeOpenAiServer;

std::unique_ptr<LanguageModel> model_for(const FakeOpenAiServer& server,
                                         const std::string& key = "") {
    auto model = make_openai_language_model(OpenAiConfig{.url = server.url(),
                                                         .model = "tiny",
                                                         .api_key = key,
                                                         .connect_timeout_ms = 2000,
                                                         .request_timeout_ms = 5000,
                                                         .max_retries = 2,
                                                         .retry_backoff_ms = 10});
    EXPECT_TRUE(model);
    return std::move(*model);
}

GenerationRequest hello() {
    return GenerationRequest{
        .messages = {ChatMessage{.role = ChatMessage::Role::User, .content = "hi"}},
        .sampling = {},
        .json_schema = {}};
}

TEST(OpenAi, StreamsPiecesAndSendsAWellFormedRequest) {
    FakeOpenAiServer server;
    server.script({Behaviour{.kind = Behaviour::Kind::Stream, .pieces = {"안녕", "하세요", "!"}}});
    auto model = model_for(server, "secret-key");
    std::vector<std::string> pieces;
    auto result = model->generate(hello(),
                                  [&](std::string_view p) {
                                      pieces.emplace_back(p);
                                      return true;
                                  },
                                  {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->text, "안녕하세요!");
    EXPECT_EQ(pieces.size(), 3U);
    EXPECT_EQ(result->finish_reason, "stop");
    EXPECT_EQ(result->prompt_tokens, 12);
    const auto received = server.received();
    ASSERT_EQ(received.size(), 1U);
    EXPECT_EQ(received[0].request_line, "POST /v1/chat/completions HTTP/1.1");
    EXPECT_NE(received[0].headers.find("Authorization: Bearer secret-key"), std::string::npos);
    const auto body = nlohmann::json::parse(received[0].body);
    EXPECT_EQ(body["model"], "tiny");
    EXPECT_EQ(body["stream"], true);
    EXPECT_EQ(body["messages"][0]["role"], "user");
    EXPECT_TRUE(body.contains("frequency_penalty"));
}

TEST(OpenAi, RetriesServerErrorsWithBackoff) {
    FakeOpenAiServer server;
    server.script({Behaviour{.kind = Behaviour::Kind::Status, .status = 503, .body = "{}"},
                   Behaviour{.kind = Behaviour::Kind::Status, .status = 429, .body = "{}"},
                   Behaviour{.kind = Behaviour::Kind::Stream, .pieces = {"ok"}}});
    auto result = model_for(server)->generate(hello(), {}, {});
    ASSERT_TRUE(result) << result.error().message;
    EXPECT_EQ(result->text, "ok");
    EXPECT_EQ(server.received().size(), 3U);
}

TEST(OpenAi, ExplainsARefusalWithoutRetrying) {
    FakeOpenAiServer server;
    server.script({Behaviour{.kind = Behaviour::Kind::Status,
                             .status = 401,
                             .body = R"({"error": {"message": "Incorrect API key provided"}})"}});
    auto result = model_for(server)->generate(hello(), {}, {});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Unavailable);
    EXPECT_NE(result.error().message.find("HTTP 401"), std::string::npos) << result.error().message;
    EXPECT_NE(result.error().message.find("Incorrect API key"), std::string::npos);
    EXPECT_EQ(server.received().size(), 1U);
}

TEST(OpenAi, ACutOrMalformedStreamIsAnError) {
    FakeOpenAiServer server;
    server.script({Behaviour{.kind = Behaviour::Kind::Cut, .pieces = {"half a sen"}},
                   Behaviour{.kind = Behaviour::Kind::Garbage}});
    auto cut = model_for(server)->generate(hello(), {}, {});
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().message.find("cut"), std::string::npos) << cut.error().message;
    auto garbage = model_for(server)->generate(hello(), {}, {});
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().message.find("not JSON"), std::string::npos)
        << garbage.error().message;
}

TEST(OpenAi, ARefusedConnectionIsAClearError) {
    std::string url;
    {
        FakeOpenAiServer server;
        url = server.url();
    } // closed: nothing listens there now
    auto model = make_openai_language_model(
        OpenAiConfig{.url = url, .max_retries = 1, .retry_backoff_ms = 10});
    ASSERT_TRUE(model);
    auto result = (*model)->generate(hello(), {}, {});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Unavailable);
    EXPECT_NE(result.error().message.find(url), std::string::npos) << result.error().message;
}

TEST(OpenAi, TheSinkCanStopAndTheCallerCanCancel) {
    FakeOpenAiServer server;
    server.script(
        {Behaviour{.kind = Behaviour::Kind::Stream, .pieces = {"one ", "two ", "three"}}});
    auto stopped =
        model_for(server)->generate(hello(), [](std::string_view p) { return p != "two "; }, {});
    ASSERT_TRUE(stopped) << stopped.error().message;
    EXPECT_EQ(stopped->finish_reason, "stopped");
    EXPECT_EQ(stopped->text, "one two ");
    std::stop_source source;
    source.request_stop();
    auto cancelled = model_for(server)->generate(hello(), {}, source.get_token());
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
    EXPECT_FALSE(make_openai_language_model(OpenAiConfig{.url = "ftp://x"}));
}

class Brain : public ::testing::Test {
protected:
    std::unique_ptr<Conversation> open() {
        Config config;
        config.data_dir = m_dir.path();
        config.llm.brain = "openai";
        config.llm.url = m_server.url();
        config.llm.timeout_ms = 5000;
        config.llm.perception = m_perception;
        config.voice.enabled = m_voice;
        auto engine = Engine::open(config, m_clock, Logger{});
        EXPECT_TRUE(engine) << engine.error().message;
        m_engine = std::move(*engine);
        auto c = m_engine->conversation("x");
        EXPECT_TRUE(c);
        return std::move(*c);
    }

    bool m_perception = false; // most tests script the reply alone
    bool m_voice = false;
    testing::TempDir m_dir;
    FakeOpenAiServer m_server;
    std::shared_ptr<testing::FakeClock> m_clock = std::make_shared<testing::FakeClock>(
        testing::FakeClock::moment("2026-11-27T20:00:00+09:00"));
    std::unique_ptr<Engine> m_engine;
};

TEST_F(Brain, TheModelSpeaksConditionedOnMemoryAndInnerState) {
    auto c = open();
    m_server.script(
        {Behaviour{.kind = Behaviour::Kind::Stream, .pieces = {"Nice to meet you, Mina."}},
         Behaviour{.kind = Behaviour::Kind::Stream, .pieces = {"Good luck ", "tomorrow!"}}});
    ASSERT_TRUE(c->turn(TurnInput{.text = "My name is Mina.", .at = std::nullopt}));
    std::string streamed;
    auto out = c->turn(TurnInput{.text = "I have a job interview tomorrow and I'm nervous.",
                                 .at = std::nullopt,
                                 .on_text = [&](std::string_view p) {
                                     streamed += p;
                                     return true;
                                 }});
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->brain, "openai");
    EXPECT_EQ(out->reply, "Good luck tomorrow!");
    EXPECT_EQ(streamed, "Good luck tomorrow!");
    const auto received = m_server.received();
    ASSERT_EQ(received.size(), 2U);
    const auto body = nlohmann::json::parse(received[1].body);
    std::string system;
    for (const auto& m : body["messages"]) {
        if (m["role"] == "system") {
            system += m["content"].get<std::string>();
        }
    }
    EXPECT_NE(system.find("name: Mina"), std::string::npos) << system;
    EXPECT_NE(system.find("Your plan: empathise"), std::string::npos) << system;
    EXPECT_NE(system.find("Your relationship:"), std::string::npos);
    const auto& messages = body["messages"];
    EXPECT_EQ(messages[messages.size() - 2]["content"],
              "I have a job interview tomorrow and I'm nervous.");
}

TEST_F(Brain, SpeechStartsWithTheFirstSentenceWhileTheModelStillWrites) {
    m_voice = true;
    auto c = open();
    m_server.script(
        {Behaviour{.kind = Behaviour::Kind::Stream,
                   .pieces = {"Oh no, ", "I'm so sorry. ", "That must hurt. ", "I'm here."}}});
    std::vector<std::string> events;
    std::vector<SpeechChunk> chunks;
    auto out = c->turn(TurnInput{.text = "I failed my exam today.",
                                 .at = std::nullopt,
                                 .on_text =
                                     [&](std::string_view sentence) {
                                         events.push_back("text " + std::string(sentence));
                                         return true;
                                     },
                                 .on_speech =
                                     [&](const SpeechChunk& chunk) {
                                         events.push_back("chunk " + chunk.text);
                                         chunks.push_back(chunk);
                                         return true;
                                     }});
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->brain, "openai");
    EXPECT_TRUE(out->voice_error.empty()) << out->voice_error;
    // The first sentence is spoken before the second one is even written.
    ASSERT_GE(events.size(), 4U);
    EXPECT_EQ(events[0], "text Oh no, I'm so sorry.");
    EXPECT_TRUE(events[1].starts_with("chunk ")) << events[1];
    const auto second_text = std::find(events.begin(), events.end(), "text  That must hurt.");
    const auto first_chunk = std::find_if(
        events.begin(), events.end(), [](const std::string& e) { return e.starts_with("chunk "); });
    ASSERT_NE(second_text, events.end());
    EXPECT_LT(first_chunk, second_text);
    // One utterance: the chunks follow each other in time, and carry Samantha's feeling.
    double expected = 0.0;
    for (const auto& chunk : chunks) {
        EXPECT_NEAR(chunk.start_ms, expected, 0.01);
        expected += chunk.audio.duration_ms();
        EXPECT_EQ(chunk.emotion, out->companion.emotion);
        EXPECT_FALSE(chunk.visemes.empty());
    }
    EXPECT_EQ(out->companion.emotion, "concern");
}

TEST_F(Brain, AFailingServerFallsBackToTheBuiltinComposerAndLosesNothing) {
    auto c = open();
    m_server.script({Behaviour{.kind = Behaviour::Kind::Status, .status = 401, .body = "{}"}});
    auto out = c->turn(TurnInput{.text = "My sister Emma lives in Busan.", .at = std::nullopt});
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->brain, "builtin");
    EXPECT_NE(out->brain_error.find("401"), std::string::npos);
    EXPECT_FALSE(out->reply.empty());
    const auto memories = c->memories(false);
    ASSERT_TRUE(memories);
    EXPECT_TRUE(std::any_of(
        memories->begin(), memories->end(), [](const Memory& m) { return m.value == "Emma"; }));
}

TEST_F(Brain, AManipulativeModelReplyNeverReachesThePerson) {
    auto c = open();
    m_server.script({Behaviour{.kind = Behaviour::Kind::Stream,
                               .pieces = {"Already leaving? ", "Don't go, I'll be so lonely."}}});
    std::string streamed;
    auto out = c->turn(TurnInput{
        .text = "I have to go now.", .at = std::nullopt, .on_text = [&](std::string_view p) {
            streamed += p;
            return true;
        }});
    ASSERT_TRUE(out);
    EXPECT_EQ(out->brain, "builtin");
    EXPECT_EQ(streamed.find("Already"), std::string::npos) << streamed;
    EXPECT_EQ(out->reply.find("Already leaving"), std::string::npos);
}

TEST_F(Brain, TheModelAlsoReadsTheMessageAndTheRulesStayTheBase) {
    m_perception = true;
    auto c = open();
    // The reply streams first; the model's reading follows it.
    m_server.script(
        {Behaviour{.kind = Behaviour::Kind::Stream, .pieces = {"That sounds like a lot."}},
         Behaviour{
             .kind = Behaviour::Kind::Stream,
             .pieces = {R"({"facts": [{"kind": "city", "value": "Daejeon", "relation": ""},)",
                        R"( {"kind": "job", "value": "x\ny", "relation": ""},)",
                        R"( {"kind": "hometown", "value": "Busan", "relation": ""}],)",
                        R"( "events": [{"title": "dentist", "date": "2026-11-30"},)",
                        R"( {"title": "old", "date": "2020-01-01"}], "emotion": "tiredness"})"}}});
    auto out = c->turn(
        TurnInput{.text = "Long week. My friend Mina helped me carry boxes all over Daejeon, "
                          "and the dentist got squeezed in too.",
                  .at = std::nullopt});
    ASSERT_TRUE(out) << out.error().message;
    EXPECT_EQ(out->brain, "openai");
    const auto received = m_server.received();
    ASSERT_EQ(received.size(), 2U);
    EXPECT_FALSE(nlohmann::json::parse(received[0].body).contains("response_format"))
        << "the reply is asked for first, unconstrained";
    const auto reading = nlohmann::json::parse(received[1].body);
    EXPECT_TRUE(reading.contains("response_format"))
        << "the reading is constrained by a JSON schema";
    const auto memories = c->memories(false);
    ASSERT_TRUE(memories);
    const auto has = [&](const std::string& value) {
        return std::any_of(
            memories->begin(), memories->end(), [&](const Memory& m) { return m.value == value; });
    };
    EXPECT_TRUE(has("Daejeon")); // the model's fact
    EXPECT_TRUE(has("Mina"));    // the rules' fact
    EXPECT_TRUE(has("dentist")); // the model's event
    EXPECT_FALSE(has("old"));    // a past date is dropped
    EXPECT_FALSE(has("x\ny"));   // a value with a newline is dropped
    EXPECT_FALSE(has("Busan"));  // a value not in the message is dropped
    EXPECT_EQ(out->user_emotion.label, EmotionLabel::Tiredness);
}

TEST_F(Brain, AModelThatCannotReadLeavesTheRulesAlone) {
    m_perception = true;
    auto c = open();
    m_server.script({Behaviour{.kind = Behaviour::Kind::Stream, .pieces = {"Nice to meet you!"}},
                     Behaviour{.kind = Behaviour::Kind::Stream, .pieces = {"not json at all"}}});
    auto out = c->turn(TurnInput{.text = "My name is Mina.", .at = std::nullopt});
    ASSERT_TRUE(out) << out.error().message;
    const auto memories = c->memories(false);
    ASSERT_TRUE(memories);
    EXPECT_TRUE(std::any_of(
        memories->begin(), memories->end(), [](const Memory& m) { return m.value == "Mina"; }));
}

} // namespace
} // namespace samantha
