#include "nlu/linear_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>
#include <optional>
#include <unordered_set>

#include <fmt/format.h>

#include "core/random.h"
#include "core/utf8.h"

namespace samantha::nlu {

namespace {

constexpr std::string_view magic = "SMNLU";
constexpr std::uint8_t format_version = 1;
constexpr std::size_t max_classes = 4096;
constexpr std::size_t max_label_bytes = 255;
constexpr float quant_levels = 127.0f;
// Training holds two floats per weight (value and AdaGrad history): at most 1 GiB.
constexpr std::size_t max_training_weights = std::size_t{1} << 27;

// --- probabilities ---------------------------------------------------------------------------

void softmax_in_place(std::vector<float>& z) {
    const float top = *std::max_element(z.begin(), z.end());
    float sum = 0;
    for (float& value : z) {
        value = std::exp(value - top);
        sum += value;
    }
    for (float& value : z) {
        value /= sum;
    }
}

float sigmoid(float z) {
    return 1.0f / (1.0f + std::exp(-z));
}

void probabilities_in_place(Output output, std::vector<float>& z) {
    if (output == Output::Softmax) {
        softmax_in_place(z);
        return;
    }
    for (float& value : z) {
        value = sigmoid(value);
    }
}

// --- the file --------------------------------------------------------------------------------

std::uint32_t fnv1a32(std::string_view bytes) {
    std::uint32_t hash = 0x811C9DC5U;
    for (const char byte : bytes) {
        hash = (hash ^ static_cast<unsigned char>(byte)) * 0x01000193U;
    }
    return hash;
}

void put_u8(std::string& out, unsigned value) {
    out.push_back(static_cast<char>(value & 0xFFU));
}

void put_u16(std::string& out, std::uint32_t value) {
    put_u8(out, value);
    put_u8(out, value >> 8);
}

void put_u32(std::string& out, std::uint32_t value) {
    put_u16(out, value & 0xFFFFU);
    put_u16(out, value >> 16);
}

void put_f32(std::string& out, float value) {
    put_u32(out, std::bit_cast<std::uint32_t>(value));
}

// Reads little-endian fields, remembering where it is for error messages.
class Reader {
public:
    Reader(std::string_view bytes, std::string_view source)
        : m_bytes(bytes)
        , m_source(source) {}

    std::size_t offset() const { return m_offset; }

    std::size_t remaining() const { return m_bytes.size() - m_offset; }

    // Nothing when `count` more bytes exist, else the truncation error naming `what`.
    std::optional<Error> need(std::size_t count, std::string_view what) const {
        if (remaining() >= count) {
            return std::nullopt;
        }
        return fail(fmt::format(
            "truncated: expected {} ({} bytes), only {} remain", what, count, remaining()));
    }

    std::uint32_t u8() { return static_cast<unsigned char>(m_bytes[m_offset++]); }

    std::uint32_t u16() {
        const std::uint32_t low = u8();
        return low | (u8() << 8);
    }

    std::uint32_t u32() {
        const std::uint32_t low = u16();
        return low | (u16() << 16);
    }

    float f32() { return std::bit_cast<float>(u32()); }

    std::string_view take(std::size_t count) {
        const std::string_view part = m_bytes.substr(m_offset, count);
        m_offset += count;
        return part;
    }

    // An error at the current offset.
    Error fail(std::string_view why) const { return fail_at(m_offset, why); }

