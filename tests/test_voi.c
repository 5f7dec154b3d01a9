/* The value of information (decision.h, rb_evppi, rb_voi_compute): EVPPI by
 * regression on constructed data and on psa runs whose saving is known
 * exactly (tests/data/decision/psa.cfg: saving = extra × the same discounted
 * citizen-months in every replication). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_bspline.h>
#include <gsl/gsl_multifit.h>
#include <jansson.h>

#include "output/writers.h"
#include "rentbridge/decision.h"
#include "util.h"

#define PSA "tests/data/decision/psa.cfg"

/* A uniform number in [0, 1) from a fixed linear congruential sequence. */
static double lcg(uint64_t *s) {
  *s = *s * 6364136223846793005ULL + 1442695040888963407ULL;
  return (double)(*s >> 11) / 9007199254740992.0;
}

/* y = f(x1) exactly, f a cubic: the spline fits it, so the EVPPI of x1 is
 * the EVPI (to rounding, 1e-9 relative); x2 does not enter y: its EVPPI is
 * only the noise fitted by 6 columns, below 10 % of the EVPI at n = 4000
 * (expected about 3 %: the fitted noise has sd ≈ sd(y)·√(6/n)). */
static void test_voi__evppi_constructed(void **state) {
  (void)state;
  enum { N = 4000 };
  static double x1[N], x2[N], y[N];
  uint64_t s = 42;
  for (int i = 0; i < N; i++) {
    x1[i] = lcg(&s);
    x2[i] = lcg(&s);
    y[i] = 1000.0 * (x1[i] * x1[i] * x1[i] - 0.3);
  }
  double m = 0.0;
  for (int i = 0; i < N; i++) {
    m += y[i];
  }
  m /= N;
  double evpi = rb_voi_loss(y, N, m);
  assert_true(evpi > 50.0);
  const double *one[1] = {x1}, *other[1] = {x2}, *both[2] = {x1, x2};
  double e1, e2, e12, r2;
  int basis;
  assert_int_equal(rb_evppi(&e1, &r2, &basis, y, one, N, 1), RB_OK);
  assert_int_equal(basis, 7);
  assert_true(fabs(e1 - evpi) <= 1e-9 * evpi);
  assert_true(r2 > 1.0 - 1e-9);
  assert_int_equal(rb_evppi(&e2, &r2, NULL, y, other, N, 1), RB_OK);
  assert_true(e2 >= 0.0 && e2 < 0.10 * evpi);
  assert_true(r2 < 0.01);
  assert_int_equal(rb_evppi(&e12, NULL, &basis, y, both, N, 2), RB_OK);
  assert_int_equal(basis, 13);
  assert_true(fabs(e12 - evpi) <= 1e-9 * evpi);
  /* Too few replications for a spline: a straight line; for a line
   * neither: not estimable. */
  assert_int_equal(rb_evppi(&e1, NULL, &basis, y, one, 40, 1), RB_OK);
  assert_int_equal(basis, 2);
  assert_true(e1 >= 0.0);
  assert_int_equal(rb_evppi(&e1, &r2, &basis, y, one, 7, 1), RB_OK);
  assert_int_equal(basis, 0);
  assert_true(isnan(e1) && isnan(r2));
  /* A constant input says nothing. */
  static double c[N];
  const double *cc[1] = {c};
  assert_int_equal(rb_evppi(&e1, NULL, &basis, y, cc, N, 1), RB_OK);
  assert_int_equal(basis, 0);
}

/* The EVPPI of @p y on the spline of @p x by GSL's own truncated SVD
 * (gsl_multifit_linear_tsvd, as rb_evppi fitted each y by itself before it
 * shared one decomposition between perspectives and before it decomposed
 * by a blocked QR): the design built as
 * voi.c's (an intercept, the basis but its first function). */
static double tsvd_evppi(const double *y, const double *x, int n) {
  enum { COLS = 7 };
  gsl_matrix *X = gsl_matrix_alloc((size_t)n, COLS);
  gsl_bspline_workspace *bw = gsl_bspline_alloc(4, 5);
  gsl_vector *B = gsl_vector_alloc(COLS); /* 5 + 4 − 2 functions */
  double lo = x[0], hi = x[0];
  for (int i = 1; i < n; i++) {
    lo = x[i] < lo ? x[i] : lo;
    hi = x[i] > hi ? x[i] : hi;
  }
  gsl_bspline_knots_uniform(lo, hi, bw);
  for (int i = 0; i < n; i++) {
    gsl_matrix_set(X, (size_t)i, 0, 1.0);
    assert_int_equal(gsl_bspline_eval(x[i], B, bw), 0);
    for (int j = 1; j < COLS; j++) {
      gsl_matrix_set(X, (size_t)i, (size_t)j, gsl_vector_get(B, (size_t)j));
    }
  }
  gsl_multifit_linear_workspace *w = gsl_multifit_linear_alloc((size_t)n, COLS);
  gsl_vector *c = gsl_vector_alloc(COLS);
  gsl_matrix *cov = gsl_matrix_alloc(COLS, COLS);
  gsl_vector_const_view yv = gsl_vector_const_view_array(y, (size_t)n);
  double chisq;
  size_t rank;
  assert_int_equal(
      gsl_multifit_linear_tsvd(X, &yv.vector, 1e-12, c, cov, &chisq, &rank, w),
      0);
  double *fit = malloc((size_t)n * sizeof *fit);
  gsl_vector_view fv = gsl_vector_view_array(fit, (size_t)n);
  gsl_blas_dgemv(CblasNoTrans, 1.0, X, c, 0.0, &fv.vector);
  double m = 0.0;
  for (int i = 0; i < n; i++) {
    m += y[i];
  }
  double e = rb_voi_loss(fit, n, m / n);
  free(fit);
  gsl_matrix_free(cov);
  gsl_vector_free(c);
  gsl_multifit_linear_free(w);
  gsl_vector_free(B);
  gsl_bspline_free(bw);
  gsl_matrix_free(X);
  return e;
}

