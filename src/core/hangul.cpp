#include "core/hangul.h"

#include <array>
#include <utility>

#include "core/utf8.h"

namespace samantha::core {

bool is_hangul_syllable(char32_t c) {
    return c >= 0xAC00 && c <= 0xD7A3;
}

namespace {

bool is_skipped(char32_t c) {
    return c == ' ' || c == '.' || c == ',' || c == '!' || c == '?' || c == '\'' || c == '"' ||
           c == ')' || c == '(' || c == '~';
}

Batchim latin_batchim(const std::u32string& word) {
    // An English word read in Korean ends in a vowel when its last letter is a vowel letter, or a
    // silent e; in ㄹ for a final l; otherwise in a consonant.
    const char32_t last = word.back() | 0x20;
    switch (last) {
    case 'a':
    case 'e':
    case 'i':
    case 'o':
    case 'u':
    case 'y':
    case 'w':
    case 'h':
        return Batchim::None;
    case 'l':
        return Batchim::Rieul;
    case 'r':
        return Batchim::None; // Peter → 피터
    default:
        return Batchim::Other;
    }
}

Batchim digit_batchim(char32_t digit) {
    // Sino-Korean readings: 영 일 이 삼 사 오 육 칠 팔 구.
    static constexpr std::array<Batchim, 10> readings = {Batchim::Other,
                                                         Batchim::Rieul,
                                                         Batchim::None,
                                                         Batchim::Other,
                                                         Batchim::None,
                                                         Batchim::None,
                                                         Batchim::Other,
                                                         Batchim::Rieul,
                                                         Batchim::Rieul,
                                                         Batchim::None};
    return readings.at(digit - '0');
}

} // namespace

Batchim final_batchim(std::string_view word) {
    auto cps = decode_utf8(word);
    while (!cps.empty() && is_skipped(cps.back())) {
        cps.pop_back();
    }
    if (cps.empty()) {
        return Batchim::None;
    }
    const char32_t last = cps.back();
    if (is_hangul_syllable(last)) {
        const int final_index = static_cast<int>((last - 0xAC00) % 28);
        if (final_index == 0) {
            return Batchim::None;
        }
        return final_index == 8 ? Batchim::Rieul : Batchim::Other; // 8 is ㄹ
    }
    if (last >= '0' && last <= '9') {
        return digit_batchim(last);
    }
    if ((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z')) {
        std::u32string letters;
        for (const char32_t c : cps) {
            letters.push_back(c);
        }
        return latin_batchim(letters);
    }
    return Batchim::None;
}

namespace {

// The form of a particle pair that follows a consonant is the one that starts with a vowel
// syllable built on ㅇ (은, 이, 을, 과, 아, 이에요, 으로…) — except 과/와, where 과 does.
bool is_consonant_form(std::string_view form) {
    if (form == "과") {
        return true;
    }
    if (form == "와") {
        return false;
    }
    const auto cps = decode_utf8(form);
    if (cps.empty() || !is_hangul_syllable(cps.front())) {
        return false;
    }
    const int initial = static_cast<int>((cps.front() - 0xAC00) / 588);
    // 야 and 예요 also start with ㅇ but follow a vowel.
    return initial == 11 && form != "야" && form != "예요";
}

} // namespace

std::string particle_for(std::string_view word, std::string_view pair) {
    const auto slash = pair.find('/');
    if (slash == std::string_view::npos) {
        return std::string(pair);
    }
    std::string_view first = pair.substr(0, slash);
    std::string_view second = pair.substr(slash + 1);
    if (!is_consonant_form(first) && is_consonant_form(second)) {
        std::swap(first, second);
    }
    const Batchim batchim = final_batchim(word);
    if (first.starts_with("으로")) {
        return std::string(batchim == Batchim::Other ? first : second);
    }
    return std::string(batchim == Batchim::None ? second : first);
}

std::string attach_particle(std::string_view word, std::string_view pair) {
    std::string out(word);
    out += particle_for(word, pair);
    return out;
}

} // namespace samantha::core
