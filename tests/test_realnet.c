/* The kommune's real net (issue 12), on hand-computed cases: udligning's
 * kept share of the kommuneskat, the refusionstrappe, the § 110 and
 * § 176 a refund clocks and the realisable share of a freed bed. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/clocks.h"
#include "model/model.h"
#include "model/udligning.h"
#include "util.h"

#define SIMPLE "tests/data/engine/simple.cfg"

/* The plain values of @p sc (free them). */
static double *plain_values(const rb_scenario *sc) {
  double *v = calloc((size_t)sc->n_params, sizeof *v);
  assert_non_null(v);
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  return v;
}

/* The kept share of group 0 of SIMPLE with @p sets. */
static double kept_with(const char *const *sets, int n) {
  rb_scenario *sc = ut_load(SIMPLE, sets, n);
  assert_non_null(sc);
  double *v = plain_values(sc);
  double k = rb_udligning_kept(sc, 0, v);
  free(v);
  rb_scenario_free(sc);
  return k;
}

static void test_realnet__udligning_kept_share(void **state) {
  (void)state;
  /* dk-2026: 75 % at the average level 0.2505; a kommune at 25 %. */
  const char *avg[] = {"scenario.kommuneskat=0.25",
                       "scenario.tax_base_index=1.0"};
  UT_NEAR(kept_with(avg, 2), 1.0 - 0.75 * 0.2505 / 0.25, 1e-12);
  /* Below 90 % of the average base: + 20 % (§ 2, stk. 3). */
  const char *low[] = {"scenario.kommuneskat=0.25",
                       "scenario.tax_base_index=0.85"};
  UT_NEAR(kept_with(low, 2), 1.0 - 0.95 * 0.2505 / 0.25, 1e-12);
  /* Above 125 %: + 18 % (§ 2, stk. 4).  In the hovedstadsområde nothing
   * more: its own udligning was abolished from 2021 (dk-2026.cfg). */
  const char *high[] = {"scenario.kommuneskat=0.25",
                        "scenario.tax_base_index=1.3"};
  UT_NEAR(kept_with(high, 2), 1.0 - 0.93 * 0.2505 / 0.25, 1e-12);
  const char *cap[] = {"scenario.kommuneskat=0.30",
                       "scenario.tax_base_index=1.0",
                       "scenario.capital_area=true"};
  UT_NEAR(kept_with(cap, 3), 1.0 - 0.75 * 0.2505 / 0.30, 1e-12);
  /* Never below 0: 0.93 × 0.2505 / 0.20 > 1. */
  const char *all[] = {"scenario.kommuneskat=0.20",
                       "scenario.tax_base_index=1.3",
                       "scenario.capital_area=true"};
  UT_NEAR(kept_with(all, 3), 0.0, 0.0);
  /* The switch, and no status given: the kommune keeps it all. */
  const char *off[] = {"scenario.tax_base_index=1.0",
                       "scenario.udligning=false"};
  UT_NEAR(kept_with(off, 2), 1.0, 0.0);
  UT_NEAR(kept_with(NULL, 0), 1.0, 0.0);
  /* A group's own status overrides the scenario's. */
  const char *grp[] = {"scenario.kommuneskat=0.25",
                       "scenario.tax_base_index=1.0",
                       "groups.[0].tax_base_index=0.8"};
  UT_NEAR(kept_with(grp, 3), 1.0 - 0.95 * 0.2505 / 0.25, 1e-12);
}

/* The employed: a wage, so kommuneskat in every month. */
#define EMPLOYED                                                               \
  "groups.[0].initial.activity={ none = 0.0; education = 0.0; employed = "     \
  "1.0; }"

