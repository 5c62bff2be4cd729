#include <filesystem>
#include <system_error>

#include <fmt/format.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <samantha/engine.h>

#include "core/text.h"
#include "core/time.h"
#include "core/utf8.h"
#include "dialogue/pipeline.h"
#include "dialogue/turn_store.h"
#include "engine/access_store.h"
#include "memory/memory_store.h"
#include "memory/search.h"
#include "persona/persona.h"
#include "relationship/relationship.h"
#include "relationship/relationship_store.h"
#include "storage/database.h"

namespace samantha {

struct Engine::Impl {
    Config config;
    std::shared_ptr<const Clock> clock;
    Logger log;
    std::unique_ptr<storage::Database> db;
    std::unique_ptr<storage::WalCheckpointer> checkpointer; // declared after db: stops first
    std::string db_path;
    dialogue::Resources resources;
    std::string brain_description;
};

struct Conversation::State {
    Engine::Impl* engine = nullptr;
    dialogue::PersonState person;
    std::int64_t conversation_id = 0;
    std::optional<Moment> fixed_now; // --now, advanced by each `at`
};

namespace {

// `text` (named `field` in errors) is valid UTF-8 without control characters, within `most` bytes.
Result<void> validate_text(std::string_view text, std::size_t most, std::string_view field) {
    if (text.size() > most) {
        return make_error(
            ErrorCode::TooLarge,
            fmt::format("{}: {} bytes is over the limit of {} bytes", field, text.size(), most));
    }
    if (auto bad = core::find_invalid_utf8(text)) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("{}: {} at byte {}", field, bad->reason, bad->offset));
    }
    if (auto bad = core::find_control_character(text)) {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format(
                "{}: {} at byte {} is not allowed in text", field, bad->reason, bad->offset));
    }
    return {};
}

// Erases one memory in its own transaction.
Result<std::vector<Memory>>
forget_one(storage::Database& db, std::int64_t person_id, std::int64_t memory_id) {
    memory::MemoryStore store(db);
    if (auto found = store.find(person_id, memory_id); !found) {
        return found.error();
    }
    auto tx = storage::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto erased = store.forget(person_id, {memory_id});
    if (!erased) {
        return erased.error();
    }
    if (auto done = tx->commit(); !done) {
        return done.error();
    }
    return erased;
}

// The person's memories for a search query (Conversation::search_memories).
Result<std::vector<RecalledMemory>> search_person_memories(storage::Database& db,
                                                           std::int64_t person_id,
                                                           std::string_view query,
                                                           int limit,
                                                           std::size_t max_text_bytes,
                                                           Moment now) {
    if (auto valid = validate_text(query, max_text_bytes, "q"); !valid) {
        return valid.error();
    }
    if (core::trim(query).empty()) {
        return make_error(ErrorCode::InvalidArgument, "q: a search needs words");
    }
    constexpr int most_results = 100;
    if (limit < 1 || limit > most_results) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("limit: {} is not within 1-{}", limit, most_results));
    }
    memory::MemoryStore store(db);
    auto facts = store.current_facts(person_id);
    if (!facts) {
        return facts.error();
    }
    return memory::find_memories(store,
                                 person_id,
                                 query,
                                 now,
                                 0.0f,
                                 *facts,
                                 memory::RetrievalWeights{},
                                 static_cast<std::size_t>(limit));
}

} // namespace

Conversation::Conversation(std::unique_ptr<State> state)
    : m_state(std::move(state)) {}

Conversation::~Conversation() = default;

Moment Conversation::now() const {
    if (m_state->fixed_now) {
        return *m_state->fixed_now;
    }
    return m_state->engine->clock->now();
}

