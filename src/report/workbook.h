/* Opening a workbook.xlsx the way every workbook of rentbridge is opened:
 * its temporary parts in the folder being filled (not /tmp), and a fixed
 * creation time, so that the file depends only on what is written in it.
 */
#ifndef RENTBRIDGE_REPORT_WORKBOOK_H
#define RENTBRIDGE_REPORT_WORKBOOK_H

#include <time.h>
#include <xlsxwriter.h>

/**
 * A new workbook @p dir/workbook.xlsx.
 * @param dir the results folder being written
 * @param created its creation time (document properties); 0 is taken as
 *   1, never as "now"
 * @return the workbook, or NULL when it cannot be created.
 */
lxw_workbook *rb_report_workbook_new(const char *dir, time_t created);

#endif
