// The end-of-turn decision on authored turns (tests/data/turns, docs/hearing.md): how often a
// person who pauses mid-sentence is cut off, and how much dead air follows a finished turn, for
// the text-aware wait against fixed silence thresholds. Transcripts are the authored text (an
// oracle recogniser); the pause of a paused turn is 700–1500 ms, fixed per row by its hash.
//
//   turn_end_bench [--split dev|test|all] [--data DIR]

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include <samantha/hearing.h>

namespace {

struct Row {
    bool paused = false;
    std::string before;
    std::string after;
};

std::uint64_t fnv1a(const std::string& s) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const unsigned char c : s) {
        h = (h ^ c) * 0x100000001b3ULL;
    }
    return h;
}

// dev: 7 in 10 rows by hash; test: the rest.
bool in_split(const Row& row, const std::string& split) {
    const bool dev = fnv1a(row.before + "\t" + row.after) % 10 < 7;
    return split == "all" || (split == "dev") == dev;
}

std::vector<Row> read_rows(const std::string& path) {
    std::vector<Row> rows;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#') {
            continue;
        }
        const auto a = line.find('\t');
        const auto b = line.find('\t', a + 1);
        if (a == std::string::npos || b == std::string::npos) {
            continue;
        }
        rows.push_back(Row{.paused = line.substr(0, a) == "paused",
                           .before = line.substr(a + 1, b - a - 1),
                           .after = line.substr(b + 1)});
    }
    return rows;
}

} // namespace

int main(int argc, char** argv) {
    std::string split = "test";
    std::string dir = SAMANTHA_TURNS_DIR;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::strcmp(argv[i], "--split") == 0) {
            split = argv[i + 1];
        } else if (std::strcmp(argv[i], "--data") == 0) {
            dir = argv[i + 1];
        }
    }
    std::printf("split %s; cut off = a paused turn ended at its pause; dead air = the wait after "
                "a finished turn\n",
                split.c_str());
    std::printf("%-4s %-22s %6s %6s %10s %12s\n",
                "lang",
                "policy",
                "paused",
                "done",
                "cut off %",
                "dead air ms");
    const samantha::TurnEndSettings settings;
    for (const char* lang : {"en", "ko"}) {
        const auto rows = read_rows(dir + "/" + lang + ".tsv");

        struct Policy {
            const char* name;
            double fixed_ms; // 0: text-aware
        };

        for (const Policy policy : {Policy{"text-aware", 0.0},
                                    Policy{"fixed 700 ms", 700.0},
                                    Policy{"fixed 1000 ms", 1000.0},
                                    Policy{"fixed 1600 ms", 1600.0}}) {
            int paused = 0;
            int cut = 0;
            int done = 0;
            double dead = 0.0;
            for (const Row& row : rows) {
                if (!in_split(row, split)) {
                    continue;
                }
                const double wait = policy.fixed_ms > 0.0
                                        ? policy.fixed_ms
                                        : samantha::turn_end_pause_ms(
                                              samantha::read_turn_ending(row.before), settings);
                if (row.paused) {
                    const double pause = 700.0 + static_cast<double>(fnv1a(row.before) % 800);
                    ++paused;
                    cut += wait < pause ? 1 : 0;
                } else {
                    ++done;
                    dead += wait;
                }
            }
            std::printf("%-4s %-22s %6d %6d %10.1f %12.0f\n",
                        lang,
                        policy.name,
                        paused,
                        done,
                        paused > 0 ? 100.0 * cut / paused : 0.0,
                        done > 0 ? dead / done : 0.0);
        }
    }
    return 0;
}
