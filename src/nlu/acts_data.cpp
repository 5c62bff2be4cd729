#include "nlu/acts_data.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/text.h"

namespace samantha::nlu {

Result<std::vector<ActRow>>
parse_act_rows(std::string_view tsv, std::string_view source, Language language) {
    std::vector<ActRow> rows;
    std::size_t number = 0;
    for (const auto line : core::split_lines(tsv)) {
        ++number;
        if (core::trim(line).empty() || line.front() == '#') {
            continue;
        }
        const auto fail = [&](std::string_view why) {
            return Error{ErrorCode::InvalidArgument,
                         fmt::format("act data: {} line {}: {}", source, number, why)};
        };
        const std::size_t first = line.find('\t');
        const std::size_t second =
            first == std::string_view::npos ? first : line.find('\t', first + 1);
        if (second == std::string_view::npos ||
            line.find('\t', second + 1) != std::string_view::npos) {
            return fail("expected 3 tab-separated fields (act, voice, text)");
        }
        const std::string_view name = line.substr(0, first);
        const auto act = parse_dialogue_act(name);
        if (!act) {
            return fail(fmt::format("unknown act '{}'", name));
        }
        const std::string_view text = line.substr(second + 1);
        if (core::trim(text).empty()) {
            return fail("empty text");
        }
        rows.push_back({.act = *act,
                        .voice = std::string(line.substr(first + 1, second - first - 1)),
                        .text = std::string(text),
                        .language = language,
                        .split = risk_split(text),
                        .source = fmt::format("{}:{}", source, number)});
    }
    return rows;
}

Result<std::vector<ActRow>> load_act_rows(const std::filesystem::path& dir,
                                          const std::vector<RiskSplit>& splits) {
    std::vector<ActRow> rows;
    for (const auto& [name, language] :
         {std::pair{"en.tsv", Language::English}, std::pair{"ko.tsv", Language::Korean}}) {
        const std::filesystem::path path = dir / name;
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return Error{ErrorCode::NotFound,
                         fmt::format("act data: cannot read '{}'", path.string())};
        }
        std::ostringstream content;
        content << in.rdbuf();
        auto parsed = parse_act_rows(content.str(), name, language);
        if (!parsed) {
            return parsed.error();
        }
        for (auto& row : *parsed) {
            if (std::find(splits.begin(), splits.end(), row.split) != splits.end()) {
                rows.push_back(std::move(row));
            }
        }
    }
    return rows;
}

} // namespace samantha::nlu
