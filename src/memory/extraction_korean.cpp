// Korean extraction rules (docs/memory.md, "Extraction").
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/hangul.h"
#include "core/text.h"
#include "core/utf8.h"
#include "memory/dates.h"
#include "memory/extraction_rules.h"

namespace samantha::memory::rules {

using core::contains;

namespace {

// What a word ends with, for the 조사 that must agree with it: a consonant (받침), ㄹ, or a
// vowel.
core::Batchim batchim_of(std::string_view stem) {
    return core::final_batchim(stem);
}

enum class After { Consonant, Vowel, VowelOrRieul, Any };

struct Ending {
    std::string_view text;
    After after;
};

bool agrees(std::string_view stem, After after) {
    if (stem.empty()) {
        return false;
    }
    if (!is_hangul_word(stem.substr(stem.size() - std::min<std::size_t>(stem.size(), 3)))) {
        return true; // Latin letters and digits: readers differ, take either form
    }
    const core::Batchim b = batchim_of(stem);
    switch (after) {
    case After::Consonant:
        return b != core::Batchim::None;
    case After::Vowel:
        return b == core::Batchim::None;
    case After::VowelOrRieul:
        return b != core::Batchim::Other;
    case After::Any:
        return true;
    }
    return true;
}

// The copula and quoting endings a noun takes (지수예요, 민준이에요, 하나라고, 지수인데요).
constexpr std::array<Ending, 23> copulas = {{{"이었어요", After::Consonant},
                                             {"이에요", After::Consonant},
                                             {"이예요", After::Consonant},
                                             {"입니다", After::Any},
                                             {"인데요", After::Any},
                                             {"이라고", After::Consonant},
                                             {"이라는", After::Consonant},
                                             {"이랍니다", After::Consonant},
                                             {"랍니다", After::Vowel},
                                             {"였어요", After::Vowel},
                                             {"예요", After::Vowel},
                                             {"에요", After::Vowel},
                                             {"인데", After::Any},
                                             {"이야", After::Consonant},
                                             {"이고", After::Consonant},
                                             {"이다", After::Consonant},
                                             {"이요", After::Consonant},
                                             {"라고", After::Vowel},
                                             {"라는", After::Vowel},
                                             {"이지", After::Consonant},
                                             {"임", After::Any},
                                             {"야", After::Vowel},
                                             {"고", After::Vowel}}};

// Case particles (조사), longest first.
constexpr std::array<Ending, 29> particles = {
    {{"에서는", After::Any},     {"이랑은", After::Consonant},
     {"에서도", After::Any},     {"에서", After::Any},
     {"에게", After::Any},       {"한테", After::Any},
     {"께서", After::Any},       {"으로", After::Consonant},
     {"이랑", After::Consonant}, {"까지", After::Any},
     {"부터", After::Any},       {"처럼", After::Any},
     {"보다", After::Any},       {"에는", After::Any},
     {"은", After::Consonant},   {"는", After::Vowel},
     {"이", After::Consonant},   {"가", After::Vowel},
     {"을", After::Consonant},   {"를", After::Vowel},
     {"과", After::Consonant},   {"와", After::Vowel},
     {"랑", After::Vowel},       {"로", After::VowelOrRieul},
     {"에", After::Any},         {"의", After::Any},
     {"도", After::Any},         {"엔", After::Any},
     {"만", After::Any}}};

// Nouns that end in 이 as a syllable of their own, not as a particle (고양이, 떡볶이).
bool i_noun(std::string_view word) {
    return vocabulary().korean_i_nouns.contains(word) || word.ends_with("고양이") ||
           word.ends_with("볶이") || word.ends_with("놀이");
}

// `word` without the ending of `table` it agrees with, or nullopt. The hypocoristic 이 after a
// closed syllable goes too (콩이가 → 콩, 지민이에요 → 지민).
std::optional<std::string>
strip_ending(std::string_view word, const Ending* begin, const Ending* end) {
    for (const Ending* e = begin; e != end; ++e) {
        if (word.size() <= e->text.size() || !word.ends_with(e->text)) {
            continue;
        }
        std::string stem(word.substr(0, word.size() - e->text.size()));
        if (!agrees(stem, e->after)) {
            continue;
        }
        // 게임 is no 게 + 임, 송도 no 송 + 도: these endings need a longer stem, or a known word.
        if ((e->text == "임" || e->text == "도") && is_hangul_word(stem) && syllables(stem) < 2) {
            continue;
        }
        if (e->text == "도" && (vocabulary().korean_places.contains(word) ||
                                vocabulary().korean_regions.contains(word))) {
            continue;
        }
        if (e->text.starts_with("이") && (i_noun(word) || i_noun(stem + "이"))) {
            continue; // 고양이랑 is 고양이 + 랑
        }
        if (e->text == "가" && i_noun(stem + "가")) {
            continue;
        }
        return stem;
    }
    return std::nullopt;
}

std::optional<std::string> strip_copula(std::string_view word) {
    return strip_ending(word, copulas.data(), copulas.data() + copulas.size());
}

std::optional<std::string> strip_particle(std::string_view word) {
    return strip_ending(word, particles.data(), particles.data() + particles.size());
}

// The hypocoristic 이 of a name with a closed last syllable goes (콩이 → 콩, 지민이 → 지민).
std::string without_hypocoristic(std::string stem) {
    if (stem.ends_with("이") && syllables(stem) >= 2 && syllables(stem) <= 4 && !i_noun(stem)) {
        const std::string_view before = std::string_view(stem).substr(0, stem.size() - 3);
        if (is_hangul_word(before) && core::final_batchim(before) != core::Batchim::None &&
            syllables(before) <= 3) {
            stem.resize(stem.size() - 3);
        }
    }
    return stem;
}

// A word without its particle, as written; the word itself when it has none.
std::string bare(std::string_view word) {
    if (auto stem = strip_particle(word)) {
        return *stem;
    }
    return std::string(word);
}

// Whether a word carries a case particle: 요가 and 작가 do not (a one-syllable stem before 이/가
// is more often part of the noun).
bool has_particle(std::string_view word) {
    const auto stem = strip_particle(word);
    if (!stem) {
        return false;
    }
    const bool fused = word.ends_with("가") || word.ends_with("의") || word.ends_with("도");
    return !(fused && is_hangul_word(*stem) && syllables(*stem) < 2);
}

// A noun without its particle, keeping nouns whose last syllable only looks like one (요가, 회의).
std::string noun_of(std::string_view word) {
    return has_particle(word) ? bare(word) : std::string(word);
}

// The Latin letters a mixed word begins with ("Alex예요" → Alex), when the rest is Korean.
std::string latin_head(std::string_view word) {
    std::size_t n = 0;
    while (n < word.size() &&
           ((word[n] >= 'A' && word[n] <= 'Z') || (word[n] >= 'a' && word[n] <= 'z'))) {
        ++n;
    }
    if (n == 0 || (n < word.size() && !is_hangul_word(word.substr(n)))) {
        return {};
    }
    return std::string(word.substr(0, n));
}

// Whether a word holds the ㅆ 받침 of a past tense (먹었, 봤), not that of 있다 or 겠.
bool korean_past(std::string_view word) {
    for (const char32_t c : core::decode_utf8(word)) {
        if (core::is_hangul_syllable(c) && (c - 0xAC00) % 28 == 20 && c != U'있' && c != U'겠') {
            return true;
        }
    }
    return false;
}

bool question_word(std::string_view word) {
    for (const std::string_view q : {"뭐",
                                     "뭔",
                                     "무엇",
                                     "뭘",
                                     "누구",
                                     "누가",
                                     "어디",
                                     "언제",
                                     "몇",
                                     "무슨",
                                     "어떤",
                                     "왜",
                                     "어떻게",
                                     "얼마"}) {
        if (word.starts_with(q)) {
            return true;
        }
    }
    return false;
}

bool first_person(std::string_view word) {
    static const WordSet me = {"저는",
                               "전",
                               "저",
                               "나는",
                               "난",
                               "나",
                               "제가",
                               "내가",
                               "저도",
                               "나도",
                               "저희는",
                               "우린",
                               "우리는",
                               "저희도",
                               "본인은",
                               "제가요",
                               "저요",
                               "나요"};
    return me.contains(word);
}

// Topics and adverbs that leave the person the subject ("지금은 부산에 살아요").
bool neutral_topic(std::string_view word) {
    static const WordSet topics = {
        "요즘은",   "요즘엔", "지금은",   "현재는",   "원래는",   "이제는", "올해는", "작년엔",
        "당분간은", "평소엔", "평소에는", "주말엔",   "주말에는", "보통은", "아직은", "요샌",
        "나이는",   "나이가", "이름이",   "이름은",   "직업은",   "직업이", "고향은", "전공은",
        "집은",     "집이",   "생일은",   "회사는",   "회사가",   "학교는", "학교가", "일은",
        "사는",     "취미는", "키는",     "혈액형은", "mbti는",   "요즘",   "지금",   "현재",
        "원래",     "이제",   "올해",     "벌써",     "아직",     "계속",   "이번엔", "저번엔",
        "진짜",     "정말",   "사실",     "사실은",   "일단",     "우선",   "참고로", "근데",
        "그리고",   "아",     "음",       "어",       "네",       "응",     "그냥",   "혹시",
        "제일",     "가장",   "특히",     "너무",     "엄청",     "완전",   "되게",   "아주",
        "많이",     "좀",     "꽤",       "무척",     "별로",     "항상",   "늘",     "자주",
        "매일",     "보통",   "다시",     "혼자",     "같이",     "또",     "막",     "이미",
        "얼마",     "전에",   "최근에",   "최근",     "내",       "제",     "우리",   "저희",
        "울"};
    return topics.contains(word) || first_person(word);
}

// Adverbs between an object and its verb ("커피 진짜 좋아해").
bool adverb(std::string_view word) {
    static const WordSet adverbs = {
        "진짜",   "정말", "너무", "완전",   "엄청", "제일",   "가장", "참",       "되게",
        "아주",   "많이", "좀",   "꽤",     "무척", "특히",   "별로", "정말로",   "진심",
        "완전히", "개",   "존나", "겁나",   "짱",   "디게",   "쫌",   "넘",       "넘나",
        "젤",     "요즘", "원래", "항상",   "늘",   "그냥",   "다",   "더",       "훨씬",
        "굉장히", "매우", "은근", "은근히", "딱히", "그렇게", "ㅈㄴ", "정말정말", "진짜진짜"};
    return adverbs.contains(word);
}

// Whether word i ends a clause of its own (…는데, …지만, …고, …어서), so that what comes before
// it is no subject of what follows.
bool connective(std::string_view word) {
    if (word.ends_with("는데") || word.ends_with("인데") || word.ends_with("지만") ||
        word.ends_with("어서") || word.ends_with("아서") || word.ends_with("니까") ||
        word.ends_with("면서")) {
        return true;
    }
    // …고 ends a clause (먹고, 자랐고), except in nouns (광고, 최고) and schools (외고).
    return word.ends_with("고") && !word.ends_with("이고") && syllables(word) >= 2 &&
           !word.ends_with("하고") && !vocabulary().korean_go_nouns.contains(word) &&
           !word.ends_with("외고") && !word.ends_with("여고") && !word.ends_with("과학고");
}

// The first word of the clause that word i is in.
std::size_t clause_start(const Sentence& s, std::size_t i) {
    std::size_t k = i;
    while (k > 0 && !s.boundary_before(k) && !connective(s.w(k - 1))) {
        --k;
    }
    return k;
}

bool job_like(std::string_view noun);

// Whether someone other than the person is the subject of the clause before word `end`: a
// relation or a name with a subject or topic particle ("언니가 서울에 살아요", "지민이는
// 간호사예요").
bool other_subject(const Sentence& s, std::size_t begin, std::size_t end) {
    const auto& v = vocabulary();
    for (std::size_t k = begin; k < end; ++k) {
        const std::string_view w = s.w(k);
        if (neutral_topic(w) || !(w.ends_with("이") || w.ends_with("가") || w.ends_with("은") ||
                                  w.ends_with("는") || w.ends_with("께서") || w.ends_with("도"))) {
            continue;
        }
        const auto stem = strip_particle(w);
        if (!stem) {
            continue;
        }
        if (first_person(*stem) || *stem == "저" || *stem == "나" || *stem == "제" ||
            *stem == "내") {
            continue;
        }
        if (v.korean_relations.contains(*stem) || stem->ends_with("씨") || stem->ends_with("님") ||
            !latin_head(w).empty()) {
            return true;
        }
        // 저희 사촌 훈은 …: the name after a relation is someone else's.
        if (k > begin && v.korean_relations.contains(s.w(k - 1))) {
            return true;
        }
        // A subject particle (이/가) or a topic (은/는) on anything but a place or a time is a
        // subject other than the person: "민지가 부산에 살아요". A one-syllable stem before 이/가
        // is more often a noun of its own (요가, 작가, 휴가).
        const bool subject = w.ends_with("가") || w.ends_with("이");
        if (syllables(*stem) < 2 || (subject && (job_like(*stem) || i_noun(w)))) {
            continue;
        }
        if (subject || w.ends_with("은") || w.ends_with("는") || w.ends_with("께서")) {
            return true;
        }
    }
    return false;
}

// A place or region word that may come before another ("서울 마포구", "경기도 용인").
bool region(std::string_view word) {
    return vocabulary().korean_regions.contains(word) || word.ends_with("시") ||
           word.ends_with("도") || word.ends_with("구") || word.ends_with("군");
}

// The noun phrase ending at word `last` (inclusive), its particle stripped: a region before a
// place (서울 마포구), a bare noun before a noun (광고 회사, 공포 영화), a modifier (매운 음식).
std::string noun_phrase(const Sentence& s, std::size_t last, std::size_t begin) {
    if (last >= s.size()) {
        return {};
    }
    if (!is_hangul_word(s.w(last))) {
        // LG전자에서 → LG전자; a Latin word (LA, IT) as written.
        const std::string& original = s.original[last].word;
        if (latin_head(original).empty() && !is_capitalized(original)) {
            return {};
        }
        return bare(original);
    }
    std::string noun = noun_of(s.w(last));
    if (noun.empty() || neutral_topic(s.w(last))) {
        return {};
    }
    std::size_t first = last;
    for (int extra = 0; extra < 2 && first > begin; ++extra) {
        const std::string_view before = s.w(first - 1);
        const std::string& before_original = s.original[first - 1].word;
        if (!s.boundary_before(first) && !is_hangul_word(before) && before_original.size() <= 4 &&
            std::all_of(before_original.begin(), before_original.end(), [](char c) {
                return c >= 'A' && c <= 'Z';
            })) {
            --first; // IT 회사, UX 디자이너
            break;
        }
        if (s.boundary_before(first) || !is_hangul_word(before) || neutral_topic(before) ||
            adverb(before) || question_word(before) || before == "안" || before == "못") {
            break;
        }
        static const WordSet verb_modifiers = {"있는",
                                               "없는",
                                               "하는",
                                               "되는",
                                               "다니는",
                                               "일하는",
                                               "사는",
                                               "좋아하는",
                                               "키우는",
                                               "아는",
                                               "모르는",
                                               "가는",
                                               "다녔던",
                                               "살던",
                                               "있던",
                                               "좋아한"};
        if (verb_modifiers.contains(before)) {
            break;
        }
        // A modifier (매운, 많은, 오는) is a verb before 은/는: as a noun with a topic particle
        // (콩이는) its stem would be longer than a syllable.
        const auto stem = strip_particle(before);
        const bool modifier =
            (before.ends_with("운") || before.ends_with("은") || before.ends_with("한") ||
             before.ends_with("는") || before.ends_with("된")) &&
            syllables(before) >= 2 && (!stem || syllables(*stem) < 2) &&
            !vocabulary().korean_relations.contains(bare(before));
        // A bare noun, not a verb form (태어나서, 먹고, 가면, 하니, 하지, 하게).
        const bool verb_form = before.ends_with("요") || before.ends_with("다") ||
                               (before.ends_with("서") && !before.ends_with("에서")) ||
                               before.ends_with("며") || before.ends_with("면") ||
                               before.ends_with("니") || before.ends_with("게") ||
                               before.ends_with("려고") || before.ends_with("러") ||
                               before.ends_with("도록") || korean_past(before);
        const bool bare_noun = !has_particle(before) && !strip_copula(before) &&
                               !connective(before) && !verb_form && syllables(before) <= 5;
        if (!modifier && !bare_noun) {
            break;
        }
        if (modifier && extra > 0) {
            break;
        }
        --first;
    }
    std::string out;
    for (std::size_t k = first; k < last; ++k) {
        out += s.original[k].word + " ";
    }
    return out + noun;
}

// A value after 이름은 / 직업은 / 고향은: the noun with its copula gone, Latin as written.
std::string value_at(const Sentence& s, std::size_t i) {
    if (i >= s.size()) {
        return {};
    }
    const std::string& original = s.original[i].word;
    const std::string latin = latin_head(original);
    if (!latin.empty()) {
        return latin;
    }
    if (is_capitalized(original) && !is_hangul_word(original)) {
        return original;
    }
    if (!is_hangul_word(s.w(i))) {
        return {};
    }
    std::string value(s.w(i));
    if (auto stem = strip_copula(value)) {
        value = *stem;
    } else if (auto p = strip_particle(value)) {
        value = *p;
    }
    value = without_hypocoristic(value);
    if (question_word(value) || vocabulary().korean_not_names.contains(value)) {
        return {};
    }
    return value;
}

// Whether a three-syllable word opens with a family name (김민지, 문채원): a full name, which
// job endings (…원, …자) must not claim.
bool full_name(std::string_view word) {
    static const WordSet surnames = {
        "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신",
        "권", "황", "안", "송", "류", "유", "전", "홍", "고", "문", "양", "손", "배", "백",
        "허", "남", "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "진", "지",
        "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염", "여", "추", "도", "소",
        "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "라", "왕", "금",
        "옥", "육", "인", "맹", "제", "모", "탁", "국", "어", "은", "편", "용", "예", "경",
        "봉", "태", "목", "형", "피", "두", "감", "호"};
    return syllables(word) == 3 && surnames.contains(word.substr(0, 3));
}

bool job_like(std::string_view noun) {
    const auto& v = vocabulary();
    if (v.korean_jobs.contains(noun)) {
        return true;
    }
    if (!is_hangul_word(noun) || v.korean_not_names.contains(noun) || full_name(noun)) {
        return false;
    }
    const std::size_t n = syllables(noun);
    for (const std::string_view suffix : {"사", "가", "관", "님", "너", "터"}) {
        if (noun.ends_with(suffix) && n >= 2) {
            return true;
        }
    }
    for (const std::string_view suffix : {"원", "자", "생", "스트", "강사", "기사", "작가"}) {
        if (noun.ends_with(suffix) && n >= 3) {
            return true;
        }
    }
    return false;
}

// Whether a word could be a person's given name, with its copula or particle already gone.
bool name_like(std::string_view stem, bool latin) {
    const auto& v = vocabulary();
    if (latin) {
        return stem.size() >= 2 && is_capitalized(stem) &&
               std::any_of(
                   stem.begin() + 1, stem.end(), [](char c) { return c >= 'a' && c <= 'z'; });
    }
    const std::size_t n = syllables(stem);
    if (!is_hangul_word(stem) || n == 0 || n > 4 || question_word(stem) ||
        v.korean_not_names.contains(stem) || v.korean_relations.contains(stem) ||
        v.korean_descriptors.contains(stem) || job_like(stem)) {
        return false;
    }
    for (const std::string_view suffix :
         {"파", "형", "순이", "돌이", "쟁이", "러버", "족", "충", "대", "살", "세", "층", "과"}) {
        if (stem.ends_with(suffix) && n >= 2) {
            return false;
        }
    }
    return true;
}

// Whether the sentence opens with a greeting ("안녕하세요, 저는 하나예요").
bool greeting(std::string_view word) {
    return word.starts_with("안녕") || word.starts_with("반가") || word == "ㅎㅇ" ||
           word.starts_with("처음") || word == "하이" || word == "헬로";
}

} // namespace

std::string korean_bare(std::string_view word) {
    return noun_of(word);
}

void korean_identity(const Sentence& s, Facts& facts, CivilDate today) {
    if (s.question) {
        return;
    }
    const auto& v = vocabulary();
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        const std::string_view prev = i > 0 ? s.w(i - 1) : std::string_view();
        const std::size_t begin = clause_start(s, i);
        // 이름은 X / 제 이름은 X
        const bool own_name = i == 0 || prev == "제" || prev == "내" || prev == "저의" ||
                              prev == "나의" || first_person(prev);
        if ((w == "이름은" || w == "이름이") && own_name) {
            const std::string name = value_at(s, i + 1);
            if (!name.empty() &&
                name_like(name,
                          !latin_head(s.original[i + 1].word).empty() || !is_hangul_word(name))) {
                facts.add("name", name, 0.95f);
            }
            continue;
        }
        // X라고 해요 / X라고 불러 주세요 / 저를 X라고 불러요
        if ((w.ends_with("라고") && w.size() > 6) && i + 1 < s.size()) {
            const auto next = s.w(i + 1);
            if (next.starts_with("해") || next.starts_with("합") || next.starts_with("불러") ||
                next.starts_with("하") || next.starts_with("부르") || next.starts_with("불립")) {
                const std::string& original = s.original[i].word;
                std::string name = latin_head(original);
                if (name.empty()) {
                    name = std::string(w.substr(
                        0,
                        w.size() - (w.ends_with("이라고") &&
                                            agrees(w.substr(0, w.size() - 9), After::Consonant)
                                        ? 9
                                        : 6)));
                    name = without_hypocoristic(name);
                }
                // "친구들은 저를 지수라고 불러요": others call the person so.
                const bool called_me =
                    std::any_of(s.lower.begin(), s.lower.end(), [](const auto& x) {
                        return x.word == "저를" || x.word == "나를" || x.word == "날" ||
                               x.word == "절";
                    });
                if (name_like(name, !latin_head(original).empty()) &&
                    (called_me || !other_subject(s, begin, i))) {
                    facts.add("name", name, 0.95f);
                }
            }
        }
        // Ages: 29살, 29세, 스물아홉 살, 서른이에요
        if (!w.empty() && w.front() >= '0' && w.front() <= '9') {
            std::size_t n = 0;
            while (n < w.size() && w[n] >= '0' && w[n] <= '9') {
                ++n;
            }
            const int number = parse_int(w.substr(0, n));
            const std::string_view unit = w.substr(n);
            const bool age_unit = unit.starts_with("살") || unit.starts_with("세");
            if (age_unit && number > 0 && number < 120 && s.w(i + 1) != "때" &&
                !unit.ends_with("때") && !other_subject(s, begin, i) && !unit.starts_with("세대")) {
                facts.add("age", std::to_string(number), 0.7f);
            }
        }
        if (const int age = korean_native_age(s, i); age > 0 && !other_subject(s, begin, i)) {
            facts.add("age", std::to_string(age), 0.7f);
        }
        // 생일은 3월 14일이에요 / 저 3월 14일생이에요 (one's own, not 언니 생일)
        if (w.starts_with("생일") && (i == 0 || prev == "제" || prev == "내" || prev == "저의" ||
                                      prev == "나의" || first_person(prev))) {
            const auto rest = std::string_view(s.text).substr(s.original[i].begin);
            if (auto date = find_date(rest, today)) {
                facts.add(
                    "birthday", fmt::format("{:02}-{:02}", date->date.month, date->date.day), 0.8f);
            }
        }
        if (i > 0 && w.find("일생") != std::string_view::npos && w.front() >= '0' &&
            w.front() <= '9' && s.w(i - 1).ends_with("월")) {
            const auto rest = std::string_view(s.text).substr(s.original[i - 1].begin);
            if (auto date = find_date(rest, today); date && date->month_named) {
                facts.add(
                    "birthday", fmt::format("{:02}-{:02}", date->date.month, date->date.day), 0.8f);
            }
        }
        if (i == 0) {
            continue;
        }
        // 부산에 살아요 / 부산에서 살고 있어요 / 저 인천 살아요 / 강남 쪽에 살아요 / 거주하고
        const bool lives = w.starts_with("살아") || w.starts_with("살고") ||
                           w.starts_with("삽니") || w.starts_with("거주");
        if (lives && !other_subject(s, begin, i)) {
            std::size_t at = i - 1;
            std::string_view place_word = prev;
            if (prev == "쪽에" || prev == "쪽에서" || prev == "근처에" || prev == "근처" ||
                prev == "쪽") {
                at = i - 2;
                place_word = i >= 2 ? s.w(i - 2) : std::string_view();
            }
            std::string place;
            if (place_word.ends_with("에서") || place_word.ends_with("에")) {
                place = noun_phrase(s, at, begin);
            } else if (at == i - 1 && at >= 1 && first_person(s.w(at - 1)) && !adverb(place_word) &&
                       !neutral_topic(place_word) && !has_particle(place_word) &&
                       (is_hangul_word(place_word) || is_capitalized(s.original[at].word))) {
                place = s.original[at].word; // 저 인천 살아요, 나 LA 살아
            } else if (prev == "쪽에" || prev == "쪽") {
                place = std::string(place_word);
            }
            if (!place.empty() && !v.korean_not_places.contains(place) && !question_word(place)) {
                facts.add("city", place, 0.8f);
            }
        }
        // 부산으로 이사 왔어요 / 부산으로 이사했어
        if (w.starts_with("이사") && (prev.ends_with("로") || prev.ends_with("으로"))) {
            const std::string_view next = s.w(i + 1);
            const bool done = w.starts_with("이사했") || w.starts_with("이사왔") ||
                              w.starts_with("이사 왔") || next.starts_with("왔") ||
                              next.starts_with("했") || next.starts_with("온") ||
                              w.starts_with("이사온") || w.starts_with("이사한");
            if (done && !other_subject(s, begin, i - 1)) {
                facts.add("city", noun_phrase(s, i - 1, begin), 0.8f);
            }
        }
        // 집이 판교예요
        if (prev == "집이" || prev == "집은") {
            if (auto stem = strip_copula(w);
                stem && is_hangul_word(*stem) && !v.korean_not_places.contains(*stem)) {
                facts.add("city", *stem, 0.8f);
            }
        }
        // 고향은 부산이에요 / 부산 출신이에요 / 부산에서 태어났어요 / 자랐어요 / 원래 부산 사람이야
        if (prev == "고향은" || prev == "고향이") {
            const std::string home = value_at(s, i);
            if (!home.empty()) {
                facts.add("hometown", home, 0.7f);
            }
        }
        if ((w.starts_with("출신") || w.starts_with("사람이") || w.starts_with("사람임") ||
             w.starts_with("사람입")) &&
            (is_hangul_word(prev) || is_capitalized(s.original[i - 1].word)) &&
            !has_particle(prev) && !neutral_topic(prev) && !adverb(prev) &&
            !other_subject(s, begin, i - 1) && !contains(s.text, "아니")) {
            const std::string& original = s.original[i - 1].word;
            facts.add(
                "hometown", latin_head(original).empty() ? std::string(prev) : original, 0.7f);
        }
        if ((w.starts_with("태어났") || w.starts_with("자랐") || w.starts_with("태어나") ||
             w.starts_with("나고") || w.starts_with("자라서") || w.starts_with("컸")) &&
            !other_subject(s, begin, i)) {
            std::size_t at = i - 1;
            if (s.w(at) == "나고" && at > 0) {
                --at;
            }
            if (s.w(at).ends_with("에서")) {
                facts.add("hometown", noun_phrase(s, at, begin), 0.7f);
            }
        }
        // 회사에서 일해요 / 스타트업에서 디자이너로 일해요 / 판교에 있는 회사에서 / 알바해요
        const bool works = w.starts_with("일해") || w.starts_with("일하") ||
                           w.starts_with("근무") || w.starts_with("일합") ||
                           w.starts_with("알바") || w.starts_with("일한");
        if (works && !other_subject(s, begin, i)) {
            std::size_t k = i;
            if (k > 0 && (s.w(k - 1).ends_with("로") || s.w(k - 1).ends_with("으로")) &&
                is_hangul_word(s.w(k - 1)) && s.w(k - 1) != "주로" && s.w(k - 1) != "새로") {
                const auto job = strip_particle(s.w(k - 1));
                if (job && !job->empty()) {
                    facts.add("job", noun_phrase(s, k - 1, begin), 0.8f);
                    // noun_phrase may have taken the bare word before the job; step past it.
                    k -= core::split_words(noun_phrase(s, k - 1, begin)).size();
                }
            }
            if (k > 0 && s.w(k - 1).ends_with("에서")) {
                const std::string place = noun_phrase(s, k - 1, begin);
                const bool city =
                    region(bare(s.w(k - 1))) || v.korean_places.contains(bare(s.w(k - 1)));
                if (!place.empty()) {
                    facts.add(city ? "work_city" : "workplace", place, 0.75f);
                }
                const std::size_t first = k - core::split_words(place).size();
                // "판교에 있는 회사에서": where the workplace is.
                if (first >= 2 && s.w(first - 1) == "있는" && s.w(first - 2).ends_with("에")) {
                    facts.add("work_city", noun_phrase(s, first - 2, begin), 0.7f);
                }
            }
        }
        // 삼성전자에 다녀요 / 연세대 다녀요 / 판교에 있는 회사에 다녀요 / 재직 중입니다
        const bool attends = w.starts_with("다녀") || w.starts_with("다니") ||
                             w.starts_with("다님") || w.starts_with("다닙") ||
                             w.starts_with("재직");
        if (attends && !other_subject(s, begin, i) && !w.starts_with("다녀왔") &&
            !w.starts_with("다녀온")) {
            const std::string_view before = prev;
            std::string place;
            std::size_t first = i - 1;
            if (before.ends_with("에") && !before.ends_with("에서")) {
                place = noun_phrase(s, i - 1, begin);
            } else if (is_hangul_word(before) || !latin_head(s.original[i - 1].word).empty() ||
                       is_capitalized(s.original[i - 1].word)) {
                if (!has_particle(before) && !adverb(before) && !neutral_topic(before)) {
                    place = noun_phrase(s, i - 1, begin);
                    if (place.empty()) {
                        place = s.original[i - 1].word;
                    }
                }
            }
            if (!place.empty()) {
                first = i - core::split_words(place).size();
                const std::string last_word = core::split_words(place).back();
                const bool school = v.korean_schools.contains(place) ||
                                    last_word.ends_with("학교") || last_word.ends_with("대학") ||
                                    last_word.ends_with("대") || last_word.ends_with("대학원") ||
                                    last_word.ends_with("고") || last_word.ends_with("외고") ||
                                    last_word.ends_with("학원");
                const bool not_school = v.korean_not_schools.contains(place);
                facts.add(school && !not_school ? "school" : "workplace", place, 0.75f);
                if (first >= 2 && s.w(first - 1) == "있는" && s.w(first - 2).ends_with("에")) {
                    facts.add("work_city", noun_phrase(s, first - 2, begin), 0.7f);
                }
            }
        }
        // 회사는 판교에 있어요
        if ((prev.ends_with("에") &&
             (w.starts_with("있어") || w.starts_with("있습") || w.starts_with("있음"))) &&
            i >= 2 &&
            (s.w(i - 2) == "회사는" || s.w(i - 2) == "회사가" || s.w(i - 2) == "직장은" ||
             s.w(i - 2) == "직장이")) {
            facts.add("work_city", noun_phrase(s, i - 1, i - 1), 0.7f);
        }
        // 직업은 X / 전공은 X
        if (prev == "직업은" || prev == "직업이") {
            // 직업은 UX 디자이너예요: up to three words to the copula.
            std::string job;
            for (std::size_t k = i; k < s.size() && k < i + 3; ++k) {
                if (k > i && s.boundary_before(k)) {
                    break;
                }
                if (auto stem = strip_copula(s.w(k))) {
                    job +=
                        (job.empty() ? "" : " ") +
                        (latin_head(s.original[k].word).empty() ? *stem : bare(s.original[k].word));
                    break;
                }
                job += (job.empty() ? "" : " ") + s.original[k].word;
            }
            facts.add("job", job, 0.8f);
        } else if (prev == "전공은" || prev == "전공이") {
            facts.add("major", value_at(s, i), 0.6f);
        }
        // 컴퓨터공학 전공이에요 / 경영학을 전공하고 있어요 / 연세대에서 X를 전공해요
        if (w.starts_with("전공") && w != "전공은" && w != "전공이" && is_hangul_word(prev) &&
            !other_subject(s, begin, i - 1)) {
            const std::string major = noun_phrase(s, i - 1, begin);
            if (!major.empty() && !neutral_topic(prev)) {
                facts.add("major", major, 0.6f);
                const std::size_t first = i - core::split_words(major).size();
                if (first >= 1 && s.w(first - 1).ends_with("에서")) {
                    facts.add("school", noun_phrase(s, first - 1, begin), 0.7f);
                }
            }
        }
        // 연세대 경영학과 학생이에요 / 경영학과임 / 저는 연세대 학생이에요
        if ((w.ends_with("과") || w.ends_with("과임") || w.ends_with("과예요") ||
             w.ends_with("과입니다") || w.ends_with("과야")) &&
            syllables(w) >= 3 && is_hangul_word(w)) {
            const std::string_view next = s.w(i + 1);
            std::string major(w);
            for (const std::string_view tail : {"과임", "과예요", "과입니다", "과야", "과"}) {
                if (major.ends_with(tail)) {
                    major.resize(major.size() - tail.size());
                    break;
                }
            }
            const bool department =
                w.ends_with("과")
                    ? next.starts_with("학생") || next.starts_with("이에요") || next.empty()
                    : true;
            if (department && syllables(major) >= 2 && !other_subject(s, begin, i)) {
                facts.add("major", major, 0.6f);
                const std::string_view school = prev;
                if (!school.empty() && !has_particle(school) && !neutral_topic(school) &&
                    (school.ends_with("대") || school.ends_with("학교") || school.ends_with("고") ||
                     v.korean_schools.contains(school))) {
                    facts.add("school", std::string(school), 0.7f);
                }
            }
        }
        if (w.starts_with("학생") && strip_copula(w) && is_hangul_word(prev) &&
            !has_particle(prev) && !neutral_topic(prev) &&
            (prev.ends_with("대") || prev.ends_with("대학교") || prev.ends_with("고") ||
             v.korean_schools.contains(prev)) &&
            !other_subject(s, begin, i - 1)) {
            facts.add("school", std::string(prev), 0.7f);
        }
    }
    // 저는 간호사예요 / 나 개발자야 / 저 디자이너인데 / 저는 데이터 분석가예요; and, with no
    // job, 저는 하나예요 / 안녕하십니까, 민준입니다 — a name.
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string& original = s.original[i].word;
        const std::string latin = latin_head(original);
        const auto stem = strip_copula(s.w(i));
        if (!stem || stem->empty()) {
            continue;
        }
        const std::string noun = latin.empty() ? *stem : latin;
        const std::string_view prev = i > 0 ? s.w(i - 1) : std::string_view();
        const std::size_t begin = clause_start(s, i);
        const bool ends_clause = i + 1 == s.size() || s.boundary_before(i + 1) ||
                                 !is_hangul_word(s.w(i + 1)) || s.w(i + 1).starts_with("반가") ||
                                 s.w(i + 1) == "요즘" || s.w(i + 1).starts_with("잘");
        const bool topic_me = prev.empty() ? false : first_person(prev);
        if (prev == "고향은" || prev == "이름은" || prev == "전공은" || prev == "고향이" ||
            prev == "이름이" || prev == "전공이" || prev == "직업은" || prev == "직업이") {
            continue; // the slot is named by its topic, above
        }
        if (job_like(noun) && latin.empty()) {
            // The job of the person: said with 저는 / 나 before it, or with no subject at all.
            std::size_t first = i;
            if (i > 0 && !topic_me && is_hangul_word(prev) && !has_particle(prev) &&
                !neutral_topic(prev) && !adverb(prev) && !connective(prev) &&
                !prev.ends_with("요") && !v.korean_relations.contains(prev)) {
                first = i - 1; // 데이터 분석가예요
            }
            // 연세대 학생이에요, 경영학과 학생이에요: a student of the school before it.
            const bool student = noun.ends_with("학생") || noun.ends_with("대학원생");
            const auto school_word = [&](std::string_view x) {
                return x.ends_with("대") || x.ends_with("학교") || x.ends_with("고") ||
                       x.ends_with("과") || x.ends_with("대학원") || v.korean_schools.contains(x);
            };
            if (student && first < i && school_word(s.w(first))) {
                first = i;
            }
            std::size_t opener = first;
            while (student && opener > begin && school_word(s.w(opener - 1))) {
                --opener;
            }
            const bool subject_ok = !other_subject(s, begin, opener) &&
                                    (opener == begin || topic_me || first_person(s.w(opener - 1)) ||
                                     neutral_topic(s.w(opener - 1)));
            if (subject_ok && !s.w(i).ends_with("라고") && !s.w(i).ends_with("라는") &&
                !s.w(i).ends_with("인") && !contains(s.text, "되고") && !contains(s.text, "아니")) {
                std::string job;
                for (std::size_t k = first; k < i; ++k) {
                    job += std::string(s.w(k)) + " ";
                }
                facts.add("job", job + noun, 0.8f);
            }
            continue;
        }
        // A name: 저는 X예요, 저 X예요, 난 X야, 안녕하십니까, X입니다; X alone after a greeting.
        if (!ends_clause || s.w(i).ends_with("라고") || s.w(i).ends_with("라는") ||
            s.w(i).ends_with("인")) {
            continue;
        }
        const bool after_greeting =
            (i == 0 && s.after_greeting && s.size() <= 2) || (i == 1 && greeting(s.w(0)));
        const bool introduced = topic_me && (i == 1 || s.boundary_before(i - 1) ||
                                             greeting(s.w(0)) || (i >= 2 && greeting(s.w(i - 2))));
        if (!introduced && !after_greeting) {
            continue;
        }
        if (!(s.w(i).ends_with("예요") || s.w(i).ends_with("이에요") || s.w(i).ends_with("에요") ||
              s.w(i).ends_with("입니다") || s.w(i).ends_with("이야") || s.w(i).ends_with("야") ||
              s.w(i).ends_with("이예요"))) {
            continue;
        }
        const std::string name = latin.empty() ? without_hypocoristic(noun) : latin;
        if (name_like(name, !latin.empty())) {
            facts.add("name", name, 0.9f);
        }
    }
}

