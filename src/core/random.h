#pragma once

#include <cstddef>
#include <cstdint>

namespace samantha::core {

// A small, seeded, reproducible generator (SplitMix64). Not for cryptography.
class Rng {
public:
    explicit Rng(std::uint64_t seed)
        : m_state(seed) {}

    // The next 64 random bits.
    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    // Uniform in [0, bound); bound must be positive.
    std::size_t below(std::size_t bound) { return static_cast<std::size_t>(next() % bound); }

    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

private:
    std::uint64_t m_state;
};

// Mixes several values into one seed (FNV-1a over their bytes, then SplitMix).
std::uint64_t mix_seed(std::uint64_t a, std::uint64_t b);

} // namespace samantha::core
