/* The engine against known answers: analytic cases, identities, the
 * benchmark's independently computed expectations, determinism. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util_engine.h"

#define SIMPLE "tests/data/engine/simple.cfg"
#define BENCH "scenarios/bench.cfg"

/* |x − want| ≤ k · mcse, with a message naming the quantity. */
static void check_mcse(const char *what, double x, double want, double mcse,
                       double k) {
  double tol = k * mcse;
  if (fabs(x - want) > tol) {
    fail_msg("%s: %.3f differs from %.3f by more than %.1f MCSE (%.3f)", what,
             x, want, k, tol);
  }
}

static void test_engine__geometric_occupancy(void **state) {
  (void)state;
  /* Constant monthly exit p from the starting state: mean months in it are
   * (1 − (1 − p)^H) / p, practically 1/p. */
  const char *sets[] = {"incomes.kontanthjaelp.gross=0.0"};
  rb_scenario *sc = ut_load(SIMPLE, sets, 1);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  double p = 0.05, H = 600;
  double want = (1.0 - pow(1.0 - p, H)) / p;
  /* Per citizen sd of a geometric count is sqrt(1 − p)/p. */
  double mcse = sqrt(1.0 - p) / p / sqrt(50.0 * r.replications);
  check_mcse("placed months", r.all.occupancy[RB_ARM_INTERVENTION][RB_H_PLACED],
             want, mcse, 4.0);
  check_mcse("placed months (baseline)",
             r.all.occupancy[RB_ARM_BASELINE][RB_H_PLACED], want, mcse, 4.0);
  UT_NEAR(r.all.occupancy[RB_ARM_INTERVENTION][RB_H_PLACED] +
                          r.all.occupancy[RB_ARM_INTERVENTION][RB_H_DEAD],
                      H, 1e-9);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__closed_form_discounted_cost(void **state) {
  (void)state;
  /* One cost item c while placed, exit p: E = c Σ_t ((1 − p) d)^t with
   * d = 1.035^(−1/12). */
  const char *sets[] = {"incomes.kontanthjaelp.gross=0.0"};
  rb_scenario *sc = ut_load(SIMPLE, sets, 1);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  double c = 30000.0, p = 0.05, d = pow(1.035, -1.0 / 12.0);
  double q = (1.0 - p) * d;
  double want = c * (1.0 - pow(q, 600)) / (1.0 - q);
  const rb_stats *s = &r.all.persp[0][RB_P_PUBLIC].arm[RB_ARM_INTERVENTION];
  check_mcse("discounted public cost", s->mean, want, s->mcse, 4.0);
  /* Undiscounted: c / p in the limit. */
  const rb_stats *u = &r.all.persp[1][RB_P_PUBLIC].arm[RB_ARM_INTERVENTION];
  check_mcse("undiscounted public cost", u->mean,
             c * (1.0 - pow(1.0 - p, 600)) / p, u->mcse, 4.0);
  /* Kommune pays it all; society counts the resource. */
  UT_NEAR(r.all.persp[0][RB_P_KOMMUNE].arm[0].mean, s->mean, 1e-6);
  UT_NEAR(r.all.persp[0][RB_P_SOCIETAL].arm[0].mean, s->mean, 1e-6);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__cap_zero_arms_identical(void **state) {
  (void)state;
  /* Cap 0, no baseline override, no arm-specific items: identical arms and
   * a saving of exactly 0 in every replication. */
  const char *sets[] = {
      "groups.[0].flats.offers_per_month=0.3",
      "groups.[0].transitions.placed.dead=0.002",
      "groups.[0].transitions.activity.housed.none_to_employed=0.02",
      "groups.[0].transitions.activity.not_housed.none_to_education=0.01",
      "scenario.horizon_months=120", "groups.[0].income.none=\"unskilled\""};
  rb_scenario *sc = ut_load(SIMPLE, sets, 6);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  for (int disc = 0; disc < 2; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      const rb_persp_result *pr = &r.all.persp[disc][p];
      assert_true(pr->saving.mean == 0.0);
      assert_true(pr->saving.sd == 0.0);
      assert_true(pr->saving.p2_5 == 0.0 && pr->saving.p97_5 == 0.0);
      assert_true(pr->saving.prob_positive == 0.0);
      assert_true(pr->arm[0].mean == pr->arm[1].mean);
    }
  }
  /* Offers were made and taken on ordinary terms in both arms alike. */
  assert_true(r.all.occupancy[0][RB_H_ORDINARY] > 1.0);
  assert_true(r.all.occupancy[0][RB_H_SUBSIDISED] == 0.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__conservation(void **state) {
  (void)state;
  /* An arm's occupancy sums to the horizon minus the mean entry month. */
  const char *sets[] = {"scenario.replications=50"};
  rb_scenario *sc = ut_load(BENCH, sets, 1);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  /* young_vulnerable: 40 citizens over 12 months, entry ⌊12 i / 40⌋. */
  double es = 0.0;
  for (int i = 0; i < 40; i++) {
    es += (double)((12 * i) / 40);
  }
  UT_NEAR(r.groups[1].mean_entry, es / 40.0, 1e-12);
  for (int g = 0; g <= r.n_groups; g++) {
    const rb_group_result *gr = g < r.n_groups ? &r.groups[g] : &r.all;
    for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
      double s = 0.0;
      for (int h = 0; h < RB_H_COUNT; h++) {
        s += gr->occupancy[arm][h];
      }
      UT_NEAR(s, 120.0 - gr->mean_entry, 1e-9);
    }
  }
  assert_true(r.all.occupancy[RB_ARM_BASELINE][RB_H_SUBSIDISED] == 0.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static int same_doubles(const double *a, const double *b, size_t n) {
  return memcmp(a, b, n * sizeof *a) == 0;
}

static void test_engine__threads_identical(void **state) {
  (void)state;
  const char *sets[] = {"scenario.replications=300"};
  rb_scenario *sc = ut_load(BENCH, sets, 1);
  assert_non_null(sc);
  rb_results a, b;
  assert_int_equal(ut_run(&a, sc, 1), 0);
  assert_int_equal(ut_run(&b, sc, 2), 0);
  size_t H = (size_t)a.horizon;
  for (int g = 0; g <= a.n_groups; g++) {
    const rb_group_result *ga = g < a.n_groups ? &a.groups[g] : &a.all;
    const rb_group_result *gb = g < b.n_groups ? &b.groups[g] : &b.all;
    assert_memory_equal(ga->persp, gb->persp, sizeof ga->persp);
    assert_memory_equal(ga->occupancy, gb->occupancy, sizeof ga->occupancy);
    assert_memory_equal(ga->outcomes, gb->outcomes, sizeof ga->outcomes);
    assert_true(same_doubles(ga->items, gb->items,
                             (size_t)RB_ARM_COUNT * (size_t)a.n_items *
                                 RB_PAYER_SLOTS * 2));
    assert_true(same_doubles(ga->cum_saving, gb->cum_saving, 2 * RB_P_COUNT * H));
  }
  assert_true(same_doubles(a.yearly, b.yearly,
                           (size_t)RB_ARM_COUNT * (size_t)a.n_years * 9));
  assert_true(same_doubles(a.band, b.band, RB_P_COUNT * H * 2));
  assert_true(same_doubles(a.monthly_housing, b.monthly_housing, 2 * H * 7));
  rb_results_free(&a);
  rb_results_free(&b);
  rb_scenario_free(sc);
}

static void test_engine__common_random_numbers(void **state) {
  (void)state;
  /* The arms share every citizen's draws: the saving's variance is well
   * below the sum of the arms' variances (what independent draws give). */
  const char *sets[] = {"scenario.replications=300"};
  rb_scenario *sc = ut_load(BENCH, sets, 1);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  for (int p = 0; p < RB_P_COUNT; p++) {
    const rb_persp_result *pr = &r.all.persp[0][p];
    double vs = pr->saving.sd * pr->saving.sd;
    double va = pr->arm[0].sd * pr->arm[0].sd + pr->arm[1].sd * pr->arm[1].sd;
    /* Independent random numbers would give var(saving) = var(i) + var(b);
     * on the benchmark common random numbers remove 40–60 % of it. */
    if (!(vs < 0.75 * va)) {
      fail_msg("perspective %d: var(saving) %.4g not far below %.4g", p, vs, va);
    }
  }
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__psa_fixed_equals_stochastic(void **state) {
  (void)state;
  const char *s_sets[] = {"incomes.kontanthjaelp.gross=0.0",
                          "scenario.horizon_months=60"};
  const char *p_sets[] = {"incomes.kontanthjaelp.gross=0.0",
                          "scenario.horizon_months=60", "scenario.mode=\"psa\"",
                          "costs.[0].per_month={ value = 30000.0; dist = \"fixed\"; }"};
  rb_scenario *a = ut_load(SIMPLE, s_sets, 2);
  rb_scenario *b = ut_load(SIMPLE, p_sets, 4);
  assert_non_null(a);
  assert_non_null(b);
  assert_int_equal(b->info.mode, RB_MODE_PSA);
  rb_results ra, rb;
  assert_int_equal(ut_run(&ra, a, 2), 0);
  assert_int_equal(ut_run(&rb, b, 2), 0);
  assert_memory_equal(ra.all.persp, rb.all.persp, sizeof ra.all.persp);
  assert_memory_equal(ra.all.occupancy, rb.all.occupancy, sizeof ra.all.occupancy);
  rb_results_free(&ra);
  rb_results_free(&rb);
  rb_scenario_free(a);
  rb_scenario_free(b);
}

/* ../shared/bench/bench-expected.md, computed independently of the engine. */
static void test_engine__bench_expected(void **state) {
  (void)state;
  rb_scenario *sc = ut_load(BENCH, NULL, 0);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  assert_int_equal(r.replications, 2000);
  const struct {
    int p, disc;
    double i, b, s;
  } want[] = {
      {RB_P_PUBLIC, 0, 1327250, 1971935, 644685},
      {RB_P_PUBLIC, 1, 1513890, 2227301, 713411},
      {RB_P_SOCIETAL, 0, 420504, 1191360, 770856},
      {RB_P_SOCIETAL, 1, 452021, 1308851, 856830},
  };
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
    const rb_persp_result *pr = &r.all.persp[want[k].disc][want[k].p];
    check_mcse("intervention", pr->arm[0].mean, want[k].i, pr->arm[0].mcse, 4.0);
    check_mcse("baseline", pr->arm[1].mean, want[k].b, pr->arm[1].mcse, 4.0);
    check_mcse("saving", pr->saving.mean, want[k].s, pr->saving.mcse, 4.0);
  }
  const double occ[RB_H_COUNT][2] = {{6.897, 25.256}, {37.487, 0.0},
                                     {44.936, 62.185}, {2.316, 2.494},
                                     {21.122, 21.858}, {5.083, 6.048}};
  for (int h = 0; h < RB_H_COUNT; h++) {
    for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
      /* About 5 MCSE of a state's mean months with 2,000 replications. */
      if (fabs(r.all.occupancy[arm][h] - occ[h][arm]) > 0.25) {
        fail_msg("occupancy %s/%s: %.3f, expected %.3f", rb_housing_name(h),
                 rb_arm_name(arm), r.all.occupancy[arm][h], occ[h][arm]);
      }
    }
  }
  const double grp[2][2][2] = {{{1473346, 2063713}, {548580, 1271718}},
                               {{1108106, 1834269}, {228391, 1070824}}};
  for (int g = 0; g < 2; g++) {
    for (int k = 0; k < 2; k++) {
      int p = k == 0 ? RB_P_PUBLIC : RB_P_SOCIETAL;
      const rb_persp_result *pr = &r.groups[g].persp[0][p];
      check_mcse("group intervention", pr->arm[0].mean, grp[g][k][0],
                 pr->arm[0].mcse, 4.0);
      check_mcse("group baseline", pr->arm[1].mean, grp[g][k][1],
                 pr->arm[1].mcse, 4.0);
    }
  }
  rb_results_free(&r);
  rb_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_engine__geometric_occupancy),
      cmocka_unit_test(test_engine__closed_form_discounted_cost),
      cmocka_unit_test(test_engine__cap_zero_arms_identical),
      cmocka_unit_test(test_engine__conservation),
      cmocka_unit_test(test_engine__threads_identical),
      cmocka_unit_test(test_engine__common_random_numbers),
      cmocka_unit_test(test_engine__psa_fixed_equals_stochastic),
      cmocka_unit_test(test_engine__bench_expected),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
