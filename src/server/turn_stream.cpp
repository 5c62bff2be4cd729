#include "server/turn_stream.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

#include <nlohmann/json.hpp>
#include <samantha/expression.h>

#include "core/base64.h"
#include "wire/json.h"

namespace samantha::server {

using Json = nlohmann::json;

namespace {

// The messages a spoken chunk becomes on the wire (docs/protocol.md): audio, visemes, expression.
std::vector<std::string> speech_messages(const SpeechChunk& chunk) {
    std::vector<std::uint8_t> pcm;
    pcm.reserve(chunk.audio.samples.size() * 2);
    for (const float x : chunk.audio.samples) {
        const auto v =
            static_cast<std::int16_t>(std::lround(std::clamp(x, -1.0f, 1.0f) * 32767.0f));
        pcm.push_back(static_cast<std::uint8_t>(static_cast<std::uint16_t>(v) & 0xFFU));
        pcm.push_back(static_cast<std::uint8_t>(static_cast<std::uint16_t>(v) >> 8U));
    }
    Json visemes = Json::array();
    for (const auto& v : chunk.visemes) {
        visemes.push_back({{"viseme", v.name}, {"start_ms", v.start_ms}, {"end_ms", v.end_ms}});
    }
    return {expression_message(chunk.emotion, chunk.intensity, chunk.start_ms),
            Json{{"type", "audio"},
                 {"index", chunk.index},
                 {"start_ms", chunk.start_ms},
                 {"duration_ms", chunk.audio.duration_ms()},
                 {"sample_rate_hz", chunk.audio.sample_rate_hz},
                 {"encoding", "pcm_s16le"},
                 {"text", chunk.text},
                 {"data", core::encode_base64(pcm)}}
                .dump(-1, ' ', false, Json::error_handler_t::replace),
            Json{{"type", "visemes"}, {"index", chunk.index}, {"visemes", visemes}}.dump()};
}

} // namespace

// An expression message: the emotion and how a body shows it (docs/protocol.md).
std::string expression_message(const std::string& emotion, float intensity, double start_ms) {
    const Expression e = expression_of(emotion, intensity);
    Json units = Json::array();
    for (const auto& au : e.action_units) {
        units.push_back({{"au", au.unit}, {"intensity", au.intensity}});
    }
    Json out{{"type", "expression"},
             {"emotion", emotion},
             {"intensity", intensity},
             {"action_units", units},
             {"gaze", e.gaze},
             {"gesture", e.gesture},
             {"ros4hri", e.ros4hri}};
    if (start_ms >= 0.0) {
        out["start_ms"] = start_ms;
    }
    return out.dump();
}

std::string error_message(const std::string& code, const std::string& message) {
    return Json{{"type", "error"}, {"error", {{"code", code}, {"message", message}}}}.dump();
}

Result<TurnOutput>
timed_turn(Conversation& conversation, const TurnInput& input, Metrics& metrics) {
    const auto started = std::chrono::steady_clock::now();
    auto out = conversation.turn(input);
    metrics.observe_turn(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
            .count());
    if (!out) {
        metrics.turn_errors.fetch_add(1, std::memory_order_relaxed);
    } else if (!out->proactive) {
        metrics.observe_risk(out->risk_level);
    }
    return out;
}

void stream_turn(Conversations& conversations,
                 const std::string& person,
                 TurnInput input,
                 const TurnOptions& options,
                 Metrics& metrics,
                 const Emit& emit) {
    auto conversation = conversations.get(person);
    if (!conversation) {
        emit(error_message(wire::wire_code(conversation.error()), conversation.error().message));
        return;
    }
    input.on_text = [&emit](std::string_view delta) {
        emit(Json{{"type", "text"}, {"delta", delta}}.dump(
            -1, ' ', false, Json::error_handler_t::replace));
        return true;
    };
    if (options.voice) {
        input.on_speech = [&emit](const SpeechChunk& chunk) {
            for (auto& m : speech_messages(chunk)) {
                emit(std::move(m));
            }
            return true;
        };
    }
    auto out = timed_turn(**conversation, input, metrics);
    if (!out) {
        emit(error_message(wire::wire_code(out.error()), out.error().message));
    } else if (!options.proactive || !out->reply.empty()) {
        // The feeling the reply leaves, for bodies without a voice too.
        emit(expression_message(out->companion.emotion, out->companion.intensity, -1.0));
        Json reply = wire::turn_json(*out);
        reply["type"] = out->proactive ? "proactive" : "reply";
        emit(reply.dump(-1, ' ', false, Json::error_handler_t::replace));
    } else {
        emit(Json{{"type", "quiet"}}.dump()); // nothing to say right now
    }
}

} // namespace samantha::server
