#include "dialogue/feel.h"

#include <algorithm>
#include <string_view>
#include <utility>

#include "affect/affect_store.h"
#include "core/text.h"
#include "core/time.h"
#include "dialogue/pipeline.h"
#include "memory/slot.h"
#include "relationship/relationship_store.h"

namespace samantha::dialogue {
namespace {

// The 존댓말/반말 negotiation (docs/relationship.md): the person may ask for 반말 (or 존댓말) at
// any time; a pending proposal of Samantha's is decided by the person's yes or no; a proposal
// left unanswered for a day lapses like a refusal.
SpeechChange negotiate_speech_level(relationship::Relationship& bond,
                                    const Perception& p,
                                    std::chrono::sys_seconds now) {
    if (p.has(Signal::CasualRequest) && bond.speech_level == SpeechLevel::Polite) {
        bond.speech_level = SpeechLevel::Casual;
        bond.casual_proposal_pending = false;
        return SpeechChange::PersonAsked;
    }
    if (p.has(Signal::PoliteRequest) && bond.speech_level == SpeechLevel::Casual) {
        bond.speech_level = SpeechLevel::Polite;
        bond.casual_refused_at = now;
        return SpeechChange::BackToPolite;
    }
    if (!bond.casual_proposal_pending) {
        return SpeechChange::None;
    }
    if (p.has(Signal::No)) {
        bond.casual_proposal_pending = false;
        bond.casual_refused_at = now;
        return SpeechChange::Refused;
    }
    if (p.has(Signal::Yes)) {
        bond.casual_proposal_pending = false;
        bond.speech_level = SpeechLevel::Casual;
        return SpeechChange::Accepted;
    }
    if (bond.casual_proposed_at && now - *bond.casual_proposed_at > std::chrono::hours(24)) {
        bond.casual_proposal_pending = false;
        bond.casual_refused_at = *bond.casual_proposed_at;
    }
    return SpeechChange::None;
}

// A role agreed in conversation: a friendship may become family ("you're like family to me"),
// and any role may step back to friends. A romantic role is never taken up in chat; it is set
// explicitly (--role partner), and the partner role is never forced on anyone.
bool agree_role(relationship::Relationship& bond, const Perception& p) {
    if (p.has(Signal::RoleFamily) && bond.role == relationship::Role::Friend &&
        bond.ladder >= relationship::Stage::Experimenting) {
        bond.role = relationship::Role::Family;
        return true;
    }
    if (p.has(Signal::RoleFriend) && bond.role != relationship::Role::Friend) {
        relationship::change_role(bond, relationship::Role::Friend);
        return true;
    }
    return false;
}

// Minutes of conversation a message adds: the time since the previous one within a sitting
// (at most 5), or one minute for the first message of a sitting (docs/relationship.md, "Hours").
double conversation_minutes(const std::optional<std::chrono::sys_seconds>& last,
                            std::chrono::sys_seconds now) {
    constexpr double sitting_gap_minutes = 30.0;
    constexpr double most_per_message = 5.0;
    if (!last) {
        return 1.0;
    }
    const double gap = std::chrono::duration<double, std::ratio<60>>(now - *last).count();
    return gap >= 0.0 && gap < sitting_gap_minutes ? std::min(gap, most_per_message) : 1.0;
}

// How warm the message is toward Samantha, in [-1, 1]: an insult is −1, an ordinary message 0.6,
// thanks or a warm feeling 0.85 (docs/relationship.md, "Warmth").
float warmth_of(const Perception& p) {
    if (p.has(Signal::Insult)) {
        return -1.0f;
    }
    float warmth = 0.6f;
    if (p.intent == Intent::Thanks || p.emotion.label == EmotionLabel::Gratitude ||
        p.emotion.label == EmotionLabel::Affection || p.emotion.valence > 0.3f) {
        warmth += 0.25f;
    }
    return warmth;
}

// What the message discloses, and how deeply (social penetration theory's breadth and depth):
// facts about oneself are peripheral (1), likes and people a layer in (2), feelings (3), and
// what one has never told anyone the core (4).
std::pair<relationship::Topic, int> disclosure_of(const memory::Extraction& extraction,
                                                  const Perception& p) {
    using relationship::Topic;
    std::pair<Topic, int> best{Topic::Self, 0};
    const auto offer = [&](Topic topic, int depth) {
        if (depth > best.second) {
            best = {topic, depth};
        }
    };
    for (const auto& fact : extraction.facts) {
        const memory::Slot slot = memory::parse_slot(fact.slot);
        switch (slot.kind) {
        case memory::SlotKind::Person:
            offer(Topic::Family, 2);
            break;
        case memory::SlotKind::Preference:
        case memory::SlotKind::Favorite:
        case memory::SlotKind::Habit:
            offer(Topic::Self, 2);
            break;
        case memory::SlotKind::Plain:
            offer(memory::is_work_slot(slot) ? Topic::Work : Topic::Self, 1);
            break;
        }
    }
    if (!extraction.events.empty()) {
        offer(Topic::Dreams, 1);
    }
    if (p.emotion.intensity >= 0.3f && p.emotion.label != EmotionLabel::Neutral) {
        offer(Topic::Feelings, p.emotion.valence < 0.0f ? 3 : 2);
    }
    const std::string lower = core::to_lower(p.text);
    for (const std::string_view core_cue : {"never told anyone",
                                            "nobody knows",
                                            "no one knows",
                                            "my secret",
                                            "비밀",
                                            "아무한테도 말 안",
                                            "아무한테도 말하지"}) {
        if (core::contains(lower, core_cue)) {
            offer(Topic::Feelings, 4);
        }
    }
    return best;
}

} // namespace

Result<InnerLife> load_inner_life(storage::Database& db,
                                  const Resources& resources,
                                  std::int64_t person_id,
                                  Moment now) {
    InnerLife inner;
    const auto& big = resources.persona->big_five;
    inner.temperament =
        affect::temperament_from(affect::Traits{.openness = big.openness,
                                                .conscientiousness = big.conscientiousness,
                                                .extraversion = big.extraversion,
                                                .agreeableness = big.agreeableness,
                                                .neuroticism = big.neuroticism});
    auto affect = affect::AffectStore(db).load(person_id);
    if (!affect) {
        return affect.error();
    }
    inner.affect = affect::decay(*affect, inner.temperament, now.utc);
    auto bond = relationship::RelationshipStore(db).load(person_id, resources.default_role);
    if (!bond) {
        return bond.error();
    }
    inner.relationship = relationship::cool(*bond, now.utc);
    if (resources.role_forced) {
        inner.relationship.role = resources.default_role;
    }
    return inner;
}

Feeling feel(const Perception& perception, const FeelContext& context) {
    const Perception& p = perception;
    const Moment now = context.now;
    Feeling feeling;
    feeling.hours_apart =
        context.last_turn_at
            ? std::chrono::duration<double, std::ratio<3600>>(now.utc - *context.last_turn_at)
                  .count()
            : 0.0;
    // A worry resolved: the person was anxious last time and is clearly glad now (valence above
    // 0.3, the lexicon's "clearly positive"; docs/affect.md, relief).
    const affect::Appraisal appraisal{.user = p.emotion,
                                      .thanked = p.intent == Intent::Thanks,
                                      .insulted = p.has(Signal::Insult),
                                      .apologised = p.has(Signal::Apology),
                                      .affectionate = p.emotion.label == EmotionLabel::Affection,
                                      .hours_since_last_turn = feeling.hours_apart,
                                      .worry_resolved = context.last_emotion == "anxiety" &&
                                                        p.emotion.valence > 0.3f};
    const auto& inner = context.inner;
    feeling.affect = affect::feel(
        inner.affect, affect::appraise(appraisal, inner.temperament, now.utc), inner.temperament);
    feeling.relationship = inner.relationship;
    feeling.speech_change = negotiate_speech_level(feeling.relationship, p, now.utc);
    if (!context.role_forced && !feeling.relationship.rupture) {
        feeling.role_changed = agree_role(feeling.relationship, p);
    }
    feeling.may_propose_casual = relationship::may_propose_casual(feeling.relationship, now.utc);
    return feeling;
}

relationship::Relationship relationship_after(const Feeling& feeling,
                                              const Perception& perception,
                                              const memory::Extraction& extraction,
                                              const TurnDeeds& deeds,
                                              std::optional<std::chrono::sys_seconds> last_turn_at,
                                              Moment now) {
    relationship::Relationship bond = feeling.relationship;
    if (deeds.proposed_casual) {
        bond.casual_proposal_pending = true;
        bond.casual_proposed_at = now.utc;
    }
    const auto disclosed = disclosure_of(extraction, perception);
    // Samantha's own disclosure deepens with the stage: one layer past where the ladder stands.
    const int companion_depth =
        deeds.shared_feeling ? std::min(4, 1 + static_cast<int>(bond.ladder)) : 0;
    const relationship::TurnSignals signals{.now = now.utc,
                                            .today = core::local_date(now),
                                            .minutes = conversation_minutes(last_turn_at, now.utc),
                                            .warmth = warmth_of(perception),
                                            .topic = disclosed.first,
                                            .depth = disclosed.second,
                                            .companion_topic = relationship::Topic::Feelings,
                                            .companion_depth = companion_depth,
                                            .insulted = perception.has(Signal::Insult),
                                            .apologised = perception.has(Signal::Apology),
                                            .detail_remembered = deeds.detail_remembered,
                                            .follow_up_kept = deeds.followed_up};
    return relationship::update(bond, signals);
}

} // namespace samantha::dialogue
