// id_index.h: the index of each node or ending id, in one flat table.
//
// Every check, the analysis and the runtime look ids up, several times per reply; a large story
// has 100,000 nodes. A map with a heap node per id costs three cache misses a look-up once the
// story outgrows the caches; here a look-up reads one 8-byte slot (whose hash tag turns away
// nearly every other id) and the id's bytes in one packed string. The table owns its copy of the
// ids, so a copied scenario's index stays valid.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ta {

class IdIndex {
public:
    // Indexes ids[i] -> i; when an id appears twice the first keeps it (validation reports the rest).
    template <class Items>
    void rebuild(const Items& items) {
        clear();
        std::size_t bytes = 0;
        for (const auto& item : items) bytes += item.id.size();
        packed_.reserve(bytes);
        starts_.reserve(items.size() + 1);
        std::size_t slots = 16;
        while (slots < 2 * items.size()) slots *= 2;  // at most half full
        slots_.assign(slots, Slot{});
        for (const auto& item : items) add(item.id);
        starts_.push_back(static_cast<std::uint32_t>(packed_.size()));
    }

    int find(std::string_view id) const {
        if (slots_.empty()) return -1;
        const std::uint64_t h = hash(id);
        const std::uint32_t tag = tag_of(h);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            const Slot& s = slots_[i];
            if (s.index < 0) return -1;
            if (s.tag == tag && key(s.index) == id) return s.index;
        }
    }

    void clear() {
        slots_.clear();
        packed_.clear();
        starts_.clear();
    }

private:
    struct Slot {
        std::uint32_t tag = 0;
        int index = -1;  // -1: empty
    };

    static std::uint64_t hash(std::string_view id) {
        std::uint64_t h = std::hash<std::string_view>{}(id);
        h ^= h >> 31;  // splitmix64's final mix: std::hash may have weak low bits
        h *= 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
        return h;
    }
    static std::uint32_t tag_of(std::uint64_t h) { return static_cast<std::uint32_t>(h >> 32); }

    // Id `index`; valid once the id after it has been started (the loop in rebuild ends with one more).
    std::string_view key(int index) const {
        return std::string_view(packed_).substr(starts_[index], starts_[index + 1] - starts_[index]);
    }

    void add(const std::string& id) {
        const int index = static_cast<int>(starts_.size());
        starts_.push_back(static_cast<std::uint32_t>(packed_.size()));
        packed_ += id;
        const std::uint64_t h = hash(id);
        const std::uint32_t tag = tag_of(h);
        for (std::size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            Slot& s = slots_[i];
            if (s.index < 0) {
                s = {tag, index};
                return;
            }
            if (s.tag == tag && key(s.index) == id) return;  // first definition wins
        }
    }

    std::vector<Slot> slots_;
    std::string packed_;                 // every id, one after another
    std::vector<std::uint32_t> starts_;  // where id i starts in packed_; one more at the end
};

}  // namespace ta
