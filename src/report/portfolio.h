/* A portfolio's views in the report's documents (docs/portfolio.md): the
 * workbook's sheet of kommuner and target groups side by side, and a
 * budget sheet per kommune.
 *
 * In the report layer's order (context.h) after headline.h: it includes
 * context.h, lookup.h and wording.h; xlsx.c and html.c include it.
 */
#ifndef RENTBRIDGE_REPORT_PORTFOLIO_H
#define RENTBRIDGE_REPORT_PORTFOLIO_H

#include "report/context.h"

#include <stdio.h>
#include <xlsxwriter.h>

/** The workbook's formats the portfolio's sheets use. */
typedef struct rb_pf_fmts {
  lxw_format *head, *title, *kr, *kr_bold, *pct, *int_, *bold;
} rb_pf_fmts;

/**
 * The sheet "Kommuner og målgrupper" / "Kommuner and targets": one row per
 * kommune, then per target group, with its citizens and per perspective
 * the saving per citizen (mean and 95 % interval), the probability of a
 * saving and the saving in total; the whole cohort's row after each.
 * Nothing when the scenario's groups name no views.
 */
void rb_portfolio_sheet_views(lxw_workbook *wb, const rb_report_ctx *ctx,
                              const rb_pf_fmts *f);

/**
 * A sheet "Budget <kommune>" per kommune, ready to paste into a budget:
 * the citizen-months with a subsidy per year, and per payer the budget
 * lines of the first arm (output/budget_lines.h) per calendar year, its
 * net, the reference's net and the saving, in fixed prices and, with
 * scenario.price_index, in current prices.  Nothing without views.
 */
void rb_portfolio_sheets_budget(lxw_workbook *wb, const rb_report_ctx *ctx,
                                const rb_pf_fmts *f);

/**
 * The report's portfolio section: the kommuner side by side, then a chart
 * and a table with one row per kommune × target group (the groups), sorted
 * by the kommune's saving per citizen: per perspective the saving with
 * its 95 % interval and the chance of a gain, and the share housed at 24
 * months with and without.  Nothing without views.
 */
void rb_portfolio_html(FILE *f, const rb_report_ctx *ctx);

#endif
