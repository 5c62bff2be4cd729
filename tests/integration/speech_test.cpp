// Samantha's voice measured on the audio, in both languages (docs/prosody.md): the humaniser's
// tempo and pauses, emotion, determinism, streaming chunks with visemes, and a neural-voice server.

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <ostream>
#include <set>

#include <gtest/gtest.h>
#include <samantha/speech.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fakes/fake_openai_server.h"

namespace samantha {
namespace {

struct Case {
    Language language;
    std::string phrase;
    std::string sentence;
};

// How gtest names a case in test lists (instead of its bytes).
void PrintTo(const Case& c, std::ostream* out) {
    *out << (c.language == Language::Korean ? "ko" : "en");
}

const Case english{Language::English,
                   "one two three, ",
                   "I heard about your day. It sounds like it was really hard, and I am sorry."};
const Case korean{
    Language::Korean, "하나 둘 셋, ", "오늘 있었던 일 들었어요. 정말 힘들었겠어요, 마음이 아파요."};

// A directory of this test process's own (ctest runs tests in parallel processes).
std::string scratch() {
    const std::string dir =
        ::testing::TempDir() + "samantha_speech_" + std::to_string(::getpid()) + "/";
    std::filesystem::create_directories(dir);
    return dir;
}

std::string ten(const std::string& phrase) {
    std::string out;
    for (int i = 0; i < 10; ++i) {
        out += phrase;
    }
    return out;
}

class Speech : public ::testing::TestWithParam<Case> {
protected:
    void SetUp() override {
        auto made = make_espeak_synthesizer();
        ASSERT_TRUE(made) << made.error().message;
        m_voice = std::move(*made);
    }

    Audio say(const std::string& text,
              std::uint64_t seed,
              bool humanised = true,
              const std::string& emotion = "neutral") {
        auto plan = plan_prosody(ProsodyRequest{.text = text,
                                                .language = GetParam().language,
                                                .emotion = emotion,
                                                .voice = VoiceProfile{},
                                                .seed = seed,
                                                .humanised = humanised});
        EXPECT_TRUE(plan);
        auto audio = render_speech(*m_voice, VoiceProfile{}, *plan);
        EXPECT_TRUE(audio) << audio.error().message;
        return audio ? *audio : Audio{};
    }

