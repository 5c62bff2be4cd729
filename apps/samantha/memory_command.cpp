#include "memory_command.h"

#include <cstdio>
#include <fstream>

#include <fmt/format.h>

#include "core/time.h"
#include "wire/json.h"

namespace samantha::cli {

namespace {

// `samantha memory search QUERY [--limit K] [--json]`: best first.
int run_search(Engine& engine, const MemoryOptions& options) {
    auto found = engine.search_memories(options.user, options.query, options.limit);
    if (!found) {
        if (found.error().code == ErrorCode::NotFound) {
            // A person Samantha has never met has no memories to find.
            fmt::print("{}\n", options.json ? "[]" : "(no memories match)");
            return 0;
        }
        fmt::print(stderr, "samantha memory search: {}\n", found.error().message);
        return found.error().code == ErrorCode::InvalidArgument ? 2 : 1;
    }
    if (options.json) {
        nlohmann::json hits = nlohmann::json::array();
        for (const auto& hit : *found) {
            hits.push_back(wire::search_hit_json(hit));
        }
        fmt::print("{}\n", hits.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return 0;
    }
    if (found->empty()) {
        fmt::print("(no memories match)\n");
    }
    for (const auto& hit : *found) {
        fmt::print("{:>6}  {:<7}  {:.3f}  {}\n",
                   hit.memory.id,
                   memory_kind_name(hit.memory.kind),
                   hit.score,
                   hit.memory.text);
    }
    return 0;
}

} // namespace

int run_memory(Engine& engine, const MemoryOptions& options) {
    if (options.action == "search") {
        return run_search(engine, options);
    }
    if (options.action == "forget") {
        auto erased = engine.forget(options.user, options.id);
        if (!erased) {
            fmt::print(stderr, "samantha memory forget: {}\n", erased.error().message);
            return 1;
        }
        for (const auto& m : *erased) {
            fmt::print("forgot {} ({}): {}\n", m.id, memory_kind_name(m.kind), m.text);
        }
        return 0;
    }
    if (options.action == "correct") {
        MemoryCorrection correction;
        if (!options.text.empty()) {
            correction.text = options.text;
        }
        if (!options.date.empty()) {
            auto date = core::parse_date(options.date);
            if (!date) {
                fmt::print(stderr, "samantha memory correct: --date: {}\n", date.error().message);
                return 2;
            }
            correction.date = *date;
        }
        auto conversation = engine.conversation(options.user);
        auto corrected = conversation ? (*conversation)->correct(options.id, correction)
                                      : Result<Memory>(conversation.error());
        if (!corrected) {
            fmt::print(stderr, "samantha memory correct: {}\n", corrected.error().message);
            return 1;
        }
        fmt::print("corrected {} ({}): {}\n",
                   corrected->id,
                   memory_kind_name(corrected->kind),
                   corrected->text);
        return 0;
    }
    if (options.action == "erase-all") {
        if (!options.yes) {
            fmt::print(stderr,
                       "samantha memory erase-all: this erases everything about '{}' for good; "
                       "add --yes to do it\n",
                       options.user);
            return 2;
        }
        if (auto erased = engine.erase_person(options.user); !erased) {
            fmt::print(stderr, "samantha memory erase-all: {}\n", erased.error().message);
            return 1;
        }
        fmt::print("erased everything about {}\n", options.user);
        return 0;
    }
    auto list = engine.memories(options.user, options.all || options.action == "export");
    if (!list) {
        if (list.error().code == ErrorCode::NotFound && options.action == "list") {
            // A person Samantha has never met has an empty ledger.
            fmt::print("{}\n", options.json ? "[]" : "(no memories)");
            return 0;
        }
        fmt::print(stderr, "samantha memory {}: {}\n", options.action, list.error().message);
        return 1;
    }
    if (options.action == "export") {
        nlohmann::json memories = nlohmann::json::array();
        for (const auto& m : *list) {
            memories.push_back(wire::memory_json(m));
        }
        const nlohmann::json document = {{"format", "samantha-memories"},
                                         {"version", 1},
                                         {"user", options.user},
                                         {"memories", memories}};
        const std::string text =
            document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
        if (options.out.empty()) {
            std::fputs(text.c_str(), stdout);
            return 0;
        }
        std::ofstream file(options.out, std::ios::binary | std::ios::trunc);
        file << text;
        if (!file.flush()) {
            fmt::print(stderr, "samantha memory export: cannot write '{}'\n", options.out);
            return 1;
        }
        fmt::print(stderr, "exported {} memories to {}\n", list->size(), options.out);
        return 0;
    }
    if (options.json) {
        nlohmann::json memories = nlohmann::json::array();
        for (const auto& m : *list) {
            memories.push_back(wire::memory_json(m));
        }
        fmt::print("{}\n", memories.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        return 0;
    }
    if (list->empty()) {
        fmt::print("(no memories)\n");
    }
    for (const auto& m : *list) {
        std::string line = fmt::format("{:>6}  {:<7}  {}", m.id, memory_kind_name(m.kind), m.text);
        if (m.valid_to) {
            line += "  [past]";
        }
        fmt::print("{}\n", line);
    }
    return 0;
}

} // namespace samantha::cli
