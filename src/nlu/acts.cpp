#include "nlu/acts.h"

#include <algorithm>
#include <cstdlib>
#include <string_view>

#include <fmt/format.h>

#include "core/hangul.h"
#include "core/text.h"
#include "core/utf8.h"
#include "nlu/acts_embedded.h"

namespace samantha::nlu {

const char* dialogue_act_name(DialogueAct act) {
    switch (act) {
    case DialogueAct::AskSelf:
        return "ask_self";
    case DialogueAct::AskSamantha:
        return "ask_samantha";
    case DialogueAct::AskWorld:
        return "ask_world";
    case DialogueAct::Statement:
        return "statement";
    case DialogueAct::Plan:
        return "plan";
    case DialogueAct::Request:
        return "request";
    case DialogueAct::Greeting:
        return "greeting";
    case DialogueAct::Farewell:
        return "farewell";
    case DialogueAct::Thanks:
        return "thanks";
    case DialogueAct::Joke:
        return "joke";
    }
    return "statement";
}

std::optional<DialogueAct> parse_dialogue_act(std::string_view name) {
    for (const DialogueAct act : all_dialogue_acts) {
        if (name == dialogue_act_name(act)) {
            return act;
        }
    }
    return std::nullopt;
}

bool is_question(DialogueAct act) {
    return act == DialogueAct::AskSelf || act == DialogueAct::AskSamantha ||
           act == DialogueAct::AskWorld;
}

bool may_carry_facts(DialogueAct act) {
    return !is_question(act) && act != DialogueAct::Request && act != DialogueAct::Thanks;
}

std::vector<std::string> dialogue_act_labels() {
    std::vector<std::string> labels;
    for (const DialogueAct act : all_dialogue_acts) {
        labels.emplace_back(dialogue_act_name(act));
    }
    return labels;
}

namespace {

using Words = std::vector<std::string_view>;

bool one_of(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::find(list.begin(), list.end(), word) != list.end();
}

bool starts_with_any(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::any_of(
        list.begin(), list.end(), [&](std::string_view p) { return word.starts_with(p); });
}

bool ends_with_any(std::string_view word, std::initializer_list<std::string_view> list) {
    return std::any_of(
        list.begin(), list.end(), [&](std::string_view p) { return word.ends_with(p); });
}

bool contains_any(std::string_view text, std::initializer_list<std::string_view> list) {
    return std::any_of(
        list.begin(), list.end(), [&](std::string_view p) { return core::contains(text, p); });
}

bool has_syllable(std::string_view word) {
    const auto points = core::decode_utf8(word);
    return std::any_of(points.begin(), points.end(), core::is_hangul_syllable);
}

// The text as the features see it (lower-cased, jamo composed, elongations cut, spaces
// collapsed; invalid UTF-8 replaced), back in UTF-8 so the word helpers of core apply.
std::string normalized(std::string_view text) {
    std::string out;
    for (const char32_t c : normalize_for_features(text)) {
        core::append_utf8(out, c);
    }
    return out;
}

// Whether the code point is something people type after the end of a sentence: spaces,
// laughter and crying in jamo, emoji and symbols, closing marks.
bool is_trailing_noise(char32_t c) {
    const bool jamo = c >= 0x3131 && c <= 0x318E;
    const bool symbol =
        c >= 0x2000 && !core::is_hangul_syllable(c) && !(c >= 0x3131 && c <= 0x318E) && c != 0xFF1F;
    return jamo || symbol || c == ' ' || c == '~' || c == '.' || c == '!' || c == ')' || c == '^' ||
           c == '*' || c == ';' || c == '\n' || c == '\r' || c == '\t';
}

// Whether the sentence ends with a question mark, trailing noise aside ("뭐였지?ㅋㅋ", "really?!").
bool ends_with_question_mark(std::string_view sentence) {
    const auto points = core::decode_utf8(sentence);
    for (auto it = points.rbegin(); it != points.rend(); ++it) {
        if (*it == '?' || *it == 0xFF1F) {
            return true;
        }
        if (!is_trailing_noise(*it)) {
            return false;
        }
    }
    return false;
}

const std::initializer_list<std::string_view> english_wh = {
    "what",   "what's", "whats", "who",   "who's", "whos",  "where", "where's", "wheres", "when",
    "when's", "why",    "how",   "how's", "hows",  "which", "whose", "whom",    "wat",    "wut"};

const std::initializer_list<std::string_view> english_aux = {
    "do",     "does",    "did",   "is",    "are",      "was",      "were",    "am",
    "can",    "could",   "will",  "would", "should",   "shall",    "have",    "has",
    "had",    "may",     "might", "must",  "isn't",    "aren't",   "wasn't",  "don't",
    "didn't", "doesn't", "can't", "won't", "wouldn't", "couldn't", "haven't", "hasn't"};

// A word that may follow an auxiliary that opens a question ("do you", "is my", "did i").
bool is_subject(std::string_view word) {
    return one_of(word,
                  {"i",    "you",  "u",     "we",       "he",     "she",    "it",     "they", "my",
                   "your", "ur",   "our",   "his",      "her",    "their",  "the",    "a",    "an",
                   "that", "this", "there", "samantha", "anyone", "people", "someone"});
}

bool english_self(std::string_view w) {
    return one_of(w,
                  {"i",
                   "i'm",
                   "im",
                   "i've",
                   "ive",
                   "i'd",
                   "i'll",
                   "me",
                   "my",
                   "mine",
                   "myself",
                   "we",
                   "we're",
                   "our",
                   "us",
                   "ours"});
}

bool english_you(std::string_view w) {
    return one_of(w,
                  {"you",
                   "you're",
                   "youre",
                   "you've",
                   "you'd",
                   "you'll",
                   "your",
                   "yours",
                   "yourself",
                   "u",
                   "ur",
                   "samantha",
                   "samantha's",
                   "ya"});
}

bool korean_self(std::string_view w) {
    return one_of(w,
                  {"나", "나는", "난", "내가", "내", "나도", "나를", "날",   "나의",   "나한테",
                   "저", "저는", "전", "제가", "제", "저도", "저를", "저의", "저한테", "제게"}) ||
           starts_with_any(w, {"우리", "저희"});
}

bool korean_you(std::string_view w) {
    return one_of(w,
                  {"너",
                   "너는",
                   "넌",
                   "네가",
                   "니가",
                   "너도",
                   "너를",
                   "널",
                   "너의",
                   "니",
                   "너한테",
                   "당신",
                   "당신은",
                   "당신도",
                   "당신이",
                   "당신의"}) ||
           w.starts_with("사만다");
}

// A Korean question word (뭐, 어디, 언제 …) at the start of `w`, without the look-alikes that
// are not questions (언제나 "always", 누구나 "anyone", 왜냐하면 "because", 얼마 전 "lately").
bool korean_wh(std::string_view w) {
    if (starts_with_any(
            w, {"언제나", "누구나", "왜냐", "얼마전", "뭐든", "어디든", "누구든", "아무"})) {
        return false;
    }
    return starts_with_any(w,
                           {"뭐",
                            "뭘",
                            "뭔",
                            "무엇",
                            "무슨",
                            "누구",
                            "누가",
                            "누군",
                            "어디",
                            "언제",
                            "왜",
                            "어떻게",
                            "어떡",
                            "어때",
                            "어땠",
                            "어떤",
                            "몇",
                            "어느"}) ||
           one_of(w, {"얼마", "얼마야", "얼마예요", "얼마에요", "얼마나"});
}

// The last word of `words` with a Hangul syllable, or "".
std::string_view last_korean_word(const Words& words) {
    for (auto it = words.rbegin(); it != words.rend(); ++it) {
        if (has_syllable(*it)) {
            return *it;
        }
        if (!std::all_of(it->begin(), it->end(), [](char c) {
                return (static_cast<unsigned char>(c) & 0x80U) != 0; // jamo laughter and the like
            })) {
            return {};
        }
    }
    return {};
}

// The last `n` code points of `word` (all of it when shorter).
std::string last_code_points(std::string_view word, std::size_t n) {
    const auto points = core::decode_utf8(word);
    std::string out;
    for (std::size_t i = points.size() > n ? points.size() - n : 0; i < points.size(); ++i) {
        core::append_utf8(out, points[i]);
    }
    return out;
}

// Korean endings that only questions take, when the sentence also has a question word
// ("어제 뭐 먹었지", "몇 살이더라").
bool korean_wh_question_ending(std::string_view last) {
    return ends_with_any(last, {"지", "더라", "니", "냐", "까", "나", "죠", "는지", "던가", "게"});
}

// Endings that ask on their own, question word or not.
bool korean_question_ending(std::string_view last) {
    return ends_with_any(
        last,
        {"뭐였지",   "뭐였더라", "뭐더라", "였더라", "었더라",   "았더라",   "였나",     "었나",
         "았나",     "던가",     "인가요", "을까요", "나요",     "까요",     "니요",     "였었나",
         "했었나",   "했나",     "거였나", "기억나", "기억나요", "기억나니", "기억해요", "기억하니",
         "기억하지", "기억하죠", "알지",   "알죠",   "아니",     "맞지",     "맞죠",     "맞나",
         "맞나요",   "맞니",     "맞냐",   "맞아요", "맞습니까"});
}

struct SentenceCues {
    bool question_mark = false;
    bool wh_start = false;
    bool aux_start = false;
    bool wh_aux = false;
    bool korean_wh = false;
    bool korean_question = false;
};

SentenceCues sentence_cues(std::string_view sentence) {
    SentenceCues cues;
    const std::vector<std::string> owned = core::split_words(core::to_lower(sentence));
    const Words words(owned.begin(), owned.end());
    cues.question_mark = ends_with_question_mark(sentence);
    // Fillers before the question proper ("wait, is …", "ok so what …").
    std::size_t first = 0;
    while (first + 1 < words.size() && one_of(words[first],
                                              {"wait",
                                               "so",
                                               "ok",
                                               "okay",
                                               "hey",
                                               "um",
                                               "umm",
                                               "uh",
                                               "oh",
                                               "hmm",
                                               "and",
                                               "but",
                                               "samantha",
                                               "sorry",
                                               "btw",
                                               "quick",
                                               "question",
                                               "remind",
                                               "me"})) {
        ++first;
    }
    if (first < words.size()) {
        const auto at = [&](std::size_t k) {
            return first + k < words.size() ? words[first + k] : std::string_view{};
        };
        cues.wh_start = one_of(at(0), english_wh);
        // "do you …", "is my …", and "is Grace my …" (a name, then whose).
        cues.aux_start = one_of(at(0), english_aux) &&
                         (is_subject(at(1)) || one_of(at(2), {"my", "your", "our", "his", "her"}));
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            if (one_of(words[i], english_wh) &&
                (one_of(words[i + 1], english_aux) || words[i + 1] == "old" ||
                 words[i + 1] == "much" || words[i + 1] == "many") &&
                (i == 0 || one_of(words[i - 1],
                                  {"so",
                                   "and",
                                   "but",
                                   "ok",
                                   "okay",
                                   "wait",
                                   "hey",
                                   "um",
                                   "uh",
                                   "oh",
                                   "hmm",
                                   "samantha",
                                   "remind",
                                   "tell",
                                   "again"}))) {
                cues.wh_aux = true;
            }
        }
    }
    const bool wh = std::any_of(words.begin(), words.end(), korean_wh);
    cues.korean_wh = wh;
    const std::string_view last = last_korean_word(words);
    if (!last.empty()) {
        cues.korean_question = korean_question_ending(last) ||
                               (wh && korean_wh_question_ending(last)) ||
                               (cues.question_mark && korean_wh_question_ending(last));
    }
    return cues;
}

} // namespace

