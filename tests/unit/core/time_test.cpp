#include "core/time.h"

#include <gtest/gtest.h>

namespace samantha::core {
namespace {

TEST(CivilDate, RoundTripsThroughDays) {
    for (std::int64_t days = -800000; days < 800000; days += 997) {
        EXPECT_EQ(days_from_civil(civil_from_days(days)), days);
    }
    EXPECT_EQ(days_from_civil({.year = 1970, .month = 1, .day = 1}), 0);
    EXPECT_EQ(civil_from_days(20784), (CivilDate{.year = 2026, .month = 11, .day = 27}));
}

TEST(CivilDate, KnowsWeekdaysAndLeapYears) {
    EXPECT_EQ(weekday({.year = 2026, .month = 11, .day = 27}), 4); // Friday
    EXPECT_EQ(weekday({.year = 2026, .month = 11, .day = 30}), 0); // Monday
    EXPECT_EQ(days_in_month(2024, 2), 29);
    EXPECT_EQ(days_in_month(2100, 2), 28);
    EXPECT_FALSE(is_valid_date(2026, 2, 29));
    EXPECT_EQ(add_days({.year = 2026, .month = 12, .day = 31}, 1),
              (CivilDate{.year = 2027, .month = 1, .day = 1}));
}

TEST(Iso8601, ParsesOffsetsAndKeepsThem) {
    const auto m = parse_iso8601("2026-12-01T20:00:00+09:00", std::chrono::minutes{0});
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(m->utc_offset, std::chrono::minutes{540});
    EXPECT_EQ(local_date(*m), (CivilDate{.year = 2026, .month = 12, .day = 1}));
    EXPECT_EQ(local_hour(*m), 20);
    EXPECT_EQ(format_iso8601(*m), "2026-12-01T20:00:00+09:00");
    const auto z = parse_iso8601("2026-12-01T11:00:00Z", std::chrono::minutes{0});
    ASSERT_TRUE(z);
    EXPECT_EQ(z->utc, m->utc);
}

TEST(Iso8601, AcceptsShortFormsWithTheDefaultOffset) {
    const auto m = parse_iso8601("2026-12-01 08:30", std::chrono::minutes{-300});
    ASSERT_TRUE(m) << m.error().message;
    EXPECT_EQ(format_iso8601(*m), "2026-12-01T08:30:00-05:00");
    const auto date_only = parse_iso8601("2026-12-01", std::chrono::minutes{0});
    ASSERT_TRUE(date_only);
    EXPECT_EQ(local_hour(*date_only), 0);
    EXPECT_TRUE(parse_iso8601("2026-12-01T08:30:00.250+01:00", std::chrono::minutes{0}));
}

TEST(Iso8601, RejectsMalformedTimesWithThePosition) {
    for (const char* bad : {"",
                            "tomorrow",
                            "2026-13-01T00:00:00Z",
                            "2026-02-30",
                            "2026-12-01T25:00",
                            "2026-12-01T10:00:00+15:00",
                            "2026-12-01T10:00:00 junk",
                            "2026-12-01X10:00"}) {
        const auto parsed = parse_iso8601(bad, std::chrono::minutes{0});
        ASSERT_FALSE(parsed) << bad;
        EXPECT_EQ(parsed.error().code, ErrorCode::InvalidArgument);
        EXPECT_FALSE(parsed.error().message.empty());
    }
    const auto bad = parse_iso8601("2026-12-01T10:0", std::chrono::minutes{0});
    ASSERT_FALSE(bad);
    EXPECT_NE(bad.error().message.find("character"), std::string::npos);
}

} // namespace
} // namespace samantha::core
