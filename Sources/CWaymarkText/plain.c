#include "waymark_text.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#elif defined(__ARM_NEON)
#include <arm_neon.h>
#endif

static inline int is_plain(unsigned char b) {
    return (unsigned char)(b - 0x20) < 0x5F || b == 0x0A || b == 0x09;
}

/// The number of bytes at the start of `bytes` that are printable ASCII (0x20 to 0x7E), line
/// feeds or tabs: what most of a report is. Sixteen bytes at a time where the processor has vector
/// instructions that every one of its kind has (SSE2, NEON), a byte at a time elsewhere.
static inline size_t plain_prefix(const unsigned char *bytes, size_t count) {
    size_t i = 0;
#if defined(__SSE2__)
    // Adding 0x60 takes 0x20...0x7E to 0x80...0xDE, which as signed bytes are exactly the ones
    // below -33: one addition and one comparison for the printable range.
    const __m128i shift = _mm_set1_epi8(0x60);
    const __m128i limit = _mm_set1_epi8(-33);
    const __m128i line_feed = _mm_set1_epi8(0x0A);
    const __m128i tab = _mm_set1_epi8(0x09);
#define WAYMARK_PLAIN(v)                                  \
    _mm_or_si128(_mm_cmplt_epi8(_mm_add_epi8(v, shift), limit), \
                 _mm_or_si128(_mm_cmpeq_epi8(v, line_feed), _mm_cmpeq_epi8(v, tab)))
    // Sixty-four bytes a round while they are all plain; the sixteen where one is not, below.
    while (count - i >= 64) {
        const __m128i *at = (const __m128i *)(bytes + i);
        __m128i all = _mm_and_si128(
            _mm_and_si128(WAYMARK_PLAIN(_mm_loadu_si128(at)), WAYMARK_PLAIN(_mm_loadu_si128(at + 1))),
            _mm_and_si128(WAYMARK_PLAIN(_mm_loadu_si128(at + 2)), WAYMARK_PLAIN(_mm_loadu_si128(at + 3))));
        if (_mm_movemask_epi8(all) != 0xFFFF) break;
        i += 64;
    }
    while (count - i >= 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(bytes + i));
        unsigned mask = (unsigned)_mm_movemask_epi8(WAYMARK_PLAIN(v));
        if (mask != 0xFFFF) return i + (size_t)__builtin_ctz(~mask);
        i += 16;
    }
#undef WAYMARK_PLAIN
#elif defined(__ARM_NEON)
    const uint8x16_t space = vdupq_n_u8(0x20);
    const uint8x16_t range = vdupq_n_u8(0x5F);
    const uint8x16_t line_feed = vdupq_n_u8(0x0A);
    const uint8x16_t tab = vdupq_n_u8(0x09);
    while (count - i >= 16) {
        uint8x16_t v = vld1q_u8(bytes + i);
        uint8x16_t plain = vorrq_u8(
            vcltq_u8(vsubq_u8(v, space), range), vorrq_u8(vceqq_u8(v, line_feed), vceqq_u8(v, tab)));
        // Every byte plain: the smallest lane is 0xFF. Otherwise the scalar loop finds which.
        if (vminvq_u8(plain) != 0xFF) break;
        i += 16;
    }
#endif
    while (i < count && is_plain(bytes[i])) i++;
    return i;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h>
#include <stdint.h>
#define WAYMARK_HAS_AVX2_PATH 1

