// The end-of-turn reading, the voice detectors and the turn listener, on synthetic audio.

#include <cmath>
#include <random>

#include <gtest/gtest.h>
#include <samantha/hearing.h>

namespace samantha {
namespace {

constexpr int rate = hearing_sample_rate_hz;

// A voiced, speech-like sound: a 150 Hz buzz with harmonics, its loudness wobbling at 4 Hz like
// syllables.
void append_voice(std::vector<float>& out, double ms, double amplitude = 0.3) {
    const auto n = static_cast<std::size_t>(ms * rate / 1000.0);
    const std::size_t at = out.size();
    for (std::size_t i = 0; i < n; ++i) {
        const double t = static_cast<double>(at + i) / rate;
        double s = 0.0;
        for (int h = 1; h <= 8; ++h) {
            s += std::sin(2.0 * M_PI * 150.0 * h * t) / h;
        }
        const double syllable = 0.6 + 0.4 * std::sin(2.0 * M_PI * 4.0 * t);
        out.push_back(static_cast<float>(amplitude * syllable * s / 2.0));
    }
}

void append_silence(std::vector<float>& out, double ms, double noise = 0.0005) {
    std::mt19937 rng(7);
    std::normal_distribution<float> n(0.0f, static_cast<float>(noise));
    const auto count = static_cast<std::size_t>(ms * rate / 1000.0);
    for (std::size_t i = 0; i < count; ++i) {
        out.push_back(n(rng));
    }
}

// A recogniser that hears whatever it is told the words so far are.
class ScriptedRecognizer final : public SpeechRecognizer {
public:
    std::vector<std::string> answers; // one per call; the last repeats
    int calls = 0;

    std::string name() const override { return "scripted"; }

    bool supports(const std::string& /*language*/) const override { return true; }

