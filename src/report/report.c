/* The documents of a results folder for people: report.html and
 * workbook.xlsx with their charts (docs/report.md).  The top of the report
 * layer (context.h has its order): the entry points of rentbridge/report.h
 * build the context of one report, read the sweep and tornado folders that
 * stand beside a run (or the sweep's or tornado's own file), and write the
 * charts, the page and the workbook, in that order. */
#include "rentbridge/report.h"

#include "base/file.h"
#include "base/gnuplot.h"
#include "base/io.h"
#include "report/charts.h"
#include "report/context.h"
#include "report/html.h"
#include "report/xlsx.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- sibling folders ----------------------------------------------------- */

/** The largest sweep.json or tornado.json a report reads (a sweep of the
 * 10,000 values allowed is a few MB). */
#define RB_REPORT_JSON_MAX ((size_t)64 << 20)
#define RB_REPORT_JSON_MAX_TEXT "64 MB"

/* Load a sibling JSON file; NULL (with a note in diag) when it is there but
 * unreadable, not a regular file (a FIFO is never waited for), larger than
 * RB_REPORT_JSON_MAX or for another scenario; NULL silently when it is
 * absent. */
static json_t *load_sibling(rb_report_ctx *ctx, const char *path,
                            const char *must_have) {
  size_t len = 0;
  char *text = rb_file_slurp(path, &len, RB_REPORT_JSON_MAX);
  if (text == NULL) {
    if (errno != ENOENT && errno != ENOTDIR) {
      rb_diag_add(ctx->diag, path, 0, NULL, "not included in the report: %s",
                  errno == EINVAL || errno == EISDIR ? "not a regular file"
                  : errno == EFBIG ? "larger than " RB_REPORT_JSON_MAX_TEXT
                                   : strerror(errno));
    }
    return NULL;
  }
  json_error_t err;
  json_t *j = json_loadb(text, len, 0, &err);
  free(text);
  if (j == NULL) {
    rb_diag_add(ctx->diag, path, err.line, NULL,
                "not included in the report: %s", err.text);
    return NULL;
  }
  const char *name = json_string_value(json_object_get(j, "scenario"));
  if (!json_is_object(j) || json_object_get(j, must_have) == NULL ||
      name == NULL || strcmp(name, ctx->sc->info.name) != 0) {
    rb_diag_add(ctx->diag, path, 0, NULL,
                "not included in the report: not a %s of scenario %s",
                must_have[0] == 'b'   ? "tornado"
                : must_have[0] == 'w' ? "waivers file"
                : must_have[0] == 'e' ? "value-of-information file"
                                      : "sweep",
                ctx->sc->info.name);
    json_decref(j);
    return NULL;
  }
  return j;
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_siblings(rb_report_ctx *ctx, const char *parent) {
  char path[4096];
  const char *name = ctx->sc->info.name;
  if (parent == NULL || parent[0] == '\0') {
    parent = ".";
  }
  snprintf(path, sizeof path, "%s/%s-tornado/tornado.json", parent, name);
  ctx->tornado = load_sibling(ctx, path, "bars");
  /* The waivers' prices: the folder's own (a waivers folder), else the
   * waivers folder beside the run. */
  snprintf(path, sizeof path, "%s/waivers.json", ctx->dir);
  ctx->waivers = load_sibling(ctx, path, "waivers");
  if (ctx->waivers == NULL) {
    snprintf(path, sizeof path, "%s/%s-waivers/waivers.json", parent, name);
    ctx->waivers = load_sibling(ctx, path, "waivers");
  }

  DIR *d = opendir(parent);
  if (d == NULL) {
    return;
  }
  char prefix[512];
  snprintf(prefix, sizeof prefix, "%s-sweep-", name);
  size_t plen = strlen(prefix);
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) {
    /* <name>-sweep-<key>; a '.' marks an earlier copy kept as <dir>.N */
    if (strncmp(e->d_name, prefix, plen) == 0 && e->d_name[plen] != '\0' &&
        strchr(e->d_name, '.') == NULL) {
      names[n] = strdup(e->d_name);
      if (names[n] != NULL) {
        n++;
      }
    }
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], cmp_str);
  for (int i = 0; i < n; i++) {
    if (ctx->n_sweeps < RB_MAX_SWEEPS) {
      snprintf(path, sizeof path, "%s/%s/sweep.json", parent, names[i]);
      json_t *j = load_sibling(ctx, path, "values");
      if (j != NULL) {
        ctx->sweeps[ctx->n_sweeps++] = j;
      }
    }
    free(names[i]);
  }
}

/* ---- entry points -------------------------------------------------------- */

