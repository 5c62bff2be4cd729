#pragma once

#include <string_view>

namespace samantha::dialogue::phrase_data {

// Embedded at build time from phrases/*.txt.
std::string_view english();
std::string_view korean();
std::string_view cues();
std::string_view manipulation();

} // namespace samantha::dialogue::phrase_data