static void
test_realnet__udligning_kommune_keeps_public_unchanged(void **state) {
  (void)state;
  const char *with[] = {EMPLOYED, "scenario.kommuneskat=0.25",
                        "scenario.tax_base_index=1.0",
                        "scenario.replications=40"};
  const char *without[] = {
      EMPLOYED, "scenario.kommuneskat=0.25", "scenario.tax_base_index=1.0",
      "scenario.replications=40", "scenario.udligning=false"};
  rb_scenario *a = ut_load(SIMPLE, with, 4);
  rb_scenario *b = ut_load(SIMPLE, without, 5);
  assert_non_null(a);
  assert_non_null(b);
  rb_results ra, rb;
  assert_int_equal(ut_run(&ra, a, 2), 0);
  assert_int_equal(ut_run(&rb, b, 1), 0);
  const double k = 1.0 - 0.75 * 0.2505 / 0.25;
  const int tax = ra.n_items - RB_ITEM_COMPUTED_COUNT + RB_ITEM_INCOME_TAX;
  for (int arm = 0; arm < ra.n_arms; arm++) {
    double x = rb_res_item(&ra, &ra.all, arm, tax, RB_PAYER_KOMMUNE, RB_DISC);
    double y = rb_res_item(&rb, &rb.all, arm, tax, RB_PAYER_KOMMUNE, RB_DISC);
    assert_true(y > 1000.0);
    UT_NEAR(x, k * y, 1e-9 * y);
    /* What the kommune gives up is the state's settlement's. */
    double xs = rb_res_item(&ra, &ra.all, arm, tax, RB_PAYER_STAT, RB_DISC);
    double ys = rb_res_item(&rb, &rb.all, arm, tax, RB_PAYER_STAT, RB_DISC);
    UT_NEAR(xs - ys, (1.0 - k) * y, 1e-9 * y);
  }
  /* The public sector's and society's books are the same. */
  for (int p = RB_P_PUBLIC; p < RB_P_COUNT; p++) {
    double x = ra.all.persp[RB_DISC][p].saving.mean;
    double y = rb.all.persp[RB_DISC][p].saving.mean;
    UT_NEAR(x, y, 1e-6 * (1.0 + fabs(y)));
    x = ra.all.persp[RB_DISC][p].arm[RB_ARM_INTERVENTION].mean;
    y = rb.all.persp[RB_DISC][p].arm[RB_ARM_INTERVENTION].mean;
    UT_NEAR(x, y, 1e-6 * (1.0 + fabs(y)));
  }
  /* The kommune's cost rises by the equalised tax. */
  double dk =
      ra.all.persp[RB_DISC][RB_P_KOMMUNE].arm[RB_ARM_INTERVENTION].mean -
      rb.all.persp[RB_DISC][RB_P_KOMMUNE].arm[RB_ARM_INTERVENTION].mean;
  double y = rb_res_item(&rb, &rb.all, RB_ARM_INTERVENTION, tax,
                         RB_PAYER_KOMMUNE, RB_DISC);
  UT_NEAR(dk, (1.0 - k) * y, 1e-6 * y);
  rb_results_free(&ra);
  rb_results_free(&rb);
  rb_scenario_free(a);
  rb_scenario_free(b);
}

/* ---- the refusionstrappe (finansieringsloven §§ 5-6) ------------------ */

static void test_realnet__trappe_month_shares(void **state) {
  (void)state;
  rb_rules r;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_rules_load(&r, "scenarios/rules/dk-2026.cfg", &d), RB_OK);
  const double L = 52.0 / 12.0;
  /* Month 1 spans weeks 0-4.33: 4 weeks at 80 %, 0.33 at 40 %. */
  UT_NEAR(rb_clk_trappe_stat(&r, 0.0), (4.0 * 0.8 + (L - 4.0) * 0.4) / L,
          1e-12);
  UT_NEAR(rb_clk_trappe_stat(&r, L), 0.4, 1e-12);
  /* Weeks 24-28.33: 2 at 40 %, the rest at 30 %. */
  UT_NEAR(rb_clk_trappe_stat(&r, 24.0), (2.0 * 0.4 + (L - 2.0) * 0.3) / L,
          1e-12);
  UT_NEAR(rb_clk_trappe_stat(&r, 6.0 * L), 0.3, 1e-12);
  UT_NEAR(rb_clk_trappe_stat(&r, 52.0), 0.2, 1e-12);
  UT_NEAR(rb_clk_trappe_stat(&r, 500.0), 0.2, 1e-12);
  /* The last step's shortcut is the steps' own number, bit for bit, and a
   * month on one step is that step's share exactly (no rounding of the
   * weeks' average: a benefit whose payer is the last step's, as the
   * library's are, needs no correction at all). */
  const double last[] = {52.0, 52.0 + L, 500.0, 1e6, 52.0 + 7.0 * L};
  for (int k = 0; k < 5; k++) {
    assert_true(rb_clk_trappe_stat(&r, last[k]) ==
                rb_clk_trappe_steps(&r, last[k]));
    assert_true(rb_clk_trappe_stat(&r, last[k]) == r.ref_stat[3]);
  }
  assert_true(rb_clk_trappe_stat(&r, L) == r.ref_stat[1]);
  assert_true(rb_clk_trappe_stat(&r, 6.0 * L) == r.ref_stat[2]);
  rb_rules_free(&r);
  rb_diag_free(&d);
}

