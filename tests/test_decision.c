/* Decision analysis: the sweep against `run`, cap 0, a monotone curve, the
 * tornado's zero-width bar, break-even interpolation, and psa drivers and
 * the histogram of the saving on constructed cases. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <gsl/gsl_statistics_double.h>
#include <jansson.h>

#include "base/numfmt.h"
#include "decide/decide.h"
#include "output/writers.h"
#include "rentbridge/decision.h"
#include "rentbridge/output.h"
#include "report/decision_charts.h"
#include "util.h"

#define MONO "tests/data/decision/mono.cfg"
#define PSA "tests/data/decision/psa.cfg"

/* Two statistics are the same numbers bit for bit. */
static void assert_stats_identical(const rb_stats *a, const rb_stats *b) {
  assert_memory_equal(&a->mean, &b->mean, sizeof a->mean);
  assert_memory_equal(&a->sd, &b->sd, sizeof a->sd);
  assert_memory_equal(&a->p2_5, &b->p2_5, sizeof a->p2_5);
  assert_memory_equal(&a->median, &b->median, sizeof a->median);
  assert_memory_equal(&a->p97_5, &b->p97_5, sizeof a->p97_5);
  assert_memory_equal(&a->prob_positive, &b->prob_positive,
                      sizeof a->prob_positive);
}

/* |a − b| ≤ tol, with both numbers in the message. */
static void assert_near(double a, double b, double tol) {
  if (!(fabs(a - b) <= tol)) {
    fail_msg("%.17g differs from %.17g by more than %g", a, b, tol);
  }
}

static void assert_same_double(double a, double b) {
  if (isnan(a) && isnan(b)) {
    return;
  }
  assert_memory_equal(&a, &b, sizeof a);
}

static rb_status sweep(rb_sweep *out, const char *path, const char *key,
                       double from, double to, double step, int threads) {
  rb_sweep_opts o = {0};
  o.threads = threads;
  rb_scenario *base = NULL;
  rb_diag d;
  rb_diag_init(&d);
  rb_status st = rb_sweep_run(out, &base, path, key, from, to, step, &o, &d);
  for (size_t i = 0; i < d.n; i++) {
    fprintf(stderr, "%s\n", d.msgs[i]);
  }
  rb_diag_free(&d);
  rb_scenario_free(base);
  return st;
}

/* sweep() of MONO's @p key, which must succeed with @p n values. */
static void sweep_ok(rb_sweep *out, const char *key, double from, double to,
                     double step, int threads, int n) {
  assert_int_equal(sweep(out, MONO, key, from, to, step, threads), RB_OK);
  assert_int_equal(out->n, n);
}

/* ---- the sweep -------------------------------------------------------------
 */

/* A sweep runs a value that changes one parameter from the scenario swept
 * from, with that parameter changed: each point is, bit for bit, the run of
 * the scenario loaded with KEY=VALUE, in psa mode too, for a plain value
 * (subsidy.cap), an uncertain one drawn per replication (its value, and
 * its range widened to it: costs.[1].per_month) and an uncertain one's
 * `.value` (inside the uniform range: the draws, so the savings, do not
 * move), and for a key that is no parameter (loaded per value). */
static void test_decision__sweep_points_equal_runs(void **state) {
  (void)state;
  static const struct {
    const char *key, *set;
    double from, to, step;
  } cases[] = {
      {"subsidy.cap", "subsidy.cap=%g", 1500.0, 2500.0, 500.0},
      {"costs.[1].per_month", "costs.[1].per_month=%g", 200.0, 2200.0, 1000.0},
      {"costs.[1].per_month.value", "costs.[1].per_month.value=%g", 600.0,
       1400.0, 400.0},
      {"subsidy.period_months", "subsidy.period_months=%g", 12.0, 36.0, 12.0},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    rb_sweep s;
    assert_int_equal(sweep(&s, PSA, cases[c].key, cases[c].from, cases[c].to,
                           cases[c].step, 2),
                     RB_OK);
    assert_int_equal(s.n, 3);
    for (int i = 0; i < s.n; i++) {
      char set[128];
      snprintf(set, sizeof set, cases[c].set, s.points[i].value);
      const char *sets[1] = {set};
      rb_scenario *sc = ut_load(PSA, sets, 1);
      assert_non_null(sc);
      rb_results r;
      assert_int_equal(ut_run(&r, sc, 1), 0);
      for (int p = 0; p < RB_P_COUNT; p++) {
        assert_stats_identical(&s.points[i].saving[p],
                               &r.all.persp[0][p].saving);
      }
      assert_same_double(s.points[i].months_waiting,
                         r.all.outcomes[RB_ARM_INTERVENTION].months_waiting);
      rb_results_free(&r);
      rb_scenario_free(sc);
    }
    /* The drawn cost moves the saving (so the points are not one run). */
    if (c == 1) {
      assert_true(s.points[0].saving[RB_P_KOMMUNE].mean !=
                  s.points[2].saving[RB_P_KOMMUNE].mean);
    }
    rb_sweep_free(&s);
  }
}

/* A point runs only arm 0 and the reference (rb_decide_two_arms): with
 * three arms, pools, the planner's limit and realisable items (network.cfg's
 * costs), each point is still, bit for bit, arm 0 of the run of every arm.
 * Values that reach neither the reference nor the model-wide part run as
 * arms of one run (decide/sweep.c), in passes of up to RB_MAX_ARMS − 1:
 * network.cfg's cap (psa and stochastic, 7 values in one pass, 9 in two);
 * a pool, the discount rate (the whole model) and the offers (the
 * reference's too) one run each. */
