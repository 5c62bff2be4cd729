#include "nlu/event.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <vector>

#include "core/hangul.h"
#include "core/text.h"
#include "core/utf8.h"
#include "nlu/event_embedded.h"

namespace samantha::nlu {

const char* event_time_name(EventTime time) {
    switch (time) {
    case EventTime::Past:
        return "past";
    case EventTime::Plan:
        return "plan";
    case EventTime::Now:
        break;
    }
    return "now";
}

const char* appraisal_name(Appraisal appraisal) {
    switch (appraisal) {
    case Appraisal::Good:
        return "good";
    case Appraisal::Bad:
        return "bad";
    case Appraisal::Neutral:
        break;
    }
    return "neutral";
}

namespace {

// One cue of the lexicon: its words (English) or its text (Korean), and for a relation whether
// it is an animal.
struct Cue {
    std::vector<std::string> words;
    std::string text;
    bool pet = false;
};

struct Lexicon {
    std::map<std::string, std::vector<Cue>, std::less<>> sections;

    const std::vector<Cue>& get(std::string_view name) const {
        static const std::vector<Cue> none;
        const auto it = sections.find(name);
        return it == sections.end() ? none : it->second;
    }
};

// The lexicon is built in and tested (event_test), so a malformed line is a build bug: it is
// read as written.
const Lexicon& lexicon() {
    static const Lexicon parsed = [] {
        Lexicon lex;
        std::vector<Cue>* current = nullptr;
        for (const auto raw : core::split_lines(event_lexicon_file::lexicon())) {
            const auto line = core::trim(raw);
            if (line.empty() || line.front() == '#') {
                continue;
            }
            if (line.front() == '[' && line.back() == ']') {
                current = &lex.sections[std::string(line.substr(1, line.size() - 2))];
                continue;
            }
            if (current == nullptr) {
                continue;
            }
            Cue cue;
            std::string_view entry = line;
            if (entry.ends_with(" pet")) {
                cue.pet = true;
                entry.remove_suffix(4);
            }
            cue.text = std::string(entry);
            cue.words = core::split_words(entry);
            current->push_back(std::move(cue));
        }
        return lex;
    }();
    return parsed;
}

// ---- English -----------------------------------------------------------------------------------

// The message's words, lower-cased, with the punctuation around them removed; `original` keeps
// each word as written (for names).
struct Words {
    std::vector<std::string> lower;
    std::vector<std::string> original;
    std::vector<bool> sentence_start;
};

Words english_words(std::string_view text) {
    Words w;
    bool start = true;
    for (const auto& raw : core::split_words(text)) {
        std::string word;
        for (const char c : raw) {
            if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '\'' ||
                (static_cast<unsigned char>(c) >= 0x80)) {
                word += c;
            }
        }
        const bool ends = !raw.empty() && (raw.back() == '.' || raw.back() == '!' ||
                                           raw.back() == '?' || raw.back() == ',');
        if (!word.empty()) {
            w.original.push_back(word);
            w.lower.push_back(core::to_lower(word));
            w.sentence_start.push_back(start);
            start = false;
        }
        if (ends && raw.back() != ',') {
            start = true;
        }
    }
    return w;
}

// Where `cue` starts in `words` (each cue word a prefix of the message word), from `from`.
std::optional<std::size_t> find_cue(const Words& words, const Cue& cue, std::size_t from = 0) {
    if (cue.words.empty()) {
        return std::nullopt;
    }
    for (std::size_t i = from; i + cue.words.size() <= words.lower.size(); ++i) {
        bool all = true;
        for (std::size_t k = 0; k < cue.words.size() && all; ++k) {
            const auto& w = words.lower[i + k];
            const auto& c = cue.words[k];
            // A one-word cue of three letters or fewer matches the whole word only ("ill" is not
            // "illustration").
            all = c.size() <= 3 || k + 1 < cue.words.size() ? w == c : w.starts_with(c);
        }
        if (all) {
            return i;
        }
    }
    return std::nullopt;
}

bool is_negator(std::string_view word) {
    return word == "not" || word == "never" || word == "no" || word.ends_with("n't") ||
           word == "didnt" || word == "dont" || word == "cant" || word == "wasnt";
}

bool in_section(const Lexicon& lex, std::string_view section, std::string_view word) {
    const auto& list = lex.get(section);
    return std::any_of(list.begin(), list.end(), [&](const Cue& c) {
        return c.words.size() == 1 && c.words.front() == word;
    });
}

// Good minus bad event cues, each turned over by a negation up to three words before it.
int english_appraisal(const Words& words, const Lexicon& lex) {
    int score = 0;
    const auto count = [&](std::string_view section, int sign) {
        for (const Cue& cue : lex.get(section)) {
            for (auto at = find_cue(words, cue); at; at = find_cue(words, cue, *at + 1)) {
                bool negated = false;
                for (std::size_t back = 1; back <= 3 && back <= *at; ++back) {
                    negated = negated || is_negator(words.lower[*at - back]);
                }
                score += negated ? -sign : sign;
            }
        }
    };
    count("good en", 1);
    count("bad en", -1);
    return score;
}

std::string flip_possessive(std::string_view word) {
    if (word == "my") {
        return "your";
    }
    if (word == "our") {
        return "your";
    }
    return std::string(word);
}

void read_english(std::string_view text, EventReading& r) {
    const Lexicon& lex = lexicon();
    const Words words = english_words(text);
    std::vector<bool> used(words.lower.size(), false);
    // The words without a possessive 's ("my dad's eulogy" names the dad).
    Words bare = words;
    for (auto& w : bare.lower) {
        if (w.ends_with("'s")) {
            w.resize(w.size() - 2);
        }
    }
    // Who: "my <relation> [Name]", or a capitalised name after "with".
    for (std::size_t i = 0; i < words.lower.size() && r.who.empty(); ++i) {
        const auto& w = words.lower[i];
        if (w != "my" && w != "our") {
            continue;
        }
        for (const Cue& cue : lex.get("relation en")) {
            if (find_cue(words, cue, i + 1) != i + 1 && find_cue(bare, cue, i + 1) != i + 1) {
                continue;
            }
            const std::size_t end = i + 1 + cue.words.size();
            r.relation = cue.text;
            r.pet = cue.pet;
            r.loved_one = true;
            std::string phrase = "your";
            for (std::size_t k = i + 1; k < end; ++k) {
                phrase += " " + bare.lower[k];
                used[k] = true;
            }
            used[i] = true;
            r.who = phrase;
            std::size_t name_at = end;
            if (name_at < words.lower.size() &&
                (words.lower[name_at] == "named" || words.lower[name_at] == "called")) {
                ++name_at;
            }
            if (name_at < words.original.size() &&
                std::isupper(static_cast<unsigned char>(words.original[name_at].front())) != 0 &&
                words.lower[name_at] != "i") {
                r.who = words.original[name_at];
                used[name_at] = true;
            }
            break;
        }
    }
    // A bare family word ("Mom fell", "Grandma passed away", "Dad's knee").
    for (std::size_t i = 0; i < words.lower.size() && r.who.empty(); ++i) {
        std::string w = words.lower[i];
        if (w.ends_with("'s")) {
            w.resize(w.size() - 2);
        }
        for (const Cue& cue : lex.get("relation en")) {
            if (cue.words.size() == 1 && cue.words.front() == w && !cue.pet &&
                (i == 0 || words.sentence_start[i] ||
                 std::isupper(static_cast<unsigned char>(words.original[i].front())) != 0)) {
                r.who = "your " + w;
                r.relation = cue.text;
                r.loved_one = true;
                used[i] = true;
                break;
            }
        }
    }
    for (std::size_t i = 0; i + 1 < words.lower.size() && r.who.empty(); ++i) {
        const auto& name = words.original[i + 1];
        if (words.lower[i] == "with" &&
            std::isupper(static_cast<unsigned char>(name.front())) != 0 &&
            words.lower[i + 1] != "i") {
            r.who = name;
            used[i + 1] = true;
        }
    }
    // A place: capitalised words after at/in/to/from that are not a sentence's first word.
    for (std::size_t i = 0; i + 1 < words.lower.size() && r.place.empty(); ++i) {
        const auto& w = words.lower[i];
        if (w != "at" && w != "in" && w != "to" && w != "from" && w != "visit" && w != "visiting") {
            continue;
        }
        std::string place;
        for (std::size_t k = i + 1; k < words.original.size() && k <= i + 3; ++k) {
            const auto& o = words.original[k];
            if (std::isupper(static_cast<unsigned char>(o.front())) == 0 || words.lower[k] == "i" ||
                used[k]) {
                break;
            }
            place += (place.empty() ? "" : " ") + o;
            used[k] = true;
        }
        r.place = place;
    }
    // The topic: a run of content words, up to three, with its determiner: the first one after
    // a determiner ("the bar exam", "my driving test" → "your driving test") when there is one,
    // else the first that does not start with a verb form (-ing, -ed, -ly) or an event cue.
    const auto is_determiner = [](std::string_view d) {
        return d == "the" || d == "a" || d == "an" || d == "my" || d == "our";
    };
    const auto can_start = [&](std::size_t i, bool after_determiner) {
        const auto& w = words.lower[i];
        if (used[i] || in_section(lex, "skip en", w) || w.size() < 3 ||
            std::isdigit(static_cast<unsigned char>(w.front())) != 0) {
            return false;
        }
        if (after_determiner) {
            return i > 0 && !used[i - 1] && is_determiner(words.lower[i - 1]);
        }
        // An activity after a form of "go" is the topic ("went hiking", "going camping").
        const bool activity = w.ends_with("ing") && i > 0 &&
                              (words.lower[i - 1] == "went" || words.lower[i - 1] == "go" ||
                               words.lower[i - 1] == "going" || words.lower[i - 1] == "goes" ||
                               words.lower[i - 1] == "gone");
        return activity ||
               (!(w.size() > 4 && (w.ends_with("ing") || w.ends_with("ed") || w.ends_with("ly"))) &&
                !in_section(lex, "verb en", w));
    };
    std::size_t start = words.lower.size();
    for (const bool after_determiner : {true, false}) {
        for (std::size_t i = 0; i < words.lower.size() && start == words.lower.size(); ++i) {
            if (can_start(i, after_determiner)) {
                start = i;
            }
        }
    }
    if (start < words.lower.size()) {
        const std::size_t i = start;
        std::string topic;
        if (i > 0 && !used[i - 1] && is_determiner(words.lower[i - 1])) {
            topic = flip_possessive(words.lower[i - 1]) + " ";
        }
        std::size_t k = i;
        int taken = 0;
        while (
            k < words.lower.size() && taken < 3 && !used[k] &&
            (k == i || (!in_section(lex, "skip en", words.lower[k]) &&
                        std::isdigit(static_cast<unsigned char>(words.lower[k].front())) == 0))) {
            topic += (taken == 0 ? "" : " ") + words.lower[k];
            ++taken;
            ++k;
        }
        r.topic = topic;
    }
    // When.
    const auto any_of = [&](std::string_view section) {
        const auto& list = lex.get(section);
        return std::any_of(
            list.begin(), list.end(), [&](const Cue& c) { return find_cue(words, c).has_value(); });
    };
    // "Tonight" with a past verb is news of this evening ("Mateo took his first steps tonight").
    const auto& future_cues = lex.get("future en");
    const bool strong_future =
        std::any_of(future_cues.begin(), future_cues.end(), [&](const Cue& c) {
            return c.text != "tonight" && find_cue(words, c).has_value();
        });
    const bool past = any_of("past en") ||
                      std::any_of(words.lower.begin(), words.lower.end(), [](const std::string& w) {
                          return w.size() > 4 && w.ends_with("ed");
                      });
    const bool future = strong_future || (any_of("future en") && !past);
    if (future) {
        r.time = EventTime::Plan;
    } else if (past) {
        r.time = EventTime::Past;
    }
    const int score = english_appraisal(words, lex);
    r.appraisal = score > 0 ? Appraisal::Good : score < 0 ? Appraisal::Bad : Appraisal::Neutral;
}

// ---- Korean ------------------------------------------------------------------------------------

// Particles, longest first; a pair whose form depends on the 받침 before it is stripped only in
// the form that fits ("고양이가" → "고양이", but "아이" stays: 이 follows a consonant). 도 and 의
// are left alone (제주도, 회의). The copula's 이라 forms go too ("면접이라서" → "면접").
constexpr std::array<std::string_view, 21> particles = {
    "이라서", "이라니", "이라고", "에서는", "이라", "으로", "이랑", "한테", "에게", "께서", "까지",
    "부터",   "하고",   "에서",   "에",     "로",   "랑",   "만",   "께",   "과",   "와"};
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> paired = {
    {{"이", "가"}, {"은", "는"}, {"을", "를"}}};

std::string_view without_particle(std::string_view word) {
    for (const auto& [after_consonant, after_vowel] : paired) {
        for (const auto p : {after_consonant, after_vowel}) {
            if (word.size() > p.size() && word.ends_with(p)) {
                const auto stem = word.substr(0, word.size() - p.size());
                const bool consonant = core::final_batchim(stem) != core::Batchim::None;
                if (consonant == (p == after_consonant)) {
                    return stem;
                }
            }
        }
    }
    for (const auto p : particles) {
        if (word.size() > p.size() && word.ends_with(p)) {
            return word.substr(0, word.size() - p.size());
        }
    }
    return word;
}

// Whether an eojeol reads as a predicate or a connective, not a noun: a verb or adjective
// ending.
bool is_predicate(std::string_view word) {
    constexpr std::array<std::string_view, 22> endings = {
        "요", "다", "어", "아", "고", "서", "기로", "는데", "니까", "면", "지",
        "네", "죠", "게", "야", "해", "했", "함",   "음",   "ㅠ",   "ㅋ", "ㅎ"};
    return std::any_of(
        endings.begin(), endings.end(), [&](std::string_view e) { return word.ends_with(e); });
}

bool all_hangul(std::string_view word) {
    const auto points = core::decode_utf8(word);
    return !points.empty() && std::all_of(points.begin(), points.end(), [](char32_t c) {
        return core::is_hangul_syllable(c);
    });
}

void read_korean(std::string_view text, EventReading& r) {
    const Lexicon& lex = lexicon();
    std::vector<std::string> words;
    for (const auto& raw : core::split_words(text)) {
        std::string word;
        for (const char c : raw) {
            if (c != '.' && c != ',' && c != '!' && c != '?' && c != '~' && c != '"' && c != '\'') {
                word += c;
            }
        }
        if (!word.empty()) {
            words.push_back(word);
        }
    }
    std::vector<bool> used(words.size(), false);
    for (std::size_t i = 0; i < words.size() && r.who.empty(); ++i) {
        const auto stem = without_particle(words[i]);
        for (const Cue& cue : lex.get("relation ko")) {
            if (stem == cue.text ||
                (words[i].starts_with(cue.text) && stem.size() > cue.text.size() &&
                 stem.substr(cue.text.size()) == "님")) {
                r.who = std::string(stem);
                r.relation = cue.text;
                r.pet = cue.pet;
                r.loved_one = true;
                used[i] = true;
                // A name right after the relation ("강아지 초코가", "친구 민지랑"): a short Hangul
                // word with its particle.
                if (stem == words[i] && i + 1 < words.size()) {
                    const auto name = without_particle(words[i + 1]);
                    const auto syllables = core::decode_utf8(name).size();
                    if (name != words[i + 1] && syllables >= 1 && syllables <= 3 &&
                        all_hangul(name) && !in_section(lex, "skip ko", name)) {
                        r.who = std::string(name);
                        used[i + 1] = true;
                    }
                }
                break;
            }
        }
    }
    const auto skip = [&](std::string_view word) { return in_section(lex, "skip ko", word); };
    // A noun: a Hangul eojeol of two syllables or more, not a predicate, not a skipped word.
    const auto noun = [&](std::size_t i) -> std::string_view {
        if (used[i] || skip(words[i])) {
            return {};
        }
        const auto stem = without_particle(words[i]);
        const bool last = i + 1 == words.size();
        if (stem.size() < 6 || skip(stem) || (stem == words[i] && (last || is_predicate(stem))) ||
            !all_hangul(stem)) {
            return {};
        }
        return stem;
    };
    const auto bare = [&](std::size_t i) {
        return !noun(i).empty() && without_particle(words[i]) == words[i];
    };
    // The object of the message (the noun before 을/를), with a bare noun before it ("신규
    // 프로젝트를" → "신규 프로젝트"); else the noun before the predicate; else the first noun.
    std::optional<std::size_t> chosen;
    for (std::size_t i = 0; i < words.size() && !chosen; ++i) {
        if (!noun(i).empty() && (words[i].ends_with("을") || words[i].ends_with("를"))) {
            chosen = i;
        }
    }
    for (std::size_t i = 0; i + 1 < words.size() && !chosen; ++i) {
        if (bare(i) && noun(i + 1).empty() && is_predicate(words[i + 1])) {
            chosen = i;
        }
    }
    for (std::size_t i = 0; i < words.size() && !chosen; ++i) {
        if (!noun(i).empty()) {
            chosen = i;
        }
    }
    if (chosen) {
        r.topic = std::string(noun(*chosen));
        if (*chosen > 0 && bare(*chosen - 1)) {
            r.topic = std::string(noun(*chosen - 1)) + " " + r.topic;
        }
    }
    const auto any_of = [&](std::string_view section) {
        const auto& list = lex.get(section);
        return std::any_of(
            list.begin(), list.end(), [&](const Cue& c) { return core::contains(text, c.text); });
    };
    if (any_of("future ko")) {
        r.time = EventTime::Plan;
    } else if (any_of("past ko")) {
        r.time = EventTime::Past;
    }
    int score = 0;
    const auto count = [&](std::string_view section, int sign) {
        for (const Cue& cue : lex.get(section)) {
            for (auto at = text.find(cue.text); at != std::string_view::npos;
                 at = text.find(cue.text, at + cue.text.size())) {
                const auto before = text.substr(0, at);
                const bool negated = before.ends_with("못 ") || before.ends_with("안 ") ||
                                     text.substr(at).find("지 못") < 12 ||
                                     text.substr(at).find("지 않") < 12;
                score += negated ? -sign : sign;
            }
        }
    };
    count("good ko", 1);
    count("bad ko", -1);
    r.appraisal = score > 0 ? Appraisal::Good : score < 0 ? Appraisal::Bad : Appraisal::Neutral;
}

} // namespace

