/* A sweep's folder (rentbridge/folder.h): the scenario as swept from, the
 * sweep's files and summary, its chart, its own report, the manifest. */
#include "folder/folder_internal.h"
#include "output/writers.h"
#include "rentbridge/report.h"
#include "report/decision_charts.h"

#include <limits.h>
#include <stdlib.h>

/* sweep.csv, sweep.json and summary.txt. */
static rb_status sweep_files(const char *tmp, const rb_sweep *s) {
  rb_status st = rb_sweep_write_csv(tmp, s);
  if (st == RB_OK) {
    st = rb_sweep_write_json(tmp, s);
  }
  if (st == RB_OK) {
    char *text = NULL;
    st = rb_sweep_summary(&text, s);
    if (st == RB_OK) {
      st = rb_out_text_write(tmp, "summary.txt", text);
    }
    free(text);
  }
  return st;
}

/* The sweep's files, chart and own report (rb_dir_fill). */
static rb_status sweep_fill(rb_dir_job *job, const rb_scenario *base,
                            rb_run_meta *meta, const void *ctx, rb_diag *diag) {
  const rb_sweep *s = ctx;
  rb_status st = sweep_files(job->tmp, s);
  rb_gp_result drawn;
  if (st == RB_OK) {
    st = rb_sweep_chart(&drawn, job->tmp, s);
  }
  if (st == RB_OK) {
    job->chart = rb_dir_chart_state(drawn);
    if (job->chart == RB_CHART_FAILED) {
      rb_diag_add(diag, job->dir, 0, NULL,
                  "gnuplot could not draw sweep.svg (sweep.gp is kept)");
    }
    /* The sweep's own report.html and workbook.xlsx (with charts/), from
     * sweep.json; a chart gnuplot cannot draw never fails the sweep. */
    st = rb_write_sweep_report_files(job->tmp, base, meta, diag);
  }
  return st;
}

rb_status rb_sweep_dir_write(rb_chart_state *chart, const char *dir, bool force,
                             const rb_sweep *s, const rb_scenario *base,
                             rb_run_meta *meta, rb_diag *diag) {
  return rb_dir_write(chart, dir, force, base, meta, "sweep", diag, sweep_fill,
                      s);
}
