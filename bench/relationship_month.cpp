// bench/relationship_month: a month (or more) of simulated evenings with Samantha, printed as a
// table — day, stage, closeness, trust, Samantha's mood, speech level — for issue #3's note.
//
//   build/release/bench/relationship_month [--days N] [--role friend|family|partner] [--language
//   en|ko]
//                                          [--messages M] [--silence D]
//
// --silence D adds D days without a word after the month, then one more evening.
#include <cstdlib>
#include <filesystem>
#include <string>

#include <fmt/format.h>
#include <samantha/engine.h>

#include "fakes/daily_life.h"

int main(int argc, char** argv) {
    using namespace samantha; // NOLINT(google-build-using-namespace): a small driver
    int days = 30;
    int messages = 10;
    int silence = 0;
    std::string role = "friend";
    Language language = Language::English;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--days") {
            days = std::atoi(value.c_str());
        } else if (flag == "--messages") {
            messages = std::atoi(value.c_str());
        } else if (flag == "--role") {
            role = value;
        } else if (flag == "--language") {
            language = value == "ko" ? Language::Korean : Language::English;
        } else if (flag == "--silence") {
            silence = std::atoi(value.c_str());
        }
    }
    const auto dir = std::filesystem::temp_directory_path() / "samantha-month";
    std::filesystem::remove_all(dir);
    Config config;
    config.data_dir = dir;
    config.role = role;
    auto engine = Engine::open(config, make_system_clock(), Logger{});
    if (!engine) {
        fmt::print(stderr, "{}\n", engine.error().message);
        return 1;
    }
    auto conversation = (*engine)->conversation("month");
    if (!conversation) {
        fmt::print(stderr, "{}\n", conversation.error().message);
        return 1;
    }
    auto records = testing::simulate_days(
        **conversation, language, 1, days, messages, testing::CasualAnswer::Accept);
    if (silence > 0) {
        auto after = testing::simulate_days(**conversation,
                                            language,
                                            days + silence + 1,
                                            1,
                                            messages,
                                            testing::CasualAnswer::Accept);
        records.insert(records.end(), after.begin(), after.end());
    }
    fmt::print(
        "| day | stage | closeness | trust | mood (pleasure) | Samantha feels | speech level |\n");
    fmt::print("| ---: | --- | ---: | ---: | ---: | --- | --- |\n");
    for (const auto& r : records) {
        fmt::print("| {} | {} | {:.2f} | {:.2f} | {:+.2f} | {} | {} |\n",
                   r.day,
                   r.stage,
                   r.closeness,
                   r.trust,
                   r.pleasure,
                   r.emotion,
                   r.speech);
    }
    conversation->reset();
    engine->reset();
    std::filesystem::remove_all(dir);
    return 0;
}