    Error fail_at(std::size_t offset, std::string_view why) const {
        return make_error(
            ErrorCode::InvalidArgument,
            fmt::format("nlu: cannot load model '{}': at byte {}: {}", m_source, offset, why));
    }

private:
    std::string_view m_bytes;
    std::string_view m_source;
    std::size_t m_offset = 0;
};

// Reads the fixed header into `model`'s fields; the caller checks the magic and length first.
std::optional<Error> read_header(Reader& in, Output& output, FeatureSpec& spec) {
    if (const std::uint32_t version = in.u8(); version != format_version) {
        return in.fail_at(
            5, fmt::format("format version {} is not the supported {}", version, format_version));
    }
    const std::uint32_t kind = in.u8();
    if (kind > 1) {
        return in.fail_at(
            6, fmt::format("output kind {} is neither 0 (softmax) nor 1 (sigmoid)", kind));
    }
    output = kind == 0 ? Output::Softmax : Output::Sigmoid;
    spec.buckets_log2 = static_cast<int>(in.u8());
    spec.char_min = static_cast<int>(in.u8());
    spec.char_max = static_cast<int>(in.u8());
    const std::uint32_t flags = in.u8();
    if (!is_valid(spec)) {
        return in.fail_at(
            7,
            fmt::format("feature spec out of range (buckets_log2 {}, char n-grams {}..{})",
                        spec.buckets_log2,
                        spec.char_min,
                        spec.char_max));
    }
    if ((flags & ~0x7U) != 0) {
        return in.fail_at(10, fmt::format("unknown feature flags 0x{:02X}", flags));
    }
    spec.words = (flags & 0x1U) != 0;
    spec.word_bigrams = (flags & 0x2U) != 0;
    spec.jamo = (flags & 0x4U) != 0;
    if (const std::uint32_t reserved = in.u8(); reserved != 0) {
        return in.fail_at(11, fmt::format("reserved byte is {}, not 0", reserved));
    }
    return std::nullopt;
}

std::optional<Error> read_labels(Reader& in, std::vector<std::string>& labels) {
    const std::size_t count = in.u16();
    if (count == 0 || count > max_classes) {
        return in.fail_at(12, fmt::format("class count {} is not in 1..{}", count, max_classes));
    }
    std::unordered_set<std::string_view> seen;
    for (std::size_t c = 0; c < count; ++c) {
        const std::string what = fmt::format("label {}", c);
        if (auto error = in.need(1, what)) {
            return error;
        }
        const std::size_t start = in.offset();
        const std::size_t length = in.u8();
        if (length == 0) {
            return in.fail_at(start, fmt::format("{} is empty", what));
        }
        if (auto error = in.need(length, what)) {
            return error;
        }
        const std::string_view name = in.take(length);
        if (core::find_invalid_utf8(name)) {
            return in.fail_at(start, fmt::format("{} is not valid UTF-8", what));
        }
        if (!seen.insert(name).second) {
            return in.fail_at(start, fmt::format("{} '{}' repeats an earlier label", what, name));
        }
        labels.emplace_back(name);
    }
    return std::nullopt;
}

// Reads `count` floats that must be finite (and >= 0 when `non_negative`).
std::optional<Error> read_floats(Reader& in,
                                 std::size_t count,
                                 std::string_view what,
                                 bool non_negative,
                                 std::vector<float>& out) {
    if (auto error = in.need(4 * count, what)) {
        return error;
    }
    out.reserve(count);
    for (std::size_t c = 0; c < count; ++c) {
        const std::size_t start = in.offset();
        const float value = in.f32();
        if (!std::isfinite(value) || (non_negative && value < 0)) {
            return in.fail_at(start, fmt::format("{} of class {} is {}", what, c, value));
        }
        out.push_back(value);
    }
    return std::nullopt;
}

// --- training --------------------------------------------------------------------------------

std::optional<Error> check_options(const std::vector<TrainExample>& examples,
                                   const TrainOptions& options) {
    const auto invalid = [](std::string why) {
        return make_error(ErrorCode::InvalidArgument, "nlu: cannot train: " + std::move(why));
    };
    if (examples.empty()) {
        return invalid("no examples");
    }
    if (options.labels.empty() || options.labels.size() > max_classes) {
        return invalid(
            fmt::format("{} labels, expected 1..{}", options.labels.size(), max_classes));
    }
    std::unordered_set<std::string_view> seen;
    for (const std::string& label : options.labels) {
        if (label.empty() || label.size() > max_label_bytes || core::find_invalid_utf8(label) ||
            !seen.insert(label).second) {
            return invalid(
                fmt::format("label '{}' is empty, too long, not UTF-8 or repeated", label));
        }
    }
    if (!is_valid(options.spec)) {
        return invalid("the feature spec is out of range");
    }
    if (options.epochs < 1 || !(options.learning_rate > 0) ||
        !std::isfinite(options.learning_rate) || !(options.l2 >= 0) || !std::isfinite(options.l2)) {
        return invalid("epochs must be >= 1, learning_rate > 0 and l2 >= 0");
    }
    const std::uint32_t buckets = std::uint32_t{1} << options.spec.buckets_log2;
    const int classes = static_cast<int>(options.labels.size());
    if (static_cast<std::size_t>(buckets) * options.labels.size() > max_training_weights) {
        return make_error(
            ErrorCode::TooLarge,
            fmt::format("nlu: cannot train: 2^{} buckets x {} classes exceed {} weights",
                        options.spec.buckets_log2,
                        classes,
                        max_training_weights));
    }
    for (std::size_t i = 0; i < examples.size(); ++i) {
        const TrainExample& example = examples[i];
        if (!(example.weight >= 0) || !std::isfinite(example.weight)) {
            return invalid(fmt::format("example {} has weight {}", i, example.weight));
        }
        if (options.output == Output::Softmax && example.labels.empty()) {
            return invalid(fmt::format("example {} has no label, which softmax needs", i));
        }
        for (const int label : example.labels) {
            if (label < 0 || label >= classes) {
                return invalid(
                    fmt::format("example {} has label {}, not below {}", i, label, classes));
            }
        }
        for (const SparseFeature& feature : example.features) {
            if (feature.index >= buckets || !std::isfinite(feature.value)) {
                return invalid(fmt::format("example {} has feature {} (value {}), not below 2^{}",
                                           i,
                                           feature.index,
                                           feature.value,
                                           options.spec.buckets_log2));
            }
        }
    }
    return std::nullopt;
}

// Per-class multipliers of the loss: softmax scales whole examples by their labels' weights,
// sigmoid scales positive terms only.
std::vector<float> class_weights(const std::vector<TrainExample>& examples,
                                 const TrainOptions& options) {
    const std::size_t classes = options.labels.size();
    std::vector<float> weights(classes, 1.0f);
    if (!options.balance_classes) {
        return weights;
    }
    std::vector<double> counts(classes, 0.0);
    for (const TrainExample& example : examples) {
        for (const int label : example.labels) {
            counts[static_cast<std::size_t>(label)] += 1.0;
        }
    }
    const auto total = static_cast<double>(examples.size());
    for (std::size_t c = 0; c < classes; ++c) {
        if (counts[c] == 0) {
            continue;
        }
        weights[c] =
            options.output == Output::Softmax
                ? static_cast<float>(total / (static_cast<double>(classes) * counts[c]))
                : static_cast<float>(std::sqrt(std::max(1.0, (total - counts[c]) / counts[c])));
    }
    return weights;
}

// AdaGrad state for one weight matrix and its biases.
struct Trainer {
    std::size_t classes = 0;
    float learning_rate = 0;
    float l2 = 0;
    std::vector<float> weights; // feature-major
    std::vector<float> weight_history;
    std::vector<float> biases;
    std::vector<float> bias_history;

