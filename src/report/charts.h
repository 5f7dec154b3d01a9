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

/** Write the chart data, scripts and SVGs into <dir>/charts; fills
 * ctx->charts and ctx->chart_problem (the reason when some are missing).
 * A chart gnuplot cannot draw is explained, not an error.
 * @return RB_OK, or RB_EIO when charts/ or a chart's data or script cannot
 * be written (a message in ctx->diag). */
rb_status rb_report_charts(rb_report_ctx *ctx);

#endif
