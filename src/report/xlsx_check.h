/* Reading back a workbook just written.  libxlsxwriter writes each part of
 * the workbook (a sheet, a chart, …) to a temporary file first and does
 * not check those writes: on a full disk or under a file-size limit a part
 * is cut short, and workbook_close() still reports success with a sound zip
 * around it.  So the finished file is read back: every member must inflate
 * to the size and CRC-32 its central directory gives, and an XML member
 * must end with the closing tag of its root element.
 *
 * Only xlsx.c includes this header (context.h has the report layer's
 * order); it includes none of the layer's.
 */
#ifndef RENTBRIDGE_REPORT_XLSX_CHECK_H
#define RENTBRIDGE_REPORT_XLSX_CHECK_H

#include <stddef.h>

/** Check the workbook @p path as above.
 * @param[out] why what is wrong with it, when it is.
 * @return 0 when it is complete, −1 otherwise. */
int rb_xlsx_check(const char *path, char *why, size_t n);

#endif
