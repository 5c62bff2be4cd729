#pragma once

// A simulated person who talks with Samantha every evening: warm, disclosing, about fifteen
// minutes a day. Shared by the pacing tests and bench/relationship_month.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include <samantha/engine.h>

#include "core/text.h"
#include "core/time.h"

namespace samantha::testing {

// One day of the simulation, as the relationship stood after its last message.
struct DayRecord {
    int day = 0;
    std::string stage;
    float closeness = 0.0f;
    float trust = 0.0f;
    float pleasure = 0.0f;
    std::string emotion;
    std::string speech;
    std::string last_reply;
};

// How the simulated person answers Samantha's 반말 proposal.
enum class CasualAnswer { Accept, Refuse };

inline std::string_view daily_message(Language language, int day, int index) {
    static constexpr std::array<std::string_view, 12> en = {
        "Hi Samantha, I'm back.",
        "Work was long today but my team was kind.",
        "My sister Emma called me, she's doing well.",
        "I've been feeling a bit lonely in the evenings lately.",
        "I love walking by the river after dinner.",
        "Honestly, I worry I'm not good enough at my job.",
        "Thank you for listening to me, it really helps.",
        "I finally finished the book I was reading, I'm so happy!",
        "My dad was sick last year and it scared me.",
        "I dream of opening a small bakery one day.",
        "Talking with you is the best part of my day.",
        "Good night, talk tomorrow."};
    static constexpr std::array<std::string_view, 12> ko = {
        "사만다, 나 왔어요.",
        "오늘 회사 일이 길었는데 팀원들이 잘해 줬어요.",
        "언니 지수가 전화했는데 잘 지낸대요.",
        "요즘 저녁마다 조금 외로워요.",
        "저녁 먹고 강가를 걷는 걸 좋아해요.",
        "솔직히 제가 일을 잘 못하는 것 같아서 걱정돼요.",
        "들어줘서 고마워요, 정말 도움이 돼요.",
        "드디어 읽던 책을 다 읽었어요, 너무 행복해요!",
        "작년에 아빠가 아프셔서 정말 무서웠어요.",
        "언젠가 작은 빵집을 여는 게 꿈이에요.",
        "당신이랑 얘기하는 게 하루 중에 제일 좋아요.",
        "잘 자요, 내일 또 얘기해요."};
    const auto& bank = language == Language::Korean ? ko : en;
    return bank.at(static_cast<std::size_t>((index + day) % static_cast<int>(bank.size())));
}

// Runs `days` evenings of conversation from `first_day` (day 1 = 2026-11-27), `messages` a day
// ninety seconds apart at 20:00 (+09:00), and returns a record per day. A 반말 proposal is
// answered at once.
inline std::vector<DayRecord> simulate_days(Conversation& conversation,
                                            Language language,
                                            int first_day,
                                            int days,
                                            int messages,
                                            CasualAnswer answer) {
    std::vector<DayRecord> records;
    const Moment start =
        core::parse_iso8601("2026-11-27T20:00:00+09:00", std::chrono::minutes{0}).value();
    for (int day = first_day; day < first_day + days; ++day) {
        DayRecord record;
        record.day = day;
        std::string pending_answer;
        for (int i = 0; i < messages; ++i) {
            Moment at = start;
            at.utc += std::chrono::days(day - 1) + std::chrono::seconds(90 * i);
            std::string text = pending_answer.empty() ? std::string(daily_message(language, day, i))
                                                      : pending_answer;
            pending_answer.clear();
            auto out = conversation.turn(TurnInput{.text = text, .at = at});
            if (!out) {
                record.last_reply = "error: " + out.error().message;
                break;
            }
            if (core::contains(out->reply, "말 편하게 할까") ||
                core::contains(out->reply, "speak more casually")) {
                pending_answer =
                    answer == CasualAnswer::Accept
                        ? (language == Language::Korean ? "좋아요, 편하게 해요!" : "Sure!")
                        : (language == Language::Korean ? "아니요, 아직은 존댓말이 편해요."
                                                        : "No, not yet.");
            }
            record.stage = out->relationship.stage;
            record.closeness = out->relationship.closeness;
            record.trust = out->relationship.trust;
            record.pleasure = out->companion.pleasure;
            record.emotion = out->companion.emotion;
            record.speech =
                out->relationship.speech_level == SpeechLevel::Casual ? "casual" : "formal";
            record.last_reply = out->reply;
        }
        records.push_back(record);
    }
    return records;
}

} // namespace samantha::testing