    std::unique_ptr<SpeechSynthesizer> m_voice;
};

TEST_P(Speech, HumanisedTempoVariesAndPlainTempoDoesNot) {
    const std::string text = ten(GetParam().phrase);
    for (std::uint64_t seed = 1; seed <= 5; ++seed) {
        const VoiceAnalysis humanised = analyze_voice(say(text, seed));
        EXPECT_GE(humanised.segment_cv, 0.06) << "seed " << seed;
        EXPECT_GE(humanised.segments.size(), 10U);
    }
    const VoiceAnalysis plain = analyze_voice(say(text, 1, false));
    EXPECT_EQ(plain.segments.size(), 10U);
    EXPECT_LE(plain.segment_cv, 0.02);
    EXPECT_LE(plain.pause_cv, 0.05);
}

TEST_P(Speech, HumanisedPausesAreVaried) {
    const VoiceAnalysis v = analyze_voice(say(ten(GetParam().phrase), 3));
    std::set<long> bins;
    for (const double p : v.pause_ms) {
        bins.insert(std::lround(p / 20.0));
    }
    EXPECT_GE(bins.size(), 3U);
    EXPECT_GE(v.pause_cv, 0.3);
}

TEST_P(Speech, SadSpeechIsSlowerLowerAndSofterThanJoyfulSpeech) {
    const std::string& text = GetParam().sentence;
    const Audio sad = say(text, 7, true, "sadness");
    const Audio joy = say(text, 7, true, "joy");
    const VoiceAnalysis s = analyze_voice(sad);
    const VoiceAnalysis j = analyze_voice(joy);
    EXPECT_GE(sad.duration_ms(), 1.10 * joy.duration_ms());
    EXPECT_LT(s.mean_f0_hz, j.mean_f0_hz);
    EXPECT_LT(s.loudness_dbfs, j.loudness_dbfs);
}

TEST_P(Speech, TheSameSeedGivesTheSameTimingAndAnotherSeedOtherTiming) {
    // In one process espeak-ng's glottal flutter and echo carry over from call to call (it has no
    // reset), so the waveform's fine detail differs; the timing is the seed's alone.
    const std::string text = ten(GetParam().phrase);
    const Audio first = say(text, 11);
    const Audio again = say(text, 11);
    EXPECT_NEAR(first.duration_ms(), again.duration_ms(), 0.01 * first.duration_ms());
    const VoiceAnalysis a = analyze_voice(first);
    const VoiceAnalysis b = analyze_voice(again);
    ASSERT_EQ(a.segment_ms.size(), b.segment_ms.size());
    for (std::size_t i = 0; i < a.segment_ms.size(); ++i) {
        EXPECT_NEAR(a.segment_ms[i], b.segment_ms[i], 20.0);
    }
    const VoiceAnalysis other = analyze_voice(say(text, 12));
    EXPECT_NE(a.segment_ms, other.segment_ms);
}

TEST_P(Speech, SamanthaSayWritesAByteIdenticalWavForTheSameSeed) {
    const std::string lang = GetParam().language == Language::Korean ? "ko" : "en";
    const auto path = [&](int i) { return scratch() + "say_" + lang + std::to_string(i) + ".wav"; };
    const auto run = [&](int i, int seed) {
        const std::string command = std::string(SAMANTHA_BINARY) + " say '" +
                                    ten(GetParam().phrase) + "' --lang " + lang + " --seed " +
                                    std::to_string(seed) + " --out " + path(i) + " 2>/dev/null";
        EXPECT_EQ(std::system(command.c_str()), 0) << command;
        std::ifstream in(path(i), std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    };
    const std::string a = run(1, 4);
    const std::string b = run(2, 4);
    const std::string c = run(3, 5);
    ASSERT_GT(a.size(), 44U);
    EXPECT_TRUE(a == b) << "the same seed gave a different WAV";
    EXPECT_FALSE(a == c);
    auto parsed = parse_wav(a);
    ASSERT_TRUE(parsed) << parsed.error().message;
    EXPECT_GE(analyze_voice(*parsed).segments.size(), 10U);
}

TEST_P(Speech, ChunksStreamPhraseByPhraseWithVisemesInTime) {
    auto planner = ProsodyPlanner::open(ProsodyRequest{.language = GetParam().language});
    ASSERT_TRUE(planner);
    SpeechRenderer renderer(*m_voice, VoiceProfile{});
    std::vector<SpeechChunk> chunks;
    const auto keep = [&](const SpeechChunk& c) {
        chunks.push_back(c);
        return true;
    };
    // Two sentences arrive one after the other, as from a streaming model.
    const std::string& text = GetParam().sentence;
    const auto cut = text.find(". ");
    ASSERT_NE(cut, std::string::npos);
    ASSERT_TRUE(renderer.render(
        planner->next(text.substr(0, cut + 1), ProsodyPlanner::Piece::Continues), keep, {}));
    const std::size_t after_first = chunks.size();
    ASSERT_TRUE(renderer.render(planner->next(text.substr(cut + 2)), keep, {}));
    ASSERT_GE(after_first, 1U);
    ASSERT_GT(chunks.size(), after_first);
    double expected_start = 0.0;
    for (std::size_t i = 0; i < chunks.size(); ++i) {
        const SpeechChunk& c = chunks[i];
        EXPECT_EQ(c.index, static_cast<int>(i));
        EXPECT_NEAR(c.start_ms, expected_start, 0.01);
        expected_start += c.audio.duration_ms();
        ASSERT_FALSE(c.visemes.empty());
        double last = c.start_ms;
        int mouth = 0;
        for (const Viseme& v : c.visemes) {
            EXPECT_GE(v.start_ms, last - 0.01);
            EXPECT_GT(v.end_ms, v.start_ms);
            EXPECT_LE(v.end_ms, c.start_ms + c.audio.duration_ms() + 0.01);
            last = v.end_ms;
            mouth += v.name != "sil" ? 1 : 0;
        }
        EXPECT_GT(mouth, 2) << c.text;
    }
    // The sentence pause separates the two sentences.
    EXPECT_EQ(chunks[after_first - 1].visemes.back().name, "sil");
}

TEST_P(Speech, PhraseJoinsNeverClick) {
    // Where speech meets an inserted pause (a run of digital silence), it fades in and out.
    const Audio a = say(GetParam().sentence, 5);
    const auto& x = a.samples;
    int joins = 0;
    for (std::size_t i = 0; i < x.size();) {
        if (x[i] != 0.0f) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < x.size() && x[end] == 0.0f) {
            ++end;
        }
        // A planned pause (at least 130 ms), not espeak-ng's own silence inside a phrase.
        if (static_cast<double>(end - i) >= 0.125 * a.sample_rate_hz) {
            ++joins;
            for (std::size_t k = 1; k <= 3; ++k) {
                if (i >= k) {
                    EXPECT_LT(std::fabs(x[i - k]), 0.01f) << "before the pause at " << i;
                }
                if (end + k - 1 < x.size()) {
                    EXPECT_LT(std::fabs(x[end + k - 1]), 0.01f) << "after the pause at " << end;
                }
            }
        }
        i = end;
    }
    EXPECT_GE(joins, 2);
}

INSTANTIATE_TEST_SUITE_P(
    BothLanguages, Speech, ::testing::Values(english, korean), [](const auto& param_info) {
        return param_info.param.language == Language::Korean ? "Korean" : "English";
    });

struct Ran {
    int status = -1;
    std::string out; // stdout and stderr
};

Ran run_samantha(const std::string& arguments, const std::string& input = {}) {
    const std::string dir = scratch();
    static int calls = 0;
    const std::string in_path = dir + "samantha_stdin_" + std::to_string(::getpid()) + "_" +
                                std::to_string(++calls) + ".txt";
    std::ofstream(in_path, std::ios::binary) << input;
    const std::string command =
        std::string(SAMANTHA_BINARY) + " " + arguments + " < " + in_path + " 2>&1";
    Ran ran;
    FILE* pipe = popen(command.c_str(), "r");
    if (pipe == nullptr) {
        return ran;
    }
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) {
        ran.out.append(buffer, n);
    }
    const int status = pclose(pipe);
    ran.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return ran;
}

TEST(SpeechCommands, SayAndAnalyzeRejectBadInputClearly) {
    const std::string dir = scratch();
    Ran unknown = run_samantha("say hello --emotion ennui --out " + dir + "x.wav");
    EXPECT_EQ(unknown.status, 2);
    EXPECT_NE(unknown.out.find("unknown emotion 'ennui'"), std::string::npos) << unknown.out;
    Ran no_out = run_samantha("say hello");
    EXPECT_EQ(no_out.status, 2);
    EXPECT_NE(no_out.out.find("--out"), std::string::npos);
    Ran nothing = run_samantha("say '😊 ~~~' --out " + dir + "x.wav");
    EXPECT_EQ(nothing.status, 2);
    EXPECT_NE(nothing.out.find("nothing a voice can say"), std::string::npos) << nothing.out;
    Ran markup = run_samantha("say '<speak><audio src=\"x\"/></speak> & \"hi\"' --out " + dir +
                              "markup.wav");
    EXPECT_EQ(markup.status, 0) << markup.out; // markup in the text is spoken, never obeyed
    Ran bad_lang = run_samantha("say hello --lang fr --out " + dir + "x.wav");
    EXPECT_NE(bad_lang.status, 0);
    // A file that is not audio, a truncated WAV and a missing file.
    std::ofstream(dir + "not_audio.wav") << "this is a text file";
    Ran not_audio = run_samantha("voice analyze " + dir + "not_audio.wav");
    EXPECT_EQ(not_audio.status, 2);
    EXPECT_NE(not_audio.out.find("not a RIFF/WAVE file"), std::string::npos) << not_audio.out;
    EXPECT_NE(not_audio.out.find("not_audio.wav"), std::string::npos);
    Audio tone{.sample_rate_hz = 8000, .samples = std::vector<float>(8000, 0.1f)};
    std::string truncated = wav_bytes(tone);
    truncated.resize(truncated.size() / 2);
    std::ofstream(dir + "truncated.wav", std::ios::binary) << truncated;
    Ran cut = run_samantha("voice analyze " + dir + "truncated.wav");
    EXPECT_EQ(cut.status, 2);
    EXPECT_NE(cut.out.find("truncated"), std::string::npos) << cut.out;
    Ran missing = run_samantha("voice analyze " + dir + "no_such_file.wav");
    EXPECT_EQ(missing.status, 1);
    EXPECT_NE(missing.out.find("cannot open"), std::string::npos);
}

TEST(SpeechCommands, SayThenAnalyzeMeasuresTheHumaniser) {
    const std::string wav = scratch() + "say_then_analyze.wav";
    Ran said = run_samantha(
        "say '하나 둘 셋, 하나 둘 셋, 하나 둘 셋, 하나 둘 셋.' --emotion sadness --out " + wav);
    ASSERT_EQ(said.status, 0) << said.out;
    Ran analysed = run_samantha("voice analyze " + wav);
    ASSERT_EQ(analysed.status, 0) << analysed.out;
    for (const char* key : {"\"segments\"",
                            "\"pause_ms\"",
                            "\"segment_cv\"",
                            "\"mean_f0_hz\"",
                            "\"loudness_dbfs\""}) {
        EXPECT_NE(analysed.out.find(key), std::string::npos) << key;
    }
    Ran plan = run_samantha("say 'One, two. Three.' --plan --seed 3");
    ASSERT_EQ(plan.status, 0) << plan.out;
    EXPECT_NE(plan.out.find("\"boundary\": \"comma\""), std::string::npos) << plan.out;
    EXPECT_NE(plan.out.find("\"rate_wpm\""), std::string::npos);
}

TEST(SpeechCommands, ChatSpeaksEachReplyIntoTheVoiceDirectory) {
    const std::string dir = scratch() + "chat_voice_" + std::to_string(::getpid());
    std::filesystem::remove_all(dir);
    Ran chat = run_samantha(
        "--data-dir " + dir + "/data chat --jsonl --voice-dir " + dir + "/wav",
        "{\"text\": \"I failed my exam today.\", \"at\": \"2026-11-30T20:00:00+09:00\"}\n"
        "{\"text\": \"오늘 정말 행복했어요!\", \"at\": \"2026-11-30T20:01:00+09:00\"}\n");
    ASSERT_EQ(chat.status, 0) << chat.out;
    std::size_t at = 0;
    int replies = 0;
    while ((at = chat.out.find("\"voice\":{\"chunks\":", at)) != std::string::npos) {
        ++replies;
        ++at;
    }
    EXPECT_EQ(replies, 2) << chat.out;
    int wavs = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir + "/wav")) {
        auto audio = read_wav(entry.path().string());
        ASSERT_TRUE(audio) << audio.error().message;
        EXPECT_GT(audio->duration_ms(), 500.0);
        EXPECT_GE(analyze_voice(*audio).segments.size(), 1U);
        ++wavs;
    }
    EXPECT_EQ(wavs, 2);
}

