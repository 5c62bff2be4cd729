#include "nlu/emotion_data.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/text.h"
#include "nlu/risk_data.h"

namespace samantha::nlu {

namespace {

Result<std::string> read_whole(const std::filesystem::path& file, std::string_view what) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return Error{ErrorCode::NotFound, fmt::format("{}: cannot read '{}'", what, file.string())};
    }
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

std::vector<std::string_view> split_tabs(std::string_view line) {
    std::vector<std::string_view> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t tab = line.find('\t', start);
        if (tab == std::string_view::npos) {
            fields.push_back(line.substr(start));
            return fields;
        }
        fields.push_back(line.substr(start, tab - start));
        start = tab + 1;
    }
}

// "3,14,27" → {3, 14, 27}; false when a part is not a number.
bool parse_ids(std::string_view field, std::vector<int>& ids) {
    ids.clear();
    std::size_t start = 0;
    while (start <= field.size()) {
        const std::size_t comma = std::min(field.find(',', start), field.size());
        const std::string_view part = core::trim(field.substr(start, comma - start));
        int id = 0;
        const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), id);
        if (part.empty() || ec != std::errc{} || ptr != part.data() + part.size() || id < 0) {
            return false;
        }
        ids.push_back(id);
        start = comma + 1;
    }
    return !ids.empty();
}

} // namespace

const char* emotion_split_name(EmotionSplit split) {
    switch (split) {
    case EmotionSplit::Train:
        return "train";
    case EmotionSplit::Tune:
        return "tune";
    case EmotionSplit::Test:
        return "test";
    }
    return "train";
}

EmotionSplit goemotions_train_split(std::string_view text) {
    return risk_split_hash(text) % 10 == 0 ? EmotionSplit::Tune : EmotionSplit::Train;
}

EmotionSplit kote_split(std::string_view text) {
    return risk_split_hash(text) % 5 == 0 ? EmotionSplit::Test : EmotionSplit::Train;
}

int kote_fold(std::string_view text) {
    return static_cast<int>((risk_split_hash(text) / 5) % 5);
}

Result<std::vector<EmotionRow>> load_goemotions(const std::filesystem::path& file) {
    auto content = read_whole(file, "goemotions");
    if (!content) {
        return content.error();
    }
    std::vector<EmotionRow> rows;
    int line_number = 0;
    for (const std::string_view line : core::split_lines(*content)) {
        ++line_number;
        if (line.empty()) {
            continue;
        }
        const auto fields = split_tabs(line);
        EmotionRow row;
        if (fields.size() < 2 || !parse_ids(fields[1], row.labels)) {
            return Error{ErrorCode::InvalidArgument,
                         fmt::format("goemotions: {} line {}: expected text<TAB>ids",
                                     file.string(),
                                     line_number)};
        }
        row.text = std::string(fields[0]);
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<std::vector<EmotionRow>> load_kote(const std::filesystem::path& file,
                                          std::span<const EmotionSplit> splits) {
    auto content = read_whole(file, "kote");
    if (!content) {
        return content.error();
    }
    std::vector<EmotionRow> rows;
    int line_number = 0;
    for (const std::string_view line : core::split_lines(*content)) {
        ++line_number;
        if (line.empty()) {
            continue;
        }
        const auto fields = split_tabs(line);
        EmotionRow row;
        if (fields.size() < 3 || !parse_ids(fields[2], row.labels)) {
            return Error{ErrorCode::InvalidArgument,
                         fmt::format("kote: {} line {}: expected id<TAB>text<TAB>ids",
                                     file.string(),
                                     line_number)};
        }
        if (std::find(splits.begin(), splits.end(), kote_split(fields[1])) == splits.end()) {
            continue;
        }
        row.text = std::string(fields[1]);
        rows.push_back(std::move(row));
    }
    return rows;
}

Result<std::vector<EmotionRow>> load_chatbot_questions(const std::filesystem::path& file) {
    auto content = read_whole(file, "chatbot");
    if (!content) {
        return content.error();
    }
    const std::string& csv = *content;
    std::vector<EmotionRow> rows;
    std::size_t i = csv.find('\n'); // after the header Q,A,label
    if (i == std::string::npos) {
        return rows;
    }
    ++i;
    while (i < csv.size()) {
        // One record: its fields, honouring quotes and doubled quotes.
        std::vector<std::string> fields(1);
        bool quoted = false;
        while (i < csv.size()) {
            const char c = csv[i++];
            if (quoted) {
                if (c == '"' && i < csv.size() && csv[i] == '"') {
                    fields.back().push_back('"');
                    ++i;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    fields.back().push_back(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.emplace_back();
            } else if (c == '\n') {
                break;
            } else if (c != '\r') {
                fields.back().push_back(c);
            }
        }
        if (fields.size() < 3) {
            continue;
        }
        const std::string_view label = core::trim(fields.back());
        const std::string_view question = core::trim(fields.front());
        if (question.empty() || label.size() != 1 || label[0] < '0' || label[0] > '2') {
            continue;
        }
        rows.push_back(EmotionRow{.text = std::string(question), .labels = {label[0] - '0'}});
    }
    return rows;
}

void ClassCounts::add(std::span<const int> predicted, std::span<const int> gold) {
    const std::size_t classes = tp.size();
    std::vector<char> p(classes, 0);
    std::vector<char> g(classes, 0);
    for (const int c : predicted) {
        if (c >= 0 && static_cast<std::size_t>(c) < classes) {
            p[static_cast<std::size_t>(c)] = 1;
        }
    }
    for (const int c : gold) {
        if (c >= 0 && static_cast<std::size_t>(c) < classes) {
            g[static_cast<std::size_t>(c)] = 1;
        }
    }
    for (std::size_t c = 0; c < classes; ++c) {
        tp[c] += p[c] && g[c] ? 1 : 0;
        fp[c] += p[c] && !g[c] ? 1 : 0;
        fn[c] += !p[c] && g[c] ? 1 : 0;
    }
}

double ClassCounts::f1(std::size_t c) const {
    const double denominator = 2 * tp[c] + fp[c] + fn[c];
    return denominator > 0 ? 2 * tp[c] / denominator : 0;
}

double ClassCounts::macro_f1() const {
    if (tp.empty()) {
        return 0;
    }
    double sum = 0;
    for (std::size_t c = 0; c < tp.size(); ++c) {
        sum += f1(c);
    }
    return sum / static_cast<double>(tp.size());
}

} // namespace samantha::nlu
