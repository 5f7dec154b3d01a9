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

/* Doubles compared in double precision (cmocka 1.1's assert_float_equal
 * converts to float). */
#define assert_close(a, b, eps) check_close((a), (b), (eps), #a, __LINE__)

static void check_close(double a, double b, double eps, const char *expr,
                        int line) {
  if (!(fabs(a - b) <= eps)) {
    fail_msg("line %d: %s = %.10f, expected %.10f (tolerance %g)", line, expr,
             a, b, eps);
  }
}

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
  r.bs_child_raise = 44800.0;
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
  rb_flat_case f = {0};
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

/* The names in files and JSON, one per enum value. */
static void test_subsidy__names(void **state) {
  (void)state;
  assert_string_equal(rb_income_kind_names[RB_INCOME_BENEFIT], "benefit");
  assert_string_equal(rb_income_kind_names[RB_INCOME_SU], "su");
  assert_string_equal(rb_income_kind_names[RB_INCOME_WAGE], "wage");
  assert_int_equal(RB_OFFER_COUNT, 3);
  assert_string_equal(rb_offer_names[RB_OFFER_REFUSED], "refused");
  assert_string_equal(rb_offer_names[RB_OFFER_ORDINARY], "ordinary");
  assert_string_equal(rb_offer_names[RB_OFFER_SUBSIDISED], "subsidised");
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
  assert_close(bs.housing_cost, 52770.0, 1e-9);
  assert_close(bs.area_allowed, 65.0, 0.0);
  assert_close(bs.housing_cost_area, 52770.0, 1e-9);
  assert_close(bs.housing_cost_capped, 52770.0, 1e-9);
  assert_close(bs.threshold, 170300.0, 0.0);
  assert_close(bs.base, 19116.0, 1e-6);
  assert_close(bs.limit_min_own, 24070.0, 1e-9);
  assert_close(bs.limit_max, 50412.0, 0.0);
  assert_close(bs.limit_no_children, 7915.5, 1e-9);
  assert_close(bs.support, 7915.5, 1e-9);
  assert_close(bs.annual, 7916.0, 0.0);
  assert_close(bs.monthly, 660.0, 0.0);
}

/* ---- Rounding ------------------------------------------------------------ */

static void test_subsidy__round_half_up(void **state) {
  (void)state;
  assert_close(rb_round_kr(0.5), 1.0, 0.0);
  assert_close(rb_round_kr(659.5), 660.0, 0.0);
  assert_close(rb_round_kr(659.4999), 659.0, 0.0);
  assert_close(rb_round_kr(7915.5 - 1e-10), 7916.0, 0.0);
  assert_close(rb_round_kr(7916.0 / 12.0), 660.0, 0.0);
  assert_close(rb_round_kr(0.0), 0.0, 0.0);
  assert_close(rb_round_kr(2.49), 2.0, 0.0);
}

/* ---- Boundary cases --------------------------------------------------------
 */

/* One adult, one child (no 15 % limit, no raise of T), rent 6,500, 60 m²,
 * heating separate: B = 78,000 + 2,100 = 80,100; 0.6 B = 48,060 binds
 * (B − 28,700 = 51,400; max 50,412). */
static void test_subsidy__income_at_threshold(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = flat_of(1, 1, 6500.0, 60.0, false);
  rb_bs_result bs;
  rb_boligsikring_compute(&bs, &r, &f, 170300.0);
  assert_close(bs.threshold, 170300.0, 0.0);
  assert_close(bs.base, 48060.0, 1e-6);
  assert_close(bs.annual, 48060.0, 0.0);
  assert_close(bs.monthly, 4005.0, 0.0);
  /* Below the threshold: the same. */
  rb_boligsikring_compute(&bs, &r, &f, 160000.0);
  assert_close(bs.annual, 48060.0, 0.0);
  /* 1,000 kr above: 0.18 × 1,000 = 180 less. */
  rb_boligsikring_compute(&bs, &r, &f, 171300.0);
  assert_close(bs.annual, 47880.0, 0.0);
  assert_close(bs.monthly, 3990.0, 0.0);
}

/* Heating in the rent, 40 m²: B = 12 × 8,360 − 40 × 120.50 = 95,500, the
 * rent cap exactly; 0.15 × 95,500 = 14,325 → 1,193.75 → 1,194 a month. */
static void test_subsidy__rent_at_cap(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = flat_of(1, 0, 8360.0, 40.0, true);
  rb_bs_result bs;
  rb_boligsikring_compute(&bs, &r, &f, 144000.0);
  assert_close(bs.housing_cost, 95500.0, 1e-9);
  assert_close(bs.housing_cost_capped, 95500.0, 1e-9);
  assert_close(bs.annual, 14325.0, 0.0);
  assert_close(bs.monthly, 1194.0, 0.0);
  /* 100 kr more rent: B above the cap, capped to it, the same support. */
  f.rent = 8460.0;
  rb_boligsikring_compute(&bs, &r, &f, 144000.0);
  assert_close(bs.housing_cost, 96700.0, 1e-9);
  assert_close(bs.housing_cost_capped, 95500.0, 0.0);
  assert_close(bs.annual, 14325.0, 0.0);
  /* 100 kr less: below the cap, 0.15 × 94,300 = 14,145 → 1,178.75 → 1,179. */
  f.rent = 8260.0;
  rb_boligsikring_compute(&bs, &r, &f, 144000.0);
  assert_close(bs.housing_cost_capped, 94300.0, 1e-9);
  assert_close(bs.annual, 14145.0, 0.0);
  assert_close(bs.monthly, 1179.0, 0.0);
}

/* Single: 65 m² allowed.  At 65 m² B is not scaled; at 78 m² it is scaled
 * by 65/78: B = (12 × 5,000 + 78 × 35) × 65/78 = 62,730 × 65/78 = 52,275. */
static void test_subsidy__area_at_allowance(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = flat_of(1, 0, 5000.0, 65.0, false);
  rb_bs_result bs;
  rb_boligsikring_compute(&bs, &r, &f, 144000.0);
  assert_close(bs.area_allowed, 65.0, 0.0);
  assert_close(bs.housing_cost, 62275.0, 1e-9);
  assert_close(bs.housing_cost_area, 62275.0, 1e-9);
  f.area_m2 = 78.0;
  rb_boligsikring_compute(&bs, &r, &f, 144000.0);
  assert_close(bs.housing_cost, 62730.0, 1e-9);
  assert_close(bs.housing_cost_area, 52275.0, 1e-9);
  /* 0.15 × 52,275 = 7,841.25 → 7,841 → 653.42 → 653. */
  assert_close(bs.monthly, 653.0, 0.0);
  /* Two adults and two children: 65 + 3 × 20 = 125 m². */
  rb_flat_case fam = flat_of(2, 2, 5000.0, 125.0, false);
  rb_boligsikring_compute(&bs, &r, &fam, 144000.0);
  assert_close(bs.area_allowed, 125.0, 0.0);
  assert_close(bs.housing_cost_area, bs.housing_cost, 0.0);
}

