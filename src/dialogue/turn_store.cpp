#include "dialogue/turn_store.h"

#include <limits>

#include <fmt/format.h>

#include "core/time.h"

namespace samantha::dialogue {

namespace {

std::int64_t seconds(std::chrono::sys_seconds t) {
    return t.time_since_epoch().count();
}

// The stored names of the risk reading (nlu::risk_level_name, risk_kind_name) read back.
nlu::RiskLevel risk_level_from(std::string_view name) {
    for (const auto level : {nlu::RiskLevel::Concern, nlu::RiskLevel::Crisis}) {
        if (name == nlu::risk_level_name(level)) {
            return level;
        }
    }
    return nlu::RiskLevel::None;
}

nlu::RiskKind risk_kind_from(std::string_view name) {
    for (const auto kind : {nlu::RiskKind::Suicide,
                            nlu::RiskKind::SelfHarm,
                            nlu::RiskKind::HarmToOthers,
                            nlu::RiskKind::Abuse}) {
        if (name == nlu::risk_kind_name(kind)) {
            return kind;
        }
    }
    return nlu::RiskKind::None;
}

std::optional<std::chrono::sys_seconds> optional_time(const storage::Row& row, std::size_t column) {
    if (row.is_null(column)) {
        return std::nullopt;
    }
    return std::chrono::sys_seconds{std::chrono::seconds{row.integer(column)}};
}

} // namespace

Result<PersonState>
TurnStore::person(std::string_view handle, std::chrono::sys_seconds now, Create create) {
    const std::string name(handle);
    auto rows =
        m_db.query("SELECT p.id, s.language, s.speech_level, s.first_turn_at, s.last_turn_at, "
                   "s.utc_offset_min, s.turn_count, s.preferred_language, s.proactive, "
                   "s.quiet_start_hour, s.quiet_end_hour FROM people p JOIN person_state s ON "
                   "s.person_id = p.id WHERE p.handle = ?",
                   {name});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty()) {
        if (create == Create::Never) {
            return make_error(ErrorCode::NotFound,
                              fmt::format("person '{}': no such person", name));
        }
        auto inserted =
            m_db.query("INSERT INTO people (handle, created_at) VALUES (?, ?) RETURNING id",
                       {name, seconds(now)});
        if (!inserted) {
            return inserted.error();
        }
        const std::int64_t id = inserted->at(0).integer(0);
        if (auto state = m_db.query("INSERT INTO person_state (person_id) VALUES (?)", {id});
            !state) {
            return state.error();
        }
        PersonState created;
        created.person_id = id;
        created.handle = name;
        return created;
    }
    const auto& row = rows->front();
    PersonState state;
    state.person_id = row.integer(0);
    state.handle = name;
    state.language = row.text(1) == "ko" ? Language::Korean : Language::English;
    state.speech_level = row.text(2) == "casual" ? SpeechLevel::Casual : SpeechLevel::Polite;
    state.first_turn_at = optional_time(row, 3);
    state.last_turn_at = optional_time(row, 4);
    state.utc_offset = std::chrono::minutes{row.integer(5)};
    state.turn_count = row.integer(6);
    if (!row.is_null(7)) {
        state.preferences.language = row.text(7) == "ko" ? Language::Korean : Language::English;
    }
    if (!row.is_null(8)) {
        state.preferences.proactive = row.integer(8) != 0;
    }
    if (!row.is_null(9)) {
        state.preferences.quiet_start_hour = static_cast<int>(row.integer(9));
    }
    if (!row.is_null(10)) {
        state.preferences.quiet_end_hour = static_cast<int>(row.integer(10));
    }
    return state;
}

Result<std::vector<std::string>> TurnStore::recent_replies(std::int64_t person_id, int limit) {
    auto rows = m_db.query("SELECT reply FROM turns WHERE person_id = ? ORDER BY id DESC LIMIT ?",
                           {person_id, std::int64_t{limit}});
    if (!rows) {
        return rows.error();
    }
    std::vector<std::string> replies;
    replies.reserve(rows->size());
    for (const auto& row : *rows) {
        replies.push_back(row.text(0));
    }
    return replies;
}

namespace {

// (message, reply) pairs from rows selected newest first, returned oldest first.
Result<std::vector<std::pair<std::string, std::string>>> exchanges(Result<storage::Rows> rows) {
    if (!rows) {
        return rows.error();
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
        out.emplace_back(it->text(0), it->text(1));
    }
    return out;
}

} // namespace

Result<std::vector<std::pair<std::string, std::string>>>
TurnStore::recent_exchanges(std::int64_t person_id, int limit) {
    return exchanges(m_db.query(
        "SELECT user_text, reply FROM turns WHERE person_id = ? ORDER BY id DESC LIMIT ?",
        {person_id, std::int64_t{limit}}));
}

Result<std::vector<std::pair<std::string, std::string>>>
TurnStore::conversation_exchanges(std::int64_t conversation_id, int limit) {
    return exchanges(m_db.query(
        "SELECT user_text, reply FROM turns WHERE conversation_id = ? ORDER BY id DESC LIMIT ?",
        {conversation_id, std::int64_t{limit}}));
}