static void test_decision__sweep_points_are_the_runs_arms(void **state) {
  (void)state;
  static const struct {
    const char *path, *set, *key;
    double from, to, step;
    int runs;
  } cases[] = {
      {"scenarios/network.cfg", "scenario.replications=3", "subsidy.cap",
       1500.0, 2500.0, 1000.0, 1},
      {"scenarios/network.cfg", "scenario.mode=\"stochastic\"", "subsidy.cap",
       1000.0, 4000.0, 500.0, 1},
      {"scenarios/network.cfg", "scenario.mode=\"stochastic\"", "subsidy.cap",
       500.0, 4500.0, 500.0, 2}, /* 9 values: 5 + 4 */
      /* The experiment for two groups only: the others' arm-0 tables keep
       * the cap in every arm that stands for arm 0. */
      {"scenarios/network.cfg",
       "arms.[0].groups=[\"koebenhavn_homeless\",\"aarhus_youth\"]",
       "subsidy.cap", 1500.0, 2500.0, 1000.0, 1},
      {"scenarios/network.cfg", "scenario.mode=\"stochastic\"",
       "scenario.discount_rate", 0.02, 0.04, 0.02, 2},
      {"scenarios/network.cfg", "scenario.mode=\"stochastic\"",
       "groups.[0].flats.offers_per_month", 0.2, 0.4, 0.2, 2},
      {"scenarios/koebenhavn/homeless-pool.cfg", "subsidy.limit_citizens=4",
       "subsidy.cap", 1500.0, 2500.0, 1000.0, 2},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    const char *const fixed[2] = {cases[c].set, "scenario.replications=3"};
    rb_sweep s;
    rb_sweep_opts o = {0};
    o.threads = 2;
    o.sets = fixed;
    o.n_sets = 2;
    rb_scenario *base = NULL;
    rb_diag d;
    rb_diag_init(&d);
    assert_int_equal(rb_sweep_run(&s, &base, cases[c].path, cases[c].key,
                                  cases[c].from, cases[c].to, cases[c].step, &o,
                                  &d),
                     RB_OK);
    rb_diag_free(&d);
    assert_int_equal(base->n_arms, 3);
    rb_scenario_free(base);
    assert_int_equal(s.runs, cases[c].runs);
    for (int i = 0; i < s.n; i++) {
      char cap[96];
      snprintf(cap, sizeof cap, "%s=%.17g", cases[c].key, s.points[i].value);
      const char *sets[3] = {fixed[0], fixed[1], cap};
      rb_scenario *sc = ut_load(cases[c].path, sets, 3);
      assert_non_null(sc);
      rb_results r;
      assert_int_equal(ut_run(&r, sc, 1), 0);
      assert_int_equal(r.n_arms, 3);
      for (int p = 0; p < RB_P_COUNT; p++) {
        assert_stats_identical(&s.points[i].saving[p],
                               &r.all.persp[0][p].saving);
      }
      const rb_outcomes *ro = &r.all.outcomes[RB_ARM_INTERVENTION];
      assert_same_double(s.points[i].housed_12, ro->housed[0]);
      assert_same_double(s.points[i].housed_24, ro->housed[1]);
      assert_same_double(s.points[i].months_waiting, ro->months_waiting);
      assert_same_double(s.points[i].subsidy_per_month, ro->subsidy_per_month);
      assert_same_double(s.points[i].share_acceptable,
                         ro->offers_accepted_share);
      rb_results_free(&r);
      rb_scenario_free(sc);
    }
    rb_sweep_free(&s);
  }
}