/* The minimum payout: heating in the rent, 40 m², rent 5,415:
 * B = 64,980 − 4,820 = 60,160; I = T + 180,000 = 350,300:
 * base = 36,096 − 32,400 = 3,696 = the minimum payout: paid (308 a month).
 * One krone more income: 3,695.82 < 3,696: nothing. */
static void test_subsidy__min_payout_edge(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = flat_of(1, 0, 5415.0, 40.0, true);
  rb_bs_result bs;
  rb_boligsikring_compute(&bs, &r, &f, 350300.0);
  assert_close(bs.housing_cost_capped, 60160.0, 1e-9);
  assert_close(bs.base, 3696.0, 1e-6);
  assert_close(bs.annual, 3696.0, 0.0);
  assert_close(bs.monthly, 308.0, 0.0);
  rb_boligsikring_compute(&bs, &r, &f, 350301.0);
  assert_close(bs.base, 3695.82, 1e-6);
  assert_close(bs.support, 0.0, 0.0);
  assert_close(bs.annual, 0.0, 0.0);
  assert_close(bs.monthly, 0.0, 0.0);
}

/* Large family flat above the rent cap (B = 95,500), income 200,000:
 * three children: min(57,300, 66,800, 50,412) = 50,412 → 4,201;
 * four children: the maximum is raised 25 % to 63,015, so 0.6 B = 57,300
 * binds → 4,775.  T gets at most three raises. */
static void test_subsidy__four_children(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_bs_result bs;
  rb_flat_case f3 = flat_of(2, 3, 8500.0, 145.0, false);
  rb_boligsikring_compute(&bs, &r, &f3, 200000.0);
  assert_close(bs.threshold, 170300.0 + 2 * 44800.0, 0.0);
  assert_int_equal(bs.child_raises, 2);
  assert_close(bs.limit_max, 50412.0, 0.0);
  assert_close(bs.annual, 50412.0, 0.0);
  assert_close(bs.monthly, 4201.0, 0.0);

  rb_flat_case f4 = flat_of(2, 4, 8500.0, 165.0, false);
  rb_boligsikring_compute(&bs, &r, &f4, 200000.0);
  assert_close(bs.threshold, 304700.0, 0.0);
  assert_close(bs.limit_max, 63015.0, 1e-9);
  assert_close(bs.housing_cost_capped, 95500.0, 0.0);
  assert_close(bs.annual, 57300.0, 0.0);
  assert_close(bs.monthly, 4775.0, 0.0);

  /* A fifth child: still three raises of T. */
  rb_flat_case f5 = flat_of(2, 5, 8500.0, 185.0, false);
  rb_boligsikring_compute(&bs, &r, &f5, 200000.0);
  assert_close(bs.threshold, 304700.0, 0.0);
  assert_int_equal(bs.child_raises, 3);
  /* One child: no raise, and no 15 % limit. */
  rb_flat_case f1 = flat_of(1, 1, 4000.0, 60.0, false);
  rb_boligsikring_compute(&bs, &r, &f1, 144000.0);
  assert_close(bs.threshold, 170300.0, 0.0);
  assert_int_equal(bs.child_raises, 0);
  assert_true(bs.limit_no_children > 1e300);
  /* Income 20,000 above T with four children: 0.18 × 20,000 = 3,600 less. */
  rb_boligsikring_compute(&bs, &r, &f4, 324700.0);
  assert_close(bs.annual, 57300.0 - 3600.0, 0.0);
}

/* Heat included: B drops by (91.50 + 29.00) kr per m²; heat separate adds
 * 35 kr per m². */
static void test_subsidy__heat_included(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_bs_result bs;
  rb_flat_case f = flat_of(1, 0, 4321.0, 47.5, true);
  rb_boligsikring_compute(&bs, &r, &f, 100000.0);
  assert_close(bs.housing_cost, 51852.0 - 47.5 * 120.5, 1e-9);
  f.heating_included = false;
  rb_boligsikring_compute(&bs, &r, &f, 100000.0);
  assert_close(bs.housing_cost, 51852.0 + 47.5 * 35.0, 1e-9);
}

/* ---- Gap, subsidy, cap, offers ---------------------------------------------
 */

static rb_scheme_terms terms_of(rb_own_method m, double param) {
  rb_scheme_terms t;
  memset(&t, 0, sizeof t); /* the gap up to the cap, every waiver granted */
  t.cap = 2000.0;
  t.own_method = m;
  t.own_param = param;
  t.kommuneskat = 0.2505;
  t.require_realistic_takeover = false;
  return t;
}

/* ---- Schemes and waivers (issue 11), hand-computed ----------------------
 *
 * The case: one adult on kontanthjælp 13,800 kr a month, rent 3,200 kr,
 * utilities 600 kr (H = 3,800), 45 m², heat paid apart.  Boligsikring by
 * hand: B = 12 × 3,200 + 35 × 45 = 39,975; I = 165,600 < T = 170,300, so
 * the base is 0.60 B = 23,985; the least limit is the childless one,
 * 0.15 B = 5,996.25 → 5,996 a year → 500 kr a month.  Net income by hand:
 * (165,600 − 0.3706 × 111,500) / 12 = 10,356.5083;
 * 30 % of it = 3,106.9525, so G = 3,800 − 500 − 3,106.9525 = 193.0475. */

static rb_flat_case case_flat(void) {
  rb_flat_case f = flat_of(1, 0, 3200.0, 45.0, false);
  f.utilities = 600.0;
  return f;
}

static rb_scheme_terms udslusning_terms(void) {
  rb_scheme_terms t = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  t.cap = 1e12; /* no cap: SEL § 163 a */
  t.method = RB_SUB_TO_BOFORM;
  t.boform_payment = 3042.0; /* § 110: 100 kr a day × 365 / 12, rounded */
  return t;
}

