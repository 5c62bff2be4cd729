#include "voice/audio.h"

#include <cmath>
#include <cstring>
#include <numbers>

#include <gtest/gtest.h>
#include <samantha/speech.h>

namespace samantha {
namespace {

Audio tone(double hz, double ms, int rate = 22050, float amplitude = 0.5f) {
    Audio a{.sample_rate_hz = rate, .samples = {}};
    const auto n = static_cast<std::size_t>(ms * rate / 1000.0);
    for (std::size_t i = 0; i < n; ++i) {
        a.samples.push_back(
            amplitude * static_cast<float>(
                            std::sin(2.0 * std::numbers::pi * hz * static_cast<double>(i) / rate)));
    }
    return a;
}

void append(Audio& to, const Audio& from) {
    to.samples.insert(to.samples.end(), from.samples.begin(), from.samples.end());
}

void silence(Audio& to, double ms) {
    to.samples.insert(
        to.samples.end(), static_cast<std::size_t>(ms * to.sample_rate_hz / 1000.0), 0.0f);
}

std::string header(std::uint16_t tag,
                   std::uint16_t channels,
                   std::uint32_t rate,
                   std::uint16_t bits,
                   std::uint32_t data_size) {
    std::string b = "RIFF";
    const auto u32 = [&](std::uint32_t v) {
        for (int i = 0; i < 4; ++i) {
            b.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
        }
    };
    const auto u16 = [&](std::uint16_t v) {
        b.push_back(static_cast<char>(v & 0xFF));
        b.push_back(static_cast<char>(v >> 8));
    };
    u32(36 + data_size);
    b += "WAVEfmt ";
    u32(16);
    u16(tag);
    u16(channels);
    u32(rate);
    u32(rate * channels * bits / 8);
    u16(static_cast<std::uint16_t>(channels * bits / 8));
    u16(bits);
    b += "data";
    u32(data_size);
    return b;
}

TEST(Wav, RoundTripsSixteenBitMono) {
    const Audio a = tone(440, 100);
    auto back = parse_wav(wav_bytes(a));
    ASSERT_TRUE(back) << back.error().message;
    EXPECT_EQ(back->sample_rate_hz, 22050);
    ASSERT_EQ(back->samples.size(), a.samples.size());
    for (std::size_t i = 0; i < a.samples.size(); ++i) {
        EXPECT_NEAR(back->samples[i], a.samples[i], 1.0 / 32000);
    }
}

TEST(Wav, ReadsStereoFloatAndTwentyFourBitAndStreamedSizes) {
    // Stereo 32-bit float: left 0.5, right -0.25 mixes to 0.125.
    std::string f = header(3, 2, 16000, 32, 16);
    for (int i = 0; i < 2; ++i) {
        float l = 0.5f;
        float r = -0.25f;
        f.append(reinterpret_cast<const char*>(&l), 4);
        f.append(reinterpret_cast<const char*>(&r), 4);
    }
    auto mixed = parse_wav(f);
    ASSERT_TRUE(mixed) << mixed.error().message;
    ASSERT_EQ(mixed->samples.size(), 2U);
    EXPECT_FLOAT_EQ(mixed->samples[0], 0.125f);
    // 24-bit: 0x400000 is half scale.
    std::string p24 = header(1, 1, 8000, 24, 0xFFFFFFFFU); // streamed: size unknown
    p24 += std::string("\x00\x00\x40", 3);
    auto half = parse_wav(p24);
    ASSERT_TRUE(half) << half.error().message;
    ASSERT_EQ(half->samples.size(), 1U);
    EXPECT_NEAR(half->samples[0], 0.5f, 1e-6);
}

TEST(Wav, RejectsBadFilesWithWhatIsWrong) {
    const auto message = [](const std::string& bytes) {
        auto r = parse_wav(bytes);
        EXPECT_FALSE(r);
        return r ? std::string() : r.error().message;
    };
    EXPECT_NE(message("hello, not audio").find("not a RIFF/WAVE file"), std::string::npos);
    EXPECT_NE(message("").find("not a RIFF/WAVE file"), std::string::npos);
    EXPECT_NE(message(header(2, 1, 8000, 4, 4) + "abcd").find("unsupported encoding (format tag 2"),
              std::string::npos);
    EXPECT_NE(message(header(1, 1, 8000, 16, 100) + "ab").find("claims 100 bytes but only 2"),
              std::string::npos);
    EXPECT_NE(message(header(1, 0, 8000, 16, 2) + "ab").find("0 channels"), std::string::npos);
    EXPECT_NE(message(header(1, 1, 12, 16, 2) + "ab").find("sample rate of 12 Hz"),
              std::string::npos);
    std::string no_data = header(1, 1, 8000, 16, 0);
    no_data.resize(36);
    EXPECT_NE(message(no_data).find("no data chunk"), std::string::npos);
    const std::string data_first("RIFF\x10\x00\x00\x00WAVEdata\x02\x00\x00\x00"
                                 "ab",
                                 22);
    EXPECT_NE(message(data_first).find("before any fmt chunk"), std::string::npos);
}

TEST(Wav, RefusesOversizedAudio) {
    const std::string ten_seconds = wav_bytes(tone(440, 10000, 8000));
    auto r = parse_wav(ten_seconds, AudioLimits{.max_bytes = 1 << 20, .max_duration_s = 5.0});
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, ErrorCode::TooLarge);
    auto big = parse_wav(ten_seconds, AudioLimits{.max_bytes = 1000, .max_duration_s = 600.0});
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error().code, ErrorCode::TooLarge);
    auto missing = read_wav("/nonexistent/voice.wav");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, ErrorCode::Io);
}

