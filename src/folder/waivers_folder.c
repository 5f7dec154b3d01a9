/* The waivers' folder (rentbridge/folder.h; issue 11): the base run's
 * results folder with the waivers' files beside its own, written first so
 * that the report and the workbook find waivers.json in the folder. */
#include "folder/folder_internal.h"
#include "output/writers.h"
#include "rentbridge/output.h"

#include <stdlib.h>

/* waivers.csv, waivers.json, summary.txt, then the run's own files. */
static rb_status waivers_fill(rb_dir_job *job, const rb_scenario *sc,
                              rb_run_meta *meta, const void *ctx,
                              rb_diag *diag) {
  const rb_waivers *w = ctx;
  rb_status st = rb_waivers_write_csv(job->tmp, w, sc);
  if (st == RB_OK) {
    st = rb_waivers_write_json(job->tmp, w, sc);
  }
  if (st == RB_OK) {
    char *text = NULL;
    st = rb_waivers_summary(&text, w, sc);
    if (st == RB_OK) {
      st = rb_out_text_write(job->tmp, "summary.txt", text);
    }
    free(text);
  }
  if (st == RB_OK) {
    st = rb_dir_run_fill(job, sc, meta, &w->base, diag);
  }
  return st;
}

rb_status rb_waivers_dir_write(const char *dir, bool force, const rb_waivers *w,
                               const rb_scenario *sc, rb_run_meta *meta,
                               rb_diag *diag) {
  return rb_dir_write(NULL, dir, force, sc, meta, "waivers", diag, waivers_fill,
                      w);
}