EventReading read_event(std::string_view text, Language language, float valence, bool plan_act) {
    EventReading r;
    if (language == Language::Korean) {
        read_korean(text, r);
    } else {
        read_english(text, r);
    }
    if (plan_act) {
        r.time = EventTime::Plan;
    }
    const std::string lowered = core::to_lower(text);
    const auto holds = [&](std::string_view section) {
        const auto& list = lexicon().get(section);
        return std::any_of(list.begin(), list.end(), [&](const Cue& c) {
            return core::contains(lowered, c.text);
        });
    };
    // A riddle told with its answer: a question opening, a '?', and words after it ("what do
    // you call a fake noodle? an impasta", "세상에서 가장 뜨거운 과일은? 천도복숭아").
    const auto mark = lowered.find('?');
    const bool riddle = mark != std::string::npos &&
                        core::trim(lowered.substr(mark + 1)).size() >= 4 && holds("riddle");
    r.laughing = holds("laugh") || riddle;
    // Pronouns: English ones as whole words ("she", not "sheet"), Korean ones as written.
    std::string plain;
    for (const char c : lowered) {
        plain += (c == '.' || c == ',' || c == '!' || c == '?') ? ' ' : c;
    }
    const auto words = core::split_words(plain);
    const auto& pronouns = lexicon().get("pronoun");
    r.refers_back = std::any_of(pronouns.begin(), pronouns.end(), [&](const Cue& c) {
        const bool ascii = static_cast<unsigned char>(c.text.front()) < 0x80;
        return ascii ? std::find(words.begin(), words.end(), c.text) != words.end()
                     : core::contains(lowered, c.text);
    });
    r.thanking = holds("thanks");
    constexpr float clear_valence = 0.35f;
    r.cued = r.appraisal != Appraisal::Neutral;
    if (r.appraisal == Appraisal::Neutral && std::abs(valence) >= clear_valence) {
        r.appraisal = valence > 0.0f ? Appraisal::Good : Appraisal::Bad;
    }
    return r;
}

