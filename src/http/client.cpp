#include "http/client.h"

#include <memory>
#include <mutex>
#include <system_error>

#include <curl/curl.h>
#include <fmt/format.h>

namespace samantha::http {
namespace {

struct CurlCleanup {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};

struct HeaderCleanup {
    void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};

// libcurl's global state, set up once for the process (it is not thread-safe to do it twice).
bool global_init() {
    static std::once_flag once;
    static CURLcode result = CURLE_OK;
    std::call_once(once, [] { result = curl_global_init(CURL_GLOBAL_DEFAULT); });
    return result == CURLE_OK;
}

// Why a transfer ended before curl finished it.
enum class Ended { No, Stopped, Declined, TooLarge };

// One exchange's state, shared with curl's callbacks (which run on the calling thread).
struct Transfer {
    const BodySink* on_body = nullptr; // null: the body is collected in `body`
    const ProgressSink* on_progress = nullptr;
    std::stop_token stop;
    std::size_t max_body_bytes = 0;
    std::string body;
    Ended ended = Ended::No;
};

std::size_t on_write(char* data, std::size_t size, std::size_t count, void* user) {
    auto& t = *static_cast<Transfer*>(user);
    const std::size_t n = size * count;
    if (t.stop.stop_requested()) {
        t.ended = Ended::Stopped;
        return 0; // aborts the transfer
    }
    if (t.on_body != nullptr) {
        if (!(*t.on_body)(std::string_view(data, n))) {
            t.ended = Ended::Declined;
            return 0;
        }
        return n;
    }
    if (t.max_body_bytes > 0 && t.body.size() + n > t.max_body_bytes) {
        t.ended = Ended::TooLarge;
        return 0;
    }
    t.body.append(data, n);
    return n;
}

// Called by curl about once a second and whenever data moves: the place a stop request is seen
// while the server is silent.
int on_transfer_info(
    void* user, curl_off_t total, curl_off_t now, curl_off_t /*up_total*/, curl_off_t /*up_now*/) {
    auto& t = *static_cast<Transfer*>(user);
    if (t.stop.stop_requested()) {
        t.ended = Ended::Stopped;
        return 1; // aborts the transfer
    }
    if (t.on_progress != nullptr && *t.on_progress &&
        !(*t.on_progress)(static_cast<std::uint64_t>(now),
                          total > 0 ? static_cast<std::uint64_t>(total) : 0)) {
        t.ended = Ended::Declined;
        return 1;
    }
    return 0;
}

ErrorCode code_of(CURLcode rc) {
    switch (rc) {
    case CURLE_URL_MALFORMAT:
    case CURLE_UNSUPPORTED_PROTOCOL:
        return ErrorCode::InvalidArgument;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_GOT_NOTHING:
        return ErrorCode::Unavailable;
    case CURLE_OPERATION_TIMEDOUT:
        return ErrorCode::Timeout;
    case CURLE_RANGE_ERROR:
        return ErrorCode::Conflict;
    case CURLE_OUT_OF_MEMORY:
    case CURLE_FAILED_INIT:
        return ErrorCode::Internal;
    default:
        return ErrorCode::InvalidArgument; // the answer came, but could not be used
    }
}

// The most precise reason curl can give: the system's for a refused or unreachable connection,
// else curl's own detailed message, else its generic one.
std::string reason_of(CURL* curl, CURLcode rc, const char* detail) {
    std::string reason;
    long os_errno = 0;
    if (rc == CURLE_COULDNT_CONNECT &&
        curl_easy_getinfo(curl, CURLINFO_OS_ERRNO, &os_errno) == CURLE_OK && os_errno != 0) {
        reason = std::error_code(static_cast<int>(os_errno), std::generic_category()).message();
    } else if (detail[0] != '\0') {
        reason = detail;
    } else {
        reason = curl_easy_strerror(rc);
    }
    if (!reason.empty() && reason[0] >= 'A' && reason[0] <= 'Z') {
        reason[0] = static_cast<char>(reason[0] - 'A' + 'a');
    }
    return reason;
}

Error failure(const Request& request, ErrorCode code, std::string_view reason) {
    return make_error(
        code, fmt::format("http: {} {}: {}", method_name(request.method), request.url, reason));
}

void set_options(CURL* c, const Request& request, curl_slist* headers, Transfer& transfer) {
    curl_easy_setopt(c, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (request.method == Method::Post) {
        curl_easy_setopt(c, CURLOPT_POST, 1L);
        curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.c_str());
        curl_easy_setopt(
            c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    }
    if (headers != nullptr) {
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    }
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, &on_write);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
    curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, &on_transfer_info);
    curl_easy_setopt(c, CURLOPT_XFERINFODATA, &transfer);
    curl_easy_setopt(
        c, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.connect_timeout.count()));
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
    if (request.redirects == Redirects::Follow) {
        curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    }
    if (request.error_body == ErrorBody::Drop) {
        curl_easy_setopt(c, CURLOPT_FAILONERROR, 1L);
    }
    if (request.resume_from > 0) {
        curl_easy_setopt(
            c, CURLOPT_RESUME_FROM_LARGE, static_cast<curl_off_t>(request.resume_from));
    }
}