TEST(SpeechServer, ANeuralVoiceIsStretchedToThePlan) {
    // The server is played by a loopback fake answering with real speech at 24 kHz.
    auto espeak = make_espeak_synthesizer();
    ASSERT_TRUE(espeak);
    auto spoken = (*espeak)->synthesize(PhraseRequest{.text = "one two three four five"}, {});
    ASSERT_TRUE(spoken);
    auto at24k = resample(spoken->audio, 24000);
    ASSERT_TRUE(at24k);
    const std::string wav = wav_bytes(*at24k);
    testing::FakeOpenAiServer server;
    server.script({{.kind = testing::Behaviour::Kind::File, .body = wav},
                   {.kind = testing::Behaviour::Kind::File, .body = wav}});
    auto http = make_http_synthesizer(
        HttpSpeechConfig{.url = server.url(), .voice = "nova", .natural_rate_wpm = 165.0f});
    ASSERT_TRUE(http);
    auto natural = (*http)->synthesize(
        PhraseRequest{.text = "one two three four five", .rate_wpm = 165.0f, .pitch_hz = 200.0f},
        {});
    ASSERT_TRUE(natural) << natural.error().message;
    auto slow = (*http)->synthesize(PhraseRequest{.text = "one two three four five",
                                                  .rate_wpm = 132.0f,
                                                  .pitch_hz = 200.0f,
                                                  .loudness_db = -6.0f},
                                    {});
    ASSERT_TRUE(slow) << slow.error().message;
    EXPECT_EQ(natural->audio.sample_rate_hz, 24000);
    EXPECT_NEAR(natural->audio.duration_ms(), at24k->duration_ms(), 30.0);
    EXPECT_NEAR(slow->audio.duration_ms() / natural->audio.duration_ms(), 1.25, 0.05);
    EXPECT_LT(analyze_voice(slow->audio).loudness_dbfs,
              analyze_voice(natural->audio).loudness_dbfs - 4.0);
    const auto received = server.received();
    ASSERT_EQ(received.size(), 2U);
    EXPECT_NE(received[0].request_line.find("POST /v1/audio/speech"), std::string::npos);
    EXPECT_NE(received[0].body.find("\"voice\":\"nova\""), std::string::npos);
    EXPECT_NE(received[0].body.find("\"response_format\":\"wav\""), std::string::npos);

    // A whole plan through the server comes back at the renderer's rate, with pauses.
    server.script({{.kind = testing::Behaviour::Kind::File, .body = wav},
                   {.kind = testing::Behaviour::Kind::File, .body = wav}});
    auto plan = plan_prosody(ProsodyRequest{.text = "One two, three four."});
    ASSERT_TRUE(plan);
    auto rendered = render_speech(**http, VoiceProfile{}, *plan, 22050);
    ASSERT_TRUE(rendered) << rendered.error().message;
    EXPECT_EQ(analyze_voice(*rendered).segments.size(), 2U);
}

