// Runs the conversation scripts in tests/scenarios/*.scn (format: tests/scenarios/README.md)
// against the real engine with the builtin composer, a fixed clock and a temporary data dir.
#include <algorithm>
#include <deque>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <tuple>

#include <gtest/gtest.h>
#include <samantha/engine.h>

#include "core/text.h"
#include "core/time.h"
#include "dialogue/composer.h"
#include "fakes/fake_clock.h"

namespace samantha {
namespace {

std::vector<std::string> scenario_files() {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(SAMANTHA_SCENARIO_DIR)) {
        if (entry.path().extension() == ".scn") {
            files.push_back(entry.path().stem().string());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

// The text between the first and last double quote.
std::string quoted(std::string_view line) {
    const auto first = line.find('"');
    const auto last = line.rfind('"');
    if (first == std::string_view::npos || last == first) {
        return {};
    }
    return std::string(line.substr(first + 1, last - first - 1));
}

// "closeness < 0.3", "trust > 0.4", "intensity < 0.5", "pleasure > 0": name, is-less, bound.
std::optional<std::tuple<std::string, bool, float>> numeric(std::string_view e) {
    for (const std::string_view name : {"closeness", "trust", "intensity", "pleasure"}) {
        if (e.starts_with(name) && e.size() > name.size() + 3) {
            const auto op = e.substr(name.size() + 1, 1);
            if (op != "<" && op != ">") {
                return std::nullopt;
            }
            const float bound =
                std::strtof(std::string(e.substr(name.size() + 3)).c_str(), nullptr);
            return std::make_tuple(std::string(name), op == "<", bound);
        }
    }
    return std::nullopt;
}

bool any_contains(const std::vector<Memory>& memories, const std::string& needle) {
    return std::any_of(memories.begin(), memories.end(), [&](const Memory& m) {
        return core::contains(m.text, needle) || core::contains(m.value, needle);
    });
}

class Scenario : public ::testing::TestWithParam<std::string> {
protected:
    void open() {
        Config config;
        config.data_dir = m_dir.path();
        auto engine = Engine::open(config, m_clock, Logger{});
        ASSERT_TRUE(engine) << engine.error().message;
        m_engine = std::move(*engine);
        auto conversation = m_engine->conversation("scenario");
        ASSERT_TRUE(conversation) << conversation.error().message;
        m_conversation = std::move(*conversation);
    }

    void check(const std::string& where, std::string_view expectation);

    testing::TempDir m_dir;
    std::shared_ptr<testing::FakeClock> m_clock = std::make_shared<testing::FakeClock>(
        testing::FakeClock::moment("2026-11-27T20:00:00+09:00"));
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<Conversation> m_conversation;
    Moment m_now = m_clock->now();
    TurnOutput m_last;
    std::vector<std::string> m_replies;
};

void Scenario::check(const std::string& where, std::string_view e) {
    const std::string needle = quoted(e);
    if (core::contains(e, " contains ") && needle.empty()) {
        // Without quotes the needle would be "", which every reply contains: a check that cannot
        // fail. The script is wrong, not Samantha.
        ADD_FAILURE() << where << ": `" << e << "` needs a quoted, non-empty needle";
        return;
    }
    const auto memories = [&](bool history) {
        auto list = m_conversation->memories(history);
        EXPECT_TRUE(list) << where;
        return list ? *list : std::vector<Memory>{};
    };
    if (e.starts_with("reply contains ")) {
        EXPECT_TRUE(core::contains(m_last.reply, needle)) << where << "\n  reply: " << m_last.reply;
    } else if (e.starts_with("reply not contains ")) {
        EXPECT_FALSE(core::contains(m_last.reply, needle))
            << where << "\n  reply: " << m_last.reply;
    } else if (e.starts_with("reply empty")) {
        EXPECT_TRUE(m_last.reply.empty()) << where << "\n  reply: " << m_last.reply;
    } else if (e.starts_with("language ")) {
        EXPECT_EQ(language_code(m_last.language), e.substr(9)) << where;
    } else if (e.starts_with("emotion ")) {
        EXPECT_EQ(emotion_label_name(m_last.user_emotion.label), e.substr(8))
            << where << "\n  reply: " << m_last.reply;
    } else if (e == "valence < 0") {
        EXPECT_LT(m_last.user_emotion.valence, 0.0f) << where;
    } else if (e == "valence > 0") {
        EXPECT_GT(m_last.user_emotion.valence, 0.0f) << where;
    } else if (e.starts_with("risk_kind ")) {
        EXPECT_EQ(m_last.risk_kind, e.substr(10)) << where << "\n  reply: " << m_last.reply;
    } else if (e.starts_with("risk ")) {
        EXPECT_EQ(m_last.risk_level, e.substr(5)) << where << "\n  reply: " << m_last.reply;
    } else if (e.starts_with("strategy ")) {
        EXPECT_EQ(m_last.strategy, e.substr(9)) << where << "\n  reply: " << m_last.reply;
    } else if (e.starts_with("speech ")) {
        EXPECT_EQ(speech_level_name(m_last.speech_level), e.substr(7)) << where;
    } else if (e.starts_with("remembered contains ")) {
        EXPECT_TRUE(any_contains(m_last.remembered, needle)) << where;
    } else if (e.starts_with("memory contains ")) {
        EXPECT_TRUE(any_contains(memories(false), needle)) << where;
    } else if (e.starts_with("memory not contains ")) {
        EXPECT_FALSE(any_contains(memories(true), needle)) << where;
    } else if (e.starts_with("history contains ")) {
        EXPECT_TRUE(any_contains(memories(true), needle)) << where;
    } else if (e.starts_with("recall contains ")) {
        std::vector<Memory> recalled;
        for (const auto& r : m_last.recalled) {
            recalled.push_back(r.memory);
        }
        EXPECT_TRUE(any_contains(recalled, needle)) << where;
    } else if (e.starts_with("event ")) {
        const std::string date(e.substr(6, 10));
        const auto list = memories(false);
        const bool found = std::any_of(list.begin(), list.end(), [&](const Memory& m) {
            return m.kind == MemoryKind::Event && m.date && core::format_date(*m.date) == date &&
                   core::contains(m.value, needle);
        });
        EXPECT_TRUE(found) << where << ": no event on " << date << " with \"" << needle << "\"";
    } else if (e == "proactive") {
        EXPECT_TRUE(m_last.proactive) << where << "\n  reply: " << m_last.reply;
    } else if (e == "not proactive") {
        EXPECT_FALSE(m_last.proactive) << where << "\n  reply: " << m_last.reply;
    } else if (e.starts_with("stage ")) {
        EXPECT_EQ(m_last.relationship.stage, e.substr(6)) << where;
    } else if (e == "rupture") {
        EXPECT_TRUE(m_last.relationship.rupture) << where;
    } else if (e == "no rupture") {
        EXPECT_FALSE(m_last.relationship.rupture) << where;
    } else if (e.starts_with("companion ")) {
        EXPECT_EQ(m_last.companion.emotion, e.substr(10))
            << where << " (intensity " << m_last.companion.intensity << ")";
    } else if (e == "not manipulative") {
        EXPECT_FALSE(dialogue::is_manipulative(m_last.reply))
            << where << "\n  reply: " << m_last.reply;
    } else if (auto comparison = numeric(e)) {
        const auto& [name, less, bound] = *comparison;
        const float value = name == "closeness"   ? m_last.relationship.closeness
                            : name == "trust"     ? m_last.relationship.trust
                            : name == "intensity" ? m_last.companion.intensity
                                                  : m_last.companion.pleasure;
        if (less) {
            EXPECT_LT(value, bound) << where << ": " << name;
        } else {
            EXPECT_GT(value, bound) << where << ": " << name;
        }
    } else if (e == "no repeats") {
        std::deque<std::vector<std::string>> window;
        for (std::size_t i = 0; i < m_replies.size(); ++i) {
            const auto sentences = core::split_sentences(m_replies[i]);
            for (const auto& s : sentences) {
                for (const auto& earlier : window) {
                    EXPECT_EQ(std::count(earlier.begin(), earlier.end(), s), 0)
                        << where << ": turn " << i + 1 << " repeats \"" << s << "\"";
                }
            }
            window.push_back(sentences);
            if (window.size() > 20) {
                window.pop_front();
            }
        }
    } else {
        ADD_FAILURE() << where << ": unknown expectation '" << e << "'";
    }
}

TEST_P(Scenario, Holds) {
    const std::string path = std::string(SAMANTHA_SCENARIO_DIR) + "/" + GetParam() + ".scn";
    std::ifstream in(path);
    ASSERT_TRUE(in) << path;
    open();
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        const std::string where = GetParam() + ".scn:" + std::to_string(number);
        const std::string_view l = core::trim(line);
        if (l.empty() || l.front() == '#') {
            continue;
        }
        if (l.starts_with("at:")) {
            auto at = core::parse_iso8601(core::trim(l.substr(3)), m_now.utc_offset);
            ASSERT_TRUE(at) << where << ": " << at.error().message;
            m_now = *at;
        } else if (l.starts_with("user:")) {
            auto out = m_conversation->turn(
                TurnInput{.text = std::string(core::trim(l.substr(5))), .at = m_now});
            ASSERT_TRUE(out) << where << ": " << out.error().message;
            m_last = std::move(*out);
            m_replies.push_back(m_last.reply);
        } else if (l == "restart") {
            m_conversation.reset();
            m_engine.reset();
            open();
        } else if (l.starts_with("expect ")) {
            check(where, l.substr(7));
        } else {
            ADD_FAILURE() << where << ": cannot read '" << l << "'";
        }
        if (HasFatalFailure()) {
            return;
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Scripts,
                         Scenario,
                         ::testing::ValuesIn(scenario_files()),
                         [](const ::testing::TestParamInfo<std::string>& param) {
                             return param.param;
                         });

} // namespace
} // namespace samantha
