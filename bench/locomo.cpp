// bench/locomo: long-term memory on LoCoMo (Maharana et al., ACL 2024). Each conversation of a
// LoCoMo file is told to an Engine through the chat's own path: every turn is a message
// "Speaker: text" at its session's date (a new Conversation per session, as a new opening of the
// app). Then, for every question, it measures evidence recall — the share of the question's
// evidence turns among the memories found — through:
//
//   - memory search (Conversation::search_memories, as `samantha memory search`) at k = 3, 5, 10;
//   - the chat's own recall at k = 3: the question asked as a turn (TurnOutput::recalled), on a
//     copy of the database made for that question, so no question sees another;
//   - side by side, BM25 baselines implemented here: over single turns, and over ±1-turn windows
//     (the turn with its neighbours in the same session).
//
// A memory counts as the turn it came from (its source turn); facts and events learned from a
// turn count as that turn. Per category, with the cost per query (p50/p99 ms).
//
//   build/…/bench/locomo_bench [--data FILE] [--only N] [--no-chat] [--keep DIR] [--reuse DIR]
//                              [--misses FILE] [--tune "key=v1,v2;key=v…"]
//
// --data   the LoCoMo JSON (default ../shared/data/locomo/locomo_conv1-5.json from the checkout)
// --only   measure only the first N conversations
// --keep   keep each conversation's told database in DIR/<sample_id>/ (a later --reuse skips the
//          telling, for tuning the ranking; the databases are LoCoMo-derived: never commit them)
// --misses write, per question, the evidence and what search found (for reading, not shipping)
// --tune   grid search over memory::RetrievalWeights on the told databases through the same
//          ranking function (memory::find_memories), printing every point's recall; the weights
//          are the only thing learned from LoCoMo (docs/memory.md)
//
// LoCoMo is CC BY-NC 4.0: evaluation only. Nothing derived from it is committed.
#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <numeric>
#include <regex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <samantha/engine.h>

#include "core/text.h"
#include "core/time.h"
#include "memory/memory_store.h"
#include "memory/search.h"
#include "storage/database.h"

