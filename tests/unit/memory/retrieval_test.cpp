#include "memory/retrieval.h"

#include <gtest/gtest.h>

namespace samantha::memory {
namespace {

using std::chrono::hours;
using std::chrono::sys_seconds;

constexpr sys_seconds now{std::chrono::seconds{1'800'000'000}};

Candidate candidate(
    std::int64_t id, double bm25, float importance, sys_seconds created, float valence = 0.0f) {
    Memory m;
    m.id = id;
    m.importance = importance;
    m.created_at = created;
    m.valence = valence;
    return Candidate{.memory = m, .bm25 = bm25};
}

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

TEST(Rank, CombinesRelevanceRecencyAndImportance) {
    const std::vector<Candidate> candidates = {
        candidate(1, 10.0, 0.2f, now - hours(24 * 30)), // most relevant, old, unimportant
        candidate(2, 9.0, 0.9f, now - hours(1)),        // nearly as relevant, fresh, important
        candidate(3, 2.0, 1.0f, now),                   // barely relevant: dropped
    };
    const auto ranked = rank_memories(candidates, now, 0.0f, RetrievalWeights{}, 5);
    ASSERT_EQ(ranked.size(), 2U);
    EXPECT_EQ(ranked[0].memory.id, 2);
    EXPECT_EQ(ranked[1].memory.id, 1);
    EXPECT_FLOAT_EQ(ranked[1].relevance, 1.0f);
}

TEST(Rank, RespectsTheLimitAndEmptyInput) {
    std::vector<Candidate> candidates;
    for (int i = 0; i < 10; ++i) {
        candidates.push_back(candidate(i, 5.0, 0.5f, now));
    }
    EXPECT_EQ(rank_memories(candidates, now, 0.0f, RetrievalWeights{}, 3).size(), 3U);
    EXPECT_TRUE(rank_memories({}, now, 0.0f, RetrievalWeights{}, 3).empty());
}

TEST(Rank, RecentlyRecalledMemoriesCountAsFresh) {
    auto old = candidate(1, 5.0, 0.5f, now - hours(24 * 60));
    auto refreshed = candidate(2, 5.0, 0.5f, now - hours(24 * 60));
    refreshed.memory.last_recalled_at = now - hours(1);
    const auto ranked = rank_memories({old, refreshed}, now, 0.0f, RetrievalWeights{}, 2);
    ASSERT_EQ(ranked.size(), 2U);
    EXPECT_EQ(ranked[0].memory.id, 2);
}

} // namespace
} // namespace samantha::memory
