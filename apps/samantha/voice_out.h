#pragma once

#include <cstdio>
#include <filesystem>
#include <optional>
#include <string>

#include <samantha/speech.h>

namespace samantha::cli {

// What one spoken reply left behind.
struct SpokenReply {
    std::string file;            // the WAV written
    double duration_ms = 0.0;    // its length
    int chunks = 0;              // how many chunks it arrived in
    double first_chunk_ms = 0.0; // when the first chunk arrived, from the start of the turn
};

// `samantha chat --voice-dir DIR`: gathers each reply's speech chunks, writes them as one WAV per
// reply into DIR, and streams them to `aplay` as they arrive where a sound card exists.
class VoiceOut {
public:
    // Io when DIR cannot be created. `play`: stream to the sound card when there is one.
    static Result<VoiceOut>
    open(const std::filesystem::path& dir, const std::string& user, bool play);

    VoiceOut(VoiceOut&&) noexcept;
    VoiceOut& operator=(VoiceOut&&) = delete;
    VoiceOut(const VoiceOut&) = delete;
    VoiceOut& operator=(const VoiceOut&) = delete;
    ~VoiceOut();

    // Starts a reply: the sink to give the turn.
    SpeechSink start();

    // Ends the reply: writes its WAV. Nothing when nothing was spoken.
    Result<std::optional<SpokenReply>> finish();

private:
    VoiceOut(std::filesystem::path dir, std::string user, bool play);
    void close_player();

    std::filesystem::path m_dir;
    std::string m_user;
    bool m_play = false;
    int m_count = 0;
    Audio m_audio;
    int m_chunks = 0;
    double m_first_chunk_ms = 0.0;
    double m_started_ms = 0.0;
    FILE* m_player = nullptr; // aplay's stdin while a reply plays
};

} // namespace samantha::cli
