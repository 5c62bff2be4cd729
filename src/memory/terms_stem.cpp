// Stemming for the memory index (docs/memory.md, "Terms"): an English suffix stripper after
// Porter (1980) and a Korean normaliser that removes particles and predicate endings.
#include <algorithm>
#include <array>
#include <unordered_map>

#include "core/hangul.h"
#include "core/utf8.h"
#include "memory/terms.h"

namespace samantha::memory {

namespace {

// ---- English -------------------------------------------------------------------------------

bool is_vowel_at(std::string_view w, std::size_t i) {
    switch (w[i]) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
        return true;
    case 'y':
        return i > 0 && !is_vowel_at(w, i - 1);
    default:
        return false;
    }
}

// Porter's measure m of a stem: the number of vowel-consonant sequences in [C](VC)^m[V].
int measure(std::string_view w) {
    int m = 0;
    bool previous_vowel = false;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const bool vowel = is_vowel_at(w, i);
        if (previous_vowel && !vowel) {
            ++m;
        }
        previous_vowel = vowel;
    }
    return m;
}

bool has_vowel(std::string_view w) {
    for (std::size_t i = 0; i < w.size(); ++i) {
        if (is_vowel_at(w, i)) {
            return true;
        }
    }
    return false;
}

bool ends_double_consonant(std::string_view w) {
    const std::size_t n = w.size();
    return n >= 2 && w[n - 1] == w[n - 2] && !is_vowel_at(w, n - 1);
}

// consonant-vowel-consonant at the end, the last not w, x or y ("hop", not "snow").
bool ends_cvc(std::string_view w) {
    const std::size_t n = w.size();
    return n >= 3 && !is_vowel_at(w, n - 1) && is_vowel_at(w, n - 2) && !is_vowel_at(w, n - 3) &&
           w[n - 1] != 'w' && w[n - 1] != 'x' && w[n - 1] != 'y';
}

// Replaces `suffix` by `with` when the stem before it has a measure above `min_measure`.
bool replace_suffix(std::string& w,
                    std::string_view suffix,
                    std::string_view with,
                    int min_measure) {
    if (!w.ends_with(suffix)) {
        return false;
    }
    const std::string_view stem(w.data(), w.size() - suffix.size());
    if (measure(stem) > min_measure) {
        w.resize(stem.size());
        w += with;
    }
    return true; // the suffix matched: no other rule of the step applies
}

// Common irregular forms, so "went" meets "go" and "bought" meets "buy".
const std::unordered_map<std::string_view, std::string_view>& irregular_forms() {
    static const std::unordered_map<std::string_view, std::string_view> forms = {
        {"went", "go"},
        {"gone", "go"},
        {"ran", "run"},
        {"began", "begin"},
        {"begun", "begin"},
        {"bought", "buy"},
        {"brought", "bring"},
        {"came", "come"},
        {"felt", "feel"},
        {"found", "find"},
        {"gave", "give"},
        {"given", "give"},
        {"got", "get"},
        {"gotten", "get"},
        {"grew", "grow"},
        {"grown", "grow"},
        {"kept", "keep"},
        {"knew", "know"},
        {"known", "know"},
        {"made", "make"},
        {"met", "meet"},
        {"paid", "pay"},
        {"sang", "sing"},
        {"sung", "sing"},
        {"sat", "sit"},
        {"sent", "send"},
        {"spent", "spend"},
        {"spoke", "speak"},
        {"spoken", "speak"},
        {"taught", "teach"},
        {"thought", "think"},
        {"told", "tell"},
        {"took", "take"},
        {"taken", "take"},
        {"won", "win"},
        {"wrote", "write"},
        {"written", "write"},
        {"drew", "draw"},
        {"drawn", "draw"},
        {"drove", "drive"},
        {"driven", "drive"},
        {"ate", "eat"},
        {"eaten", "eat"},
        {"flew", "fly"},
        {"flown", "fly"},
        {"swam", "swim"},
        {"threw", "throw"},
        {"thrown", "throw"},
        {"wore", "wear"},
        {"worn", "wear"},
        {"built", "build"},
        {"caught", "catch"},
        {"chose", "choose"},
        {"chosen", "choose"},
        {"fell", "fall"},
        {"fallen", "fall"},
        {"forgot", "forget"},
        {"heard", "hear"},
        {"held", "hold"},
        {"lost", "lose"},
        {"understood", "understand"},
        {"woke", "wake"},
        {"children", "child"},
        {"men", "man"},
        {"women", "woman"},
        {"feet", "foot"},
        {"teeth", "tooth"},
        {"mice", "mouse"},
        {"said", "say"},
        {"did", "do"},
        {"done", "do"},
        {"was", "be"},
        {"were", "be"},
        {"been", "be"},
        {"had", "have"},
        {"has", "have"},
        {"saw", "see"},
        {"seen", "see"},
        {"left", "leave"},
        {"sold", "sell"},
        {"stood", "stand"},
        {"slept", "sleep"},
        {"hung", "hang"},
        {"led", "lead"},
        {"fed", "feed"},
        {"dug", "dig"},
        {"rode", "ride"},
        {"ridden", "ride"},
        {"broke", "break"},
        {"broken", "break"},
        {"shook", "shake"},
        {"became", "become"},
    };
    return forms;
}

