/* Tests of the scenario loader (scenario-format.md). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "rentbridge/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Exact comparison of doubles, with both values in the failure message. */
#define assert_dbl(got, want) check_dbl((got), (want), #got, __FILE__, __LINE__)

static void check_dbl(double got, double want, const char *expr,
                      const char *file, int line) {
  if (!(got == want)) {
    fail_msg("%s:%d: %s is %.17g, expected %.17g", file, line, expr, got, want);
  }
}

/* Index of the parameter with key @p key, or -1. */
static int pidx(const rb_scenario *sc, const char *key) {
  for (int i = 0; i < sc->n_params; i++) {
    if (strcmp(sc->params[i].key, key) == 0) {
      return i;
    }
  }
  return -1;
}

/* Value of the parameter with key @p key (fails the test when absent). */
static double pval(const rb_scenario *sc, const char *key) {
  int i = pidx(sc, key);
  if (i < 0) {
    fail_msg("no parameter %s", key);
  }
  return sc->params[i].value;
}

static rb_scenario *load_ok(const char *path, const char *const *sets,
                            int n_sets) {
  rb_diag d;
  rb_diag_init(&d);
  rb_load_opts o = {sets, n_sets};
  rb_scenario *sc = NULL;
  rb_status st = rb_scenario_load(&sc, path, &o, &d);
  for (size_t i = 0; i < d.n; i++) {
    print_message("%s\n", d.msgs[i]);
  }
  assert_int_equal(st, RB_OK);
  assert_int_equal(d.n, 0);
  rb_diag_free(&d);
  assert_non_null(sc);
  return sc;
}

