#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>

#include "nlu/emotion.h"

// The public emotion data sets the reader is trained and measured on (../shared/data), their
// fixed splits, and the multi-label F1 both the trainer and the bench report. The one place that
// decides which split a row belongs to: tools/train_emotion and bench/understanding both call it.
namespace samantha::nlu {

// Where a data row falls. The rule looks only at the row's text, FNV-1a 64 (risk_split_hash)
// over its bytes, so it was fixed before any training; never change it.
enum class EmotionSplit {
    Train, // fits the weights
    Tune,  // held back from the training rows: thresholds and options are chosen on it
    Test,  // never trained or tuned on: the bench's measurement
};

// "train", "tune" or "test".
const char* emotion_split_name(EmotionSplit split);

// A row of GoEmotions train.tsv: h % 10 == 0 is Tune, the rest Train. (GoEmotions' own dev.tsv
// is the Test split; its test.tsv is not available.)
[[nodiscard]] EmotionSplit goemotions_train_split(std::string_view text);

// A row of KOTE val.tsv: h % 5 == 0 is Test, the rest Train; thresholds are tuned by
// cross-validation over kote_fold.
[[nodiscard]] EmotionSplit kote_split(std::string_view text);

// The cross-validation fold (0..4) of a KOTE row: (h / 5) % 5.
[[nodiscard]] int kote_fold(std::string_view text);

// One labelled text.
struct EmotionRow {
    std::string text;
    std::vector<int> labels; // fine label ids (GoEmotions, KOTE) or class ids (chatbot, Ekman)
};

// GoEmotions' TSV (`text<TAB>ids<TAB>comment id`, ids comma-separated), as in original/,
// ekman/ and group/. NotFound or InvalidArgument (naming the file and line) on failure.
[[nodiscard]] Result<std::vector<EmotionRow>> load_goemotions(const std::filesystem::path& file);

// KOTE's TSV (`id<TAB>text<TAB>ids`), keeping only the rows whose kote_split is in `splits`, so
// a trainer that asks for Train never holds a Test row.
[[nodiscard]] Result<std::vector<EmotionRow>> load_kote(const std::filesystem::path& file,
                                                        std::span<const EmotionSplit> splits);

// korean-chatbot-data's ChatbotData.csv: the questions (column Q) with their label (0 everyday,
// 1 breakup/sad, 2 love/happy); quoted fields and a label with trailing spaces are handled.
[[nodiscard]] Result<std::vector<EmotionRow>>
load_chatbot_questions(const std::filesystem::path& file);

// Per-class counts of a multi-label prediction.
struct ClassCounts {
    std::vector<double> tp, fp, fn;

    explicit ClassCounts(std::size_t classes)
        : tp(classes, 0)
        , fp(classes, 0)
        , fn(classes, 0) {}

    // Adds one text: the predicted and the gold class sets (class ids, duplicates ignored).
    void add(std::span<const int> predicted, std::span<const int> gold);

    // F1 of class c: 2tp / (2tp + fp + fn); 0 when the class never occurs nor is predicted.
    [[nodiscard]] double f1(std::size_t c) const;

    // The mean F1 over the classes.
    [[nodiscard]] double macro_f1() const;
};

} // namespace samantha::nlu
