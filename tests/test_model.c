/* The compiled model's rent draws: the whole distribution for offers, and
 * the distribution truncated to rents with G ≤ 0 for a rehousing at the
 * subsidy's end (model.md, step 3). */
#include <jansson.h>
#include <limits.h>
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
#include "util.h"

#include "rentbridge/subsidy_view.h"

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

/* The model compiled with the plain values (v must be freed). */
static void compile_plain(rb_model *m, double **v, const rb_scenario *sc) {
  assert_int_equal(rb_model_alloc(m, sc), RB_OK);
  *v = calloc((size_t)sc->n_params, sizeof **v);
  assert_non_null(*v);
  for (int i = 0; i < sc->n_params; i++) {
    (*v)[i] = sc->params[i].value;
  }
  assert_int_equal(rb_model_compile(m, *v), RB_OK);
}

/* rb_model_groups_same (the tornado's shared runs): two models of the same
 * values are the same in every group; a value of one group's flats differs
 * in that group only; the discount rate in every group; the groups of a
 * scenario with a pool of flats are never the same. */
static void test_model__groups_same(void **state) {
  (void)state;
  rb_scenario *sc = ut_load("scenarios/network.cfg", NULL, 0);
  assert_non_null(sc);
  rb_model a, b;
  double *va, *vb;
  compile_plain(&a, &va, sc);
  compile_plain(&b, &vb, sc);
  const int G = sc->n_groups;
  bool *same = calloc((size_t)G, sizeof *same);
  assert_non_null(same);
  assert_true(rb_model_groups_same(same, &a, &b));
  for (int gi = 0; gi < G; gi++) {
    assert_true(same[gi]);
  }
  const int offers = ut_param_index(sc, "groups.[3].flats.offers_per_month");
  vb[offers] *= 1.5;
  assert_int_equal(rb_model_compile(&b, vb), RB_OK);
  assert_true(rb_model_groups_same(same, &a, &b));
  for (int gi = 0; gi < G; gi++) {
    assert_int_equal(same[gi], gi != 3);
  }
  vb[offers] = va[offers];
  const int cost = ut_param_index(sc, "costs.[3].per_day");
  vb[cost] *= 1.5;
  assert_int_equal(rb_model_compile(&b, vb), RB_OK);
  assert_true(rb_model_groups_same(same, &a, &b));
  int differ = 0;
  for (int gi = 0; gi < G; gi++) {
    differ += !same[gi];
  }
  assert_true(differ > 0);
  vb[cost] = va[cost];
  const int rate = ut_param_index(sc, "scenario.discount_rate");
  vb[rate] += 0.01;
  assert_int_equal(rb_model_compile(&b, vb), RB_OK);
  assert_false(rb_model_groups_same(same, &a, &b));
  for (int gi = 0; gi < G; gi++) {
    assert_false(same[gi]);
  }
  vb[rate] = va[rate];
  assert_int_equal(rb_model_compile(&b, vb), RB_OK);
  assert_true(rb_model_groups_same(same, &a, &b));
  free(same);
  rb_model_free(&a);
  rb_model_free(&b);
  free(va);
  free(vb);
  rb_scenario_free(sc);
  /* Pools: the groups that take its flats depend on each other. */
  sc = ut_load("scenarios/koebenhavn/homeless-pool.cfg", NULL, 0);
  assert_non_null(sc);
  compile_plain(&a, &va, sc);
  compile_plain(&b, &vb, sc);
  bool one[64];
  assert_true(sc->n_groups <= 64);
  assert_false(rb_model_groups_same(one, &a, &b));
  assert_false(one[0]);
  rb_model_free(&a);
  rb_model_free(&b);
  free(va);
  free(vb);
  rb_scenario_free(sc);
}

/* The view of group @p group (NULL: the first), which must succeed. */
static void view_of(rb_subsidy_view *view, const rb_scenario *sc,
                    const char *group) {
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_subsidy_view_init(view, sc, group, &d), RB_OK);
  assert_int_equal(d.n, 0);
  rb_diag_free(&d);
}

static void same_terms(const rb_scheme_terms *x, const rb_scheme_terms *y) {
  assert_dbl(x->cap, y->cap);
  assert_int_equal(x->own_method, y->own_method);
  assert_dbl(x->own_param, y->own_param);
  assert_dbl(x->kommuneskat, y->kommuneskat);
  assert_int_equal(x->require_realistic_takeover,
                   y->require_realistic_takeover);
}

static void same_flat(const rb_flat_case *x, const rb_flat_case *y) {
  assert_int_equal(x->adults, y->adults);
  assert_int_equal(x->children, y->children);
  assert_dbl(x->utilities, y->utilities);
  assert_dbl(x->area_m2, y->area_m2);
  assert_int_equal(x->heating_included, y->heating_included);
}

static void same_income(const rb_income_case *x, const rb_income_case *y) {
  assert_dbl(x->gross, y->gross);
  assert_int_equal(x->kind, y->kind);
}

