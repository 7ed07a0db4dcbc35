#include "waymark_allocator.h"

#include <stdlib.h>

#if __has_include(<mimalloc.h>)
#include <mimalloc.h>
// Weak: a program linked without mimalloc (the test bundle, the fuzz targets) sees no such
// function, and nothing is asked.
#pragma weak mi_option_enable
#define WAYMARK_HAS_MIMALLOC 1
#endif

int waymark_allocator_prefer_large_pages(void) {
#if WAYMARK_HAS_MIMALLOC
    if (mi_option_enable == NULL || getenv("MIMALLOC_LARGE_OS_PAGES") != NULL) return 0;
    // On Linux, mimalloc then advises the kernel to back its new segments with transparent huge
    // pages: a run that fills hundreds of megabytes takes a few thousand page faults instead of
    // tens of thousands.
    mi_option_enable(mi_option_large_os_pages);
    return 1;
#else
    return 0;
#endif
}
