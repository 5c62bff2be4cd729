#include "voice/audio.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>
#include <soxr.h>

namespace samantha {

Result<Audio> resample(const Audio& audio, int sample_rate_hz) {
    if (sample_rate_hz < 1 || sample_rate_hz > 384000 || audio.sample_rate_hz < 1 ||
        audio.sample_rate_hz > 384000) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("resample: cannot resample from {} Hz to {} Hz (rates must "
                                      "be 1 to 384000 Hz)",
                                      audio.sample_rate_hz,
                                      sample_rate_hz));
    }
    if (audio.sample_rate_hz == sample_rate_hz || audio.samples.empty()) {
        Audio same = audio;
        same.sample_rate_hz = sample_rate_hz;
        return same;
    }
    const double ratio = static_cast<double>(sample_rate_hz) / audio.sample_rate_hz;
    Audio out{.sample_rate_hz = sample_rate_hz, .samples = {}};
    out.samples.resize(static_cast<std::size_t>(std::ceil(audio.samples.size() * ratio)) + 16);
    std::size_t done_in = 0;
    std::size_t done_out = 0;
    const soxr_io_spec_t io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
    const soxr_quality_spec_t quality = soxr_quality_spec(SOXR_HQ, 0);
    const soxr_error_t error = soxr_oneshot(audio.sample_rate_hz,
                                            sample_rate_hz,
                                            1,
                                            audio.samples.data(),
                                            audio.samples.size(),
                                            &done_in,
                                            out.samples.data(),
                                            out.samples.size(),
                                            &done_out,
                                            &io,
                                            &quality,
                                            nullptr);
    if (error != nullptr) {
        return make_error(ErrorCode::Internal, fmt::format("resample: soxr failed: {}", error));
    }
    out.samples.resize(done_out);
    return out;
}

} // namespace samantha

namespace samantha::voice {

Audio trim_silence(const Audio& audio, double margin_ms, double& trimmed_ms) {
    constexpr float floor = 0.00316f; // -50 dBFS
    const auto& s = audio.samples;
    std::size_t first = 0;
    while (first < s.size() && std::fabs(s[first]) < floor) {
        ++first;
    }
    std::size_t last = s.size();
    while (last > first && std::fabs(s[last - 1]) < floor) {
        --last;
    }
    const auto margin = static_cast<std::size_t>(margin_ms * audio.sample_rate_hz / 1000.0);
    first = first > margin ? first - margin : 0;
    last = std::min(s.size(), last + margin);
    trimmed_ms = 1000.0 * static_cast<double>(first) / audio.sample_rate_hz;
    Audio out{.sample_rate_hz = audio.sample_rate_hz, .samples = {}};
    if (last > first) {
        out.samples.assign(s.begin() + static_cast<std::ptrdiff_t>(first),
                           s.begin() + static_cast<std::ptrdiff_t>(last));
    }
    return out;
}

void fade_edges(Audio& audio, double fade_ms) {
    auto& s = audio.samples;
    const std::size_t n =
        std::min(s.size() / 2, static_cast<std::size_t>(fade_ms * audio.sample_rate_hz / 1000.0));
    for (std::size_t i = 0; i < n; ++i) {
        const auto w =
            static_cast<float>(0.5 - 0.5 * std::cos(std::numbers::pi * static_cast<double>(i) /
                                                    static_cast<double>(n)));
        s[i] *= w;
        s[s.size() - 1 - i] *= w;
    }
}

void apply_gain(Audio& audio, double db) {
    const auto g = static_cast<float>(std::pow(10.0, db / 20.0));
    for (float& x : audio.samples) {
        x *= g;
    }
}

} // namespace samantha::voice
