// The SQLite driver: the only file that includes sqlite3.h.
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <unordered_map>

#include <fmt/format.h>
#include <sqlite3.h>

#include "storage/database.h"

namespace samantha::storage {

namespace {

struct ConnectionCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};

struct StatementFinalizer {
    void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};

using StatementPtr = std::unique_ptr<sqlite3_stmt, StatementFinalizer>;

std::string shorten(std::string_view sql) {
    std::string out;
    for (const char c : sql.substr(0, 80)) {
        out.push_back(c == '\n' ? ' ' : c);
    }
    return sql.size() > 80 ? out + "…" : out;
}

class SqliteDatabase final : public Database {
public:
    explicit SqliteDatabase(std::unique_ptr<sqlite3, ConnectionCloser> db)
        : m_db(std::move(db)) {}

    ~SqliteDatabase() override {
        m_statements.clear(); // finalize before the connection closes
    }

    SqliteDatabase(const SqliteDatabase&) = delete;
    SqliteDatabase& operator=(const SqliteDatabase&) = delete;

    using Database::query;

    Dialect dialect() const override { return Dialect::Sqlite; }

    Result<Rows> query(std::string_view sql, const std::vector<Value>& params) override {
        auto stmt = statement(sql);
        if (!stmt) {
            return stmt.error();
        }
        sqlite3_stmt* s = *stmt;
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        if (static_cast<int>(params.size()) != sqlite3_bind_parameter_count(s)) {
            return make_error(ErrorCode::Internal,
                              fmt::format("storage: '{}' takes {} parameters, got {}",
                                          shorten(sql),
                                          sqlite3_bind_parameter_count(s),
                                          params.size()));
        }
        for (std::size_t i = 0; i < params.size(); ++i) {
            const int index = static_cast<int>(i) + 1;
            int rc = SQLITE_OK;
            if (const auto* n = std::get_if<std::int64_t>(&params[i])) {
                rc = sqlite3_bind_int64(s, index, *n);
            } else if (const auto* d = std::get_if<double>(&params[i])) {
                rc = sqlite3_bind_double(s, index, *d);
            } else if (const auto* t = std::get_if<std::string>(&params[i])) {
                rc = sqlite3_bind_text(
                    s, index, t->data(), static_cast<int>(t->size()), SQLITE_TRANSIENT);
            } else {
                rc = sqlite3_bind_null(s, index);
            }
            if (rc != SQLITE_OK) {
                return failure("bind a parameter of", sql);
            }
        }
        Rows rows;
        while (true) {
            const int rc = sqlite3_step(s);
            if (rc == SQLITE_DONE) {
                break;
            }
            if (rc != SQLITE_ROW) {
                auto error = failure("run", sql);
                sqlite3_reset(s);
                return error;
            }
            const int columns = sqlite3_column_count(s);
            Row row;
            row.values.reserve(static_cast<std::size_t>(columns));
            for (int c = 0; c < columns; ++c) {
                switch (sqlite3_column_type(s, c)) {
                case SQLITE_INTEGER:
                    row.values.emplace_back(static_cast<std::int64_t>(sqlite3_column_int64(s, c)));
                    break;
                case SQLITE_FLOAT:
                    row.values.emplace_back(sqlite3_column_double(s, c));
                    break;
                case SQLITE_NULL:
                    row.values.emplace_back(std::monostate{});
                    break;
                default: {
                    const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, c));
                    row.values.emplace_back(
                        std::string(text, static_cast<std::size_t>(sqlite3_column_bytes(s, c))));
                }
                }
            }
            rows.push_back(std::move(row));
        }
        sqlite3_reset(s);
        return rows;
    }

    Result<void> execute_script(std::string_view sql) override {
        char* message = nullptr;
        const std::string text(sql);
        if (sqlite3_exec(m_db.get(), text.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
            std::string reason = message != nullptr ? message : "unknown error";
            sqlite3_free(message);
            return make_error(ErrorCode::Storage, "storage: script failed: " + reason);
        }
        return {};
    }

    Result<void> begin() override { return simple("BEGIN IMMEDIATE"); }

    Result<void> commit() override { return simple("COMMIT"); }

    Result<void> rollback() override {
        if (sqlite3_get_autocommit(m_db.get()) != 0) {
            return {}; // nothing open (SQLite may already have rolled back after an error)
        }
        return simple("ROLLBACK");
    }

private:
    Result<sqlite3_stmt*> statement(std::string_view sql) {
        const std::string key(sql);
        if (const auto it = m_statements.find(key); it != m_statements.end()) {
            return it->second.get();
        }
        sqlite3_stmt* raw = nullptr;
        const int rc = sqlite3_prepare_v3(m_db.get(),
                                          key.c_str(),
                                          static_cast<int>(key.size()),
                                          SQLITE_PREPARE_PERSISTENT,
                                          &raw,
                                          nullptr);
        StatementPtr owned(raw);
        if (rc != SQLITE_OK || raw == nullptr) {
            return failure("prepare", sql);
        }
        sqlite3_stmt* result = owned.get();
        m_statements.emplace(key, std::move(owned));
        return result;
    }

    Result<void> simple(const char* sql) {
        auto rows = query(sql);
        if (!rows) {
            return rows.error();
        }
        return {};
    }

    Error failure(std::string_view what, std::string_view sql) const {
        const int code = sqlite3_extended_errcode(m_db.get());
        return make_error(
            code == SQLITE_FULL ? ErrorCode::Io : ErrorCode::Storage,
            fmt::format(
                "storage: cannot {} '{}': {}", what, shorten(sql), sqlite3_errmsg(m_db.get())));
    }

    std::unique_ptr<sqlite3, ConnectionCloser> m_db;
    std::unordered_map<std::string, StatementPtr> m_statements;
};