int korean_native_age(const Sentence& s, std::size_t i) {
    struct Number {
        std::string_view word;
        int value;
    };

    static constexpr std::array<Number, 9> tens = {{{"열", 10},
                                                    {"스물", 20},
                                                    {"서른", 30},
                                                    {"마흔", 40},
                                                    {"쉰", 50},
                                                    {"예순", 60},
                                                    {"일흔", 70},
                                                    {"여든", 80},
                                                    {"아흔", 90}}};
    static constexpr std::array<Number, 13> ones = {{{"하나", 1},
                                                     {"한", 1},
                                                     {"둘", 2},
                                                     {"두", 2},
                                                     {"셋", 3},
                                                     {"세", 3},
                                                     {"넷", 4},
                                                     {"네", 4},
                                                     {"다섯", 5},
                                                     {"여섯", 6},
                                                     {"일곱", 7},
                                                     {"여덟", 8},
                                                     {"아홉", 9}}};
    const std::string_view w = s.w(i);
    for (const auto& t : tens) {
        if (!w.starts_with(t.word)) {
            continue;
        }
        std::string_view rest = w.substr(t.word.size());
        int value = t.value;
        for (const auto& o : ones) {
            if (rest.starts_with(o.word)) {
                value += o.value;
                rest.remove_prefix(o.word.size());
                break;
            }
        }
        // 스물아홉 살 / 스물아홉살이에요 / 서른이에요 (after 올해 / 나이) / 서른 살
        const bool unit_here = rest.starts_with("살");
        const bool unit_next = rest.empty() && s.w(i + 1).starts_with("살") &&
                               !s.w(i + 1).starts_with("살아") && !s.w(i + 1).starts_with("살고");
        const bool copula = !rest.empty() && strip_copula(rest.empty() ? w : w) &&
                            (rest == "이에요" || rest == "예요" || rest == "이야" || rest == "야" ||
                             rest == "입니다" || rest == "이고" || rest == "임");
        const bool age_context = i > 0 && (s.w(i - 1) == "올해" || s.w(i - 1).starts_with("나이") ||
                                           s.w(i - 1) == "벌써" || s.w(i - 1) == "이제");
        if ((unit_here || unit_next || (copula && age_context)) && value >= 10 &&
            !contains(w, "때") && s.w(i + (unit_next ? 2 : 1)) != "때") {
            return value;
        }
        return -1;
    }
    return -1;
}

