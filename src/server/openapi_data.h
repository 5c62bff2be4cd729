#pragma once

#include <string_view>

namespace samantha::server::openapi_data {

// The OpenAPI document of the server's API (openapi.json, embedded at build time).
std::string_view openapi();

} // namespace samantha::server::openapi_data
