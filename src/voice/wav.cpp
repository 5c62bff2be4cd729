// WAV in and out (RIFF/WAVE; PCM and IEEE float; WAVE_FORMAT_EXTENSIBLE).

#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <samantha/speech.h>

namespace samantha {
namespace {

std::uint32_t u32(const std::string& b, std::size_t at) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 8U |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 16U |
           static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3])) << 24U;
}

std::uint16_t u16(const std::string& b, std::size_t at) {
    return static_cast<std::uint16_t>(static_cast<unsigned char>(b[at]) |
                                      static_cast<unsigned char>(b[at + 1]) << 8U);
}

void put_u32(std::string& b, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) {
        b.push_back(static_cast<char>((v >> (8U * static_cast<unsigned>(i))) & 0xFFU));
    }
}

void put_u16(std::string& b, std::uint16_t v) {
    b.push_back(static_cast<char>(v & 0xFFU));
    b.push_back(static_cast<char>((v >> 8U) & 0xFFU));
}

Error bad(std::string what) {
    return make_error(ErrorCode::InvalidArgument, "wav: " + std::move(what));
}

struct Format {
    std::uint16_t encoding = 0; // 1 PCM, 3 IEEE float
    std::uint16_t channels = 0;
    std::uint32_t sample_rate_hz = 0;
    std::uint16_t bits = 0;
};

// One sample as a float in [-1, 1].
float sample_at(const char* p, const Format& f) {
    if (f.encoding == 3) {
        float v = 0;
        std::memcpy(&v, p, 4);
        return v;
    }
    switch (f.bits) {
    case 8:
        return (static_cast<float>(static_cast<unsigned char>(p[0])) - 128.0f) / 128.0f;
    case 16: {
        std::int16_t v = 0;
        std::memcpy(&v, p, 2);
        return static_cast<float>(v) / 32768.0f;
    }
    case 24: {
        const std::int32_t v = static_cast<std::int32_t>(
            static_cast<std::uint32_t>(static_cast<unsigned char>(p[0])) << 8U |
            static_cast<std::uint32_t>(static_cast<unsigned char>(p[1])) << 16U |
            static_cast<std::uint32_t>(static_cast<unsigned char>(p[2])) << 24U);
        return static_cast<float>(v) / 2147483648.0f;
    }
    default: {
        std::int32_t v = 0;
        std::memcpy(&v, p, 4);
        return static_cast<float>(v) / 2147483648.0f;
    }
    }
}

} // namespace

