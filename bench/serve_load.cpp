// bench/serve_load: samantha serve under load, on loopback, with the builtin brain.
//
//   build/release/bench/serve_load [--sessions 1000,2000,5000,10000] [--seconds 30]
//                                  [--interval-s 10] [--rest-seconds 5] [--workers N]
//                                  [--soak-seconds S]   (one level for S seconds, RSS every 30 s;
//                                                        SAMANTHA_SERVE_BINARY=an ASan build)
//
// Starts `samantha serve` as a child process (so its memory is its own), creates one person per
// session, then for each level opens that many WebSocket sessions, each sending a message every
// --interval-s seconds (staggered), and reports the turn latency (send → reply) p50/p99, errors,
// and the server's RSS; the idle memory per session; and REST requests per second (GET /v1/me,
// keep-alive, 8 connections). A level "holds" when p99 ≤ 50 ms with no errors.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using Json = nlohmann::json;

long rss_kib(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:")) {
            return std::atol(line.c_str() + 6);
        }
    }
    return 0;
}

std::string http_call(const std::string& method,
                      int port,
                      const std::string& target,
                      const std::string& token,
                      const std::string& body = {}) {
    asio::io_context io;
    beast::tcp_stream stream(io);
    stream.connect(
        tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)));
    http::request<http::string_body> req{
        method == "POST" ? http::verb::post : http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::authorization, "Bearer " + token);
    req.body() = body;
    req.prepare_payload();
    http::write(stream, req);
    beast::flat_buffer buffer;
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    return res.body();
}

struct Stats {
    std::mutex mutex;
    std::vector<double> latencies_ms; // guarded by mutex
    std::atomic<int> errors{0};
    std::atomic<int> connected{0};
};

// One WebSocket session: connects, then sends a message every interval and times the reply.
class Session : public std::enable_shared_from_this<Session> {
public:
    Session(asio::io_context& io,
            int port,
            std::string token,
            Stats& stats,
            double interval_s,
            double first_s)
        : m_ws(asio::make_strand(io))
        , m_timer(m_ws.get_executor())
        , m_port(port)
        , m_token(std::move(token))
        , m_stats(stats)
        , m_interval(std::chrono::duration_cast<Clock::duration>(
              std::chrono::duration<double>(interval_s)))
        , m_first(
              std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(first_s))) {
    }

    void start() {
        beast::get_lowest_layer(m_ws).async_connect(
            tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(m_port)),
            [self = shared_from_this()](beast::error_code ec) {
                if (ec) {
                    self->m_stats.errors++;
                    return;
                }
                self->m_ws.set_option(websocket::stream_base::decorator(
                    [t = self->m_token](websocket::request_type& r) {
                        r.set(http::field::authorization, "Bearer " + t);
                    }));
                self->m_ws.async_handshake("127.0.0.1", "/v1/ws", [self](beast::error_code ec2) {
                    if (ec2) {
                        self->m_stats.errors++;
                        return;
                    }
                    self->m_stats.connected++;
                    self->read();
                    self->schedule(self->m_first);
                });
            });
    }

    void stop() {
        asio::post(m_ws.get_executor(), [self = shared_from_this()] {
            self->m_stopped = true;
            self->m_timer.cancel();
            beast::error_code ignored;
            beast::get_lowest_layer(self->m_ws).socket().close(ignored);
        });
    }

