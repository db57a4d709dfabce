// prefetch.h: asking for a cache line before it is read, so that several waits on memory overlap.
//
// GCC's dead-code elimination may drop __builtin_prefetch at -O2 (it changes nothing the compiler
// can see), and the loops that only prefetch with it, so on x86 the instruction is written out.
// A prefetch never faults, whatever the address.
#pragma once

namespace ta {

inline void prefetch(const void* address) {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
    asm volatile("prefetcht0 (%0)" : : "r"(address));
#else
    __builtin_prefetch(address);
#endif
}

}  // namespace ta
