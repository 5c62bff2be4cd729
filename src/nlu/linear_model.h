#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>

#include "nlu/text_features.h"

// A linear classifier over hashed text features (nlu/text_features.h): training, scoring and a
// small binary model file. The model, loss and optimiser are written out in docs/nlu.md.
//
// Model file, version 1 (all integers and floats little-endian, floats IEEE-754 binary32):
//
//   offset  size   field
//   0       5      magic "SMNLU"
//   5       1      format version, 1 (bumped whenever the file layout or the features change)
//   6       1      output: 0 softmax, 1 sigmoid
//   7       1      buckets_log2, 8..24; B = 2^buckets_log2
//   8       1      char_min, 1..char_max
//   9       1      char_max, char_min..8
//   10      1      flags: bit 0 words, bit 1 word_bigrams, bit 2 jamo; other bits zero
//   11      1      reserved, zero
//   12      2      C, the number of classes, 1..4096
//   14      ...    C labels, each a length byte (1..255) and that many bytes of UTF-8; no two equal
//   ...     4·C    scale of each class row (finite, >= 0)
//   ...     4·C    bias of each class (finite)
//   ...     C·B    int8 weights, class-major: row c holds class c's weights for buckets 0..B-1;
//                  the weight of bucket f for class c is scale[c] · row_c[f]
//   end-4   4      FNV-1a 32-bit checksum of every byte before it
//
// Nothing may follow the checksum. 2^16 buckets and 44 classes make a 2.9 MB file.
namespace samantha::nlu {

// How class scores become probabilities.
enum class Output {
    Softmax, // exactly one label per text: probabilities sum to 1
    Sigmoid, // any number of labels per text: one independent probability per class
};

struct TrainExample;
struct TrainOptions;

// A class and its probability.
struct Prediction {
    int label = -1; // index into LinearModel::labels()
    float probability = 0;
};

// A trained classifier: z = W·x + b over featurize() vectors, then softmax or sigmoid. Immutable
// once built, so one instance may be shared read-only across threads (std::shared_ptr<const>).
// A model fresh from train_linear keeps float weights; one read by load() keeps the int8 weights
// of the file, scaled per class.
class LinearModel {
public:
    // Reads a model file (format above). `source` names it in errors ("risk_ko.bin"). Fails with
    // ErrorCode::InvalidArgument, saying what is wrong and at which byte offset, when the bytes
    // are truncated, corrupt (checksum), of another version, or out of range; never crashes.
    [[nodiscard]] static Result<LinearModel> load(std::string_view bytes, std::string_view source);

    // Class names, in index order.
    [[nodiscard]] const std::vector<std::string>& labels() const { return m_labels; }

    // The features this model expects: callers featurize with exactly this spec.
    [[nodiscard]] const FeatureSpec& spec() const { return m_spec; }

    // Softmax or sigmoid.
    [[nodiscard]] Output output() const { return m_output; }

    // Whether the weights are the int8 ones of a model file (true after load()).
    [[nodiscard]] bool is_quantized() const { return !m_quantized.empty(); }

    // The index of the class called `name`, or -1.
    [[nodiscard]] int label_index(std::string_view name) const;

    // Raw class scores z = W·x + b, one per label. Entries of `features` at or past the bucket
    // count are ignored.
    [[nodiscard]] std::vector<float> logits(const Features& features) const;

    // Class probabilities, one per label (softmax: summing to 1; sigmoid: each in [0, 1]).
    [[nodiscard]] std::vector<float> scores(const Features& features) const;

    // The most probable class (the lowest index among equals).
    [[nodiscard]] Prediction best(const Features& features) const;

    // The `k` most probable classes, most probable first (ties by lower index); fewer when the
    // model has fewer classes.
    [[nodiscard]] std::vector<Prediction> top(const Features& features, std::size_t k) const;

private:
    friend std::string serialize(const LinearModel& model);
    friend Result<LinearModel> train_linear(const std::vector<TrainExample>& examples,
                                            const TrainOptions& options);

    LinearModel() = default;

    Output m_output = Output::Softmax;
    FeatureSpec m_spec;
    std::vector<std::string> m_labels;
    std::vector<float> m_biases;
    // Feature-major (bucket · C + class), so scoring a sparse vector reads contiguous rows.
    // Exactly one of m_weights and m_quantized is filled.
    std::vector<float> m_weights;
    std::vector<std::int8_t> m_quantized;
    std::vector<float> m_scales; // one per class, with m_quantized
};

// The model file of `model` (format above). Float weights are quantised to int8 with one scale
// per class: scale = max |w| / 127, q = round(w / scale). Deterministic: the same model gives
// the same bytes.
[[nodiscard]] std::string serialize(const LinearModel& model);

// One training text: its features and the indices of its labels.
struct TrainExample {
    Features features;
    std::vector<int> labels; // softmax: one or more (the target spreads evenly); sigmoid: any
    float weight = 1;        // scales this example's loss; >= 0
};

// How train_linear learns.
struct TrainOptions {
    Output output = Output::Softmax;
    std::vector<std::string> labels; // class names; TrainExample::labels index them
    FeatureSpec spec;                // the spec the examples were featurized with
    int epochs = 10;
    float learning_rate = 0.2f; // AdaGrad step size
    float l2 = 1e-4f;           // L2 penalty on the weights (not the biases), per step
    std::uint64_t seed = 1;     // shuffling order; the same inputs and seed give the same model
    // Softmax: weight each example by N / (C · n_label), so rare classes count as much as common
    // ones. Sigmoid: weight each class's positive examples by sqrt(negatives / positives).
    bool balance_classes = false;
};

// Trains a model by AdaGrad on cross-entropy (softmax) or per-class logistic loss (sigmoid),
// visiting the examples in a fresh seeded shuffle each epoch. Single-threaded and deterministic:
// the same examples, options and seed give a byte-identical serialize(). Fails with
// ErrorCode::InvalidArgument when there are no examples or labels, the spec is invalid, an
// option is out of range, a label index is out of range (or a softmax example has none), or a
// feature index is not below 2^spec.buckets_log2; with ErrorCode::TooLarge when buckets × classes
// exceed 2^27 weights (training keeps 8 bytes per weight).
[[nodiscard]] Result<LinearModel> train_linear(const std::vector<TrainExample>& examples,
                                               const TrainOptions& options);

} // namespace samantha::nlu