void korean_people(const Sentence& s, Facts& facts) {
    if (s.question) {
        return;
    }
    const auto& v = vocabulary();
    static const WordSet possessives = {
        "제", "내", "우리", "저희", "나의", "저의", "울", "울집", "우리집", "저희집"};
    const auto add_person = [&](const std::string& relation, const std::string& name) {
        if (name.empty() || relation.empty() || syllables(name) > 6 || question_word(name) ||
            v.korean_not_names.contains(name) || v.korean_relations.contains(name)) {
            return;
        }
        std::string slot = "person:" + relation;
        if (!v.korean_unique_relations.contains(relation)) {
            slot += ":" + core::to_lower(name);
        }
        facts.add(std::move(slot), name, 0.85f);
    };
    // The name at word k: 지수가, 콩이는, Tom이, 지수 씨가.
    const auto name_at = [&](std::size_t k, bool need_particle) -> std::string {
        if (k >= s.size()) {
            return {};
        }
        const std::string& original = s.original[k].word;
        const std::string latin = latin_head(original);
        if (!latin.empty()) {
            return name_like(latin, true) ? latin : std::string();
        }
        if (is_capitalized(original) && !is_hangul_word(original)) {
            return name_like(original, true) ? original : std::string();
        }
        if (!is_hangul_word(s.w(k))) {
            return {};
        }
        const auto stem = strip_particle(s.w(k));
        std::string name;
        if (stem) {
            name = without_hypocoristic(*stem);
        } else if (auto cop = strip_copula(s.w(k))) {
            name = without_hypocoristic(*cop);
        } else if (!need_particle || s.w(k + 1) == "씨가" || s.w(k + 1) == "씨는" ||
                   s.w(k + 1) == "씨") {
            name = std::string(s.w(k));
        }
        if (name.empty() || !name_like(name, false) || syllables(name) > 4 ||
            s.w(k).ends_with("에") || s.w(k).ends_with("에서")) {
            return {};
        }
        return name;
    };

    // The relation said at word r: one word, or two when known together (사촌 동생).
    struct Said {
        std::string relation;
        std::size_t end = 0;
        bool known = false;
    };

    const auto relation_at = [&](std::size_t r) -> Said {
        if (r >= s.size() || !is_hangul_word(s.w(r))) {
            return {};
        }
        if (r + 1 < s.size() && is_hangul_word(s.w(r + 1))) {
            const std::string two = std::string(s.w(r)) + " " + std::string(s.w(r + 1));
            if (v.korean_relations.contains(two)) {
                return Said{.relation = two, .end = r + 2, .known = true};
            }
            const std::string two_bare = std::string(s.w(r)) + " " + bare(s.w(r + 1));
            if (v.korean_relations.contains(two_bare) && bare(s.w(r + 1)) != s.w(r + 1)) {
                return Said{.relation = two_bare, .end = r + 2, .known = true};
            }
        }
        const std::string one(s.w(r));
        if (v.korean_relations.contains(one)) {
            return Said{.relation = one, .end = r + 1, .known = true};
        }
        // 우리 이모는 이름이 …, 아기 고양이를 키우는데 …: the relation with its particle.
        const std::string stem = bare(one);
        if (stem != one && v.korean_relations.contains(stem)) {
            return Said{.relation = stem, .end = r + 1, .known = true};
        }
        return Said{.relation = stem, .end = r + 1, .known = false};
    };
    const auto plausible = [&](std::string_view relation) {
        if (relation.empty() || question_word(relation)) {
            return false;
        }
        for (const auto& word : core::split_words(relation)) {
            if (v.korean_inanimate.contains(word) || v.korean_not_names.contains(word) ||
                !is_hangul_word(word) || adverb(word) || neutral_topic(word)) {
                return false;
            }
        }
        return syllables(relation) <= 8;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        const bool owned = possessives.contains(w);
        if (owned) {
            std::size_t r = i + 1;
            if (s.w(r) == "집") {
                ++r; // 우리 집 고양이
            }
            Said said = relation_at(r);
            if (said.relation.empty()) {
                continue;
            }
            // 제 X 이름은 Y / 우리 X 이름이 Y: the relation may be any noun (금붕어, 이웃).
            std::size_t k = said.end;
            if (!said.known && s.w(k).starts_with("이름") == false && r + 1 < s.size() &&
                s.w(r + 2).starts_with("이름") && is_hangul_word(s.w(r + 1)) &&
                !has_particle(s.w(r + 1))) {
                said.relation += " " + std::string(s.w(r + 1)); // 과외 선생님 이름은
                k = r + 2;
            }
            if ((s.w(k) == "이름은" || s.w(k) == "이름이") &&
                (said.known || plausible(said.relation))) {
                add_person(said.relation, value_at(s, k + 1));
                continue;
            }
            if (!said.known) {
                continue;
            }
            // 제 동생 민수가 / 우리 강아지 콩이는 / 제 친구 Tom이 / 제 이웃 지수 씨가
            const std::string name = name_at(k, true);
            if (!name.empty()) {
                add_person(said.relation, name);
            }
            continue;
        }
        // 언니 이름이 수아예요 (a known relation opening the sentence, no possessive)
        if (i == 0 && v.korean_relations.contains(w) &&
            (s.w(1) == "이름이" || s.w(1) == "이름은")) {
            add_person(std::string(w), value_at(s, 2));
            continue;
        }
    }
    // 지수는 제 언니예요 / 콩이는 우리 집 강아지예요 / 지수는 제 과외 선생님이에요
    for (std::size_t p = 1; p + 1 < s.size(); ++p) {
        if (!possessives.contains(s.w(p))) {
            continue;
        }
        std::size_t r = p + 1;
        if (s.w(r) == "집") {
            ++r;
        }
        if (r >= s.size()) {
            continue;
        }
        // The relation, with its copula: one word (언니예요) or two (과외 선생님이에요).
        std::string relation;
        std::size_t last = r;
        if (auto stem = strip_copula(s.w(r)); stem && r + 1 == s.size()) {
            relation = *stem;
        } else if (r + 1 < s.size() && is_hangul_word(s.w(r)) && !has_particle(s.w(r))) {
            if (auto second = strip_copula(s.w(r + 1)); second && r + 2 == s.size()) {
                relation = std::string(s.w(r)) + " " + *second;
                last = r + 1;
            }
        }
        if (relation.empty() || last + 1 != s.size()) {
            continue;
        }
        const bool known = v.korean_relations.contains(relation);
        if (!known && !plausible(relation)) {
            continue;
        }
        const std::string_view who = s.w(p - 1);
        if (!(who.ends_with("는") || who.ends_with("은") || who.ends_with("이") ||
              who.ends_with("가")) ||
            p - 1 != 0) {
            continue;
        }
        const std::string name = name_at(p - 1, true);
        if (!name.empty() && (known || syllables(name) <= 4)) {
            add_person(relation, name);
        }
    }
    // 지수라는 이웃이 있어요 / 방울이라는 금붕어를 키워요
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        const std::string& original = s.original[i].word;
        const std::string_view w = s.w(i);
        if (!w.ends_with("라는") || w.size() <= 6) {
            continue;
        }
        std::string name = latin_head(original);
        if (name.empty()) {
            if (auto stem = strip_copula(w)) {
                name = without_hypocoristic(*stem);
            }
        }
        if (name.empty() || !name_like(name, !latin_head(original).empty())) {
            continue;
        }
        std::string relation = bare(s.w(i + 1));
        if (i + 2 < s.size() && is_hangul_word(s.w(i + 1)) && !has_particle(s.w(i + 1))) {
            relation = std::string(s.w(i + 1)) + " " + bare(s.w(i + 2)); // 과외 선생님이
        }
        if (v.korean_relations.contains(relation) || plausible(relation)) {
            add_person(relation, name);
        }
    }
    // 고양이를 키우는데 이름이 나비예요 / 금붕어 한 마리 키우는데 이름은 방울이에요 /
    // 제가 키우는 금붕어의 이름은 방울입니다
    for (std::size_t i = 1; i + 1 < s.size(); ++i) {
        if (!(s.w(i) == "이름은" || s.w(i) == "이름이")) {
            continue;
        }
        std::string relation;
        if (s.w(i - 1).ends_with("의") && syllables(s.w(i - 1)) >= 2 && i >= 2 &&
            s.w(i - 2).starts_with("키우")) {
            relation = std::string(s.w(i - 1).substr(0, s.w(i - 1).size() - 3));
        } else {
            for (std::size_t k = i; k-- > 0;) {
                if (s.w(k).starts_with("키우") || s.w(k).starts_with("키워")) {
                    std::size_t r = k;
                    while (r > 0 && (s.w(r - 1) == "마리" || s.w(r - 1) == "한" ||
                                     s.w(r - 1) == "두" || s.w(r - 1).ends_with("마리"))) {
                        --r;
                    }
                    if (r > 0) {
                        relation = bare(s.w(r - 1));
                        if (r > 1 && is_hangul_word(s.w(r - 2)) &&
                            v.korean_relations.contains(std::string(s.w(r - 2)) + " " + relation)) {
                            relation = std::string(s.w(r - 2)) + " " + relation; // 아기 고양이
                        }
                    }
                    break;
                }
            }
        }
        if (!relation.empty() && (v.korean_relations.contains(relation) || plausible(relation))) {
            add_person(relation, value_at(s, i + 1));
        }
    }
}

