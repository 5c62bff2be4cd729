#include "dialogue/composer.h"

#include <vector>

#include "core/text.h"

namespace samantha::dialogue {

namespace {

std::string sentence_case(std::string text, Language language) {
    if (language == Language::English && !text.empty() && text.front() >= 'a' &&
        text.front() <= 'z') {
        text.front() = static_cast<char>(text.front() - 'a' + 'A');
    }
    return text;
}

struct Composer {
    const PhraseBook& book;
    SpeechLevel level;
    Language language;
    const RecentSentences& recent;
    core::Rng& rng;
    RecentSentences used; // sentences already in this reply

    bool is_fresh(const std::string& line) const {
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
        const Slots slots = with_items(move);
        std::vector<std::string> candidates;
        for (const Phrase& phrase : book.section(move.section)) {
            if (auto text = render_phrase(phrase.get(level), slots)) {
                std::string line = sentence_case(std::move(*text), language);
                if (allow_repeat || is_fresh(line)) {
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
        Move fallback{.section = "smalltalk", .slots = {}, .optional = false, .items = {}};
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