static void test_decision__sweep_single_value_equals_run(void **state) {
  (void)state;
  rb_scenario *sc = ut_load(MONO, NULL, 0);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  /* A real key at the scenario's value, on another thread count. */
  rb_sweep s;
  sweep_ok(&s, "subsidy.cap", 2000.0, 2000.0, 250.0, 3, 1);
  assert_false(s.integer_key);
  assert_true(s.scenario_value == 2000.0);
  for (int p = 0; p < RB_P_COUNT; p++) {
    assert_stats_identical(&s.points[0].saving[p], &r.all.persp[0][p].saving);
  }
  const rb_outcomes *o = &r.all.outcomes[RB_ARM_INTERVENTION];
  assert_same_double(s.points[0].housed_12, o->housed[0]);
  assert_same_double(s.points[0].housed_24, o->housed[1]);
  assert_same_double(s.points[0].months_waiting, o->months_waiting);
  assert_same_double(s.points[0].subsidy_per_month, o->subsidy_per_month);
  assert_same_double(s.points[0].share_acceptable, o->offers_accepted_share);
  rb_sweep_free(&s);
  /* An integer key at the scenario's value. */
  sweep_ok(&s, "subsidy.period_months", 60.0, 60.0, 1.0, 2, 1);
  assert_true(s.integer_key);
  for (int p = 0; p < RB_P_COUNT; p++) {
    assert_stats_identical(&s.points[0].saving[p], &r.all.persp[0][p].saving);
  }
  rb_sweep_free(&s);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_decision__sweep_cap_zero_saves_nothing(void **state) {
  (void)state;
  /* No baseline override, no arm-specific items: at cap 0 the arms are the
   * same and the saving is exactly 0 in every replication. */
  rb_sweep s;
  sweep_ok(&s, "subsidy.cap", 0.0, 1000.0, 1000.0, 2, 2);
  for (int p = 0; p < RB_P_COUNT; p++) {
    const rb_stats *z = &s.points[0].saving[p];
    assert_true(z->mean == 0.0);
    assert_true(z->sd == 0.0);
    assert_true(z->p2_5 == 0.0);
    assert_true(z->p97_5 == 0.0);
    assert_true(z->prob_positive == 0.0);
    /* At 1,000 kr the 3,600 kr flat (gap 533 kr) is taken with the
     * subsidy: the saving is no longer 0. */
    assert_true(s.points[1].saving[p].mean != 0.0);
  }
  assert_true(isnan(s.points[0].subsidy_per_month));
  rb_sweep_free(&s);
}

static void test_decision__sweep_acceptable_share_never_falls(void **state) {
  (void)state;
  rb_sweep s;
  sweep_ok(&s, "subsidy.cap", 0.0, 3000.0, 250.0, 2, 13);
  int rises = 0;
  for (int i = 1; i < s.n; i++) {
    double a = s.points[i - 1].share_acceptable;
    double b = s.points[i].share_acceptable;
    if (b < a) {
      fail_msg("share acceptable falls from %.6f at %g to %.6f at %g", a,
               s.points[i - 1].value, b, s.points[i].value);
    }
    rises += b > a;
    if (s.points[i].housed_12 < s.points[i - 1].housed_12) {
      fail_msg("housed at 12 months falls at cap %g", s.points[i].value);
    }
  }
  /* The gaps of the four dearer rents are 533, 1,213, 1,893 and 2,573 kr
   * (rentbridge subsidy): the share rises after each. */
  assert_int_equal(rises, 4);
  /* Best value and crossings agree with the means. */
  for (int p = 0; p < RB_P_COUNT; p++) {
    int b = s.best[p];
    assert_true(b >= 0);
    for (int i = 0; i < s.n; i++) {
      assert_true(s.points[i].saving[p].mean <= s.points[b].saving[p].mean);
    }
  }
  rb_sweep_free(&s);
}

static void test_decision__sweep_break_even(void **state) {
  (void)state;
  /* The shelter's monthly cost decides the kommune's case: a loss when it
   * is cheap, a saving when it is dear. */
  rb_sweep s;
  sweep_ok(&s, "costs.[0].per_month", 0.0, 20000.0, 5000.0, 2, 5);
  const int K = RB_P_KOMMUNE;
  assert_true(s.points[0].saving[K].mean < 0.0);
  assert_true(s.points[4].saving[K].mean > 0.0);
  assert_int_equal(s.n_break_even[K], 1);
  int i = 0;
  while (!(s.points[i].saving[K].mean < 0.0 &&
           s.points[i + 1].saving[K].mean > 0.0)) {
    i++;
  }
  double y0 = s.points[i].saving[K].mean, y1 = s.points[i + 1].saving[K].mean;
  double want = s.points[i].value + 5000.0 * y0 / (y0 - y1);
  assert_true(s.break_even[K][0] == want);
  assert_int_equal(s.best[K], 4);
  char *text = NULL;
  assert_int_equal(rb_sweep_summary(&text, &s), RB_OK);
  char be[64], line[256];
  rb_fmt_kr(be, sizeof be, want, false);
  snprintf(line, sizeof line,
           "  kommune         break-even at costs.[0].per_month ≈ %s (the "
           "saving turns positive); largest saving ",
           be);
  if (strstr(text, line) == NULL) {
    fail_msg("missing \"%s\" in:\n%s", line, text);
  }
  free(text);
  rb_sweep_free(&s);
}

static void test_decision__sweep_bad_bounds(void **state) {
  (void)state;
  rb_sweep s;
  /* An integer key needs whole numbers. */
  assert_int_equal(sweep(&s, MONO, "subsidy.period_months", 12.5, 24.0, 6.0, 1),
                   RB_EUSAGE);
  rb_sweep_free(&s);
  /* An unknown key is the loader's error, with the value that failed. */
  rb_sweep_opts o = {0};
  rb_scenario *base = NULL;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(
      rb_sweep_run(&s, &base, MONO, "subsidy.capp", 0.0, 1.0, 1.0, &o, &d),
      RB_EINVALID);
  assert_null(base);
  assert_true(d.n >= 2);
  assert_string_equal(d.msgs[d.n - 1],
                      MONO ": the sweep stopped at subsidy.capp=0");
  rb_diag_free(&d);
  rb_sweep_free(&s);
}

static void test_decision__sweep_values(void **state) {
  (void)state;
  double *v = NULL;
  int n = 0;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_sweep_values(&v, &n, 0.0, 4000.0, 250.0, false, &d),
                   RB_OK);
  assert_int_equal(n, 17);
  assert_true(v[8] == 2000.0);
  assert_true(v[16] == 4000.0);
  free(v);
  /* 0.1 + 2 · 0.1 is 0.30000000000000004 in doubles; the sweep uses 0.3. */
  assert_int_equal(rb_sweep_values(&v, &n, 0.1, 0.5, 0.1, false, &d), RB_OK);
  assert_int_equal(n, 5);
  assert_true(v[2] == 0.3);
  assert_true(v[4] == 0.5);
  free(v);
  /* (to − from)/step a hair below a whole number still reaches to. */
  assert_int_equal(rb_sweep_values(&v, &n, 0.0, 0.3, 0.1, false, &d), RB_OK);
  assert_int_equal(n, 4);
  free(v);
  assert_int_equal(rb_sweep_values(&v, &n, 0.0, 1.0, 0.0, false, &d),
                   RB_EUSAGE);
  assert_int_equal(rb_sweep_values(&v, &n, 2.0, 1.0, 1.0, false, &d),
                   RB_EUSAGE);
  assert_int_equal(rb_sweep_values(&v, &n, 0.0, 10.0, 0.5, true, &d),
                   RB_EUSAGE);
  assert_int_equal(rb_sweep_values(&v, &n, 0.0, 1e9, 1.0, true, &d), RB_EUSAGE);
  assert_null(v);
  assert_int_equal((int)d.n, 4);
  assert_string_equal(d.msgs[2], "the key takes whole numbers: --from and "
                                 "--step must be integers (got 0 and 0.5)");
  rb_diag_free(&d);
  char buf[64];
  rb_sweep_literal(buf, sizeof buf, 2500.0, false);
  assert_string_equal(buf, "2500");
  rb_sweep_literal(buf, sizeof buf, 0.3, false);
  assert_string_equal(buf, "0.29999999999999999");
  assert_true(strtod(buf, NULL) == 0.3);
  rb_sweep_literal(buf, sizeof buf, 3e9, true);
  assert_string_equal(buf, "3000000000L");
  rb_sweep_literal(buf, sizeof buf, 3e9, false);
  assert_string_equal(buf, "3000000000.0");
}