namespace {

using namespace samantha; // NOLINT(google-build-using-namespace): a benchmark driver
namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr const char* user = "locomo";

// ---- the data set ---------------------------------------------------------------------------

struct Turn {
    std::string dia_id; // "D<session>:<turn>"
    int session = 0;
    std::string message; // "Speaker: text"
    Moment at;
};

struct Question {
    std::string text;
    int category = 0;
    std::set<std::string> evidence;
};

struct Sample {
    std::string id;
    std::vector<Turn> turns;
    std::vector<Question> questions;
    Moment asked_at; // after the last session
};

// "1:56 pm on 8 May, 2023" → a moment (UTC).
std::optional<Moment> parse_session_date(const std::string& text) {
    static const std::regex pattern(
        R"((\d{1,2}):(\d{2})\s*(am|pm)\s+on\s+(\d{1,2})\s+([A-Za-z]+),?\s+(\d{4}))",
        std::regex::icase);
    std::smatch m;
    if (!std::regex_search(text, m, pattern)) {
        return std::nullopt;
    }
    static const std::array<std::string_view, 12> months = {"january",
                                                            "february",
                                                            "march",
                                                            "april",
                                                            "may",
                                                            "june",
                                                            "july",
                                                            "august",
                                                            "september",
                                                            "october",
                                                            "november",
                                                            "december"};
    const std::string month_name = core::to_lower(m[5].str());
    int month = 0;
    for (std::size_t i = 0; i < months.size(); ++i) {
        if (months[i].starts_with(month_name.substr(0, 3))) {
            month = static_cast<int>(i) + 1;
            break;
        }
    }
    int hour = std::stoi(m[1].str()) % 12;
    if (core::to_lower(m[3].str()) == "pm") {
        hour += 12;
    }
    const CivilDate day{std::stoi(m[6].str()), month, std::stoi(m[4].str())};
    if (month == 0 || !core::is_valid_date(day.year, day.month, day.day)) {
        return std::nullopt;
    }
    const auto seconds = core::days_from_civil(day) * 86400 + hour * 3600 + std::stoi(m[2]) * 60;
    return Moment{.utc = std::chrono::sys_seconds{std::chrono::seconds{seconds}}};
}

std::set<std::string> evidence_of(const Json& qa) {
    std::set<std::string> out;
    static const std::regex id(R"(D\d+:\d+)");
    for (const auto& e : qa.value("evidence", Json::array())) {
        if (!e.is_string()) {
            continue;
        }
        const std::string s = e.get<std::string>();
        for (auto it = std::sregex_iterator(s.begin(), s.end(), id); it != std::sregex_iterator();
             ++it) {
            out.insert(it->str());
        }
    }
    return out;
}

std::vector<Sample> load(const fs::path& path) {
    std::ifstream in(path);
    if (!in) {
        fmt::print(stderr, "locomo: cannot read {}\n", path.string());
        std::exit(2);
    }
    const Json data = Json::parse(in);
    std::vector<Sample> samples;
    for (const auto& s : data) {
        Sample sample;
        sample.id = s.value("sample_id", "");
        const Json& c = s.at("conversation");
        Moment last{};
        for (int session = 1; c.contains(fmt::format("session_{}", session)); ++session) {
            auto start = parse_session_date(
                c.value(fmt::format("session_{}_date_time", session), std::string()));
            Moment at = start.value_or(last);
            if (at.utc < last.utc) {
                at = last; // time never goes backwards for one person
            }
            for (const auto& t : c.at(fmt::format("session_{}", session))) {
                const std::string text = t.value("text", "");
                if (text.empty()) {
                    continue;
                }
                sample.turns.push_back(Turn{.dia_id = t.value("dia_id", ""),
                                            .session = session,
                                            .message = t.value("speaker", "") + ": " + text,
                                            .at = at});
                last = at;
                at.utc += std::chrono::seconds(30);
            }
        }
        sample.asked_at = Moment{.utc = last.utc + std::chrono::hours(1)};
        for (const auto& qa : s.at("qa")) {
            Question q{.text = qa.value("question", ""),
                       .category = qa.value("category", 0),
                       .evidence = evidence_of(qa)};
            if (!q.text.empty() && !q.evidence.empty()) {
                sample.questions.push_back(std::move(q));
            }
        }
        samples.push_back(std::move(sample));
    }
    return samples;
}

// ---- measures -------------------------------------------------------------------------------

// Evidence recall of a ranked list of turns (dia ids, may repeat) at k.
double recall_at(const std::vector<std::string>& ranked,
                 const std::set<std::string>& evidence,
                 std::size_t k) {
    std::set<std::string> found;
    for (std::size_t i = 0; i < ranked.size() && i < k; ++i) {
        if (evidence.contains(ranked[i])) {
            found.insert(ranked[i]);
        }
    }
    return static_cast<double>(found.size()) / static_cast<double>(evidence.size());
}

// Recall sums per category (0 = all) and the cost of each query.
struct Tally {
    std::map<int, std::map<std::size_t, double>> sum; // category → k → Σ recall
    std::map<int, int> count;
    std::vector<double> ms;

    void add(int category, const std::vector<std::string>& ranked, const std::set<std::string>& e) {
        for (const int c : {0, category}) {
            for (const std::size_t k : {3, 5, 10}) {
                sum[c][k] += recall_at(ranked, e, k);
            }
            count[c] += 1;
        }
    }

    double at(std::size_t k, int category = 0) const {
        const auto n = count.find(category);
        if (n == count.end() || n->second == 0) {
            return 0.0;
        }
        return 100.0 * sum.at(category).at(k) / n->second;
    }
};

double percentile(std::vector<double> v, double q) {
    if (v.empty()) {
        return 0.0;
    }
    std::sort(v.begin(), v.end());
    return v.at(
        std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size()))));
}

