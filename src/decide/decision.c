/* Decision analysis: pure helpers (crossings, argmax, the sweep's values),
 * the drivers of a psa run's uncertainty, and charts drawn by gnuplot. */
#include "rentbridge/decision.h"
#include "base/csv.h"
#include "base/gnuplot.h"
#include "base/io.h"
#include "base/numfmt.h"
#include "decide/decision_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* ---- pure helpers ----------------------------------------------------------
 */

int rb_decision_crossings(double *out, int max_out, const double *x,
                          const double *y, int n) {
  int found = 0;
  int prev = -1;       /* last point with a finite, non-zero y */
  int first_zero = -1; /* first exact zero since prev */
  for (int i = 0; i < n; i++) {
    if (!isfinite(y[i]) || !isfinite(x[i])) {
      prev = -1;
      first_zero = -1;
      continue;
    }
    if (y[i] == 0.0) {
      if (first_zero < 0) {
        first_zero = i;
      }
      continue;
    }
    if (prev >= 0 && (y[prev] > 0.0) != (y[i] > 0.0)) {
      double c;
      if (first_zero >= 0) {
        c = x[first_zero];
      } else {
        c = x[prev] + (x[i] - x[prev]) * y[prev] / (y[prev] - y[i]);
      }
      if (found < max_out) {
        out[found] = c;
      }
      found++;
    }
    prev = i;
    first_zero = -1;
  }
  return found;
}

int rb_decision_argmax(const double *y, int n) {
  int best = -1;
  for (int i = 0; i < n; i++) {
    if (isfinite(y[i]) && (best < 0 || y[i] > y[best])) {
      best = i;
    }
  }
  return best;
}

#define RB_SWEEP_MAX_VALUES 10000

rb_status rb_sweep_values(double **out, int *n, double from, double to,
                          double step, bool integer, rb_diag *diag) {
  *out = NULL;
  *n = 0;
  if (!isfinite(from) || !isfinite(to) || !isfinite(step)) {
    rb_diag_add(diag, NULL, 0, NULL,
                "--from, --to and --step must be finite numbers");
    return RB_EUSAGE;
  }
  if (step <= 0.0) {
    rb_diag_add(diag, NULL, 0, NULL, "--step must be above 0 (got %g)", step);
    return RB_EUSAGE;
  }
  if (to < from) {
    rb_diag_add(diag, NULL, 0, NULL,
                "--to must not be below --from (got %g and %g)", to, from);
    return RB_EUSAGE;
  }
  if (integer && (from != floor(from) || step != floor(step))) {
    rb_diag_add(diag, NULL, 0, NULL,
                "the key takes whole numbers: --from and --step must be "
                "integers (got %g and %g)",
                from, step);
    return RB_EUSAGE;
  }
  double count = floor((to - from) / step + 1e-9) + 1.0;
  if (count > RB_SWEEP_MAX_VALUES) {
    rb_diag_add(diag, NULL, 0, NULL,
                "at most %d values in a sweep (got %.0f); use a larger --step",
                RB_SWEEP_MAX_VALUES, count);
    return RB_EUSAGE;
  }
  int k = (int)count;
  double *v = malloc((size_t)k * sizeof *v);
  if (v == NULL) {
    return RB_ENOMEM;
  }
  for (int i = 0; i < k; i++) {
    double x = from + (double)i * step;
    if (!integer) {
      char buf[64];
      snprintf(buf, sizeof buf, "%.15g", x);
      x = strtod(buf, NULL);
    }
    v[i] = x;
  }
  *out = v;
  *n = k;
  return RB_OK;
}

void rb_sweep_literal(char *buf, size_t n, double v, bool integer) {
  if (v == floor(v) && fabs(v) < 2147483648.0) {
    snprintf(buf, n, "%.0f", v);
  } else if (integer && v == floor(v)) {
    snprintf(buf, n, "%.0fL", v);
  } else {
    snprintf(buf, n, "%.17g", v);
    /* A whole number from 2^31 on must read as a float. */
    if (strpbrk(buf, ".eEn") == NULL) {
      size_t len = strlen(buf);
      if (len + 2 < n) {
        memcpy(buf + len, ".0", 3);
      }
    }
  }
}

/* ---- psa drivers -----------------------------------------------------------
 */

