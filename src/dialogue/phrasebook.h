#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

// Phrase books: the builtin composer's words, as data (src/dialogue/phrases/*.txt, format in
// docs/persona.md). Each section holds interchangeable lines; each line has a 해요체 (polite) and a
// 반말 (casual) form in Korean, one form in English.
namespace samantha::dialogue {

// Values for the {slot}s of a line.
using Slots = std::map<std::string, std::string, std::less<>>;

// One line of a section.
struct Phrase {
    std::string polite;
    std::string casual;

    const std::string& get(SpeechLevel level) const {
        return level == SpeechLevel::Casual ? casual : polite;
    }
};

// A parsed phrase book for one language.
class PhraseBook {
public:
    // Parses a phrase book. InvalidArgument names the source and line of the first problem
    // (a line before any section, an unclosed {slot}, an empty section).
    static Result<PhraseBook> parse(std::string_view text, std::string_view source);

    // The lines of `section` (empty when there is no such section).
    const std::vector<Phrase>& section(std::string_view name) const;

    // Whether the book has `section`.
    bool has(std::string_view name) const { return m_sections.find(name) != m_sections.end(); }

private:
    std::map<std::string, std::vector<Phrase>, std::less<>> m_sections;
};

// Fills a line's {slot} and {slot|consonant-form/vowel-form} placeholders. Returns nothing when a
// slot the line needs is missing or empty, so the caller can choose another line.
std::optional<std::string> render_phrase(std::string_view line, const Slots& slots);

// The built-in phrase book for `language`, parsed once; immutable.
std::shared_ptr<const PhraseBook> builtin_phrasebook(Language language);

} // namespace samantha::dialogue
