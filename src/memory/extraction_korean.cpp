// Korean extraction rules (docs/memory.md, "Extraction").
#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "core/hangul.h"
#include "core/text.h"
#include "core/utf8.h"
#include "memory/dates.h"
#include "memory/extraction_rules.h"
#include "memory/terms.h"

namespace samantha::memory::rules {

using core::contains;

namespace {

// The noun phrase ending at word `i` (one word, or two when the first is a modifier), stripped
// of its particle. Topic words like 저는 are never part of it.
std::string korean_object_before(const Sentence& s, std::size_t i) {
    if (i == 0) {
        return {};
    }
    static const WordSet topics = {"저는", "나는", "제가", "내가", "전",   "난",   "저도", "나도",
                                   "우리", "저희", "제",   "내",   "진짜", "정말", "너무", "엄청",
                                   "완전", "특히", "요즘", "원래", "되게", "아주", "많이", "그냥"};
    const std::string_view last = s.w(i - 1);
    if (topics.contains(last) || !is_hangul_word(last)) {
        return {};
    }
    std::string noun = strip_korean_particle(last);
    if (i >= 2 && !topics.contains(s.w(i - 2)) && is_hangul_word(s.w(i - 2)) &&
        (s.w(i - 2).ends_with("운") || s.w(i - 2).ends_with("은") || s.w(i - 2).ends_with("한") ||
         s.w(i - 2).ends_with("는") || s.w(i - 2).ends_with("ㄴ"))) {
        noun = std::string(s.w(i - 2)) + " " + noun; // 매운 음식
    }
    return noun;
}

std::string korean_value_after(const Sentence& s, std::size_t i) {
    if (i >= s.size() || (!is_hangul_word(s.w(i)) && !is_capitalized(s.original[i].word))) {
        return {};
    }
    if (!is_hangul_word(s.w(i))) {
        return s.original[i].word;
    }
    std::string value = korean_noun(s.w(i));
    static const WordSet questions = {"뭐", "뭔", "무엇", "뭘", "누구", "어디", "몇"};
    if (questions.contains(value) || vocabulary().korean_not_names.contains(value)) {
        return {};
    }
    return value;
}

} // namespace

void korean_identity(const Sentence& s, Facts& facts) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        if (!is_hangul_word(w) && !(w.size() > 1 && w.front() >= '0' && w.front() <= '9')) {
            continue;
        }
        // 이름은 X
        const bool own_name = i == 0 || s.w(i - 1) == "제" || s.w(i - 1) == "내" ||
                              s.w(i - 1) == "저의" || s.w(i - 1) == "나의" ||
                              s.w(i - 1) == "저는" || s.w(i - 1) == "나는";
        if ((w == "이름은" || w == "이름이") && own_name && !s.question) {
            facts.add("name", korean_value_after(s, i + 1), 0.95f);
        }
        // X라고 해요 / X라고 불러 주세요
        if ((w.ends_with("라고") || w.ends_with("이라고")) && w.size() > 6 && !s.question) {
            const auto next = s.w(i + 1);
            if (next.starts_with("해") || next.starts_with("합") || next.starts_with("불러") ||
                next.starts_with("하") || next.starts_with("부르")) {
                std::string name(w.substr(0, w.size() - (w.ends_with("이라고") ? 9 : 6)));
                facts.add("name", name, 0.95f);
            }
        }
        // 29살
        if (w.front() >= '0' && w.front() <= '9') {
            std::size_t n = 0;
            while (n < w.size() && w[n] >= '0' && w[n] <= '9') {
                ++n;
            }
            const int number = parse_int(w.substr(0, n));
            if (w.substr(n).starts_with("살") && number > 0 && number < 120 && !s.question) {
                facts.add("age", std::to_string(number), 0.7f);
            }
        }
        if (w.starts_with("생일") && !s.question) {
            const auto rest = std::string_view(s.text).substr(s.original[i].begin);
            if (auto date = find_date(rest, CivilDate{.year = 2024, .month = 1, .day = 1})) {
                facts.add(
                    "birthday", fmt::format("{:02}-{:02}", date->date.month, date->date.day), 0.8f);
            }
        }
        if (s.question || i == 0) {
            continue;
        }
        const std::string_view prev = s.w(i - 1);
        // 부산에 살아요 / 부산에서 살아요
        if ((w.starts_with("살아") || w.starts_with("살고") || w.starts_with("삽니") ||
             w == "살아요") &&
            (prev.ends_with("에") || prev.ends_with("에서"))) {
            const std::size_t cut = prev.ends_with("에서") ? 6 : 3;
            facts.add("city", std::string(prev.substr(0, prev.size() - cut)), 0.8f);
        }
        // 부산으로 이사했어요
        if (w.starts_with("이사") && (prev.ends_with("로") || prev.ends_with("으로"))) {
            const std::size_t cut = prev.ends_with("으로") ? 6 : 3;
            facts.add("city", std::string(prev.substr(0, prev.size() - cut)), 0.8f);
        }
        // 회사에서 일해요 / 병원에서 근무해요 / 개발자로 일해요
        if (w.starts_with("일해") || w.starts_with("일하") || w.starts_with("근무") ||
            w.starts_with("일합")) {
            if (prev.ends_with("에서")) {
                // korean_object_before strips 에서 with the other particles.
                facts.add("workplace", korean_object_before(s, i), 0.75f);
            } else if (prev.ends_with("로") || prev.ends_with("으로")) {
                const std::size_t cut = prev.ends_with("으로") ? 6 : 3;
                facts.add("job", std::string(prev.substr(0, prev.size() - cut)), 0.8f);
            }
        }
        // 삼성에 다녀요 / 서울대에 다녀요
        if ((w.starts_with("다녀") || w.starts_with("다니")) && prev.ends_with("에")) {
            const std::string place(prev.substr(0, prev.size() - 3));
            const bool school = place.ends_with("학교") || place.ends_with("대학") ||
                                place.ends_with("대") || place.ends_with("대학원") ||
                                place.ends_with("학원");
            facts.add(school ? "school" : "workplace", place, 0.75f);
        }
        // 고향은 X / 직업은 X / 전공은 X
        if (prev == "고향은" || prev == "고향이") {
            facts.add("hometown", korean_value_after(s, i), 0.7f);
        } else if (prev == "직업은" || prev == "직업이") {
            facts.add("job", korean_value_after(s, i), 0.8f);
        } else if (prev == "전공은" || prev == "전공이") {
            facts.add("major", korean_value_after(s, i), 0.6f);
        }
        // X 전공이에요 / X를 전공해요
        if (w.starts_with("전공") && w != "전공은" && w != "전공이") {
            facts.add("major", strip_korean_particle(prev), 0.6f);
        }
    }
    // 저는 학생이에요 / 나는 개발자야
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string noun = korean_noun(s.w(i));
        if (vocabulary().korean_jobs.contains(noun) && s.w(i) != noun && !s.question) {
            const bool copula = s.w(i).ends_with("이에요") || s.w(i).ends_with("예요") ||
                                s.w(i).ends_with("입니다") || s.w(i).ends_with("이야") ||
                                s.w(i).ends_with("야") || s.w(i).ends_with("에요");
            if (copula) {
                facts.add("job", noun, 0.8f);
            }
        }
    }
}