Result<TurnOutput> Conversation::turn(const TurnInput& input) {
    if (auto valid =
            validate_text(input.text, m_state->engine->config.limits.max_text_bytes, "message");
        !valid) {
        return valid.error();
    }
    Moment at = input.at ? *input.at : now();
    const auto& last = m_state->person.last_turn_at;
    if (last && at.utc < *last) {
        if (input.at || m_state->fixed_now) {
            return make_error(
                ErrorCode::Conflict,
                fmt::format(
                    "at: {} is before the last turn at {}; time must not go backwards",
                    core::format_iso8601(at),
                    core::format_iso8601(Moment{.utc = *last, .utc_offset = at.utc_offset})));
        }
        at.utc = *last; // the wall clock stepped back (NTP); keep the log in order
    }
    if (input.at && m_state->fixed_now && at.utc < m_state->fixed_now->utc) {
        return make_error(
            ErrorCode::Conflict,
            fmt::format("at: {} is before the conversation's clock {}; time must not go backwards",
                        core::format_iso8601(at),
                        core::format_iso8601(*m_state->fixed_now)));
    }
    dialogue::TurnPipeline pipeline(
        *m_state->engine->db, m_state->engine->resources, m_state->engine->log);
    auto outcome = pipeline.run(
        m_state->person, m_state->conversation_id, input.text, at, input.on_text, input.on_speech);
    if (!outcome) {
        return outcome.error();
    }
    if (input.at || m_state->fixed_now) {
        m_state->fixed_now = at; // a line without `at` keeps the last one
    }
    return outcome;
}

Result<PersonSummary> Conversation::summary() {
    memory::MemoryStore store(*m_state->engine->db);
    PersonSummary s;
    const auto& person = m_state->person;
    s.user = person.handle;
    s.language = person.language;
    s.speech_level = person.speech_level;
    s.turn_count = person.turn_count;
    s.first_turn_at = person.first_turn_at;
    dialogue::TurnPipeline pipeline(
        *m_state->engine->db, m_state->engine->resources, m_state->engine->log);
    auto inner = pipeline.inner_life(person.person_id, now());
    if (!inner) {
        return inner.error();
    }
    s.companion = inner->first;
    s.relationship = inner->second;
    s.speech_level = inner->second.speech_level;
    s.last_turn_at = person.last_turn_at;
    auto count = store.count(person.person_id);
    if (!count) {
        return count.error();
    }
    s.memory_count = *count;
    auto facts = store.current_facts(person.person_id);
    if (!facts) {
        return facts.error();
    }
    for (const auto& f : *facts) {
        if (f.slot == "name") {
            s.name = f.value;
        }
    }
    return s;
}

Result<std::vector<Memory>> Conversation::memories(bool include_history) {
    memory::MemoryStore store(*m_state->engine->db);
    return store.list(m_state->person.person_id,
                      include_history ? memory::History::Included : memory::History::CurrentOnly);
}

Result<std::vector<RecalledMemory>> Conversation::search_memories(std::string_view query,
                                                                  int limit) {
    return search_person_memories(*m_state->engine->db,
                                  m_state->person.person_id,
                                  query,
                                  limit,
                                  m_state->engine->config.limits.max_text_bytes,
                                  now());
}

Result<std::vector<Memory>> Conversation::forget(std::int64_t memory_id) {
    return forget_one(*m_state->engine->db, m_state->person.person_id, memory_id);
}

Result<Memory> Conversation::correct(std::int64_t memory_id, const MemoryCorrection& correction) {
    if (!correction.text && !correction.date) {
        return make_error(ErrorCode::InvalidArgument, "correction: give \"text\" or \"date\"");
    }
    std::optional<std::string> words;
    if (correction.text) {
        words = std::string(core::trim(*correction.text));
        if (words->empty()) {
            return make_error(ErrorCode::InvalidArgument,
                              "text: a correction needs words; to erase a memory, forget it");
        }
        constexpr std::size_t most_memory_bytes = 1000;
        if (auto valid = validate_text(*words, most_memory_bytes, "text"); !valid) {
            return valid.error();
        }
    }
    storage::Database& db = *m_state->engine->db;
    auto tx = storage::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    auto corrected = memory::MemoryStore(db).correct(
        m_state->person.person_id, memory_id, words, correction.date);
    if (!corrected) {
        return corrected.error();
    }
    if (auto done = tx->commit(); !done) {
        return done.error();
    }
    return corrected;
}

Result<PersonSettings> Conversation::settings() {
    const Engine::Impl& engine = *m_state->engine;
    const dialogue::Preferences& chosen = m_state->person.preferences;
    auto bond = relationship::RelationshipStore(*engine.db)
                    .load(m_state->person.person_id, engine.resources.default_role);
    if (!bond) {
        return bond.error();
    }
    return dialogue::effective_settings(chosen,
                                        engine.resources.care,
                                        engine.resources.role_forced ? engine.resources.default_role
                                                                     : bond->role);
}

