// flat_index.h: numbers distinct keys 0, 1, 2... in the order they are first seen. The checks and
// the analysis number every situation of a scenario this way, millions in a large story, so the
// table is one flat array of indices (open addressing) rather than a heap node per key.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "huge_pages.h"

namespace ta {

template <class Key, class Hash>
class FlatIndex {
public:
    // The index of `key` in `keys`, appended there when new; `fresh` says whether it was. `keys`
    // must be the vector all earlier calls were given, unchanged in between.
    std::pair<int, bool> intern(const Key& key, std::vector<Key>& keys) {
        if ((keys.size() + 1) * 2 > slots_.size()) grow(keys);
        for (std::size_t i = slot_of(key);; i = (i + 1) & (slots_.size() - 1)) {
            const int at = slots_[i];
            if (at < 0) {
                slots_[i] = static_cast<int>(keys.size());
                make_room_for_one(keys);
                keys.push_back(key);
                return {slots_[i], true};
            }
            if (keys[at] == key) return {at, false};
        }
    }

    // Starts fetching the slot where `key` would be looked up first, so that several lookups
    // can wait for memory together.
    void prefetch(const Key& key) const {
        if (!slots_.empty()) __builtin_prefetch(&slots_[slot_of(key)]);
    }

    void clear() { slots_.clear(); }

private:
    std::size_t slot_of(const Key& key) const {
        // A final mix (splitmix64's), so that hashes with weak low bits still spread.
        std::uint64_t h = static_cast<std::uint64_t>(Hash{}(key));
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBull;
        h ^= h >> 31;
        return static_cast<std::size_t>(h) & (slots_.size() - 1);
    }

    // Doubles the table (a power of two, at most half full) and puts every key back.
    void grow(const std::vector<Key>& keys) {
        assign_in_huge_pages(slots_, slots_.empty() ? 64 : slots_.size() * 2, -1);
        for (int k = 0; k < static_cast<int>(keys.size()); ++k) {
            std::size_t i = slot_of(keys[k]);
            while (slots_[i] >= 0) i = (i + 1) & (slots_.size() - 1);
            slots_[i] = k;
        }
    }

    std::vector<int> slots_;  // -1 empty, else an index into the caller's keys
};

}  // namespace ta
