#ifndef WAYMARK_TEXT_H
#define WAYMARK_TEXT_H
#include <stddef.h>

/// Whether `bytes` (of `count`) are well-formed UTF-8 without a character that
/// `TerminalText.visible`, keeping line breaks, would show in another form (1) or not (0): the
/// runs of plain ASCII (printable, line feeds, tabs: most of a report) passed over sixteen bytes at
/// a time where the processor has SSE2 or NEON (thirty-two where it has AVX2), the rest checked
/// one character at a time, without a call for each character between them.
int waymark_shown_as_is(const unsigned char *bytes, size_t count);

/// `waymark_shown_as_is` without the instructions chosen when the program runs (AVX2): for the
/// tests, which hold both to the same definition.
int waymark_shown_as_is_portable(const unsigned char *bytes, size_t count);
#endif