/* Udslusningsbolig: the refund is the rent and utilities less boligsikring
 * less the boform's own payment: 3,800 − 500 − 3,042 = 258 kr, although
 * the experiment's gap at 30 % of net income is 193.05. */
static void test_subsidy__udslusningsbolig_hand_case(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = case_flat();
  rb_income_case kh = {13800.0, RB_INCOME_BENEFIT};
  rb_subsidy_result x;
  rb_scheme_terms e = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  rb_subsidy_compute(&x, &r, &e, &f, &kh, NULL);
  assert_close(x.housing_benefit, 500.0, 0.0);
  assert_close(x.gap, 193.0475, 1e-9);
  assert_close(x.subsidy, 193.0475, 1e-9);
  rb_scheme_terms u = udslusning_terms();
  rb_subsidy_compute(&x, &r, &u, &f, &kh, NULL);
  assert_close(x.housing_benefit, 500.0, 0.0);
  assert_close(x.subsidy, 258.0, 1e-9);
  assert_close(x.benefit_offset, 0.0, 0.0);
  assert_int_equal(rb_offer_decide(&x, &u, true), RB_OFFER_SUBSIDISED);
  assert_int_equal(rb_offer_decide(&x, &u, false), RB_OFFER_REFUSED);
  /* A dearer boform payment than the flat's net cost: nothing to refund,
   * the flat still taken (the tenant pays what the boform cost). */
  u.boform_payment = 3400.0;
  rb_subsidy_compute(&x, &r, &u, &f, &kh, NULL);
  assert_close(x.subsidy, 0.0, 0.0);
  assert_int_equal(rb_offer_decide(&x, &u, true), RB_OFFER_SUBSIDISED);
  /* A cap of 0 is no scheme at all for the experiment's terms. */
  e.cap = 0.0;
  rb_subsidy_compute(&x, &r, &e, &f, &kh, NULL);
  assert_close(x.subsidy, 0.0, 0.0);
  assert_int_equal(rb_offer_decide(&x, &e, true),
                   rb_offer_decide(&x, &e, false));
}

/* Without the boligsikring waiver the boligsikring is on the rent less the
 * subsidy: by hand, S = 3,800 − BS(3,200 − S) − 3,042 with BS the
 * childless limit 0.15 × (39,975 − 12 S), rounded twice: from 258 the
 * rounds give 297, 303, 304, 304; BS falls from 500 to 454 and the refund
 * rises by the same 46 kr. */
static void test_subsidy__waiver_boligsikring_hand_case(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = case_flat();
  rb_income_case kh = {13800.0, RB_INCOME_BENEFIT};
  rb_scheme_terms u = udslusning_terms();
  u.bs_on_net_rent = true;
  rb_subsidy_result x;
  rb_subsidy_compute(&x, &r, &u, &f, &kh, NULL);
  assert_close(x.housing_benefit, 454.0, 0.0);
  assert_close(x.subsidy, 304.0, 1e-9);
  /* The experiment's terms: G with the lower boligsikring is the need. */
  rb_scheme_terms e = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  e.bs_on_net_rent = true;
  rb_subsidy_compute(&x, &r, &e, &f, &kh, NULL);
  assert_true(x.housing_benefit < 500.0);
  assert_close(x.subsidy, x.gap, 1e-9);
  assert_close(x.gap, 3800.0 - x.housing_benefit - 3106.9525, 1e-9);
  assert_close(rb_gap(&r, &e, &f, &kh), x.gap, 0.0);
}

/* Without the offset waiver (LAS § 30) the kontanthjælp falls by the
 * subsidy: the public's net subsidy is 0 and the tenant, who gains
 * nothing, refuses a flat with G > 0; a wage earner is not affected. */
static void test_subsidy__waiver_offset_hand_case(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = case_flat();
  rb_income_case kh = {13800.0, RB_INCOME_BENEFIT};
  rb_scheme_terms e = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  e.offset_in_benefit = true;
  rb_subsidy_result x;
  rb_subsidy_compute(&x, &r, &e, &f, &kh, NULL);
  assert_close(x.subsidy, 193.0475, 1e-9);
  assert_close(x.benefit_offset, x.subsidy, 0.0);
  assert_int_equal(rb_offer_decide(&x, &e, true), RB_OFFER_REFUSED);
  rb_income_case su = {7426.0, RB_INCOME_SU};
  rb_subsidy_compute(&x, &r, &e, &f, &su, NULL);
  assert_close(x.benefit_offset, 0.0, 0.0);
}

/* ---- Deleboliger (subsidy.md, "Deleboliger"), hand-computed ------------
 *
 * The citizen of the hand case above (one adult on kontanthjælp 13,800 kr,
 * I = 165,600 < T, own payment 30 % of the net 10,356.5083 = 3,106.9525,
 * cap 2,000) as one tenant of a shared flat whose whole rent, utilities and
 * area are split equally. */

/* The 2026 rules with the bofaellesskab block (§ 24 a, stk. 1, nr. 6;
 * § 24 i). */
static rb_rules rules_2026_shared(void) {
  rb_rules r = rules_2026();
  r.has_bofaellesskab = true;
  r.bs_shared_min_tenants = 3;
  r.bs_shared_max_tenants = 4;
  r.bs_shared_area_m2 = 65.0;
  r.bs_shared_child_area_m2 = 20.0;
  return r;
}

/* A shared flat of @p n tenants, heat paid apart. */
static rb_flat_case shared_flat(int n, double rent, double utilities,
                                double area) {
  rb_flat_case f = flat_of(1, 0, rent, area, false);
  f.utilities = utilities;
  f.tenants = n;
  return f;
}

/* The hand case's citizen (kontanthjælp 13,800 kr) in flat @p f. */
static rb_subsidy_result kh_case(const rb_rules *r, const rb_scheme_terms *t,
                                 const rb_flat_case *f) {
  const rb_income_case kh = {13800.0, RB_INCOME_BENEFIT};
  rb_subsidy_result x;
  rb_subsidy_compute(&x, r, t, f, &kh, NULL);
  return x;
}

/* tenants = 0 and 1 are today's ordinary flat, to the last bit, over a
 * grid of flats and incomes and every scheme's switches. */
