// The only file that includes toml++ (STYLE.md §1: a library's headers stay in its adapter).
#include "persona/persona.h"

#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "persona/persona_data.h"

namespace samantha::persona {

namespace {

struct Reader {
    const toml::table& root;
    std::string source;
    std::vector<std::string> problems;

    void problem(std::string_view path, std::string_view what) {
        problems.push_back(fmt::format("{}: {}: {}", source, path, what));
    }

    void check_keys(const toml::table& table,
                    std::string_view prefix,
                    const std::set<std::string>& allowed) {
        for (const auto& [key, value] : table) {
            (void)value;
            const std::string name(key.str());
            if (!allowed.contains(name)) {
                problem(prefix.empty() ? name : fmt::format("{}.{}", prefix, name), "unknown key");
            }
        }
    }

    void
    text(const toml::node_view<const toml::node>& node, std::string_view path, std::string& out) {
        if (!node) {
            return;
        }
        if (const auto* s = node.as_string()) {
            out = s->get();
        } else {
            problem(path, "expected a string");
        }
    }

    void number(const toml::node_view<const toml::node>& node,
                std::string_view path,
                float& out,
                float min,
                float max) {
        if (!node) {
            return;
        }
        const auto value = node.value<double>();
        if (!value) {
            problem(path, "expected a number");
            return;
        }
        if (*value < min || *value > max) {
            problem(path, fmt::format("{} is outside [{}, {}]", *value, min, max));
            return;
        }
        out = static_cast<float>(*value);
    }

    void list(const toml::node_view<const toml::node>& node,
              std::string_view path,
              std::vector<std::string>& out) {
        if (!node) {
            return;
        }
        const auto* array = node.as_array();
        if (array == nullptr) {
            problem(path, "expected an array of strings");
            return;
        }
        out.clear();
        for (const auto& item : *array) {
            if (const auto* s = item.as_string()) {
                out.push_back(s->get());
            } else {
                problem(path, "expected an array of strings");
                return;
            }
        }
    }

    void bilingual(std::string_view key, Bilingual& out) {
        const auto node = root[key];
        if (!node) {
            return;
        }
        const auto* table = node.as_table();
        if (table == nullptr) {
            problem(key, "expected a table with en and ko");
            return;
        }
        check_keys(*table, key, {"en", "ko", "ko_casual"});
        text(node["en"], fmt::format("{}.en", key), out.en);
        text(node["ko"], fmt::format("{}.ko", key), out.ko);
        text(node["ko_casual"], fmt::format("{}.ko_casual", key), out.ko_casual);
    }
};

} // namespace

Result<Persona> parse_persona(std::string_view document, std::string_view source) {
    // toml++ is built with exceptions; this adapter turns them into an Error (STYLE.md §4).
    toml::table parsed;
    try {
        parsed = toml::parse(document, std::string(source));
    } catch (const toml::parse_error& error) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("persona {} line {} column {}: {}",
                                      source,
                                      error.source().begin.line,
                                      error.source().begin.column,
                                      error.description()));
    }
    const toml::table& root = parsed;
    Reader r{.root = root, .source = fmt::format("persona {}", source), .problems = {}};
    r.check_keys(root,
                 "",
                 {"id",
                  "role",
                  "name",
                  "about",
                  "about_casual",
                  "nature",
                  "traits",
                  "likes",
                  "big_five",
                  "voice"});
    Persona p;
    r.text(root["id"], "id", p.id);
    r.text(root["role"], "role", p.role);
    if (p.role != "friend" && p.role != "family" && p.role != "partner") {
        r.problem("role", fmt::format("'{}' is not one of friend, family, partner", p.role));
    }
    r.bilingual("name", p.name);
    r.bilingual("about", p.about);
    r.bilingual("nature", p.nature);
    if (const auto* casual = root["about_casual"].as_table()) {
        r.check_keys(*casual, "about_casual", {"ko"});
        r.text(root["about_casual"]["ko"], "about_casual.ko", p.about.ko_casual);
    }
    for (const char* key : {"traits", "likes"}) {
        if (const auto* table = root[key].as_table()) {
            r.check_keys(*table, key, {"en", "ko"});
        }
    }
    r.list(root["traits"]["en"], "traits.en", p.traits_en);
    r.list(root["traits"]["ko"], "traits.ko", p.traits_ko);
    r.list(root["likes"]["en"], "likes.en", p.likes_en);
    r.list(root["likes"]["ko"], "likes.ko", p.likes_ko);
    if (const auto* table = root["big_five"].as_table()) {
        r.check_keys(
            *table,
            "big_five",
            {"openness", "conscientiousness", "extraversion", "agreeableness", "neuroticism"});
    }
    const auto big = root["big_five"];
    r.number(big["openness"], "big_five.openness", p.big_five.openness, 0, 1);
    r.number(
        big["conscientiousness"], "big_five.conscientiousness", p.big_five.conscientiousness, 0, 1);
    r.number(big["extraversion"], "big_five.extraversion", p.big_five.extraversion, 0, 1);
    r.number(big["agreeableness"], "big_five.agreeableness", p.big_five.agreeableness, 0, 1);
    r.number(big["neuroticism"], "big_five.neuroticism", p.big_five.neuroticism, 0, 1);
    if (const auto* table = root["voice"].as_table()) {
        r.check_keys(*table,
                     "voice",
                     {"espeak_en",
                      "espeak_ko",
                      "variant",
                      "rate_wpm",
                      "pitch_hz",
                      "pitch_range",
                      "tempo_variability"});
    }
    const auto voice = root["voice"];
    r.text(voice["espeak_en"], "voice.espeak_en", p.voice.espeak_en);
    r.text(voice["espeak_ko"], "voice.espeak_ko", p.voice.espeak_ko);
    r.text(voice["variant"], "voice.variant", p.voice.variant);
    r.number(voice["rate_wpm"], "voice.rate_wpm", p.voice.rate_wpm, 80, 300);
    r.number(voice["pitch_hz"], "voice.pitch_hz", p.voice.pitch_hz, 50, 400);
    r.number(voice["pitch_range"], "voice.pitch_range", p.voice.pitch_range, 0, 1);
    r.number(
        voice["tempo_variability"], "voice.tempo_variability", p.voice.tempo_variability, 0, 0.5f);
    if (p.name.en.empty() || p.name.ko.empty()) {
        r.problem("name", "both name.en and name.ko are required");
    }
    if (p.about.en.empty() || p.about.ko.empty()) {
        r.problem("about", "both about.en and about.ko are required");
    }
    if (p.nature.en.empty() || p.nature.ko.empty()) {
        r.problem("nature",
                  "both nature.en and nature.ko are required (how the persona says it is an AI)");
    }
    if (!r.problems.empty()) {
        std::string message;
        for (const auto& problem : r.problems) {
            message += (message.empty() ? "" : "; ") + problem;
        }
        return make_error(ErrorCode::InvalidArgument, message);
    }
    return p;
}

Result<Persona> load_persona(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return make_error(ErrorCode::Io, fmt::format("persona: cannot read '{}'", path.string()));
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = buffer.str();
    if (text.size() > 1024 * 1024) {
        return make_error(ErrorCode::TooLarge,
                          fmt::format("persona: '{}' is over 1 MiB", path.string()));
    }
    return parse_persona(text, path.string());
}

std::shared_ptr<const Persona> builtin_persona() {
    static const std::shared_ptr<const Persona> persona = std::make_shared<const Persona>(
        parse_persona(persona_data::samantha(), "samantha.toml").value());
    return persona;
}

} // namespace samantha::persona
