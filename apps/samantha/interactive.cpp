// `samantha chat` in a terminal: line editing with libedit, /commands, Ctrl-D to leave.
#include <charconv>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include <editline/readline.h>
#include <fmt/format.h>
#include <unistd.h>

#include "chat.h"
#include "core/text.h"
#include "core/time.h"
#include "line_reader.h"
#include "voice_out.h"

namespace samantha::cli {

namespace {

struct Terminal {
    bool styled = false;

    std::string bold(std::string_view text) const {
        return styled ? fmt::format("\033[1m{}\033[0m", text) : std::string(text);
    }

    std::string dim(std::string_view text) const {
        return styled ? fmt::format("\033[2m{}\033[0m", text) : std::string(text);
    }
};

void say(const Terminal& term, const std::string& speaker, const std::string& text) {
    if (text.empty()) {
        return;
    }
    fmt::print("{} {}\n", term.bold(speaker + ":"), text);
    std::fflush(stdout);
}

void print_help(const Terminal& term) {
    fmt::print(
        "{}\n",
        term.dim(
            "  /help          this help\n"
            "  /memories      what Samantha remembers about you (/memories all: with history)\n"
            "  /forget N      forget memory number N\n"
            "  /correct N T   correct memory number N to say T (a fact's value, an event's title)\n"
            "  /state         your name, language, speech level, turns\n"
            "  /quit          leave (or Ctrl-D)\n"
            "  You can also just say it: \"what do you remember about me?\", \"forget that I …\",\n"
            "  \"나에 대해 뭘 기억해?\", \"…는 잊어줘\"."));
}

void print_memories(const Terminal& term, Conversation& conversation, bool all) {
    auto list = conversation.memories(all);
    if (!list) {
        fmt::print(stderr, "samantha: {}\n", list.error().message);
        return;
    }
    if (list->empty()) {
        fmt::print("{}\n", term.dim("  (nothing yet)"));
        return;
    }
    for (const Memory& m : *list) {
        std::string line = fmt::format("  {:>5}  {:<7} {}", m.id, memory_kind_name(m.kind), m.text);
        if (m.kind == MemoryKind::Event && m.date &&
            m.text.find(core::format_date(*m.date)) == std::string::npos) {
            line += fmt::format(" ({})", core::format_date(*m.date));
        }
        if (m.valid_to) {
            line += term.dim("  [past]");
        }
        fmt::print("{}\n", line);
    }
}

void print_state(const Terminal& term, Conversation& conversation, const Engine& engine) {
    const auto offset = conversation.now().utc_offset;
    auto s = conversation.summary();
    if (!s) {
        fmt::print(stderr, "samantha: {}\n", s.error().message);
        return;
    }
    const auto when = [offset](const std::optional<std::chrono::sys_seconds>& t) {
        return t ? core::format_iso8601(Moment{.utc = *t, .utc_offset = offset}) : std::string("-");
    };
    fmt::print("{}\n",
               term.dim(fmt::format(
                   "  user {} · name {} · language {} · speech level {} · {} turns · {} memories\n"
                   "  first turn {} · last turn {}\n"
                   "  Samantha feels {} ({:.2f}) · mood pleasure {:+.2f} arousal {:+.2f} dominance "
                   "{:+.2f}\n"
                   "  relationship {} ({}) · closeness {:.2f} · trust {:.2f} · {} days · {:.0f} "
                   "minutes{}\n"
                   "  brain builtin · data {}",
                   s->user,
                   s->name.empty() ? "(unknown)" : s->name,
                   language_code(s->language),
                   speech_level_name(s->speech_level),
                   s->turn_count,
                   s->memory_count,
                   when(s->first_turn_at),
                   when(s->last_turn_at),
                   s->companion.emotion,
                   s->companion.intensity,
                   s->companion.pleasure,
                   s->companion.arousal,
                   s->companion.dominance,
                   s->relationship.stage,
                   s->relationship.role,
                   s->relationship.closeness,
                   s->relationship.trust,
                   s->relationship.days_together,
                   s->relationship.minutes,
                   s->relationship.rupture ? " · a rupture is open" : "",
                   engine.database_path())));
}

// Handles a /command; false when it asks to quit.
bool command(const std::string& line,
             const Terminal& term,
             Conversation& conversation,
             const Engine& engine) {
    const auto words = core::split_words(line);
    const std::string name = words.empty() ? "" : words.front();
    if (name == "quit" || name == "exit") {
        return false;
    }
    if (name == "help") {
        print_help(term);
    } else if (name == "memories") {
        print_memories(term, conversation, words.size() > 1 && words[1] == "all");
    } else if (name == "state") {
        print_state(term, conversation, engine);
    } else if (name == "forget") {
        long long id = 0;
        const std::string arg = words.size() > 1 ? words[1] : "";
        const auto [ptr, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), id);
        if (arg.empty() || ec != std::errc{} || ptr != arg.data() + arg.size()) {
            fmt::print("{}\n", term.dim("  usage: /forget N   (N from /memories)"));
            return true;
        }
        auto erased = conversation.forget(id);
        if (!erased) {
            fmt::print("{}\n", term.dim("  " + erased.error().message));
            return true;
        }
        for (const auto& m : *erased) {
            fmt::print("{}\n", term.dim(fmt::format("  forgot {}: {}", m.id, m.text)));
        }
    } else if (name == "correct") {
        long long id = 0;
        const std::string arg = words.size() > 1 ? words[1] : "";
        const auto [ptr, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), id);
        const auto at = line.find(arg, line.find(name) + name.size());
        const std::string text = at == std::string::npos
                                     ? std::string()
                                     : std::string(core::trim(line.substr(at + arg.size())));
        if (arg.empty() || ec != std::errc{} || ptr != arg.data() + arg.size() || text.empty()) {
            fmt::print("{}\n", term.dim("  usage: /correct N TEXT   (N from /memories)"));
            return true;
        }
        auto corrected = conversation.correct(id, MemoryCorrection{.text = text});
        fmt::print("{}\n",
                   term.dim(corrected ? fmt::format("  corrected {}: {}", id, corrected->text)
                                      : "  " + corrected.error().message));
    } else {
        fmt::print("{}\n", term.dim("  unknown command; /help lists them"));
    }
    return true;
}

