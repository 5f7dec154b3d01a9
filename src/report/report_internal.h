/* Shared between the report writers (report.c, report_charts.c,
 * report_html.c, report_xlsx.c): the context of one report, its charts, the
 * sweep and tornado folders standing beside the run, and small helpers for
 * words and numbers in Danish or English. */
#ifndef RENTBRIDGE_REPORT_INTERNAL_H
#define RENTBRIDGE_REPORT_INTERNAL_H

#include "rentbridge/report.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/** Pick the Danish or the English text. */
#define RB_L(ctx, da_text, en_text) ((ctx)->da ? (da_text) : (en_text))

/** Most charts a report draws (fixed charts + tornado + sweeps). */
#define RB_MAX_CHARTS 24
/** Most sweep folders a report takes in. */
#define RB_MAX_SWEEPS 8

/** One chart: charts/<stem>.gp draws charts/<stem>.svg from its data. */
typedef struct rb_chart {
  char stem[64];   /**< file name without extension */
  char title[256]; /**< caption in the report */
  bool ok;         /**< the SVG was drawn */
} rb_chart;

/** What a report is about: a run (with sweeps and tornados beside it), or
 * a sweep or a tornado on its own (its folder's sweep.json/tornado.json). */
typedef enum rb_report_kind {
  RB_REPORT_RUN,
  RB_REPORT_SWEEP,
  RB_REPORT_TORNADO
} rb_report_kind;

/** Everything the report writers share. */
typedef struct rb_report_ctx {
  const char *dir;
  const rb_scenario *sc;
  const rb_results *res; /**< the run's results; NULL for a sweep's or a
                            tornado's own report */
  const rb_run_meta *meta;
  rb_diag *diag;
  rb_report_kind kind;
  int horizon;           /**< months */
  int replications;      /**< of the run, sweep or tornado */
  bool da;               /**< Danish (default) or English */
  char sha_scenario[65]; /**< SHA-256 of the scenario file as given */
  char sha_resolved[65]; /**< of the resolved scenario.cfg */
  char sha_rules[65];    /**< of rules.cfg */
  rb_chart charts[RB_MAX_CHARTS];
  int n_charts;
  char chart_problem[640];       /**< why charts are missing; "" when drawn */
  json_t *tornado;               /**< tornado.json beside the run (or the
                                    tornado's own), or NULL */
  json_t *sweeps[RB_MAX_SWEEPS]; /**< sweep.json files beside the run (or
                                    the sweep's own) */
  int n_sweeps;
} rb_report_ctx;

/** Chart stems of the fixed charts, in the report's order. */
#define RB_CHART_CUM_PREFIX "cum_saving_"
#define RB_CHART_ITEMS "items"
#define RB_CHART_HOUSING "housing"
#define RB_CHART_OUTCOMES "outcomes"
#define RB_CHART_YEARLY "yearly"
#define RB_CHART_TORNADO "tornado"
/** The tornado of the public sector and of society (a tornado's own
 * report); the municipality's is RB_CHART_TORNADO. */
#define RB_CHART_TORNADO_PREFIX "tornado_"
#define RB_CHART_SWEEP_PREFIX "sweep_"

/** Perspective keys in files ("kommune", "public", "societal"). */
extern const char *const rb_report_persp_key[3];

/** Write the chart data, scripts and SVGs into <dir>/charts; fills
 * ctx->charts and ctx->chart_problem. */
void rb_report_charts(rb_report_ctx *ctx);

/** Write <dir>/report.html. @return RB_OK or RB_EIO. */
rb_status rb_report_html(rb_report_ctx *ctx);

/** Write <dir>/workbook.xlsx. @return RB_OK or RB_EIO. */
rb_status rb_report_xlsx(rb_report_ctx *ctx);

/* ---- words --------------------------------------------------------------- */

/** A perspective's name ("kommunen", "hele det offentlige", "samfundet"). */
const char *rb_report_persp_name(const rb_report_ctx *ctx, int p);
/** An arm's name ("med ordningen", "uden ordningen"). */
const char *rb_report_arm_name(const rb_report_ctx *ctx, int arm);
/** A housing state's name; RB_H_COUNT is "not yet entered". */
const char *rb_report_housing_name(const rb_report_ctx *ctx, int h);
/** A payer's name; RB_PAYER_COUNT is "none" (production). */
const char *rb_report_payer_name(const rb_report_ctx *ctx, int payer);
/** A kind of money. */
const char *rb_report_kind_name(const rb_report_ctx *ctx, int kind);
/** An item's label in the report's language. */
const char *rb_report_item_label(const rb_report_ctx *ctx, int item);