static void test_subsidy__one_tenant_is_today(void **state) {
  (void)state;
  const rb_rules r = rules_2026_shared();
  rb_scheme_terms e = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  for (int k = 0; k < 8; k++) {
    e.bs_on_net_rent = (k & 1) != 0;
    e.two_tenants_no_bs = (k & 2) != 0;
    e.method = (k & 4) != 0 ? RB_SUB_TO_BOFORM : RB_SUB_GAP_CAP;
    e.boform_payment = 3042.0;
    for (double rent = 2000.0; rent <= 9000.0; rent += 700.0) {
      for (double gross = 8000.0; gross <= 30000.0; gross += 5500.0) {
        rb_flat_case f0 = flat_of(1, 0, rent, 55.0, false);
        f0.utilities = 650.0;
        rb_flat_case f1 = f0;
        f1.tenants = 1;
        rb_income_case inc = {gross, RB_INCOME_WAGE};
        rb_subsidy_result x0, x1;
        memset(&x0, 0, sizeof x0);
        memset(&x1, 0, sizeof x1);
        rb_subsidy_compute(&x0, &r, &e, &f0, &inc, &inc);
        rb_subsidy_compute(&x1, &r, &e, &f1, &inc, &inc);
        assert_int_equal(x1.tenants, 1);
        assert_int_equal(x1.bs.rule, RB_BS_HOUSEHOLD);
        assert_true(memcmp(&x0, &x1, sizeof x0) == 0);
      }
    }
  }
  /* And the hand case itself, with tenants = 1. */
  rb_flat_case f = case_flat();
  f.tenants = 1;
  const rb_scheme_terms t = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  const rb_subsidy_result x = kh_case(&r, &t, &f);
  assert_close(x.housing_benefit, 500.0, 0.0);
  assert_close(x.gap, 193.0475, 1e-9);
}

/* Three tenants of a 105 m² almen family flat, rent 9,600, utilities
 * 1,800 (§ 24 a, stk. 1, nr. 6).  The tenant's share: rent 3,200,
 * utilities 600, 35 m² (H = 3,800).  § 24 i: B = 12 × 3,200 + 35 × 35 =
 * 39,625 (35 m² ≤ 65 m²; B ≤ 95,500); base 0.60 B = 23,775; limits
 * B − 28,700 = 10,925, 50,412, 0.15 B = 5,943.75 → 5,944 a year → 495 kr a
 * month.  G = 3,800 − 495 − 3,106.9525 = 198.0475 = S. */
static void test_subsidy__delebolig_three_hand_case(void **state) {
  (void)state;
  const rb_rules r = rules_2026_shared();
  rb_flat_case f = shared_flat(3, 9600.0, 1800.0, 105.0);
  rb_income_case kh = {13800.0, RB_INCOME_BENEFIT};
  rb_scheme_terms e = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  rb_subsidy_result x;
  rb_subsidy_compute(&x, &r, &e, &f, &kh, NULL);
  assert_int_equal(x.tenants, 3);
  assert_int_equal(x.bs.rule, RB_BS_RESIDENT);
  assert_close(x.rent, 3200.0, 1e-9);
  assert_close(x.utilities, 600.0, 1e-9);
  assert_close(x.housing_cost, 3800.0, 1e-9);
  assert_close(x.bs.area, 35.0, 1e-12);
  assert_close(x.bs.area_allowed, 65.0, 0.0);
  assert_close(x.bs.housing_cost, 39625.0, 1e-9);
  assert_close(x.bs.housing_cost_capped, 39625.0, 1e-9);
  assert_close(x.bs.base, 23775.0, 1e-9);
  assert_close(x.bs.limit_min_own, 10925.0, 1e-9);
  assert_close(x.bs.limit_no_children, 5943.75, 1e-9);
  assert_close(x.bs.annual, 5944.0, 0.0);
  assert_close(x.housing_benefit, 495.0, 0.0);
  assert_close(x.gap, 198.0475, 1e-9);
  assert_close(x.subsidy, 198.0475, 1e-9);
  assert_close(rb_gap(&r, &e, &f, &kh), x.gap, 0.0);
  /* The delebolig waiver is for two tenants: it changes nothing here. */
  rb_subsidy_result y;
  e.two_tenants_no_bs = true;
  rb_subsidy_compute(&y, &r, &e, &f, &kh, NULL);
  assert_close(y.housing_benefit, 495.0, 0.0);
  /* A rules year without the bofaellesskab block pays no tenant. */
  rb_rules plain = rules_2026();
  rb_subsidy_compute(&y, &plain, &e, &f, &kh, NULL);
  assert_int_equal(y.bs.rule, RB_BS_SHARED_NONE);
  assert_close(y.housing_benefit, 0.0, 0.0);
}

/* Four tenants of 320 m², rent 16,000, heat apart: the share is 4,000 kr
 * and 80 m², B = 48,000 + 35 × 80 = 50,800.  Without children 65 m² are
 * allowed (§ 24 i, stk. 1): B = 50,800 × 65 / 80 = 41,275, 0.15 B =
 * 6,191.25 → 6,191 → 516 kr.  A tenant with one child: 85 m² ≥ 80, no
 * 15 % limit; T unraised (one child), base 30,480, B − 28,700 = 22,100
 * binds → 22,100 / 12 = 1,841.67 → 1,842 kr. */
static void test_subsidy__delebolig_four_area_hand_case(void **state) {
  (void)state;
  const rb_rules r = rules_2026_shared();
  /* Children, area allowed, B after the area cap, annual, monthly; a
   * second child adds no area (the law's "et eller flere børn"). */
  static const double cases[][5] = {{0, 65.0, 41275.0, 6191.0, 516.0},
                                    {1, 85.0, 50800.0, 22100.0, 1842.0},
                                    {2, 85.0, 50800.0, 22100.0, 1842.0}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    rb_flat_case f = shared_flat(4, 16000.0, 0.0, 320.0);
    f.children = (int)cases[i][0];
    rb_bs_result bs;
    rb_boligsikring_compute(&bs, &r, &f, 165600.0);
    assert_int_equal(bs.rule, RB_BS_RESIDENT);
    assert_close(bs.housing_cost, 50800.0, 1e-9);
    assert_close(bs.area_allowed, cases[i][1], 0.0);
    assert_close(bs.housing_cost_area, cases[i][2], 1e-9);
    assert_close(bs.annual, cases[i][3], 0.0);
    assert_close(bs.monthly, cases[i][4], 0.0);
  }
}

/* Two tenants of a 70 m² flat, rent 6,400, utilities 1,200: the share is
 * the three-tenant case's (3,200, 600, 35 m²).  Today no boligsikring
 * (no bofællesskab below 3), so G = 3,800 − 0 − 3,106.9525 = 693.0475 = S.
 * With the waiver § 24 i applies as for three: 495 kr, G = 198.0475. */