struct FreeDeleter {
    void operator()(char* p) const {
        std::free(p);
    } // NOLINT(cppcoreguidelines-no-malloc): readline's buffer
};

} // namespace

int run_interactive(Engine& engine, const ChatOptions& options, const Config& config) {
    std::setlocale(LC_ALL, ""); // libedit needs the locale for UTF-8 (Hangul) editing
    auto conversation = engine.conversation(options.user, options.now);
    if (!conversation) {
        fmt::print(stderr, "samantha: {}\n", conversation.error().message);
        return 1;
    }
    const bool tty = isatty(STDIN_FILENO) != 0;
    bool opening_due = false; // time has passed: Samantha may speak first
    const Terminal term{.styled = isatty(STDOUT_FILENO) != 0};
    const std::string speaker = engine.persona_name(Language::English);
    if (tty) {
        auto summary = (*conversation)->summary();
        fmt::print(
            "{}\n",
            term.dim(fmt::format("Samantha · brain: {} · memories: {}\n"
                                 "Type in English or 한국어. /help for commands, Ctrl-D to leave.",
                                 engine.brain_description(),
                                 engine.database_path())));
        if (summary && summary->turn_count == 0) {
            // Samantha introduces herself in the person's language once they say something.
            fmt::print("{}\n", term.dim("Say hello to begin. 인사로 시작해 보세요."));
        } else {
            opening_due = true;
        }
    }
    std::optional<VoiceOut> voice;
    if (!options.voice_dir.empty()) {
        auto opened = VoiceOut::open(options.voice_dir, options.user, tty);
        if (!opened) {
            fmt::print(stderr, "samantha: {}\n", opened.error().message);
            return 1;
        }
        voice.emplace(std::move(*opened));
        if (tty) {
            fmt::print("{}\n",
                       term.dim(fmt::format("Voice: {} · each reply saved in {}",
                                            config.voice.tts_url.empty() ? "espeak-ng"
                                                                         : config.voice.tts_url,
                                            options.voice_dir)));
        }
    }
    if (opening_due) {
        // Time has passed since the last session: Samantha may speak first (docs/care.md).
        auto opening = (*conversation)
                           ->turn(TurnInput{.text = "",
                                            .at = std::nullopt,
                                            .on_speech = voice ? voice->start() : SpeechSink{}});
        if (opening && !opening->reply.empty()) {
            say(term, speaker, opening->reply);
        }
        if (voice) {
            (void)voice->finish();
        }
    }
    LineReader reader(stdin, config.limits.max_line_bytes);
    while (true) {
        std::string text;
        if (tty) {
            std::unique_ptr<char, FreeDeleter> raw(readline("you: "));
            if (!raw) {
                fmt::print("\n");
                break;
            }
            text = raw.get();
            if (!core::trim(text).empty()) {
                add_history(raw.get());
            }
        } else {
            auto line = reader.next();
            if (!line) {
                break;
            }
            if (line->too_long) {
                fmt::print(stderr,
                           "samantha: that message is {} bytes, over the limit of {}; nothing was "
                           "stored\n",
                           line->length,
                           config.limits.max_line_bytes);
                continue;
            }
            text = std::move(line->text);
        }
        const std::string_view trimmed = core::trim(text);
        if (trimmed.starts_with("/")) {
            if (!command(std::string(trimmed.substr(1)), term, **conversation, engine)) {
                break;
            }
            continue;
        }
        if (trimmed.empty() && tty) {
            continue;
        }
        // The reply streams as it is written: the speaker's name first, then each piece.
        bool started = false;
        const auto stream = [&](std::string_view piece) {
            if (!started) {
                fmt::print("{} ", term.bold(speaker + ":"));
                started = true;
            }
            fmt::print("{}", piece);
            std::fflush(stdout);
            return true;
        };
        auto output = (*conversation)
                          ->turn(TurnInput{.text = text,
                                           .at = std::nullopt,
                                           .on_text = stream,
                                           .on_speech = voice ? voice->start() : SpeechSink{}});
        if (started) {
            fmt::print("\n");
        }
        if (voice) {
            auto spoken = voice->finish();
            if (!spoken) {
                fmt::print(stderr, "samantha: {}\n", spoken.error().message);
            } else if (*spoken && !tty) {
                fmt::print("{}\n", term.dim("  (voice: " + (*spoken)->file + ")"));
            }
        }
        if (output && !output->voice_error.empty()) {
            fmt::print("{}\n", term.dim("  (the voice stopped: " + output->voice_error + ")"));
        }
        if (!output) {
            fmt::print(stderr, "samantha: {} (nothing was stored)\n", output.error().message);
            continue;
        }
        if (!output->brain_error.empty()) {
            fmt::print("{}\n",
                       term.dim("  (" + output->brain_error + "; the builtin composer answered)"));
        }
    }
    return 0;
}

} // namespace samantha::cli
