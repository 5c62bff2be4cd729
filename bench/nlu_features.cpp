// bench/nlu_features: what the shared classifier machinery (src/nlu) costs and how well a plain
// linear model reads emotions.
//
//   build/release/bench/nlu_features [--data /work/shared/data] [--buckets 18] [--epochs 10]
//                                    [--lr 0.2] [--l2 1e-4] [--balance 0|1] [--runs 3]
//
// Prints:
//  - GoEmotions Ekman (7 classes): a softmax trained on train.tsv (the first label of each row),
//    macro-F1 and accuracy on dev.tsv with the float weights and after the int8 round trip
//    through serialize/load, the model file size and the training time;
//  - korean-chatbot-data (Korean, 3 classes): a softmax over the questions, every tenth held out;
//  - speed on one thread: featurize alone, and featurize + scores for 7 classes (Ekman), 4
//    classes (GoEmotions sentiment groups) and 44 classes (KOTE, sigmoid, 2^16 buckets), as
//    messages per second over the English dev texts, the KOTE texts and the Korean questions.
// KOTE ships only its 5,000-row validation split here, so its 44-class model is trained on the
// first 4,000 rows and scored on the rest, which is enough to time it (its F1 is printed for
// orientation only).
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "nlu/linear_model.h"
#include "nlu/text_features.h"

namespace {

using namespace samantha; // NOLINT(google-build-using-namespace): a benchmark driver
using SteadyClock = std::chrono::steady_clock;

double seconds_since(SteadyClock::time_point start) {
    return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

struct Row {
    std::string text;
    std::vector<int> labels;
};

std::vector<int> parse_labels(const std::string& field) {
    std::vector<int> labels;
    std::stringstream parts(field);
    std::string part;
    while (std::getline(parts, part, ',')) {
        if (!part.empty()) {
            labels.push_back(std::atoi(part.c_str()));
        }
    }
    return labels;
}

// Rows of a TSV file; `text_column` and `label_column` pick the fields.
std::vector<Row>
read_tsv(const std::string& path, std::size_t text_column, std::size_t label_column) {
    std::vector<Row> rows;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::vector<std::string> fields;
        std::stringstream parts(line);
        std::string field;
        while (std::getline(parts, field, '\t')) {
            fields.push_back(field);
        }
        if (fields.size() > std::max(text_column, label_column)) {
            rows.push_back(
                Row{.text = fields[text_column], .labels = parse_labels(fields[label_column])});
        }
    }
    return rows;
}

// The questions and labels of korean-chatbot-data's CSV (header `Q,A,label`; questions hold no
// commas there).
std::vector<Row> read_chatbot_questions(const std::string& path) {
    std::vector<Row> rows;
    std::ifstream in(path);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const std::size_t first = line.find(',');
        const std::size_t last = line.rfind(',');
        if (first != std::string::npos && last > first) {
            rows.push_back(Row{.text = line.substr(0, first),
                               .labels = {std::atoi(line.substr(last + 1).c_str())}});
        }
    }
    return rows;
}

std::vector<std::string> read_lines(const std::string& path) {
    std::vector<std::string> lines;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty()) {
            lines.push_back(line);
        }
    }
    return lines;
}

std::vector<nlu::TrainExample>
examples_of(const std::vector<Row>& rows, const nlu::FeatureSpec& spec, bool first_label_only) {
    std::vector<nlu::TrainExample> examples;
    examples.reserve(rows.size());
    for (const Row& row : rows) {
        std::vector<int> labels = row.labels;
        if (first_label_only && labels.size() > 1) {
            labels.resize(1);
        }
        examples.push_back(
            nlu::TrainExample{.features = nlu::featurize(row.text, spec), .labels = labels});
    }
    return examples;
}

struct Scores {
    double macro_f1 = 0;
    double accuracy = 0; // softmax: top-1 accuracy; sigmoid: exact-match ratio
};

// Macro-F1 over classes: softmax compares the top class with the first gold label; sigmoid
// predicts every class above 0.5 (or the top one when none is) against all gold labels.
Scores evaluate(const nlu::LinearModel& model, const std::vector<nlu::TrainExample>& examples) {
    const std::size_t classes = model.labels().size();
    std::vector<double> tp(classes, 0), fp(classes, 0), fn(classes, 0);
    double right = 0;
    for (const nlu::TrainExample& example : examples) {
        const std::vector<float> p = model.scores(example.features);
        std::vector<bool> predicted(classes, false);
        std::vector<bool> gold(classes, false);
        if (model.output() == nlu::Output::Softmax) {
            predicted[static_cast<std::size_t>(model.best(example.features).label)] = true;
            gold[static_cast<std::size_t>(example.labels.front())] = true;
        } else {
            bool any = false;
            for (std::size_t c = 0; c < classes; ++c) {
                predicted[c] = p[c] > 0.5f;
                any = any || predicted[c];
            }
            if (!any) {
                predicted[static_cast<std::size_t>(model.best(example.features).label)] = true;
            }
            for (const int label : example.labels) {
                gold[static_cast<std::size_t>(label)] = true;
            }
        }
        right += predicted == gold ? 1 : 0;
        for (std::size_t c = 0; c < classes; ++c) {
            tp[c] += predicted[c] && gold[c] ? 1 : 0;
            fp[c] += predicted[c] && !gold[c] ? 1 : 0;
            fn[c] += !predicted[c] && gold[c] ? 1 : 0;
        }
    }
    double f1_sum = 0;
    for (std::size_t c = 0; c < classes; ++c) {
        const double denominator = 2 * tp[c] + fp[c] + fn[c];
        f1_sum += denominator > 0 ? 2 * tp[c] / denominator : 0;
    }
    return Scores{.macro_f1 = f1_sum / static_cast<double>(classes),
                  .accuracy = right / static_cast<double>(examples.size())};
}

