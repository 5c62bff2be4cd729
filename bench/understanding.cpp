// bench/understanding: how well Samantha understands a message, on test splits nothing was tuned
// on (docs/affect.md, "Recognition from text, v2").
//
//   build/release/bench/understanding_bench --data ../shared/data --source . [--runs 3]
//
// Emotion, side by side for the trained reader and the v1 lexicon:
//  - GoEmotions dev.tsv (5,426 English Reddit comments; the data set's test split is not
//    available, and nothing was trained or tuned on dev): macro-F1 over the 28 labels, each read
//    when its probability reaches its tuned threshold; Ekman macro-F1 (ekman/dev.tsv's gold)
//    of the 28 outputs projected by the model's Ekman cuts, and of Samantha's one fused label
//    (affect::recognize_emotion) mapped to Ekman;
//  - KOTE's test fifth (val.tsv rows with FNV-1a(text) % 5 == 0, about 1,000 Korean comments):
//    macro-F1 over the 44 labels, and the polarity projection (positive / negative / neutral,
//    nlu::polarity_of) of the predicted labels and of Samantha's label;
//  - sentences per second on one core: the whole fused reading (lexicon, cues, features, model),
//    and the model alone;
//  - model file sizes and load times.
// Dialogue acts (bench/understanding_acts.cpp, when present): accuracy per language on the acts
// test split.
#include <algorithm>
#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "affect/user_emotion.h"
#include "nlu/emotion.h"
#include "nlu/emotion_data.h"
#include "nlu/emotion_embedded.h"

#if __has_include("understanding_acts.h")
#include "understanding_acts.h"
#define SAMANTHA_HAVE_ACTS_BENCH 1
#endif

namespace {

using namespace samantha; // NOLINT(google-build-using-namespace): a benchmark driver
using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

struct Settings {
    std::filesystem::path data = "../shared/data";
    std::filesystem::path source = ".";
    int runs = 3;
};

Settings parse(int argc, char** argv) {
    Settings settings;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--data") {
            settings.data = argv[i + 1];
        } else if (flag == "--source") {
            settings.source = argv[i + 1];
        } else if (flag == "--runs") {
            settings.runs = std::max(1, std::atoi(argv[i + 1]));
        } else {
            fmt::print(stderr, "understanding_bench: unknown option '{}'\n", flag);
            std::exit(2);
        }
    }
    return settings;
}

template <typename T>
T or_die(Result<T> result) {
    if (!result) {
        fmt::print(stderr, "understanding_bench: {}\n", result.error().message);
        std::exit(1);
    }
    return std::move(result).value();
}

std::span<const int> one(const int& value) {
    return {&value, 1};
}

// Ekman classes of a set of fine labels (neutral when empty).
std::vector<int> ekman_of_fine(nlu::EmotionScheme scheme, std::span<const int> labels) {
    const auto table = nlu::fine_labels(scheme);
    std::vector<int> out;
    for (const int c : labels) {
        out.push_back(static_cast<int>(nlu::ekman_of(table[static_cast<std::size_t>(c)].label)));
    }
    if (out.empty()) {
        out.push_back(static_cast<int>(nlu::Ekman::Neutral));
    }
    return out;
}

std::string per_class(const nlu::ClassCounts& counts, const std::vector<std::string>& names) {
    std::string out;
    for (std::size_t c = 0; c < names.size(); ++c) {
        out += fmt::format(" {} {:.2f}", names[c], counts.f1(c));
    }
    return out;
}

std::vector<std::string> ekman_names() {
    std::vector<std::string> names;
    for (int e = 0; e < nlu::ekman_count; ++e) {
        names.emplace_back(nlu::ekman_name(static_cast<nlu::Ekman>(e)));
    }
    return names;
}

// Sentences per second on this thread for `read`, best of `runs`.
template <typename Read>
double throughput(const std::vector<nlu::EmotionRow>& rows, int runs, Read read) {
    double best = 0;
    float sink = 0;
    for (int run = 0; run < runs; ++run) {
        const auto started = SteadyClock::now();
        for (const auto& row : rows) {
            sink += read(row.text);
        }
        best = std::max(best, static_cast<double>(rows.size()) / seconds_since(started));
    }
    if (sink == -12345.0f) {
        fmt::print("(sink)\n");
    }
    return best;
}

double mean_bytes(const std::vector<nlu::EmotionRow>& rows) {
    double bytes = 0;
    for (const auto& row : rows) {
        bytes += static_cast<double>(row.text.size());
    }
    return rows.empty() ? 0 : bytes / static_cast<double>(rows.size());
}

