#include "nlu/risk_data.h"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "core/text.h"

namespace samantha::nlu {

const char* risk_split_name(RiskSplit split) {
    switch (split) {
    case RiskSplit::Train:
        return "train";
    case RiskSplit::Dev:
        return "dev";
    case RiskSplit::Test:
        return "test";
    }
    return "train";
}

std::uint64_t risk_split_hash(std::string_view text) {
    std::uint64_t h = 14695981039346656037ULL;
    for (const char c : text) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ULL;
    }
    return h;
}

RiskSplit risk_split(std::string_view text) {
    const std::uint64_t bucket = risk_split_hash(text) % 100;
    if (bucket < 70) {
        return RiskSplit::Train;
    }
    return bucket < 85 ? RiskSplit::Dev : RiskSplit::Test;
}

const char* risk_label_name(RiskLabel label) {
    switch (label) {
    case RiskLabel::Crisis:
        return "crisis";
    case RiskLabel::Concern:
        return "concern";
    case RiskLabel::Lookalike:
        return "lookalike";
    }
    return "lookalike";
}

RiskLevel expected_level(const RiskRow& row) {
    switch (row.label) {
    case RiskLabel::Crisis:
        return RiskLevel::Crisis;
    case RiskLabel::Concern:
        return RiskLevel::Concern;
    case RiskLabel::Lookalike:
        return RiskLevel::None;
    }
    return RiskLevel::None;
}

namespace {

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

std::optional<RiskKind> parse_kind(std::string_view name) {
    for (const RiskKind kind : {RiskKind::None,
                                RiskKind::Suicide,
                                RiskKind::SelfHarm,
                                RiskKind::HarmToOthers,
                                RiskKind::Abuse}) {
        if (name == risk_kind_name(kind)) {
            return kind;
        }
    }
    return std::nullopt;
}

std::optional<RiskLabel> parse_label(std::string_view name) {
    for (const RiskLabel label : {RiskLabel::Crisis, RiskLabel::Concern, RiskLabel::Lookalike}) {
        if (name == risk_label_name(label)) {
            return label;
        }
    }
    return std::nullopt;
}

} // namespace

Result<std::vector<RiskRow>>
parse_risk_rows(std::string_view tsv, std::string_view source, Language language) {
    std::vector<RiskRow> rows;
    std::size_t number = 0;
    for (const auto line : core::split_lines(tsv)) {
        ++number;
        if (core::trim(line).empty() || line.front() == '#') {
            continue;
        }
        const auto fields = split_tabs(line);
        const auto fail = [&](std::string_view why) {
            return Error{ErrorCode::InvalidArgument,
                         fmt::format("risk data: {} line {}: {}", source, number, why)};
        };
        if (fields.size() != 5) {
            return fail(fmt::format("{} fields, expected 5 (label, kind, concept, voice, text)",
                                    fields.size()));
        }
        const auto label = parse_label(fields[0]);
        if (!label) {
            return fail(fmt::format("unknown label '{}'", fields[0]));
        }
        const auto kind = parse_kind(fields[1]);
        if (!kind) {
            return fail(fmt::format("unknown kind '{}'", fields[1]));
        }
        if (fields[4].empty()) {
            return fail("empty text");
        }
        rows.push_back({.label = *label,
                        .kind = *kind,
                        .concept_name = std::string(fields[2]),
                        .voice = std::string(fields[3]),
                        .text = std::string(fields[4]),
                        .language = language,
                        .split = risk_split(fields[4]),
                        .source = fmt::format("{}:{}", source, number)});
    }
    return rows;
}

Result<std::vector<RiskRow>> load_risk_rows(const std::filesystem::path& dir,
                                            std::vector<RiskSplit> splits) {
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        const bool ours =
            (name.starts_with("en_") || name.starts_with("ko_")) && name.ends_with(".tsv");
        if (ours && entry.is_regular_file()) {
            files.push_back(entry.path());
        }
    }
    if (ec) {
        return Error{ErrorCode::NotFound,
                     fmt::format("risk data: cannot list '{}': {}", dir.string(), ec.message())};
    }
    if (files.empty()) {
        return Error{ErrorCode::NotFound,
                     fmt::format("risk data: no en_*.tsv or ko_*.tsv in '{}'", dir.string())};
    }
    std::sort(files.begin(), files.end());
    std::vector<RiskRow> rows;
    for (const auto& path : files) {
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            return Error{ErrorCode::Io, fmt::format("risk data: cannot read '{}'", path.string())};
        }
        std::ostringstream content;
        content << in.rdbuf();
        const std::string name = path.filename().string();
        const Language language = name.starts_with("ko_") ? Language::Korean : Language::English;
        auto parsed = parse_risk_rows(content.str(), name, language);
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
