#include "wire/json.h"

#include <cmath>

#include "core/time.h"

namespace samantha::wire {

std::string error_line(std::string_view code, std::string_view message) {
    const nlohmann::json line = {{"error", {{"code", code}, {"message", message}}}};
    return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

nlohmann::json memory_json(const Memory& memory) {
    nlohmann::json out = {
        {"id", memory.id},
        {"kind", memory_kind_name(memory.kind)},
        {"text", memory.text},
        {"language", language_code(memory.language)},
        {"importance", memory.importance},
        {"created_at", core::format_iso8601(Moment{.utc = memory.created_at, .utc_offset = {}})}};
    if (!memory.slot.empty()) {
        out["slot"] = memory.slot;
    }
    if (!memory.value.empty()) {
        out["value"] = memory.value;
    }
    if (memory.date) {
        out["date"] = core::format_date(*memory.date);
    }
    if (memory.valid_to) {
        out["valid_to"] = core::format_iso8601(Moment{.utc = *memory.valid_to, .utc_offset = {}});
    }
    return out;
}

nlohmann::json search_hit_json(const RecalledMemory& hit) {
    nlohmann::json out = {{"id", hit.memory.id},
                          {"kind", memory_kind_name(hit.memory.kind)},
                          {"text", hit.memory.text},
                          {"score", std::round(static_cast<double>(hit.score) * 1000.0) / 1000.0}};
    if (hit.memory.date) {
        out["date"] = core::format_date(*hit.memory.date);
    }
    return out;
}

nlohmann::json settings_json(const PersonSettings& s) {
    return {{"language", s.language ? std::string(language_code(*s.language)) : "auto"},
            {"role", s.role},
            {"proactive", s.proactive},
            {"quiet_start_hour", s.quiet_start_hour},
            {"quiet_end_hour", s.quiet_end_hour}};
}

nlohmann::json exchange_json(const Exchange& e) {
    return {{"id", e.id},
            {"conversation", e.conversation_id},
            {"at", core::format_iso8601(e.at)},
            {"text", e.text},
            {"reply", e.reply},
            {"language", language_code(e.language)},
            {"emotion", e.emotion}};
}

nlohmann::json conversation_json(const ConversationInfo& c) {
    return {{"id", c.id},
            {"started_at", core::format_iso8601(Moment{.utc = c.started_at, .utc_offset = {}})},
            {"last_turn_at", core::format_iso8601(Moment{.utc = c.last_turn_at, .utc_offset = {}})},
            {"turns", c.turns}};
}

nlohmann::json persona_json(const PersonaInfo& p) {
    return {{"id", p.id},
            {"role", p.role},
            {"name", {{"en", p.name_en}, {"ko", p.name_ko}}},
            {"about", {{"en", p.about_en}, {"ko", p.about_ko}}},
            {"traits", {{"en", p.traits_en}, {"ko", p.traits_ko}}},
            {"likes", {{"en", p.likes_en}, {"ko", p.likes_ko}}}};
}

nlohmann::json companion_json(const CompanionState& c) {
    return {
        {"emotion", c.emotion},
        {"intensity", c.intensity},
        {"mood", {{"pleasure", c.pleasure}, {"arousal", c.arousal}, {"dominance", c.dominance}}}};
}

nlohmann::json relationship_json(const RelationshipState& r) {
    return {{"stage", r.stage},
            {"closeness", r.closeness},
            {"trust", r.trust},
            {"familiarity", r.familiarity},
            {"role", r.role},
            {"speech_level", r.speech_level == SpeechLevel::Casual ? "casual" : "formal"},
            {"days_together", r.days_together},
            {"minutes", r.minutes},
            {"rupture", r.rupture}};
}

nlohmann::json turn_json(const TurnOutput& output) {
    nlohmann::json recalled = nlohmann::json::array();
    for (const auto& r : output.recalled) {
        recalled.push_back({{"id", r.memory.id},
                            {"kind", memory_kind_name(r.memory.kind)},
                            {"text", r.memory.text},
                            {"score", r.score}});
    }
    nlohmann::json remembered = nlohmann::json::array();
    for (const auto& m : output.remembered) {
        remembered.push_back(memory_json(m));
    }
    nlohmann::json forgotten = nlohmann::json::array();
    for (const auto& m : output.forgotten) {
        forgotten.push_back({{"id", m.id}, {"kind", memory_kind_name(m.kind)}, {"text", m.text}});
    }
    nlohmann::json top = nlohmann::json::array();
    for (const EmotionScore& fine : output.user_emotion.top) {
        top.push_back({{"label", fine.label}, {"score", fine.score}});
    }
    nlohmann::json out{{"reply", output.reply},
                       {"language", language_code(output.language)},
                       {"user_emotion",
                        {{"label", emotion_label_name(output.user_emotion.label)},
                         {"valence", output.user_emotion.valence},
                         {"arousal", output.user_emotion.arousal},
                         {"intensity", output.user_emotion.intensity},
                         {"top", top}}},
                       {"recalled", recalled},
                       {"remembered", remembered},
                       {"forgotten", forgotten},
                       {"strategy", output.strategy},
                       {"intent", output.intent},
                       {"brain", output.brain},
                       {"brain_error", output.brain_error},
                       {"speech_level", speech_level_name(output.speech_level)},
                       {"at", core::format_iso8601(output.at)},
                       {"proactive", output.proactive},
                       {"companion", companion_json(output.companion)},
                       {"relationship", relationship_json(output.relationship)},
                       {"risk", {{"level", output.risk_level}, {"kind", output.risk_kind}}}};
    if (!output.voice_error.empty()) {
        out["voice_error"] = output.voice_error;
    }
    return out;
}

std::string wire_code(const Error& error) {
    if (error.code == ErrorCode::Conflict && error.message.find("backwards") != std::string::npos) {
        return "time_went_backwards";
    }
    if (error.code == ErrorCode::InvalidArgument &&
        error.message.find("UTF-8") != std::string::npos) {
        return "invalid_utf8";
    }
    if (error.code == ErrorCode::InvalidArgument &&
        error.message.find("control character") != std::string::npos) {
        return "control_character";
    }
    if (error.code == ErrorCode::InvalidArgument) {
        return "invalid_field"; // the message names the field and what is wrong with it
    }
    return error_code_name(error.code);
}

} // namespace samantha::wire
