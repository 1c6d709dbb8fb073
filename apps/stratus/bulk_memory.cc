// mimalloc's large OS pages, switched on for bulk work; nothing without mimalloc.
#include "apps/stratus/bulk_memory.h"

#if defined(STRATUS_WITH_MIMALLOC)
#include <mimalloc.h>
#endif

namespace stratus {

void prefer_large_memory_pages() {
#if defined(STRATUS_WITH_MIMALLOC)
  mi_option_enable(mi_option_large_os_pages);
#endif
}

}  // namespace stratus
