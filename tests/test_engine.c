/* The engine against known answers: analytic cases, identities, the
 * benchmark's independently computed expectations, determinism. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_sf_log.h>

#include "util.h"

#define SIMPLE "tests/data/engine/simple.cfg"
#define MINI "tests/data/ok/mini.cfg"
#define ARMS3 "tests/data/ok/arms3.cfg"
#define SCHEMES "tests/data/engine/schemes.cfg"
#define BENCH UT_BENCH

/* |x − want| ≤ k · mcse, with a message naming the quantity. */

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
  ut_check_mcse("placed months",
                r.all.occupancy[RB_ARM_INTERVENTION][RB_H_PLACED], want, mcse,
                4.0);
  ut_check_mcse("placed months (baseline)",
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
  const rb_stats *s =
      &r.all.persp[RB_DISC][RB_P_PUBLIC].arm[RB_ARM_INTERVENTION];
  ut_check_mcse("discounted public cost", s->mean, want, s->mcse, 4.0);
  /* Undiscounted: c / p in the limit. */
  const rb_stats *u =
      &r.all.persp[RB_UNDISC][RB_P_PUBLIC].arm[RB_ARM_INTERVENTION];
  ut_check_mcse("undiscounted public cost", u->mean,
                c * (1.0 - pow(1.0 - p, 600)) / p, u->mcse, 4.0);
  /* Kommune pays it all; society counts the resource. */
  UT_NEAR(r.all.persp[RB_DISC][RB_P_KOMMUNE].arm[0].mean, s->mean, 1e-6);
  UT_NEAR(r.all.persp[RB_DISC][RB_P_SOCIETAL].arm[0].mean, s->mean, 1e-6);
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
      "scenario.horizon_months=120",
      "groups.[0].income.none=\"unskilled\""};
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

/* The reference arm's results with its own rent distribution, run beside
 * an intervention whose offers draw their rents from another (@p int_median)
 * with the same uniforms: they must not depend on the other arm's rents,
 * which the citizen's month shares between arms of the same distribution
 * only (engine/cohort.c, offer_rent). */
static void reference_beside(rb_results *r, const char *int_median) {
  char rent[160];
  snprintf(rent, sizeof rent,
           "groups.[0].flats.rent={ dist = \"lognormal\"; median = %s; "
           "sigma = 0.2; }",
           int_median);
  const char *sets[] = {
      "groups.[0].flats.offers_per_month=0.3",
      "groups.[0].transitions.placed.dead=0.002",
      "scenario.horizon_months=60",
      "scenario.replications=40",
      rent,
      "groups.[0].baseline={ flats = { rent = { dist = \"lognormal\"; "
      "median = 3300.0; sigma = 0.2; }; }; }"};
  rb_scenario *sc = ut_load(SIMPLE, sets, 6);
  assert_non_null(sc);
  assert_int_equal(ut_run(r, sc, 2), 0);
  rb_scenario_free(sc);
}

static void test_engine__rents_shared_only_alike(void **state) {
  (void)state;
  rb_results a, b;
  reference_beside(&a, "3300.0"); /* both arms alike: the rents shared */
  reference_beside(&b, "5200.0"); /* the intervention's own */
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      assert_memory_equal(&a.all.persp[disc][p].arm[RB_ARM_BASELINE],
                          &b.all.persp[disc][p].arm[RB_ARM_BASELINE],
                          sizeof(rb_stats));
    }
  }
  assert_memory_equal(&a.all.outcomes[RB_ARM_BASELINE],
                      &b.all.outcomes[RB_ARM_BASELINE], sizeof(rb_outcomes));
  /* The intervention's differ: its rents are its own. */
  assert_true(a.all.persp[RB_DISC][RB_P_PUBLIC].arm[RB_ARM_INTERVENTION].mean !=
              b.all.persp[RB_DISC][RB_P_PUBLIC].arm[RB_ARM_INTERVENTION].mean);
  rb_results_free(&a);
  rb_results_free(&b);
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
    for (int arm = 0; arm < 2; arm++) {
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

/* Runs of @p path on 1 and 2 threads are identical in every table. */
static void threads_identical(const char *path, const char *const *sets,
                              int n_sets) {
  rb_scenario *sc = ut_load(path, sets, n_sets);
  assert_non_null(sc);
  rb_results a, b;
  assert_int_equal(ut_run(&a, sc, 1), 0);
  assert_int_equal(ut_run(&b, sc, 2), 0);
  const int H = a.horizon, A = a.n_arms;
  assert_int_equal(A, sc->n_arms);
  for (int g = 0; g <= a.n_groups; g++) {
    const rb_group_result *ga = g < a.n_groups ? &a.groups[g] : &a.all;
    const rb_group_result *gb = g < b.n_groups ? &b.groups[g] : &b.all;
    assert_memory_equal(ga->persp, gb->persp, sizeof ga->persp);
    assert_memory_equal(ga->occupancy, gb->occupancy, sizeof ga->occupancy);
    assert_memory_equal(ga->outcomes, gb->outcomes, sizeof ga->outcomes);
    assert_true(same_doubles(ga->items, gb->items,
                             rb_items_index(a.n_items, A, 0, 0, 0)));
    assert_true(same_doubles(ga->cum_saving, gb->cum_saving,
                             rb_cum_saving_index(H, RB_DISC_COUNT, 0, 0)));
    assert_true(
        same_doubles(ga->month_cost, gb->month_cost,
                     rb_month_cost_index(H, A, RB_DISC_COUNT, 0, 0, 0)));
  }
  assert_true(
      same_doubles(a.yearly, b.yearly, rb_yearly_index(a.n_years, A, 0, 0, 0)));
  assert_true(same_doubles(a.band, b.band, rb_band_index(H, RB_P_COUNT, 0, 0)));
  assert_true(same_doubles(a.monthly_housing, b.monthly_housing,
                           rb_monthly_housing_index(H, A, 0, 0)));
  assert_true(same_doubles(a.monthly_activity, b.monthly_activity,
                           rb_monthly_activity_index(H, A, 0, 0)));
  rb_results_free(&a);
  rb_results_free(&b);
  rb_scenario_free(sc);
}

static void test_engine__threads_identical(void **state) {
  (void)state;
  const char *sets[] = {"scenario.replications=300"};
  threads_identical(BENCH, sets, 1);
}

/* Issue 11: with three arms, 1 and 2 threads give the same bytes. */
static void test_engine__threads_identical_three_arms(void **state) {
  (void)state;
  threads_identical(ARMS3, NULL, 0);
}

/* Issue 11: an arm on the same scheme as another saves exactly 0 against
 * it in every replication (mean and sd 0: every replication's difference
 * is 0), and the first arm's saving against the reference is the saving
 * of a two-arm run, bit for bit. */
static void test_engine__same_scheme_saves_exactly_zero(void **state) {
  (void)state;
  rb_scenario *sc = ut_load(ARMS3, NULL, 0);
  assert_non_null(sc);
  assert_int_equal(sc->n_arms, 3);
  assert_string_equal(sc->arms[0].name, "experiment");
  assert_string_equal(sc->arms[1].name, "none");
  assert_string_equal(sc->arms[2].name, "copy");
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  rb_scenario *two = ut_load(MINI, NULL, 0);
  assert_non_null(two);
  rb_results t;
  assert_int_equal(ut_run(&t, two, 2), 0);
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      const rb_persp_result *pr = &r.all.persp[disc][p];
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          const rb_stats *s = &pr->vs[a][b];
          const bool same = a == b || (a == 0 && b == 2) || (a == 2 && b == 0);
          if (same) {
            assert_true(s->mean == 0.0 && s->sd == 0.0 && s->p2_5 == 0.0 &&
                        s->p97_5 == 0.0);
          }
        }
      }
      assert_true(pr->saving.mean > 0.0 || pr->saving.mean < 0.0);
      assert_memory_equal(&pr->saving, &t.all.persp[disc][p].saving,
                          sizeof pr->saving);
      assert_memory_equal(&pr->vs[2][1], &pr->saving, sizeof pr->saving);
    }
  }
  rb_results_free(&r);
  rb_results_free(&t);
  rb_scenario_free(sc);
  rb_scenario_free(two);
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
    const rb_persp_result *pr = &r.all.persp[RB_DISC][p];
    double vs = pr->saving.sd * pr->saving.sd;
    double va = pr->arm[0].sd * pr->arm[0].sd + pr->arm[1].sd * pr->arm[1].sd;
    /* Independent random numbers would give var(saving) = var(i) + var(b);
     * on the benchmark common random numbers remove 40–60 % of it. */
    if (!(vs < 0.75 * va)) {
      fail_msg("perspective %d: var(saving) %.4g not far below %.4g", p, vs,
               va);
    }
  }
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__psa_fixed_equals_stochastic(void **state) {
  (void)state;
  const char *s_sets[] = {"incomes.kontanthjaelp.gross=0.0",
                          "scenario.horizon_months=60"};
  const char *p_sets[] = {
      "incomes.kontanthjaelp.gross=0.0", "scenario.horizon_months=60",
      "scenario.mode=\"psa\"",
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
  assert_memory_equal(ra.all.occupancy, rb.all.occupancy,
                      sizeof ra.all.occupancy);
  rb_results_free(&ra);
  rb_results_free(&rb);
  rb_scenario_free(a);
  rb_scenario_free(b);
}

/* Sets that make every flat path deterministic: one rent, an offer every
 * month, no exits or deaths, no activity changes. */
static const char *const det_sets[] = {
    "scenario.horizon_months=60",
    "scenario.replications=3",
    "subsidy.cap=2000.0",
    "groups.[0].flats.rent={ dist = \"discrete\"; values = [3200.0]; weights = "
    "[1.0]; }",
    "groups.[0].flats.offers_per_month=1.0",
    "groups.[0].transitions.placed.dead=0.0",
    "groups.[0].transitions.housed_subsidised.placed=0.0",
    "groups.[0].transitions.housed_subsidised.homeless=0.0",
    "groups.[0].transitions.housed_subsidised.exited=0.0",
    "groups.[0].transitions.housed_subsidised.dead=0.0",
    "groups.[0].transitions.housed_ordinary.placed=0.0",
    "groups.[0].transitions.housed_ordinary.homeless=0.0",
    "groups.[0].transitions.housed_ordinary.exited=0.0",
    "groups.[0].transitions.housed_ordinary.dead=0.0",
};
#define N_DET ((int)(sizeof det_sets / sizeof det_sets[0]))

static rb_scenario *load_det(const char *const *more, int n_more) {
  const char *sets[N_DET + 8];
  for (int i = 0; i < N_DET; i++) {
    sets[i] = det_sets[i];
  }
  for (int i = 0; i < n_more; i++) {
    sets[N_DET + i] = more[i];
  }
  return ut_load(SIMPLE, sets, N_DET + n_more);
}

/* Load the deterministic scenario with @p more, run it on one thread into
 * @p r: the intervention arm's outcomes (free *@p sc and @p r after). */
static const rb_outcomes *det_run(rb_results *r, rb_scenario **sc,
                                  const char *const *more, int n_more) {
  *sc = load_det(more, n_more);
  assert_non_null(*sc);
  assert_int_equal(ut_run(r, *sc, 1), 0);
  return &r->all.outcomes[RB_ARM_INTERVENTION];
}

/* The subsidy module's answer for the deterministic flat (det_sets: rent
 * 3,200, utilities 600, 45 m², cap 2,000) on income @p inc. */
static void det_case(rb_subsidy_result *sr, const rb_scenario *sc,
                     const rb_income_case *inc) {
  rb_flat_case f = {1, 0, 3200.0, 600.0, 45.0, false, false, 0};
  rb_scheme_terms terms = {.cap = 2000.0,
                           .own_method = RB_OWN_INCOME_SHARE,
                           .own_param = 0.30,
                           .kommuneskat = sc->rules.kommuneskat_avg,
                           .require_realistic_takeover = true};
  rb_subsidy_compute(sr, &sc->rules, &terms, &f, inc, NULL);
}

static void test_engine__subsidy_extensions_then_rehousing(void **state) {
  (void)state;
  /* Move in with the subsidy in month 0 (in the flat from month 1); the end
   * tests at 24, 30 and 36 months in the flat: two extensions, then (with
   * p_rehoused_at_end = 1) a rehousing into housed_ordinary. */
  const char *more[] = {"subsidy.p_rehoused_at_end=1.0"};
  rb_scenario *sc = load_det(more, 1);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 1), 0);
  const rb_outcomes *o = &r.all.outcomes[RB_ARM_INTERVENTION];
  UT_NEAR(o->extensions, 2.0, 0.0);
  UT_NEAR(o->rehousings, 1.0, 0.0);
  UT_NEAR(o->takeovers, 0.0, 0.0);
  UT_NEAR(o->relapses, 0.0, 0.0);
  UT_NEAR(o->subsidised_months, 36.0, 0.0);
  UT_NEAR(r.all.occupancy[RB_ARM_INTERVENTION][RB_H_PLACED], 1.0, 0.0);
  UT_NEAR(r.all.occupancy[RB_ARM_INTERVENTION][RB_H_ORDINARY], 23.0, 0.0);
  UT_NEAR(o->months_waiting, 1.0, 0.0);
  UT_NEAR(o->retention_24, 1.0, 0.0);
  /* The subsidy each month is the module's answer for this flat. */
  rb_flat_case f = {1, 0, 3200.0, 600.0, 45.0, false, false, 0};
  rb_income_case now = {13800.0, RB_INCOME_BENEFIT};
  rb_income_case fut = {25000.0, RB_INCOME_WAGE};
  rb_scheme_terms terms = {.cap = 2000.0,
                           .own_method = RB_OWN_INCOME_SHARE,
                           .own_param = 0.30,
                           .kommuneskat = sc->rules.kommuneskat_avg,
                           .require_realistic_takeover = true};
  rb_subsidy_result sr;
  rb_subsidy_compute(&sr, &sc->rules, &terms, &f, &now, &fut);
  assert_true(sr.subsidy > 0.0 && sr.realistic_takeover);
  UT_NEAR(o->subsidy_per_month, sr.subsidy, 1e-9);
  /* Relocation is booked once per rehousing; the baseline never
   * subsidises: the gap is positive, so its offers are all refused. */
  UT_NEAR(r.all.occupancy[RB_ARM_BASELINE][RB_H_PLACED], 60.0, 0.0);
  UT_NEAR(r.all.outcomes[RB_ARM_BASELINE].offers_accepted_share, 0.0, 0.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* Issue 11: the udslusningsbolig's 5-year end (SEL § 163 a: up to 5 years
 * since 1.7.2023).  In the flat from month 1 with a gap the tenant can never
 * close (kontanthjælp), the refund ends after 60 months; with no rehousing
 * the tenant goes back to placed (month 61), then a new flat and a fresh
 * period: 60 + 18 subsidised months over 80.  The refund each month is
 * H − boligsikring − the § 110 own payment: 3,800 − 500 − 3,042 = 258 kr
 * (tests/test_subsidy.c works the boligsikring out by hand).  The scheme
 * with cap 0 on the baseline's terms equals `none` in every replication. */
