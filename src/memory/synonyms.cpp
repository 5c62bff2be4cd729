#include "memory/synonyms.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

#include "core/hangul.h"
#include "core/text.h"
#include "core/utf8.h"
#include "memory/synonyms_data.h"

namespace samantha::memory {

namespace {

bool is_hangul_word(std::string_view word) {
    const auto cps = core::decode_utf8(word);
    return !cps.empty() && std::all_of(cps.begin(), cps.end(), core::is_hangul_syllable);
}

// An entry of a group: the keys of its words, in order.
using Entry = std::vector<std::string>;

// The parsed table: groups of entries, and where each entry's first key occurs.
struct Table {
    std::vector<std::vector<Entry>> groups;
    // First key of an entry → (group, entry) pairs.
    std::unordered_map<std::string, std::vector<std::pair<std::size_t, std::size_t>>> by_first;
};

Entry entry_of(std::string_view text) {
    Entry keys;
    for (const auto& word : core::split_words(core::to_lower(text))) {
        keys.push_back(synonym_key(word));
    }
    return keys;
}

Table parse(std::string_view text) {
    Table table;
    for (const std::string_view raw : core::split_lines(text)) {
        const std::string_view line = core::trim(raw);
        if (line.empty() || line.front() == '#') {
            continue;
        }
        std::vector<Entry> group;
        std::size_t start = 0;
        while (start <= line.size()) {
            const auto comma = line.find(',', start);
            const auto end = comma == std::string_view::npos ? line.size() : comma;
            Entry entry = entry_of(line.substr(start, end - start));
            if (!entry.empty() && std::find(group.begin(), group.end(), entry) == group.end()) {
                group.push_back(std::move(entry));
            }
            start = end + 1;
        }
        if (group.size() < 2) {
            continue;
        }
        const std::size_t g = table.groups.size();
        for (std::size_t e = 0; e < group.size(); ++e) {
            table.by_first[group[e].front()].emplace_back(g, e);
        }
        table.groups.push_back(std::move(group));
    }
    return table;
}

const Table& table() {
    static const Table parsed = parse(synonyms_data::text());
    return parsed;
}

} // namespace

std::string synonym_key(std::string_view lower_word) {
    if (!is_hangul_word(lower_word)) {
        return english_stem(lower_word);
    }
    std::string stem = korean_stem(lower_word);
    constexpr std::string_view ha = "하";
    if (stem.size() > ha.size() && stem.ends_with(ha)) {
        stem.resize(stem.size() - ha.size());
    }
    return stem;
}

std::vector<WeightedTerm> synonym_terms(std::string_view text, float weight) {
    std::vector<WeightedTerm> out;
    const Table& t = table();
    const Entry words = entry_of(text);
    std::unordered_set<std::string> typed(words.begin(), words.end());
    for (const auto& term : query_terms(text, 4096)) {
        typed.insert(term);
    }
    std::unordered_map<std::string, std::size_t> position;
    const auto add = [&](const std::string& term, float w) {
        if (typed.contains(term) || is_stop_word(term)) {
            return;
        }
        if (auto it = position.find(term); it != position.end()) {
            out[it->second].weight = std::max(out[it->second].weight, w);
            return;
        }
        position.emplace(term, out.size());
        out.push_back(WeightedTerm{.term = term, .weight = w});
    };
    std::unordered_set<std::size_t> expanded;
    for (std::size_t i = 0; i < words.size(); ++i) {
        const auto found = t.by_first.find(words[i]);
        if (found == t.by_first.end()) {
            continue;
        }
        for (const auto& [g, e] : found->second) {
            const Entry& entry = t.groups[g][e];
            const bool matches = i + entry.size() <= words.size() &&
                                 std::equal(entry.begin(), entry.end(), words.begin() + i);
            if (!matches || !expanded.insert(g).second) {
                continue;
            }
            for (std::size_t other = 0; other < t.groups[g].size(); ++other) {
                if (other == e) {
                    continue;
                }
                const Entry& synonym = t.groups[g][other];
                for (const auto& key : synonym) {
                    add(key, weight / static_cast<float>(synonym.size()));
                }
            }
        }
    }
    return out;
}

} // namespace samantha::memory
