#include "memory/memory_store.h"

#include <algorithm>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/text.h"
#include "fakes/fake_clock.h"
#include "memory/terms.h"
#include "storage/migrations.h"

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

    // A turn in a conversation (created when new), for episodes that have neighbours.
    std::int64_t turn(std::int64_t person, std::int64_t conversation, const std::string& text) {
        EXPECT_TRUE(m_db->query("INSERT OR IGNORE INTO conversations (id, person_id, started_at, "
                                "last_turn_at) VALUES (?, ?, 0, 0)",
                                {conversation, person}));
        auto id = m_db->query("INSERT INTO turns (conversation_id, person_id, at, utc_offset_min, "
                              "user_text, reply, language, strategy, emotion, valence, arousal) "
                              "VALUES (?, ?, 0, 0, ?, '', 'en', 'x', 'neutral', 0, 0) RETURNING id",
                              {conversation, person, text});
        EXPECT_TRUE(id);
        return id->at(0).integer(0);
    }

    // An episode told as a turn of `conversation`.
    std::int64_t told(std::int64_t person, std::int64_t conversation, const std::string& text) {
        auto r = m_store->remember(person,
                                   NewMemory{.kind = MemoryKind::Episode,
                                             .text = text,
                                             .source_turn_id = turn(person, conversation, text)},
                                   t0);
        EXPECT_TRUE(r) << r.error().message;
        return r->id;
    }

    // The window of an indexed memory: its terms before and after, without the person prefix.
    std::pair<std::string, std::string> window(std::int64_t id) {
        auto rows = m_db->query("SELECT before, after FROM memory_terms WHERE rowid = ?", {id});
        EXPECT_TRUE(rows && rows->size() == 1);
        const auto strip = [](std::string s) { return core::replace_all(s, "p1_", ""); };
        return {strip(rows->at(0).text(0)), strip(rows->at(0).text(1))};
    }

    std::int64_t stat(const char* column) {
        return m_db
            ->query(fmt::format("SELECT {} FROM memory_index_stats WHERE person_id = 1", column))
            ->at(0)
            .integer(0);
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
    ASSERT_FALSE(found->candidates.empty());
    EXPECT_EQ(found->candidates.front().memory.id, cat);
    auto english = m_store->search(1, query_terms("my dog"), 10);
    ASSERT_TRUE(english);
    ASSERT_FALSE(english->candidates.empty());
    EXPECT_EQ(english->candidates.front().memory.id, dogs);
}

