// train_risk: trains the risk reading's second opinion (src/nlu/models/risk.bin).
//
//   train_risk --data-dir ../shared/data --out src/nlu/models/risk.bin [--seed 1]
//
// Training rows: the TRAIN split of tests/data/risk/*.tsv (crisis, concern, look-alike → none)
// and everyday messages as none, sampled from korean-chatbot-data (column Q) and GoEmotions
// (column 1); everyday rows the concepts call a crisis are dropped (those corpora hold some real
// distress). Thresholds are chosen on the DEV split. The test split is never read: rows are
// filtered by nlu::risk_split as they are loaded. The same inputs and seed give the same bytes.
// docs/care.md, "The risk reading", describes the model and how to reproduce it.
//
//   train_risk --dump dev [--errors] [--model src/nlu/models/risk.bin]
//
// prints the train or dev rows with their readings, for looking at mistakes; it refuses "test".

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "core/random.h"
#include "core/text.h"
#include "nlu/linear_model.h"
#include "nlu/risk.h"
#include "nlu/risk_concepts.h"
#include "nlu/risk_data.h"
#include "nlu/risk_model.h"

namespace samantha::nlu {

namespace {

std::string read_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
}

// The first field of each CSV record after the header (quotes and doubled quotes honoured).
std::vector<std::string> csv_first_column(const std::string& csv) {
    std::vector<std::string> out;
    std::size_t i = csv.find('\n');
    if (i == std::string::npos) {
        return out;
    }
    ++i;
    while (i < csv.size()) {
        std::string field;
        bool quoted = i < csv.size() && csv[i] == '"';
        if (quoted) {
            ++i;
        }
        while (i < csv.size()) {
            const char c = csv[i];
            if (quoted) {
                if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
                    field.push_back('"');
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                    ++i;
                    continue;
                }
                field.push_back(c);
                ++i;
                continue;
            }
            if (c == ',' || c == '\n') {
                break;
            }
            field.push_back(c);
            ++i;
        }
        // Skip the rest of the record, honouring quotes.
        bool in_quotes = false;
        while (i < csv.size()) {
            if (csv[i] == '"') {
                in_quotes = !in_quotes;
            } else if (csv[i] == '\n' && !in_quotes) {
                ++i;
                break;
            }
            ++i;
        }
        const auto trimmed = core::trim(field);
        if (!trimmed.empty()) {
            out.emplace_back(trimmed);
        }
    }
    return out;
}

std::vector<std::string> tsv_first_column(const std::string& tsv) {
    std::vector<std::string> out;
    for (const auto line : core::split_lines(tsv)) {
        const auto tab = line.find('\t');
        const auto text = core::trim(line.substr(0, tab));
        if (!text.empty()) {
            out.emplace_back(text);
        }
    }
    return out;
}

// `count` items of `items` in a seeded random order (all of them when there are fewer).
std::vector<std::string>
sample(std::vector<std::string> items, std::size_t count, std::uint64_t seed) {
    core::Rng rng(seed);
    for (std::size_t k = items.size(); k > 1; --k) {
        std::swap(items[k - 1], items[rng.below(k)]);
    }
    items.resize(std::min(count, items.size()));
    return items;
}

int level_index(RiskLevel level) {
    return static_cast<int>(level); // none 0, concern 1, crisis 2: risk_level_labels
}

int kind_index(RiskKind kind) {
    switch (kind) {
    case RiskKind::SelfHarm:
        return 1;
    case RiskKind::HarmToOthers:
        return 2;
    case RiskKind::Abuse:
        return 3;
    default:
        return 0;
    }
}

// A dev row with everything the threshold search needs.
struct Scored {
    const RiskRow* row = nullptr; // for an everyday message: a look-alike row holding its text
    bool everyday = false;
    ConceptReading concepts;
    RiskModelScores scores;
};

// The per-language numbers the targets are stated in.
struct Tally {
    int crisis = 0;
    int crisis_hit = 0;     // level crisis
    int crisis_flagged = 0; // concern or crisis
    int concern = 0;
    int concern_flagged = 0;
    int lookalike = 0;
    int false_alarm = 0; // crisis on a look-alike
    int look_concern = 0;

