#pragma once

// SAMANTHA_ASSERT(condition, "message"): a programmer error (a broken invariant) stops the
// process, always, in every build type (STYLE.md §4). It names the file, the line, the condition
// and the message on stderr, then aborts. User input must never be able to reach one: bad input is
// an Error value, not an assertion.
#define SAMANTHA_ASSERT(condition, message)                                                        \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            ::samantha::core::assertion_failed(__FILE__, __LINE__, #condition, (message));         \
        }                                                                                          \
    } while (false)

namespace samantha::core {

// Reports a failed SAMANTHA_ASSERT and aborts. Called only by the macro.
[[noreturn]] void
assertion_failed(const char* file, int line, const char* condition, const char* message);

} // namespace samantha::core