class SqliteCheckpointer final : public WalCheckpointer {
public:
    SqliteCheckpointer(std::unique_ptr<sqlite3, ConnectionCloser> db,
                       std::chrono::milliseconds interval)
        : m_db(std::move(db))
        , m_interval(interval)
        , m_thread([this](std::stop_token stop) { loop(stop); }) {}

    ~SqliteCheckpointer() override {
        m_thread.request_stop();
        m_wake.notify_all();
        m_thread.join();
        // Leave a small WAL behind: fold it into the database on the way out.
        sqlite3_wal_checkpoint_v2(
            m_db.get(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, nullptr, nullptr);
    }

    SqliteCheckpointer(const SqliteCheckpointer&) = delete;
    SqliteCheckpointer& operator=(const SqliteCheckpointer&) = delete;

    void nudge() override { m_wake.notify_all(); }

private:
    void loop(const std::stop_token& stop) {
        std::unique_lock lock(m_mutex);
        while (!stop.stop_requested()) {
            m_wake.wait_for(lock, m_interval);
            if (stop.stop_requested()) {
                break;
            }
            // PASSIVE never blocks the writer or readers; it copies what it can and returns.
            sqlite3_wal_checkpoint_v2(
                m_db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        }
    }

    std::unique_ptr<sqlite3, ConnectionCloser> m_db; // used only by m_thread, then the destructor
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::jthread m_thread; // last: starts after the members it uses
};

// Gives SQLCipher the key before anything reads the file, then reads the schema, which proves that
// the key (or its absence) fits the file.
Result<void> unlock(sqlite3* db, const std::string& path, const std::string& key) {
    if (!key.empty()) {
#ifdef SAMANTHA_HAVE_SQLCIPHER
        if (sqlite3_key(db, key.data(), static_cast<int>(key.size())) != SQLITE_OK) {
            return make_error(
                ErrorCode::Storage,
                fmt::format("storage: cannot set the key for '{}': {}", path, sqlite3_errmsg(db)));
        }
#else
        return make_error(ErrorCode::Unsupported,
                          "storage: SAMANTHA_DB_KEY is set, but this Samantha was built without "
                          "SQLCipher (run tools/build_sqlcipher.sh and rebuild), so it cannot "
                          "encrypt; unset it to use an unencrypted database");
#endif
    }
    const int rc =
        sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
    if (rc == SQLITE_NOTADB) {
        return make_error(
            ErrorCode::Storage,
            key.empty() ? fmt::format("storage: '{}' is not a database, or it is encrypted (set "
                                      "SAMANTHA_DB_KEY to its key)",
                                      path)
                        : fmt::format("storage: the key in SAMANTHA_DB_KEY does not open '{}' (a "
                                      "wrong key, a database that is not encrypted, or not a "
                                      "database)",
                                      path));
    }
    if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
        return make_error(
            ErrorCode::Storage,
            fmt::format("storage: '{}' is not a usable database: {}", path, sqlite3_errmsg(db)));
    }
    return {};
}

} // namespace

