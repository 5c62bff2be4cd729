#pragma once

#include <string>
#include <utility>
#include <variant>

namespace samantha {

// What kind of expected failure an Error reports. Each maps to one stable snake_case code
// (error_code_name) used on the wire, and, later, to one HTTP status in server/.
enum class ErrorCode {
    InvalidArgument, // malformed input: bad UTF-8, bad JSON, a bad field value
    NotFound,        // the person, memory or file does not exist
    TooLarge,        // the input exceeds a documented size limit
    Conflict,        // the request contradicts stored state (e.g. time going backwards)
    Unsupported,     // the feature was left out of this build
    Unavailable,     // a backend (model, server) cannot be reached
    Busy,            // a bounded queue is full
    Timeout,         // an operation ran out of time
    Cancelled,       // a stop_token asked for a stop
    Storage,         // the database failed
    Io,              // a file could not be read or written
    Internal,        // a bug or an unexpected library failure
};

// The stable wire name of `code`, e.g. "invalid_argument".
const char* error_code_name(ErrorCode code);

// An expected failure: a code and a message saying what was attempted, on what, and why it failed.
struct Error {
    ErrorCode code = ErrorCode::Internal;
    std::string message;
};

// Holds a T or an Error. Its members mirror std::expected so it becomes an alias under C++23.
template <typename T>
class [[nodiscard]] Result {
public:
    Result(T value)
        : m_data(std::in_place_index<0>, std::move(value)) {}

    Result(Error error)
        : m_data(std::in_place_index<1>, std::move(error)) {}

    bool has_value() const { return m_data.index() == 0; }

    explicit operator bool() const { return has_value(); }

    T& value() & { return std::get<0>(m_data); }

    const T& value() const& { return std::get<0>(m_data); }

    T&& value() && { return std::get<0>(std::move(m_data)); }

    T& operator*() & { return value(); }

    const T& operator*() const& { return value(); }

    T* operator->() { return &value(); }

    const T* operator->() const { return &value(); }

    const Error& error() const { return std::get<1>(m_data); }

private:
    std::variant<T, Error> m_data;
};

// Result<void>: success, or an Error.
template <>
class [[nodiscard]] Result<void> {
public:
    Result() = default;

    Result(Error error)
        : m_error(std::move(error))
        , m_ok(false) {}

    bool has_value() const { return m_ok; }

    explicit operator bool() const { return m_ok; }

    const Error& error() const { return m_error; }

private:
    Error m_error;
    bool m_ok = true;
};

// Shorthand for building an Error value.
inline Error make_error(ErrorCode code, std::string message) {
    return Error{.code = code, .message = std::move(message)};
}

} // namespace samantha
