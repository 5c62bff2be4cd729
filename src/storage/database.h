#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <samantha/result.h>

// The storage seam. Domain modules talk to a Database through parameterised SQL in the common
// subset of SQLite and PostgreSQL (`?` placeholders, `RETURNING`, integer epoch seconds), so a
// PostgreSQL driver can follow by translating placeholders; the few dialect-specific statements
// (full-text search) branch on dialect().
namespace samantha::storage {

// One SQL value.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

// One result row. Accessors convert NULL to 0 / 0.0 / "".
struct Row {
    std::vector<Value> values;

    bool is_null(std::size_t column) const {
        return std::holds_alternative<std::monostate>(values.at(column));
    }

    std::int64_t integer(std::size_t column) const;
    double real(std::size_t column) const;
    std::string text(std::size_t column) const;
};

using Rows = std::vector<Row>;

// Which SQL dialect a driver speaks.
enum class Dialect { Sqlite, Postgres };

// A connection. Not thread-safe: one owner at a time (STYLE.md §7: one writer).
class Database {
public:
    virtual ~Database() = default;

    virtual Dialect dialect() const = 0;

    // Runs one statement with `?` placeholders bound to `params` in order, and returns its rows.
    // Storage errors name the statement and the driver's reason.
    virtual Result<Rows> query(std::string_view sql, const std::vector<Value>& params) = 0;

    // Runs one statement without parameters.
    Result<Rows> query(std::string_view sql) { return query(sql, {}); }

    // Runs several ';'-separated statements without parameters (migrations).
    virtual Result<void> execute_script(std::string_view sql) = 0;

    // Transaction control; nesting is not supported (begin inside a transaction fails).
    virtual Result<void> begin() = 0;
    virtual Result<void> commit() = 0;
    virtual Result<void> rollback() = 0;
};

// A transaction that rolls back unless commit() succeeds. Move-only.
class Transaction {
public:
    // Begins a transaction on `db`, which must outlive the Transaction.
    static Result<Transaction> begin(Database& db);

    Transaction(Transaction&& other) noexcept
        : m_db(other.m_db) {
        other.m_db = nullptr;
    }

    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    ~Transaction();

    // Commits; after a failed commit the transaction has been rolled back.
    Result<void> commit();

private:
    explicit Transaction(Database& db)
        : m_db(&db) {}

    Database* m_db; // null once committed or moved from
};

// Options for opening a SQLite database.
struct SqliteOptions {
    bool read_only = false;
    int busy_timeout_ms = 5000;
    // The key that encrypts the file at rest (SQLCipher, Config::db_key); empty: unencrypted.
    std::string key;
};

// Whether this build can encrypt databases (it links SQLCipher: tools/build_sqlcipher.sh).
bool encryption_available();

// Opens (creating if needed, unless read_only) the SQLite database at `path` in WAL mode with
// foreign keys on, unlocked with `options.key` when one is given. Io when the file cannot be
// opened; Storage when it is not a database or the key does not open it (or a key is missing);
// Unsupported for a key in a build without SQLCipher.
Result<std::unique_ptr<Database>> open_sqlite(const std::string& path, SqliteOptions options);

// Folds the write-ahead log back into the database on a thread of its own, so that turns never
// pay for a checkpoint. Stopping (the destructor) joins the thread and truncates the log.
class WalCheckpointer {
public:
    virtual ~WalCheckpointer() = default;

    // Asks for a checkpoint soon (after a burst of writes). Thread-safe.
    virtual void nudge() = 0;
};

// Starts checkpointing the SQLite database at `path` every `interval` (and when nudged), through
// a connection of its own, unlocked with `key` (empty: unencrypted). Io when the file cannot be
// opened; the open_sqlite errors for the key.
Result<std::unique_ptr<WalCheckpointer>> start_wal_checkpointer(const std::string& path,
                                                                std::chrono::milliseconds interval,
                                                                const std::string& key = {});

// Brings the schema to the newest version, one transaction per migration. Refuses a database
// whose schema is newer than this build knows (Conflict), so an old binary never damages it.
Result<void> migrate(Database& db);

// The schema version the database is at (0 when empty).
Result<int> schema_version(Database& db);

// The newest schema version this build knows.
int latest_schema_version();

} // namespace samantha::storage
