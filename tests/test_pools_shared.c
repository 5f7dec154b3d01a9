/* Shared flats in a pool (deleboliger; docs/model.md "Shared flats in a
 * pool", issue 13 item 3): each tenant's boligsikring and subsidy on the
 * share, the delebolig waiver per arm, places counted and conserved, the
 * same bytes on 1 and 2 threads, and bad `tenants` refused in words. */
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

#include "model/model.h"
#include "util.h"

#define POOLS "tests/data/engine/pools.cfg"

/* pools.cfg's single citizen that never leaves its state but by the pool,
 * with @p more. */
static rb_scenario *load_shared(const char *const *more, int n_more) {
  const char *sets[9] = {"subsidy.cap=2000.0"};
  assert_true(n_more <= 8);
  for (int i = 0; i < n_more; i++) {
    sets[1 + i] = more[i];
  }
  return ut_load_quiet(POOLS, sets, 1 + n_more);
}

/* Pool 0's one discrete rent's rows for group 0 in @p arm, and the
 * same case computed by rb_subsidy_compute on a flat built here. */
static void rows_and_direct(const rb_model *m, int arm, int tenants,
                            double rent, const double **tab,
                            rb_subsidy_result *direct) {
  const int gai = rb_model_garm_index(m, 0, arm);
  const rb_pool_rows rows = rb_pool_rows_of(&m->pools[0], gai, 0);
  *tab = rows.tab;
  /* The whole shared flat: 45 m², utilities 600, heat apart; the tenant
   * one adult on kontanthjælp 13,800 kr, as pools.cfg's group. */
  rb_flat_case f;
  memset(&f, 0, sizeof f);
  f.adults = 1;
  f.children = 0;
  f.rent = rent;
  f.utilities = 600.0;
  f.area_m2 = 45.0;
  f.heating_included = false;
  f.tenants = tenants;
  const rb_income_case kh = {13800.0, RB_INCOME_BENEFIT};
  rb_subsidy_compute(direct, &m->sc->rules, &m->ga[gai].terms, &f, &kh, NULL);
}

/* The model of @p sc with its plain values (free v). */
static void compile_plain(rb_model *m, double **v, const rb_scenario *sc) {
  assert_int_equal(rb_model_alloc(m, sc), RB_OK);
  *v = calloc((size_t)sc->n_params, sizeof **v);
  assert_non_null(*v);
  for (int i = 0; i < sc->n_params; i++) {
    (*v)[i] = sc->params[i].value;
  }
  assert_int_equal(rb_model_compile(m, *v), RB_OK);
}

/* Two tenants of a 45 m² flat at 7,800 kr (tests/test_subsidy_cli.c's
 * hand case, the same citizen; the group's flat is the tenant's part,
 * 22.5 m² and utilities 300, so the whole flat is twice it): the share is rent
 * 3,900, utilities 300, 22.5 m², H = 4,200, O = 0.30 × net kontanthjælp =
 * 3,106.9525.  The intervention's scheme grants the delebolig waiver: B = 12 ×
 * 3,900 + 22.5 × 35 = 47,587.5, 0.15 B → 7,138 → 595 a month; G = 4,200 − 595 −
 * 3,106.9525 = 498.0475 = S (under the cap 2,000).  The baseline has
 * today's law, no boligsikring for two: G = 4,200 − 3,106.9525 =
 * 1,093.0475.  Three tenants at 11,700: 3,900, 200, 15 m²; B = 47,325 →
 * 592; G = 4,100 − 592 − 3,106.9525 = 401.0475 in both arms. */
static void test_pools_shared__per_tenant_rows(void **state) {
  (void)state;
  static const struct {
    int tenants;
    double rent, hb[2], gap[2];
  } cases[] = {
      {2, 7800.0, {595.0, 0.0}, {498.0475, 1093.0475}},
      {3, 11700.0, {592.0, 592.0}, {401.0475, 401.0475}},
  };
  for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    char tn[64], rent[128];
    snprintf(tn, sizeof tn, "pools.[0].tenants=%d", cases[c].tenants);
    snprintf(rent, sizeof rent,
             "pools.[0].rent={ dist = \"discrete\"; values = [%.1f]; "
             "weights = [1.0]; }",
             cases[c].rent);
    /* The group's flat is the tenant's part: 1/n of 600 kr and 45 m². */
    char ut[64], ar[64];
    snprintf(ut, sizeof ut, "groups.[0].flats.utilities=%.17g",
             600.0 / cases[c].tenants);
    snprintf(ar, sizeof ar, "groups.[0].flats.area_m2=%.17g",
             45.0 / cases[c].tenants);
    const char *more[] = {tn, rent, ut, ar};
    rb_scenario *sc = load_shared(more, 4);
    assert_non_null(sc);
    assert_int_equal(sc->pools[0].tenants, cases[c].tenants);
    rb_model m;
    double *v;
    compile_plain(&m, &v, sc);
    for (int arm = 0; arm < 2; arm++) {
      const double *tab;
      rb_subsidy_result d;
      rows_and_direct(&m, arm, cases[c].tenants, cases[c].rent, &tab, &d);
      const double *row = tab + RB_A_NONE * RB_RT_N;
      UT_NEAR(row[RB_RT_HB], cases[c].hb[arm], 1e-9);
      UT_NEAR(row[RB_RT_GAP], cases[c].gap[arm], 1e-6);
      assert_dbl(row[RB_RT_HB], d.housing_benefit);
      assert_dbl(row[RB_RT_GAP], d.gap);
      assert_dbl(row[RB_RT_SUB], d.subsidy - d.benefit_offset);
      if (arm == RB_ARM_INTERVENTION) {
        UT_NEAR(d.subsidy, cases[c].gap[arm], 1e-6);
      }
    }
    rb_model_free(&m);
    free(v);
    rb_scenario_free(sc);
  }
}

