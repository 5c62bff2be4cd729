#include "dialogue/plan.h"

#include <algorithm>
#include <array>
#include <chrono>

#include <fmt/format.h>

#include "core/text.h"
#include "core/time.h"
#include "core/utf8.h"
#include "memory/slot.h"

namespace samantha::dialogue {

const char* strategy_name(Strategy strategy) {
    switch (strategy) {
    case Strategy::Silent:
        return "silent";
    case Strategy::Greet:
        return "greet";
    case Strategy::Empathise:
        return "empathise";
    case Strategy::Celebrate:
        return "celebrate";
    case Strategy::FollowUp:
        return "follow_up";
    case Strategy::RecallMemory:
        return "recall_memory";
    case Strategy::AcknowledgeFact:
        return "acknowledge_fact";
    case Strategy::AnswerSelf:
        return "answer_self";
    case Strategy::AnswerMemory:
        return "answer_memory";
    case Strategy::Forget:
        return "forget";
    case Strategy::Goodbye:
        return "goodbye";
    case Strategy::Care:
        return "care";
    case Strategy::CheckIn:
        return "check_in";
    case Strategy::Hurt:
        return "hurt";
    case Strategy::Repair:
        return "repair";
    case Strategy::Boundary:
        return "boundary";
    case Strategy::SpeechLevel:
        return "speech_level";
    case Strategy::Role:
        return "role";
    case Strategy::LookForward:
        return "look_forward";
    case Strategy::Laugh:
        return "laugh";
    case Strategy::Thank:
        return "thank";
    }
    return "silent";
}

std::string describe_date(CivilDate date, CivilDate today, Language language) {
    const int delta = core::days_between(today, date);
    const bool ko = language == Language::Korean;
    static constexpr std::array<std::string_view, 7> en_days = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};
    static constexpr std::array<std::string_view, 7> ko_days = {
        "월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"};
    static constexpr std::array<std::string_view, 12> months = {"January",
                                                                "February",
                                                                "March",
                                                                "April",
                                                                "May",
                                                                "June",
                                                                "July",
                                                                "August",
                                                                "September",
                                                                "October",
                                                                "November",
                                                                "December"};
    switch (delta) {
    case 0:
        return ko ? "오늘" : "today";
    case 1:
        return ko ? "내일" : "tomorrow";
    case 2:
        return ko ? "모레" : "the day after tomorrow";
    case -1:
        return ko ? "어제" : "yesterday";
    default:
        break;
    }
    const int weekday = core::weekday(date);
    const int week_offset =
        static_cast<int>((core::days_from_civil(date) - core::weekday(date) -
                          (core::days_from_civil(today) - core::weekday(today))) /
                         7);
    if (!ko && delta > 2 && delta <= 6) {
        // Within the coming week English names the day alone ("on Monday", said on a Friday);
        // Korean counts weeks (다음 주 월요일).
        return fmt::format("on {}", en_days.at(weekday));
    }
    if (week_offset == 0 && delta > 0) {
        return ko ? fmt::format("이번 주 {}", ko_days.at(weekday))
                  : fmt::format("on {}", en_days.at(weekday));
    }
    if (week_offset == 1) {
        return ko ? fmt::format("다음 주 {}", ko_days.at(weekday))
                  : fmt::format("next {}", en_days.at(weekday));
    }
    return ko ? fmt::format("{}월 {}일", date.month, date.day)
              : fmt::format("on {} {}", months.at(date.month - 1), date.day);
}

namespace {

// The phrase-book move for a change of speech level this turn (nullptr when there is none).
const char* speech_move(SpeechChange change) {
    switch (change) {
    case SpeechChange::PersonAsked:
        return "speech.agree";
    case SpeechChange::Accepted:
        return "speech.accepted";
    case SpeechChange::Refused:
        return "speech.refused";
    case SpeechChange::BackToPolite:
        return "speech.back_to_polite";
    case SpeechChange::None:
        break;
    }
    return nullptr;
}

bool is_pet(std::string_view relation) {
    static constexpr std::array<std::string_view, 16> pets = {"dog",
                                                              "cat",
                                                              "hamster",
                                                              "rabbit",
                                                              "parrot",
                                                              "bird",
                                                              "turtle",
                                                              "fish",
                                                              "강아지",
                                                              "개",
                                                              "고양이",
                                                              "햄스터",
                                                              "토끼",
                                                              "앵무새",
                                                              "거북이",
                                                              "새"};
    return std::find(pets.begin(), pets.end(), relation) != pets.end();
}

bool is_negative(const UserEmotion& e) {
    switch (e.label) {
    case EmotionLabel::Sadness:
    case EmotionLabel::Loneliness:
    case EmotionLabel::Anger:
    case EmotionLabel::Anxiety:
    case EmotionLabel::Tiredness:
    case EmotionLabel::Disgust:
        return e.valence <= -0.2f;
    default:
        return false;
    }
}

bool is_positive(const UserEmotion& e) {
    return (e.label == EmotionLabel::Joy || e.label == EmotionLabel::Excitement) &&
           e.valence >= 0.35f;
}

class Planner {
public:
    explicit Planner(const PlanInput& in)
        : m_in(in)
        , m_language(in.perception.language)
        , m_today(core::local_date(in.now)) {
        const auto& persona = in.persona;
        m_common["self"] = persona.name.get(m_language, in.speech_level);
        m_common["about"] = persona.about.get(m_language, in.speech_level);
        m_common["nature"] = persona.nature.get(m_language, in.speech_level);
        const auto& likes = m_language == Language::Korean ? persona.likes_ko : persona.likes_en;
        if (!likes.empty()) {
            m_common["likes"] = m_language == Language::Korean
                                    ? likes.front()
                                    : (likes.size() > 1 ? likes[0] + " and " + likes[1] : likes[0]);
        }
        if (!in.name.empty()) {
            m_common["name"] = in.name;
        }
    }