static void test_decision__sweep_json(void **state) {
  (void)state;
  rb_sweep s;
  sweep_ok(&s, "subsidy.cap", 0.0, 1000.0, 500.0, 2, 3);
  char *dir = ut_mkdtemp("decision");
  assert_non_null(dir);
  assert_int_equal(rb_sweep_write_json(dir, &s), RB_OK);
  assert_int_equal(rb_sweep_write_csv(dir, &s), RB_OK);
  json_t *j = ut_json_in(dir, "sweep.json");
  assert_string_equal(json_string_value(json_object_get(j, "scenario")),
                      "mono");
  assert_string_equal(json_string_value(json_object_get(j, "param")),
                      "subsidy.cap");
  assert_int_equal(json_array_size(json_object_get(j, "values")), 3);
  json_t *k = json_object_get(json_object_get(j, "perspectives"), "kommune");
  assert_non_null(k);
  const char *arrays[] = {"mean", "p2_5", "p97_5", "prob_positive"};
  for (int i = 0; i < 4; i++) {
    assert_int_equal(json_array_size(json_object_get(k, arrays[i])), 3);
  }
  assert_true(json_is_array(json_object_get(k, "break_even_values")));
  assert_true(
      json_number_value(json_array_get(json_object_get(k, "mean"), 0)) == 0.0);
  const char *outs[] = {"housed_12", "housed_24", "months_waiting",
                        "subsidy_per_month", "share_acceptable"};
  for (int i = 0; i < 5; i++) {
    assert_int_equal(json_array_size(json_object_get(j, outs[i])), 3);
  }
  /* Nobody is subsidised at cap 0: no subsidy per month (null). */
  assert_true(
      json_is_null(json_array_get(json_object_get(j, "subsidy_per_month"), 0)));
  json_decref(j);
  char *text = NULL;
  assert_int_equal(rb_sweep_summary(&text, &s), RB_OK);
  assert_non_null(strstr(text, "mono: subsidy.cap from 0 to 1,000, 3 values"));
  free(text);
  ut_rm_tree(dir);
  free(dir);
  rb_sweep_free(&s);
}

/* ---- break-even interpolation ----------------------------------------------
 */

static void test_decision__crossings_constructed(void **state) {
  (void)state;
  double out[4];
  const double x[] = {0.0, 250.0, 500.0, 750.0, 1000.0};
  /* −300 at 0, +100 at 250: zero at 0 + 250 · 300/400 = 187.5; +200 at 750,
   * −600 at 1000: zero at 750 + 250 · 200/800 = 812.5. */
  const double y1[] = {-300.0, 100.0, 150.0, 200.0, -600.0};
  assert_int_equal(rb_decision_crossings(out, 4, x, y1, 5), 2);
  assert_true(out[0] == 187.5);
  assert_true(out[1] == 812.5);
  /* Only the count when there is no room. */
  assert_int_equal(rb_decision_crossings(NULL, 0, x, y1, 5), 2);
  assert_int_equal(rb_decision_crossings(out, 1, x, y1, 5), 2);
  assert_true(out[0] == 187.5);
  /* Exact zeros between a loss and a saving: the first zero. */
  const double y2[] = {-5.0, 0.0, 0.0, 3.0, 4.0};
  assert_int_equal(rb_decision_crossings(out, 4, x, y2, 5), 1);
  assert_true(out[0] == 250.0);
  /* Touching zero, or starting at zero, is no crossing. */
  const double y3[] = {5.0, 0.0, 5.0, 6.0, 7.0};
  assert_int_equal(rb_decision_crossings(out, 4, x, y3, 5), 0);
  const double y4[] = {0.0, 1.0, 2.0, 3.0, 4.0};
  assert_int_equal(rb_decision_crossings(out, 4, x, y4, 5), 0);
  /* No interpolation across an undefined point. */
  const double y5[] = {-1.0, NAN, 1.0, 2.0, 3.0};
  assert_int_equal(rb_decision_crossings(out, 4, x, y5, 5), 0);
  /* A crossing exactly at a value. */
  const double y6[] = {-2.0, -1.0, 0.0, 1.0, 2.0};
  assert_int_equal(rb_decision_crossings(out, 4, x, y6, 5), 1);
  assert_true(out[0] == 500.0);
  /* The best value: first of equals; none when nothing is finite. */
  const double z[] = {1.0, 3.0, 3.0, NAN};
  assert_int_equal(rb_decision_argmax(z, 4), 1);
  const double w[] = {NAN, NAN};
  assert_int_equal(rb_decision_argmax(w, 2), -1);
}

