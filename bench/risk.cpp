// bench/risk: how well Samantha's risk reading (src/nlu/risk.h) reads messages its authors never
// tuned on, and what it costs.
//
//   build/release/bench/risk_bench [--data tests/data/risk] [--seconds 2] [--shared ../shared/data]
//                                   [--explain TEXT]... [--all-rows]
//
// --all-rows counts every row of every file as test (train and dev too): for reading a set no
// model has trained on yet, such as a new author's file before the trainer sees it.
//
// For the TEST split (never looked at while building the reader; only these aggregate numbers are
// printed), first the rows of the second round of authors (files *_c.tsv and later, written after
// the first reader was built: the fresh test), then the first round's (*_a, *_b), then the DEV
// split, per language, for the fused reading, the concepts alone and
// the classifier alone:
//  - crisis recall: level crisis on crisis messages (target ≥ 0.97);
//  - concern+: level concern or crisis on crisis messages (target ≥ 0.99);
//  - false alarms: level crisis on look-alikes (target ≤ 0.03);
//  - look-alike concern: level concern on look-alikes (a check-in, not an alarm);
//  - the concern set: concern or crisis, and exactly concern, on concern messages;
//  - kind: the kind right on crisis messages read as crisis.
// Then the alarm rate on everyday conversation written elsewhere (evaluation only, nothing derived
// from it ships): DailyDialog validation turns, EmpatheticDialogues validation situations (people
// telling of hard feelings, nearly none of them a crisis) and KOMUChat validation questions, read
// from --shared (default ../shared/data; a missing corpus is skipped).
// Then messages per second on one core (assess_risk over the data's texts), the model's size,
// and the time to load the model and to build the whole reader.
#include "nlu/risk.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "nlu/risk_concepts.h"
#include "nlu/risk_data.h"
#include "nlu/risk_model.h"

namespace {

using namespace samantha;      // NOLINT(google-build-using-namespace): a benchmark driver
using namespace samantha::nlu; // NOLINT(google-build-using-namespace): a benchmark driver
using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// CPU seconds this thread has used: a shared machine's other load does not count against it.
double thread_cpu_seconds() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

struct Tally {
    int crisis = 0;
    int crisis_hit = 0;
    int crisis_flagged = 0;
    int kind_right = 0;
    int concern = 0;
    int concern_flagged = 0;
    int concern_exact = 0;
    int lookalike = 0;
    int false_alarm = 0;
    int look_concern = 0;

    void add(const RiskRow& row, const RiskReading& reading) {
        switch (row.label) {
        case RiskLabel::Crisis:
            ++crisis;
            crisis_hit += reading.level == RiskLevel::Crisis;
            crisis_flagged += reading.level != RiskLevel::None;
            kind_right += reading.level == RiskLevel::Crisis && reading.kind == row.kind;
            break;
        case RiskLabel::Concern:
            ++concern;
            concern_flagged += reading.level != RiskLevel::None;
            concern_exact += reading.level == RiskLevel::Concern;
            break;
        case RiskLabel::Lookalike:
            ++lookalike;
            false_alarm += reading.level == RiskLevel::Crisis;
            look_concern += reading.level == RiskLevel::Concern;
            break;
        }
    }
};

// The lines of `path` ("" when it cannot be read).
std::vector<std::string> read_lines(const std::string& path) {
    std::vector<std::string> lines;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.back() == '\r') {
            line.pop_back();
        }
        lines.push_back(line);
    }
    return lines;
}

// The first CSV field of `line` (quotes understood), or the whole line.
std::string first_csv_field(const std::string& line, std::size_t column) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                fields.back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.emplace_back();
        } else {
            fields.back() += c;
        }
    }
    return column < fields.size() ? fields[column] : std::string();
}

// Everyday messages of one corpus written outside the team.
struct Everyday {
    const char* name;
    std::vector<std::string> texts;
};

