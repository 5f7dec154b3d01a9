/* A portfolio's views as CSV files (docs/portfolio.md): the rows of
 * summary.csv, items.csv and outcomes.csv for the whole cohort, each
 * kommune and each target group, after a first column `view`. */
#include "base/io.h"
#include "output/group_rows.h"
#include "output/writers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void (*rows_fn)(FILE *f, const rb_results *res,
                        const rb_group_result *g);

/* @p g's rows, each line after "@p view,". */
static rb_status view_rows(FILE *f, const char *view, rows_fn rows,
                           const rb_results *res, const rb_group_result *g) {
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (m == NULL) {
    return RB_ENOMEM;
  }
  rows(m, res, g);
  if (fclose(m) != 0) {
    free(buf);
    return RB_ENOMEM;
  }
  for (char *line = buf; line < buf + len;) {
    char *nl = memchr(line, '\n', (size_t)(buf + len - line));
    size_t n =
        nl != NULL ? (size_t)(nl - line) + 1 : (size_t)(buf + len - line);
    fprintf(f, "%s,", view);
    fwrite(line, 1, n, f);
    line += n;
  }
  free(buf);
  return RB_OK;
}

/* One file: the total, then every kommune, then every target group. */
static rb_status view_file(const char *dir, const char *name, const char *head,
                           rows_fn rows, const rb_results *res) {
  FILE *f = rb_open_in(dir, name);
  if (f == NULL) {
    return RB_EIO;
  }
  fprintf(f, "view,%s", head);
  rb_status st = view_rows(f, "total", rows, res, &res->all);
  for (int k = 0; st == RB_OK && k < res->n_kommuner; k++) {
    st = view_rows(f, "kommune", rows, res, &res->kommuner[k]);
  }
  for (int t = 0; st == RB_OK && t < res->n_targets; t++) {
    st = view_rows(f, "target", rows, res, &res->targets[t]);
  }
  return rb_close_ok(f, st);
}

rb_status rb_views_write_csvs(const char *dir, const rb_scenario *sc,
                              const rb_results *res) {
  if (!sc->views_given || res->n_kommuner == 0) {
    return RB_OK;
  }
  rb_status st = view_file(dir, "views.csv", RB_OUT_SUMMARY_HEAD,
                           rb_out_summary_rows, res);
  if (st == RB_OK) {
    st = view_file(dir, "views_items.csv", RB_OUT_ITEMS_HEAD, rb_out_items_rows,
                   res);
  }
  if (st == RB_OK) {
    st = view_file(dir, "views_outcomes.csv", RB_OUT_OUTCOMES_HEAD,
                   rb_out_outcome_rows, res);
  }
  if (st == RB_OK) {
    st = rb_views_write_budget(dir, sc, res);
  }
  return st;
}
