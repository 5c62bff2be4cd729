#pragma once

#include <string_view>

namespace samantha::persona::persona_data {

// personas/samantha.toml, embedded at build time.
std::string_view samantha();

} // namespace samantha::persona::persona_data
