#ifndef WAYMARK_ALLOCATOR_H
#define WAYMARK_ALLOCATOR_H

/// Asks the program's allocator to take its memory from the system in large (2 MiB) pages where
/// the system offers them, for the segments it maps from now on: mimalloc's `large_os_pages`
/// option, when the program is linked with mimalloc and `MIMALLOC_LARGE_OS_PAGES` is not set
/// (whoever sets it decides). 1 when the option was turned on, 0 otherwise.
int waymark_allocator_prefer_large_pages(void);

#endif
