/* The folder of a sweep of two keys (rentbridge/folder.h): the grid's
 * file and summary, its own report with the heat maps, the manifest. */
#include "folder/folder_internal.h"
#include "output/writers.h"
#include "rentbridge/report.h"

#include <stdlib.h>

/* sweep2.csv, summary.txt, report.html and workbook.xlsx (rb_dir_fill). */
static rb_status sweep2_fill(rb_dir_job *job, const rb_scenario *base,
                             rb_run_meta *meta, const void *ctx,
                             rb_diag *diag) {
  (void)meta;
  (void)diag;
  const rb_sweep2 *s = ctx;
  rb_status st = rb_sweep2_write_csv(job->tmp, s);
  if (st == RB_OK) {
    char *text = NULL;
    st = rb_sweep2_summary(&text, s);
    if (st == RB_OK) {
      st = rb_out_text_write(job->tmp, "summary.txt", text);
    }
    free(text);
  }
  if (st == RB_OK) {
    st = rb_write_sweep2_report_files(job->tmp, base, s);
  }
  return st;
}

rb_status rb_sweep2_dir_write(const char *dir, bool force, const rb_sweep2 *s,
                              const rb_scenario *base, rb_run_meta *meta,
                              rb_diag *diag) {
  return rb_dir_write(NULL, dir, force, base, meta, "sweep", diag, sweep2_fill,
                      s);
}