/* Everyone placed for good (no event), entering at month 0. */
#define STAY                                                                   \
  "groups.[0].transitions.placed={ dead = 0.0; }", "scenario.replications=3",  \
      "groups.[0].entry_months=1"

/* The state's and the kommune's undiscounted income per citizen in the
 * reference arm; the horizon's months. */
static int income_payers(const char *const *sets, int n, double *stat,
                         double *kom) {
  rb_scenario *sc = ut_load(SIMPLE, sets, n);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  const int inc = r.n_items - RB_ITEM_COMPUTED_COUNT + RB_ITEM_INCOME;
  *stat =
      rb_res_item(&r, &r.all, RB_ARM_BASELINE, inc, RB_PAYER_STAT, RB_UNDISC);
  *kom = rb_res_item(&r, &r.all, RB_ARM_BASELINE, inc, RB_PAYER_KOMMUNE,
                     RB_UNDISC);
  const int H = sc->info.horizon_months;
  rb_results_free(&r);
  rb_scenario_free(sc);
  return H;
}

/* The state's undiscounted share of the income per citizen. */
static double stat_income(const char *const *sets, int n) {
  double x, k;
  const int H = income_payers(sets, n, &x, &k);
  /* Public unchanged: kommune + stat is the whole benefit. */
  UT_NEAR(x + k, 13800.0 * H, 1e-6);
  return x;
}

static void test_realnet__trappe_steps(void **state) {
  (void)state;
  const double L = 52.0 / 12.0, s0 = (4.0 * 0.8 + (L - 4.0) * 0.4) / L;
  const char *sets[] = {STAY, "scenario.horizon_months=24",
                        "incomes.kontanthjaelp.refusion=\"trappe\""};
  /* Month 1, months 2-6 at 40 %, 7-12 at 30 %, 13-24 at 20 %. */
  UT_NEAR(stat_income(sets, 5), 13800.0 * (s0 + 5 * 0.4 + 6 * 0.3 + 12 * 0.2),
          1e-6);
  /* 52 weeks on benefits before entry: 20 % from the start, as the flat
   * payer of the library (kommune 0.8 / stat 0.2). */
  const char *before[] = {STAY, "scenario.horizon_months=24",
                          "incomes.kontanthjaelp.refusion=\"trappe\"",
                          "groups.[0].benefit_weeks_before_entry=52"};
  UT_NEAR(stat_income(before, 6), 13800.0 * 24 * 0.2, 1e-6);
  /* Without the key: the profile's flat 20 %. */
  const char *flat[] = {STAY, "scenario.horizon_months=24"};
  UT_NEAR(stat_income(flat, 4), 13800.0 * 24 * 0.2, 1e-6);
}

/* On the last step the staircase books the table's own split bit for bit:
 * an amount whose split does not sum back exactly (a psa draw's) gets no
 * correction of rounding (RB_CLK_ROUNDING). */
static void test_realnet__trappe_last_step_books_table(void **state) {
  (void)state;
  const char *trappe[] = {STAY, "scenario.horizon_months=24",
                          "incomes.kontanthjaelp.gross=13801.37",
                          "incomes.kontanthjaelp.refusion=\"trappe\"",
                          "groups.[0].benefit_weeks_before_entry=52"};
  const char *flat[] = {STAY, "scenario.horizon_months=24",
                        "incomes.kontanthjaelp.gross=13801.37"};
  double st, kt, sf, kf;
  income_payers(trappe, 7, &st, &kt);
  income_payers(flat, 5, &sf, &kf);
  assert_true(st == sf);
  assert_true(kt == kf);
  UT_NEAR(st, 13801.37 * 24 * 0.2, 1e-6);
}

