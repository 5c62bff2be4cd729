// bench/voice: the cost of Samantha's voice with espeak-ng, in both languages.
//
//   build/release/bench/voice [--runs N]          (taskset -c 0 … for "one core")
//
// Prints, per language:
//  - time to first audio chunk once a reply's first sentence exists (plan + synthesis of its first
//    phrase, through the renderer to the chunk callback): p50 / p99 over N sentences;
//  - real-time factor (processing time / audio duration) for a paragraph, humanised and --plain,
//    and their ratio (measured side by side, alternating, in one process).
// The process is single-threaded: espeak-ng runs synchronously on the calling thread.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <samantha/speech.h>

namespace {

using namespace samantha; // NOLINT(google-build-using-namespace): a benchmark driver
using SteadyClock = std::chrono::steady_clock;

double ms_since(SteadyClock::time_point start) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - start).count();
}

double percentile(std::vector<double> xs, double q) {
    std::sort(xs.begin(), xs.end());
    return xs[std::min(xs.size() - 1,
                       static_cast<std::size_t>(q * static_cast<double>(xs.size())))];
}

struct Language_case {
    Language language;
    const char* name;
    std::vector<std::string> first_sentences;
    std::string paragraph;
};

} // namespace

int main(int argc, char** argv) {
    int runs = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (std::string(argv[i]) == "--runs") {
            runs = std::max(1, std::atoi(argv[i + 1]));
        }
    }
    auto made = make_espeak_synthesizer();
    if (!made) {
        fmt::print(stderr, "bench/voice: {}\n", made.error().message);
        return 1;
    }
    SpeechSynthesizer& espeak = **made;
    const std::vector<Language_case> cases{
        {Language::English,
         "en",
         {"That sounds like a really hard day.",
          "Oh, congratulations, Mina!",
          "I remember you said your interview was tomorrow.",
          "Tell me more about your sister."},
         "I heard about your day, and I'm really glad you told me. It sounds like the interview "
         "was harder than you expected, but you went anyway, and that takes courage. What was "
         "the hardest part? I'm here, and I'm not going anywhere. Tomorrow is another day, and "
         "we can think about it together if you like."},
        {Language::Korean,
         "ko",
         {"오늘 정말 힘들었겠어요.",
          "와, 축하해요, 민지 씨!",
          "내일 면접이라고 했던 거 기억나요.",
          "언니 얘기 더 해 주세요."},
         "오늘 있었던 일 얘기해 줘서 정말 고마워요. 면접이 생각보다 어려웠던 것 같은데, 그래도 "
         "끝까지 해냈잖아요. 그게 쉬운 일이 아니에요. 제일 힘들었던 게 뭐였어요? 저는 여기 "
         "있을게요. 내일은 또 다른 하루니까, 원하면 같이 생각해 봐요."},
    };
    fmt::print("| language | first chunk p50 ms | p99 ms | RTF humanised | RTF plain | humanised / "
               "plain |\n| --- | ---: | ---: | ---: | ---: | ---: |\n");
    for (const auto& c : cases) {
        // Warm-up: voices load on first use.
        (void)espeak.synthesize(PhraseRequest{.text = c.first_sentences[0], .language = c.language},
                                {});
        std::vector<double> first_chunk;
        for (int r = 0; r < runs; ++r) {
            const std::string& sentence =
                c.first_sentences[static_cast<std::size_t>(r) % c.first_sentences.size()];
            const auto start = SteadyClock::now();
            double at = -1.0;
            auto planner = ProsodyPlanner::open(
                ProsodyRequest{.language = c.language, .seed = static_cast<std::uint64_t>(r + 1)});
            SpeechRenderer renderer(espeak, VoiceProfile{});
            auto done = renderer.render(planner->next(sentence, ProsodyPlanner::Piece::Continues),
                                        [&](const SpeechChunk&) {
                                            at = ms_since(start);
                                            return false; // only the first chunk is timed
                                        },
                                        {});
            (void)done;
            first_chunk.push_back(at);
        }
        double humanised_ms = 0.0;
        double plain_ms = 0.0;
        double humanised_audio_ms = 0.0;
        double plain_audio_ms = 0.0;
        const int rtf_runs = std::max(3, runs / 10);
        for (int r = 0; r < rtf_runs; ++r) {
            for (const bool humanised : {true, false}) {
                const auto start = SteadyClock::now();
                auto plan = plan_prosody(ProsodyRequest{.text = c.paragraph,
                                                        .language = c.language,
                                                        .seed = static_cast<std::uint64_t>(r + 1),
                                                        .humanised = humanised});
                auto audio = render_speech(espeak, VoiceProfile{}, *plan);
                const double took = ms_since(start);
                (humanised ? humanised_ms : plain_ms) += took;
                (humanised ? humanised_audio_ms : plain_audio_ms) += audio->duration_ms();
            }
        }
        const double rtf_h = humanised_ms / humanised_audio_ms;
        const double rtf_p = plain_ms / plain_audio_ms;
        fmt::print("| {} | {:.2f} | {:.2f} | {:.4f} | {:.4f} | {:.2f} |\n",
                   c.name,
                   percentile(first_chunk, 0.5),
                   percentile(first_chunk, 0.99),
                   rtf_h,
                   rtf_p,
                   rtf_h / rtf_p);
    }
    return 0;
}