private:
    void schedule(Clock::duration after) {
        m_timer.expires_after(after);
        m_timer.async_wait([self = shared_from_this()](beast::error_code ec) {
            if (ec || self->m_stopped) {
                return;
            }
            self->send();
            self->schedule(self->m_interval);
        });
    }

    void send() {
        if (m_waiting) {
            return; // the last reply has not come: the server is behind (counted at the end)
        }
        m_waiting = true;
        m_sent = Clock::now();
        // Varied messages, as real people write: identical texts from everyone would make every
        // word common at once and measure the search index's bookkeeping, not a conversation.
        static constexpr std::array<const char*, 12> texts{
            "I had a long day at work",
            "My sister called me tonight",
            "I went running by the river",
            "오늘 회사에서 정말 힘들었어요",
            "저녁에 친구랑 영화 봤어요",
            "I'm cooking pasta for dinner",
            "우리 강아지가 아파서 걱정돼요",
            "My exam is next week and I'm nervous",
            "I finally finished the book you asked about",
            "내일 면접이 있어요",
            "The weather was lovely this afternoon",
            "I miss my grandmother"};
        const std::size_t pick = m_count++ % texts.size();
        m_out =
            Json{{"type", "message"},
                 {"text",
                  fmt::format(
                      "{} ({} {})", texts[(pick + m_offset) % texts.size()], m_offset, m_count)}}
                .dump();
        m_ws.async_write(asio::buffer(m_out),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec && !self->m_stopped) {
                                 self->m_stats.errors++;
                             }
                         });
    }

    void read() {
        m_ws.async_read(m_buffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec) {
                if (!self->m_stopped) {
                    self->m_stats.errors++;
                }
                return;
            }
            const std::string text = beast::buffers_to_string(self->m_buffer.data());
            self->m_buffer.consume(self->m_buffer.size());
            if (text.find("\"type\":\"reply\"") != std::string::npos) {
                const double ms =
                    std::chrono::duration<double, std::milli>(Clock::now() - self->m_sent).count();
                self->m_waiting = false;
                const std::lock_guard lock(self->m_stats.mutex);
                self->m_stats.latencies_ms.push_back(ms);
            } else if (text.find("\"type\":\"error\"") != std::string::npos) {
                self->m_waiting = false;
                self->m_stats.errors++;
            }
            self->read();
        });
    }

    websocket::stream<beast::tcp_stream> m_ws;
    asio::steady_timer m_timer;
    int m_port;
    std::string m_token;
    Stats& m_stats;
    Clock::duration m_interval;
    Clock::duration m_first;
    beast::flat_buffer m_buffer;
    std::string m_out;
    Clock::time_point m_sent;
    bool m_waiting = false;
    bool m_stopped = false;
    std::size_t m_count = 0;
    std::size_t m_offset = static_cast<std::size_t>(std::rand() % 1000);
};

double percentile(std::vector<double> xs, double q) {
    if (xs.empty()) {
        return 0.0;
    }
    std::sort(xs.begin(), xs.end());
    return xs[std::min(xs.size() - 1,
                       static_cast<std::size_t>(q * static_cast<double>(xs.size())))];
}

