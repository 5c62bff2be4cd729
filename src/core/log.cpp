#include <cstdio>
#include <mutex>

#include <samantha/log.h>

namespace samantha {

const char* log_level_name(LogLevel level) {
    switch (level) {
    case LogLevel::Trace:
        return "trace";
    case LogLevel::Debug:
        return "debug";
    case LogLevel::Info:
        return "info";
    case LogLevel::Warn:
        return "warn";
    case LogLevel::Error:
        return "error";
    case LogLevel::Off:
        return "off";
    }
    return "off";
}

void Logger::write(LogLevel level, std::string message) const {
    (*m_sink)(LogRecord{.level = level, .message = std::move(message), .fields = m_fields});
}

LogSink make_stderr_log_sink() {
    auto mutex = std::make_shared<std::mutex>(); // serialises lines from several threads
    return [mutex](const LogRecord& record) {
        std::string line =
            fmt::format("samantha {}: {}", log_level_name(record.level), record.message);
        for (const auto& [key, value] : record.fields) {
            line += fmt::format(" {}={}", key, value);
        }
        line += '\n';
        const std::lock_guard lock(*mutex);
        std::fputs(line.c_str(), stderr);
    };
}

} // namespace samantha