static int cmp_driver(const void *a, const void *b) {
  const rb_psa_driver *x = a, *y = b;
  bool nx = isnan(x->rho), ny = isnan(y->rho);
  if (nx != ny) {
    return nx ? 1 : -1;
  }
  if (!nx) {
    double ax = fabs(x->rho), ay = fabs(y->rho);
    if (ax != ay) {
      return ax > ay ? -1 : 1;
    }
  }
  return (x->param > y->param) - (x->param < y->param);
}

static bool constant_series(const double *x, size_t stride, size_t n) {
  for (size_t i = 1; i < n; i++) {
    if (x[i * stride] != x[0]) {
      return false;
    }
  }
  return true;
}

rb_status rb_psa_drivers(rb_psa_driver *out, const rb_results *res,
                         rb_perspective p, int disc) {
  if (res->n_drawn <= 0 || res->drawn == NULL || res->rep_saving == NULL ||
      res->replications < 1) {
    return RB_EINTERNAL;
  }
  size_t R = (size_t)res->replications;
  double *work = malloc(2 * R * sizeof *work);
  if (work == NULL) {
    return RB_ENOMEM;
  }
  const double *sv = res->rep_saving + (size_t)disc * RB_P_COUNT + (size_t)p;
  const size_t sv_stride = 2 * RB_P_COUNT;
  bool sv_const = constant_series(sv, sv_stride, R);
  for (int k = 0; k < res->n_drawn; k++) {
    const double *x = res->drawn + k;
    out[k].param = res->drawn_param[k];
    if (R < 2 || sv_const || constant_series(x, (size_t)res->n_drawn, R)) {
      out[k].rho = NAN;
    } else {
      out[k].rho =
          gsl_stats_spearman(x, (size_t)res->n_drawn, sv, sv_stride, R, work);
    }
  }
  free(work);
  qsort(out, (size_t)res->n_drawn, sizeof *out, cmp_driver);
  return RB_OK;
}

/* ---- files and texts --------------------------------------------------------
 */

void rb_decision__engine_progress(void *ctx, int done, int total) {
  const rb_decision__progress *p = ctx;
  p->fn(p->ctx, p->run, p->runs, done, total);
}

json_t *rb_decision__json_num(double x) {
  return isfinite(x) ? json_real(x) : json_null();
}

rb_status rb_decision__json_write(json_t *root, const char *dir,
                                  const char *name) {
  char path[4096];
  int k = snprintf(path, sizeof path, "%s/%s", dir, name);
  if (k < 0 || (size_t)k >= sizeof path) {
    json_decref(root);
    return RB_EIO;
  }
  int rc = json_dump_file(root, path,
                          JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                              JSON_REAL_PRECISION(12));
  json_decref(root);
  return rc == 0 ? RB_OK : RB_EIO;
}

rb_status rb_decision__text_write(const char *dir, const char *name,
                                  const char *text) {
  FILE *f = rb_open_in(dir, name);
  if (f != NULL) {
    fputs(text, f);
  }
  return rb_close_ok(f, RB_OK);
}

