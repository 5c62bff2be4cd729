#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/clock.h>
#include <samantha/result.h>
#include <samantha/types.h>

#include "nlu/risk.h"
#include "storage/database.h"

// The conversation log and per-person state in the database: people, conversations, turns.
namespace samantha::dialogue {

// What the person chose in their settings; empty means the server's default (docs/protocol.md).
struct Preferences {
    std::optional<Language> language; // Samantha's language when the message shows none
    std::optional<bool> proactive;    // whether she may speak first
    std::optional<int> quiet_start_hour;
    std::optional<int> quiet_end_hour;
};

// What every turn reads and writes about the person.
struct PersonState {
    std::int64_t person_id = 0;
    std::string handle;
    Language language = Language::English;
    SpeechLevel speech_level = SpeechLevel::Polite;
    std::optional<std::chrono::sys_seconds> first_turn_at;
    std::optional<std::chrono::sys_seconds> last_turn_at;
    std::chrono::minutes utc_offset{0};
    std::int64_t turn_count = 0;
    Preferences preferences;

    // The language to assume when a message shows none, and to speak first in.
    Language preferred_language() const { return preferences.language.value_or(language); }
};

// One exchange as logged.
struct TurnRecord {
    std::int64_t conversation_id = 0;
    std::int64_t person_id = 0;
    Moment at;
    std::string user_text;
    std::string reply;
    Language language = Language::English;
    std::string strategy;
    UserEmotion emotion;
    nlu::RiskLevel risk_level = nlu::RiskLevel::None; // the message's risk reading (#12)
    nlu::RiskKind risk_kind = nlu::RiskKind::None;
};

// The care scheduler's state per person.
struct CareState {
    std::optional<CivilDate> proactive_day;
    int proactive_count = 0; // on proactive_day
    std::optional<std::chrono::sys_seconds> last_proactive_at;
    std::optional<std::chrono::sys_seconds> last_crisis_at; // the person's last crisis message
};

// What the care path reads of the conversation before a message (docs/care.md, "Tiers").
struct CareContext {
    nlu::RiskContext risk;    // the recent readings, and whether Samantha just checked in
    bool crisis_held = false; // a crisis was read in the person's last messages (12 hours)
    nlu::RiskKind crisis_kind = nlu::RiskKind::None; // its kind
};

// Whether person() may create the person.
enum class Create { IfMissing, Never };

// Reads and writes the log. Not thread-safe; writes run inside the caller's transaction.
class TurnStore {
public:
    explicit TurnStore(storage::Database& db)
        : m_db(db) {}

    // The state of the person with `handle`; creates them (with `now`) when allowed, otherwise
    // NotFound.
    Result<PersonState>
    person(std::string_view handle, std::chrono::sys_seconds now, Create create);

    // The person's last `limit` replies, newest first.
    Result<std::vector<std::string>> recent_replies(std::int64_t person_id, int limit);

    // The person's last `limit` exchanges (their message, Samantha's reply), oldest first.
    Result<std::vector<std::pair<std::string, std::string>>>
    recent_exchanges(std::int64_t person_id, int limit);

    // The exchanges of one conversation (their message, Samantha's reply), oldest first, at most
    // the last `limit`.
    Result<std::vector<std::pair<std::string, std::string>>>
    conversation_exchanges(std::int64_t conversation_id, int limit);

    // The id of the person's last turn, if any.
    Result<std::optional<std::int64_t>> last_turn_id(std::int64_t person_id);

    // Opens a conversation and returns its id.
    Result<std::int64_t> start_conversation(std::int64_t person_id, std::chrono::sys_seconds now);

    // `current` when it is an open conversation (non-zero), otherwise a new one's id.
    Result<std::int64_t>
    conversation_for(std::int64_t person_id, std::int64_t current, std::chrono::sys_seconds now);

    // Appends a turn and returns its id.
    Result<std::int64_t> add_turn(const TurnRecord& turn);

    // Saves the person's state (not the preferences).
    Result<void> save_state(const PersonState& state);

    // Saves the person's preferences.
    Result<void> save_preferences(std::int64_t person_id, const Preferences& preferences);

    // The person's turns with ids below `before` (0: all), newest `limit` of them, oldest first;
    // only those of `conversation_id` when it is non-zero.
    Result<std::vector<Exchange>>
    history(std::int64_t person_id, std::int64_t conversation_id, std::int64_t before, int limit);

    // The person's conversations, newest first, at most `limit`.
    Result<std::vector<ConversationInfo>> conversations(std::int64_t person_id, int limit);

    // The emotion label of the person's last message ("neutral" when none).
    Result<std::string> last_turn_emotion(std::int64_t person_id);

    // Deletes the person and, through the schema's cascades, their state, conversations, turns,
    // Samantha's feelings, the relationship and the care state. Memories must be erased first
    // (MemoryStore::erase_all keeps the search index in step).
    Result<void> erase_person(std::int64_t person_id);

    // The risk readings of the person's last `limit` messages (oldest first), whether Samantha's
    // last reply was a check-in, and whether a crisis was read within 12 hours of `now`.
    Result<CareContext>
    care_context(std::int64_t person_id, int limit, std::chrono::sys_seconds now);

    // Records that the person spoke of a crisis at `at` (for the next day's check-in).
    Result<void> mark_crisis(std::int64_t person_id, std::chrono::sys_seconds at);

    // The care scheduler's state (empty when none yet).
    Result<CareState> care(std::int64_t person_id);

    // Saves the care scheduler's state.
    Result<void> save_care(std::int64_t person_id, const CareState& care);

private:
    storage::Database& m_db;
};

} // namespace samantha::dialogue
