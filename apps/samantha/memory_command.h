#pragma once

#include <string>

#include <samantha/engine.h>

namespace samantha::cli {

// What `samantha memory` should do.
struct MemoryOptions {
    std::string action; // list | search | forget | correct | erase-all | export
    std::string user;
    bool json = false;
    bool all = false;  // include superseded facts
    long long id = 0;  // forget, correct
    std::string text;  // correct: what the memory should say
    std::string date;  // correct: an event's new date
    bool yes = false;  // erase-all: confirmed
    std::string out;   // export: a file, or stdout when empty
    std::string query; // search: the words to look for
    int limit = 10;    // search: at most this many results
};

// Runs `samantha memory list|search|forget|correct|erase-all|export`. Returns the process exit
// code.
int run_memory(Engine& engine, const MemoryOptions& options);

} // namespace samantha::cli
