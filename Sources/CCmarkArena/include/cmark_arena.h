#ifndef WAYMARK_CMARK_ARENA_H
#define WAYMARK_CMARK_ARENA_H
#include <stddef.h>

/// A region allocator for one cmark-gfm parse, so the parse's small allocations cost a pointer
/// bump and the whole tree is let go at once instead of node by node.
///
/// `waymark_arena_enter` makes a new region current on the calling thread and returns the one it
/// replaces; `waymark_arena_leave` lets go of everything allocated in the current region and makes
/// the returned one current again, so regions nest (a parse inside a parse on one thread).
/// The three allocation functions have the shape of `cmark_mem` and act on the current region.
/// Allocating with no current region aborts, as cmark-gfm's own allocator does when memory runs out.
void *waymark_arena_enter(void);
void waymark_arena_leave(void *previous);

void *waymark_arena_calloc(size_t count, size_t size);
void *waymark_arena_realloc(void *pointer, size_t size);
void waymark_arena_free(void *pointer);

/// Bytes the current thread's regions hold from the system (chunks and large blocks), for tests.
size_t waymark_arena_reserved(void);
#endif