/* ---- tornado ----------------------------------------------------------------
 */

static void test_decision__tornado(void **state) {
  (void)state;
  rb_scenario *sc = ut_load(MONO, NULL, 0);
  assert_non_null(sc);
  int ranged = 0, support = -1, shelter = -1;
  for (int i = 0; i < sc->n_params; i++) {
    ranged += sc->params[i].has_range;
    if (strcmp(sc->params[i].key, "costs.[1].per_month") == 0) {
      support = i;
    }
    if (strcmp(sc->params[i].key, "costs.[0].per_month") == 0) {
      shelter = i;
    }
  }
  assert_true(support >= 0 && shelter >= 0);
  assert_int_equal(ranged, 2);
  rb_tornado t;
  rb_tornado_opts o = {0};
  o.threads = 2;
  assert_int_equal(rb_tornado_run(&t, sc, &o), RB_OK);
  assert_int_equal(t.n, 2);
  /* The base is the stochastic run at every value. */
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 1), 0);
  for (int p = 0; p < RB_P_COUNT; p++) {
    assert_same_double(t.base[p], r.all.persp[0][p].saving.mean);
  }
  rb_results_free(&r);
  /* Sorted by the kommune swing: the shelter first, the zero bar last. */
  assert_int_equal(t.bars[0].param, shelter);
  assert_int_equal(t.bars[1].param, support);
  const rb_tornado_bar *z = &t.bars[1];
  for (int p = 0; p < RB_P_COUNT; p++) {
    assert_true(z->swing[p] == 0.0);
    assert_same_double(z->saving_low[p], t.base[p]);
    assert_same_double(z->saving_high[p], t.base[p]);
    assert_false(z->flips_sign[p]);
    assert_true(isnan(z->threshold[p]));
  }
  /* A dearer shelter makes the scheme save more. */
  const rb_tornado_bar *s = &t.bars[0];
  assert_true(s->saving_high[RB_P_KOMMUNE] > t.base[RB_P_KOMMUNE]);
  assert_true(s->saving_low[RB_P_KOMMUNE] < t.base[RB_P_KOMMUNE]);
  assert_true(s->swing[RB_P_KOMMUNE] ==
              fabs(s->saving_high[RB_P_KOMMUNE] - s->saving_low[RB_P_KOMMUNE]));
  /* The files. */
  char *dir = ut_mkdtemp("decision");
  assert_non_null(dir);
  assert_int_equal(rb_tornado_write_json(dir, &t, sc), RB_OK);
  assert_int_equal(rb_tornado_write_csv(dir, &t, sc), RB_OK);
  json_t *j = ut_json_in(dir, "tornado.json");
  json_t *bars = json_object_get(j, "bars");
  assert_int_equal(json_array_size(bars), 2);
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(bars, 0), "key")),
      "costs.[0].per_month");
  assert_true(json_is_false(json_object_get(
      json_object_get(json_array_get(bars, 1), "flips_sign"), "kommune")));
  json_decref(j);
  ut_rm_tree(dir);
  free(dir);
  rb_tornado_free(&t);
  rb_scenario_free(sc);
}

static void test_decision__tornado_flip_threshold(void **state) {
  (void)state;
  /* A shelter so cheap at its low end that the scheme costs money there:
   * the bar flips the sign and the text names the threshold. */
  const char *sets[] = {"costs.[0].per_month.low=0.0"};
  rb_scenario *sc = ut_load(MONO, sets, 1);
  assert_non_null(sc);
  rb_tornado t;
  assert_int_equal(rb_tornado_run(&t, sc, NULL), RB_OK);
  const rb_tornado_bar *b = &t.bars[0];
  assert_true(t.base[RB_P_KOMMUNE] > 0.0);
  assert_true(b->saving_low[RB_P_KOMMUNE] < 0.0);
  assert_true(b->flips_sign[RB_P_KOMMUNE]);
  /* The threshold lies on the straight line from (value, base) to
   * (low, saving at low). */
  double want =
      b->value + (b->low - b->value) * t.base[RB_P_KOMMUNE] /
                     (t.base[RB_P_KOMMUNE] - b->saving_low[RB_P_KOMMUNE]);
  assert_near(b->threshold[RB_P_KOMMUNE], want, 1e-9);
  assert_true(b->threshold[RB_P_KOMMUNE] > 0.0 &&
              b->threshold[RB_P_KOMMUNE] < b->value);
  char *text = NULL;
  assert_int_equal(rb_tornado_summary(&text, &t, sc), RB_OK);
  char thr[64], line[256];
  rb_fmt_kr(thr, sizeof thr, b->threshold[RB_P_KOMMUNE], false);
  snprintf(line, sizeof line,
           "What must be true:\n  kommune: the scheme saves money only if "
           "costs.[0].per_month (shelter) is above about %s (range 0 – "
           "25,000)\n",
           thr);
  if (strstr(text, line) == NULL) {
    fail_msg("missing \"%s\" in:\n%s", line, text);
  }
  free(text);
  rb_tornado_free(&t);
  rb_scenario_free(sc);
}

/* ---- psa --------------------------------------------------------------------
 */

