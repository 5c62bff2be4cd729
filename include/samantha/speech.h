#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

// Samantha's voice: the prosody plan (the humaniser), speech synthesis behind a small interface,
// audio and WAV, and the analyser that measures what a listener hears (docs/prosody.md).
namespace samantha {

// Mono audio, samples in [-1, 1].
struct Audio {
    int sample_rate_hz = 22050;
    std::vector<float> samples;

    // The length in milliseconds.
    double duration_ms() const {
        return sample_rate_hz > 0 ? 1000.0 * static_cast<double>(samples.size()) / sample_rate_hz
                                  : 0.0;
    }
};

// The voice a persona speaks with: the prosody planner starts from it.
struct VoiceProfile {
    std::string espeak_en = "en-us"; // espeak-ng voice for English
    std::string espeak_ko = "ko";    // espeak-ng voice for Korean
    std::string variant = "f3";      // espeak-ng variant (timbre)
    float rate_wpm = 165.0f;         // base speaking rate, words per minute
    float pitch_hz = 200.0f;         // base pitch
    float pitch_range = 0.5f;        // 0 = monotone … 1 = very lively
    float tempo_variability = 0.12f; // std. deviation of the phrase rate (log scale), e.g. 0.12
};

// What a phrase ends with; it decides the pause after it (docs/prosody.md).
enum class Boundary { Word, Comma, Sentence, Paragraph, End };

// "word", "comma", "sentence", "paragraph", "end".
const char* boundary_name(Boundary boundary);

// One phrase of a prosody plan: what to say and how.
struct PlannedPhrase {
    std::string text;
    std::string hesitation;         // a filler said before the phrase ("음…", "um"), or empty
    double hesitation_pause_ms = 0; // the pause between the filler and the phrase
    float rate_wpm = 165.0f;        // the phrase's speaking rate
    float pitch_hz = 200.0f;        // pitch level
    float pitch_range = 0.5f;       // 0 … 1
    float loudness_db = 0.0f;       // gain relative to the voice's normal loudness
    float final_lengthening = 1.0f; // how much longer the phrase's last word is (1 = none)
    Boundary boundary = Boundary::End;
    double pause_ms = 0.0; // the silence after the phrase
};

// How a reply is to be spoken: seeded, so the same input gives the same plan.
struct ProsodyPlan {
    Language language = Language::English;
    std::string emotion = "neutral"; // the emotion the voice carries
    float intensity = 0.0f;
    bool humanised = true; // false: --plain (one rate, uniform pauses, no fillers)
    std::uint64_t seed = 0;
    std::vector<PlannedPhrase> phrases;
};

// What the prosody planner needs.
struct ProsodyRequest {
    std::string text;
    Language language = Language::English;
    // The emotion to colour the voice with: "neutral", "joy", "sadness", "tenderness", "anger",
    // "fear", or one of Samantha's own (docs/affect.md: "happy_for", "concern", "hurt", …).
    std::string emotion = "neutral";
    float intensity = 1.0f; // [0, 1]
    float pleasure = 0.0f;  // Samantha's mood (PAD), each in [-1, 1]
    float arousal = 0.0f;
    VoiceProfile voice;
    std::uint64_t seed = 1;
    bool humanised = true; // false: the --plain mode
};

// The emotions `ProsodyRequest::emotion` accepts, for messages and --help.
std::vector<std::string> prosody_emotions();

// Plans how `request.text` is spoken (docs/prosody.md). InvalidArgument for an unknown emotion or
// an intensity outside [0, 1]. An empty text gives an empty plan.
Result<ProsodyPlan> plan_prosody(const ProsodyRequest& request);

// Continues one utterance's prosody across the sentences of a streamed reply: the tempo process
// and the random stream carry over from sentence to sentence. Not thread-safe.
class ProsodyPlanner {
public:
    // InvalidArgument as for plan_prosody (the request's text is ignored).
    static Result<ProsodyPlanner> open(const ProsodyRequest& request);

