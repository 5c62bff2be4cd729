#include "memory/retrieval.h"

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "core/time.h"

namespace samantha::memory {

namespace {

// Calls on_term for every space-separated term of `document`.
template <typename F>
void for_each_term(std::string_view document, F&& on_term) {
    std::size_t start = 0;
    while (start < document.size()) {
        auto end = document.find(' ', start);
        if (end == std::string_view::npos) {
            end = document.size();
        }
        if (end > start) {
            on_term(document.substr(start, end - start));
        }
        start = end + 1;
    }
}

double idf(const IndexStats& stats, const std::string& term) {
    const auto it = stats.holding.find(term);
    const double n = it == stats.holding.end() ? 0.0 : static_cast<double>(it->second);
    const double total = std::max<double>(static_cast<double>(stats.memories), n);
    return std::log(1.0 + (total - n + 0.5) / (n + 0.5));
}

// BM25 for one query over many documents: the query's terms are looked up by hash, their IDF
// computed once.
class Bm25 {
public:
    Bm25(const std::vector<WeightedTerm>& terms, const IndexStats& stats, float k1, float b)
        : m_terms(terms)
        , m_k1(k1)
        , m_b(b) {
        m_idf.reserve(terms.size());
        for (std::size_t i = 0; i < terms.size(); ++i) {
            m_index.emplace(terms[i].term, i);
            m_idf.push_back(idf(stats, terms[i].term));
        }
        m_frequency.resize(terms.size());
    }

    double score(std::string_view document, const WindowSides& window, double mean_length) {
        std::fill(m_frequency.begin(), m_frequency.end(), 0.0);
        double length = 0.0;
        const auto counter = [&](double weight) {
            return [this, &length, weight](std::string_view term) {
                length += weight;
                if (const auto it = m_index.find(term); it != m_index.end()) {
                    m_frequency[it->second] += weight;
                }
            };
        };
        for_each_term(document, counter(1.0));
        if (window.before_weight > 0.0f) {
            for_each_term(window.before, counter(window.before_weight));
        }
        if (window.after_weight > 0.0f) {
            for_each_term(window.after, counter(window.after_weight));
        }
        const double norm = m_k1 * (1.0 - m_b + m_b * length / std::max(1.0, mean_length));
        double total = 0.0;
        for (std::size_t i = 0; i < m_terms.size(); ++i) {
            if (m_frequency[i] > 0.0) {
                const double tf = m_frequency[i];
                total += m_terms[i].weight * m_idf[i] * tf * (m_k1 + 1.0) / (tf + norm);
            }
        }
        return total;
    }

private:
    const std::vector<WeightedTerm>& m_terms;
    double m_k1;
    double m_b;
    std::unordered_map<std::string_view, std::size_t> m_index;
    std::vector<double> m_idf;
    std::vector<double> m_frequency;
};

} // namespace

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

double bm25(const std::vector<WeightedTerm>& terms,
            std::string_view document,
            const WindowSides& window,
            double mean_length,
            const IndexStats& stats,
            float k1,
            float b) {
    return Bm25(terms, stats, k1, b).score(document, window, mean_length);
}

float entity_fit(const std::vector<std::string>& entities, std::string_view document) {
    if (entities.empty()) {
        return 0.0f;
    }
    std::size_t found = 0;
    for (const auto& entity : entities) {
        bool held = false;
        for_each_term(document, [&](std::string_view term) { held = held || term == entity; });
        found += held ? 1 : 0;
    }
    return static_cast<float>(found) / static_cast<float>(entities.size());
}

float time_fit(const SearchQuery& query, const Memory& memory) {
    return query.asks_when && (memory.date || mentions_time(memory.text)) ? 1.0f : 0.0f;
}

float period_fit(const SearchQuery& query, const Memory& memory, std::chrono::minutes utc_offset) {
    if (!query.period) {
        return 0.0f;
    }
    const CivilDate day =
        memory.date ? *memory.date
                    : core::local_date(Moment{.utc = memory.created_at, .utc_offset = utc_offset});
    return day >= query.period->from && day <= query.period->to ? 1.0f : 0.0f;
}

std::vector<RecalledMemory> rank_memories(const SearchQuery& query,
                                          const std::vector<Candidate>& candidates,
                                          const IndexStats& stats,
                                          const RankContext& context,
                                          const RetrievalWeights& weights,
                                          std::size_t limit) {
    const std::size_t n = candidates.size();
    std::vector<double> alone(n);
    std::vector<double> window(n);
    double best_alone = 0.0;
    double best_window = 0.0;
    Bm25 scorer(query.terms, stats, weights.k1, weights.b);
    const double mean_window =
        stats.mean_terms + 0.5 * (weights.before + weights.after) * stats.mean_context_terms;
    for (std::size_t i = 0; i < n; ++i) {
        const Candidate& c = candidates[i];
        alone[i] = scorer.score(
            c.terms, WindowSides{.before_weight = 0.0f, .after_weight = 0.0f}, stats.mean_terms);
        window[i] = scorer.score(c.terms,
                                 WindowSides{.before = c.before,
                                             .after = c.after,
                                             .before_weight = weights.before,
                                             .after_weight = weights.after},
                                 mean_window);
        best_alone = std::max(best_alone, alone[i]);
        best_window = std::max(best_window, window[i]);
    }
    std::vector<RecalledMemory> ranked;
    const float mix = weights.alone + weights.window;
    if (best_window <= 0.0 || mix <= 0.0f) {
        return ranked;
    }
    std::vector<float> relevance(n);
    float best_relevance = 0.0f;
    for (std::size_t i = 0; i < n; ++i) {
        const double a = best_alone > 0.0 ? alone[i] / best_alone : 0.0;
        relevance[i] = static_cast<float>(
            (weights.alone * a + weights.window * window[i] / best_window) / mix);
        best_relevance = std::max(best_relevance, relevance[i]);
    }
    // Conversation support: the relevance of the best candidates, summed per conversation.
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return relevance[x] > relevance[y];
    });
    std::unordered_map<std::int64_t, float> support;
    float best_support = 0.0f;
    for (std::size_t k = 0; k < n && k < weights.support_from; ++k) {
        const std::int64_t conversation = candidates[order[k]].conversation_id;
        if (conversation != 0) {
            best_support = std::max(best_support, support[conversation] += relevance[order[k]]);
        }
    }
    for (std::size_t i = 0; i < n; ++i) {
        if (relevance[i] <= 0.0f || relevance[i] < weights.min_relevance * best_relevance) {
            continue;
        }
        const Memory& m = candidates[i].memory;
        const auto touched = m.last_recalled_at.value_or(m.created_at);
        const auto found = support.find(candidates[i].conversation_id);
        const float conversation_support =
            found == support.end() || best_support <= 0.0f ? 0.0f : found->second / best_support;
        const float score =
            weights.relevance * relevance[i] +
            weights.entity * entity_fit(query.entities, candidates[i].terms) +
            weights.time * time_fit(query, m) +
            weights.period * period_fit(query, m, context.utc_offset) +
            weights.conversation * conversation_support +
            weights.recency * recency(context.now, touched, weights.recency_decay_per_hour) +
            weights.importance * m.importance +
            weights.emotional_fit * emotional_fit(m.valence, context.valence);
        ranked.push_back(RecalledMemory{.memory = m, .score = score, .relevance = relevance[i]});
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
