/**
 * @file group_rows.h
 * @brief The per-group CSV rows of a run (results_csv.c), shared with the
 * views of a portfolio (views_csv.c), which write the same rows per
 * kommune and per target group.
 */
#ifndef RENTBRIDGE_OUTPUT_GROUP_ROWS_H
#define RENTBRIDGE_OUTPUT_GROUP_ROWS_H

#include "rentbridge/engine.h"

#include <stdio.h>

/** The columns of summary.csv, items.csv and outcomes.csv. */
#define RB_OUT_SUMMARY_HEAD                                                    \
  "group,perspective,discounted,arm,mean,mcse,sd,p2_5,median,p97_5,"           \
  "prob_positive\n"
#define RB_OUT_ITEMS_HEAD                                                      \
  "group,arm,item,label,kind,payer,discounted,undiscounted\n"
#define RB_OUT_OUTCOMES_HEAD "group,arm,measure,value\n"

/** Rows of one group (or view) @p g: summary.csv's. */
void rb_out_summary_rows(FILE *f, const rb_results *res,
                         const rb_group_result *g);

/** items.csv's rows of @p g. */
void rb_out_items_rows(FILE *f, const rb_results *res,
                       const rb_group_result *g);

/** outcomes.csv's rows of @p g. */
void rb_out_outcome_rows(FILE *f, const rb_results *res,
                         const rb_group_result *g);

#endif
