#include "core/assert.h"

#include <cstdio>
#include <cstdlib>

namespace samantha::core {

void assertion_failed(const char* file, int line, const char* condition, const char* message) {
    // The one place the library writes to stderr itself: the process is about to stop, and the
    // log sink may be what broke.
    std::fprintf(
        stderr, "samantha: %s:%d: assertion failed: %s (%s)\n", file, line, condition, message);
    std::abort();
}

} // namespace samantha::core
