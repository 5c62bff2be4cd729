#pragma once

#include <chrono>
#include <vector>

#include <samantha/types.h>

// Memory retrieval scoring (docs/memory.md, "Retrieval"), after the memory stream of Park et al.
// 2023: score = w_rel·relevance + w_rec·recency + w_imp·importance + w_emo·emotional_fit, each
// term in [0, 1]. Pure.
namespace samantha::memory {

// The weights and constants of the score.
struct RetrievalWeights {
    float relevance = 1.0f;
    float recency = 0.5f;
    float importance = 0.6f;
    float emotional_fit = 0.3f;
    // Recency decays by this factor per hour since the memory was made or last recalled
    // (Park et al. use 0.995 per game hour).
    double recency_decay_per_hour = 0.995;
    // A memory must reach this share of the best candidate's BM25 to count as relevant.
    float min_relevance = 0.35f;
};

// A memory that matched the query, with its BM25 score (higher is better, ≥ 0).
struct Candidate {
    Memory memory;
    double bm25 = 0.0;
};

// exp(ln(decay)·hours): 1 for a memory touched now, 0.5 after ~138 h with the default decay.
float recency(std::chrono::sys_seconds now,
              std::chrono::sys_seconds touched,
              double decay_per_hour);

// Mood-congruent recall (Bower 1981): 1 when the memory's valence matches the person's current
// valence, 0 when opposite.
float emotional_fit(float memory_valence, float current_valence);

// Scores candidates and returns the best `limit`, highest first. Relevance is BM25 divided by the
// best candidate's (min-max normalisation with min 0, as Park et al. normalise each component);
// candidates below min_relevance are dropped.
std::vector<RecalledMemory> rank_memories(const std::vector<Candidate>& candidates,
                                          std::chrono::sys_seconds now,
                                          float current_valence,
                                          const RetrievalWeights& weights,
                                          std::size_t limit);

} // namespace samantha::memory
