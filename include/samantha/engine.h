#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <samantha/clock.h>
#include <samantha/config.h>
#include <samantha/language_model.h>
#include <samantha/log.h>
#include <samantha/result.h>
#include <samantha/speech.h>
#include <samantha/types.h>

namespace samantha {

// One message from the person. Empty text means time passed with the person present.
struct TurnInput {
    std::string text;
    // The moment of the message; when absent, the conversation's clock gives it.
    std::optional<Moment> at;
    // Receives the reply as it is written, on the calling thread (optional).
    TextSink on_text;
    // Receives the reply as speech, chunk by chunk as each sentence is written, on the calling
    // thread (optional; needs Config::voice.enabled). Chunks carry audio, visemes and expression.
    SpeechSink on_speech;
};

// Samantha's own feelings after a turn (docs/affect.md).
struct CompanionState {
    std::string emotion = "none"; // the strongest active emotion ("happy_for", "concern", …)
    float intensity = 0.0f;       // [0, 1]
    float pleasure = 0.0f;        // the mood, each in [-1, 1]
    float arousal = 0.0f;
    float dominance = 0.0f;
};

// The relationship after a turn (docs/relationship.md).
struct RelationshipState {
    std::string stage = "initiating";
    float closeness = 0.0f;
    float trust = 0.0f;
    float familiarity = 0.0f;
    std::string role = "friend";
    SpeechLevel speech_level = SpeechLevel::Polite;
    int days_together = 0;
    double minutes = 0.0;
    bool rupture = false;
};

// What Samantha did with a message.
struct TurnOutput {
    std::string reply; // may be empty (time passing)
    Language language = Language::English;
    UserEmotion user_emotion;
    std::vector<RecalledMemory> recalled;
    std::vector<Memory> remembered; // facts and events learned this turn
    std::vector<Memory> forgotten;  // memories erased at the person's request
    std::string strategy;           // e.g. "acknowledge_fact"
    std::string intent;             // e.g. "greeting"
    std::string brain = "builtin";  // which brain wrote the reply: "builtin", "openai", "llama"
    std::string brain_error;        // why the configured LLM brain did not answer, when it failed
    int brain_prompt_tokens = 0;    // prompt tokens the LLM evaluated (embedded: only new ones)
    double brain_prompt_ms = 0.0;   // how long the LLM took to read the prompt
    double brain_ms = 0.0;          // how long the LLM took to write the reply
    std::string voice_error;        // why the reply was not (all) spoken, when the voice failed
    SpeechLevel speech_level = SpeechLevel::Polite;
    Moment at;
    bool proactive = false; // Samantha spoke first (the message was empty: time passing)
    CompanionState companion;
    RelationshipState relationship;
    // The message's risk reading (docs/care.md): level "none", "concern" or "crisis"; kind
    // "none", "suicide", "self_harm", "harm_to_others" or "abuse".
    std::string risk_level = "none";
    std::string risk_kind = "none";
};

// What Samantha knows of her relationship with a person, for /state and the ledger.
struct PersonSummary {
    std::string user;
    std::string name; // the person's name, when known
    Language language = Language::English;
    SpeechLevel speech_level = SpeechLevel::Polite;
    std::int64_t turn_count = 0;
    std::int64_t memory_count = 0;
    std::optional<std::chrono::sys_seconds> first_turn_at;
    std::optional<std::chrono::sys_seconds> last_turn_at;
    CompanionState companion;       // as of now (decayed)
    RelationshipState relationship; // as of now (cooled)
};

// A person's settings (docs/protocol.md, "Settings"). Each starts as the server's default.
struct PersonSettings {
    // The language Samantha assumes when a message shows none (emoji, numbers) and speaks first
    // in; empty is "auto", the language of the person's last message. A message in a language is
    // always answered in it.
    std::optional<Language> language;
    std::string role = "friend";                     // friend, family or partner
    bool proactive = true;                           // whether Samantha may speak first
    int quiet_start_hour = default_quiet_start_hour; // no proactive messages from this hour …
    int quiet_end_hour = default_quiet_end_hour;     // … until this one (may wrap midnight)
};

// A change of settings: what is set changes, the rest stays. `language` holding an empty optional
// returns it to "auto".
struct SettingsChange {
    std::optional<std::optional<Language>> language;
    std::optional<std::string> role;
    std::optional<bool> proactive;
    std::optional<int> quiet_start_hour;
    std::optional<int> quiet_end_hour;
};

// A correction of one memory: its words (a fact's value, an event's title, an episode's text)
// and, for an event, its date.
struct MemoryCorrection {
    std::optional<std::string> text;
    std::optional<CivilDate> date;
};

// Who Samantha is, for the persona route (the persona file, docs/persona.md).
struct PersonaInfo {
    std::string id;
    std::string role;
    std::string name_en;
    std::string name_ko;
    std::string about_en;
    std::string about_ko;
    std::vector<std::string> traits_en;
    std::vector<std::string> traits_ko;
    std::vector<std::string> likes_en;
    std::vector<std::string> likes_ko;
};

class Engine;

// A person created for the server, with the token that proves who they are (shown once).
struct PersonAccess {
    std::string id;
    std::string token;
};

// A conversation with one person. Handles one turn at a time; not thread-safe. Must not outlive
// the Engine that made it.
class Conversation {
public:
    ~Conversation();
    Conversation(const Conversation&) = delete;
    Conversation& operator=(const Conversation&) = delete;

