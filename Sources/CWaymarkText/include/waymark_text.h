#ifndef WAYMARK_TEXT_H
#define WAYMARK_TEXT_H
#include <stddef.h>

/// The number of bytes at the start of `bytes` (of `count`) that are printable ASCII (0x20 to
/// 0x7E), line feeds or tabs: what most of a report is. Sixteen bytes at a time where the
/// processor has vector instructions that every one of its kind has (SSE2, NEON), a byte at a
/// time elsewhere.
size_t waymark_plain_prefix(const unsigned char *bytes, size_t count);
#endif