void report_model_file(std::string_view name, std::string_view bytes) {
    if (bytes.empty()) {
        fmt::print("  {}: absent from this build\n", name);
        return;
    }
    const auto started = SteadyClock::now();
    const auto loaded = nlu::EmotionModel::load(bytes, name);
    const double ms = seconds_since(started) * 1000;
    fmt::print("  {}: {:.2f} MB, loads in {:.1f} ms{}\n",
               name,
               static_cast<double>(bytes.size()) / 1e6,
               ms,
               loaded ? "" : " (FAILED: " + loaded.error().message + ")");
}

void report_english(const Settings& settings, const affect::Lexicon& lexicon) {
    const auto scheme = nlu::EmotionScheme::GoEmotions;
    const nlu::EmotionModel* model = nlu::builtin_emotion_model(scheme);
    const auto rows = or_die(nlu::load_goemotions(settings.data / "goemotions/original/dev.tsv"));
    const auto ekman = or_die(nlu::load_goemotions(settings.data / "goemotions/ekman/dev.tsv"));
    if (ekman.size() != rows.size()) {
        fmt::print(stderr, "understanding_bench: ekman/dev.tsv and original/dev.tsv differ\n");
        std::exit(1);
    }
    fmt::print("GoEmotions dev.tsv as the test split: {} English comments, mean {:.0f} bytes\n",
               rows.size(),
               mean_bytes(rows));
    const std::size_t classes = nlu::fine_labels(scheme).size();
    nlu::ClassCounts fine(classes);
    nlu::ClassCounts model_ekman(nlu::ekman_count);
    nlu::ClassCounts fused_ekman(nlu::ekman_count);
    nlu::ClassCounts lexicon_ekman(nlu::ekman_count);
    std::size_t gold_mismatch = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& row = rows[i];
        const auto& gold_ekman = ekman[i].labels;
        auto projected = ekman_of_fine(scheme, row.labels);
        std::sort(projected.begin(), projected.end());
        projected.erase(std::unique(projected.begin(), projected.end()), projected.end());
        auto file_gold = gold_ekman;
        std::sort(file_gold.begin(), file_gold.end());
        gold_mismatch += projected != file_gold ? 1 : 0;
        if (model != nullptr) {
            const auto cues = affect::lexicon_cues(row.text, lexicon);
            const auto p = model->scores(row.text, cues);
            fine.add(model->labels_read(p), row.labels);
            model_ekman.add(model->ekman_read(p), gold_ekman);
            const int fused = static_cast<int>(
                nlu::ekman_of(affect::read_emotion(row.text, lexicon, model).label));
            fused_ekman.add(one(fused), gold_ekman);
        }
        const int lexicon_label = static_cast<int>(
            nlu::ekman_of(affect::recognize_emotion_lexicon(row.text, lexicon).label));
        lexicon_ekman.add(one(lexicon_label), gold_ekman);
    }
    if (gold_mismatch > 0) {
        fmt::print("  note: {} rows' Ekman gold differs from the projection of their 28 labels\n",
                   gold_mismatch);
    }
    const auto names = ekman_names();
    if (model != nullptr) {
        fmt::print("  trained, 28 labels:        macro-F1 {:.3f}\n", fine.macro_f1());
        fmt::print("  trained, 28 → Ekman:       macro-F1 {:.3f} ({})\n",
                   model_ekman.macro_f1(),
                   per_class(model_ekman, names));
        fmt::print("  fused label → Ekman:       macro-F1 {:.3f} ({})\n",
                   fused_ekman.macro_f1(),
                   per_class(fused_ekman, names));
    }
    fmt::print("  lexicon v1 label → Ekman:  macro-F1 {:.3f} ({})\n",
               lexicon_ekman.macro_f1(),
               per_class(lexicon_ekman, names));
    fmt::print("  speed, one core, best of {}: fused reading {:.0f} sentences/s",
               settings.runs,
               throughput(rows, settings.runs, [&](const std::string& text) {
                   return affect::read_emotion(text, lexicon, model).valence;
               }));
    if (model != nullptr) {
        fmt::print(", model alone {:.0f}/s",
                   throughput(rows, settings.runs, [&](const std::string& text) {
                       return model->scores(text, {})[0];
                   }));
    }
    fmt::print(", lexicon v1 {:.0f}/s\n",
               throughput(rows, settings.runs, [&](const std::string& text) {
                   return affect::recognize_emotion_lexicon(text, lexicon).valence;
               }));
}