Result<PersonSettings> Conversation::change_settings(const SettingsChange& change) {
    const Engine::Impl& engine = *m_state->engine;
    for (const auto& [field, hour] : {std::pair{"quiet_start_hour", change.quiet_start_hour},
                                      std::pair{"quiet_end_hour", change.quiet_end_hour}}) {
        if (hour && (*hour < 0 || *hour > 23)) {
            return make_error(ErrorCode::InvalidArgument,
                              fmt::format("{}: {} is not an hour from 0 to 23", field, *hour));
        }
    }
    relationship::Role role = relationship::Role::Friend;
    if (change.role) {
        if (!relationship::parse_role(*change.role, role)) {
            return make_error(ErrorCode::InvalidArgument,
                              fmt::format("role: '{}' is not one of friend, family, partner",
                                          core::truncate_utf8(*change.role, 40)));
        }
        if (engine.resources.role_forced && role != engine.resources.default_role) {
            return make_error(ErrorCode::Conflict,
                              fmt::format("role: this server keeps every relationship as {} "
                                          "(--role)",
                                          relationship::role_name(engine.resources.default_role)));
        }
    }
    dialogue::Preferences next = m_state->person.preferences;
    if (change.language) {
        next.language = *change.language;
    }
    if (change.proactive) {
        next.proactive = change.proactive;
    }
    if (change.quiet_start_hour) {
        next.quiet_start_hour = change.quiet_start_hour;
    }
    if (change.quiet_end_hour) {
        next.quiet_end_hour = change.quiet_end_hour;
    }
    storage::Database& db = *engine.db;
    auto tx = storage::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    const std::int64_t person_id = m_state->person.person_id;
    if (auto saved = dialogue::TurnStore(db).save_preferences(person_id, next); !saved) {
        return saved.error();
    }
    if (change.role && !engine.resources.role_forced) {
        relationship::RelationshipStore bonds(db);
        auto bond = bonds.load(person_id, engine.resources.default_role);
        if (!bond) {
            return bond.error();
        }
        relationship::change_role(*bond, role);
        if (auto saved = bonds.save(person_id, *bond); !saved) {
            return saved.error();
        }
    }
    if (auto done = tx->commit(); !done) {
        return done.error();
    }
    m_state->person.preferences = next;
    return settings();
}

Result<std::vector<Exchange>>
Conversation::history(std::int64_t conversation_id, std::int64_t before, int limit) {
    return dialogue::TurnStore(*m_state->engine->db)
        .history(m_state->person.person_id, conversation_id, before, limit);
}

Result<std::vector<ConversationInfo>> Conversation::conversations(int limit) {
    return dialogue::TurnStore(*m_state->engine->db)
        .conversations(m_state->person.person_id, limit);
}

Engine::Engine(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl)) {}

Engine::~Engine() = default;

