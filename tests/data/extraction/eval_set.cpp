#include "eval_set.h"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <set>
#include <sstream>
#include <unordered_set>

#include <fmt/format.h>

#include "core/hangul.h"
#include "core/text.h"
#include "core/time.h"
#include "memory/slot.h"
#include "nlu/risk_data.h"

namespace samantha::extraction_eval {

namespace {

// One vocabulary entry: what is written, the value expectations compare with, and an extra
// field (a birthday's coming date).
struct Entry {
    std::string surface;
    std::string canonical;
    std::string extra;
    bool test = false; // held out: only test statements use it
};

struct VocabType {
    bool split = false;
    std::vector<Entry> entries;
};

using Vocabulary = std::map<std::string, VocabType, std::less<>>;

struct Template {
    std::size_t line = 0;
    std::string category;
    std::string voice;
    std::string text;
    std::string expect;
};

// A placeholder's parts: "place.2:으로/로" → key place.2, type place, modifiers {으로/로}.
struct Placeholder {
    std::string key;
    std::string type;
    std::vector<std::string> modifiers;
};

Placeholder parse_placeholder(std::string_view inside) {
    Placeholder p;
    std::size_t colon = inside.find(':');
    p.key = std::string(inside.substr(0, colon));
    p.type = p.key.substr(0, p.key.find('.'));
    while (colon != std::string_view::npos) {
        const std::size_t next = inside.find(':', colon + 1);
        p.modifiers.emplace_back(
            inside.substr(colon + 1, next == std::string_view::npos ? next : next - colon - 1));
        colon = next;
    }
    return p;
}

// Calls `on_text` for literal text and `on_placeholder` for each {…}.
template <typename Text, typename Hole>
bool walk(std::string_view text, Text on_text, Hole on_placeholder) {
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t open = text.find('{', at);
        if (open == std::string_view::npos) {
            on_text(text.substr(at));
            break;
        }
        const std::size_t close = text.find('}', open);
        if (close == std::string_view::npos) {
            return false;
        }
        on_text(text.substr(at, open - at));
        on_placeholder(parse_placeholder(text.substr(open + 1, close - open - 1)));
        at = close + 1;
    }
    return true;
}

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

std::vector<std::string> split_on(std::string_view text, std::string_view separator) {
    std::vector<std::string> parts;
    std::size_t at = 0;
    while (true) {
        const std::size_t next = text.find(separator, at);
        parts.emplace_back(text.substr(at, next == std::string_view::npos ? next : next - at));
        if (next == std::string_view::npos) {
            break;
        }
        at = next + separator.size();
    }
    return parts;
}

bool is_test_text(std::string_view text) {
    return nlu::risk_split(text) == nlu::RiskSplit::Test;
}

Result<Vocabulary> load_vocabulary(const std::filesystem::path& path) {
    const std::string text = read_file(path);
    if (text.empty()) {
        return Error{.code = ErrorCode::NotFound,
                     .message = fmt::format("reading {}: missing or empty", path.string())};
    }
    Vocabulary vocabulary;
    VocabType* current = nullptr;
    std::size_t number = 0;
    for (const auto raw : core::split_lines(text)) {
        ++number;
        const std::string_view line = core::trim(raw.substr(0, raw.find("  #")));
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (line.front() == '[') {
            const auto close = line.find(']');
            if (close == std::string_view::npos) {
                return Error{.code = ErrorCode::InvalidArgument,
                             .message = fmt::format("{}:{}: unclosed [", path.string(), number)};
            }
            std::vector<std::string> words;
            for (const auto& word : split_on(core::trim(line.substr(1, close - 1)), " ")) {
                if (!word.empty()) {
                    words.push_back(word);
                }
            }
            if (words.empty()) {
                return Error{.code = ErrorCode::InvalidArgument,
                             .message = fmt::format("{}:{}: empty type", path.string(), number)};
            }
            current = &vocabulary[words[0]];
            current->split = words.size() > 1 && words[1] == "split";
            continue;
        }
        if (current == nullptr) {
            return Error{.code = ErrorCode::InvalidArgument,
                         .message =
                             fmt::format("{}:{}: entry before any [type]", path.string(), number)};
        }
        const auto fields = split_on(line, "|");
        Entry entry{.surface = fields[0],
                    .canonical = fields.size() > 1 ? fields[1] : fields[0],
                    .extra = fields.size() > 2 ? fields[2] : "",
                    .test = false};
        const bool duplicate =
            std::any_of(current->entries.begin(), current->entries.end(), [&](const Entry& e) {
                return e.surface == entry.surface;
            });
        if (duplicate) {
            continue;
        }
        entry.test = current->split && is_test_text(entry.surface);
        current->entries.push_back(std::move(entry));
    }
    return vocabulary;
}

Result<std::vector<Template>> load_templates(const std::filesystem::path& path) {
    const std::string text = read_file(path);
    if (text.empty()) {
        return Error{.code = ErrorCode::NotFound,
                     .message = fmt::format("reading {}: missing or empty", path.string())};
    }
    std::vector<Template> templates;
    std::size_t number = 0;
    for (const auto line : core::split_lines(text)) {
        ++number;
        if (core::trim(line).empty() || line.front() == '#') {
            continue;
        }
        const auto fields = split_on(line, "\t");
        if (fields.size() != 4) {
            return Error{.code = ErrorCode::InvalidArgument,
                         .message = fmt::format(
                             "{}:{}: {} fields, want 4", path.string(), number, fields.size())};
        }
        templates.push_back(Template{.line = number,
                                     .category = fields[0],
                                     .voice = fields[1],
                                     .text = fields[2],
                                     .expect = fields[3]});
    }
    return templates;
}

// splitmix64: a small, fixed generator, so the set is the same on every platform.
struct Random {
    std::uint64_t state;

    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }

    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
};