void report_korean(const Settings& settings, const affect::Lexicon& lexicon) {
    const auto scheme = nlu::EmotionScheme::Kote;
    const nlu::EmotionModel* model = nlu::builtin_emotion_model(scheme);
    const std::array<nlu::EmotionSplit, 1> test = {nlu::EmotionSplit::Test};
    const auto rows = or_die(nlu::load_kote(settings.data / "kote/val.tsv", test));
    fmt::print("KOTE val.tsv, test fifth: {} Korean comments, mean {:.0f} bytes\n",
               rows.size(),
               mean_bytes(rows));
    const std::size_t classes = nlu::fine_labels(scheme).size();
    nlu::ClassCounts fine(classes);
    nlu::ClassCounts model_polarity(3);
    nlu::ClassCounts fused_polarity(3);
    nlu::ClassCounts lexicon_polarity(3);
    std::array<int, 3> gold_counts{};
    std::array<int, 3> lexicon_counts{};
    std::array<int, 3> fused_counts{};
    for (const auto& row : rows) {
        const int gold = static_cast<int>(nlu::polarity_of(scheme, row.labels));
        ++gold_counts[static_cast<std::size_t>(gold)];
        if (model != nullptr) {
            const auto cues = affect::lexicon_cues(row.text, lexicon);
            const auto p = model->scores(row.text, cues);
            const auto read = model->labels_read(p);
            fine.add(read, row.labels);
            model_polarity.add(one(static_cast<int>(model->polarity_read(p))), one(gold));
            const int fused = static_cast<int>(
                nlu::taxonomy_polarity(affect::read_emotion(row.text, lexicon, model).label));
            ++fused_counts[static_cast<std::size_t>(fused)];
            fused_polarity.add(one(fused), one(gold));
        }
        const int lexicon_label = static_cast<int>(
            nlu::taxonomy_polarity(affect::recognize_emotion_lexicon(row.text, lexicon).label));
        ++lexicon_counts[static_cast<std::size_t>(lexicon_label)];
        lexicon_polarity.add(one(lexicon_label), one(gold));
    }
    const std::vector<std::string> names = {"negative", "neutral", "positive"};
    fmt::print("  gold polarity: {} negative, {} neutral, {} positive\n",
               gold_counts[0],
               gold_counts[1],
               gold_counts[2]);
    if (model != nullptr) {
        fmt::print("  trained, 44 labels:        macro-F1 {:.3f}\n", fine.macro_f1());
        fmt::print("  trained, 44 → polarity:    macro-F1 {:.3f} ({})\n",
                   model_polarity.macro_f1(),
                   per_class(model_polarity, names));
        fmt::print("  fused label → polarity:    macro-F1 {:.3f} ({}; {} read negative)\n",
                   fused_polarity.macro_f1(),
                   per_class(fused_polarity, names),
                   fused_counts[0]);
    }
    fmt::print("  lexicon v1 → polarity:     macro-F1 {:.3f} ({}; {} read negative)\n",
               lexicon_polarity.macro_f1(),
               per_class(lexicon_polarity, names),
               lexicon_counts[0]);
    fmt::print("  speed, one core, best of {}: fused reading {:.0f} sentences/s",
               settings.runs,
               throughput(rows, settings.runs, [&](const std::string& text) {
                   return affect::read_emotion(text, lexicon, model).valence;
               }));
    if (model != nullptr) {
        fmt::print(", model alone {:.0f}/s",
                   throughput(rows, settings.runs, [&](const std::string& text) {
                       return model->scores(text, {})[0];
                   }));
    }
    fmt::print(", lexicon v1 {:.0f}/s\n",
               throughput(rows, settings.runs, [&](const std::string& text) {
                   return affect::recognize_emotion_lexicon(text, lexicon).valence;
               }));
    // Samantha's own messages are shorter than news comments: the chatbot questions for scale.
    const auto chat =
        or_die(nlu::load_chatbot_questions(settings.data / "korean-chatbot-data/ChatbotData.csv"));
    fmt::print("  speed on chat messages (korean-chatbot-data questions, {} texts, mean {:.0f} "
               "bytes): fused reading {:.0f} sentences/s\n",
               chat.size(),
               mean_bytes(chat),
               throughput(chat, settings.runs, [&](const std::string& text) {
                   return affect::read_emotion(text, lexicon, model).valence;
               }));
}

} // namespace

int main(int argc, char** argv) {
    const Settings settings = parse(argc, argv);
    const auto lexicon = affect::builtin_lexicon();
    fmt::print("Emotion models:\n");
    report_model_file("emotion_en.bin", nlu::emotion_model_files::english());
    report_model_file("emotion_ko.bin", nlu::emotion_model_files::korean());
    report_english(settings, *lexicon);
    report_korean(settings, *lexicon);
    int status = 0;
#ifdef SAMANTHA_HAVE_ACTS_BENCH
    status = report_dialogue_acts(settings.source);
#else
    fmt::print("Dialogue acts: not in this build (bench/understanding_acts.h is absent)\n");
#endif
    return status;
}
