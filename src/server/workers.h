#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <samantha/engine.h>

// Turn workers: each owns an Engine (its own database connection) and the conversations of the
// people hashed to it, so one person's turns run one at a time, in order, while different people's
// run in parallel. Network threads only enqueue (STYLE.md §7).
namespace samantha::server {

// The conversations one worker holds open. Used only on that worker's thread.
class Conversations {
public:
    explicit Conversations(Engine& engine)
        : m_engine(engine) {}

    // The person's conversation, opened on first use.
    Result<Conversation*> get(const std::string& person);

    // Erases everything about the person (Engine::erase_person); a session of theirs still
    // connected gets NotFound from then on instead of a new person with the same id.
    Result<void> erase(const std::string& person);

private:
    Engine& m_engine;
    std::unordered_map<std::string, std::unique_ptr<Conversation>> m_open;
    std::unordered_set<std::string> m_erased;
};

// Work for a worker: runs on its thread with its engine and conversations.
using Job = std::function<void(Engine& engine, Conversations& conversations)>;

class Workers {
public:
    // Opens `count` engines on `config` (migrations run once, by the first).
    static Result<std::unique_ptr<Workers>> open(const Config& config,
                                                 int count,
                                                 std::size_t queue_depth,
                                                 std::shared_ptr<const Clock> clock,
                                                 const Logger& log);

    ~Workers();
    Workers(const Workers&) = delete;
    Workers& operator=(const Workers&) = delete;

    // Queues `job` on the worker that holds `person` (any worker when empty). False when that
    // worker's queue is full: the caller answers busy.
    [[nodiscard]] bool submit(const std::string& person, Job job);

    // Stops the workers after the job each is running; queued jobs are dropped.
    void stop();

private:
    struct Worker {
        std::unique_ptr<Engine> engine;
        mutable std::mutex mutex;
        std::condition_variable ready;
        std::deque<Job> jobs;  // guarded by mutex
        bool stopping = false; // guarded by mutex
        std::jthread thread;
    };

    Workers() = default;
    static void serve(Worker& worker);

    std::size_t m_queue_depth = 0;
    std::vector<std::unique_ptr<Worker>> m_workers;
};

} // namespace samantha::server