    // Whether more of the utterance follows the piece being planned.
    enum class Piece { Continues, Ends };

    // The plan of the next piece of the reply. A piece that continues ends with a sentence pause;
    // one that ends the utterance ends in silence.
    ProsodyPlan next(const std::string& text, Piece piece = Piece::Ends);

private:
    struct State;
    explicit ProsodyPlanner(std::shared_ptr<State> state);
    std::shared_ptr<State> m_state; // owned by this planner alone (shared_ptr keeps it movable)
};

// A phoneme as a synthesizer reports it, with its time from the start of the phrase's audio.
struct PhonemeMark {
    std::string name;
    double at_ms = 0.0;
};

// One phrase for a synthesizer.
struct PhraseRequest {
    std::string text;
    Language language = Language::English;
    VoiceProfile voice;
    float rate_wpm = 165.0f;
    float pitch_hz = 200.0f;
    float pitch_range = 0.5f;
    float loudness_db = 0.0f;
    float final_lengthening = 1.0f;
};

// A synthesized phrase.
struct PhraseAudio {
    Audio audio;
    std::vector<PhonemeMark> phonemes; // empty when the backend does not report them
};

// A text-to-speech backend. Implementations need not be thread-safe: the caller serialises calls.
class SpeechSynthesizer {
public:
    virtual ~SpeechSynthesizer() = default;

    // "espeak-ng", "http", … as reported.
    virtual std::string name() const = 0;

    // Synthesizes one phrase with its prosody. Errors: Unavailable (the backend failed or is
    // unreachable), InvalidArgument (it returned bad audio), Cancelled (`stop` was requested).
    virtual Result<PhraseAudio> synthesize(const PhraseRequest& phrase, std::stop_token stop) = 0;
};

// espeak-ng, embedded (the default voice). The library is process-global; every instance shares it
// behind one lock. Unavailable when it cannot start (no espeak-ng-data).
Result<std::unique_ptr<SpeechSynthesizer>> make_espeak_synthesizer();

// Any OpenAI-compatible /v1/audio/speech endpoint (Kokoro, openedai-speech, OpenAI): the server
// speaks each phrase at its own pace and Samantha time-stretches and pitch-shifts it to the plan
// (Rubber Band). InvalidArgument when the URL is not http(s).
struct HttpSpeechConfig {
    std::string url; // "http://127.0.0.1:8880", ".../v1" or ".../v1/audio/speech"
    std::string model = "tts-1";
    std::string voice = "alloy";
    std::string api_key; // a bearer token when non-empty; never logged
    float natural_rate_wpm =
        165.0f; // the server's own pace, which the plan's rates are relative to
    int timeout_ms = 30000;
};

Result<std::unique_ptr<SpeechSynthesizer>> make_http_synthesizer(const HttpSpeechConfig& config);

// A mouth shape for lip sync (the 15 visemes of the Oculus/MPEG-4 set: sil PP FF TH DD kk CH SS nn
// RR aa E I O U), with its time in the utterance.
struct Viseme {
    std::string name;
    double start_ms = 0.0;
    double end_ms = 0.0;
};

// The viseme of a synthesizer's phoneme name ("sil" for silence and unknown names).
std::string viseme_of_phoneme(const std::string& phoneme);

// A piece of spoken audio: one phrase and the pause after it, with its visemes and the expression
// it carries, timed from the start of the utterance.
struct SpeechChunk {
    Audio audio;
    double start_ms = 0.0;
    std::string text; // what the chunk says (the filler included)
    std::vector<Viseme> visemes;
    std::string emotion = "neutral"; // the expression to show while it plays
    float intensity = 0.0f;
    int index = 0; // 0, 1, 2 … within the utterance
};

// Receives chunks on the rendering thread; the chunk is valid only during the call. Returning false
// stops the rendering.
using SpeechSink = std::function<bool(const SpeechChunk& chunk)>;

// Renders plans into audio phrase by phrase, joining phrases without clicks (short fades) and
// inserting the planned pauses. Output at `sample_rate_hz` (a backend's other rates are resampled
// with soxr). Keeps the utterance's clock across plans, so a streamed reply's chunks line up.
class SpeechRenderer {
public:
    SpeechRenderer(SpeechSynthesizer& synthesizer, VoiceProfile voice, int sample_rate_hz = 22050);

