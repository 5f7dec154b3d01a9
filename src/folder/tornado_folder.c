/* A tornado's folder (rentbridge/folder.h): the scenario, the tornado's
 * files and summary, a chart per perspective, its own report, the
 * manifest. */
#include "folder/folder_internal.h"
#include "output/writers.h"
#include "rentbridge/report.h"
#include "report/decision_charts.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

/* tornado.csv, tornado.json and summary.txt. */
static rb_status tornado_files(const char *tmp, const rb_tornado *t,
                               const rb_scenario *sc) {
  rb_status st = rb_tornado_write_csv(tmp, t, sc);
  if (st == RB_OK) {
    st = rb_tornado_write_json(tmp, t, sc);
  }
  if (st == RB_OK) {
    char *text = NULL;
    st = rb_tornado_summary(&text, t, sc);
    if (st == RB_OK) {
      st = rb_out_text_write(tmp, "summary.txt", text);
    }
    free(text);
  }
  return st;
}

/* tornado.dat and a chart per perspective; @p chart the worst of them. */
static rb_status tornado_charts(rb_chart_state *chart, const char *tmp,
                                const char *dir, const rb_tornado *t,
                                const rb_scenario *sc, rb_diag *diag) {
  rb_status st = rb_tornado_chart_data(tmp, t, sc);
  for (int p = 0; st == RB_OK && p < RB_P_COUNT; p++) {
    rb_gp_result drawn;
    st = rb_tornado_chart(&drawn, tmp, t, sc, (rb_perspective)p);
    if (st != RB_OK) {
      break;
    }
    rb_chart_state cs = rb_dir_chart_state(drawn);
    if (cs == RB_CHART_FAILED) {
      rb_diag_add(diag, dir, 0, NULL,
                  "gnuplot could not draw the chart (tornado-%s.gp is kept)",
                  rb_perspective_name((rb_perspective)p));
    }
    if (*chart == RB_CHART_NONE || cs > *chart) {
      *chart = cs;
    }
  }
  return st;
}

/* The tornado's files, charts and own report (rb_dir_fill). */
static rb_status tornado_fill(rb_dir_job *job, const rb_scenario *sc,
                              rb_run_meta *meta, const void *ctx,
                              rb_diag *diag) {
  const rb_tornado *t = ctx;
  rb_status st = tornado_files(job->tmp, t, sc);
  if (st == RB_OK && t->n > 0) {
    st = tornado_charts(&job->chart, job->tmp, job->dir, t, sc, diag);
  }
  if (st == RB_OK) {
    /* The tornado's own report.html and workbook.xlsx (with charts/),
     * from tornado.json; a chart gnuplot cannot draw never fails the
     * tornado. */
    st = rb_write_tornado_report_files(job->tmp, sc, meta, diag);
  }
  return st;
}

rb_status rb_tornado_dir_write(rb_chart_state *chart, const char *dir,
                               bool force, const rb_tornado *t,
                               const rb_scenario *sc, rb_run_meta *meta,
                               rb_diag *diag) {
  return rb_dir_write(chart, dir, force, sc, meta, "tornado", diag,
                      tornado_fill, t);
}
