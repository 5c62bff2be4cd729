// Drives the built `samantha` binary as a user or a program would: --jsonl across two processes,
// bad input, the memory ledger commands, and kill -9 in the middle of turns.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fakes/fake_clock.h"
#include "storage/database.h"

namespace {

using nlohmann::json;

// Runs the binary with `args` (shell-quoted by the caller), feeding `input`; returns stdout lines.
std::vector<std::string>
run(const std::string& args, const std::string& input, int* status = nullptr) {
    samantha::testing::TempDir io;
    const std::string in_path = io.path() + "/in";
    const std::string out_path = io.path() + "/out";
    {
        std::ofstream in(in_path, std::ios::binary);
        in << input;
    }
    const std::string command = std::string("'") + SAMANTHA_BINARY + "' " + args + " < '" +
                                in_path + "' > '" + out_path + "' 2>/dev/null";
    const int rc = std::system(command.c_str());
    if (status != nullptr) {
        *status = WEXITSTATUS(rc);
    }
    std::ifstream out(out_path, std::ios::binary);
    std::vector<std::string> lines;
    std::string line;
    while (std::getline(out, line)) {
        lines.push_back(line);
    }
    return lines;
}

std::string jsonl_args(const samantha::testing::TempDir& data) {
    return "--data-dir '" + data.path() +
           "' --user mina chat --jsonl --now 2026-11-27T20:00:00+09:00";
}

TEST(Cli, JsonlRemembersAcrossTwoProcesses) {
    samantha::testing::TempDir data;
    const auto first = run(
        jsonl_args(data),
        "My name is Mina.\n"
        "{\"text\": \"I have a job interview tomorrow.\", \"at\": \"2026-11-27T21:00:00+09:00\"}\n"
        "My sister Emma lives in Busan.\n");
    ASSERT_EQ(first.size(), 3U);
    for (const auto& line : first) {
        const json reply = json::parse(line);
        EXPECT_TRUE(reply["reply"].is_string());
        EXPECT_EQ(reply["language"], "en");
        EXPECT_TRUE(reply["user_emotion"]["label"].is_string());
        EXPECT_TRUE(reply["user_emotion"]["valence"].is_number());
        EXPECT_TRUE(reply["user_emotion"]["arousal"].is_number());
        EXPECT_TRUE(reply["recalled"].is_array());
        EXPECT_EQ(reply["brain"], "builtin");
    }
    EXPECT_EQ(json::parse(first[1])["at"], "2026-11-27T21:00:00+09:00");

    const auto second = run("--data-dir '" + data.path() +
                                "' --user mina chat --jsonl --now 2026-11-28T09:00:00+09:00",
                            "What's my name?\n{\"text\": \"What do you remember about me?\"}\n");
    ASSERT_EQ(second.size(), 2U);
    EXPECT_NE(json::parse(second[0])["reply"].get<std::string>().find("Mina"), std::string::npos)
        << second[0];
    const std::string summary = json::parse(second[1])["reply"];
    EXPECT_NE(summary.find("Emma"), std::string::npos) << summary;
    EXPECT_NE(summary.find("job interview"), std::string::npos) << summary;

    const auto list = run("--data-dir '" + data.path() + "' --user mina memory list --json", "");
    ASSERT_EQ(list.size(), 1U);
    const json memories = json::parse(list[0]);
    ASSERT_TRUE(memories.is_array());
    bool event = false;
    for (const auto& m : memories) {
        EXPECT_TRUE(m.contains("id") && m.contains("kind") && m.contains("text"));
        if (m["kind"] == "event") {
            EXPECT_EQ(m["date"], "2026-11-28");
            event = true;
        }
    }
    EXPECT_TRUE(event);
}

TEST(Cli, BadInputGetsAPreciseErrorAndTheSessionGoesOn) {
    samantha::testing::TempDir data;
    std::string input;
    input += "I live in Seoul.\n";
    input += "bad \xff byte\n";
    input += "ctrl \x01 char\n";
    input += std::string(1024 * 1024, 'x') + "\n";
    input += "{\"text\": \"unterminated\n";
    input += "{\"text\": \"hi\", \"mood\": \"happy\"}\n";
    input += "{\"text\": 42}\n";
    input += "{\"text\": \"x\"} trailing\n";
    input += "{\"text\": \"back in time\", \"at\": \"2026-11-01T00:00:00+09:00\"}\n";
    input += "{\"text\": \"bad time\", \"at\": \"yesterday\"}\n";
    input += "{\"text\": \"null byte \\u0000 inside\"}\n";
    input += "Where do I live?\n";
    const auto lines = run(jsonl_args(data), input);
    ASSERT_EQ(lines.size(), 12U);
    const std::vector<std::string> codes = {"",
                                            "invalid_utf8",
                                            "control_character",
                                            "too_large",
                                            "invalid_json",
                                            "unknown_field",
                                            "invalid_field",
                                            "invalid_json",
                                            "time_went_backwards",
                                            "invalid_field",
                                            "control_character",
                                            ""};
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const json line = json::parse(lines[i]);
        if (codes[i].empty()) {
            EXPECT_TRUE(line.contains("reply")) << lines[i];
        } else {
            ASSERT_TRUE(line.contains("error")) << i << ": " << lines[i];
            EXPECT_EQ(line["error"]["code"], codes[i]) << lines[i];
            EXPECT_NE(
                line["error"]["message"].get<std::string>().find("line " + std::to_string(i + 1)),
                std::string::npos)
                << lines[i];
        }
    }
    const auto list = run("--data-dir '" + data.path() + "' --user mina memory list --json", "");
    const json memories = json::parse(list.at(0));
    bool seoul = false;
    for (const auto& m : memories) {
        seoul = seoul || m.value("value", "") == "Seoul";
    }
    EXPECT_TRUE(seoul);
}