/* Issue 14, a scheme's own path keys: with its period_per_citizen the
 * udslusningsbolig's 60 months are a total, so the second flat of the test
 * below is refused (its gap is above 0): 60 subsidised months, 20 placed. */
static void scheme_used_up(const char **sets) {
  sets[N_DET] = "schemes.[0].period_per_citizen=true";
  rb_scenario *sc = ut_load(SCHEMES, sets, N_DET + 1);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 1), 0);
  UT_NEAR(r.all.outcomes[0].subsidised_months, 60.0, 0.0);
  UT_NEAR(r.all.occupancy[0][RB_H_PLACED], 20.0, 0.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__udslusningsbolig_five_years(void **state) {
  (void)state;
  const char *sets[N_DET + 1];
  for (int i = 0; i < N_DET; i++) {
    sets[i] = det_sets[i];
  }
  sets[0] = "scenario.horizon_months=80";
  rb_scenario *sc = ut_load(SCHEMES, sets, N_DET);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  const rb_outcomes *o = &r.all.outcomes[0];
  UT_NEAR(o->subsidised_months, 78.0, 0.0);
  UT_NEAR(o->relapses, 1.0, 0.0);
  UT_NEAR(o->takeovers, 0.0, 0.0);
  UT_NEAR(o->extensions, 0.0, 0.0);
  UT_NEAR(r.all.occupancy[0][RB_H_PLACED], 2.0, 0.0);
  UT_NEAR(o->subsidy_per_month, 258.0, 1e-9);
  UT_NEAR(r.all.occupancy[RB_ARM_BASELINE][RB_H_PLACED], 80.0, 0.0);
  scheme_used_up(sets);
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      const rb_stats *z = &r.all.persp[disc][p].vs[2][RB_ARM_BASELINE];
      assert_true(z->mean == 0.0 && z->sd == 0.0 && z->p2_5 == 0.0 &&
                  z->p97_5 == 0.0);
      assert_true(r.all.persp[disc][p].arm[2].mean ==
                  r.all.persp[disc][p].arm[RB_ARM_BASELINE].mean);
    }
  }
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__subsidy_return_to_placed(void **state) {
  (void)state;
  /* p_rehoused_at_end = 0: back to placed after the last extension (a
   * relapse), then a new offer and a fresh period. */
  const char *more[] = {"subsidy.p_rehoused_at_end=0.0"};
  rb_scenario *sc = load_det(more, 1);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 1), 0);
  const rb_outcomes *o = &r.all.outcomes[RB_ARM_INTERVENTION];
  UT_NEAR(o->extensions, 2.0, 0.0);
  UT_NEAR(o->rehousings, 0.0, 0.0);
  UT_NEAR(o->relapses, 1.0, 0.0);
  /* Months 1–36 and 38–59 in the flat; placed in months 0 and 37. */
  UT_NEAR(o->subsidised_months, 58.0, 0.0);
  UT_NEAR(r.all.occupancy[RB_ARM_INTERVENTION][RB_H_PLACED], 2.0, 0.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* Employed from the first month in the flat: G ≤ 0 at the first end test
 * (24 months in), a takeover onto ordinary terms.  Issue 14: with
 * takeover_on_activity the test is made when the activity changes (the
 * rate is 1 in month 1, employed from month 2), so ordinary terms from
 * month 2 instead of month 25: one subsidised month, 58 ordinary. */
static void test_engine__takeover_when_employed(void **state) {
  (void)state;
  static const double sub_months[2] = {24.0, 1.0}, ord[2] = {35.0, 58.0};
  for (int on = 0; on < 2; on++) {
    const char *more[] = {
        "groups.[0].transitions.activity.housed.none_to_employed=1.0",
        on ? "subsidy.takeover_on_activity=true"
           : "subsidy.takeover_on_activity=false"};
    rb_scenario *sc;
    rb_results r;
    const rb_outcomes *o = det_run(&r, &sc, more, 2);
    UT_NEAR(o->takeovers, 1.0, 0.0);
    UT_NEAR(o->extensions, 0.0, 0.0);
    UT_NEAR(o->subsidised_months, sub_months[on], 0.0);
    UT_NEAR(r.all.occupancy[RB_ARM_INTERVENTION][RB_H_ORDINARY], ord[on], 0.0);
    UT_NEAR(o->employed[0], 1.0, 0.0);
    rb_results_free(&r);
    rb_scenario_free(sc);
  }
}

/* Issue 14: period_per_citizen.  Back to placed after the last extension
 * (month 37): today a new flat and a fresh period (58 subsidised months),
 * with the switch the 36 months are used up and the offers, whose gap is
 * above 0 on the benefit, are refused (36).  Relapsing every month (a
 * flat in months 1, 3, …, 59): today never an end (30 months), with the
 * switch the 24 months of a period without extensions, counted over the
 * flats. */
static void test_engine__period_per_citizen(void **state) {
  (void)state;
  static const double want[2][2] = {{58.0, 36.0}, {30.0, 24.0}};
  for (int path = 0; path < 2; path++) {
    for (int on = 0; on < 2; on++) {
      const char *more[] = {
          "subsidy.p_rehoused_at_end=0.0",
          on ? "subsidy.period_per_citizen=true"
             : "subsidy.period_per_citizen=false",
          "groups.[0].transitions.housed_subsidised.placed=1.0",
          "subsidy.max_extensions=0"};
      rb_scenario *sc;
      rb_results r;
      const rb_outcomes *o = det_run(&r, &sc, more, path == 0 ? 2 : 4);
      UT_NEAR(o->subsidised_months, want[path][on], 0.0);
      UT_NEAR(r.all.occupancy[RB_ARM_INTERVENTION][RB_H_PLACED],
              60.0 - want[path][on], 0.0);
      rb_results_free(&r);
      rb_scenario_free(sc);
    }
  }
}

/* Issue 14: the rehousing search.  The last end (36 months in the flat,
 * month 36) starts a search of 6 months, still subsidised; p_rehoused_at_end
 * = 1 is not used.  A cheaper flat every month: found in month 37, ordinary
 * from month 38.  None ever (with period_per_citizen, so no second flat):
 * 6 months more subsidised, then back to placed for good. */
static void test_engine__rehousing_search(void **state) {
  (void)state;
  for (int found = 0; found < 2; found++) {
    const char *more[] = {"subsidy.p_rehoused_at_end=1.0",
                          "subsidy.rehousing_search_months=6",
                          found ? "subsidy.p_rehoused_per_month=1.0"
                                : "subsidy.p_rehoused_per_month=0.0",
                          "subsidy.period_per_citizen=true"};
    rb_scenario *sc;
    rb_results r;
    const rb_outcomes *o = det_run(&r, &sc, more, 4);
    const double *occ = r.all.occupancy[RB_ARM_INTERVENTION];
    UT_NEAR(o->extensions, 2.0, 0.0);
    UT_NEAR(o->rehousings, found ? 1.0 : 0.0, 0.0);
    UT_NEAR(o->relapses, found ? 0.0 : 1.0, 0.0);
    UT_NEAR(o->subsidised_months, found ? 37.0 : 42.0, 0.0);
    UT_NEAR(occ[RB_H_ORDINARY], found ? 22.0 : 0.0, 0.0);
    UT_NEAR(occ[RB_H_PLACED], found ? 1.0 : 18.0, 0.0);
    rb_results_free(&r);
    rb_scenario_free(sc);
  }
}

/* Issue 14: termination for lack of engagement.  p_terminated = 1: every
 * subsidised month ends the lease (a relapse) and books the `terminated`
 * item, 5,000 kr to the kommune.  To placed: a flat in months 1, 3, …, 59
 * (30 terminations); to homeless (share 1, then placed the next month): a
 * flat in months 1, 4, …, 58 (20), homeless in months 2, 5, …, 59. */
static void test_engine__termination(void **state) {
  (void)state;
  static const double n_term[2] = {30.0, 20.0};
  for (int homeless = 0; homeless < 2; homeless++) {
    const char *more[] = {
        "subsidy.p_terminated=1.0",
        homeless ? "subsidy.terminated_homeless_share=1.0"
                 : "subsidy.terminated_homeless_share=0.0",
        "groups.[0].transitions.homeless={ placed = 1.0; }",
        "costs=( { name = \"shelter\"; label = \"Shelter\"; kind = "
        "\"resource\"; per_month = 30000.0; when = { housing = [\"placed\"]; "
        "}; payer = { kommune = 1.0; }; }, { name = \"eviction\"; label = "
        "\"Eviction\"; kind = \"resource\"; one_off = 5000.0; on = "
        "\"terminated\"; payer = { kommune = 1.0; }; } )"};
    rb_scenario *sc;
    rb_results r;
    const rb_outcomes *o = det_run(&r, &sc, more, 4);
    UT_NEAR(o->subsidised_months, n_term[homeless], 0.0);
    UT_NEAR(o->relapses, n_term[homeless], 0.0);
    UT_NEAR(r.all.occupancy[RB_ARM_INTERVENTION][RB_H_HOMELESS],
            homeless ? 20.0 : 0.0, 0.0);
    UT_NEAR(rb_res_item(&r, &r.all, 0, 1, RB_PAYER_KOMMUNE, RB_UNDISC),
            5000.0 * n_term[homeless], 1e-9);
    UT_NEAR(rb_res_item(&r, &r.all, 1, 1, RB_PAYER_KOMMUNE, RB_UNDISC), 0.0,
            0.0);
    rb_results_free(&r);
    rb_scenario_free(sc);
  }
}

/* One run of the deterministic path where the citizen leaves the flat in
 * its first month (exited = 1, from month 2), with @p more. */
static const rb_outcomes *exit_run(rb_results *r, rb_scenario **sc,
                                   const char *share, int reps) {
  char rp[64];
  snprintf(rp, sizeof rp, "scenario.replications=%d", reps);
  const char *more[] = {"groups.[0].transitions.housed_subsidised.exited=1.0",
                        rp, share};
  return det_run(r, sc, more, share != NULL ? 3 : 2);
}

/* Issue 14: where leavers go.  The citizen moves in in month 1 and leaves
 * in month 1 (exited from month 2).  With exit_own_home_share = 1 the exit
 * is to an own permanent home: kept in retention (24 months after the
 * move-in, month 25); with 0 (and without the key) lost to follow-up.  The
 * money is the same: the citizen leaves the books either way. */
static void test_engine__exit_own_home(void **state) {
  (void)state;
  rb_scenario *sc0;
  rb_results r0;
  const rb_outcomes *o0 = exit_run(&r0, &sc0, NULL, 3);
  UT_NEAR(o0->exits, 1.0, 0.0);
  UT_NEAR(o0->exits_own_home, 0.0, 0.0);
  UT_NEAR(o0->exits_lost, 1.0, 0.0);
  UT_NEAR(o0->retention_24, 0.0, 0.0);
  for (int own = 0; own < 2; own++) {
    rb_scenario *sc;
    rb_results r;
    const rb_outcomes *o = exit_run(&r, &sc,
                                    own ? "groups.[0].exit_own_home_share=1.0"
                                        : "groups.[0].exit_own_home_share=0.0",
                                    3);
    UT_NEAR(o->exits, 1.0, 0.0);
    UT_NEAR(o->exits_own_home, own ? 1.0 : 0.0, 0.0);
    UT_NEAR(o->exits_lost, own ? 0.0 : 1.0, 0.0);
    UT_NEAR(o->retention_24, own ? 1.0 : 0.0, 0.0);
    UT_NEAR(o->subsidised_months, 1.0, 0.0);
    for (int p = 0; p < RB_P_COUNT; p++) {
      assert_true(r.all.persp[RB_DISC][p].saving.mean ==
                  r0.all.persp[RB_DISC][p].saving.mean);
    }
    rb_results_free(&r);
    rb_scenario_free(sc);
  }
  rb_results_free(&r0);
  rb_scenario_free(sc0);
}

/* Issue 14, the exit's split as a rate: with the share 0.3 each exit is to
 * an own home with probability 0.3 on the exit's part of the housing
 * uniform, a Bernoulli mean over 50 citizens × 400 replications, within 4
 * MCSE; retention is the same share; the money and every other count are
 * those without the key, to the bit (no draw moves). */
static void test_engine__exit_own_home_rate(void **state) {
  (void)state;
  rb_scenario *sc, *sc0;
  rb_results r, r0;
  const rb_outcomes *o =
      exit_run(&r, &sc, "groups.[0].exit_own_home_share=0.3", 400);
  const rb_outcomes *o0 = exit_run(&r0, &sc0, NULL, 400);
  const double mcse = sqrt(0.3 * 0.7 / (50.0 * 400.0));
  ut_check_mcse("own-home exits per citizen", o->exits_own_home, 0.3, mcse,
                4.0);
  UT_NEAR(o->retention_24, o->exits_own_home, 1e-12);
  UT_NEAR(o->exits_own_home + o->exits_lost, 1.0, 1e-12);
  assert_true(o->relapses == o0->relapses && o->exits == o0->exits);
  for (int p = 0; p < RB_P_COUNT; p++) {
    assert_true(r.all.persp[RB_DISC][p].saving.mean ==
                r0.all.persp[RB_DISC][p].saving.mean);
  }
  rb_results_free(&r);
  rb_results_free(&r0);
  rb_scenario_free(sc);
  rb_scenario_free(sc0);
}

/* A Bernoulli rate @p want of the deterministic path with @p more: the
 * outcome at @p off in rb_outcomes (a mean over 50 citizens x 400
 * replications, more's first set) within 4 MCSE. */
static void check_det_rate(const char *what, const char *const *more, int n,
                           size_t off, double want) {
  rb_scenario *sc;
  rb_results r;
  const rb_outcomes *o = det_run(&r, &sc, more, n);
  const double x = *(const double *)(const void *)((const char *)o + off);
  ut_check_mcse(what, x, want, sqrt(want * (1.0 - want) / (50.0 * 400.0)), 4.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* Issue 14, item 8: the activity rates of the housing state at the start
 * of the month.  Placed in month 0, in a flat from month 1 for good (the
 * deterministic path); a job is started with p = 0.05 a month only where
 * the rate is set, and never left.  Housed only: months 1-11 give
 * 1 - 0.95^11 employed at month 12; not housed only: month 0 gives 0.05.
 * Bernoulli means over 50 citizens x 400 replications, within 4 MCSE. */
static void test_engine__activity_housed_or_not(void **state) {
  (void)state;
  const double p = 0.05;
  const double want[2] = {1.0 - pow(1.0 - p, 11.0), p};
  for (int housed = 0; housed < 2; housed++) {
    /* tests/data/engine/simple.cfg: every activity rate 0. */
    const char *more[] = {
        "scenario.replications=400",
        housed == 0
            ? "groups.[0].transitions.activity.housed.none_to_employed=0.05"
            : "groups.[0].transitions.activity.not_housed.none_to_employed="
              "0.05"};
    check_det_rate("employed at 12 months", more, 2,
                   offsetof(rb_outcomes, employed), want[housed]);
  }
}

/* Issue 14, item 6: households and persons housed.  Every citizen of the
 * deterministic path (50, each a household of one adult and two children)
 * moves in in month 1: 50 households and 150 persons a run; in the
 * baseline, where the children's boligsikring makes some flats payable,
 * three persons for each household that moved in. */
static void test_engine__households_and_persons_housed(void **state) {
  (void)state;
  const char *more[] = {"groups.[0].household={ adults = 1; children = 2; }"};
  rb_scenario *sc;
  rb_results r;
  const rb_outcomes *o = det_run(&r, &sc, more, 1);
  UT_NEAR(o->moved_in, 1.0, 0.0);
  UT_NEAR(o->households_housed, 50.0, 0.0);
  UT_NEAR(o->persons_housed, 150.0, 0.0);
  const rb_outcomes *b = &r.all.outcomes[RB_ARM_BASELINE];
  UT_NEAR(b->persons_housed, 3.0 * b->households_housed, 1e-9);
  UT_NEAR(b->households_housed, 50.0 * b->moved_in, 1e-9);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* Issue 14, item 6: job kept 12 months after its start.  A job from month
 * 2 (the rate 1 in a flat) never left: every spell kept; left after one
 * month (employed_to_none = 1, then a new job): none kept. */
static void test_engine__activity_kept(void **state) {
  (void)state;
  for (int left = 0; left < 2; left++) {
    const char *more[] = {
        "groups.[0].transitions.activity.housed.none_to_employed=1.0",
        left ? "groups.[0].transitions.activity.housed.employed_to_none=1.0"
             : "groups.[0].transitions.activity.housed.employed_to_none=0.0"};
    rb_scenario *sc;
    rb_results r;
    const rb_outcomes *o = det_run(&r, &sc, more, 2);
    UT_NEAR(o->activity_kept_12, left ? 0.0 : 1.0, 0.0);
    rb_results_free(&r);
    rb_scenario_free(sc);
  }
}

/* Issue 14, item 6, as a rate: a job left with q = 0.05 a month (and a new
 * one the month after) is kept 12 months with (1 - q)^12; the spells are
 * independent, at least one per citizen: within 4 MCSE of 50 x 400. */
static void test_engine__activity_kept_rate(void **state) {
  (void)state;
  const char *more[] = {
      "scenario.replications=400",
      "groups.[0].transitions.activity.housed.none_to_employed=1.0",
      "groups.[0].transitions.activity.housed.employed_to_none=0.05"};
  check_det_rate("jobs kept 12 months", more, 3,
                 offsetof(rb_outcomes, activity_kept_12), pow(0.95, 12.0));
}

/* Issue 14, item 6: the outcome at the subsidy's end (for citizen group 3
 * the clarification's).  The deterministic path's last end (month 36): no
 * rehousing, back to placed (an end return, share of own flats 0); always
 * rehoused, an own flat (share 1). */
static void test_engine__end_outcome(void **state) {
  (void)state;
  for (int rehoused = 0; rehoused < 2; rehoused++) {
    const char *more[] = {rehoused ? "subsidy.p_rehoused_at_end=1.0"
                                   : "subsidy.p_rehoused_at_end=0.0",
                          "subsidy.period_per_citizen=true"};
    rb_scenario *sc;
    rb_results r;
    const rb_outcomes *o = det_run(&r, &sc, more, 2);
    UT_NEAR(o->end_returns, rehoused ? 0.0 : 1.0, 0.0);
    UT_NEAR(o->rehousings, rehoused ? 1.0 : 0.0, 0.0);
    UT_NEAR(o->end_own_flat_share, rehoused ? 1.0 : 0.0, 0.0);
    rb_results_free(&r);
    rb_scenario_free(sc);
  }
}

/* Issue 14, the search's rate: a cheaper flat within the 6 months of the
 * search with p = 0.27 a month has the chance 1 − 0.73⁶; with the
 * deterministic path (one end, month 36; a second flat's end falls past
 * the horizon) that is the rehousings per citizen, a Bernoulli mean over
 * 50 citizens × 400 replications: within 4 MCSE. */
static void test_engine__rehousing_search_rate(void **state) {
  (void)state;
  const char *more[] = {"scenario.replications=400",
                        "subsidy.rehousing_search_months=6",
                        "subsidy.p_rehoused_per_month=0.27"};
  rb_scenario *sc;
  rb_results r;
  const rb_outcomes *o = det_run(&r, &sc, more, 3);
  const double want = 1.0 - pow(0.73, 6.0);
  const double mcse = sqrt(want * (1.0 - want) / (50.0 * 400.0));
  ut_check_mcse("rehousings per citizen", o->rehousings, want, mcse, 4.0);
  UT_NEAR(o->rehousings + o->relapses, 1.0, 1e-12);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* One run of the student's path (education from month 2) with
 * takeover_su_share @p share: its takeovers and subsidised months. */
static void student_path(double share, double *takeovers, double *months) {
  char su[64];
  snprintf(su, sizeof su, "subsidy.takeover_su_share=%.6f", share);
  const char *more[] = {
      "groups.[0].transitions.activity.housed.none_to_education=1.0",
      "subsidy.takeover_on_activity=true", "subsidy.max_extensions=0",
      "subsidy.p_rehoused_at_end=0.0", su};
  rb_scenario *sc;
  rb_results r;
  const rb_outcomes *o = det_run(&r, &sc, more, 5);
  *takeovers = o->takeovers;
  *months = o->subsidised_months;
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* Issue 14: the student's own affordability rule.  The share of the net
 * SU that H − boligsikring takes, from the subsidy module; a share just
 * above it takes over when education starts (one subsidised month), just
 * below it never does: 24-month periods, each ending back in placed (no
 * extensions, no rehousing), in the flat in months 1–24, 26–49 and 51–59. */
static void test_engine__takeover_on_education_su_share(void **state) {
  (void)state;
  rb_scenario *sc = load_det(NULL, 0);
  assert_non_null(sc);
  rb_income_case su = {7426.0, RB_INCOME_SU};
  rb_subsidy_result sr;
  det_case(&sr, sc, &su);
  rb_scenario_free(sc);
  const double need = (sr.housing_cost - sr.housing_benefit) / sr.tax.net;
  assert_true(need > 0.02 && need < 0.98);
  assert_true(sr.gap > 0.0); /* the gap on SU alone never takes over */
  double tk, mo;
  student_path(need + 0.01, &tk, &mo);
  UT_NEAR(tk, 1.0, 0.0);
  UT_NEAR(mo, 1.0, 0.0);
  student_path(need - 0.01, &tk, &mo);
  UT_NEAR(tk, 0.0, 0.0);
  UT_NEAR(mo, 24.0 + 24.0 + 9.0, 0.0);
}

static void test_engine__housed_share_geometric(void **state) {
  (void)state;
  /* Offers that are always taken (a wage income: G ≤ 0) with probability
   * q a month and no way out of a flat: housed at 12 months is
   * 1 − (1 − q)^12; months waiting among movers 1/q (the month of the
   * move-in is spent placed). */
  const char *more[] = {"groups.[0].flats.offers_per_month=0.2",
                        "groups.[0].income.none=\"unskilled\"",
                        "scenario.replications=400",
                        "scenario.horizon_months=240"};
  rb_scenario *sc = load_det(more, 4);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  double q = 0.2, n = 50.0 * 400.0;
  for (int arm = 0; arm < 2; arm++) {
    const rb_outcomes *o = &r.all.outcomes[arm];
    double p12 = 1.0 - pow(1.0 - q, 12);
    ut_check_mcse("housed at 12", o->housed[0], p12, sqrt(p12 * (1 - p12) / n),
                  4.0);
    ut_check_mcse("months waiting", o->months_waiting, 1.0 / q,
                  sqrt(1 - q) / q / sqrt(n), 4.0);
    UT_NEAR(o->retention_24, 1.0, 0.0);
  }
  assert_true(r.all.occupancy[RB_ARM_INTERVENTION][RB_H_SUBSIDISED] == 0.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* Sum of items per citizen (resource + transfer − revenue over payers) for
 * one arm, discounted or not. */
static double items_net(const rb_results *r, const rb_group_result *g, int arm,
                        int disc, int payer_only) {
  double net = 0.0;
  for (int i = 0; i < r->n_items; i++) {
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      if (payer_only >= 0 && p != payer_only) {
        continue;
      }
      double x = rb_res_item(r, g, arm, i, p, disc);
      net += r->item_kind[i] == RB_KIND_REVENUE ? -x : x;
    }
  }
  return net;
}

static void test_engine__items_and_years_add_up(void **state) {
  (void)state;
  /* Two accounting paths must agree: the items (exposure counts × amounts,
   * and events) and the perspectives (booked month by month); the budget
   * years sum to the undiscounted public cost of the cohort. */
  const char *sets[] = {"scenario.replications=200"};
  rb_scenario *sc = ut_load(BENCH, sets, 1);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  for (int g = 0; g <= r.n_groups; g++) {
    const rb_group_result *gr = g < r.n_groups ? &r.groups[g] : &r.all;
    for (int arm = 0; arm < 2; arm++) {
      for (int disc = 0; disc < 2; disc++) {
        double pub = gr->persp[disc][RB_P_PUBLIC].arm[arm].mean;
        UT_NEAR(items_net(&r, gr, arm, disc, -1), pub, 1e-6 * fabs(pub));
        double kom = gr->persp[disc][RB_P_KOMMUNE].arm[arm].mean;
        UT_NEAR(items_net(&r, gr, arm, disc, RB_PAYER_KOMMUNE), kom,
                1e-6 * fabs(pub));
      }
    }
  }
  for (int arm = 0; arm < 2; arm++) {
    double net = 0.0;
    for (int y = 0; y < r.n_years; y++) {
      for (int p = 0; p < RB_PAYER_COUNT; p++) {
        net += rb_res_yearly(&r, arm, y, p, RB_YEARLY_RESOURCE) +
               rb_res_yearly(&r, arm, y, p, RB_YEARLY_TRANSFER) -
               rb_res_yearly(&r, arm, y, p, RB_YEARLY_REVENUE);
      }
    }
    double pub = r.all.persp[RB_UNDISC][RB_P_PUBLIC].arm[arm].mean * r.all.size;
    UT_NEAR(net, pub, 1e-6 * fabs(pub));
  }
  /* 2027-01 over 120 months: ten budget years. */
  assert_int_equal(r.first_year, 2027);
  assert_int_equal(r.n_years, 10);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__mcpf_adds_share_of_public_cost(void **state) {
  (void)state;
  const char *a_sets[] = {"scenario.replications=50"};
  const char *b_sets[] = {"scenario.replications=50", "scenario.mcpf=0.2"};
  rb_scenario *a = ut_load(BENCH, a_sets, 1);
  rb_scenario *b = ut_load(BENCH, b_sets, 2);
  assert_non_null(a);
  assert_non_null(b);
  rb_results ra, rb;
  assert_int_equal(ut_run(&ra, a, 2), 0);
  assert_int_equal(ut_run(&rb, b, 2), 0);
  for (int arm = 0; arm < 2; arm++) {
    double soc0 = ra.all.persp[RB_DISC][RB_P_SOCIETAL].arm[arm].mean;
    double soc1 = rb.all.persp[RB_DISC][RB_P_SOCIETAL].arm[arm].mean;
    double pub = ra.all.persp[RB_DISC][RB_P_PUBLIC].arm[arm].mean;
    UT_NEAR(soc1 - soc0, 0.2 * pub, 1e-6 * fabs(pub));
  }
  rb_results_free(&ra);
  rb_results_free(&rb);
  rb_scenario_free(a);
  rb_scenario_free(b);
}

static void test_engine__one_offs_and_payer_schedules(void **state) {
  (void)state;
  /* A one-off item on move_in with a payer schedule on the placed spell's
   * months, and the shelter's payer schedule: month 0 placed (the move-in
   * month, months_in_state 0 < 1: the state pays half), then in the flat. */
  const char *more[] = {
      "subsidy.p_rehoused_at_end=1.0",
      "costs=( { name = \"shelter\"; label = \"Shelter\"; kind = \"resource\"; "
      "per_month = 30000.0; when = { housing = [\"placed\"]; }; "
      "payer = { breaks = [1]; kommune = [0.5, 1.0]; stat = [0.5, 0.0]; }; }, "
      "{ name = \"case_work\"; label = \"Case work\"; kind = \"resource\"; "
      "one_off = 7500.0; on = \"move_in\"; when = { arm = \"intervention\"; }; "
      "payer = { breaks = [1]; kommune = [0.2, 1.0]; stat = [0.8, 0.0]; }; } "
      ")"};
  rb_scenario *sc = load_det(more, 2);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 1), 0);
#define ITEM(arm, i, p, d) rb_res_item(&r, &r.all, arm, i, p, d)
  /* Intervention: one placed month (state pays half), one move-in in month
   * 0 read at months_in_state 0 (kommune 20 %). */
  UT_NEAR(ITEM(0, 0, RB_PAYER_KOMMUNE, RB_UNDISC), 15000.0, 1e-9);
  UT_NEAR(ITEM(0, 0, RB_PAYER_STAT, RB_UNDISC), 15000.0, 1e-9);
  UT_NEAR(ITEM(0, 1, RB_PAYER_KOMMUNE, RB_UNDISC), 1500.0, 1e-9);
  UT_NEAR(ITEM(0, 1, RB_PAYER_STAT, RB_UNDISC), 6000.0, 1e-9);
  /* Baseline: placed all 60 months; no move-in, the item is the
   * intervention's only. */
  UT_NEAR(ITEM(1, 0, RB_PAYER_KOMMUNE, RB_UNDISC), 15000.0 + 59 * 30000.0,
          1e-6);
  UT_NEAR(ITEM(1, 0, RB_PAYER_STAT, RB_UNDISC), 15000.0, 1e-9);
  UT_NEAR(ITEM(1, 1, RB_PAYER_KOMMUNE, RB_UNDISC), 0.0, 0.0);
  /* Relocation at the rehousing (subsidy.relocation_cost is 0 here). */
  UT_NEAR(r.all.outcomes[0].rehousings, 1.0, 0.0);
#undef ITEM
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__recompute_at_move_in(void **state) {
  (void)state;
  /* Employed from the first month in the flat, but the subsidy stays at its
   * move-in amount (on benefit income) until the end test takes over. */
  const char *more[] = {
      "groups.[0].transitions.activity.housed.none_to_employed=1.0",
      "subsidy.recompute=\"at_move_in\""};
  rb_scenario *sc = load_det(more, 2);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 1), 0);
  rb_income_case now = {13800.0, RB_INCOME_BENEFIT};
  rb_subsidy_result sr;
  det_case(&sr, sc, &now);
  const rb_outcomes *o = &r.all.outcomes[RB_ARM_INTERVENTION];
  UT_NEAR(o->subsidised_months, 24.0, 0.0);
  UT_NEAR(o->subsidy_per_month, sr.subsidy, 1e-9);
  UT_NEAR(o->takeovers, 1.0, 0.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_engine__psa_draws_pert(void **state) {
  (void)state;
  /* psa: a PERT(20,000; 30,000; 50,000) shelter cost drawn once per
   * replication: mean (low + 4 value + high) / 6, within [low, high]. */
  const char *sets[] = {
      "scenario.mode=\"psa\"", "scenario.replications=4000",
      "scenario.horizon_months=12", "groups.[0].size=1",
      "costs.[0].per_month={ value = 30000.0; low = 20000.0; high = 50000.0; "
      "source = \"test\"; }"};
  rb_scenario *sc = ut_load(SIMPLE, sets, 5);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  assert_int_equal(r.n_drawn, 1);
  double sum = 0.0, sum2 = 0.0, lo = 1e300, hi = -1e300;
  for (int k = 0; k < r.replications; k++) {
    double x = rb_res_drawn(&r, k, 0);
    sum += x;
    sum2 += x * x;
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
  }
  double n = r.replications, mean = sum / n;
  double sd = sqrt((sum2 - n * mean * mean) / (n - 1));
  double want = (20000.0 + 4 * 30000.0 + 50000.0) / 6.0;
  ut_check_mcse("PERT mean", mean, want, sd / sqrt(n), 4.0);
  assert_true(lo >= 20000.0 && hi <= 50000.0);
  /* Distinct draws per replication, and the seed fixes them. */
  assert_true(rb_res_drawn(&r, 0, 0) != rb_res_drawn(&r, 1, 0));
  rb_results r2;
  assert_int_equal(ut_run(&r2, sc, 1), 0);
  assert_memory_equal(r.drawn, r2.drawn,
                      rb_drawn_index(r.n_drawn, r.replications, 0) *
                          sizeof *r.drawn);
  rb_results_free(&r);
  rb_results_free(&r2);
  rb_scenario_free(sc);
}

static void test_engine__group_terms(void **state) {
  (void)state;
  /* A cost item for one group only, and one group's own kommuneskat and
   * subsidy terms: the other group's results do not move at all. */
  const char *base_sets[] = {"scenario.replications=100"};
  const char *sets[] = {"scenario.replications=100",
                        "costs.[0].when.groups=[\"young_vulnerable\"]",
                        "groups.[1].kommuneskat=0.30",
                        "groups.[1].subsidy={ p_rehoused_at_end = 0.0; }"};
  rb_scenario *a = ut_load(BENCH, base_sets, 1);
  rb_scenario *b = ut_load(BENCH, sets, 4);
  assert_non_null(a);
  assert_non_null(b);
  rb_results ra, rb;
  assert_int_equal(ut_run(&ra, a, 2), 0);
  assert_int_equal(ut_run(&rb, b, 2), 0);
#define ITEM(r, g, arm, i, p)                                                  \
  rb_res_item(&(r), &(r).groups[g], arm, i, p, RB_UNDISC)
  /* Group 0 lost the shelter item; group 1 kept it to the krone. */
  assert_true(ITEM(ra, 0, 1, 0, RB_PAYER_KOMMUNE) > 0.0);
  UT_NEAR(ITEM(rb, 0, 1, 0, RB_PAYER_KOMMUNE), 0.0, 0.0);
  UT_NEAR(ITEM(rb, 1, 1, 0, RB_PAYER_KOMMUNE),
          ITEM(ra, 1, 1, 0, RB_PAYER_KOMMUNE), 0.0);
  /* Group 1 pays more kommuneskat; group 0's tax is unchanged. */
  int tax = rb_item_index(&ra, RB_ITEM_INCOME_TAX);
  assert_true(ITEM(rb, 1, 1, tax, RB_PAYER_KOMMUNE) >
              ITEM(ra, 1, 1, tax, RB_PAYER_KOMMUNE));
  UT_NEAR(ITEM(rb, 0, 1, tax, RB_PAYER_KOMMUNE),
          ITEM(ra, 0, 1, tax, RB_PAYER_KOMMUNE), 0.0);
  /* No rehousing at the end for group 1; group 0 still rehouses. */
  UT_NEAR(rb.groups[1].outcomes[0].rehousings, 0.0, 0.0);
  assert_true(ra.groups[1].outcomes[0].rehousings > 0.0);
  UT_NEAR(rb.groups[0].outcomes[0].rehousings,
          ra.groups[0].outcomes[0].rehousings, 0.0);
  assert_memory_equal(ra.groups[0].occupancy, rb.groups[0].occupancy,
                      sizeof ra.groups[0].occupancy);
#undef ITEM
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
    ut_check_mcse("intervention", pr->arm[0].mean, want[k].i, pr->arm[0].mcse,
                  4.0);
    ut_check_mcse("baseline", pr->arm[1].mean, want[k].b, pr->arm[1].mcse, 4.0);
    ut_check_mcse("saving", pr->saving.mean, want[k].s, pr->saving.mcse, 4.0);
  }
  const double occ[RB_H_COUNT][2] = {{6.897, 25.256},  {37.487, 0.0},
                                     {44.936, 62.185}, {2.316, 2.494},
                                     {21.122, 21.858}, {5.083, 6.048}};
  for (int h = 0; h < RB_H_COUNT; h++) {
    for (int arm = 0; arm < 2; arm++) {
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
      const rb_persp_result *pr = &r.groups[g].persp[RB_DISC][p];
      ut_check_mcse("group intervention", pr->arm[0].mean, grp[g][k][0],
                    pr->arm[0].mcse, 4.0);
      ut_check_mcse("group baseline", pr->arm[1].mean, grp[g][k][1],
                    pr->arm[1].mcse, 4.0);
    }
  }
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static int gsl_handler_calls;

static void counting_handler(const char *reason, const char *file, int line,
                             int gsl_errno) {
  (void)reason;
  (void)file;
  (void)line;
  (void)gsl_errno;
  gsl_handler_calls++;
}

static void test_engine__gsl_errors_never_abort(void **state) {
  (void)state;
  /* A library caller's process is never aborted by GSL: the engine's entry
   * points turn GSL's error handler off, so a GSL error is a status. */
  rb_scenario *sc = ut_load(SIMPLE, NULL, 0);
  assert_non_null(sc);
  gsl_sf_result x;
  rb_results r;
  gsl_set_error_handler(counting_handler);
  assert_int_equal(ut_run(&r, sc, 1), 0);
  rb_results_free(&r);
  gsl_handler_calls = 0;
  assert_int_equal(gsl_sf_log_e(-1.0, &x), GSL_EDOM);
  assert_int_equal(gsl_handler_calls, 0);
  /* rb_engine_run_values likewise. */
  gsl_set_error_handler(counting_handler);
  double *v = calloc((size_t)sc->n_params + 1, sizeof *v);
  assert_non_null(v);
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  rb_run_opts o = {0};
  o.threads = 1;
  assert_int_equal(rb_engine_run_values(&r, sc, &o, v), RB_OK);
  rb_results_free(&r);
  assert_int_equal(gsl_sf_log_e(-1.0, &x), GSL_EDOM);
  assert_int_equal(gsl_handler_calls, 0);
  free(v);
  rb_scenario_free(sc);
}

/* ---- issue 20: limits -------------------------------------------------- */

#define EXAMPLE "tests/data/ok/example.cfg"
#define PSA "tests/data/decision/psa.cfg"

/* The parameter with key @p key (fails the test when there is none). */
static rb_param *param_of(rb_scenario *sc, const char *key) {
  return &sc->params[ut_param_index(sc, key)];
}

/* Does a line of @p d contain every one of the @p n strings? */
static bool diag_says(const rb_diag *d, int n, const char *const *what) {
  for (size_t i = 0; i < d->n; i++) {
    int k = 0;
    while (k < n && strstr(d->msgs[i], what[k]) != NULL) {
      k++;
    }
    if (k == n) {
      return true;
    }
  }
  for (size_t i = 0; i < d->n; i++) {
    fprintf(stderr, "  diag: %s\n", d->msgs[i]);
  }
  return false;
}

/* Run @p sc on one thread into @p d: the status. */
static rb_status run_diag(const rb_scenario *sc, rb_diag *d, size_t max) {
  rb_run_opts o = {0};
  o.threads = 1;
  o.replications = 20;
  o.max_memory = max;
  o.diag = d;
  rb_results r;
  rb_status st = rb_engine_run(&r, sc, &o);
  if (st == RB_OK) {
    rb_results_free(&r);
  }
  return st;
}

static void test_engine__overflow_names_the_input(void **state) {
  (void)state;
  /* Item 9: 1e308 kr a month is finite, its sums over citizens are not.
   * The run fails, naming the cost item and the key (set here in the
   * loaded scenario: the loader may refuse the value itself). */
  rb_scenario *sc = ut_load(EXAMPLE, NULL, 0);
  assert_non_null(sc);
  rb_param *p = param_of(sc, "costs.[2].per_month.values.[1]");
  p->value = 1e308;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(run_diag(sc, &d, 0), RB_EINVALID);
  const char *const total[] = {"costs.[2].per_month.values.[1]", "\"support\"",
                               "not a finite number", "example.cfg:20:"};
  assert_true(diag_says(&d, 4, total));
  rb_diag_free(&d);
  /* A price per day of 1e308 is infinite a month: the compiled tables
   * already are not finite, and name the key. */
  p->value = 3900.0;
  p = param_of(sc, "costs.[1].per_day");
  p->value = 1e308;
  rb_diag_init(&d);
  assert_int_equal(run_diag(sc, &d, 0), RB_EINVALID);
  const char *const table[] = {"costs.[1].per_day", "\"shelter_own_payment\"",
                               "the amount"};
  assert_true(diag_says(&d, 3, table));
  rb_diag_free(&d);
  /* The tornado's and the sweep's entry point likewise. */
  double *v = calloc((size_t)sc->n_params, sizeof *v);
  assert_non_null(v);
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  rb_run_opts o = {0};
  o.threads = 2;
  rb_diag_init(&d);
  o.diag = &d;
  rb_results r;
  assert_int_equal(rb_engine_run_values(&r, sc, &o, v), RB_EINVALID);
  assert_true(diag_says(&d, 1, table));
  assert_null(r.groups);
  rb_diag_free(&d);
  free(v);
  rb_scenario_free(sc);
}

static void test_engine__psa_overflow_names_the_replication(void **state) {
  (void)state;
  /* psa: each replication compiles its own model from its draw; the first
   * that is not finite is named, on any number of threads. */
  rb_scenario *sc = ut_load(PSA, NULL, 0);
  assert_non_null(sc);
  rb_param *p = param_of(sc, "costs.[1].per_month");
  p->low = 1e300;
  p->high = 1e308;
  p->value = 1e304;
  sc->costs[1].per_day = true; /* × 365/12: infinite from 6e306 on */
  for (int nt = 1; nt <= 3; nt++) {
    rb_diag d;
    rb_diag_init(&d);
    rb_run_opts o = {0};
    o.threads = nt;
    o.diag = &d;
    rb_results r;
    assert_int_equal(rb_engine_run(&r, sc, &o), RB_EINVALID);
    const char *const key[] = {"costs.[1].per_month", "\"extra\""};
    assert_true(diag_says(&d, 2, key));
    /* The first replication whose draw is above 6e306 kr a day. */
    const char *const rep[] = {"psa: in replication 1's draw"};
    assert_true(diag_says(&d, 1, rep));
    rb_diag_free(&d);
  }
  rb_scenario_free(sc);
}

/* `rentbridge run ARGS --quiet --out DIR/OUT` after the shell commands
 * @p pre ("" or "ulimit -v N; "): its standard output and error (caller
 * frees); its exit status in *code (−1 when it did not exit). */
static char *run_prog(int *code, const char *pre, const char *dir,
                      const char *out, const char *args) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "%s%s run %s --quiet --out %s/%s 2>&1", pre,
           ut_bin(), args, dir, out);
  int st = 0;
  char *text = ut_run_cmd(cmd, &st);
  assert_non_null(text);
  *code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return text;
}

static void test_engine__overflow_exit_status(void **state) {
  (void)state;
  /* Through the program: exit status 3, the key on stderr, no folder. */
  char *dir = ut_mkdtemp("overflow");
  assert_non_null(dir);
  int code;
  char *out = run_prog(&code, "", dir, "out",
                       "scenarios/example.cfg --replications 10 --set "
                       "'costs.[2].per_month.values.[1]=1e308'");
  assert_int_equal(code, 3);
  assert_non_null(strstr(out, "costs.[2].per_month.values.[1]"));
  assert_null(strstr(out, "nan"));
  assert_false(ut_file_exists(dir, "out/summary.json"));
  free(out);
  ut_rm_tree(dir);
  free(dir);
}

static void test_engine__memory_estimated_and_limited(void **state) {
  (void)state;
  /* Item 6: the estimate grows with groups × replications, and a run above
   * the limit is refused before it allocates, with the estimate and the
   * knob to turn. */
  rb_scenario *sc = ut_load(EXAMPLE, NULL, 0);
  assert_non_null(sc);
  rb_run_opts o = {0};
  o.threads = 1;
  o.replications = 20000; /* beyond the band's and a chunk's */
  const double m1 = rb_engine_memory(sc, &o);
  o.replications = 120000;
  const double m2 = rb_engine_memory(sc, &o);
  /* Per replication: 12 totals for the group and the cohort, 2 scratch. */
  UT_NEAR(m2 - m1, 100000.0 * (2 * 12 + 2) * sizeof(double), 1.0);
  /* Only the whole cohort's (sweeps, tornado): independent of groups. */
  o.cohort_only = true;
  const double c2 = rb_engine_memory(sc, &o);
  UT_NEAR(m2 - c2, 120000.0 * 12 * sizeof(double), 1.0);
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(run_diag(sc, &d, (size_t)1 << 16), RB_EINVALID);
  const char *const why[] = {"the run needs about", "more than its limit of",
                             "--max-memory"};
  assert_true(diag_says(&d, 3, why));
  rb_diag_free(&d);
  rb_diag_init(&d);
  assert_int_equal(run_diag(sc, &d, 0), RB_OK);
  assert_int_equal((int)d.n, 0);
  rb_diag_free(&d);
  rb_scenario_free(sc);
}

static void test_engine__memory_default_fits_library(void **state) {
  (void)state;
  /* The default limit: every scenario of the library at its replications
   * on up to 1,024 threads, and network.cfg (24 groups) at 1,000,000
   * replications on 2 threads or 100,000 on 64 (large real runs), with the
   * assumptions fixed.  In psa mode (the library's default since issue 16)
   * each thread compiles its own model and every replication keeps its
   * draws: network.cfg fits at its replications on up to 256 threads and at
   * 100,000 replications on 64 (1,000,000 need about 4.7 GiB).  With the
   * three arms of issue 11, network.cfg's threads' exposure counts grow with
   * the arms: with fixed assumptions it fits on up to 256 threads (4.9 GiB on
   * 1,024).  With the portfolio views of issue 15 (5 kommuner and 5 target
   * groups kept per replication beside the 24 groups) network.cfg's
   * 1,000,000 replications need 4.7 GiB with fixed assumptions: 500,000 fit
   * (2.4 GiB), and in psa mode 3.8 GiB.  With issue 14's drawn activity
   * rates and exit shares (about 69 more values per replication) psa needs
   * 4.1 GiB at 500,000: 400,000 fit. */
  static const char *const lib[] = {
      "scenarios/example.cfg", "scenarios/network.cfg", "scenarios/bench.cfg"};
  static const char *const fixed[] = {"scenario.mode=\"stochastic\""};
  rb_run_opts o = {0};
  for (size_t k = 0; k < sizeof lib / sizeof lib[0]; k++) {
    for (int psa = 0; psa < 2; psa++) {
      rb_scenario *sc = ut_load(lib[k], fixed, psa ? 0 : 1);
      assert_non_null(sc);
      const int most = psa || sc->n_arms > 2 ? 256 : 1024;
      for (o.threads = 1; o.threads <= most; o.threads *= 4) {
        assert_true(rb_engine_memory(sc, &o) < (double)RB_ENGINE_MAX_MEMORY);
      }
      rb_scenario_free(sc);
    }
  }
  for (int psa = 0; psa < 2; psa++) {
    rb_scenario *sc = ut_load("scenarios/network.cfg", fixed, psa ? 0 : 1);
    assert_non_null(sc);
    o.threads = 2;
    o.replications = psa ? 400000 : 500000;
    assert_true(rb_engine_memory(sc, &o) < (double)RB_ENGINE_MAX_MEMORY);
    o.replications = 1000000;
    assert_false(rb_engine_memory(sc, &o) < (double)RB_ENGINE_MAX_MEMORY);
    o.threads = 64;
    o.replications = 100000;
    assert_true(rb_engine_memory(sc, &o) < (double)RB_ENGINE_MAX_MEMORY);
    o.replications = 0;
    rb_scenario_free(sc);
  }
}

static void test_engine__memory_exit_status(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("memory");
  assert_non_null(dir);
  int code;
  char *out = run_prog(&code, "", dir, "out",
                       "scenarios/example.cfg --replications 100000 "
                       "--max-memory 1");
  assert_int_equal(code, 3);
  assert_non_null(strstr(out, "the run needs about"));
  assert_non_null(strstr(out, "limit of 1 MiB"));
  assert_non_null(strstr(out, "--replications"));
  assert_false(ut_file_exists(dir, "out/summary.json"));
  free(out);
  out =
      run_prog(&code, "", dir, "out", "scenarios/example.cfg --max-memory 2T");
  assert_int_equal(code, 2);
  free(out);
  ut_rm_tree(dir);
  free(dir);
}

/* Under AddressSanitizer (build-asan) an address-space limit stops the
 * program itself: those tests are for the plain build. */
#if defined(__SANITIZE_ADDRESS__)
#define UT_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UT_ASAN 1
#endif
#endif

static void test_engine__largest_break_takes_no_memory(void **state) {
  (void)state;
  /* Item 6: a break of 10^8 months took a table of 10^8 entries per group
   * and arm (787 MB); the segments are the breaks themselves.  The loader
   * now stops breaks at 1,200 months, and a break of 10^8 is refused (exit
   * 3) instead of eating memory; the latest break it lets through runs
   * within 500 MB of address space. */
#ifdef UT_ASAN
  skip();
#endif
  char *dir = ut_mkdtemp("break");
  assert_non_null(dir);
  int code;
  char *out = run_prog(
      &code, "ulimit -v 500000; ", dir, "out",
      "scenarios/example.cfg --replications 2 --threads 1 --set "
      "'groups.[0].transitions.housed_subsidised.placed.breaks.[1]=1200'");
  if (code != 0) {
    fail_msg("exit %d: %s", code, out);
  }
  free(out);
  out = run_prog(
      &code, "ulimit -v 500000; ", dir, "out2",
      "scenarios/example.cfg --replications 2 --threads 1 --set "
      "'groups.[0].transitions.housed_subsidised.placed.breaks.[1]=100000000'");
  assert_int_equal(code, 3);
  assert_true(ut_file_exists(dir, "out/summary.json"));
  free(out);
  ut_rm_tree(dir);
  free(dir);
}

static void test_engine__threads_that_cannot_start(void **state) {
  (void)state;
  /* Item 14: libgomp ends the program (exit 1) when it cannot start a
   * thread.  Within 300 MB of address space 100 threads' stacks do not
   * fit: the run takes those that start, with the same results. */
#ifdef UT_ASAN
  skip();
#endif
  char *dir = ut_mkdtemp("threads");
  assert_non_null(dir);
  static const char args[] = "tests/data/ok/mini.cfg --replications 300";
  char many[256];
  snprintf(many, sizeof many, "%s --threads 100", args);
  int code;
  char *out = run_prog(&code, "ulimit -v 300000; ", dir, "few", many);
  if (code != 0) {
    fail_msg("exit %d: %s", code, out);
  }
  free(out);
  out = run_prog(&code, "", dir, "one", args);
  assert_int_equal(code, 0);
  free(out);
  char *few = ut_read_in(dir, "few/summary.json");
  char *one = ut_read_in(dir, "one/summary.json");
  assert_string_equal(few, one);
  free(few);
  free(one);
  char *man = ut_read_in(dir, "few/manifest.json");
  const char *t = strstr(man, "\"threads\": ");
  assert_non_null(t);
  const int n = atoi(t + strlen("\"threads\": "));
  assert_true(n >= 1 && n < 100);
  free(man);
  ut_rm_tree(dir);
  free(dir);
}

static void test_engine__clock_and_cohort_bounds(void **state) {
  (void)state;
  /* Item 1's engine side: a clock that would pass INT_MAX within the
   * horizon (it crashed the step), and a cohort above INT_MAX citizens,
   * are refused before the run, naming the key. */
  rb_scenario *sc = ut_load(EXAMPLE, NULL, 0);
  assert_non_null(sc);
  sc->groups[0].arm[RB_ARM_BASELINE].initial.months_in_state = 2147483600;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(run_diag(sc, &d, 0), RB_EINVALID);
  const char *const clock[] = {"groups.[0].baseline.initial.months_in_state",
                               "2147483600"};
  assert_true(diag_says(&d, 2, clock));
  rb_diag_free(&d);
  sc->groups[0].arm[RB_ARM_BASELINE].initial.months_in_state =
      2147483647 - 1 - sc->info.horizon_months;
  rb_diag_init(&d);
  assert_int_equal(run_diag(sc, &d, 0), RB_OK);
  rb_diag_free(&d);
  rb_scenario_free(sc);
  /* Two groups of 2^30 citizens (item 10: the loader bounds the sizes). */
  sc = ut_load(BENCH, NULL, 0);
  assert_non_null(sc);
  assert_int_equal(sc->n_groups, 2);
  sc->groups[0].size = sc->groups[1].size = 1 << 30;
  rb_diag_init(&d);
  assert_int_equal(run_diag(sc, &d, 0), RB_EINVALID);
  const char *const cohort[] = {"the cohort is too large", "2147483648"};
  assert_true(diag_says(&d, 2, cohort));
  rb_diag_free(&d);
  rb_scenario_free(sc);
}

static void test_engine__cohort_only_same_cohort(void **state) {
  (void)state;
  /* Sweeps and the tornado keep the whole cohort's totals only: its
   * figures are the same bits, the groups' statistics NAN. */
  rb_scenario *sc = ut_load(BENCH, NULL, 0);
  assert_non_null(sc);
  rb_run_opts o = {0};
  o.threads = 2;
  o.replications = 300;
  rb_results a, b;
  assert_int_equal(rb_engine_run(&a, sc, &o), RB_OK);
  o.cohort_only = true;
  assert_int_equal(rb_engine_run(&b, sc, &o), RB_OK);
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      assert_memory_equal(&a.all.persp[disc][p], &b.all.persp[disc][p],
                          sizeof a.all.persp[disc][p]);
      assert_true(isnan(b.groups[0].persp[disc][p].saving.mean));
      assert_true(isnan(b.groups[1].persp[disc][p].arm[0].p97_5));
    }
  }
  assert_memory_equal(&a.all.outcomes, &b.all.outcomes, sizeof a.all.outcomes);
  assert_memory_equal(a.groups[1].month_cost, b.groups[1].month_cost,
                      rb_month_cost_index(a.horizon, 2, 2, 0, 0, 0) *
                          sizeof(double));
  rb_results_free(&a);
  rb_results_free(&b);
  rb_scenario_free(sc);
}

/* The tornado's shared runs (rb_engine_saving_shared): after the base
 * run, a value of one group reruns that group only, a cost item the groups
 * that book it, the discount rate every group; each run's saving is the
 * full run's bit for bit (network.cfg, stochastic, two threads).  A share
 * of another seed shares nothing; without a share every group runs. */
static void test_engine__shared_runs_are_full_runs(void **state) {
  (void)state;
  const char *sets[] = {"scenario.mode=\"stochastic\"",
                        "scenario.replications=3"};
  rb_scenario *sc = ut_load("scenarios/network.cfg", sets, 2);
  assert_non_null(sc);
  const int G = sc->n_groups;
  double *v = calloc((size_t)sc->n_params + 1, sizeof *v);
  assert_non_null(v);
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  static const struct {
    const char *key;
    double factor;
    int most; /* groups simulated at most */
  } cases[] = {
      {NULL, 1.0, 0}, /* the base run again: nothing to simulate */
      {"groups.[3].flats.offers_per_month", 1.5, 1},
      {"groups.[7].transitions.placed.exited", 0.5, 1},
      {"costs.[3].per_day", 1.3, -1},
      {"incomes.kontanthjaelp_30plus.gross", 1.05, -1},
      {"scenario.discount_rate", 1.2, -1},
  };
  rb_run_opts o = {0};
  o.threads = 2;
  rb_engine_share *share = rb_engine_share_new();
  assert_non_null(share);
  rb_stats s[RB_DISC_COUNT][RB_P_COUNT];
  int threads = 0, simulated = 0;
  assert_int_equal(
      rb_engine_saving_shared(s, &threads, &simulated, sc, &o, v, share),
      RB_OK);
  assert_int_equal(simulated, G);
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    const int k = cases[c].key != NULL ? ut_param_index(sc, cases[c].key) : -1;
    const double was = k >= 0 ? v[k] : 0.0;
    if (k >= 0) {
      v[k] *= cases[c].factor;
    }
    assert_int_equal(
        rb_engine_saving_shared(s, &threads, &simulated, sc, &o, v, share),
        RB_OK);
    if (cases[c].most >= 0) {
      assert_int_equal(simulated, cases[c].most);
    } else if (strcmp(cases[c].key, "scenario.discount_rate") == 0) {
      assert_int_equal(simulated, G);
    } else {
      assert_true(simulated > 0 && simulated <= G);
    }
    rb_results r;
    assert_int_equal(rb_engine_run_values(&r, sc, &o, v), RB_OK);
    for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
      for (int p = 0; p < RB_P_COUNT; p++) {
        assert_memory_equal(&s[disc][p], &r.all.persp[disc][p].saving,
                            sizeof s[disc][p]);
      }
    }
    rb_results_free(&r);
    if (k >= 0) {
      v[k] = was;
    }
  }
  /* Another seed: the share's totals are not this run's. */
  o.seed_given = true;
  o.seed = sc->info.seed + 1;
  assert_int_equal(
      rb_engine_saving_shared(s, &threads, &simulated, sc, &o, v, share),
      RB_OK);
  assert_int_equal(simulated, G);
  rb_results r;
  assert_int_equal(rb_engine_run_values(&r, sc, &o, v), RB_OK);
  assert_memory_equal(&s[RB_DISC][RB_P_KOMMUNE],
                      &r.all.persp[RB_DISC][RB_P_KOMMUNE].saving,
                      sizeof s[RB_DISC][RB_P_KOMMUNE]);
  rb_results_free(&r);
  rb_engine_share_free(share);
  assert_int_equal(
      rb_engine_saving_shared(s, &threads, &simulated, sc, &o, v, NULL), RB_OK);
  assert_int_equal(simulated, G);
  free(v);
  rb_scenario_free(sc);
}

static void test_engine__computed_item_names(void **state) {
  (void)state;
  /* One list of the computed items (accounts.h): the results name them
   * from it. */
  rb_scenario *sc = ut_load(SIMPLE, NULL, 0);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 1), 0);
  assert_string_equal(rb_computed_item_names[RB_ITEM_RELOCATION], "relocation");
  for (int k = 0; k < RB_ITEM_COMPUTED_COUNT; k++) {
    assert_string_equal(r.item_name[rb_item_index(&r, k)],
                        rb_computed_item_names[k]);
  }
  assert_int_equal(r.item_kind[rb_item_index(&r, RB_ITEM_INCOME_TAX)],
                   RB_KIND_REVENUE);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_engine__geometric_occupancy),
      cmocka_unit_test(test_engine__closed_form_discounted_cost),
      cmocka_unit_test(test_engine__cap_zero_arms_identical),
      cmocka_unit_test(test_engine__threads_identical_three_arms),
      cmocka_unit_test(test_engine__same_scheme_saves_exactly_zero),
      cmocka_unit_test(test_engine__udslusningsbolig_five_years),
      cmocka_unit_test(test_engine__conservation),
      cmocka_unit_test(test_engine__rents_shared_only_alike),
      cmocka_unit_test(test_engine__threads_identical),
      cmocka_unit_test(test_engine__common_random_numbers),
      cmocka_unit_test(test_engine__psa_fixed_equals_stochastic),
      cmocka_unit_test(test_engine__subsidy_extensions_then_rehousing),
      cmocka_unit_test(test_engine__subsidy_return_to_placed),
      cmocka_unit_test(test_engine__takeover_when_employed),
      cmocka_unit_test(test_engine__period_per_citizen),
      cmocka_unit_test(test_engine__rehousing_search),
      cmocka_unit_test(test_engine__rehousing_search_rate),
      cmocka_unit_test(test_engine__termination),
      cmocka_unit_test(test_engine__exit_own_home),
      cmocka_unit_test(test_engine__exit_own_home_rate),
      cmocka_unit_test(test_engine__activity_housed_or_not),
      cmocka_unit_test(test_engine__households_and_persons_housed),
      cmocka_unit_test(test_engine__activity_kept),
      cmocka_unit_test(test_engine__activity_kept_rate),
      cmocka_unit_test(test_engine__end_outcome),
      cmocka_unit_test(test_engine__takeover_on_education_su_share),
      cmocka_unit_test(test_engine__housed_share_geometric),
      cmocka_unit_test(test_engine__items_and_years_add_up),
      cmocka_unit_test(test_engine__mcpf_adds_share_of_public_cost),
      cmocka_unit_test(test_engine__one_offs_and_payer_schedules),
      cmocka_unit_test(test_engine__recompute_at_move_in),
      cmocka_unit_test(test_engine__psa_draws_pert),
      cmocka_unit_test(test_engine__group_terms),
      cmocka_unit_test(test_engine__bench_expected),
      cmocka_unit_test(test_engine__gsl_errors_never_abort),
      cmocka_unit_test(test_engine__overflow_names_the_input),
      cmocka_unit_test(test_engine__psa_overflow_names_the_replication),
      cmocka_unit_test(test_engine__overflow_exit_status),
      cmocka_unit_test(test_engine__memory_estimated_and_limited),
      cmocka_unit_test(test_engine__memory_default_fits_library),
      cmocka_unit_test(test_engine__memory_exit_status),
      cmocka_unit_test(test_engine__largest_break_takes_no_memory),
      cmocka_unit_test(test_engine__threads_that_cannot_start),
      cmocka_unit_test(test_engine__clock_and_cohort_bounds),
      cmocka_unit_test(test_engine__cohort_only_same_cohort),
      cmocka_unit_test(test_engine__computed_item_names),
      cmocka_unit_test(test_engine__shared_runs_are_full_runs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
