/**
 * @file measures.h
 * @brief Statistics and an arm's outcome measures by the names the files
 * give them (summary.json, summary.csv, outcomes.csv, sweep.csv and
 * sweep.json), so that every file lists the same fields in the same order.
 */
#ifndef RENTBRIDGE_OUTPUT_MEASURES_H
#define RENTBRIDGE_OUTPUT_MEASURES_H

#include "rentbridge/engine.h"

/** A measure and its value. */
typedef struct rb_out_measure {
  const char *name;
  double v;
} rb_out_measure;

/** How many fields rb_out_stats() gives. */
#define RB_OUT_STATS 7

/** The fields of @p s: mean, mcse, sd, p2_5, median, p97_5 and, last,
 * prob_positive (which only a saving has). */
void rb_out_stats(rb_out_measure out[RB_OUT_STATS], const rb_stats *s);

/** How many measures rb_out_outcome_counts() gives. */
#define RB_OUT_COUNTS 20

/** The per-citizen counts and means of @p o (relapses … offers accepted),
 * which follow the shares at the outcome months and retention_24. */
void rb_out_outcome_counts(rb_out_measure out[RB_OUT_COUNTS],
                           const rb_outcomes *o);

#endif
