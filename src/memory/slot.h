#pragma once

#include <string>
#include <string_view>

// The grammar of a fact's slot, owned here so that no other module re-parses it (docs/memory.md,
// "Facts"): name, age, birthday, city, hometown, workplace, work_city, job, school, major
// (plain slots), person:<relation>[:<name>], pref:<object>, favorite:<category>, habit:<what>.
namespace samantha::memory {

// What kind of fact a slot holds.
enum class SlotKind {
    Plain,      // one value per slot: "city", "job", …; `object` holds the slot's name
    Person,     // a person or animal in the person's life: `relation`, and `object` the name key
    Preference, // a like or dislike of `object` (the fact's value is "like" or "dislike")
    Favorite,   // a favourite of the category `object`
    Habit,      // a habit, `object` naming it
};

// A parsed slot. `format_slot(parse_slot(s)) == s` for every well-formed slot.
struct Slot {
    SlotKind kind = SlotKind::Plain;
    std::string relation; // Person: "sister", "dog"; empty otherwise
    std::string object;   // Plain: the slot's name; Person: the name key or ""; others: the object
};

// Parses a stored slot. Anything that is not one of the prefixed forms is Plain.
[[nodiscard]] Slot parse_slot(std::string_view slot);

// The stored form of `slot`.
[[nodiscard]] std::string format_slot(const Slot& slot);

// Whether a plain slot tells of work or study (job, workplace, work_city, school, major).
[[nodiscard]] bool is_work_slot(const Slot& slot);

} // namespace samantha::memory
