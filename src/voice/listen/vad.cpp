// Voice activity detection: WebRTC's detector (the only file that includes its headers) and an
// adaptive energy detector (docs/hearing.md, "Voice activity").

#include <algorithm>
#include <cmath>
#include <memory>

#include <samantha/hearing.h>
#include <webrtc/modules/audio_processing/include/audio_processing.h>
#include <webrtc/modules/interface/module_common_types.h>

namespace samantha {
namespace {

constexpr int frame_samples = hearing_sample_rate_hz * vad_frame_ms / 1000;

class WebRtcVad final : public VoiceActivityDetector {
public:
    explicit WebRtcVad(std::unique_ptr<webrtc::AudioProcessing> apm)
        : m_apm(std::move(apm)) {
        m_frame.sample_rate_hz_ = hearing_sample_rate_hz;
        m_frame.num_channels_ = 1;
        m_frame.samples_per_channel_ = frame_samples;
    }

    std::string name() const override { return "webrtc"; }

    bool is_speech(const float* frame) override {
        for (int i = 0; i < frame_samples; ++i) {
            const float s = std::clamp(frame[i], -1.0f, 1.0f);
            m_frame.data_[i] = static_cast<int16_t>(std::lround(s * 32767.0f));
        }
        if (m_apm->ProcessStream(&m_frame) != webrtc::AudioProcessing::kNoError) {
            return false;
        }
        return m_apm->voice_detection()->stream_has_voice();
    }

private:
    std::unique_ptr<webrtc::AudioProcessing> m_apm;
    webrtc::AudioFrame m_frame;
};

// Speech is a frame `above_noise_db` over a noise floor that follows the quietest frames quickly
// and louder ones slowly, with an absolute floor so that digital silence is never speech.
class EnergyVad final : public VoiceActivityDetector {
public:
    explicit EnergyVad(double above_noise_db)
        : m_above_db(above_noise_db) {}

    std::string name() const override { return "energy"; }

    bool is_speech(const float* frame) override {
        double power = 0.0;
        for (int i = 0; i < frame_samples; ++i) {
            power += static_cast<double>(frame[i]) * frame[i];
        }
        const double db = 10.0 * std::log10(power / frame_samples + 1e-12);
        if (m_floor_db > db) {
            m_floor_db = 0.8 * m_floor_db + 0.2 * db; // a quieter frame: the floor falls fast
        } else {
            m_floor_db = 0.998 * m_floor_db + 0.002 * db; // rises slowly, through long speech
        }
        return db > -55.0 && db > m_floor_db + m_above_db;
    }

private:
    double m_above_db;
    double m_floor_db = -60.0;
};

} // namespace

Result<std::unique_ptr<VoiceActivityDetector>> make_webrtc_vad(int aggressiveness) {
    std::unique_ptr<webrtc::AudioProcessing> apm(webrtc::AudioProcessing::Create());
    if (!apm) {
        return make_error(ErrorCode::Unavailable, "voice detector: WebRTC could not start");
    }
    // WebRTC's likelihoods run the other way: a high likelihood of voice is the least aggressive.
    static constexpr webrtc::VoiceDetection::Likelihood likelihoods[] = {
        webrtc::VoiceDetection::kHighLikelihood,
        webrtc::VoiceDetection::kModerateLikelihood,
        webrtc::VoiceDetection::kLowLikelihood,
        webrtc::VoiceDetection::kVeryLowLikelihood};
    auto* detector = apm->voice_detection();
    if (detector->Enable(true) != 0 ||
        detector->set_likelihood(likelihoods[std::clamp(aggressiveness, 0, 3)]) != 0 ||
        detector->set_frame_size_ms(vad_frame_ms) != 0) {
        return make_error(ErrorCode::Unavailable, "voice detector: WebRTC refused its settings");
    }
    return std::unique_ptr<VoiceActivityDetector>(new WebRtcVad(std::move(apm)));
}

std::unique_ptr<VoiceActivityDetector> make_energy_vad(double above_noise_db) {
    return std::make_unique<EnergyVad>(above_noise_db);
}

} // namespace samantha
