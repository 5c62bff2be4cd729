#pragma once

#include <string_view>

namespace samantha::storage::migrations {

// Embedded at build time from migrations/sqlite/*.sql (see CMakeLists.txt).
std::string_view sqlite_001_initial();

} // namespace samantha::storage::migrations
