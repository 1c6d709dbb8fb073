// Memory settings for the commands that build hundreds of megabytes of small objects (backtest,
// sweep), as opposed to a trading run or a Lambda invocation, which stay small.
#pragma once

namespace stratus {

// From now on, the allocator takes memory from the system in 2 MiB pages (transparent huge pages
// where the kernel allows them), so that filling it costs one page fault per 2 MiB instead of
// one per 4 KiB. The price is a slightly larger resident set. A no-op in builds without mimalloc
// (the sanitizer builds).
void prefer_large_memory_pages();

}  // namespace stratus