static void test_scenario__example_loads(void **state) {
  (void)state;
  rb_scenario *sc = load_ok("tests/data/ok/example.cfg", NULL, 0);
  assert_string_equal(sc->info.name, "example");
  assert_string_equal(sc->info.title, "Eksempel");
  assert_string_equal(sc->info.municipality, "Aarhus");
  assert_int_equal(sc->info.price_year, 2026);
  assert_int_equal(sc->info.start_year, 2027);
  assert_int_equal(sc->info.start_month, 1);
  assert_int_equal(sc->info.horizon_months, 120);
  assert_int_equal(sc->info.replications, 2000);
  assert_int_equal(sc->info.seed, 1);
  assert_int_equal(sc->info.mode, RB_MODE_STOCHASTIC);
  assert_int_equal(sc->info.language, RB_LANG_DA);
  assert_dbl(sc->params[sc->info.discount_rate].value, 0.035);
  assert_dbl(sc->params[sc->info.mcpf].value, 0.0);
  assert_false(sc->info.kommuneskat_given);
  assert_dbl(sc->params[sc->info.kommuneskat].value, 0.2505);
  assert_string_equal(sc->rules_path, "../rules-test.cfg");
  assert_string_equal(sc->rules_resolved, "tests/data/ok/../rules-test.cfg");
  assert_string_equal(sc->rules.name, "dk-2026-test");
  assert_dbl(sc->rules.bs_payer[RB_PAYER_KOMMUNE], 0.25);
  assert_dbl(sc->rules.besk_max, 63300.0);
  assert_int_equal(sc->rules.bs_max_raise_min_children, 4);

  /* subsidy */
  assert_dbl(sc->params[sc->subsidy.cap].value, 2000.0);
  assert_int_equal(sc->subsidy.period_months, 24);
  assert_int_equal(sc->subsidy.extension_months, 6);
  assert_int_equal(sc->subsidy.max_extensions, 2);
  assert_int_equal(sc->subsidy.recompute, RB_RECOMPUTE_MONTHLY);
  assert_int_equal(sc->subsidy.own_method, RB_OWN_INCOME_SHARE);
  assert_dbl(sc->params[sc->subsidy.own_param].value, 0.30);
  assert_true(sc->subsidy.require_realistic_takeover);
  assert_dbl(sc->params[sc->subsidy.p_rehoused_at_end].value, 0.5);
  assert_dbl(sc->params[sc->subsidy.relocation_cost].value, 15000.0);

  /* incomes */
  assert_int_equal(sc->n_incomes, 3);
  assert_string_equal(sc->incomes[0].name, "kontanthjaelp");
  assert_int_equal(sc->incomes[0].kind, RB_INCOME_BENEFIT);
  assert_dbl(sc->params[sc->incomes[0].gross].value, 13800.0);
  assert_int_equal(sc->incomes[0].payer.n, 1);
  assert_dbl(sc->incomes[0].payer.shares[0][RB_PAYER_KOMMUNE], 0.8);
  assert_dbl(sc->incomes[0].payer.shares[0][RB_PAYER_STAT], 0.2);
  assert_int_equal(sc->incomes[0].production_factor, -1);
  assert_int_equal(sc->incomes[1].kind, RB_INCOME_SU);
  assert_int_equal(sc->incomes[2].kind, RB_INCOME_WAGE);
  assert_int_equal(sc->incomes[2].payer.n, 0);
  assert_dbl(sc->params[sc->incomes[2].production_factor].value, 1.0);

  /* costs */
  assert_int_equal(sc->n_costs, 4);
  const rb_cost *c0 = &sc->costs[0];
  assert_string_equal(c0->name, "shelter");
  assert_true(c0->per_day);
  assert_int_equal(c0->amount.n, 1);
  const rb_param *p = &sc->params[c0->amount.values[0]];
  assert_string_equal(p->key, "costs.[0].per_day");
  assert_dbl(p->value, 1500.0);
  assert_dbl(p->low, 1100.0);
  assert_dbl(p->high, 2000.0);
  assert_true(p->has_range);
  assert_true(p->uncertain);
  assert_int_equal(p->dist, RB_DIST_PERT);
  assert_string_equal(p->source, "SBST, about 550,000 kr a year");
  assert_int_equal(p->line, 15);
  assert_int_equal(c0->housing, 1u << RB_H_PLACED);
  assert_true(c0->has_housing);
  assert_int_equal(c0->activity, (1u << RB_A_COUNT) - 1);
  assert_int_equal(c0->arms, 3);
  assert_int_equal(c0->payer.n, 2);
  assert_true(c0->payer.is_schedule);
  assert_int_equal(c0->payer.breaks[0], 3);
  assert_dbl(c0->payer.shares[1][RB_PAYER_KOMMUNE], 1.0);
  const rb_cost *c2 = &sc->costs[2];
  assert_int_equal(c2->amount.n, 2);
  assert_int_equal(c2->amount.breaks[0], 12);
  assert_dbl(pval(sc, "costs.[2].per_month.values.[1]"), 3900.0);
  assert_dbl(sc->params[c2->amount.values[0]].value, 5850.0);
  assert_int_equal(c2->housing,
                   (1u << RB_H_SUBSIDISED) | (1u << RB_H_ORDINARY));
  const rb_cost *c3 = &sc->costs[3];
  assert_true(c3->one_off);
  assert_int_equal(c3->on, RB_EV_MOVE_OUT);
  assert_dbl(sc->params[c3->amount.values[0]].value, 6000.0);

  /* groups */
  assert_int_equal(sc->n_groups, 1);
  const rb_group *g = &sc->groups[0];
  assert_string_equal(g->name, "homeless_ready");
  assert_int_equal(g->citizen_group, 1);
  assert_int_equal(g->size, 40);
  assert_int_equal(g->entry_months, 1);
  assert_int_equal(g->adults, 1);
  assert_int_equal(g->children, 0);
  assert_int_equal(g->income[RB_A_NONE], 0);
  assert_int_equal(g->income[RB_A_EDUCATION], 1);
  assert_int_equal(g->income[RB_A_EMPLOYED], 2);
  assert_int_equal(g->income[RB_A_COUNT], 2);
  assert_false(g->has_baseline);
  const rb_arm_spec *a = &g->arm[RB_ARM_INTERVENTION];
  assert_int_equal(a->initial.housing, RB_H_PLACED);
  assert_int_equal(a->initial.months_in_state, 6);
  assert_dbl(a->initial.activity[RB_A_NONE], 0.9);
  assert_dbl(sc->params[a->flats.offers_per_month].value, 0.3);
  assert_true(sc->params[a->flats.offers_per_month].probability);
  assert_int_equal(a->flats.rent.dist, RB_RENT_DISCRETE);
  assert_int_equal(a->flats.rent.n, 4);
  assert_dbl(sc->params[a->flats.rent.values[3]].value, 5400.0);
  assert_dbl(a->flats.rent.weights[1], 2.0);
  assert_dbl(sc->params[a->flats.utilities].value, 600.0);
  assert_dbl(sc->params[a->flats.area_m2].value, 45.0);
  assert_false(a->flats.heating_included);
  const rb_sched *s = &a->transitions.out[RB_H_SUBSIDISED][RB_T_PLACED];
  assert_int_equal(s->n, 3);
  assert_int_equal(s->breaks[0], 6);
  assert_int_equal(s->breaks[1], 12);
  assert_int_equal(s->scale, -1);
  assert_dbl(sc->params[s->values[1]].value, 0.012);
  assert_int_equal(a->transitions.out[RB_H_PLACED][RB_T_PLACED].n, 0);
  assert_dbl(
      sc->params[a->transitions.out[RB_H_PLACED][RB_T_HOMELESS].values[0]]
          .value,
      0.01);
  assert_dbl(sc->params[a->transitions.activity[1][4]].value, 0.060);
  assert_dbl(sc->params[a->transitions.activity[0][0]].value, 0.010);
  /* Without a baseline block both arms share every parameter. */
  const rb_arm_spec *b = &g->arm[RB_ARM_BASELINE];
  assert_int_equal(b->flats.offers_per_month, a->flats.offers_per_month);
  assert_int_equal(b->transitions.out[RB_H_SUBSIDISED][RB_T_PLACED].values[2],
                   s->values[2]);
  assert_ptr_not_equal(b->transitions.out[RB_H_SUBSIDISED][RB_T_PLACED].values,
                       s->values);

  /* The canonical order: scenario, subsidy, incomes, costs, groups. */
  assert_string_equal(sc->params[0].key, "scenario.discount_rate");
  assert_string_equal(sc->params[1].key, "scenario.mcpf");
  assert_string_equal(sc->params[2].key, "scenario.kommuneskat");
  assert_string_equal(sc->params[3].key, "subsidy.cap");
  assert_string_equal(sc->params[4].key, "subsidy.own_payment.share");
  assert_string_equal(sc->params[5].key, "subsidy.p_rehoused_at_end");
  assert_string_equal(sc->params[6].key, "subsidy.relocation_cost");
  assert_string_equal(sc->params[7].key, "incomes.kontanthjaelp.gross");
  assert_string_equal(sc->params[sc->n_params - 1].key,
                      "groups.[0].transitions.activity.not_housed."
                      "employed_to_none");
  rb_scenario_free(sc);
}

