// process_tuning.h: allocator settings for the command-line programs.
#pragma once

#include <malloc.h>

namespace ta::tools {

// Analysing a large scenario allocates and frees a few megabytes several times over. By default
// glibc hands big blocks straight back to the system and maps fresh ones, so every analysis pays
// again for first-touch page faults, which cost around 10 us each on some virtual machines. A
// short-lived program does better to keep freed memory for the next allocation.
inline void keep_freed_memory_for_reuse() {
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
}

}  // namespace ta::tools