/* Benefits and a job in turn, month by month (rates of 1). */
#define ALTERNATE(h)                                                           \
  "groups.[0].transitions.activity." h "={ none_to_education = 0.0; "          \
  "none_to_employed = 1.0; education_to_employed = 0.0; education_to_none = "  \
  "0.0; employed_to_none = 1.0; }"

static void test_realnet__trappe_reset(void **state) {
  (void)state;
  /* Receipt in months 0, 2, 4, ...; a job in 1, 3, 5, ...  The 12th month
   * of self-support (month 23) completes 52 weeks within 3 years: the
   * receipt in month 24 is week 1 again (§ 6). */
  const double L = 52.0 / 12.0, s0 = (4.0 * 0.8 + (L - 4.0) * 0.4) / L;
  const char *sets[] = {STAY, "scenario.horizon_months=36",
                        "incomes.kontanthjaelp.refusion=\"trappe\"",
                        ALTERNATE("not_housed"), ALTERNATE("housed")};
  rb_scenario *sc = ut_load(SIMPLE, sets, 7);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 1), 0);
  const int inc = r.n_items - RB_ITEM_COMPUTED_COUNT + RB_ITEM_INCOME;
  double x =
      rb_res_item(&r, &r.all, RB_ARM_BASELINE, inc, RB_PAYER_STAT, RB_UNDISC);
  /* Receipts 1-12: s0, 5 × 40 %, 6 × 30 %; after the reset, 6 more:
   * s0, 5 × 40 % (without the reset they would be 6 × 20 %). */
  UT_NEAR(x, 13800.0 * ((s0 + 5 * 0.4 + 6 * 0.3) + (s0 + 5 * 0.4)), 1e-6);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* ---- the refund clocks (SEL § 110, § 176 a) --------------------------- */

/* The state's undiscounted share of cost item 0 per citizen in @p arm. */
static double stat_item(const char *const *sets, int n, int arm) {
  rb_scenario *sc = ut_load(SIMPLE, sets, n);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  double x = rb_res_item(&r, &r.all, arm, 0, RB_PAYER_STAT, RB_UNDISC);
  rb_results_free(&r);
  rb_scenario_free(sc);
  return x;
}

#define REFUND_90                                                              \
  "costs.[0].payer={ breaks = [3]; kommune = [0.5, 1.0]; stat = [0.5, "        \
  "0.0]; }"

static void test_realnet__refund_110_rolling_year(void **state) {
  (void)state;
  /* A stay of 36 months: 3 refunded months, by the months in the state;
   * 3 in each rolling year from the admission, 9. */
  const char *stay[] = {STAY, "scenario.horizon_months=36", REFUND_90};
  UT_NEAR(stat_item(stay, 5, RB_ARM_BASELINE), 3 * 15000.0, 1e-6);
  const char *rolling[] = {STAY, "scenario.horizon_months=36", REFUND_90,
                           "costs.[0].payer_clock=\"rolling_year\""};
  UT_NEAR(stat_item(rolling, 6, RB_ARM_BASELINE), 9 * 15000.0, 1e-6);
  /* In and out every month (placed in months 0, 2, 4, ...): each new stay
   * restarts the months in the state (18 refunded months); the rolling
   * year refunds the stays of months 0, 2, 4, then 12, 14, 16 and 24, 26,
   * 28 (the year restarts at the first admission after it ends). */
  const char *inout[] = {"groups.[0].transitions.placed={ homeless = 1.0; }",
                         "groups.[0].transitions.homeless={ placed = 1.0; }",
                         "scenario.replications=3",
                         "groups.[0].entry_months=1",
                         "scenario.horizon_months=36",
                         REFUND_90};
  UT_NEAR(stat_item(inout, 6, RB_ARM_BASELINE), 18 * 15000.0, 1e-6);
  const char *inout_r[] = {"groups.[0].transitions.placed={ homeless = 1.0; }",
                           "groups.[0].transitions.homeless={ placed = 1.0; }",
                           "scenario.replications=3",
                           "groups.[0].entry_months=1",
                           "scenario.horizon_months=36",
                           REFUND_90,
                           "costs.[0].payer_clock=\"rolling_year\""};
  UT_NEAR(stat_item(inout_r, 7, RB_ARM_BASELINE), 9 * 15000.0, 1e-6);
  /* Already 6 months in the shelter at entry: the year began 6 months
   * before, so no refund until month 6, then 3 months each year. */
  const char *late[] = {STAY, "scenario.horizon_months=24", REFUND_90,
                        "costs.[0].payer_clock=\"rolling_year\"",
                        "groups.[0].initial.months_in_state=6"};
  UT_NEAR(stat_item(late, 7, RB_ARM_BASELINE), 6 * 15000.0, 1e-6);
}

