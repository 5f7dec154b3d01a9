/* A run's results folder (rentbridge/folder.h): the scenario, the files for
 * programs, a psa run's histograms, the report, the manifest. */
#include "folder/folder_internal.h"
#include "rentbridge/output.h"
#include "rentbridge/report.h"
#include "report/decision_charts.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

/* Where sweep and tornado folders of the same scenario stand: beside
 * @p dir. */
static void results_parent(char parent[PATH_MAX], const char *dir) {
  snprintf(parent, PATH_MAX, "%s", dir);
  char *slash = strrchr(parent, '/');
  if (slash == NULL) {
    snprintf(parent, PATH_MAX, ".");
  } else if (slash == parent) {
    parent[1] = '\0';
  } else {
    *slash = '\0';
  }
}

/* The run's summary, tables, charts and report (rb_dir_fill). */
rb_status rb_dir_run_fill(rb_dir_job *job, const rb_scenario *sc,
                          rb_run_meta *meta, const void *ctx, rb_diag *diag) {
  const rb_results *res = ctx;
  char path[PATH_MAX];
  rb_status st = RB_OK;
  if (snprintf(path, sizeof path, "%s/summary.json", job->tmp) >=
      (int)sizeof path) {
    st = RB_EIO;
  }
  if (st == RB_OK) {
    st = rb_write_summary_json(path, sc, res);
  }
  if (st == RB_OK) {
    st = rb_write_csvs(job->tmp, sc, res);
  }
  if (st == RB_OK) {
    st = rb_psa_charts(job->tmp, sc, res);
  }
  if (st == RB_OK) {
    char parent[PATH_MAX];
    results_parent(parent, job->dir);
    st = rb_write_report_files(job->tmp, parent, sc, res, meta, diag);
  }
  return st;
}

rb_status rb_results_dir_write(const char *dir, bool force,
                               const rb_scenario *sc, const rb_results *res,
                               rb_run_meta *meta, rb_diag *diag) {
  return rb_dir_write(NULL, dir, force, sc, meta, NULL, diag, rb_dir_run_fill,
                      res);
}