// Step 1a: plurals. 1b: -ed, -ing. 1c: y → i.
void porter_step1(std::string& w) {
    if (w.ends_with("sses")) {
        w.resize(w.size() - 2);
    } else if (w.ends_with("ies")) {
        w.resize(w.size() - (w.size() > 4 ? 2 : 1)); // ponies → poni, ties → tie
    } else if (w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") &&
               w.size() > 3) {
        w.pop_back();
    }
    bool fix = false;
    if (w.ends_with("eed")) {
        if (measure(std::string_view(w).substr(0, w.size() - 3)) > 0) {
            w.pop_back();
        }
    } else if (w.ends_with("ed") && w.size() > 4 &&
               has_vowel(std::string_view(w).substr(0, w.size() - 2))) {
        w.resize(w.size() - 2);
        fix = true;
    } else if (w.ends_with("ing") && w.size() > 5 &&
               has_vowel(std::string_view(w).substr(0, w.size() - 3))) {
        w.resize(w.size() - 3);
        fix = true;
    }
    if (fix) {
        if (w.ends_with("at") || w.ends_with("bl") || w.ends_with("iz")) {
            w += 'e';
        } else if (ends_double_consonant(w) && w.back() != 'l' && w.back() != 's' &&
                   w.back() != 'z') {
            w.pop_back();
        } else if (measure(w) == 1 && ends_cvc(w)) {
            w += 'e';
        }
    }
    if (w.size() > 2 && w.back() == 'y' && has_vowel(std::string_view(w).substr(0, w.size() - 1))) {
        w.back() = 'i';
    }
}

// Steps 2 and 3: derivational suffixes on stems of measure > 0.
void porter_steps2and3(std::string& w) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> step2 = {{
        {"ational", "ate"}, {"tional", "tion"}, {"enci", "ence"},   {"anci", "ance"},
        {"izer", "ize"},    {"abli", "able"},   {"alli", "al"},     {"entli", "ent"},
        {"eli", "e"},       {"ousli", "ous"},   {"ization", "ize"}, {"ation", "ate"},
        {"ator", "ate"},    {"alism", "al"},    {"iveness", "ive"}, {"fulness", "ful"},
        {"ousness", "ous"}, {"aliti", "al"},    {"iviti", "ive"},   {"biliti", "ble"},
    }};
    for (const auto& [suffix, with] : step2) {
        if (replace_suffix(w, suffix, with, 0)) {
            break;
        }
    }
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 7> step3 = {{
        {"icate", "ic"},
        {"ative", ""},
        {"alize", "al"},
        {"iciti", "ic"},
        {"ical", "ic"},
        {"ful", ""},
        {"ness", ""},
    }};
    for (const auto& [suffix, with] : step3) {
        if (replace_suffix(w, suffix, with, 0)) {
            break;
        }
    }
}

// Step 5: a final e on long stems, and ll → l.
void porter_step5(std::string& w) {
    if (w.ends_with('e')) {
        const std::string_view stem(w.data(), w.size() - 1);
        const int m = measure(stem);
        if (m > 1 || (m == 1 && !ends_cvc(stem))) {
            w.pop_back();
        }
    }
    if (w.ends_with("ll") && measure(w) > 1) {
        w.pop_back();
    }
}