static void test_subsidy__delebolig_two_hand_case(void **state) {
  (void)state;
  const rb_rules r = rules_2026_shared();
  rb_flat_case f = shared_flat(2, 6400.0, 1200.0, 70.0);
  rb_income_case kh = {13800.0, RB_INCOME_BENEFIT};
  rb_scheme_terms e = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  e.two_tenants_no_bs = true; /* today's law */
  rb_subsidy_result x;
  rb_subsidy_compute(&x, &r, &e, &f, &kh, NULL);
  assert_int_equal(x.bs.rule, RB_BS_SHARED_NONE);
  assert_close(x.housing_cost, 3800.0, 1e-9);
  assert_close(x.bs.housing_cost, 39625.0, 1e-9);
  assert_close(x.housing_benefit, 0.0, 0.0);
  assert_close(x.gap, 693.0475, 1e-9);
  assert_close(x.subsidy, 693.0475, 1e-9);
  rb_bs_result bs;
  rb_boligsikring_compute(&bs, &r, &f, 165600.0); /* the law today */
  assert_close(bs.monthly, 0.0, 0.0);
  e.two_tenants_no_bs = false; /* the waiver granted */
  rb_subsidy_compute(&x, &r, &e, &f, &kh, NULL);
  assert_int_equal(x.bs.rule, RB_BS_RESIDENT);
  assert_close(x.housing_benefit, 495.0, 0.0);
  assert_close(x.gap, 198.0475, 1e-9);
  assert_close(x.subsidy, 198.0475, 1e-9);
  assert_close(rb_gap(&r, &e, &f, &kh), x.gap, 0.0);
  /* A gap above the cap is capped per tenant: the cap is the citizen's. */
  e.cap = 150.0;
  rb_subsidy_compute(&x, &r, &e, &f, &kh, NULL);
  assert_close(x.subsidy, 150.0, 0.0);
  assert_true(x.capped);
  /* With the waiver, on udslusningsbolig terms without the boligsikring
   * waiver: boligsikring on the tenant's share less the refund, B =
   * 12 × (3,200 − S) + 1,225, BS the 15 % limit rounded twice, S = 3,800 −
   * BS − 3,042: from BS 495 the rounds give S = 263, 302, 308, 309, 309
   * (BS 456, 450, 449, 449). */
  rb_scheme_terms u = udslusning_terms();
  u.bs_on_net_rent = true;
  x = kh_case(&r, &u, &f);
  assert_close(x.housing_benefit, 449.0, 0.0);
  assert_close(x.subsidy, 309.0, 1e-9);
}

/* Bad tenants values are refused where they are read, in words. */
static void test_subsidy__tenants_problem(void **state) {
  (void)state;
  const rb_rules r = rules_2026_shared();
  const rb_rules plain = rules_2026();
  for (int n = 0; n <= RB_MAX_TENANTS; n++) {
    assert_null(rb_tenants_problem(&r, n));
  }
  assert_non_null(strstr(rb_tenants_problem(&r, -1), "0 or 1"));
  assert_non_null(strstr(rb_tenants_problem(&r, 5), "2 to 4"));
  assert_null(rb_tenants_problem(&plain, 1));
  assert_non_null(strstr(rb_tenants_problem(&plain, 2), "bofaellesskab"));
}

/* Benefit 12,000 a month, rent 4,000, utilities 600, 60 m²: boligsikring
 * 626 (known answer); H = 4,600.  A fixed own payment of 1,974 makes the
 * gap exactly the cap. */
static void test_subsidy__gap_at_cap(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = flat_of(1, 0, 4000.0, 60.0, false);
  f.utilities = 600.0;
  rb_income_case inc = {12000.0, RB_INCOME_BENEFIT};
  rb_scheme_terms t = terms_of(RB_OWN_FIXED, 1974.0);
  rb_subsidy_result res;
  rb_subsidy_compute(&res, &r, &t, &f, &inc, NULL);
  assert_close(res.housing_cost, 4600.0, 0.0);
  assert_close(res.housing_benefit, 626.0, 0.0);
  assert_close(res.own_payment, 1974.0, 0.0);
  assert_close(res.gap, 2000.0, 0.0);
  assert_close(res.subsidy, 2000.0, 0.0);
  assert_false(res.capped);
  assert_int_equal(rb_offer_decide(&res, &t, true), RB_OFFER_SUBSIDISED);
  assert_int_equal(rb_offer_decide(&res, &t, false), RB_OFFER_REFUSED);
  /* One krone less own payment: above the cap. */
  t.own_param = 1973.0;
  rb_subsidy_compute(&res, &r, &t, &f, &inc, NULL);
  assert_close(res.gap, 2001.0, 0.0);
  assert_close(res.subsidy, 2000.0, 0.0);
  assert_true(res.capped);
  assert_int_equal(rb_offer_decide(&res, &t, true), RB_OFFER_REFUSED);
  /* Gap exactly 0: ordinary terms in both arms, no subsidy. */
  t.own_param = 3974.0;
  rb_subsidy_compute(&res, &r, &t, &f, &inc, NULL);
  assert_close(res.gap, 0.0, 0.0);
  assert_close(res.subsidy, 0.0, 0.0);
  assert_false(res.capped);
  assert_true(res.realistic_takeover);
  assert_int_equal(rb_offer_decide(&res, &t, true), RB_OFFER_ORDINARY);
  assert_int_equal(rb_offer_decide(&res, &t, false), RB_OFFER_ORDINARY);
  /* Negative gap: subsidy 0. */
  t.own_param = 5000.0;
  rb_subsidy_compute(&res, &r, &t, &f, &inc, NULL);
  assert_close(res.gap, -1026.0, 0.0);
  assert_close(res.subsidy, 0.0, 0.0);
}

/* The reference's worked example: 45 m², rent 4,500, utilities 600,
 * 30 % of net income.  Boligsikring 0.15 × 55,575 = 8,336.25 → 695. */
