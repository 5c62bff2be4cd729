#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/engine.h>
#include <samantha/result.h>
#include <samantha/types.h>

// The judged reply set of bench/replies (tests/data/replies/README.md): opening messages and short
// exchanges, each with the strategies a good reply may take and patterns its words must and must
// not hold; split into dev and test by FNV-1a on the case id.
namespace samantha::reply_eval {

// dev: h % 100 < 70; test: the rest. Tune on dev only.
enum class Split { Dev, Test };

// "dev" or "test".
const char* split_name(Split split);

// One judged case.
struct Case {
    std::string id;
    std::string kind;                           // good_news, bad_news, …, thanks
    Language language = Language::English;      // from the file name (en_*, ko_*)
    bool exchange = false;                      // from an *_exchanges file
    std::vector<std::string> messages;          // the person's, in order; the last is judged
    std::vector<std::string> strategies;        // one of these
    std::vector<std::vector<std::string>> must; // each line: one alternative must appear
    std::vector<std::string> must_not;          // none may appear
    std::string source;                         // "file:line" of the case line
};

// The split of a case id.
Split split_of(std::string_view id);

// Parses one file of the set. InvalidArgument names the file and line of the first problem (a
// line outside a case, a case without messages, strategy or must line, an unknown key).
Result<std::vector<Case>>
parse(std::string_view text, std::string_view source, Language language, bool exchange);

// Reads en_openings.txt, en_exchanges.txt, ko_openings.txt and ko_exchanges.txt from `dir`.
Result<std::vector<Case>> load(const std::filesystem::path& dir);

// What a reply did against a case.
struct Verdict {
    bool strategy_ok = false;
    bool must_ok = false;
    bool must_not_ok = false;
    std::string why; // the first failed check, for --explain

    bool holds() const { return strategy_ok && must_ok && must_not_ok; }
};

// Judges `reply` with `strategy` against `c` (patterns compared without ASCII case).
Verdict judge(const Case& c, std::string_view reply, std::string_view strategy);

// Samantha's last reply to a case and its strategy.
struct Answer {
    std::string reply;
    std::string strategy;
};

// Tells the case's messages, 40 s apart, to a new person of `engine` (the case id) on Thursday
// 2026-05-14 at 19:00 local time (English at UTC, Korean at UTC+9), and returns the reply to the
// last. An error names the case and its source line.
Result<Answer> tell(Engine& engine, const Case& c);

} // namespace samantha::reply_eval