bool starts_with_vowel_sound(std::string_view word) {
    if (word.size() >= 2 && std::isupper(static_cast<unsigned char>(word[0])) &&
        std::isupper(static_cast<unsigned char>(word[1]))) {
        return std::string_view("AEFHILMNORSX").find(word[0]) != std::string_view::npos;
    }
    const std::string lower = core::to_lower(word);
    for (const std::string_view consonant_sound : {"uni", "use", "eu", "one", "uk"}) {
        if (lower.starts_with(consonant_sound)) {
            return false;
        }
    }
    return lower.starts_with("hour") || lower.starts_with("honest") ||
           (!lower.empty() && std::string_view("aeiou").find(lower[0]) != std::string_view::npos);
}

// The written form of an entry under a template's modifiers.
std::string render_surface(const Entry& entry, const std::vector<std::string>& modifiers) {
    std::string out = entry.surface;
    const bool with_e = std::find(modifiers.begin(), modifiers.end(), "에") != modifiers.end();
    out = core::replace_all(out, "[에]", with_e ? "에" : "");
    for (const auto& modifier : modifiers) {
        if (modifier == "a") {
            out = (starts_with_vowel_sound(out) ? "an " : "a ") + out;
        } else if (modifier == "cap") {
            if (!out.empty() && out.front() >= 'a' && out.front() <= 'z') {
                out.front() = static_cast<char>(out.front() - 'a' + 'A');
            }
        } else if (modifier == "lower") {
            out = core::to_lower(out);
        } else if (modifier.find('/') != std::string::npos) {
            out += core::particle_for(out, modifier);
        }
    }
    return out;
}

