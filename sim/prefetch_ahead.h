// prefetch_ahead.h: asking for a large story's replies before a pass over its nodes reaches them.
//
// A story of 100,000 nodes holds some 150 MB of nodes, replies and their texts, far beyond the
// caches, and a pass over it would wait on memory at nearly every reply, one wait after another.
// Asked for a few nodes ahead, those waits overlap. This changes only when memory is read, never
// what is computed; on a story that fits in the caches it costs a few instructions per reply.
#pragma once

#include <cstddef>
#include <vector>

#include "prefetch.h"
#include "scenario.h"

namespace ta {

// How many nodes ahead: far enough for memory to answer in time, near enough that what arrives
// is still in the cache when the pass gets there.
inline constexpr std::size_t kPrefetchDistance = 8;

inline void prefetch_bytes(const void* data, std::size_t bytes) {
    const char* p = static_cast<const char*>(data);
    for (std::size_t i = 0; i < bytes; i += 64) prefetch(p + i);
}

// Called by a pass at node `n`: asks for the replies of the node kPrefetchDistance ahead, and,
// for those half as far ahead (whose own fields have arrived by then), hands each to `deeper`
// to ask for what the pass reads through it (its text, its tags, its flags).
template <class Deeper>
void prefetch_replies_ahead(const std::vector<Node>& nodes, std::size_t n, Deeper deeper) {
    if (n + kPrefetchDistance < nodes.size())
        for (const Choice& c : nodes[n + kPrefetchDistance].choices) prefetch_bytes(&c, sizeof(Choice));
    if (n + kPrefetchDistance / 2 < nodes.size())
        for (const Choice& c : nodes[n + kPrefetchDistance / 2].choices) deeper(c);
}

inline void prefetch_replies_ahead(const std::vector<Node>& nodes, std::size_t n) {
    prefetch_replies_ahead(nodes, n, [](const Choice&) {});
}

// What the flow checks read through a reply: the flags it needs, refuses, sets and clears.
inline void prefetch_flags(const Choice& c) {
    prefetch(c.requires_flags.data());
    prefetch(c.requires_not_flags.data());
    prefetch(c.sets.data());
    prefetch(c.clears.data());
}

// What the state graph reads through a reply: its flags and its tags.
inline void prefetch_flags_and_tags(const Choice& c) {
    prefetch_flags(c);
    prefetch(c.tags.data());
}

}  // namespace ta
