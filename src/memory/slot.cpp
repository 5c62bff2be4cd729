#include "memory/slot.h"

#include <utility>

namespace samantha::memory {
namespace {

constexpr std::string_view person_prefix = "person:";
constexpr std::string_view preference_prefix = "pref:";
constexpr std::string_view favorite_prefix = "favorite:";
constexpr std::string_view habit_prefix = "habit:";

} // namespace

Slot parse_slot(std::string_view slot) {
    if (slot.starts_with(person_prefix)) {
        slot.remove_prefix(person_prefix.size());
        const auto colon = slot.find(':');
        return Slot{.kind = SlotKind::Person,
                    .relation = std::string(slot.substr(0, colon)),
                    .object = colon == std::string_view::npos
                                  ? std::string()
                                  : std::string(slot.substr(colon + 1))};
    }
    for (const auto& [prefix, kind] : {std::pair{preference_prefix, SlotKind::Preference},
                                       std::pair{favorite_prefix, SlotKind::Favorite},
                                       std::pair{habit_prefix, SlotKind::Habit}}) {
        if (slot.starts_with(prefix)) {
            return Slot{.kind = kind, .object = std::string(slot.substr(prefix.size()))};
        }
    }
    return Slot{.kind = SlotKind::Plain, .object = std::string(slot)};
}

std::string format_slot(const Slot& slot) {
    switch (slot.kind) {
    case SlotKind::Person:
        return std::string(person_prefix) + slot.relation +
               (slot.object.empty() ? "" : ":" + slot.object);
    case SlotKind::Preference:
        return std::string(preference_prefix) + slot.object;
    case SlotKind::Favorite:
        return std::string(favorite_prefix) + slot.object;
    case SlotKind::Habit:
        return std::string(habit_prefix) + slot.object;
    case SlotKind::Plain:
        break;
    }
    return slot.object;
}

bool is_work_slot(const Slot& slot) {
    return slot.kind == SlotKind::Plain &&
           (slot.object == "job" || slot.object == "workplace" || slot.object == "work_city" ||
            slot.object == "school" || slot.object == "major");
}

} // namespace samantha::memory
