#include "server/workers.h"

#include <fmt/format.h>

namespace samantha::server {

Result<Conversation*> Conversations::get(const std::string& person) {
    if (auto found = m_open.find(person); found != m_open.end()) {
        return found->second.get();
    }
    if (m_erased.contains(person)) {
        return make_error(ErrorCode::NotFound,
                          fmt::format("person '{}': erased at their request", person));
    }
    constexpr std::size_t most_open = 20000;
    if (m_open.size() >= most_open) {
        m_open.erase(m_open.begin()); // any: reopening costs one query
    }
    auto opened = m_engine.conversation(person);
    if (!opened) {
        return opened.error();
    }
    Conversation* conversation = opened->get();
    m_open.emplace(person, std::move(*opened));
    return conversation;
}

Result<void> Conversations::erase(const std::string& person) {
    m_open.erase(person);
    if (auto erased = m_engine.erase_person(person); !erased) {
        return erased;
    }
    m_erased.insert(person);
    return {};
}

Result<std::unique_ptr<Workers>> Workers::open(const Config& config,
                                               int count,
                                               std::size_t queue_depth,
                                               std::shared_ptr<const Clock> clock,
                                               const Logger& log) {
    std::unique_ptr<Workers> workers(new Workers());
    workers->m_queue_depth = queue_depth;
    for (int i = 0; i < std::max(1, count); ++i) {
        auto engine = Engine::open(config, clock, log.with("worker", std::to_string(i)));
        if (!engine) {
            return engine.error();
        }
        auto worker = std::make_unique<Worker>();
        worker->engine = std::move(*engine);
        workers->m_workers.push_back(std::move(worker));
    }
    for (auto& worker : workers->m_workers) {
        Worker* w = worker.get();
        w->thread = std::jthread([w] { serve(*w); });
    }
    return workers;
}

Workers::~Workers() {
    stop();
}

void Workers::serve(Worker& worker) {
    Conversations conversations(*worker.engine);
    while (true) {
        Job job;
        {
            std::unique_lock lock(worker.mutex);
            worker.ready.wait(lock, [&] { return worker.stopping || !worker.jobs.empty(); });
            if (worker.stopping) {
                return;
            }
            job = std::move(worker.jobs.front());
            worker.jobs.pop_front();
        }
        try {
            job(*worker.engine, conversations);
        } catch (const std::exception&) {
            // A job reports its own failures; nothing may escape a worker (STYLE.md §4).
        }
    }
}

bool Workers::submit(const std::string& person, Job job) {
    const std::size_t index =
        person.empty() ? 0 : std::hash<std::string>{}(person) % m_workers.size();
    Worker& worker = *m_workers[index];
    {
        const std::lock_guard lock(worker.mutex);
        if (worker.stopping || worker.jobs.size() >= m_queue_depth) {
            return false;
        }
        worker.jobs.push_back(std::move(job));
    }
    worker.ready.notify_one();
    return true;
}

void Workers::stop() {
    for (auto& worker : m_workers) {
        {
            const std::lock_guard lock(worker->mutex);
            worker->stopping = true;
            worker->jobs.clear();
        }
        worker->ready.notify_all();
    }
    for (auto& worker : m_workers) {
        if (worker->thread.joinable()) {
            worker->thread.join();
        }
    }
}

} // namespace samantha::server
