#include "dialogue/llm_perception.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.h"
#include "core/time.h"
#include "core/utf8.h"
#include "memory/slot.h"

namespace samantha::dialogue {

namespace {

constexpr std::array<std::string_view, 10> kinds = {
    "name", "age", "city", "hometown", "workplace", "job", "school", "major", "person", "like"};
// In EmotionLabel order: the reading casts an index to the label.
constexpr std::array<std::string_view, 12> emotions = {"neutral",
                                                       "joy",
                                                       "excitement",
                                                       "gratitude",
                                                       "affection",
                                                       "sadness",
                                                       "loneliness",
                                                       "anger",
                                                       "anxiety",
                                                       "tiredness",
                                                       "surprise",
                                                       "disgust"};

std::string alternatives(std::span<const std::string_view> names) {
    std::string out;
    for (const auto name : names) {
        out += fmt::format("{}\"\\\"{}\\\"\"", out.empty() ? "" : " | ", name);
    }
    return out;
}

bool clean(const std::string& value, std::size_t max_chars) {
    return !value.empty() && core::code_point_count(value) <= max_chars &&
           !core::find_invalid_utf8(value) && !core::find_control_character(value) &&
           value.find('\n') == std::string::npos;
}

// A value the model read must be in the message: a small model that invents a name or a city
// must not have it remembered.
bool grounded(std::string_view value, const std::string& message_lower) {
    return message_lower.find(core::to_lower(value)) != std::string::npos;
}

// An event's title may be the model's own words, but one of them must be the person's.
bool grounded_title(std::string_view title, const std::string& message_lower) {
    for (const auto& word : core::split_words(core::to_lower(title))) {
        if (core::code_point_count(word) >= 2 && message_lower.find(word) != std::string::npos) {
            return true;
        }
    }
    return false;
}

} // namespace

const std::string& reading_grammar() {
    static const std::string grammar = fmt::format(
        R"(root ::= "{{" ws "\"facts\":" ws facts "," ws "\"events\":" ws events "," ws "\"emotion\":" ws emotion "," ws "\"risk\":" ws risk ws "}}"
facts ::= "[" ws (fact ("," ws fact){{0,4}})? ws "]"
fact ::= "{{" ws "\"kind\":" ws kind "," ws "\"value\":" ws text "," ws "\"relation\":" ws text ws "}}"
kind ::= {}
events ::= "[" ws (event ("," ws event){{0,2}})? ws "]"
event ::= "{{" ws "\"title\":" ws text "," ws "\"date\":" ws date ws "}}"
date ::= "\"" [0-9] [0-9] [0-9] [0-9] "-" [0-9] [0-9] "-" [0-9] [0-9] "\""
emotion ::= {}
risk ::= "\"none\"" | "\"concern\"" | "\"crisis\""
text ::= "\"" [^"\\\x00-\x1f]{{0,40}} "\""
ws ::= [ ]?
)",
        alternatives(kinds),
        alternatives(emotions));
    return grammar;
}

const std::string& reading_schema() {
    static const std::string schema = [] {
        nlohmann::json kind_enum = nlohmann::json::array();
        for (const auto k : kinds) {
            kind_enum.push_back(k);
        }
        nlohmann::json emotion_enum = nlohmann::json::array();
        for (const auto e : emotions) {
            emotion_enum.push_back(e);
        }
        const nlohmann::json fact = {{"type", "object"},
                                     {"properties",
                                      {{"kind", {{"type", "string"}, {"enum", kind_enum}}},
                                       {"value", {{"type", "string"}}},
                                       {"relation", {{"type", "string"}}}}},
                                     {"required", {"kind", "value", "relation"}},
                                     {"additionalProperties", false}};
        const nlohmann::json event = {
            {"type", "object"},
            {"properties", {{"title", {{"type", "string"}}}, {"date", {{"type", "string"}}}}},
            {"required", {"title", "date"}},
            {"additionalProperties", false}};
        const nlohmann::json document = {
            {"type", "object"},
            {"properties",
             {{"facts", {{"type", "array"}, {"items", fact}}},
              {"events", {{"type", "array"}, {"items", event}}},
              {"emotion", {{"type", "string"}, {"enum", emotion_enum}}},
              {"risk", {{"type", "string"}, {"enum", {"none", "concern", "crisis"}}}}}},
            {"required", {"facts", "events", "emotion", "risk"}},
            {"additionalProperties", false}};
        return document.dump();
    }();
    return schema;
}

Result<ModelReading> parse_model_reading(std::string_view json,
                                         std::string_view message,
                                         Language language,
                                         CivilDate today) {
    const std::string message_lower = core::to_lower(message);
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(json);
    } catch (const nlohmann::json::exception& e) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("the model's reading is not JSON: {}", e.what()));
    }
    if (!j.is_object() || !j.contains("facts") || !j["facts"].is_array() || !j.contains("events") ||
        !j["events"].is_array()) {
        return make_error(ErrorCode::InvalidArgument, "the model's reading lacks facts or events");
    }
    ModelReading reading;
    for (const auto& f : j["facts"]) {
        if (!f.is_object() || !f.contains("kind") || !f.contains("value") ||
            !f["kind"].is_string() || !f["value"].is_string()) {
            continue;
        }
        const std::string kind = f["kind"].get<std::string>();
        const std::string value(core::trim(f["value"].get<std::string>()));
        const std::string relation = f.contains("relation") && f["relation"].is_string()
                                         ? std::string(core::trim(f["relation"].get<std::string>()))
                                         : std::string();
        if (!clean(value, 40) || std::find(kinds.begin(), kinds.end(), kind) == kinds.end() ||
            !grounded(value, message_lower)) {
            continue;
        }
        std::string slot = kind;
        if (kind == "person") {
            if (!clean(relation, 20)) {
                continue;
            }
            slot = "person:" + core::to_lower(relation) + ":" + core::to_lower(value);
        } else if (kind == "like") {
            slot = "pref:" + value;
        } else if (kind == "age") {
            if (value.find_first_not_of("0123456789") != std::string::npos || value.size() > 3) {
                continue;
            }
        }
        const std::string stored = kind == "like" ? "like" : value;
        reading.facts.push_back(
            memory::ExtractedFact{.slot = slot,
                                  .value = stored,
                                  .text = memory::fact_text(slot, stored, language),
                                  .importance = 0.6f});
    }
    for (const auto& e : j["events"]) {
        if (!e.is_object() || !e.contains("title") || !e.contains("date") ||
            !e["title"].is_string() || !e["date"].is_string()) {
            continue;
        }
        const std::string title(core::trim(e["title"].get<std::string>()));
        auto date = core::parse_date(e["date"].get<std::string>());
        if (!clean(title, 40) || !grounded_title(title, message_lower) || !date || *date < today ||
            core::days_between(today, *date) > 366) {
            continue;
        }
        reading.events.push_back(
            memory::ExtractedEvent{.title = title,
                                   .is_plan = core::contains(title, " "),
                                   .date = *date,
                                   .text = fmt::format("{} ({})", title, core::format_date(*date)),
                                   .importance = 0.7f});
    }
    // Whether the person may be in danger: the model may raise the risk reading, never lower it
    // (reflect.cpp); an answer without it, or with another word, reads nothing.
    if (j.contains("risk") && j["risk"].is_string()) {
        const std::string level = j["risk"].get<std::string>();
        for (const auto candidate : {nlu::RiskLevel::Concern, nlu::RiskLevel::Crisis}) {
            if (level == nlu::risk_level_name(candidate)) {
                reading.risk = candidate;
            }
        }
    }
    if (j.contains("emotion") && j["emotion"].is_string()) {
        const std::string name = j["emotion"].get<std::string>();
        for (std::size_t i = 0; i < emotions.size(); ++i) {
            if (name == emotions.at(i)) {
                reading.emotion = static_cast<EmotionLabel>(i);
            }
        }
    }
    return reading;
}

