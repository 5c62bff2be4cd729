#include "dialogue/commit.h"

#include "affect/affect_store.h"
#include "relationship/relationship_store.h"

namespace samantha::dialogue {

Result<Committed> commit_turn(storage::Database& db, const TurnWrite& write) {
    const auto now = write.record.at.utc;
    TurnStore turns(db);
    memory::MemoryStore memories(db);
    auto tx = storage::Transaction::begin(db);
    if (!tx) {
        return tx.error();
    }
    Committed done;
    auto open = turns.conversation_for(write.person_id, write.conversation_id, now);
    if (!open) {
        return open.error();
    }
    done.conversation_id = *open;
    TurnRecord record = write.record;
    record.conversation_id = done.conversation_id;
    auto turn_id = turns.add_turn(record);
    if (!turn_id) {
        return turn_id.error();
    }
    done.turn_id = *turn_id;
    if (!write.forget_ids.empty()) {
        auto erased = memories.forget(write.person_id, write.forget_ids);
        if (!erased) {
            return erased.error();
        }
        done.forgotten = std::move(*erased);
    }
    for (memory::NewMemory memory : write.memories) {
        memory.source_turn_id = done.turn_id;
        const bool reported = memory.kind != MemoryKind::Episode;
        auto stored = memories.remember(write.person_id, memory, now);
        if (!stored) {
            return stored.error();
        }
        if (reported && stored->is_new) {
            if (auto m = memories.find(write.person_id, stored->id)) {
                done.remembered.push_back(std::move(*m));
            }
        }
    }
    if (auto marked = memories.mark_recalled(write.person_id, write.touched, now); !marked) {
        return marked.error();
    }
    if (write.person) {
        if (auto saved = turns.save_state(*write.person); !saved) {
            return saved.error();
        }
    }
    if (write.affect) {
        if (auto saved = affect::AffectStore(db).save(write.person_id, *write.affect); !saved) {
            return saved.error();
        }
    }
    if (write.relationship) {
        if (auto saved =
                relationship::RelationshipStore(db).save(write.person_id, *write.relationship);
            !saved) {
            return saved.error();
        }
    }
    if (write.care) {
        if (auto saved = turns.save_care(write.person_id, *write.care); !saved) {
            return saved.error();
        }
    }
    if (write.crisis_at) {
        if (auto marked = turns.mark_crisis(write.person_id, *write.crisis_at); !marked) {
            return marked.error();
        }
    }
    if (auto committed = tx->commit(); !committed) {
        return committed.error();
    }
    return done;
}

} // namespace samantha::dialogue
