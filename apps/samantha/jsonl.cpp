// `samantha chat --jsonl`: the machine contract (README, "JSON lines").
#include <cstdio>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "chat.h"
#include "core/time.h"
#include "core/utf8.h"
#include "line_reader.h"
#include "voice_out.h"
#include "wire/json.h"

namespace samantha::cli {

namespace {

void emit(const std::string& line) {
    std::fputs(line.c_str(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout);
}

struct Parsed {
    TurnInput input;
    std::optional<std::pair<std::string, std::string>> error; // code, message
};

Parsed parse_line(const Line& line,
                  const Config& config,
                  std::chrono::minutes default_offset,
                  int number) {
    Parsed out;
    const auto fail = [&](std::string code, std::string message) {
        out.error = std::make_pair(std::move(code), fmt::format("line {}: {}", number, message));
        return out;
    };
    if (line.too_long) {
        return fail("too_large",
                    fmt::format("{} bytes is over the line limit of {} bytes",
                                line.length,
                                config.limits.max_line_bytes));
    }
    if (auto bad = core::find_invalid_utf8(line.text)) {
        return fail("invalid_utf8", fmt::format("{} at byte {}", bad->reason, bad->offset));
    }
    const std::string_view text = line.text;
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos || text[first] != '{') {
        out.input.text = line.text;
        return out;
    }
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(text);
    } catch (const nlohmann::json::parse_error& e) {
        return fail("invalid_json", fmt::format("malformed JSON at byte {}: {}", e.byte, e.what()));
    }
    if (!json.is_object()) {
        return fail("invalid_json", "expected a JSON object {\"text\": …, \"at\": …}");
    }
    for (const auto& [key, value] : json.items()) {
        if (key == "text") {
            if (!value.is_string()) {
                return fail("invalid_field", "\"text\" must be a string");
            }
            out.input.text = value.get<std::string>();
        } else if (key == "at") {
            if (!value.is_string()) {
                return fail("invalid_field", "\"at\" must be an ISO-8601 string");
            }
            auto at = core::parse_iso8601(value.get<std::string>(), default_offset);
            if (!at) {
                return fail("invalid_field", "\"at\": " + at.error().message);
            }
            out.input.at = *at;
        } else {
            return fail("unknown_field",
                        fmt::format("unknown field \"{}\" (known: text, at)", key));
        }
    }
    return out;
}

} // namespace

int run_jsonl(Engine& engine, const ChatOptions& options, const Config& config) {
    auto conversation = engine.conversation(options.user, options.now);
    if (!conversation) {
        emit(wire::error_line(wire::wire_code(conversation.error()), conversation.error().message));
        return 1;
    }
    std::optional<VoiceOut> voice;
    if (!options.voice_dir.empty()) {
        auto opened = VoiceOut::open(options.voice_dir, options.user, false);
        if (!opened) {
            emit(wire::error_line(wire::wire_code(opened.error()), opened.error().message));
            return 1;
        }
        voice.emplace(std::move(*opened));
    }
    LineReader reader(stdin, config.limits.max_line_bytes);
    int number = 0;
    while (auto line = reader.next()) {
        ++number;
        const auto offset = (*conversation)->now().utc_offset;
        Parsed parsed = parse_line(*line, config, offset, number);
        if (parsed.error) {
            emit(wire::error_line(parsed.error->first, parsed.error->second));
            continue;
        }
        if (voice) {
            parsed.input.on_speech = voice->start();
        }
        auto output = (*conversation)->turn(parsed.input);
        std::optional<SpokenReply> spoken;
        if (voice) {
            auto finished = voice->finish();
            if (finished) {
                spoken = *finished;
            } else if (output) {
                output->voice_error = finished.error().message;
            }
        }
        if (!output) {
            emit(wire::error_line(wire::wire_code(output.error()),
                                  fmt::format("line {}: {}", number, output.error().message)));
            continue;
        }
        nlohmann::json json = wire::turn_json(*output);
        if (spoken) {
            json["voice"] = {{"file", spoken->file},
                             {"duration_ms", spoken->duration_ms},
                             {"chunks", spoken->chunks},
                             {"first_chunk_ms", spoken->first_chunk_ms}};
        }
        emit(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
    return 0;
}

} // namespace samantha::cli