    Result<Transcript> transcribe(const Audio& /*audio*/,
                                  const RecognizeOptions& /*options*/,
                                  std::stop_token /*stop*/) override {
        const std::size_t i = std::min(answers.size() - 1, static_cast<std::size_t>(calls++));
        return Transcript{.text = answers[i], .language = "en", .segments = {}};
    }
};

TEST(TurnEnding, ReadsHowEnglishEnds) {
    EXPECT_EQ(read_turn_ending("I went to the store and"), TurnEnding::Unfinished);
    EXPECT_EQ(read_turn_ending("So yesterday,"), TurnEnding::Unfinished);
    EXPECT_EQ(read_turn_ending("Well, um"), TurnEnding::Unfinished);
    EXPECT_EQ(read_turn_ending("what do you think?"), TurnEnding::Question);
    EXPECT_EQ(read_turn_ending("can you tell me a story"), TurnEnding::Question);
    EXPECT_EQ(read_turn_ending("We broke up last night"), TurnEnding::Finished);
    EXPECT_EQ(read_turn_ending("It was a good day, like, honestly."), TurnEnding::Finished);
    EXPECT_EQ(read_turn_ending(""), TurnEnding::Unknown);
}

TEST(TurnEnding, ReadsHowKoreanEnds) {
    EXPECT_EQ(read_turn_ending("어제 친구를 만났는데"), TurnEnding::Unfinished);
    EXPECT_EQ(read_turn_ending("퇴근하고 나서"), TurnEnding::Unfinished);
    EXPECT_EQ(read_turn_ending("그 사람이 나한테"), TurnEnding::Unfinished);
    EXPECT_EQ(read_turn_ending("음"), TurnEnding::Unfinished);
    EXPECT_EQ(read_turn_ending("밥은 먹었어요?"), TurnEnding::Question);
    EXPECT_EQ(read_turn_ending("노래 한 곡 불러 주세요"), TurnEnding::Question);
    EXPECT_EQ(read_turn_ending("엄마가 보고 싶어."), TurnEnding::Finished);
    EXPECT_EQ(read_turn_ending("어제 잠을 못 잤거든"), TurnEnding::Finished);
}

TEST(TurnEnding, AnOpenClauseWaitsLongerThanAQuestion) {
    const TurnEndSettings s;
    EXPECT_GT(turn_end_pause_ms(TurnEnding::Unfinished, s),
              turn_end_pause_ms(TurnEnding::Finished, s));
    EXPECT_LT(turn_end_pause_ms(TurnEnding::Question, s),
              turn_end_pause_ms(TurnEnding::Finished, s));
}

TEST(VoiceActivity, BothDetectorsHearVoiceAndNotSilence) {
    auto webrtc = make_webrtc_vad(2);
    ASSERT_TRUE(webrtc) << webrtc.error().message;
    auto energy = make_energy_vad();
    for (VoiceActivityDetector* vad : {webrtc->get(), energy.get()}) {
        std::vector<float> audio;
        append_silence(audio, 1000);
        append_voice(audio, 1000);
        int speech_in_silence = 0;
        int speech_in_voice = 0;
        for (std::size_t f = 0; f + 160 <= audio.size(); f += 160) {
            const bool s = vad->is_speech(audio.data() + f);
            (f < static_cast<std::size_t>(rate) ? speech_in_silence : speech_in_voice) += s ? 1 : 0;
        }
        EXPECT_LT(speech_in_silence, 10) << vad->name();
        EXPECT_GT(speech_in_voice, 70) << vad->name();
    }
}

TEST(TurnListener, AnUnfinishedClauseIsNotCutOffAtAPause) {
    std::vector<float> audio;
    append_silence(audio, 300);
    append_voice(audio, 1200);
    append_silence(audio, 1100); // a thinking pause, longer than a finished turn's wait
    append_voice(audio, 800);
    append_silence(audio, 1500);
    auto vad = make_energy_vad();
    ScriptedRecognizer asr;
    asr.answers = {"so yesterday I went to the", "so yesterday I went to the park"};
    const auto turns = listen_to(Audio{.sample_rate_hz = rate, .samples = audio}, *vad, &asr, {});
    ASSERT_TRUE(turns) << turns.error().message;
    ASSERT_EQ(turns->size(), 1u);
    EXPECT_EQ((*turns)[0].transcript.text, "so yesterday I went to the park");
    EXPECT_EQ((*turns)[0].ending, TurnEnding::Finished);
    EXPECT_NEAR((*turns)[0].end_ms, 3400.0, 60.0);
    // The turn ended one finished-statement wait after the speech did.
    EXPECT_NEAR((*turns)[0].decided_ms - (*turns)[0].end_ms, TurnEndSettings{}.base_ms, 30.0);
}

TEST(TurnListener, AQuestionIsAnsweredSoonerThanAStatement) {
    std::vector<float> audio;
    append_silence(audio, 300);
    append_voice(audio, 1000);
    append_silence(audio, 1500);
    auto vad = make_energy_vad();
    ScriptedRecognizer asr;
    asr.answers = {"what do you think?"};
    const auto turns = listen_to(Audio{.sample_rate_hz = rate, .samples = audio}, *vad, &asr, {});
    ASSERT_TRUE(turns);
    ASSERT_EQ(turns->size(), 1u);
    EXPECT_EQ((*turns)[0].ending, TurnEnding::Question);
    EXPECT_NEAR((*turns)[0].decided_ms - (*turns)[0].end_ms, TurnEndSettings{}.question_ms, 30.0);
}

TEST(TurnListener, SilenceAndClicksAreNoTurn) {
    std::vector<float> audio;
    append_silence(audio, 2000);
    append_voice(audio, 60); // a click, shorter than any turn
    append_silence(audio, 2000);
    auto vad = make_energy_vad();
    const auto turns =
        listen_to(Audio{.sample_rate_hz = rate, .samples = audio}, *vad, nullptr, {});
    ASSERT_TRUE(turns);
    EXPECT_TRUE(turns->empty());
}

TEST(TurnListener, TwoTurnsApartAreTwoUtterances) {
    std::vector<float> audio;
    append_voice(audio, 800);
    append_silence(audio, 2500);
    append_voice(audio, 800);
    auto vad = make_energy_vad();
    const auto turns =
        listen_to(Audio{.sample_rate_hz = rate, .samples = audio}, *vad, nullptr, {});
    ASSERT_TRUE(turns);
    ASSERT_EQ(turns->size(), 2u);
    EXPECT_LT((*turns)[0].end_ms, (*turns)[1].start_ms);
}

TEST(VoiceCues, ALoudLivelyVoiceIsMoreArousedThanASoftFlatOne) {
    std::vector<float> loud;
    append_voice(loud, 2000, 0.6);
    std::vector<float> soft;
    append_voice(soft, 1000, 0.02);
    append_silence(soft, 800);
    append_voice(soft, 1000, 0.02);
    const VoiceCues a = read_voice_cues(Audio{.sample_rate_hz = rate, .samples = loud}, "I got it");
    const VoiceCues b = read_voice_cues(Audio{.sample_rate_hz = rate, .samples = soft}, "I got it");
    EXPECT_GT(a.arousal, b.arousal);
    EXPECT_LE(b.valence_cue, a.valence_cue);
    EXPECT_GT(a.confidence, 0.0f);
}

} // namespace
} // namespace samantha