namespace {

// Whether every sentence of `text` plainly asks: it ends with a question mark and opens with a
// wh-word or an auxiliary ("wait, is May my …?"), or ends in a Korean question ending.
bool plainly_asks(std::string_view text) {
    const auto sentences = core::split_sentences(normalized(text));
    return !sentences.empty() &&
           std::all_of(sentences.begin(), sentences.end(), [](const std::string& sentence) {
               const SentenceCues s = sentence_cues(sentence);
               return s.question_mark &&
                      (s.wh_start || s.aux_start || s.wh_aux || s.korean_question);
           });
}

} // namespace

bool is_question_sentence(std::string_view sentence) {
    const SentenceCues cues = sentence_cues(sentence);
    return cues.question_mark || cues.korean_question || cues.wh_aux || cues.aux_start;
}

namespace {

// Collects cue names without repeats, in the order they are first added.
class CueList {
public:
    void add(std::string cue) {
        if (std::find(m_cues.begin(), m_cues.end(), cue) == m_cues.end()) {
            m_cues.push_back(std::move(cue));
        }
    }

    [[nodiscard]] bool has(std::string_view cue) const {
        return std::find(m_cues.begin(), m_cues.end(), cue) != m_cues.end();
    }

    [[nodiscard]] std::vector<std::string> take() { return std::move(m_cues); }

private:
    std::vector<std::string> m_cues;
};

// The message, normalised, as words and as text padded with spaces (so " see you " matches
// whole words).
struct Message {
    std::string norm;
    std::vector<std::string> owned;
    Words words;
    std::string padded; // the words, each between spaces

