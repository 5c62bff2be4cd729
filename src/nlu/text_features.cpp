#include "nlu/text_features.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "core/hangul.h"

// The feature scheme (families, hash, values) is documented in docs/nlu.md; any change to what
// this file emits must bump the model file version in linear_model.h, since trained weights are
// indexed by these hashes.
namespace samantha::nlu {

namespace {

// Texts are cut to this many code points (after normalisation) so the cost stays bounded.
constexpr std::size_t max_code_points = 16384;

// Markers outside Unicode, so they never collide with a real character.
constexpr char32_t run_boundary = 0x110000;
constexpr char32_t text_begin = 0x110001;
constexpr char32_t text_end = 0x110002;

// One tag per feature family: the hash state starts from the tag, so equal strings in different
// families land in unrelated buckets.
enum class Family : char32_t {
    Chars = 'c',
    HangulRun = 'h',
    Jamo = 'j',
    Initials = 'i',
    WordInitials = 'k',
    Word = 'w',
    Bigram = 'b',
    Extra = 'x',
};

// FNV-1a over 32-bit units (xor the unit, multiply by the 64-bit FNV prime), then MurmurHash3's
// 64-bit finaliser. Fixed-width integer arithmetic only, so every platform agrees.
constexpr std::uint64_t fnv_offset = 0xCBF29CE484222325ULL;
constexpr std::uint64_t fnv_prime = 0x100000001B3ULL;

constexpr std::uint64_t feed(std::uint64_t hash, char32_t unit) {
    return (hash ^ static_cast<std::uint64_t>(unit)) * fnv_prime;
}

constexpr std::uint64_t start(Family family) {
    return feed(fnv_offset, static_cast<char32_t>(family));
}

constexpr std::uint64_t finish(std::uint64_t hash) {
    hash ^= hash >> 33;
    hash *= 0xFF51AFD7ED558CCDULL;
    hash ^= hash >> 33;
    hash *= 0xC4CEB9FE1A85EC53ULL;
    hash ^= hash >> 33;
    return hash;
}

// --- normalisation ---------------------------------------------------------------------------

// Decodes one code point at `i`, advancing it; an invalid or truncated sequence yields U+FFFD
// and skips one byte.
char32_t decode_one(std::string_view text, std::size_t& i) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
        ++i;
        return lead;
    }
    std::size_t length = 0;
    char32_t cp = 0;
    char32_t min = 0;
    if ((lead & 0xE0) == 0xC0) {
        length = 2;
        cp = lead & 0x1FU;
        min = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
        length = 3;
        cp = lead & 0x0FU;
        min = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
        length = 4;
        cp = lead & 0x07U;
        min = 0x10000;
    } else {
        ++i;
        return 0xFFFD;
    }
    if (i + length > text.size()) {
        ++i;
        return 0xFFFD;
    }
    for (std::size_t k = 1; k < length; ++k) {
        const auto c = static_cast<unsigned char>(text[i + k]);
        if ((c & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (c & 0x3FU);
    }
    if (cp < min || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
        ++i;
        return 0xFFFD;
    }
    i += length;
    return cp;
}

bool is_whitespace(char32_t c) {
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
           c == 0x205F || c == 0x3000;
}

// Characters that carry nothing for classification: controls, zero-width joiners and spaces,
// variation selectors (so "❤️" and "❤" agree), the byte-order mark.
bool is_ignored(char32_t c) {
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x200B && c <= 0x200D) || c == 0x2060 ||
           c == 0xFEFF || (c >= 0xFE00 && c <= 0xFE0F);
}

char32_t to_lower(char32_t c) {
    if (c < 0x80) {
        return (c >= 'A' && c <= 'Z') ? c + 32 : c;
    }
    if (c >= 0xFF01 && c <= 0xFF5E) { // full-width ASCII
        return to_lower(c - 0xFF01 + 0x21);
    }
    if ((c >= 0xC0 && c <= 0xDE && c != 0xD7) || (c >= 0x391 && c <= 0x3A9 && c != 0x3A2) ||
        (c >= 0x410 && c <= 0x42F)) { // Latin-1, Greek, Cyrillic capitals
        return c + 32;
    }
    if (c >= 0x400 && c <= 0x40F) {
        return c + 80;
    }
    if (c == 0x130) { // İ
        return 'i';
    }
    if (c == 0x178) { // Ÿ
        return 0xFF;
    }
    // Latin Extended-A alternates capital, small: even capitals here, odd capitals there.
    const bool even_capitals = (c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177);
    const bool odd_capitals = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if ((even_capitals && c % 2 == 0) || (odd_capitals && c % 2 == 1)) {
        return c + 1;
    }
    if (c == 0x2018 || c == 0x2019 || c == 0x2BC) {
        return '\'';
    }
    return c;
}

// Conjoining jamo (as in NFD text) composed into a syllable: L V, or L V T.
std::size_t compose_hangul(std::span<const char32_t> in, std::size_t i, char32_t& out) {
    const char32_t l = in[i];
    if (l < 0x1100 || l > 0x1112 || i + 1 >= in.size() || in[i + 1] < 0x1161 ||
        in[i + 1] > 0x1175) {
        return 0;
    }
    const char32_t v = in[i + 1];
    char32_t t = 0;
    std::size_t used = 2;
    if (i + 2 < in.size() && in[i + 2] >= 0x11A8 && in[i + 2] <= 0x11C2) {
        t = in[i + 2] - 0x11A7;
        used = 3;
    }
    out = 0xAC00 + ((l - 0x1100) * 21 + (v - 0x1161)) * 28 + t;
    return used;
}

// Appends `c` to `out` unless it would make a third identical code point in a row, or a second
// space in a row.
void append_collapsed(std::u32string& out, char32_t c) {
    const std::size_t n = out.size();
    if (c == ' ' && (n == 0 || out[n - 1] == ' ')) {
        return;
    }
    if (n >= 2 && out[n - 1] == c && out[n - 2] == c) {
        return;
    }
    out.push_back(c);
}

// --- Hangul ----------------------------------------------------------------------------------

bool is_compatibility_jamo(char32_t c) {
    return c >= 0x3131 && c <= 0x318E;
}

bool is_hangul(char32_t c) {
    return core::is_hangul_syllable(c) || is_compatibility_jamo(c);
}

// Compatibility jamo (the letters typed alone: ㄱ, ㅋ, ㅠ) of the 19 initials and 27 finals.
constexpr std::array<char32_t, 19> initial_jamo = {0x3131,
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
constexpr std::array<char32_t, 28> final_jamo = {
    0,      0x3131, 0x3132, 0x3133, 0x3134, 0x3135, 0x3136, 0x3137, 0x3139, 0x313A,
    0x313B, 0x313C, 0x313D, 0x313E, 0x313F, 0x3140, 0x3141, 0x3142, 0x3144, 0x3145,
    0x3146, 0x3147, 0x3148, 0x314A, 0x314B, 0x314C, 0x314D, 0x314E};

bool is_consonant_jamo(char32_t c) {
    return c >= 0x3131 && c <= 0x314E;
}

// Appends the jamo of a Hangul character: a syllable's initial, vowel and final, or a letter
// typed alone as itself. A final is the same letter as an initial, so spellings that move a
// final onto the next syllable (했어 / 해써) still share their jamo n-grams.
void append_jamo(std::u32string& out, char32_t c) {
    if (!core::is_hangul_syllable(c)) {
        out.push_back(c);
        return;
    }
    const char32_t index = c - 0xAC00;
    out.push_back(initial_jamo.at(index / (21 * 28)));
    out.push_back(0x314F + (index / 28) % 21); // the vowels ㅏ..ㅣ are contiguous
    if (index % 28 != 0) {
        out.push_back(final_jamo.at(index % 28));
    }
}

// The initial consonant (초성) of a Hangul character, or 0 for a vowel typed alone.
char32_t initial_of(char32_t c) {
    if (core::is_hangul_syllable(c)) {
        return initial_jamo.at((c - 0xAC00) / (21 * 28));
    }
    return is_consonant_jamo(c) ? c : 0;
}

// --- words -----------------------------------------------------------------------------------

// Pictographs and dingbats stand alone as words, even written against a word ("good😭").
bool is_pictograph(char32_t c) {
    return (c >= 0x1F000 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF) ||
           (c >= 0x2B00 && c <= 0x2BFF) || c == 0x2764;
}

// ASCII other than letters, digits and the apostrophe, and the Unicode punctuation blocks.
bool is_separator(char32_t c) {
    if (c < 0x80) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return !alnum && c != '\'';
    }
    return (c >= 0xA0 && c <= 0xBF) || c == 0xD7 || c == 0xF7 || (c >= 0x2000 && c <= 0x206F) ||
           (c >= 0x2190 && c <= 0x23FF) || (c >= 0x2500 && c <= 0x25FF) ||
           (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF00 && c <= 0xFF0F) || c == 0xFFFD;
}

struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
};