/// `plain_prefix` thirty-two bytes at a time, for processors with AVX2 (chosen when the program
/// runs): the position of the first byte that is not plain comes from the blocks' masks at once.
__attribute__((target("avx2"))) static size_t plain_prefix_avx2(const unsigned char *bytes, size_t count) {
    size_t i = 0;
    const __m256i shift = _mm256_set1_epi8(0x60);
    const __m256i limit = _mm256_set1_epi8(-33);
    const __m256i line_feed = _mm256_set1_epi8(0x0A);
    const __m256i tab = _mm256_set1_epi8(0x09);
#define WAYMARK_PLAIN32(v)                                                  \
    _mm256_or_si256(_mm256_cmpgt_epi8(limit, _mm256_add_epi8(v, shift)), \
                    _mm256_or_si256(_mm256_cmpeq_epi8(v, line_feed), _mm256_cmpeq_epi8(v, tab)))
    while (count - i >= 64) {
        uint64_t low = (uint32_t)_mm256_movemask_epi8(WAYMARK_PLAIN32(_mm256_loadu_si256((const __m256i *)(bytes + i))));
        uint64_t high =
            (uint32_t)_mm256_movemask_epi8(WAYMARK_PLAIN32(_mm256_loadu_si256((const __m256i *)(bytes + i + 32))));
        uint64_t plain = low | high << 32;
        if (plain != ~(uint64_t)0) return i + (size_t)__builtin_ctzll(~plain);
        i += 64;
    }
    while (count - i >= 32) {
        uint32_t plain = (uint32_t)_mm256_movemask_epi8(WAYMARK_PLAIN32(_mm256_loadu_si256((const __m256i *)(bytes + i))));
        if (plain != 0xFFFFFFFFu) return i + (size_t)__builtin_ctz(~plain);
        i += 32;
    }
#undef WAYMARK_PLAIN32
    return i + plain_prefix(bytes + i, count - i);
}
#endif

static inline int is_invisible_layout(unsigned v) {
    return v == 0x200E || v == 0x200F || (v >= 0x2028 && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069);
}

/// `waymark_shown_as_is` with the runs of plain bytes passed over by `prefix`.
static inline int shown_as_is(const unsigned char *bytes, size_t count, size_t (*prefix)(const unsigned char *, size_t)) {
    size_t i = 0;
    while (i < count) {
        i += prefix(bytes + i, count - i);
        // A run of letters of two bytes (Turkish, Hungarian), checked here without going back to
        // the vector loop for each one.
        while (i < count) {
            unsigned char b = bytes[i];
            if (b < 0x80) {
                if (!is_plain(b)) return 0;
                break;
            }
            // Two bytes from U+00C0 to U+07FF but U+061C (D8 9C): letters, nothing to refuse.
            if (b >= 0xC3 && b <= 0xDF && b != 0xD8 && i + 1 < count && (bytes[i + 1] & 0xC0) == 0x80) {
                i += 2;
                continue;
            }
            // Any other sequence: its length from the lead byte, its continuation bytes, no
            // overlong form, surrogate or value past U+10FFFF, and none of the characters that
            // `TerminalText.visible` shows in another form.
            size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 ? 2 : 0;
            if (length == 0 || b > 0xF4 || length > count - i) return 0;
            unsigned scalar = b & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
            for (size_t k = 1; k < length; k++) {
                unsigned char c = bytes[i + k];
                if ((c & 0xC0) != 0x80) return 0;
                scalar = scalar << 6 | (c & 0x3F);
            }
            unsigned smallest = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
            if (scalar < smallest || scalar > 0x10FFFF || (scalar >= 0xD800 && scalar <= 0xDFFF)) return 0;
            if (scalar <= 0x9F || scalar == 0x061C || is_invisible_layout(scalar)) return 0;
            i += length;
        }
    }
    return 1;
}

static size_t plain_prefix_call(const unsigned char *bytes, size_t count) { return plain_prefix(bytes, count); }

int waymark_shown_as_is(const unsigned char *bytes, size_t count) {
#if WAYMARK_HAS_AVX2_PATH
    // Asked once a process: two first calls on two threads both ask and store the same answer,
    // through atomic loads and stores (report slices are checked on several threads at once).
    static int avx2 = -1;
    int known = __atomic_load_n(&avx2, __ATOMIC_RELAXED);
    if (known < 0) {
        known = __builtin_cpu_supports("avx2") ? 1 : 0;
        __atomic_store_n(&avx2, known, __ATOMIC_RELAXED);
    }
    if (known) return shown_as_is(bytes, count, plain_prefix_avx2);
#endif
    return shown_as_is(bytes, count, plain_prefix_call);
}

int waymark_shown_as_is_portable(const unsigned char *bytes, size_t count) {
    return shown_as_is(bytes, count, plain_prefix_call);
}