    explicit Message(std::string_view text)
        : norm(normalized(text))
        , owned(core::split_words(norm))
        , words(owned.begin(), owned.end()) {
        padded = " ";
        for (const auto& w : owned) {
            padded += w;
            padded += ' ';
        }
    }

    [[nodiscard]] bool any_word(bool (*test)(std::string_view)) const {
        return std::any_of(words.begin(), words.end(), test);
    }

    [[nodiscard]] bool has_word(std::initializer_list<std::string_view> list) const {
        return std::any_of(
            words.begin(), words.end(), [&](std::string_view w) { return one_of(w, list); });
    }

    // English phrases as whole words (" see you " among the words; punctuation aside).
    [[nodiscard]] bool has_phrase(std::initializer_list<std::string_view> list) const {
        return std::any_of(list.begin(), list.end(), [&](std::string_view p) {
            return core::contains(padded, fmt::format(" {} ", p));
        });
    }

    // Substrings anywhere (Korean, emoji, jamo).
    [[nodiscard]] bool has_text(std::initializer_list<std::string_view> list) const {
        return contains_any(norm, list);
    }
};

// Question marks, wh-words, auxiliaries and Korean endings, per sentence; whether any sentence
// asks.
bool add_question_cues(const Message& m, CueList& cues) {
    bool asks = false;
    if (m.has_text({"?", "？"})) {
        cues.add("act:qmark");
    }
    const auto sentences = core::split_sentences(m.norm);
    for (std::size_t k = 0; k < sentences.size(); ++k) {
        const SentenceCues s = sentence_cues(sentences[k]);
        const bool last = k + 1 == sentences.size();
        if (s.question_mark) {
            cues.add(last ? "act:qmark_end" : "act:qmark_inner");
        }
        if (s.wh_start) {
            cues.add("act:wh_start");
        }
        if (s.aux_start) {
            cues.add("act:aux_start");
        }
        if (s.wh_aux) {
            cues.add("act:wh_aux");
        }
        if (s.korean_wh) {
            cues.add("act:ko_wh");
        }
        if (s.korean_question) {
            cues.add(last ? "act:ko_q_end" : "act:ko_q");
        }
        asks = asks || s.question_mark || s.wh_aux || s.aux_start || s.korean_question;
        const std::vector<std::string> sentence_words = core::split_words(sentences[k]);
        const std::string_view korean_last =
            last_korean_word(Words(sentence_words.begin(), sentence_words.end()));
        if (!korean_last.empty()) {
            cues.add("act:ko_end:" + last_code_points(korean_last, 1));
            cues.add("act:ko_end2:" + last_code_points(korean_last, 2));
        }
    }
    if (m.has_word(english_wh)) {
        cues.add("act:wh");
    }
    // Asking for advice or information about what to do ("where can i", "should i", "how do i"):
    // about the world, though the person speaks of themselves.
    if (m.has_phrase({"should i",
                      "can i",
                      "could i",
                      "do i need",
                      "how do i",
                      "how can i",
                      "where can i",
                      "where do i",
                      "what should i",
                      "how should i",
                      "is it ok",
                      "is it okay",
                      "is it safe",
                      "is it normal",
                      "would it be",
                      "how do you",
                      "how does one",
                      "what's the best",
                      "what is the best"}) ||
        m.has_text({"어떻게 해야",
                    "어떻게 하면",
                    "해도 돼",
                    "해도 될까",
                    "해도 되나",
                    "괜찮을까",
                    "좋을까",
                    "어디서 사",
                    "어디서 해",
                    "방법"})) {
        cues.add(asks ? "act:q+advice" : "act:advice");
    }
    if (asks) {
        cues.add("act:asks");
    }
    return asks;
}

bool english_past(std::string_view w) {
    return one_of(w, {"yesterday", "ago",  "last", "was",    "were", "did",     "had",
                      "went",      "got",  "met",  "saw",    "told", "said",    "came",
                      "made",      "took", "ate",  "bought", "left", "thought", "felt",
                      "found",     "gave", "lost", "won",    "ran",  "used"}) ||
           (w.size() > 4 && w.ends_with("ed"));
}

bool english_future(std::string_view w) {
    return one_of(w, {"tomorrow", "tonight", "tmrw",       "tmr",    "next",   "soon",
                      "gonna",    "will",    "won't",      "i'll",   "we'll",  "he'll",
                      "she'll",   "they'll", "planning",   "plan",   "plans",  "later",
                      "upcoming", "someday", "eventually", "intend", "hoping", "going"});
}

bool korean_future(std::string_view w) {
    return one_of(w, {"내일",   "모레",   "다음",   "다음주", "다음달", "내년", "이따",
                      "이따가", "곧",     "나중에", "예정",   "계획",   "거야", "거예요",
                      "거에요", "겁니다", "거임",   "거얌",   "건데",   "거라", "거고"}) ||
           ends_with_any(w, {"려고",       "려구",     "할게",       "갈게",       "볼게",
                             "할래",       "갈래",     "할게요",     "갈게요",     "볼게요",
                             "할거야",     "갈거야",   "예정",       "예정이에요", "예정이야",
                             "예정입니다", "계획이야", "계획이에요", "ㄹ게",       "을게",
                             "을게요",     "할까",     "갈까",       "볼까",       "거예요",
                             "겁니다",     "려구요",   "려고요"});
}

bool korean_past(std::string_view w) {
    if (one_of(w,
               {"어제", "그저께", "엊그제", "지난", "지난주", "지난달", "작년", "아까", "전에"})) {
        return true;
    }
    // The past tense marker is a ㅆ final (했, 었, 았, 갔, 왔, 봤); 있 (to be) is not a past.
    for (const char32_t c : core::decode_utf8(w)) {
        if (core::is_hangul_syllable(c)) {
            constexpr char32_t first = 0xAC00;
            constexpr int finals = 28;
            constexpr int ssang_sios = 20; // ㅆ
            if (static_cast<int>((c - first) % finals) == ssang_sios && c != U'있' && c != U'없') {
                return true;
            }
        }
    }
    return false;
}

bool is_date_word(std::string_view w) {
    return one_of(w, {"monday",    "tuesday", "wednesday", "thursday", "friday",   "saturday",
                      "sunday",    "january", "february",  "march",    "april",    "june",
                      "july",      "august",  "september", "october",  "november", "december",
                      "weekend",   "week",    "month",     "year",     "morning",  "evening",
                      "afternoon", "tonight", "today",     "tomorrow"}) ||
           starts_with_any(w,
                           {"월요일",
                            "화요일",
                            "수요일",
                            "목요일",
                            "금요일",
                            "토요일",
                            "일요일",
                            "주말",
                            "오늘",
                            "내일",
                            "모레",
                            "다음주",
                            "이번주",
                            "저녁",
                            "아침",
                            "오후",
                            "오전",
                            "밤에"}) ||
           (w.size() > 3 && (w.front() >= '0' && w.front() <= '9') &&
            (core::contains(w, "월") || core::contains(w, "일") || core::contains(w, "시")));
}

// Who the message is about, tense and dates, and those combined with asking.
void add_content_cues(const Message& m, bool asks, CueList& cues) {
    const bool self =
        m.any_word([](std::string_view w) { return english_self(w) || korean_self(w); });
    const bool you = m.any_word([](std::string_view w) { return english_you(w) || korean_you(w); });
    if (self) {
        cues.add("act:self");
    }
    if (you) {
        cues.add("act:you");
    }
    const char* who = self && you ? "both" : self ? "self" : you ? "you" : "none";
    if (asks) {
        cues.add(fmt::format("act:q+{}", who));
    }
    const bool remember = m.has_text({"remember",
                                      "forgot",
                                      "forget",
                                      "again",
                                      "remind",
                                      "기억",
                                      "까먹",
                                      "뭐였",
                                      "뭐더라",
                                      "했었",
                                      "였더라",
                                      "었더라",
                                      "았더라",
                                      "말했",
                                      "얘기했",
                                      "말 했",
                                      "했던가",
                                      "였던가"});
    if (remember) {
        cues.add(asks ? "act:q+remember" : "act:remember");
    }
    const bool future =
        m.any_word(english_future) || m.any_word(korean_future) || m.has_phrase({"going to"});
    const bool past = m.any_word(english_past) || m.any_word(korean_past);
    const bool date = m.any_word(is_date_word);
    if (future) {
        cues.add(asks ? "act:q+future" : "act:future");
    }
    if (past) {
        cues.add(asks ? "act:q+past" : "act:past");
    }
    if (date) {
        cues.add(past ? "act:date+past" : future ? "act:date+future" : "act:date");
    }
    if (!asks && !past && (future || date)) {
        cues.add(fmt::format("act:ahead+{}", who));
    }
}

// Requests, greetings, farewells, thanks, laughter and jokes, by their usual words. A greeting,
// farewell or thanks word in a short message (three words or fewer besides laughter) also gives
// "…+short": those acts are mostly said in a few words.
void add_social_cues(const Message& m, bool asks, CueList& cues) {
    const auto laughter = [](std::string_view w) {
        return one_of(w, {"lol", "lmao", "lmfao", "rofl", "jk", "ha", "hah", "lolol", "kk"}) ||
               starts_with_any(w,
                               {"haha",
                                "hehe",
                                "ㅋ",
                                "ㅎㅎ",
                                "깔깔",
                                "하하",
                                "허허",
                                "호호",
                                "킥킥",
                                "크크",
                                "키키",
                                "푸하",
                                "ㅍㅎ",
                                "ㅠ",
                                "ㅜ"});
    };
    const auto plain_words = static_cast<std::size_t>(std::count_if(
        m.words.begin(), m.words.end(), [&](std::string_view w) { return !laughter(w); }));
    const bool short_message = plain_words <= 3;
    const auto social = [&](const char* cue) {
        cues.add(cue);
        if (short_message) {
            cues.add(std::string(cue) + "+short");
        }
    };
    const bool request =
        m.has_phrase({"please",   "pls",     "plz",    "can you", "could you", "would you",
                      "will you", "call me", "don't",  "stop",    "tell me",   "remind me",
                      "forget",   "fix",     "change", "switch",  "delete",    "erase",
                      "remove",   "update",  "correct"}) ||
        m.has_text({"줘",     "주세요", "줄래", "주실",    "주라",   "주시",  "잊어",
                    "지워",   "불러",   "해봐", "하지 마", "하지마", "말아",  "반말",
                    "존댓말", "고쳐",   "바꿔", "수정",    "알려줘", "해 줘", "해줘"});
    if (request) {
        cues.add(asks ? "act:q+request" : "act:request");
    }
    if (m.has_phrase({"hi",           "hello",        "hey",
                      "heya",         "hiya",         "howdy",
                      "yo",           "sup",          "wassup",
                      "good morning", "morning",      "good afternoon",
                      "good evening", "gm",           "long time no see",
                      "i'm back",     "im back",      "i am back",
                      "been a while", "been forever", "g'morning",
                      "greetings",    "happy monday"}) ||
        m.has_text({"안녕",
                    "하이",
                    "반가",
                    "반갑",
                    "좋은 아침",
                    "굿모닝",
                    "오랜만",
                    "잘 잤",
                    "잘잤",
                    "ㅎㅇ",
                    "하이루",
                    "안뇽",
                    "방가",
                    "왔어",
                    "왔어요",
                    "왔습니다",
                    "나 왔",
                    "저 왔"})) {
        social("act:greet_word");
    }
    const bool short_night = m.words.size() <= 2 && m.has_phrase({"night", "nighty", "nite"});
    if (short_night ||
        m.has_phrase({"bye",
                      "goodbye",
                      "bye-bye",
                      "byebye",
                      "good night",
                      "goodnight",
                      "gn",
                      "see you",
                      "see ya",
                      "cya",
                      "later",
                      "talk later",
                      "ttyl",
                      "catch you",
                      "gotta go",
                      "have to go",
                      "heading out",
                      "sweet dreams",
                      "signing off",
                      "logging off",
                      "off to bed",
                      "going to bed",
                      "talk tomorrow",
                      "talk in the morning",
                      "until next time",
                      "take care",
                      "farewell"}) ||
        m.has_text({"잘 자",      "잘자",   "굿밤",      "굿나잇",    "바이",
                    "빠이",       "안녕히", "이만",      "다음에 봐", "나중에 봐",
                    "내일 봐",    "또 봐",  "들어가",    "가볼게",    "가 볼게",
                    "자러",       "잘게",   "주무세요",  "끊을게",    "나갈게",
                    "가겠습니다", "물러가", "먼저 갈게", "들어갈게",  "쉬세요"})) {
        social("act:bye_word");
    }
    if (m.has_phrase({"thanks",
                      "thank",
                      "thx",
                      "ty",
                      "tysm",
                      "tyvm",
                      "appreciate",
                      "appreciated",
                      "grateful",
                      "cheers",
                      "you're the best",
                      "means a lot",
                      "thank u",
                      "thanku",
                      "much obliged"}) ||
        m.has_text({"고마", "고맙", "감사", "땡큐", "땡스", "ㄱㅅ", "ㄳ", "덕분에", "감동"})) {
        social("act:thanks_word");
    }
    const bool laugh = m.any_word(laughter) || m.has_text({"😂", "🤣", "😆", "😹", "😜"});
    if (laugh) {
        // Laughter alone is the act; around other words it is tone.
        cues.add(std::all_of(m.words.begin(), m.words.end(), laughter) ? "act:laugh_only"
                                                                       : "act:laugh");
    }
    if (m.has_phrase({"joke",
                      "jokes",
                      "joking",
                      "kidding",
                      "pun",
                      "knock knock",
                      "punchline",
                      "why did the",
                      "what do you call",
                      "what did the",
                      "teasing"}) ||
        m.has_text(
            {"농담", "개그", "드립", "아재", "장난", "놀려", "웃기", "웃긴", "넉살", "말장난"})) {
        cues.add("act:joke");
    }
}

} // namespace

