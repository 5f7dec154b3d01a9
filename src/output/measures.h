/**
 * @file measures.h
 * @brief An arm's outcome measures by the names summary.json and
 * outcomes.csv give them, so that both files list the same measures in the
 * same order.
 */
#ifndef RENTBRIDGE_OUTPUT_MEASURES_H
#define RENTBRIDGE_OUTPUT_MEASURES_H

#include "rentbridge/engine.h"

/** A measure and its value. */
typedef struct rb_out_measure {
  const char *name;
  double v;
} rb_out_measure;

/** How many measures rb_out_outcome_counts() gives. */
#define RB_OUT_COUNTS 13

/** The per-citizen counts and means of @p o (relapses … offers accepted),
 * which follow the shares at the outcome months and retention_24. */
void rb_out_outcome_counts(rb_out_measure out[RB_OUT_COUNTS],
                           const rb_outcomes *o);

#endif
