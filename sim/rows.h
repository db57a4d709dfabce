// rows.h: a list per node (or per component) kept in one array. A large story has 100,000 nodes;
// a vector each would be as many allocations, and as many frees, every time its graph is built.
#pragma once

#include <cstddef>
#include <vector>

namespace ta {

template <class T>
class Rows {
public:
    struct Row {
        const T* first;
        const T* last;
        const T* begin() const { return first; }
        const T* end() const { return last; }
        std::size_t size() const { return static_cast<std::size_t>(last - first); }
        bool empty() const { return first == last; }
        const T& operator[](std::size_t i) const { return first[i]; }
    };

    // Rows are filled in order: add the items of the current row, then end it.
    void add(const T& item) { items_.push_back(item); }
    void end_row() { begin_.push_back(items_.size()); }
    void clear() {
        items_.clear();
        begin_.assign(1, 0);
    }

    std::size_t size() const { return begin_.size() - 1; }
    Row operator[](std::size_t r) const { return {items_.data() + begin_[r], items_.data() + begin_[r + 1]}; }

private:
    std::vector<T> items_;
    std::vector<std::size_t> begin_{0};
};

}  // namespace ta