static void test_subsidy__worked_example(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = flat_of(1, 0, 4500.0, 45.0, false);
  f.utilities = 600.0;
  rb_scheme_terms t = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  t.require_realistic_takeover = true;
  rb_income_case su = {7426.0, RB_INCOME_SU};
  rb_income_case wage = {25000.0, RB_INCOME_WAGE};
  rb_subsidy_result res;
  rb_subsidy_compute(&res, &r, &t, &f, &su, &wage);
  assert_close(res.housing_benefit, 695.0, 0.0);
  assert_close(rb_round_kr(res.tax.net), 6345.0, 0.0);
  /* G = 5,100 − 695 − 0.3 × 6,344.71 = 2,501.59: capped at 2,000. */
  assert_close(rb_round_kr(res.gap), 2502.0, 0.0);
  assert_close(res.subsidy, 2000.0, 0.0);
  assert_true(res.capped);
  /* Future wage 25,000: net 16,881.58, own payment 5,064.47, gap < 0. */
  assert_close(res.future_gap, 5100.0 - 695.0 - 0.3 * 16881.579583333333, 1e-6);
  assert_true(res.realistic_takeover);
  assert_int_equal(rb_offer_decide(&res, &t, true), RB_OFFER_REFUSED);
  assert_int_equal(rb_offer_decide(&res, &t, false), RB_OFFER_REFUSED);
}

static void test_subsidy__own_payment_methods(void **state) {
  (void)state;
  rb_scheme_terms t = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  assert_close(rb_own_payment(&t, 10357.25), 3107.175, 1e-9);
  t = terms_of(RB_OWN_RESIDUAL, 5500.0);
  assert_close(rb_own_payment(&t, 10357.25), 4857.25, 1e-9);
  assert_close(rb_own_payment(&t, 5200.0), 0.0, 0.0);
  t = terms_of(RB_OWN_FIXED, 2940.0);
  assert_close(rb_own_payment(&t, 10357.25), 2940.0, 0.0);
}

/* The realistic takeover decides only when the scheme requires it. */
static void test_subsidy__offer_requires_takeover(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_flat_case f = flat_of(1, 0, 5400.0, 45.0, false);
  f.utilities = 600.0;
  rb_scheme_terms t = terms_of(RB_OWN_INCOME_SHARE, 0.30);
  rb_income_case benefit = {13800.0, RB_INCOME_BENEFIT};
  rb_income_case wage = {25000.0, RB_INCOME_WAGE};
  rb_subsidy_result res;
  rb_subsidy_compute(&res, &r, &t, &f, &benefit, &wage);
  /* G on the benefit: 6,000 − 830 − 3,106.95 = 2,063.05 > cap. */
  assert_true(res.capped);
  assert_int_equal(rb_offer_decide(&res, &t, true), RB_OFFER_REFUSED);
  t.cap = 2100.0;
  rb_subsidy_compute(&res, &r, &t, &f, &benefit, &wage);
  assert_false(res.capped);
  /* Future gap 6,000 − 830 − 5,064.47 = 105.53 > 0: not realistic. */
  assert_false(res.realistic_takeover);
  assert_int_equal(rb_offer_decide(&res, &t, true), RB_OFFER_SUBSIDISED);
  t.require_realistic_takeover = true;
  assert_int_equal(rb_offer_decide(&res, &t, true), RB_OFFER_REFUSED);
  assert_int_equal(rb_offer_decide(&res, &t, false), RB_OFFER_REFUSED);
  /* Without a future income the takeover is judged on the current one. */
  rb_subsidy_compute(&res, &r, &t, &f, &benefit, NULL);
  assert_close(res.future_gap, res.gap, 0.0);
  /* rb_gap agrees with the whole computation. */
  assert_close(rb_gap(&r, &t, &f, &benefit), res.gap, 0.0);
}

/* ---- Properties over a grid -------------------------------------------------
 */

static void test_subsidy__grid_properties(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  static const rb_own_method methods[] = {RB_OWN_INCOME_SHARE, RB_OWN_RESIDUAL,
                                          RB_OWN_FIXED};
  static const double params[] = {0.30, 5500.0, 2940.0};
  static const rb_income_kind kinds[] = {RB_INCOME_BENEFIT, RB_INCOME_SU,
                                         RB_INCOME_WAGE};
  long cases = 0, payout_cliffs = 0;
  for (int adults = 1; adults <= 2; adults++) {
    for (int children = 0; children <= 5; children++) {
      for (int heat = 0; heat <= 1; heat++) {
        for (int m = 0; m < 3; m++) {
          rb_scheme_terms t = terms_of(methods[m], params[m]);
          for (int k = 0; k < 3; k++) {
            for (double gross = 0.0; gross <= 40000.0; gross += 1731.0) {
              rb_income_case inc = {gross, kinds[k]};
              double prev_gap = -1e300, prev_bs = 0.0;
              for (double rent = 500.0; rent <= 12000.0; rent += 97.0) {
                rb_flat_case f =
                    flat_of(adults, children, rent,
                            45.0 + 17.0 * (adults + children), heat != 0);
                f.utilities = 550.0;
                rb_subsidy_result res;
                rb_subsidy_compute(&res, &r, &t, &f, &inc, NULL);
                cases++;
                if (res.subsidy < 0.0 || res.subsidy > t.cap) {
                  fail_msg("subsidy %.2f outside [0, cap]", res.subsidy);
                }
                /* The gap never falls when the rent rises, except where
                 * boligsikring starts (the minimum payout's cliff). */
                if (res.gap < prev_gap) {
                  if (!(prev_bs == 0.0 && res.housing_benefit > 0.0)) {
                    fail_msg("gap fell from %.2f to %.2f at rent %.0f",
                             prev_gap, res.gap, rent);
                  }
                  payout_cliffs++;
                }
                prev_gap = res.gap;
                prev_bs = res.housing_benefit;
              }
            }
          }
        }
      }
    }
  }
  assert_true(cases > 100000);
  /* The cliff exists: it is a property of the law, not of the code. */
  assert_true(payout_cliffs > 0);
}

static void test_subsidy__bs_never_rises_with_income(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  for (int children = 0; children <= 5; children++) {
    for (double rent = 1000.0; rent <= 11000.0; rent += 613.0) {
      rb_flat_case f = flat_of(children > 2 ? 2 : 1, children, rent,
                               40.0 + 21.0 * children, children % 2 == 1);
      double prev = 1e300;
      for (double income = 0.0; income <= 700000.0; income += 523.0) {
        const double bs = bs_monthly(&r, &f, income / 12.0);
        if (bs > prev) {
          fail_msg("boligsikring rose from %.0f to %.0f at income %.0f", prev,
                   bs, income);
        }
        prev = bs;
      }
    }
  }
}

/* ---- Tax
 * ---------------------------------------------------------------------- */

