#include "waymark_allocator.h"

#include <stdlib.h>

// Required, not looked for with `__has_include`: a build that cannot see the header must fail
// rather than quietly compile the request away. (One did: its object was made before the
// Makefile had installed libmimalloc-dev, and the build system, which tracks only the headers a
// file did include, never made it again, so that release program never asked for large pages.)
#include <mimalloc.h>

// Weak: a program linked without mimalloc (the test bundle, the fuzz targets) sees no such
// function, and nothing is asked.
#pragma weak mi_option_enable

int waymark_allocator_prefer_large_pages(void) {
    if (mi_option_enable == NULL || getenv("MIMALLOC_LARGE_OS_PAGES") != NULL) return 0;
    // On Linux, mimalloc then advises the kernel to back its new segments with transparent huge
    // pages: a run that fills hundreds of megabytes takes a few thousand page faults instead of
    // tens of thousands.
    mi_option_enable(mi_option_large_os_pages);
    return 1;
}
