#include "serve_command.h"

#include <csignal>
#include <cstdio>
#include <thread>

#include <fmt/format.h>

namespace samantha::cli {

int run_serve(const Config& config, const server::ServerConfig& options) {
    // Signals are taken by a waiting thread, not a handler, so stopping runs as ordinary code.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    Logger log(make_stderr_log_sink(), config.log_level);
    auto server = server::Server::open(config, options, make_system_clock(), log);
    if (!server) {
        fmt::print(stderr, "samantha serve: {}\n", server.error().message);
        return 1;
    }
    fmt::print(stderr,
               "samantha serve: listening on http://{}:{}/{}{}\n",
               options.host,
               (*server)->port(),
               options.web_root.empty() ? "" : " (the web companion is at /)",
               options.admin_token.empty()
                   ? "; no SAMANTHA_ADMIN_TOKEN is set, so no one can create people"
                   : "");
    if (!(*server)->local_token().empty()) {
        fmt::print(stderr,
                   "samantha serve: open http://{}:{}/#token={} to talk with Samantha as '{}'\n",
                   options.host,
                   (*server)->port(),
                   (*server)->local_token(),
                   options.local_user);
    }
    std::fflush(stderr);
    std::jthread waiter([&server, signals] {
        int received = 0;
        sigwait(&signals, &received);
        (*server)->stop();
    });
    (*server)->run(); // returns once the waiter has stopped the server
    return 0;
}

} // namespace samantha::cli