    void add(RiskLabel label, RiskLevel level) {
        switch (label) {
        case RiskLabel::Crisis:
            ++crisis;
            crisis_hit += level == RiskLevel::Crisis;
            crisis_flagged += level != RiskLevel::None;
            break;
        case RiskLabel::Concern:
            ++concern;
            concern_flagged += level != RiskLevel::None;
            break;
        case RiskLabel::Lookalike:
            ++lookalike;
            false_alarm += level == RiskLevel::Crisis;
            look_concern += level == RiskLevel::Concern;
            break;
        }
    }

    [[nodiscard]] double recall() const { return crisis ? 1.0 * crisis_hit / crisis : 0; }

    [[nodiscard]] double flagged() const { return crisis ? 1.0 * crisis_flagged / crisis : 0; }

    [[nodiscard]] double fa() const { return lookalike ? 1.0 * false_alarm / lookalike : 0; }
};

std::string describe(const Tally& t) {
    return fmt::format(
        "crisis recall {:.3f} ({}/{}), concern+ {:.3f}, false alarms {:.3f} ({}/{}), "
        "look-alike concern {:.3f}, concern set flagged {}/{}",
        t.recall(),
        t.crisis_hit,
        t.crisis,
        t.flagged(),
        t.fa(),
        t.false_alarm,
        t.lookalike,
        t.lookalike ? 1.0 * t.look_concern / t.lookalike : 0.0,
        t.concern_flagged,
        t.concern);
}

std::map<Language, Tally> tally(const std::vector<Scored>& rows, const RiskThresholds* thresholds) {
    std::map<Language, Tally> out;
    for (const auto& r : rows) {
        if (r.everyday) {
            continue;
        }
        const RiskReading reading = fuse_risk(r.concepts,
                                              thresholds != nullptr ? &r.scores : nullptr,
                                              thresholds ? *thresholds : RiskThresholds{});
        out[r.row->language].add(r.row->label, reading.level);
    }
    return out;
}

// The share of held-out everyday messages read as a crisis, and as a concern or a crisis, per
// language.
std::map<Language, std::pair<double, double>> everyday_rates(const std::vector<Scored>& rows,
                                                             const RiskThresholds& thresholds) {
    std::map<Language, std::pair<int, int>> counts;
    std::map<Language, int> totals;
    for (const auto& r : rows) {
        if (!r.everyday) {
            continue;
        }
        const RiskLevel level = fuse_risk(r.concepts, &r.scores, thresholds).level;
        ++totals[r.row->language];
        counts[r.row->language].first += level == RiskLevel::Crisis;
        counts[r.row->language].second += level != RiskLevel::None;
    }
    std::map<Language, std::pair<double, double>> out;
    for (const auto& [language, total] : totals) {
        out[language] = {1.0 * counts[language].first / total,
                         1.0 * counts[language].second / total};
    }
    return out;
}

