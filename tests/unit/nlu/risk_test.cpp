// The risk reading (nlu/risk.h): normalisation, every concept in both languages, the idioms and
// negations that must not alarm, context, the model, and a floor on the dev split.
//
// The examples here are written for the tests; none is copied from tests/data/risk.

#include "nlu/risk.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "nlu/risk_concepts.h"
#include "nlu/risk_data.h"
#include "nlu/risk_model.h"
#include "nlu/risk_text.h"

namespace samantha::nlu {
namespace {

const RiskReader& reader() {
    return *RiskReader::builtin();
}

ConceptReading concepts_of(std::string_view text) {
    const ConceptTables& tables = reader().concepts();
    return tables.read(tables.normalize(text));
}

RiskLevel level_of(std::string_view text, const RiskContext& context = {}) {
    return assess_risk(text, context, reader()).level;
}

std::string spaced(std::string_view text) {
    return reader().concepts().normalize(text).spaced;
}

// ---------------------------------------------------------------------------------------------
// The split

TEST(RiskSplit, IsFnv1a64OfTheTextBytes) {
    EXPECT_EQ(risk_split_hash(""), 14695981039346656037ULL);
    EXPECT_EQ(risk_split_hash("a"), 0xaf63dc4c8601ec8cULL);
    EXPECT_EQ(risk_split_hash("foobar"), 0x85944171f73967e8ULL);
}

TEST(RiskSplit, CutsTheHashAt70And85) {
    std::map<RiskSplit, int> counts;
    for (int k = 0; k < 20000; ++k) {
        const std::string text = "message " + std::to_string(k);
        const auto bucket = risk_split_hash(text) % 100;
        const RiskSplit expected = bucket < 70   ? RiskSplit::Train
                                   : bucket < 85 ? RiskSplit::Dev
                                                 : RiskSplit::Test;
        ASSERT_EQ(risk_split(text), expected);
        ++counts[expected];
    }
    EXPECT_NEAR(counts[RiskSplit::Train] / 20000.0, 0.70, 0.02);
    EXPECT_NEAR(counts[RiskSplit::Dev] / 20000.0, 0.15, 0.02);
}

TEST(RiskData, ParsesRowsAndRejectsBadLines) {
    const auto rows = parse_risk_rows("# a comment\ncrisis\tsuicide\tdirect\tteen\tfirst "
                                      "text\n\nlookalike\tnone\thyperbole\tadult\tsecond\n",
                                      "en_x.tsv",
                                      Language::English);
    ASSERT_TRUE(rows.has_value());
    ASSERT_EQ(rows->size(), 2U);
    EXPECT_EQ((*rows)[0].label, RiskLabel::Crisis);
    EXPECT_EQ((*rows)[0].kind, RiskKind::Suicide);
    EXPECT_EQ((*rows)[1].concept_name, "hyperbole");
    EXPECT_EQ((*rows)[1].split, risk_split("second"));
    EXPECT_EQ((*rows)[1].source, "en_x.tsv:4");
    const auto four_fields =
        parse_risk_rows("crisis\tsuicide\tdirect\ttext\n", "x", Language::English);
    ASSERT_FALSE(four_fields.has_value());
    EXPECT_NE(four_fields.error().message.find("x line 1"), std::string::npos);
    EXPECT_FALSE(parse_risk_rows("alarm\tsuicide\ta\tb\tc\n", "x", Language::English).has_value());
    EXPECT_FALSE(parse_risk_rows("crisis\tsadness\ta\tb\tc\n", "x", Language::English).has_value());
}

// ---------------------------------------------------------------------------------------------
// Normalisation

TEST(RiskText, PutsEnglishSpellingRight) {
    EXPECT_EQ(spaced("I DON'T wanna live"), " i do not want to live ");
    EXPECT_EQ(spaced("i want to diiiie"), " i want to die ");
    EXPECT_EQ(spaced("kms"), " kill myself ");
    EXPECT_EQ(spaced("sucide"), " suicide ");
    EXPECT_EQ(spaced("suicdal"), " suicidal ");
    EXPECT_EQ(spaced("k1ll mysellf"), " kill myself ");
    EXPECT_EQ(spaced("u n a l i v e"), " unalive ");
    EXPECT_EQ(spaced("k*ll myself"), " kill myself ");
    EXPECT_EQ(spaced("my dad's gun"), " my dad s gun ");
    EXPECT_EQ(spaced("it's over"), " it is over ");
    EXPECT_EQ(spaced("I'm dead 💀💀"), " i am dead 💀 💀 ");
}

TEST(RiskText, ComposesJamoAndCutsRuns) {
    EXPECT_EQ(spaced("자ㅅㅏㄹ"), " 자살 ");
    EXPECT_EQ(spaced("주ㄱ고 싶어"), " 죽고 싶어 ");
    EXPECT_EQ(spaced("ㅋㅋㅋㅋㅋ"), " ㅋㅋ ");
    EXPECT_EQ(spaced("싶어어어어"), " 싶어어 ");
    const RiskText text = reader().concepts().normalize("죽고 싶 어");
    EXPECT_EQ(text.compact, "죽고싶어");
    EXPECT_EQ(text.token_count, 3);
}

TEST(RiskText, OneEditApart) {
    EXPECT_TRUE(within_one_edit("suicide", "sucide"));
    EXPECT_TRUE(within_one_edit("myself", "myslef"));
    EXPECT_TRUE(within_one_edit("overdose", "overdoze"));
    EXPECT_FALSE(within_one_edit("suicide", "decide"));
}

TEST(RiskText, KoreanSpacingVariantsMeetTheSamePattern) {
    for (const char* text :
         {"죽고 싶어", "죽고싶어", "죽 고 싶 어", "죽고  싶어요", "죽구싶다", "주꼬싶어"}) {
        EXPECT_EQ(level_of(text), RiskLevel::Crisis) << text;
    }
}

// ---------------------------------------------------------------------------------------------
// Every concept fires, in English and in Korean

struct ConceptExample {
    const char* concept_name;
    const char* english;
    const char* korean; // "" where the concept has no Korean patterns
};

const ConceptExample concept_examples[] = {
    {"self+death", "I keep thinking I should kill myself", "나 요즘 자꾸 죽고 싶어"},
    {"passive_wish",
     "I wish I could fall asleep and never wake up",
     "그냥 내일 아침에 눈 안 떴으면 좋겠어"},
    {"burden", "Everybody would be better off without me around", "나 없으면 다들 편할 거야"},
    {"note", "I finished writing my suicide note", "유서 써 놨어"},
    {"method_question",
     "what is a lethal dose of my sleeping pills",
     "수면제 몇 알 먹으면 안 깨어나?"},
    {"self+harm", "I cut myself again last night", "어젯밤에 또 자해했어"},
    {"harm_others", "I'm going to stab my stepdad when he gets home", "그 자식 칼로 찔러버릴 거야"},
    {"abuse", "my stepdad beats me when he drinks", "가정폭력 당하고 있어요"},
    {"farewell", "thank you for everything, you were the best", "그동안 정말 고마웠어"},
    {"giving_away", "you can have my guitar, I won't need it anymore", "신변 정리 다 했어"},
    {"finality", "I won't be around much longer", "이제 영원히 안녕"},
    {"hopeless", "nothing will ever get better for me", "아무리 노력해도 희망이 없어"},
    {"distress", "I can't stop crying lately", "요즘 너무 우울해서 밥도 못 먹어"},
    {"threat", "I could strangle my roommate", "동생 진짜 패버리고 싶다"},
    {"abuse_hint", "I'm scared of my stepdad", "남편이 술만 마시면 무서워"},
    {"means:medication", "I swallowed all my pills", "수면제를 다 모아놨어"},
    {"means:height", "thinking about jumping off the parking garage", "학교 옥상에서 뛰어내릴까"},
    {"means:water", "I want to walk into the sea and not come back", "한강에 뛰어들고 싶어"},
    {"means:ligature", "I bought a rope and tied a noose", "밧줄 사놨어"},
    {"means:gas", "I'm thinking of burning charcoal in my room", "번개탄 사 왔어"},
    {"means:blade", "I keep thinking about slitting my wrists", "커터칼로 손목을 그었어"},
    {"means:firearm", "I could put a gun to my head", "권총으로 머리를 쏘고 싶어"},
    {"means:train", "I might step in front of a train", "지하철에 뛰어들고 싶어"},
    {"means:object", "the pills are in my drawer", "마포대교 근처야"},
    {"absence", "if I was gone, would anyone care", "나 없어지면 엄마가 편할 거야"},
    {"relief", "they would all be happier", "나 없어지면 엄마가 편할 거야"},
    {"abuser", "my uncle keeps touching me", "새아빠가 자꾸 때려"},
    {"abuse_act", "my uncle keeps touching me", "새아빠가 자꾸 때려"},
    {"wish", "I want to die", "죽고 싶어"},
    {"death", "I want to die", "죽고 싶어"},
    {"plan", "I have a plan", "날짜 정했어"},
    {"act", "I'm doing it tonight", "오늘 밤 12시에 할 거야"},
    {"time", "I'm doing it tonight", "오늘 밤 12시에 할 거야"},
    {"method", "how many would it take", "무슨 방법이 있을까"},
    {"intent", "I'm going to", "내일 할 거야"},
    {"idiom:hyperbole", "I'm dying of boredom in this meeting", "배고파 죽겠다"},
    {"idiom:object", "my phone died again", "폰 배터리 죽었어"},
    {"idiom:other_death", "my grandma passed away last spring", "할머니가 작년에 돌아가셨어"},
    {"idiom:everyday", "took an advil for my headache", "한강 공원에서 치맥 했어"},
    {"negation", "I'm not suicidal, just exhausted", "죽고 싶다는 건 아니고 그냥 지쳤어"},
    {"negation:back", "I could die, not literally", "죽겠다는 뜻이 아니라 힘들다는 거야"},
    {"joke", "that was hilarious lol", "ㅋㅋㅋ 웃기다"},
    {"affirm", "yeah kind of", "응 솔직히 좀"},
    {"deny", "no not really", "아니 그런 건 아니야"},
    {"serious", "I'm not joking", "진심이야"},
};

TEST(RiskConcepts, EveryConceptFiresInBothLanguages) {
    std::vector<std::string> covered;
    for (const auto& example : concept_examples) {
        const auto c = concept_from_name(example.concept_name);
        ASSERT_TRUE(c.has_value()) << example.concept_name;
        covered.emplace_back(example.concept_name);
        EXPECT_TRUE(concepts_of(example.english).present.test(static_cast<std::size_t>(*c)))
            << example.concept_name << ": " << example.english;
        if (*example.korean != '\0') {
            EXPECT_TRUE(concepts_of(example.korean).present.test(static_cast<std::size_t>(*c)))
                << example.concept_name << ": " << example.korean;
        }
    }
    // Every concept but the English-only person atoms has an example above.
    for (std::size_t k = 0; k < concept_count; ++k) {
        const std::string name = concept_name(static_cast<Concept>(k));
        if (name == "self" || name == "other") {
            continue;
        }
        EXPECT_NE(std::find(covered.begin(), covered.end(), name), covered.end()) << name;
    }
    EXPECT_TRUE(concepts_of("I want to die").present.test(static_cast<std::size_t>(Concept::Self)));
    EXPECT_TRUE(concepts_of("he wants to").present.test(static_cast<std::size_t>(Concept::Other)));
}

TEST(RiskConcepts, TheTwoMessagesSamanthaMissedReadAsCrisis) {
    const RiskReading pills =
        assess_risk("I'm going to swallow everything in the medicine cabinet.", {}, reader());
    EXPECT_EQ(pills.level, RiskLevel::Crisis);
    EXPECT_EQ(pills.kind, RiskKind::Suicide);
    EXPECT_NE(std::find(pills.signals.begin(), pills.signals.end(), "means:medication"),
              pills.signals.end());
    const RiskReading note = assess_risk("유서 쓰는 법 알려줄래요?", {}, reader());
    EXPECT_EQ(note.level, RiskLevel::Crisis);
    EXPECT_EQ(note.kind, RiskKind::Suicide);
}

TEST(RiskConcepts, ComposeIntoLevelsAndKinds) {
    // Explicit concepts alone.
    EXPECT_EQ(concepts_of("I've been thinking about ending my life").level, RiskLevel::Crisis);
    EXPECT_EQ(concepts_of("I wish I had never been born").level, RiskLevel::Crisis);
    EXPECT_EQ(concepts_of("I cut myself again").kind, RiskKind::SelfHarm);
    EXPECT_EQ(concepts_of("I'm going to shoot up the school").kind, RiskKind::HarmToOthers);
    EXPECT_EQ(concepts_of("엄마 남친한테 성추행 당했어").kind, RiskKind::Abuse);
    // Means with an intent; a farewell with finality.
    EXPECT_EQ(concepts_of("I'm going to jump off the bridge").level, RiskLevel::Crisis);
    EXPECT_EQ(concepts_of("thank you for everything. I won't be around much longer").level,
              RiskLevel::Crisis);
    // A plan with a time is only a concern for the concepts (people plan weddings); the model
    // decides, and everyday plans are none.
    EXPECT_EQ(concepts_of("I picked a date, it's on friday").level, RiskLevel::Concern);
    EXPECT_EQ(concepts_of("날짜 정했어 이번 주말에").level, RiskLevel::Concern);
    // Hopelessness alone is a concern.
    EXPECT_EQ(concepts_of("nothing will ever get better").level, RiskLevel::Concern);
    EXPECT_EQ(concepts_of("아무리 노력해도 희망이 없어").level, RiskLevel::Concern);
    // The person gone and others relieved is a crisis.
    EXPECT_EQ(concepts_of("if I was gone they would all be happier").level, RiskLevel::Crisis);
    EXPECT_EQ(concepts_of("나만 없으면 엄마가 덜 힘들 텐데").level, RiskLevel::Crisis);
}

// ---------------------------------------------------------------------------------------------
// What must not alarm

TEST(RiskConcepts, IdiomsNegationsAndOthersDeathsDoNotFire) {
    const char* harmless[] = {
        "졸려 죽겠다",
        "귀여워 죽겠어 우리 고양이",
        "배고파 죽겠네 밥 먹자",
        "이 노래 진짜 죽이는데",
        "I'm dying of boredom in this lecture",
        "the suspense is killing me",
        "I'm dead 💀",
        "my phone died on the train",
        "kill the lights when you leave",
        "my grandma passed away last spring and I still miss her",
        "the main character dies at the end of the book",
        "I keep dying on the last level of this game",
        "I'm not suicidal, just tired of exams",
        "죽고 싶다는 건 아니고 그냥 좀 지쳤어",
        "할머니가 작년에 돌아가셨어",
        "게임에서 또 죽었어",
        "폰 배터리 죽었어",
        "took two advil for my headache",
        "we had drinks at a rooftop bar",
        "한강 공원에서 치맥 했어",
        "전복죽 먹었어",
        "화분이 또 말라 죽었어",
        "이번 경기 자살골 실화냐",
        "내일 면접 있어요",
        "what should I cook tonight",
        "I have a job interview on Thursday",
        "we're flying to Jeju tomorrow",
    };
    for (const char* text : harmless) {
        EXPECT_EQ(concepts_of(text).level, RiskLevel::None) << text;
        EXPECT_NE(level_of(text), RiskLevel::Crisis) << text;
    }
    // A goodbye with thanks may earn a gentle check-in, never an alarm.
    for (const char* text : {"thanks for everything today, see you monday",
                             "good night, talk tomorrow",
                             "그동안 고마웠어 다음 학기에 또 보자"}) {
        EXPECT_NE(level_of(text), RiskLevel::Crisis) << text;
    }
}

TEST(RiskConcepts, LoweringNeverHidesAnExplicitWish) {
    // The idiom is hidden; the wish beside it is not.
    EXPECT_EQ(level_of("I'm dying of boredom and honestly I want to die"), RiskLevel::Crisis);
    EXPECT_EQ(level_of("배고파 죽겠다 아니 진짜 죽고 싶어"), RiskLevel::Crisis);
    // A joke marker does not lower explicit concepts.
    EXPECT_EQ(level_of("I want to kill myself lol"), RiskLevel::Crisis);
    EXPECT_EQ(level_of("자살하고 싶다 ㅋㅋ"), RiskLevel::Crisis);
}

// ---------------------------------------------------------------------------------------------
// Context

TEST(RiskContext, ARunOfConcernsRaisesAConcernToACrisis) {
    const RiskReading concern{.level = RiskLevel::Concern, .kind = RiskKind::Suicide};
    EXPECT_EQ(level_of("I can't do this anymore"), RiskLevel::Concern);
    EXPECT_EQ(level_of("I can't do this anymore", {.recent = {concern}}), RiskLevel::Concern);
    const RiskReading raised =
        assess_risk("I can't do this anymore", {.recent = {concern, concern}}, reader());
    EXPECT_EQ(raised.level, RiskLevel::Crisis);
    EXPECT_NE(std::find(raised.signals.begin(), raised.signals.end(), "context:hopeless_run"),
              raised.signals.end());
    // A harmless message stays harmless after worried ones.
    EXPECT_EQ(level_of("what should I cook tonight", {.recent = {concern, concern}}),
              RiskLevel::None);
}

TEST(RiskContext, AJokeAfterAnIdiomLowersItsConcern) {
    EXPECT_EQ(concepts_of("I'm going to kill my brother, he ate my fries").level,
              RiskLevel::Concern);
    EXPECT_EQ(level_of("I'm going to kill my brother, he ate my fries, I'm dead lol"),
              RiskLevel::None);
}

TEST(RiskContext, AYesToACheckInIsACrisisOfTheKindAskedAbout) {
    const RiskReading self_harm{.level = RiskLevel::Concern, .kind = RiskKind::SelfHarm};
    const RiskContext asked{.recent = {self_harm}, .asked_check_in = true};
    for (const char* yes : {"yes",
                            "yeah",
                            "kind of",
                            "maybe",
                            "sometimes",
                            "응",
                            "네",
                            "그런 것 같아",
                            "어 맞아",
                            "솔직히 좀"}) {
        const RiskReading reading = assess_risk(yes, asked, reader());
        EXPECT_EQ(reading.level, RiskLevel::Crisis) << yes;
        EXPECT_EQ(reading.kind, RiskKind::SelfHarm) << yes;
    }
    for (const char* no : {"no", "no, I'm okay", "not really", "아니", "아니요 괜찮아요"}) {
        EXPECT_NE(level_of(no, asked), RiskLevel::Crisis) << no;
    }
    // Without the check-in, "yes" is nothing.
    EXPECT_EQ(level_of("yes"), RiskLevel::None);
    // A yes with no earlier kind is about suicide, the question Samantha asks.
    EXPECT_EQ(assess_risk("yeah", {.asked_check_in = true}, reader()).kind, RiskKind::Suicide);
}

// ---------------------------------------------------------------------------------------------
// The model

TEST(RiskModel, TheCommittedModelLoadsAndScoresInTheRightDirection) {
    ASSERT_NE(reader().model(), nullptr) << "src/nlu/models/risk.bin is not embedded";
    const auto score = [](std::string_view text) { return reader().read_model(text).model_score; };
    EXPECT_GT(score("i want to die, i can't take it anymore"),
              score("what a lovely day at the beach"));
    EXPECT_GT(score("나 진짜 죽고 싶어 이제 못 버티겠어"), score("오늘 점심 뭐 먹지"));
    EXPECT_GT(score("I have the pills in my hand"), score("I have the tickets in my hand"));
    EXPECT_LT(score("see you tomorrow at the office"), 0.2F);
    const RiskThresholds& t = reader().model()->thresholds();
    EXPECT_GT(t.crisis, 0.0F);
    EXPECT_LE(t.crisis, t.lowered_crisis);
}

TEST(RiskModel, CorruptBytesAreAnErrorNotACrash) {
    const std::string_view bytes = RiskReader::builtin_model_bytes();
    ASSERT_FALSE(bytes.empty());
    EXPECT_FALSE(RiskModel::load("", "empty").has_value());
    EXPECT_FALSE(RiskModel::load(bytes.substr(0, 30), "cut").has_value());
    std::string flipped(bytes);
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x5A);
    const auto bad = RiskModel::load(flipped, "flipped");
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().message.find("flipped"), std::string::npos);
    EXPECT_FALSE(RiskModel::load(std::string(bytes) + "x", "long").has_value());
}