static void test_decision__psa_drivers_constructed(void **state) {
  (void)state;
  /* Five replications, two inputs: the first ranks the savings exactly
   * (rho = 1); the second has rank differences 0, 1, −1, 1, −1, so
   * rho = 1 − 6 · 4 / (5 · 24) = 0.8. */
  double drawn[5 * 2] = {1.0, 1.0, 2.0, 3.0, 3.0, 2.0, 4.0, 5.0, 5.0, 4.0};
  double sv[5 * 2 * RB_P_COUNT] = {0};
  int params[2] = {7, 3};
  for (int r = 0; r < 5; r++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      sv[(size_t)r * 2 * RB_P_COUNT + (size_t)p] =
          p == RB_P_SOCIETAL ? 1.0 : 10.0 * (r + 1);
    }
  }
  rb_results res;
  memset(&res, 0, sizeof res);
  res.replications = 5;
  res.n_drawn = 2;
  res.drawn_param = params;
  res.drawn = drawn;
  res.rep_saving = sv;
  rb_psa_driver d[2];
  assert_int_equal(rb_psa_drivers(d, &res, RB_P_KOMMUNE, 0), RB_OK);
  /* Sorted by |rho|: param 7 (rho 1), then param 3 (0.8). */
  assert_int_equal(d[0].param, 7);
  assert_near(d[0].rho, 1.0, 1e-12);
  assert_int_equal(d[1].param, 3);
  assert_near(d[1].rho, 0.8, 1e-12);
  /* A constant saving has no rank correlation. */
  assert_int_equal(rb_psa_drivers(d, &res, RB_P_SOCIETAL, 0), RB_OK);
  assert_true(isnan(d[0].rho) && isnan(d[1].rho));
  assert_int_equal(d[0].param, 3);
  /* Not a psa run. */
  res.n_drawn = 0;
  assert_int_equal(rb_psa_drivers(d, &res, RB_P_KOMMUNE, 0), RB_EINTERNAL);
}

/* The drivers are GSL's own Spearman coefficient, bit for bit, whether
 * the input is ranked once for every perspective or not: inputs with ties
 * (a discrete value, a constant), savings without ties (the fast path) and
 * with ties and a NAN (gsl_stats_spearman itself). */
static void test_decision__psa_drivers_are_gsl_spearman(void **state) {
  (void)state;
  enum { R = 301, K = 4 };
  static double drawn[R * K], sv[R * 2 * RB_P_COUNT];
  int params[K] = {0, 1, 2, 3};
  uint64_t u = 88172645463325252u;
  for (int r = 0; r < R; r++) {
    double z[K + RB_P_COUNT];
    for (int j = 0; j < K + RB_P_COUNT; j++) {
      u ^= u << 13, u ^= u >> 7, u ^= u << 17; /* xorshift64 */
      z[j] = (double)(u >> 11) / 9007199254740992.0;
    }
    drawn[r * K + 0] = z[0];
    drawn[r * K + 1] = floor(6.0 * z[1]); /* ties */
    drawn[r * K + 2] = z[2] + 0.3 * z[K];
    drawn[r * K + 3] = r % 50 == 0 ? 1.0 : 2.0; /* long ties */
    sv[rb_rep_saving_index(r, RB_DISC, RB_P_KOMMUNE)] = z[K] - 0.5 * z[0];
    sv[rb_rep_saving_index(r, RB_DISC, RB_P_PUBLIC)] = floor(9.0 * z[K + 1]);
    sv[rb_rep_saving_index(r, RB_DISC, RB_P_SOCIETAL)] =
        r == 17 ? NAN : z[K + 2] + z[1];
  }
  rb_results res;
  memset(&res, 0, sizeof res);
  res.replications = R;
  res.n_drawn = K;
  res.drawn_param = params;
  res.drawn = drawn;
  res.rep_saving = sv;
  res.threads = 2;
  static double x[R], y[R], work[2 * R];
  rb_psa_driver every[RB_P_COUNT * K];
  assert_int_equal(rb_psa_drivers_all(every, &res, RB_DISC), RB_OK);
  for (int p = 0; p < RB_P_COUNT; p++) {
    rb_psa_driver d[K];
    assert_int_equal(rb_psa_drivers(d, &res, (rb_perspective)p, RB_DISC),
                     RB_OK);
    for (int k = 0; k < K; k++) {
      assert_int_equal(d[k].param, every[p * K + k].param);
      assert_memory_equal(&d[k].rho, &every[p * K + k].rho, sizeof d[k].rho);
    }
    for (int r = 0; r < R; r++) {
      y[r] = rb_res_rep_saving(&res, r, RB_DISC, p);
    }
    for (int k = 0; k < K; k++) {
      for (int r = 0; r < R; r++) {
        x[r] = drawn[r * K + d[k].param];
      }
      double want = gsl_stats_spearman(x, 1, y, 1, R, work);
      assert_memory_equal(&d[k].rho, &want, sizeof want);
    }
  }
}

/* The histogram of the saving: 30 equal bins from the smallest to the
 * largest saving, each counted by gsl_histogram as [low, high), the
 * largest saving in the last bin; one bin of width 1 when all are equal. */