// Words of normalised text: runs of non-separators, pictographs alone, outer apostrophes dropped.
std::vector<Span> find_words(const std::u32string& text) {
    std::vector<Span> words;
    std::size_t begin = 0;
    const auto close = [&](std::size_t end) {
        while (begin < end && text[begin] == '\'') {
            ++begin;
        }
        while (end > begin && text[end - 1] == '\'') {
            --end;
        }
        if (end > begin) {
            words.push_back(Span{begin, end});
        }
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char32_t c = text[i];
        if (is_separator(c) || is_pictograph(c)) {
            close(i);
            if (is_pictograph(c)) {
                words.push_back(Span{i, i + 1});
            }
            begin = i + 1;
        }
    }
    close(text.size());
    return words;
}

// --- emitting --------------------------------------------------------------------------------

// Collects raw hashes; featurize() turns them into buckets and values.
class Sink {
public:
    explicit Sink(std::uint32_t mask)
        : m_mask(mask) {}

    void add(std::uint64_t hash) {
        m_buckets.push_back(static_cast<std::uint32_t>(finish(hash)) & m_mask);
    }

    // Every n-gram of `units` with n in [min_n, max_n], each hashed from the family's start.
    void add_ngrams(Family family, std::span<const char32_t> units, int min_n, int max_n) {
        const std::uint64_t seed = start(family);
        for (std::size_t i = 0; i < units.size(); ++i) {
            std::uint64_t hash = seed;
            const std::size_t longest = std::min(units.size() - i, static_cast<std::size_t>(max_n));
            for (std::size_t n = 1; n <= longest; ++n) {
                hash = feed(hash, units[i + n - 1]);
                if (n >= static_cast<std::size_t>(min_n)) {
                    add(hash);
                }
            }
        }
    }

