#pragma once

#include <string_view>

namespace samantha::affect::lexicon_data {

// Embedded at build time from lexicon/*.tsv.
std::string_view english();
std::string_view korean();
std::string_view symbols();

} // namespace samantha::affect::lexicon_data
