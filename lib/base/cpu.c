/*
 * cpu.c -- what the CPU can run, for the SIMD paths chosen at run time.
 *
 * The library is built for baseline x86-64 (SSE2); its AVX2 paths are
 * compiled for AVX2 alone and taken only where this says yes. AVX2 needs
 * the CPU's feature bit (CPUID leaf 7, EBX bit 5) and the OS saving the
 * YMM registers (OSXSAVE, then XCR0 bits 1 and 2), as Intel's manual says.
 */
#include "base.h"

#if defined(ZCI_USE_AVX2)
#include <cpuid.h>

bool zci_cpu_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_OSXSAVE) || !(c & bit_AVX))
        return false;
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    (void)hi;
    if ((lo & 6u) != 6u) /* XMM and YMM state */
        return false;
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & bit_AVX2);
}
#else
bool zci_cpu_avx2(void) { return false; }
#endif