Result<std::unique_ptr<Engine>>
Engine::open(const Config& config, std::shared_ptr<const Clock> clock, Logger log) {
    auto impl = std::make_unique<Impl>();
    impl->config = config;
    impl->clock = std::move(clock);
    impl->log = std::move(log);
    const std::filesystem::path dir =
        config.data_dir.empty() ? default_data_dir() : config.data_dir;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        return make_error(
            ErrorCode::Io,
            fmt::format("data directory '{}': cannot create it: {}", dir.string(), ec.message()));
    }
    std::shared_ptr<const persona::Persona> persona = persona::builtin_persona();
    if (!config.persona_file.empty()) {
        auto loaded = persona::load_persona(config.persona_file);
        if (!loaded) {
            return loaded.error();
        }
        persona = std::make_shared<const persona::Persona>(std::move(*loaded));
    }
    relationship::Role role = relationship::Role::Friend;
    const std::string role_name = config.role.empty() ? persona->role : config.role;
    if (!relationship::parse_role(role_name, role)) {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("role: '{}' is not one of friend, family, partner", role_name));
    }
    impl->resources = dialogue::builtin_resources(std::move(persona));
    impl->resources.default_role = role;
    impl->resources.role_forced = !config.role.empty();
    impl->resources.model_perception = config.llm.perception;
    impl->brain_description = "builtin composer (no model needed)";
    if (config.llm.brain == "openai") {
        if (config.llm.url.empty()) {
            return make_error(ErrorCode::InvalidArgument,
                              "--brain openai needs --llm-url (or SAMANTHA_LLM_URL)");
        }
        auto model =
            make_openai_language_model(OpenAiConfig{.url = config.llm.url,
                                                    .model = config.llm.model,
                                                    .api_key = config.llm.api_key,
                                                    .request_timeout_ms = config.llm.timeout_ms});
        if (!model) {
            return model.error();
        }
        impl->resources.brain = std::shared_ptr<LanguageModel>(std::move(*model));
        impl->brain_description =
            fmt::format("openai-compatible server {} (model {}), with the builtin composer as "
                        "fallback",
                        config.llm.url,
                        config.llm.model.empty() ? "default" : config.llm.model);
    } else if (config.llm.brain == "llama") {
        if (config.llm.model_path.empty()) {
            impl->brain_description = "builtin composer (no model given: --model FILE.gguf)";
        } else {
            auto model = make_llama_language_model(
                LlamaConfig{.model_path = config.llm.model_path, .threads = config.llm.threads});
            if (!model) {
                if (model.error().code != ErrorCode::Unsupported) {
                    return model.error();
                }
                // Built without llama.cpp: say so and keep talking.
                impl->brain_description = "builtin composer (" + model.error().message + ")";
            } else {
                impl->resources.brain = std::shared_ptr<LanguageModel>(std::move(*model));
                impl->brain_description =
                    fmt::format("llama.cpp on {}, with the builtin composer as fallback",
                                config.llm.model_path);
            }
        }
    } else if (config.llm.brain != "builtin") {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("--brain: '{}' is not one of builtin, openai, llama", config.llm.brain));
    }
    if (config.voice.enabled) {
        auto voice = config.voice.tts_url.empty()
                         ? make_espeak_synthesizer()
                         : make_http_synthesizer(HttpSpeechConfig{
                               .url = config.voice.tts_url,
                               .model = config.voice.tts_model,
                               .voice = config.voice.tts_voice,
                               .natural_rate_wpm = impl->resources.persona->voice.rate_wpm});
        if (!voice) {
            return voice.error();
        }
        impl->resources.voice = std::shared_ptr<SpeechSynthesizer>(std::move(*voice));
        impl->resources.voice_humanised = config.voice.humanised;
        impl->resources.voice_sample_rate_hz = config.voice.sample_rate_hz;
    }
    impl->resources.care = config.care;
    impl->db_path = (dir / "samantha.db").string();
    auto db = storage::open_sqlite(impl->db_path, storage::SqliteOptions{.key = config.db_key});
    if (!db) {
        return db.error();
    }
    impl->db = std::move(*db);
    if (auto migrated = storage::migrate(*impl->db); !migrated) {
        return migrated.error();
    }
    if (auto indexed = memory::MemoryStore(*impl->db).ensure_index(); !indexed) {
        return indexed.error();
    }
    auto checkpointer = storage::start_wal_checkpointer(
        impl->db_path, std::chrono::milliseconds(200), config.db_key);
    if (!checkpointer) {
        return checkpointer.error();
    }
    impl->checkpointer = std::move(*checkpointer);
    return std::unique_ptr<Engine>(new Engine(std::move(impl)));
}

Result<std::unique_ptr<Conversation>> Engine::conversation(const std::string& user,
                                                           std::optional<Moment> fixed_now) {
    if (user.empty() || user.size() > 128 || core::find_invalid_utf8(user) ||
        core::find_control_character(user)) {
        return make_error(ErrorCode::InvalidArgument,
                          "user: a name of 1 to 128 bytes of text is required");
    }
    const Moment start = fixed_now ? *fixed_now : m_impl->clock->now();
    auto tx = storage::Transaction::begin(*m_impl->db);
    if (!tx) {
        return tx.error();
    }
    dialogue::TurnStore turns(*m_impl->db);
    auto person = turns.person(user, start.utc, dialogue::Create::IfMissing);
    if (!person) {
        return person.error();
    }
    if (auto done = tx->commit(); !done) {
        return done.error();
    }
    auto state = std::make_unique<Conversation::State>();
    state->engine = m_impl.get();
    state->person = std::move(*person);
    state->fixed_now = fixed_now;
    return std::unique_ptr<Conversation>(new Conversation(std::move(state)));
}

namespace {

Result<dialogue::PersonState> existing_person(storage::Database& db, const std::string& user) {
    dialogue::TurnStore turns(db);
    return turns.person(user, std::chrono::sys_seconds{}, dialogue::Create::Never);
}

} // namespace

