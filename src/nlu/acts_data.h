#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

#include "nlu/acts.h"
#include "nlu/risk_data.h"

// The authored dialogue-act data set (tests/data/acts/{en,ko}.tsv) and its split. The split is the
// one of every authored set, nlu::risk_split (FNV-1a 64 of the text, h % 100: < 70 train, < 85
// dev, the rest test), so the trainer, the bench and the tests agree on it.
namespace samantha::nlu {

// One line of an act file: act<TAB>voice<TAB>text.
struct ActRow {
    DialogueAct act = DialogueAct::Statement;
    std::string voice; // who is typing ("teen", "older", "texting", ...)
    std::string text;
    Language language = Language::English; // from the file name (en.tsv or ko.tsv)
    RiskSplit split = RiskSplit::Train;
    std::string source; // "en.tsv:17"
};

// Parses one file's text. Lines starting with '#' and blank lines are skipped. A line with the
// wrong number of fields, an unknown act or an empty text is an InvalidArgument error naming
// `source` and the line.
[[nodiscard]] Result<std::vector<ActRow>>
parse_act_rows(std::string_view tsv, std::string_view source, Language language);

// Reads en.tsv and ko.tsv from `dir` (tests/data/acts). Rows of the splits not in `splits` are
// dropped as they are read, so a caller that asks for train and dev never holds a test row.
// NotFound when a file is missing.
[[nodiscard]] Result<std::vector<ActRow>> load_act_rows(const std::filesystem::path& dir,
                                                        const std::vector<RiskSplit>& splits);

} // namespace samantha::nlu
