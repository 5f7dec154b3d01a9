/* The pools of flats in the report's documents (docs/model.md, "Pools"):
 * the report's section with the returned flats in words and a table per
 * pool, and the workbook's sheet with the same table and a chart.
 *
 * In the report layer's order (context.h) beside portfolio.h: it includes
 * context.h, lookup.h, wording.h and portfolio.h (for the workbook's
 * formats); xlsx.c and html.c include it.
 */
#ifndef RENTBRIDGE_REPORT_POOLS_REPORT_H
#define RENTBRIDGE_REPORT_POOLS_REPORT_H

#include "report/portfolio.h"

#include <stdio.h>
#include <xlsxwriter.h>

/** The sentence of the mechanism: "the scheme uses N of the M flats that
 * would have been returned" (the first arm against the reference, every
 * pool, the whole horizon) into @p buf; "" without pools. */
void rb_pools_sentence(const rb_report_ctx *ctx, char *buf, size_t n);

/** The report's section "Flats from the pools": the sentence, then per
 * pool and calendar year the flats arrived and, in the first arm and the
 * reference, taken ordinary, taken subsidised and returned. Nothing
 * without pools. */
void rb_pools_html(FILE *f, const rb_report_ctx *ctx);

/** The workbook's sheet "Puljer" / "Pools": the same table per pool and a
 * column chart of the flats returned per year in both arms. Nothing
 * without pools. */
void rb_pools_sheet(lxw_workbook *wb, const rb_report_ctx *ctx,
                    const rb_pf_fmts *f);

/** The report's section on the planner's limit (subsidy.limit_citizens):
 * the limit, the share of replications in which it binds, and per kommune
 * the share of months and the flats refused for it in the first arm.
 * Nothing without a limit. */
void rb_limit_html(FILE *f, const rb_report_ctx *ctx);

#endif
