// The analyser: what a listener hears, measured on the audio (docs/prosody.md).

#include <algorithm>
#include <cmath>
#include <numeric>

#include <samantha/speech.h>

namespace samantha {
namespace {

double cv_of(const std::vector<double>& xs) {
    if (xs.size() < 2) {
        return 0.0;
    }
    const double mean = std::accumulate(xs.begin(), xs.end(), 0.0) / static_cast<double>(xs.size());
    double var = 0.0;
    for (const double x : xs) {
        var += (x - mean) * (x - mean);
    }
    var /= static_cast<double>(xs.size() - 1);
    return mean > 0.0 ? std::sqrt(var) / mean : 0.0;
}

double percentile(std::vector<double> xs, double q) {
    std::sort(xs.begin(), xs.end());
    const double at = q * static_cast<double>(xs.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(at));
    const std::size_t hi = std::min(lo + 1, xs.size() - 1);
    return xs[lo] + (xs[hi] - xs[lo]) * (at - static_cast<double>(lo));
}

// YIN (de Cheveigné & Kawahara 2002): the F0 of one frame, or 0 when it is not voiced.
double yin(const float* x, std::size_t window, int sample_rate_hz, double min_hz, double max_hz) {
    const auto tau_min = static_cast<std::size_t>(sample_rate_hz / max_hz);
    const auto tau_max = std::min(window / 2, static_cast<std::size_t>(sample_rate_hz / min_hz));
    if (tau_max <= tau_min + 2) {
        return 0.0;
    }
    const std::size_t w = window - tau_max;
    std::vector<double> d(tau_max + 1, 0.0);
    for (std::size_t tau = 1; tau <= tau_max; ++tau) {
        double sum = 0.0;
        for (std::size_t j = 0; j < w; ++j) {
            const double diff = static_cast<double>(x[j]) - x[j + tau];
            sum += diff * diff;
        }
        d[tau] = sum;
    }
    // Cumulative mean normalised difference, then the first dip under the threshold.
    constexpr double threshold = 0.15;
    double running = 0.0;
    std::vector<double> cmnd(tau_max + 1, 1.0);
    for (std::size_t tau = 1; tau <= tau_max; ++tau) {
        running += d[tau];
        cmnd[tau] = running > 0.0 ? d[tau] * static_cast<double>(tau) / running : 1.0;
    }
    for (std::size_t tau = tau_min; tau < tau_max; ++tau) {
        if (cmnd[tau] < threshold) {
            while (tau + 1 < tau_max && cmnd[tau + 1] < cmnd[tau]) {
                ++tau;
            }
            // Parabolic interpolation around the dip.
            const double a = cmnd[tau - 1];
            const double b = cmnd[tau];
            const double c = cmnd[tau + 1];
            const double denom = a - 2.0 * b + c;
            const double shift = denom != 0.0 ? 0.5 * (a - c) / denom : 0.0;
            return sample_rate_hz / (static_cast<double>(tau) + std::clamp(shift, -1.0, 1.0));
        }
    }
    return 0.0;
}

} // namespace

VoiceAnalysis analyze_voice(const Audio& audio, const AnalysisSettings& settings) {
    VoiceAnalysis out;
    out.duration_ms = audio.duration_ms();
    const int rate = audio.sample_rate_hz;
    const auto hop = static_cast<std::size_t>(rate / 100); // 10 ms frames
    if (rate <= 0 || hop == 0 || audio.samples.size() < hop) {
        return out;
    }
    const std::size_t frames = audio.samples.size() / hop;
    std::vector<double> power_db(frames);
    double loudest = -200.0;
    for (std::size_t f = 0; f < frames; ++f) {
        double sum = 0.0;
        for (std::size_t j = 0; j < hop; ++j) {
            const double v = audio.samples[f * hop + j];
            sum += v * v;
        }
        power_db[f] = 10.0 * std::log10(sum / static_cast<double>(hop) + 1e-12);
        loudest = std::max(loudest, power_db[f]);
    }
    const double floor_db = std::max(-60.0, loudest - settings.silence_below_db);
    std::vector<bool> speech(frames);
    for (std::size_t f = 0; f < frames; ++f) {
        speech[f] = power_db[f] > floor_db;
    }
    // Segments: speech runs, joined across silences shorter than a pause.
    const auto min_gap = static_cast<std::size_t>(std::ceil(settings.min_pause_ms / 10.0));
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    for (std::size_t f = 0; f < frames;) {
        if (!speech[f]) {
            ++f;
            continue;
        }
        std::size_t end = f;
        while (end < frames && speech[end]) {
            ++end;
        }
        if (!runs.empty() && f - runs.back().second < min_gap) {
            runs.back().second = end;
        } else {
            runs.emplace_back(f, end);
        }
        f = end;
    }
    for (std::size_t i = 0; i < runs.size(); ++i) {
        const double start = 10.0 * static_cast<double>(runs[i].first);
        const double end = 10.0 * static_cast<double>(runs[i].second);
        out.segments.emplace_back(start, end);
        out.segment_ms.push_back(end - start);
        out.speech_ms += end - start;
        if (i > 0) {
            out.pause_ms.push_back(start - 10.0 * static_cast<double>(runs[i - 1].second));
        }
    }
    out.segment_cv = cv_of(out.segment_ms);
    out.pause_cv = cv_of(out.pause_ms);
    // Loudness and pitch over the speech frames.
    double energy = 0.0;
    std::size_t speech_frames = 0;
    std::vector<double> f0s;
    const auto window = static_cast<std::size_t>(rate * 40 / 1000); // 40 ms
    for (const auto& [first, last] : runs) {
        for (std::size_t f = first; f < last; ++f) {
            if (!speech[f]) {
                continue;
            }
            ++speech_frames;
            energy += std::pow(10.0, power_db[f] / 10.0);
            const std::size_t at = f * hop;
            if (at + window <= audio.samples.size()) {
                const double f0 = yin(audio.samples.data() + at,
                                      window,
                                      rate,
                                      settings.min_f0_hz,
                                      settings.max_f0_hz);
                if (f0 > 0.0) {
                    f0s.push_back(f0);
                }
            }
        }
    }
    if (speech_frames > 0) {
        out.loudness_dbfs = 10.0 * std::log10(energy / static_cast<double>(speech_frames) + 1e-12);
        out.voiced_share = static_cast<double>(f0s.size()) / static_cast<double>(speech_frames);
    }
    if (!f0s.empty()) {
        // The mean on a log scale (pitch is heard logarithmically).
        double log_sum = 0.0;
        for (const double f : f0s) {
            log_sum += std::log(f);
        }
        out.mean_f0_hz = std::exp(log_sum / static_cast<double>(f0s.size()));
        out.f0_range_semitones =
            12.0 * std::log2(percentile(f0s, 0.95) / std::max(1.0, percentile(f0s, 0.05)));
    }
    return out;
}

} // namespace samantha