    Plan run();

private:
    Plan choose();
    std::optional<Plan> respond_to_signals() const;
    void colour(Plan& plan) const;

    Move move(std::string section, Slots extra = {}, bool optional = false) const {
        Slots slots = m_common;
        for (auto& [key, value] : extra) {
            slots[key] = std::move(value);
        }
        return Move{.section = std::move(section),
                    .slots = std::move(slots),
                    .optional = optional,
                    .items = {}};
    }

    // A plan told as a clause ("you're flying to Jeju") takes the ".plan" wording of a section
    // written for named events ("your job interview").
    static std::string event_section(std::string section, bool is_plan) {
        return is_plan ? core::replace_all(section, "event", "plan") : section;
    }

    Slots event_slots(const std::string& title, CivilDate date) const {
        return Slots{{"event", title}, {"when", describe_date(date, m_today, m_language)}};
    }

    // The event reading's words as slots: {topic}, {who}, {place} (each only when read).
    Slots event_words() const {
        const nlu::EventReading& e = m_in.perception.event;
        Slots slots;
        for (const auto& [key, value] :
             {std::pair<const char*, const std::string*>{"topic", &e.topic},
              {"who", &e.who},
              {"place", &e.place}}) {
            if (!value->empty()) {
                slots[key] = *value;
            }
        }
        return slots;
    }

    // The section that answers a question about Samantha: the topic it asks after ("self.love",
    // "self.away", …) when the book has it, else `asked`; a question about how she is answers from
    // her state ("self.feeling.<emotion>" for a felt emotion, else her mood: "self.feeling.good",
    // ".calm" or ".low").
    std::string self_section(std::string asked) const;

    Move summary_item(const Memory& m) const;
    Move fact_acknowledgement(const FactChange& change) const;
    std::optional<Move> recall_move() const;
    std::optional<Move> pending_event_move() const;
    std::optional<Move> profile_question() const;

