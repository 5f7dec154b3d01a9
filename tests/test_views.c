/* The views of a portfolio (issue 15, docs/portfolio.md): per kommune and
 * per target group, from the same replications as the whole cohort, so
 * that the parts add up to the whole; a one-kommune portfolio's kommune is
 * the whole cohort; a scenario without the keys has no views. */
#include "rentbridge/engine.h"
#include "rentbridge/scenario.h"
#include "util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define NETWORK "scenarios/network.cfg"
#define REPS 60

static void run_reps(rb_results *res, const rb_scenario *sc, int threads) {
  rb_run_opts o = {0};
  o.replications = REPS;
  o.threads = threads;
  assert_int_equal(rb_engine_run(res, sc, &o), RB_OK);
}

/* Relative agreement of a sum of parts with the whole: the parts are
 * added in another order than the whole, so they agree to rounding. */
static void near_rel(double parts, double whole) {
  UT_NEAR(parts, whole, 1e-9 * (1.0 + fabs(whole)));
}

/* Σ size × mean of every view equals the whole cohort's, for every
 * perspective, discounting, arm and saving, item and payer, and month. */
static void views_add_up(const rb_results *r, const rb_group_result *v,
                         int n) {
  int size = 0;
  for (int k = 0; k < n; k++) {
    size += v[k].size;
  }
  assert_int_equal(size, r->all.size);
  const double N = r->all.size;
  for (int d = 0; d < RB_DISC_COUNT; d++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      for (int a = 0; a < r->n_arms; a++) {
        double s = 0.0, sv = 0.0;
        for (int k = 0; k < n; k++) {
          s += v[k].size * v[k].persp[d][p].arm[a].mean;
          sv += v[k].size * v[k].persp[d][p].vs[a][RB_ARM_BASELINE].mean;
        }
        near_rel(s, N * r->all.persp[d][p].arm[a].mean);
        near_rel(sv, N * r->all.persp[d][p].vs[a][RB_ARM_BASELINE].mean);
        for (int t = 0; t < r->horizon; t++) {
          double m = 0.0;
          for (int k = 0; k < n; k++) {
            m += v[k].size * rb_res_month_cost(r, &v[k], d, a, p, t);
          }
          near_rel(m, N * rb_res_month_cost(r, &r->all, d, a, p, t));
        }
      }
    }
  }
  for (int a = 0; a < r->n_arms; a++) {
    for (int i = 0; i < r->n_items; i++) {
      for (int sl = 0; sl < RB_PAYER_SLOTS; sl++) {
        for (int d = 0; d < RB_DISC_COUNT; d++) {
          double s = 0.0;
          for (int k = 0; k < n; k++) {
            s += v[k].size * rb_res_item(r, &v[k], a, i, sl, d);
          }
          near_rel(s, N * rb_res_item(r, &r->all, a, i, sl, d));
        }
      }
    }
  }
}

static void test_views__add_up_to_the_total(void **state) {
  (void)state;
  rb_scenario *sc = ut_load(NETWORK, NULL, 0);
  assert_non_null(sc);
  assert_true(sc->views_given);
  assert_int_equal(sc->n_kommuner, 5);
  assert_int_equal(sc->n_targets, 5);
  assert_string_equal(sc->kommuner[3], "Roskilde");
  rb_results r;
  run_reps(&r, sc, 2);
  assert_int_equal(r.n_kommuner, 5);
  assert_int_equal(r.n_targets, 5);
  views_add_up(&r, r.kommuner, r.n_kommuner);
  views_add_up(&r, r.targets, r.n_targets);
  /* A view is its groups': Roskilde's four groups, 92 citizens. */
  assert_string_equal(r.kommuner[3].name, "Roskilde");
  int roskilde = 0;
  for (int g = 0; g < sc->n_groups; g++) {
    roskilde += sc->groups[g].kommune == 3 ? sc->groups[g].size : 0;
  }
  assert_int_equal(r.kommuner[3].size, roskilde);
  /* The parts differ: the kommuner do not all save the same. */
  assert_true(r.kommuner[0].persp[RB_DISC][RB_P_KOMMUNE].saving.mean !=
              r.kommuner[2].persp[RB_DISC][RB_P_KOMMUNE].saving.mean);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* Every number of @p a equals @p b's exactly. */
static void same_result(const rb_results *r, const rb_group_result *a,
                        const rb_group_result *b) {
  assert_int_equal(a->size, b->size);
  assert_memory_equal(a->persp, b->persp, sizeof a->persp);
  assert_memory_equal(a->outcomes, b->outcomes, sizeof a->outcomes);
  assert_memory_equal(a->occupancy, b->occupancy, sizeof a->occupancy);
  assert_memory_equal(a->items, b->items,
                      rb_items_index(r->n_items, r->n_arms, 0, 0, 0) *
                          sizeof *a->items);
  assert_memory_equal(a->month_cost, b->month_cost,
                      rb_month_cost_index(r->horizon, r->n_arms,
                                          RB_DISC_COUNT, 0, 0, 0) *
                          sizeof *a->month_cost);
  assert_memory_equal(a->cum_saving, b->cum_saving,
                      rb_cum_saving_index(r->horizon, RB_DISC_COUNT, 0, 0) *
                          sizeof *a->cum_saving);
}

static void test_views__one_kommune_is_the_total(void **state) {
  (void)state;
  char sets[23][64];
  const char *p[23];
  for (int g = 0; g < 23; g++) {
    snprintf(sets[g], sizeof sets[g], "groups.[%d].kommune=Roskilde", g);
    p[g] = sets[g];
  }
  rb_scenario *sc = ut_load(NETWORK, p, 23);
  assert_non_null(sc);
  assert_int_equal(sc->n_groups, 23);
  assert_int_equal(sc->n_kommuner, 1);
  rb_results r;
  run_reps(&r, sc, 1);
  assert_int_equal(r.n_kommuner, 1);
  same_result(&r, &r.kommuner[0], &r.all);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_views__none_without_the_keys(void **state) {
  (void)state;
  rb_scenario *sc = ut_load("scenarios/example.cfg", NULL, 0);
  assert_non_null(sc);
  assert_false(sc->views_given);
  /* The defaults: the scenario's municipality, the citizen group. */
  assert_int_equal(sc->n_kommuner, 1);
  assert_string_equal(sc->kommuner[sc->groups[0].kommune], "Aarhus");
  assert_string_equal(sc->targets[sc->groups[0].target], "Borgergruppe 1");
  rb_results r;
  run_reps(&r, sc, 1);
  assert_int_equal(r.n_kommuner, 0);
  assert_null(r.kommuner);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_views__empty_name_refused(void **state) {
  (void)state;
  char cmd[512];
  snprintf(cmd, sizeof cmd,
           "%s check scenarios/example.cfg --set 'groups.[0].target=\"\"' "
           "2>&1",
           ut_bin());
  int status = 0;
  char *out = ut_run_cmd(cmd, &status);
  assert_non_null(out);
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 3);
  assert_non_null(strstr(out, "groups.[0].target: must name"));
  free(out);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_views__add_up_to_the_total),
      cmocka_unit_test(test_views__one_kommune_is_the_total),
      cmocka_unit_test(test_views__none_without_the_keys),
      cmocka_unit_test(test_views__empty_name_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
