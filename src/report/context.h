/* What one report is about: the context every part of the report layer
 * shares (docs/report.md).
 *
 * The report layer's files, lowest first; each includes only the headers
 * above it in this list, never one below it:
 *
 *   context.h   the context of one report, its charts, the sibling folders
 *   lookup.h    numbers looked up in the results and in sweep.json and
 *               tornado.json (no words)
 *   wording.h   words and numbers in the report's language (da/en)
 *   headline.h  the headline sentences and "what has to be true"
 *   portfolio.h a portfolio's views: the workbook's sheet of kommuner and
 *               target groups (xlsx.c includes it)
 *   pools_report.h  the pools of flats: the report's section and the
 *               workbook's sheet (html.c and xlsx.c include it)
 *   charts.h    charts/: data, gnuplot scripts, SVGs      } each on its own,
 *   html.h      report.html                               } none includes
 *   xlsx.h      workbook.xlsx                             } another
 *   xlsx_check.h  the workbook read back (only xlsx.c, includes none)
 *   workbook.h  a workbook.xlsx opened as every workbook is (parts in the
 *               results folder, a fixed creation time; includes none)
 *   report.c    the entry points of rentbridge/report.h: builds the context,
 *               reads the sibling folders and writes the three documents
 */
#ifndef RENTBRIDGE_REPORT_CONTEXT_H
#define RENTBRIDGE_REPORT_CONTEXT_H

#include "rentbridge/engine.h"
#include "rentbridge/output.h"
#include "rentbridge/scenario.h"
#include "rentbridge/status.h"

#include <jansson.h>
#include <stdbool.h>

/** The arms the report's charts and its with/without tables compare: arm 0
 * (the first listed) and the reference (arm 1).  A run with more arms has
 * them all in the arms table of the report and in the workbook. */
#define RB_REPORT_ARMS 2

/** Most charts a report draws (fixed charts + tornado + sweeps). */
#define RB_MAX_CHARTS 24
/** Most sweep folders a report takes in. */
#define RB_MAX_SWEEPS 8

/** One chart: charts/<stem>.gp draws charts/<stem>.svg from its data. */
typedef struct rb_chart {
  char stem[64];      /**< file name without extension */
  char title[256];    /**< caption in the report */
  bool ok;            /**< the SVG was drawn */
  char left_out[256]; /**< why the chart is not drawn at all (nothing to
                         show), in the report's language; "" to draw it */
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
  json_t *waivers; /**< waivers.json in the folder (a waivers folder) or in
                      <name>-waivers beside the run, or NULL */
  int n_sweeps;
  json_t *voi; /**< the run's own voi.json (a psa run), or NULL */
} rb_report_ctx;

/** Chart stems of the fixed charts, in the report's order. */
#define RB_CHART_CUM_PREFIX "cum_saving_"
#define RB_CHART_ITEMS "items"
#define RB_CHART_HOUSING "housing"
#define RB_CHART_OUTCOMES "outcomes"
#define RB_CHART_YEARLY "yearly"
#define RB_CHART_TORNADO "tornado"
#define RB_CHART_VOI "voi"
/** The tornado of the public sector and of society (a tornado's own
 * report); the municipality's is RB_CHART_TORNADO. */
#define RB_CHART_TORNADO_PREFIX "tornado_"
#define RB_CHART_SWEEP_PREFIX "sweep_"

#endif