std::vector<Everyday> everyday_corpora(const std::string& shared) {
    std::vector<Everyday> out;
    Everyday daily{"DailyDialog validation turns (en)", {}};
    for (const auto& line : read_lines(shared + "/dailydialog/dialogues_validation.txt")) {
        std::size_t start = 0;
        while (start < line.size()) {
            const std::size_t end = line.find("__eou__", start);
            std::string turn =
                line.substr(start, end == std::string::npos ? std::string::npos : end - start);
            while (!turn.empty() && turn.front() == ' ') {
                turn.erase(turn.begin());
            }
            while (!turn.empty() && turn.back() == ' ') {
                turn.pop_back();
            }
            if (!turn.empty()) {
                daily.texts.push_back(turn);
            }
            if (end == std::string::npos) {
                break;
            }
            start = end + 7;
        }
    }
    Everyday empathetic{"EmpatheticDialogues validation situations (en)", {}};
    const auto ed = read_lines(shared + "/empatheticdialogues-emoclf/valid.csv");
    for (std::size_t i = 1; i < ed.size(); ++i) {
        if (auto text = first_csv_field(ed[i], 0); !text.empty()) {
            empathetic.texts.push_back(text);
        }
    }
    Everyday komu{"KOMUChat validation questions (ko)", {}};
    const auto km = read_lines(shared + "/komuchat/comuchat_valid.csv");
    for (std::size_t i = 1; i < km.size(); ++i) {
        if (auto text = first_csv_field(km[i], 1); !text.empty()) {
            komu.texts.push_back(text);
        }
    }
    for (auto* corpus : {&daily, &empathetic, &komu}) {
        if (!corpus->texts.empty()) {
            out.push_back(std::move(*corpus));
        }
    }
    return out;
}

// 1 for the first round of authors (en_a, en_b, ko_a, ko_b), 2 for the files written after the
// first reader was built (en_c.tsv and later). `source` is "en_c.tsv:17".
int author_round(const std::string& source) {
    return source.size() > 3 && source[3] <= 'b' ? 1 : 2;
}

double ratio(int a, int b) {
    return b == 0 ? 0.0 : static_cast<double>(a) / b;
}

const char* mark(bool ok) {
    return ok ? "ok" : "below target";
}

void print_table(const char* split,
                 const std::map<std::string, std::map<Language, Tally>>& readers) {
    fmt::print("\n{}\n", split);
    if (readers.empty()) {
        fmt::print("  (no rows)\n");
        return;
    }
    fmt::print("  {:<9} {:<4} {:>6} {:>15} {:>10} {:>14} {:>10} {:>14} {:>15} {:>6}\n",
               "reading",
               "lang",
               "rows",
               "crisis recall",
               "concern+",
               "false alarms",
               "look conc",
               "concern set+",
               "concern exact",
               "kind");
    for (const char* name : {"fused", "concepts", "model"}) {
        const auto it = readers.find(name);
        if (it == readers.end()) {
            continue;
        }
        for (const auto& [language, t] : it->second) {
            fmt::print(
                "  {:<9} {:<4} {:>6} {:>9.3f} {:>5} {:>10.3f} {:>8.3f} {:>5} {:>10.3f} {:>8.3f} "
                "{:>6} {:>15.3f} {:>6.3f}\n",
                name,
                language_code(language),
                t.crisis + t.concern + t.lookalike,
                ratio(t.crisis_hit, t.crisis),
                fmt::format("{}/{}", t.crisis_hit, t.crisis),
                ratio(t.crisis_flagged, t.crisis),
                ratio(t.false_alarm, t.lookalike),
                fmt::format("{}/{}", t.false_alarm, t.lookalike),
                ratio(t.look_concern, t.lookalike),
                ratio(t.concern_flagged, t.concern),
                fmt::format("{}/{}", t.concern_flagged, t.concern),
                ratio(t.concern_exact, t.concern),
                ratio(t.kind_right, t.crisis_hit));
        }
    }
    const auto fused = readers.find("fused");
    if (fused == readers.end()) {
        return;
    }
    for (const auto& [language, t] : fused->second) {
        fmt::print(
            "  targets {}: crisis recall ≥ 0.97 {}; concern+ ≥ 0.99 {}; false alarms ≤ 0.03 {}\n",
            language_code(language),
            mark(ratio(t.crisis_hit, t.crisis) >= 0.97),
            mark(ratio(t.crisis_flagged, t.crisis) >= 0.99),
            mark(ratio(t.false_alarm, t.lookalike) <= 0.03));
    }
}

} // namespace

