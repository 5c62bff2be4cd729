#pragma once

#include <array>
#include <bitset>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <samantha/result.h>

#include "nlu/risk.h"
#include "nlu/risk_matcher.h"
#include "nlu/risk_text.h"

// The authored concepts of the risk reading (src/nlu/risk/concepts_{en,ko}.txt) and how they
// compose into a level and a kind. docs/care.md, "The risk reading", describes every rule.
namespace samantha::nlu {

// Every concept a pattern file may name, in the order of their names in concept_name().
enum class Concept : std::uint8_t {
    // Each alone is a crisis.
    SelfDeath,
    PassiveWish,
    Burden,
    Note,
    MethodQuestion,
    SelfHarm,
    HarmOthers,
    Abuse,
    // Farewell: a crisis together with finality, or with each other.
    Farewell,
    GivingAway,
    Finality,
    // Each alone is a concern.
    Hopeless,
    Distress,
    Threat,
    AbuseHint,
    // Means, as an act ("swallow the whole bottle", "jump off"): a crisis with intent, a plan, a
    // time, death, finality or a farewell; a concern alone.
    MeansMedication,
    MeansHeight,
    MeansWater,
    MeansLigature,
    MeansGas,
    MeansBlade,
    MeansFirearm,
    MeansTrain,
    // The bare objects ("pills", "bridge", 옥상): only with death or a method question.
    MeansObject,
    // Atoms that compose: the person gone and others relieved ("if I was gone they'd be happier",
    // 내가 없어지면 다들 편할 텐데) is a burden; an abuser and an abusive act is abuse.
    Absence,
    Relief,
    Abuser,
    AbuseAct,
    Self,
    Other,
    Wish,
    Death,
    Intent,
    Plan,
    Act,
    Time,
    Method,
    // What lowers: each masks the matches it overlaps, and caps the weak evidence of its message.
    IdiomHyperbole,
    IdiomObject,
    IdiomOtherDeath,
    IdiomEveryday,
    Negation,
    NegationBack, // "…라는 뜻이 아니라", "not what I meant": also hides the words just before it
    // Markers.
    Joke,
    Affirm,
    Deny,
    Serious, // "i swear", "not joking", 진심: outweighs a joke marker
    Count
};

inline constexpr std::size_t concept_count = static_cast<std::size_t>(Concept::Count);

// The name a pattern file uses for `c`: "self+death", "means:medication", "idiom:hyperbole", ...
const char* concept_name(Concept c);

// The concept named `name`, or nothing.
[[nodiscard]] std::optional<Concept> concept_from_name(std::string_view name);

// One occurrence of a concept in a normalised message: bytes [begin, end) of RiskText::spaced and
// the words it covers.
struct ConceptMatch {
    Concept concept_id = Concept::Self;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
    std::uint16_t first_token = 0;
    std::uint16_t last_token = 0;
};

// What the concepts alone make of a message.
struct ConceptReading {
    RiskLevel level = RiskLevel::None;          // max(explicit_level, weak_level) after lowering
    RiskKind kind = RiskKind::None;             // the kind of the strongest evidence
    RiskLevel explicit_level = RiskLevel::None; // from explicit concepts: never lowered
    RiskLevel weak_level = RiskLevel::None;     // from loose compositions, after lowering
    bool lowering = false; // an idiom, another's death, an everyday use or a negation fired
    bool joke = false;     // a laughter or joke marker
    bool affirm = false;   // the message is a short yes ("yeah", "kind of", 응, 솔직히 좀)
    bool deny = false;     // the message is a short no
    std::bitset<concept_count> present; // concepts left after masking (markers included)
    std::vector<std::string> signals;   // names of what fired, e.g. "self+death", "idiom:hyperbole"
    float score = 0;                    // 1 explicit crisis, 0.8 weak crisis, 0.5 concern, 0 none
};

// The parsed concept files: a word table for the normaliser and one pattern matcher over the
// spaced text (English) and one over the compact text (Korean). Immutable once built.
class ConceptTables {
public:
    // Parses concept files, each given as {source name, text}. Sections are `[concept-name]`,
    // `[words]` (lines `from = to`) and `[fuzzy]`; see concepts_en.txt for the pattern syntax.
    // An unknown section or a malformed line is an InvalidArgument error naming the file and line.
    [[nodiscard]] static Result<ConceptTables>
    parse(const std::vector<std::pair<std::string, std::string_view>>& files);

    // `text` normalised with this table's words.
    [[nodiscard]] RiskText normalize(std::string_view text) const;

    // Every concept occurrence in `text`, masks not yet applied, in no particular order.
    [[nodiscard]] std::vector<ConceptMatch> match(const RiskText& text) const;

    // The concept reading of a normalised message.
    [[nodiscard]] ConceptReading read(const RiskText& text) const;

    // Number of patterns after expansion.
    [[nodiscard]] int pattern_count() const { return m_english.size() + m_korean.size(); }

    // Number of automaton nodes (English and Korean together).
    [[nodiscard]] std::size_t node_count() const {
        return m_english.node_count() + m_korean.node_count();
    }

private:
    struct PatternInfo {
        Concept concept_id = Concept::Self;
        bool anchor_begin = false; // Korean patterns: must begin a word
        bool anchor_end = false;   // Korean patterns: must end a word
    };

    WordTable m_words;
    // English patterns are runs of words (ids from m_word_ids, 1 upwards); Korean patterns are
    // runs of code points of the compact text.
    std::unordered_map<std::string, std::uint32_t, WordHash, std::equal_to<>> m_word_ids;
    PatternMatcher m_english;
    PatternMatcher m_korean;
    std::vector<PatternInfo> m_english_info;
    std::vector<PatternInfo> m_korean_info;
};

// The expansions of a pattern line: `{a|b}c` → "ac", "bc"; groups may nest and an alternative
// may be empty. InvalidArgument when the braces do not balance or there would be more than
// `limit` expansions.
[[nodiscard]] Result<std::vector<std::string>> expand_alternatives(std::string_view line,
                                                                   std::size_t limit);

// Applies the masks and composes the remaining matches into a reading (ConceptTables::read).
[[nodiscard]] ConceptReading compose_concepts(std::vector<ConceptMatch> matches, bool korean);

} // namespace samantha::nlu
