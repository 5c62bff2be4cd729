#include <chrono>
#include <span>

#include <fmt/format.h>

#include "storage/database.h"
#include "storage/migrations.h"

namespace samantha::storage {

namespace {

struct Migration {
    int version;
    std::string_view (*sql)();
};

std::span<const Migration> sqlite_migrations() {
    static constexpr Migration list[] = {{1, &migrations::sqlite_001_initial},
                                         {2, &migrations::sqlite_002_inner_life},
                                         {3, &migrations::sqlite_003_access},
                                         {4, &migrations::sqlite_004_settings},
                                         {5, &migrations::sqlite_005_care},
                                         {6, &migrations::sqlite_006_memory_windows}};
    return list;
}

} // namespace

int latest_schema_version() {
    return static_cast<int>(sqlite_migrations().size());
}

Result<int> schema_version(Database& db) {
    auto created = db.query("CREATE TABLE IF NOT EXISTS schema_migrations ("
                            "version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)");
    if (!created) {
        return created.error();
    }
    auto rows = db.query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
    if (!rows) {
        return rows.error();
    }
    return static_cast<int>(rows->at(0).integer(0));
}

Result<void> migrate(Database& db) {
    if (db.dialect() != Dialect::Sqlite) {
        return make_error(ErrorCode::Unsupported,
                          "storage: migrations exist only for SQLite so far");
    }
    auto current = schema_version(db);
    if (!current) {
        return current.error();
    }
    if (*current > latest_schema_version()) {
        return make_error(ErrorCode::Conflict,
                          fmt::format("storage: the database is at schema version {}, newer than "
                                      "this build's {}; upgrade Samantha",
                                      *current,
                                      latest_schema_version()));
    }
    for (const Migration& migration : sqlite_migrations()) {
        if (migration.version <= *current) {
            continue;
        }
        auto tx = Transaction::begin(db);
        if (!tx) {
            return tx.error();
        }
        if (auto applied = db.execute_script(migration.sql()); !applied) {
            return make_error(applied.error().code,
                              fmt::format("storage: migration {} failed: {}",
                                          migration.version,
                                          applied.error().message));
        }
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
            std::chrono::system_clock::now().time_since_epoch());
        auto recorded =
            db.query("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                     {std::int64_t{migration.version}, std::int64_t{now.count()}});
        if (!recorded) {
            return recorded.error();
        }
        if (auto done = tx->commit(); !done) {
            return done.error();
        }
    }
    return {};
}

} // namespace samantha::storage