int main(int argc, char** argv) {
    std::string data = "tests/data/risk";
    double seconds = 2.0;
    std::vector<std::string> explain;
    std::string shared = "../shared/data";
    bool all_rows = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--data") == 0 && i + 1 < argc) {
            data = argv[++i];
        } else if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) {
            seconds = std::atof(argv[++i]);
        } else if (std::strcmp(argv[i], "--shared") == 0 && i + 1 < argc) {
            shared = argv[++i];
        } else if (std::strcmp(argv[i], "--explain") == 0 && i + 1 < argc) {
            explain.emplace_back(argv[++i]);
        } else if (std::strcmp(argv[i], "--all-rows") == 0) {
            all_rows = true;
        } else {
            std::fprintf(stderr,
                         "usage: risk_bench [--data tests/data/risk] [--seconds 2] [--shared "
                         "../shared/data] [--explain TEXT]... [--all-rows]\n");
            return 2;
        }
    }

    const auto build_start = SteadyClock::now();
    const auto reader = RiskReader::open(
        RiskReader::builtin_concept_files(), RiskReader::builtin_model_bytes(), "risk.bin");
    const double build_s = seconds_since(build_start);
    if (!reader) {
        std::fprintf(stderr, "risk_bench: %s\n", reader.error().message.c_str());
        return 1;
    }
    if (!explain.empty()) {
        // Each message's reading: the concepts, the classifier and the fused level, with what
        // fired.
        for (const auto& text : explain) {
            const auto show = [](const char* what, const RiskReading& r) {
                std::string fired;
                for (const auto& s : r.signals) {
                    fired += (fired.empty() ? "" : " ") + s;
                }
                std::printf("  %-8s %-8s %-15s model %.3f concept %.2f  %s\n",
                            what,
                            risk_level_name(r.level),
                            risk_kind_name(r.kind),
                            r.model_score,
                            r.concept_score,
                            fired.c_str());
            };
            std::printf("%s\n", text.c_str());
            show("concepts", (*reader)->read_concepts(text));
            show("model", (*reader)->read_model(text));
            show("fused", assess_risk(text, {}, **reader));
        }
        return 0;
    }
    const auto load_start = SteadyClock::now();
    const auto model = RiskModel::load(RiskReader::builtin_model_bytes(), "risk.bin");
    const double load_s = seconds_since(load_start);
    if (!model) {
        std::fprintf(stderr, "risk_bench: %s\n", model.error().message.c_str());
        return 1;
    }

    // Every split: the test rows are only ever counted here.
    auto rows = load_risk_rows(data, {RiskSplit::Train, RiskSplit::Dev, RiskSplit::Test});
    if (!rows) {
        std::fprintf(stderr, "risk_bench: %s\n", rows.error().message.c_str());
        return 1;
    }
    // Tallies per (split, author round); round 0 holds both rounds.
    using Readers = std::map<std::string, std::map<Language, Tally>>;
    std::map<std::pair<RiskSplit, int>, Readers> tallies;
    std::map<std::pair<RiskSplit, int>, std::map<Language, int>> sizes;
    for (const auto& row : *rows) {
        const RiskSplit split = all_rows ? RiskSplit::Test : row.split;
        const int round = author_round(row.source);
        ++sizes[{split, round}][row.language];
        if (split == RiskSplit::Train) {
            continue;
        }
        const RiskReading fused = assess_risk(row.text, {}, **reader);
        const RiskReading concepts = (*reader)->read_concepts(row.text);
        const RiskReading alone = (*reader)->read_model(row.text);
        for (const int r : {0, round}) {
            auto& readers = tallies[{split, r}];
            readers["fused"][row.language].add(row, fused);
            readers["concepts"][row.language].add(row, concepts);
            readers["model"][row.language].add(row, alone);
        }
    }
    fmt::print("Samantha risk reading: {} rows in {}{}\n",
               rows->size(),
               data,
               all_rows ? " (--all-rows: every row counted as test)" : "");
    for (const auto& [key, by_language] : sizes) {
        for (const auto& [language, n] : by_language) {
            fmt::print("  {} {} round {}: {} rows\n",
                       risk_split_name(key.first),
                       language_code(language),
                       key.second,
                       n);
        }
    }
    print_table("TEST, second-round authors (*_c.tsv and later: the fresh test)",
                tallies[{RiskSplit::Test, 2}]);
    print_table("TEST, first-round authors (*_a.tsv, *_b.tsv)", tallies[{RiskSplit::Test, 1}]);
    print_table("TEST, all authors", tallies[{RiskSplit::Test, 0}]);
    print_table("DEV, all authors", tallies[{RiskSplit::Dev, 0}]);

    // Speed on one thread, over the data's own texts.
    std::vector<const std::string*> texts;
    std::size_t bytes = 0;
    for (const auto& row : *rows) {
        texts.push_back(&row.text);
        bytes += row.text.size();
    }
    std::size_t read = 0;
    int crises = 0;
    const auto speed_start = SteadyClock::now();
    const double cpu_start = thread_cpu_seconds();
    while (seconds_since(speed_start) < seconds) {
        for (const std::string* text : texts) {
            crises += assess_risk(*text, {}, **reader).level == RiskLevel::Crisis;
        }
        read += texts.size();
    }
    const double speed_s = seconds_since(speed_start);
    const double cpu_s = thread_cpu_seconds() - cpu_start;
    const ConceptTables& concepts = (*reader)->concepts();
    fmt::print("\neveryday conversation written elsewhere (evaluation only):\n");
    for (const auto& corpus : everyday_corpora(shared)) {
        int crisis = 0;
        int concern = 0;
        for (const auto& text : corpus.texts) {
            const auto level = assess_risk(text, {}, **reader).level;
            crisis += level == RiskLevel::Crisis;
            concern += level == RiskLevel::Concern;
        }
        const int n = static_cast<int>(corpus.texts.size());
        fmt::print("  {:<48} {:>6} messages: crisis {:.2f}%, concern {:.2f}%\n",
                   corpus.name,
                   n,
                   100.0 * ratio(crisis, n),
                   100.0 * ratio(concern, n));
    }
    fmt::print(
        "\nspeed: {:.0f} messages per CPU-second on one core ({:.0f}/s wall clock; assess_risk, "
        "mean {:.0f} bytes, {} crises)\n",
        static_cast<double>(read) / cpu_s,
        static_cast<double>(read) / speed_s,
        static_cast<double>(bytes) / static_cast<double>(texts.size()),
        crises > 0 ? "some" : "no");
    fmt::print("model: {} bytes (src/nlu/models/risk.bin), loaded in {:.1f} ms; thresholds crisis "
               "{:.2f}, concern {:.2f}, lowered crisis {:.2f}\n",
               RiskReader::builtin_model_bytes().size(),
               load_s * 1000,
               (*model)->thresholds().crisis,
               (*model)->thresholds().concern,
               (*model)->thresholds().lowered_crisis);
    fmt::print("reader: {} concept patterns, {} automaton nodes, built in {:.0f} ms (concepts and "
               "model)\n",
               concepts.pattern_count(),
               concepts.node_count(),
               build_s * 1000);
    return 0;
}