struct Settings {
    std::string data = "/work/shared/data";
    int buckets_log2 = 18;
    int epochs = 10;
    float learning_rate = 0.2f;
    float l2 = 1e-4f;
    bool balance = false;
    int runs = 3;
};

// Trains, evaluates float and int8, prints one line; returns the int8 model.
nlu::LinearModel train_and_report(std::string_view name,
                                  const std::vector<nlu::TrainExample>& train,
                                  const std::vector<nlu::TrainExample>& dev,
                                  const nlu::TrainOptions& options) {
    const auto started = SteadyClock::now();
    auto model = nlu::train_linear(train, options);
    const double train_s = seconds_since(started);
    if (!model) {
        fmt::print(stderr, "{}\n", model.error().message);
        std::exit(1);
    }
    const std::string bytes = nlu::serialize(*model);
    auto loaded = nlu::LinearModel::load(bytes, name);
    if (!loaded) {
        fmt::print(stderr, "{}\n", loaded.error().message);
        std::exit(1);
    }
    const Scores full = evaluate(*model, dev);
    const Scores quantized = evaluate(*loaded, dev);
    fmt::print(
        "{}: {} classes, 2^{} buckets, {} epochs, lr {}, l2 {}, balance {}: trained in {:.1f} s\n",
        name,
        options.labels.size(),
        options.spec.buckets_log2,
        options.epochs,
        options.learning_rate,
        options.l2,
        options.balance_classes,
        train_s);
    fmt::print("  float: macro-F1 {:.4f}, accuracy {:.4f}\n", full.macro_f1, full.accuracy);
    fmt::print("  int8:  macro-F1 {:.4f}, accuracy {:.4f}  (file {:.2f} MB, F1 change {:+.4f})\n",
               quantized.macro_f1,
               quantized.accuracy,
               static_cast<double>(bytes.size()) / 1e6,
               quantized.macro_f1 - full.macro_f1);
    return std::move(loaded).value();
}

// Messages per second for featurize (+ scores when `model` is given), best of `runs`.
double throughput(const std::vector<std::string>& texts,
                  const nlu::FeatureSpec& spec,
                  const nlu::LinearModel* model,
                  int runs) {
    double best = 0;
    float sink = 0;
    for (int run = 0; run < runs; ++run) {
        const auto started = SteadyClock::now();
        for (const std::string& text : texts) {
            const nlu::Features features = nlu::featurize(text, spec);
            sink += model != nullptr ? model->scores(features)[0] : features.front().value;
        }
        best = std::max(best, static_cast<double>(texts.size()) / seconds_since(started));
    }
    if (sink < 0) {
        fmt::print("(impossible)\n");
    }
    return best;
}

Settings parse(int argc, char** argv) {
    Settings settings;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        const char* value = argv[i + 1];
        if (flag == "--data") {
            settings.data = value;
        } else if (flag == "--buckets") {
            settings.buckets_log2 = std::atoi(value);
        } else if (flag == "--epochs") {
            settings.epochs = std::atoi(value);
        } else if (flag == "--lr") {
            settings.learning_rate = std::strtof(value, nullptr);
        } else if (flag == "--l2") {
            settings.l2 = std::strtof(value, nullptr);
        } else if (flag == "--balance") {
            settings.balance = std::atoi(value) != 0;
        } else if (flag == "--runs") {
            settings.runs = std::max(1, std::atoi(value));
        }
    }
    return settings;
}

struct Corpus {
    std::string name;
    std::vector<Row> train;
    std::vector<Row> dev;
};

// Every tenth row held out.
Corpus split_tenths(std::string name, const std::vector<Row>& rows) {
    Corpus corpus{.name = std::move(name)};
    for (std::size_t i = 0; i < rows.size(); ++i) {
        (i % 10 == 0 ? corpus.dev : corpus.train).push_back(rows[i]);
    }
    return corpus;
}