/* One citizen, a pool of 2-tenant flats at 7,800 kr: subsidised in the
 * intervention (the waiver's boligsikring makes G = 498 ≤ the cap), never
 * housed in the baseline (no boligsikring, and no scheme); each month's
 * two places are counted, the one the citizen does not take returned. */
static void test_pools_shared__one_tenant_takes_a_place(void **state) {
  (void)state;
  const char *more[] = {"pools.[0].tenants=2", "groups.[0].size=1",
                        "pools.[0].flats_per_month=50.0",
                        "pools.[0].rent={ dist = \"discrete\"; values = "
                        "[7800.0]; weights = [1.0]; }",
                        "scenario.replications=4"};
  rb_scenario *sc = load_shared(more, 5);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  assert_dbl(r.all.outcomes[RB_ARM_BASELINE].housed[0], 0.0);
  assert_dbl(r.all.outcomes[RB_ARM_INTERVENTION].housed[0], 1.0);
  double taken = 0.0, arrived = 0.0;
  for (int t = 0; t < r.horizon; t++) {
    const size_t i =
        rb_pool_month_index(r.n_arms, r.horizon, 0, RB_ARM_INTERVENTION, t, 0);
    arrived += r.pool_months[i + RB_POOL_COL_ARRIVED];
    taken += r.pool_months[i + RB_POOL_COL_SUBSIDISED] +
             r.pool_months[i + RB_POOL_COL_ORDINARY];
  }
  assert_dbl(taken, 1.0);
  /* Places: twice the flats, about 2 × 50 × 36. */
  assert_true(fabs(arrived - 3600.0) < 4.0 * 2.0 * sqrt(1800.0 / 4.0));
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* A pool of 3-tenant flats: every replication's month brings a multiple
 * of 3 places, and arrived = taken ordinary + taken subsidised + returned
 * per arm and month; 2 flats a month over 36 months are 216 places
 * (within 4 MCSE). */
static void test_pools_shared__places_conserved(void **state) {
  (void)state;
  const char *more[] = {
      "pools.[0].tenants=3", "pools.[0].flats_per_month=2.0",
      "pools.[0].rent={ dist = \"discrete\"; values = [9000.0, 11700.0, "
      "16000.0]; weights = [1.0, 1.0, 1.0]; }",
      "scenario.replications=50"};
  rb_scenario *sc = load_shared(more, 4);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  double tot[RB_MAX_ARMS][RB_POOL_COLS] = {{0}};
  for (int arm = 0; arm < r.n_arms; arm++) {
    for (int t = 0; t < r.horizon; t++) {
      const double *p = r.pool_months +
                        rb_pool_month_index(r.n_arms, r.horizon, 0, arm, t, 0);
      const double a = nearbyint(p[RB_POOL_COL_ARRIVED] * 50.0);
      assert_dbl(fmod(a, 3.0), 0.0);
      assert_dbl(a, nearbyint(p[RB_POOL_COL_ORDINARY] * 50.0) +
                        nearbyint(p[RB_POOL_COL_SUBSIDISED] * 50.0) +
                        nearbyint(p[RB_POOL_COL_RETURNED] * 50.0));
      for (int k = 0; k < RB_POOL_COLS; k++) {
        tot[arm][k] += p[k];
      }
    }
  }
  /* Var of 3 × Poisson(72) per replication: 9 × 72. */
  const double want = 216.0, mcse = sqrt(9.0 * 72.0 / 50.0);
  if (!(fabs(tot[0][RB_POOL_COL_ARRIVED] - want) <= 4.0 * mcse)) {
    fail_msg("places arrived %.3f, expected %.0f ± 4 MCSE (%.3f)",
             tot[0][RB_POOL_COL_ARRIVED], want, 4.0 * mcse);
  }
  assert_true(tot[RB_ARM_INTERVENTION][RB_POOL_COL_SUBSIDISED] > 0.0);
  assert_dbl(tot[RB_ARM_BASELINE][RB_POOL_COL_SUBSIDISED], 0.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* 1 and 2 threads: the same bytes with a shared pool of a continuous
 * rent (computed at each offer with the pool's tenants). */
static void test_pools_shared__threads_identical(void **state) {
  (void)state;
  const char *more[] = {
      "pools.[0].tenants=2", "pools.[0].flats_per_month=1.5",
      "groups.[0].transitions.housed_subsidised.placed=0.03",
      "pools.[0].rent={ dist = \"lognormal\"; median = 7800.0; sigma = 0.2; }",
      "scenario.replications=23"};
  rb_scenario *sc = load_shared(more, 5);
  assert_non_null(sc);
  rb_results a, b;
  assert_int_equal(ut_run(&a, sc, 1), 0);
  assert_int_equal(ut_run(&b, sc, 2), 0);
  const size_t np = rb_pool_month_index(a.n_arms, a.horizon, 1, 0, 0, 0);
  assert_memory_equal(a.pool_months, b.pool_months, np * sizeof(double));
  assert_memory_equal(a.all.persp, b.all.persp, sizeof a.all.persp);
  assert_memory_equal(a.all.outcomes, b.all.outcomes, sizeof a.all.outcomes);
  assert_true(a.all.outcomes[RB_ARM_INTERVENTION].housed[0] > 0.0);
  rb_results_free(&a);
  rb_results_free(&b);
  rb_scenario_free(sc);
}

/* Bad tenants given by --set: refused with the key and the words (the
 * file's lines: tests/data/bad/pool_tenants.cfg and its .expect, read by
 * tests/test_scenario.c); 4 is fine. */
static void test_pools_shared__bad_tenants(void **state) {
  (void)state;
  static const struct {
    const char *set, *words;
  } bad[] = {
      {"pools.[0].tenants=5", "2 to 4"},
      {"pools.[0].tenants=-1", "0 or 1"},
      {"pools.[0].tenants=2.5", "tenants"},
      {"pools.[0].tenants=\\\"two\\\"", "tenants"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s check %s --set \"%s\" 2>&1", ut_bin(), POOLS,
             bad[i].set);
    int status = 0;
    char *out = ut_run_cmd(cmd, &status);
    assert_non_null(out);
    if (strstr(out, "pools.[0].tenants") == NULL ||
        strstr(out, bad[i].words) == NULL || strstr(out, "--set:1") == NULL) {
      fail_msg("%s: %s", bad[i].set, out);
    }
    assert_int_not_equal(status, 0);
    free(out);
  }
  char cmd[512];
  snprintf(cmd, sizeof cmd, "%s check %s --set pools.[0].tenants=4 2>&1",
           ut_bin(), POOLS);
  int status = -1;
  char *out = ut_run_cmd(cmd, &status);
  assert_int_equal(status, 0);
  free(out);
}

/* `rentbridge waivers` on the library's shared-flat scenario (and its
 * report's note that a shared pool counts places): the
 * delebolig waiver changes its two-tenant flats, so its price is not 0;
 * it gives each tenant boligsikring, so the kommune's saving is larger
 * with it (a price > 0) and no fewer move in.  The experiment's value at
 * 2,000 replications: 21,510 kr per citizen (the commit's note). */
static void test_pools_shared__library_waiver_priced(void **state) {
  (void)state;
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "%s waivers scenarios/koebenhavn/youth-delebolig.cfg --out %s/w "
           "--replications 200 --threads 2 --quiet 2>&1",
           ut_bin(), ut_tmp);
  int st = -1;
  char *out = ut_run_cmd(cmd, &st);
  if (st != 0) {
    fail_msg("%s: %s", cmd, out);
  }
  free(out);
  char path[600];
  snprintf(path, sizeof path, "%s/w/waivers.json", ut_tmp);
  json_error_t err;
  json_t *j = json_load_file(path, 0, &err);
  assert_non_null(j);
  const json_t *ws = json_object_get(j, "waivers");
  bool seen = false;
  for (size_t i = 0; i < json_array_size(ws); i++) {
    const json_t *w = json_array_get(ws, i);
    if (strcmp(json_string_value(json_object_get(w, "arm")), "experiment") !=
            0 ||
        strcmp(json_string_value(json_object_get(w, "waiver")),
               "delebolig_two_tenants") != 0) {
      continue;
    }
    seen = true;
    assert_string_equal(json_string_value(json_object_get(w, "state")),
                        "priced");
    const double price = json_real_value(
        json_object_get(json_object_get(w, "price"), "kommune"));
    if (!(price > 1000.0)) {
      fail_msg("the delebolig waiver's price for the kommune: %.2f", price);
    }
    assert_true(json_real_value(json_object_get(w, "moved_in_with")) >=
                json_real_value(json_object_get(w, "moved_in_without")));
  }
  assert_true(seen);
  json_decref(j);
  /* The report says that the pool's counts are places. */
  char *html = ut_read_in(ut_tmp, "w/report.html");
  ut_has(html, "En delebolig tælles i pladser");
  free(html);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_pools_shared__per_tenant_rows),
      cmocka_unit_test(test_pools_shared__one_tenant_takes_a_place),
      cmocka_unit_test(test_pools_shared__places_conserved),
      cmocka_unit_test(test_pools_shared__threads_identical),
      cmocka_unit_test(test_pools_shared__bad_tenants),
      cmocka_unit_test(test_pools_shared__library_waiver_priced),
  };
  return cmocka_run_group_tests(tests, ut_tmp_setup, ut_tmp_teardown);
}