Result<std::optional<std::int64_t>> TurnStore::last_turn_id(std::int64_t person_id) {
    auto rows = m_db.query("SELECT MAX(id) FROM turns WHERE person_id = ?", {person_id});
    if (!rows) {
        return rows.error();
    }
    if (rows->empty() || rows->front().is_null(0)) {
        return std::optional<std::int64_t>{};
    }
    return std::optional<std::int64_t>{rows->front().integer(0)};
}

Result<std::int64_t> TurnStore::start_conversation(std::int64_t person_id,
                                                   std::chrono::sys_seconds now) {
    auto rows = m_db.query(
        "INSERT INTO conversations (person_id, started_at, last_turn_at) VALUES (?, ?, ?) "
        "RETURNING id",
        {person_id, seconds(now), seconds(now)});
    if (!rows) {
        return rows.error();
    }
    return rows->at(0).integer(0);
}

Result<std::int64_t> TurnStore::conversation_for(std::int64_t person_id,
                                                 std::int64_t current,
                                                 std::chrono::sys_seconds now) {
    if (current != 0) {
        return current;
    }
    return start_conversation(person_id, now);
}

Result<std::int64_t> TurnStore::add_turn(const TurnRecord& turn) {
    auto rows = m_db.query("INSERT INTO turns (conversation_id, person_id, at, utc_offset_min, "
                           "user_text, reply, language, "
                           "strategy, emotion, valence, arousal, risk_level, risk_kind) VALUES "
                           "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                           {turn.conversation_id,
                            turn.person_id,
                            seconds(turn.at.utc),
                            std::int64_t{turn.at.utc_offset.count()},
                            turn.user_text,
                            turn.reply,
                            std::string(language_code(turn.language)),
                            turn.strategy,
                            std::string(emotion_label_name(turn.emotion.label)),
                            static_cast<double>(turn.emotion.valence),
                            static_cast<double>(turn.emotion.arousal),
                            std::string(nlu::risk_level_name(turn.risk_level)),
                            std::string(nlu::risk_kind_name(turn.risk_kind))});
    if (!rows) {
        return rows.error();
    }
    auto touched = m_db.query("UPDATE conversations SET last_turn_at = ? WHERE id = ?",
                              {seconds(turn.at.utc), turn.conversation_id});
    if (!touched) {
        return touched.error();
    }
    return rows->at(0).integer(0);
}

Result<void> TurnStore::save_state(const PersonState& state) {
    const auto opt = [](const std::optional<std::chrono::sys_seconds>& t) {
        return t ? storage::Value{seconds(*t)} : storage::Value{};
    };
    auto done =
        m_db.query("UPDATE person_state SET language = ?, speech_level = ?, first_turn_at = ?, "
                   "last_turn_at = ?, utc_offset_min = ?, turn_count = ? WHERE person_id = ?",
                   {std::string(language_code(state.language)),
                    std::string(speech_level_name(state.speech_level)),
                    opt(state.first_turn_at),
                    opt(state.last_turn_at),
                    std::int64_t{state.utc_offset.count()},
                    state.turn_count,
                    state.person_id});
    if (!done) {
        return done.error();
    }
    return {};
}

Result<void> TurnStore::save_preferences(std::int64_t person_id, const Preferences& preferences) {
    const auto opt_int = [](const auto& v) {
        return v ? storage::Value{static_cast<std::int64_t>(*v)} : storage::Value{};
    };
    storage::Value language;
    if (preferences.language) {
        language = std::string(language_code(*preferences.language));
    }
    auto done = m_db.query("UPDATE person_state SET preferred_language = ?, proactive = ?, "
                           "quiet_start_hour = ?, quiet_end_hour = ? WHERE person_id = ?",
                           {language,
                            opt_int(preferences.proactive),
                            opt_int(preferences.quiet_start_hour),
                            opt_int(preferences.quiet_end_hour),
                            person_id});
    if (!done) {
        return done.error();
    }
    return {};
}

Result<std::vector<Exchange>> TurnStore::history(std::int64_t person_id,
                                                 std::int64_t conversation_id,
                                                 std::int64_t before,
                                                 int limit) {
    auto rows = m_db.query(
        "SELECT id, conversation_id, at, utc_offset_min, user_text, reply, language, emotion "
        "FROM turns WHERE person_id = ? AND id < ? AND (? = 0 OR conversation_id = ?) "
        "ORDER BY id DESC LIMIT ?",
        {person_id,
         before > 0 ? before : std::numeric_limits<std::int64_t>::max(),
         conversation_id,
         conversation_id,
         std::int64_t{limit}});
    if (!rows) {
        return rows.error();
    }
    std::vector<Exchange> out;
    out.reserve(rows->size());
    for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
        out.push_back(Exchange{
            .id = it->integer(0),
            .conversation_id = it->integer(1),
            .at = Moment{.utc = std::chrono::sys_seconds{std::chrono::seconds{it->integer(2)}},
                         .utc_offset = std::chrono::minutes{it->integer(3)}},
            .text = it->text(4),
            .reply = it->text(5),
            .language = it->text(6) == "ko" ? Language::Korean : Language::English,
            .emotion = it->text(7)});
    }
    return out;
}

