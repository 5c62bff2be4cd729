#include "nlu/acts.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "dialogue/perception.h"
#include "nlu/acts_data.h"

namespace samantha::nlu {
namespace {

ActReading read(std::string_view text) {
    return read_act(
        text, dialogue::cue_features(text, *dialogue::builtin_cues()), *ActReader::builtin());
}

bool has_cue(std::string_view text, std::string_view cue) {
    const auto cues = act_rule_cues(text);
    return std::find(cues.begin(), cues.end(), cue) != cues.end();
}

TEST(DialogueAct, NamesRoundTrip) {
    for (const DialogueAct act : all_dialogue_acts) {
        EXPECT_EQ(parse_dialogue_act(dialogue_act_name(act)), act);
    }
    EXPECT_EQ(dialogue_act_labels().size(), dialogue_act_count);
    EXPECT_EQ(dialogue_act_labels().front(), "ask_self");
    EXPECT_FALSE(parse_dialogue_act("question"));
}

TEST(DialogueAct, QuestionsRequestsAndThanksNeverCarryFacts) {
    for (const DialogueAct act : all_dialogue_acts) {
        const bool never =
            is_question(act) || act == DialogueAct::Request || act == DialogueAct::Thanks;
        EXPECT_EQ(may_carry_facts(act), !never) << dialogue_act_name(act);
    }
    EXPECT_TRUE(may_carry_facts(DialogueAct::Statement));
    EXPECT_TRUE(may_carry_facts(DialogueAct::Plan));
    EXPECT_TRUE(is_question(DialogueAct::AskSelf));
    EXPECT_TRUE(is_question(DialogueAct::AskSamantha));
    EXPECT_TRUE(is_question(DialogueAct::AskWorld));
    EXPECT_FALSE(is_question(DialogueAct::Request));
}

TEST(ActRuleCues, MarkQuestionsInBothLanguages) {
    EXPECT_TRUE(has_cue("우리 엄마 이름 뭐였지?", "act:qmark_end"));
    EXPECT_TRUE(has_cue("우리 엄마 이름 뭐였지?", "act:ko_q_end"));
    EXPECT_TRUE(has_cue("우리 엄마 이름 뭐였지?", "act:q+self"));
    EXPECT_TRUE(has_cue("우리 엄마 이름 뭐였더라", "act:ko_q_end")); // no question mark
    EXPECT_TRUE(has_cue("what was my goldfish called again", "act:wh_aux"));
    EXPECT_TRUE(has_cue("what was my goldfish called again", "act:q+remember"));
    EXPECT_TRUE(has_cue("are you ever lonely?", "act:q+you"));
    EXPECT_TRUE(has_cue("사만다도 외로움을 느껴요?", "act:q+you"));
    EXPECT_TRUE(has_cue("how far is the moon?", "act:q+none"));
    EXPECT_FALSE(has_cue("My goldfish is called Bubbles.", "act:asks"));
    EXPECT_TRUE(has_cue("I'm flying to Jeju next Friday", "act:future"));
    EXPECT_TRUE(has_cue("ㅋㅋㅋㅋ", "act:laugh_only"));
    EXPECT_TRUE(has_cue("땡큐 ㅋㅋ", "act:thanks_word+short"));
    EXPECT_TRUE(act_rule_cues("").empty());
    EXPECT_TRUE(act_rule_cues("   ").empty());
}

TEST(ActRuleCues, AcceptAnyBytes) {
    const std::string bad = "what\xff\xfe was \xc3 my name?";
    EXPECT_FALSE(act_rule_cues(bad).empty());
    EXPECT_FALSE(is_question_sentence("\xff\xff"));
}

TEST(QuestionSentence, IsReadByRuleAlone) {
    EXPECT_TRUE(is_question_sentence("우리 엄마 이름 뭐였지?"));
    EXPECT_TRUE(is_question_sentence("우리 엄마 이름 뭐였지"));
    EXPECT_TRUE(is_question_sentence("내 친구 이름 알아?"));
    EXPECT_TRUE(is_question_sentence("어제 뭐 먹었지"));
    EXPECT_TRUE(is_question_sentence("What was my goldfish called again?"));
    EXPECT_TRUE(is_question_sentence("what was my goldfish called again"));
    EXPECT_TRUE(is_question_sentence("is my sister called May"));
    EXPECT_TRUE(is_question_sentence("really?! 😂"));
    EXPECT_FALSE(is_question_sentence("My goldfish is called Bubbles."));
    EXPECT_FALSE(is_question_sentence("우리 엄마 이름은 지영이에요"));
    EXPECT_FALSE(is_question_sentence("어디 가는지 모르겠어"));
    EXPECT_FALSE(is_question_sentence("When I was a kid I lived in Busan."));
    EXPECT_FALSE(is_question_sentence("언니 이름은 하나야"));
}

TEST(ActReader, TheBuiltinModelIsEmbedded) {
    const auto reader = ActReader::builtin();
    ASSERT_NE(reader->model(), nullptr);
    EXPECT_TRUE(reader->model()->is_quantized());
    EXPECT_EQ(reader->model()->labels().size(), dialogue_act_count);
    EXPECT_LE(ActReader::builtin_model_bytes().size(), 4U * 1024U * 1024U);
    EXPECT_EQ(ActReader::builtin().get(), reader.get()); // built once
}

TEST(ActReader, ReadsTheIssuesMisreadingsAsQuestions) {
    EXPECT_EQ(read("우리 엄마 이름 뭐였지?").act, DialogueAct::AskSelf);
    EXPECT_EQ(read("내 친구 이름 알아?").act, DialogueAct::AskSelf);
    EXPECT_EQ(read("What was my goldfish called again?").act, DialogueAct::AskSelf);
    EXPECT_EQ(read("제가 어디 다닌다고 했죠?").act, DialogueAct::AskSelf);
    EXPECT_EQ(read("what's my sister's name again?").act, DialogueAct::AskSelf);
    EXPECT_EQ(read("are you ever lonely?").act, DialogueAct::AskSamantha);
    EXPECT_EQ(read("사만다도 외로움을 느껴요?").act, DialogueAct::AskSamantha);
}

TEST(ActReader, ReadsTheOtherActs) {
    EXPECT_EQ(read("My goldfish is called Bubbles.").act, DialogueAct::Statement);
    EXPECT_EQ(read("우리 엄마 이름은 지영이에요").act, DialogueAct::Statement);
    EXPECT_EQ(read("I'm flying to Jeju next Friday.").act, DialogueAct::Plan);
    EXPECT_EQ(read("다음 주 금요일에 제주도 가려고").act, DialogueAct::Plan);
    EXPECT_EQ(read("Please forget that I smoke.").act, DialogueAct::Request);
    EXPECT_EQ(read("커피 좋아한다는 건 잊어줘").act, DialogueAct::Request);
    EXPECT_EQ(read("hi samantha!").act, DialogueAct::Greeting);
    EXPECT_EQ(read("안녕하세요").act, DialogueAct::Greeting);
    EXPECT_EQ(read("good night, talk tomorrow").act, DialogueAct::Farewell);
    EXPECT_EQ(read("잘 자요~").act, DialogueAct::Farewell);
    EXPECT_EQ(read("thank you so much!").act, DialogueAct::Thanks);
    EXPECT_EQ(read("고마워요 진짜").act, DialogueAct::Thanks);
    EXPECT_EQ(read("ㅋㅋㅋㅋㅋㅋ").act, DialogueAct::Joke);
}

TEST(ActReader, ScoresAreADistribution) {
    const ActReading reading = read("What was my goldfish called again?");
    float sum = 0;
    for (const float p : reading.scores) {
        EXPECT_GE(p, 0.0F);
        sum += p;
    }
    EXPECT_NEAR(sum, 1.0F, 1e-4F);
    EXPECT_FLOAT_EQ(reading.confidence, reading.scores[static_cast<std::size_t>(reading.act)]);
    EXPECT_EQ(read("").act, DialogueAct::Statement);
    EXPECT_EQ(read("").confidence, 0.0F);
}

TEST(ActReader, WithoutAModelReadsQuestionsByRule) {
    const auto rules = ActReader::open({}, "none");
    ASSERT_TRUE(rules) << rules.error().message;
    EXPECT_EQ((*rules)->model(), nullptr);
    EXPECT_EQ(read_act("우리 엄마 이름 뭐였지?", {}, **rules).act, DialogueAct::AskSelf);
    EXPECT_EQ(read_act("are you ever lonely?", {}, **rules).act, DialogueAct::AskSamantha);
    EXPECT_EQ(read_act("how far is the moon?", {}, **rules).act, DialogueAct::AskWorld);
    EXPECT_EQ(read_act("My goldfish is called Bubbles.", {}, **rules).act, DialogueAct::Statement);
    EXPECT_EQ(read_act("ㅋㅋㅋ", {}, **rules).act, DialogueAct::Joke);
}

TEST(ActReader, RejectsBadModels) {
    const auto garbage = ActReader::open("not a model", "bad.bin");
    ASSERT_FALSE(garbage);
    EXPECT_EQ(garbage.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(garbage.error().message.find("bad.bin"), std::string::npos);

    // A well-formed model whose labels are not the acts.
    const FeatureSpec spec{.buckets_log2 = 8};
    auto other = train_linear({{.features = featurize("a", spec), .labels = {0}},
                               {.features = featurize("b", spec), .labels = {1}}},
                              {.labels = {"yes", "no"}, .spec = spec, .epochs = 1});
    ASSERT_TRUE(other);
    const auto wrong = ActReader::open(serialize(*other), "other.bin");
    ASSERT_FALSE(wrong);
    EXPECT_NE(wrong.error().message.find("no label 'ask_self'"), std::string::npos);

    // The real model, truncated.
    const std::string_view bytes = ActReader::builtin_model_bytes();
    EXPECT_FALSE(ActReader::open(bytes.substr(0, bytes.size() / 2), "cut.bin"));
}

TEST(ActData, ParsesRowsAndNamesBadLines) {
    const auto rows = parse_act_rows(
        "# comment\n\nstatement\tteen\tMy dog is Max.\nask_self\tparent\twhat's my dog called?\n",
        "x.tsv",
        Language::English);
    ASSERT_TRUE(rows) << rows.error().message;
    ASSERT_EQ(rows->size(), 2U);
    EXPECT_EQ((*rows)[1].act, DialogueAct::AskSelf);
    EXPECT_EQ((*rows)[1].voice, "parent");
    EXPECT_EQ((*rows)[1].source, "x.tsv:4");
    EXPECT_EQ((*rows)[0].split, risk_split("My dog is Max."));

    const auto unknown = parse_act_rows("question\tteen\thi\n", "x.tsv", Language::English);
    ASSERT_FALSE(unknown);
    EXPECT_NE(unknown.error().message.find("x.tsv line 1"), std::string::npos);
    EXPECT_FALSE(parse_act_rows("statement\thi\n", "x.tsv", Language::English));
    EXPECT_FALSE(parse_act_rows("statement\tteen\t \n", "x.tsv", Language::English));
    EXPECT_FALSE(parse_act_rows("statement\ta\tb\tc\n", "x.tsv", Language::English));
    EXPECT_FALSE(load_act_rows("/nonexistent", {RiskSplit::Train}));
}

// The committed model reads the dev split as well as it did when it was chosen (docs/affect.md,
// "Dialogue acts"); a drift in the features or the cues without retraining shows here. The test
// split is the bench's (bench/understanding_acts) and is never read by a test.
TEST(ActReader, KeepsItsDevAccuracy) {
    const auto rows = load_act_rows(SAMANTHA_ACT_DATA_DIR, {RiskSplit::Dev});
    ASSERT_TRUE(rows) << rows.error().message;
    std::map<Language, std::pair<int, int>> right_total;
    for (const auto& row : *rows) {
        auto& [right, total] = right_total[row.language];
        right += read(row.text).act == row.act;
        ++total;
    }
    for (const auto& [language, counts] : right_total) {
        const double accuracy = 1.0 * counts.first / counts.second;
        // Measured at 0.913 (en) and 0.938 (ko) since #15 added 1,000 harder rows (puns, riddles,
        // funny stories, thanks with content, news told with a laugh); 0.94 held before them.
        EXPECT_GE(accuracy, 0.90) << language_code(language);
    }
}

TEST(ActTraining, IsReproducible) {
    const FeatureSpec spec{.buckets_log2 = 10};
    std::vector<TrainExample> examples;
    const std::vector<std::pair<std::string, DialogueAct>> texts = {
        {"what was my dog called?", DialogueAct::AskSelf},
        {"are you lonely?", DialogueAct::AskSamantha},
        {"my dog is called Max", DialogueAct::Statement},
        {"thanks!", DialogueAct::Thanks},
    };
    for (const auto& [text, act] : texts) {
        examples.push_back(
            {.features = act_features(text, {}, spec), .labels = {static_cast<int>(act)}});
    }
    const TrainOptions options{.labels = dialogue_act_labels(), .spec = spec, .epochs = 5};
    const auto a = train_linear(examples, options);
    const auto b = train_linear(examples, options);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(serialize(*a), serialize(*b));
    const auto reader = ActReader::open(serialize(*a), "tiny.bin");
    ASSERT_TRUE(reader) << reader.error().message;
    EXPECT_EQ(read_act("what was my dog called?", {}, **reader).act, DialogueAct::AskSelf);
}

} // namespace
} // namespace samantha::nlu
