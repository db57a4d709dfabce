// huge_pages.h: room for a large array in 2 MB pages where the system offers them.
//
// A large story's state graph is hundreds of megabytes visited out of order. In 4 kB pages every
// first touch is a page fault (some 10 us on a virtual machine) and most visits miss the address
// translation cache; asking for transparent huge pages makes both 512 times rarer. Only the advice
// changes: contents and results stay the same, and where huge pages are off nothing happens.
#pragma once

#include <sys/mman.h>

#include <algorithm>
#include <cstdint>
#include <iterator>
#include <vector>

namespace ta {

inline constexpr std::size_t kHugePage = std::size_t{2} << 20;

// Advises the whole 2 MB pages inside [data, data + bytes).
inline void advise_huge_pages(const void* data, std::size_t bytes) {
    if (bytes < 2 * kHugePage) return;  // smaller blocks would gain a page or none
    const auto begin = (reinterpret_cast<std::uintptr_t>(data) + kHugePage - 1) & ~(kHugePage - 1);
    const auto end = (reinterpret_cast<std::uintptr_t>(data) + bytes) & ~(kHugePage - 1);
    if (end > begin) madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
}

// v.reserve(n), with the new block advised before the elements move into it.
template <class T>
void reserve_in_huge_pages(std::vector<T>& v, std::size_t n) {
    if (n <= v.capacity()) return;
    std::vector<T> bigger;
    bigger.reserve(n);
    advise_huge_pages(bigger.data(), bigger.capacity() * sizeof(T));
    bigger.insert(bigger.end(), std::make_move_iterator(v.begin()), std::make_move_iterator(v.end()));
    v.swap(bigger);
}

// Room for one more element, doubling as push_back would.
template <class T>
void make_room_for_one(std::vector<T>& v) {
    if (v.size() == v.capacity()) reserve_in_huge_pages(v, std::max<std::size_t>(1024, 2 * v.capacity()));
}

// v.assign(n, value) in a block advised first.
template <class T>
void assign_in_huge_pages(std::vector<T>& v, std::size_t n, const T& value) {
    v.clear();
    reserve_in_huge_pages(v, n);
    v.assign(n, value);
}

}  // namespace ta