/** "10 år" / "30 måneder" for the horizon. */
void rb_report_horizon(const rb_report_ctx *ctx, char *buf, size_t n);

/** The headline for perspective @p p in plain words (UTF-8 text, not
 * HTML): "Over 10 år sparer kommunen X kr. pr. borger (95 %-interval A til
 * B kr.); …". */
void rb_report_headline(const rb_report_ctx *ctx, int p, char *buf, size_t n);

/** A perspective's name in the genitive ("kommunens", "det offentliges",
 * "samfundets"). */
const char *rb_report_persp_genitive(const rb_report_ctx *ctx, int p);

/** The headline of a sweep's own report for perspective @p p (UTF-8 text,
 * not HTML), from its sweep.json (ctx->sweeps[0]): "Bedste loft for
 * kommunen: 3.000 kr., hvor …; ordningen betaler sig for kommunen ved
 * lofter fra 54 kr." */
void rb_report_sweep_headline(const rb_report_ctx *ctx, int p, char *buf,
                              size_t n);

/** The headline of a tornado's own report for perspective @p p (UTF-8
 * text), from its tornado.json: the saving with every value as assumed and
 * what has to be true. */
void rb_report_tornado_headline(const rb_report_ctx *ctx, int p, char *buf,
                                size_t n);

/** "What has to be true" for perspective @p p from ctx->tornado: the ends
 * of the ranges that turn the result, or that none does.  Written to @p f
 * as HTML (keys in <code>) when @p html, else as plain text.
 * @return the number of range ends named. */
int rb_report_tornado_truths(FILE *f, const rb_report_ctx *ctx, int p,
                             bool html);

/** Text as HTML: the five special characters escaped, control characters
 * other than newline and tab left out. */
void rb_report_esc(FILE *f, const char *s);

/** The date of the run (from meta->start_time) as "3. maj 2027" /
 * "3 May 2027"; the time stamp itself when it cannot be read. */
void rb_report_date(const rb_report_ctx *ctx, char *buf, size_t n);

/* ---- numbers ------------------------------------------------------------- */

/** Whole kroner with thousands separators ("1.234.567"; "–" for NaN). */
void rb_report_kr(const rb_report_ctx *ctx, char *buf, size_t n, double x);
/** A share as a whole percentage ("87 %"; "under 1 %", "over 99 %"). */
void rb_report_pct(const rb_report_ctx *ctx, char *buf, size_t n, double x);
/** A number with up to @p sig significant digits, decimal comma in Danish;
 * thousands separated for whole numbers ≥ 10,000. */
void rb_report_num(const rb_report_ctx *ctx, char *buf, size_t n, double x,
                   int sig);

/* ---- arrays of the results ----------------------------------------------- */

/** items[arm][item][slot][disc] */
double rb_report_item(const rb_results *res, const rb_group_result *g, int arm,
                      int item, int slot, int disc);
/** An item's net cost to the kommune (or to the whole public sector when
 * @p public_sector), sign as in the perspective: revenue counts negative,
 * production not at all. */
double rb_report_item_net(const rb_results *res, const rb_group_result *g,
                          int arm, int item, bool public_sector, int disc);
/** yearly[arm][year][payer][kind 0..2] */
double rb_report_yearly(const rb_results *res, int arm, int year, int payer,
                        int kind);
/** Net (resource + transfer − revenue) of one payer in one year and arm. */
double rb_report_yearly_net(const rb_results *res, int arm, int year,
                            int payer);
/** Calendar position of simulation month @p t: year + (month − 1) / 12. */
double rb_report_month_x(const rb_scenario *sc, int t);

/* ---- sibling folders ----------------------------------------------------- */

/** A number in a JSON object, NAN when missing or not a number. */
double rb_report_jnum(const json_t *obj, const char *key);
/** Element @p i of a JSON array of numbers, NAN when missing. */
double rb_report_jat(const json_t *arr, size_t i);

/* ---- files --------------------------------------------------------------- */

/** Read a whole file; NULL when it cannot be read.  Free with free(). */
char *rb_report_slurp(const char *path, size_t *len);

#endif
