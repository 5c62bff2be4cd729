#pragma once

// The JSON form of the engine's public values, one place for every machine interface: the CLI's
// --jsonl and memory --json, and the server's REST, WebSocket and MQTT messages
// (docs/protocol.md). JSON stays at the edges (STYLE.md §7).

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <samantha/engine.h>

namespace samantha::wire {

// {"error": {"code": code, "message": message}} as one line.
std::string error_line(std::string_view code, std::string_view message);

// A memory as a JSON object: id, kind, text, and where known slot, value, date, created_at,
// valid_to, language, importance.
nlohmann::json memory_json(const Memory& memory);

// A memory found by a search (Conversation::search_memories), best first in its list: id, kind,
// text, score, and for an event its date (YYYY-MM-DD).
nlohmann::json search_hit_json(const RecalledMemory& hit);

// Samantha's feelings: emotion, intensity, mood {pleasure, arousal, dominance}.
nlohmann::json companion_json(const CompanionState& companion);

// The relationship: stage, closeness, trust, familiarity, role, speech_level ("formal" or
// "casual"), days_together, minutes, rupture.
nlohmann::json relationship_json(const RelationshipState& relationship);

// Settings: language ("auto", "en", "ko"), role, proactive, quiet_start_hour, quiet_end_hour.
nlohmann::json settings_json(const PersonSettings& settings);

// One logged exchange: id, conversation, at, text, reply, language, emotion.
nlohmann::json exchange_json(const Exchange& exchange);

// A conversation: id, started_at, last_turn_at, turns.
nlohmann::json conversation_json(const ConversationInfo& conversation);

// The persona: id, role, name {en, ko}, about {en, ko}, traits {en, ko}, likes {en, ko}.
nlohmann::json persona_json(const PersonaInfo& persona);

// The reply object of one --jsonl turn.
nlohmann::json turn_json(const TurnOutput& output);

// The stable wire code for an engine error ("time_went_backwards", "too_large", …).
std::string wire_code(const Error& error);

} // namespace samantha::wire