TEST(Cli, MemoryCommandsListForgetAndExport) {
    samantha::testing::TempDir data;
    run(jsonl_args(data), "I smoke every day.\nMy name is Jun.\n");
    const json before = json::parse(
        run("--data-dir '" + data.path() + "' --user mina memory list --json", "").at(0));
    std::int64_t smoke = 0;
    for (const auto& m : before) {
        if (m["text"].get<std::string>().find("smoke") != std::string::npos) {
            smoke = m["id"];
        }
    }
    ASSERT_NE(smoke, 0);
    int status = -1;
    run("--data-dir '" + data.path() + "' --user mina memory forget " + std::to_string(smoke),
        "",
        &status);
    EXPECT_EQ(status, 0);
    run("--data-dir '" + data.path() + "' --user mina memory forget 999999", "", &status);
    EXPECT_NE(status, 0);
    const auto exported = run("--data-dir '" + data.path() + "' --user mina memory export", "");
    std::string text;
    for (const auto& l : exported) {
        text += l + "\n";
    }
    const json document = json::parse(text);
    EXPECT_EQ(document["format"], "samantha-memories");
    EXPECT_EQ(text.find("smoke"), std::string::npos);
    EXPECT_NE(text.find("Jun"), std::string::npos);
    const auto stranger =
        run("--data-dir '" + data.path() + "' --user nobody memory list --json", "");
    EXPECT_EQ(stranger.at(0), "[]");
}

