#include "nlu/risk_text.h"

#include <algorithm>
#include <limits>

#include "core/utf8.h"

namespace samantha::nlu {

namespace {

// What a character does in a word.
enum class CharClass : std::uint8_t { Boundary, Latin, Hangul, Symbol, Joiner };

struct Char {
    char32_t cp = 0;
    CharClass cls = CharClass::Boundary;
};

// Decodes one code point at `i`; invalid bytes decode as a boundary (U+0020) one byte long.
char32_t decode_at(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    std::size_t length = 0;
    char32_t cp = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        cp = lead & 0x1F;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        cp = lead & 0x0F;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        cp = lead & 0x07;
    } else {
        ++i;
        return U' ';
    }
    if (i + length > text.size()) {
        i = text.size();
        return U' ';
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto c = static_cast<unsigned char>(text[i + k]);
        if ((c & 0xC0) != 0x80) {
            ++i;
            return U' ';
        }
        cp = (cp << 6) | (c & 0x3F);
    }
    i += length;
    return cp;
}

bool is_compat_consonant(char32_t c) {
    return c >= 0x3131 && c <= 0x314E;
}

bool is_compat_vowel(char32_t c) {
    return c >= 0x314F && c <= 0x3163;
}

bool is_hangul_syllable(char32_t c) {
    return c >= 0xAC00 && c <= 0xD7A3;
}

bool is_ascii_letter(char32_t c) {
    return c >= 'a' && c <= 'z';
}

// The initial-consonant index (0–18) of a compatibility consonant, or -1.
int initial_index(char32_t c) {
    static constexpr char32_t initials[] = {0x3131,
                                            0x3132,
                                            0x3134,
                                            0x3137,
                                            0x3138,
                                            0x3139,
                                            0x3141,
                                            0x3142,
                                            0x3143,
                                            0x3145,
                                            0x3146,
                                            0x3147,
                                            0x3148,
                                            0x3149,
                                            0x314A,
                                            0x314B,
                                            0x314C,
                                            0x314D,
                                            0x314E};
    for (int k = 0; k < 19; ++k) {
        if (initials[k] == c) {
            return k;
        }
    }
    return -1;
}

// The final-consonant index (1–27) of a compatibility consonant, or -1.
int final_index(char32_t c) {
    static constexpr char32_t finals[] = {0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137,
                                          0x3139, 0x313A, 0x313B, 0x313C, 0x313D, 0x313E, 0x313F,
                                          0x3140, 0x3141, 0x3142, 0x3144, 0x3145, 0x3146, 0x3147,
                                          0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E};
    for (int k = 0; k < 27; ++k) {
        if (finals[k] == c) {
            return k + 1;
        }
    }
    return -1;
}

char32_t fold(char32_t c) {
    if (c >= 'A' && c <= 'Z') {
        return c + 0x20;
    }
    if (c >= 0xFF01 && c <= 0xFF5E) { // fullwidth ASCII
        return fold(c - 0xFF01 + 0x21);
    }
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) { // Latin-1 capitals
        return c + 0x20;
    }
    return c;
}

CharClass classify(char32_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 0xDF && c <= 0xFF && c != 0xF7)) {
        return CharClass::Latin;
    }
    if (is_hangul_syllable(c) || (c >= 0x3131 && c <= 0x318E)) {
        return CharClass::Hangul;
    }
    if (c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x00B4 || c == '`' || c == 0x200D ||
        c == 0xFE0F || c == 0xFE0E || (c >= 0x1F3FB && c <= 0x1F3FF)) {
        return CharClass::Joiner; // dropped without ending the word
    }
    if (c < 0x80 || (c >= 0x80 && c < 0x2100) || (c >= 0x3000 && c <= 0x303F) ||
        (c >= 0xFF00 && c <= 0xFFEF)) {
        return CharClass::Boundary; // ASCII and general punctuation, spaces, CJK punctuation
    }
    return CharClass::Symbol; // emoji and other symbols: each one a word
}

