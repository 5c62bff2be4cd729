#pragma once

#include <memory>
#include <string>

#include <samantha/result.h>

#include "server/state.h"

// The device protocol over MQTT, for small robots that speak MQTT rather than WebSocket
// (docs/protocol.md §7). A device publishes to samantha/<device>/in and Samantha answers on
// samantha/<device>/out with the same JSON messages as on /v1/ws.
namespace samantha::server {

// Where the broker is.
struct MqttConfig {
    std::string host = "127.0.0.1";
    int port = 1883;
    std::string topic_root = "samantha";
};

class MqttBridge {
public:
    // Connects to the broker and subscribes to <root>/+/in. Unavailable when the broker cannot be
    // reached; Unsupported when built without libmosquitto.
    static Result<std::unique_ptr<MqttBridge>> open(const MqttConfig& config, Shared& shared);

    virtual ~MqttBridge() = default;
};

} // namespace samantha::server