TEST_F(MemoryStoreTest, OnePersonNeverSeesAnothersMemories) {
    episode(1, "my secret is the blue door", t0);
    auto found = m_store->search(2, query_terms("secret blue door"), 10);
    ASSERT_TRUE(found);
    EXPECT_TRUE(found->candidates.empty());
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
    EXPECT_TRUE(m_store->search(1, query_terms("Busan"), 10)->candidates.empty());
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

TEST_F(MemoryStoreTest, AnEpisodeIsIndexedWithItsNeighboursInTheSameConversation) {
    const auto question = told(1, 1, "How was pottery class");
    const auto answer = told(1, 1, "Great");
    const auto elsewhere = told(1, 2, "Hello again");
    EXPECT_EQ(window(question), std::make_pair(std::string(), std::string("great")));
    EXPECT_EQ(window(answer), std::make_pair(std::string("how be potteri class"), std::string()));
    EXPECT_EQ(window(elsewhere), std::make_pair(std::string(), std::string()));
    // "Great" is found by the words around it.
    auto found = m_store->search(1, query_terms("pottery"), 10);
    ASSERT_TRUE(found);
    std::vector<std::int64_t> ids;
    for (const auto& c : found->candidates) {
        ids.push_back(c.memory.id);
    }
    EXPECT_NE(std::find(ids.begin(), ids.end(), answer), ids.end());
    EXPECT_EQ(found->stats.memories, 3);
    EXPECT_EQ(found->stats.holding.at("potteri"), 1); // its own words only
    EXPECT_EQ(stat("context_terms"), 5);
}

TEST_F(MemoryStoreTest, ForgettingAMessageTakesItsWordsOutOfItsNeighboursWindows) {
    const auto first = told(1, 1, "My secret plan");
    const auto secret = told(1, 1, "It involves a blue door");
    const auto last = told(1, 1, "Anyway");
    ASSERT_TRUE(m_store->forget(1, {secret}));
    EXPECT_EQ(window(first), std::make_pair(std::string(), std::string("anywai")));
    EXPECT_EQ(window(last), std::make_pair(std::string("my secret plan"), std::string()));
    EXPECT_TRUE(m_store->search(1, query_terms("blue door"), 10)->candidates.empty());
    EXPECT_EQ(stat("memories"), 2);
    EXPECT_EQ(stat("context_terms"), 4);
}

TEST_F(MemoryStoreTest, CorrectingAMessageCorrectsItsNeighboursWindows) {
    const auto first = told(1, 1, "We went to Busan");
    const auto second = told(1, 1, "It was lovely");
    ASSERT_TRUE(m_store->correct(1, first, std::string("We went to Jeju"), std::nullopt));
    EXPECT_EQ(window(second).first, "we go to jeju");
    EXPECT_EQ(window(first).second, "it be love");
    EXPECT_TRUE(m_store->search(1, query_terms("Busan"), 10)->candidates.empty());
}

TEST_F(MemoryStoreTest, EnsureIndexRebuildsAnIndexMadeByAnotherAnalysis) {
    const auto a = told(1, 1, "I adopted a puppy");
    const auto b = told(1, 1, "So cute");
    // An index left by an earlier version: empty, and marked as such (what migration 6 leaves).
    ASSERT_TRUE(m_db->query("DELETE FROM memory_terms"));
    ASSERT_TRUE(m_db->query("DELETE FROM memory_term_counts"));
    ASSERT_TRUE(m_db->query("DELETE FROM memory_index_stats"));
    ASSERT_TRUE(m_db->query("UPDATE memory_index_version SET version = 0"));
    ASSERT_TRUE(m_store->ensure_index());
    EXPECT_EQ(window(b).first, "i adopt a puppi");
    EXPECT_EQ(window(a).second, "so cute");
    auto found = m_store->search(1, query_terms("adopting"), 10);
    ASSERT_TRUE(found);
    ASSERT_FALSE(found->candidates.empty());
    EXPECT_EQ(found->candidates.front().memory.id, a);
    EXPECT_EQ(stat("memories"), 2);
    EXPECT_EQ(m_db->query("SELECT version FROM memory_index_version")->at(0).integer(0),
              index_version);
    // Current: a second call changes nothing.
    ASSERT_TRUE(m_db->query("DELETE FROM memory_term_counts"));
    ASSERT_TRUE(m_store->ensure_index());
    EXPECT_EQ(m_db->query("SELECT COUNT(*) FROM memory_term_counts")->at(0).integer(0), 0);
}

TEST(MemoryMigration, ADatabaseOfSchema5KeepsItsMemoriesSearchable) {
    testing::TempDir dir;
    auto db = storage::open_sqlite(dir.path() + "/old.db", storage::SqliteOptions{});
    ASSERT_TRUE(db);
    // The schema as version 5 left it, with a memory indexed the old way (one column).
    ASSERT_TRUE((*db)->query("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                             "applied_at INTEGER NOT NULL)"));
    for (const auto& [version, script] :
         {std::pair{1, storage::migrations::sqlite_001_initial()},
          std::pair{2, storage::migrations::sqlite_002_inner_life()},
          std::pair{3, storage::migrations::sqlite_003_access()},
          std::pair{4, storage::migrations::sqlite_004_settings()},
          std::pair{5, storage::migrations::sqlite_005_care()}}) {
        ASSERT_TRUE((*db)->execute_script(script));
        ASSERT_TRUE(
            (*db)->query("INSERT INTO schema_migrations VALUES (?, 0)", {std::int64_t{version}}));
    }
    ASSERT_TRUE((*db)->query("INSERT INTO people (handle, created_at) VALUES ('old', 0)"));
    ASSERT_TRUE((*db)->query(
        "INSERT INTO memories (id, person_id, kind, text, language, importance, created_at) "
        "VALUES (7, 1, 'episode', 'My sister paints landscapes', 'en', 0.3, 0)"));
    ASSERT_TRUE((*db)->query("INSERT INTO memory_terms (rowid, terms) VALUES (7, 'p1_my "
                             "p1_sister p1_paint p1_landscape')"));
    ASSERT_TRUE(storage::migrate(**db));
    MemoryStore store(**db);
    ASSERT_TRUE(store.ensure_index());
    auto found = store.search(1, query_terms("painting"), 10);
    ASSERT_TRUE(found) << found.error().message;
    ASSERT_EQ(found->candidates.size(), 1U);
    EXPECT_EQ(found->candidates.front().memory.id, 7);
    EXPECT_EQ(found->stats.memories, 1);
}

} // namespace
} // namespace samantha::memory
