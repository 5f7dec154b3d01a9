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
  /* Above 125 %: + 18 % (§ 2, stk. 4); in the hovedstadsområde + 27 %. */
  const char *high[] = {"scenario.kommuneskat=0.25",
                        "scenario.tax_base_index=1.3"};
  UT_NEAR(kept_with(high, 2), 1.0 - 0.93 * 0.2505 / 0.25, 1e-12);
  const char *cap[] = {"scenario.kommuneskat=0.30",
                       "scenario.tax_base_index=1.0",
                       "scenario.capital_area=true"};
  UT_NEAR(kept_with(cap, 3), 1.0 - 1.02 * 0.2505 / 0.30, 1e-12);
  /* Never below 0: 1.2 × 0.2505 / 0.25 > 1. */
  const char *all[] = {"scenario.kommuneskat=0.25",
                       "scenario.tax_base_index=1.3",
                       "scenario.capital_area=true"};
  UT_NEAR(kept_with(all, 3), 0.0, 0.0);
  /* The switch, and no status given: the kommune keeps it all. */
  const char *off[] = {"scenario.tax_base_index=1.0", "scenario.udligning=false"};
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

static void test_realnet__udligning_kommune_keeps_public_unchanged(
    void **state) {
  (void)state;
  const char *with[] = {EMPLOYED, "scenario.kommuneskat=0.25",
                        "scenario.tax_base_index=1.0",
                        "scenario.replications=40"};
  const char *without[] = {EMPLOYED, "scenario.kommuneskat=0.25",
                           "scenario.tax_base_index=1.0",
                           "scenario.replications=40",
                           "scenario.udligning=false"};
  rb_scenario *a = ut_load(SIMPLE, with, 4);
  rb_scenario *b = ut_load(SIMPLE, without, 5);
  assert_non_null(a);
  assert_non_null(b);
  rb_results ra, rb;
  assert_int_equal(ut_run(&ra, a, 2), 0);
  assert_int_equal(ut_run(&rb, b, 1), 0);
  const double k = 1.0 - 0.75 * 0.2505 / 0.25;
  const int tax = ra.n_items - RB_ITEM_COMPUTED_COUNT + RB_ITEM_INCOME_TAX;
  for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
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
  double dk = ra.all.persp[RB_DISC][RB_P_KOMMUNE].arm[RB_ARM_INTERVENTION].mean -
              rb.all.persp[RB_DISC][RB_P_KOMMUNE].arm[RB_ARM_INTERVENTION].mean;
  double y = rb_res_item(&rb, &rb.all, RB_ARM_INTERVENTION, tax,
                         RB_PAYER_KOMMUNE, RB_DISC);
  UT_NEAR(dk, (1.0 - k) * y, 1e-6 * y);
  rb_results_free(&ra);
  rb_results_free(&rb);
  rb_scenario_free(a);
  rb_scenario_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_realnet__udligning_kept_share),
      cmocka_unit_test(test_realnet__udligning_kommune_keeps_public_unchanged),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
