/* Opening a workbook.xlsx (report/workbook.h). */
#include "report/workbook.h"

#include <stdio.h>

lxw_workbook *rb_report_workbook_new(const char *dir, time_t created) {
  char path[4300];
  snprintf(path, sizeof path, "%s/workbook.xlsx", dir);
  /* libxlsxwriter's temporary part files go into the folder being filled,
   * so the workbook needs room only where the results go. */
  lxw_workbook_options opts = {0};
  opts.tmpdir = (char *)dir;
  lxw_workbook *wb = workbook_new_opt(path, &opts);
  if (wb != NULL) {
    /* libxlsxwriter takes 0 as "now": the file must not depend on it. */
    lxw_doc_properties props = {0};
    props.created = created != 0 ? created : 1;
    workbook_set_properties(wb, &props);
  }
  return wb;
}
