// The `samantha` command: argument parsing and dispatch only.
#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <samantha/config.h>
#include <samantha/engine.h>
#include <samantha/language_model.h>
#include <samantha/models.h>
#include <unistd.h>

#include "chat.h"
#include "core/time.h"
#include "device_command.h"
#include "memory_command.h"
#include "serve_command.h"
#include "voice_command.h"

namespace {

using samantha::Config;
using samantha::Engine;

samantha::LogLevel parse_level(const std::string& name, samantha::LogLevel fallback) {
    for (const auto level : {samantha::LogLevel::Trace,
                             samantha::LogLevel::Debug,
                             samantha::LogLevel::Info,
                             samantha::LogLevel::Warn,
                             samantha::LogLevel::Error,
                             samantha::LogLevel::Off}) {
        if (name == samantha::log_level_name(level)) {
            return level;
        }
    }
    return fallback;
}

samantha::Result<std::unique_ptr<Engine>> open_engine(const Config& config) {
    samantha::Logger log(samantha::make_stderr_log_sink(), config.log_level);
    return Engine::open(config, samantha::make_system_clock(), std::move(log));
}

} // namespace

int main(int argc, char** argv) {
    auto env = samantha::config_from_environment();
    if (!env) {
        fmt::print(stderr, "samantha: {}\n", env.error().message);
        return 2;
    }
    Config config = *env;
    CLI::App app{"Samantha: a companion that remembers you, in English and 한국어."};
    app.require_subcommand(1);
    // Global options work before or after the subcommand (`samantha chat --user mina`), as in git
    // and cargo: a subcommand hands the options it does not know to its parent. Set before the
    // subcommands are added, which inherit it.
    app.fallthrough();
    std::string data_dir;
    std::string persona;
    std::string user = config.user;
    std::string log_level;
    app.add_option(
        "--data-dir", data_dir, "where memories are kept (default: $XDG_DATA_HOME/samantha)");
    app.add_option("--persona", persona, "a persona TOML file (docs/persona.md)");
    app.add_option("--user", user, "who is talking (default: me)");
    app.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

    auto* chat = app.add_subcommand("chat", "talk with Samantha");
    std::string now_text;
    samantha::cli::ChatOptions chat_options;
    chat->add_option("--now", now_text, "a fixed clock, ISO-8601 (e.g. 2026-12-01T20:00:00+09:00)");
    chat->add_flag("--jsonl",
                   chat_options.jsonl,
                   "one JSON object per line in and out (the machine contract)");
    std::string role;
    bool no_proactive = false;
    std::string quiet_hours;
    chat->add_option("--role",
                     role,
                     "the relationship's role: friend, family or partner (default: the persona's)")
        ->check(CLI::IsMember({"friend", "family", "partner"}));
    chat->add_flag("--no-proactive", no_proactive, "never speak first");
    std::string brain;
    std::string llm_url;
    std::string llm_model;
    chat->add_option("--brain",
                     brain,
                     "who writes the words: builtin, openai or llama (default: builtin, or openai "
                     "with --llm-url)")
        ->check(CLI::IsMember({"builtin", "openai", "llama"}));
    chat->add_option("--llm-url",
                     llm_url,
                     "an OpenAI-compatible server (llama-server, Ollama, vLLM, OpenAI, Gemini)");
    chat->add_option("--llm-model", llm_model, "the model name to ask that server for");
    bool no_model_reading = false;
    chat->add_flag("--no-model-reading",
                   no_model_reading,
                   "the model writes replies but does not also read messages");
    std::string model_file;
    chat->add_option("--model",
                     model_file,
                     "a GGUF model for the embedded llama.cpp brain (implies --brain llama)");
    chat->add_option("--voice-dir",
                     chat_options.voice_dir,
                     "speak: write each reply's voice as a WAV here (and play it in a terminal)");
    bool plain_voice = false;
    chat->add_flag("--plain-voice", plain_voice, "the voice without the humaniser (even tempo)");
    std::string tts_url;
    chat->add_option("--tts-url", tts_url, "an OpenAI-compatible /v1/audio/speech server");
    chat->add_option("--quiet-hours",
                     quiet_hours,
                     "local hours without proactive messages, START-END (default 23-8)");

    auto* memory =
        app.add_subcommand("memory", "see, correct, forget and export what Samantha remembers");
    memory->require_subcommand(1);
    samantha::cli::MemoryOptions memory_options;
    auto* list = memory->add_subcommand("list", "list memories");
    list->add_flag("--json", memory_options.json, "print a JSON array");
    list->add_flag("--all", memory_options.all, "include facts that were superseded");
    auto* search = memory->add_subcommand(
        "search", "find the memories that best match words, as Samantha recalls them");
    search->add_option("query", memory_options.query, "what to look for")->required();
    search->add_option("--limit", memory_options.limit, "at most this many (1-100, default 10)")
        ->check(CLI::Range(1, 100));
    search->add_flag("--json", memory_options.json, "print a JSON array");
    auto* forget = memory->add_subcommand("forget", "forget one memory for good");
    forget->add_option("id", memory_options.id, "the memory's id (from memory list)")->required();
    auto* correct = memory->add_subcommand(
        "correct", "correct one memory: a fact's value, an event's title, an episode's words");
    correct->add_option("id", memory_options.id, "the memory's id (from memory list)")->required();
    correct->add_option("text", memory_options.text, "what it should say");
    correct->add_option("--date", memory_options.date, "an event's new date, YYYY-MM-DD");
    auto* erase = memory->add_subcommand(
        "erase-all", "erase everything about the person: messages, memories, feelings, token");
    erase->add_flag("--yes", memory_options.yes, "really (it cannot be undone)");
    auto* exported = memory->add_subcommand("export", "export every memory as JSON");
    exported->add_option("--out", memory_options.out, "write to this file instead of stdout");

    auto* model_cmd = app.add_subcommand("model", "GGUF models for the embedded brain");
    model_cmd->require_subcommand(1);
    auto* model_list = model_cmd->add_subcommand(
        "list", "the models in the data directory, and the ones Samantha can fetch");
    auto* model_pull =
        model_cmd->add_subcommand("pull", "download a model (resumes; checks --sha256 when given)");
    std::string pull_what;
    std::string pull_sha256;
    model_pull
        ->add_option(
            "name", pull_what, "a name from `samantha model list`, or an http(s) URL of a .gguf")
        ->required();
    model_pull->add_option("--sha256", pull_sha256, "the expected SHA-256 (hex)");

    auto* bench = app.add_subcommand("bench", "measure a brain");
    bench->require_subcommand(1);
    auto* bench_llm = bench->add_subcommand(
        "llm", "llama.cpp throughput on a GGUF model, as llama-bench measures it");
    std::string bench_model;
    int bench_threads = 0;
    int bench_prompt = 512;
    int bench_gen = 128;
    int bench_reps = 3;
    bool bench_json = false;
    bench_llm->add_option("--model", bench_model, "the GGUF model")->required();
    bench_llm->add_option("--threads", bench_threads, "threads (default: all cores)");
    bench_llm->add_option(
        "--prompt-tokens", bench_prompt, "prompt tokens decoded in one batch (default 512)");
    bench_llm->add_option("--gen-tokens", bench_gen, "tokens generated one by one (default 128)");
    bench_llm->add_option("--repetitions", bench_reps, "runs averaged after a warm-up (default 3)");
    bench_llm->add_flag("--json", bench_json, "print {\"prompt_tps\": …, \"gen_tps\": …}");

    samantha::cli::SayOptions say_options;
    auto* say = app.add_subcommand("say", "speak a text with Samantha's voice into a WAV file");
    say->add_option("text", say_options.text, "what to say")->required();
    say->add_option("--lang", say_options.language, "ko or en (default: detected from the text)")
        ->check(CLI::IsMember({"ko", "en"}));
    say->add_option("--emotion",
                    say_options.emotion,
                    "neutral, joy, sadness, tenderness, anger, fear (or happy_for, hurt, …)");
    say->add_option("--intensity", say_options.intensity, "how strongly, 0 to 1 (default 1)")
        ->check(CLI::Range(0.0, 1.0));
    say->add_option("--seed", say_options.seed, "the humaniser's seed (default 1)");
    say->add_flag("--plain", say_options.plain, "turn the humaniser off: one rate, even pauses");
    say->add_option("--voice", say_options.voice, "an espeak-ng variant (f3, m2, …)");
    say->add_option("--out", say_options.out, "the WAV file to write");
    say->add_flag("--plan", say_options.plan, "print the prosody plan as JSON");
    say->add_option(
        "--tts-url", say_options.tts_url, "an OpenAI-compatible /v1/audio/speech server");
    say->add_option("--tts-voice", say_options.tts_voice, "that server's voice (default alloy)");
    auto* voice_cmd = app.add_subcommand("voice", "measure speech");
    voice_cmd->require_subcommand(1);
    std::string analyze_path;
    auto* analyze = voice_cmd->add_subcommand(
        "analyze", "segments, pauses, tempo variability, F0 (YIN) and loudness of a WAV, as JSON");
    analyze->add_option("file", analyze_path, "a WAV file")->required();

    samantha::cli::TranscribeOptions transcribe_options;
    auto* transcribe =
        app.add_subcommand("transcribe", "write what is said in a WAV file (docs/hearing.md)");
    transcribe->add_option("file", transcribe_options.file, "a WAV file")->required();
    transcribe->add_option("--language", transcribe_options.language, "auto, en or ko")
        ->check(CLI::IsMember({"auto", "en", "ko"}));
    transcribe->add_flag(
        "--json", transcribe_options.json, "{\"text\", \"language\", \"segments\"} as JSON");
    transcribe
        ->add_option(
            "--asr", transcribe_options.asr, "the recogniser: auto, whisper, pocketsphinx or http")
        ->check(CLI::IsMember({"auto", "whisper", "pocketsphinx", "http"}));
    transcribe->add_option(
        "--asr-model", transcribe_options.asr_model, "a whisper model file (ggml-*.bin)");
    transcribe->add_option("--asr-url",
                           transcribe_options.asr_url,
                           "an OpenAI-compatible /v1/audio/transcriptions server");

    samantha::server::ServerConfig serve_options;
    std::string web_root;
    bool serve_voice = false;
    auto* serve =
        app.add_subcommand("serve", "HTTP and WebSocket server on loopback (docs/protocol.md)");
    serve->add_option("--host", serve_options.host, "the address to listen on (default 127.0.0.1)");
    serve->add_option("--port", serve_options.port, "the port (default 8080; 0: any free port)");
    serve->add_option("--workers", serve_options.workers, "turn workers (default: the cores)");
    serve->add_option(
        "--web-root", web_root, "the web companion's files (default: web/ if present)");
    serve->add_flag("--voice", serve_voice, "speak replies on WebSocket sessions that ask for it");
    serve->add_option(
        "--mqtt", serve_options.mqtt, "bridge devices from an MQTT broker (HOST:PORT)");
    serve->add_option("--local-user",
                      serve_options.local_user,
                      "issue this person a fresh token and print the web companion's link");
    serve->add_option("--llm-url", llm_url, "an OpenAI-compatible server for the brain");
    serve->add_option("--model", model_file, "a GGUF model for the embedded brain");

    samantha::cli::DeviceOptions device_options;
    auto* device = app.add_subcommand(
        "device", "the reference device: talk through the device protocol, print expressions");
    device->add_option(
        "--url", device_options.url, "the server (default ws://127.0.0.1:8080/v1/ws)");
    device->add_option("--token", device_options.token, "the person's token (or SAMANTHA_TOKEN)");
    device->add_option("--out", device_options.out_dir, "save each reply's audio here (a speaker)");
    device->add_flag("--presence", device_options.presence, "announce presence first");

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line naming what was wrong, and the usage status of every Unix tool.
        fmt::print(stderr, "samantha: {} (see samantha --help)\n", e.what());
        return 2;
    }
    if (std::getenv("SAMANTHA_CHECK_ARGS") != nullptr) {
        // The documented command lines' test: the arguments parsed, nothing is run.
        return 0;
    }
    if (!data_dir.empty()) {
        config.data_dir = data_dir;
    }
    if (!persona.empty()) {
        config.persona_file = persona;
    }
    config.user = user;
    if (!log_level.empty()) {
        config.log_level = parse_level(log_level, config.log_level);
    }
    if (!role.empty()) {
        config.role = role;
    }
    if (no_proactive) {
        config.care.proactive = false;
    }
    if (!llm_url.empty()) {
        config.llm.url = llm_url;
        config.llm.brain = "openai";
    }
    if (!llm_model.empty()) {
        config.llm.model = llm_model;
    }
    if (no_model_reading) {
        config.llm.perception = false;
    }
    if (!model_file.empty()) {
        config.llm.model_path = model_file;
        config.llm.brain = "llama";
    } else if (chat->parsed() && brain.empty() && config.llm.brain == "builtin") {
        // A pulled model is used when there is one (the newest); the banner says which brain talks.
        const auto models = samantha::list_models(
            config.data_dir.empty() ? samantha::default_data_dir() : config.data_dir);
        if (!models.empty()) {
            config.llm.model_path = models.front().path.string();
            config.llm.brain = "llama";
        }
    }
    if (!brain.empty()) {
        config.llm.brain = brain;
    }
    if (!chat_options.voice_dir.empty()) {
        config.voice.enabled = true;
        config.voice.humanised = !plain_voice;
    }
    if (!tts_url.empty()) {
        config.voice.tts_url = tts_url;
    }
    if (!quiet_hours.empty()) {
        const auto dash = quiet_hours.find('-');
        int start = -1;
        int end = -1;
        if (dash != std::string::npos) {
            start = std::atoi(quiet_hours.substr(0, dash).c_str());
            end = std::atoi(quiet_hours.substr(dash + 1).c_str());
        }
        if (dash == std::string::npos || start < 0 || start > 23 || end < 0 || end > 23 ||
            quiet_hours.find_first_not_of("0123456789-") != std::string::npos) {
            fmt::print(
                stderr,
                "samantha chat --quiet-hours: '{}' is not START-END with hours 0-23 (e.g. 23-8)\n",
                quiet_hours);
            return 2;
        }
        config.care.quiet_start_hour = start;
        config.care.quiet_end_hour = end;
    }
    if (chat->parsed() && !now_text.empty()) {
        const samantha::Moment local = samantha::make_system_clock()->now();
        auto now = samantha::core::parse_iso8601(now_text, local.utc_offset);
        if (!now) {
            fmt::print(stderr, "samantha chat --now: {}\n", now.error().message);
            return 2;
        }
        chat_options.now = *now;
    }
    if (device->parsed()) {
        if (device_options.token.empty()) {
            if (const char* token = std::getenv("SAMANTHA_TOKEN")) {
                device_options.token = token;
            }
        }
        return samantha::cli::run_device(device_options);
    }
    if (serve->parsed()) {
        if (const char* admin = std::getenv("SAMANTHA_ADMIN_TOKEN")) {
            serve_options.admin_token = admin;
        }
        serve_options.web_root = !web_root.empty() ? std::filesystem::path(web_root)
                                 : std::filesystem::exists("web/index.html")
                                     ? std::filesystem::path("web")
                                     : std::filesystem::path();
        config.voice.enabled = serve_voice;
        return samantha::cli::run_serve(config, serve_options);
    }
    if (say->parsed()) {
        say_options.persona_file = persona;
        return samantha::cli::run_say(say_options);
    }
    if (transcribe->parsed()) {
        transcribe_options.data_dir =
            (config.data_dir.empty() ? samantha::default_data_dir() : config.data_dir).string();
        return samantha::cli::run_transcribe(transcribe_options);
    }
    if (analyze->parsed()) {
        return samantha::cli::run_voice_analyze(analyze_path);
    }
    if (model_list->parsed()) {
        const auto dir = config.data_dir.empty() ? samantha::default_data_dir() : config.data_dir;
        const auto local = samantha::list_models(dir);
        fmt::print("In {}:\n", (dir / "models").string());
        if (local.empty()) {
            fmt::print("  (none yet)\n");
        }
        for (const auto& m : local) {
            fmt::print("  {:<40} {:>8.1f} MB\n", m.name, static_cast<double>(m.bytes) / 1e6);
        }
        fmt::print("\nSamantha can fetch (samantha model pull NAME):\n");
        for (const auto& m : samantha::model_catalog()) {
            fmt::print("  {:<28} {}\n", m.name, m.description);
        }
        return 0;
    }
    if (model_pull->parsed()) {
        const auto dir = config.data_dir.empty() ? samantha::default_data_dir() : config.data_dir;
        const bool tty = isatty(STDERR_FILENO) != 0;
        auto path = samantha::pull_model(
            pull_what, dir, pull_sha256, [tty](std::uint64_t got, std::uint64_t total) {
                if (tty && total > 0) {
                    const int width = 40;
                    const auto filled = static_cast<int>(width * static_cast<double>(got) /
                                                         static_cast<double>(total));
                    fmt::print(stderr,
                               "\r[{}{}] {:5.1f}% {:.0f}/{:.0f} MB",
                               std::string(static_cast<std::size_t>(filled), '#'),
                               std::string(static_cast<std::size_t>(width - filled), ' '),
                               100.0 * static_cast<double>(got) / static_cast<double>(total),
                               static_cast<double>(got) / 1e6,
                               static_cast<double>(total) / 1e6);
                }
                return true;
            });
        if (tty) {
            fmt::print(stderr, "\n");
        }
        if (!path) {
            fmt::print(stderr, "samantha: {}\n", path.error().message);
            return 1;
        }
        fmt::print("saved {}\nstart talking with it: samantha chat --model {}\n",
                   path->string(),
                   path->string());
        return 0;
    }
    if (bench_llm->parsed()) {
        auto measured = samantha::measure_llama_throughput(
            samantha::LlamaConfig{.model_path = bench_model, .threads = bench_threads},
            bench_prompt,
            bench_gen,
            bench_reps);
        if (!measured) {
            fmt::print(stderr, "samantha bench llm: {}\n", measured.error().message);
            return 1;
        }
        if (bench_json) {
            fmt::print("{{\"prompt_tps\": {:.2f}, \"gen_tps\": {:.2f}}}\n",
                       measured->prompt_tps,
                       measured->gen_tps);
        } else {
            fmt::print(
                "prompt: {:.2f} tokens/s ({} tokens)\ngeneration: {:.2f} tokens/s ({} tokens)\n",
                measured->prompt_tps,
                bench_prompt,
                measured->gen_tps,
                bench_gen);
        }
        return 0;
    }
    auto engine = open_engine(config);
    if (!engine) {
        fmt::print(stderr, "samantha: {}\n", engine.error().message);
        return 1;
    }
    if (chat->parsed()) {
        chat_options.user = config.user;
        return chat_options.jsonl ? samantha::cli::run_jsonl(**engine, chat_options, config)
                                  : samantha::cli::run_interactive(**engine, chat_options, config);
    }
    memory_options.user = config.user;
    memory_options.action = list->parsed()      ? "list"
                            : search->parsed()  ? "search"
                            : forget->parsed()  ? "forget"
                            : correct->parsed() ? "correct"
                            : erase->parsed()   ? "erase-all"
                                                : "export";
    return samantha::cli::run_memory(**engine, memory_options);
}