std::vector<std::string> act_rule_cues(std::string_view text) {
    const Message m(text);
    if (m.norm.empty()) {
        return {};
    }
    CueList cues;
    const bool asks = add_question_cues(m, cues);
    add_content_cues(m, asks, cues);
    add_social_cues(m, asks, cues);
    const std::size_t n = m.words.size();
    cues.add(n <= 1 ? "act:len1" : n <= 3 ? "act:len2" : n <= 8 ? "act:len4" : "act:len9");
    return cues.take();
}

Features act_features(std::string_view text,
                      std::span<const std::string> extra_cues,
                      const FeatureSpec& spec,
                      int cue_weight) {
    const std::vector<std::string> rule = act_rule_cues(text);
    std::vector<std::string> cues;
    cues.reserve(static_cast<std::size_t>(cue_weight) * (rule.size() + extra_cues.size()));
    for (int k = 0; k < cue_weight; ++k) {
        cues.insert(cues.end(), rule.begin(), rule.end());
        cues.insert(cues.end(), extra_cues.begin(), extra_cues.end());
    }
    return featurize(text, spec, cues);
}

Result<std::shared_ptr<const ActReader>> ActReader::open(std::string_view model_bytes,
                                                         std::string_view source) {
    std::shared_ptr<ActReader> reader(new ActReader());
    if (model_bytes.empty()) {
        return std::shared_ptr<const ActReader>(std::move(reader));
    }
    auto model = LinearModel::load(model_bytes, source);
    if (!model) {
        return model.error();
    }
    if (model->output() != Output::Softmax) {
        return Error{ErrorCode::InvalidArgument,
                     fmt::format("act model '{}': a softmax model is expected", source)};
    }
    for (std::size_t k = 0; k < dialogue_act_count; ++k) {
        const int index = model->label_index(dialogue_act_name(all_dialogue_acts[k]));
        if (index < 0) {
            return Error{ErrorCode::InvalidArgument,
                         fmt::format("act model '{}': no label '{}'",
                                     source,
                                     dialogue_act_name(all_dialogue_acts[k]))};
        }
        reader->m_index[k] = index;
    }
    reader->m_model = std::move(*model);
    return std::shared_ptr<const ActReader>(std::move(reader));
}