// ---- the BM25 baselines ---------------------------------------------------------------------

// Lower-case words of letters and digits; a short English stop list leaves queries.
std::vector<std::string> plain_words(const std::string& text, bool drop_stop_words) {
    static const std::set<std::string> stops = {
        "a",    "an",   "the",   "is",  "are",  "was", "were",  "be",    "to",    "of",
        "and",  "or",   "in",    "on",  "at",   "for", "with",  "that",  "this",  "it",
        "what", "when", "where", "who", "why",  "how", "which", "did",   "does",  "do",
        "i",    "you",  "he",    "she", "they", "we",  "his",   "her",   "their", "my",
        "your", "has",  "have",  "had", "as",   "by",  "from",  "about", "would", "can"};
    std::vector<std::string> out;
    std::string word;
    const auto flush = [&] {
        if (!word.empty() && !(drop_stop_words && stops.contains(word))) {
            out.push_back(word);
        }
        word.clear();
    };
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (std::isalnum(c) != 0) {
            word += static_cast<char>(std::tolower(c));
        } else {
            flush();
        }
    }
    flush();
    return out;
}

// Okapi BM25 (k1 = 1.2, b = 0.75, Lucene's non-negative IDF) over a fixed set of documents.
class Bm25Baseline {
public:
    explicit Bm25Baseline(const std::vector<std::vector<std::string>>& documents) {
        for (const auto& d : documents) {
            std::unordered_map<std::string, int> tf;
            for (const auto& w : d) {
                tf[w] += 1;
            }
            for (const auto& [w, n] : tf) {
                m_df[w] += 1;
            }
            m_length.push_back(static_cast<double>(d.size()));
            m_tf.push_back(std::move(tf));
        }
        double total = 0;
        for (const double l : m_length) {
            total += l;
        }
        m_mean = m_length.empty() ? 1.0 : total / static_cast<double>(m_length.size());
    }

    // Document indices, best first, at most k (documents that match at all).
    std::vector<std::size_t> rank(const std::vector<std::string>& query, std::size_t k) const {
        const std::set<std::string> terms(query.begin(), query.end());
        const auto n = static_cast<double>(m_tf.size());
        std::vector<std::pair<double, std::size_t>> scored;
        for (std::size_t i = 0; i < m_tf.size(); ++i) {
            double s = 0;
            for (const auto& t : terms) {
                const auto it = m_tf[i].find(t);
                if (it == m_tf[i].end()) {
                    continue;
                }
                const double df = m_df.at(t);
                const double idf = std::log(1.0 + (n - df + 0.5) / (df + 0.5));
                const double tf = it->second;
                s += idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * m_length[i] / m_mean));
            }
            if (s > 0) {
                scored.emplace_back(-s, i);
            }
        }
        const std::size_t top = std::min(k, scored.size());
        std::partial_sort(scored.begin(), scored.begin() + static_cast<long>(top), scored.end());
        std::vector<std::size_t> out;
        for (std::size_t i = 0; i < top; ++i) {
            out.push_back(scored[i].second);
        }
        return out;
    }

private:
    std::vector<std::unordered_map<std::string, int>> m_tf;
    std::unordered_map<std::string, double> m_df;
    std::vector<double> m_length;
    double m_mean = 1.0;
};

void run_baselines(const Sample& sample, Tally& turns, Tally& windows) {
    std::vector<std::vector<std::string>> single;
    std::vector<std::vector<std::string>> window;
    for (const auto& t : sample.turns) {
        single.push_back(plain_words(t.message, false));
    }
    for (std::size_t i = 0; i < sample.turns.size(); ++i) {
        std::vector<std::string> w;
        for (std::size_t j = i == 0 ? 0 : i - 1; j <= i + 1 && j < sample.turns.size(); ++j) {
            if (sample.turns[j].session == sample.turns[i].session) {
                w.insert(w.end(), single[j].begin(), single[j].end());
            }
        }
        window.push_back(std::move(w));
    }
    const Bm25Baseline by_turn(single);
    const Bm25Baseline by_window(window);
    for (const auto& q : sample.questions) {
        const auto query = plain_words(q.text, true);
        for (const auto& [index, tally] :
             {std::pair{&by_turn, &turns}, std::pair{&by_window, &windows}}) {
            const auto begin = std::chrono::steady_clock::now();
            const auto ranked = index->rank(query, 10);
            tally->ms.push_back(
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
                    .count());
            std::vector<std::string> ids;
            for (const auto i : ranked) {
                ids.push_back(sample.turns[i].dia_id);
            }
            tally->add(q.category, ids, q.evidence);
        }
    }
}

