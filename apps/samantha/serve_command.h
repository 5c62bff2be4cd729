#pragma once

#include <samantha/config.h>

#include "server/server.h"

namespace samantha::cli {

// Runs `samantha serve` until SIGINT or SIGTERM. Returns the process exit code.
int run_serve(const Config& config, const server::ServerConfig& options);

} // namespace samantha::cli