/* The clocks' quiet runs (rb_clk_quiet_until: months that book no
 * correction skip the clocks' work) end at each break of a schedule and
 * at the end of each rolling year: a 36-month stay on a schedule of three
 * breaks, and a benefit whose payer is not the staircase's last step
 * (every month corrected), give the hand-computed shares. */
#define SCHED_3                                                                \
  "costs.[0].payer={ breaks = [2, 5, 9]; kommune = [0.2, 0.5, 0.7, 1.0]; "     \
  "stat = [0.8, 0.5, 0.3, 0.0]; }"

static void test_realnet__quiet_runs_end_at_breaks(void **state) {
  (void)state;
  /* A year: 2 months at 80 %, 3 at 50 %, 4 at 30 %, 3 at 0 = 4.3 months. */
  const char *stay[] = {STAY, "scenario.horizon_months=36", SCHED_3};
  UT_NEAR(stat_item(stay, 5, RB_ARM_BASELINE), 4.3 * 30000.0, 1e-6);
  /* Rolling years from months 0, 12 and 24 of a 32-month horizon: the
   * last one 8 months, 4.0 (a year that began a month late would give
   * 3.4). */
  const char *rolling[] = {STAY, "scenario.horizon_months=32", SCHED_3,
                           "costs.[0].payer_clock=\"rolling_year\""};
  UT_NEAR(stat_item(rolling, 6, RB_ARM_BASELINE), (4.3 + 4.3 + 4.0) * 30000.0,
          1e-6);
  /* 20 months in the shelter at entry: the table books the last entry
   * (nothing refunded), the rolling year (from month −8) its own entries,
   * 0.8 / 0 / 0.5 / 0: a month of the year's third entry follows months
   * that need no correction.  Year from −8: month 0 at 0.5; from 4:
   * 2 × 0.8 + 4 × 0.5; from 16 (8 months): 2 × 0.8 + 3 × 0.5. */
  const char *gap[] = {STAY, "scenario.horizon_months=24",
                       "costs.[0].payer={ breaks = [2, 5, 9]; kommune = [0.2, "
                       "1.0, 0.5, 1.0]; stat = [0.8, 0.0, 0.5, 0.0]; }",
                       "costs.[0].payer_clock=\"rolling_year\"",
                       "groups.[0].initial.months_in_state=20"};
  UT_NEAR(stat_item(gap, 7, RB_ARM_BASELINE), (0.5 + 3.6 + 3.1) * 30000.0,
          1e-6);
  const double L = 52.0 / 12.0, s0 = (4.0 * 0.8 + (L - 4.0) * 0.4) / L;
  const char *kommune[] = {STAY, "scenario.horizon_months=24",
                           "incomes.kontanthjaelp.refusion=\"trappe\"",
                           "incomes.kontanthjaelp.payer={ kommune = 1.0; }"};
  UT_NEAR(stat_income(kommune, 6),
          13800.0 * (s0 + 5 * 0.4 + 6 * 0.3 + 12 * 0.2), 1e-6);
  /* The payer of step 3 (30 %): its months need no correction, the last
   * step's months after them do. */
  const char *step3[] = {STAY, "scenario.horizon_months=24",
                         "incomes.kontanthjaelp.refusion=\"trappe\"",
                         "incomes.kontanthjaelp.payer={ kommune = 0.7; stat = "
                         "0.3; }"};
  UT_NEAR(stat_income(step3, 6), 13800.0 * (s0 + 5 * 0.4 + 6 * 0.3 + 12 * 0.2),
          1e-6);
}

