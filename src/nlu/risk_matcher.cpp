#include "nlu/risk_matcher.h"

#include <algorithm>
#include <tuple>

namespace samantha::nlu {

int PatternMatcher::add(std::span<const std::uint32_t> pattern) {
    const int id = static_cast<int>(m_lengths.size());
    m_starts.push_back(static_cast<std::uint32_t>(m_symbols.size()));
    m_lengths.push_back(static_cast<std::uint32_t>(pattern.size()));
    m_symbols.insert(m_symbols.end(), pattern.begin(), pattern.end());
    return id;
}

std::uint32_t PatternMatcher::child(std::uint32_t state, std::uint32_t symbol) const {
    const Node& node = m_nodes[state];
    const auto begin = m_edges.begin() + node.edge_begin;
    const auto end = m_edges.begin() + node.edge_end;
    const auto it = std::lower_bound(
        begin, end, symbol, [](const Edge& e, std::uint32_t s) { return e.symbol < s; });
    return it != end && it->symbol == symbol ? it->target : no_child;
}

std::uint32_t PatternMatcher::step(std::uint32_t state, std::uint32_t symbol) const {
    while (true) {
        const std::uint32_t next = child(state, symbol);
        if (next != no_child) {
            return next;
        }
        if (state == 0) {
            return 0;
        }
        state = m_nodes[state].fail;
    }
}

void PatternMatcher::build() {
    // The trie from the patterns in sorted order: each shares the path of its longest common
    // prefix with the one before it and adds nodes for the rest, so no lookup table is needed.
    const auto pattern = [&](int id) {
        return std::span<const std::uint32_t>(m_symbols).subspan(m_starts[id], m_lengths[id]);
    };
    std::vector<int> order(m_lengths.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
        order[k] = static_cast<int>(k);
    }
    std::sort(order.begin(), order.end(), [&](int a, int b) {
        const auto pa = pattern(a);
        const auto pb = pattern(b);
        return std::lexicographical_compare(pa.begin(), pa.end(), pb.begin(), pb.end());
    });
    std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint32_t>>
        edges;                                       // parent, symbol, child
    std::vector<std::pair<std::uint32_t, int>> ends; // node, pattern
    std::vector<std::uint32_t> path = {0};
    std::span<const std::uint32_t> previous;
    std::uint32_t nodes = 1;
    for (const int id : order) {
        const auto current = pattern(id);
        std::size_t common = 0;
        while (common < previous.size() && common < current.size() &&
               previous[common] == current[common]) {
            ++common;
        }
        path.resize(common + 1);
        for (std::size_t d = common; d < current.size(); ++d) {
            edges.emplace_back(path.back(), current[d], nodes);
            path.push_back(nodes++);
        }
        ends.emplace_back(path.back(), id);
        previous = current;
    }
    const std::uint32_t n = nodes;
    m_nodes.assign(n, Node{});
    // Edges grouped by parent (a stable sort keeps each parent's symbols in order).
    std::stable_sort(edges.begin(), edges.end(), [](const auto& a, const auto& b) {
        return std::get<0>(a) < std::get<0>(b);
    });
    m_edges.clear();
    m_edges.reserve(edges.size());
    std::size_t k = 0;
    for (std::uint32_t s = 0; s < n; ++s) {
        m_nodes[s].edge_begin = static_cast<std::uint32_t>(m_edges.size());
        while (k < edges.size() && std::get<0>(edges[k]) == s) {
            m_edges.push_back({std::get<1>(edges[k]), std::get<2>(edges[k])});
            ++k;
        }
        m_nodes[s].edge_end = static_cast<std::uint32_t>(m_edges.size());
    }
    std::vector<std::pair<std::uint32_t, int>>& m_ends = ends;
    // The patterns ending at each node.
    std::sort(m_ends.begin(), m_ends.end());
    m_outputs.clear();
    m_outputs.reserve(m_ends.size());
    for (std::size_t e = 0; e < m_ends.size();) {
        const std::uint32_t node = m_ends[e].first;
        m_nodes[node].out_begin = static_cast<std::uint32_t>(m_outputs.size());
        while (e < m_ends.size() && m_ends[e].first == node) {
            m_outputs.push_back(m_ends[e].second);
            ++e;
        }
        m_nodes[node].out_end = static_cast<std::uint32_t>(m_outputs.size());
    }
    // Breadth first: a node's failure link is its longest proper suffix in the trie.
    std::vector<std::uint32_t> queue;
    queue.reserve(n);
    for (std::uint32_t e = m_nodes[0].edge_begin; e < m_nodes[0].edge_end; ++e) {
        queue.push_back(m_edges[e].target);
    }
    for (std::size_t head = 0; head < queue.size(); ++head) {
        const std::uint32_t s = queue[head];
        const std::uint32_t fail = m_nodes[s].fail;
        m_nodes[s].dictionary =
            m_nodes[fail].out_begin < m_nodes[fail].out_end ? fail : m_nodes[fail].dictionary;
        for (std::uint32_t e = m_nodes[s].edge_begin; e < m_nodes[s].edge_end; ++e) {
            const Edge edge = m_edges[e];
            m_nodes[edge.target].fail = step(fail, edge.symbol);
            queue.push_back(edge.target);
        }
    }
    m_symbols = {};
    m_starts = {};
}

} // namespace samantha::nlu
