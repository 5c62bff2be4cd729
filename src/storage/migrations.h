#pragma once

#include <string_view>

namespace samantha::storage::migrations {

// Embedded at build time from migrations/sqlite/*.sql (see CMakeLists.txt).
std::string_view sqlite_001_initial();
std::string_view sqlite_002_inner_life();
std::string_view sqlite_003_access();
std::string_view sqlite_004_settings();
std::string_view sqlite_005_care();
std::string_view sqlite_006_memory_windows();

} // namespace samantha::storage::migrations