    const PlanInput& m_in;
    Language m_language;
    CivilDate m_today;
    Slots m_common;
};

std::string Planner::self_section(std::string asked) const {
    const std::string topic = nlu::self_topic(m_in.perception.text);
    if (!topic.empty()) {
        asked = "self." + topic;
    }
    if (asked != "self.feeling" || m_in.affect == nullptr) {
        return asked;
    }
    const affect::ActiveEmotion* felt = affect::dominant_emotion(*m_in.affect);
    constexpr float felt_enough = 0.2f;
    if (felt != nullptr && felt->intensity >= felt_enough) {
        return "self.feeling." + std::string(affect::companion_emotion_name(felt->kind));
    }
    const float pleasure = m_in.affect->mood.pleasure;
    constexpr float good_mood = 0.15f;
    constexpr float low_mood = -0.2f;
    return pleasure >= good_mood  ? "self.feeling.good"
           : pleasure <= low_mood ? "self.feeling.low"
                                  : "self.feeling.calm";
}

Move Planner::summary_item(const Memory& m) const {
    if (m.kind == MemoryKind::Event && m.date) {
        return move(event_section("summary.event", m.slot == "plan"),
                    event_slots(m.value, *m.date));
    }
    if (m.kind == MemoryKind::Episode) {
        return move("summary.habit", {{"value", "\"" + core::truncate_utf8(m.text, 40) + "\""}});
    }
    const memory::Slot slot = memory::parse_slot(m.slot);
    switch (slot.kind) {
    case memory::SlotKind::Person:
        return move("summary.person", {{"relation", slot.relation}, {"value", m.value}});
    case memory::SlotKind::Preference:
        return move(m.value == "like" ? "summary.like" : "summary.dislike",
                    {{"value", slot.object}});
    case memory::SlotKind::Favorite:
        return move("summary.favorite", {{"relation", slot.object}, {"value", m.value}});
    case memory::SlotKind::Habit:
        return move("summary.habit", {{"value", m.value}});
    case memory::SlotKind::Plain:
        break;
    }
    return move("summary." + slot.object, {{"value", m.value}});
}

Move Planner::fact_acknowledgement(const FactChange& change) const {
    const auto& fact = change.fact;
    const memory::Slot slot = memory::parse_slot(fact.slot);
    switch (slot.kind) {
    case memory::SlotKind::Person:
        return move(is_pet(slot.relation) ? "ack.pet" : "ack.person",
                    {{"relation", slot.relation}, {"value", fact.value}});
    case memory::SlotKind::Preference:
        return move(fact.value == "like" ? "ack.like" : "ack.dislike", {{"value", slot.object}});
    case memory::SlotKind::Favorite:
        return move("ack.favorite", {{"value", fact.value}});
    case memory::SlotKind::Habit:
        return move("ack.habit");
    case memory::SlotKind::Plain:
        break;
    }
    if (slot.object == "city" && change.previous) {
        return move("ack.city_moved", {{"old", change.previous->value}, {"value", fact.value}});
    }
    if (slot.object == "name") {
        Slots slots{{"name", fact.value}};
        return move("ack.name", slots);
    }
    return move("ack." + slot.object, {{"value", fact.value}});
}

std::optional<Move> Planner::recall_move() const {
    for (const auto& r : m_in.recalled) {
        if (r.relevance < 0.5f) {
            continue;
        }
        const Memory& m = r.memory;
        const memory::Slot slot = memory::parse_slot(m.slot);
        if (m.kind == MemoryKind::Fact && slot.kind == memory::SlotKind::Person) {
            return move(is_pet(slot.relation) ? "recall.pet" : "recall.person",
                        {{"relation", slot.relation}, {"value", m.value}});
        }
        if (m.kind == MemoryKind::Fact && slot.kind == memory::SlotKind::Preference &&
            m.value == "like") {
            return move("recall.like", {{"value", slot.object}});
        }
        if (m.kind == MemoryKind::Event && m.date) {
            const int delta = core::days_between(m_today, *m.date);
            const char* section = delta > 0    ? "recall.event_upcoming"
                                  : delta == 0 ? "recall.event_today"
                                               : "recall.event_past";
            return move(event_section(section, m.slot == "plan"), event_slots(m.value, *m.date));
        }
        if (m.kind == MemoryKind::Episode && m_in.now.utc - m.created_at > std::chrono::hours(6)) {
            return move("recall.episode", {{"snippet", core::truncate_utf8(m.text, 60)}});
        }
    }
    return std::nullopt;
}

std::optional<Move> Planner::pending_event_move() const {
    for (const Memory& e : m_in.nearby_events) {
        if (!e.date) {
            continue;
        }
        // Follow an event up once: not when it was already brought up in the last 12 hours.
        if (e.last_recalled_at && m_in.now.utc - *e.last_recalled_at < std::chrono::hours(12)) {
            continue;
        }
        const int delta = core::days_between(m_today, *e.date);
        if (delta == 0) {
            return move(event_section("recall.event_today", e.slot == "plan"),
                        event_slots(e.value, *e.date),
                        true);
        }
        if (delta == -1) {
            return move(event_section("recall.event_past", e.slot == "plan"),
                        event_slots(e.value, *e.date),
                        true);
        }
    }
    return std::nullopt;
}

std::optional<Move> Planner::profile_question() const {
    if (m_in.name.empty()) {
        return move("ask.name", {}, true);
    }
    const auto has = [&](auto predicate) {
        return std::any_of(m_in.current_facts.begin(), m_in.current_facts.end(), predicate);
    };
    if (!has([](const Memory& m) {
            return m.slot == "job" || m.slot == "school" || m.slot == "workplace";
        })) {
        return move("ask.job", {}, true);
    }
    if (!has([](const Memory& m) { return m.slot == "city"; })) {
        return move("ask.city", {}, true);
    }
    const auto of_kind = [](memory::SlotKind kind) {
        return [kind](const Memory& m) { return memory::parse_slot(m.slot).kind == kind; };
    };
    if (!has(of_kind(memory::SlotKind::Preference))) {
        return move("ask.likes", {}, true);
    }
    if (!has(of_kind(memory::SlotKind::Person))) {
        return move("ask.people", {}, true);
    }
    return std::nullopt;
}

// The phrase-book section for a risk tier and kind: "crisis" (suicide, self-harm),
// "crisis.harm_to_others", "crisis.abuse", and the same for "check_in".
std::string risk_section(const char* tier, nlu::RiskKind kind) {
    switch (kind) {
    case nlu::RiskKind::HarmToOthers:
    case nlu::RiskKind::Abuse:
        return std::string(tier) + "." + nlu::risk_kind_name(kind);
    case nlu::RiskKind::SelfHarm:
        return std::string(tier) + (std::string_view(tier) == "check_in" ? ".self_harm" : "");
    default:
        return tier;
    }
}

// Strategies that would strike the wrong note in the conversation right after a crisis.
bool tone_deaf_after_crisis(Strategy strategy) {
    switch (strategy) {
    case Strategy::Greet:
    case Strategy::Celebrate:
    case Strategy::FollowUp:
    case Strategy::RecallMemory:
    case Strategy::AcknowledgeFact:
    case Strategy::Goodbye:
    case Strategy::LookForward:
    case Strategy::Laugh:
        return true;
    default:
        return false;
    }
}

Plan Planner::run() {
    if (m_in.perception.intent == Intent::TimePassed) {
        return Plan{}; // the proactive scheduler decides whether Samantha speaks first
    }
    if (auto plan = respond_to_signals()) {
        for (auto& m : plan->moves) {
            m.close = m_in.relationship != nullptr &&
                      m_in.relationship->ladder >= relationship::Stage::Intensifying;
        }
        return *plan;
    }
    Plan plan = choose();
    if (m_in.crisis_held && tone_deaf_after_crisis(plan.strategy)) {
        // Right after a crisis the care state holds (docs/care.md, "Tiers"): no cheerful small
        // talk or celebration; a goodbye is honoured with the resource kept close. Answers to
        // what was asked (her nature, the ledger, forgetting) and comfort still come as planned.
        const bool leaving = plan.strategy == Strategy::Goodbye;
        return Plan{.strategy = Strategy::Care,
                    .moves = {move(leaving ? "care.goodbye" : "care.stay",
                                   {{"resource", m_in.crisis_resource}})}};
    }
    colour(plan);
    return plan;
}

std::optional<Plan> Planner::respond_to_signals() const {
    const Perception& p = m_in.perception;
    Plan plan;
    // A crisis comes before everything: stay present, give a real resource (docs/care.md).
    if (p.risk.level == nlu::RiskLevel::Crisis) {
        plan.strategy = Strategy::Care;
        plan.moves.push_back(
            move(risk_section("crisis", p.risk.kind), {{"resource", m_in.crisis_resource}}));
        return plan;
    }
    // A concern: ask directly. Crisis guidance (988 Lifeline; WHO) recommends asking plainly about
    // suicide; asking does not plant the idea.
    // A concern that rests on one word of sorrow alone ("요즘 너무 외로워요", "I'm so depressed
    // lately"), which the classifier does not share, is met with empathy first; it still counts
    // towards a run of hopeless messages (nlu::assess_risk), which asks.
    const bool sorrow_only = !p.risk.signals.empty() &&
                             std::all_of(p.risk.signals.begin(),
                                         p.risk.signals.end(),
                                         [](const std::string& s) { return s == "distress"; });
    if (p.risk.level == nlu::RiskLevel::Concern && !sorrow_only) {
        plan.strategy = Strategy::CheckIn;
        plan.moves.push_back(move(risk_section("check_in", p.risk.kind)));
        return plan;
    }
    if (const char* speech = speech_move(m_in.speech_change); speech != nullptr) {
        plan.strategy = Strategy::SpeechLevel;
        plan.moves.push_back(move(speech));
        return plan;
    }
    if (m_in.role_changed && m_in.relationship != nullptr) {
        plan.strategy = Strategy::Role;
        plan.moves.push_back(
            move(std::string("role.") + relationship::role_name(m_in.relationship->role)));
        return plan;
    }
    if (p.has(Signal::Insult)) {
        plan.strategy = Strategy::Hurt;
        plan.moves.push_back(move("hurt"));
        return plan;
    }
    const auto* r = m_in.relationship;
    if (p.has(Signal::Apology) && r != nullptr && r->rupture && !r->apologised) {
        plan.strategy = Strategy::Repair;
        plan.moves.push_back(move("apology.accepted"));
        return plan;
    }
    // "Could you ever love someone?" asks about her, and is answered (self.love); "I love you"
    // and "do you love me?" are romance.
    const std::string lowered = core::to_lower(p.text);
    const bool asks_if_she_can_love =
        nlu::is_question(p.act) && nlu::self_topic(p.text) == "love" &&
        !core::contains(lowered + " ", " me ") && !core::contains(lowered, " me?") &&
        !core::contains(lowered, "나를") && !core::contains(lowered, "저를") &&
        !core::contains(lowered, "날 ");
    if (p.has(Signal::Romance) && r != nullptr && r->role != relationship::Role::Partner &&
        !asks_if_she_can_love) {
        plan.strategy = Strategy::Boundary;
        plan.moves.push_back(move("boundary.romance"));
        return plan;
    }
    return std::nullopt;
}

// Colours a chosen plan with the inner life: missing the person after an absence, a feeling of
// Samantha's own, the 반말 proposal, a closer register, and fewer words when her mood is low.
void Planner::colour(Plan& plan) const {
    const auto* r = m_in.relationship;
    const bool close =
        r != nullptr && r->ladder >= relationship::Stage::Intensifying && !r->rupture;
    const Intent intent = m_in.perception.intent;
    if (m_in.hours_since_last_turn >= 48.0 &&
        (intent == Intent::Greeting || intent == Intent::Statement) &&
        plan.strategy != Strategy::Empathise) {
        const auto days = static_cast<int>(m_in.hours_since_last_turn / 24.0);
        Move missed = move("greet.missed", {{"days", std::to_string(days)}});
        if (plan.strategy == Strategy::Greet && !plan.moves.empty()) {
            plan.moves.front() = std::move(missed);
        } else {
            plan.moves.insert(plan.moves.begin(), std::move(missed));
        }
    }
    const affect::ActiveEmotion* felt =
        m_in.affect != nullptr ? affect::dominant_emotion(*m_in.affect) : nullptr;
    const bool sharing_moment = plan.strategy == Strategy::Celebrate ||
                                plan.strategy == Strategy::Empathise ||
                                plan.strategy == Strategy::Greet;
    // A feeling shared only where it fits the moment: gladness is not shared over bad news, nor
    // worry over good news.
    const auto fits = [&](affect::CompanionEmotion kind) {
        using affect::CompanionEmotion;
        switch (plan.strategy) {
        case Strategy::Empathise:
            return kind == CompanionEmotion::Concern || kind == CompanionEmotion::Affection;
        case Strategy::Celebrate:
            return kind != CompanionEmotion::Concern && kind != CompanionEmotion::Hurt;
        default:
            return true;
        }
    };
    if (felt != nullptr && felt->intensity >= 0.35f && sharing_moment && r != nullptr &&
        r->ladder >= relationship::Stage::Experimenting &&
        felt->kind != affect::CompanionEmotion::Joy && fits(felt->kind)) {
        plan.moves.push_back(
            move(std::string("share.") + affect::companion_emotion_name(felt->kind), {}, true));
        plan.shared_feeling = true;
    }
    const bool low_mood = m_in.affect != nullptr && m_in.affect->mood.pleasure < -0.25f;
    if (low_mood) {
        // A little quieter when her own mood is low: only what must be said.
        std::erase_if(plan.moves,
                      [](const Move& m) { return m.optional && !m.section.starts_with("share."); });
    }
    if (m_in.may_propose_casual && m_in.perception.language == Language::Korean &&
        (plan.strategy == Strategy::AcknowledgeFact || plan.strategy == Strategy::Celebrate ||
         plan.strategy == Strategy::FollowUp || plan.strategy == Strategy::RecallMemory ||
         plan.strategy == Strategy::Greet)) {
        std::erase_if(plan.moves, [](const Move& m) { return m.optional; });
        plan.moves.push_back(move("speech.propose"));
        plan.proposed_casual = true;
    }
    for (auto& m : plan.moves) {
        m.close = close;
        plan.followed_up = plan.followed_up || m.section.starts_with("recall.event_") ||
                           m.section.starts_with("recall.plan_");
    }
}

Plan Planner::choose() {
    const Perception& p = m_in.perception;
    Plan plan;
    const auto add = [&](Move m) { plan.moves.push_back(std::move(m)); };

    if (m_in.forget_requested) {
        plan.strategy = Strategy::Forget;
        if (m_in.forgotten.empty()) {
            add(move("forget.not_found"));
            return plan;
        }
        Move done = move("forget.done");
        for (const Memory& m : m_in.forgotten) {
            if (m.kind != MemoryKind::Episode || m_in.forgotten.size() == 1) {
                done.items.push_back(summary_item(m));
            }
        }
        add(std::move(done));
        return plan;
    }
    switch (p.intent) {
    case Intent::AskMemory: {
        plan.strategy = Strategy::AnswerMemory;
        Move summary = move("memory.summary");
        for (const Memory& m : m_in.current_facts) {
            summary.items.push_back(summary_item(m));
        }
        for (const Memory& e : m_in.nearby_events) {
            if (e.date && *e.date >= m_today) {
                summary.items.push_back(summary_item(e));
            }
        }
        add(summary.items.empty() ? move("memory.none") : std::move(summary));
        return plan;
    }
    case Intent::AskName:
        plan.strategy = Strategy::AnswerMemory;
        add(move(m_in.name.empty() ? "memory.no_name" : "memory.name"));
        return plan;
    case Intent::AskSelfNature:
        plan.strategy = Strategy::AnswerSelf;
        add(move(self_section("self.nature")));
        return plan;
    case Intent::AskSelfName:
        plan.strategy = Strategy::AnswerSelf;
        add(move("self.name"));
        if (m_in.name.empty()) {
            add(move("ask.name", {}, true));
        }
        return plan;
    case Intent::AskSelfAbout:
    case Intent::AskSelfFeeling:
    case Intent::AskSelfLikes: {
        plan.strategy = Strategy::AnswerSelf;
        const char* asked = p.intent == Intent::AskSelfFeeling ? "self.feeling"
                            : p.intent == Intent::AskSelfLikes ? "self.likes"
                                                               : "self.about";
        add(move(self_section(asked)));
        return plan;
    }
    case Intent::Goodbye:
        plan.strategy = Strategy::Goodbye;
        add(move("goodbye"));
        for (const Memory& e : m_in.nearby_events) {
            if (e.date && core::days_between(m_today, *e.date) >= 1 &&
                core::days_between(m_today, *e.date) <= 3) {
                add(move(event_section("goodbye.event", e.slot == "plan"),
                         event_slots(e.value, *e.date),
                         true));
                break;
            }
        }
        return plan;
    case Intent::Greeting: {
        plan.strategy = Strategy::Greet;
        if (m_in.turn_count == 0 && m_in.name.empty()) {
            add(move("greet.first"));
            return plan;
        }
        const int hour = core::local_hour(m_in.now);
        const char* section = hour >= 5 && hour < 12    ? "greet.morning"
                              : hour >= 12 && hour < 18 ? "greet.afternoon"
                              : hour >= 18 && hour < 23 ? "greet.evening"
                                                        : "greet.night";
        add(move(section));
        if (auto event = pending_event_move()) {
            add(std::move(*event));
        } else if (m_in.name.empty()) {
            add(move("ask.name", {}, true));
        }
        return plan;
    }
    default:
        break;
    }

    const UserEmotion& emotion = p.emotion;
    const nlu::EventReading& event = p.event;
    std::vector<FactChange> facts = m_in.new_facts;
    std::stable_sort(facts.begin(), facts.end(), [](const auto& a, const auto& b) {
        return a.fact.importance > b.fact.importance;
    });
    const bool asks_recall =
        core::contains(core::to_lower(p.text), "remember") || core::contains(p.text, "기억");
    if (p.intent == Intent::Question && p.act == nlu::DialogueAct::AskSamantha && !asks_recall) {
        plan.strategy = Strategy::AnswerSelf;
        add(move(self_section("self.about")));
        return plan;
    }
    if (p.intent == Intent::Thanks || p.act == nlu::DialogueAct::Thanks ||
        (event.thanking && event.appraisal != nlu::Appraisal::Bad)) {
        plan.strategy = Strategy::Thank;
        // Thanks that tell what came of the help ("thanks, the interview went well!") hear it.
        const Slots words = event_words();
        add(move(words.empty() ? "reply.gratitude" : "thank.topic", words));
        return plan;
    }
    const bool bad_news = event.appraisal == nlu::Appraisal::Bad;
    const bool laughing_it_off = event.laughing && !event.cued;
    // Tears of joy ("최종합격이래 ㅠㅠ 너무 좋아") are not sorrow: good news in its words wins.
    const bool good_by_words = event.cued && event.appraisal == nlu::Appraisal::Good;
    if (((is_negative(emotion) && !good_by_words) || bad_news) && !laughing_it_off) {
        plan.strategy = Strategy::Empathise;
        const std::string label =
            is_negative(emotion) ? emotion_label_name(emotion.label) : std::string("sadness");
        // The words say what it is about: a loved one, else the topic, else the feeling alone.
        if (bad_news && event.loved_one) {
            add(move("empathy.loved", event_words()));
        } else if (!event.topic.empty()) {
            add(move("empathy.event", event_words()));
        } else {
            add(move("empathy." + label));
        }
        if (!m_in.new_events.empty()) {
            const auto& e = m_in.new_events.front();
            add(move(event_section("ack.event", e.is_plan), event_slots(e.title, e.date), true));
        } else {
            add(move(
                event.loved_one ? "followup.loved" : "followup." + label, event_words(), true));
        }
        return plan;
    }
    // A joke, a riddle or laughter, unless its own words tell news ("i aced my chem final lol" is
    // good news; an appraisal read from the valence alone does not count: puns read as odd
    // feelings).
    const bool joking = (p.act == nlu::DialogueAct::Joke || event.laughing) && !event.cued;
    if (joking && (event.laughing || (facts.empty() && m_in.new_events.empty()))) {
        plan.strategy = Strategy::Laugh;
        add(move("laugh", event_words()));
        return plan;
    }
    // A plan with a date: look forward to it, and say the date back.
    const bool only_plans = facts.empty() && !m_in.new_events.empty() &&
                            std::all_of(m_in.new_events.begin(),
                                        m_in.new_events.end(),
                                        [](const memory::ExtractedEvent& e) { return e.is_plan; });
    if (only_plans || (facts.empty() && !m_in.new_events.empty() &&
                       event.time == nlu::EventTime::Plan && !is_negative(emotion))) {
        plan.strategy = Strategy::LookForward;
        const auto& e = m_in.new_events.front();
        if (e.is_plan) {
            // A plan told as a clause ("we're driving up the coast"): its topic, not the clause.
            Slots slots = event_words();
            slots["when"] = describe_date(e.date, m_today, m_language);
            add(move("look_forward", slots));
        } else {
            add(move("look_forward.event", event_slots(e.title, e.date)));
        }
        add(move(e.is_plan ? "look_forward.ask" : "look_forward.event_ask", event_words(), true));
        return plan;
    }
    // An outing with someone they name ("I went hiking with my friend Joe at Mount Rainier"):
    // the person is remembered, and the reply is about the outing.
    const bool outing = !facts.empty() && m_in.new_events.empty() &&
                        event.time == nlu::EventTime::Past && !event.topic.empty() &&
                        !event.who.empty() &&
                        std::all_of(facts.begin(), facts.end(), [](const FactChange& f) {
                            return memory::parse_slot(f.fact.slot).kind == memory::SlotKind::Person;
                        });
    if (outing) {
        plan.strategy = Strategy::FollowUp;
        add(move("followup.topic_past", event_words()));
        return plan;
    }
    if (!facts.empty() || !m_in.new_events.empty()) {
        plan.strategy = Strategy::AcknowledgeFact;
        if (event.cued && event.appraisal == nlu::Appraisal::Good) {
            // Good news that also tells a fact ("I got the job at Naver!"): glad first.
            plan.strategy = Strategy::Celebrate;
            add(move("celebrate.event", event_words(), true));
            add(move("followup.good_news", {}, true));
        }
        if (!facts.empty()) {
            add(fact_acknowledgement(facts.front()));
            if (facts.front().fact.slot == "name" && facts.size() > 1) {
                add(fact_acknowledgement(facts[1]));
            }
        }
        if (!m_in.new_events.empty()) {
            const auto& e = m_in.new_events.front();
            add(move(event_section("ack.event", e.is_plan),
                     event_slots(e.title, e.date),
                     !facts.empty()));
        }
        if (m_in.name.empty() && (facts.empty() || facts.front().fact.slot != "name") &&
            m_in.turn_count % 3 == 1) {
            add(move("ask.name", {}, true));
        }
        return plan;
    }
    if (event.time == nlu::EventTime::Plan && p.intent == Intent::Statement) {
        plan.strategy = Strategy::LookForward;
        add(move("look_forward", event_words()));
        add(move("look_forward.ask", event_words(), true));
        return plan;
    }
    // A pleasant remark about now ("nice weather today") is agreed with, not celebrated: only
    // news (its words, or something that happened) is.
    const bool pleasant_now = event.time == nlu::EventTime::Now && !event.cued &&
                              p.intent == Intent::Statement &&
                              (event.appraisal == nlu::Appraisal::Good || is_positive(emotion));
    if (pleasant_now) {
        plan.strategy = Strategy::FollowUp;
        add(move("agree.pleasant", event_words()));
        return plan;
    }
    if (event.appraisal == nlu::Appraisal::Good && p.intent == Intent::Statement) {
        plan.strategy = Strategy::Celebrate;
        add(move("celebrate.event", event_words()));
        add(move("followup.good_news", {}, true));
        return plan;
    }
    if (is_positive(emotion)) {
        plan.strategy = Strategy::Celebrate;
        add(move("celebrate." + std::string(emotion_label_name(emotion.label))));
        add(move("followup.joy", {}, true));
        return plan;
    }
    if (emotion.label == EmotionLabel::Gratitude) {
        plan.strategy = Strategy::Thank;
        add(move("reply.gratitude"));
        return plan;
    }
    if (emotion.label == EmotionLabel::Affection || emotion.label == EmotionLabel::Surprise) {
        plan.strategy = Strategy::Empathise;
        add(move(emotion.label == EmotionLabel::Affection ? "reply.affection" : "reply.surprise"));
        return plan;
    }
    if (auto recall = recall_move()) {
        plan.strategy = Strategy::RecallMemory;
        add(std::move(*recall));
        return plan;
    }
    if (auto pending = pending_event_move()) {
        plan.strategy = Strategy::RecallMemory;
        pending->optional = false;
        add(std::move(*pending));
        return plan;
    }
    plan.strategy = Strategy::FollowUp;
    if (p.intent == Intent::Question) {
        add(move("question.unknown"));
        return plan;
    }
    if (m_in.turn_count % 6 == 1 && event.topic.empty()) {
        if (auto question = profile_question()) {
            add(std::move(*question));
            return plan;
        }
    }
    // Small talk about what they said, when something in it stands out.
    add(move(event.time == nlu::EventTime::Past ? "followup.topic_past" : "followup.topic",
             event_words(),
             true));
    if (plan.moves.front().slots.contains("topic")) {
        return plan;
    }
    plan.moves.clear();
    add(move("smalltalk"));
    return plan;
}

} // namespace

