/* charts/ of a report: for each chart a data file, a gnuplot script and
 * the SVG gnuplot draws from them.
 *
 * Order of the report layer (context.h has the whole list): context.h <
 * lookup.h < wording.h < headline.h < charts.h, html.h, xlsx.h < report.c.
 * Only report.c includes this header.
 */
#ifndef RENTBRIDGE_REPORT_CHARTS_H
#define RENTBRIDGE_REPORT_CHARTS_H

#include "report/context.h"

/** The charts being drawn, in three steps, so that gnuplot can draw while
 * the workbook is written.  Together they write the chart data, scripts
 * and SVGs into <dir>/charts and fill ctx->charts and ctx->chart_problem
 * (the reason when some are missing); a chart gnuplot cannot draw is
 * explained, not an error. */
typedef struct rb_chart_draw rb_chart_draw;

/** The first step: the data and scripts written, the charts to draw in
 * *out (NULL on RB_EIO, or without memory: then ctx->chart_problem says
 * so).  Reads ctx, writes ctx->chart_problem.
 * @return RB_OK, or RB_EIO when charts/ or a chart's data or script cannot
 * be written (a message in ctx->diag). */
rb_status rb_report_charts_begin(rb_report_ctx *ctx, rb_chart_draw **out);

/** The second: gnuplot draws them (rb_gnuplot_run_all).  Touches only
 * @p d and the charts folder, so it may run beside the workbook's writer.
 * NULL-safe. */
void rb_report_charts_draw(rb_chart_draw *d);

/** The third: each chart's result into ctx->charts, ctx->chart_problem and
 * ctx->diag, and @p d freed (NULL-safe). */
void rb_report_charts_end(rb_report_ctx *ctx, rb_chart_draw *d);

#endif