void carry_over(EventReading& now, const EventReading& before) {
    if (now.thanking || (!now.topic.empty() && !now.refers_back)) {
        return;
    }
    // A pronoun points at the person or animal before, not at the topic before.
    const bool who_only = now.refers_back;
    if (now.who.empty() && !before.who.empty()) {
        now.who = before.who;
        now.relation = before.relation;
        now.pet = before.pet;
        now.loved_one = before.loved_one;
    }
    if (who_only && !now.who.empty()) {
        return;
    }
    if (now.topic.empty()) {
        now.topic = before.topic;
    }
    if (now.place.empty()) {
        now.place = before.place;
    }
}

std::string self_topic(std::string_view text) {
    const std::string lowered = core::to_lower(text);
    const auto holds = [&](const std::string& section) {
        const auto& list = lexicon().get(section);
        return std::any_of(list.begin(), list.end(), [&](const Cue& c) {
            return core::contains(lowered, c.text);
        });
    };
    const bool favorite = holds("favorite");
    for (const std::string_view category :
         {"season", "book", "animal", "food", "time", "color", "song", "movie", "place"}) {
        const std::string name(category);
        // "Where would you go?" asks for a favourite place without the word.
        const bool asked = favorite || (name == "place" && core::contains(lowered, "would you"));
        if (asked && holds("favorite " + name)) {
            return "favorite." + name;
        }
    }
    for (const std::string_view topic : {"dating",
                                         "emotions",
                                         "sincere",
                                         "love",
                                         "lonely",
                                         "away",
                                         "dream",
                                         "nature",
                                         "tired",
                                         "fear",
                                         "body",
                                         "age",
                                         "others",
                                         "laugh",
                                         "believe",
                                         "thoughts",
                                         "feeling",
                                         "likes"}) {
        const auto& list = lexicon().get(std::string("self ") + std::string(topic));
        if (std::any_of(list.begin(), list.end(), [&](const Cue& c) {
                return core::contains(lowered, c.text);
            })) {
            return std::string(topic);
        }
    }
    return "";
}

} // namespace samantha::nlu
