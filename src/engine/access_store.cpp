#include "engine/access_store.h"

namespace samantha::engine {

Result<void>
AccessStore::save(const std::string& handle, const std::string& token_sha256, std::int64_t at) {
    auto saved =
        m_db.query("INSERT INTO access_tokens (handle, token_sha256, created_at) "
                   "VALUES (?, ?, ?) ON CONFLICT(handle) DO UPDATE SET "
                   "token_sha256 = excluded.token_sha256, created_at = excluded.created_at",
                   {handle, token_sha256, at});
    if (!saved) {
        return saved.error();
    }
    return {};
}

Result<std::vector<std::pair<std::string, std::string>>> AccessStore::all() {
    auto rows = m_db.query("SELECT token_sha256, handle FROM access_tokens");
    if (!rows) {
        return rows.error();
    }
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& row : *rows) {
        out.emplace_back(row.text(0), row.text(1));
    }
    return out;
}

Result<void> AccessStore::remove(const std::string& handle) {
    auto removed = m_db.query("DELETE FROM access_tokens WHERE handle = ?", {handle});
    if (!removed) {
        return removed.error();
    }
    return {};
}

} // namespace samantha::engine
