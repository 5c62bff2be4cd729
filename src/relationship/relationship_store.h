#pragma once

#include <cstdint>

#include <samantha/result.h>

#include "relationship/relationship.h"
#include "storage/database.h"

namespace samantha::relationship {

// The relationship per person in the database (table relationship_state).
class RelationshipStore {
public:
    explicit RelationshipStore(storage::Database& db)
        : m_db(db) {}

    // The stored relationship, or a new one in `role` when there is none yet.
    Result<Relationship> load(std::int64_t person_id, Role role);

    // Saves it (inside the caller's transaction).
    Result<void> save(std::int64_t person_id, const Relationship& state);

private:
    storage::Database& m_db;
};

} // namespace samantha::relationship