Result<std::vector<RecalledMemory>>
Engine::search_memories(const std::string& user, std::string_view query, int limit) {
    auto person = existing_person(*m_impl->db, user);
    if (!person) {
        return person.error();
    }
    return search_person_memories(*m_impl->db,
                                  person->person_id,
                                  query,
                                  limit,
                                  m_impl->config.limits.max_text_bytes,
                                  m_impl->clock->now());
}

Result<std::vector<Memory>> Engine::memories(const std::string& user, bool include_history) {
    auto person = existing_person(*m_impl->db, user);
    if (!person) {
        return person.error();
    }
    memory::MemoryStore store(*m_impl->db);
    return store.list(person->person_id,
                      include_history ? memory::History::Included : memory::History::CurrentOnly);
}

Result<std::vector<Memory>> Engine::forget(const std::string& user, std::int64_t memory_id) {
    auto person = existing_person(*m_impl->db, user);
    if (!person) {
        return person.error();
    }
    return forget_one(*m_impl->db, person->person_id, memory_id);
}

Result<void> Engine::erase_person(const std::string& user) {
    auto person = existing_person(*m_impl->db, user);
    if (!person) {
        return person.error();
    }
    storage::Database& db = *m_impl->db;
    auto tx = storage::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    if (auto erased = memory::MemoryStore(db).erase_all(person->person_id); !erased) {
        return erased.error();
    }
    if (auto erased = dialogue::TurnStore(db).erase_person(person->person_id); !erased) {
        return erased.error();
    }
    if (auto removed = engine::AccessStore(db).remove(user); !removed) {
        return removed.error();
    }
    if (auto done = tx->commit(); !done) {
        return done.error();
    }
    m_impl->log.info("erased person {} at their request", user);
    return {};
}

PersonaInfo Engine::persona() const {
    const persona::Persona& p = *m_impl->resources.persona;
    return PersonaInfo{.id = p.id,
                       .role = p.role,
                       .name_en = p.name.en,
                       .name_ko = p.name.ko,
                       .about_en = p.about.en,
                       .about_ko = p.about.ko,
                       .traits_en = p.traits_en,
                       .traits_ko = p.traits_ko,
                       .likes_en = p.likes_en,
                       .likes_ko = p.likes_ko};
}

std::string Engine::token_digest(std::string_view token) {
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(reinterpret_cast<const unsigned char*>(token.data()), token.size(), digest);
    std::string hex;
    for (const unsigned char b : digest) {
        hex += fmt::format("{:02x}", b);
    }
    return hex;
}

namespace {

// `count` random bytes as lower-case hex, or empty when the system has no randomness.
std::string random_hex(std::size_t count) {
    std::vector<unsigned char> bytes(count);
    if (RAND_bytes(bytes.data(), static_cast<int>(count)) != 1) {
        return {};
    }
    std::string hex;
    for (const unsigned char b : bytes) {
        hex += fmt::format("{:02x}", b);
    }
    return hex;
}

} // namespace

Result<PersonAccess> Engine::create_person() {
    const std::string id = random_hex(8);
    if (id.empty()) {
        return make_error(ErrorCode::Internal, "people: the system has no randomness to give");
    }
    return issue_token("p_" + id);
}

Result<PersonAccess> Engine::issue_token(const std::string& user) {
    PersonAccess access{.id = user, .token = random_hex(32)};
    if (access.token.empty()) {
        return make_error(ErrorCode::Internal, "people: the system has no randomness to give");
    }
    auto conversation = this->conversation(access.id);
    if (!conversation) {
        return conversation.error();
    }
    const auto now = m_impl->clock->now().utc.time_since_epoch().count();
    if (auto saved =
            engine::AccessStore(*m_impl->db).save(access.id, token_digest(access.token), now);
        !saved) {
        return saved.error();
    }
    return access;
}

Result<std::vector<std::pair<std::string, std::string>>> Engine::access_tokens() {
    return engine::AccessStore(*m_impl->db).all();
}

std::string Engine::database_path() const {
    return m_impl->db_path;
}

std::string Engine::brain_description() const {
    return m_impl->brain_description;
}

std::string Engine::persona_name(Language language) const {
    return m_impl->resources.persona->name.get(language, SpeechLevel::Polite);
}

} // namespace samantha
