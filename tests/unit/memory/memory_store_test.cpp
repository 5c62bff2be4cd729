#include "memory/memory_store.h"

#include <gtest/gtest.h>

#include "fakes/fake_clock.h"
#include "memory/terms.h"

namespace samantha::memory {
namespace {

using std::chrono::hours;
using std::chrono::sys_seconds;

constexpr sys_seconds t0{std::chrono::seconds{1'800'000'000}};

class MemoryStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = storage::open_sqlite(m_dir.path() + "/m.db", storage::SqliteOptions{});
        ASSERT_TRUE(db) << db.error().message;
        m_db = std::move(*db);
        ASSERT_TRUE(storage::migrate(*m_db));
        for (const char* handle : {"alice", "bob"}) {
            ASSERT_TRUE(m_db->query("INSERT INTO people (handle, created_at) VALUES (?, 0)",
                                    {std::string(handle)}));
        }
        m_store = std::make_unique<MemoryStore>(*m_db);
    }

    std::int64_t
    fact(std::int64_t person, const std::string& slot, const std::string& value, sys_seconds at) {
        auto r = m_store->remember(person,
                                   NewMemory{.kind = MemoryKind::Fact,
                                             .slot = slot,
                                             .value = value,
                                             .text = slot + ": " + value,
                                             .importance = 0.8f},
                                   at);
        EXPECT_TRUE(r) << r.error().message;
        return r->id;
    }

    std::int64_t episode(std::int64_t person, const std::string& text, sys_seconds at) {
        auto r =
            m_store->remember(person, NewMemory{.kind = MemoryKind::Episode, .text = text}, at);
        EXPECT_TRUE(r) << r.error().message;
        return r->id;
    }

    testing::TempDir m_dir;
    std::unique_ptr<storage::Database> m_db;
    std::unique_ptr<MemoryStore> m_store;
};

TEST_F(MemoryStoreTest, ANewFactSupersedesTheOldWithoutErasingIt) {
    const auto seoul = fact(1, "city", "Seoul", t0);
    const auto busan = fact(1, "city", "Busan", t0 + hours(24));
    auto current = m_store->current_facts(1);
    ASSERT_TRUE(current);
    ASSERT_EQ(current->size(), 1U);
    EXPECT_EQ(current->front().value, "Busan");
    auto history = m_store->list(1, History::Included);
    ASSERT_TRUE(history);
    ASSERT_EQ(history->size(), 2U);
    const auto old = m_store->find(1, seoul);
    ASSERT_TRUE(old);
    ASSERT_TRUE(old->valid_to);
    EXPECT_EQ(*old->valid_to, t0 + hours(24));
    EXPECT_NE(seoul, busan);
}

TEST_F(MemoryStoreTest, TheSameFactTwiceIsStoredOnce) {
    const auto a = fact(1, "name", "Mina", t0);
    auto again = m_store->remember(
        1,
        NewMemory{.kind = MemoryKind::Fact, .slot = "name", .value = "mina", .text = "name: mina"},
        t0);
    ASSERT_TRUE(again);
    EXPECT_FALSE(again->is_new);
    EXPECT_EQ(again->id, a);
}

TEST_F(MemoryStoreTest, SearchFindsKoreanWithParticlesAndEnglishStems) {
    const auto cat = episode(1, "고양이를 키우고 싶어요", t0);
    episode(1, "오늘 날씨가 좋네요", t0);
    const auto dogs = episode(1, "I walked my dogs in the park", t0);
    auto found = m_store->search(1, query_terms("고양이가 귀여워"), 10);
    ASSERT_TRUE(found);
    ASSERT_FALSE(found->empty());
    EXPECT_EQ(found->front().memory.id, cat);
    auto english = m_store->search(1, query_terms("my dog"), 10);
    ASSERT_TRUE(english);
    ASSERT_FALSE(english->empty());
    EXPECT_EQ(english->front().memory.id, dogs);
}

TEST_F(MemoryStoreTest, OnePersonNeverSeesAnothersMemories) {
    episode(1, "my secret is the blue door", t0);
    auto found = m_store->search(2, query_terms("secret blue door"), 10);
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->empty());
    EXPECT_TRUE(m_store->list(2, History::Included)->empty());
    const auto id = m_store->list(1, History::Included)->front().id;
    EXPECT_EQ(m_store->find(2, id).error().code, ErrorCode::NotFound);
    auto erased = m_store->forget(2, {id});
    ASSERT_TRUE(erased);
    EXPECT_TRUE(erased->empty());
    EXPECT_EQ(m_store->list(1, History::Included)->size(), 1U);
}

TEST_F(MemoryStoreTest, ForgettingErasesTheFactItsHistoryAndItsIndexTerms) {
    fact(1, "city", "Seoul", t0);
    const auto busan = fact(1, "city", "Busan", t0 + hours(1));
    const auto name = fact(1, "name", "Mina", t0);
    auto erased = m_store->forget(1, {busan});
    ASSERT_TRUE(erased);
    EXPECT_EQ(erased->size(), 2U);
    auto left = m_store->list(1, History::Included);
    ASSERT_EQ(left->size(), 1U);
    EXPECT_EQ(left->front().id, name);
    EXPECT_TRUE(m_store->search(1, query_terms("Busan"), 10)->empty());
    EXPECT_EQ(
        m_db->query("SELECT COUNT(*) FROM memory_terms WHERE rowid != ?", {name})->at(0).integer(0),
        0);
    // The term counts follow: only the name's terms are still counted.
    EXPECT_EQ(m_db->query("SELECT COALESCE(SUM(memories), 0) FROM memory_term_counts WHERE term "
                          "LIKE 'p1_busan'")
                  ->at(0)
                  .integer(0),
              0);
    EXPECT_GT(
        m_db->query(
                "SELECT COALESCE(SUM(memories), 0) FROM memory_term_counts WHERE term = 'p1_mina'")
            ->at(0)
            .integer(0),
        0);
}

TEST_F(MemoryStoreTest, EventsAreFoundByDateAndStoredOnce) {
    const CivilDate day{.year = 2026, .month = 11, .day = 28};
    const NewMemory event{.kind = MemoryKind::Event,
                          .value = "interview",
                          .text = "interview (2026-11-28)",
                          .date = day};
    ASSERT_TRUE(m_store->remember(1, event, t0)->is_new);
    ASSERT_FALSE(m_store->remember(1, event, t0)->is_new);
    auto events = m_store->events_between(
        1, {.year = 2026, .month = 11, .day = 27}, {.year = 2026, .month = 12, .day = 1});
    ASSERT_TRUE(events);
    ASSERT_EQ(events->size(), 1U);
    EXPECT_EQ(events->front().date, day);
    EXPECT_TRUE(m_store
                    ->events_between(1,
                                     {.year = 2026, .month = 12, .day = 1},
                                     {.year = 2026, .month = 12, .day = 9})
                    ->empty());
}

TEST_F(MemoryStoreTest, MarkRecalledRefreshesRecency) {
    const auto id = episode(1, "hello there", t0);
    ASSERT_TRUE(m_store->mark_recalled(1, {id}, t0 + hours(5)));
    const auto m = m_store->find(1, id);
    ASSERT_TRUE(m->last_recalled_at);
    EXPECT_EQ(*m->last_recalled_at, t0 + hours(5));
}

} // namespace
} // namespace samantha::memory
