/**
 * @file decision_internal.h
 * @brief Helpers shared by the decision-analysis files (decision.c,
 * sweep.c, tornado.c): the progress of one run among several, CSV and
 * JSON fields and files, a growing text buffer, number formatting for the
 * short summaries and the end of a results folder.
 */
#ifndef RENTBRIDGE_DECISION_INTERNAL_H
#define RENTBRIDGE_DECISION_INTERNAL_H

#include "rentbridge/decision.h"

#include <jansson.h>
#include <stdio.h>

/** The progress of one engine run among @p runs (a sweep's values, a
 * tornado's lows and highs), reported through @p fn as run @p run. */
typedef struct rb_decision__progress {
  rb_decision_progress fn; /**< may be NULL: no progress wanted */
  void *ctx;               /**< @p fn's context */
  int run, runs;
} rb_decision__progress;

/** The engine's progress callback; @p ctx is an rb_decision__progress. */
void rb_decision__engine_progress(void *ctx, int done, int total);

/** A number for JSON: null when not finite. */
json_t *rb_decision__json_num(double x);

/** Write @p root to @p dir/@p name (indented, 12 significant digits) and
 * release it. @return RB_OK or RB_EIO. */
rb_status rb_decision__json_write(json_t *root, const char *dir,
                                  const char *name);

/** Write @p text to @p dir/@p name. @return RB_OK or RB_EIO. */
rb_status rb_decision__text_write(const char *dir, const char *name,
                                  const char *text);

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

/** Writes a folder's own report.html and workbook.xlsx (never fails). */
typedef void (*rb_decision__report_fn)(const char *dir, const rb_scenario *sc,
                                       const rb_run_meta *meta, rb_diag *diag);

/**
 * Finish a results folder being filled in @p tmp (from rb_dir_begin()).
 * When @p st is RB_OK: its own report files through @p report, then
 * manifest.json (with the end time, now), then @p tmp is renamed to @p dir
 * (see rb_dir_commit()).  On any failure @p tmp is discarded, noting
 * "cannot write the <what>'s results" in @p diag.
 * @return @p st, or the status of the step that failed.
 */
rb_status rb_decision__dir_finish(rb_status st, const char *tmp,
                                  const char *dir, bool force,
                                  const rb_scenario *sc, rb_run_meta *meta,
                                  rb_decision__report_fn report,
                                  const char *what, rb_diag *diag);

#endif
