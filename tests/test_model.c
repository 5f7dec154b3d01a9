/* The compiled model's rent draws: the whole distribution for offers, and
 * the distribution truncated to rents with G ≤ 0 for a rehousing at the
 * subsidy's end (model.md, step 3). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "model/model.h"
#include "util.h"

#define SIMPLE "tests/data/engine/simple.cfg"

/* Gap of a rent for activity a in a compiled group-arm. */
static double gap_of(const rb_model *m, const rb_garm *ga, double rent, int a) {
  rb_flat_case f = ga->flat;
  f.rent = rent;
  return rb_gap(&m->sc->rules, &ga->terms, &f, &ga->inc[a]);
}

static void test_model__discrete_rehousing_renormalised(void **state) {
  (void)state;
  /* On a wage (employed) the cheaper rents qualify, the dearest does not;
   * on benefits (none) none qualifies: the smallest value. */
  const char *sets[] = {
      "groups.[0].flats.rent={ dist = \"discrete\"; values = [3000.0, "
      "5000.0, 9000.0, 4000.0]; weights = [1.0, 1.0, 5.0, 2.0]; }"};
  rb_scenario *sc = ut_load(SIMPLE, sets, 1);
  assert_non_null(sc);
  rb_model m;
  assert_int_equal(rb_model_alloc(&m, sc), RB_OK);
  double *v = calloc((size_t)sc->n_params, sizeof *v);
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  assert_int_equal(rb_model_compile(&m, v), RB_OK);
  const rb_garm *ga = &m.ga[RB_ARM_INTERVENTION];
  assert_true(gap_of(&m, ga, 5000.0, RB_A_EMPLOYED) <= 0.0);
  assert_true(gap_of(&m, ga, 9000.0, RB_A_EMPLOYED) > 0.0);
  /* Qualifying: 3000 (w 1), 5000 (w 1), 4000 (w 2): shares 1/4, 1/4, 1/2. */
  int n = 100000, c3 = 0, c4 = 0, c5 = 0;
  for (int k = 0; k < n; k++) {
    double u = (k + 0.5) / n;
    int idx;
    double r = rb_rent_draw_rehouse(ga, RB_A_EMPLOYED, u, &idx);
    assert_true(idx >= 0 && r == ga->rent_val[idx]);
    assert_true(r != 9000.0);
    c3 += r == 3000.0;
    c4 += r == 4000.0;
    c5 += r == 5000.0;
  }
  UT_NEAR((double)c3 / n, 0.25, 1e-4);
  UT_NEAR((double)c5 / n, 0.25, 1e-4);
  UT_NEAR((double)c4 / n, 0.50, 1e-4);
  /* On benefits not even 3000 qualifies: the smallest value. */
  assert_true(gap_of(&m, ga, 3000.0, RB_A_NONE) > 0.0);
  int idx;
  UT_NEAR(rb_rent_draw_rehouse(ga, RB_A_NONE, 0.7, &idx), 3000.0, 0.0);
  /* The whole distribution for offers: weights 1, 1, 5, 2 of 9. */
  int c9 = 0;
  for (int k = 0; k < n; k++) {
    c9 += rb_rent_draw(ga, (k + 0.5) / n, &idx) == 9000.0;
  }
  UT_NEAR((double)c9 / n, 5.0 / 9.0, 1e-4);
  free(v);
  rb_model_free(&m);
  rb_scenario_free(sc);
}

static void test_model__continuous_rehousing_truncated(void **state) {
  (void)state;
  /* Lognormal and uniform rents: a rehousing rent never has G > 0, and the
   * truncation point r* is where G crosses 0. */
  const char *dists[] = {
      "groups.[0].flats.rent={ dist = \"lognormal\"; median = 5000.0; "
      "sigma = 0.3; }",
      "groups.[0].flats.rent={ dist = \"uniform\"; low = 3000.0; "
      "high = 9000.0; }"};
  for (int d = 0; d < 2; d++) {
    rb_scenario *sc = ut_load(SIMPLE, &dists[d], 1);
    assert_non_null(sc);
    rb_model m;
    assert_int_equal(rb_model_alloc(&m, sc), RB_OK);
    double *v = calloc((size_t)sc->n_params, sizeof *v);
    for (int i = 0; i < sc->n_params; i++) {
      v[i] = sc->params[i].value;
    }
    assert_int_equal(rb_model_compile(&m, v), RB_OK);
    const rb_garm *ga = &m.ga[RB_ARM_INTERVENTION];
    double rs = ga->rstar[RB_A_EMPLOYED];
    assert_true(rs > 3000.0 && rs < 9000.0);
    assert_true(gap_of(&m, ga, rs, RB_A_EMPLOYED) <= 0.0);
    assert_true(gap_of(&m, ga, rs + 1.0, RB_A_EMPLOYED) > 0.0);
    double top = 0.0;
    for (int k = 0; k < 10000; k++) {
      int idx;
      double r =
          rb_rent_draw_rehouse(ga, RB_A_EMPLOYED, (k + 0.5) / 10000.0, &idx);
      assert_int_equal(idx, -1);
      assert_true(r <= rs * (1 + 1e-12));
      top = r > top ? r : top;
    }
    /* The draws reach up to r*. */
    assert_true(top > rs - 5.0);
    free(v);
    rb_model_free(&m);
    rb_scenario_free(sc);
  }
}

static void test_model__segments_follow_breaks(void **state) {
  (void)state;
  /* bench.cfg: breaks at 3 (shelter payer), 6 and 12 (relapse schedule),
   * 12 (support amount) and 24 (support payer): five segments. */
  rb_scenario *sc = ut_load(UT_BENCH, NULL, 0);
  assert_non_null(sc);
  rb_model m;
  assert_int_equal(rb_model_alloc(&m, sc), RB_OK);
  const rb_garm *ga = &m.ga[0];
  assert_int_equal(ga->M, 24);
  assert_int_equal(ga->nseg, 5);
  const int want[] = {0, 3, 6, 12, 24};
  for (int s = 0; s < 5; s++) {
    assert_int_equal(ga->seg_start[s], want[s]);
  }
  assert_int_equal(ga->seg_of[2], 0);
  assert_int_equal(ga->seg_of[3], 1);
  assert_int_equal(ga->seg_of[11], 2);
  assert_int_equal(ga->seg_of[12], 3);
  assert_int_equal(ga->seg_of[24], 4);
  rb_model_free(&m);
  rb_scenario_free(sc);
}

int main(void) {
  gsl_set_error_handler_off(); /* GSL errors are returned, never abort */
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_model__discrete_rehousing_renormalised),
      cmocka_unit_test(test_model__continuous_rehousing_truncated),
      cmocka_unit_test(test_model__segments_follow_breaks),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
