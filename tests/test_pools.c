/* Pools of flats (docs/model.md, "Pools"; issue 13): conservation of the
 * flats, the arms' common pool, one citizen against per-citizen offers,
 * competition, determinism over threads, and the loader's messages. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "rentbridge/trace.h"
#include "util.h"

#define POOLS "tests/data/engine/pools.cfg"
#define SIMPLE "tests/data/engine/simple.cfg"

static double pool_at(const rb_results *r, int pool, int arm, int t, int col) {
  return r->pool_months[rb_pool_month_index(r->n_arms, r->horizon, pool, arm, t,
                                            col)];
}

/* Arrived = taken ordinary + taken subsidised + returned, per pool, arm
 * and month; the arrivals the same in every arm (the pool's own stream). */
static void test_pools__conservation(void **state) {
  (void)state;
  const char *more[] = {
      "subsidy.cap=2000.0", "pools.[0].flats_per_month=3.0",
      "pools.[0].rent={ dist = \"discrete\"; values = [3200.0, 4600.0, "
      "9000.0]; weights = [1.0, 1.0, 1.0]; }",
      "scenario.replications=50"};
  rb_scenario *sc = ut_load_quiet(POOLS, more, 4);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  assert_int_equal(r.n_pools, 1);
  double tot[RB_MAX_ARMS][RB_POOL_COLS] = {{0}};
  for (int arm = 0; arm < r.n_arms; arm++) {
    for (int t = 0; t < r.horizon; t++) {
      const double a = pool_at(&r, 0, arm, t, RB_POOL_COL_ARRIVED);
      const double sum = pool_at(&r, 0, arm, t, RB_POOL_COL_ORDINARY) +
                         pool_at(&r, 0, arm, t, RB_POOL_COL_SUBSIDISED) +
                         pool_at(&r, 0, arm, t, RB_POOL_COL_RETURNED);
      /* Counts over 50 replications, each a whole number. */
      assert_dbl(
          nearbyint(a * 50.0),
          nearbyint(pool_at(&r, 0, arm, t, RB_POOL_COL_ORDINARY) * 50) +
              nearbyint(pool_at(&r, 0, arm, t, RB_POOL_COL_SUBSIDISED) * 50) +
              nearbyint(pool_at(&r, 0, arm, t, RB_POOL_COL_RETURNED) * 50));
      UT_NEAR(a, sum, 1e-12);
      assert_dbl(a, pool_at(&r, 0, RB_ARM_BASELINE, t, RB_POOL_COL_ARRIVED));
      for (int k = 0; k < RB_POOL_COLS; k++) {
        tot[arm][k] += pool_at(&r, 0, arm, t, k);
      }
    }
  }
  /* 3 a month over 36 months; the scheme takes flats the baseline
   * returns (4,600 kr is too dear without it), and none at 9,000. */
  ut_check_mcse("arrived", tot[0][RB_POOL_COL_ARRIVED], 108.0,
                sqrt(108.0 / 50.0), 4.0);
  assert_true(tot[RB_ARM_BASELINE][RB_POOL_COL_SUBSIDISED] == 0.0);
  assert_true(tot[RB_ARM_INTERVENTION][RB_POOL_COL_SUBSIDISED] > 0.0);
  assert_true(tot[RB_ARM_INTERVENTION][RB_POOL_COL_RETURNED] <
              tot[RB_ARM_BASELINE][RB_POOL_COL_RETURNED]);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* A rate scheduled over calendar months: no flat before month 12, two a
 * month until 24, then one (means within 4 MCSE over 12 months). */
static void test_pools__rate_by_calendar_month(void **state) {
  (void)state;
  const char *more[] = {"pools.[0].flats_per_month={ breaks = [12, 24]; "
                        "values = [0.0, 2.0, 1.0]; }",
                        "scenario.replications=100"};
  rb_scenario *sc = ut_load_quiet(POOLS, more, 2);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  double n[3] = {0, 0, 0};
  for (int t = 0; t < r.horizon; t++) {
    n[t < 12   ? 0
      : t < 24 ? 1
               : 2] +=
        pool_at(&r, 0, RB_ARM_INTERVENTION, t, RB_POOL_COL_ARRIVED);
  }
  assert_true(n[0] == 0.0);
  ut_check_mcse("arrived in months 12-23", n[1], 24.0, sqrt(24.0 / 100.0), 4.0);
  ut_check_mcse("arrived in months 24-35", n[2], 12.0, sqrt(12.0 / 100.0), 4.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* Flats that need no subsidy (a wage: G ≤ 0) are used the same in every
 * arm: the pool's table and the outcomes identical. */
static void test_pools__no_subsidy_needed_same_in_every_arm(void **state) {
  (void)state;
  const char *more[] = {
      "subsidy.cap=2000.0", "groups.[0].income.none=\"unskilled\"",
      "pools.[0].flats_per_month=1.5", "scenario.replications=40"};
  rb_scenario *sc = ut_load_quiet(POOLS, more, 4);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  const size_t per = rb_pool_month_index(r.n_arms, r.horizon, 0, 1, 0, 0);
  assert_memory_equal(r.pool_months, r.pool_months + per,
                      per * sizeof *r.pool_months);
  double sub = 0.0, taken = 0.0;
  for (int t = 0; t < r.horizon; t++) {
    sub += pool_at(&r, 0, 0, t, RB_POOL_COL_SUBSIDISED);
    taken += pool_at(&r, 0, 0, t, RB_POOL_COL_ORDINARY);
  }
  assert_true(sub == 0.0 && taken > 0.0);
  assert_memory_equal(&r.all.outcomes[0].housed, &r.all.outcomes[1].housed,
                      sizeof r.all.outcomes[0].housed);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* One citizen and a pool of rate λ: a month brings at least one flat with
 * probability q = 1 − exp(−λ), so with one rent the citizen's months are
 * those of per-citizen offers at q (docs/model.md): housed at 12, 24 and
 * 36 months within 4 MCSE of each other and of 1 − (1 − q)^k, in both
 * arms (the intervention takes its flats with the subsidy). */
static void test_pools__one_citizen_equals_offers(void **state) {
  (void)state;
  const double lambda = 0.05, q = 1.0 - exp(-lambda);
  char offers[64];
  snprintf(offers, sizeof offers, "groups.[0].flats.offers_per_month=%.17g", q);
  const char *pm[] = {
      "subsidy.cap=2000.0", "groups.[0].size=1", "scenario.replications=6000",
      "pools.[0].flats_per_month=0.05", "scenario.horizon_months=48"};
  const char *om[] = {"subsidy.cap=2000.0",
                      "groups.[0].size=1",
                      "scenario.replications=6000",
                      offers,
                      "groups.[0].flats.rent={ dist = \"discrete\"; values = "
                      "[3200.0]; weights = [1.0]; }",
                      "scenario.horizon_months=48"};
  rb_scenario *sp = ut_load_quiet(POOLS, pm, 5);
  rb_scenario *so = ut_load_quiet(SIMPLE, om, 6);
  assert_non_null(sp);
  assert_non_null(so);
  rb_results a, b;
  assert_int_equal(ut_run(&a, sp, 2), 0);
  assert_int_equal(ut_run(&b, so, 2), 0);
  const double n = 6000.0;
  for (int k = 0; k < RB_OUTCOME_N; k++) {
    const double want = 1.0 - pow(1.0 - q, rb_outcome_months[k]);
    const double se = sqrt(want * (1.0 - want) / n);
    const double hp = a.all.outcomes[RB_ARM_INTERVENTION].housed[k];
    const double ho = b.all.outcomes[RB_ARM_INTERVENTION].housed[k];
    ut_check_mcse("pool: housed", hp, want, se, 4.0);
    ut_check_mcse("offers: housed", ho, want, se, 4.0);
    ut_check_mcse("pool against offers", hp, ho, sqrt(2.0) * se, 4.0);
    assert_true(a.all.outcomes[RB_ARM_BASELINE].housed[k] == 0.0);
  }
  rb_results_free(&a);
  rb_results_free(&b);
  rb_scenario_free(sp);
  rb_scenario_free(so);
}

/* Twice the cohort with the same pool: each citizen's housed share falls
 * (competition); with per-citizen offers it would not move. */
static void test_pools__doubling_cohort_lowers_housed_share(void **state) {
  (void)state;
  double housed[2], se[2];
  for (int d = 0; d < 2; d++) {
    const char *more[] = {"groups.[0].income.none=\"unskilled\"",
                          "pools.[0].flats_per_month=1.0",
                          d == 0 ? "groups.[0].size=20" : "groups.[0].size=40",
                          "scenario.replications=200"};
    rb_scenario *sc = ut_load_quiet(POOLS, more, 4);
    assert_non_null(sc);
    rb_results r;
    assert_int_equal(ut_run(&r, sc, 2), 0);
    housed[d] = r.all.outcomes[RB_ARM_INTERVENTION].housed[0];
    const double n = (d == 0 ? 20.0 : 40.0) * 200.0;
    se[d] = sqrt(housed[d] * (1.0 - housed[d]) / n);
    /* At most the flats that arrived: about 12 in 12 months. */
    assert_true(housed[d] * (d == 0 ? 20.0 : 40.0) < 12.0 + 4.0 * sqrt(12.0));
    rb_results_free(&r);
    rb_scenario_free(sc);
  }
  if (!(housed[1] < housed[0] - 4.0 * sqrt(se[0] * se[0] + se[1] * se[1]))) {
    fail_msg("housed at 12 months: %.4f with 40 citizens, %.4f with 20",
             housed[1], housed[0]);
  }
}

/* 1 and 2 threads: the same bytes, the pool's table included. */
static void test_pools__threads_identical(void **state) {
  (void)state;
  const char *more[] = {
      "subsidy.cap=2000.0",
      "pools.[0].flats_per_month=2.0",
      "pools.[0].homeless=true",
      "groups.[0].transitions.placed.homeless=0.02",
      "pools.[0].rent={ dist = \"lognormal\"; median = 4000.0; sigma = 0.3; }",
      "scenario.replications=37"};
  rb_scenario *sc = ut_load_quiet(POOLS, more, 6);
  assert_non_null(sc);
  rb_results a, b;
  assert_int_equal(ut_run(&a, sc, 1), 0);
  assert_int_equal(ut_run(&b, sc, 2), 0);
  const size_t np = rb_pool_month_index(a.n_arms, a.horizon, 1, 0, 0, 0);
  assert_memory_equal(a.pool_months, b.pool_months, np * sizeof(double));
  assert_memory_equal(a.all.persp, b.all.persp, sizeof a.all.persp);
  assert_memory_equal(a.all.outcomes, b.all.outcomes, sizeof a.all.outcomes);
  assert_memory_equal(a.all.occupancy, b.all.occupancy, sizeof a.all.occupancy);
  assert_memory_equal(a.yearly, b.yearly,
                      rb_yearly_index(a.n_years, a.n_arms, 0, 0, 0) *
                          sizeof(double));
  rb_results_free(&a);
  rb_results_free(&b);
  rb_scenario_free(sc);
}

/* The files of a run with pools: pools.csv (arrived = the other three in
 * every row; the horizon's row the sum of the years'), summary.json's
 * returned flats, the report's sentence and the workbook's sheet. */
static void test_pools__files(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("pools");
  char cmd[1200];
  snprintf(cmd, sizeof cmd,
           "%s run %s --out %s/run --quiet --replications 30 --set "
           "subsidy.cap=2000.0 --set pools.[0].flats_per_month=3.0 --set "
           "'pools.[0].rent={ dist = \"discrete\"; values = [3200.0, "
           "4600.0]; weights = [1.0, 1.0]; }'",
           ut_bin(), POOLS, dir);
  int status = -1;
  free(ut_run_cmd(cmd, &status));
  assert_int_equal(status, 0);
  char run[600];
  snprintf(run, sizeof run, "%s/run", dir);
  char *csv = ut_read_in(run, "pools.csv");
  assert_non_null(strstr(csv, "pool,arm,year,arrived,taken_ordinary,"
                              "taken_subsidised,returned\n"));
  int rows = 0;
  double year_sum[2] = {0, 0}, all[2] = {0, 0};
  for (char *line = strchr(csv, '\n') + 1; *line != '\0';
       line = strchr(line, '\n') + 1) {
    char pool[32], arm[32], year[16];
    double a, o, sub, ret;
    assert_int_equal(sscanf(line, "%31[^,],%31[^,],%15[^,],%lf,%lf,%lf,%lf",
                            pool, arm, year, &a, &o, &sub, &ret),
                     7);
    UT_NEAR(a, o + sub + ret, 1e-9 * (1.0 + a));
    const int k = strcmp(arm, "intervention") == 0 ? 0 : 1;
    if (strcmp(year, "all") == 0) {
      all[k] = ret;
    } else {
      year_sum[k] += ret;
    }
    rows++;
  }
  assert_true(rows > 2);
  UT_NEAR(year_sum[0], all[0], 1e-9 * all[0]);
  UT_NEAR(year_sum[1], all[1], 1e-9 * all[1]);
  char path[700];
  snprintf(path, sizeof path, "%s/summary.json", run);
  json_t *j = json_load_file(path, 0, NULL);
  assert_non_null(j);
  json_t *rf = json_object_get(j, "returned_flats");
  UT_NEAR(json_real_value(json_object_get(rf, "returned_in_reference")), all[1],
          1e-9 * all[1]);
  UT_NEAR(json_real_value(json_object_get(rf, "used_by_scheme")),
          all[1] - all[0], 1e-9 * all[1]);
  assert_true(all[1] - all[0] > 0.0);
  json_decref(j);
  char *html = ut_read_in(run, "report.html");
  assert_non_null(strstr(html, "id=\"pools\""));
  assert_non_null(strstr(html, "Ordningen bruger "));
  assert_non_null(strstr(html, "id=\"pools-headline\""));
  free(html);
  char *wb = ut_xlsx_part(run, "xl/workbook.xml");
  assert_non_null(wb);
  assert_non_null(strstr(wb, "name=\"Puljer\""));
  free(wb);
  free(csv);
  ut_rm_tree(dir);
  free(dir);
}

/* Every table of two runs byte for byte. */
static void same_results(const rb_results *a, const rb_results *b) {
  const int H = a->horizon, A = a->n_arms;
  for (int g = 0; g <= a->n_groups; g++) {
    const rb_group_result *ga = g < a->n_groups ? &a->groups[g] : &a->all;
    const rb_group_result *gb = g < b->n_groups ? &b->groups[g] : &b->all;
    assert_memory_equal(ga->persp, gb->persp, sizeof ga->persp);
    assert_memory_equal(ga->occupancy, gb->occupancy, sizeof ga->occupancy);
    assert_memory_equal(ga->outcomes, gb->outcomes, sizeof ga->outcomes);
    assert_memory_equal(ga->items, gb->items,
                        rb_items_index(a->n_items, A, 0, 0, 0) *
                            sizeof(double));
    assert_memory_equal(ga->cum_saving, gb->cum_saving,
                        rb_cum_saving_index(H, RB_DISC_COUNT, 0, 0) *
                            sizeof(double));
  }
  assert_memory_equal(a->yearly, b->yearly,
                      rb_yearly_index(a->n_years, A, 0, 0, 0) * sizeof(double));
  assert_memory_equal(a->band, b->band,
                      rb_band_index(H, RB_P_COUNT, 0, 0) * sizeof(double));
  assert_memory_equal(a->monthly_housing, b->monthly_housing,
                      rb_monthly_housing_index(H, A, 0, 0) * sizeof(double));
}

/* Issue 15: a limit larger than the cohort gives the results without one,
 * byte for byte (per-citizen offers and a pool). */
static void test_pools__limit_above_cohort_changes_nothing(void **state) {
  (void)state;
  const char *paths[2] = {UT_BENCH, POOLS};
  for (int k = 0; k < 2; k++) {
    const char *plain[] = {"scenario.replications=120", "subsidy.cap=2000.0"};
    const char *lim[] = {"scenario.replications=120", "subsidy.cap=2000.0",
                         "subsidy.limit_citizens=100"};
    rb_scenario *sa = ut_load(paths[k], plain, 2);
    rb_scenario *sb = ut_load(paths[k], lim, 3);
    assert_non_null(sa);
    assert_non_null(sb);
    rb_results a, b;
    assert_int_equal(ut_run(&a, sa, 2), 0);
    assert_int_equal(ut_run(&b, sb, 2), 0);
    same_results(&a, &b);
    assert_true(b.limit_binding == 0.0);
    rb_results_free(&a);
    rb_results_free(&b);
    rb_scenario_free(sa);
    rb_scenario_free(sb);
  }
}

/* A limit that binds: never more than 6 citizens subsidised at once (in
 * every replication, so in the mean of every month), fewer subsidised
 * months than without it, the reference arm (no subsidy) untouched, how
 * often it binds reported; 1 and 2 threads the same bytes. */
static void test_pools__limit_binds(void **state) {
  (void)state;
  const char *plain[] = {"scenario.replications=80"};
  const char *lim[] = {"scenario.replications=80", "subsidy.limit_citizens=6"};
  rb_scenario *sa = ut_load(UT_BENCH, plain, 1);
  rb_scenario *sb = ut_load(UT_BENCH, lim, 2);
  assert_non_null(sa);
  assert_non_null(sb);
  rb_results a, b, c;
  assert_int_equal(ut_run(&a, sa, 2), 0);
  assert_int_equal(ut_run(&b, sb, 1), 0);
  assert_int_equal(ut_run(&c, sb, 2), 0);
  same_results(&b, &c);
  assert_memory_equal(b.limit_months, c.limit_months,
                      rb_limit_month_index(b.n_arms, b.horizon, 1, 0, 0, 0) *
                          sizeof(double));
  for (int t = 0; t < b.horizon; t++) {
    assert_true(rb_res_monthly_housing(&b, RB_ARM_INTERVENTION, t,
                                       RB_H_SUBSIDISED) <= 6.0 + 1e-9);
  }
  assert_true(b.limit_binding > 0.5 && b.limit_binding <= 1.0);
  assert_true(b.all.outcomes[0].subsidised_months <
              a.all.outcomes[0].subsidised_months);
  assert_memory_equal(&a.all.outcomes[RB_ARM_BASELINE],
                      &b.all.outcomes[RB_ARM_BASELINE],
                      sizeof a.all.outcomes[0]);
  double refused = 0.0;
  for (int t = 0; t < b.horizon; t++) {
    refused += b.limit_months[rb_limit_month_index(b.n_arms, b.horizon, 0,
                                                   RB_ARM_INTERVENTION, t, 1)];
    assert_true(b.limit_months[rb_limit_month_index(
                    b.n_arms, b.horizon, 0, RB_ARM_BASELINE, t, 1)] == 0.0);
  }
  assert_true(refused > 0.0);
  rb_results_free(&a);
  rb_results_free(&b);
  rb_results_free(&c);
  rb_scenario_free(sa);
  rb_scenario_free(sb);
}

/* rb_engine_trace's order (rentbridge/trace.h): group, citizen, month,
 * each citizen's months one after the other from its entry, also when the
 * citizens run month by month (a pool; a binding limit, whose first pass
 * is dropped). */
typedef struct order_ck {
  int group, citizen, month, rows;
  bool ok;
} order_ck;

static void order_row(void *ctx, const rb_trace_month *m) {
  order_ck *o = ctx;
  const bool same = m->group == o->group && m->citizen == o->citizen;
  const bool next =
      m->group > o->group || (m->group == o->group && m->citizen > o->citizen);
  o->ok = o->ok && ((same && m->month == o->month + 1) ||
                    (next && m->month == m->entry));
  o->group = m->group;
  o->citizen = m->citizen;
  o->month = m->month;
  o->rows++;
}

static void test_pools__trace_in_citizen_order(void **state) {
  (void)state;
  const char *sets[][2] = {{"subsidy.cap=2000.0", "scenario.replications=3"},
                           {"subsidy.cap=2000.0", "subsidy.limit_citizens=2"}};
  for (int k = 0; k < 2; k++) {
    rb_scenario *sc = ut_load_quiet(POOLS, sets[k], 2);
    assert_non_null(sc);
    order_ck o = {-1, -1, -1, 0, true};
    assert_int_equal(
        rb_engine_trace(sc, 7, 1, RB_ARM_INTERVENTION, order_row, &o, NULL),
        RB_OK);
    assert_true(o.ok);
    /* 50 citizens entering at once, none leaving (ut_load_quiet). */
    assert_int_equal(o.rows, 50 * sc->info.horizon_months);
    rb_scenario_free(sc);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pools__conservation),
      cmocka_unit_test(test_pools__rate_by_calendar_month),
      cmocka_unit_test(test_pools__no_subsidy_needed_same_in_every_arm),
      cmocka_unit_test(test_pools__one_citizen_equals_offers),
      cmocka_unit_test(test_pools__doubling_cohort_lowers_housed_share),
      cmocka_unit_test(test_pools__threads_identical),
      cmocka_unit_test(test_pools__files),
      cmocka_unit_test(test_pools__limit_above_cohort_changes_nothing),
      cmocka_unit_test(test_pools__limit_binds),
      cmocka_unit_test(test_pools__trace_in_citizen_order),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
