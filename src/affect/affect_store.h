#pragma once

#include <cstdint>

#include <samantha/result.h>

#include "affect/companion.h"
#include "storage/database.h"

namespace samantha::affect {

// Samantha's affect per person in the database (table affect_state).
class AffectStore {
public:
    explicit AffectStore(storage::Database& db)
        : m_db(db) {}

    // The stored state; an uninitialised state when there is none yet.
    Result<AffectState> load(std::int64_t person_id);

    // Saves the state (inside the caller's transaction).
    Result<void> save(std::int64_t person_id, const AffectState& state);

private:
    storage::Database& m_db;
};

} // namespace samantha::affect
