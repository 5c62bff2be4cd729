#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

#include "nlu/risk.h"

// The authored risk data set (tests/data/risk/*.tsv) and its fixed train/dev/test split. The one
// place that decides which split a message belongs to: the trainer, the bench and the tests all
// call risk_split().
namespace samantha::nlu {

// Which part of the data set a message belongs to.
enum class RiskSplit { Train, Dev, Test };

// "train", "dev" or "test".
const char* risk_split_name(RiskSplit split);

// FNV-1a, 64 bits (offset 14695981039346656037, prime 1099511628211), over the bytes of `text`.
[[nodiscard]] std::uint64_t risk_split_hash(std::string_view text);

// The split of a message, from the hash of its text exactly as written in the file:
// h % 100 < 70 is train, < 85 dev, the rest test. Fixed before any tuning; never change it.
[[nodiscard]] RiskSplit risk_split(std::string_view text);

// The gold label of a row: crisis, concern, or a harmless look-alike.
enum class RiskLabel { Crisis, Concern, Lookalike };

// "crisis", "concern" or "lookalike".
const char* risk_label_name(RiskLabel label);

// One line of a risk file: label<TAB>kind<TAB>concept<TAB>voice<TAB>text.
struct RiskRow {
    RiskLabel label = RiskLabel::Lookalike;
    RiskKind kind = RiskKind::None;
    std::string concept_name; // the concept the message rests on ("means", "hyperbole", ...)
    std::string voice;        // who is typing ("teen", "older adult", ...)
    std::string text;
    Language language = Language::English; // from the file name (en_* or ko_*)
    RiskSplit split = RiskSplit::Train;
    std::string source; // "en_a.tsv:17"
};

// The level a row asks the reader for: crisis → Crisis, concern → Concern, lookalike → None.
[[nodiscard]] RiskLevel expected_level(const RiskRow& row);

// Parses one file's text. Lines starting with '#' and blank lines are skipped. A line with the
// wrong number of fields or an unknown label or kind is an InvalidArgument error naming
// `source` and the line.
[[nodiscard]] Result<std::vector<RiskRow>>
parse_risk_rows(std::string_view tsv, std::string_view source, Language language);

// Reads en_a.tsv, en_b.tsv, ko_a.tsv and ko_b.tsv (and any other en_*.tsv / ko_*.tsv) from
// `dir`, in name order. Rows of the splits not in `splits` are dropped as they are read, so a
// caller that asks for train and dev never holds a test row. NotFound when `dir` has none.
[[nodiscard]] Result<std::vector<RiskRow>> load_risk_rows(const std::filesystem::path& dir,
                                                          std::vector<RiskSplit> splits);

} // namespace samantha::nlu
