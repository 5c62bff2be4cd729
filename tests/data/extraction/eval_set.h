#pragma once

#include <cstddef>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/result.h>
#include <samantha/types.h>

#include "memory/extraction.h"

// The generated evaluation set of memory::extract() (docs/memory.md, "The evaluation set"):
// templates × vocabularies in tests/data/extraction/, rendered into statements with the facts
// and dated events each must give, split into dev and test by FNV-1a on the sentence.
namespace samantha::extraction_eval {

// The date every expectation is resolved against: Friday 2026-11-27.
inline constexpr CivilDate today{.year = 2026, .month = 11, .day = 27};

// dev holds the train and dev parts of the project's split rule (h % 100 < 85, pooled because
// rules are not trained); test the rest. Tune on dev only.
enum class Split { Dev, Test };

// "dev" or "test".
const char* split_name(Split split);

// One fact or event a statement must give.
//   kind: a plain slot (name, age, birthday, city, hometown, workplace, work_city, job, school,
//         major), or person, pref, favorite, habit, event;
//   key: person → relation, pref → object, favorite → category, event → ISO date, else "";
//   value: plain → value, person → name, pref → like|dislike, favorite → value,
//          habit → words the habit must hold, event → words the title must hold.
struct Expected {
    std::string kind;
    std::string key;
    std::string value;
    std::vector<std::string> forbidden; // event: date words its title must not hold
};

// One generated statement.
struct Item {
    std::string text;
    Language language = Language::English;
    Split split = Split::Dev;
    std::string category; // name, age, ..., negative, question
    std::string voice;
    std::size_t template_line = 0; // the line of the template in its file
    std::vector<Expected> expected;
};

// What generate() makes from one language's files.
struct EvalSet {
    std::vector<Item> items;
    std::size_t templates = 0;
    std::map<std::string, std::size_t> held_out_values; // per vocabulary type, test-only items
};

// Reads `<dir>/<en|ko>_templates.tsv` and `<dir>/<en|ko>_vocab.txt` and renders at most
// `per_template` distinct statements from each template, with a fixed seed. A statement's split
// is nlu::risk_split() of its text (train and dev → Dev); a statement that uses items of a
// "split" vocabulary type uses only test items if it is a test statement and only dev items
// otherwise, so test statements hold names, places and species that no dev statement holds.
// InvalidArgument names the file and line of a malformed template or vocabulary entry.
[[nodiscard]] Result<EvalSet>
generate(const std::filesystem::path& dir, Language language, std::size_t per_template = 16);

// True positives, false positives and false negatives of one slot.
struct Counts {
    std::size_t tp = 0;
    std::size_t fp = 0;
    std::size_t fn = 0;

    // tp / (tp + fp), or 1 when nothing was predicted.
    double precision() const;
    // tp / (tp + fn), or 1 when nothing was expected.
    double recall() const;
};

// The kind a stored fact is scored under ("person:sister:emma" → person).
std::string fact_kind(std::string_view slot);

// One scored item: the facts and events that were wrong or missing, for reading errors.
struct ItemScore {
    std::map<std::string, Counts> per_kind;
    std::vector<std::string> wrong;   // predicted but not expected: "city=Moment"
    std::vector<std::string> missing; // expected but not predicted: "city=Seoul"
};

// Scores what extract() gave for `item` against its expectations. Facts match on their kind,
// key and value (case and spacing aside); an event matches on its date, a title holding the
// expected words and none of the date's own words. Matching is one to one.
ItemScore score(const Item& item, const memory::Extraction& extraction);

} // namespace samantha::extraction_eval