void korean_people(const Sentence& s, Facts& facts) {
    static const WordSet possessives = {"제", "내", "우리", "저희", "나의", "저의", "울"};
    const auto add_person = [&](std::string_view relation, const std::string& name) {
        if (name.empty() || syllables(name) > 5) {
            return;
        }
        std::string slot = "person:" + std::string(relation);
        if (!vocabulary().korean_unique_relations.contains(relation)) {
            slot += ":" + core::to_lower(name);
        }
        facts.add(std::move(slot), name, 0.85f);
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        if (vocabulary().korean_relations.contains(w)) {
            const bool owned = i > 0 && possessives.contains(s.w(i - 1));
            // 언니 이름은 지수예요 / 강아지 이름은 콩이에요
            if (s.w(i + 1).starts_with("이름") && owned) {
                add_person(w, korean_value_after(s, i + 2));
                continue;
            }
            // 제 동생 민수가 / 우리 강아지 콩이는 / my sister Emma
            if (owned && i + 1 < s.size()) {
                const std::string_view next = s.w(i + 1);
                if (is_hangul_word(next)) {
                    const std::string noun = korean_noun(next);
                    const bool has_particle = noun.size() < next.size() && !next.ends_with("에");
                    if (has_particle && !vocabulary().korean_not_names.contains(noun) &&
                        !vocabulary().korean_relations.contains(noun) && syllables(noun) <= 3) {
                        add_person(w, noun);
                    }
                } else if (is_capitalized(s.original[i + 1].word)) {
                    add_person(w, s.original[i + 1].word);
                }
            }
            continue;
        }
        // 지수는 제 언니예요
        if (i >= 2 && possessives.contains(s.w(i - 1))) {
            const std::string relation = korean_noun(w);
            if (vocabulary().korean_relations.contains(relation) && relation != std::string(w) &&
                (w.ends_with("예요") || w.ends_with("이에요") || w.ends_with("야") ||
                 w.ends_with("이야") || w.ends_with("입니다"))) {
                const std::string_view who = s.w(i - 2);
                if (who.ends_with("는") || who.ends_with("은") || who.ends_with("이") ||
                    who.ends_with("가")) {
                    add_person(relation, korean_noun(who));
                }
            }
        }
    }
}