TEST(SpeechServer, FailuresAreClearErrors) {
    testing::FakeOpenAiServer server;
    server.script({{.kind = testing::Behaviour::Kind::Status,
                    .status = 500,
                    .body = R"({"error": "overloaded"})"},
                   {.kind = testing::Behaviour::Kind::File, .body = "this is not a wav"},
                   {.kind = testing::Behaviour::Kind::Truncated, .body = std::string(4000, 'x')}});
    auto http = make_http_synthesizer(HttpSpeechConfig{.url = server.url() + "/v1"});
    ASSERT_TRUE(http);
    auto failed = (*http)->synthesize(PhraseRequest{.text = "hello"}, {});
    ASSERT_FALSE(failed);
    EXPECT_EQ(failed.error().code, ErrorCode::Unavailable);
    EXPECT_NE(failed.error().message.find("HTTP 500"), std::string::npos);
    auto garbage = (*http)->synthesize(PhraseRequest{.text = "hello"}, {});
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(garbage.error().message.find("not a RIFF/WAVE file"), std::string::npos);
    auto cut = (*http)->synthesize(PhraseRequest{.text = "hello"}, {});
    EXPECT_FALSE(cut);
    EXPECT_FALSE(make_http_synthesizer(HttpSpeechConfig{.url = "ftp://example"}));
    // Nobody listening.
    auto nobody = make_http_synthesizer(HttpSpeechConfig{.url = "http://127.0.0.1:9"});
    ASSERT_TRUE(nobody);
    auto refused = (*nobody)->synthesize(PhraseRequest{.text = "hello"}, {});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error().code, ErrorCode::Unavailable);
}

