#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

// A set of symbol strings found all at once in a text (Aho–Corasick), so the risk reading costs one
// pass over a message however many patterns it knows. Symbols are 32-bit: word ids for English
// (a pattern is a run of words), code points for Korean (a pattern is a run of syllables).
namespace samantha::nlu {

// Built once with add() and build(), then immutable: find() may run on many threads at once.
class PatternMatcher {
public:
    // Adds a pattern (non-empty) and returns its id, 0, 1, 2, … in the order added. Only before
    // build(). Symbol 0 is reserved for "no pattern has this" and must not appear.
    int add(std::span<const std::uint32_t> pattern);

    // Computes the failure links. Call once, after the last add().
    void build();

    // Number of patterns added.
    [[nodiscard]] int size() const { return static_cast<int>(m_lengths.size()); }

    // Number of trie nodes (for the bench's memory figure).
    [[nodiscard]] std::size_t node_count() const { return m_nodes.size(); }

    // Symbol length of pattern `id`.
    [[nodiscard]] std::size_t length(int id) const { return m_lengths[id]; }

    // Calls on_match(id, end) for every occurrence of every pattern in `text`, `end` being the
    // index just past it; overlapping occurrences are all reported.
    template <typename OnMatch>
    void find(std::span<const std::uint32_t> text, OnMatch&& on_match) const {
        std::uint32_t state = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            state = step(state, text[i]);
            std::uint32_t node = m_nodes[state].out_begin < m_nodes[state].out_end
                                     ? state
                                     : m_nodes[state].dictionary;
            while (node != 0) {
                const Node& n = m_nodes[node];
                for (std::uint32_t k = n.out_begin; k < n.out_end; ++k) {
                    on_match(m_outputs[k], i + 1);
                }
                node = n.dictionary;
            }
        }
    }

private:
    struct Edge {
        std::uint32_t symbol = 0;
        std::uint32_t target = 0;
    };

    struct Node {
        std::uint32_t edge_begin = 0;
        std::uint32_t edge_end = 0;
        std::uint32_t fail = 0;
        std::uint32_t dictionary = 0; // the longest proper suffix node with patterns of its own
        std::uint32_t out_begin = 0;
        std::uint32_t out_end = 0;
    };

    static constexpr std::uint32_t no_child = 0xFFFFFFFF;

    [[nodiscard]] std::uint32_t child(std::uint32_t state, std::uint32_t symbol) const;
    [[nodiscard]] std::uint32_t step(std::uint32_t state, std::uint32_t symbol) const;

    // While adding: the patterns, back to back (m_starts[id] is where pattern id begins).
    std::vector<std::uint32_t> m_symbols;
    std::vector<std::uint32_t> m_starts;
    std::vector<std::uint32_t> m_lengths;

    std::vector<Node> m_nodes;
    std::vector<Edge> m_edges;
    std::vector<int> m_outputs;
};

} // namespace samantha::nlu