void korean_preferences(const Sentence& s, Facts& facts) {
    if (s.question) {
        return;
    }
    for (std::size_t i = 0; i < s.size(); ++i) {
        const std::string_view w = s.w(i);
        const bool likes = w.starts_with("좋아해") || w.starts_with("좋아합") || w == "좋아하고" ||
                           w.starts_with("좋아했");
        const bool dislikes =
            w.starts_with("싫어해") || w.starts_with("싫어합") ||
            ((w.starts_with("싫어") || w.starts_with("싫") || w.starts_with("별로")) && i > 0 &&
             (s.w(i - 1).ends_with("이") || s.w(i - 1).ends_with("가") ||
              s.w(i - 1).ends_with("는") || s.w(i - 1).ends_with("은")));
        if (!likes && !dislikes) {
            continue;
        }
        const bool negated = i > 0 && (s.w(i - 1) == "안" || s.w(i - 1) == "별로");
        const std::size_t object_end = negated ? i - 1 : i;
        std::string object = korean_object_before(s, object_end);
        if (object.empty() || vocabulary().korean_not_names.contains(object)) {
            continue;
        }
        const bool liked = likes != negated;
        facts.add("pref:" + object, liked ? "like" : "dislike", 0.6f);
    }
    // 제일 좋아하는 음식은 김치찌개예요
    for (std::size_t i = 0; i + 2 < s.size(); ++i) {
        if ((s.w(i) == "제일" || s.w(i) == "가장") && s.w(i + 1) == "좋아하는") {
            const std::string category = strip_korean_particle(s.w(i + 2));
            std::string value = korean_value_after(s, i + 3);
            if (!value.empty()) {
                facts.add("favorite:" + category, value, 0.6f);
            }
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
                                 "늘"};
    const bool habit = std::any_of(
        s.lower.begin(), s.lower.end(), [](const auto& w) { return cues.contains(w.word); });
    if (!habit) {
        return;
    }
    // A habit is something the person does, not how they feel every day.
    const std::string_view last = s.lower.back().word;
    if (last.starts_with("힘들") || last.starts_with("피곤") || last.starts_with("바빠") ||
        last.starts_with("우울")) {
        return;
    }
    std::string clause(core::trim(s.text));
    while (!clause.empty() && (clause.back() == '.' || clause.back() == '!')) {
        clause.pop_back();
    }
    facts.add("habit:" + clause, clause, 0.5f);
}

} // namespace samantha::memory::rules