/* Employed (a wage: every flat is affordable, an ordinary move-in), an
 * offer every month, and back to the shelter after each month in a flat:
 * in a flat in months 1, 3, 5, ... */
#define FLIP                                                                   \
  EMPLOYED, "groups.[0].flats.offers_per_month=1.0",                           \
      "groups.[0].transitions.placed={ dead = 0.0; }",                         \
      "groups.[0].transitions.housed_ordinary={ placed = 1.0; }",              \
      "scenario.replications=3", "groups.[0].entry_months=1",                  \
      "scenario.horizon_months=36"
#define SUPPORT_176A                                                           \
  "costs.[0]={ name = \"support\"; label = \"Bostøtte\"; kind = "             \
  "\"resource\"; per_month = 10000.0; when = { housing = "                     \
  "[\"housed_ordinary\"]; }; payer = { breaks = [24]; kommune = [0.5, 1.0]; "  \
  "stat = [0.5, 0.0]; }; }"

static void test_realnet__refund_176a_from_first_move_in(void **state) {
  (void)state;
  /* By the months in the state every month in a flat is refunded (18);
   * from the first move-in (month 1) only months 1-23 (12). */
  const char *st[] = {FLIP, SUPPORT_176A};
  UT_NEAR(stat_item(st, 8, RB_ARM_INTERVENTION), 18 * 5000.0, 1e-6);
  const char *first[] = {FLIP, SUPPORT_176A,
                         "costs.[0].payer_clock=\"since_first_move_in\""};
  UT_NEAR(stat_item(first, 9, RB_ARM_INTERVENTION), 12 * 5000.0, 1e-6);
}

/* ---- the realisable share of a freed bed ------------------------------ */

/* The shelter's undiscounted amount per citizen in the intervention, where
 * everyone moves out in month 0 (ordinary flat for good), and the baseline
 * has no offers (placed for 24 months). */
static double shelter_int_persp(const char *share, double persp[RB_P_COUNT]) {
  char set[80];
  snprintf(set, sizeof set, "costs.[0].realisable=%s", share);
  const char *sets[] = {
      EMPLOYED,
      "groups.[0].flats.offers_per_month=1.0",
      "groups.[0].transitions.placed={ dead = 0.0; }",
      "groups.[0].transitions.housed_ordinary={ dead = 0.0; }",
      "groups.[0].baseline={ flats = { offers_per_month = "
      "0.0; }; }",
      "scenario.replications=3",
      "groups.[0].entry_months=1",
      "scenario.horizon_months=24",
      set};
  rb_scenario *sc = ut_load(SIMPLE, sets, share != NULL ? 9 : 8);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  double x = rb_res_item(&r, &r.all, RB_ARM_INTERVENTION, 0, RB_PAYER_KOMMUNE,
                         RB_UNDISC);
  double b =
      rb_res_item(&r, &r.all, RB_ARM_BASELINE, 0, RB_PAYER_KOMMUNE, RB_UNDISC);
  UT_NEAR(b, 24 * 30000.0, 1e-6);
  for (int p = 0; p < RB_P_COUNT; p++) {
    persp[p] = r.all.persp[RB_UNDISC][p].arm[RB_ARM_INTERVENTION].mean;
  }
  rb_results_free(&r);
  rb_scenario_free(sc);
  return x;
}

static double shelter_int(const char *share) {
  double persp[RB_P_COUNT];
  return shelter_int_persp(share, persp);
}

static void test_realnet__realisable_share(void **state) {
  (void)state;
  /* The net cost per perspective, booked month by month apart from the
   * items (cohort.c, book_realisable_arm), moves by the kept share too: the
   * kommune's, the public sector's and (a resource, no distortion loss)
   * society's. */
  double p1[RB_P_COUNT], p4[RB_P_COUNT];
  (void)shelter_int_persp("1.0", p1);
  (void)shelter_int_persp("0.4", p4);
  for (int p = 0; p < RB_P_COUNT; p++) {
    UT_NEAR(p4[p] - p1[p], 0.6 * 23 * 30000.0, 1e-6);
  }
  /* Today (and with share 1): only month 0 in the shelter. */
  UT_NEAR(shelter_int(NULL), 30000.0, 1e-6);
  UT_NEAR(shelter_int("1.0"), 30000.0, 1e-6);
  /* Share 0: the freed bed saves nothing, the baseline's 24 months. */
  UT_NEAR(shelter_int("0.0"), 24 * 30000.0, 1e-6);
  /* Share 0.4: 60 % of the 23 freed months are still paid. */
  UT_NEAR(shelter_int("0.4"), 30000.0 + 0.6 * 23 * 30000.0, 1e-6);
}

