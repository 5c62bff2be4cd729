// Every command line that README.md and docs/*.md show is run through the `samantha` binary's
// argument parser (SAMANTHA_CHECK_ARGS=1: parse, then exit), so the docs and the program cannot
// drift apart. The lines are read from the docs at test time: a new documented line is tested the
// moment it is written. A few are also run for real, with the options after the subcommand.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>

#include "fakes/fake_clock.h"

namespace {

namespace fs = std::filesystem;

struct Documented {
    std::string where;  // "README.md:52"
    std::string args;   // what follows `samantha`, shell-quoted as written
    bool prose = false; // an inline span, which may only name a subcommand ("`samantha say`")
};

std::string trim(std::string s) {
    const auto first = s.find_first_not_of(" \t");
    if (first == std::string::npos) {
        return "";
    }
    const auto last = s.find_last_not_of(" \t");
    return s.substr(first, last - first + 1);
}

// Cuts a trailing shell comment ("  # …") that is not inside quotes.
std::string strip_comment(const std::string& line) {
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote != 0) {
            quote = c == quote ? 0 : quote;
        } else if (c == '\'' || c == '"') {
            quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ')) {
            return trim(line.substr(0, i));
        }
    }
    return trim(line);
}

// The documentation's placeholders become values the parser accepts (ids are numbers).
std::string fill_placeholders(std::string args, const std::string& dir) {
    static const std::vector<std::pair<std::regex, std::string>> fills = {
        {std::regex(R"(\$\([^)]*\))"), "t0ken"},
        {std::regex(R"(\$[A-Z_]+)"), "t0ken"},
        {std::regex(R"(~/)"), "HOME/"},
        {std::regex(R"(\[([^\]]*)\])"), "$1"}, // [--json] documents an optional flag: use it
        {std::regex(R"(\bNAME\|URL\b)"), "NAME"},
        {std::regex(R"(\b(N|ID|K)\b)"), "42"},
        {std::regex(R"(\b(DIR|FILE|F|T|HEX|TEXT|QUERY|NAME|HOME)\b)"), "X"},
    };
    for (const auto& [pattern, value] : fills) {
        args = std::regex_replace(args, pattern, value);
    }
    return std::regex_replace(args, std::regex(R"(\bX/)"), dir + "/");
}

// `samantha …` command lines in fenced shell blocks and in inline code spans.
std::vector<Documented> documented_lines(const fs::path& file) {
    std::vector<Documented> found;
    std::ifstream in(file);
    std::string line;
    bool fenced = false;
    int number = 0;
    const auto take = [&](std::string command, bool prose) {
        command = strip_comment(command);
        // Leading environment assignments and pipes into samantha.
        if (const auto bar = command.rfind("| samantha "); bar != std::string::npos) {
            command = command.substr(bar + 2);
        }
        command = std::regex_replace(command, std::regex(R"(^([A-Z_]+=\S+\s+)+)"), "");
        command = std::regex_replace(command, std::regex(R"(^build/release/apps/samantha/)"), "");
        if (const auto m = command.find("make run ARGS=\""); m == 0) {
            const auto end = command.find('"', 15);
            command = "samantha chat " + command.substr(15, end - 15);
        }
        if (command.rfind("samantha ", 0) != 0) {
            return;
        }
        found.push_back({file.filename().string() + ":" + std::to_string(number),
                         command.substr(std::string("samantha ").size()),
                         prose});
    };
    while (std::getline(in, line)) {
        ++number;
        if (line.rfind("```", 0) == 0) {
            fenced = !fenced;
            continue;
        }
        if (fenced) {
            take(trim(line), false);
            continue;
        }
        static const std::regex span(R"(`(samantha [^`]+)`)");
        for (auto it = std::sregex_iterator(line.begin(), line.end(), span);
             it != std::sregex_iterator();
             ++it) {
            const std::string command = (*it)[1];
            take(command, true);
        }
    }
    return found;
}

int status_of(const std::string& command) {
    const int rc = std::system(command.c_str());
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TEST(DocumentedCommands, EveryDocumentedCommandLineParses) {
    samantha::testing::TempDir dir;
    std::vector<Documented> lines = documented_lines(fs::path(SAMANTHA_SOURCE_DIR) / "README.md");
    for (const auto& entry : fs::directory_iterator(fs::path(SAMANTHA_SOURCE_DIR) / "docs")) {
        if (entry.path().extension() == ".md") {
            const auto more = documented_lines(entry.path());
            lines.insert(lines.end(), more.begin(), more.end());
        }
    }
    ASSERT_GE(lines.size(), 30U) << "the docs lost their command lines, or this reader broke";
    for (const auto& doc : lines) {
        std::string args = fill_placeholders(doc.args, dir.path());
        if (doc.prose && args.find('-') == std::string::npos) {
            // Prose that names a subcommand ("`samantha say` writes …"): the subcommand exists.
            args += " --help";
        }
        const std::string err = dir.path() + "/err";
        const int status = status_of("SAMANTHA_CHECK_ARGS=1 '" + std::string(SAMANTHA_BINARY) +
                                     "' " + args + " < /dev/null > /dev/null 2> '" + err + "'");
        EXPECT_EQ(status, 0) << doc.where << ": samantha " << doc.args << "\n  ran as: samantha "
                             << args << "\n  " << read_file(err);
    }
}

TEST(DocumentedCommands, GlobalOptionsWorkAfterTheSubcommand) {
    samantha::testing::TempDir data;
    const std::string bin = std::string("'") + SAMANTHA_BINARY + "'";
    const std::string out = data.path() + "/out";
    ASSERT_EQ(status_of("echo 'Hi, I am Mina.' | " + bin + " chat --data-dir '" + data.path() +
                        "' --user mina --jsonl --now 2026-11-27T20:00:00+09:00 > '" + out + "'"),
              0);
    const auto reply = nlohmann::json::parse(read_file(out));
    EXPECT_TRUE(reply["reply"].is_string());
    // The same memory, listed with the options before, between and after the subcommands.
    for (const std::string& args :
         {"--data-dir '" + data.path() + "' --user mina memory list --json",
          "memory --user mina list --json --data-dir '" + data.path() + "'",
          "memory list --json --user mina --data-dir '" + data.path() + "' --log-level warn"}) {
        ASSERT_EQ(status_of(bin + " " + args + " > '" + out + "'"), 0) << args;
        EXPECT_NE(read_file(out).find("Mina"), std::string::npos) << args;
    }
}

TEST(DocumentedCommands, AMistypedOptionIsOneLineAndStatusTwo) {
    samantha::testing::TempDir dir;
    const std::string err = dir.path() + "/err";
    for (const std::string args :
         {"chat --jsnol", "memory list --jsn", "serve --prot 8080", "--data-dri x chat"}) {
        EXPECT_EQ(status_of("'" + std::string(SAMANTHA_BINARY) + "' " + args +
                            " < /dev/null > /dev/null 2> '" + err + "'"),
                  2)
            << args;
        const std::string message = read_file(err);
        EXPECT_EQ(std::count(message.begin(), message.end(), '\n'), 1) << message;
        const std::string wrong = args.substr(args.rfind(' ') == 0 ? 0 : args.find("--"));
        EXPECT_NE(message.find(wrong.substr(0, wrong.find(' '))), std::string::npos) << message;
    }
}

} // namespace
