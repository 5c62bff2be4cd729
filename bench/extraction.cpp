// bench/extraction_bench: precision and recall of memory::extract() per slot, on the generated
// evaluation set of tests/data/extraction (docs/memory.md, "The evaluation set"), and its speed.
//
//   build/release/bench/extraction_bench [--data tests/data/extraction] [--split dev|test|both]
//                                        [--per-template 16] [--errors N] [--language en|ko]
//                                        [--show MESSAGE]
//
// Prints, per language and split, for every slot: how many facts were expected and predicted,
// the true positives, precision and recall, and whether the targets (precision >= 0.98, recall
// >= 0.90) hold; then the share of statements given exactly right per category, and
// statements per second on one thread. --errors N prints up to N wrong or missing facts of the
// dev split (never of test: the rules are tuned on dev only). Exits 1 when a target fails on a
// split that was scored. --show prints what one message gives, and nothing else.
#include "memory/extraction.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "core/text.h"
#include "core/time.h"
#include "eval_set.h"

namespace {

using namespace samantha; // NOLINT(google-build-using-namespace): a benchmark driver
namespace eval = samantha::extraction_eval;

constexpr double target_precision = 0.98;
constexpr double target_recall = 0.90;

struct Options {
    std::string data = SAMANTHA_EXTRACTION_DATA_DIR;
    std::string split = "both";
    std::string language = "both";
    std::size_t per_template = 16;
    std::size_t errors = 0;
    std::string show; // a message to extract and print, instead of the set
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const std::string value = argv[i + 1];
        if (flag == "--data") {
            o.data = value;
        } else if (flag == "--split") {
            o.split = value;
        } else if (flag == "--language") {
            o.language = value;
        } else if (flag == "--per-template") {
            o.per_template = static_cast<std::size_t>(std::atoi(value.c_str()));
        } else if (flag == "--show") {
            o.show = value;
        } else if (flag == "--errors") {
            o.errors = static_cast<std::size_t>(std::atoi(value.c_str()));
        } else {
            fmt::print(stderr, "unknown option {}\n", flag);
            std::exit(2);
        }
    }
    return o;
}

// Scores one split of one language and prints its table; returns whether every target holds.
bool report(const eval::EvalSet& set, Language language, eval::Split split, std::size_t errors) {
    std::map<std::string, eval::Counts> per_kind;
    std::map<std::string, std::pair<std::size_t, std::size_t>> per_category; // exact, total
    std::size_t statements = 0;
    std::size_t shown = 0;
    for (const auto& item : set.items) {
        if (item.split != split) {
            continue;
        }
        ++statements;
        const auto result = memory::extract(item.text, language, eval::today);
        const auto scored = eval::score(item, result);
        bool exact = true;
        for (const auto& [kind, counts] : scored.per_kind) {
            auto& total = per_kind[kind];
            total.tp += counts.tp;
            total.fp += counts.fp;
            total.fn += counts.fn;
            exact = exact && counts.fp == 0 && counts.fn == 0;
        }
        auto& category = per_category[item.category];
        category.first += exact ? 1 : 0;
        ++category.second;
        if (!exact && split == eval::Split::Dev && shown < errors) {
            ++shown;
            fmt::print(
                "  ERR [{} {}:{}] {}\n", item.category, item.voice, item.template_line, item.text);
            for (const auto& w : scored.wrong) {
                fmt::print("      wrong   {}\n", w);
            }
            for (const auto& m : scored.missing) {
                fmt::print("      missing {}\n", m);
            }
        }
    }
    const char* lang = language == Language::Korean ? "ko" : "en";
    fmt::print("\n{} {}: {} statements\n", lang, eval::split_name(split), statements);
    fmt::print("  {:<10} {:>8} {:>9} {:>6} {:>9} {:>7}  {}\n",
               "slot",
               "expected",
               "predicted",
               "tp",
               "precision",
               "recall",
               "target");
    bool all = true;
    for (const auto& [kind, c] : per_kind) {
        const bool ok = c.precision() >= target_precision && c.recall() >= target_recall;
        all = all && ok;
        fmt::print("  {:<10} {:>8} {:>9} {:>6} {:>9.3f} {:>7.3f}  {}\n",
                   kind,
                   c.tp + c.fn,
                   c.tp + c.fp,
                   c.tp,
                   c.precision(),
                   c.recall(),
                   ok ? "ok" : "MISS");
    }
    fmt::print("  exactly right per category:");
    for (const auto& [category, counts] : per_category) {
        fmt::print(" {} {}/{}", category, counts.first, counts.second);
    }
    fmt::print("\n");
    return all;
}

double statements_per_second(const eval::EvalSet& set, Language language) {
    using Clock = std::chrono::steady_clock;
    std::size_t done = 0;
    std::size_t sink = 0;
    const auto start = Clock::now();
    double elapsed = 0;
    while (elapsed < 1.0) {
        for (const auto& item : set.items) {
            const auto result = memory::extract(item.text, language, eval::today);
            sink += result.facts.size() + result.events.size();
            ++done;
        }
        elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    }
    if (sink == static_cast<std::size_t>(-1)) {
        fmt::print("\n"); // keeps the loop from being optimised away
    }
    return static_cast<double>(done) / elapsed;
}

} // namespace

int main(int argc, char** argv) {
    const Options options = parse(argc, argv);
    if (!options.show.empty()) {
        const Language language = core::detect_language(options.show, Language::English);
        const auto result = memory::extract(options.show, language, eval::today);
        for (const auto& f : result.facts) {
            fmt::print("{} = {}\n", f.slot, f.value);
        }
        for (const auto& e : result.events) {
            fmt::print("event {} {} ({})\n",
                       core::format_date(e.date),
                       e.title,
                       e.is_plan ? "plan" : "event");
        }
        return 0;
    }
    bool all = true;
    for (const Language language : {Language::English, Language::Korean}) {
        const char* lang = language == Language::Korean ? "ko" : "en";
        if (options.language != "both" && options.language != lang) {
            continue;
        }
        auto set = eval::generate(options.data, language, options.per_template);
        if (!set) {
            fmt::print(stderr, "{}\n", set.error().message);
            return 2;
        }
        std::size_t test = 0;
        for (const auto& item : set->items) {
            test += item.split == eval::Split::Test ? 1 : 0;
        }
        fmt::print("{}: {} templates, {} statements ({} dev, {} test); held-out values:",
                   lang,
                   set->templates,
                   set->items.size(),
                   set->items.size() - test,
                   test);
        for (const auto& [type, count] : set->held_out_values) {
            fmt::print(" {} {}", type, count);
        }
        fmt::print("\n");
        if (options.split == "dev" || options.split == "both") {
            all = report(*set, language, eval::Split::Dev, options.errors) && all;
        }
        if (options.split == "test" || options.split == "both") {
            all = report(*set, language, eval::Split::Test, 0) && all;
        }
        fmt::print("  speed: {:.0f} statements/s on one thread\n",
                   statements_per_second(*set, language));
    }
    return all ? 0 : 1;
}
