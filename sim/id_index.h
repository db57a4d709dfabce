// id_index.h: the index of each node or ending id.
//
// Every check, the analysis and the runtime look ids up, several times per reply; a large story
// has 100,000 nodes. The ids are numbered in a FlatIndex (one flat table whose slots carry a hash
// tag) instead of a map with a heap node per id, and the index keeps its own copy of them, so a
// copied scenario's index stays valid.
#pragma once

#include <string>
#include <vector>

#include "flat_index.h"

namespace ta {

class IdIndex {
public:
    // Indexes items[i].id -> i; when an id appears twice the first keeps it (validation reports the rest).
    template <class Items>
    void rebuild(const Items& items) {
        clear();
        for (int i = 0; i < static_cast<int>(items.size()); ++i)
            if (index_.intern(items[i].id, ids_).second) item_of_.push_back(i);
    }

    int find(const std::string& id) const {
        const int k = index_.find(id, ids_);
        return k < 0 ? -1 : item_of_[k];
    }

    void clear() {
        index_.clear();
        ids_.clear();
        item_of_.clear();
    }

private:
    FlatIndex<std::string, std::hash<std::string>> index_;
    std::vector<std::string> ids_;  // each distinct id once, in the order first seen
    std::vector<int> item_of_;      // per entry of ids_: the item it is the id of
};

}  // namespace ta