    // Runs one turn. Errors, with nothing stored:
    //  - InvalidArgument: the text is not valid UTF-8 or holds control characters (the message
    //    gives the byte offset);
    //  - TooLarge: the text exceeds Config::limits.max_text_bytes;
    //  - Conflict: `at` is earlier than the person's last turn (time must not go backwards);
    //  - Storage / Io: the database failed.
    Result<TurnOutput> turn(const TurnInput& input);

    // The person's summary.
    Result<PersonSummary> summary();

    // The person's ledger; with history, superseded facts too.
    Result<std::vector<Memory>> memories(bool include_history);

    // Erases one memory (and what it implies, see docs/memory.md). NotFound when the person has
    // no memory with that id.
    Result<std::vector<Memory>> forget(std::int64_t memory_id);

    // Corrects one current memory in place: a fact's value (its ledger text follows), an event's
    // title and date, an episode's words; the search index follows. The mistaken version is not
    // kept (a fact that changed is told in conversation, and keeps its history). NotFound for an
    // unknown id; Conflict for a superseded fact; InvalidArgument for empty, oversized or
    // malformed text, or a date on anything but an event.
    Result<Memory> correct(std::int64_t memory_id, const MemoryCorrection& correction);

    // The person's current memories that best match `query`, best first, at most `limit`
    // (1–100), each with its score: the ranking the chat's recall uses (docs/memory.md,
    // "Retrieval"), at the conversation's clock. Reads only (nothing counts as recalled).
    // InvalidArgument for a query with no words, invalid text or a limit outside 1–100;
    // TooLarge for a query over Config::limits.max_text_bytes.
    Result<std::vector<RecalledMemory>> search_memories(std::string_view query, int limit);

    // The person's settings, the server's defaults filled in.
    Result<PersonSettings> settings();

    // Changes settings in one transaction. InvalidArgument (naming the field) for an hour outside
    // 0–23 or a role that is not friend, family or partner; Conflict for a role when the server
    // fixes it (--role).
    Result<PersonSettings> change_settings(const SettingsChange& change);

    // Logged exchanges with ids below `before` (0: the newest), at most `limit`, oldest first;
    // only one conversation's when `conversation_id` is non-zero.
    Result<std::vector<Exchange>>
    history(std::int64_t conversation_id, std::int64_t before, int limit);

    // The person's conversations, newest first, at most `limit`.
    Result<std::vector<ConversationInfo>> conversations(int limit);

    // The time the next message without `at` will carry.
    Moment now() const;

private:
    friend class Engine;
    struct State;
    explicit Conversation(std::unique_ptr<State> state);
    std::unique_ptr<State> m_state;
};

// The public facade: opens the store, loads the persona and builds conversations. Not
// thread-safe in v0 (one writer); the server in #6 gives each worker its own Engine connection.
class Engine {
public:
    // Opens the data directory (created if missing), migrates the database and loads the persona.
    // `clock` gives the time of messages without `at`; `fixed_now` (the CLI's --now) starts the
    // conversation clock at a fixed moment instead, which later `at` values move forward.
    // Errors: Io (the directory or database cannot be opened), InvalidArgument (a bad persona),
    // Conflict (a database from a newer Samantha).
    static Result<std::unique_ptr<Engine>>
    open(const Config& config, std::shared_ptr<const Clock> clock, Logger log);

    ~Engine();
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;

    // A conversation with `user` (created on first use). `fixed_now` pins the clock (--now).
    Result<std::unique_ptr<Conversation>>
    conversation(const std::string& user, std::optional<Moment> fixed_now = std::nullopt);

    // The ledger of `user` without starting a conversation. NotFound for an unknown user.
    Result<std::vector<Memory>> memories(const std::string& user, bool include_history);

    // Conversation::search_memories for `user` without starting a conversation, at the
    // engine's clock. NotFound for an unknown user.
    Result<std::vector<RecalledMemory>>
    search_memories(const std::string& user, std::string_view query, int limit);

    // Erases one memory of `user`. NotFound for an unknown user or memory.
    Result<std::vector<Memory>> forget(const std::string& user, std::int64_t memory_id);

    // Erases everything about `user`: the person, their messages and Samantha's replies, their
    // memories and search terms, Samantha's feelings about them, the relationship, the care
    // state and their bearer token. Close any Conversation with them first. NotFound for an
    // unknown user.
    Result<void> erase_person(const std::string& user);

    // Who Samantha is.
    PersonaInfo persona() const;

    // The database file in use.
    std::string database_path() const;

    // The persona's name in `language`.
    std::string persona_name(Language language) const;

    // Creates a person for the server: a fresh random id and a random 256-bit bearer token, of
    // which only the SHA-256 is stored. The token is in the result and nowhere else.
    Result<PersonAccess> create_person();

    // A fresh bearer token for `user` (created if new), replacing any earlier one: for a local
    // person on one's own machine (samantha serve --local-user). Only its SHA-256 is stored.
    Result<PersonAccess> issue_token(const std::string& user);

    // Every known (token SHA-256 in hex, person id) pair, for the server's in-memory lookup.
    Result<std::vector<std::pair<std::string, std::string>>> access_tokens();

    // The SHA-256 (lower-case hex) of a bearer token, as access_tokens() lists it.
    static std::string token_digest(std::string_view token);

    // Which brain answers, in words ("builtin composer (no model needed)", "openai: model at URL").
    std::string brain_description() const;

private:
    friend class Conversation;
    struct Impl;
    explicit Engine(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace samantha
