#pragma once

#include <string>

#include <samantha/engine.h>

namespace samantha::cli {

// What `samantha memory` should do.
struct MemoryOptions {
    std::string action; // list | forget | correct | erase-all | export
    std::string user;
    bool json = false;
    bool all = false; // include superseded facts
    long long id = 0; // forget, correct
    std::string text; // correct: what the memory should say
    std::string date; // correct: an event's new date
    bool yes = false; // erase-all: confirmed
    std::string out;  // export: a file, or stdout when empty
};

// Runs `samantha memory list|forget|correct|erase-all|export`. Returns the process exit code.
int run_memory(Engine& engine, const MemoryOptions& options);

} // namespace samantha::cli
