// The generated extraction evaluation set (tests/data/extraction): its size, its split, and the
// targets on the dev split (docs/memory.md, "The evaluation set"). The test split is reported by
// bench/extraction_bench and never asserted here.
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "eval_set.h"
#include "memory/extraction.h"
#include "nlu/risk_data.h"

namespace samantha::extraction_eval {
namespace {

const EvalSet& set_for(Language language) {
    static const std::map<Language, EvalSet> sets = [] {
        std::map<Language, EvalSet> out;
        for (const Language l : {Language::English, Language::Korean}) {
            auto generated = generate(SAMANTHA_EXTRACTION_DATA_DIR, l);
            EXPECT_TRUE(generated.has_value()) << generated.error().message;
            out[l] = generated ? std::move(*generated) : EvalSet{};
        }
        return out;
    }();
    return sets.at(language);
}

class ExtractionEval : public ::testing::TestWithParam<Language> {};

TEST_P(ExtractionEval, HasTwoThousandStatementsSplitByTheirText) {
    const EvalSet& set = set_for(GetParam());
    EXPECT_GE(set.items.size(), 2000U);
    std::set<std::string> seen;
    std::size_t test = 0;
    for (const auto& item : set.items) {
        EXPECT_TRUE(seen.insert(item.text).second) << "duplicate: " << item.text;
        const bool is_test = nlu::risk_split(item.text) == nlu::RiskSplit::Test;
        EXPECT_EQ(item.split == Split::Test, is_test) << item.text;
        test += is_test ? 1 : 0;
    }
    EXPECT_GE(test, 300U);
    // Every kind of statement is there, negatives and questions included.
    std::set<std::string> categories;
    for (const auto& item : set.items) {
        categories.insert(item.category);
    }
    for (const char* c : {"name",
                          "age",
                          "birthday",
                          "home",
                          "work",
                          "study",
                          "people",
                          "pets",
                          "likes",
                          "favorites",
                          "habits",
                          "events",
                          "negative",
                          "question"}) {
        EXPECT_TRUE(categories.contains(c)) << c;
    }
    EXPECT_FALSE(set.held_out_values.empty());
}

TEST_P(ExtractionEval, MeetsTheTargetsOnDev) {
    std::map<std::string, Counts> per_kind;
    for (const auto& item : set_for(GetParam()).items) {
        if (item.split != Split::Dev) {
            continue;
        }
        const auto scored = score(item, memory::extract(item.text, item.language, today));
        for (const auto& [kind, c] : scored.per_kind) {
            per_kind[kind].tp += c.tp;
            per_kind[kind].fp += c.fp;
            per_kind[kind].fn += c.fn;
        }
    }
    for (const auto& [kind, c] : per_kind) {
        EXPECT_GE(c.precision(), 0.98) << kind;
        EXPECT_GE(c.recall(), 0.90) << kind;
    }
}

INSTANTIATE_TEST_SUITE_P(Languages,
                         ExtractionEval,
                         ::testing::Values(Language::English, Language::Korean),
                         [](const ::testing::TestParamInfo<Language>& param) {
                             return param.param == Language::Korean ? "ko" : "en";
                         });

TEST(ExtractionEvalScore, MatchesOneToOneAndKeepsDatesOutOfTitles) {
    Item item{
        .text = "I have an exam tomorrow.",
        .language = Language::English,
        .split = Split::Dev,
        .category = "events",
        .voice = "neutral",
        .template_line = 1,
        .expected = {Expected{
            .kind = "event", .key = "2026-11-28", .value = "exam", .forbidden = {"tomorrow"}}}};
    memory::Extraction got;
    got.events.push_back(
        memory::ExtractedEvent{.title = "exam tomorrow",
                               .is_plan = false,
                               .date = CivilDate{.year = 2026, .month = 11, .day = 28},
                               .text = {}});
    auto scored = score(item, got);
    EXPECT_EQ(scored.per_kind["event"].tp, 0U);
    EXPECT_EQ(scored.per_kind["event"].fp, 1U);
    EXPECT_EQ(scored.per_kind["event"].fn, 1U);
    got.events[0].title = "exam";
    scored = score(item, got);
    EXPECT_EQ(scored.per_kind["event"].tp, 1U);
    EXPECT_EQ(fact_kind("person:sister:emma"), "person");
    EXPECT_EQ(fact_kind("city"), "city");
}

} // namespace
} // namespace samantha::extraction_eval