TEST(Cli, MemorySearchFindsTheBestMatchesFirst) {
    samantha::testing::TempDir data;
    run(jsonl_args(data),
        "I took a pottery class yesterday.\nMy sister Emma lives in Busan.\n"
        "오늘 회사에서 회의가 길었어요.\n");
    const std::string base = "--data-dir '" + data.path() + "' --user mina memory search ";
    const json found = json::parse(run(base + "'pottery classes' --json", "").at(0));
    ASSERT_TRUE(found.is_array());
    ASSERT_FALSE(found.empty());
    EXPECT_NE(found[0]["text"].get<std::string>().find("pottery"), std::string::npos);
    for (const auto& hit : found) {
        for (const auto& [key, value] : hit.items()) {
            EXPECT_TRUE(key == "id" || key == "kind" || key == "text" || key == "score" ||
                        key == "date")
                << key;
        }
        EXPECT_TRUE(hit["score"].is_number());
    }
    // Best first, at most --limit; global options work after the subcommand too.
    const json one = json::parse(run("memory search 'sister Busan' --limit 1 --json --data-dir '" +
                                         data.path() + "' --user mina",
                                     "")
                                     .at(0));
    ASSERT_EQ(one.size(), 1U);
    EXPECT_NE(one[0]["text"].get<std::string>().find("Emma"), std::string::npos);
    // Korean words meet with their particles and endings.
    const json korean = json::parse(run(base + "'회사 회의' --json", "").at(0));
    ASSERT_FALSE(korean.empty());
    EXPECT_NE(korean[0]["text"].get<std::string>().find("회의"), std::string::npos);
    // Text output: one line per memory.
    const auto lines = run(base + "pottery", "");
    ASSERT_FALSE(lines.empty());
    EXPECT_NE(lines[0].find("pottery"), std::string::npos);
    int status = -1;
    run(base + "pottery --limit 0", "", &status);
    EXPECT_EQ(status, 2);
    EXPECT_EQ(
        run("--data-dir '" + data.path() + "' --user nobody memory search x --json", "").at(0),
        "[]");
    EXPECT_EQ(run(base + "zzzqqq --json", "").at(0), "[]");
}

TEST(Cli, MemoryCorrectAndEraseAll) {
    samantha::testing::TempDir data;
    run(jsonl_args(data), "My name is Jun.\nI live in Busan.\n");
    const std::string base = "--data-dir '" + data.path() + "' --user mina memory ";
    const json before = json::parse(run(base + "list --json", "").at(0));
    std::int64_t city = 0;
    for (const auto& m : before) {
        if (m.value("slot", "") == "city") {
            city = m["id"];
        }
    }
    ASSERT_NE(city, 0);
    int status = -1;
    const auto corrected = run(base + "correct " + std::to_string(city) + " Daegu", "", &status);
    EXPECT_EQ(status, 0);
    ASSERT_FALSE(corrected.empty());
    EXPECT_NE(corrected.at(0).find("Daegu"), std::string::npos) << corrected.at(0);
    run(base + "correct " + std::to_string(city) + " Daegu --date 2026-13-01", "", &status);
    EXPECT_EQ(status, 2);
    run(base + "correct 999999 Seoul", "", &status);
    EXPECT_EQ(status, 1);
    // Erasing needs --yes, then leaves nothing.
    run(base + "erase-all", "", &status);
    EXPECT_EQ(status, 2);
    EXPECT_NE(run(base + "list --json", "").at(0), "[]");
    run(base + "erase-all --yes", "", &status);
    EXPECT_EQ(status, 0);
    EXPECT_EQ(run(base + "list --json", "").at(0), "[]");
}

std::size_t count_lines(const std::string& path) {
    std::ifstream in(path);
    std::size_t n = 0;
    std::string line;
    while (std::getline(in, line)) {
        ++n;
    }
    return n;
}

