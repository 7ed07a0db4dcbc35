#include "cmark_arena.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Small blocks are carved from chunks; each carries one word before it: its size shifted left
// by one. Large blocks come from malloc with a header that links them into the region's list,
// so realloc can move them and free can return them; their word has the low bit set.
// Every block starts on a 16-byte boundary, as malloc's do.

enum { kAlign = 16, kChunk = 256 * 1024, kLarge = 32 * 1024 };

typedef struct chunk {
    struct chunk *next;
    size_t size;  // usable bytes after the header
    size_t used;
} chunk;

typedef struct large {
    struct large *prev, *next;
    size_t pad;
    size_t word;  // (size << 1) | 1, read through the word before the block
} large;

typedef struct region {
    struct region *previous;
    chunk *chunks;  // the newest first
    large *larges;
} region;

_Static_assert(sizeof(chunk) % kAlign == 8, "chunk header leaves one word before 16-aligned data");
_Static_assert(sizeof(large) % kAlign == 0, "large header keeps blocks 16-aligned");

static _Thread_local region *current;
static _Thread_local chunk *spare;  // one chunk kept for the thread's next region
static _Thread_local size_t reserved;
static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;

static void fail(void) {
    fputs("[waymark] out of memory while parsing Markdown, aborting\n", stderr);
    abort();
}

static void drop_spare(void *value) { free(value); }
static void make_key(void) { pthread_key_create(&spare_key, drop_spare); }

static size_t round_up(size_t n) { return (n + kAlign - 1) & ~(size_t)(kAlign - 1); }

static chunk *new_chunk(size_t least) {
    if (spare && spare->size >= least) {
        chunk *c = spare;
        spare = NULL;
        pthread_setspecific(spare_key, NULL);
        c->used = 0;
        return c;
    }
    size_t size = least > kChunk ? least : kChunk;
    chunk *c = malloc(sizeof(chunk) + size);
    if (!c) fail();
    reserved += sizeof(chunk) + size;
    c->size = size;
    c->used = 0;
    return c;
}

void *waymark_arena_enter(void) {
    pthread_once(&spare_once, make_key);
    region *r = malloc(sizeof(region));
    if (!r) fail();
    r->previous = current;
    r->chunks = NULL;
    r->larges = NULL;
    current = r;
    return r->previous;
}

void waymark_arena_leave(void *previous) {
    region *r = current;
    if (!r) return;
    for (large *l = r->larges; l;) {
        large *next = l->next;
        reserved -= sizeof(large) + (l->word >> 1);
        free(l);
        l = next;
    }
    for (chunk *c = r->chunks; c;) {
        chunk *next = c->next;
        if (!spare && c->size == kChunk) {
            spare = c;
            pthread_setspecific(spare_key, c);
        } else {
            reserved -= sizeof(chunk) + c->size;
            free(c);
        }
        c = next;
    }
    current = previous;
    free(r);
}

static void *allocate(size_t size) {
    region *r = current;
    if (!r) fail();
    if (size >= kLarge) {
        large *l = malloc(sizeof(large) + size);
        if (!l) fail();
        reserved += sizeof(large) + size;
        l->word = (size << 1) | 1;
        l->prev = NULL;
        l->next = r->larges;
        if (l->next) l->next->prev = l;
        r->larges = l;
        return l + 1;
    }
    // The word before the block sits in the 8 bytes that round its start up to 16.
    size_t need = round_up(size + sizeof(size_t));
    chunk *c = r->chunks;
    if (!c || c->size - c->used < need) {
        c = new_chunk(need);
        c->next = r->chunks;
        r->chunks = c;
    }
    char *base = (char *)(c + 1) + c->used;
    c->used += need;
    *(size_t *)base = size << 1;
    return base + sizeof(size_t);
}

static size_t word_of(void *pointer) { return ((size_t *)pointer)[-1]; }

void *waymark_arena_calloc(size_t count, size_t size) {
    if (size && count > SIZE_MAX / 2 / size) fail();
    size_t total = count * size;
    void *p = allocate(total);
    memset(p, 0, total);
    return p;
}

void *waymark_arena_realloc(void *pointer, size_t size) {
    if (!pointer) return allocate(size);
    if (size > SIZE_MAX / 4) fail();
    size_t word = word_of(pointer);
    size_t old = word >> 1;
    if (word & 1) {
        if (size >= kLarge) {
            large *l = (large *)pointer - 1;
            large *moved = realloc(l, sizeof(large) + size);
            if (!moved) fail();
            reserved += size - old;
            moved->word = (size << 1) | 1;
            if (moved->prev) moved->prev->next = moved; else current->larges = moved;
            if (moved->next) moved->next->prev = moved;
            return moved + 1;
        }
    } else {
        if (size <= old) return pointer;
        // The newest block of the newest chunk grows in place while the chunk has room.
        chunk *c = current ? current->chunks : NULL;
        char *end = c ? (char *)(c + 1) + c->used : NULL;
        size_t had = round_up(old + sizeof(size_t));
        if (c && size < kLarge && (char *)pointer - sizeof(size_t) + had == end) {
            size_t need = round_up(size + sizeof(size_t));
            if (c->size - (c->used - had) >= need) {
                c->used = c->used - had + need;
                ((size_t *)pointer)[-1] = size << 1;
                return pointer;
            }
        }
    }
    void *p = allocate(size);
    memcpy(p, pointer, old < size ? old : size);
    waymark_arena_free(pointer);
    return p;
}

void waymark_arena_free(void *pointer) {
    if (!pointer || !current) return;
    size_t word = word_of(pointer);
    if (!(word & 1)) return;  // small blocks go with their region
    large *l = (large *)pointer - 1;
    if (l->prev) l->prev->next = l->next; else current->larges = l->next;
    if (l->next) l->next->prev = l->prev;
    reserved -= sizeof(large) + (word >> 1);
    free(l);
}

size_t waymark_arena_reserved(void) { return reserved; }