/* Cap 0 and no arm-specific items: the arms are the same citizens month
 * by month, so the realisable share's correction is exactly nothing and
 * every saving exactly 0 (as test_engine__cap_zero_arms_identical without
 * the share): the correction of a month is booked as one amount, not as
 * the two arms' parts (cohort.c, book_realisable_arm). */
static void test_realnet__realisable_identical_arms(void **state) {
  (void)state;
  const char *sets[] = {"groups.[0].flats.offers_per_month=0.3",
                        "groups.[0].transitions.placed.dead=0.002",
                        "scenario.horizon_months=60",
                        "costs.[0].realisable=0.37"};
  rb_scenario *sc = ut_load(SIMPLE, sets, 4);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      const rb_persp_result *pr = &r.all.persp[disc][p];
      assert_true(pr->saving.mean == 0.0 && pr->saving.sd == 0.0);
      assert_true(pr->saving.prob_positive == 0.0);
    }
  }
  /* The shelter's item alike in both arms, to rounding of its sums. */
  const double x = rb_res_item(&r, &r.all, RB_ARM_INTERVENTION, 0,
                               RB_PAYER_KOMMUNE, RB_UNDISC);
  UT_NEAR(
      x,
      rb_res_item(&r, &r.all, RB_ARM_BASELINE, 0, RB_PAYER_KOMMUNE, RB_UNDISC),
      1e-6);
  assert_true(x > 0.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* ---- førtidspension: no 15 % cap (boligstøtteloven § 22, stk. 3) ------- */

static void test_realnet__foertidspension_no_cap(void **state) {
  (void)state;
  rb_rules r;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_rules_load(&r, "scenarios/rules/dk-2026.cfg", &d), RB_OK);
  /* Rent 5.000 kr/md, 45 m², heat apart, income 150.000 kr/year (below
   * the threshold): base 0.6 B; without children at most 0.15 B. */
  rb_flat_case f = {1, 0, 5000.0, 0.0, 45.0, false, false, 0};
  rb_bs_result a, b;
  rb_boligsikring_compute(&a, &r, &f, 150000.0);
  UT_NEAR(a.limit_no_children, 0.15 * a.housing_cost_capped, 1e-9);
  assert_true(a.support <= a.limit_no_children + 1e-9);
  f.foertidspension = true;
  rb_boligsikring_compute(&b, &r, &f, 150000.0);
  assert_true(b.limit_no_children > 1e100);
  assert_true(b.support > a.support + 1000.0);
  rb_rules_free(&r);
  rb_diag_free(&d);
}

/* ---- the report says it next to the headline -------------------------- */

static void test_realnet__report_net_note(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("realnet");
  char cmd[1024];
  snprintf(cmd, sizeof cmd,
           "%s run " SIMPLE " --out %s/r --quiet --replications 5 "
           "--set 'costs.[0].realisable=0.4' --set scenario.kommuneskat=0.25 "
           "--set scenario.tax_base_index=1.0 --set '" EMPLOYED "'",
           ut_bin(), dir);
  int st = 0;
  free(ut_run_cmd(cmd, &st));
  assert_int_equal(st, 0);
  char sub[600];
  snprintf(sub, sizeof sub, "%s/r", dir);
  char *html = ut_read_in(sub, "report.html");
  const char *note = strstr(html, "id=\"net-note\"");
  assert_non_null(note);
  assert_non_null(strstr(note, "40 %"));
  assert_non_null(strstr(note, "udligningsloven § 2"));
  assert_non_null(strstr(note, "25 %")); /* kept: 1 − 0.75 · 0.2505/0.25 */
  free(html);
  /* Without either, no note. */
  snprintf(cmd, sizeof cmd,
           "%s run " SIMPLE " --out %s/s --quiet --replications 5", ut_bin(),
           dir);
  free(ut_run_cmd(cmd, &st));
  assert_int_equal(st, 0);
  snprintf(sub, sizeof sub, "%s/s", dir);
  html = ut_read_in(sub, "report.html");
  assert_null(strstr(html, "id=\"net-note\""));
  free(html);
  ut_rm_tree(dir);
  free(dir);
}

