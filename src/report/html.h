/* report.html: the page for politicians.
 *
 * Order of the report layer (context.h has the whole list): context.h <
 * lookup.h < wording.h < headline.h < charts.h, html.h, xlsx.h < report.c.
 * Only report.c includes this header.
 */
#ifndef RENTBRIDGE_REPORT_HTML_H
#define RENTBRIDGE_REPORT_HTML_H

#include "report/context.h"

/** Write <dir>/report.html, with the charts ctx->charts names inlined.
 * @return RB_OK or RB_EIO. */
rb_status rb_report_html(const rb_report_ctx *ctx);

#endif
