#include "server/routes.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/time.h"
#include "core/utf8.h"
#include "server/turn_stream.h"
#include "wire/json.h"

namespace samantha::server {
namespace {

using Json = nlohmann::json;

Answer json_answer(unsigned status, const Json& body) {
    return Answer{.status = status,
                  .body = body.dump(-1, ' ', false, Json::error_handler_t::replace),
                  .content_type = "application/json"};
}

// Constant-time comparison, so a wrong admin token's timing says nothing about the right one.
bool same_secret(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    return diff == 0;
}

std::string bearer_of(const std::string& authorization) {
    constexpr std::string_view prefix = "Bearer ";
    if (authorization.size() > prefix.size() && authorization.starts_with(prefix)) {
        return authorization.substr(prefix.size());
    }
    return {};
}

// The path and the query string of a target.
std::pair<std::string, std::string> split_target(const std::string& target) {
    const auto q = target.find('?');
    return q == std::string::npos ? std::pair{target, std::string()}
                                  : std::pair{target.substr(0, q), target.substr(q + 1)};
}

std::optional<Answer> static_file(const Shared& shared, const std::string& path) {
    if (shared.config.web_root.empty()) {
        return std::nullopt;
    }
    const std::string relative = path == "/" ? "index.html" : path.substr(1);
    if (relative.find("..") != std::string::npos || relative.find('\\') != std::string::npos ||
        relative.empty() || relative[0] == '/') {
        return std::nullopt;
    }
    const std::filesystem::path file = shared.config.web_root / relative;
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string ext = file.extension().string();
    const std::string type = ext == ".html"   ? "text/html; charset=utf-8"
                             : ext == ".js"   ? "text/javascript; charset=utf-8"
                             : ext == ".css"  ? "text/css; charset=utf-8"
                             : ext == ".svg"  ? "image/svg+xml"
                             : ext == ".json" ? "application/json"
                                              : "application/octet-stream";
    return Answer{.status = 200, .body = std::move(body), .content_type = type};
}

// Runs `work` on the person's worker; answers 503 busy when its queue is full.
std::optional<Answer> on_worker(Shared& shared,
                                const std::string& person,
                                const Reply& reply,
                                std::function<Answer(Engine&, Conversations&)> work) {
    const bool queued = shared.workers->submit(
        person, [reply, work = std::move(work)](Engine& engine, Conversations& conversations) {
            reply(work(engine, conversations));
        });
    if (!queued) {
        shared.metrics.busy.fetch_add(1, std::memory_order_relaxed);
        return error_answer(503, "busy", "Samantha is busy with many people; try again shortly");
    }
    return std::nullopt;
}

Json memories_json(const std::vector<Memory>& memories) {
    Json list = Json::array();
    for (const auto& m : memories) {
        list.push_back(wire::memory_json(m));
    }
    return list;
}

// Runs `work` on the person's conversation, on their worker.
std::optional<Answer> with_conversation(Shared& shared,
                                        const std::string& person,
                                        const Reply& reply,
                                        std::function<Answer(Conversation&)> work) {
    return on_worker(
        shared, person, reply, [person, work = std::move(work)](Engine&, Conversations& c) {
            auto conversation = c.get(person);
            if (!conversation) {
                return error_answer(conversation.error().code, conversation.error().message);
            }
            return work(**conversation);
        });
}

// 200 with `to_json(value)`, or the error's status and body.
template <typename T, typename F>
Answer answer_of(const Result<T>& result, F to_json) {
    if (!result) {
        return error_answer(result.error().code, result.error().message);
    }
    return json_answer(200, to_json(*result));
}

// The value of `name` in a query string ("limit=20&before=9"), if present.
std::optional<std::string> query_value(const std::string& query, std::string_view name) {
    std::size_t start = 0;
    while (start <= query.size()) {
        const auto end = std::min(query.find('&', start), query.size());
        const std::string_view pair(query.data() + start, end - start);
        const auto eq = pair.find('=');
        if (pair.substr(0, eq) == name) {
            return std::string(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
        }
        start = end + 1;
    }
    return std::nullopt;
}

// A query string value with its percent escapes and '+' (a space in a form) decoded; malformed
// escapes stay as they are.
std::string percent_decoded(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    const auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '+') {
            out += ' ';
        } else if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 &&
                   hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// A whole number from 0 to `most` named `field`, or the 400 answer for it.
std::variant<std::int64_t, Answer>
whole_number(const std::string& text, std::string_view field, std::int64_t most) {
    const bool digits = !text.empty() && text.size() <= 18 &&
                        text.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || std::stoll(text) > most) {
        return error_answer(400,
                            "invalid_field",
                            fmt::format("{}: '{}' is not a whole number from 0 to {}",
                                        field,
                                        core::truncate_utf8(text, 40),
                                        most));
    }
    return std::stoll(text);
}

// The whole number `name` in a query string (`fallback` when absent), or the 400 answer for it.
std::variant<std::int64_t, Answer> query_number(const std::string& query,
                                                std::string_view name,
                                                std::int64_t fallback,
                                                std::int64_t most) {
    if (auto text = query_value(query, name)) {
        return whole_number(*text, name, most);
    }
    return fallback;
}

// A JSON object body, or the 400 answer for it.
std::variant<Json, Answer> json_object(const std::string& body) {
    if (auto bad = core::find_invalid_utf8(body)) {
        return error_answer(
            400, "invalid_utf8", fmt::format("body: invalid UTF-8 at byte {}", bad->offset));
    }
    try {
        Json json = Json::parse(body);
        if (json.is_object()) {
            return json;
        }
    } catch (const Json::parse_error& e) {
        return error_answer(
            400, "invalid_json", fmt::format("body: malformed JSON at byte {}", e.byte));
    }
    return error_answer(400, "invalid_json", "body: expected a JSON object");
}

Answer wrong_type(const std::string& key, std::string_view expected) {
    return error_answer(400, "invalid_field", fmt::format("\"{}\" must be {}", key, expected));
}

Answer unknown_field(const std::string& key, std::string_view known) {
    return error_answer(
        400,
        "unknown_field",
        fmt::format("unknown field \"{}\" (known: {})", core::truncate_utf8(key, 40), known));
}

// PATCH /v1/settings: {"language"?, "role"?, "proactive"?, "quiet_start_hour"?,
// "quiet_end_hour"?}.
std::variant<SettingsChange, Answer> parse_settings(const std::string& body) {
    auto parsed = json_object(body);
    if (auto* refused = std::get_if<Answer>(&parsed)) {
        return *refused;
    }
    SettingsChange change;
    for (const auto& [key, value] : std::get<Json>(parsed).items()) {
        if (key == "language") {
            const std::string code = value.is_string() ? value.get<std::string>() : "";
            if (code == "auto") {
                change.language = std::optional<Language>{};
            } else if (code == "en" || code == "ko") {
                change.language = code == "ko" ? Language::Korean : Language::English;
            } else {
                return wrong_type(key, "\"auto\", \"en\" or \"ko\"");
            }
        } else if (key == "role") {
            if (!value.is_string()) {
                return wrong_type(key, "\"friend\", \"family\" or \"partner\"");
            }
            change.role = value.get<std::string>();
        } else if (key == "proactive") {
            if (!value.is_boolean()) {
                return wrong_type(key, "true or false");
            }
            change.proactive = value.get<bool>();
        } else if (key == "quiet_start_hour" || key == "quiet_end_hour") {
            if (!value.is_number_integer()) {
                return wrong_type(key, "a whole hour from 0 to 23");
            }
            const auto hour = value.get<std::int64_t>();
            (key == "quiet_start_hour" ? change.quiet_start_hour : change.quiet_end_hour) =
                static_cast<int>(std::clamp<std::int64_t>(hour, -1, 24));
        } else {
            return unknown_field(key,
                                 "language, role, proactive, quiet_start_hour, quiet_end_hour");
        }
    }
    return change;
}

// PATCH /v1/memories/{id}: {"text"?, "date"?}.
std::variant<MemoryCorrection, Answer> parse_correction(const std::string& body) {
    auto parsed = json_object(body);
    if (auto* refused = std::get_if<Answer>(&parsed)) {
        return *refused;
    }
    MemoryCorrection correction;
    for (const auto& [key, value] : std::get<Json>(parsed).items()) {
        if (key == "text") {
            if (!value.is_string()) {
                return wrong_type(key, "a string");
            }
            correction.text = value.get<std::string>();
        } else if (key == "date") {
            auto date =
                value.is_string()
                    ? core::parse_date(value.get<std::string>())
                    : Result<CivilDate>(make_error(ErrorCode::InvalidArgument, "not a string"));
            if (!date) {
                return wrong_type(key, "a date YYYY-MM-DD");
            }
            correction.date = *date;
        } else {
            return unknown_field(key, "text, date");
        }
    }
    if (!correction.text && !correction.date) {
        return error_answer(400, "invalid_field", "a correction needs \"text\" or \"date\"");
    }
    return correction;
}

std::optional<Answer> chat_completions(Shared& shared,
                                       const std::string& person,
                                       const Request& request,
                                       const Reply& reply);

std::optional<Answer> person_route(Shared& shared,
                                   const std::string& person,
                                   const Request& request,
                                   const std::string& path,
                                   const std::string& query,
                                   const Reply& reply) {
    const std::string& method = request.method;
    Metrics* metrics = &shared.metrics;
    if (path == "/v1/me" && method == "GET") {
        return with_conversation(shared, person, reply, [person](Conversation& c) {
            return answer_of(c.summary(), [&](const PersonSummary& s) {
                return Json{{"id", person},
                            {"name", s.name},
                            {"language", language_code(s.language)},
                            {"turns", s.turn_count},
                            {"memories", s.memory_count},
                            {"companion", wire::companion_json(s.companion)},
                            {"relationship", wire::relationship_json(s.relationship)}};
            });
        });
    }
    if (path == "/v1/me" && method == "DELETE") {
        AccessList* access = &shared.access;
        return on_worker(shared, person, reply, [person, access](Engine&, Conversations& c) {
            if (auto erased = c.erase(person); !erased) {
                return error_answer(erased.error().code, erased.error().message);
            }
            access->remove(person);
            return json_answer(200, Json{{"erased", person}});
        });
    }
    if (path == "/v1/messages" && method == "POST") {
        MessageRequest message = parse_message(request.body, false);
        if (!message.error_code.empty()) {
            return error_answer(400, message.error_code, message.error);
        }
        return with_conversation(
            shared, person, reply, [metrics, input = std::move(message.input)](Conversation& c) {
                return answer_of(timed_turn(c, input, *metrics), wire::turn_json);
            });
    }
    if ((path == "/v1/memories" || path == "/v1/memories/export") && method == "GET") {
        const bool all = path.ends_with("export") || query_value(query, "all") == "true" ||
                         query_value(query, "all") == "1";
        return with_conversation(shared, person, reply, [person, all](Conversation& c) {
            return answer_of(c.memories(all), [&](const std::vector<Memory>& memories) {
                return Json{{"person", person}, {"memories", memories_json(memories)}};
            });
        });
    }
    if (path == "/v1/memories/search" && method == "GET") {
        // GET /v1/memories/search?q=…&limit=K: the person's own memories, best first.
        const auto q = query_value(query, "q");
        if (!q || q->empty()) {
            return error_answer(400, "invalid_field", "q: a search needs words (?q=…)");
        }
        auto limit = query_number(query, "limit", 10, 100);
        if (auto* refused = std::get_if<Answer>(&limit)) {
            return *refused;
        }
        const int k = static_cast<int>(std::get<std::int64_t>(limit));
        if (k < 1) {
            return error_answer(
                400, "invalid_field", "limit: 0 is not a whole number from 1 to 100");
        }
        return with_conversation(
            shared, person, reply, [text = percent_decoded(*q), k](Conversation& c) {
                return answer_of(c.search_memories(text, k),
                                 [&](const std::vector<RecalledMemory>& hits) {
                                     Json results = Json::array();
                                     for (const auto& hit : hits) {
                                         results.push_back(wire::search_hit_json(hit));
                                     }
                                     return Json{{"query", text}, {"results", results}};
                                 });
            });
    }
    if (path.starts_with("/v1/memories/") && (method == "DELETE" || method == "PATCH")) {
        auto id = whole_number(
            path.substr(std::string_view("/v1/memories/").size()), "memory id", 999'999'999'999);
        if (auto* refused = std::get_if<Answer>(&id)) {
            return *refused;
        }
        const std::int64_t memory_id = std::get<std::int64_t>(id);
        if (method == "DELETE") {
            return with_conversation(shared, person, reply, [memory_id](Conversation& c) {
                return answer_of(c.forget(memory_id), [](const std::vector<Memory>& forgotten) {
                    return Json{{"forgotten", memories_json(forgotten)}};
                });
            });
        }
        auto correction = parse_correction(request.body);
        if (auto* refused = std::get_if<Answer>(&correction)) {
            return *refused;
        }
        return with_conversation(
            shared,
            person,
            reply,
            [memory_id, correction = std::get<MemoryCorrection>(correction)](Conversation& c) {
                return answer_of(c.correct(memory_id, correction), [](const Memory& m) {
                    return Json{{"memory", wire::memory_json(m)}};
                });
            });
    }
    if (path == "/v1/settings" && (method == "GET" || method == "PATCH")) {
        if (method == "GET") {
            return with_conversation(shared, person, reply, [](Conversation& c) {
                return answer_of(c.settings(), wire::settings_json);
            });
        }
        auto change = parse_settings(request.body);
        if (auto* refused = std::get_if<Answer>(&change)) {
            return *refused;
        }
        return with_conversation(
            shared, person, reply, [change = std::get<SettingsChange>(change)](Conversation& c) {
                return answer_of(c.change_settings(change), wire::settings_json);
            });
    }
    if (path == "/v1/history" && method == "GET") {
        constexpr std::int64_t any_id = INT64_MAX / 2;
        auto limit = query_number(query, "limit", 50, 200);
        auto before = query_number(query, "before", 0, any_id);
        auto conversation = query_number(query, "conversation", 0, any_id);
        for (const auto* number : {&limit, &before, &conversation}) {
            if (const auto* refused = std::get_if<Answer>(number)) {
                return *refused;
            }
        }
        return with_conversation(
            shared,
            person,
            reply,
            [limit = static_cast<int>(std::max<std::int64_t>(1, std::get<std::int64_t>(limit))),
             before = std::get<std::int64_t>(before),
             id = std::get<std::int64_t>(conversation)](Conversation& c) {
                // One more than asked says whether there is more.
                return answer_of(c.history(id, before, limit + 1),
                                 [limit](const std::vector<Exchange>& turns) {
                                     Json list = Json::array();
                                     const std::size_t skip =
                                         turns.size() > static_cast<std::size_t>(limit) ? 1 : 0;
                                     for (std::size_t i = skip; i < turns.size(); ++i) {
                                         list.push_back(wire::exchange_json(turns[i]));
                                     }
                                     return Json{{"turns", list}, {"more", skip == 1}};
                                 });
            });
    }
    if (path == "/v1/conversations" && method == "GET") {
        return with_conversation(shared, person, reply, [](Conversation& c) {
            return answer_of(c.conversations(100), [](const std::vector<ConversationInfo>& list) {
                Json out = Json::array();
                for (const auto& info : list) {
                    out.push_back(wire::conversation_json(info));
                }
                return Json{{"conversations", out}};
            });
        });
    }
    if (path == "/v1/persona" && method == "GET") {
        return on_worker(shared, person, reply, [](Engine& engine, Conversations&) {
            return json_answer(200, wire::persona_json(engine.persona()));
        });
    }
    if (path == "/v1/chat/completions" && method == "POST") {
        return chat_completions(shared, person, request, reply);
    }
    if (path == "/v1/models" && method == "GET") {
        return json_answer(
            200,
            Json{{"object", "list"},
                 {"data",
                  Json::array(
                      {{{"id", "samantha"}, {"object", "model"}, {"owned_by", "samantha"}}})}});
    }
    static constexpr std::array<std::string_view, 8> routes = {"/v1/me",
                                                               "/v1/messages",
                                                               "/v1/settings",
                                                               "/v1/history",
                                                               "/v1/conversations",
                                                               "/v1/persona",
                                                               "/v1/chat/completions",
                                                               "/v1/models"};
    if (path.starts_with("/v1/memories") ||
        std::find(routes.begin(), routes.end(), path) != routes.end()) {
        return error_answer(
            405, "method_not_allowed", fmt::format("{} does not take {}", path, method));
    }
    return error_answer(404, "not_found", fmt::format("no route {} {}", method, path));
}

// The text to hand Samantha from an OpenAI-style request: the last user message. She keeps her
// own history and memory, so the earlier messages a client resends are not needed.
std::optional<std::string> last_user_text(const Json& messages) {
    if (!messages.is_array()) {
        return std::nullopt;
    }
    for (auto it = messages.rbegin(); it != messages.rend(); ++it) {
        if (!it->is_object() || it->value("role", "") != "user" || !it->contains("content")) {
            continue;
        }
        const Json& content = (*it)["content"];
        if (content.is_string()) {
            return content.get<std::string>();
        }
        if (content.is_array()) { // [{"type": "text", "text": …}, …]
            std::string text;
            for (const auto& part : content) {
                if (part.is_object() && part.value("type", "") == "text" && part.contains("text") &&
                    part["text"].is_string()) {
                    text += (text.empty() ? "" : "\n") + part["text"].get<std::string>();
                }
            }
            return text;
        }
        return std::nullopt;
    }
    return std::nullopt;
}

// POST /v1/chat/completions: Samantha behind the OpenAI chat API, so existing front ends and SDKs
// get her memory, mood and relationship. With "stream": true the answer is server-sent events.
std::optional<Answer> chat_completions(Shared& shared,
                                       const std::string& person,
                                       const Request& request,
                                       const Reply& reply) {
    Json body;
    try {
        body = Json::parse(request.body);
    } catch (const Json::parse_error& e) {
        return error_answer(
            400, "invalid_json", fmt::format("body: malformed JSON at byte {}", e.byte));
    }
    if (!body.is_object()) {
        return error_answer(400, "invalid_json", "body: expected a JSON object");
    }
    const auto text = last_user_text(body.value("messages", Json()));
    if (!text) {
        return error_answer(
            400, "invalid_field", "\"messages\" needs a user message with text content");
    }
    const bool stream = body.value("stream", false);
    const std::string model = body.value("model", "samantha");
    Metrics* metrics = &shared.metrics;
    return with_conversation(
        shared,
        person,
        reply,
        [person, metrics, stream, model, reply, text = *text](Conversation& conversation) {
            const auto created = std::chrono::duration_cast<std::chrono::seconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
            const std::string id = fmt::format("chatcmpl-{}-{}", person, created);
            const auto extension = [](const TurnOutput& out) {
                return Json{{"companion", wire::companion_json(out.companion)},
                            {"relationship", wire::relationship_json(out.relationship)},
                            {"language", language_code(out.language)}};
            };
            if (!stream) {
                auto out = timed_turn(conversation, TurnInput{.text = text}, *metrics);
                if (!out) {
                    return error_answer(out.error().code, out.error().message);
                }
                return json_answer(
                    200,
                    Json{{"id", id},
                         {"object", "chat.completion"},
                         {"created", created},
                         {"model", model},
                         {"choices",
                          Json::array(
                              {{{"index", 0},
                                {"message", {{"role", "assistant"}, {"content", out->reply}}},
                                {"finish_reason", "stop"}}})},
                         {"usage",
                          {{"prompt_tokens", 0}, {"completion_tokens", 0}, {"total_tokens", 0}}},
                         {"samantha", extension(*out)}});
            }
            // Server-sent events, each sent as soon as the reply's words exist: the first one
            // starts the answer, so a turn that fails before writing anything is a plain error.
            bool started = false;
            const auto send = [&](const std::string& data) {
                reply(Answer{.status = 200,
                             .body = "data: " + data + "\n\n",
                             .content_type = "text/event-stream",
                             .more = true});
                started = true;
            };
            const auto chunk = [&](const Json& delta, const Json& finish) {
                return Json{
                    {"id", id},
                    {"object", "chat.completion.chunk"},
                    {"created", created},
                    {"model", model},
                    {"choices",
                     Json::array({{{"index", 0}, {"delta", delta}, {"finish_reason", finish}}})}};
            };
            const auto dump = [](const Json& json) {
                return json.dump(-1, ' ', false, Json::error_handler_t::replace);
            };
            auto out = timed_turn(
                conversation,
                TurnInput{.text = text,
                          .at = std::nullopt,
                          .on_text =
                              [&](std::string_view piece) {
                                  if (!started) {
                                      send(dump(chunk(Json{{"role", "assistant"}}, nullptr)));
                                  }
                                  send(dump(chunk(Json{{"content", piece}}, nullptr)));
                                  return true;
                              }},
                *metrics);
            if (!out && !started) {
                return error_answer(out.error().code, out.error().message);
            }
            if (!out) {
                send(dump(Json{
                    {"error",
                     {{"code", wire::wire_code(out.error())}, {"message", out.error().message}}}}));
            } else {
                if (!started) {
                    send(dump(chunk(Json{{"role", "assistant"}}, nullptr)));
                }
                Json last = chunk(Json::object(), "stop");
                last["samantha"] = extension(*out);
                send(dump(last));
            }
            send("[DONE]");
            return Answer{.status = 200, .content_type = "text/event-stream", .more = false};
        });
}

} // namespace

unsigned http_status(ErrorCode code) {
    switch (code) {
    case ErrorCode::InvalidArgument:
        return 400;
    case ErrorCode::NotFound:
        return 404;
    case ErrorCode::TooLarge:
        return 413;
    case ErrorCode::Conflict:
        return 409;
    case ErrorCode::Unsupported:
        return 501;
    case ErrorCode::Unavailable:
    case ErrorCode::Busy:
        return 503;
    case ErrorCode::Timeout:
        return 504;
    case ErrorCode::Cancelled:
    case ErrorCode::Storage:
    case ErrorCode::Io:
    case ErrorCode::Internal:
        return 500;
    }
    return 500;
}

Answer error_answer(unsigned status, const std::string& code, const std::string& message) {
    return json_answer(status, Json{{"error", {{"code", code}, {"message", message}}}});
}

Answer error_answer(ErrorCode code, const std::string& message) {
    return error_answer(
        http_status(code), wire::wire_code(Error{.code = code, .message = message}), message);
}

MessageRequest parse_message(const std::string& body, bool allow_type) {
    MessageRequest out;
    const auto fail = [&](std::string code, std::string message) {
        out.error_code = std::move(code);
        out.error = std::move(message);
        return out;
    };
    if (auto bad = core::find_invalid_utf8(body)) {
        return fail("invalid_utf8", fmt::format("body: invalid UTF-8 at byte {}", bad->offset));
    }
    Json json;
    try {
        json = Json::parse(body);
    } catch (const Json::parse_error& e) {
        return fail("invalid_json", fmt::format("body: malformed JSON at byte {}", e.byte));
    }
    if (!json.is_object()) {
        return fail("invalid_json", "body: expected a JSON object {\"text\": …}");
    }
    bool has_text = false;
    for (const auto& [key, value] : json.items()) {
        if (key == "text" && value.is_string()) {
            out.input.text = value.get<std::string>();
            has_text = true;
        } else if (key == "at" && value.is_string()) {
            auto at = core::parse_iso8601(value.get<std::string>(), std::chrono::minutes{0});
            if (!at) {
                return fail("invalid_field", "\"at\": " + at.error().message);
            }
            out.input.at = *at;
        } else if (key == "voice" && value.is_boolean()) {
            out.voice = value.get<bool>();
        } else if (key == "type" && allow_type && value.is_string()) {
            continue;
        } else if (key == "text" || key == "at" || key == "voice" ||
                   (key == "type" && allow_type)) {
            return fail("invalid_field", fmt::format("\"{}\" has the wrong type", key));
        } else {
            return fail("unknown_field",
                        fmt::format("unknown field \"{}\" (known: text, at, voice{})",
                                    core::truncate_utf8(key, 40),
                                    allow_type ? ", type" : ""));
        }
    }
    if (!has_text) {
        return fail("invalid_field", "\"text\" is required");
    }
    return out;
}

std::variant<std::string, Answer> authenticate(Shared& shared, const std::string& authorization) {
    const std::string token = bearer_of(authorization);
    if (token.empty()) {
        return error_answer(
            401, "unauthorized", "an Authorization: Bearer <token> header is required");
    }
    auto person = shared.access.person(token);
    if (!person) {
        return error_answer(401, "unauthorized", "the bearer token is not valid");
    }
    if (!shared.limiter->allow(*person)) {
        return error_answer(429, "rate_limited", "too many requests; slow down");
    }
    return *person;
}

std::optional<Answer> route(Shared& shared, const Request& request, const Reply& reply) {
    const auto [path, query] = split_target(request.target);
    if (path == "/healthz" && request.method == "GET") {
        return json_answer(200, Json{{"status", "ok"}});
    }
    if (path == "/metrics" && request.method == "GET") {
        return Answer{.status = 200,
                      .body = shared.metrics.text(),
                      .content_type = "text/plain; version=0.0.4"};
    }
    if (path == "/openapi.json" && request.method == "GET") {
        return Answer{.status = 200, .body = shared.openapi, .content_type = "application/json"};
    }
    if (path == "/v1/people") {
        if (request.method != "POST") {
            return error_answer(405, "method_not_allowed", "/v1/people takes POST");
        }
        const std::string token = bearer_of(request.authorization);
        if (token.empty()) {
            return error_answer(401, "unauthorized", "the admin token is required");
        }
        if (shared.config.admin_token.empty() || !same_secret(token, shared.config.admin_token)) {
            return error_answer(403, "forbidden", "only the admin token may create people");
        }
        AccessList* access = &shared.access;
        return on_worker(shared, "", reply, [access](Engine& engine, Conversations&) {
            auto created = engine.create_person();
            if (!created) {
                return error_answer(created.error().code, created.error().message);
            }
            access->add(Engine::token_digest(created->token), created->id);
            return json_answer(201, Json{{"id", created->id}, {"token", created->token}});
        });
    }
    if (path.starts_with("/v1/")) {
        auto who = authenticate(shared, request.authorization);
        if (auto* refused = std::get_if<Answer>(&who)) {
            return *refused;
        }
        return person_route(shared, std::get<std::string>(who), request, path, query, reply);
    }
    if (request.method == "GET") {
        if (auto file = static_file(shared, path)) {
            return file;
        }
    }
    return error_answer(404, "not_found", fmt::format("no route {} {}", request.method, path));
}

} // namespace samantha::server