void merge_reading(memory::Extraction& rules,
                   const ModelReading& model,
                   std::span<const Memory> current_facts) {
    for (const auto& fact : model.facts) {
        const bool stored =
            std::any_of(current_facts.begin(), current_facts.end(), [&](const Memory& m) {
                return core::to_lower(m.slot) == core::to_lower(fact.slot);
            });
        const bool known =
            stored ||
            std::any_of(
                rules.facts.begin(), rules.facts.end(), [&](const memory::ExtractedFact& f) {
                    return core::to_lower(f.slot) == core::to_lower(fact.slot) ||
                           (memory::parse_slot(fact.slot).kind == memory::SlotKind::Person &&
                            memory::parse_slot(f.slot).kind == memory::SlotKind::Person &&
                            f.value == fact.value);
                });
        if (!known) {
            rules.facts.push_back(fact);
        }
    }
    for (const auto& event : model.events) {
        const bool known =
            std::any_of(rules.events.begin(),
                        rules.events.end(),
                        [&](const memory::ExtractedEvent& e) { return e.date == event.date; });
        if (!known) {
            rules.events.push_back(event);
        }
    }
}

Result<ModelReading> read_with_model(LanguageModel& model,
                                     std::string_view text,
                                     Language language,
                                     CivilDate today,
                                     const std::string& session) {
    const std::string instruction = fmt::format(
        "Read the person's message and answer only with JSON: the facts it states about the person "
        "(kind name|age|city|hometown|workplace|job|school|major, person with relation and name, "
        "like for "
        "something they like; relation empty otherwise), dated events with dates resolved against "
        "today, "
        "{} ({}), as YYYY-MM-DD, the person's emotion, and risk: crisis if they may be thinking of "
        "suicide or self-harm, of hurting someone, or are being hurt; concern if they sound "
        "hopeless; none otherwise. Use empty lists when there is nothing.",
        core::format_date(today),
        language == Language::Korean ? "Korean message" : "English message");
    GenerationRequest request{
        .messages = {ChatMessage{.role = ChatMessage::Role::System, .content = instruction},
                     ChatMessage{.role = ChatMessage::Role::User, .content = std::string(text)}},
        .sampling = {},
        .json_schema = reading_schema(),
        .grammar = reading_grammar(),
        .session = session};
    request.sampling.temperature = 0.1f;
    request.sampling.max_tokens = 200;
    auto result = model.generate(request, {}, std::stop_token{});
    if (!result) {
        return result.error();
    }
    return parse_model_reading(result->text, text, language, today);
}

} // namespace samantha::dialogue
