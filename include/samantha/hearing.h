#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <samantha/result.h>
#include <samantha/speech.h>
#include <samantha/types.h>

// Samantha's hearing (docs/hearing.md): speech recognisers behind one interface, voice activity
// detection, and the end-of-turn decision that says when the person has finished speaking.
namespace samantha {

// The sample rate every recogniser and detector here works at.
inline constexpr int hearing_sample_rate_hz = 16000;

// A stretch of a transcript with its time in the audio.
struct TranscriptSegment {
    double start_ms = 0.0;
    double end_ms = 0.0;
    std::string text;
};

// What a recogniser heard.
struct Transcript {
    std::string text;     // the segments joined, trimmed
    std::string language; // "en", "ko", … as detected or as asked
    std::vector<TranscriptSegment> segments;
};

// What a recogniser is asked for.
struct RecognizeOptions {
    std::string language = "auto"; // "auto", "en" or "ko"
};

// A speech-to-text backend. Implementations need not be thread-safe: the caller serialises calls.
class SpeechRecognizer {
public:
    virtual ~SpeechRecognizer() = default;

    // "whisper", "pocketsphinx", "http" as reported.
    virtual std::string name() const = 0;

    // Whether it can hear `language` ("en", "ko"); "auto" is always accepted.
    virtual bool supports(const std::string& language) const = 0;

    // Transcribes mono audio at any rate (resampled to 16 kHz). Errors: InvalidArgument (a language
    // it cannot hear, bad audio), Unavailable (the backend failed or is unreachable), Cancelled.
    // Silence gives an empty transcript.
    virtual Result<Transcript>
    transcribe(const Audio& audio, const RecognizeOptions& options, std::stop_token stop) = 0;
};

// whisper.cpp with a ggml model file (`samantha model pull whisper-base`). Unavailable when this
// build has no whisper.cpp or the model does not load (the message says which and how to fix it).
struct WhisperConfig {
    std::string model_path;
    int threads = 2;
};

Result<std::unique_ptr<SpeechRecognizer>> make_whisper_recognizer(const WhisperConfig& config);

// Whether this build carries whisper.cpp.
bool whisper_available();

// pocketsphinx with Debian's pocketsphinx-en-us: English only, offline, weak (docs/hearing.md).
// Unavailable when the model folder is missing.
struct PocketsphinxConfig {
    std::string model_dir = "/usr/share/pocketsphinx/model/en-us";
};

Result<std::unique_ptr<SpeechRecognizer>>
make_pocketsphinx_recognizer(const PocketsphinxConfig& config = {});

// Any OpenAI-compatible /v1/audio/transcriptions endpoint (whisper.cpp's server, faster-whisper,
// OpenAI). InvalidArgument when the URL is not http(s).
struct HttpRecognizerConfig {
    std::string url; // "http://127.0.0.1:8080", ".../v1" or ".../v1/audio/transcriptions"
    std::string model = "whisper-1";
    std::string api_key; // a bearer token when non-empty; never logged
    int timeout_ms = 30000;
};

Result<std::unique_ptr<SpeechRecognizer>> make_http_recognizer(const HttpRecognizerConfig& config);

// Which recogniser to use, chosen as `samantha transcribe` and `samantha talk` choose it.
struct HearingChoice {
    std::string asr = "auto";      // "auto", "whisper", "pocketsphinx" or "http"
    std::string asr_model;         // a whisper model file; empty: the newest in data_dir/models
    std::string asr_url;           // for "http" (and "auto" when set)
    std::string data_dir;          // where pulled models live
    std::string language = "auto"; // what the person speaks, for the "auto" choice
};

// Opens the recogniser `choice` names. "auto": the transcription server when asr_url is set, then
// whisper with the given or newest pulled model, then pocketsphinx for English. Korean without a
// whisper model or server is InvalidArgument with a message saying how to get one.
Result<std::unique_ptr<SpeechRecognizer>> open_recognizer(const HearingChoice& choice);

// The newest whisper model (ggml-*.bin) under `data_dir`/models, if any.
std::optional<std::string> newest_whisper_model(const std::string& data_dir);

// ---- Listening: voice activity and the end of a turn --------------------------------------------

// The length of one detector frame.
inline constexpr int vad_frame_ms = 10;

// Says whether a 10 ms frame of 16 kHz mono audio holds speech. Not thread-safe.
class VoiceActivityDetector {
public:
    virtual ~VoiceActivityDetector() = default;

    // "webrtc", "energy".
    virtual std::string name() const = 0;