bool is_ascii_lower_word(std::string_view w) {
    return std::all_of(w.begin(), w.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// ---- Korean --------------------------------------------------------------------------------

constexpr char32_t first_syllable = 0xAC00;
constexpr int jong_count = 28;
constexpr int jung_count = 21;
constexpr int jong_ssang_siot = 20; // ㅆ: the past tense (갔, 했, 먹었)
constexpr int jong_bieup = 17;      // ㅂ: 갑니다

int jong_of(char32_t s) {
    return static_cast<int>((s - first_syllable) % jong_count);
}

int jung_of(char32_t s) {
    return static_cast<int>(((s - first_syllable) / jong_count) % jung_count);
}

int cho_of(char32_t s) {
    return static_cast<int>((s - first_syllable) / (jong_count * jung_count));
}

char32_t syllable(int cho, int jung, int jong) {
    return first_syllable + static_cast<char32_t>((cho * jung_count + jung) * jong_count + jong);
}

std::u32string u32(std::string_view text) {
    const auto cps = core::decode_utf8(text);
    return {cps.begin(), cps.end()};
}

std::string utf8(const std::u32string& text) {
    return core::encode_utf8({text.begin(), text.end()});
}

// Particles (조사), longest first so 에서는 is tried before 는. Plural 들 is handled apart.
const std::vector<std::u32string>& particles() {
    static const std::vector<std::u32string> list = [] {
        std::vector<std::u32string> out;
        for (const std::string_view p :
             {"에서부터", "으로부터", "에서는", "에서도", "에게서", "한테서", "에게는", "한테는",
              "으로는",   "으로도",   "이랑은", "이랑도", "까지는", "부터는", "보다는", "처럼은",
              "이라도",   "이에요",   "에서",   "에게",   "한테",   "께서",   "으로",   "까지",
              "부터",     "처럼",     "보다",   "이랑",   "하고",   "이나",   "마다",   "예요",
              "이야",     "에는",     "에도",   "과는",   "와는",   "께는",   "은",     "는",
              "이",       "가",       "을",     "를",     "와",     "과",     "도",     "만",
              "의",       "에",       "로",     "랑",     "야",     "요",     "께"}) {
            out.push_back(u32(p));
        }
        return out;
    }();
    return list;
}

// Predicate endings (어미) after a stem, longest first. Single syllables that also end nouns
// (다 in 바다, 기 in 아기, 게 in 가게) are not here; past tense and ㅂ니다 are handled by jamo.
const std::vector<std::u32string>& endings() {
    static const std::vector<std::u32string> list = [] {
        std::vector<std::u32string> out;
        for (const std::string_view e :
             {"더라고요", "는데요", "거든요", "잖아요",   "었어요", "았어요",   "였어요", "했어요",
              "습니다",   "습니까", "으세요", "으려고",   "으니까", "셨어요",   "했는데", "하는데",
              "었는데",   "았는데", "네요",   "군요",     "지요",   "고요",     "어요",   "아요",
              "여요",     "해요",   "세요",   "에요",     "예요",   "어서",     "아서",   "여서",
              "해서",     "는데",   "은데",   "지만",     "니까",   "면서",     "려고",   "거든",
              "잖아",     "더라",   "었다",   "았다",     "였다",   "했다",     "한다",   "했던",
              "하던",     "하는",   "하고",   "하면",     "하게",   "하기",     "하지",   "했고",
              "었고",     "았고",   "이에요", "이었어요", "이었다", "이었는데", "이야",   "이다",
              "죠",       "요"}) {
            out.push_back(u32(e));
        }
        std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
            return a.size() > b.size();
        });
        return out;
    }();
    return list;
}

bool strip_suffix(std::u32string& w, const std::u32string& suffix, std::size_t min_left) {
    if (w.size() >= suffix.size() + min_left && w.ends_with(suffix)) {
        w.resize(w.size() - suffix.size());
        return true;
    }
    return false;
}