// The thresholds that keep dev false alarms at or below `max_fa` in each language and then
// catch the most crises in the worse language; ties go to the higher threshold.
RiskThresholds choose_thresholds(const std::vector<Scored>& dev,
                                 double max_fa,
                                 double max_everyday_crisis,
                                 double max_everyday_flagged) {
    RiskThresholds best{.crisis = 0.99F, .concern = 0.5F, .lowered_crisis = 1.01F};
    // The concepts' own false alarms stand whatever the thresholds; the model may add up to the
    // ceiling, or none where the concepts are above it already.
    for (const auto& [language, tl] : tally(dev, nullptr)) {
        max_fa = std::max(max_fa, tl.fa());
    }
    double best_recall = -1;
    double best_fa = 1;
    std::vector<float> grid;
    for (int k = 10; k <= 98; k += 2) {
        grid.push_back(static_cast<float>(k) / 100.0F);
    }
    std::vector<float> lowered = grid;
    lowered.push_back(1.01F);
    for (const float lo : lowered) {
        for (const float c : grid) {
            if (lo < c) {
                continue;
            }
            const RiskThresholds t{.crisis = c, .concern = 0.5F, .lowered_crisis = lo};
            const auto tallies = tally(dev, &t);
            double worst_recall = 1;
            double worst_fa = 0;
            for (const auto& [language, tl] : tallies) {
                worst_recall = std::min(worst_recall, tl.recall());
                worst_fa = std::max(worst_fa, tl.fa());
            }
            if (worst_fa > max_fa) {
                continue;
            }
            bool everyday_ok = true;
            for (const auto& [language, rates] : everyday_rates(dev, t)) {
                everyday_ok = everyday_ok && rates.first <= max_everyday_crisis;
            }
            if (!everyday_ok) {
                continue;
            }
            const bool better =
                worst_recall > best_recall + 1e-9 ||
                (std::abs(worst_recall - best_recall) < 1e-9 && worst_fa < best_fa - 1e-9);
            if (better) {
                best = t;
                best_recall = worst_recall;
                best_fa = worst_fa;
            }
        }
    }
    // The concern threshold: the lowest (so the most crises and concerns are asked about) at
    // which no more than max_everyday_flagged of everyday messages would be.
    for (int k = 10; k <= 98; k += 2) {
        RiskThresholds t = best;
        t.concern = static_cast<float>(k) / 100.0F;
        bool ok = true;
        for (const auto& [language, rates] : everyday_rates(dev, t)) {
            ok = ok && rates.second <= max_everyday_flagged;
        }
        best.concern = t.concern;
        if (ok) {
            break;
        }
    }
    return best;
}

void print_tallies(const char* title, const std::map<Language, Tally>& tallies) {
    for (const auto& [language, t] : tallies) {
        std::printf("  %-28s %s: %s\n", title, language_code(language), describe(t).c_str());
    }
}

int dump(const RiskReader& reader,
         const std::vector<RiskRow>& rows,
         RiskSplit split,
         bool errors_only) {
    for (const auto& row : rows) {
        if (row.split != split) {
            continue;
        }
        const RiskReading reading = assess_risk(row.text, {}, reader);
        const RiskReading concepts = reader.read_concepts(row.text);
        const bool wrong = reading.level != expected_level(row);
        if (errors_only && !wrong) {
            continue;
        }
        std::string signals;
        for (const auto& s : reading.signals) {
            signals += s + " ";
        }
        std::printf("%s\t%s/%s\tgot %s (concepts %s, p=%.2f)\t%s\t%s\t[%s]\n",
                    wrong ? "WRONG" : "ok",
                    risk_label_name(row.label),
                    row.concept_name.c_str(),
                    risk_level_name(reading.level),
                    risk_level_name(concepts.level),
                    reading.model_score,
                    row.source.c_str(),
                    row.text.c_str(),
                    signals.c_str());
    }
    return 0;
}