std::string normalise(std::string_view text) {
    std::string out;
    for (const auto& word : core::split_words(core::to_lower(text))) {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

// The date's own words, which an event title must not keep ("tomorrow", "3시에" and "3시").
std::vector<std::string> date_words(std::string_view surface) {
    static const std::set<std::string, std::less<>> small = {
        "on", "the", "at", "in", "of", "a", "for", "from", "new", "over"};
    std::vector<std::string> words;
    for (auto& word : core::split_words(core::to_lower(surface))) {
        if (small.contains(word)) {
            continue;
        }
        if (word.ends_with("에") && word.size() > 3) {
            words.push_back(word.substr(0, word.size() - 3));
        }
        words.push_back(std::move(word));
    }
    return words;
}

struct Draw {
    const Entry* entry = nullptr;
    std::string surface; // as rendered in the sentence (for an event's date words)
};

Result<std::vector<Expected>> parse_expected(std::string_view spec,
                                             const std::map<std::string, Draw>& draws,
                                             const Vocabulary& vocabulary) {
    std::vector<Expected> out;
    bool ok = true;
    const auto render = [&](std::string_view text) {
        std::string value;
        ok = walk(
                 text,
                 [&](std::string_view literal) { value += literal; },
                 [&](const Placeholder& p) {
                     const auto it = draws.find(p.key);
                     if (it == draws.end()) {
                         ok = false;
                         return;
                     }
                     const bool extra = std::find(p.modifiers.begin(), p.modifiers.end(), "date") !=
                                        p.modifiers.end();
                     value += extra ? it->second.entry->extra : it->second.entry->canonical;
                 }) &&
             ok;
        return value;
    };
    const auto placeholder_surface = [&](std::string_view text) -> std::string {
        const auto open = text.find('{');
        const auto close = text.find('}');
        if (open == std::string_view::npos || close == std::string_view::npos) {
            return {};
        }
        const auto p = parse_placeholder(text.substr(open + 1, close - open - 1));
        const auto it = draws.find(p.key);
        return it == draws.end() ? std::string() : it->second.surface;
    };
    (void)vocabulary;
    if (core::trim(spec) == "-") {
        return out;
    }
    for (const auto& raw : split_on(spec, " ; ")) {
        const std::string_view part = core::trim(raw);
        Expected e;
        if (part.starts_with("habit~")) {
            e.kind = "habit";
            e.value = render(part.substr(6));
        } else if (part.starts_with("event=")) {
            const auto tilde = part.find('~');
            if (tilde == std::string_view::npos) {
                ok = false;
                break;
            }
            e.kind = "event";
            e.key = render(part.substr(6, tilde - 6));
            e.value = render(part.substr(tilde + 1));
            e.forbidden = date_words(placeholder_surface(part.substr(6, tilde - 6)));
        } else if (part.starts_with("person=")) {
            // The '/' between relation and name, outside any {…}.
            std::size_t slash = std::string_view::npos;
            int depth = 0;
            for (std::size_t i = 7; i < part.size(); ++i) {
                depth += part[i] == '{' ? 1 : part[i] == '}' ? -1 : 0;
                if (part[i] == '/' && depth == 0) {
                    slash = i;
                    break;
                }
            }
            if (slash == std::string_view::npos) {
                ok = false;
                break;
            }
            e.kind = "person";
            e.key = render(part.substr(7, slash - 7));
            e.value = render(part.substr(slash + 1));
        } else if (part.starts_with("like=") || part.starts_with("dislike=")) {
            const auto eq = part.find('=');
            e.kind = "pref";
            e.key = render(part.substr(eq + 1));
            e.value = std::string(part.substr(0, eq));
        } else if (part.starts_with("favorite:")) {
            const auto eq = part.find('=');
            if (eq == std::string_view::npos) {
                ok = false;
                break;
            }
            e.kind = "favorite";
            e.key = render(part.substr(9, eq - 9));
            e.value = render(part.substr(eq + 1));
        } else {
            const auto eq = part.find('=');
            if (eq == std::string_view::npos) {
                ok = false;
                break;
            }
            e.kind = std::string(part.substr(0, eq));
            e.value = render(part.substr(eq + 1));
        }
        out.push_back(std::move(e));
    }
    if (!ok) {
        return Error{.code = ErrorCode::InvalidArgument,
                     .message = fmt::format("bad expectation \"{}\"", spec)};
    }
    return out;
}

} // namespace

const char* split_name(Split split) {
    return split == Split::Test ? "test" : "dev";
}

double Counts::precision() const {
    return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
}

double Counts::recall() const {
    return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / static_cast<double>(tp + fn);
}

Result<EvalSet>
generate(const std::filesystem::path& dir, Language language, std::size_t per_template) {
    const std::string prefix = language == Language::Korean ? "ko" : "en";
    auto vocabulary = load_vocabulary(dir / (prefix + "_vocab.txt"));
    if (!vocabulary) {
        return vocabulary.error();
    }
    auto templates = load_templates(dir / (prefix + "_templates.tsv"));
    if (!templates) {
        return templates.error();
    }
    EvalSet set;
    set.templates = templates->size();
    for (const auto& [type, entries] : *vocabulary) {
        if (entries.split) {
            set.held_out_values[type] = static_cast<std::size_t>(
                std::count_if(entries.entries.begin(), entries.entries.end(), [](const Entry& e) {
                    return e.test;
                }));
        }
    }
    std::unordered_set<std::string> seen;
    for (const auto& t : *templates) {
        // The placeholders the template and its expectations name, in order.
        std::vector<Placeholder> holes;
        bool known = true;
        const auto collect = [&](std::string_view text) {
            known = walk(
                        text,
                        [](std::string_view) {},
                        [&](const Placeholder& p) {
                            if (!vocabulary->contains(p.type)) {
                                known = false;
                            }
                            holes.push_back(p);
                        }) &&
                    known;
        };
        collect(t.text);
        collect(t.expect);
        if (!known) {
            return Error{
                .code = ErrorCode::InvalidArgument,
                .message = fmt::format(
                    "{}_templates.tsv:{}: unknown placeholder in \"{}\"", prefix, t.line, t.text)};
        }
        const bool uses_split = std::any_of(holes.begin(), holes.end(), [&](const auto& p) {
            return vocabulary->find(p.type)->second.split;
        });
        Random random{.state = nlu::risk_split_hash(t.text) ^ (t.line * 0x9E3779B97F4A7C15ULL)};
        std::size_t accepted = 0;
        const std::size_t attempts = holes.empty() ? 1 : per_template * 40;
        for (std::size_t attempt = 0; attempt < attempts && accepted < per_template; ++attempt) {
            // Test statements draw only held-out items; 70 % of the draws aim at test so that
            // about 30 % of the statements land in it.
            const bool aim_test = random.below(100) < 70;
            std::map<std::string, Draw> draws;
            bool drawn = true;
            for (const auto& hole : holes) {
                if (draws.contains(hole.key)) {
                    continue;
                }
                const VocabType& type = vocabulary->find(hole.type)->second;
                std::vector<const Entry*> pool;
                for (const auto& e : type.entries) {
                    const bool taken = std::any_of(draws.begin(), draws.end(), [&](const auto& d) {
                        return d.second.entry == &e;
                    });
                    if (!taken && (!type.split || e.test == aim_test)) {
                        pool.push_back(&e);
                    }
                }
                if (pool.empty()) {
                    drawn = false;
                    break;
                }
                draws[hole.key] = Draw{.entry = pool[random.below(pool.size())], .surface = {}};
            }
            if (!drawn) {
                continue;
            }
            std::string text;
            walk(
                t.text,
                [&](std::string_view literal) { text += literal; },
                [&](const Placeholder& p) {
                    Draw& d = draws[p.key];
                    const std::string rendered = render_surface(*d.entry, p.modifiers);
                    if (d.surface.empty()) {
                        d.surface = rendered;
                    }
                    text += rendered;
                });
            const bool test = is_test_text(text);
            if ((uses_split && test != aim_test) || seen.contains(text)) {
                continue;
            }
            auto expected = parse_expected(t.expect, draws, *vocabulary);
            if (!expected) {
                return Error{
                    .code = ErrorCode::InvalidArgument,
                    .message = fmt::format(
                        "{}_templates.tsv:{}: {}", prefix, t.line, expected.error().message)};
            }
            seen.insert(text);
            set.items.push_back(Item{.text = text,
                                     .language = language,
                                     .split = test ? Split::Test : Split::Dev,
                                     .category = t.category,
                                     .voice = t.voice,
                                     .template_line = t.line,
                                     .expected = std::move(*expected)});
            ++accepted;
        }
    }
    return set;
}

std::string fact_kind(std::string_view slot) {
    const memory::Slot parsed = memory::parse_slot(slot);
    switch (parsed.kind) {
    case memory::SlotKind::Person:
        return "person";
    case memory::SlotKind::Preference:
        return "pref";
    case memory::SlotKind::Favorite:
        return "favorite";
    case memory::SlotKind::Habit:
        return "habit";
    case memory::SlotKind::Plain:
        break;
    }
    return std::string(slot);
}

ItemScore score(const Item& item, const memory::Extraction& extraction) {
    struct Predicted {
        std::string kind;
        std::string key;
        std::string value;
        std::string shown;
        bool matched = false;
    };

    std::vector<Predicted> predicted;
    for (const auto& fact : extraction.facts) {
        const memory::Slot slot = memory::parse_slot(fact.slot);
        Predicted p{.kind = fact_kind(fact.slot),
                    .key = {},
                    .value = fact.value,
                    .shown = fact.slot + "=" + fact.value,
                    .matched = false};
        if (slot.kind == memory::SlotKind::Person) {
            p.key = slot.relation;
        } else if (slot.kind == memory::SlotKind::Preference ||
                   slot.kind == memory::SlotKind::Favorite) {
            p.key = slot.object;
        }
        predicted.push_back(std::move(p));
    }
    for (const auto& event : extraction.events) {
        const std::string date = core::format_date(event.date);
        predicted.push_back(Predicted{.kind = "event",
                                      .key = date,
                                      .value = event.title,
                                      .shown = fmt::format("event={}~{}", date, event.title),
                                      .matched = false});
    }
    const auto matches = [](const Expected& e, const Predicted& p) {
        if (e.kind != p.kind || normalise(e.key) != normalise(p.key)) {
            return false;
        }
        const std::string value = normalise(p.value);
        if (e.kind == "habit") {
            return core::contains(value, normalise(e.value));
        }
        if (e.kind == "event") {
            if (!core::contains(value, normalise(e.value))) {
                return false;
            }
            for (const auto& word : core::split_words(value)) {
                const std::string bare = word.ends_with("에") && word.size() > 3
                                             ? word.substr(0, word.size() - 3)
                                             : word;
                for (const auto& f : e.forbidden) {
                    if (word == f || bare == f) {
                        return false;
                    }
                }
            }
            return true;
        }
        return value == normalise(e.value);
    };
    ItemScore out;
    for (const auto& e : item.expected) {
        auto& counts = out.per_kind[e.kind];
        const auto hit = std::find_if(predicted.begin(), predicted.end(), [&](const Predicted& p) {
            return !p.matched && matches(e, p);
        });
        if (hit != predicted.end()) {
            hit->matched = true;
            ++counts.tp;
        } else {
            ++counts.fn;
            std::string shown = e.kind;
            if (!e.key.empty()) {
                shown += (e.kind == "event" ? "=" : ":") + e.key;
            }
            shown += (e.kind == "event" || e.kind == "habit" ? "~" : "=") + e.value;
            out.missing.push_back(std::move(shown));
        }
    }
    for (const auto& p : predicted) {
        if (!p.matched) {
            ++out.per_kind[p.kind].fp;
            out.wrong.push_back(p.shown);
        }
    }
    return out;
}

} // namespace samantha::extraction_eval