TEST(Audio, ResamplingKeepsPitchAndLength) {
    const Audio a = tone(220, 500, 24000);
    auto b = resample(a, 16000);
    ASSERT_TRUE(b) << b.error().message;
    EXPECT_EQ(b->sample_rate_hz, 16000);
    EXPECT_NEAR(b->duration_ms(), 500.0, 2.0);
    EXPECT_NEAR(analyze_voice(*b).mean_f0_hz, 220.0, 2.0);
    EXPECT_FALSE(resample(a, 0));
}

TEST(Audio, FadedEdgesStartAndEndAtZero) {
    Audio a = tone(440, 50);
    for (float& x : a.samples) {
        x = 0.8f; // a DC step would click without a fade
    }
    voice::fade_edges(a, 5.0);
    EXPECT_EQ(a.samples.front(), 0.0f);
    EXPECT_LT(std::fabs(a.samples.back()), 0.01f);
    EXPECT_FLOAT_EQ(a.samples[a.samples.size() / 2], 0.8f);
}

TEST(Analysis, MeasuresSegmentsPausesPitchAndLoudness) {
    Audio a{.sample_rate_hz = 22050, .samples = {}};
    silence(a, 200);
    append(a, tone(200, 300));
    silence(a, 150);
    append(a, tone(200, 500));
    silence(a, 400);
    append(a, tone(200, 300));
    silence(a, 40); // shorter than a pause: part of the segment
    append(a, tone(200, 100));
    silence(a, 300);
    const VoiceAnalysis v = analyze_voice(a);
    ASSERT_EQ(v.segments.size(), 3U);
    EXPECT_NEAR(v.segment_ms[0], 300, 20);
    EXPECT_NEAR(v.segment_ms[1], 500, 20);
    EXPECT_NEAR(v.segment_ms[2], 440, 20);
    ASSERT_EQ(v.pause_ms.size(), 2U);
    EXPECT_NEAR(v.pause_ms[0], 150, 20);
    EXPECT_NEAR(v.pause_ms[1], 400, 20);
    EXPECT_NEAR(v.mean_f0_hz, 200.0, 2.0);
    EXPECT_LT(v.f0_range_semitones, 0.5);
    EXPECT_NEAR(v.loudness_dbfs, 20 * std::log10(0.5 / std::sqrt(2.0)), 0.5);
}

TEST(Analysis, SilenceAndEmptyAudioHaveNoSpeech) {
    Audio quiet{.sample_rate_hz = 16000, .samples = std::vector<float>(16000, 0.0f)};
    EXPECT_TRUE(analyze_voice(quiet).segments.empty());
    EXPECT_TRUE(analyze_voice(Audio{}).segments.empty());
}

} // namespace
} // namespace samantha