/* Three outcomes on one input: rb_evppi_n gives each the EVPPI GSL's
 * gsl_multifit_linear_tsvd gives it by itself (the same least squares by
 * another order of operations: to rounding, 1e-10 relative), and rb_evppi
 * the same one by one, bit for bit. */
static void test_voi__evppi_shared_decomposition(void **state) {
  (void)state;
  enum { N = 3000 };
  static double x[N], y0[N], y1[N], y2[N];
  uint64_t s = 7;
  for (int i = 0; i < N; i++) {
    x[i] = lcg(&s);
    double noise = lcg(&s) - 0.5;
    y0[i] = 800.0 * (x[i] - 0.4) + 300.0 * noise;
    y1[i] = -500.0 * x[i] * x[i] + 120.0 + 400.0 * noise;
    y2[i] = 50.0 * noise;
  }
  const double *xs[1] = {x}, *ys[3] = {y0, y1, y2};
  double e[3], r2[3];
  int basis = 0;
  assert_int_equal(rb_evppi_n(e, r2, &basis, ys, 3, xs, N, 1), RB_OK);
  assert_int_equal(basis, 7);
  for (int k = 0; k < 3; k++) {
    double ref = tsvd_evppi(ys[k], x, N), one, r2_one;
    assert_true(fabs(e[k] - ref) <= 1e-10 * ref);
    assert_int_equal(rb_evppi(&one, &r2_one, NULL, ys[k], xs, N, 1), RB_OK);
    assert_true(memcmp(&one, &e[k], sizeof one) == 0);
    assert_true(memcmp(&r2_one, &r2[k], sizeof r2_one) == 0);
  }
  assert_true(e[0] > 10.0 && e[1] > 10.0);
}

/* An input of three values: its spline's seven columns span only three
 * directions, so the SVD leaves four out, as gsl_multifit_linear_tsvd does;
 * the fit is the mean of y at each value, and the EVPPI GSL's to rounding. */
static void test_voi__evppi_collinear_design(void **state) {
  (void)state;
  enum { N = 900 };
  static double x[N], y[N];
  uint64_t s = 11;
  double sum[3] = {0}, cnt[3] = {0};
  for (int i = 0; i < N; i++) {
    int v = (int)(3.0 * lcg(&s));
    x[i] = 1.0 + 0.5 * v;
    y[i] = (v == 1 ? 40.0 : -25.0) + 300.0 * (lcg(&s) - 0.5);
    sum[v] += y[i];
    cnt[v] += 1.0;
  }
  const double *xs[1] = {x};
  double e, r2;
  int basis = 0;
  assert_int_equal(rb_evppi(&e, &r2, &basis, y, xs, N, 1), RB_OK);
  assert_int_equal(basis, 7);
  double ref = tsvd_evppi(y, x, N);
  assert_true(fabs(e - ref) <= 1e-10 * ref);
  /* By hand: the loss of the mean's decision at each value's mean. */
  double m = 0.0, fit[N];
  for (int i = 0; i < N; i++) {
    m += y[i];
  }
  m /= N;
  for (int i = 0; i < N; i++) {
    int v = (int)((x[i] - 1.0) / 0.5 + 0.5);
    fit[i] = sum[v] / cnt[v];
  }
  assert_true(fabs(e - rb_voi_loss(fit, N, m)) <= 1e-9 * e);
  assert_true(e > 1.0);
}

static const rb_voi_entry *entry(const rb_voi *v, const char *name) {
  for (int i = 0; i < v->n_entries; i++) {
    if (strcmp(v->entries[i].name, name) == 0) {
      return &v->entries[i];
    }
  }
  fail_msg("no entry %s", name);
  return NULL;
}

/* A psa run: `extra` from −1,000 to 1,000 kr a month (so the scheme saves
 * money in about half the worlds) is the only value that moves the saving;
 * the relocation cost is never booked and the shelter's cost is booked in
 * both arms for the same months.  EVPI ≥ every EVPPI ≥ 0; EVPPI(extra) =
 * EVPI within 1e-6 relative (the saving is linear in extra, with no chance
 * variation left); the two that do not enter the saving below 10 % of the
 * EVPI (the noise a 7-column smooth fits at 4,000 replications, about
 * 3 % expected); the group costs.* (shelter, extra) = EVPI. */
