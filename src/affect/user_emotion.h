#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

namespace samantha::nlu {
class EmotionModel;
}

// User emotion from text (docs/affect.md), Korean and English. v2: a trained reading of the
// message (nlu/emotion.h: GoEmotions' 28 labels in English, KOTE's 44 in Korean) fused with the
// v1 lexicon (negation, intensifiers, emoticons/emoji), which is also its features and its
// fallback. Deterministic and pure once the lexicon and models are loaded.
namespace samantha::affect {

// One lexicon entry.
struct LexiconEntry {
    std::string term;
    float valence = 0.0f;
    float arousal = 0.0f;
    EmotionLabel label = EmotionLabel::Neutral;
    bool prefix = false; // matches words that start with `term`
    bool infix = false;  // Korean: matches inside a word too
    bool multiword = false;
};

// Where to look in one entry list: the entries whose term starts with each byte, and the infix
// entries, each list in entry order (longest term first). Built by index_lexicon.
struct LexiconIndex {
    std::array<std::vector<std::uint32_t>, 256> by_first_byte;
    std::vector<std::uint32_t> infix;
};

// The lexicons: English words, Korean stems, and symbols (emoticons, emoji).
struct Lexicon {
    std::vector<LexiconEntry> english;
    std::vector<LexiconEntry> korean;
    std::vector<LexiconEntry> symbols;
    // Lookup tables over `english` and `korean` (index_lexicon); while empty, every entry is
    // tried.
    LexiconIndex english_index;
    LexiconIndex korean_index;
};

// Builds the lookup tables of `lexicon` (call again after changing its entries).
void index_lexicon(Lexicon& lexicon);

// Parses one lexicon TSV (term, valence, arousal, label; '#' comments). InvalidArgument names the
// source and line of the first bad row.
Result<std::vector<LexiconEntry>> parse_lexicon(std::string_view tsv, std::string_view source);

// The lexicons built into Samantha (src/affect/lexicon/*.tsv). Parsed once; immutable.
std::shared_ptr<const Lexicon> builtin_lexicon();

// The emotion label for a snake_case name, if it is one of the taxonomy's.
Result<EmotionLabel> parse_emotion_label(std::string_view name);

// What came before a message in the conversation.
struct EmotionContext {
    // The taxonomy label of the person's previous message, if there was one.
    std::optional<EmotionLabel> previous;
    // How strongly it was felt (UserEmotion::intensity); 0.5 when only the label is known.
    float previous_intensity = 0.5f;
    // The conversation's language so far, for a message with no letters (emoji only).
    Language language = Language::English;
};

// The weights of the fusion of read_emotion (docs/affect.md, "Fusion"); the defaults were chosen
// on the tuning rows.
struct EmotionFusion {
    float lexicon_vote = 0.5f;   // the lexicon label's vote, × the lexicon's intensity
    float previous_vote = 0.15f; // the previous label's vote, × its intensity
    float lexicon_share = 0.4f;  // the lexicon's weight in valence and arousal (the model's: 1)
    // k in a fine label's score p / θ^k: 1 ranks labels by how far they pass their thresholds
    // (favouring rare labels), 0 by probability (favouring common ones).
    float threshold_power = 1.0f;
    // Where the model reads labels of both signs, the lexicon's sign (when it has one) picks
    // among them.
    bool lexicon_picks_sign = true;
    // When no label reaches its threshold: true keeps the lexicon's label, false reads neutral
    // (with the lexicon's valence and half its intensity).
    bool lexicon_fallback = true;
};

// How the person seems to feel in `text` (valid UTF-8): the built-in model of the message's
// language (nlu::builtin_emotion_model) fused with `lexicon` and `context`, as
// read_emotion does. The lexicon alone when the build has no model.
UserEmotion recognize_emotion(std::string_view text,
                              const Lexicon& lexicon,
                              const EmotionContext& context = {});

// The fused reading with an explicit model (null: the lexicon alone):
//  - the model's fine labels, each scored against its tuned threshold, vote for their taxonomy
//    labels; the lexicon's label gets a vote of its strength, the previous message's label a
//    small one; the best label is read when it is not neutral and its vote passes its threshold,
//    otherwise the lexicon's reading stands (EmotionFusion::lexicon_fallback);
//  - a lexicon reading that rests on negation ("not happy", "안 좋아") overrules a model reading
//    of another sign; a lexicon label the scheme has no fine label for (loneliness; tiredness in
//    English, excitement in Korean) stands unless the model reads the opposite sign;
//  - valence and arousal blend the read fine labels' taxonomy points with the lexicon's;
//    intensifiers and diminishers scale the intensity; `top` holds the model's three best fine
//    labels.
UserEmotion read_emotion(std::string_view text,
                         const Lexicon& lexicon,
                         const nlu::EmotionModel* model,
                         const EmotionContext& context = {},
                         const EmotionFusion& fusion = {});

// The v1 reading: the lexicon alone (docs/affect.md, "Recognition from text, v1").
UserEmotion recognize_emotion_lexicon(std::string_view text, const Lexicon& lexicon);

// The lexicon's cues in `text`, as named features for the trained models: "lex:<label>" for each
// matched entry, "lex:not:<label>" for a negated one, "lex:more" / "lex:less" when an intensifier
// or a diminisher scaled it, "lex:valence:<sign>" for the v1 reading's overall sign, and
// "lex:shout" / "lex:exclaim" for capitals and '!'. Sorted, without repeats.
std::vector<std::string> lexicon_cues(std::string_view text, const Lexicon& lexicon);

} // namespace samantha::affect
