// bench/replies: the share of the judged reply set (tests/data/replies) whose reply holds, per
// language and per kind, with the builtin composer. Each case is told, message by message, to a
// new person of one engine on Thursday 2026-05-14 at 19:00 local time (English at UTC, Korean at
// UTC+9); only the reply to the last message is judged: its strategy and the patterns its words
// must and must not hold (tests/data/replies/README.md).
//
//   build/release/bench/replies_bench [--split dev|test|all] [--explain] [--data DIR]
//   build/release/bench/replies_bench --event TEXT
//
// Tune on dev only (the default split is test). --explain prints each failed case with the reply,
// its strategy and the first check it failed. --event prints how one message is read: its event
// (nlu/event.h) and the trained emotion reading's valence.
#include <cstdlib>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <samantha/engine.h>

#include "affect/user_emotion.h"
#include "core/text.h"
#include "dialogue/perception.h"
#include "nlu/event.h"
#include "reply_set.h"

namespace {

using namespace samantha; // NOLINT(google-build-using-namespace): a benchmark driver
namespace fs = std::filesystem;

// How many cases held, and how many held in their words alone (must and must-not, whatever the
// strategy).
struct Tally {
    int held = 0;
    int words = 0;
    int total = 0;

    void add(bool holds, bool words_hold) {
        held += holds ? 1 : 0;
        words += words_hold ? 1 : 0;
        ++total;
    }

    std::string share() const {
        if (total == 0) {
            return "-";
        }
        return fmt::format("{:5.1f} % ({:3}/{:3})   words {:5.1f} %",
                           100.0 * held / total,
                           held,
                           total,
                           100.0 * words / total);
    }
};

int explain_event(const std::string& text) {
    const Language language = core::detect_language(text, Language::English);
    const auto lexicon = affect::builtin_lexicon();
    const UserEmotion fused = affect::recognize_emotion(text, *lexicon, {.language = language});
    const auto e = nlu::read_event(text, language, fused.valence, false);
    const auto acts = nlu::ActReader::builtin();
    const auto act =
        nlu::read_act(text, dialogue::cue_features(text, *dialogue::builtin_cues()), *acts);
    fmt::print("act {} ({:.2f})\n", nlu::dialogue_act_name(act.act), act.confidence);
    fmt::print("valence {:+.2f}\nappraisal {} ({})\ntime {}\ntopic \"{}\"\nwho \"{}\" (relation "
               "\"{}\", loved one {}, pet {})\nplace \"{}\"\nlaughing {}\nthanking {}\n",
               fused.valence,
               nlu::appraisal_name(e.appraisal),
               e.cued ? "event words" : "valence",
               nlu::event_time_name(e.time),
               e.topic,
               e.who,
               e.relation,
               e.loved_one,
               e.pet,
               e.place,
               e.laughing,
               e.thanking);
    return 0;
}

int usage() {
    fmt::print(
        stderr,
        "usage: replies_bench [--split dev|test|all] [--explain] [--data DIR] | --event TEXT\n");
    return 2;
}

} // namespace

int main(int argc, char** argv) {
    std::string split = "test";
    bool explain = false;
    fs::path data = SAMANTHA_REPLIES_DATA_DIR;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--split" && i + 1 < argc) {
            split = argv[++i];
        } else if (arg == "--explain") {
            explain = true;
        } else if (arg == "--event" && i + 1 < argc) {
            return explain_event(argv[i + 1]);
        } else if (arg == "--data" && i + 1 < argc) {
            data = argv[++i];
        } else {
            return usage();
        }
    }
    if (split != "dev" && split != "test" && split != "all") {
        return usage();
    }
    auto cases = reply_eval::load(data);
    if (!cases) {
        fmt::print(stderr, "replies: {}\n", cases.error().message);
        return 1;
    }
    const fs::path dir = fs::temp_directory_path() / fmt::format("samantha-replies-{}", ::getpid());
    fs::remove_all(dir);
    Config config;
    config.data_dir = dir;
    auto engine = Engine::open(config, make_system_clock(), Logger{});
    if (!engine) {
        fmt::print(stderr, "replies: cannot open {}: {}\n", dir.string(), engine.error().message);
        return 1;
    }
    std::map<std::string, Tally> by_language;
    std::map<std::string, std::map<std::string, Tally>> by_kind;
    std::map<std::string, Tally> by_form;
    for (const auto& c : *cases) {
        if (split != "all" && reply_eval::split_name(reply_eval::split_of(c.id)) != split) {
            continue;
        }
        const bool ko = c.language == Language::Korean;
        auto answer = reply_eval::tell(**engine, c);
        const bool failed = !answer;
        if (failed) {
            fmt::print(stderr, "replies: {}\n", answer.error().message);
        }
        const reply_eval::Answer last = failed ? reply_eval::Answer{} : *answer;
        const auto verdict = reply_eval::judge(c, last.reply, last.strategy);
        const bool holds = !failed && verdict.holds();
        const bool words_hold = !failed && verdict.must_ok && verdict.must_not_ok;
        const std::string language = ko ? "ko" : "en";
        by_language[language].add(holds, words_hold);
        by_kind[language][c.kind].add(holds, words_hold);
        by_form[language + (c.exchange ? " exchanges" : " openings")].add(holds, words_hold);
        if (explain && !holds) {
            fmt::print("{} {} [{}]\n  > {}\n  < {} ({})\n  ✗ {}\n",
                       c.id,
                       c.kind,
                       c.source,
                       c.messages.back(),
                       last.reply,
                       last.strategy,
                       verdict.why);
        }
    }
    fs::remove_all(dir);
    fmt::print("replies: the judged reply set, split {}, builtin composer\n\n", split);
    for (const auto& [language, tally] : by_language) {
        fmt::print("{}  {:<22}{}\n", language, "all", tally.share());
        for (const auto& [form, t] : by_form) {
            if (form.starts_with(language)) {
                fmt::print("    {:<22}{}\n", form.substr(3), t.share());
            }
        }
        for (const auto& [kind, t] : by_kind[language]) {
            fmt::print("    {:<22}{}\n", kind, t.share());
        }
    }
    return 0;
}