    std::vector<std::uint32_t>& buckets() { return m_buckets; }

private:
    std::uint32_t m_mask;
    std::vector<std::uint32_t> m_buckets;
};

// Sorts bucket indices below 2^bits: LSD radix sort on bytes, which for the few hundred keys of a
// message costs a fraction of a comparison sort.
void sort_buckets(std::vector<std::uint32_t>& keys, int bits) {
    if (keys.size() < 64) {
        std::sort(keys.begin(), keys.end());
        return;
    }
    std::vector<std::uint32_t> scratch(keys.size());
    for (int shift = 0; shift < bits; shift += 8) {
        std::array<std::uint32_t, 257> offsets{};
        for (const std::uint32_t key : keys) {
            ++offsets[((key >> shift) & 0xFFU) + 1];
        }
        for (std::size_t digit = 1; digit < offsets.size(); ++digit) {
            offsets[digit] += offsets[digit - 1];
        }
        for (const std::uint32_t key : keys) {
            scratch[offsets[(key >> shift) & 0xFFU]++] = key;
        }
        keys.swap(scratch);
    }
}

FeatureSpec clamped(FeatureSpec spec) {
    spec.buckets_log2 = std::clamp(spec.buckets_log2, 8, 24);
    spec.char_max = std::clamp(spec.char_max, 1, 8);
    spec.char_min = std::clamp(spec.char_min, 1, spec.char_max);
    return spec;
}

void add_characters(Sink& sink, const std::u32string& text, const FeatureSpec& spec) {
    // The text between two spaces, so word starts and ends are marked and n-grams also run across
    // the space between words.
    std::u32string padded;
    padded.reserve(text.size() + 2);
    padded.push_back(' ');
    padded.append(text);
    padded.push_back(' ');
    const std::uint64_t seed = start(Family::Chars);
    for (std::size_t i = 0; i < padded.size(); ++i) {
        std::uint64_t hash = seed;
        const std::size_t longest =
            std::min(padded.size() - i, static_cast<std::size_t>(spec.char_max));
        for (std::size_t n = 1; n <= longest; ++n) {
            hash = feed(hash, padded[i + n - 1]);
            const bool lone_space = n == 1 && padded[i] == ' ';
            if (n >= static_cast<std::size_t>(spec.char_min) && !lone_space) {
                sink.add(hash);
            }
        }
    }
}

// Features of one Hangul run (Hangul characters with the spaces between them removed, so
// "죽고 싶다" and "죽고싶다" agree): its character n-grams, jamo n-grams and 초성 n-grams.
void add_hangul_run(Sink& sink, const std::u32string& run, const FeatureSpec& spec) {
    std::u32string marked;
    marked.reserve(run.size() + 2);
    marked.push_back(run_boundary);
    for (const char32_t c : run) {
        if (c != ' ') {
            marked.push_back(c);
        }
    }
    marked.push_back(run_boundary);
    sink.add_ngrams(Family::HangulRun, marked, std::max(2, spec.char_min), spec.char_max);
    if (!spec.jamo) {
        return;
    }
    std::u32string jamo{run_boundary};
    std::u32string initials{run_boundary};
    for (std::size_t i = 1; i + 1 < marked.size(); ++i) {
        append_jamo(jamo, marked[i]);
        if (const char32_t initial = initial_of(marked[i]); initial != 0) {
            initials.push_back(initial);
        }
    }
    jamo.push_back(run_boundary);
    initials.push_back(run_boundary);
    sink.add_ngrams(Family::Jamo, jamo, 2, 3);
    sink.add_ngrams(Family::Initials, initials, 2, 3);
    // The whole 초성 string of each word of the run: "ㅈㅅ" typed alone and "자살" share it.
    std::uint64_t hash = start(Family::WordInitials);
    std::size_t length = 0;
    for (std::size_t i = 0; i <= run.size(); ++i) {
        if (i == run.size() || run[i] == ' ') {
            if (length >= 2) {
                sink.add(hash);
            }
            hash = start(Family::WordInitials);
            length = 0;
        } else if (const char32_t initial = initial_of(run[i]); initial != 0) {
            hash = feed(hash, initial);
            ++length;
        }
    }
}

