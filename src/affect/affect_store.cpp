#include "affect/affect_store.h"

namespace samantha::affect {

Result<AffectState> AffectStore::load(std::int64_t person_id) {
    auto rows = m_db.query("SELECT pleasure, arousal, dominance, emotions, updated_at FROM "
                           "affect_state WHERE person_id = ?",
                           {person_id});
    if (!rows) {
        return rows.error();
    }
    AffectState state;
    if (rows->empty()) {
        return state;
    }
    const auto& row = rows->front();
    state.mood = Pad{.pleasure = static_cast<float>(row.real(0)),
                     .arousal = static_cast<float>(row.real(1)),
                     .dominance = static_cast<float>(row.real(2))};
    state.emotions = decode_emotions(row.text(3));
    state.updated_at = std::chrono::sys_seconds{std::chrono::seconds{row.integer(4)}};
    state.initialised = true;
    return state;
}

Result<void> AffectStore::save(std::int64_t person_id, const AffectState& state) {
    auto done = m_db.query("INSERT INTO affect_state (person_id, pleasure, arousal, dominance, "
                           "emotions, updated_at) VALUES (?, ?, ?, ?, ?, ?) "
                           "ON CONFLICT (person_id) DO UPDATE SET pleasure = excluded.pleasure, "
                           "arousal = excluded.arousal, "
                           "dominance = excluded.dominance, emotions = excluded.emotions, "
                           "updated_at = excluded.updated_at",
                           {person_id,
                            static_cast<double>(state.mood.pleasure),
                            static_cast<double>(state.mood.arousal),
                            static_cast<double>(state.mood.dominance),
                            encode_emotions(state.emotions),
                            std::int64_t{state.updated_at.time_since_epoch().count()}});
    if (!done) {
        return done.error();
    }
    return {};
}

} // namespace samantha::affect