/* SIMPLE with @p sets, run on 2 threads into @p r (free both). */
static rb_scenario *load_and_run(rb_results *r, const char *const *sets,
                                 int n) {
  rb_scenario *sc = ut_load(SIMPLE, sets, n);
  assert_non_null(sc);
  assert_int_equal(ut_run(r, sc, 2), 0);
  return sc;
}

/* ---- boligsikring's minimum payout at the first calculation only ------- */

static void test_realnet__min_payout_first_calculation_only(void **state) {
  (void)state;
  /* A 3.000 kr flat: on benefits boligsikring 470 kr/md (granted at the
   * move-in); on the wage (276.000 kr a year) it falls below the minimum
   * payout, which would pay nothing at a first calculation but is paid on
   * at a recalculation of a granted flat. */
  const char *sets[] = {
      "groups.[0].flats.rent={ dist = \"discrete\"; values = [3000.0]; "
      "weights = [1.0]; }",
      "groups.[0].flats.offers_per_month=1.0",
      "subsidy.cap=2000.0",
      "groups.[0].transitions.placed={ dead = 0.0; }",
      "groups.[0].transitions.housed_subsidised={ dead = 0.0; }",
      "groups.[0].transitions.activity.housed={ none_to_education = 0.0; "
      "none_to_employed = 1.0; education_to_employed = 0.0; "
      "education_to_none = 0.0; employed_to_none = 0.0; }",
      "groups.[0].transitions.activity.not_housed={ none_to_education = 0.0; "
      "none_to_employed = 0.0; education_to_employed = 0.0; "
      "education_to_none = 0.0; employed_to_none = 0.0; }",
      "scenario.replications=3",
      "groups.[0].entry_months=1",
      "scenario.horizon_months=12"};
  rb_results r;
  rb_scenario *sc = load_and_run(&r, sets, 10);
  const int hb = r.n_items - RB_ITEM_COMPUTED_COUNT + RB_ITEM_HOUSING_BENEFIT;
  double x = 0.0;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    x += rb_res_item(&r, &r.all, RB_ARM_INTERVENTION, hb, p, RB_UNDISC);
  }
  /* The wage's boligsikring with the minimum waived. */
  rb_rules g = sc->rules;
  rb_flat_case f = {1, 0, 3000.0, 600.0, 45.0, false, false, 0};
  rb_bs_result full, waived;
  rb_boligsikring_compute(&full, &g, &f, 276000.0);
  assert_true(full.monthly == 0.0);
  g.bs_min_payout = 0.0;
  rb_boligsikring_compute(&waived, &g, &f, 276000.0);
  assert_true(waived.monthly > 200.0 && waived.monthly < 308.0);
  /* Month 1 on benefits, months 2-11 on the wage. */
  UT_NEAR(x, 470.0 + 10 * waived.monthly, 1e-6);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_realnet__udligning_kept_share),
      cmocka_unit_test(test_realnet__udligning_kommune_keeps_public_unchanged),
      cmocka_unit_test(test_realnet__trappe_month_shares),
      cmocka_unit_test(test_realnet__trappe_steps),
      cmocka_unit_test(test_realnet__trappe_last_step_books_table),
      cmocka_unit_test(test_realnet__trappe_reset),
      cmocka_unit_test(test_realnet__quiet_runs_end_at_breaks),
      cmocka_unit_test(test_realnet__refund_110_rolling_year),
      cmocka_unit_test(test_realnet__refund_176a_from_first_move_in),
      cmocka_unit_test(test_realnet__realisable_share),
      cmocka_unit_test(test_realnet__realisable_identical_arms),
      cmocka_unit_test(test_realnet__foertidspension_no_cap),
      cmocka_unit_test(test_realnet__report_net_note),
      cmocka_unit_test(test_realnet__min_payout_first_calculation_only),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