void rb_decision__add(rb_decision__text *t, const char *fmt, ...) {
  if (!t->ok) {
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  int k = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (k < 0) {
    t->ok = false;
    return;
  }
  if (t->len + (size_t)k + 1 > t->cap) {
    size_t cap = t->cap ? t->cap : 256;
    while (cap < t->len + (size_t)k + 1) {
      cap *= 2;
    }
    char *s = realloc(t->s, cap);
    if (s == NULL) {
      t->ok = false;
      return;
    }
    t->s = s;
    t->cap = cap;
  }
  va_start(ap, fmt);
  vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
  va_end(ap);
  t->len += (size_t)k;
}

void rb_decision__fmt_value(char *buf, size_t n, double x, bool danish) {
  if (!isfinite(x)) {
    snprintf(buf, n, "-");
    return;
  }
  if (x == floor(x) || fabs(x) >= 100.0) {
    rb_fmt_kr(buf, n, x, danish);
    return;
  }
  snprintf(buf, n, "%.4g", x);
  if (danish) {
    for (char *c = buf; *c; c++) {
      if (*c == '.') {
        *c = ',';
      }
    }
  }
}

void rb_decision__fmt_pct(char *buf, size_t n, double share, bool danish) {
  if (!isfinite(share)) {
    snprintf(buf, n, "-");
    return;
  }
  snprintf(buf, n, "%.1f", 100.0 * share);
  if (danish) {
    for (char *c = buf; *c; c++) {
      if (*c == '.') {
        *c = ',';
      }
    }
  }
}

const char *rb_decision__persp_label(int p, bool danish) {
  return rb_perspective_label((rb_perspective)p, danish);
}

#define HIST_BINS 30

/* The histogram of one perspective's discounted saving: HIST_BINS equal bins
 * from the smallest to the largest value (one bin when all are equal). */
static rb_status write_histogram(const char *charts, const rb_results *res,
                                 int p, bool da) {
  size_t R = (size_t)res->replications;
  const double *sv = res->rep_saving + (size_t)p;
  const size_t stride = 2 * RB_P_COUNT;
  double lo = sv[0], hi = sv[0], sum = 0.0;
  for (size_t r = 0; r < R; r++) {
    double x = sv[r * stride];
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
    sum += x;
  }
  int nb = hi > lo ? HIST_BINS : 1;
  double w = hi > lo ? (hi - lo) / nb : 1.0;
  int counts[HIST_BINS] = {0};
  for (size_t r = 0; r < R; r++) {
    int b = hi > lo ? (int)((sv[r * stride] - lo) / w) : 0;
    b = b < 0 ? 0 : b >= nb ? nb - 1 : b;
    counts[b]++;
  }
  char name[64];
  snprintf(name, sizeof name, "psa_saving_%s.csv",
           rb_perspective_name((rb_perspective)p));
  FILE *f = rb_open_in(charts, name);
  rb_status st = RB_OK;
  if (f != NULL) {
    fputs("bin_low,bin_high,replications,share\n", f);
    for (int b = 0; b < nb; b++) {
      double a = hi > lo ? lo + w * b : lo - 0.5;
      double z = hi > lo ? (b == nb - 1 ? hi : lo + w * (b + 1)) : hi + 0.5;
      rb_csv_num(f, a);
      fputc(',', f);
      rb_csv_num(f, z);
      fprintf(f, ",%d,", counts[b]);
      rb_csv_num(f, (double)counts[b] / (double)R);
      fputc('\n', f);
    }
  }
  st = rb_close_ok(f, st);
  if (st != RB_OK) {
    return st;
  }
  snprintf(name, sizeof name, "psa_saving_%s.gp",
           rb_perspective_name((rb_perspective)p));
  f = rb_open_in(charts, name);
  if (f != NULL) {
    char pct[32];
    rb_decision__fmt_pct(pct, sizeof pct,
                         res->all.persp[0][p].saving.prob_positive, da);
    fprintf(f,
            "# Histogram of the discounted saving per citizen over the psa\n"
            "# replications (%s perspective); data: psa_saving_%s.csv.\n"
            "set terminal svg size 800,480 dynamic font 'Sans,12'\n"
            "set output 'psa_saving_%s.svg'\n"
            "set termoption noenhanced\n"
            "set datafile separator ','\n"
            "k = 1000.0\n"
            "set title '%s, %s: %s %s %% %s'\n"
            "set xlabel '%s'\n"
            "set ylabel '%s'\n"
            "set style fill solid 0.6 border -1\n"
            "set grid ytics\n"
            "set key top left\n"
            "set arrow from 0, graph 0 to 0, graph 1 nohead lw 2 lc rgb "
            "'black' front\n"
            "set arrow from %.6f / k, graph 0 to %.6f / k, graph 1 nohead "
            "dt 2 lw 2 lc rgb '#c0392b' front\n"
            "plot 'psa_saving_%s.csv' skip 1 using (($1 + $2) / 2 / k):4:"
            "(($2 - $1) / k) with boxes lc rgb '#2e86c1' title '%s', \\\n"
            "     NaN with lines dt 2 lw 2 lc rgb '#c0392b' title '%s'\n",
            rb_perspective_name((rb_perspective)p),
            rb_perspective_name((rb_perspective)p),
            rb_perspective_name((rb_perspective)p),
            da ? "Besparelse pr. borger" : "Saving per citizen",
            rb_decision__persp_label(p, da),
            da ? "ordningen sparer penge i" : "the scheme saves money in", pct,
            da ? "af replikationerne" : "of the replications",
            da ? "1.000 kr. pr. borger (tilbagediskonteret)"
               : "1,000 kr per citizen (discounted)",
            da ? "andel af replikationer" : "share of replications",
            sum / (double)R, sum / (double)R,
            rb_perspective_name((rb_perspective)p), da ? "andel" : "share",
            da ? "middel" : "mean");
  }
  return rb_close_ok(f, RB_OK);
}

rb_status rb_psa_write_files(const char *dir, const rb_scenario *sc,
                             const rb_results *res) {
  if (res->n_drawn <= 0 || res->drawn == NULL || res->rep_saving == NULL) {
    return RB_OK;
  }
  rb_status st = RB_OK;
  rb_psa_driver *d = malloc((size_t)res->n_drawn * sizeof *d);
  if (d == NULL) {
    return RB_ENOMEM;
  }
  FILE *f = rb_open_in(dir, "psa_drivers.csv");
  if (f != NULL) {
    fputs("perspective,rank,key,rho,low,high,dist,source\n", f);
    for (int p = 0; p < RB_P_COUNT && st == RB_OK; p++) {
      st = rb_psa_drivers(d, res, (rb_perspective)p, 0);
      for (int k = 0; st == RB_OK && k < res->n_drawn; k++) {
        const rb_param *pa = &sc->params[d[k].param];
        fprintf(f, "%s,%d,", rb_perspective_name((rb_perspective)p), k + 1);
        rb_csv_str(f, pa->key);
        fputc(',', f);
        rb_csv_num(f, d[k].rho);
        fputc(',', f);
        rb_csv_num(f, pa->low);
        fputc(',', f);
        rb_csv_num(f, pa->high);
        fprintf(f, ",%s,", rb_dist_name(pa->dist));
        rb_csv_str(f, pa->source);
        fputc('\n', f);
      }
    }
  }
  free(d);
  st = rb_close_ok(f, st);
  if (st != RB_OK) {
    return st;
  }
  f = rb_open_in(dir, "psa_savings.csv");
  if (f != NULL) {
    fputs("replication,saving_kommune,saving_public,saving_societal\n", f);
    for (int r = 0; r < res->replications; r++) {
      fprintf(f, "%d", r + 1);
      for (int p = 0; p < RB_P_COUNT; p++) {
        fputc(',', f);
        rb_csv_num(f, res->rep_saving[(size_t)r * 2 * RB_P_COUNT + (size_t)p]);
      }
      fputc('\n', f);
    }
  }
  st = rb_close_ok(f, st);
  if (st != RB_OK) {
    return st;
  }
  char charts[4096];
  int k = snprintf(charts, sizeof charts, "%s/charts", dir);
  if (k < 0 || (size_t)k >= sizeof charts) {
    return RB_EIO;
  }
  if (mkdir(charts, 0777) != 0 && errno != EEXIST) {
    return RB_EIO;
  }
  for (int p = 0; p < RB_P_COUNT && st == RB_OK; p++) {
    st = write_histogram(charts, res, p, sc->info.language == RB_LANG_DA);
    if (st == RB_OK) {
      char gp[64];
      snprintf(gp, sizeof gp, "psa_saving_%s.gp",
               rb_perspective_name((rb_perspective)p));
      /* A chart gnuplot cannot draw leaves its script and data. */
      (void)rb_chart_render(charts, gp);
    }
  }
  return st;
}

/* ---- folders ---------------------------------------------------------------
 */

rb_status rb_decision__dir_finish(rb_status st, const char *tmp,
                                  const char *dir, bool force,
                                  const rb_scenario *sc, rb_run_meta *meta,
                                  rb_decision__report_fn report,
                                  const char *what, rb_diag *diag) {
  if (st == RB_OK) {
    /* The folder's own report.html and workbook.xlsx (with charts/), from
     * the JSON file just written; they never fail the command. */
    report(tmp, sc, meta, diag);
  }
  rb_now_iso(meta->end_time);
  if (st == RB_OK) {
    st = rb_write_manifest(tmp, sc, meta);
  }
  if (st != RB_OK) {
    rb_diag_add(diag, tmp, 0, NULL, "cannot write the %s's results", what);
    rb_dir_discard(tmp);
    return st;
  }
  return rb_dir_commit(tmp, dir, force, diag);
}

/* ---- charts ----------------------------------------------------------------
 */

rb_chart_state rb_chart_render(const char *dir, const char *script) {
  int err, wst;
  switch (rb_gnuplot_run(dir, script, NULL, &err, &wst)) {
  case RB_GP_OK:
    return RB_CHART_DRAWN;
  case RB_GP_NOT_STARTED:
    return RB_CHART_NO_GNUPLOT;
  case RB_GP_FAILED:
  case RB_GP_TIMEOUT:
  default:
    return RB_CHART_FAILED;
  }
}
