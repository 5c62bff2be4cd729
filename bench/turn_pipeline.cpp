// bench/turn_pipeline: engine time per turn with the builtin composer for one person with 1k, 10k
// and 100k stored memories; prints p50 / p99 / mean per size, and the ratio to the 1k run measured
// in the same process (machines here are noisy: compare ratios side by side); then the time of a
// memory search (Conversation::search_memories, limit 10) at the same size, p50 / p99.
//
//   build/release/bench/turn_pipeline [--turns N] [--sizes 1000,10000,100000] [--gap-ms G]
//                                     [--encrypted]
//
// --encrypted runs every size twice, plain and encrypted at rest (SQLCipher, a SAMANTHA_DB_KEY),
// side by side, and prints the ratio.
//
// --gap-ms pauses between turns (untimed), as a person's typing does; with no gap the background
// WAL checkpointer never catches up with a write loop, which no single person produces.
//
// Memories are generated with a Zipf word distribution over an English and a Korean vocabulary
// (common words recur in many memories, as in a real person's history), plus facts and events.
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>
#include <samantha/engine.h>

#include "core/random.h"
#include "core/time.h"
#include "memory/memory_store.h"
#include "storage/database.h"

namespace {

using namespace samantha; // NOLINT(google-build-using-namespace): a benchmark driver

constexpr std::array<std::string_view, 120> english_words = {
    "work",      "friend",    "today",   "coffee",   "music",     "sister",   "brother",
    "mom",       "dad",       "dog",     "cat",      "movie",     "book",     "dinner",
    "lunch",     "breakfast", "office",  "meeting",  "boss",      "project",  "deadline",
    "weekend",   "trip",      "beach",   "mountain", "rain",      "snow",     "sun",
    "walk",      "run",       "gym",     "yoga",     "sleep",     "dream",    "phone",
    "game",      "song",      "concert", "party",    "birthday",  "gift",     "cake",
    "tea",       "bus",       "train",   "car",      "city",      "park",     "river",
    "ocean",     "star",      "night",   "morning",  "evening",   "class",    "exam",
    "teacher",   "student",   "school",  "homework", "garden",    "flower",   "tree",
    "bird",      "kitchen",   "recipe",  "pasta",    "kimchi",    "soup",     "bread",
    "market",    "shop",      "money",   "rent",     "apartment", "neighbor", "doctor",
    "hospital",  "health",    "cold",    "fever",    "tired",     "happy",    "sad",
    "angry",     "nervous",   "excited", "calm",     "lonely",    "proud",    "worried",
    "relaxed",   "photo",     "camera",  "painting", "guitar",    "piano",    "dance",
    "language",  "korean",    "english", "travel",   "flight",    "hotel",    "museum",
    "history",   "science",   "space",   "computer", "code",      "bug",      "team",
    "promotion", "interview", "salary",  "holiday",  "family",    "wedding",  "baby",
    "puppy"};

constexpr std::array<std::string_view, 80> korean_words = {
    "회사",   "친구", "오늘", "커피",   "음악",   "언니", "동생", "엄마", "아빠",     "강아지",
    "고양이", "영화", "책",   "저녁",   "점심",   "아침", "회의", "상사", "프로젝트", "마감",
    "주말",   "여행", "바다", "산",     "비",     "눈",   "산책", "운동", "요가",     "잠",
    "꿈",     "전화", "게임", "노래",   "콘서트", "파티", "생일", "선물", "케이크",   "버스",
    "지하철", "도시", "공원", "강",     "별",     "밤",   "수업", "시험", "선생님",   "학교",
    "숙제",   "정원", "꽃",   "나무",   "새",     "부엌", "요리", "김치", "국",       "빵",
    "시장",   "돈",   "월세", "이웃",   "병원",   "감기", "피곤", "행복", "슬픔",     "긴장",
    "사진",   "그림", "기타", "피아노", "춤",     "면접", "월급", "휴가", "가족",     "결혼식"};

constexpr std::array<std::string_view, 8> korean_particles = {
    "를", "가", "는", "에서", "이랑", "도", "의", ""};

// Zipf(1) ranks over n items via the inverse of the harmonic CDF, approximated.
std::size_t zipf(core::Rng& rng, std::size_t n) {
    const double h = std::log(static_cast<double>(n)) + 0.5772;
    const double u = rng.uniform() * h;
    const auto rank = static_cast<std::size_t>(std::exp(u - 0.5772));
    return std::min(rank, n - 1);
}

std::string sentence(core::Rng& rng) {
    std::string out;
    const bool korean = rng.below(3) == 0;
    const std::size_t words = 5 + rng.below(10);
    for (std::size_t i = 0; i < words; ++i) {
        if (!out.empty()) {
            out += ' ';
        }
        if (korean) {
            out += korean_words.at(zipf(rng, korean_words.size()));
            out += korean_particles.at(rng.below(korean_particles.size()));
        } else {
            out += english_words.at(zipf(rng, english_words.size()));
        }
    }
    return out;
}

constexpr std::array<std::string_view, 16> turns = {
    "I had coffee with my sister after work today.",
    "My boss moved the project deadline again, I'm so tired.",
    "오늘 회사에서 회의가 너무 길었어요.",
    "I went for a walk in the park with my dog.",
    "강아지랑 공원에서 산책했어요.",
    "What do you remember about me?",
    "I have a job interview tomorrow.",
    "내일 면접이 있어서 긴장돼요.",
    "My friend played guitar at the concert.",
    "저는 김치 찌개를 좋아해요.",
    "I love rainy evenings with tea and a good book.",
    "Thanks for listening.",
    "동생이랑 영화 봤어요. 정말 재밌었어요!",
    "The train was late and I missed dinner.",
    "I moved to Busan last month.",
    "요즘 너무 외로워요."};

struct Stats {
    double p50_us = 0;
    double p99_us = 0;
    double mean_us = 0;
};

Stats stats(std::vector<double> us) {
    std::sort(us.begin(), us.end());
    const auto at = [&](double q) {
        return us.at(
            std::min(us.size() - 1, static_cast<std::size_t>(q * static_cast<double>(us.size()))));
    };
    double sum = 0;
    for (const double v : us) {
        sum += v;
    }
    return Stats{
        .p50_us = at(0.50), .p99_us = at(0.99), .mean_us = sum / static_cast<double>(us.size())};
}

// Fills the store with `count` memories for the person "bench" (person id 1).
void populate(const std::string& db_path, std::size_t count, const std::string& key) {
    auto db = storage::open_sqlite(db_path, storage::SqliteOptions{.key = key}).value();
    if (!storage::migrate(*db)) {
        std::abort();
    }
    (void)db->query("INSERT INTO people (handle, created_at) VALUES ('bench', 0)");
    (void)db->query("INSERT INTO person_state (person_id) VALUES (1)");
    memory::MemoryStore store(*db);
    core::Rng rng(2026);
    const std::chrono::sys_seconds start{std::chrono::seconds{1'700'000'000}};
    auto tx = storage::Transaction::begin(*db).value();
    for (std::size_t i = 0; i < count; ++i) {
        const auto at = start + std::chrono::minutes(static_cast<long>(i) * 5);
        memory::NewMemory m;
        if (i % 20 == 0) {
            m.kind = MemoryKind::Fact;
            m.slot = fmt::format("pref:{}", english_words.at(zipf(rng, english_words.size())));
            m.value = rng.below(2) == 0 ? "like" : "dislike";
            m.text =
                fmt::format("{}: {}", m.value == "like" ? "likes" : "dislikes", m.slot.substr(5));
        } else if (i % 25 == 0) {
            m.kind = MemoryKind::Event;
            m.value = std::string(english_words.at(zipf(rng, english_words.size())));
            m.date = core::civil_from_days(20000 + static_cast<std::int64_t>(i / 50));
            m.text = m.value;
        } else {
            m.kind = MemoryKind::Episode;
            m.text = sentence(rng);
            // Each message is a turn of a conversation (40 memories each), so every episode has
            // the neighbours of its search window (docs/memory.md, "Windows").
            const auto conversation = static_cast<std::int64_t>(i / 40) + 1;
            if (i % 40 == 0 || i % 40 == 1) {
                (void)db->query("INSERT OR IGNORE INTO conversations (id, person_id, started_at, "
                                "last_turn_at) VALUES (?, 1, ?, ?)",
                                {conversation,
                                 std::int64_t{at.time_since_epoch().count()},
                                 std::int64_t{at.time_since_epoch().count()}});
            }
            auto turn = db->query(
                "INSERT INTO turns (conversation_id, person_id, at, utc_offset_min, user_text, "
                "reply, language, strategy, emotion, valence, arousal) VALUES (?, 1, ?, 0, ?, '', "
                "'en', 'follow_up', 'neutral', 0, 0) RETURNING id",
                {conversation, std::int64_t{at.time_since_epoch().count()}, m.text});
            if (!turn) {
                std::abort();
            }
            m.source_turn_id = turn->at(0).integer(0);
        }
        m.importance = static_cast<float>(rng.uniform());
        m.valence = static_cast<float>(rng.uniform() * 2 - 1);
        if (!store.remember(1, m, at)) {
            std::abort();
        }
    }
    if (!tx.commit()) {
        std::abort();
    }
}

// What one size measured: whole turns, and memory searches (`samantha memory search`).
struct Measured {
    Stats turn;
    Stats search;
};

constexpr std::array<std::string_view, 8> searches = {"coffee with my sister",
                                                      "job interview",
                                                      "강아지랑 산책",
                                                      "when did I go to the concert",
                                                      "회사 회의",
                                                      "the park last week",
                                                      "guitar and piano",
                                                      "what do I like"};

Measured run(std::size_t memories, int count, int gap_ms, const std::string& key) {
    const auto dir =
        std::filesystem::temp_directory_path() / fmt::format("samantha-bench-{}", memories);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    populate((dir / "samantha.db").string(), memories, key);
    Config config;
    config.data_dir = dir;
    config.db_key = key;
    auto engine = Engine::open(config, make_system_clock(), Logger{}).value();
    Moment now = core::parse_iso8601("2026-11-27T20:00:00+09:00", std::chrono::minutes{0}).value();
    auto conversation = engine->conversation("bench", now).value();
    std::vector<double> us;
    us.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count + 20; ++i) {
        now.utc += std::chrono::seconds(37);
        const TurnInput input{
            .text = std::string(turns.at(static_cast<std::size_t>(i) % turns.size())), .at = now};
        const auto begin = std::chrono::steady_clock::now();
        auto out = conversation->turn(input);
        const auto end = std::chrono::steady_clock::now();
        if (!out) {
            fmt::print(stderr, "turn failed: {}\n", out.error().message);
            std::abort();
        }
        if (i >= 20) { // the first turns warm the statement cache and the page cache
            us.push_back(std::chrono::duration<double, std::micro>(end - begin).count());
        }
        if (gap_ms > 0) {
            std::this_thread::sleep_for(std::chrono::milliseconds(gap_ms));
        }
    }
    std::vector<double> search_us;
    for (int i = 0; i < count + 20; ++i) {
        const auto query = searches.at(static_cast<std::size_t>(i) % searches.size());
        const auto begin = std::chrono::steady_clock::now();
        auto found = conversation->search_memories(query, 10);
        const auto end = std::chrono::steady_clock::now();
        if (!found) {
            fmt::print(stderr, "search failed: {}\n", found.error().message);
            std::abort();
        }
        if (i >= 20) {
            search_us.push_back(std::chrono::duration<double, std::micro>(end - begin).count());
        }
    }
    conversation.reset();
    engine.reset();
    if (std::getenv("SAMANTHA_BENCH_KEEP") == nullptr) { // NOLINT(concurrency-mt-unsafe)
        std::filesystem::remove_all(dir);
    }
    return Measured{.turn = stats(std::move(us)), .search = stats(std::move(search_us))};
}

} // namespace

int main(int argc, char** argv) {
    int count = 500;
    int gap_ms = 0;
    bool encrypted = false;
    std::vector<std::size_t> sizes = {1000, 10000, 100000};
    for (int i = 1; i < argc; ++i) {
        const std::string flag = argv[i];
        if (flag == "--encrypted") {
            encrypted = true;
            continue;
        }
        if (i + 1 >= argc) {
            break;
        }
        const std::string value = argv[++i];
        if (flag == "--turns") {
            count = std::atoi(value.c_str());
        } else if (flag == "--gap-ms") {
            gap_ms = std::atoi(value.c_str());
        } else if (flag == "--sizes") {
            sizes.clear();
            std::size_t pos = 0;
            while (pos < value.size()) {
                const auto comma = value.find(',', pos);
                sizes.push_back(std::stoul(value.substr(pos, comma - pos)));
                pos = comma == std::string::npos ? value.size() : comma + 1;
            }
        }
    }
    fmt::print(
        "turn_pipeline: builtin composer, {} turns per size, one person, {} ms between turns\n",
        count,
        gap_ms);
    if (encrypted) {
        fmt::print("{:>10} {:>14} {:>14} {:>14} {:>14} {:>10}\n",
                   "memories",
                   "plain p50_ms",
                   "plain p99_ms",
                   "encrypted p50",
                   "encrypted p99",
                   "p50 ratio");
        for (const std::size_t size : sizes) {
            const Stats plain = run(size, count, gap_ms, "").turn;
            const Stats sealed = run(size, count, gap_ms, "bench passphrase").turn;
            fmt::print("{:>10} {:>14.3f} {:>14.3f} {:>14.3f} {:>14.3f} {:>10.2f}\n",
                       size,
                       plain.p50_us / 1000,
                       plain.p99_us / 1000,
                       sealed.p50_us / 1000,
                       sealed.p99_us / 1000,
                       sealed.p50_us / plain.p50_us);
            std::fflush(stdout);
        }
        return 0;
    }
    fmt::print("{:>10} {:>10} {:>10} {:>10} {:>12} {:>11} {:>11}\n",
               "memories",
               "p50_ms",
               "p99_ms",
               "mean_ms",
               "p99/p99(1st)",
               "search_p50",
               "search_p99");
    double first_p99 = 0;
    for (const std::size_t size : sizes) {
        const Measured m = run(size, count, gap_ms, "");
        const Stats& s = m.turn;
        if (first_p99 == 0) {
            first_p99 = s.p99_us;
        }
        fmt::print("{:>10} {:>10.3f} {:>10.3f} {:>10.3f} {:>12.2f} {:>11.3f} {:>11.3f}\n",
                   size,
                   s.p50_us / 1000,
                   s.p99_us / 1000,
                   s.mean_us / 1000,
                   s.p99_us / first_p99,
                   m.search.p50_us / 1000,
                   m.search.p99_us / 1000);
        std::fflush(stdout);
    }
    return 0;
}