// ---- telling and asking Samantha --------------------------------------------------------------

std::unique_ptr<Engine> open_engine(const fs::path& dir) {
    Config config;
    config.data_dir = dir;
    auto engine = Engine::open(config, make_system_clock(), Logger{});
    if (!engine) {
        fmt::print(stderr, "locomo: cannot open {}: {}\n", dir.string(), engine.error().message);
        std::exit(1);
    }
    return std::move(*engine);
}

// The turn id of each told message (as the history lists them) → its dia id.
using TurnMap = std::unordered_map<std::int64_t, std::string>;

// Tells the conversation to a fresh Engine in `dir`; returns each turn id's dia id and the time
// per message.
TurnMap tell(const Sample& sample, const fs::path& dir, std::vector<double>& ms) {
    fs::remove_all(dir);
    fs::create_directories(dir);
    auto engine = open_engine(dir);
    TurnMap turns;
    std::unique_ptr<Conversation> conversation;
    int session = 0;
    for (const auto& t : sample.turns) {
        if (t.session != session) {
            session = t.session; // each session: a new opening of the app
            conversation = engine->conversation(user, t.at).value();
        }
        const auto begin = std::chrono::steady_clock::now();
        auto out = conversation->turn(TurnInput{.text = t.message, .at = t.at});
        ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
                .count());
        if (!out) {
            fmt::print(stderr, "locomo: {} {}: {}\n", sample.id, t.dia_id, out.error().message);
            continue;
        }
        auto last = conversation->history(0, 0, 1);
        if (last && !last->empty()) {
            turns[last->back().id] = t.dia_id;
        }
    }
    return turns;
}

void save_turn_map(const TurnMap& turns, const fs::path& file) {
    Json j = Json::object();
    for (const auto& [id, dia] : turns) {
        j[std::to_string(id)] = dia;
    }
    std::ofstream(file) << j.dump();
}

TurnMap load_turn_map(const fs::path& file) {
    std::ifstream in(file);
    if (!in) {
        fmt::print(stderr, "locomo: --reuse: no {}\n", file.string());
        std::exit(2);
    }
    TurnMap turns;
    const Json map = Json::parse(in);
    for (const auto& [id, dia] : map.items()) {
        turns[std::stoll(id)] = dia.get<std::string>();
    }
    return turns;
}

std::vector<std::string> dia_ids(const std::vector<RecalledMemory>& found, const TurnMap& turns) {
    std::vector<std::string> ids;
    for (const auto& r : found) {
        const auto it = turns.find(r.memory.source_turn_id);
        ids.push_back(it == turns.end() ? std::string() : it->second);
    }
    return ids;
}

void search_all(const Sample& sample,
                const fs::path& dir,
                const TurnMap& turns,
                Tally& tally,
                std::ofstream* misses) {
    auto engine = open_engine(dir);
    auto conversation = engine->conversation(user, sample.asked_at).value();
    for (const auto& q : sample.questions) {
        const auto begin = std::chrono::steady_clock::now();
        auto found = conversation->search_memories(q.text, 10);
        tally.ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
                .count());
        if (!found) {
            fmt::print(stderr, "locomo: search '{}': {}\n", q.text, found.error().message);
            tally.add(q.category, {}, q.evidence);
            continue;
        }
        const auto ids = dia_ids(*found, turns);
        tally.add(q.category, ids, q.evidence);
        if (misses != nullptr && recall_at(ids, q.evidence, 10) < 1.0) {
            *misses << fmt::format("## [{}] cat {} {}\nevidence:", sample.id, q.category, q.text);
            for (const auto& e : q.evidence) {
                *misses << ' ' << e;
            }
            *misses << "\n";
            for (std::size_t i = 0; i < found->size(); ++i) {
                *misses << fmt::format("  {:>2}. {:<8} {:.3f} {}\n",
                                       i + 1,
                                       ids[i],
                                       (*found)[i].score,
                                       (*found)[i].memory.text);
            }
        }
    }
}

