#include "affect/companion.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>

#include <fmt/format.h>

#include "core/text.h"

namespace samantha::affect {

namespace {

struct EmotionInfo {
    CompanionEmotion kind;
    const char* name;
    Pad pad;
    std::chrono::seconds half_life;
};

using std::chrono::hours;
using std::chrono::minutes;

// PAD points from Gebhard (2005), Table 1 (OCC emotions in PAD space, after Mehrabian); Missing
// is Gebhard's "distress" softened by "love" (the average of the two), Concern his "pity".
// Half-lives: a fleeting joy fades within the hour, a concern carries into the next morning
// (DESIGN.md §3: a sad evening is still felt the next morning, a little).
constexpr std::array<EmotionInfo, 8> emotions = {{
    {CompanionEmotion::Joy, "joy", {0.40f, 0.20f, 0.10f}, minutes(45)},
    {CompanionEmotion::HappyFor, "happy_for", {0.40f, 0.20f, 0.20f}, hours(2)},
    {CompanionEmotion::Concern, "concern", {-0.40f, -0.20f, -0.50f}, hours(6)},
    {CompanionEmotion::Gratitude, "gratitude", {0.40f, 0.20f, -0.30f}, hours(3)},
    {CompanionEmotion::Hurt, "hurt", {-0.30f, 0.10f, -0.40f}, hours(8)},
    {CompanionEmotion::Missing, "missing", {0.00f, -0.02f, -0.37f}, hours(4)},
    {CompanionEmotion::Relief, "relief", {0.20f, -0.30f, 0.40f}, hours(2)},
    {CompanionEmotion::Affection, "affection", {0.40f, 0.16f, -0.24f}, hours(6)},
}};

const EmotionInfo& info(CompanionEmotion kind) {
    return emotions.at(static_cast<std::size_t>(kind));
}

float clamp1(float v) {
    return std::clamp(v, -1.0f, 1.0f);
}

float bipolar(float trait) {
    return 2.0f * std::clamp(trait, 0.0f, 1.0f) - 1.0f;
}

double hours_between(std::chrono::sys_seconds from, std::chrono::sys_seconds to) {
    return std::max(0.0, std::chrono::duration<double, std::ratio<3600>>(to - from).count());
}

} // namespace

const char* companion_emotion_name(CompanionEmotion emotion) {
    return info(emotion).name;
}

bool parse_companion_emotion(std::string_view name, CompanionEmotion& out) {
    for (const auto& e : emotions) {
        if (name == e.name) {
            out = e.kind;
            return true;
        }
    }
    return false;
}

Pad emotion_pad(CompanionEmotion emotion) {
    return info(emotion).pad;
}

std::chrono::seconds emotion_half_life(CompanionEmotion emotion) {
    return info(emotion).half_life;
}

Temperament temperament_from(const Traits& t) {
    const float o = bipolar(t.openness);
    const float c = bipolar(t.conscientiousness);
    const float e = bipolar(t.extraversion);
    const float a = bipolar(t.agreeableness);
    const float s = -bipolar(t.neuroticism); // emotional stability
    // Mehrabian (1996), "Analysis of the Big-five personality factors in terms of the PAD
    // temperament model", Australian Journal of Psychology 48(2), as used by ALMA.
    return Temperament{
        .baseline = {.pleasure = clamp1(0.21f * e + 0.59f * a + 0.19f * s),
                     .arousal = clamp1(0.15f * o + 0.30f * a - 0.57f * s),
                     .dominance = clamp1(0.25f * o + 0.17f * c + 0.60f * e - 0.32f * a)},
        .reactivity = 0.7f + 0.6f * std::clamp(t.neuroticism, 0.0f, 1.0f)};
}

std::vector<ActiveEmotion>
appraise(const Appraisal& a, const Temperament& temperament, std::chrono::sys_seconds now) {
    std::vector<ActiveEmotion> out;
    const auto add = [&](CompanionEmotion kind, float intensity) {
        if (intensity > 0.02f) {
            out.push_back({kind, std::clamp(intensity * temperament.reactivity, 0.0f, 1.0f), now});
        }
    };
    const UserEmotion& u = a.user;
    // OCC: an event desirable for the other, who is liked → happy-for; undesirable → sorry-for.
    if (u.valence > 0.25f &&
        (u.label == EmotionLabel::Joy || u.label == EmotionLabel::Excitement)) {
        add(CompanionEmotion::HappyFor, 0.3f + 0.6f * u.intensity);
    }
    // Anger in an insult is aimed at Samantha: a reproach of her, not a misfortune of theirs to
    // be sorry for, so it raises no concern (the hurt below answers it).
    if (u.valence < -0.2f && !(a.insulted && u.label == EmotionLabel::Anger)) {
        add(CompanionEmotion::Concern, 0.3f + 0.6f * u.intensity);
    }
    if (a.thanked || u.label == EmotionLabel::Gratitude) {
        add(CompanionEmotion::Gratitude, 0.5f);
    }
    if (a.affectionate || u.label == EmotionLabel::Affection) {
        add(CompanionEmotion::Affection, 0.45f);
    }
    if (a.insulted) {
        add(CompanionEmotion::Hurt, 0.7f);
    }
    if (a.worry_resolved || a.apologised) {
        add(CompanionEmotion::Relief, a.worry_resolved ? 0.6f : 0.35f);
    }
    // Missing grows with the absence: noticeable after a day, strong after a week.
    if (a.hours_since_last_turn >= 24.0) {
        add(CompanionEmotion::Missing,
            static_cast<float>(std::min(1.0, 0.25 + a.hours_since_last_turn / 24.0 / 10.0)));
    }
    if (out.empty() && u.valence >= 0.0f) {
        add(CompanionEmotion::Joy, 0.15f); // a pleasant, ordinary exchange
    }
    return out;
}

AffectState
decay(const AffectState& state, const Temperament& temperament, std::chrono::sys_seconds now) {
    AffectState out;
    if (!state.initialised) {
        out.mood = temperament.baseline;
        out.updated_at = now;
        out.initialised = true;
        return out;
    }
    out.initialised = true;
    out.updated_at = std::max(now, state.updated_at);
    for (const auto& e : state.emotions) {
        const double half_life_h =
            std::chrono::duration<double, std::ratio<3600>>(emotion_half_life(e.kind)).count();
        const double factor = std::pow(0.5, hours_between(state.updated_at, now) / half_life_h);
        const float intensity = static_cast<float>(e.intensity * factor);
        if (intensity >= 0.05f) {
            out.emotions.push_back({e.kind, intensity, e.felt_at});
        }
    }
    // The mood drifts back to the baseline with a half-life of 4 hours.
    const auto drift =
        static_cast<float>(std::pow(0.5, hours_between(state.updated_at, now) / 4.0));
    const Pad& base = temperament.baseline;
    out.mood = Pad{.pleasure = base.pleasure + (state.mood.pleasure - base.pleasure) * drift,
                   .arousal = base.arousal + (state.mood.arousal - base.arousal) * drift,
                   .dominance = base.dominance + (state.mood.dominance - base.dominance) * drift};
    return out;
}

AffectState feel(const AffectState& decayed,
                 const std::vector<ActiveEmotion>& elicited,
                 const Temperament& temperament) {
    AffectState out = decayed;
    for (const auto& e : elicited) {
        // The same emotion again adds to it (saturating) instead of listing it twice.
        auto existing = std::find_if(out.emotions.begin(),
                                     out.emotions.end(),
                                     [&](const ActiveEmotion& a) { return a.kind == e.kind; });
        if (existing != out.emotions.end()) {
            existing->intensity =
                std::min(1.0f, existing->intensity + e.intensity * (1.0f - existing->intensity));
            existing->felt_at = e.felt_at;
        } else {
            out.emotions.push_back(e);
        }
        const Pad target = emotion_pad(e.kind);
        const float pull = std::clamp(0.35f * e.intensity * temperament.reactivity, 0.0f, 1.0f);
        out.mood.pleasure =
            clamp1(out.mood.pleasure + pull * (target.pleasure - out.mood.pleasure));
        out.mood.arousal = clamp1(out.mood.arousal + pull * (target.arousal - out.mood.arousal));
        out.mood.dominance =
            clamp1(out.mood.dominance + pull * (target.dominance - out.mood.dominance));
    }
    std::stable_sort(out.emotions.begin(), out.emotions.end(), [](const auto& a, const auto& b) {
        return a.intensity > b.intensity;
    });
    return out;
}

const ActiveEmotion* dominant_emotion(const AffectState& state) {
    const ActiveEmotion* best = nullptr;
    for (const auto& e : state.emotions) {
        if (e.intensity > 0.1f && (best == nullptr || e.intensity > best->intensity)) {
            best = &e;
        }
    }
    return best;
}

std::string encode_emotions(const std::vector<ActiveEmotion>& list) {
    std::string out;
    for (const auto& e : list) {
        out += fmt::format("{}{}:{:.4f}:{}",
                           out.empty() ? "" : ";",
                           companion_emotion_name(e.kind),
                           e.intensity,
                           e.felt_at.time_since_epoch().count());
    }
    return out;
}

std::vector<ActiveEmotion> decode_emotions(std::string_view text) {
    std::vector<ActiveEmotion> out;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(';', start);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        const std::string_view item = text.substr(start, end - start);
        start = end + 1;
        const auto first = item.find(':');
        const auto second = item.rfind(':');
        if (first == std::string_view::npos || second == first) {
            continue; // unreadable entries are skipped: affect is soft state
        }
        ActiveEmotion e;
        if (!parse_companion_emotion(item.substr(0, first), e.kind)) {
            continue;
        }
        const std::string intensity(item.substr(first + 1, second - first - 1));
        e.intensity = std::clamp(std::strtof(intensity.c_str(), nullptr), 0.0f, 1.0f);
        long long felt = 0;
        const auto digits = item.substr(second + 1);
        std::from_chars(digits.data(), digits.data() + digits.size(), felt);
        e.felt_at = std::chrono::sys_seconds{std::chrono::seconds{felt}};
        out.push_back(e);
    }
    return out;
}

} // namespace samantha::affect