std::string_view ActReader::builtin_model_bytes() {
    return acts_model_file::model();
}

std::shared_ptr<const ActReader> ActReader::builtin() {
    static const std::shared_ptr<const ActReader> reader = [] {
        auto opened = open(builtin_model_bytes(), "acts.bin");
        if (!opened) {
            std::abort(); // the embedded model is tested (acts_test); this is a build defect
        }
        return std::move(*opened);
    }();
    return reader;
}

namespace {

// The reading without a model: questions by rule, laughter as jokes, the rest statements.
ActReading read_by_rules(const std::vector<std::string>& cues) {
    const auto has = [&](std::string_view cue) {
        return std::find(cues.begin(), cues.end(), cue) != cues.end();
    };
    DialogueAct act = DialogueAct::Statement;
    if (has("act:q+self") || has("act:q+both")) {
        act = DialogueAct::AskSelf;
    } else if (has("act:q+you")) {
        act = DialogueAct::AskSamantha;
    } else if (has("act:q+none")) {
        act = DialogueAct::AskWorld;
    } else if (has("act:laugh_only") || has("act:joke")) {
        act = DialogueAct::Joke;
    } else if (has("act:future")) {
        act = DialogueAct::Plan;
    }
    constexpr float rule_confidence = 0.5F;
    ActReading reading{.act = act, .confidence = rule_confidence, .scores = {}};
    const float rest = (1.0F - rule_confidence) / static_cast<float>(dialogue_act_count - 1);
    for (std::size_t k = 0; k < dialogue_act_count; ++k) {
        reading.scores[k] = all_dialogue_acts[k] == act ? rule_confidence : rest;
    }
    return reading;
}

} // namespace

