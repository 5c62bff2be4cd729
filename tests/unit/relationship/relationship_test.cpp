#include "relationship/relationship.h"

#include <gtest/gtest.h>

#include "core/random.h"
#include "core/time.h"

namespace samantha::relationship {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_seconds;

constexpr sys_seconds t0{std::chrono::seconds{1'800'000'000}};

CivilDate date_of(sys_seconds t) {
    return core::local_date(Moment{.utc = t, .utc_offset = {}});
}

TurnSignals warm(sys_seconds now, int depth = 2) {
    return TurnSignals{.now = now,
                       .today = date_of(now),
                       .minutes = 1.5,
                       .warmth = 0.85f,
                       .topic = Topic::Feelings,
                       .depth = depth,
                       .companion_depth = depth};
}

int rank(Stage s) {
    return static_cast<int>(s);
}

TEST(Relationship, OneDayNeverPassesExperimenting) {
    Relationship r;
    r.role = Role::Partner;
    for (int i = 0; i < 2000; ++i) {
        r = update(r, warm(t0 + std::chrono::seconds(5 * i), 4)); // all within one day
    }
    EXPECT_LE(rank(r.stage), rank(Stage::Experimenting));
    EXPECT_LE(r.closeness, 0.11f);
}

TEST(Relationship, RoleSetsTheCeiling) {
    for (const Role role : {Role::Friend, Role::Family, Role::Partner}) {
        Relationship r;
        r.role = role;
        for (int day = 0; day < 200; ++day) {
            for (int i = 0; i < 10; ++i) {
                r = update(r, warm(t0 + days(day) + std::chrono::seconds(90 * i), 3));
            }
        }
        EXPECT_EQ(r.stage, ceiling(role)) << role_name(role);
    }
}

TEST(Relationship, RuptureIsRepairedOverDaysNotInOneMessage) {
    Relationship r;
    for (int day = 0; day < 30; ++day) {
        for (int i = 0; i < 10; ++i) {
            r = update(r, warm(t0 + days(day) + std::chrono::seconds(90 * i)));
        }
    }
    const Stage before = r.stage;
    const float trust_before = r.trust;
    auto hurt = warm(t0 + days(30));
    hurt.insulted = true;
    r = update(r, hurt);
    EXPECT_EQ(r.stage, Stage::Differentiating);
    EXPECT_LT(r.trust, trust_before - 0.15f);
    auto sorry = warm(t0 + days(30) + hours(1));
    sorry.apologised = true;
    r = update(r, sorry);
    for (int i = 0; i < 20; ++i) { // warmth the same day does not finish the repair
        r = update(r, warm(t0 + days(30) + hours(1) + std::chrono::minutes(i)));
    }
    EXPECT_TRUE(r.rupture);
    int day = 31;
    while (r.rupture && day < 40) {
        r = update(r, warm(t0 + days(day)));
        ++day;
    }
    EXPECT_FALSE(r.rupture);
    EXPECT_GE(day - 30, 3) << "repair took " << day - 30 << " days";
    EXPECT_EQ(r.stage, before);
    EXPECT_EQ(r.repairs, 1);
}

TEST(Relationship, SilenceCoolsAndStepsBack) {
    Relationship r;
    for (int day = 0; day < 30; ++day) {
        for (int i = 0; i < 10; ++i) {
            r = update(r, warm(t0 + days(day) + std::chrono::seconds(90 * i), 3));
        }
    }
    ASSERT_EQ(r.stage, Stage::Integrating);
    const auto cooled = cool(r, *r.last_turn_at + days(28));
    EXPECT_LT(cooled.closeness, r.closeness * 0.6f);
    EXPECT_EQ(cooled.stage, Stage::Circumscribing);
    const auto back = update(cooled, warm(*r.last_turn_at + days(28)));
    EXPECT_EQ(back.stage, Stage::Intensifying);
    EXPECT_EQ(cool(r, *r.last_turn_at + days(2)).closeness,
              r.closeness); // a weekend apart is nothing
}

TEST(Relationship, BanmalIsProposedOnlyWhenTheStageAllowsAndNotSoonAfterARefusal) {
    Relationship r;
    EXPECT_FALSE(may_propose_casual(r, t0));
    r.ladder = Stage::Intensifying;
    r.stage = Stage::Intensifying;
    EXPECT_TRUE(may_propose_casual(r, t0));
    r.casual_refused_at = t0;
    EXPECT_FALSE(may_propose_casual(r, t0 + days(13)));
    EXPECT_TRUE(may_propose_casual(r, t0 + days(14)));
    r.speech_level = SpeechLevel::Casual;
    EXPECT_FALSE(may_propose_casual(r, t0 + days(20)));
}

// 10,000 random conversations: stages never skip, every value stays in range, and the same seed
// gives the same result.
Relationship random_life(std::uint64_t seed, std::vector<Stage>* path) {
    core::Rng rng(seed);
    Relationship r;
    r.role = static_cast<Role>(rng.below(3));
    sys_seconds now = t0;
    const int turns = 20 + static_cast<int>(rng.below(200));
    for (int i = 0; i < turns; ++i) {
        now += std::chrono::seconds(
            static_cast<long>(rng.below(4) == 0 ? rng.below(86400 * 40) : rng.below(600)));
        r = cool(r, now);
        TurnSignals s{.now = now,
                      .today = date_of(now),
                      .minutes = rng.uniform() * 5.0,
                      .warmth = static_cast<float>(rng.uniform() * 2.0 - 1.0),
                      .topic = static_cast<Topic>(rng.below(topic_count)),
                      .depth = static_cast<int>(rng.below(6)),
                      .companion_topic = static_cast<Topic>(rng.below(topic_count)),
                      .companion_depth = static_cast<int>(rng.below(5)),
                      .insulted = rng.below(30) == 0,
                      .apologised = rng.below(10) == 0,
                      .detail_remembered = rng.below(5) == 0,
                      .follow_up_kept = rng.below(8) == 0};
        const Stage before_ladder = r.ladder;
        r = update(r, s);
        if (path != nullptr) {
            path->push_back(r.stage);
        }
        EXPECT_LE(rank(r.ladder) - rank(before_ladder), 1) << "seed " << seed;
        EXPECT_LE(rank(r.ladder), rank(ceiling(r.role))) << "seed " << seed;
        for (const float v : {r.closeness, r.trust, r.familiarity, r.repair}) {
            EXPECT_GE(v, 0.0f) << "seed " << seed;
            EXPECT_LE(v, 1.0f) << "seed " << seed;
        }
        for (std::size_t t = 0; t < topic_count; ++t) {
            EXPECT_GE(r.disclosure.person.at(t), 0);
            EXPECT_LE(r.disclosure.person.at(t), 4);
            EXPECT_LE(r.disclosure.companion.at(t), 4);
        }
        EXPECT_GE(reciprocity(r.disclosure), 0.0f);
        EXPECT_LE(reciprocity(r.disclosure), 1.0f);
        if (::testing::Test::HasFailure()) {
            return r;
        }
    }
    return r;
}

TEST(RelationshipProperty, TenThousandRandomConversationsNeverSkipAndStayInRange) {
    for (std::uint64_t seed = 1; seed <= 10000; ++seed) {
        random_life(seed, nullptr);
        if (HasFailure()) {
            return;
        }
    }
}

TEST(RelationshipProperty, TheSameSeedGivesTheSameLife) {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        std::vector<Stage> a;
        std::vector<Stage> b;
        const auto ra = random_life(seed, &a);
        const auto rb = random_life(seed, &b);
        EXPECT_EQ(a, b);
        EXPECT_EQ(ra.closeness, rb.closeness);
        EXPECT_EQ(ra.trust, rb.trust);
    }
}

} // namespace
} // namespace samantha::relationship
