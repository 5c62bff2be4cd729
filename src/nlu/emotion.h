#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

#include "nlu/linear_model.h"

// The trained emotion reader: a multi-label classifier over the fine labels of a public data set
// (GoEmotions' 28 for English, KOTE's 44 for Korean), the table that maps each fine label onto
// Samantha's taxonomy, and the artefact that holds a model with its tuned thresholds.
// docs/affect.md ("Recognition from text, v2") has the tables, the training and the numbers;
// affect/user_emotion.h fuses this reading with the lexicon.
namespace samantha::nlu {

// Which fine label set a model predicts.
enum class EmotionScheme {
    GoEmotions, // English: 27 emotions and neutral (Demszky et al. 2020)
    Kote,       // Korean: 43 emotions and 없음 "none" (Jeon et al. 2022)
};

// "goemotions" or "kote".
const char* emotion_scheme_name(EmotionScheme scheme);

// The sign a fine label gives a text's polarity.
enum class Polarity { Negative, Neutral, Positive };

// "negative", "neutral" or "positive".
const char* polarity_name(Polarity polarity);

// Ekman's six basic emotions and neutral, in the order of GoEmotions' ekman/labels.txt.
enum class Ekman { Anger, Disgust, Fear, Joy, Neutral, Sadness, Surprise };

inline constexpr int ekman_count = 7;

// "anger", "disgust", "fear", "joy", "neutral", "sadness" or "surprise".
const char* ekman_name(Ekman ekman);

// The Ekman class of a taxonomy label: joy, excitement, gratitude and affection are joy; sadness,
// loneliness and tiredness sadness; anxiety fear; the others their namesakes.
[[nodiscard]] Ekman ekman_of(EmotionLabel label);

// A place on Russell's circumplex: valence and arousal in [-1, 1].
struct AffectPoint {
    float valence = 0;
    float arousal = 0;
};

// The taxonomy's own place for `label` (the table in docs/affect.md).
[[nodiscard]] AffectPoint taxonomy_point(EmotionLabel label);

// The polarity of a taxonomy label: the sign of its valence, neutral within ±0.2 (neutral,
// surprise).
[[nodiscard]] Polarity taxonomy_polarity(EmotionLabel label);

// One fine label of a scheme and where it sits in Samantha's taxonomy.
struct FineLabel {
    std::string_view name; // as the data set writes it ("admiration", "안타까움/실망")
    EmotionLabel label;    // the taxonomy label it maps to
    AffectPoint point;     // taxonomy_point(label)
    Polarity polarity;     // taxonomy_polarity(label)
};

// The fine labels of `scheme`, in the data set's label-id order (GoEmotions original/labels.txt;
// KOTE's LABELS list, upstream README).
[[nodiscard]] std::span<const FineLabel> fine_labels(EmotionScheme scheme);

// The names of fine_labels(scheme), in order: the labels of the scheme's model file.
[[nodiscard]] std::vector<std::string> fine_label_names(EmotionScheme scheme);

// The polarity of a text whose fine labels are `labels` (indices into fine_labels(scheme)):
// positive when more of them are positive than negative, negative when more are negative,
// neutral otherwise (none, or a tie).
[[nodiscard]] Polarity polarity_of(EmotionScheme scheme, std::span<const int> labels);

// The number of taxonomy labels (EmotionLabel's enumerators).
inline constexpr std::size_t taxonomy_count = 12;

// Where a group of fine labels (a taxonomy label, an Ekman class) is read: the noisy-or of its
// members' probabilities, 1 − Π(1 − p_c), reaching the group's cut.
// A text's polarity is read from the expected numbers of its positive and negative fine labels,
// d = Σ_positive p_c − Σ_negative p_c + polarity_offset: positive when d > polarity_band,
// negative when d < −polarity_band, neutral between.
struct EmotionCuts {
    std::array<float, taxonomy_count> taxonomy{}; // indexed by EmotionLabel
    std::array<float, ekman_count> ekman{};       // indexed by Ekman
    float polarity_offset = 0.0f;
    float polarity_band = 0.5f;
};

// The artefact: a model over a scheme's fine labels, the threshold of each label and the cuts of
// its groups, all chosen on the tuning rows. Format, version 1 (little-endian, floats IEEE-754
// binary32):
//
//   offset  size  field
//   0       5     magic "SMEMO"
//   5       1     version, 1
//   6       1     scheme: 0 GoEmotions, 1 KOTE
//   7       1     reserved, zero
//   8       2     C, the number of fine labels (28 or 44)
//   10      4·C   threshold of each label, in (0, 1]: the label is read when its probability
//                 reaches it
//   ...     1     T, the number of taxonomy cuts (12), then 4·T cuts in EmotionLabel order, each
//                 in (0, 1]; a label the scheme has no fine label for has cut 1 (its score is 0)
//   ...     1     E, the number of Ekman cuts (7), then 4·E cuts in Ekman order, each in (0, 1]
//   ...     4     f32 polarity offset (finite), then 4: f32 polarity band (finite, >= 0)
//   ...     4     u32 length L, then L bytes: an nlu model file (linear_model.h), sigmoid, whose
//                 labels are fine_label_names(scheme)
//
// Nothing may follow.
class EmotionModel {
public:
    // Reads an artefact; `source` names it in errors. InvalidArgument when it is truncated, of
    // another version or scheme, or its model has other labels or output.
    [[nodiscard]] static Result<std::unique_ptr<EmotionModel>> load(std::string_view bytes,
                                                                    std::string_view source);