/* The subsidy view of every group of the network portfolio (each with its
 * own kommuneskat and policy) has the compiled model's terms, flat and
 * incomes, and at every rent it tabulates and every activity its gap,
 * future gap and offers are those of the model's tables (rent_tab and
 * rent_fgap for a discrete rent), exactly. */
static void test_model__subsidy_view_equals_model(void **state) {
  (void)state;
  rb_scenario *sc = ut_load("scenarios/network.cfg", NULL, 0);
  assert_non_null(sc);
  rb_model m;
  double *v;
  compile_plain(&m, &v, sc);
  int cases = 0;
  for (int gi = 0; gi < sc->n_groups; gi++) {
    const rb_garm *ga = &m.ga[rb_model_garm_index(&m, gi, RB_ARM_INTERVENTION)];
    rb_subsidy_view view;
    view_of(&view, sc, sc->groups[gi].name);
    assert_ptr_equal(view.group, &sc->groups[gi]);
    same_terms(&view.terms, &ga->terms);
    same_flat(&view.flat, &ga->flat);
    rb_subsidy_table t;
    assert_int_equal(rb_subsidy_view_table(&t, &view), RB_OK);
    assert_int_equal(t.discrete, ga->rent_dist == RB_RENT_DISCRETE);
    for (int a = 0; a < RB_A_COUNT; a++) {
      for (int i = 0; i < t.n; i++) {
        rb_subsidy_case k;
        rb_subsidy_view_case(&k, &view, (rb_activity)a, t.rent[i]);
        same_income(&k.income, &ga->inc[a]);
        same_income(&k.future_income, &ga->inc[RB_A_COUNT]);
        double gap = gap_of(&m, ga, t.rent[i], a);
        double fgap = gap_of(&m, ga, t.rent[i], RB_A_COUNT);
        if (t.discrete) {
          assert_dbl(ga->rent_val[i], t.rent[i]);
          gap = ga->rent_tab[((size_t)i * RB_A_COUNT + (size_t)a) * RB_RT_N +
                             RB_RT_GAP];
          fgap = ga->rent_fgap[i];
        }
        assert_dbl(k.now.gap, gap);
        assert_dbl(k.now.future_gap, fgap);
        for (int arm = 0; arm < 2; arm++) {
          assert_int_equal(k.offer[arm],
                           rb_offer_from_gaps(gap, fgap, &ga->terms,
                                              arm == RB_ARM_INTERVENTION));
        }
        cases++;
      }
    }
    rb_subsidy_table_free(&t);
  }
  assert_true(cases >= 3 * 5 * sc->n_groups);
  free(v);
  rb_model_free(&m);
  rb_scenario_free(sc);
}

/* The view's problems: an unknown group is a usage error, named. */
static void test_model__subsidy_view_unknown_group(void **state) {
  (void)state;
  rb_scenario *sc = ut_load(SIMPLE, NULL, 0);
  assert_non_null(sc);
  rb_subsidy_view view;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_subsidy_view_init(&view, sc, "nobody", &d), RB_EUSAGE);
  assert_int_equal(d.n, 1);
  assert_non_null(strstr(d.msgs[0], "no group 'nobody'"));
  rb_diag_free(&d);
  view_of(&view, sc, NULL);
  assert_ptr_equal(view.group, &sc->groups[0]);
  rb_scenario_free(sc);
}

/* The JSON: one object per activity at a rent, with the names of files
 * (activity, income kind, offers); the table's objects add the weight or
 * quantile and the pool shares, which lie in [0, 1] and are no smaller
 * with the subsidy than without it. */