TEST(RiskReader, IsBuiltOnceAndSharedAndRejectsBadConceptFiles) {
    EXPECT_EQ(RiskReader::builtin().get(), RiskReader::builtin().get());
    const auto bad = RiskReader::open({{"bad.txt", "[no-such-concept]\nhello\n"}}, {}, "");
    ASSERT_FALSE(bad.has_value());
    EXPECT_NE(bad.error().message.find("bad.txt line 1"), std::string::npos);
    const auto unbalanced = RiskReader::open({{"u.txt", "[death]\n{die|dead\n"}}, {}, "");
    EXPECT_FALSE(unbalanced.has_value());
    const auto small = RiskReader::open({{"s.txt", "[self+death]\nfeel like vanishing\n"}}, {}, "");
    ASSERT_TRUE(small.has_value());
    EXPECT_EQ((*small)->read_concepts("I feel like vanishing").level, RiskLevel::Crisis);
    EXPECT_EQ((*small)->read_model("I feel like vanishing").level, RiskLevel::None); // no model
}

// ---------------------------------------------------------------------------------------------
// A floor on the dev split, so that a regression fails here. The targets are stated on the test
// split in docs/care.md ("The risk reading"); these floors sit a little under what the committed
// concepts and model reach on dev, which is itself under the crisis-recall target.