    // A model of `scheme` with one threshold per label (sizes must agree; asserted) and the cuts
    // of its groups.
    EmotionModel(EmotionScheme scheme,
                 LinearModel model,
                 std::vector<float> thresholds,
                 EmotionCuts cuts);

    [[nodiscard]] EmotionScheme scheme() const { return m_scheme; }

    [[nodiscard]] const LinearModel& model() const { return m_model; }

    // The threshold of each fine label, in label order.
    [[nodiscard]] const std::vector<float>& thresholds() const { return m_thresholds; }

    // The cuts of the taxonomy labels and Ekman classes.
    [[nodiscard]] const EmotionCuts& cuts() const { return m_cuts; }

    // The probability of each fine label for `text` (any bytes), whose lexicon cues are `cues`
    // (affect::lexicon_cues; they are features of the model).
    [[nodiscard]] std::vector<float> scores(std::string_view text,
                                            std::span<const std::string> cues) const;

    // The fine labels whose probability in `scores` reaches their threshold, in label order.
    [[nodiscard]] std::vector<int> labels_read(std::span<const float> scores) const;

    // Each taxonomy label's vote: the noisy-or of its fine labels' probabilities over its cut
    // (1 or more: the label is read; 0 for a label the scheme lacks).
    [[nodiscard]] std::array<float, taxonomy_count>
    taxonomy_votes(std::span<const float> scores) const;

    // The Ekman classes whose noisy-or reaches their cut; {neutral} when none does.
    [[nodiscard]] std::vector<int> ekman_read(std::span<const float> scores) const;

    // The polarity of the text (EmotionCuts).
    [[nodiscard]] Polarity polarity_read(std::span<const float> scores) const;

private:
    EmotionScheme m_scheme;
    LinearModel m_model;
    std::vector<float> m_thresholds;
    EmotionCuts m_cuts;
};

// The noisy-or 1 − Π(1 − p_c) of `scores` over the fine labels of `scheme` that map to taxonomy
// label `label`; 0 when none does.
[[nodiscard]] float
taxonomy_score(EmotionScheme scheme, std::span<const float> scores, EmotionLabel label);

// Σ p_c over the positive fine labels of `scheme` minus Σ p_c over the negative ones: the
// expected surplus of positive labels.
[[nodiscard]] float polarity_balance(EmotionScheme scheme, std::span<const float> scores);

// The polarity that balance `d` (polarity_balance) reads as under `cuts`.
[[nodiscard]] Polarity polarity_at(float d, const EmotionCuts& cuts);

// The noisy-or of `scores` over the fine labels of `scheme` whose taxonomy label is of Ekman
// class `ekman`.
[[nodiscard]] float ekman_score(EmotionScheme scheme, std::span<const float> scores, Ekman ekman);

// The artefact of `model` and its thresholds (format above). Deterministic.
[[nodiscard]] std::string serialize_emotion_model(EmotionScheme scheme,
                                                  const LinearModel& model,
                                                  const std::vector<float>& thresholds,
                                                  const EmotionCuts& cuts);

// The models built into Samantha (src/nlu/models/emotion_en.bin, emotion_ko.bin), loaded once on
// first use and shared read-only; null when the file was absent at build time. A built-in file
// that fails to load is a build bug (asserted).
[[nodiscard]] const EmotionModel* builtin_emotion_model(EmotionScheme scheme);

// The scheme Samantha reads `language` with: GoEmotions for English, KOTE for Korean.
[[nodiscard]] EmotionScheme emotion_scheme_for(Language language);

} // namespace samantha::nlu
