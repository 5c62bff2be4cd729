#pragma once

#include <cstdio>
#include <optional>
#include <string>

namespace samantha::cli {

// One line read by LineReader.
struct Line {
    std::string text;       // without the newline (and without a trailing \r)
    std::size_t length = 0; // the full length in bytes, even when the line was too long
    bool too_long = false;  // the line exceeded the limit; `text` holds only its start
};

// Reads lines from a FILE* without ever holding more than `max_bytes` of one line, so a hostile
// multi-gigabyte line costs no memory: its excess is read and dropped.
class LineReader {
public:
    LineReader(std::FILE* in, std::size_t max_bytes)
        : m_in(in)
        , m_max(max_bytes) {}

    // The next line, or nothing at end of input.
    std::optional<Line> next();

private:
    std::FILE* m_in;
    std::size_t m_max;
};

} // namespace samantha::cli
