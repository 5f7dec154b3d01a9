/* workbook.xlsx: the workbook for finance officers.
 *
 * Order of the report layer (context.h has the whole list): context.h <
 * lookup.h < wording.h < headline.h < charts.h, html.h, xlsx.h < report.c.
 * Only report.c includes this header.
 */
#ifndef RENTBRIDGE_REPORT_XLSX_H
#define RENTBRIDGE_REPORT_XLSX_H

#include "report/context.h"

/** Write <dir>/workbook.xlsx. @return RB_OK or RB_EIO. */
rb_status rb_report_xlsx(const rb_report_ctx *ctx);

#endif