static void test_decision__psa_histogram(void **state) {
  (void)state;
  /* Four replications: the kommune saves 0, 30, 60 and 90 (bins of 3: the
   * savings fall in bins 1, 11, 21 and 30); the public sector always 5. */
  double sv[4 * 2 * RB_P_COUNT] = {0};
  double drawn[4] = {1.0, 2.0, 3.0, 4.0};
  int params[1] = {0};
  for (int r = 0; r < 4; r++) {
    sv[rb_rep_saving_index(r, RB_DISC, RB_P_KOMMUNE)] = 30.0 * r;
    sv[rb_rep_saving_index(r, RB_DISC, RB_P_PUBLIC)] = 5.0;
    sv[rb_rep_saving_index(r, RB_DISC, RB_P_SOCIETAL)] = 1.0 + r;
  }
  rb_results res;
  memset(&res, 0, sizeof res);
  res.replications = 4;
  res.n_drawn = 1;
  res.drawn_param = params;
  res.drawn = drawn;
  res.rep_saving = sv;
  rb_scenario sc;
  memset(&sc, 0, sizeof sc);
  sc.info.language = RB_LANG_EN;
  char *dir = ut_mkdtemp("decision");
  assert_non_null(dir);
  /* No gnuplot: the scripts and their data stay. */
  assert_int_equal(setenv("RB_GNUPLOT", "/nonexistent/gnuplot", 1), 0);
  assert_int_equal(rb_psa_charts(dir, &sc, &res), RB_OK);
  unsetenv("RB_GNUPLOT");
  char want[2048] = "bin_low,bin_high,replications,share\n";
  for (int b = 0; b < 30; b++) {
    size_t len = strlen(want);
    int count = b == 0 || b == 10 || b == 20 || b == 29;
    snprintf(want + len, sizeof want - len, "%d,%d,%d,%s\n", 3 * b, 3 * (b + 1),
             count, count ? "0.25" : "0");
  }
  ut_file_is(dir, "charts/psa_saving_kommune.csv", want);
  ut_file_is(dir, "charts/psa_saving_public.csv",
             "bin_low,bin_high,replications,share\n"
             "4.5,5.5,4,1\n");
  char path[256];
  snprintf(path, sizeof path, "%s/charts/psa_saving_societal.gp", dir);
  assert_int_equal(access(path, F_OK), 0);
  ut_rm_tree(dir);
  free(dir);
}