std::vector<std::string> texts_of(const std::vector<Row>& rows) {
    std::vector<std::string> texts;
    for (const Row& row : rows) {
        texts.push_back(row.text);
    }
    return texts;
}

double mean_bytes(const std::vector<std::string>& texts) {
    std::size_t bytes = 0;
    for (const std::string& text : texts) {
        bytes += text.size();
    }
    return texts.empty() ? 0 : static_cast<double>(bytes) / static_cast<double>(texts.size());
}

void print_speed(std::string_view what,
                 const std::vector<std::string>& texts,
                 const nlu::FeatureSpec& spec,
                 const nlu::LinearModel* model,
                 int runs) {
    fmt::print("  {:<32} {:>9.0f} texts/s  ({} texts, mean {:.0f} bytes)\n",
               what,
               throughput(texts, spec, model, runs),
               texts.size(),
               mean_bytes(texts));
}

} // namespace

int main(int argc, char** argv) {
    const Settings settings = parse(argc, argv);
    const std::string go = settings.data + "/goemotions/";
    const Corpus ekman_data{.name = "goemotions-ekman",
                            .train = read_tsv(go + "ekman/train.tsv", 0, 1),
                            .dev = read_tsv(go + "ekman/dev.tsv", 0, 1)};
    const Corpus group_data{.name = "goemotions-group",
                            .train = read_tsv(go + "group/train.tsv", 0, 1),
                            .dev = read_tsv(go + "group/dev.tsv", 0, 1)};
    const Corpus chatbot_data = split_tenths(
        "chatbot-ko questions",
        read_chatbot_questions(settings.data + "/korean-chatbot-data/ChatbotData.csv"));
    const std::vector<Row> kote_rows = read_tsv(settings.data + "/kote/val.tsv", 1, 2);
    if (ekman_data.train.empty() || ekman_data.dev.empty() || kote_rows.size() <= 4000) {
        fmt::print(stderr, "nlu_features: GoEmotions or KOTE missing under {}\n", settings.data);
        return 1;
    }
    const Corpus kote_data{.name = "kote-44 (timing; F1 for orientation only)",
                           .train = {kote_rows.begin(), kote_rows.begin() + 4000},
                           .dev = {kote_rows.begin() + 4000, kote_rows.end()}};

    const nlu::FeatureSpec spec{.buckets_log2 = settings.buckets_log2};
    const nlu::FeatureSpec kote_spec{.buckets_log2 = 16};
    std::vector<std::string> kote_labels;
    for (int c = 0; c < 44; ++c) {
        kote_labels.push_back(fmt::format("kote{}", c));
    }
    const auto train = [&](const Corpus& corpus,
                           nlu::Output output,
                           std::vector<std::string> labels,
                           const nlu::FeatureSpec& model_spec) {
        const bool first_only = output == nlu::Output::Softmax;
        return train_and_report(corpus.name,
                                examples_of(corpus.train, model_spec, first_only),
                                examples_of(corpus.dev, model_spec, first_only),
                                nlu::TrainOptions{.output = output,
                                                  .labels = std::move(labels),
                                                  .spec = model_spec,
                                                  .epochs = settings.epochs,
                                                  .learning_rate = settings.learning_rate,
                                                  .l2 = settings.l2,
                                                  .balance_classes = settings.balance});
    };
    const nlu::LinearModel ekman =
        train(ekman_data, nlu::Output::Softmax, read_lines(go + "ekman/labels.txt"), spec);
    const nlu::LinearModel group =
        train(group_data, nlu::Output::Softmax, read_lines(go + "group/labels.txt"), spec);
    const nlu::LinearModel chatbot =
        train(chatbot_data, nlu::Output::Softmax, {"daily", "breakup", "love"}, spec);
    const nlu::LinearModel kote = train(kote_data, nlu::Output::Sigmoid, kote_labels, kote_spec);

    const std::vector<std::string> english = texts_of(ekman_data.dev);
    const std::vector<std::string> korean = texts_of(chatbot_data.train);
    const std::vector<std::string> comments = texts_of(kote_data.dev);
    fmt::print("speed, one thread, best of {}:\n", settings.runs);
    print_speed("featurize, English", english, spec, nullptr, settings.runs);
    print_speed("featurize, Korean", korean, spec, nullptr, settings.runs);
    print_speed("+ scores,  4 classes, English", english, spec, &group, settings.runs);
    print_speed("+ scores,  7 classes, English", english, spec, &ekman, settings.runs);
    print_speed("+ scores,  3 classes, Korean", korean, spec, &chatbot, settings.runs);
    print_speed("+ scores, 44 classes, English", english, kote_spec, &kote, settings.runs);
    print_speed("+ scores, 44 classes, Korean", korean, kote_spec, &kote, settings.runs);
    print_speed("+ scores, 44 classes, KOTE", comments, kote_spec, &kote, settings.runs);
    return 0;
}