static void test_model__subsidy_view_json(void **state) {
  (void)state;
  rb_scenario *sc = ut_load(SIMPLE, NULL, 0);
  assert_non_null(sc);
  rb_subsidy_view view;
  view_of(&view, sc, NULL);
  char *text = NULL;
  assert_int_equal(rb_subsidy_view_cases_json(&text, &view, 4000.0,
                                              RB_SUBSIDY_ALL_ACTIVITIES),
                   RB_OK);
  json_error_t err;
  json_t *j = json_loads(text, 0, &err);
  free(text);
  assert_non_null(j);
  assert_int_equal(json_array_size(j), RB_A_COUNT);
  for (int a = 0; a < RB_A_COUNT; a++) {
    const json_t *o = json_array_get(j, (size_t)a);
    rb_subsidy_case k;
    rb_subsidy_view_case(&k, &view, (rb_activity)a, 4000.0);
    assert_string_equal(json_string_value(json_object_get(o, "activity")),
                        rb_activity_names[a]);
    assert_string_equal(json_string_value(json_object_get(o, "income_kind")),
                        rb_income_kind_names[k.income.kind]);
    assert_string_equal(
        json_string_value(json_object_get(o, "offer_intervention")),
        rb_offer_names[k.offer[RB_ARM_INTERVENTION]]);
    UT_NEAR(json_real_value(json_object_get(o, "gap")), k.now.gap, 1e-6);
  }
  json_decref(j);
  rb_subsidy_table t;
  assert_int_equal(rb_subsidy_view_table(&t, &view), RB_OK);
  assert_int_equal(rb_subsidy_view_table_json(&text, &view, &t, RB_A_EMPLOYED),
                   RB_OK);
  j = json_loads(text, 0, &err);
  free(text);
  assert_non_null(j);
  assert_int_equal(json_array_size(j), (size_t)t.n);
  const json_t *o = json_array_get(j, 0);
  const double with = t.pool_share[RB_A_EMPLOYED][RB_ARM_INTERVENTION];
  const double without = t.pool_share[RB_A_EMPLOYED][RB_ARM_BASELINE];
  assert_true(0.0 <= without && without <= with && with <= 1.0);
  UT_NEAR(json_real_value(json_object_get(o, "pool_share_intervention")), with,
          1e-12);
  assert_non_null(json_object_get(o, t.discrete ? "weight" : "quantile"));
  json_decref(j);
  rb_subsidy_table_free(&t);
  rb_scenario_free(sc);
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
  assert_int_equal(ga->seg_start[5], INT_MAX);
  assert_int_equal(rb_model_seg(ga, 0), 0);
  assert_int_equal(rb_model_seg(ga, 2), 0);
  assert_int_equal(rb_model_seg(ga, 3), 1);
  assert_int_equal(rb_model_seg(ga, 11), 2);
  assert_int_equal(rb_model_seg(ga, 12), 3);
  assert_int_equal(rb_model_seg(ga, 24), 4);
  assert_int_equal(rb_model_seg(ga, INT_MAX - 1), 4);
  rb_model_free(&m);
  rb_scenario_free(sc);
}

static void test_model__compile_refuses_infinite_amounts(void **state) {
  (void)state;
  /* Issue 20, item 9: 1e308 kr a day is infinite a month; the compiled
   * model says so (it returned RB_OK) and names the key. */
  rb_scenario *sc = ut_load(UT_BENCH, NULL, 0);
  assert_non_null(sc);
  double *v = calloc((size_t)sc->n_params, sizeof *v);
  assert_non_null(v);
  int day = -1;
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
    if (strcmp(sc->params[i].key, "costs.[0].per_day") == 0) {
      day = i;
    }
  }
  assert_true(day >= 0);
  rb_model m;
  assert_int_equal(rb_model_alloc(&m, sc), RB_OK);
  assert_int_equal(rb_model_compile(&m, v), RB_OK);
  v[day] = 1e308;
  assert_int_equal(rb_model_compile(&m, v), RB_EINVALID);
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_model_check(&m, &d), RB_EINVALID);
  assert_int_equal((int)d.n, 1);
  assert_non_null(strstr(d.msgs[0], "costs.[0].per_day"));
  assert_non_null(strstr(d.msgs[0], "1e+308"));
  rb_diag_free(&d);
  rb_model_free(&m);
  free(v);
  rb_scenario_free(sc);
}

static void test_model__tables_grow_with_breaks_not_their_size(void **state) {
  (void)state;
  /* Issue 20, item 6: a break at month 10^8 took a table of 10^8 entries;
   * the loader now stops breaks at RB_MAX_MONTHS (1,200), and the latest
   * break it lets through is one more segment, not a table of its size. */
  static const char *const late[] = {
      "groups.[0].transitions.housed_subsidised.placed.breaks.[1]=1200"};
  rb_scenario *a = ut_load(UT_BENCH, NULL, 0);
  rb_scenario *b = ut_load(UT_BENCH, late, 1);
  assert_non_null(a);
  assert_non_null(b);
  /* bench.cfg's month 12 stays a break of the support amount. */
  assert_int_equal(rb_model_nseg(b, 0), rb_model_nseg(a, 0) + 1);
  assert_true(rb_model_bytes(b) - rb_model_bytes(a) < 1e4);
  assert_true(rb_model_bytes(b) < 1e6);
  rb_model m;
  assert_int_equal(rb_model_alloc(&m, b), RB_OK);
  assert_int_equal(m.ga[0].M, RB_MAX_MONTHS);
  assert_int_equal(rb_model_seg(&m.ga[0], RB_MAX_MONTHS - 1), m.ga[0].nseg - 2);
  assert_int_equal(rb_model_seg(&m.ga[0], RB_MAX_MONTHS), m.ga[0].nseg - 1);
  rb_model_free(&m);
  rb_scenario_free(a);
  rb_scenario_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_model__discrete_rehousing_renormalised),
      cmocka_unit_test(test_model__continuous_rehousing_truncated),
      cmocka_unit_test(test_model__segments_follow_breaks),
      cmocka_unit_test(test_model__compile_refuses_infinite_amounts),
      cmocka_unit_test(test_model__tables_grow_with_breaks_not_their_size),
      cmocka_unit_test(test_model__subsidy_view_equals_model),
      cmocka_unit_test(test_model__subsidy_view_unknown_group),
      cmocka_unit_test(test_model__subsidy_view_json),
      cmocka_unit_test(test_model__groups_same),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