std::vector<int> parse_list(const std::string& text) {
    std::vector<int> out;
    std::size_t at = 0;
    while (at < text.size()) {
        out.push_back(std::atoi(text.c_str() + at));
        const auto comma = text.find(',', at);
        at = comma == std::string::npos ? text.size() : comma + 1;
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    std::vector<int> levels{1000, 2000, 5000, 10000};
    double seconds = 30.0;
    double interval = 10.0;
    double rest_seconds = 5.0;
    std::string workers = "0";
    double soak_seconds = 0.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i];
        if (a == "--sessions") {
            levels = parse_list(argv[i + 1]);
        } else if (a == "--seconds") {
            seconds = std::atof(argv[i + 1]);
        } else if (a == "--interval-s") {
            interval = std::atof(argv[i + 1]);
        } else if (a == "--soak-seconds") {
            soak_seconds = std::atof(argv[i + 1]);
        } else if (a == "--workers") {
            workers = argv[i + 1];
        } else if (a == "--rest-seconds") {
            rest_seconds = std::atof(argv[i + 1]);
        }
    }
    const int most = *std::max_element(levels.begin(), levels.end());
    const std::string data =
        (std::filesystem::temp_directory_path() / "samantha-serve-load").string();
    std::filesystem::remove_all(data);
    const int port = 18000 + static_cast<int>(getpid() % 1000);
    // SAMANTHA_SERVE_BINARY runs another build (an ASan one for the soak).
    const std::string binary = std::getenv("SAMANTHA_SERVE_BINARY") != nullptr
                                   ? std::getenv("SAMANTHA_SERVE_BINARY")
                                   : SAMANTHA_BINARY;
    const std::string port_text = std::to_string(port);
    std::vector<std::string> args{binary,
                                  "--data-dir",
                                  data,
                                  "--log-level",
                                  "error",
                                  "serve",
                                  "--port",
                                  port_text,
                                  "--workers",
                                  workers};
    std::vector<char*> argv_child;
    for (auto& a : args) {
        argv_child.push_back(a.data());
    }
    argv_child.push_back(nullptr);
    setenv("SAMANTHA_ADMIN_TOKEN", "load-admin", 1);
    pid_t server = 0;
    if (posix_spawn(&server, binary.c_str(), nullptr, nullptr, argv_child.data(), environ) != 0) {
        fmt::print(stderr, "serve_load: cannot start {}\n", binary);
        return 1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    fmt::print("server pid {} · RSS at start {:.1f} MiB\n", server, rss_kib(server) / 1024.0);
    // People, one per session.
    std::vector<std::string> tokens;
    const auto created_at = Clock::now();
    for (int i = 0; i < most; ++i) {
        const Json made =
            Json::parse(http_call("POST", port, "/v1/people", "load-admin"), nullptr, false);
        if (!made.is_object() || !made.contains("token")) {
            fmt::print(stderr, "serve_load: could not create people\n");
            kill(server, SIGTERM);
            return 1;
        }
        tokens.push_back(made["token"]);
    }
    if (soak_seconds > 0.0) {
        // The soak: one level for a long time, RSS sampled every 30 s; memory should stay flat.
        const int n = levels.front();
        asio::io_context io;
        Stats stats;
        std::vector<std::shared_ptr<Session>> sessions;
        std::uniform_real_distribution<double> first(0.5, interval);
        std::mt19937 random(11);
        for (int i = 0; i < n; ++i) {
            sessions.push_back(std::make_shared<Session>(
                io, port, tokens[static_cast<std::size_t>(i)], stats, interval, first(random)));
            sessions.back()->start();
        }
        std::thread runner([&io] {
            auto guard = asio::make_work_guard(io);
            io.run();
        });
        fmt::print("soak: {} sessions, a message every {:.0f} s each, {:.0f} s\n"
                   "| t (s) | server RSS MiB | turns | errors |\n| ---: | ---: | ---: | ---: |\n",
                   n,
                   interval,
                   soak_seconds);
        std::fflush(stdout);
        for (double t = 0.0; t < soak_seconds; t += 30.0) {
            std::this_thread::sleep_for(std::chrono::seconds(30));
            std::size_t turns = 0;
            {
                const std::lock_guard lock(stats.mutex);
                turns = stats.latencies_ms.size();
            }
            fmt::print("| {:.0f} | {:.1f} | {} | {} |\n",
                       t + 30.0,
                       rss_kib(server) / 1024.0,
                       turns,
                       stats.errors.load());
            std::fflush(stdout);
        }
        for (auto& s : sessions) {
            s->stop();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        io.stop();
        runner.join();
        std::vector<double> lat;
        {
            const std::lock_guard lock(stats.mutex);
            lat = stats.latencies_ms;
        }
        fmt::print("soak: {} turns, p50 {:.1f} ms, p99 {:.1f} ms, {} errors\n",
                   lat.size(),
                   percentile(lat, 0.5),
                   percentile(lat, 0.99),
                   stats.errors.load());
        kill(server, SIGTERM);
        int status = 0;
        waitpid(server, &status, 0);
        fmt::print("server exit: {}\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
        std::filesystem::remove_all(data);
        return 0;
    }
    fmt::print("created {} people in {:.1f} s\n\n",
               most,
               std::chrono::duration<double>(Clock::now() - created_at).count());
    // Memory per idle session.
    {
        asio::io_context io;
        Stats stats;
        const int n = std::min(most, 5000);
        const long before = rss_kib(server);
        std::vector<std::shared_ptr<Session>> sessions;
        for (int i = 0; i < n; ++i) {
            sessions.push_back(std::make_shared<Session>(
                io, port, tokens[static_cast<std::size_t>(i)], stats, 1e9, 1e9));
            sessions.back()->start();
        }
        std::thread runner([&io] {
            auto guard = asio::make_work_guard(io);
            io.run();
        });
        std::this_thread::sleep_for(std::chrono::seconds(3));
        const long after = rss_kib(server);
        fmt::print(
            "\nidle sessions: {} connected; server RSS {:.1f} → {:.1f} MiB: {:.1f} KiB a session\n",
            stats.connected.load(),
            before / 1024.0,
            after / 1024.0,
            static_cast<double>(after - before) / std::max(1, stats.connected.load()));
        for (auto& s : sessions) {
            s->stop();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        io.stop();
        runner.join();
    }
    fmt::print("| sessions | turns | p50 ms | p99 ms | errors | missed | server RSS MiB | holds |\n"
               "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    std::mt19937 random(7);
    for (const int n : levels) {
        asio::io_context io;
        Stats stats;
        std::vector<std::shared_ptr<Session>> sessions;
        std::uniform_real_distribution<double> first(0.5, interval);
        for (int i = 0; i < n; ++i) {
            sessions.push_back(std::make_shared<Session>(
                io, port, tokens[static_cast<std::size_t>(i)], stats, interval, first(random)));
            sessions.back()->start();
        }
        std::thread runner([&io] {
            auto guard = asio::make_work_guard(io);
            io.run();
        });
        std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
        const long rss = rss_kib(server);
        for (auto& s : sessions) {
            s->stop();
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        io.stop();
        runner.join();
        std::vector<double> lat;
        {
            const std::lock_guard lock(stats.mutex);
            lat = stats.latencies_ms;
        }
        const double expected = n * (seconds - interval / 2.0) / interval;
        const double missed = std::max(0.0, expected - static_cast<double>(lat.size()));
        const double p99 = percentile(lat, 0.99);
        fmt::print("| {} | {} | {:.1f} | {:.1f} | {} | {:.0f} | {:.1f} | {} |\n",
                   n,
                   lat.size(),
                   percentile(lat, 0.5),
                   p99,
                   stats.errors.load(),
                   missed,
                   rss / 1024.0,
                   p99 <= 50.0 && stats.errors.load() == 0 ? "yes" : "no");
        std::fflush(stdout);
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    // Where the time goes: the server's own turn-duration histogram (time on a worker).
    {
        const std::string metrics = http_call("GET", port, "/metrics", "");
        fmt::print("\nserver-side turn durations (samantha_turn_duration_seconds):\n");
        std::size_t at = 0;
        while ((at = metrics.find("samantha_turn_duration_seconds_bucket", at)) !=
               std::string::npos) {
            const auto end = metrics.find('\n', at);
            fmt::print("  {}\n", metrics.substr(at, end - at));
            at = end;
        }
    }
    // REST requests per second, 8 keep-alive connections: GET /healthz (the network alone) and
    // GET /v1/me (a worker and the database), the tokens rotated so no person hits the rate limit.
    for (const std::string target : {"/healthz", "/v1/me"}) {
        std::atomic<long> done{0};
        std::atomic<long> refused{0};
        std::atomic<bool> stop{false};
        std::vector<std::thread> clients;
        for (int c = 0; c < 8; ++c) {
            clients.emplace_back([&, c] {
                asio::io_context io;
                beast::tcp_stream stream(io);
                stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"),
                                             static_cast<unsigned short>(port)));
                beast::flat_buffer buffer;
                std::size_t k = static_cast<std::size_t>(c);
                while (!stop) {
                    http::request<http::string_body> req{http::verb::get, target, 11};
                    req.set(http::field::host, "127.0.0.1");
                    req.set(http::field::authorization, "Bearer " + tokens[k % tokens.size()]);
                    k += 8;
                    http::write(stream, req);
                    http::response<http::string_body> res;
                    http::read(stream, buffer, res);
                    (res.result_int() == 200 ? done : refused)++;
                }
            });
        }
        std::this_thread::sleep_for(std::chrono::duration<double>(rest_seconds));
        stop = true;
        for (auto& t : clients) {
            t.join();
        }
        fmt::print("REST GET {}: {:.0f} requests/s ({} refused)\n",
                   target,
                   done.load() / rest_seconds,
                   refused.load());
    }
    kill(server, SIGTERM);
    int status = 0;
    waitpid(server, &status, 0);
    std::filesystem::remove_all(data);
    return 0;
}