    // Renders `plan`, passing one chunk per phrase to `on_chunk` as soon as it exists. Errors from
    // the synthesizer; Cancelled when `on_chunk` returned false or `stop` was requested.
    Result<void> render(const ProsodyPlan& plan, const SpeechSink& on_chunk, std::stop_token stop);

    // Where the next chunk starts, from the start of the utterance.
    double elapsed_ms() const { return m_elapsed_ms; }

private:
    SpeechSynthesizer& m_synthesizer;
    VoiceProfile m_voice;
    int m_sample_rate_hz;
    double m_elapsed_ms = 0.0;
    int m_next_index = 0;
};

// Renders a whole plan into one Audio (the chunks concatenated).
Result<Audio> render_speech(SpeechSynthesizer& synthesizer,
                            const VoiceProfile& voice,
                            const ProsodyPlan& plan,
                            int sample_rate_hz = 22050);

// Limits on audio read from outside.
struct AudioLimits {
    std::size_t max_bytes = 64 * 1024 * 1024;
    double max_duration_s = 600.0;
};

// Reads a WAV file's bytes (PCM 8/16/24/32-bit or 32-bit float, any channel count, mixed to mono).
// InvalidArgument with what is wrong and where (not RIFF/WAVE, a missing or short chunk, an
// unsupported encoding); TooLarge past `limits`. A data size of 0 or 0xFFFFFFFF (streamed WAV)
// means "to the end of the file".
Result<Audio> parse_wav(const std::string& bytes, const AudioLimits& limits = {});

// Reads a WAV file (Io when it cannot be read; otherwise as parse_wav, the message naming the
// file).
Result<Audio> read_wav(const std::string& path, const AudioLimits& limits = {});

// The 16-bit PCM mono WAV bytes of `audio` (samples clipped to [-1, 1]).
std::string wav_bytes(const Audio& audio);

// Writes `audio` as a 16-bit PCM mono WAV file (Io on failure).
Result<void> write_wav(const std::string& path, const Audio& audio);

// `audio` at `sample_rate_hz` (soxr, high quality). InvalidArgument for a rate outside 1–384000.
Result<Audio> resample(const Audio& audio, int sample_rate_hz);

// What a listener hears, measured on the audio (docs/prosody.md): speech segments split by pauses,
// the pauses, tempo variability, pitch (YIN) and loudness.
struct VoiceAnalysis {
    double duration_ms = 0.0;
    std::vector<std::pair<double, double>> segments; // speech, [start_ms, end_ms)
    std::vector<double> segment_ms;                  // their durations
    std::vector<double> pause_ms;                    // silences between segments
    double segment_cv = 0.0;         // coefficient of variation of segment durations
    double pause_cv = 0.0;           // of pause durations
    double speech_ms = 0.0;          // total speech
    double mean_f0_hz = 0.0;         // over voiced frames; 0 when none
    double f0_range_semitones = 0.0; // 5th to 95th percentile of F0
    double voiced_share = 0.0;       // voiced frames / speech frames
    double loudness_dbfs = -120.0;   // mean power of speech frames, dB re full scale
};

// Settings of the analyser.
struct AnalysisSettings {
    double min_pause_ms = 100.0;    // shorter silences belong to the segment
    double silence_below_db = 35.0; // a frame is silent this far below the loudest frame
    double min_f0_hz = 60.0;
    double max_f0_hz = 500.0;
};

// Analyses `audio`. Never fails: empty or silent audio gives zero segments.
VoiceAnalysis analyze_voice(const Audio& audio, const AnalysisSettings& settings = {});

} // namespace samantha
