#include "storage/database.h"

#include <fmt/format.h>

namespace samantha::storage {

std::int64_t Row::integer(std::size_t column) const {
    const Value& v = values.at(column);
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        return *i;
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return static_cast<std::int64_t>(*d);
    }
    return 0;
}

double Row::real(std::size_t column) const {
    const Value& v = values.at(column);
    if (const auto* d = std::get_if<double>(&v)) {
        return *d;
    }
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        return static_cast<double>(*i);
    }
    return 0.0;
}

std::string Row::text(std::size_t column) const {
    const Value& v = values.at(column);
    if (const auto* s = std::get_if<std::string>(&v)) {
        return *s;
    }
    if (const auto* i = std::get_if<std::int64_t>(&v)) {
        return std::to_string(*i);
    }
    if (const auto* d = std::get_if<double>(&v)) {
        return fmt::format("{}", *d);
    }
    return {};
}

Result<Transaction> Transaction::begin(Database& db) {
    if (auto started = db.begin(); !started) {
        return started.error();
    }
    return Transaction(db);
}

Transaction::~Transaction() {
    if (m_db != nullptr) {
        // A failed rollback leaves SQLite to roll back when the connection closes; nothing more
        // can be done from a destructor.
        (void)m_db->rollback();
    }
}

Result<void> Transaction::commit() {
    Database* db = m_db;
    m_db = nullptr;
    auto done = db->commit();
    if (!done) {
        (void)db->rollback();
    }
    return done;
}

} // namespace samantha::storage
