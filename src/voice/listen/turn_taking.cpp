// The end of a turn (docs/hearing.md): how a transcript so far ends, the pause that ends a turn
// that ends so, and the listener that cuts a stream of audio into turns with a voice detector.

#include <algorithm>
#include <array>
#include <string_view>

#include <samantha/hearing.h>

#include "core/text.h"
#include "core/utf8.h"

namespace samantha {
namespace {

using namespace std::string_view_literals;

bool ends_with(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

template <std::size_t N>
bool is_one_of(std::string_view word, const std::array<std::string_view, N>& words) {
    return std::find(words.begin(), words.end(), word) != words.end();
}

template <std::size_t N>
bool ends_with_one_of(std::string_view word, const std::array<std::string_view, N>& endings) {
    return std::any_of(
        endings.begin(), endings.end(), [&](std::string_view e) { return ends_with(word, e); });
}

// English words after which a clause is still open: connectives, prepositions, determiners,
// auxiliaries and fillers.
constexpr std::array english_open{
    "and"sv,      "but"sv,   "or"sv,       "because"sv, "cause"sv,    "'cause"sv,    "which"sv,
    "who"sv,      "whose"sv, "where"sv,    "when"sv,    "while"sv,    "if"sv,        "unless"sv,
    "until"sv,    "since"sv, "although"sv, "whether"sv, "than"sv,     "like"sv,      "um"sv,
    "uh"sv,       "er"sv,    "erm"sv,      "uhm"sv,     "umm"sv,      "uhh"sv,       "hmm"sv,
    "the"sv,      "a"sv,     "an"sv,       "my"sv,      "your"sv,     "his"sv,       "her"sv,
    "their"sv,    "our"sv,   "its"sv,      "this"sv,    "these"sv,    "those"sv,     "some"sv,
    "any"sv,      "of"sv,    "to"sv,       "for"sv,     "with"sv,     "at"sv,        "in"sv,
    "on"sv,       "from"sv,  "about"sv,    "into"sv,    "onto"sv,     "by"sv,        "after"sv,
    "before"sv,   "is"sv,    "are"sv,      "was"sv,     "were"sv,     "am"sv,        "be"sv,
    "been"sv,     "being"sv, "have"sv,     "has"sv,     "had"sv,      "just"sv,      "very"sv,
    "kinda"sv,    "sorta"sv, "gonna"sv,    "wanna"sv,   "gotta"sv,    "also"sv,      "even"sv,
    "still"sv,    "so"sv,    "then"sv,     "keeps"sv,   "keep"sv,     "i"sv,         "we"sv,
    "they"sv,     "he"sv,    "she"sv,      "you"sv,     "it's"sv,     "i'm"sv,       "we're"sv,
    "they're"sv,  "he's"sv,  "she's"sv,    "there's"sv, "could"sv,    "would"sv,     "should"sv,
    "can"sv,      "will"sv,  "might"sv,    "did"sv,     "do"sv,       "does"sv,      "every"sv,
    "each"sv,     "as"sv,    "how"sv,      "what"sv,    "why"sv,      "mean"sv,      "basically"sv,
    "probably"sv, "maybe"sv, "went"sv,     "between"sv, "usually"sv,  "said"sv,      "told"sv,
    "asked"sv,    "want"sv,  "need"sv,     "trying"sv,  "thinking"sv, "wondering"sv, "remember"sv,
    "wish"sv,     "hope"sv,  "thought"sv,  "think"sv,   "guess"sv,    "feel"sv,      "know"sv};

// Words that open a subordinate clause.
constexpr std::array english_subordinators{"if"sv,
                                           "when"sv,
                                           "whenever"sv,
                                           "after"sv,
                                           "before"sv,
                                           "while"sv,
                                           "since"sv,
                                           "unless"sv,
                                           "once"sv,
                                           "although"sv,
                                           "though"sv,
                                           "because"sv};

// Auxiliaries that follow a question word in a question.
constexpr std::array english_auxiliaries{"are"sv,
                                         "is"sv,
                                         "do"sv,
                                         "does"sv,
                                         "did"sv,
                                         "will"sv,
                                         "can"sv,
                                         "could"sv,
                                         "would"sv,
                                         "should"sv,
                                         "was"sv,
                                         "were"sv,
                                         "have"sv,
                                         "has"sv,
                                         "am"sv,
                                         "i"sv,
                                         "you"sv};

// English words that open a question or a request.
constexpr std::array english_asking{
    "what"sv,   "why"sv,  "how"sv,    "when"sv,  "where"sv, "who"sv,    "which"sv,
    "do"sv,     "does"sv, "did"sv,    "can"sv,   "could"sv, "would"sv,  "will"sv,
    "are"sv,    "is"sv,   "should"sv, "shall"sv, "have"sv,  "has"sv,    "tell"sv,
    "please"sv, "sing"sv, "let's"sv,  "wanna"sv, "guess"sv, "remind"sv, "say"sv};

// Korean words that leave a sentence open: connectives, fillers and adverbs that wait for more.
constexpr std::array korean_open_words{
    "그리고"sv,   "근데"sv, "그런데"sv, "그래서"sv, "그러니까"sv, "그니까"sv, "하지만"sv,
    "그러면"sv,   "그럼"sv, "아니면"sv, "그래도"sv, "왜냐하면"sv, "음"sv,     "어"sv,
    "아"sv,       "그"sv,   "저"sv,     "저기"sv,   "뭐"sv,       "뭐랄까"sv, "있잖아"sv,
    "있잖아요"sv, "막"sv,   "진짜"sv,   "정말"sv,   "너무"sv,     "완전"sv,   "아까"sv,
    "좀"sv,       "그냥"sv, "되게"sv,   "엄청"sv,   "갑자기"sv,   "혹시"sv,   "사실"sv,
    "일단"sv,     "요즘"sv, "어제"sv,   "오늘"sv,   "내일"sv,     "항상"sv,   "자꾸"sv,
    "계속"sv,     "벌써"sv, "아직"sv,   "또"sv,     "제가"sv,     "내가"sv,   "나는"sv,
    "저는"sv,     "우리"sv, "그게"sv,   "이게"sv,   "그거"sv,     "원래"sv,   "솔직히"sv,
    "꼭"sv,       "때"sv,   "제일"sv,   "가장"sv};

// Korean adverbs and fillers that may also trail a finished sentence ("뭐 그랬어 그냥").
constexpr std::array korean_trailing{"그냥"sv,
                                     "뭐"sv,
                                     "진짜"sv,
                                     "정말"sv,
                                     "완전"sv,
                                     "좀"sv,
                                     "막"sv,
                                     "너무"sv,
                                     "솔직히"sv,
                                     "암튼"sv,
                                     "아무튼"sv};

// Korean endings after which the sentence goes on: connective endings (-고, -는데, -서, -니까,
// -면, -지만, -다가, -면서, -려고), case and topic particles, and adnominal endings (-는, -던).
constexpr std::array korean_connectives{"는데"sv,   "은데"sv, "인데"sv, "한데"sv, "던데"sv,
                                        "니까"sv,   "지만"sv, "다가"sv, "면서"sv, "려고"sv,
                                        "자마자"sv, "도록"sv, "거나"sv, "든지"sv, "는지"sv,
                                        "은지"sv,   "더니"sv, "라서"sv, "해서"sv, "마다"sv};

// Particles and one-syllable endings after which the sentence goes on (checked after the asking
// endings, which some of them end).
constexpr std::array korean_open_endings{
    "고"sv,   "서"sv,   "면"sv,   "가"sv,   "이"sv,   "는"sv,   "은"sv, "를"sv, "을"sv,
    "에"sv,   "에서"sv, "한테"sv, "에게"sv, "랑"sv,   "하고"sv, "의"sv, "로"sv, "으로"sv,
    "까지"sv, "부터"sv, "처럼"sv, "보다"sv, "께서"sv, "던"sv,   "도"sv, "만"sv, "건"sv};

// Korean endings that ask or request.
constexpr std::array korean_asking_endings{
    "까"sv,     "까요"sv,   "니"sv,   "냐"sv,   "나요"sv, "가요"sv,   "어때"sv,
    "어때요"sv, "래"sv,     "래요"sv, "줘"sv,   "줘요"sv, "주세요"sv, "줄래"sv,
    "줄래요"sv, "자"sv,     "죠"sv,   "봐"sv,   "봐요"sv, "실래요"sv, "세요"sv,
    "을까"sv,   "는지요"sv, "던가"sv, "데요"sv, "대"sv};

// Korean endings that look open but close a sentence: quotative and explanatory finals.
constexpr std::array korean_closed_endings{"다고"sv,
                                           "라고"sv,
                                           "냐고"sv,
                                           "자고"sv,
                                           "다가요"sv,
                                           "고요"sv,
                                           "서요"sv,
                                           "는데요"sv,
                                           "은데요"sv,
                                           "인데요"sv,
                                           "지만요"sv,
                                           "거든"sv,
                                           "거든요"sv,
                                           "나도"sv,
                                           "저도"sv,
                                           "너도"sv,
                                           "아마도"sv};

// The text with trailing spaces removed.
std::string_view trim_end(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

bool hangul_word(std::string_view word) {
    const char32_t last = core::last_code_point(word);
    return last >= 0xAC00 && last <= 0xD7A3;
}

TurnEnding read_words(std::string_view text) {
    text = trim_end(text);
    if (text.empty()) {
        return TurnEnding::Unknown;
    }
    if (ends_with(text, "...") || ends_with(text, "…") || ends_with(text, ",") ||
        ends_with(text, "-") || ends_with(text, "—")) {
        return TurnEnding::Unfinished;
    }
    const bool question_mark = ends_with(text, "?") || ends_with(text, "？");
    const auto words = core::split_words(text);
    if (words.empty()) {
        return question_mark ? TurnEnding::Question : TurnEnding::Unknown;
    }
    const std::string last = core::to_lower(words.back());
    if (question_mark) {
        return TurnEnding::Question;
    }
    const bool sentence_mark = ends_with(text, ".") || ends_with(text, "!");
    if (hangul_word(last)) {
        if (is_one_of(last, korean_trailing) && words.size() >= 2 && !sentence_mark) {
            // After a finished sentence the adverb is an afterthought: the sentence decides.
            const std::string before = words[words.size() - 2];
            const std::size_t cut = text.rfind(last);
            const TurnEnding rest = read_words(text.substr(0, cut));
            if (hangul_word(before) &&
                (rest == TurnEnding::Finished || rest == TurnEnding::Question)) {
                return rest;
            }
        }
        if (is_one_of(last, korean_open_words) && !sentence_mark) {
            return TurnEnding::Unfinished;
        }
        if (ends_with_one_of(last, korean_closed_endings)) {
            return TurnEnding::Finished;
        }
        if (ends_with_one_of(last, korean_connectives) && !sentence_mark) {
            return TurnEnding::Unfinished;
        }
        if (ends_with_one_of(last, korean_asking_endings)) {
            return TurnEnding::Question;
        }
        if (ends_with_one_of(last, korean_open_endings) && core::code_point_count(last) >= 2 &&
            !sentence_mark) {
            return TurnEnding::Unfinished;
        }
        return TurnEnding::Finished;
    }
    if (is_one_of(last, english_open) && !sentence_mark) {
        return TurnEnding::Unfinished;
    }
    const std::string first = core::to_lower(words.front());
    const std::string second = words.size() >= 2 ? core::to_lower(words[1]) : std::string();
    // A subordinate clause with no main clause yet ("If I get this promotion", "When my wife gets
    // home"), unless a question word is followed by its auxiliary ("when are you coming").
    const bool asks = is_one_of(second, english_auxiliaries);
    if (is_one_of(first, english_subordinators) && !asks && text.find(',') == std::string::npos &&
        !sentence_mark) {
        return TurnEnding::Unfinished;
    }
    if (is_one_of(first, english_asking) && words.size() >= 2) {
        return TurnEnding::Question;
    }
    return TurnEnding::Finished;
}

} // namespace

const char* turn_ending_name(TurnEnding ending) {
    switch (ending) {
    case TurnEnding::Finished:
        return "finished";
    case TurnEnding::Question:
        return "question";
    case TurnEnding::Unfinished:
        return "unfinished";
    case TurnEnding::Unknown:
        break;
    }
    return "unknown";
}

TurnEnding read_turn_ending(const std::string& text) {
    const std::string_view all = trim_end(text);
    const TurnEnding whole = read_words(all);
    // A short tag after a finished clause ("It was fine, honestly", "아닌 것 같아요, 솔직히") is an
    // afterthought: the turn ends as the clause before it did.
    if (whole == TurnEnding::Unfinished && !ends_with(all, ",")) {
        const std::size_t comma = all.rfind(',');
        const auto tail = core::split_words(all.substr(comma + 1));
        // English afterthoughts that are not fillers never end in an open word ("like,
        // honestly."), so only Korean tails are read here ("아닌 것 같아요, 솔직히").
        const bool tail_is_filler = tail.empty() || !hangul_word(tail.back());
        if (comma != std::string_view::npos && tail.size() <= 2 && !tail_is_filler &&
            core::split_words(all.substr(0, comma)).size() >= 2) {
            const TurnEnding before = read_words(all.substr(0, comma));
            if (before == TurnEnding::Finished || before == TurnEnding::Question) {
                return before;
            }
        }
    }
    return whole;
}

double turn_end_pause_ms(TurnEnding ending, const TurnEndSettings& settings) {
    switch (ending) {
    case TurnEnding::Finished:
        return settings.base_ms;
    case TurnEnding::Question:
        return settings.question_ms;
    case TurnEnding::Unfinished:
        return settings.unfinished_ms;
    case TurnEnding::Unknown:
        break;
    }
    return settings.no_text_ms;
}

// ---- The listener -------------------------------------------------------------------------------

namespace {

constexpr int frame_samples = hearing_sample_rate_hz * vad_frame_ms / 1000;
constexpr int start_frames = 3;          // speech frames in a row that start a turn
constexpr int preroll_frames = 20;       // audio kept before the start, for the recogniser's onsets
constexpr double probe_pause_ms = 250.0; // the pause at which the words so far are read

} // namespace

TurnListener::TurnListener(VoiceActivityDetector& vad,
                           SpeechRecognizer* recognizer,
                           RecognizeOptions options,
                           TurnEndSettings settings)
    : m_vad(vad)
    , m_recognizer(recognizer)
    , m_options(std::move(options))
    , m_settings(settings) {}

Result<Transcript> TurnListener::hear(std::stop_token stop) {
    if (m_recognizer == nullptr) {
        return Transcript{};
    }
    const std::size_t end =
        std::min(m_turn.size(),
                 static_cast<std::size_t>(m_last_speech + 1 - m_turn_start + 5) * frame_samples);
    Audio audio{.sample_rate_hz = hearing_sample_rate_hz,
                .samples = std::vector<float>(m_turn.begin(), m_turn.begin() + end)};
    return m_recognizer->transcribe(audio, m_options, stop);
}

Result<std::optional<Utterance>> TurnListener::on_frame(const float* frame, std::stop_token stop) {
    const bool speech = m_vad.is_speech(frame);
    const std::int64_t now = m_frames++;
    if (m_turn_start < 0) {
        // Waiting for a turn: keep a little audio before it, and start after a few speech frames.
        m_turn.insert(m_turn.end(), frame, frame + frame_samples);
        if (m_turn.size() > static_cast<std::size_t>(preroll_frames * frame_samples)) {
            m_turn.erase(m_turn.begin(), m_turn.begin() + frame_samples);
        }
        m_run = speech ? m_run + 1 : 0;
        if (m_run >= start_frames) {
            m_turn_start = now + 1 - static_cast<std::int64_t>(m_turn.size() / frame_samples);
            m_last_speech = now;
            m_speech_ms = start_frames * vad_frame_ms;
            m_in_speech = true;
            m_partial = {};
            m_ending = TurnEnding::Unknown;
            m_heard_at_pause = false;
        }
        return std::optional<Utterance>{};
    }
    m_turn.insert(m_turn.end(), frame, frame + frame_samples);
    if (speech) {
        m_last_speech = now;
        m_speech_ms += vad_frame_ms;
        m_in_speech = true;
        m_heard_at_pause = false;
        return std::optional<Utterance>{};
    }
    m_in_speech = false;
    const double pause_ms = static_cast<double>(now - m_last_speech) * vad_frame_ms;
    if (!m_heard_at_pause && pause_ms >= probe_pause_ms) {
        m_heard_at_pause = true;
        auto heard = hear(stop);
        if (!heard) {
            return heard.error();
        }
        m_partial = std::move(*heard);
        m_ending = read_turn_ending(m_partial.text);
    }
    if (!m_heard_at_pause || pause_ms < turn_end_pause_ms(m_ending, m_settings)) {
        return std::optional<Utterance>{};
    }
    std::optional<Utterance> done;
    if (m_speech_ms >= m_settings.min_speech_ms) {
        done = Utterance{.start_ms = static_cast<double>(m_turn_start) * vad_frame_ms,
                         .end_ms = static_cast<double>(m_last_speech + 1) * vad_frame_ms,
                         .decided_ms = static_cast<double>(now + 1) * vad_frame_ms,
                         .transcript = m_partial,
                         .ending = m_ending};
    }
    m_turn.clear();
    m_turn_start = -1;
    m_run = 0;
    return done;
}

Result<std::vector<Utterance>>
TurnListener::feed(const float* samples, std::size_t count, std::stop_token stop) {
    std::vector<Utterance> out;
    m_pending.insert(m_pending.end(), samples, samples + count);
    std::size_t at = 0;
    for (; at + frame_samples <= m_pending.size(); at += frame_samples) {
        auto done = on_frame(m_pending.data() + at, stop);
        if (!done) {
            m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(at));
            return done.error();
        }
        if (*done) {
            out.push_back(std::move(**done));
        }
    }
    m_pending.erase(m_pending.begin(), m_pending.begin() + static_cast<std::ptrdiff_t>(at));
    return out;
}

Result<std::vector<Utterance>> TurnListener::finish(std::stop_token stop) {
    std::vector<Utterance> out;
    if (m_turn_start >= 0 && m_speech_ms >= m_settings.min_speech_ms) {
        if (!m_heard_at_pause) {
            auto heard = hear(stop);
            if (!heard) {
                return heard.error();
            }
            m_partial = std::move(*heard);
            m_ending = read_turn_ending(m_partial.text);
        }
        const double end_ms = static_cast<double>(m_last_speech + 1) * vad_frame_ms;
        out.push_back(Utterance{.start_ms = static_cast<double>(m_turn_start) * vad_frame_ms,
                                .end_ms = end_ms,
                                .decided_ms = static_cast<double>(m_frames) * vad_frame_ms,
                                .transcript = m_partial,
                                .ending = m_ending});
    }
    m_turn.clear();
    m_turn_start = -1;
    m_run = 0;
    m_pending.clear();
    m_in_speech = false;
    return out;
}

Result<std::vector<Utterance>> listen_to(const Audio& audio,
                                         VoiceActivityDetector& vad,
                                         SpeechRecognizer* recognizer,
                                         const RecognizeOptions& options,
                                         const TurnEndSettings& settings,
                                         std::stop_token stop) {
    auto resampled = resample(audio, hearing_sample_rate_hz); // passes 16 kHz through
    if (!resampled) {
        return resampled.error();
    }
    Audio at16k = std::move(*resampled);
    TurnListener listener(vad, recognizer, options, settings);
    auto turns = listener.feed(at16k.samples.data(), at16k.samples.size(), stop);
    if (!turns) {
        return turns.error();
    }
    auto rest = listener.finish(stop);
    if (!rest) {
        return rest.error();
    }
    turns->insert(turns->end(), rest->begin(), rest->end());
    return turns;
}

} // namespace samantha
