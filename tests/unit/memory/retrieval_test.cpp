#include "memory/retrieval.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "core/time.h"

namespace samantha::memory {
namespace {

using std::chrono::hours;
using std::chrono::sys_seconds;

constexpr sys_seconds now{std::chrono::seconds{1'800'000'000}};
constexpr CivilDate today{2027, 1, 15};

Candidate candidate(std::int64_t id,
                    std::string terms,
                    float importance,
                    sys_seconds created,
                    std::string before = "",
                    std::int64_t conversation = 0) {
    Memory m;
    m.id = id;
    m.importance = importance;
    m.created_at = created;
    m.text = terms;
    return Candidate{.memory = m,
                     .terms = std::move(terms),
                     .before = std::move(before),
                     .conversation_id = conversation};
}

SearchQuery query(std::vector<std::string> words) {
    SearchQuery q;
    for (auto& w : words) {
        q.terms.push_back(WeightedTerm{.term = std::move(w), .weight = 1.0f});
    }
    return q;
}

IndexStats stats(std::int64_t memories, std::unordered_map<std::string, std::int64_t> holding) {
    return IndexStats{.memories = memories,
                      .mean_terms = 4.0,
                      .mean_context_terms = 8.0,
                      .holding = std::move(holding)};
}

const RankContext at_now{.now = now, .today = today};

TEST(Recency, DecaysExponentiallyPerHour) {
    EXPECT_FLOAT_EQ(recency(now, now, 0.995), 1.0f);
    EXPECT_NEAR(recency(now, now - hours(1), 0.995), 0.995f, 1e-6);
    EXPECT_NEAR(recency(now, now - hours(138), 0.995), 0.5f, 0.01);
    EXPECT_FLOAT_EQ(recency(now, now + hours(5), 0.995), 1.0f); // the future is "now"
}

TEST(EmotionalFit, PrefersMoodCongruentMemories) {
    EXPECT_FLOAT_EQ(emotional_fit(-0.8f, -0.8f), 1.0f);
    EXPECT_FLOAT_EQ(emotional_fit(1.0f, -1.0f), 0.0f);
    EXPECT_GT(emotional_fit(-0.5f, -0.7f), emotional_fit(0.5f, -0.7f));
}

TEST(Bm25, RareTermsAndShortDocumentsScoreHigher) {
    const auto s = stats(100, {{"pottery", 2}, {"today", 60}});
    const std::vector<WeightedTerm> pottery{{.term = "pottery"}};
    const std::vector<WeightedTerm> today_term{{.term = "today"}};
    const WindowSides alone;
    EXPECT_GT(bm25(pottery, "i took a pottery class", alone, 4.0, s, 1.2f, 0.75f),
              bm25(today_term, "i took a class today", alone, 4.0, s, 1.2f, 0.75f));
    EXPECT_GT(
        bm25(pottery, "pottery class", alone, 4.0, s, 1.2f, 0.75f),
        bm25(pottery, "pottery class on a long long long afternoon", alone, 4.0, s, 1.2f, 0.75f));
    EXPECT_EQ(bm25(pottery, "no match here", alone, 4.0, s, 1.2f, 0.75f), 0.0);
    // The window counts: a neighbour's word matches, the message before more than the one after.
    const double before =
        bm25(pottery, "it was great", {.before = "how was pottery"}, 12.0, s, 1.2f, 0.75f);
    const double after = bm25(pottery,
                              "it was great",
                              {.after = "how was pottery", .after_weight = 0.5f},
                              12.0,
                              s,
                              1.2f,
                              0.75f);
    EXPECT_GT(before, after);
    EXPECT_GT(after, 0.0);
    // A synonym weighs less than the word typed.
    const std::vector<WeightedTerm> half{{.term = "pottery", .weight = 0.5f}};
    EXPECT_NEAR(bm25(half, "pottery", alone, 4.0, s, 1.2f, 0.75f),
                0.5 * bm25(pottery, "pottery", alone, 4.0, s, 1.2f, 0.75f),
                1e-9);
}

TEST(Rank, AMessageIsFoundByItsNeighboursWords) {
    // "Yes, last Saturday!" answers a question about pottery: only its window says so.
    const auto s = stats(50, {{"pottery", 2}, {"class", 5}});
    const std::vector<Candidate> candidates = {
        candidate(1, "ye last saturdai", 0.2f, now - hours(3), "did you go to pottery class"),
        candidate(2, "i like my class", 0.2f, now - hours(3)),
    };
    const auto ranked =
        rank_memories(query({"pottery", "class"}), candidates, s, at_now, RetrievalWeights{}, 5);
    ASSERT_FALSE(ranked.empty());
    EXPECT_EQ(ranked[0].memory.id, 1);
}

TEST(Rank, RelevanceOutweighsRecencyAndImportance) {
    const auto s = stats(100, {{"guitar", 3}, {"lesson", 10}});
    const std::vector<Candidate> candidates = {
        candidate(1, "my first guitar lesson", 0.2f, now - hours(24 * 60)), // relevant, old
        candidate(2, "a lesson", 1.0f, now),                                // fresh, important
        candidate(3, "guitar", 0.5f, now - hours(24 * 10)),
    };
    const auto ranked =
        rank_memories(query({"guitar", "lesson"}), candidates, s, at_now, RetrievalWeights{}, 5);
    ASSERT_GE(ranked.size(), 2U);
    EXPECT_EQ(ranked[0].memory.id, 1);
    EXPECT_NEAR(ranked[0].relevance, 1.0f, 1e-5);
}

TEST(Rank, TheNamedPersonsMemoriesComeFirst) {
    const auto s = stats(100, {{"paint", 6}, {"caroline", 50}, {"melanie", 50}});
    const std::vector<Candidate> candidates = {
        candidate(1, "melanie i paint a sunset", 0.2f, now),
        candidate(2, "caroline i paint a sunset", 0.2f, now),
    };
    SearchQuery q = query({"paint"});
    q.entities = {"caroline"};
    const auto ranked = rank_memories(q, candidates, s, at_now, RetrievalWeights{}, 5);
    ASSERT_EQ(ranked.size(), 2U);
    EXPECT_EQ(ranked[0].memory.id, 2);
}

TEST(Rank, WhenQuestionsPreferMemoriesThatSayWhen) {
    const auto s = stats(100, {{"concert", 4}});
    std::vector<Candidate> candidates = {
        candidate(1, "the concert was loud", 0.2f, now),
        candidate(2, "the concert was yesterday", 0.2f, now),
    };
    candidates[1].memory.text = "The concert was yesterday";
    SearchQuery q = query({"concert"});
    q.asks_when = true;
    const auto ranked = rank_memories(q, candidates, s, at_now, RetrievalWeights{}, 5);
    ASSERT_EQ(ranked.size(), 2U);
    EXPECT_EQ(ranked[0].memory.id, 2);
}

TEST(Rank, APeriodPrefersMemoriesFromIt) {
    const auto s = stats(100, {{"trip", 4}});
    const std::vector<Candidate> candidates = {
        candidate(1, "a trip", 0.2f, now - hours(24 * 3)),  // this week
        candidate(2, "a trip", 0.2f, now - hours(24 * 40)), // last month
    };
    SearchQuery q = query({"trip"});
    const CivilDate day = core::local_date(Moment{.utc = now - hours(24 * 40)});
    q.period = DateRange{.from = day, .to = day};
    const auto ranked = rank_memories(q, candidates, s, at_now, RetrievalWeights{}, 5);
    ASSERT_EQ(ranked.size(), 2U);
    EXPECT_EQ(ranked[0].memory.id, 2);
}

TEST(Rank, RespectsTheLimitTheThresholdAndEmptyInput) {
    const auto s = stats(100, {{"tea", 10}, {"green", 10}});
    std::vector<Candidate> candidates;
    for (int i = 0; i < 10; ++i) {
        candidates.push_back(candidate(i, "green tea", 0.5f, now));
    }
    candidates.push_back(candidate(20, "tea and a very long day of many other words", 0.5f, now));
    RetrievalWeights strict;
    strict.min_relevance = 0.9f;
    EXPECT_EQ(rank_memories(query({"green", "tea"}), candidates, s, at_now, {}, 3).size(), 3U);
    EXPECT_EQ(rank_memories(query({"green", "tea"}), candidates, s, at_now, strict, 20).size(),
              10U);
    EXPECT_TRUE(rank_memories(query({"tea"}), {}, s, at_now, {}, 3).empty());
    EXPECT_TRUE(rank_memories(SearchQuery{}, candidates, s, at_now, {}, 3).empty());
}

TEST(Rank, RecentlyRecalledMemoriesCountAsFresh) {
    const auto s = stats(100, {{"tea", 10}});
    auto old = candidate(1, "tea", 0.5f, now - hours(24 * 60));
    auto refreshed = candidate(2, "tea", 0.5f, now - hours(24 * 60));
    refreshed.memory.last_recalled_at = now - hours(1);
    const auto ranked =
        rank_memories(query({"tea"}), {old, refreshed}, s, at_now, RetrievalWeights{}, 2);
    ASSERT_EQ(ranked.size(), 2U);
    EXPECT_EQ(ranked[0].memory.id, 2);
}

TEST(PeriodFit, UsesTheEventDateOrTheDayItWasTold) {
    Memory event;
    event.kind = MemoryKind::Event;
    event.date = CivilDate{2027, 1, 8};
    event.created_at = now;
    SearchQuery q;
    q.period = DateRange{.from = CivilDate{2027, 1, 4}, .to = CivilDate{2027, 1, 10}};
    EXPECT_EQ(period_fit(q, event, std::chrono::minutes{0}), 1.0f);
    Memory episode;
    episode.created_at = now; // 2027-01-15
    EXPECT_EQ(period_fit(q, episode, std::chrono::minutes{0}), 0.0f);
    EXPECT_EQ(period_fit(SearchQuery{}, event, std::chrono::minutes{0}), 0.0f);
}

TEST(TimeFit, AWhenQuestionWantsADateOrATime) {
    Memory episode;
    SearchQuery when;
    when.asks_when = true;
    episode.text = "We met last Tuesday";
    EXPECT_EQ(time_fit(when, episode), 1.0f);
    episode.text = "We met at the park";
    EXPECT_EQ(time_fit(when, episode), 0.0f);
    Memory event;
    event.date = CivilDate{2027, 1, 8};
    EXPECT_EQ(time_fit(when, event), 1.0f);
    EXPECT_EQ(time_fit(SearchQuery{}, event), 0.0f);
}

TEST(Rank, AConversationAboutTheQueryLendsItsMessagesSupport) {
    // Two equally relevant messages; one is in a conversation that kept talking of the garden.
    const auto s = stats(100, {{"garden", 5}, {"tomato", 5}});
    const std::vector<Candidate> candidates = {
        candidate(1, "my garden", 0.2f, now, "", 7),
        candidate(2, "my garden", 0.2f, now, "", 8),
        candidate(3, "garden tomato", 0.2f, now, "", 8),
        candidate(4, "tomato garden again", 0.2f, now, "", 8),
    };
    const auto ranked =
        rank_memories(query({"garden", "tomato"}), candidates, s, at_now, RetrievalWeights{}, 4);
    std::vector<std::int64_t> ids;
    for (const auto& r : ranked) {
        ids.push_back(r.memory.id);
    }
    const auto at = [&](std::int64_t id) { return std::find(ids.begin(), ids.end(), id); };
    EXPECT_LT(at(2), at(1));
}

TEST(EntityFit, IsTheShareOfNamesHeld) {
    EXPECT_EQ(entity_fit({}, "caroline paint"), 0.0f);
    EXPECT_EQ(entity_fit({"caroline"}, "caroline paint"), 1.0f);
    EXPECT_EQ(entity_fit({"caroline", "melanie"}, "caroline paint"), 0.5f);
    EXPECT_EQ(entity_fit({"carol"}, "caroline paint"), 0.0f);
}

} // namespace
} // namespace samantha::memory
