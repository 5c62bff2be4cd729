#include "memory/retrieval.h"

#include <algorithm>
#include <cmath>

namespace samantha::memory {

float recency(std::chrono::sys_seconds now,
              std::chrono::sys_seconds touched,
              double decay_per_hour) {
    const double hours =
        std::max(0.0, std::chrono::duration<double, std::ratio<3600>>(now - touched).count());
    return static_cast<float>(std::exp(std::log(decay_per_hour) * hours));
}

float emotional_fit(float memory_valence, float current_valence) {
    return 1.0f - std::min(2.0f, std::abs(memory_valence - current_valence)) / 2.0f;
}

std::vector<RecalledMemory> rank_memories(const std::vector<Candidate>& candidates,
                                          std::chrono::sys_seconds now,
                                          float current_valence,
                                          const RetrievalWeights& weights,
                                          std::size_t limit) {
    double best = 0.0;
    for (const auto& c : candidates) {
        best = std::max(best, c.bm25);
    }
    std::vector<RecalledMemory> ranked;
    if (best <= 0.0) {
        return ranked;
    }
    for (const auto& c : candidates) {
        const auto relevance = static_cast<float>(c.bm25 / best);
        if (relevance < weights.min_relevance) {
            continue;
        }
        const auto touched = c.memory.last_recalled_at.value_or(c.memory.created_at);
        const float score =
            weights.relevance * relevance +
            weights.recency * recency(now, touched, weights.recency_decay_per_hour) +
            weights.importance * c.memory.importance +
            weights.emotional_fit * emotional_fit(c.memory.valence, current_valence);
        ranked.push_back(
            RecalledMemory{.memory = c.memory, .score = score, .relevance = relevance});
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return a.score > b.score;
    });
    if (ranked.size() > limit) {
        ranked.resize(limit);
    }
    return ranked;
}

} // namespace samantha::memory