static void test_decision__psa_drivers_run(void **state) {
  (void)state;
  rb_scenario *sc = ut_load(PSA, NULL, 0);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  assert_int_equal(r.n_drawn, 2);
  rb_psa_driver d[2];
  for (int p = 0; p < RB_P_COUNT; p++) {
    assert_int_equal(rb_psa_drivers(d, &r, (rb_perspective)p, 0), RB_OK);
    assert_string_equal(sc->params[d[0].param].key, "costs.[1].per_month");
    assert_near(d[0].rho, 1.0, 1e-12);
    assert_string_equal(sc->params[d[1].param].key, "subsidy.relocation_cost");
    assert_true(fabs(d[1].rho) < 0.3);
  }
  /* The scheme saves money in every replication. */
  assert_true(r.all.persp[0][RB_P_KOMMUNE].saving.prob_positive == 1.0);
  /* summary.json and the CSV carry them. */
  char *dir = ut_mkdtemp("decision");
  assert_non_null(dir);
  char path[256];
  snprintf(path, sizeof path, "%s/summary.json", dir);
  assert_int_equal(rb_write_summary_json(path, sc, &r), RB_OK);
  json_t *j = ut_json_in(dir, "summary.json");
  json_t *psa = json_object_get(j, "psa");
  json_t *k = json_object_get(json_object_get(psa, "drivers"), "kommune");
  assert_int_equal(json_array_size(k), 2);
  assert_string_equal(
      json_string_value(json_object_get(json_array_get(k, 0), "key")),
      "costs.[1].per_month");
  assert_true(json_number_value(json_object_get(
                  json_object_get(psa, "share_saving"), "kommune")) == 1.0);
  json_decref(j);
  assert_int_equal(rb_psa_write_csvs(dir, sc, &r), RB_OK);
  assert_int_equal(rb_psa_charts(dir, sc, &r), RB_OK);
  snprintf(path, sizeof path, "%s/psa_drivers.csv", dir);
  FILE *f = fopen(path, "r");
  assert_non_null(f);
  char line[256];
  assert_non_null(fgets(line, sizeof line, f));
  assert_string_equal(line, "perspective,rank,key,rho,low,high,dist,source\n");
  assert_non_null(fgets(line, sizeof line, f));
  assert_string_equal(
      line, "kommune,1,costs.[1].per_month,1,500,1500,uniform,test\n");
  fclose(f);
  snprintf(path, sizeof path, "%s/charts/psa_saving_kommune.csv", dir);
  f = fopen(path, "r");
  assert_non_null(f);
  int total = 0, lines = 0;
  assert_non_null(fgets(line, sizeof line, f));
  while (fgets(line, sizeof line, f) != NULL) {
    double a, b, share;
    int c;
    assert_int_equal(sscanf(line, "%lf,%lf,%d,%lf", &a, &b, &c, &share), 4);
    total += c;
    lines++;
  }
  fclose(f);
  assert_int_equal(total, 200);
  assert_int_equal(lines, 30);
  ut_rm_tree(dir);
  free(dir);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* A waiver's run has only its arm and the reference, its arm first
 * (waivers.c): each row is still, bit for bit, its arm in the run of every
 * arm with the waiver off (network.cfg: the udslusningsbolig is arm 2). */
static void test_decision__waivers_are_the_runs_arms(void **state) {
  (void)state;
  const char *sets[] = {"scenario.replications=3"};
  rb_scenario *sc = ut_load("scenarios/network.cfg", sets, 1);
  assert_non_null(sc);
  assert_int_equal(sc->n_arms, 3);
  rb_tornado_opts o = {0};
  o.threads = 2;
  rb_waivers w;
  assert_int_equal(rb_waivers_run(&w, sc, &o), RB_OK);
  /* The base run, then the five priced rows of the experiment and the
   * udslusningsbolig as arms of one run (decide/waivers.c). */
  assert_int_equal(w.runs, 2);
  int priced[RB_MAX_ARMS] = {0};
  for (int i = 0; i < w.n; i++) {
    const rb_waiver_row *r = &w.rows[i];
    if (r->state != RB_WAIVER_PRICED) {
      continue;
    }
    priced[r->arm]++;
    rb_scenario copy = *sc;
    rb_scheme schemes[16];
    assert_true(sc->n_schemes <= 16);
    memcpy(schemes, sc->schemes, (size_t)sc->n_schemes * sizeof *schemes);
    schemes[sc->arms[r->arm].scheme].waiver[r->waiver] = false;
    copy.schemes = schemes;
    rb_results res;
    assert_int_equal(ut_run(&res, &copy, 1), 0);
    for (int p = 0; p < RB_P_COUNT; p++) {
      assert_same_double(
          r->saving_without[p],
          res.all.persp[RB_DISC][p].vs[r->arm][RB_ARM_BASELINE].mean);
    }
    assert_same_double(r->moved_in_without, res.all.outcomes[r->arm].moved_in *
                                                (double)res.all.size);
    rb_results_free(&res);
  }
  assert_true(priced[0] > 0 && priced[2] > 0);
  rb_waivers_free(&w);
  rb_scenario_free(sc);
}

/* Issue 11: each waiver priced with common random numbers.  The offset
 * waiver off: the kontanthjælp recipients gain nothing from the subsidy
 * and take fewer flats, so the arm saves less and fewer move in; the
 * boligsikring waiver off lowers the boligsikring and raises the subsidy;
 * the abolished kontanthjælpsloft changes nothing, and the delebolig waiver,
 * run like the others, changes nothing in a scenario without shared flats:
 * the same figures to the last bit. */
static void test_decision__waivers_priced(void **state) {
  (void)state;
  const char *sets[] = {"scenario.replications=30"};
  rb_scenario *sc = ut_load("tests/data/ok/schemes.cfg", sets, 1);
  assert_non_null(sc);
  rb_tornado_opts o = {0};
  o.threads = 2;
  rb_waivers w;
  assert_int_equal(rb_waivers_run(&w, sc, &o), RB_OK);
  assert_int_equal(w.replications, 30);
  int seen[RB_WAIVER_COUNT] = {0};
  for (int i = 0; i < w.n; i++) {
    const rb_waiver_row *r = &w.rows[i];
    /* The base figures are the base run's (the same run for every row). */
    assert_true(r->saving_with[RB_P_KOMMUNE] ==
                w.base.all.persp[RB_DISC][RB_P_KOMMUNE]
                    .vs[r->arm][RB_ARM_BASELINE]
                    .mean);
    if (r->arm != 0) {
      continue;
    }
    seen[r->waiver] = 1;
    switch (r->waiver) {
    case RB_WAIVER_OFFSET:
      assert_int_equal(r->state, RB_WAIVER_PRICED);
      assert_true(r->moved_in_without < r->moved_in_with);
      assert_true(r->saving_without[RB_P_KOMMUNE] <
                  r->saving_with[RB_P_KOMMUNE]);
      break;
    case RB_WAIVER_BS_ACTUAL_RENT:
      assert_int_equal(r->state, RB_WAIVER_PRICED);
      assert_true(r->saving_without[RB_P_KOMMUNE] <
                  r->saving_with[RB_P_KOMMUNE]);
      break;
    case RB_WAIVER_LOFT:
      assert_int_equal(r->state, RB_WAIVER_ABOLISHED);
      assert_true(r->saving_without[RB_P_PUBLIC] ==
                  r->saving_with[RB_P_PUBLIC]);
      break;
    case RB_WAIVER_DELEBOLIG:
      assert_int_equal(r->state, RB_WAIVER_PRICED);
      for (int p = 0; p < RB_P_COUNT; p++) {
        assert_true(r->saving_without[p] == r->saving_with[p]);
      }
      assert_true(r->moved_in_without == r->moved_in_with);
      break;
    case RB_WAIVER_COUNT:
    default:
      fail();
    }
  }
  for (int k = 0; k < RB_WAIVER_COUNT; k++) {
    assert_int_equal(seen[k], 1);
  }
  char *text = NULL;
  assert_int_equal(rb_waivers_summary(&text, &w, sc), RB_OK);
  assert_non_null(strstr(text, "experiment / offset"));
  assert_true(strstr(text, "without them the price is 0") != NULL ||
              strstr(text, "uden dem er prisen 0") != NULL);
  free(text);
  rb_waivers_free(&w);
  rb_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_decision__sweep_single_value_equals_run),
      cmocka_unit_test(test_decision__sweep_points_equal_runs),
      cmocka_unit_test(test_decision__sweep_points_are_the_runs_arms),
      cmocka_unit_test(test_decision__waivers_priced),
      cmocka_unit_test(test_decision__waivers_are_the_runs_arms),
      cmocka_unit_test(test_decision__sweep_cap_zero_saves_nothing),
      cmocka_unit_test(test_decision__sweep_acceptable_share_never_falls),
      cmocka_unit_test(test_decision__sweep_break_even),
      cmocka_unit_test(test_decision__sweep_bad_bounds),
      cmocka_unit_test(test_decision__sweep_values),
      cmocka_unit_test(test_decision__sweep_json),
      cmocka_unit_test(test_decision__crossings_constructed),
      cmocka_unit_test(test_decision__tornado),
      cmocka_unit_test(test_decision__tornado_flip_threshold),
      cmocka_unit_test(test_decision__psa_drivers_constructed),
      cmocka_unit_test(test_decision__psa_drivers_are_gsl_spearman),
      cmocka_unit_test(test_decision__psa_drivers_run),
      cmocka_unit_test(test_decision__psa_histogram),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
