#include "voice_out.h"

#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <system_error>

#include <fmt/format.h>

namespace samantha::cli {
namespace {

double now_ms() {
    return std::chrono::duration<double, std::milli>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

bool can_play() {
    std::error_code ec;
    return std::filesystem::exists("/dev/snd", ec) &&
           std::system("command -v aplay >/dev/null 2>&1") == 0;
}

std::string safe(const std::string& user) {
    std::string out;
    for (const char c : user) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '-' || c == '_';
        out += ok ? c : '_';
    }
    return out.empty() ? "me" : out;
}

} // namespace

VoiceOut::VoiceOut(std::filesystem::path dir, std::string user, bool play)
    : m_dir(std::move(dir))
    , m_user(safe(user))
    , m_play(play) {}

VoiceOut::VoiceOut(VoiceOut&& other) noexcept
    : m_dir(std::move(other.m_dir))
    , m_user(std::move(other.m_user))
    , m_play(other.m_play)
    , m_count(other.m_count)
    , m_audio(std::move(other.m_audio))
    , m_chunks(other.m_chunks)
    , m_first_chunk_ms(other.m_first_chunk_ms)
    , m_started_ms(other.m_started_ms)
    , m_player(other.m_player) {
    other.m_player = nullptr;
}

VoiceOut::~VoiceOut() {
    close_player();
}

Result<VoiceOut>
VoiceOut::open(const std::filesystem::path& dir, const std::string& user, bool play) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return make_error(
            ErrorCode::Io,
            fmt::format("--voice-dir: cannot create '{}': {}", dir.string(), ec.message()));
    }
    if (play) {
        std::signal(SIGPIPE, SIG_IGN); // a player that quits must not take Samantha with it
    }
    return VoiceOut(dir, user, play && can_play());
}

SpeechSink VoiceOut::start() {
    m_audio = Audio{};
    m_chunks = 0;
    m_started_ms = now_ms();
    return [this](const SpeechChunk& chunk) {
        if (m_chunks == 0) {
            m_first_chunk_ms = now_ms() - m_started_ms;
            m_audio.sample_rate_hz = chunk.audio.sample_rate_hz;
            if (m_play && m_player == nullptr) {
                const std::string command = fmt::format(
                    "aplay -q -t raw -f S16_LE -c 1 -r {} 2>/dev/null", chunk.audio.sample_rate_hz);
                m_player = popen(command.c_str(), "w");
            }
        }
        ++m_chunks;
        m_audio.samples.insert(
            m_audio.samples.end(), chunk.audio.samples.begin(), chunk.audio.samples.end());
        if (m_player != nullptr) {
            std::vector<std::int16_t> pcm(chunk.audio.samples.size());
            for (std::size_t i = 0; i < pcm.size(); ++i) {
                pcm[i] = static_cast<std::int16_t>(
                    std::lround(std::clamp(chunk.audio.samples[i], -1.0f, 1.0f) * 32767.0f));
            }
            if (std::fwrite(pcm.data(), sizeof(std::int16_t), pcm.size(), m_player) != pcm.size()) {
                close_player(); // the player went away; keep writing files
                m_play = false;
            } else {
                std::fflush(m_player);
            }
        }
        return true;
    };
}

void VoiceOut::close_player() {
    if (m_player != nullptr) {
        pclose(m_player);
        m_player = nullptr;
    }
}

Result<std::optional<SpokenReply>> VoiceOut::finish() {
    close_player();
    if (m_chunks == 0) {
        return std::optional<SpokenReply>{};
    }
    ++m_count;
    const auto stamp = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    const std::string file =
        (m_dir / fmt::format("{}-{}-{:03}.wav", m_user, stamp, m_count)).string();
    if (auto written = write_wav(file, m_audio); !written) {
        return written.error();
    }
    return std::optional<SpokenReply>(SpokenReply{.file = file,
                                                  .duration_ms = m_audio.duration_ms(),
                                                  .chunks = m_chunks,
                                                  .first_chunk_ms = m_first_chunk_ms});
}

} // namespace samantha::cli
