#pragma once

#include <string>
#include <utility>
#include <vector>

#include <samantha/result.h>

#include "storage/database.h"

// Bearer tokens of the people the server knows (stored as SHA-256 only).
namespace samantha::engine {

class AccessStore {
public:
    explicit AccessStore(storage::Database& db)
        : m_db(db) {}

    // Records `handle`'s token hash (replacing an earlier one). Conflict when the hash is taken.
    Result<void> save(const std::string& handle, const std::string& token_sha256, std::int64_t at);

    // Every (token hash, handle) pair.
    Result<std::vector<std::pair<std::string, std::string>>> all();

    // Removes `handle`'s token.
    Result<void> remove(const std::string& handle);

private:
    storage::Database& m_db;
};

} // namespace samantha::engine
