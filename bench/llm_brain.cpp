// bench/llm_brain: the embedded llama.cpp brain through Samantha.
//
//   build/release/bench/llm_brain [--model F.gguf | --shape tiny|wide] [--threads T] [--turns 50]
//                            [--model-reading on|off]
//
// 1. Throughput: samantha's decode loop vs llama.cpp's own llama-bench on the same model and
//    threads (pp: 512-token prompt, tg: 128 generated), when llama-bench is in the llama.cpp cache.
// 2. KV reuse: prompt tokens evaluated and the brain's time at turn 2 and turn N of one
//    conversation through the whole engine.
// Without --model it writes the tiny random-weight test model (real qwen2 tokenizer).
#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <samantha/engine.h>
#include <samantha/language_model.h>

#include "core/time.h"
#include "tools/tiny_model.h"

namespace {

// Runs a command and returns its standard output.
std::string capture(const std::string& command) {
    std::string out;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
    if (!pipe) {
        return out;
    }
    std::array<char, 4096> buffer{};
    while (std::fgets(buffer.data(), buffer.size(), pipe.get()) != nullptr) {
        out += buffer.data();
    }
    return out;
}

} // namespace

int main(int argc, char** argv) {
    using namespace samantha; // NOLINT(google-build-using-namespace): a benchmark driver
    std::string model;
    int threads = 2;
    int turns = 50;
    std::string shape_name = "tiny";
    bool model_reading = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--model") {
            model = argv[i + 1];
        } else if (flag == "--threads") {
            threads = std::atoi(argv[i + 1]);
        } else if (flag == "--turns") {
            turns = std::atoi(argv[i + 1]);
        } else if (flag == "--model-reading") {
            model_reading = std::string(argv[i + 1]) == "on";
        } else if (flag == "--shape") {
            shape_name = argv[i + 1];
        }
    }
    const auto dir = std::filesystem::temp_directory_path() / "samantha-llm-bench";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    if (model.empty()) {
        model = (dir / "tiny.gguf").string();
        // "tiny" is what the tests load; "wide" (512 wide, 4 layers) makes the per-token matrix
        // work weigh more against attention, as in a real model.
        testing::TinyModelShape shape;
        if (shape_name == "wide") {
            shape = {.embedding = 512,
                     .layers = 4,
                     .heads = 8,
                     .kv_heads = 4,
                     .feed_forward = 1408,
                     .context = 4096};
        } else if (shape_name != "tiny") {
            fmt::print(stderr, "--shape is tiny or wide, not {}\n", shape_name);
            return 2;
        }
        const std::string error = testing::write_tiny_model(
            model, std::string(SAMANTHA_LLAMA_PREFIX) + "/ggml-vocab-qwen2.gguf", shape, 42);
        if (!error.empty()) {
            fmt::print(stderr, "{}\n", error);
            return 1;
        }
    }
    fmt::print("model {} · {} threads\n\n", model, threads);

    // 1. Throughput, side by side in one run.
    auto ours =
        measure_llama_throughput(LlamaConfig{.model_path = model, .threads = threads}, 512, 128, 3);
    if (!ours) {
        fmt::print(stderr, "{}\n", ours.error().message);
        return 1;
    }
    fmt::print("| measure | samantha | llama-bench | ratio |\n| --- | ---: | ---: | ---: |\n");
    double pp_ref = 0;
    double tg_ref = 0;
    const std::string llama_bench = std::string(SAMANTHA_LLAMA_BENCH);
    if (std::filesystem::exists(llama_bench)) {
        const std::string out =
            capture(fmt::format("'{}' -m '{}' -t {} -p 512 -n 128 -r 3 -o json 2>/dev/null",
                                llama_bench,
                                model,
                                threads));
        try {
            for (const auto& row : nlohmann::json::parse(out)) {
                if (row.value("n_prompt", 0) > 0) {
                    pp_ref = row.value("avg_ts", 0.0);
                } else if (row.value("n_gen", 0) > 0) {
                    tg_ref = row.value("avg_ts", 0.0);
                }
            }
        } catch (const nlohmann::json::exception&) {
            fmt::print(stderr, "llama-bench gave no JSON\n");
        }
    }
    const auto row = [](const char* name, double mine, double ref) {
        if (ref > 0) {
            fmt::print("| {} | {:.1f} t/s | {:.1f} t/s | {:.3f} |\n", name, mine, ref, mine / ref);
        } else {
            fmt::print("| {} | {:.1f} t/s | (llama-bench not built) | – |\n", name, mine);
        }
    };
    row("prompt (pp512)", ours->prompt_tps, pp_ref);
    row("generation (tg128)", ours->gen_tps, tg_ref);

    // 2. KV reuse through the engine.
    Config config;
    config.data_dir = dir / "data";
    config.llm.brain = "llama";
    config.llm.model_path = model;
    config.llm.threads = threads;
    config.care.proactive = false;
    // The model's reading of each message is a second, separate request (its own session); off by
    // default so that the rows measure the conversation's KV reuse alone.
    config.llm.perception = model_reading;
    auto engine = Engine::open(config, make_system_clock(), Logger{});
    if (!engine) {
        fmt::print(stderr, "{}\n", engine.error().message);
        return 1;
    }
    auto conversation = (*engine)->conversation("bench");
    if (!conversation) {
        return 1;
    }
    Moment at = core::parse_iso8601("2026-11-27T20:00:00+09:00", std::chrono::minutes{0}).value();
    fmt::print("\n| turn | prompt tokens evaluated | prompt evaluation (ms) | whole reply (ms) | "
               "whole turn "
               "(ms) | brain |\n"
               "| ---: | ---: | ---: | ---: | ---: | --- |\n");
    double turn2_ms = 0;
    double turn2_prompt_ms = 0;
    int turn2_tokens = 0;
    for (int turn = 1; turn <= turns; ++turn) {
        at.utc += std::chrono::seconds(40);
        const auto started = std::chrono::steady_clock::now();
        auto out = (*conversation)
                       ->turn(TurnInput{
                           .text = fmt::format("This is message {} about my day and my cat.", turn),
                           .at = at});
        if (!out) {
            fmt::print(stderr, "{}\n", out.error().message);
            return 1;
        }
        const double turn_ms =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                .count();
        if (turn == 2 || turn == turns || turn % 10 == 0) {
            fmt::print("| {} | {} | {:.1f} | {:.1f} | {:.1f} | {} |\n",
                       turn,
                       out->brain_prompt_tokens,
                       out->brain_prompt_ms,
                       out->brain_ms,
                       turn_ms,
                       out->brain);
        }
        if (turn == 2) {
            turn2_ms = out->brain_ms;
            turn2_prompt_ms = out->brain_prompt_ms;
            turn2_tokens = out->brain_prompt_tokens;
        }
        if (turn == turns && turn2_ms > 0) {
            fmt::print("\nturn {} / turn 2: prompt tokens {:.2f}x, prompt evaluation {:.2f}x, "
                       "whole reply {:.2f}x\n",
                       turns,
                       static_cast<double>(out->brain_prompt_tokens) / std::max(1, turn2_tokens),
                       out->brain_prompt_ms / std::max(0.001, turn2_prompt_ms),
                       out->brain_ms / turn2_ms);
        }
    }
    conversation->reset();
    engine->reset();
    std::filesystem::remove_all(dir);
    return 0;
}
