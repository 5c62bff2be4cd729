#include "server/mqtt_bridge.h"

#include <mutex>
#include <unordered_map>

#include <fmt/format.h>
#include <mosquitto.h>
#include <nlohmann/json.hpp>

#include "server/routes.h"
#include "server/turn_stream.h"

namespace samantha::server {
namespace {

using Json = nlohmann::json;

// The library's global set-up, once per process.
void init_library() {
    static std::once_flag once;
    std::call_once(once, [] { mosquitto_lib_init(); });
}

class Bridge final : public MqttBridge {
public:
    Bridge(MqttConfig config, Shared& shared)
        : m_config(std::move(config))
        , m_shared(shared) {}

    ~Bridge() override {
        if (m_client != nullptr) {
            mosquitto_disconnect(m_client);
            mosquitto_loop_stop(m_client, true);
            mosquitto_destroy(m_client);
        }
    }

    Result<void> start() {
        init_library();
        m_client = mosquitto_new(nullptr, true, this);
        if (m_client == nullptr) {
            return make_error(ErrorCode::Internal, "mqtt: cannot create a client");
        }
        mosquitto_message_callback_set(m_client,
                                       [](mosquitto*, void* self, const mosquitto_message* m) {
                                           static_cast<Bridge*>(self)->on_message(m);
                                       });
        mosquitto_connect_callback_set(m_client, [](mosquitto* client, void* self, int rc) {
            if (rc == 0) {
                const std::string topic = static_cast<Bridge*>(self)->m_config.topic_root + "/+/in";
                mosquitto_subscribe(client, nullptr, topic.c_str(), 1);
            }
        });
        const int rc = mosquitto_connect(m_client, m_config.host.c_str(), m_config.port, 30);
        if (rc != MOSQ_ERR_SUCCESS) {
            return make_error(ErrorCode::Unavailable,
                              fmt::format("mqtt: cannot reach the broker at {}:{}: {}",
                                          m_config.host,
                                          m_config.port,
                                          mosquitto_strerror(rc)));
        }
        if (mosquitto_loop_start(m_client) != MOSQ_ERR_SUCCESS) {
            return make_error(ErrorCode::Internal, "mqtt: cannot start the network loop");
        }
        return {};
    }

private:
    // A device's session: who it speaks for and whether it has a speaker.
    struct Device {
        std::string person;
        bool speaker = false;
        bool in_turn = false;
    };

    void publish(const std::string& device, const std::string& message) {
        const std::string topic = m_config.topic_root + "/" + device + "/out";
        mosquitto_publish(m_client,
                          nullptr,
                          topic.c_str(),
                          static_cast<int>(message.size()),
                          message.data(),
                          1,
                          false);
    }

    void fail(const std::string& device, const std::string& code, const std::string& message) {
        m_shared.metrics.errors.fetch_add(1, std::memory_order_relaxed);
        publish(device, error_message(code, message));
    }

    // Runs on libmosquitto's network thread: parse, check, enqueue (never run a turn here).
    void on_message(const mosquitto_message* m) {
        const std::string topic = m->topic;
        const std::string prefix = m_config.topic_root + "/";
        if (!topic.starts_with(prefix) || !topic.ends_with("/in")) {
            return;
        }
        const std::string device = topic.substr(prefix.size(), topic.size() - prefix.size() - 3);
        if (device.empty() || device.find('/') != std::string::npos || device.size() > 64) {
            return;
        }
        m_shared.metrics.requests.fetch_add(1, std::memory_order_relaxed);
        if (m->payloadlen > static_cast<int>(m_shared.config.max_ws_message_bytes)) {
            fail(device, "too_large", "the message is over the limit");
            return;
        }
        const std::string payload(static_cast<const char*>(m->payload),
                                  static_cast<std::size_t>(m->payloadlen));
        Json json;
        try {
            json = Json::parse(payload);
        } catch (const Json::exception&) {
            fail(device, "invalid_json", "malformed JSON");
            return;
        }
        const std::string type = json.is_object() ? json.value("type", "") : "";
        std::unique_lock lock(m_mutex);
        auto known = m_devices.find(device);
        if (type == "hello") {
            // MQTT has no headers: a device proves who it speaks for in its hello.
            auto person = json.contains("token") && json["token"].is_string()
                              ? m_shared.access.person(json["token"].get<std::string>())
                              : std::nullopt;
            if (!person) {
                lock.unlock();
                fail(device, "unauthorized", "hello needs the person's \"token\"");
                return;
            }
            const bool speaker =
                json.contains("capabilities") && json["capabilities"].value("speaker", false);
            m_devices[device] = Device{.person = *person, .speaker = speaker, .in_turn = false};
            lock.unlock();
            publish(device,
                    Json{{"type", "welcome"},
                         {"protocol", 1},
                         {"person", *person},
                         {"speech", speaker},
                         {"audio",
                          {{"encoding", "pcm_s16le"}, {"sample_rate_hz", 22050}, {"channels", 1}}}}
                        .dump());
            return;
        }
        if (known == m_devices.end()) {
            lock.unlock();
            fail(device, "unauthorized", "say hello with the person's token first");
            return;
        }
        Device& d = known->second;
        TurnOptions options{.voice = d.speaker, .proactive = false};
        TurnInput input;
        if (type == "message") {
            MessageRequest message = parse_message(payload, true);
            if (!message.error_code.empty()) {
                lock.unlock();
                fail(device, message.error_code, message.error);
                return;
            }
            input = std::move(message.input);
            options.voice = options.voice || message.voice;
        } else if (type == "presence" || type == "touch") {
            if (type == "presence" && !json.value("present", false)) {
                return;
            }
            options.proactive = true;
        } else {
            lock.unlock();
            fail(
                device, "invalid_field", "\"type\" must be one of hello, message, presence, touch");
            return;
        }
        if (d.in_turn) {
            lock.unlock();
            fail(device, "busy", "one message at a time: wait for the reply");
            return;
        }
        if (!m_shared.limiter->allow(d.person)) {
            lock.unlock();
            fail(device, "rate_limited", "too many messages; slow down");
            return;
        }
        d.in_turn = true;
        const std::string person = d.person;
        lock.unlock();
        const bool queued = m_shared.workers->submit(
            person,
            [this, device, person, input = std::move(input), options](Engine&,
                                                                      Conversations& c) mutable {
                stream_turn(c,
                            person,
                            std::move(input),
                            options,
                            m_shared.metrics,
                            [this, &device](std::string message) { publish(device, message); });
                const std::lock_guard done(m_mutex);
                m_devices[device].in_turn = false;
            });
        if (!queued) {
            const std::lock_guard undo(m_mutex);
            m_devices[device].in_turn = false;
            m_shared.metrics.busy.fetch_add(1, std::memory_order_relaxed);
            fail(device, "busy", "Samantha is busy with many people; try again shortly");
        }
    }

    MqttConfig m_config;
    Shared& m_shared;
    mosquitto* m_client = nullptr;
    std::mutex m_mutex;
    std::unordered_map<std::string, Device> m_devices; // guarded by m_mutex
};

} // namespace

Result<std::unique_ptr<MqttBridge>> MqttBridge::open(const MqttConfig& config, Shared& shared) {
    auto bridge = std::make_unique<Bridge>(config, shared);
    if (auto started = bridge->start(); !started) {
        return started.error();
    }
    return std::unique_ptr<MqttBridge>(std::move(bridge));
}

} // namespace samantha::server