void copy_database(const fs::path& from, const fs::path& to) {
    fs::remove_all(to);
    fs::create_directories(to);
    for (const char* name : {"samantha.db", "samantha.db-wal"}) {
        if (fs::exists(from / name)) {
            fs::copy_file(from / name, to / name);
        }
    }
}

void chat_all(const Sample& sample, const fs::path& dir, const TurnMap& turns, Tally& tally) {
    const fs::path scratch = dir.parent_path() / (dir.filename().string() + "-ask");
    for (const auto& q : sample.questions) {
        copy_database(dir, scratch);
        auto engine = open_engine(scratch);
        auto conversation = engine->conversation(user, sample.asked_at).value();
        const auto begin = std::chrono::steady_clock::now();
        auto out = conversation->turn(TurnInput{.text = q.text, .at = sample.asked_at});
        tally.ms.push_back(
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin)
                .count());
        if (!out) {
            fmt::print(stderr, "locomo: ask '{}': {}\n", q.text, out.error().message);
            tally.add(q.category, {}, q.evidence);
            continue;
        }
        tally.add(q.category, dia_ids(out->recalled, turns), q.evidence);
    }
    fs::remove_all(scratch);
}

// ---- tuning ---------------------------------------------------------------------------------

using Setter = std::function<void(memory::RetrievalWeights&, float)>;

const std::map<std::string, Setter>& weight_setters() {
    static const std::map<std::string, Setter> setters = {
        {"relevance", [](auto& w, float v) { w.relevance = v; }},
        {"entity", [](auto& w, float v) { w.entity = v; }},
        {"time", [](auto& w, float v) { w.time = v; }},
        {"period", [](auto& w, float v) { w.period = v; }},
        {"recency", [](auto& w, float v) { w.recency = v; }},
        {"importance", [](auto& w, float v) { w.importance = v; }},
        {"emotional_fit", [](auto& w, float v) { w.emotional_fit = v; }},
        {"alone", [](auto& w, float v) { w.alone = v; }},
        {"window", [](auto& w, float v) { w.window = v; }},
        {"synonym", [](auto& w, float v) { w.synonym = v; }},
        {"k1", [](auto& w, float v) { w.k1 = v; }},
        {"b", [](auto& w, float v) { w.b = v; }},
        {"min_relevance", [](auto& w, float v) { w.min_relevance = v; }},
        {"candidates", [](auto& w, float v) { w.candidates = static_cast<std::size_t>(v); }},
        {"before", [](auto& w, float v) { w.before = v; }},
        {"after", [](auto& w, float v) { w.after = v; }},
        {"conversation", [](auto& w, float v) { w.conversation = v; }},
        {"support_from", [](auto& w, float v) { w.support_from = static_cast<std::size_t>(v); }},
    };
    return setters;
}

