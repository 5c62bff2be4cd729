// whisper.cpp behind SpeechRecognizer (the only file that includes whisper.h). One context per
// recogniser; calls are serialised by the caller.

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>

#include <fmt/format.h>
#include <samantha/hearing.h>
#include <whisper.h>

#include "core/text.h"

namespace samantha {
namespace {

struct ContextFree {
    void operator()(whisper_context* c) const { whisper_free(c); }
};

void quiet_log(ggml_log_level /*level*/, const char* /*text*/, void* /*user*/) {}

class WhisperRecognizer final : public SpeechRecognizer {
public:
    WhisperRecognizer(std::unique_ptr<whisper_context, ContextFree> ctx, int threads)
        : m_ctx(std::move(ctx))
        , m_threads(threads)
        , m_multilingual(whisper_is_multilingual(m_ctx.get()) != 0) {}

    std::string name() const override { return "whisper"; }

    bool supports(const std::string& language) const override {
        return language == "auto" || language == "en" || (m_multilingual && language == "ko");
    }

    Result<Transcript>
    transcribe(const Audio& audio, const RecognizeOptions& options, std::stop_token stop) override {
        if (!supports(options.language)) {
            return make_error(ErrorCode::InvalidArgument,
                              fmt::format("whisper: this model is English-only and cannot hear "
                                          "'{}' (pull a multilingual one: samantha model pull "
                                          "whisper-base)",
                                          options.language));
        }
        auto resampled = resample(audio, hearing_sample_rate_hz); // passes 16 kHz through
        if (!resampled) {
            return resampled.error();
        }
        Audio at16k = std::move(*resampled);
        Transcript out;
        out.language = options.language == "auto" ? "en" : options.language;
        // whisper wants at least a second; shorter audio is padded with silence.
        if (at16k.samples.size() < static_cast<std::size_t>(hearing_sample_rate_hz)) {
            at16k.samples.resize(hearing_sample_rate_hz, 0.0f);
        }
        whisper_full_params params = whisper_full_default_params(WHISPER_SAMPLING_GREEDY);
        params.n_threads = m_threads;
        params.print_progress = false;
        params.print_realtime = false;
        params.print_timestamps = false;
        params.print_special = false;
        params.no_context = true;
        params.translate = false;
        params.language = options.language == "auto" ? (m_multilingual ? "auto" : "en")
                                                     : options.language.c_str();
        params.detect_language = false;

        struct Abort {
            std::stop_token stop;
        } abort{stop};

        params.abort_callback = [](void* user) {
            return static_cast<Abort*>(user)->stop.stop_requested();
        };
        params.abort_callback_user_data = &abort;
        const int rc = whisper_full(
            m_ctx.get(), params, at16k.samples.data(), static_cast<int>(at16k.samples.size()));
        if (stop.stop_requested()) {
            return make_error(ErrorCode::Cancelled, "whisper: stopped");
        }
        if (rc != 0) {
            return make_error(ErrorCode::Unavailable,
                              fmt::format("whisper: transcription failed (code {})", rc));
        }
        const int lang = whisper_full_lang_id(m_ctx.get());
        if (lang >= 0 && whisper_lang_str(lang) != nullptr) {
            out.language = whisper_lang_str(lang);
        }
        const int n = whisper_full_n_segments(m_ctx.get());
        for (int i = 0; i < n; ++i) {
            const char* text = whisper_full_get_segment_text(m_ctx.get(), i);
            std::string piece(core::trim(text != nullptr ? text : ""));
            if (piece.empty()) {
                continue;
            }
            // whisper timestamps are in 10 ms units.
            out.segments.push_back(TranscriptSegment{
                .start_ms = 10.0 * static_cast<double>(whisper_full_get_segment_t0(m_ctx.get(), i)),
                .end_ms = 10.0 * static_cast<double>(whisper_full_get_segment_t1(m_ctx.get(), i)),
                .text = piece});
            if (!out.text.empty()) {
                out.text += ' ';
            }
            out.text += piece;
        }
        return out;
    }

private:
    std::unique_ptr<whisper_context, ContextFree> m_ctx;
    int m_threads;
    bool m_multilingual;
};

} // namespace

bool whisper_available() {
    return true;
}

Result<std::unique_ptr<SpeechRecognizer>> make_whisper_recognizer(const WhisperConfig& config) {
    static std::once_flag quiet;
    std::call_once(quiet, [] { whisper_log_set(quiet_log, nullptr); });
    std::error_code ec;
    if (config.model_path.empty() || !std::filesystem::is_regular_file(config.model_path, ec)) {
        return make_error(ErrorCode::Unavailable,
                          fmt::format("whisper: no model file at '{}' (samantha model pull "
                                      "whisper-base fetches one)",
                                      config.model_path));
    }
    whisper_context_params params = whisper_context_default_params();
    params.use_gpu = false;
    std::unique_ptr<whisper_context, ContextFree> ctx(
        whisper_init_from_file_with_params(config.model_path.c_str(), params));
    if (!ctx) {
        return make_error(
            ErrorCode::Unavailable,
            fmt::format("whisper: '{}' is not a whisper model it can load", config.model_path));
    }
    return std::unique_ptr<SpeechRecognizer>(
        new WhisperRecognizer(std::move(ctx), std::max(1, config.threads)));
}

} // namespace samantha
