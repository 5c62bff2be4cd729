#include "dialogue/composer.h"

#include <algorithm>
#include <vector>

#include "core/text.h"
#include "dialogue/phrase_data.h"

namespace samantha::dialogue {

bool is_manipulative(std::string_view text) {
    static const std::vector<std::string> patterns = [] {
        std::vector<std::string> list;
        for (const auto line : core::split_lines(phrase_data::manipulation())) {
            const auto entry = core::trim(line);
            if (!entry.empty() && entry.front() != '#') {
                list.push_back(core::to_lower(entry));
            }
        }
        return list;
    }();
    const std::string lowered = core::to_lower(text);
    return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
        return core::contains(lowered, p);
    });
}

namespace {

// English lines start each sentence with a capital, also where a slot opens it ("Haha. A fake
// noodle, really?").
std::string sentence_case(std::string text, Language language) {
    if (language != Language::English) {
        return text;
    }
    bool start = true;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (start && c >= 'a' && c <= 'z') {
            text[i] = static_cast<char>(c - 'a' + 'A');
        }
        if (c == '.' || c == '!' || c == '?') {
            start = i + 1 < text.size() && text[i + 1] == ' ';
        } else if (c != ' ') {
            start = false;
        }
    }
    return text;
}

// How many of the event reading's slots a line carries.
int specificity(std::string_view line) {
    int n = 0;
    for (const std::string_view slot : {"{topic", "{who", "{place"}) {
        for (auto at = line.find(slot); at != std::string_view::npos;
             at = line.find(slot, at + slot.size())) {
            ++n;
        }
    }
    return n;
}

struct Composer {
    const PhraseBook& book;
    SpeechLevel level;
    Language language;
    const RecentSentences& recent;
    core::Rng& rng;
    RecentSentences used; // sentences already in this reply

    bool is_fresh(const std::string& line) const {
        if (is_manipulative(line)) {
            return false; // never, whatever the phrase book says (docs/care.md)
        }
        for (const auto& sentence : core::split_sentences(line)) {
            if (recent.contains(sentence) || used.contains(sentence)) {
                return false;
            }
        }
        return true;
    }

    // Fills {list} from the move's items: each item's first renderable line, joined.
    Slots with_items(const Move& move) const {
        Slots slots = move.slots;
        if (move.items.empty()) {
            return slots;
        }
        std::string list;
        for (const Move& item : move.items) {
            for (const Phrase& phrase : book.section(item.section)) {
                if (auto text = render_phrase(phrase.get(level), item.slots)) {
                    list +=
                        (list.empty() ? "" : (language == Language::Korean ? ", " : "; ")) + *text;
                    break;
                }
            }
        }
        slots["list"] = list;
        return slots;
    }

    std::optional<std::string> pick(const Move& move, bool allow_repeat) {
        // A closer register: the section's "@close" wording, most of the time, when it has a
        // fresh line.
        if (move.close && book.has(move.section + "@close") && rng.below(10) < 6) {
            Move closer = move;
            closer.section += "@close";
            closer.close = false;
            if (auto line = pick(closer, false)) {
                return line;
            }
        }
        const Slots slots = with_items(move);
        // The most specific fresh lines: those that carry the most of what the message told
        // ({topic}, {who}, {place}); a generic line only when no specific one can be said.
        std::vector<std::string> candidates;
        int most_specific = 0;
        for (const Phrase& phrase : book.section(move.section)) {
            if (auto text = render_phrase(phrase.get(level), slots)) {
                std::string line = sentence_case(std::move(*text), language);
                if (!allow_repeat && !is_fresh(line)) {
                    continue;
                }
                const int specific = specificity(phrase.get(level));
                if (specific > most_specific) {
                    candidates.clear();
                    most_specific = specific;
                }
                if (specific == most_specific) {
                    candidates.push_back(std::move(line));
                }
            }
        }
        if (candidates.empty()) {
            return std::nullopt;
        }
        std::string chosen = std::move(candidates[rng.below(candidates.size())]);
        for (auto& sentence : core::split_sentences(chosen)) {
            used.insert(std::move(sentence));
        }
        return chosen;
    }
};

} // namespace

std::string compose(const Plan& plan,
                    const PhraseBook& book,
                    SpeechLevel level,
                    Language language,
                    const RecentSentences& recent,
                    core::Rng& rng) {
    if (plan.strategy == Strategy::Silent) {
        return {};
    }
    Composer composer{.book = book,
                      .level = level,
                      .language = language,
                      .recent = recent,
                      .rng = rng,
                      .used = {}};
    std::vector<std::string> parts;
    for (const Move& move : plan.moves) {
        if (auto line = composer.pick(move, false)) {
            parts.push_back(std::move(*line));
        } else if (!move.items.empty()) {
            // An answer that carries what was asked for (the facts remembered) is said again
            // rather than replaced by small talk: the answer matters more than fresh wording.
            if (auto again = composer.pick(move, true)) {
                parts.push_back(std::move(*again));
            }
        } else if (!move.optional) {
            Move fallback{
                .section = "smalltalk", .slots = move.slots, .optional = false, .items = {}};
            if (auto small = composer.pick(fallback, false)) {
                parts.push_back(std::move(*small));
            }
        }
    }
    if (parts.empty()) {
        // Every planned line was said recently: fresh small talk, and only when even that is
        // used up, a repeated line rather than silence.
        Move fallback{
            .section = "smalltalk", .slots = {}, .optional = false, .close = false, .items = {}};
        auto small = composer.pick(fallback, false);
        if (!small) {
            small = composer.pick(fallback, true);
        }
        if (small) {
            parts.push_back(std::move(*small));
        }
    }
    std::string reply;
    for (const auto& part : parts) {
        reply += (reply.empty() ? "" : " ") + part;
    }
    return reply;
}

} // namespace samantha::dialogue
