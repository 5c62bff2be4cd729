#pragma once

#include <string_view>

namespace samantha::memory::vocabulary_data {

// vocabulary.txt, embedded at build time.
std::string_view text();

} // namespace samantha::memory::vocabulary_data
