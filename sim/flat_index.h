// flat_index.h: numbers distinct keys 0, 1, 2... in the order they are first seen. The checks and
// the analysis number every situation of a scenario this way, millions in a large story, so the
// table is one flat array of slots (open addressing) rather than a heap node per key; each slot
// holds an index and part of the key's hash, so a look-up reads a stored key only when it may match.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "huge_pages.h"
#include "prefetch.h"

namespace ta {

template <class Key, class Hash>
class FlatIndex {
public:
    // The index of `key` in `keys`, appended there when new; `fresh` says whether it was. `keys`
    // must be the vector all earlier calls were given, unchanged in between.
    std::pair<int, bool> intern(const Key& key, std::vector<Key>& keys) {
        if ((keys.size() + 1) * 2 > slots_.size()) grow(keys);
        const std::uint64_t h = hash_of(key);
        Slot& slot = slots_[locate(key, keys, h)];
        if (slot.index >= 0) return {slot.index, false};
        slot = {tag_of(h), static_cast<int>(keys.size())};
        make_room_for_one(keys);
        keys.push_back(key);
        return {slot.index, true};
    }

    // The index of `key` in `keys`, or -1: a look-up that adds nothing.
    int find(const Key& key, const std::vector<Key>& keys) const {
        return slots_.empty() ? -1 : slots_[locate(key, keys, hash_of(key))].index;
    }

    // Starts fetching the slot where `key` would be looked up first, so that several lookups
    // can wait for memory together.
    void prefetch(const Key& key) const {
        if (!slots_.empty()) ta::prefetch(&slots_[hash_of(key) & (slots_.size() - 1)]);
    }

    // Once that slot has arrived: starts fetching the key it holds, when it may be `key`.
    void prefetch_match(const Key& key, const std::vector<Key>& keys) const {
        if (slots_.empty()) return;
        const std::uint64_t h = hash_of(key);
        const Slot& slot = slots_[h & (slots_.size() - 1)];
        if (slot.index >= 0 && slot.tag == tag_of(h)) ta::prefetch(&keys[slot.index]);
    }

    void clear() { slots_.clear(); }

private:
    struct Slot {
        std::uint32_t tag = 0;  // the hash's high half
        int index = -1;         // -1 empty, else an index into the caller's keys
    };

    static std::uint64_t hash_of(const Key& key) {
        // A final mix (splitmix64's), so that hashes with weak low bits still spread.
        std::uint64_t h = static_cast<std::uint64_t>(Hash{}(key));
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBull;
        h ^= h >> 31;
        return h;
    }
    static std::uint32_t tag_of(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }

    // The slot holding `key` (hashed to `h`), else the empty slot where it would go. The tag turns
    // away nearly every other key without reading it from `keys`.
    std::size_t locate(const Key& key, const std::vector<Key>& keys, std::uint64_t h) const {
        const std::uint32_t tag = tag_of(h);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            const Slot& slot = slots_[i];
            if (slot.index < 0 || (slot.tag == tag && keys[slot.index] == key)) return i;
        }
    }

    // Doubles the table (a power of two, at most half full) and puts every key back.
    void grow(const std::vector<Key>& keys) {
        assign_in_huge_pages(slots_, slots_.empty() ? 64 : slots_.size() * 2, Slot{});
        for (int k = 0; k < static_cast<int>(keys.size()); ++k) {
            const std::uint64_t h = hash_of(keys[k]);
            std::size_t i = h & (slots_.size() - 1);
            while (slots_[i].index >= 0) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = {tag_of(h), k};
        }
    }

    std::vector<Slot> slots_;
};

}  // namespace ta
