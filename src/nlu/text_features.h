#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

// Hashed sparse features of a short text (a chat message), shared by every trained reader of
// people: crisis risk, emotion, dialogue acts. The scheme is written out in docs/nlu.md.
namespace samantha::nlu {

// Which features featurize() emits and how many hash buckets they fall into. Stored inside each
// model file, so a model is always scored with the features it was trained on.
struct FeatureSpec {
    int buckets_log2 = 18; // 2^buckets_log2 hash buckets; valid range 8..24
    int char_min = 1;      // shortest character n-gram, in code points (1..char_max)
    int char_max = 4;      // longest character n-gram, in code points (char_min..8)
    bool words = true;     // word unigrams
    bool word_bigrams = true;
    bool jamo = true; // Hangul jamo 2-3-grams and 초성 (initial-consonant) n-grams
};

// One non-zero entry of a sparse feature vector.
struct SparseFeature {
    std::uint32_t index = 0; // bucket, below 2^buckets_log2
    float value = 0;
};

// A sparse vector: entries sorted by strictly increasing index, L2 norm 1 (or empty).
using Features = std::vector<SparseFeature>;

// Whether `spec` is within the documented ranges; a model file or training run with any other spec
// is rejected.
[[nodiscard]] bool is_valid(const FeatureSpec& spec);

// The normalised form of `text` the features are computed from: lower-cased (ASCII, Latin-1,
// Latin Extended-A, full-width ASCII), conjoining Hangul jamo composed into syllables, runs of
// three or more identical code points shortened to two ("soooo" → "soo", "ㅠㅠㅠㅠ" → "ㅠㅠ"),
// whitespace runs collapsed to one space and trimmed, invalid UTF-8 replaced by U+FFFD.
[[nodiscard]] std::u32string normalize_for_features(std::string_view text);

// The hashed features of `text` (any bytes; invalid UTF-8 is tolerated) under `spec`, plus one
// feature per entry of `extra` (named cues such as "lex:joy" or "cue:question", hashed into the
// same space). Each occurrence counts 1; a bucket hit c times gets sqrt(c) before the vector is
// L2-normalised. Deterministic: the same text, spec and extras give the same vector on every
// platform. A `spec` outside the ranges of is_valid is clamped into them. Texts are cut at 16,384
// code points. Thread-safe; allocates only the result and a few scratch buffers.
[[nodiscard]] Features
featurize(std::string_view text, const FeatureSpec& spec, std::span<const std::string> extra = {});

} // namespace samantha::nlu