// The predicate stem after its ending is gone: the past tense removed (먹었 → 먹, 갔 → 가,
// 했 → 하), contracted vowels restored (해 → 하, 봐 → 보), and a 하다 verb reduced to its noun
// (공부하 → 공부).
void normalise_predicate(std::u32string& w) {
    if (w.empty()) {
        return;
    }
    char32_t& last = w.back();
    if (core::is_hangul_syllable(last) && jong_of(last) == jong_ssang_siot) {
        const int cho = cho_of(last);
        const int jung = jung_of(last);
        constexpr int cho_ieung = 11;
        constexpr int jung_a = 0, jung_eo = 4, jung_yeo = 6;
        if (cho == cho_ieung && (jung == jung_a || jung == jung_eo || jung == jung_yeo) &&
            w.size() > 1) {
            w.pop_back(); // 었, 았, 였 are the past marker alone
        } else {
            last = syllable(cho, jung, 0);
        }
    }
    if (w.empty()) {
        return;
    }
    // Contracted stem + 어/아 back to the stem: 해 → 하, 봐 → 보, 줘 → 주, 돼 → 되,
    // 다쳐 → 다치 (after ㅈ, ㅊ, ㅅ).
    char32_t& end = w.back();
    if (core::is_hangul_syllable(end) && jong_of(end) == 0) {
        constexpr int cho_s = 9, cho_j = 12, cho_ch = 14, cho_h = 18;
        constexpr int jung_a = 0, jung_ae = 1, jung_yeo = 6, jung_o = 8, jung_wa = 9, jung_wae = 10,
                      jung_oe = 11, jung_u = 13, jung_wo = 14, jung_i = 20;
        const int cho = cho_of(end);
        const int jung = jung_of(end);
        int restored = jung;
        if (jung == jung_wa) {
            restored = jung_o;
        } else if (jung == jung_wo) {
            restored = jung_u;
        } else if (jung == jung_wae) {
            restored = jung_oe;
        } else if (jung == jung_ae && cho == cho_h) {
            restored = jung_a;
        } else if (jung == jung_yeo && (cho == cho_j || cho == cho_ch || cho == cho_s)) {
            restored = jung_i;
        }
        end = syllable(cho, restored, 0);
    }
    if (w.size() > 1 && w.back() == U'하') {
        w.pop_back();
    }
}

} // namespace

std::string english_stem(std::string_view word) {
    std::string w(word);
    if (w.ends_with("'s")) {
        w.resize(w.size() - 2);
    }
    std::erase(w, '\'');
    if (const auto it = irregular_forms().find(w); it != irregular_forms().end()) {
        return std::string(it->second);
    }
    if (w.size() <= 3 || !is_ascii_lower_word(w)) {
        return w;
    }
    porter_step1(w);
    porter_steps2and3(w);
    porter_step5(w);
    return w;
}

std::string strip_korean_particle(std::string_view word) {
    for (const std::string_view particle :
         {"에서는", "에게서", "한테서", "으로는", "이랑은", "이에요", "에서", "에게",
          "한테",   "께서",   "으로",   "까지",   "부터",   "처럼",   "보다", "이랑",
          "하고",   "이나",   "마다",   "예요",   "이야",   "은",     "는",   "이",
          "가",     "을",     "를",     "와",     "과",     "도",     "만",   "의",
          "에",     "로",     "랑",     "야",     "요",     "께"}) {
        if (word.size() > particle.size() && word.ends_with(particle)) {
            return std::string(word.substr(0, word.size() - particle.size()));
        }
    }
    return std::string(word);
}

std::string korean_stem(std::string_view word) {
    std::u32string w = u32(word);
    if (w.size() < 2) {
        return std::string(word);
    }
    // A predicate ending first (먹었어요, 공부했는데); failing that a particle (친구들에게).
    bool predicate = false;
    for (const auto& ending : endings()) {
        if (strip_suffix(w, ending, 1)) {
            predicate = true;
            break;
        }
    }
    if (!predicate && w.size() >= 3 && w.ends_with(U"니다") &&
        jong_of(w[w.size() - 3]) == jong_bieup) {
        w.resize(w.size() - 2); // 갑니다 → 갑 → 가
        w.back() = syllable(cho_of(w.back()), jung_of(w.back()), 0);
        predicate = true;
    }
    if (!predicate && w.size() >= 3 && w.back() == U'해') {
        w.back() = U'하'; // 공부해, 좋아해
        predicate = true;
    }
    if (!predicate && w.size() >= 2 &&
        (w.back() == U'어' || w.back() == U'아' || w.back() == U'다' || w.back() == U'고') &&
        core::is_hangul_syllable(w[w.size() - 2]) && jong_of(w[w.size() - 2]) == jong_ssang_siot) {
        w.pop_back(); // 갔어, 먹었다, 했고: the ending after a past stem
        predicate = true;
    }
    if (predicate) {
        normalise_predicate(w);
    } else {
        for (const auto& particle : particles()) {
            if (strip_suffix(w, particle, 1)) {
                break;
            }
        }
        if (w.size() >= 2 && w.back() == U'들') {
            w.pop_back(); // 친구들 → 친구
        }
    }
    return w.empty() ? std::string(word) : utf8(w);
}

} // namespace samantha::memory
