#include "storage/database.h"

#include <fstream>
#include <iterator>

#include <gtest/gtest.h>

#include "fakes/fake_clock.h"

namespace samantha::storage {
namespace {

std::unique_ptr<Database> open_in(const testing::TempDir& dir) {
    auto db = open_sqlite(dir.path() + "/test.db", SqliteOptions{});
    EXPECT_TRUE(db) << db.error().message;
    return std::move(*db);
}

TEST(Migrations, BringAnEmptyDatabaseToTheLatestVersionOnce) {
    testing::TempDir dir;
    auto db = open_in(dir);
    ASSERT_TRUE(migrate(*db));
    ASSERT_TRUE(migrate(*db)); // idempotent
    auto version = schema_version(*db);
    ASSERT_TRUE(version);
    EXPECT_EQ(*version, latest_schema_version());
    auto journal = db->query("PRAGMA journal_mode");
    ASSERT_TRUE(journal);
    EXPECT_EQ(journal->at(0).text(0), "wal");
}

TEST(Migrations, RefuseADatabaseFromANewerSamantha) {
    testing::TempDir dir;
    auto db = open_in(dir);
    ASSERT_TRUE(migrate(*db));
    ASSERT_TRUE(db->query("INSERT INTO schema_migrations (version, applied_at) VALUES (999, 0)"));
    const auto result = migrate(*db);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Conflict);
}

TEST(Transaction, RollsBackUnlessCommitted) {
    testing::TempDir dir;
    auto db = open_in(dir);
    ASSERT_TRUE(migrate(*db));
    {
        auto tx = Transaction::begin(*db);
        ASSERT_TRUE(tx);
        ASSERT_TRUE(db->query("INSERT INTO people (handle, created_at) VALUES (?, ?)",
                              {std::string("a"), std::int64_t{1}}));
    }
    EXPECT_EQ(db->query("SELECT COUNT(*) FROM people")->at(0).integer(0), 0);
    {
        auto tx = Transaction::begin(*db);
        ASSERT_TRUE(tx);
        ASSERT_TRUE(db->query("INSERT INTO people (handle, created_at) VALUES (?, ?)",
                              {std::string("b"), std::int64_t{1}}));
        ASSERT_TRUE(tx->commit());
    }
    EXPECT_EQ(db->query("SELECT COUNT(*) FROM people")->at(0).integer(0), 1);
}

TEST(Query, BindsValuesAndReportsErrorsWithTheStatement) {
    testing::TempDir dir;
    auto db = open_in(dir);
    auto rows =
        db->query("SELECT ?, ?, ?, ?", {std::int64_t{7}, 2.5, std::string("가나"), Value{}});
    ASSERT_TRUE(rows);
    EXPECT_EQ(rows->at(0).integer(0), 7);
    EXPECT_DOUBLE_EQ(rows->at(0).real(1), 2.5);
    EXPECT_EQ(rows->at(0).text(2), "가나");
    EXPECT_TRUE(rows->at(0).is_null(3));
    const auto bad = db->query("SELEC 1");
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, ErrorCode::Storage);
    EXPECT_NE(bad.error().message.find("SELEC 1"), std::string::npos);
    const auto wrong_arity = db->query("SELECT ?", {});
    ASSERT_FALSE(wrong_arity);
}

TEST(Open, RefusesAFileThatIsNotADatabase) {
    testing::TempDir dir;
    {
        std::ofstream junk(dir.path() + "/junk.db");
        junk << "this is not a database, just some text that is long enough to fill a header page";
    }
    auto db = open_sqlite(dir.path() + "/junk.db", SqliteOptions{});
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::Storage);
}

TEST(Open, ReportsAnUnwritablePath) {
    auto db = open_sqlite("/nonexistent-dir/x/test.db", SqliteOptions{});
    ASSERT_FALSE(db);
    EXPECT_EQ(db.error().code, ErrorCode::Io);
    EXPECT_NE(db.error().message.find("/nonexistent-dir/x/test.db"), std::string::npos);
}

// The bytes of a file, or "" when it does not exist.
std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

TEST(Encryption, AKeyedDatabaseIsUnreadableWithoutItsKey) {
    testing::TempDir dir;
    const std::string path = dir.path() + "/secret.db";
    if (!encryption_available()) {
        // A build without SQLCipher refuses a key rather than storing in the clear.
        auto refused = open_sqlite(path, SqliteOptions{.key = "k"});
        ASSERT_FALSE(refused);
        EXPECT_EQ(refused.error().code, ErrorCode::Unsupported);
        EXPECT_NE(refused.error().message.find("SQLCipher"), std::string::npos);
        return;
    }
    {
        auto db = open_sqlite(path, SqliteOptions{.key = "correct horse battery staple"});
        ASSERT_TRUE(db) << db.error().message;
        ASSERT_TRUE(migrate(**db));
        ASSERT_TRUE((*db)->query("INSERT INTO people (handle, created_at) VALUES ('Zelphine', 1)"));
        auto checkpointer = start_wal_checkpointer(
            path, std::chrono::milliseconds(10), "correct horse battery staple");
        ASSERT_TRUE(checkpointer) << checkpointer.error().message;
    }
    // At rest, nothing of it is readable: not the name, not even SQLite's own header.
    const std::string bytes = file_bytes(path) + file_bytes(path + "-wal");
    ASSERT_GT(bytes.size(), 1000U);
    EXPECT_EQ(bytes.find("Zelphine"), std::string::npos);
    EXPECT_EQ(bytes.find("SQLite format 3"), std::string::npos);
    // Without the key, or with another, a precise refusal that names the variable.
    auto keyless = open_sqlite(path, SqliteOptions{});
    ASSERT_FALSE(keyless);
    EXPECT_EQ(keyless.error().code, ErrorCode::Storage);
    EXPECT_NE(keyless.error().message.find("SAMANTHA_DB_KEY"), std::string::npos);
    auto wrong = open_sqlite(path, SqliteOptions{.key = "wrong"});
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("does not open"), std::string::npos);
    EXPECT_FALSE(start_wal_checkpointer(path, std::chrono::milliseconds(10), "wrong"));
    // With it, everything is there.
    auto reopened = open_sqlite(path, SqliteOptions{.key = "correct horse battery staple"});
    ASSERT_TRUE(reopened) << reopened.error().message;
    auto rows = (*reopened)->query("SELECT handle FROM people");
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 1U);
    EXPECT_EQ(rows->front().text(0), "Zelphine");
}

TEST(Encryption, AKeyDoesNotOpenAPlainDatabase) {
    if (!encryption_available()) {
        GTEST_SKIP() << "built without SQLCipher";
    }
    testing::TempDir dir;
    const std::string path = dir.path() + "/plain.db";
    {
        auto db = open_sqlite(path, SqliteOptions{});
        ASSERT_TRUE(db);
        ASSERT_TRUE(migrate(**db));
    }
    auto keyed = open_sqlite(path, SqliteOptions{.key = "k"});
    ASSERT_FALSE(keyed);
    EXPECT_EQ(keyed.error().code, ErrorCode::Storage);
    // The plain database is untouched by the attempt.
    EXPECT_TRUE(open_sqlite(path, SqliteOptions{}));
}

} // namespace
} // namespace samantha::storage