ActReading
read_act(std::string_view text, std::span<const std::string> extra_cues, const ActReader& reader) {
    if (core::trim(text).empty()) {
        return ActReading{};
    }
    if (!reader.m_model) {
        return read_by_rules(act_rule_cues(text));
    }
    const LinearModel& model = *reader.m_model;
    const std::vector<float> probabilities =
        model.scores(act_features(text, extra_cues, model.spec(), act_cue_weight));
    ActReading reading;
    float best = -1;
    for (std::size_t k = 0; k < dialogue_act_count; ++k) {
        const float p = probabilities[static_cast<std::size_t>(reader.m_index[k])];
        reading.scores[k] = p;
        if (p > best) {
            best = p;
            reading.act = all_dialogue_acts[k];
        }
    }
    // A message that does nothing but ask is a question whatever the model's words weigh: the
    // likeliest of the three question acts.
    if (may_carry_facts(reading.act) && plainly_asks(text)) {
        best = -1;
        for (const DialogueAct act :
             {DialogueAct::AskSelf, DialogueAct::AskSamantha, DialogueAct::AskWorld}) {
            const float p = reading.scores[static_cast<std::size_t>(act)];
            if (p > best) {
                best = p;
                reading.act = act;
            }
        }
    }
    reading.confidence = best;
    return reading;
}

} // namespace samantha::nlu
