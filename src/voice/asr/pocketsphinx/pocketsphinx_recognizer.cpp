// pocketsphinx behind SpeechRecognizer (the only file that includes its headers): Debian's
// pocketsphinx-en-us acoustic model, language model and dictionary. English only, and weak; it is
// the recogniser that works with no download (docs/hearing.md).

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>

#include <fmt/format.h>
#include <pocketsphinx.h>
#include <samantha/hearing.h>

namespace samantha {
namespace {

struct DecoderFree {
    void operator()(ps_decoder_t* d) const { ps_free(d); }
};

// Fillers and markers the decoder reports that are not words.
bool is_word(std::string_view w) {
    return !w.empty() && w.front() != '<' && w.front() != '[' && w != "<sil>";
}

// "word(2)" is the second pronunciation of "word".
std::string base_word(std::string_view w) {
    const std::size_t paren = w.find('(');
    return std::string(paren == std::string_view::npos ? w : w.substr(0, paren));
}

class PocketsphinxRecognizer final : public SpeechRecognizer {
public:
    explicit PocketsphinxRecognizer(std::unique_ptr<ps_decoder_t, DecoderFree> decoder)
        : m_decoder(std::move(decoder)) {}

    std::string name() const override { return "pocketsphinx"; }

    bool supports(const std::string& language) const override {
        return language == "auto" || language == "en";
    }

    Result<Transcript>
    transcribe(const Audio& audio, const RecognizeOptions& options, std::stop_token stop) override {
        if (!supports(options.language)) {
            return make_error(ErrorCode::InvalidArgument,
                              fmt::format("pocketsphinx hears English only, not '{}': pull a "
                                          "whisper model (samantha model pull whisper-base)",
                                          options.language));
        }
        auto resampled = resample(audio, hearing_sample_rate_hz); // passes 16 kHz through
        if (!resampled) {
            return resampled.error();
        }
        Audio at16k = std::move(*resampled);
        std::vector<int16> pcm(at16k.samples.size());
        std::transform(at16k.samples.begin(), at16k.samples.end(), pcm.begin(), [](float s) {
            return static_cast<int16>(std::lround(std::clamp(s, -1.0f, 1.0f) * 32767.0f));
        });
        ps_decoder_t* ps = m_decoder.get();
        if (ps_start_utt(ps) < 0) {
            return make_error(ErrorCode::Unavailable, "pocketsphinx: cannot start an utterance");
        }
        // The whole utterance in one call: pocketsphinx then normalises the cepstra over all of it,
        // which it hears far better than block by block (live normalisation).
        if (stop.stop_requested()) {
            ps_end_utt(ps);
            return make_error(ErrorCode::Cancelled, "pocketsphinx: stopped");
        }
        if (ps_process_raw(ps, pcm.data(), pcm.size(), FALSE, TRUE) < 0) {
            ps_end_utt(ps);
            return make_error(ErrorCode::Unavailable, "pocketsphinx: decoding failed");
        }
        ps_end_utt(ps);
        Transcript out{.text = {}, .language = "en", .segments = {}};
        for (ps_seg_t* seg = ps_seg_iter(ps); seg != nullptr; seg = ps_seg_next(seg)) {
            const char* word = ps_seg_word(seg);
            if (word == nullptr || !is_word(word)) {
                continue;
            }
            int first = 0;
            int last = 0;
            ps_seg_frames(seg, &first, &last); // 100 frames a second
            const std::string w = base_word(word);
            out.segments.push_back(TranscriptSegment{
                .start_ms = 10.0 * first, .end_ms = 10.0 * (last + 1), .text = w});
            if (!out.text.empty()) {
                out.text += ' ';
            }
            out.text += w;
        }
        return out;
    }

private:
    std::unique_ptr<ps_decoder_t, DecoderFree> m_decoder;
};

} // namespace

Result<std::unique_ptr<SpeechRecognizer>>
make_pocketsphinx_recognizer(const PocketsphinxConfig& config) {
    namespace fs = std::filesystem;
    const fs::path dir = config.model_dir;
    const fs::path hmm = dir / "en-us";
    const fs::path lm = dir / "en-us.lm.bin";
    const fs::path dict = dir / "cmudict-en-us.dict";
    std::error_code ec;
    for (const fs::path& p : {hmm, lm, dict}) {
        if (!fs::exists(p, ec)) {
            return make_error(ErrorCode::Unavailable,
                              fmt::format("pocketsphinx: '{}' is missing (apt-get install "
                                          "pocketsphinx-en-us)",
                                          p.string()));
        }
    }
    cmd_ln_t* cfg = cmd_ln_init(nullptr,
                                ps_args(),
                                TRUE,
                                "-hmm",
                                hmm.c_str(),
                                "-lm",
                                lm.c_str(),
                                "-dict",
                                dict.c_str(),
                                "-logfn",
                                "/dev/null",
                                nullptr);
    if (cfg == nullptr) {
        return make_error(ErrorCode::Unavailable, "pocketsphinx: cannot read its configuration");
    }
    std::unique_ptr<ps_decoder_t, DecoderFree> decoder(ps_init(cfg));
    cmd_ln_free_r(cfg); // the decoder holds its own reference
    if (!decoder) {
        return make_error(
            ErrorCode::Unavailable,
            fmt::format("pocketsphinx: the model in '{}' does not load", dir.string()));
    }
    return std::unique_ptr<SpeechRecognizer>(new PocketsphinxRecognizer(std::move(decoder)));
}

} // namespace samantha