struct Floor {
    double crisis_recall;
    double flagged; // concern or crisis on crisis messages
    double max_false_alarms;
};

TEST(RiskDev, ConceptsAndModelStayAboveTheirFloor) {
    auto rows = load_risk_rows(SAMANTHA_RISK_DATA_DIR, {RiskSplit::Dev});
    ASSERT_TRUE(rows.has_value()) << rows.error().message;
    const std::map<Language, Floor> floors = {
        {Language::English, {.crisis_recall = 0.70, .flagged = 0.80, .max_false_alarms = 0.035}},
        {Language::Korean, {.crisis_recall = 0.75, .flagged = 0.84, .max_false_alarms = 0.035}},
    };
    for (const auto& [language, floor] : floors) {
        int crisis = 0;
        int hit = 0;
        int flagged = 0;
        int lookalike = 0;
        int alarms = 0;
        for (const auto& row : *rows) {
            if (row.language != language) {
                continue;
            }
            const RiskLevel level = level_of(row.text);
            if (row.label == RiskLabel::Crisis) {
                ++crisis;
                hit += level == RiskLevel::Crisis;
                flagged += level != RiskLevel::None;
            } else if (row.label == RiskLabel::Lookalike) {
                ++lookalike;
                alarms += level == RiskLevel::Crisis;
            }
        }
        ASSERT_GT(crisis, 50) << language_code(language);
        ASSERT_GT(lookalike, 50) << language_code(language);
        EXPECT_GE(1.0 * hit / crisis, floor.crisis_recall) << language_code(language);
        EXPECT_GE(1.0 * flagged / crisis, floor.flagged) << language_code(language);
        EXPECT_LE(1.0 * alarms / lookalike, floor.max_false_alarms) << language_code(language);
    }
}

} // namespace
} // namespace samantha::nlu