static rb_status ctx_new(rb_report_ctx **out, const char *dir,
                         const rb_scenario *sc, const rb_results *res,
                         const rb_run_meta *meta, rb_report_kind kind,
                         rb_diag *diag) {
  rb_report_ctx *ctx = calloc(1, sizeof *ctx);
  *out = ctx;
  if (ctx == NULL) {
    rb_diag_add(diag, "report.html", 0, NULL,
                "report.html and workbook.xlsx not written: out of memory");
    return RB_ENOMEM;
  }
  ctx->dir = dir;
  ctx->sc = sc;
  ctx->res = res;
  ctx->meta = meta;
  ctx->diag = diag;
  ctx->kind = kind;
  ctx->horizon = res != NULL ? res->horizon : sc->info.horizon_months;
  ctx->replications = res != NULL ? res->replications : meta->replications;
  ctx->da = sc->info.language != RB_LANG_EN;
  char path[4096];
  rb_sha256_file(ctx->sha_scenario, meta->scenario_path);
  snprintf(path, sizeof path, "%s/scenario.cfg", dir);
  rb_sha256_file(ctx->sha_resolved, path);
  snprintf(path, sizeof path, "%s/rules.cfg", dir);
  rb_sha256_file(ctx->sha_rules, path);
  return RB_OK;
}

/* gnuplot's drawing on a thread of its own (rb_report_charts_draw). */
static void *draw_thread(void *draw) {
  rb_report_charts_draw(draw);
  return NULL;
}

/* The charts and the workbook, then the page (which shows the charts);
 * the first that cannot be written stops the rest.  gnuplot draws on a
 * thread of its own while the workbook is written (its charts are
 * Excel's, and it reads nothing the drawing writes), when there are two
 * cores.  A POSIX thread, not OpenMP: a process forked after an OpenMP
 * team (the live page's children, the tests') cannot start another. */
static rb_status ctx_write_and_free(rb_report_ctx *ctx) {
  rb_gnuplot_budget_begin();
  rb_chart_draw *draw = NULL;
  rb_status st = rb_report_charts_begin(ctx, &draw);
  if (st == RB_OK) {
    pthread_t th;
    const bool beside = rb_gnuplot_jobs() > 1 &&
                        pthread_create(&th, NULL, draw_thread, draw) == 0;
    if (!beside) {
      rb_report_charts_draw(draw);
    }
    st = rb_report_xlsx(ctx);
    if (beside) {
      pthread_join(th, NULL);
    }
  }
  rb_report_charts_end(ctx, draw);
  rb_gnuplot_budget_end();
  if (st == RB_OK && (st = rb_report_html(ctx)) != RB_OK) {
    rb_diag_add(ctx->diag, ctx->dir, 0, NULL,
                "report.html cannot be written: %s", strerror(errno));
  }
  json_decref(ctx->tornado);
  json_decref(ctx->waivers);
  json_decref(ctx->voi);
  for (int i = 0; i < ctx->n_sweeps; i++) {
    json_decref(ctx->sweeps[i]);
  }
  free(ctx);
  return st;
}

rb_status rb_write_report_files(const char *dir, const char *results_parent,
                                const rb_scenario *sc, const rb_results *res,
                                const rb_run_meta *meta, rb_diag *diag) {
  rb_report_ctx *ctx;
  rb_status st = ctx_new(&ctx, dir, sc, res, meta, RB_REPORT_RUN, diag);
  if (st != RB_OK) {
    return st;
  }
  load_siblings(ctx, results_parent);
  if (res != NULL && res->n_drawn > 0) {
    char path[4096];
    snprintf(path, sizeof path, "%s/voi.json", dir);
    ctx->voi = load_sibling(ctx, path, "entries");
  }
  return ctx_write_and_free(ctx);
}

/* A sweep's or a tornado's own report, from the JSON file just written into
 * its folder. */
static rb_status write_own_report(const char *dir, const rb_scenario *sc,
                                  const rb_run_meta *meta, rb_report_kind kind,
                                  rb_diag *diag) {
  rb_report_ctx *ctx;
  rb_status st = ctx_new(&ctx, dir, sc, NULL, meta, kind, diag);
  if (st != RB_OK) {
    return st;
  }
  const char *name = kind == RB_REPORT_SWEEP ? "sweep.json" : "tornado.json";
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  json_t *j =
      load_sibling(ctx, path, kind == RB_REPORT_SWEEP ? "values" : "bars");
  if (j == NULL) {
    rb_diag_add(diag, path, 0, NULL,
                "cannot be read back: report.html and workbook.xlsx not "
                "written");
    free(ctx);
    return RB_EIO;
  }
  if (kind == RB_REPORT_SWEEP) {
    ctx->sweeps[ctx->n_sweeps++] = j;
  } else {
    ctx->tornado = j;
  }
  json_t *reps = json_object_get(j, "replications");
  if (json_is_integer(reps)) {
    ctx->replications = (int)json_integer_value(reps);
  }
  json_t *hz = json_object_get(j, "horizon_months");
  if (json_is_integer(hz)) {
    ctx->horizon = (int)json_integer_value(hz);
  }
  return ctx_write_and_free(ctx);
}

rb_status rb_write_sweep_report_files(const char *dir, const rb_scenario *sc,
                                      const rb_run_meta *meta, rb_diag *diag) {
  return write_own_report(dir, sc, meta, RB_REPORT_SWEEP, diag);
}

rb_status rb_write_tornado_report_files(const char *dir, const rb_scenario *sc,
                                        const rb_run_meta *meta,
                                        rb_diag *diag) {
  return write_own_report(dir, sc, meta, RB_REPORT_TORNADO, diag);
}