void korean_preferences(const Sentence& s, Facts& facts) {
    if (s.question) {
        return;
    }
    const auto& v = vocabulary();
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        const bool likes_verb =
            (w.starts_with("좋아해") || w.starts_with("좋아합") || w.starts_with("좋아하고") ||
             w.starts_with("좋아함") || w.starts_with("좋아하거든") ||
             w.starts_with("좋아하는데") || w.starts_with("좋아하지") || w.starts_with("좋아했") ||
             w.starts_with("좋아하구") || w.starts_with("좋아하죠")) &&
            !w.starts_with("좋아하세") && !w.starts_with("좋아해요?");
        const bool likes_adjective = w.starts_with("좋아요") || w == "좋아" || w == "좋음" ||
                                     w.starts_with("개좋") || w.starts_with("좋습니다") ||
                                     w == "좋아!" || w.starts_with("존좋");
        const bool into =
            (w.starts_with("빠져") || w.starts_with("빠졌")) && i > 0 && s.w(i - 1).ends_with("에");
        const bool dislikes_verb = w.starts_with("싫어해") || w.starts_with("싫어합") ||
                                   w.starts_with("싫어함") || w.starts_with("싫어하") ||
                                   w.starts_with("질색");
        const bool dislikes_adjective =
            !dislikes_verb &&
            (w.starts_with("싫어") || w == "싫음" || w == "싫다" || w.starts_with("싫습") ||
             w.starts_with("별로예") || w.starts_with("별로야") || w.starts_with("별로임") ||
             w == "별로" || w.starts_with("별로입"));
        if (!likes_verb && !likes_adjective && !into && !dislikes_verb && !dislikes_adjective) {
            continue;
        }
        std::size_t end = i;
        bool negated = false;
        while (end > 0 && (adverb(s.w(end - 1)) || s.w(end - 1) == "안" || s.w(end - 1) == "못")) {
            negated = negated || s.w(end - 1) == "안" || s.w(end - 1) == "못";
            --end;
            if (s.boundary_before(end)) {
                break;
            }
        }
        if (end == 0 || (w.starts_with("별로") && end == i)) {
            if (!(w.starts_with("별로") && end > 0)) {
                continue;
            }
        }
        const std::size_t object = end - 1;
        const std::string_view said = s.w(object);
        if (!is_hangul_word(said) && latin_head(s.original[object].word).empty() &&
            !is_capitalized(s.original[object].word)) {
            continue;
        }
        // What the object's particle may be for each kind of predicate.
        const bool object_particle =
            has_particle(said) && (said.ends_with("을") || said.ends_with("를"));
        if ((likes_adjective || dislikes_adjective) && object_particle) {
            continue;
        }
        if (into && !said.ends_with("에")) {
            continue;
        }
        const std::size_t begin = clause_start(s, object);
        std::string thing = noun_phrase(s, object, begin);
        if (thing.empty()) {
            continue;
        }
        const std::string last_word = core::split_words(thing).back();
        const bool adjective = likes_adjective || dislikes_adjective;
        if ((adjective && v.korean_evaluative.contains(last_word)) || first_person(said) ||
            question_word(thing) || neutral_topic(said)) {
            continue;
        }
        const std::size_t first = object + 1 - core::split_words(thing).size();
        if (other_subject(s, begin, first)) {
            continue;
        }
        const bool liked = (likes_verb || likes_adjective || into) != negated;
        facts.add("pref:" + thing, liked ? "like" : "dislike", 0.6f);
        // 커피랑 케이크를 좋아해요: the thing coordinated before it is liked too.
        if (first > begin) {
            const std::string_view with = s.w(first - 1);
            for (const std::string_view join : {"이랑", "랑", "하고", "과", "와"}) {
                if (with.ends_with(join) && with.size() > join.size()) {
                    const auto stem = strip_particle(with);
                    if (stem && !v.korean_relations.contains(*stem) && !first_person(with) &&
                        !question_word(*stem)) {
                        facts.add("pref:" + *stem, liked ? "like" : "dislike", 0.6f);
                    }
                    break;
                }
            }
        }
    }
    // 제일 좋아하는 음식은 김치찌개예요 / 좋아하는 색깔은 파란색이에요 / 최애 음식은 떡볶이
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        std::size_t category_at = 0;
        if (s.w(i) == "좋아하는" && i + 2 <= s.size()) {
            category_at = i + 1;
        } else if (s.w(i) == "최애" || s.w(i) == "최애는") {
            category_at = s.w(i) == "최애" ? i + 1 : 0;
        }
        if (category_at == 0 || category_at >= s.size()) {
            continue;
        }
        const std::string_view said = s.w(category_at);
        if (!(said.ends_with("은") || said.ends_with("는"))) {
            // "떡볶이가 제일 좋아하는 음식이에요": the value comes first.
            if (auto category = strip_copula(said); category && s.w(i) == "좋아하는") {
                std::size_t k = i;
                while (k > 0 && adverb(s.w(k - 1))) {
                    --k;
                }
                if (k > 0 && (s.w(k - 1).ends_with("가") || s.w(k - 1).ends_with("이"))) {
                    const std::string value = value_at(s, k - 1);
                    if (!value.empty() && k - 1 == 0) {
                        facts.add("favorite:" + *category, value, 0.6f);
                    }
                }
            }
            continue;
        }
        const auto category = strip_particle(said);
        if (!category) {
            continue;
        }
        const std::string value = value_at(s, category_at + 1);
        if (!value.empty()) {
            facts.add("favorite:" + *category, value, 0.6f);
        }
    }
}

