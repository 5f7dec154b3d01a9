/**
 * @file numfmt.h
 * @brief Numbers as a Danish or English reader writes them: 16.881,58 kr
 * (da) or 16,881.58 (en).  The one formatter of every report, workbook
 * label, headline and table the program prints.
 */
#ifndef RENTBRIDGE_BASE_NUMFMT_H
#define RENTBRIDGE_BASE_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

/** What a number that is not finite is written as. */
#define RB_NUMFMT_NONE "\u2013"

/**
 * @p v with @p decimals decimals and thousands separators: "16.881,58" in
 * Danish, "16,881.58" in English; never "-0"; RB_NUMFMT_NONE when @p v is
 * not finite.
 * @return @p buf.
 */
const char *rb_fmt_grouped(char *buf, size_t n, double v, int decimals,
                           bool danish);

/**
 * @p v with @p decimals decimals and no thousands separators ("3,4" in
 * Danish, "3.4" in English); RB_NUMFMT_NONE when not finite.
 * @return @p buf.
 */
const char *rb_fmt_decimal(char *buf, size_t n, double v, int decimals,
                           bool danish);

/**
 * Whole kroner with thousands separators ("1.234.567" in Danish,
 * "1,234,567" in English), rounded half away from zero.
 * @return @p buf.
 */
const char *rb_fmt_kr(char *buf, size_t n, double x, bool danish);

#endif
