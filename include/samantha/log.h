#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

namespace samantha {

// Severity of a log line.
enum class LogLevel { Trace, Debug, Info, Warn, Error, Off };

// The lower-case name of `level` ("info").
const char* log_level_name(LogLevel level);

// One structured log line as handed to a sink.
struct LogRecord {
    LogLevel level = LogLevel::Info;
    std::string message;
    std::vector<std::pair<std::string, std::string>> fields;
};

// Receives every log line at or above the logger's level. Must be thread-safe.
using LogSink = std::function<void(const LogRecord&)>;

// A log sink writing one text line per record to stderr.
LogSink make_stderr_log_sink();

// A value-type logger: copying is cheap, and with() returns a copy that adds a field to every line.
// The library never writes to stdout or stderr itself; it logs through a Logger whose sink the
// application chooses. A default-constructed Logger discards everything.
class Logger {
public:
    Logger() = default;

    Logger(LogSink sink, LogLevel level)
        : m_sink(std::make_shared<LogSink>(std::move(sink)))
        , m_level(level) {}

    // A copy of this logger that adds `key=value` to every line.
    Logger with(std::string key, std::string value) const {
        Logger copy = *this;
        copy.m_fields.emplace_back(std::move(key), std::move(value));
        return copy;
    }

    bool enabled(LogLevel level) const {
        return m_sink && level >= m_level && level != LogLevel::Off;
    }

    // Formats with fmt's compile-time-checked {} placeholders and hands the line to the sink.
    template <typename... Args>
    void log(LogLevel level, fmt::format_string<Args...> format, Args&&... args) const {
        if (enabled(level)) {
            write(level, fmt::format(format, std::forward<Args>(args)...));
        }
    }

    template <typename... Args>
    void debug(fmt::format_string<Args...> format, Args&&... args) const {
        log(LogLevel::Debug, format, std::forward<Args>(args)...);
    }

    template <typename... Args>
    void info(fmt::format_string<Args...> format, Args&&... args) const {
        log(LogLevel::Info, format, std::forward<Args>(args)...);
    }

    template <typename... Args>
    void warn(fmt::format_string<Args...> format, Args&&... args) const {
        log(LogLevel::Warn, format, std::forward<Args>(args)...);
    }

    template <typename... Args>
    void error(fmt::format_string<Args...> format, Args&&... args) const {
        log(LogLevel::Error, format, std::forward<Args>(args)...);
    }

private:
    void write(LogLevel level, std::string message) const;

    std::shared_ptr<LogSink> m_sink; // immutable once built; shared by copies
    LogLevel m_level = LogLevel::Off;
    std::vector<std::pair<std::string, std::string>> m_fields;
};

} // namespace samantha