void korean_habits(const Sentence& s, Facts& facts) {
    if (s.question || s.size() < 2) {
        return;
    }
    static const WordSet cues = {"매일",
                                 "보통",
                                 "항상",
                                 "맨날",
                                 "자주",
                                 "주말마다",
                                 "아침마다",
                                 "저녁마다",
                                 "밤마다",
                                 "매주",
                                 "매일매일",
                                 "늘",
                                 "날마다",
                                 "퇴근하고",
                                 "평일마다",
                                 "매달",
                                 "매번",
                                 "틈틈이",
                                 "가끔"};
    bool habit = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        if (cues.contains(w) || (w.ends_with("마다") && w.size() > 6)) {
            habit = true;
        }
        // 일주일에 세 번 / 하루에 한 번 / 한 달에 두 번
        if ((w == "일주일에" || w == "하루에" || w == "달에" || w == "주에") &&
            (s.w(i + 2).starts_with("번") || s.w(i + 1).ends_with("번"))) {
            habit = true;
        }
    }
    if (!habit) {
        return;
    }
    // A habit is something the person does, not how they feel every day, and not a copula
    // ("매일 야근이야").
    const std::string_view last = s.lower.back().word;
    if (last.starts_with("힘들") || last.starts_with("피곤") || last.starts_with("바빠") ||
        last.starts_with("우울") || last.starts_with("외로") || last.starts_with("심심") ||
        last.starts_with("슬퍼") || last.starts_with("졸려")) {
        return;
    }
    std::size_t verb = s.size();
    while (verb > 0 && !is_hangul_word(s.w(verb - 1))) {
        --verb;
    }
    if (verb == 0) {
        return;
    }
    const std::string_view predicate = s.w(verb - 1);
    if (predicate == "진짜" || predicate == "정말" || predicate == "너무" ||
        (strip_copula(predicate) && !predicate.ends_with("요") && !predicate.ends_with("지"))) {
        // "매일 야근이야 진짜": a complaint.
        if (!predicate.ends_with("해") && !predicate.ends_with("가") &&
            !predicate.ends_with("봐")) {
            return;
        }
    }
    if (other_subject(s, 0, verb - 1)) {
        return;
    }
    std::string clause(core::trim(s.text));
    while (!clause.empty() && (clause.back() == '.' || clause.back() == '!')) {
        clause.pop_back();
    }
    facts.add("habit:" + clause, clause, 0.5f);
}

} // namespace samantha::memory::rules
