#include "dialogue/phrasebook.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/hangul.h"
#include "core/text.h"
#include "dialogue/phrase_data.h"

namespace samantha::dialogue {

Result<PhraseBook> PhraseBook::parse(std::string_view text, std::string_view source) {
    PhraseBook book;
    std::vector<Phrase>* current = nullptr;
    std::string current_name;
    int line_number = 0;
    const auto bad = [&](std::string_view why) {
        return make_error(ErrorCode::InvalidArgument,
                          fmt::format("phrase book {} line {}: {}", source, line_number, why));
    };
    for (const std::string_view raw : core::split_lines(text)) {
        const std::string_view line = core::trim(raw);
        ++line_number;
        if (line.empty() || line.front() == '#') {
            continue;
        }
        if (line.front() == '[') {
            if (line.back() != ']' || line.size() < 3) {
                return bad("a section header looks like [name]");
            }
            current_name = std::string(line.substr(1, line.size() - 2));
            current = &book.m_sections[current_name];
            continue;
        }
        if (current == nullptr) {
            return bad("a line before the first [section]");
        }
        Phrase phrase;
        const auto split = line.find("||");
        if (split == std::string_view::npos) {
            phrase.polite = std::string(line);
            phrase.casual = phrase.polite;
        } else {
            phrase.polite = std::string(core::trim(line.substr(0, split)));
            phrase.casual = std::string(core::trim(line.substr(split + 2)));
        }
        for (const auto* form : {&phrase.polite, &phrase.casual}) {
            if (form->empty()) {
                return bad("an empty form");
            }
            const auto opens = std::count(form->begin(), form->end(), '{');
            const auto closes = std::count(form->begin(), form->end(), '}');
            if (opens != closes) {
                return bad("unbalanced { } in a slot");
            }
        }
        current->push_back(std::move(phrase));
    }
    for (const auto& [name, lines] : book.m_sections) {
        if (lines.empty()) {
            return make_error(
                ErrorCode::InvalidArgument,
                fmt::format("phrase book {}: section [{}] has no lines", source, name));
        }
    }
    return book;
}

const std::vector<Phrase>& PhraseBook::section(std::string_view name) const {
    static const std::vector<Phrase> none;
    const auto it = m_sections.find(name);
    return it == m_sections.end() ? none : it->second;
}

std::optional<std::string> render_phrase(std::string_view line, const Slots& slots) {
    std::string out;
    std::size_t pos = 0;
    while (pos < line.size()) {
        const auto open = line.find('{', pos);
        if (open == std::string_view::npos) {
            out.append(line.substr(pos));
            break;
        }
        out.append(line.substr(pos, open - pos));
        const auto close = line.find('}', open);
        if (close == std::string_view::npos) {
            return std::nullopt;
        }
        const std::string_view inner = line.substr(open + 1, close - open - 1);
        const auto bar = inner.find('|');
        const std::string_view name = inner.substr(0, bar);
        const auto it = slots.find(name);
        if (it == slots.end() || it->second.empty()) {
            return std::nullopt;
        }
        out += it->second;
        if (bar != std::string_view::npos) {
            out += core::particle_for(it->second, inner.substr(bar + 1));
        }
        pos = close + 1;
        // "하나" + "님" reads as 하나님 (God): that name takes 씨 instead.
        constexpr std::string_view honorific = "님";
        if (it->second == "하나" && line.substr(pos).starts_with(honorific)) {
            out += " 씨";
            pos += honorific.size();
        }
    }
    return out;
}

std::shared_ptr<const PhraseBook> builtin_phrasebook(Language language) {
    // The built-in books are tested (phrasebook_test), so a parse failure is a build bug.
    static const std::shared_ptr<const PhraseBook> english = std::make_shared<const PhraseBook>(
        PhraseBook::parse(phrase_data::english(), "en.txt").value());
    static const std::shared_ptr<const PhraseBook> korean = std::make_shared<const PhraseBook>(
        PhraseBook::parse(phrase_data::korean(), "ko.txt").value());
    return language == Language::Korean ? korean : english;
}

} // namespace samantha::dialogue