bool encryption_available() {
#ifdef SAMANTHA_HAVE_SQLCIPHER
    return true;
#else
    return false;
#endif
}

Result<std::unique_ptr<WalCheckpointer>> start_wal_checkpointer(const std::string& path,
                                                                std::chrono::milliseconds interval,
                                                                const std::string& key) {
    sqlite3* raw = nullptr;
    const int rc =
        sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    std::unique_ptr<sqlite3, ConnectionCloser> db(raw);
    if (rc != SQLITE_OK) {
        return make_error(ErrorCode::Io,
                          fmt::format("storage: cannot open '{}' for checkpoints: {}",
                                      path,
                                      raw != nullptr ? sqlite3_errmsg(raw) : "out of memory"));
    }
    sqlite3_busy_timeout(db.get(), 50);
    if (auto unlocked = unlock(db.get(), path, key); !unlocked) {
        return unlocked.error();
    }
    return std::unique_ptr<WalCheckpointer>(
        std::make_unique<SqliteCheckpointer>(std::move(db), interval));
}

Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, SqliteOptions options) {
    sqlite3* raw = nullptr;
    const int flags =
        (options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
        SQLITE_OPEN_NOMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
    std::unique_ptr<sqlite3, ConnectionCloser> db(raw);
    if (rc != SQLITE_OK) {
        return make_error(ErrorCode::Io,
                          fmt::format("storage: cannot open database '{}': {}",
                                      path,
                                      raw != nullptr ? sqlite3_errmsg(raw) : "out of memory"));
    }
    sqlite3_busy_timeout(db.get(), options.busy_timeout_ms);
    if (auto unlocked = unlock(db.get(), path, options.key); !unlocked) {
        return unlocked.error();
    }
    sqlite3_extended_result_codes(db.get(), 1);
    auto connection = std::make_unique<SqliteDatabase>(std::move(db));
    // WAL: readers never block the writer, and a crash loses at most the open transaction.
    // synchronous=NORMAL is durable across process crashes (kill -9); only a power cut can lose
    // the last commits (docs/memory.md, "Durability").
    // A 64 MiB page cache (allocated as used) and memory-mapped reads keep a large ledger's hot
    // pages out of read() system calls (bench/turn_pipeline measures the difference).
    for (const char* pragma : {"PRAGMA foreign_keys = ON",
                               "PRAGMA synchronous = NORMAL",
                               "PRAGMA cache_size = -65536",
                               "PRAGMA mmap_size = 268435456",
                               "PRAGMA temp_store = MEMORY",
                               // What a person has Samantha forget is zeroed in the pages it
                               // leaves, where that costs no extra I/O (docs/memory.md).
                               "PRAGMA secure_delete = FAST",
                               // Checkpoints run on the WalCheckpointer's thread, off the turn
                               // path; this is only the safety net if that thread is not running.
                               "PRAGMA wal_autocheckpoint = 20000"}) {
        if (auto done = connection->query(pragma); !done) {
            return make_error(ErrorCode::Storage,
                              fmt::format("storage: '{}' is not a usable database: {}",
                                          path,
                                          done.error().message));
        }
    }
    if (!options.read_only) {
        auto mode = connection->query("PRAGMA journal_mode = WAL");
        if (!mode) {
            return make_error(ErrorCode::Storage,
                              fmt::format("storage: '{}' is not a usable database: {}",
                                          path,
                                          mode.error().message));
        }
    }
    return std::unique_ptr<Database>(std::move(connection));
}

} // namespace samantha::storage