void add_hangul(Sink& sink, const std::u32string& text, const FeatureSpec& spec) {
    std::u32string run;
    for (std::size_t i = 0; i <= text.size(); ++i) {
        const char32_t c = i < text.size() ? text[i] : 0;
        const bool joins =
            c == ' ' && !run.empty() && i + 1 < text.size() && is_hangul(text[i + 1]);
        if (is_hangul(c) || joins) {
            run.push_back(c);
        } else if (!run.empty()) {
            add_hangul_run(sink, run, spec);
            run.clear();
        }
    }
}

void add_words(Sink& sink, const std::u32string& text, const FeatureSpec& spec) {
    const std::vector<Span> words = find_words(text);
    const auto hash_word = [&](std::uint64_t hash, Span word) {
        for (std::size_t i = word.begin; i < word.end; ++i) {
            hash = feed(hash, text[i]);
        }
        return hash;
    };
    if (spec.words) {
        for (const Span word : words) {
            sink.add(hash_word(start(Family::Word), word));
        }
    }
    if (spec.word_bigrams && !words.empty()) {
        sink.add(hash_word(feed(start(Family::Bigram), text_begin), words.front()));
        for (std::size_t i = 0; i + 1 < words.size(); ++i) {
            const std::uint64_t first = hash_word(start(Family::Bigram), words[i]);
            sink.add(hash_word(feed(first, ' '), words[i + 1]));
        }
        sink.add(feed(hash_word(start(Family::Bigram), words.back()), text_end));
    }
}

} // namespace

bool is_valid(const FeatureSpec& spec) {
    return spec.buckets_log2 >= 8 && spec.buckets_log2 <= 24 && spec.char_min >= 1 &&
           spec.char_min <= spec.char_max && spec.char_max <= 8;
}

std::u32string normalize_for_features(std::string_view text) {
    std::u32string decoded;
    decoded.reserve(text.size());
    for (std::size_t i = 0; i < text.size() && decoded.size() < max_code_points;) {
        decoded.push_back(decode_one(text, i));
    }
    std::u32string out;
    out.reserve(decoded.size());
    for (std::size_t i = 0; i < decoded.size();) {
        char32_t c = decoded[i];
        if (const std::size_t used = compose_hangul(decoded, i, c); used > 0) {
            i += used;
        } else {
            ++i;
        }
        if (is_whitespace(c)) {
            append_collapsed(out, ' ');
        } else if (!is_ignored(c)) {
            append_collapsed(out, to_lower(c));
        }
    }
    if (!out.empty() && out.back() == ' ') {
        out.pop_back();
    }
    return out;
}

Features
featurize(std::string_view text, const FeatureSpec& requested, std::span<const std::string> extra) {
    const FeatureSpec spec = clamped(requested);
    const std::u32string normal = normalize_for_features(text);
    Sink sink((std::uint32_t{1} << spec.buckets_log2) - 1);
    sink.buckets().reserve(normal.size() * static_cast<std::size_t>(spec.char_max) * 2 + 64);
    if (!normal.empty()) {
        add_characters(sink, normal, spec);
        add_hangul(sink, normal, spec);
        add_words(sink, normal, spec);
    }
    for (const std::string& name : extra) {
        std::uint64_t hash = start(Family::Extra);
        for (const char byte : name) {
            hash = feed(hash, static_cast<unsigned char>(byte));
        }
        sink.add(hash);
    }
    std::vector<std::uint32_t>& buckets = sink.buckets();
    sort_buckets(buckets, spec.buckets_log2);
    Features features;
    if (buckets.empty()) {
        return features;
    }
    // A bucket hit c times gets sqrt(c); the squared values then sum to the number of hits, so
    // dividing by sqrt(hits) makes the norm exactly 1.
    const auto total = static_cast<float>(buckets.size());
    for (std::size_t i = 0; i < buckets.size();) {
        std::size_t j = i + 1;
        while (j < buckets.size() && buckets[j] == buckets[i]) {
            ++j;
        }
        features.push_back(SparseFeature{.index = buckets[i],
                                         .value = std::sqrt(static_cast<float>(j - i) / total)});
        i = j;
    }
    return features;
}

} // namespace samantha::nlu