// "entity=0.1,0.2;time=0.1" → every combination of the values, over the default weights.
std::vector<std::pair<std::string, memory::RetrievalWeights>> grid(const std::string& spec) {
    std::vector<std::pair<std::string, memory::RetrievalWeights>> points{{"", {}}};
    std::size_t start = 0;
    while (start < spec.size()) {
        auto end = spec.find(';', start);
        if (end == std::string::npos) {
            end = spec.size();
        }
        const std::string item = spec.substr(start, end - start);
        start = end + 1;
        const auto eq = item.find('=');
        if (eq == std::string::npos) {
            continue;
        }
        const std::string key(core::trim(item.substr(0, eq)));
        const auto setter = weight_setters().find(key);
        if (setter == weight_setters().end()) {
            fmt::print(stderr, "locomo: --tune: no weight '{}'\n", key);
            std::exit(2);
        }
        std::vector<std::pair<std::string, memory::RetrievalWeights>> next;
        std::size_t v = eq + 1;
        while (v < item.size()) {
            auto comma = item.find(',', v);
            if (comma == std::string::npos) {
                comma = item.size();
            }
            const std::string value = item.substr(v, comma - v);
            v = comma + 1;
            for (auto point : points) {
                setter->second(point.second, std::stof(value));
                point.first += fmt::format("{}{}={}", point.first.empty() ? "" : " ", key, value);
                next.push_back(std::move(point));
            }
        }
        points = std::move(next);
    }
    return points;
}

struct Told {
    const Sample* sample;
    std::unique_ptr<storage::Database> db;
    std::int64_t person_id = 0;
    TurnMap turns;
};

void tune(const std::vector<Told>& told, const std::string& spec) {
    fmt::print("{:>6} {:>6} {:>6}  weights\n", "R@3", "R@5", "R@10");
    for (const auto& [name, weights] : grid(spec)) {
        Tally tally;
        for (const auto& t : told) {
            memory::MemoryStore store(*t.db);
            const auto facts = store.current_facts(t.person_id).value();
            for (const auto& q : t.sample->questions) {
                auto found = memory::find_memories(
                    store, t.person_id, q.text, t.sample->asked_at, 0.0f, facts, weights, 10);
                tally.add(q.category,
                          found ? dia_ids(*found, t.turns) : std::vector<std::string>{},
                          q.evidence);
            }
        }
        fmt::print("{:>6.1f} {:>6.1f} {:>6.1f}  {}\n",
                   tally.at(3),
                   tally.at(5),
                   tally.at(10),
                   name.empty() ? "(defaults)" : name);
        std::fflush(stdout);
    }
}

void print_row(const std::string& name, const Tally& t, bool chat = false) {
    if (chat) {
        fmt::print("{:<28} {:>6.1f} {:>6} {:>6} {:>8.2f} {:>8.2f}\n",
                   name,
                   t.at(3),
                   "-",
                   "-",
                   percentile(t.ms, 0.5),
                   percentile(t.ms, 0.99));
        return;
    }
    fmt::print("{:<28} {:>6.1f} {:>6.1f} {:>6.1f} {:>8.2f} {:>8.2f}\n",
               name,
               t.at(3),
               t.at(5),
               t.at(10),
               percentile(t.ms, 0.5),
               percentile(t.ms, 0.99));
}

} // namespace

