#include "http/openai.h"

namespace samantha::http {

std::string openai_endpoint(std::string base_url, std::string_view path) {
    while (!base_url.empty() && base_url.back() == '/') {
        base_url.pop_back();
    }
    const std::string suffix = "/" + std::string(path);
    if (base_url.ends_with(suffix)) {
        return base_url;
    }
    if (base_url.ends_with("/v1") || base_url.ends_with("/v1beta/openai")) {
        return base_url + suffix;
    }
    return base_url + "/v1" + suffix;
}

std::vector<std::string> openai_json_headers(const std::string& api_key) {
    std::vector<std::string> headers = {"Content-Type: application/json"};
    if (!api_key.empty()) {
        headers.push_back("Authorization: Bearer " + api_key);
    }
    return headers;
}

} // namespace samantha::http