static void test_scenario__bench_baseline_shares_params(void **state) {
  (void)state;
  rb_scenario *sc = load_ok("tests/data/ok/bench.cfg", NULL, 0);
  assert_int_equal(sc->n_groups, 2);
  assert_int_equal(sc->info.seed, 20261124);
  const rb_group *g = &sc->groups[1];
  assert_true(g->has_baseline);
  assert_int_equal(g->entry_months, 12);
  const rb_arm_spec *a = &g->arm[RB_ARM_INTERVENTION];
  const rb_arm_spec *b = &g->arm[RB_ARM_BASELINE];
  assert_dbl(sc->params[a->flats.offers_per_month].value, 0.4);
  assert_dbl(sc->params[b->flats.offers_per_month].value, 0.3);
  assert_string_equal(sc->params[b->flats.offers_per_month].key,
                      "groups.[1].baseline.flats.offers_per_month");
  assert_int_equal(b->flats.utilities, a->flats.utilities);
  assert_int_equal(b->flats.rent.values[0], a->flats.rent.values[0]);
  assert_int_equal(b->transitions.activity[0][3],
                   a->transitions.activity[0][3]);
  /* The override's parameter comes last, after the group's own. */
  assert_int_equal(b->flats.offers_per_month, sc->n_params - 1);
  rb_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_scenario__example_loads),
      cmocka_unit_test(test_scenario__bench_baseline_shares_params),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
