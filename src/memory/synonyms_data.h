#pragma once

#include <string_view>

namespace samantha::memory::synonyms_data {

// synonyms.txt, embedded at build time.
std::string_view text();

} // namespace samantha::memory::synonyms_data