TEST(Cli, KillDashNineLosesAtMostTheTurnInFlight) {
    samantha::testing::TempDir data;
    std::mt19937 random(7);
    std::size_t stored_before = 0;
    for (int round = 0; round < 8; ++round) {
        samantha::testing::TempDir io;
        const std::string out_path = io.path() + "/out";
        int to_child[2];
        ASSERT_EQ(pipe(to_child), 0);
        const pid_t pid = fork();
        ASSERT_GE(pid, 0);
        if (pid == 0) {
            dup2(to_child[0], STDIN_FILENO);
            close(to_child[1]);
            std::FILE* out = std::fopen(out_path.c_str(), "w");
            dup2(fileno(out), STDOUT_FILENO);
            const std::string dir = data.path();
            const std::string now = "2026-11-27T20:00:00+09:00";
            execl(SAMANTHA_BINARY,
                  "samantha",
                  "--data-dir",
                  dir.c_str(),
                  "--user",
                  "k",
                  "chat",
                  "--jsonl",
                  "--now",
                  now.c_str(),
                  static_cast<char*>(nullptr));
            _exit(127);
        }
        close(to_child[0]);
        std::string burst;
        for (int i = 0; i < 400; ++i) {
            burst +=
                "Round " + std::to_string(round) + " message " + std::to_string(i) +
                ": my friend Alex and I talked about the ocean, music and the stars tonight.\n";
        }
        // The pipe holds 64 KiB: write from a thread so the kill can land while turns run.
        std::thread writer([fd = to_child[1], burst] {
            std::size_t done = 0;
            while (done < burst.size()) {
                const auto n = write(fd, burst.data() + done, burst.size() - done);
                if (n <= 0) {
                    break;
                }
                done += static_cast<std::size_t>(n);
            }
        });
        // Kill mid-burst: once turns are being answered (a slow, loaded machine may take a while
        // to start), after a random extra moment.
        for (int waited = 0; waited < 2000 && count_lines(out_path) == 0; ++waited) {
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(random() % 90));
        kill(pid, SIGKILL);
        int status = 0;
        waitpid(pid, &status, 0);
        writer.join();
        close(to_child[1]);
        ASSERT_TRUE(WIFSIGNALED(status))
            << "round " << round << ": the burst finished before the kill";
        const std::size_t answered = count_lines(out_path);

        // A fresh process opens the store, and every answered turn is in it; at most one more
        // turn (committed, killed before its reply was printed) may be.
        const auto list = run("--data-dir '" + data.path() + "' --user k memory list --json", "");
        ASSERT_EQ(list.size(), 1U) << "round " << round;
        const json memories = json::parse(list[0]);
        std::size_t episodes = 0;
        for (const auto& m : memories) {
            episodes += m["kind"] == "episode" ? 1U : 0U;
        }
        EXPECT_GE(episodes, stored_before + answered) << "round " << round;
        EXPECT_LE(episodes, stored_before + answered + 1) << "round " << round;
        stored_before = episodes;
    }
    EXPECT_GT(stored_before, 0U);
    auto db = samantha::storage::open_sqlite(data.path() + "/samantha.db",
                                             samantha::storage::SqliteOptions{});
    ASSERT_TRUE(db) << db.error().message;
    auto check = (*db)->query("PRAGMA integrity_check");
    ASSERT_TRUE(check);
    EXPECT_EQ(check->at(0).text(0), "ok");
}

} // namespace

namespace {

TEST(Cli, TranscribeWritesWhatIsSaidInAWav) {
    samantha::testing::TempDir data;
    int status = -1;
    const auto lines = run("transcribe '" SAMANTHA_WHISPER_SHARE "/jfk.wav' --asr pocketsphinx "
                           "--json --data-dir '" +
                               data.path() + "'",
                           "",
                           &status);
    EXPECT_EQ(status, 0);
    ASSERT_EQ(lines.size(), 1u);
    const json heard = json::parse(lines[0]);
    EXPECT_NE(heard["text"].get<std::string>().find("country"), std::string::npos) << lines[0];
    EXPECT_EQ(heard["language"], "en");
    ASSERT_TRUE(heard["segments"].is_array());
    ASSERT_FALSE(heard["segments"].empty());
    EXPECT_TRUE(heard["segments"][0].contains("start_ms"));
}

TEST(Cli, TranscribeRefusesAFileThatIsNotAWav) {
    samantha::testing::TempDir data;
    const std::string bad = data.path() + "/not.wav";
    std::ofstream(bad) << "this is not audio";
    int status = -1;
    const auto lines = run("transcribe '" + bad + "' --asr pocketsphinx", "", &status);
    EXPECT_EQ(status, 1);
    EXPECT_TRUE(lines.empty());
    // Korean with no whisper model or server is a clear error too, not silence.
    run("transcribe '" SAMANTHA_WHISPER_SHARE "/jfk.wav' --language ko --data-dir '" + data.path() +
            "'",
        "",
        &status);
    EXPECT_EQ(status, 1);
}

} // namespace
