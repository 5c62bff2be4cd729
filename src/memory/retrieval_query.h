#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/types.h>

#include "memory/terms.h"

// What a message or search asks of memory (docs/memory.md, "Retrieval"): its weighted terms with
// their synonyms, the people and pets it names, and what it says about time. Pure.
namespace samantha::memory {

// A span of calendar days, both ends included.
struct DateRange {
    CivilDate from;
    CivilDate to;

    friend bool operator==(const DateRange&, const DateRange&) = default;
};

// A query, analysed.
struct SearchQuery {
    // The typed terms (weight 1; Korean syllable bigrams bigram_weight), then the synonym
    // table's expansions (synonym weight / words of the entry).
    std::vector<WeightedTerm> terms;
    // Index terms of the people and pets the query names: capitalised English names, and the
    // known names (people and animals among the facts) that occur in it.
    std::vector<std::string> entities;
    // The query asks when something happened ("when did…", "what date", "언제", "며칠").
    bool asks_when = false;
    // The days the query points at ("last week", "in May", "yesterday", "지난달", "5월에").
    std::optional<DateRange> period;
};

// Analyses `text` said on `today`. `known_names` are the names among the person's facts (their
// own, their people's and pets'); `synonym_weight` is what an expansion weighs against a typed
// word. At most `max_terms` typed terms.
SearchQuery analyse_query(std::string_view text,
                          CivilDate today,
                          const std::vector<std::string>& known_names,
                          float synonym_weight,
                          std::size_t max_terms = 24);

// The days a time expression of `text` points at, looking back from `today`: yesterday, last
// week / this week / last weekend, last month / this month, last year / this year, N days /
// weeks / months ago, last Friday, in May (May 2023), 2023; 어제, 그저께, 지난주, 이번 주,
// 지난 주말, 지난달, 이번 달, 작년, 올해, N일 전, N주 전, 지난 금요일, 5월(에), 2023년.
std::optional<DateRange> find_period(std::string_view text, CivilDate today);

// Whether `text` speaks of a time: a relative day or week (yesterday, last week, 어제, 지난주),
// a weekday, a month, a year, "ago", "전에", "N월 N일"… Used to answer "when" questions.
bool mentions_time(std::string_view text);

} // namespace samantha::memory