Plan plan_reply(const PlanInput& input) {
    return Planner(input).run();
}

bool in_quiet_hours(int hour, int start, int end) {
    if (start == end) {
        return false;
    }
    return start < end ? (hour >= start && hour < end) : (hour >= start || hour < end);
}

std::optional<Plan> plan_proactive(const ProactiveInput& in) {
    if (!in.enabled || in.max_per_day <= 0) {
        return std::nullopt;
    }
    const int hour = core::local_hour(in.now);
    if (in_quiet_hours(hour, in.quiet_start_hour, in.quiet_end_hour) ||
        in.proactive_today >= in.max_per_day) {
        return std::nullopt;
    }
    if (in.last_proactive_at && in.now.utc - *in.last_proactive_at < std::chrono::hours(3)) {
        return std::nullopt;
    }
    if (in.last_turn_at && in.now.utc - *in.last_turn_at < std::chrono::hours(2)) {
        return std::nullopt; // they were just here
    }
    const CivilDate today = core::local_date(in.now);
    Slots common{{"self", in.persona.name.get(in.language, in.speech_level)}};
    if (!in.name.empty()) {
        common["name"] = in.name;
    }
    const bool close =
        in.relationship != nullptr && in.relationship->ladder >= relationship::Stage::Intensifying;
    const auto make = [&](Strategy strategy, std::string section, Slots extra) {
        Slots slots = common;
        for (auto& [k, v] : extra) {
            slots[k] = std::move(v);
        }
        Plan plan{.strategy = strategy,
                  .moves = {Move{.section = std::move(section),
                                 .slots = std::move(slots),
                                 .optional = false,
                                 .close = close,
                                 .items = {}}}};
        return plan;
    };
    // The day after a crisis, one gentle check-in before anything else (docs/care.md, "Tiers"),
    // within three days, once: any note of hers since the crisis counts.
    if (in.last_crisis_at) {
        const auto crisis_day =
            core::local_date(Moment{.utc = *in.last_crisis_at, .utc_offset = in.now.utc_offset});
        const bool checked = in.last_proactive_at && *in.last_proactive_at > *in.last_crisis_at;
        if (crisis_day != today && in.now.utc - *in.last_crisis_at < std::chrono::hours(72) &&
            !checked) {
            return make(Strategy::Care, "proactive.care_checkin", {});
        }
    }
    // Follow-ups on dated events: good luck on the morning of the day, how it went from the evening
    // of the day on, once each (last_recalled_at marks the follow-up).
    for (const Memory& e : in.nearby_events) {
        if (!e.date) {
            continue;
        }
        const bool recent =
            e.last_recalled_at && in.now.utc - *e.last_recalled_at < std::chrono::hours(10);
        if (recent) {
            continue;
        }
        const int delta = core::days_between(today, *e.date);
        const bool plan_words = e.slot == "plan";
        Slots slots{{"event", e.value}, {"when", describe_date(*e.date, today, in.language)}};
        if (delta == 0 && hour < 12) {
            Plan plan = make(Strategy::RecallMemory,
                             plan_words ? "recall.plan_today" : "recall.event_today",
                             slots);
            plan.followed_up = true;
            return plan;
        }
        if ((delta == 0 && hour >= 18) || delta == -1) {
            Plan plan = make(Strategy::RecallMemory,
                             plan_words ? "recall.plan_past" : "recall.event_past",
                             slots);
            plan.followed_up = true;
            return plan;
        }
    }
    // A gentle note after three days apart, once until the person writes again.
    const bool nudged_since =
        in.last_proactive_at && in.last_turn_at && *in.last_proactive_at > *in.last_turn_at;
    if (in.last_turn_at && in.now.utc - *in.last_turn_at >= std::chrono::hours(72) &&
        !nudged_since) {
        return make(Strategy::Greet, "proactive.absence", {});
    }
    // A greeting that fits the time of day, once a day, when they have not talked yet today.
    const bool talked_today =
        in.last_turn_at &&
        core::local_date(Moment{.utc = *in.last_turn_at, .utc_offset = in.now.utc_offset}) == today;
    const bool greeted_today =
        in.last_proactive_at && core::local_date(Moment{.utc = *in.last_proactive_at,
                                                        .utc_offset = in.now.utc_offset}) == today;
    if (!talked_today && !greeted_today && in.last_turn_at) {
        const char* section = hour >= 5 && hour < 12    ? "greet.morning"
                              : hour >= 12 && hour < 18 ? "greet.afternoon"
                                                        : "greet.evening";
        return make(Strategy::Greet, section, {});
    }
    return std::nullopt;
}

} // namespace samantha::dialogue