    // w -= lr · g / sqrt(G), where G sums every g² so far (plus a small start so the first step
    // is bounded).
    void step(float& weight, float& history, float gradient) const {
        history += gradient * gradient;
        weight -= learning_rate * gradient / std::sqrt(history);
    }

    // One example: `delta` holds d(loss)/dz per class.
    void update(const Features& features, const std::vector<float>& delta) {
        for (const SparseFeature& feature : features) {
            const std::size_t row = static_cast<std::size_t>(feature.index) * classes;
            for (std::size_t c = 0; c < classes; ++c) {
                const float gradient = delta[c] * feature.value + l2 * weights[row + c];
                step(weights[row + c], weight_history[row + c], gradient);
            }
        }
        for (std::size_t c = 0; c < classes; ++c) {
            step(biases[c], bias_history[c], delta[c]);
        }
    }
};

} // namespace

// --- LinearModel -----------------------------------------------------------------------------

int LinearModel::label_index(std::string_view name) const {
    const auto found = std::find(m_labels.begin(), m_labels.end(), name);
    return found == m_labels.end() ? -1 : static_cast<int>(found - m_labels.begin());
}

std::vector<float> LinearModel::logits(const Features& features) const {
    const std::size_t classes = m_labels.size();
    const std::uint32_t buckets = std::uint32_t{1} << m_spec.buckets_log2;
    std::vector<float> z(classes, 0.0f);
    if (is_quantized()) {
        for (const SparseFeature& feature : features) {
            if (feature.index >= buckets) {
                continue;
            }
            const std::int8_t* row =
                m_quantized.data() + static_cast<std::size_t>(feature.index) * classes;
            for (std::size_t c = 0; c < classes; ++c) {
                z[c] += feature.value * static_cast<float>(row[c]);
            }
        }
        for (std::size_t c = 0; c < classes; ++c) {
            z[c] = z[c] * m_scales[c] + m_biases[c];
        }
        return z;
    }
    for (const SparseFeature& feature : features) {
        if (feature.index >= buckets) {
            continue;
        }
        const float* row = m_weights.data() + static_cast<std::size_t>(feature.index) * classes;
        for (std::size_t c = 0; c < classes; ++c) {
            z[c] += feature.value * row[c];
        }
    }
    for (std::size_t c = 0; c < classes; ++c) {
        z[c] += m_biases[c];
    }
    return z;
}

std::vector<float> LinearModel::scores(const Features& features) const {
    std::vector<float> z = logits(features);
    probabilities_in_place(m_output, z);
    return z;
}

Prediction LinearModel::best(const Features& features) const {
    const std::vector<float> p = scores(features);
    const auto top = std::max_element(p.begin(), p.end());
    return Prediction{.label = static_cast<int>(top - p.begin()), .probability = *top};
}

std::vector<Prediction> LinearModel::top(const Features& features, std::size_t k) const {
    const std::vector<float> p = scores(features);
    std::vector<Prediction> all;
    all.reserve(p.size());
    for (std::size_t c = 0; c < p.size(); ++c) {
        all.push_back(Prediction{.label = static_cast<int>(c), .probability = p[c]});
    }
    const std::size_t keep = std::min(k, all.size());
    std::partial_sort(all.begin(),
                      all.begin() + static_cast<std::ptrdiff_t>(keep),
                      all.end(),
                      [](const Prediction& a, const Prediction& b) {
                          return a.probability > b.probability ||
                                 (a.probability == b.probability && a.label < b.label);
                      });
    all.resize(keep);
    return all;
}

std::string serialize(const LinearModel& model) {
    const std::size_t classes = model.m_labels.size();
    const std::size_t buckets = std::size_t{1} << model.m_spec.buckets_log2;
    std::vector<float> scales = model.m_scales;
    if (!model.is_quantized()) {
        scales.assign(classes, 0.0f);
        for (std::size_t f = 0; f < buckets; ++f) {
            for (std::size_t c = 0; c < classes; ++c) {
                scales[c] = std::max(scales[c], std::fabs(model.m_weights[f * classes + c]));
            }
        }
        for (float& scale : scales) {
            scale /= quant_levels;
        }
    }
    std::string out(magic);
    put_u8(out, format_version);
    put_u8(out, model.m_output == Output::Softmax ? 0 : 1);
    put_u8(out, static_cast<unsigned>(model.m_spec.buckets_log2));
    put_u8(out, static_cast<unsigned>(model.m_spec.char_min));
    put_u8(out, static_cast<unsigned>(model.m_spec.char_max));
    put_u8(out,
           (model.m_spec.words ? 0x1U : 0U) | (model.m_spec.word_bigrams ? 0x2U : 0U) |
               (model.m_spec.jamo ? 0x4U : 0U));
    put_u8(out, 0);
    put_u16(out, static_cast<std::uint32_t>(classes));
    for (const std::string& label : model.m_labels) {
        put_u8(out, static_cast<unsigned>(label.size()));
        out.append(label);
    }
    for (const float scale : scales) {
        put_f32(out, scale);
    }
    for (const float bias : model.m_biases) {
        put_f32(out, bias);
    }
    out.reserve(out.size() + classes * buckets + 4);
    for (std::size_t c = 0; c < classes; ++c) {
        for (std::size_t f = 0; f < buckets; ++f) {
            std::int8_t q = 0;
            if (model.is_quantized()) {
                q = model.m_quantized[f * classes + c];
            } else if (scales[c] > 0) {
                const float level = std::round(model.m_weights[f * classes + c] / scales[c]);
                q = static_cast<std::int8_t>(std::clamp(level, -quant_levels, quant_levels));
            }
            out.push_back(static_cast<char>(q));
        }
    }
    put_u32(out, fnv1a32(out));
    return out;
}

Result<LinearModel> LinearModel::load(std::string_view bytes, std::string_view source) {
    Reader in(bytes, source);
    if (auto error = in.need(magic.size(), "the magic")) {
        return *error;
    }
    if (in.take(magic.size()) != magic) {
        return in.fail_at(0, "not a Samantha classifier (the magic \"SMNLU\" is missing)");
    }
    if (auto error = in.need(9, "the header")) {
        return *error;
    }
    LinearModel model;
    if (auto error = read_header(in, model.m_output, model.m_spec)) {
        return *error;
    }
    if (auto error = read_labels(in, model.m_labels)) {
        return *error;
    }
    const std::size_t classes = model.m_labels.size();
    if (auto error = read_floats(in, classes, "scale", true, model.m_scales)) {
        return *error;
    }
    if (auto error = read_floats(in, classes, "bias", false, model.m_biases)) {
        return *error;
    }
    const std::size_t buckets = std::size_t{1} << model.m_spec.buckets_log2;
    if (auto error = in.need(classes * buckets + 4, "the weights and checksum")) {
        return *error;
    }
    if (in.remaining() > classes * buckets + 4) {
        return in.fail_at(in.offset() + classes * buckets + 4,
                          fmt::format("{} unexpected bytes after the checksum",
                                      in.remaining() - classes * buckets - 4));
    }
    const std::string_view rows = in.take(classes * buckets);
    const std::size_t checksum_at = in.offset();
    const std::uint32_t stored = in.u32();
    if (const std::uint32_t actual = fnv1a32(bytes.substr(0, checksum_at)); actual != stored) {
        return in.fail_at(checksum_at,
                          fmt::format("checksum 0x{:08X} does not match the contents (0x{:08X}): "
                                      "the file is corrupt",
                                      stored,
                                      actual));
    }
    model.m_quantized.resize(classes * buckets);
    for (std::size_t c = 0; c < classes; ++c) {
        for (std::size_t f = 0; f < buckets; ++f) {
            model.m_quantized[f * classes + c] = static_cast<std::int8_t>(rows[c * buckets + f]);
        }
    }
    return model;
}

Result<LinearModel> train_linear(const std::vector<TrainExample>& examples,
                                 const TrainOptions& options) {
    if (auto error = check_options(examples, options)) {
        return *error;
    }
    const std::size_t classes = options.labels.size();
    const std::size_t buckets = std::size_t{1} << options.spec.buckets_log2;
    // A small starting history keeps the first AdaGrad steps (g / sqrt(g²) = ±1) from jumping.
    constexpr float history_start = 1e-2f;
    Trainer trainer{.classes = classes,
                    .learning_rate = options.learning_rate,
                    .l2 = options.l2,
                    .weights = std::vector<float>(buckets * classes, 0.0f),
                    .weight_history = std::vector<float>(buckets * classes, history_start),
                    .biases = std::vector<float>(classes, 0.0f),
                    .bias_history = std::vector<float>(classes, history_start)};
    const std::vector<float> weights = class_weights(examples, options);

    LinearModel model;
    model.m_output = options.output;
    model.m_spec = options.spec;
    model.m_labels = options.labels;

    std::vector<std::size_t> order(examples.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    core::Rng rng(options.seed);
    std::vector<float> z(classes);
    std::vector<float> target(classes);
    std::vector<float> delta(classes);
    for (int epoch = 0; epoch < options.epochs; ++epoch) {
        for (std::size_t i = order.size(); i > 1; --i) {
            std::swap(order[i - 1], order[rng.below(i)]);
        }
        for (const std::size_t index : order) {
            const TrainExample& example = examples[index];
            z.assign(trainer.biases.begin(), trainer.biases.end());
            for (const SparseFeature& feature : example.features) {
                const std::size_t row = static_cast<std::size_t>(feature.index) * classes;
                for (std::size_t c = 0; c < classes; ++c) {
                    z[c] += feature.value * trainer.weights[row + c];
                }
            }
            probabilities_in_place(options.output, z);
            std::fill(target.begin(), target.end(), 0.0f);
            float example_weight = example.weight;
            if (options.output == Output::Softmax) {
                const float share = 1.0f / static_cast<float>(example.labels.size());
                float balance = 0;
                for (const int label : example.labels) {
                    target[static_cast<std::size_t>(label)] += share;
                    balance += share * weights[static_cast<std::size_t>(label)];
                }
                example_weight *= balance;
                for (std::size_t c = 0; c < classes; ++c) {
                    delta[c] = example_weight * (z[c] - target[c]);
                }
            } else {
                for (const int label : example.labels) {
                    target[static_cast<std::size_t>(label)] = 1.0f;
                }
                for (std::size_t c = 0; c < classes; ++c) {
                    const float positive = target[c] > 0 ? weights[c] : 1.0f;
                    delta[c] = example_weight * positive * (z[c] - target[c]);
                }
            }
            trainer.update(example.features, delta);
        }
    }
    model.m_weights = std::move(trainer.weights);
    model.m_biases = std::move(trainer.biases);
    return model;
}

} // namespace samantha::nlu