// "sister's" → "sister s" (so "my dad s gun" meets "my dad's gun" and "my dads gun" alike), but
// "it's", "he's", "that's" … stay one word for the [words] table (its → it is).
void split_possessives(std::vector<Char>& chars) {
    static constexpr std::string_view joined[] = {
        "it", "he", "she", "that", "what", "there", "who", "where", "how", "here", "let"};
    for (std::size_t k = 1; k + 1 < chars.size(); ++k) {
        const bool apostrophe = chars[k].cp == '\'' || chars[k].cp == 0x2019;
        const bool s_then_end = (chars[k + 1].cp == 's') &&
                                (k + 2 == chars.size() || chars[k + 2].cls != CharClass::Latin);
        if (!apostrophe || !s_then_end || chars[k - 1].cls != CharClass::Latin) {
            continue;
        }
        std::size_t start = k;
        while (start > 0 && chars[start - 1].cls == CharClass::Latin) {
            --start;
        }
        std::string word;
        for (std::size_t j = start; j < k; ++j) {
            word.push_back(static_cast<char>(chars[j].cp < 0x80 ? chars[j].cp : '?'));
        }
        if (std::find(std::begin(joined), std::end(joined), word) == std::end(joined)) {
            chars[k].cls = CharClass::Boundary;
        }
    }
}

// Letters typed one by one ("u n a l i v e", "s.u.i.c.i.d.e"): four or more single letters with
// one separator between each become one word.
void join_spelled_out(std::vector<Char>& chars) {
    const auto single = [&](std::size_t k) {
        return chars[k].cls == CharClass::Latin && is_ascii_letter(chars[k].cp) &&
               (k == 0 || chars[k - 1].cls != CharClass::Latin) &&
               (k + 1 == chars.size() || chars[k + 1].cls != CharClass::Latin);
    };
    std::size_t k = 0;
    while (k < chars.size()) {
        if (!single(k)) {
            ++k;
            continue;
        }
        std::size_t end = k; // the last single letter of the run
        while (end + 2 < chars.size() && chars[end + 1].cls == CharClass::Boundary &&
               single(end + 2)) {
            end += 2;
        }
        if ((end - k) / 2 + 1 >= 4) {
            for (std::size_t j = k + 1; j < end; j += 2) {
                chars[j].cls = CharClass::Joiner;
            }
        }
        k = end + 1;
    }
}

// Code points of `text`, folded and classified, with '$' and '@' read as letters inside words
// ("$uicide", "d@ad") and compatibility jamo composed into syllables.
std::vector<Char> read_chars(std::string_view text) {
    std::vector<Char> chars;
    chars.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = fold(decode_at(text, i));
        chars.push_back({cp, classify(cp)});
    }
    for (std::size_t k = 0; k < chars.size(); ++k) {
        const bool next_letter = k + 1 < chars.size() && is_ascii_letter(chars[k + 1].cp);
        const bool prev_letter = k > 0 && chars[k - 1].cls == CharClass::Latin;
        if (chars[k].cp == '$' && next_letter) {
            chars[k] = {'s', CharClass::Latin};
        } else if (chars[k].cp == '@' && next_letter && prev_letter) {
            chars[k] = {'a', CharClass::Latin};
        } else if (chars[k].cp == '*' && next_letter && prev_letter) {
            chars[k].cls = CharClass::Latin; // a starred-out letter: "k*ll", "d*e"
        }
    }
    split_possessives(chars);
    join_spelled_out(chars);
    // Compose jamo: consonant + vowel (+ a final consonant not followed by a vowel), and a lone
    // consonant between a syllable without 받침 and another syllable becomes that 받침 (주ㄱ고).
    std::vector<Char> out;
    out.reserve(chars.size());
    const auto cp_at = [&](std::size_t k) { return k < chars.size() ? chars[k].cp : U'\0'; };
    for (std::size_t k = 0; k < chars.size(); ++k) {
        const char32_t c = chars[k].cp;
        const int initial = initial_index(c);
        if (initial >= 0 && is_compat_vowel(cp_at(k + 1))) {
            char32_t syllable =
                0xAC00 + static_cast<char32_t>((initial * 21 + (cp_at(k + 1) - 0x314F)) * 28);
            k += 1;
            const int fin = final_index(cp_at(k + 1));
            if (fin > 0 && !is_compat_vowel(cp_at(k + 2))) {
                syllable += static_cast<char32_t>(fin);
                k += 1;
            }
            out.push_back({syllable, CharClass::Hangul});
            continue;
        }
        if (is_compat_consonant(c) && !out.empty() && is_hangul_syllable(out.back().cp) &&
            (out.back().cp - 0xAC00) % 28 == 0 && is_hangul_syllable(cp_at(k + 1))) {
            const int fin = final_index(c);
            if (fin > 0) {
                out.back().cp += static_cast<char32_t>(fin);
                continue;
            }
        }
        out.push_back(chars[k]);
    }
    return out;
}