static void test_voi__psa_run(void **state) {
  (void)state;
  const char *sets[] = {
      "scenario.replications=4000",
      "costs.[1].per_month={ value = 0.0; low = -1000.0; high = 1000.0; "
      "dist = \"uniform\"; source = \"test\"; }",
      "costs.[0].per_month={ value = 20000.0; low = 15000.0; high = "
      "25000.0; source = \"test\"; }"};
  rb_scenario *sc = ut_load(PSA, sets, 3);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  assert_int_equal(r.n_drawn, 3);
  rb_voi v;
  assert_int_equal(rb_voi_compute(&v, sc, &r), RB_OK);
  assert_int_equal(v.n_single, 3);
  assert_int_equal(v.citizens, 10);
  for (int p = 0; p < RB_P_COUNT; p++) {
    double evpi = v.evpi[p];
    assert_true(evpi > 1000.0);
    for (int i = 0; i < v.n_entries; i++) {
      assert_true(v.entries[i].evppi[p] >= 0.0);
      assert_true(v.entries[i].evppi[p] <= evpi * (1.0 + 1e-9));
    }
    const rb_voi_entry *extra = entry(&v, "costs.[1].per_month");
    assert_true(fabs(extra->evppi[p] - evpi) <= 1e-6 * evpi);
    assert_true(entry(&v, "subsidy.relocation_cost")->evppi[p] < 0.1 * evpi);
    assert_true(entry(&v, "costs.[0].per_month")->evppi[p] < 0.1 * evpi);
    const rb_voi_entry *g = entry(&v, "costs.*");
    assert_true(g->group);
    assert_int_equal(g->n_values, 2);
    assert_true(fabs(g->evppi[p] - evpi) <= 1e-6 * evpi);
    int order[4];
    rb_voi_order(order, &v, (rb_perspective)p);
    assert_true(v.entries[order[0]].evppi[p] >=
                v.entries[order[v.n_entries - 1]].evppi[p]);
    assert_string_equal(v.entries[order[v.n_entries - 1]].name,
                        "subsidy.relocation_cost");
  }
  /* The files: the EVPI first, then the entries by the kommune's EVPPI,
   * per citizen and for the 10 citizens. */
  char *dir = ut_mkdtemp("voi");
  assert_non_null(dir);
  assert_int_equal(rb_voi_write_files(dir, sc, &r), RB_OK);
  json_t *j = ut_json_in(dir, "voi.json");
  double e =
      json_number_value(json_object_get(json_object_get(j, "evpi"), "kommune"));
  double ep = json_number_value(
      json_object_get(json_object_get(j, "evpi_population"), "kommune"));
  assert_true(fabs(e - v.evpi[RB_P_KOMMUNE]) <= 1e-9 * e);
  assert_true(fabs(ep - 10.0 * e) <= 1e-9 * ep);
  json_decref(j);
  ut_file_has(dir, "voi.csv", "0,evpi,every drawn value,3,0,");
  ut_rm_tree(dir);
  free(dir);
  rb_voi_free(&v);
  /* Not a psa run. */
  rb_results_free(&r);
  rb_scenario_free(sc);
  const char *st[] = {"scenario.mode=\"stochastic\""};
  sc = ut_load(PSA, st, 1);
  assert_int_equal(ut_run(&r, sc, 1), 0);
  assert_int_equal(rb_voi_compute(&v, sc, &r), RB_EINTERNAL);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* A psa run's folder: voi.csv, voi.json, the chart, the report's section
 * (the EVPI in words) and the workbook's sheet. */
static void test_voi__report_and_workbook(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("voi-run");
  assert_non_null(dir);
  char cmd[2048];
  snprintf(cmd, sizeof cmd,
           "%s run " PSA " --replications 400 --out %s/psa --quiet --set "
           "'costs.[1].per_month={ value = 0.0; low = -1000.0; high = 1000.0; "
           "dist = \"uniform\"; source = \"test\"; }'",
           ut_bin(), dir);
  int status = -1;
  free(ut_run_cmd(cmd, &status));
  assert_int_equal(status, 0);
  char sub[1024];
  snprintf(sub, sizeof sub, "%s/psa", dir);
  assert_true(ut_file_exists(sub, "voi.csv"));
  assert_true(ut_file_exists(sub, "charts/voi.gp"));
  ut_file_has(sub, "report.html", "<section id=\"voi\">");
  ut_file_has(sub, "report.html",
              "Knowing every assumption before deciding is worth ");
  ut_file_has(sub, "report.html", "costs.<wbr>[1].<wbr>per_month");
  ut_xlsx_has(sub, "xl/workbook.xml", "<sheet name=\"What to measure\"");
  ut_rm_tree(dir);
  free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_voi__evppi_constructed),
      cmocka_unit_test(test_voi__evppi_shared_decomposition),
      cmocka_unit_test(test_voi__evppi_collinear_design),
      cmocka_unit_test(test_voi__psa_run),
      cmocka_unit_test(test_voi__report_and_workbook),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