Result<std::vector<ConversationInfo>> TurnStore::conversations(std::int64_t person_id, int limit) {
    auto rows = m_db.query(
        "SELECT c.id, c.started_at, c.last_turn_at, (SELECT COUNT(*) FROM turns t WHERE "
        "t.conversation_id = c.id) FROM conversations c WHERE c.person_id = ? ORDER BY c.id DESC "
        "LIMIT ?",
        {person_id, std::int64_t{limit}});
    if (!rows) {
        return rows.error();
    }
    std::vector<ConversationInfo> out;
    out.reserve(rows->size());
    for (const auto& row : *rows) {
        out.push_back(ConversationInfo{
            .id = row.integer(0),
            .started_at = std::chrono::sys_seconds{std::chrono::seconds{row.integer(1)}},
            .last_turn_at = std::chrono::sys_seconds{std::chrono::seconds{row.integer(2)}},
            .turns = row.integer(3)});
    }
    return out;
}

Result<std::string> TurnStore::last_turn_emotion(std::int64_t person_id) {
    auto rows = m_db.query("SELECT emotion FROM turns WHERE person_id = ? AND user_text != '' "
                           "ORDER BY id DESC LIMIT 1",
                           {person_id});
    if (!rows) {
        return rows.error();
    }
    return rows->empty() ? std::string("neutral") : rows->front().text(0);
}

Result<void> TurnStore::erase_person(std::int64_t person_id) {
    if (auto done = m_db.query("DELETE FROM people WHERE id = ?", {person_id}); !done) {
        return done.error();
    }
    return {};
}

Result<CareContext>
TurnStore::care_context(std::int64_t person_id, int limit, std::chrono::sys_seconds now) {
    auto rows = m_db.query("SELECT at, risk_level, risk_kind, strategy, user_text FROM turns "
                           "WHERE person_id = ? ORDER BY id DESC LIMIT ?",
                           {person_id, std::int64_t{limit}});
    if (!rows) {
        return rows.error();
    }
    constexpr auto held_for = std::chrono::hours(12);
    CareContext context;
    for (std::size_t i = 0; i < rows->size(); ++i) {
        const auto& row = (*rows)[i];
        if (i == 0) {
            context.risk.asked_check_in = row.text(3) == "check_in";
        }
        if (row.text(4).empty()) {
            continue; // Samantha spoke first: no message of the person's to read
        }
        nlu::RiskReading reading{.level = risk_level_from(row.text(1)),
                                 .kind = risk_kind_from(row.text(2))};
        const std::chrono::sys_seconds at{std::chrono::seconds(row.integer(0))};
        if (reading.level == nlu::RiskLevel::Crisis && now - at < held_for &&
            !context.crisis_held) {
            context.crisis_held = true;
            context.crisis_kind = reading.kind;
        }
        context.risk.recent.insert(context.risk.recent.begin(), std::move(reading));
    }
    return context;
}

Result<void> TurnStore::mark_crisis(std::int64_t person_id, std::chrono::sys_seconds at) {
    auto done = m_db.query("INSERT INTO care_state (person_id, proactive_count, last_crisis_at) "
                           "VALUES (?, 0, ?) ON CONFLICT (person_id) DO UPDATE SET "
                           "last_crisis_at = excluded.last_crisis_at",
                           {person_id, seconds(at)});
    if (!done) {
        return done.error();
    }
    return {};
}

Result<CareState> TurnStore::care(std::int64_t person_id) {
    auto rows = m_db.query("SELECT proactive_day, proactive_count, last_proactive_at, "
                           "last_crisis_at FROM care_state WHERE person_id = ?",
                           {person_id});
    if (!rows) {
        return rows.error();
    }
    CareState care;
    if (rows->empty()) {
        return care;
    }
    const auto& row = rows->front();
    if (!row.is_null(0)) {
        if (auto day = core::parse_date(row.text(0))) {
            care.proactive_day = *day;
        }
    }
    care.proactive_count = static_cast<int>(row.integer(1));
    care.last_proactive_at = optional_time(row, 2);
    care.last_crisis_at = optional_time(row, 3);
    return care;
}

Result<void> TurnStore::save_care(std::int64_t person_id, const CareState& care) {
    storage::Value day;
    if (care.proactive_day) {
        day = core::format_date(*care.proactive_day);
    }
    storage::Value last;
    if (care.last_proactive_at) {
        last = seconds(*care.last_proactive_at);
    }
    auto done = m_db.query(
        "INSERT INTO care_state (person_id, proactive_day, proactive_count, last_proactive_at) "
        "VALUES (?, ?, ?, ?) ON CONFLICT (person_id) DO UPDATE SET proactive_day = "
        "excluded.proactive_day, "
        "proactive_count = excluded.proactive_count, last_proactive_at = "
        "excluded.last_proactive_at",
        {person_id, day, std::int64_t{care.proactive_count}, last});
    if (!done) {
        return done.error();
    }
    return {};
}

} // namespace samantha::dialogue