TEST(SpeechServer, GeminisOpenAiRootIsKept) {
    // The same endpoint rule as the language model's: /v1beta/openai is an API root, like /v1.
    testing::FakeOpenAiServer server;
    server.script({{.kind = testing::Behaviour::Kind::Status, .status = 500, .body = "{}"}});
    auto http = make_http_synthesizer(HttpSpeechConfig{.url = server.url() + "/v1beta/openai/"});
    ASSERT_TRUE(http);
    EXPECT_FALSE((*http)->synthesize(PhraseRequest{.text = "hello"}, {}));
    const auto received = server.received();
    ASSERT_EQ(received.size(), 1U);
    EXPECT_EQ(received[0].request_line, "POST /v1beta/openai/audio/speech HTTP/1.1");
}

TEST(SpeechStop, AStopRequestCancelsRendering) {
    auto espeak = make_espeak_synthesizer();
    ASSERT_TRUE(espeak);
    auto plan = plan_prosody(ProsodyRequest{.text = ten("one two three, ")});
    ASSERT_TRUE(plan);
    SpeechRenderer renderer(**espeak, VoiceProfile{});
    int seen = 0;
    auto r = renderer.render(*plan, [&](const SpeechChunk&) { return ++seen < 3; }, {});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::Cancelled);
    EXPECT_EQ(seen, 3);
}

} // namespace
} // namespace samantha