int run(int argc, char** argv) {
    CLI::App app{"Trains Samantha's risk classifier (docs/care.md, \"The risk reading\")."};
    std::string data_dir = "../shared/data";
    std::string risk_dir = "tests/data/risk";
    std::string everyday_file = "src/nlu/risk/everyday.txt";
    std::size_t templated = 1500;
    std::string out_path;
    std::string dump_split;
    std::string model_path;
    bool errors_only = false;
    std::size_t show_everyday = 0;
    std::uint64_t seed = 1;
    std::size_t everyday = 6000;
    std::size_t held_out = 2000;
    double max_everyday_crisis = 0.002;
    double max_everyday_flagged = 0.02;
    int buckets_log2 = 17;
    int epochs = 30;
    int char_max = 5;
    float everyday_weight = 1.0F;
    double max_fa = 0.02;
    bool balance = false;
    float learning_rate = 0.2F;
    float l2 = 1e-4F;
    app.add_option(
        "--data-dir", data_dir, "the shared data sets (korean-chatbot-data, goemotions)");
    app.add_option("--risk-dir", risk_dir, "the authored risk rows");
    app.add_option("--everyday-file", everyday_file, "authored everyday plans and goodbyes");
    app.add_option("--templated", templated, "messages sampled from --everyday-file per language");
    app.add_option("--out", out_path, "where to write the model artefact");
    app.add_option("--seed", seed, "shuffling and sampling seed");
    app.add_option("--everyday", everyday, "everyday messages sampled from each corpus");
    app.add_option("--everyday-weight", everyday_weight, "weight of an everyday message");
    app.add_option(
        "--held-out", held_out, "everyday messages per corpus kept apart for thresholds");
    app.add_option(
        "--max-everyday-crisis", max_everyday_crisis, "ceiling on everyday crisis reads");
    app.add_option(
        "--max-everyday-flagged", max_everyday_flagged, "ceiling on everyday concern reads");
    app.add_option("--buckets-log2", buckets_log2, "feature hash buckets, log2");
    app.add_option("--epochs", epochs, "training epochs");
    app.add_option("--char-max", char_max, "longest character n-gram");
    app.add_option("--max-false-alarms", max_fa, "dev false-alarm ceiling per language");
    app.add_option("--balance", balance, "weight classes evenly");
    app.add_option("--learning-rate", learning_rate, "AdaGrad step size");
    app.add_option("--l2", l2, "L2 penalty");
    app.add_option("--dump", dump_split, "print the train or dev rows with their readings")
        ->check(CLI::IsMember({"train", "dev"}));
    app.add_option("--model", model_path, "with --dump: the model artefact to read with");
    app.add_flag("--errors", errors_only, "with --dump: only the rows read wrongly");
    std::vector<std::string> explain;
    app.add_option("--show-everyday",
                   show_everyday,
                   "print the N held-out everyday messages with the highest crisis score");
    app.add_option("--explain", explain, "print the normalised form and concept matches of a text");
    CLI11_PARSE(app, argc, argv);

    if (!explain.empty()) {
        auto reader = RiskReader::open(RiskReader::builtin_concept_files(), {}, "");
        if (!reader) {
            std::fprintf(stderr, "train_risk: %s\n", reader.error().message.c_str());
            return 1;
        }
        const ConceptTables& tables = (*reader)->concepts();
        for (const auto& text : explain) {
            const RiskText normal = tables.normalize(text);
            std::printf("%s\n  spaced:%s\n", text.c_str(), normal.spaced.c_str());
            for (const auto& m : tables.match(normal)) {
                std::printf("  %-18s '%s'\n",
                            concept_name(m.concept_id),
                            normal.spaced.substr(m.begin, m.end - m.begin).c_str());
            }
            const ConceptReading reading = tables.read(normal);
            std::string present;
            for (std::size_t k = 0; k < concept_count; ++k) {
                if (reading.present.test(k)) {
                    present += std::string(concept_name(static_cast<Concept>(k))) + " ";
                }
            }
            std::printf("  => %s; present: %s\n", risk_level_name(reading.level), present.c_str());
        }
        return 0;
    }
    auto rows = load_risk_rows(risk_dir, {RiskSplit::Train, RiskSplit::Dev});
    if (!rows) {
        std::fprintf(stderr, "train_risk: %s\n", rows.error().message.c_str());
        return 1;
    }

    if (!dump_split.empty()) {
        const std::string bytes = model_path.empty()
                                      ? std::string(RiskReader::builtin_model_bytes())
                                      : read_file(model_path);
        auto reader = RiskReader::open(RiskReader::builtin_concept_files(), bytes, "risk.bin");
        if (!reader) {
            std::fprintf(stderr, "train_risk: %s\n", reader.error().message.c_str());
            return 1;
        }
        return dump(**reader,
                    *rows,
                    dump_split == "train" ? RiskSplit::Train : RiskSplit::Dev,
                    errors_only);
    }
    if (out_path.empty()) {
        std::fprintf(stderr, "train_risk: --out is required\n");
        return 1;
    }

    auto concepts_only = RiskReader::open(RiskReader::builtin_concept_files(), {}, "");
    if (!concepts_only) {
        std::fprintf(stderr, "train_risk: %s\n", concepts_only.error().message.c_str());
        return 1;
    }
    const ConceptTables& tables = (*concepts_only)->concepts();
    const FeatureSpec spec{.buckets_log2 = buckets_log2, .char_max = char_max};

    std::vector<TrainExample> level_examples;
    std::vector<RiskRow> everyday_rows; // held out for the thresholds
    everyday_rows.reserve(2 * held_out);
    std::vector<TrainExample> kind_examples;
    int train_rows = 0;
    for (const auto& row : *rows) {
        if (row.split != RiskSplit::Train) {
            continue;
        }
        ++train_rows;
        const ConceptReading concepts = tables.read(tables.normalize(row.text));
        Features features = risk_features(row.text, concepts, spec);
        if (row.label != RiskLabel::Lookalike) {
            kind_examples.push_back({.features = features, .labels = {kind_index(row.kind)}});
        }
        level_examples.push_back(
            {.features = std::move(features), .labels = {level_index(expected_level(row))}});
    }

    // Everyday messages as none, minus those the concepts call a crisis.
    const std::filesystem::path data(data_dir);
    const std::vector<std::pair<std::string, std::vector<std::string>>> corpora = {
        {"korean-chatbot-data",
         csv_first_column(read_file(data / "korean-chatbot-data" / "ChatbotData.csv"))},
        {"goemotions", tsv_first_column(read_file(data / "goemotions" / "original" / "train.tsv"))},
    };
    for (std::size_t c = 0; c < corpora.size(); ++c) {
        const auto& [name, texts] = corpora[c];
        if (texts.empty()) {
            std::fprintf(stderr,
                         "train_risk: no everyday messages from %s under %s\n",
                         name.c_str(),
                         data_dir.c_str());
            return 1;
        }
        int used = 0;
        int dropped = 0;
        const auto picked = sample(texts, everyday + held_out, core::mix_seed(seed, c + 1));
        for (std::size_t k = 0; k < picked.size(); ++k) {
            const std::string& text = picked[k];
            const ConceptReading concepts = tables.read(tables.normalize(text));
            if (concepts.level == RiskLevel::Crisis) {
                ++dropped;
                continue;
            }
            if (k >= everyday) {
                everyday_rows.push_back({.label = RiskLabel::Lookalike,
                                         .text = text,
                                         .language = c == 0 ? Language::Korean : Language::English,
                                         .split = RiskSplit::Dev,
                                         .source = name});
                continue;
            }
            ++used;
            level_examples.push_back({.features = risk_features(text, concepts, spec),
                                      .labels = {0},
                                      .weight = everyday_weight});
        }
        std::printf("everyday %s: %d used for training, %d dropped as crisis by the concepts\n",
                    name.c_str(),
                    used,
                    dropped);
    }

    // Authored everyday plans, times and goodbyes as none (src/nlu/risk/everyday.txt).
    {
        std::map<std::string, std::vector<std::string>> by_language;
        std::string section;
        const std::string content = read_file(everyday_file);
        for (const auto line : core::split_lines(content)) {
            const auto trimmed = core::trim(line);
            if (trimmed.empty() || trimmed.front() == '#') {
                continue;
            }
            if (trimmed.front() == '[') {
                section = std::string(trimmed);
                continue;
            }
            auto variants = expand_alternatives(trimmed, 100000);
            if (!variants) {
                std::fprintf(stderr,
                             "train_risk: %s: %s\n",
                             everyday_file.c_str(),
                             variants.error().message.c_str());
                return 1;
            }
            auto& bucket = by_language[section];
            bucket.insert(bucket.end(), variants->begin(), variants->end());
        }
        if (by_language.empty()) {
            std::fprintf(
                stderr, "train_risk: no everyday templates in %s\n", everyday_file.c_str());
            return 1;
        }
        std::uint64_t salt = 10;
        for (const auto& [name, texts] : by_language) {
            int crisis_by_concepts = 0;
            const auto picked = sample(texts, templated, core::mix_seed(seed, ++salt));
            for (const auto& text : picked) {
                const ConceptReading concepts = tables.read(tables.normalize(text));
                crisis_by_concepts += concepts.level == RiskLevel::Crisis;
                level_examples.push_back(
                    {.features = risk_features(text, concepts, spec), .labels = {0}});
            }
            std::printf(
                "everyday templates %s: %zu of %zu used, %d of them crisis by the concepts\n",
                name.c_str(),
                picked.size(),
                texts.size(),
                crisis_by_concepts);
        }
    }

    const TrainOptions level_options{.output = Output::Softmax,
                                     .labels = risk_level_labels,
                                     .spec = spec,
                                     .epochs = epochs,
                                     .learning_rate = learning_rate,
                                     .l2 = l2,
                                     .seed = seed,
                                     .balance_classes = balance};
    auto level = train_linear(level_examples, level_options);
    if (!level) {
        std::fprintf(stderr, "train_risk: %s\n", level.error().message.c_str());
        return 1;
    }
    TrainOptions kind_options = level_options;
    kind_options.labels = risk_kind_labels;
    auto kind = train_linear(kind_examples, kind_options);
    if (!kind) {
        std::fprintf(stderr, "train_risk: %s\n", kind.error().message.c_str());
        return 1;
    }
    // Score dev with the weights as they will ship (int8), so the thresholds fit the artefact.
    auto shipped = RiskModel::load(serialize_risk_model(*level, *kind, {}), "trained");
    if (!shipped) {
        std::fprintf(stderr, "train_risk: %s\n", shipped.error().message.c_str());
        return 1;
    }
    std::vector<Scored> dev;
    for (const auto& row : *rows) {
        if (row.split != RiskSplit::Dev) {
            continue;
        }
        Scored s{.row = &row, .concepts = tables.read(tables.normalize(row.text))};
        s.scores = (*shipped)->score(row.text, s.concepts);
        dev.push_back(std::move(s));
    }
    for (const auto& row : everyday_rows) {
        Scored s{
            .row = &row, .everyday = true, .concepts = tables.read(tables.normalize(row.text))};
        s.scores = (*shipped)->score(row.text, s.concepts);
        dev.push_back(std::move(s));
    }
    const RiskThresholds thresholds =
        choose_thresholds(dev, max_fa, max_everyday_crisis, max_everyday_flagged);
    const std::string bytes = serialize_risk_model(*level, *kind, thresholds);
    std::ofstream out(out_path, std::ios::binary);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) {
        std::fprintf(stderr, "train_risk: cannot write '%s'\n", out_path.c_str());
        return 1;
    }
    std::printf("trained on %d authored train rows and %zu examples in all; %zu dev rows\n",
                train_rows,
                level_examples.size(),
                dev.size());
    std::printf("thresholds: crisis %.2f, concern %.2f, lowered crisis %.2f\n",
                thresholds.crisis,
                thresholds.concern,
                thresholds.lowered_crisis);
    std::printf("dev:\n");
    print_tallies("concepts", tally(dev, nullptr));
    print_tallies("concepts + model", tally(dev, &thresholds));
    std::map<Language, Tally> model_alone;
    for (const auto& r : dev) {
        if (r.everyday) {
            continue;
        }
        model_alone[r.row->language].add(r.row->label, risk_level_of(r.scores, thresholds, false));
    }
    print_tallies("model alone", model_alone);
    for (const auto& [language, rates] : everyday_rates(dev, thresholds)) {
        std::printf("  held-out everyday %s: crisis %.3f, concern or crisis %.3f\n",
                    language_code(language),
                    rates.first,
                    rates.second);
    }
    if (show_everyday > 0) {
        // The held-out everyday messages the model thinks likeliest crises: what the everyday
        // ceiling is made of.
        std::vector<const Scored*> everyday_scored;
        for (const auto& r : dev) {
            if (r.everyday) {
                everyday_scored.push_back(&r);
            }
        }
        std::sort(everyday_scored.begin(), everyday_scored.end(), [](const auto* a, const auto* b) {
            return a->scores.crisis > b->scores.crisis;
        });
        everyday_scored.resize(std::min(everyday_scored.size(), show_everyday));
        for (const auto* r : everyday_scored) {
            std::printf("  everyday p=%.2f\t%s\t%s\n",
                        r->scores.crisis,
                        r->row->source.c_str(),
                        r->row->text.c_str());
        }
    }
    std::printf("wrote %s (%zu bytes)\n", out_path.c_str(), bytes.size());
    return 0;
}

} // namespace

} // namespace samantha::nlu

int main(int argc, char** argv) {
    return samantha::nlu::run(argc, argv);
}