Result<Response> perform(const Request& request, Transfer& transfer) {
    if (!is_http_url(request.url)) {
        return failure(request, ErrorCode::InvalidArgument, "not an http:// or https:// URL");
    }
    if (transfer.stop.stop_requested()) {
        return failure(request, ErrorCode::Cancelled, "cancelled");
    }
    if (!global_init()) {
        return failure(request, ErrorCode::Internal, "libcurl cannot start");
    }
    const std::unique_ptr<CURL, CurlCleanup> curl(curl_easy_init());
    if (!curl) {
        return failure(request, ErrorCode::Internal, "cannot create a libcurl handle");
    }
    std::unique_ptr<curl_slist, HeaderCleanup> headers;
    for (const auto& header : request.headers) {
        curl_slist* list = curl_slist_append(headers.get(), header.c_str());
        if (list == nullptr) {
            return failure(request, ErrorCode::Internal, "out of memory for the headers");
        }
        if (!headers) {
            headers.reset(list); // the first node; later ones are appended to it
        }
    }
    char detail[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, detail);
    set_options(curl.get(), request, headers.get(), transfer);
    const CURLcode rc = curl_easy_perform(curl.get());
    long status = 0;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &status);
    if (transfer.ended == Ended::Stopped || transfer.stop.stop_requested()) {
        return failure(request, ErrorCode::Cancelled, "cancelled");
    }
    if (transfer.ended == Ended::Declined) {
        return failure(request, ErrorCode::Cancelled, "the receiver stopped the transfer");
    }
    if (transfer.ended == Ended::TooLarge) {
        return failure(request,
                       ErrorCode::TooLarge,
                       fmt::format("the answer is larger than {} bytes", transfer.max_body_bytes));
    }
    if (rc == CURLE_HTTP_RETURNED_ERROR && request.error_body == ErrorBody::Drop) {
        return Response{.status = static_cast<int>(status), .body = {}};
    }
    if (rc != CURLE_OK) {
        return failure(request, code_of(rc), reason_of(curl.get(), rc, detail));
    }
    return Response{.status = static_cast<int>(status), .body = std::move(transfer.body)};
}

} // namespace

bool is_http_url(std::string_view url) {
    return url.starts_with("http://") || url.starts_with("https://");
}

const char* method_name(Method method) {
    switch (method) {
    case Method::Get:
        return "GET";
    case Method::Post:
        return "POST";
    }
    return "GET";
}

Result<Response> fetch(const Request& request, std::stop_token stop) {
    Transfer transfer{.stop = std::move(stop), .max_body_bytes = request.max_body_bytes};
    return perform(request, transfer);
}

Result<Response> stream(const Request& request,
                        const BodySink& on_body,
                        std::stop_token stop,
                        const ProgressSink& on_progress) {
    Transfer transfer{.on_body = on_body ? &on_body : nullptr,
                      .on_progress = &on_progress,
                      .stop = std::move(stop)};
    return perform(request, transfer);
}

} // namespace samantha::http