/* By hand for a 25,000 kr wage: AM 2,000; P = 23,000 (276,000 a year);
 * bundskat 0.1201 × 221,900 / 12 = 2,220.849 17; besk 0.1275 × 276,000 /
 * 12 = 2,932.50; kommuneskat 0.2505 × 186,710 / 12 = 3,897.571 25;
 * net 16,881.579 58. */
static void test_subsidy__tax_steps_wage(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_income_case inc = {25000.0, RB_INCOME_WAGE};
  rb_tax_result t;
  rb_tax_compute(&t, &r, &inc, 0.2505);
  assert_close(t.gross, 25000.0, 0.0);
  assert_close(t.am_bidrag, 2000.0, 1e-9);
  assert_close(t.personal_income, 23000.0, 1e-9);
  assert_close(t.bundskat, 2220.84916667, 1e-6);
  assert_close(t.besk_fradrag, 2932.5, 1e-9);
  assert_close(t.kommuneskat, 3897.57125, 1e-6);
  assert_close(t.net, 16881.57958333, 1e-6);
  assert_close(t.bs_income_year, 276000.0, 1e-9);
  /* A negative rate means the rules' average. */
  rb_tax_result avg;
  rb_tax_compute(&avg, &r, &inc, -1.0);
  assert_close(avg.net, t.net, 0.0);
}

/* The reference's worked net incomes (2.4): both 25.05 % (the rules'
 * rounded average) and 25.049 % (the reference's own rate) reproduce all
 * six to the krone. */
static void test_subsidy__tax_worked_net_incomes(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  static const struct {
    double gross;
    rb_income_kind kind;
    double net;
  } cases[] = {
      {23000.0, RB_INCOME_WAGE, 15665.0},
      {25000.0, RB_INCOME_WAGE, 16882.0},
      {28000.0, RB_INCOME_WAGE, 18707.0},
      {7426.0, RB_INCOME_SU, 6345.0},
      {12500.0, RB_INCOME_BENEFIT, 9538.0},
      {13500.0, RB_INCOME_BENEFIT, 10168.0},
  };
  static const double rates[] = {0.2505, 0.25049};
  for (size_t j = 0; j < 2; j++) {
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
      rb_income_case inc = {cases[i].gross, cases[i].kind};
      rb_tax_result t;
      rb_tax_compute(&t, &r, &inc, rates[j]);
      if (rb_round_kr(t.net) != cases[i].net) {
        fail_msg("gross %.0f at %.3f %%: net %.2f, expected %.0f",
                 cases[i].gross, 100.0 * rates[j], t.net, cases[i].net);
      }
    }
  }
}

static void test_subsidy__tax_edges(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  rb_tax_result t;
  /* Benefit below the personfradrag: no tax, boligsikring income = gross. */
  rb_income_case low = {4000.0, RB_INCOME_BENEFIT};
  rb_tax_compute(&t, &r, &low, 0.2505);
  assert_close(t.net, 4000.0, 1e-9);
  assert_close(t.am_bidrag, 0.0, 0.0);
  assert_close(t.besk_fradrag, 0.0, 0.0);
  assert_close(t.bs_income_year, 48000.0, 0.0);
  /* A high wage: the beskæftigelsesfradrag stops at 63,300 a year. */
  rb_income_case high = {50000.0, RB_INCOME_WAGE};
  rb_tax_compute(&t, &r, &high, 0.2505);
  assert_close(t.besk_fradrag, 63300.0 / 12.0, 1e-9);
  /* SU: no AM-bidrag, no beskæftigelsesfradrag. */
  rb_income_case su = {7426.0, RB_INCOME_SU};
  rb_tax_compute(&t, &r, &su, 0.2505);
  assert_close(t.personal_income, 7426.0, 0.0);
  assert_close(t.besk_fradrag, 0.0, 0.0);
  /* Zero income. */
  rb_income_case zero = {0.0, RB_INCOME_WAGE};
  rb_tax_compute(&t, &r, &zero, 0.2505);
  assert_close(t.net, 0.0, 0.0);
}

/* ---- The rules files ----------------------------------------------------- */

/* scenarios/rules/dk-2026.cfg loads to exactly the figures of the hand-filled
 * rules, and a known answer comes out the same through it. */
static void test_subsidy__rules_file_2026(void **state) {
  (void)state;
  const rb_rules want = rules_2026();
  rb_rules got;
  rb_diag d;
  rb_diag_init(&d);
  rb_status st = rb_rules_load(&got, "scenarios/rules/dk-2026.cfg", &d);
  for (size_t i = 0; i < d.n; i++) {
    print_error("%s\n", d.msgs[i]);
  }
  assert_int_equal(st, RB_OK);
  assert_int_equal(d.n, 0);
  rb_diag_free(&d);
  assert_string_equal(got.name, "dk-2026");
  assert_int_equal(got.year, 2026);
  assert_true(got.estimate); /* the child raise is an estimate */
#define SAME(field) assert_close(got.field, want.field, 0.0)
  SAME(bs_rent_share);
  SAME(bs_income_taper);
  SAME(bs_income_threshold);
  SAME(bs_child_raise);
  assert_int_equal(got.bs_child_raise_max, want.bs_child_raise_max);
  SAME(bs_min_own_payment);
  SAME(bs_max_per_year);
  SAME(bs_max_raise_children);
  assert_int_equal(got.bs_max_raise_min_children,
                   want.bs_max_raise_min_children);
  SAME(bs_no_children_cap);
  SAME(bs_rent_cap);
  SAME(bs_min_payout);
  SAME(bs_area_first);
  SAME(bs_area_per_member);
  SAME(heat_addon_per_m2);
  SAME(heat_deduction_per_m2);
  SAME(hot_water_deduction_per_m2);
  SAME(bs_payer[RB_PAYER_KOMMUNE]);
  SAME(bs_payer[RB_PAYER_REGION]);
  SAME(bs_payer[RB_PAYER_STAT]);
  SAME(am_rate);
  SAME(bundskat_rate);
  SAME(kommuneskat_avg);
  SAME(personfradrag);
  SAME(besk_rate);
  SAME(besk_max);
#undef SAME
  /* The 660 kr known answer through the file. */
  rb_flat_case f = flat_of(1, 0, 5000.0, 60.0, true);
  assert_close(bs_monthly(&got, &f, 20000.0), 660.0, 0.0);
  rb_rules_free(&got);
}

