#include "line_reader.h"

namespace samantha::cli {

std::optional<Line> LineReader::next() {
    Line line;
    int c = 0;
    bool any = false;
    // getc_unlocked: one thread reads stdin; NUL bytes are kept (and later refused as control
    // characters) instead of silently cutting the line as fgets would.
    while ((c = getc_unlocked(m_in)) != EOF) {
        any = true;
        if (c == '\n') {
            break;
        }
        ++line.length;
        if (line.text.size() < m_max) {
            line.text.push_back(static_cast<char>(c));
        } else {
            line.too_long = true;
        }
    }
    if (!any) {
        return std::nullopt;
    }
    if (!line.too_long && !line.text.empty() && line.text.back() == '\r') {
        line.text.pop_back();
    }
    return line;
}

} // namespace samantha::cli