// Cuts runs of three or more of one character to two ("soooo" → "soo", "ㅋㅋㅋㅋ" → "ㅋㅋ").
void cut_runs(std::u32string& word) {
    std::size_t w = 0;
    for (std::size_t r = 0; r < word.size(); ++r) {
        if (w >= 2 && word[w - 1] == word[r] && word[w - 2] == word[r]) {
            continue;
        }
        word[w++] = word[r];
    }
    word.resize(w);
}

void append_word(std::string& out, const std::u32string& word) {
    for (const char32_t c : word) {
        core::append_utf8(out, c);
    }
}

// Reads digits between letters as the letters they stand for ("k1ll", "d3ad").
void read_leet(std::u32string& word) {
    for (std::size_t k = 1; k + 1 < word.size(); ++k) {
        if (!is_ascii_letter(word[k - 1]) || !is_ascii_letter(word[k + 1])) {
            continue;
        }
        switch (word[k]) {
        case '0':
            word[k] = 'o';
            break;
        case '1':
            word[k] = 'i';
            break;
        case '3':
            word[k] = 'e';
            break;
        case '4':
            word[k] = 'a';
            break;
        case '5':
            word[k] = 's';
            break;
        default:
            break;
        }
    }
}

std::string collapse_all_runs(std::string_view word) {
    std::string out;
    out.reserve(word.size());
    for (const char c : word) {
        if (out.empty() || out.back() != c) {
            out.push_back(c);
        }
    }
    return out;
}

// The English word `word` as the patterns spell it (see WordTable).
std::string_view correct_word(std::string_view word, const WordTable& table, std::string& scratch) {
    if (const auto it = table.replacements.find(word); it != table.replacements.end()) {
        return it->second;
    }
    if (table.vocabulary.contains(word)) {
        return word;
    }
    // A run of three or more letters is an elongation ("diiie", "sooo"); a doubled letter may be
    // one ("diie") but only collapses into a word of three letters or more: "odd" is not "od"
    // (an overdose).
    const bool elongated = std::adjacent_find(word.begin(), word.end()) != word.end() && [&] {
        for (std::size_t i = 2; i < word.size(); ++i) {
            if (word[i] == word[i - 1] && word[i] == word[i - 2]) {
                return true;
            }
        }
        return false;
    }();
    scratch = collapse_all_runs(word);
    if (!elongated && scratch.size() < 3) {
        scratch = word;
    }
    if (scratch.size() != word.size()) {
        if (const auto it = table.vocabulary.find(scratch); it != table.vocabulary.end()) {
            return *it; // "diiie" → "die"
        }
        if (const auto it = table.collapsed.find(scratch); it != table.collapsed.end()) {
            if (const auto r = table.replacements.find(it->second); r != table.replacements.end()) {
                return r->second;
            }
            return it->second;
        }
        if (const auto r = table.replacements.find(scratch); r != table.replacements.end()) {
            return r->second;
        }
    }
    if (word.size() >= 5) {
        for (const auto& candidate : table.fuzzy) {
            if (within_one_edit(word, candidate)) {
                return candidate;
            }
        }
    }
    return word;
}

} // namespace

