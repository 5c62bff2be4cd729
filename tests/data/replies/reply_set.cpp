#include "reply_set.h"

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/text.h"

namespace samantha::reply_eval {

const char* split_name(Split split) {
    return split == Split::Dev ? "dev" : "test";
}

Split split_of(std::string_view id) {
    std::uint32_t h = 2166136261u;
    for (const char c : id) {
        h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    }
    return h % 100 < 70 ? Split::Dev : Split::Test;
}

namespace {

std::vector<std::string> alternatives(std::string_view value) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= value.size()) {
        auto end = value.find('|', start);
        if (end == std::string_view::npos) {
            end = value.size();
        }
        const auto trimmed = core::trim(value.substr(start, end - start));
        if (!trimmed.empty()) {
            out.push_back(core::to_lower(trimmed));
        }
        start = end + 1;
    }
    return out;
}

Error bad(std::string_view source, std::size_t line, std::string_view why) {
    return make_error(ErrorCode::InvalidArgument, fmt::format("{}:{}: {}", source, line, why));
}

} // namespace

Result<std::vector<Case>>
parse(std::string_view text, std::string_view source, Language language, bool exchange) {
    std::vector<Case> cases;
    std::size_t number = 0;
    bool open = false;
    const auto close = [&]() -> Result<void> {
        if (!open) {
            return {};
        }
        open = false;
        const Case& c = cases.back();
        if (c.messages.empty() || c.strategies.empty() || c.must.empty()) {
            return bad(source,
                       number,
                       fmt::format("case {} needs a > message, a strategy and a must line", c.id));
        }
        return {};
    };
    for (const auto raw : core::split_lines(text)) {
        ++number;
        const auto line = core::trim(raw);
        if (line.empty()) {
            if (auto closed = close(); !closed) {
                return closed.error();
            }
            continue;
        }
        if (line.front() == '#') {
            continue;
        }
        if (line.starts_with("case ")) {
            if (auto closed = close(); !closed) {
                return closed.error();
            }
            const auto rest = core::trim(line.substr(5));
            const auto space = rest.find(' ');
            if (space == std::string_view::npos ||
                core::trim(rest.substr(space)).find(' ') != std::string_view::npos) {
                return bad(source, number, "expected: case ID KIND");
            }
            cases.push_back(Case{.id = std::string(rest.substr(0, space)),
                                 .kind = std::string(core::trim(rest.substr(space))),
                                 .language = language,
                                 .exchange = exchange,
                                 .source = fmt::format("{}:{}", source, number)});
            open = true;
            continue;
        }
        if (!open) {
            return bad(source, number, "a line outside a case (a case starts with `case ID KIND`)");
        }
        Case& c = cases.back();
        if (line.front() == '>') {
            c.messages.emplace_back(core::trim(line.substr(1)));
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string_view::npos) {
            return bad(source, number, "expected > TEXT, strategy:, must: or must-not:");
        }
        const auto key = core::trim(line.substr(0, colon));
        const auto value = line.substr(colon + 1);
        if (key == "strategy") {
            c.strategies = alternatives(value);
        } else if (key == "must") {
            c.must.push_back(alternatives(value));
        } else if (key == "must-not") {
            for (auto& a : alternatives(value)) {
                c.must_not.push_back(std::move(a));
            }
        } else {
            return bad(source, number, fmt::format("unknown key `{}`", key));
        }
    }
    ++number;
    if (auto closed = close(); !closed) {
        return closed.error();
    }
    return cases;
}

Result<std::vector<Case>> load(const std::filesystem::path& dir) {
    std::vector<Case> all;
    const std::pair<const char*, Language> languages[] = {{"en", Language::English},
                                                          {"ko", Language::Korean}};
    for (const auto& [prefix, language] : languages) {
        for (const bool exchange : {false, true}) {
            const auto path =
                dir / fmt::format("{}_{}.txt", prefix, exchange ? "exchanges" : "openings");
            std::ifstream in(path);
            if (!in) {
                return make_error(ErrorCode::Io, fmt::format("{}: cannot read", path.string()));
            }
            std::stringstream text;
            text << in.rdbuf();
            auto cases = parse(text.str(), path.filename().string(), language, exchange);
            if (!cases) {
                return cases.error();
            }
            std::move(cases->begin(), cases->end(), std::back_inserter(all));
        }
    }
    return all;
}

Result<Answer> tell(Engine& engine, const Case& c) {
    const auto local =
        std::chrono::sys_days{std::chrono::year{2026} / 5 / 14} + std::chrono::hours(19);
    const std::chrono::minutes offset{c.language == Language::Korean ? 9 * 60 : 0};
    Moment at{.utc = std::chrono::time_point_cast<std::chrono::seconds>(local - offset),
              .utc_offset = offset};
    auto conversation = engine.conversation(c.id, at);
    if (!conversation) {
        return make_error(conversation.error().code,
                          fmt::format("{} ({}): {}", c.id, c.source, conversation.error().message));
    }
    Answer answer;
    for (const auto& message : c.messages) {
        auto out = (*conversation)->turn(TurnInput{.text = message, .at = at});
        if (!out) {
            return make_error(out.error().code,
                              fmt::format("{} ({}): {}", c.id, c.source, out.error().message));
        }
        answer = Answer{.reply = out->reply, .strategy = out->strategy};
        at.utc += std::chrono::seconds(40);
    }
    return answer;
}

Verdict judge(const Case& c, std::string_view reply, std::string_view strategy) {
    Verdict v;
    const std::string lowered = core::to_lower(reply);
    v.strategy_ok =
        std::find(c.strategies.begin(), c.strategies.end(), strategy) != c.strategies.end();
    v.must_ok = true;
    for (const auto& line : c.must) {
        const bool any = std::any_of(line.begin(), line.end(), [&](const std::string& a) {
            return core::contains(lowered, a);
        });
        if (!any) {
            v.must_ok = false;
            if (v.why.empty()) {
                v.why = fmt::format("must: {}", fmt::join(line, "|"));
            }
        }
    }
    v.must_not_ok = true;
    for (const auto& a : c.must_not) {
        if (core::contains(lowered, a)) {
            v.must_not_ok = false;
            if (v.why.empty()) {
                v.why = fmt::format("must-not: {}", a);
            }
        }
    }
    if (!v.strategy_ok) {
        v.why = fmt::format("strategy {} not in {}", strategy, fmt::join(c.strategies, "|"));
    }
    return v;
}

} // namespace samantha::reply_eval