    // Whether `frame` (160 samples at 16 kHz) holds speech.
    virtual bool is_speech(const float* frame) = 0;
};

// WebRTC's voice detector (Debian's libwebrtc-audio-processing), the default. `aggressiveness`
// 0 (keeps most) … 3 (drops most). Unavailable when it cannot start.
Result<std::unique_ptr<VoiceActivityDetector>> make_webrtc_vad(int aggressiveness = 2);

// An adaptive energy detector: speech is a frame this far above the running noise floor.
std::unique_ptr<VoiceActivityDetector> make_energy_vad(double above_noise_db = 12.0);

// How long a pause must last before the person's turn is over, given what they have said so far
// (docs/hearing.md, "The end of a turn").
struct TurnEndSettings {
    double base_ms = 700.0;        // a pause after a plain finished statement
    double question_ms = 450.0;    // after a finished question or request
    double unfinished_ms = 1600.0; // after a connective, particle, filler or open clause
    double no_text_ms = 900.0;     // when nothing was recognised yet
    double min_speech_ms = 200.0;  // shorter bursts are noise, not a turn
};

// How a transcript so far ends, for the end-of-turn decision.
enum class TurnEnding { Finished, Question, Unfinished, Unknown };

// "finished", "question", "unfinished", "unknown".
const char* turn_ending_name(TurnEnding ending);

// Reads how `text` ends: a connective, particle, filler or article is Unfinished; a question mark,
// a question or request ending is Question; other text is Finished; empty text is Unknown.
TurnEnding read_turn_ending(const std::string& text);

// The pause after which a turn that ends like `ending` is over.
double turn_end_pause_ms(TurnEnding ending, const TurnEndSettings& settings = {});

// One utterance cut from audio: where the person spoke.
struct Utterance {
    double start_ms = 0.0;
    double end_ms = 0.0;     // where the speech ended
    double decided_ms = 0.0; // when the listener decided the turn was over
    Transcript transcript;   // what was heard (empty without a recogniser)
    TurnEnding ending = TurnEnding::Unknown;
};

// Follows a stream of audio and cuts it into turns: the detector marks speech, and a turn ends at
// the first pause as long as turn_end_pause_ms says for what was said so far. With a recogniser it
// transcribes at each pause to read how the words end; without one every pause waits no_text_ms.
class TurnListener {
public:
    TurnListener(VoiceActivityDetector& vad,
                 SpeechRecognizer* recognizer,
                 RecognizeOptions options,
                 TurnEndSettings settings = {});

    // Feeds 16 kHz mono audio; returns the turns that ended within it, in order. Errors from the
    // recogniser.
    Result<std::vector<Utterance>>
    feed(const float* samples, std::size_t count, std::stop_token stop = {});

    // Ends the stream: a turn still open ends where its speech ended.
    Result<std::vector<Utterance>> finish(std::stop_token stop = {});

    // Whether the person is speaking now (for barge-in).
    bool speaking() const { return m_in_speech; }

    // The recognised text of the open turn up to its last pause ("" when none).
    const std::string& partial() const { return m_partial.text; }

private:
    Result<std::optional<Utterance>> on_frame(const float* frame, std::stop_token stop);
    Result<Transcript> hear(std::stop_token stop);

    VoiceActivityDetector& m_vad;
    SpeechRecognizer* m_recognizer;
    RecognizeOptions m_options;
    TurnEndSettings m_settings;
    std::vector<float> m_pending;   // samples not yet a whole frame
    std::vector<float> m_turn;      // the open turn's audio, from its first speech frame
    std::int64_t m_frames = 0;      // frames seen
    std::int64_t m_turn_start = -1; // frame where the open turn started
    std::int64_t m_last_speech = -1;
    double m_speech_ms = 0.0;
    bool m_in_speech = false;
    int m_run = 0; // consecutive speech frames (a turn starts after a few)
    Transcript m_partial;
    TurnEnding m_ending = TurnEnding::Unknown;
    bool m_heard_at_pause = false;
};

// Cuts a whole recording into turns (a TurnListener over all of it).
Result<std::vector<Utterance>> listen_to(const Audio& audio,
                                         VoiceActivityDetector& vad,
                                         SpeechRecognizer* recognizer,
                                         const RecognizeOptions& options,
                                         const TurnEndSettings& settings = {},
                                         std::stop_token stop = {});

// ---- How the person sounds ---------------------------------------------------------------------

// What the voice of an utterance says about how the person feels (docs/affect.md, "The voice").
struct VoiceCues {
    double mean_f0_hz = 0.0;
    double f0_range_semitones = 0.0;
    double loudness_dbfs = -120.0;
    double syllables_per_s = 0.0; // speech rate, from the transcript's syllables over speech time
    double pause_share = 0.0;     // silence within the utterance over its length
    float arousal = 0.0f;         // [-1, 1]
    float valence_cue = 0.0f;     // [-1, 1], weak
    float confidence = 0.0f;      // [0, 1]: how much the voice should count against the text
};

// Reads the voice cues of `audio`, whose words are `text` (may be empty).
VoiceCues read_voice_cues(const Audio& audio, const std::string& text);

} // namespace samantha
