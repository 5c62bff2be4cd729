#include "relationship/relationship_store.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/time.h"

namespace samantha::relationship {

namespace {

using storage::Value;

Stage parse_stage(const std::string& name) {
    for (int i = 0; i <= static_cast<int>(Stage::Circumscribing); ++i) {
        if (name == stage_name(static_cast<Stage>(i))) {
            return static_cast<Stage>(i);
        }
    }
    return Stage::Initiating;
}

std::string encode(const Disclosure& d) {
    std::string out;
    for (std::size_t i = 0; i < topic_count; ++i) {
        out += fmt::format("{}{}", i == 0 ? "" : ",", d.person.at(i));
    }
    out += '|';
    for (std::size_t i = 0; i < topic_count; ++i) {
        out += fmt::format("{}{}", i == 0 ? "" : ",", d.companion.at(i));
    }
    return out;
}

Disclosure decode(std::string_view text) {
    Disclosure d;
    std::size_t index = 0;
    int value = 0;
    bool digits = false;
    const auto flush = [&] {
        if (digits && index < 2 * topic_count) {
            auto& side = index < topic_count ? d.person : d.companion;
            side.at(index % topic_count) = std::clamp(value, 0, 4);
        }
        ++index;
        value = 0;
        digits = false;
    };
    for (const char c : text) {
        if (c >= '0' && c <= '9') {
            value = value * 10 + (c - '0');
            digits = true;
        } else if (c == ',' || c == '|') {
            flush();
        }
    }
    flush();
    return d;
}

Value optional_date(const std::optional<CivilDate>& date) {
    Value value; // if/else rather than ?: keeps GCC 12 from a false maybe-uninitialized
    if (date) {
        value = core::format_date(*date);
    }
    return value;
}

Value optional_time(const std::optional<std::chrono::sys_seconds>& t) {
    Value value;
    if (t) {
        value = std::int64_t{t->time_since_epoch().count()};
    }
    return value;
}

std::optional<CivilDate> read_date(const storage::Row& row, std::size_t column) {
    if (row.is_null(column)) {
        return std::nullopt;
    }
    auto date = core::parse_date(row.text(column));
    return date ? std::optional<CivilDate>(*date) : std::nullopt;
}

std::optional<std::chrono::sys_seconds> read_time(const storage::Row& row, std::size_t column) {
    if (row.is_null(column)) {
        return std::nullopt;
    }
    return std::chrono::sys_seconds{std::chrono::seconds{row.integer(column)}};
}

constexpr std::string_view columns = "stage, ladder, closeness, trust, familiarity, disclosure, "
                                     "days_together, last_day, minutes, turns, "
                                     "last_turn_at, role, rupture, apologised, repair, "
                                     "last_repair_day, ruptures, repairs, details_remembered, "
                                     "follow_ups_kept, gain_day, closeness_gained_today, "
                                     "trust_gained_today, speech_level, casual_proposal_pending, "
                                     "casual_proposed_at, casual_refused_at";

} // namespace

Result<Relationship> RelationshipStore::load(std::int64_t person_id, Role role) {
    auto rows = m_db.query(
        fmt::format("SELECT {} FROM relationship_state WHERE person_id = ?", columns), {person_id});
    if (!rows) {
        return rows.error();
    }
    Relationship r;
    r.role = role;
    if (rows->empty()) {
        return r;
    }
    const auto& row = rows->front();
    r.stage = parse_stage(row.text(0));
    r.ladder = parse_stage(row.text(1));
    r.closeness = static_cast<float>(row.real(2));
    r.trust = static_cast<float>(row.real(3));
    r.familiarity = static_cast<float>(row.real(4));
    r.disclosure = decode(row.text(5));
    r.days_together = static_cast<int>(row.integer(6));
    r.last_day = read_date(row, 7);
    r.minutes = row.real(8);
    r.turns = row.integer(9);
    r.last_turn_at = read_time(row, 10);
    parse_role(row.text(11), r.role);
    r.rupture = row.integer(12) != 0;
    r.apologised = row.integer(13) != 0;
    r.repair = static_cast<float>(row.real(14));
    r.last_repair_day = read_date(row, 15);
    r.ruptures = static_cast<int>(row.integer(16));
    r.repairs = static_cast<int>(row.integer(17));
    r.details_remembered = static_cast<int>(row.integer(18));
    r.follow_ups_kept = static_cast<int>(row.integer(19));
    r.gain_day = read_date(row, 20);
    r.closeness_gained_today = static_cast<float>(row.real(21));
    r.trust_gained_today = static_cast<float>(row.real(22));
    r.speech_level = row.text(23) == "casual" ? SpeechLevel::Casual : SpeechLevel::Polite;
    r.casual_proposal_pending = row.integer(24) != 0;
    r.casual_proposed_at = read_time(row, 25);
    r.casual_refused_at = read_time(row, 26);
    return r;
}

Result<void> RelationshipStore::save(std::int64_t person_id, const Relationship& r) {
    auto deleted = m_db.query("DELETE FROM relationship_state WHERE person_id = ?", {person_id});
    if (!deleted) {
        return deleted.error();
    }
    auto done = m_db.query(fmt::format("INSERT INTO relationship_state (person_id, {}) VALUES (?, "
                                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                       "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                       columns),
                           {person_id,
                            std::string(stage_name(r.stage)),
                            std::string(stage_name(r.ladder)),
                            static_cast<double>(r.closeness),
                            static_cast<double>(r.trust),
                            static_cast<double>(r.familiarity),
                            encode(r.disclosure),
                            std::int64_t{r.days_together},
                            optional_date(r.last_day),
                            r.minutes,
                            r.turns,
                            optional_time(r.last_turn_at),
                            std::string(role_name(r.role)),
                            std::int64_t{r.rupture ? 1 : 0},
                            std::int64_t{r.apologised ? 1 : 0},
                            static_cast<double>(r.repair),
                            optional_date(r.last_repair_day),
                            std::int64_t{r.ruptures},
                            std::int64_t{r.repairs},
                            std::int64_t{r.details_remembered},
                            std::int64_t{r.follow_ups_kept},
                            optional_date(r.gain_day),
                            static_cast<double>(r.closeness_gained_today),
                            static_cast<double>(r.trust_gained_today),
                            std::string(speech_level_name(r.speech_level)),
                            std::int64_t{r.casual_proposal_pending ? 1 : 0},
                            optional_time(r.casual_proposed_at),
                            optional_time(r.casual_refused_at)});
    if (!done) {
        return done.error();
    }
    return {};
}

} // namespace samantha::relationship
