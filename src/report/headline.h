/* The headline sentences of the report and the workbook, in plain words
 * (UTF-8 text, not HTML): a run's per perspective, a sweep's and a
 * tornado's own, and "what has to be true" from a tornado.
 *
 * Order of the report layer (context.h has the whole list): context.h <
 * lookup.h < wording.h < headline.h < charts.h, html.h, xlsx.h < report.c.
 */
#ifndef RENTBRIDGE_REPORT_HEADLINE_H
#define RENTBRIDGE_REPORT_HEADLINE_H

#include "report/context.h"

#include <stdbool.h>
#include <stdio.h>

/** The headline of a run for perspective @p p: "Over 10 år sparer kommunen
 * X kr. pr. borger (95 %-interval A til B kr.); …".
 * @return the text, to free(); NULL when out of memory. */
char *rb_report_headline(const rb_report_ctx *ctx, int p);

/** What the kommune really keeps, for beside the headline: udligning's
 * share of the kommuneskat and the realisable share of a freed bed, in
 * plain sentences; NULL when the run has none of them (or no memory). */
char *rb_report_net_note(const rb_report_ctx *ctx);

/** A run with its arms listed (issue 11): for perspective @p p, the first
 * arm against every other in words, "Mod udslusningsbolig sparer
 * experiment kommunen X kr. pr. borger (95 %-interval A til B kr.); mod
 * none …".
 * @return the text, to free(); NULL when out of memory or when the run
 * has today's two arms only. */
char *rb_report_arms_headline(const rb_report_ctx *ctx, int p);

/** The headline of a sweep's own report for perspective @p p, from its
 * sweep.json (ctx->sweeps[0]): "Bedste loft for kommunen: 3.000 kr., hvor
 * …; ordningen betaler sig for kommunen ved lofter fra 54 kr."
 * @return the text, to free(); NULL when out of memory. */
char *rb_report_sweep_headline(const rb_report_ctx *ctx, int p);

/** The headline of a tornado's own report for perspective @p p, from its
 * tornado.json: the saving with every value as assumed and what has to be
 * true.  @return the text, to free(); NULL when out of memory. */
char *rb_report_tornado_headline(const rb_report_ctx *ctx, int p);

/** "What has to be true" for perspective @p p from ctx->tornado: the ends
 * of the ranges that turn the result, or that none does.  Written to @p f
 * as HTML (keys in <code>) when @p html, else as plain text.
 * @return the number of range ends named. */
int rb_report_tornado_truths(FILE *f, const rb_report_ctx *ctx, int p,
                             bool html);

#endif