Result<Audio> parse_wav(const std::string& bytes, const AudioLimits& limits) {
    if (bytes.size() > limits.max_bytes) {
        return make_error(ErrorCode::TooLarge,
                          fmt::format("wav: {} bytes is over the limit of {} bytes",
                                      bytes.size(),
                                      limits.max_bytes));
    }
    if (bytes.size() < 12 || bytes.compare(0, 4, "RIFF") != 0 || bytes.compare(8, 4, "WAVE") != 0) {
        return bad(fmt::format("not a RIFF/WAVE file (the first 12 bytes are not "
                               "\"RIFF....WAVE\"; {} bytes in all)",
                               bytes.size()));
    }
    std::optional<Format> format;
    std::size_t at = 12;
    while (at + 8 <= bytes.size()) {
        const std::string id = bytes.substr(at, 4);
        std::uint64_t size = u32(bytes, at + 4);
        const std::size_t body = at + 8;
        if (id == "fmt ") {
            if (size < 16 || body + size > bytes.size()) {
                return bad(fmt::format("the fmt chunk at byte {} is {} bytes; it needs 16 and "
                                       "the file has {} left",
                                       at,
                                       size,
                                       bytes.size() - body));
            }
            Format f{.encoding = u16(bytes, body),
                     .channels = u16(bytes, body + 2),
                     .sample_rate_hz = u32(bytes, body + 4),
                     .bits = u16(bytes, body + 14)};
            if (f.encoding == 0xFFFE && size >= 40) { // WAVE_FORMAT_EXTENSIBLE: the sub-format
                f.encoding = u16(bytes, body + 24);
            }
            format = f;
        } else if (id == "data") {
            if (!format) {
                return bad(fmt::format("the data chunk at byte {} comes before any fmt chunk", at));
            }
            const Format& f = *format;
            const bool pcm =
                f.encoding == 1 && (f.bits == 8 || f.bits == 16 || f.bits == 24 || f.bits == 32);
            const bool real = f.encoding == 3 && f.bits == 32;
            if (!pcm && !real) {
                return bad(fmt::format("unsupported encoding (format tag {}, {} bits); Samantha "
                                       "reads PCM 8/16/24/32-bit and 32-bit float",
                                       f.encoding,
                                       f.bits));
            }
            if (f.channels < 1 || f.channels > 16) {
                return bad(fmt::format("{} channels is not a channel count (1 to 16)", f.channels));
            }
            if (f.sample_rate_hz < 1000 || f.sample_rate_hz > 384000) {
                return bad(fmt::format("a sample rate of {} Hz is outside 1000–384000 Hz",
                                       f.sample_rate_hz));
            }
            const std::size_t left = bytes.size() - body;
            if (size == 0 || size == 0xFFFFFFFFU) {
                size = left; // a streamed WAV: the data runs to the end
            } else if (size > left) {
                return bad(fmt::format("the data chunk at byte {} claims {} bytes but only {} "
                                       "remain (a truncated file?)",
                                       at,
                                       size,
                                       left));
            }
            const std::size_t frame = static_cast<std::size_t>(f.bits / 8) * f.channels;
            const std::size_t frames = static_cast<std::size_t>(size) / frame;
            const double seconds = static_cast<double>(frames) / f.sample_rate_hz;
            if (seconds > limits.max_duration_s) {
                return make_error(
                    ErrorCode::TooLarge,
                    fmt::format("wav: {:.1f} s of audio is over the limit of {:.0f} s",
                                seconds,
                                limits.max_duration_s));
            }
            Audio audio{.sample_rate_hz = static_cast<int>(f.sample_rate_hz), .samples = {}};
            audio.samples.resize(frames);
            const std::size_t width = f.bits / 8U;
            for (std::size_t i = 0; i < frames; ++i) {
                float sum = 0.0f;
                for (std::size_t c = 0; c < f.channels; ++c) {
                    sum += sample_at(bytes.data() + body + i * frame + c * width, f);
                }
                const float v = sum / static_cast<float>(f.channels);
                audio.samples[i] = std::isfinite(v) ? std::clamp(v, -1.0f, 1.0f) : 0.0f;
            }
            return audio;
        }
        at = body + static_cast<std::size_t>(size) + (size & 1U); // chunks are word-aligned
    }
    return bad(format ? "no data chunk" : "no fmt chunk");
}

Result<Audio> read_wav(const std::string& path, const AudioLimits& limits) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) {
        return make_error(ErrorCode::Io, fmt::format("wav: cannot open '{}'", path));
    }
    const auto size = static_cast<std::size_t>(in.tellg());
    if (size > limits.max_bytes) {
        return make_error(
            ErrorCode::TooLarge,
            fmt::format(
                "wav: '{}' is {} bytes, over the limit of {} bytes", path, size, limits.max_bytes));
    }
    std::string bytes(size, '\0');
    in.seekg(0);
    if (!in.read(bytes.data(), static_cast<std::streamsize>(size))) {
        return make_error(ErrorCode::Io, fmt::format("wav: cannot read '{}'", path));
    }
    auto audio = parse_wav(bytes, limits);
    if (!audio) {
        return make_error(audio.error().code,
                          fmt::format("{} (in '{}')", audio.error().message, path));
    }
    return audio;
}

std::string wav_bytes(const Audio& audio) {
    const auto data_size = static_cast<std::uint32_t>(audio.samples.size() * 2);
    std::string b;
    b.reserve(44 + data_size);
    b += "RIFF";
    put_u32(b, 36 + data_size);
    b += "WAVEfmt ";
    put_u32(b, 16);
    put_u16(b, 1); // PCM
    put_u16(b, 1); // mono
    put_u32(b, static_cast<std::uint32_t>(audio.sample_rate_hz));
    put_u32(b, static_cast<std::uint32_t>(audio.sample_rate_hz) * 2);
    put_u16(b, 2);
    put_u16(b, 16);
    b += "data";
    put_u32(b, data_size);
    for (const float x : audio.samples) {
        const float c = std::clamp(x, -1.0f, 1.0f);
        put_u16(b,
                static_cast<std::uint16_t>(static_cast<std::int16_t>(std::lround(c * 32767.0f))));
    }
    return b;
}

Result<void> write_wav(const std::string& path, const Audio& audio) {
    const std::string bytes = wav_bytes(audio);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) ||
        !out.flush()) {
        return make_error(ErrorCode::Io, fmt::format("wav: cannot write '{}'", path));
    }
    return {};
}

} // namespace samantha
