#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include <samantha/clock.h>
#include <samantha/types.h>

#include "memory/retrieval_query.h"

// Memory retrieval scoring (docs/memory.md, "Retrieval"), after the memory stream of Park et al.
// 2023, with BM25 over each memory alone and within its ±1 window of neighbouring messages:
//
//   score = w_rel·relevance + w_ent·entity_fit + w_time·time_fit + w_period·period_fit
//         + w_conv·conversation_support + w_rec·recency + w_imp·importance
//         + w_emo·emotional_fit
//
// each term in [0, 1]. Pure.
namespace samantha::memory {

// The most memories whose own terms one search matches by default; it bounds the cost of a
// search at any ledger size (a match in a neighbour's words adds at most two more per memory).
inline constexpr std::int64_t max_matched_memories = 2000;

// The weights and constants of the score. The defaults are tuned on LoCoMo conversations 1–5
// (bench/locomo.cpp; docs/memory.md gives the numbers).
struct RetrievalWeights {
    float relevance = 1.0f;
    float entity = 0.15f;
    float time = 0.2f;
    float period = 0.8f;
    float recency = 0.03f;
    float importance = 0.1f;
    float emotional_fit = 0.01f;
    // Relevance mixes BM25 of the memory alone and of its window (the memory with the
    // neighbouring messages of the same conversation), each divided by its best candidate's.
    float alone = 0.3f;
    float window = 1.0f;
    // How much the message before and the message after count in a window (term frequencies
    // and length), against 1 for the memory's own words.
    float before = 1.0f;
    float after = 0.5f;
    // Conversation support: the relevance that the best candidates of the same conversation
    // add up to, divided by the best conversation's; a message in a conversation that was
    // about the query gains (`support_from` candidates count).
    float conversation = 0.3f;
    std::size_t support_from = 10;
    // What a synonym from synonyms.txt weighs against a typed word.
    float synonym = 0.5f;
    // BM25's term-frequency saturation and length normalisation (Robertson & Zaragoza 2009).
    float k1 = 1.2f;
    float b = 0.6f;
    // Recency decays by this factor per hour since the memory was made or last recalled
    // (Park et al. use 0.995 per game hour).
    double recency_decay_per_hour = 0.995;
    // A memory must reach this share of the best candidate's relevance to be recalled.
    float min_relevance = 0.35f;
    // How many candidates the index's own BM25 hands to this ranking.
    std::size_t candidates = 32;
    // How many memories the index may score for one query (MemoryStore::search's max_matched):
    // the cost of a search grows with it; the turn's recall uses less (dialogue/recall.h).
    std::int64_t matched = max_matched_memories;
};

// A memory that matched the query: the memory, the index's own BM25 (higher is better, ≥ 0,
// used only to choose candidates), its index document — its own terms and those of the
// messages before and after it (space-separated, without the person prefix) — and its
// conversation (0 for none).
struct Candidate {
    Memory memory;
    double bm25 = 0.0;
    std::string terms;
    std::string before;
    std::string after;
    std::int64_t conversation_id = 0;
};

// What BM25 needs to know of the person's whole index.
struct IndexStats {
    std::int64_t memories = 0;       // indexed memories
    double mean_terms = 0.0;         // mean terms of a memory alone
    double mean_context_terms = 0.0; // mean terms of its neighbours, before and after together
    // Query term → how many memories hold it (of their own).
    std::unordered_map<std::string, std::int64_t> holding;
};

// What the ranking knows of the moment: when it is, the person's local date, and their valence.
struct RankContext {
    std::chrono::sys_seconds now{};
    CivilDate today;
    std::chrono::minutes utc_offset{0};
    float valence = 0.0f;
};

// exp(ln(decay)·hours): 1 for a memory touched now, 0.5 after ~138 h with the default decay.
float recency(std::chrono::sys_seconds now,
              std::chrono::sys_seconds touched,
              double decay_per_hour);

// Mood-congruent recall (Bower 1981): 1 when the memory's valence matches the person's current
// valence, 0 when opposite.
float emotional_fit(float memory_valence, float current_valence);

// A window's neighbours and what each counts for (memory/retrieval.h, RetrievalWeights).
struct WindowSides {
    std::string_view before;
    std::string_view after;
    float before_weight = 1.0f;
    float after_weight = 1.0f;
};

// BM25 of one document (space-separated terms) for weighted query terms:
// Σ weight · idf · tf·(k1 + 1) / (tf + k1·(1 − b + b·length/mean_length)), with
// idf = ln(1 + (N − n + 0.5)/(n + 0.5)) from `stats`. The window's sides count in tf and length
// by their weights.
double bm25(const std::vector<WeightedTerm>& terms,
            std::string_view document,
            const WindowSides& window,
            double mean_length,
            const IndexStats& stats,
            float k1,
            float b);

// The share of `entities` among a document's terms (0 when there are none).
float entity_fit(const std::vector<std::string>& entities, std::string_view document);

// 1 when the query asks when and the memory is dated (an event) or speaks of a time.
float time_fit(const SearchQuery& query, const Memory& memory);

// 1 when the memory falls in the query's period: an event's date, else the day it was told (in
// the person's local calendar, `utc_offset`).
float period_fit(const SearchQuery& query, const Memory& memory, std::chrono::minutes utc_offset);

// Scores candidates and returns the best `limit`, highest first. Relevance mixes BM25 alone and
// in the window, each divided by the best candidate's; candidates below min_relevance of the
// best relevance are dropped. Conversation support is added to the score (not to relevance).
std::vector<RecalledMemory> rank_memories(const SearchQuery& query,
                                          const std::vector<Candidate>& candidates,
                                          const IndexStats& stats,
                                          const RankContext& context,
                                          const RetrievalWeights& weights,
                                          std::size_t limit);

} // namespace samantha::memory