/* The 2025 file loads; its published figures are there. */
static void test_subsidy__rules_file_2025(void **state) {
  (void)state;
  rb_rules got;
  rb_diag d;
  rb_diag_init(&d);
  rb_status st = rb_rules_load(&got, "scenarios/rules/dk-2025.cfg", &d);
  for (size_t i = 0; i < d.n; i++) {
    print_error("%s\n", d.msgs[i]);
  }
  assert_int_equal(st, RB_OK);
  rb_diag_free(&d);
  assert_int_equal(got.year, 2025);
  assert_true(got.estimate);
  assert_close(got.bs_rent_cap, 94200.0, 0.0);
  assert_close(got.bs_max_per_year, 49716.0, 0.0);
  assert_close(got.bs_min_own_payment, 28300.0, 0.0);
  rb_rules_free(&got);
}

/* rb_offer_needs_future_gap says when the offer's decision reads the gap
 * on the future income (the engine skips that tax computation otherwise):
 * where it says no, a realistic takeover and none decide alike; where it
 * says yes, they do not.  Every branch of the decision, on a grid. */
static void test_subsidy__offer_needs_future_gap(void **state) {
  (void)state;
  const double gaps[] = {-500.0, 0.0, 1.0, 1999.0, 2000.0, 2001.0, 9000.0};
  int yes = 0, no = 0;
  for (int m = 0; m < RB_SUB_METHOD_COUNT; m++) {
    for (int req = 0; req < 2; req++) {
      for (int iv = 0; iv < 2; iv++) {
        for (size_t k = 0; k < sizeof gaps / sizeof gaps[0]; k++) {
          rb_scheme_terms t = {0};
          t.cap = 2000.0;
          t.method = (rb_sub_method)m;
          t.require_realistic_takeover = req != 0;
          const bool need = rb_offer_needs_future_gap(gaps[k], &t, iv != 0);
          const rb_offer_outcome real =
              rb_offer_from_gaps(gaps[k], -1.0, &t, iv != 0);
          const rb_offer_outcome none =
              rb_offer_from_gaps(gaps[k], 1.0, &t, iv != 0);
          if (need != (real != none)) {
            fail_msg("method %d, require %d, scheme %d, G %g: needs %d", m, req,
                     iv, gaps[k], need);
          }
          yes += need;
          no += !need;
        }
      }
    }
  }
  /* G in (0, cap] on the cap's method, G > 0 on the boform's, with the
   * scheme and the requirement. */
  assert_int_equal(yes, 3 + 5);
  assert_int_equal(no, 2 * 2 * 2 * 7 - yes);
}

/* rb_gap_taxed with the income's tax computed once is rb_gap, bit for bit,
 * on a grid of rents, incomes, tenants and the waiver of boligsikring on the
 * rent less the subsidy (which goes the whole case's way). */
static void test_subsidy__gap_taxed_is_gap(void **state) {
  (void)state;
  const rb_rules r = rules_2026();
  const double rents[] = {2500.0, 4100.5, 5333.33, 6900.0, 9100.0};
  const rb_income_case incs[] = {{13800.0, RB_INCOME_BENEFIT},
                                 {7100.0, RB_INCOME_SU},
                                 {26500.0, RB_INCOME_WAGE}};
  int n = 0;
  for (int net = 0; net < 2; net++) {
    for (int tenants = 0; tenants <= 2; tenants += 2) {
      for (size_t i = 0; i < sizeof incs / sizeof incs[0]; i++) {
        rb_scheme_terms t = {0};
        t.cap = 2000.0;
        t.kommuneskat = 0.25;
        t.own_param = 0.25;
        t.bs_on_net_rent = net != 0;
        rb_tax_result tax;
        rb_tax_compute(&tax, &r, &incs[i], t.kommuneskat);
        for (size_t k = 0; k < sizeof rents / sizeof rents[0]; k++) {
          rb_flat_case f = flat_of(1, 0, rents[k], 45.0, false);
          f.tenants = tenants;
          const double want = rb_gap(&r, &t, &f, &incs[i]);
          const double got = rb_gap_taxed(&r, &t, &f, &incs[i], &tax);
          assert_memory_equal(&got, &want, sizeof got);
          n += want > 0.0;
        }
      }
    }
  }
  assert_true(n > 0 && n < 2 * 2 * 3 * 5); /* gaps on both sides of 0 */
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_subsidy__known_answers),
      cmocka_unit_test(test_subsidy__known_answer_steps),
      cmocka_unit_test(test_subsidy__round_half_up),
      cmocka_unit_test(test_subsidy__income_at_threshold),
      cmocka_unit_test(test_subsidy__rent_at_cap),
      cmocka_unit_test(test_subsidy__area_at_allowance),
      cmocka_unit_test(test_subsidy__min_payout_edge),
      cmocka_unit_test(test_subsidy__four_children),
      cmocka_unit_test(test_subsidy__heat_included),
      cmocka_unit_test(test_subsidy__gap_at_cap),
      cmocka_unit_test(test_subsidy__gap_taxed_is_gap),
      cmocka_unit_test(test_subsidy__udslusningsbolig_hand_case),
      cmocka_unit_test(test_subsidy__waiver_boligsikring_hand_case),
      cmocka_unit_test(test_subsidy__waiver_offset_hand_case),
      cmocka_unit_test(test_subsidy__worked_example),
      cmocka_unit_test(test_subsidy__own_payment_methods),
      cmocka_unit_test(test_subsidy__offer_requires_takeover),
      cmocka_unit_test(test_subsidy__offer_needs_future_gap),
      cmocka_unit_test(test_subsidy__grid_properties),
      cmocka_unit_test(test_subsidy__bs_never_rises_with_income),
      cmocka_unit_test(test_subsidy__tax_steps_wage),
      cmocka_unit_test(test_subsidy__tax_worked_net_incomes),
      cmocka_unit_test(test_subsidy__tax_edges),
      cmocka_unit_test(test_subsidy__rules_file_2026),
      cmocka_unit_test(test_subsidy__rules_file_2025),
      cmocka_unit_test(test_subsidy__names),
      cmocka_unit_test(test_subsidy__one_tenant_is_today),
      cmocka_unit_test(test_subsidy__delebolig_three_hand_case),
      cmocka_unit_test(test_subsidy__delebolig_four_area_hand_case),
      cmocka_unit_test(test_subsidy__delebolig_two_hand_case),
      cmocka_unit_test(test_subsidy__tenants_problem),
  };
  return cmocka_run_group_tests_name("subsidy", tests, NULL, NULL);
}
