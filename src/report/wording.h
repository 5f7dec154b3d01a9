/* Words and numbers in the report's language, Danish (the default) or
 * English: the names of perspectives, arms, housing states, payers and
 * kinds as the documents write them, dates, the horizon, and amounts,
 * shares and numbers (through base/numfmt.h).  Text as HTML, too.
 *
 * Order of the report layer (context.h has the whole list): context.h <
 * lookup.h < wording.h < headline.h < charts.h, html.h, xlsx.h < report.c.
 */
#ifndef RENTBRIDGE_REPORT_WORDING_H
#define RENTBRIDGE_REPORT_WORDING_H

#include "report/context.h"

#include <stddef.h>
#include <stdio.h>

/** Pick the Danish or the English text. */
#define RB_L(ctx, da_text, en_text) ((ctx)->da ? (da_text) : (en_text))

/* ---- names --------------------------------------------------------------- */

/** A perspective's name ("kommunen", "hele det offentlige", "samfundet"). */
const char *rb_report_persp_name(const rb_report_ctx *ctx, int p);
/** A perspective's name in the genitive ("kommunens", "det offentliges",
 * "samfundets"). */
const char *rb_report_persp_genitive(const rb_report_ctx *ctx, int p);
/** An arm's name ("Med ordningen", "Uden ordningen (i dag)"). */
const char *rb_report_arm_name(const rb_report_ctx *ctx, int arm);
/** A housing state's name; RB_MONTHLY_NOT_ENTERED is "not yet entered". */
const char *rb_report_housing_name(const rb_report_ctx *ctx, int h);
/** An activity's name ("ingen aktivitet", "i uddannelse", "i job"). */
const char *rb_report_activity_name(const rb_report_ctx *ctx, int a);
/** A payer's name; RB_PAYER_COUNT is "none" (production). */
const char *rb_report_payer_name(const rb_report_ctx *ctx, int payer);
/** A kind of money. */
const char *rb_report_kind_name(const rb_report_ctx *ctx, int kind);
/** An item's label in the report's language. */
const char *rb_report_item_label(const rb_report_ctx *ctx, int item);
/** The mode the numbers were made in: "psa" or "stochastic" (a tornado
 * always runs in stochastic mode). */
const char *rb_report_mode(const rb_report_ctx *ctx);

/** Which uncertainty a run's probability of a saving covers, in words for
 * the headline: "for denne kohorte med antagelserne holdt faste" (a
 * stochastic run: only this cohort's chance) or "med usikkerheden i
 * antagelserne" (psa: the assumptions drawn too; docs/report.md). */
const char *rb_report_uncertainty_words(const rb_report_ctx *ctx);

/** "10 år" / "30 måneder" for the horizon. */
void rb_report_horizon(const rb_report_ctx *ctx, char *buf, size_t n);

/** The date of the run (from meta->start_time) as "3. maj 2027" /
 * "3 May 2027"; the time stamp itself when it cannot be read. */
void rb_report_date(const rb_report_ctx *ctx, char *buf, size_t n);

/** The first letter of @p s as a capital (ASCII letters only). */
void rb_report_ucfirst(char *s);

/* ---- numbers ------------------------------------------------------------- */

/** Whole kroner with thousands separators ("1.234.567"; "–" for NaN). */
void rb_report_kr(const rb_report_ctx *ctx, char *buf, size_t n, double x);
/** A share as a whole percentage ("87 %"; "under 1 %", "over 99 %"). */
void rb_report_pct(const rb_report_ctx *ctx, char *buf, size_t n, double x);
/** A number with up to @p sig significant digits, decimal comma in Danish;
 * thousands separated for whole numbers ≥ 1,000. */
void rb_report_num(const rb_report_ctx *ctx, char *buf, size_t n, double x,
                   int sig);
/** A number with @p decimals decimals ("3,4" in Danish); "–" for NaN. */
void rb_report_dec(const rb_report_ctx *ctx, char *buf, size_t n, double x,
                   int decimals);

/* ---- HTML ---------------------------------------------------------------- */

/** Text as HTML: the five special characters escaped, control characters
 * other than newline and tab left out. */
void rb_report_esc(FILE *f, const char *s);

#endif
