/**
 * @file decision_internal.h
 * @brief Helpers shared by the decision-analysis files (decision.c,
 * sweep.c, tornado.c): CSV fields, a growing text buffer and number
 * formatting for the short summaries.
 */
#ifndef RENTBRIDGE_DECISION_INTERNAL_H
#define RENTBRIDGE_DECISION_INTERNAL_H

#include "rentbridge/decision.h"

#include <stdio.h>

/** A number for CSV: empty when not finite, else %.12g. */
void rb_decision__csv_num(FILE *f, double x);

/** A text field for CSV, quoted when it holds a comma, quote or newline. */
void rb_decision__csv_str(FILE *f, const char *s);

/** Open @p dir/@p name for writing; NULL on failure. */
FILE *rb_decision__open_in(const char *dir, const char *name);

/** Close @p f: RB_EIO when it is NULL, had an error or fails to close,
 * otherwise @p st. */
rb_status rb_decision__close_ok(FILE *f, rb_status st);

/** A growing string; ok turns false when memory runs out. */
typedef struct rb_decision__text {
  char *s;
  size_t len, cap;
  bool ok;
} rb_decision__text;

/** Append formatted text. */
void rb_decision__add(rb_decision__text *t, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/**
 * Format a parameter value for people: whole numbers and numbers from 100
 * on rounded to whole units with thousands separators, smaller ones with
 * four significant digits; a decimal comma and "." separators in Danish.
 */
void rb_decision__fmt_value(char *buf, size_t n, double x, bool danish);

/** Format a percentage with one decimal ("97.5" / "97,5"). */
void rb_decision__fmt_pct(char *buf, size_t n, double share, bool danish);

/** Perspective names for people, per language. */
const char *rb_decision__persp_label(int p, bool danish);

#endif
