// `samantha device`: the reference body. A terminal client of the device protocol that prints
// expressions and saves the audio, to show what a robot or an avatar receives.
#include "device_command.h"

#include <cstdio>
#include <iostream>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <samantha/speech.h>

#include "core/base64.h"

namespace samantha::cli {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using Json = nlohmann::json;

struct Url {
    std::string host;
    std::string port;
    std::string path;
};

std::optional<Url> parse_url(const std::string& url) {
    constexpr std::string_view scheme = "ws://";
    if (!url.starts_with(scheme)) {
        return std::nullopt;
    }
    const std::string rest = url.substr(scheme.size());
    const auto slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    const auto colon = authority.rfind(':');
    Url out{.host = authority.substr(0, colon),
            .port = colon == std::string::npos ? "80" : authority.substr(colon + 1),
            .path = slash == std::string::npos ? "/v1/ws" : rest.substr(slash)};
    if (out.host.empty()) {
        return std::nullopt;
    }
    return out;
}

} // namespace

int run_device(const DeviceOptions& options) {
    const auto url = parse_url(options.url);
    if (!url) {
        fmt::print(stderr, "samantha device: '{}' is not a ws:// URL\n", options.url);
        return 2;
    }
    if (options.token.empty()) {
        fmt::print(stderr, "samantha device: give --token (or SAMANTHA_TOKEN)\n");
        return 2;
    }
    try {
        asio::io_context io;
        websocket::stream<asio::ip::tcp::socket> ws(io);
        asio::ip::tcp::resolver resolver(io);
        asio::connect(ws.next_layer(), resolver.resolve(url->host, url->port));
        ws.set_option(websocket::stream_base::decorator([&](websocket::request_type& r) {
            r.set(beast::http::field::authorization, "Bearer " + options.token);
        }));
        ws.handshake(url->host + ":" + url->port, url->path);
        const bool speaker = !options.out_dir.empty();
        ws.write(asio::buffer(Json{{"type", "hello"},
                                   {"protocol", 1},
                                   {"device", {{"name", "samantha device"}, {"kind", "terminal"}}},
                                   {"capabilities",
                                    {{"speaker", speaker},
                                     {"microphone", false},
                                     {"screen_face", false},
                                     {"motors", Json::array()}}}}
                                  .dump()));
        Audio reply_audio;
        int saved = 0;
        std::string last_expression;
        // Reads until the turn ends (reply, proactive, quiet or error), printing as it goes.
        const auto read_turn = [&] {
            while (true) {
                beast::flat_buffer buffer;
                ws.read(buffer);
                const Json m = Json::parse(beast::buffers_to_string(buffer.data()), nullptr, false);
                const std::string type = m.value("type", "");
                if (type == "welcome") {
                    fmt::print("[welcome] person {} · protocol {}\n",
                               m.value("person", ""),
                               m.value("protocol", 0));
                    return;
                }
                if (type == "text") {
                    fmt::print("{}", m.value("delta", ""));
                    std::fflush(stdout);
                } else if (type == "expression") {
                    std::string units;
                    for (const auto& au : m["action_units"]) {
                        units += fmt::format(
                            " AU{}:{:.2f}", au["au"].get<int>(), au["intensity"].get<double>());
                    }
                    const std::string shown =
                        fmt::format("[expression] {} {:.2f} · gaze {} · gesture {} ·{}",
                                    m.value("emotion", ""),
                                    m.value("intensity", 0.0),
                                    m.value("gaze", ""),
                                    m.value("gesture", "").empty() ? "-" : m.value("gesture", ""),
                                    units.empty() ? " (neutral face)" : units);
                    if (shown != last_expression) { // a body changes its face when it changes
                        fmt::print("\n{}\n", shown);
                        last_expression = shown;
                    }
                } else if (type == "audio") {
                    const auto bytes = core::decode_base64(m.value("data", ""));
                    reply_audio.sample_rate_hz = m.value("sample_rate_hz", 22050);
                    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2) {
                        const auto v = static_cast<std::int16_t>(bytes[i] | (bytes[i + 1] << 8U));
                        reply_audio.samples.push_back(static_cast<float>(v) / 32768.0f);
                    }
                } else if (type == "reply" || type == "proactive" || type == "quiet" ||
                           type == "error") {
                    if (type == "error") {
                        fmt::print("[error] {}\n", m["error"].value("message", ""));
                    } else if (type != "quiet") {
                        fmt::print("[{}] {}\n", type, m.value("reply", ""));
                    }
                    if (speaker && !reply_audio.samples.empty()) {
                        const std::string file =
                            fmt::format("{}/reply-{:03}.wav", options.out_dir, ++saved);
                        if (auto w = write_wav(file, reply_audio); w) {
                            fmt::print("[audio] {} ({:.1f} s)\n",
                                       file,
                                       reply_audio.duration_ms() / 1000.0);
                        }
                    }
                    reply_audio.samples.clear();
                    std::fflush(stdout);
                    return;
                }
            }
        };
        read_turn(); // welcome
        if (options.presence) {
            ws.write(asio::buffer(Json{{"type", "presence"}, {"present", true}}.dump()));
            read_turn();
        }
        std::string line;
        while (std::getline(std::cin, line)) {
            if (line.empty()) {
                continue;
            }
            ws.write(asio::buffer(Json{{"type", "message"}, {"text", line}}.dump(
                -1, ' ', false, Json::error_handler_t::replace)));
            read_turn();
        }
        ws.close(websocket::close_code::normal);
    } catch (const std::exception& e) {
        fmt::print(stderr, "samantha device: {}\n", e.what());
        return 1;
    }
    return 0;
}

} // namespace samantha::cli