void WordTable::finish() {
    collapsed.clear();
    for (const auto& word : vocabulary) {
        const std::string key = collapse_all_runs(word);
        if (key != word) {
            collapsed.emplace(key,
                              word); // the first spelling wins; the vocabulary itself comes first
        }
    }
}

bool within_one_edit(std::string_view a, std::string_view b) {
    if (a.size() > b.size() + 1 || b.size() > a.size() + 1) {
        return false;
    }
    std::size_t i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) {
        ++i;
    }
    if (a.size() == b.size()) {
        if (i == a.size()) {
            return true;
        }
        if (a.substr(i + 1) == b.substr(i + 1)) {
            return true; // substitution
        }
        return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] &&
               a.substr(i + 2) == b.substr(i + 2); // transposition
    }
    const std::string_view longer = a.size() > b.size() ? a : b;
    const std::string_view shorter = a.size() > b.size() ? b : a;
    return longer.substr(i + 1) == shorter.substr(i);
}

RiskText normalize_risk_text(std::string_view text, const WordTable* words) {
    const std::vector<Char> chars = read_chars(text);
    RiskText out;
    out.spaced.reserve(text.size() + 8);
    out.spaced.push_back(' ');
    std::u32string word;
    std::string utf8;
    std::string scratch;
    CharClass word_class = CharClass::Boundary;
    const auto flush = [&] {
        if (word.empty()) {
            return;
        }
        cut_runs(word);
        utf8.clear();
        if (word_class == CharClass::Latin) {
            read_leet(word);
            append_word(utf8, word);
            const bool has_letter = std::any_of(word.begin(), word.end(), is_ascii_letter);
            if (words != nullptr && has_letter) {
                const std::string_view corrected = correct_word(utf8, *words, scratch);
                if (corrected.data() != utf8.data()) {
                    utf8 = std::string(corrected);
                }
            }
        } else {
            append_word(utf8, word);
        }
        out.spaced += utf8;
        out.spaced.push_back(' ');
        word.clear();
    };
    for (const Char& c : chars) {
        switch (c.cls) {
        case CharClass::Joiner:
            break;
        case CharClass::Boundary:
            flush();
            break;
        case CharClass::Symbol:
            flush();
            word.push_back(c.cp);
            word_class = CharClass::Symbol;
            flush();
            break;
        case CharClass::Latin:
        case CharClass::Hangul:
            if (!word.empty() && word_class != c.cls) {
                flush();
            }
            word_class = c.cls;
            word.push_back(c.cp);
            break;
        }
    }
    flush();
    // A replacement may have been empty or held its own spaces: collapse doubled spaces.
    std::size_t w = 0;
    for (std::size_t r = 0; r < out.spaced.size(); ++r) {
        if (out.spaced[r] == ' ' && w > 0 && out.spaced[w - 1] == ' ') {
            continue;
        }
        out.spaced[w++] = out.spaced[r];
    }
    out.spaced.resize(w);

    out.token_at.resize(out.spaced.size());
    out.compact.reserve(out.spaced.size());
    out.compact_to_spaced.reserve(out.spaced.size());
    int token = -1;
    for (std::size_t k = 0; k < out.spaced.size(); ++k) {
        if (out.spaced[k] == ' ') {
            if (k + 1 < out.spaced.size()) {
                ++token;
            }
        } else {
            out.compact.push_back(out.spaced[k]);
            out.compact_to_spaced.push_back(static_cast<std::uint32_t>(k));
        }
        out.token_at[k] = static_cast<std::uint16_t>(
            std::clamp(token, 0, static_cast<int>(std::numeric_limits<std::uint16_t>::max())));
    }
    out.token_count = token + 1;
    return out;
}

} // namespace samantha::nlu