int main(int argc, char** argv) {
    fs::path data =
        fs::path(SAMANTHA_SOURCE_DIR) / ".." / "shared" / "data" / "locomo" / "locomo_conv1-5.json";
    std::size_t only = 0;
    bool chat = true;
    std::string keep;
    std::string reuse;
    std::string misses_file;
    std::string tune_spec;
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--no-chat") {
            chat = false;
            continue;
        }
        if (i + 1 >= argc) {
            fmt::print(stderr, "locomo: {} needs a value\n", flag);
            return 2;
        }
        const std::string value = argv[++i];
        if (flag == "--data") {
            data = value;
        } else if (flag == "--only") {
            only = std::stoul(value);
        } else if (flag == "--keep") {
            keep = value;
        } else if (flag == "--reuse") {
            reuse = value;
        } else if (flag == "--misses") {
            misses_file = value;
        } else if (flag == "--tune") {
            tune_spec = value;
        } else {
            fmt::print(stderr, "locomo: unknown option {}\n", flag);
            return 2;
        }
    }
    auto samples = load(data);
    if (only > 0 && samples.size() > only) {
        samples.resize(only);
    }
    const fs::path work = !reuse.empty()  ? fs::path(reuse)
                          : !keep.empty() ? fs::path(keep)
                                          : fs::temp_directory_path() / "samantha-locomo";
    std::size_t turn_count = 0;
    std::size_t question_count = 0;
    for (const auto& s : samples) {
        turn_count += s.turns.size();
        question_count += s.questions.size();
    }
    Tally bm25_turns;
    Tally bm25_windows;
    Tally search;
    Tally recall;
    std::vector<double> tell_ms;
    std::vector<Told> told;
    std::unique_ptr<std::ofstream> misses;
    if (!misses_file.empty()) {
        misses = std::make_unique<std::ofstream>(misses_file);
    }
    const auto started = std::chrono::steady_clock::now();
    for (const auto& sample : samples) {
        const fs::path dir = work / sample.id;
        TurnMap turns;
        if (!reuse.empty()) {
            turns = load_turn_map(dir / "turns.json");
        } else {
            turns = tell(sample, dir, tell_ms);
            save_turn_map(turns, dir / "turns.json");
        }
        if (!tune_spec.empty()) {
            auto db = storage::open_sqlite((dir / "samantha.db").string(), {}).value();
            const auto person =
                db->query("SELECT id FROM people WHERE handle = ?", {std::string(user)}).value();
            told.push_back(Told{.sample = &sample,
                                .db = std::move(db),
                                .person_id = person.at(0).integer(0),
                                .turns = std::move(turns)});
            continue;
        }
        run_baselines(sample, bm25_turns, bm25_windows);
        search_all(sample, dir, turns, search, misses.get());
        if (chat) {
            chat_all(sample, dir, turns, recall);
        }
        if (keep.empty() && reuse.empty()) {
            fs::remove_all(dir);
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    fmt::print("locomo: {} conversations, {} turns, {} questions with evidence ({})\n",
               samples.size(),
               turn_count,
               question_count,
               data.filename().string());
    if (!tell_ms.empty()) {
        fmt::print("told through the chat path: {:.1f} s, {:.2f} ms per message p50, {:.2f} p99\n",
                   std::accumulate(tell_ms.begin(), tell_ms.end(), 0.0) / 1000,
                   percentile(tell_ms, 0.5),
                   percentile(tell_ms, 0.99));
    }
    if (!tune_spec.empty()) {
        tune(told, tune_spec);
        return 0;
    }
    fmt::print("\nevidence recall (%), cost per query (ms)\n");
    fmt::print("{:<28} {:>6} {:>6} {:>6} {:>8} {:>8}\n",
               "retriever",
               "R@3",
               "R@5",
               "R@10",
               "p50_ms",
               "p99_ms");
    print_row("BM25, single turns", bm25_turns);
    print_row("BM25, ±1-turn windows", bm25_windows);
    print_row("memory search", search);
    if (chat) {
        print_row("chat recall (whole turn)", recall, true);
    }
    fmt::print("\nper category (LoCoMo ids: 1 multi-hop, 2 temporal, 3 open-domain, 4 single-hop, "
               "5 adversarial)\n");
    fmt::print("{:<9} {:>4}  {:>17}  {:>17}  {:>17}  {:>6}\n",
               "category",
               "n",
               "BM25 turns 3/5/10",
               "BM25 window",
               "search",
               "chat@3");
    for (const auto& [category, n] : search.count) {
        if (category == 0) {
            continue;
        }
        const auto triple = [&](const Tally& t) {
            return fmt::format("{:>5.1f} {:>5.1f} {:>5.1f}",
                               t.at(3, category),
                               t.at(5, category),
                               t.at(10, category));
        };
        fmt::print("{:<9} {:>4}  {}  {}  {}  {:>6}\n",
                   category,
                   n,
                   triple(bm25_turns),
                   triple(bm25_windows),
                   triple(search),
                   chat ? fmt::format("{:.1f}", recall.at(3, category)) : "-");
    }
    fmt::print("\n({:.0f} s in all)\n", seconds);
    return 0;
}
