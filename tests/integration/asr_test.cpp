// The recognisers on real speech (jfk.wav, public domain, from the pinned nodejs-whisper package)
// and on a random-weight whisper model that the test writes itself.

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <samantha/hearing.h>

#include "fakes/fake_clock.h"
#if SAMANTHA_HAVE_WHISPER
#include "tools/tiny_whisper.h"
#endif

namespace samantha {
namespace {

const std::string share = SAMANTHA_WHISPER_SHARE;

Audio jfk() {
    auto audio = read_wav(share + "/jfk.wav");
    EXPECT_TRUE(audio) << (audio ? "" : audio.error().message)
                       << " (tools/build_whisper.sh extracts it)";
    return audio ? *audio : Audio{};
}

TEST(Pocketsphinx, HearsKennedy) {
    auto asr = make_pocketsphinx_recognizer();
    ASSERT_TRUE(asr) << asr.error().message;
    const auto heard = (*asr)->transcribe(jfk(), {}, {});
    ASSERT_TRUE(heard) << heard.error().message;
    // DEPENDENCIES.md: it decodes "…what your country can do for you…" and garbles the rest.
    EXPECT_NE(heard->text.find("country"), std::string::npos) << heard->text;
    EXPECT_EQ(heard->language, "en");
    ASSERT_FALSE(heard->segments.empty());
    EXPECT_LE(heard->segments.back().end_ms, 11100.0);
}

TEST(Pocketsphinx, RefusesKoreanWithAWayForward) {
    auto asr = make_pocketsphinx_recognizer();
    ASSERT_TRUE(asr);
    const auto heard = (*asr)->transcribe(jfk(), RecognizeOptions{.language = "ko"}, {});
    ASSERT_FALSE(heard);
    EXPECT_EQ(heard.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(heard.error().message.find("whisper"), std::string::npos);
}

TEST(Pocketsphinx, SilenceIsAnEmptyTranscript) {
    auto asr = make_pocketsphinx_recognizer();
    ASSERT_TRUE(asr);
    const auto heard = (*asr)->transcribe(
        Audio{.sample_rate_hz = 16000, .samples = std::vector<float>(32000, 0.0f)}, {}, {});
    ASSERT_TRUE(heard);
    EXPECT_TRUE(heard->text.empty()) << heard->text;
}

TEST(Pocketsphinx, AMissingModelIsUnavailable) {
    auto asr = make_pocketsphinx_recognizer(PocketsphinxConfig{.model_dir = "/nonexistent"});
    ASSERT_FALSE(asr);
    EXPECT_EQ(asr.error().code, ErrorCode::Unavailable);
    EXPECT_NE(asr.error().message.find("pocketsphinx-en-us"), std::string::npos);
}

TEST(OpenRecognizer, KoreanWithoutWhisperSaysHowToGetIt) {
    testing::TempDir dir;
    const auto asr = open_recognizer(HearingChoice{.data_dir = dir.path(), .language = "ko"});
    ASSERT_FALSE(asr);
    EXPECT_NE(asr.error().message.find("samantha model pull whisper-base"), std::string::npos);
}

TEST(OpenRecognizer, AnUnknownNameIsRefused) {
    const auto asr = open_recognizer(HearingChoice{.asr = "vosk"});
    ASSERT_FALSE(asr);
    EXPECT_EQ(asr.error().code, ErrorCode::InvalidArgument);
}

#if SAMANTHA_HAVE_WHISPER
TEST(Whisper, ARandomModelLoadsAndRuns) {
    testing::TempDir dir;
    const std::string model = dir.path() + "/ggml-tiny-random.bin";
    ASSERT_EQ(testing::write_tiny_whisper(model, share + "/ggml-vocab-gpt-2.gguf", {}, 1), "");
    auto asr = make_whisper_recognizer(WhisperConfig{.model_path = model, .threads = 2});
    ASSERT_TRUE(asr) << asr.error().message;
    Audio clip = jfk();
    clip.samples.resize(static_cast<std::size_t>(3 * clip.sample_rate_hz)); // 3 s
    const auto heard = (*asr)->transcribe(clip, RecognizeOptions{.language = "en"}, {});
    ASSERT_TRUE(heard) << heard.error().message;
    EXPECT_EQ(heard->language, "en");
    EXPECT_TRUE((*asr)->supports("ko")); // the model is multilingual
    // open_recognizer finds the newest pulled model in the data directory.
    std::filesystem::create_directories(dir.path() + "/models");
    std::filesystem::rename(model, dir.path() + "/models/ggml-tiny-random.bin");
    auto found = open_recognizer(HearingChoice{.data_dir = dir.path(), .language = "ko"});
    ASSERT_TRUE(found) << found.error().message;
    EXPECT_EQ((*found)->name(), "whisper");
}

TEST(Whisper, AFileThatIsNotAModelIsUnavailable) {
    testing::TempDir dir;
    const std::string bad = dir.path() + "/ggml-bad.bin";
    std::ofstream(bad) << "not a model";
    auto asr = make_whisper_recognizer(WhisperConfig{.model_path = bad});
    ASSERT_FALSE(asr);
    EXPECT_EQ(asr.error().code, ErrorCode::Unavailable);
    auto missing = make_whisper_recognizer(WhisperConfig{.model_path = "/nonexistent.bin"});
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().message.find("model pull"), std::string::npos);
}
#endif

} // namespace
} // namespace samantha
