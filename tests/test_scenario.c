/* Tests of the scenario loader (scenario-format.md). */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util.h"

#include <dirent.h>

#include "rentbridge/decision.h"
#include "rentbridge/scenario.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

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
  rb_load_opts o = {sets, n_sets, NULL};
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

/* ------------------------------------------------------------------ */
/* Scenarios from text                                                */
/* ------------------------------------------------------------------ */

static char tmpdir[64];
static char tmpfile_path[128];
static char rules_abs[4096];

/* tests/data/ok/mini.cfg with the rules named by absolute path. */
static char *mini(void) {
  char *t = ut_read_text("tests/data/ok/mini.cfg");
  char line[4200];
  snprintf(line, sizeof line, "rules = \"%s\";", rules_abs);
  char *u = ut_subst(t, "rules = \"../rules-test.cfg\";", line);
  free(t);
  return u;
}

/* Every problem, one per line, the temporary file's path replaced by F. */
static char *joined(const rb_diag *d) {
  size_t cap = 1;
  for (size_t i = 0; i < d->n; i++) {
    cap += strlen(d->msgs[i]) + 1;
  }
  char *out = calloc(cap, 1);
  assert_non_null(out);
  size_t lp = strlen(tmpfile_path);
  for (size_t i = 0; i < d->n; i++) {
    const char *m = d->msgs[i];
    while (*m != '\0') {
      if (strncmp(m, tmpfile_path, lp) == 0) {
        strcat(out, "F");
        m += lp;
      } else {
        strncat(out, m, 1);
        m++;
      }
    }
    if (i + 1 < d->n) {
      strcat(out, "\n");
    }
  }
  return out;
}

static rb_status load_text(rb_scenario **out, rb_diag *d, const char *text,
                           const char *const *sets, int n_sets) {
  ut_put_file(tmpfile_path, text, false);
  rb_load_opts o = {sets, n_sets, NULL};
  return rb_scenario_load(out, tmpfile_path, &o, d);
}

/* Loads @p text and checks the exact problems (or success when NULL). */
static void expect_text(const char *text, const char *const *sets, int n_sets,
                        const char *expected) {
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  rb_status st = load_text(&sc, &d, text, sets, n_sets);
  char *got = joined(&d);
  if (expected == NULL) {
    if (st != RB_OK) {
      fail_msg("expected success, got:\n%s", got);
    }
    assert_non_null(sc);
  } else {
    if (strcmp(got, expected) != 0) {
      fail_msg("problems differ.\nexpected:\n%s\ngot:\n%s", expected, got);
    }
    assert_int_equal(st, RB_EINVALID);
    assert_null(sc);
  }
  free(got);
  rb_scenario_free(sc);
  rb_diag_free(&d);
}

/* One validation case: mini.cfg with one replacement. */
typedef struct vcase {
  const char *name;
  const char *old, *repl;
  const char *expected; /* NULL: must load */
} vcase;

static void run_vcase(void **state) {
  const vcase *vc = *state;
  char *base = mini();
  char *text = ut_subst(base, vc->old, vc->repl);
  expect_text(text, NULL, 0, vc->expected);
  free(text);
  free(base);
}

#define HS "        homeless = 0.006;\n"

static const vcase VCASES[] = {
    /* Arms and schemes (issue 11). */
    {"arms_reference_first", "format = 1;",
     "format = 1;\narms = ( { name = \"experiment\"; reference = true; }, { "
     "name = \"none\"; } );",
     "F:3: arms.[0].reference: the reference cannot be the first arm, the "
     "one the headline compares with it (got true)"},
    {"arms_unknown_scheme", "format = 1;",
     "format = 1;\narms = ( { name = \"experiment\"; }, { name = \"udsl\"; } "
     ");",
     "F:3: arms.[1].name: names no scheme (the scenario's `schemes`, e.g. "
     "the presets of common/schemes.cfg, `experiment` or `none`) (got "
     "\"udsl\")"},
    {"arms_one", "format = 1;", "format = 1;\narms = ( { name = \"none\"; } );",
     "F:3: arms: needs 2 to 8 arms (got 1)"},
    {"arms_twice", "format = 1;",
     "format = 1;\narms = ( { name = \"none\"; }, { name = \"none\"; } );",
     "F:3: arms.[1].name: already used by arms.[0] (got \"none\")"},
    {"schemes_to_boform_needs_payment", "format = 1;",
     "format = 1;\nschemes = ( { name = \"u\"; subsidy = \"to_boform\"; "
     "period_months = 60; } );",
     "F:3: schemes.[0].boform_payment: required key missing"},
    {"schemes_groups_range", "format = 1;",
     "format = 1;\nschemes = ( { name = \"s\"; subsidy = \"none\"; "
     "citizen_groups = [4]; } );",
     "F:3: schemes.[0].citizen_groups: must be between 1 and 3 (got 4)"},
    {"arms_given_load", "format = 1;",
     "format = 1;\narms = ( { name = \"experiment\"; }, { name = \"none\"; "
     "groups = [\"g1\"]; } );",
     NULL},
    /* Unknown keys at every level. */
    {"unknown_key_top", "format = 1;", "format = 1;\ncolour = 1;",
     "F:3: colour: unknown key"},
    {"unknown_key_scenario", "  seed = 7;", "  seed = 7;\n  sed = 8;",
     "F:12: scenario.sed: unknown key"},
    {"unknown_key_group", "    size = 40;", "    size = 40;\n    colour = 1;",
     "F:50: groups.[0].colour: unknown key"},
    {"unknown_key_uncertain", "cap = 2000.0;",
     "cap = { value = 2000.0; lo = 1.0; };",
     "F:15: subsidy.cap.lo: unknown key"},
    {"unknown_key_state", "        dead = 0.002;",
     "        dead = 0.002;\n        deaad = 0.1;",
     "F:69: groups.[0].transitions.placed.deaad: unknown key (a state lists "
     "dead, exited, homeless, placed)"},
    {"unknown_key_rates", "          employed_to_none = 0.03;",
     "          employed_to_none = 0.03;\n          employed_to_educ = 0.1;",
     "F:87: groups.[0].transitions.activity.housed.employed_to_educ: unknown "
     "key"},
    {"unknown_key_payer", "payer = { kommune = 0.5; stat = 0.5; };",
     "payer = { kommune = 0.5; stat = 0.5; state = 0.0; };",
     "F:33: costs.[0].payer.state: unknown key"},
    {"unknown_key_rent", "weights = [1.0, 2.0]; };",
     "weights = [1.0, 2.0]; mean = 3.0; };",
     "F:62: groups.[0].flats.rent.mean: unknown key"},
    /* Required keys, formats and types. */
    {"format_missing", "format = 1;\n", "",
     "F:1: format: required key missing"},
    {"format_wrong", "format = 1;", "format = 2;",
     "F:2: format: must be 1 (got 2)"},
    {"required_missing", "  title = \"Mini\";\n", "",
     "F:3: scenario.title: required key missing"},
    {"required_group_missing",
     "    household = { adults = 1; children = 0; };\n", "",
     "F:45: groups.[0].household: required key missing"},
    {"integer_expected", "size = 40;", "size = 40.0;",
     "F:49: groups.[0].size: expected an integer (got 40.0)"},
    {"number_expected", "cap = 2000.0;", "cap = \"2000\";",
     "F:15: subsidy.cap: expected a number (got \"2000\")"},
    {"integer_is_a_number", "cap = 2000.0;", "cap = 2000;", NULL},
    {"integer_array_is_numbers", "values = [3200.0, 3900.0]",
     "values = [3200, 3900]", NULL},
    {"string_expected", "title = \"Mini\";", "title = 5;",
     "F:5: scenario.title: expected a string (got 5)"},
    {"bool_expected", "  period_months = 24;",
     "  period_months = 24;\n  require_realistic_takeover = 1;",
     "F:17: subsidy.require_realistic_takeover: expected true or false (got "
     "1)"},
    {"group_expected", "    household = { adults = 1; children = 0; };",
     "    household = 1;",
     "F:50: groups.[0].household: expected a group { ... } (got 1)"},
    {"list_expected", "costs = (", "costs = 1;\ncostsx = (",
     "F:27: costsx: unknown key\n"
     "F:26: costs: expected a list of groups ( {...}, ... ) (got 1)"},
    {"not_finite", "cap = 2000.0;", "cap = 1e400;",
     "F:15: subsidy.cap: not a finite number (got inf)"},
    {"not_finite_in_uncertain", "cap = 2000.0;",
     "cap = { value = 2000.0; low = -1e400; high = 3000.0; };",
     "F:15: subsidy.cap.low: not a finite number (got -inf)"},
    {"word_expected", "  seed = 7;", "  seed = 7;\n  mode = \"fast\";",
     "F:12: scenario.mode: expected one of stochastic, psa (got \"fast\")"},
    /* Ranges. */
    {"horizon_low", "horizon_months = 60;", "horizon_months = 0;",
     "F:9: scenario.horizon_months: must be between 1 and 600 (got 0)"},
    {"horizon_high", "horizon_months = 60;", "horizon_months = 601;",
     "F:9: scenario.horizon_months: must be between 1 and 600 (got 601)"},
    {"replications_high", "replications = 100;", "replications = 1000001;",
     "F:10: scenario.replications: must be between 1 and 1000000 (got "
     "1000001)"},
    {"replications_max_ok", "replications = 100;", "replications = 1000000;",
     NULL},
    {"seed_negative", "seed = 7;", "seed = -1;",
     "F:11: scenario.seed: must be >= 0 (got -1)"},
    {"seed_L_suffix", "seed = 7;", "seed = 9223372036854775807L;", NULL},
    /* Integers read as written, not as libconfig 1.5 wraps them. */
    {"seed_without_L_as_written", "seed = 7;", "seed = 3000000000;", NULL},
    {"seed_beyond_64_bits", "seed = 7;", "seed = 9223372036854775808;",
     "F:11: scenario.seed: must be between 0 and 9223372036854775807 (got "
     "9223372036854775808)"},
    {"seed_beyond_64_bits_L", "seed = 7;", "seed = 99999999999999999999L;",
     "F:11: scenario.seed: must be between 0 and 9223372036854775807 (got "
     "99999999999999999999L)"},
    {"size_wraps_to_10", "size = 40;", "size = 4294967306;",
     "F:49: groups.[0].size: must be between 1 and 100000 (got 4294967306)"},
    {"size_hex_wraps", "size = 40;", "size = 0x100000028;",
     "F:49: groups.[0].size: must be between 1 and 100000 (got 4294967336)"},
    {"horizon_wraps_to_1", "horizon_months = 60;",
     "horizon_months = 4294967297;",
     "F:9: scenario.horizon_months: must be between 1 and 600 (got "
     "4294967297)"},
    {"break_wraps", "breaks = [6, 12];", "breaks = [6, 4294967308];",
     "F:71: groups.[0].transitions.housed_subsidised.placed.breaks.[1]: a "
     "break must be at most 1200 months, 100 years (got 4294967308)"},
    {"integer_beyond_64_bits_as_number", "cap = 2000.0;",
     "cap = 99999999999999999999;",
     "F:15: subsidy.cap: must be at most 1e+12, beyond any real amount or "
     "quantity (got 99999999999999999999)"},
    {"price_year", "price_year = 2026;", "price_year = 26;",
     "F:7: scenario.price_year: must be between 1900 and 2200 (got 26)"},
    {"start_month", "start = \"2027-01\";", "start = \"2027-13\";",
     "F:8: scenario.start: expected a month \"YYYY-MM\" between 1900-01 and "
     "2200-12 (got \"2027-13\")"},
    {"start_form", "start = \"2027-01\";", "start = \"2027-1\";",
     "F:8: scenario.start: expected a month \"YYYY-MM\" between 1900-01 and "
     "2200-12 (got \"2027-1\")"},
    {"discount_rate", "  seed = 7;", "  seed = 7;\n  discount_rate = 1.5;",
     "F:12: scenario.discount_rate: must be in [0, 1] (got 1.5)"},
    {"kommuneskat", "  seed = 7;", "  seed = 7;\n  kommuneskat = -0.1;",
     "F:12: scenario.kommuneskat: must be in [0, 1] (got -0.1)"},
    {"mcpf", "  seed = 7;", "  seed = 7;\n  mcpf = -0.5;",
     "F:12: scenario.mcpf: must be >= 0 (got -0.5)"},
    {"cap_negative", "cap = 2000.0;", "cap = -1;",
     "F:15: subsidy.cap: must be >= 0 (got -1)"},
    {"period", "period_months = 24;", "period_months = 0;",
     "F:16: subsidy.period_months: must be between 1 and 1200 (got 0)"},
    {"extension", "  period_months = 24;",
     "  period_months = 24;\n  extension_months = 0;",
     "F:17: subsidy.extension_months: must be between 1 and 1200 (got 0)"},
    {"max_extensions", "  period_months = 24;",
     "  period_months = 24;\n  max_extensions = -1;",
     "F:17: subsidy.max_extensions: must be between 0 and 1200 (got -1)"},
    {"probability_range", "p_rehoused_at_end = 0.5;",
     "p_rehoused_at_end = 1.5;",
     "F:17: subsidy.p_rehoused_at_end: must be in [0, 1] (got 1.5)"},
    {"relocation_cost", "relocation_cost = 15000.0;", "relocation_cost = -1.0;",
     "F:18: subsidy.relocation_cost: must be >= 0 (got -1.0)"},
    {"search_without_p", "relocation_cost = 15000.0;",
     "relocation_cost = 15000.0; rehousing_search_months = 6;",
     "F:14: subsidy.p_rehoused_per_month: required key missing"},
    {"search_months_range", "relocation_cost = 15000.0;",
     "relocation_cost = 15000.0; rehousing_search_months = -1;",
     "F:18: subsidy.rehousing_search_months: must be between 0 and 1200 (got "
     "-1)"},
    {"su_share_range", "relocation_cost = 15000.0;",
     "relocation_cost = 15000.0; takeover_su_share = 1.5;",
     "F:18: subsidy.takeover_su_share: must be in [0, 1] (got 1.5)"},
    {"cost_amount_negative_ok", "per_day = 1500.0;", "per_day = -100.0;", NULL},
    {"size_low", "size = 40;", "size = 0;",
     "F:49: groups.[0].size: must be between 1 and 100000 (got 0)"},
    {"size_high", "size = 40;", "size = 100001;",
     "F:49: groups.[0].size: must be between 1 and 100000 (got 100001)"},
    {"entry_months_horizon", "size = 40;", "size = 40;\n    entry_months = 61;",
     "F:50: groups.[0].entry_months: must be between 1 and horizon_months "
     "(60) (got 61)"},
    {"entry_months_zero", "size = 40;", "size = 40;\n    entry_months = 0;",
     "F:50: groups.[0].entry_months: must be between 1 and horizon_months "
     "(60) (got 0)"},
    {"adults", "adults = 1;", "adults = 3;",
     "F:50: groups.[0].household.adults: must be between 1 and 2 (got 3)"},
    {"children", "children = 0;", "children = 11;",
     "F:50: groups.[0].household.children: must be between 0 and 10 (got "
     "11)"},
    {"citizen_group", "citizen_group = 1;", "citizen_group = 4;",
     "F:48: groups.[0].citizen_group: must be between 1 and 3 (got 4)"},
    {"months_in_state_negative", "months_in_state = 6;",
     "months_in_state = -1;",
     "F:53: groups.[0].initial.months_in_state: must be between 0 and 1200 "
     "(got -1)"},
    {"months_in_state_subsidised",
     "      housing = \"placed\";\n      months_in_state = 6;",
     "      housing = \"housed_subsidised\";\n      months_in_state = 24;",
     "F:53: groups.[0].initial.months_in_state: must be below "
     "subsidy.period_months (24) when starting in housed_subsidised (got 24)"},
    {"months_in_state_subsidised_ok",
     "      housing = \"placed\";\n      months_in_state = 6;",
     "      housing = \"housed_subsidised\";\n      months_in_state = 23;",
     NULL},
    {"initial_housing_exited", "housing = \"placed\";", "housing = \"exited\";",
     "F:52: groups.[0].initial.housing: expected one of placed, "
     "housed_subsidised, housed_ordinary, homeless (got \"exited\")"},
    {"utilities", "utilities = 600.0;", "utilities = -1.0;",
     "F:59: groups.[0].flats.utilities: must be >= 0 (got -1.0)"},
    {"area", "area_m2 = 45.0;", "area_m2 = 0;",
     "F:60: groups.[0].flats.area_m2: must be > 0 (got 0)"},
    {"offers_probability", "offers_per_month = 0.3;", "offers_per_month = 1.3;",
     "F:58: groups.[0].flats.offers_per_month: must be in [0, 1] (got 1.3)"},
    {"exit_own_home_share", "citizen_group = 1;",
     "citizen_group = 1; exit_own_home_share = 1.5;",
     "F:48: groups.[0].exit_own_home_share: must be in [0, 1] (got 1.5)"},
    {"heating_word", "heating = \"separate\";", "heating = \"district\";",
     "F:61: groups.[0].flats.heating: expected one of separate, included "
     "(got \"district\")"},
    /* Names. */
    {"scenario_name", "name = \"mini\";", "name = \"Mini!\";",
     "F:4: scenario.name: must be 1-64 characters of a-z, 0-9, _ and - (got "
     "\"Mini!\")"},
    {"group_name", "name = \"g1\";", "name = \"9g\";",
     "F:46: groups.[0].name: must be an identifier of at most 64 characters "
     "(got \"9g\")"},
    {"cost_name", "name = \"shelter\";", "name = \"the shelter\";",
     "F:28: costs.[0].name: must be an identifier of at most 64 characters "
     "(got \"the shelter\")"},
    {"cost_name_unique", "name = \"vacancy\";", "name = \"shelter\";",
     "F:36: costs.[1].name: already used by costs.[0] (got \"shelter\")"},
    {"cost_name_reserved", "name = \"vacancy\";", "name = \"housing_benefit\";",
     "F:36: costs.[1].name: is the name of a computed item (got "
     "\"housing_benefit\")"},
    {"income_name", "  job = {", "  the-job = {",
     "F:24: incomes.the-job: an income name must be an identifier of at most "
     "64 characters (got \"the-job\")\n"
     "F:56: groups.[0].income.employed: no such income profile in incomes "
     "(got \"job\")\n"
     "F:56: groups.[0].income.future: no such income profile in incomes (got "
     "\"job\")"},
    {"income_profile_exists", "future = \"job\";", "future = \"jobb\";",
     "F:56: groups.[0].income.future: no such income profile in incomes (got "
     "\"jobb\")"},
    /* Payers. */
    {"payer_sum", "payer = { kommune = 0.5; stat = 0.5; };",
     "payer = { kommune = 0.5; stat = 0.4; };",
     "F:33: costs.[0].payer: payer shares must sum to 1 (got 0.9)"},
    {"payer_sum_tolerance", "payer = { kommune = 0.5; stat = 0.5; };",
     "payer = { kommune = 0.1; region = 0.2; stat = 0.7; };", NULL},
    {"payer_share_range", "payer = { kommune = 0.5; stat = 0.5; };",
     "payer = { kommune = 1.5; stat = -0.5; };",
     "F:33: costs.[0].payer.kommune: must be in [0, 1] (got 1.5)\n"
     "F:33: costs.[0].payer.stat: must be in [0, 1] (got -0.5)"},
    {"payer_schedule_sum", "payer = { kommune = 0.5; stat = 0.5; };",
     "payer = { breaks = [3]; kommune = [0.5, 1.0]; stat = [0.5, 0.5]; };",
     "F:33: costs.[0].payer: payer shares must sum to 1 in entry 2 (got "
     "1.5)"},
    {"payer_schedule_length", "payer = { kommune = 0.5; stat = 0.5; };",
     "payer = { breaks = [3]; kommune = [0.5, 1.0]; stat = [0.5]; };",
     "F:33: costs.[0].payer.stat: expected 2 shares, one more than breaks "
     "(got 1)"},
    {"payer_share_plain", "payer = { kommune = 0.5; stat = 0.5; };",
     "payer = { kommune = { value = 0.5; }; stat = 0.5; };",
     "F:33: costs.[0].payer.kommune: a payer share is a plain number (got a "
     "group)"},
    {"payer_required", "    payer = { kommune = 1.0; };\n", "",
     "F:35: costs.[1].payer: required key missing"},
    {"production_no_payer", "kind = \"resource\";\n    per_day",
     "kind = \"production\";\n    per_day",
     "F:33: costs.[0].payer: a production item has no payer"},
    {"benefit_needs_payer",
     " kind = \"benefit\"; payer = { kommune = 0.8; stat = 0.2; };",
     " kind = \"benefit\";",
     "F:22: incomes.kh.payer: required for kind \"benefit\" (who pays the "
     "transfer)"},
    {"su_needs_payer", "kind = \"su\"; payer = { stat = 1.0; };",
     "kind = \"su\";",
     "F:23: incomes.su.payer: required for kind \"su\" (who pays the "
     "transfer)"},
    {"wage_no_payer", "kind = \"wage\";",
     "kind = \"wage\"; payer = { stat = 1.0; };",
     "F:24: incomes.job.payer: a wage has no payer"},
    {"production_factor_wage_only", "kind = \"su\";",
     "kind = \"su\"; production_factor = 1.0;",
     "F:23: incomes.su.production_factor: only for a wage (got kind \"su\")"},
    {"production_factor_range", "kind = \"wage\";",
     "kind = \"wage\"; production_factor = -1.0;",
     "F:24: incomes.job.production_factor: must be >= 0 (got -1.0)"},
    /* Cost items. */
    {"cost_two_amounts", "per_day = 1500.0;",
     "per_day = 1500.0; per_month = 10.0;",
     "F:27: costs.[0]: needs exactly one of per_month, per_day and one_off "
     "(got 2)"},
    {"cost_no_amount", "    per_day = 1500.0;\n", "",
     "F:27: costs.[0]: needs exactly one of per_month, per_day and one_off "
     "(got 0)"},
    {"one_off_needs_on", "    on = \"move_out\";\n", "",
     "F:35: costs.[1].on: required key missing"},
    {"on_only_for_one_off", "per_day = 1500.0;",
     "per_day = 1500.0; on = \"move_in\";",
     "F:31: costs.[0].on: only for a one_off item"},
    {"one_off_when_only_arm", "on = \"move_out\";",
     "on = \"move_out\"; when = { housing = [\"placed\"]; };",
     "F:40: costs.[1].when.housing: a one-off item's when holds only arm and "
     "groups"},
    {"one_off_when_arm_ok", "on = \"move_out\";",
     "on = \"move_out\"; when = { arm = \"baseline\"; };", NULL},
    /* Extensions for portfolios: when.groups, a group's kommuneskat and
     * subsidy terms. */
    {"when_groups_ok", "housing = [\"placed\"];",
     "housing = [\"placed\"]; groups = [\"g1\"];", NULL},
    {"one_off_when_groups_ok", "on = \"move_out\";",
     "on = \"move_out\"; when = { groups = [\"g1\"]; };", NULL},
    {"when_groups_unknown", "housing = [\"placed\"];",
     "housing = [\"placed\"]; groups = [\"nobody\"];",
     "F:32: costs.[0].when.groups.[0]: no such group in groups (got "
     "\"nobody\")"},
    {"when_groups_twice", "housing = [\"placed\"];",
     "housing = [\"placed\"]; groups = [\"g1\", "
     "\"g1\"];",
     "F:32: costs.[0].when.groups.[1]: listed twice (got \"g1\")"},
    {"when_groups_empty", "housing = [\"placed\"];",
     "housing = [\"placed\"]; groups = [];",
     "F:32: costs.[0].when.groups: must list at least one group (got [])"},
    {"group_kommuneskat_range", "citizen_group = 1;",
     "citizen_group = 1; kommuneskat = 1.5;",
     "F:48: groups.[0].kommuneskat: must be in [0, 1] (got 1.5)"},
    {"group_subsidy_unknown_key", "citizen_group = 1;",
     "citizen_group = 1; subsidy = { recompute = \"monthly\"; };",
     "F:48: groups.[0].subsidy.recompute: unknown key"},
    {"group_subsidy_period_range", "citizen_group = 1;",
     "citizen_group = 1; subsidy = { period_months = 0; };",
     "F:48: groups.[0].subsidy.period_months: must be between 1 and 1200 "
     "(got 0)"},
    {"group_subsidy_cap_range", "citizen_group = 1;",
     "citizen_group = 1; subsidy = { cap = -1.0; };",
     "F:48: groups.[0].subsidy.cap: must be >= 0 (got -1.0)"},
    {"group_subsidy_ok", "citizen_group = 1;",
     "citizen_group = 1; kommuneskat = 0.26; subsidy = { "
     "require_realistic_takeover = false; p_rehoused_at_end = { value = 0.5; "
     "low = 0.3; high = 0.7; source = \"test\"; }; };",
     NULL},
    {"one_off_no_schedule", "one_off = 6000.0;",
     "one_off = { breaks = [3]; values = [1.0, 2.0]; };",
     "F:39: costs.[1].one_off: a schedule is not allowed here (a plain or "
     "uncertain value is)"},
    {"on_event_word", "on = \"move_out\";", "on = \"moving\";",
     "F:40: costs.[1].on: expected one of move_in, move_out, takeover, "
     "rehoused, terminated, relapse (got \"moving\")"},
    {"when_state_word", "housing = [\"placed\"];", "housing = [\"shelter\"];",
     "F:32: costs.[0].when.housing.[0]: expected one of placed, "
     "housed_subsidised, housed_ordinary, homeless, exited, dead (got "
     "\"shelter\")"},
    {"when_twice", "housing = [\"placed\"];",
     "housing = [\"placed\", \"placed\"];",
     "F:32: costs.[0].when.housing.[1]: listed twice (got \"placed\")"},
    {"when_arm_word", "housing = [\"placed\"];",
     "housing = [\"placed\"]; arm = \"control\";",
     "F:32: costs.[0].when.arm: expected one of both, intervention, baseline "
     "(got \"control\")"},
    /* Schedules. */
    {"breaks_increasing", "breaks = [6, 12];", "breaks = [12, 6];",
     "F:71: groups.[0].transitions.housed_subsidised.placed.breaks.[1]: "
     "breaks must be strictly increasing (got 6 after 12)"},
    {"breaks_positive", "breaks = [6, 12];", "breaks = [0, 12];",
     "F:71: groups.[0].transitions.housed_subsidised.placed.breaks.[0]: a "
     "break must be >= 1 (got 0)"},
    {"breaks_count", "breaks = [6, 12];", "breaks = [6];",
     "F:71: groups.[0].transitions.housed_subsidised.placed.breaks: needs one "
     "fewer entry than values: 2 (got 1)"},
    {"breaks_missing", "breaks = [6, 12]; ", "",
     "F:71: groups.[0].transitions.housed_subsidised.placed.breaks: required "
     "key missing"},
    {"schedule_one_value_ok", "per_day = 1500.0;",
     "per_day = { values = [1500.0]; };", NULL},
    {"schedule_scale_negative", "values = [0.02, 0.012, 0.008];",
     "values = [0.02, 0.012, 0.008]; scale = -1.0;",
     "F:71: groups.[0].transitions.housed_subsidised.placed.scale: must be >= "
     "0 (got -1.0)"},
    {"schedule_entry_probability", "values = [0.02, 0.012, 0.008];",
     "values = [0.02, 1.012, 0.008];",
     "F:71: groups.[0].transitions.housed_subsidised.placed.values.[1]: must "
     "be in [0, 1] (got 1.012)"},
    {"schedule_only_where_allowed", "offers_per_month = 0.3;",
     "offers_per_month = { breaks = [2]; values = [0.3, 0.2]; };",
     "F:58: groups.[0].flats.offers_per_month: a schedule is not allowed "
     "here (a plain or uncertain value is)"},
    /* Transitions. */
    {"state_block_missing",
     "      housed_ordinary = {\n        placed = 0.006;\n      };\n", "",
     "F:64: groups.[0].transitions.housed_ordinary: required key missing"},
    {"activity_block_missing", "        not_housed = {\n",
     "        not_housedx = {\n",
     "F:88: groups.[0].transitions.activity.not_housedx: unknown key\n"
     "F:80: groups.[0].transitions.activity.not_housed: required key missing"},
    {"activity_rate_missing", "          education_to_none = 0.02;\n", "",
     "F:81: groups.[0].transitions.activity.housed.education_to_none: "
     "required key missing"},
    {"state_lists_itself", "        placed = 0.15;",
     "        placed = 0.15;\n        homeless = 0.1;",
     "F:79: groups.[0].transitions.homeless.homeless: a state does not list "
     "itself"},
    {"flat_state_not_target", "        placed = 0.15;",
     "        placed = 0.15;\n        housed_ordinary = 0.1;",
     "F:79: groups.[0].transitions.homeless.housed_ordinary: a flat state is "
     "not a target (moves into a flat come from flats)"},
    {"transition_probability", "exited = 0.004;", "exited = 1.004;",
     "F:67: groups.[0].transitions.placed.exited: must be in [0, 1] (got "
     "1.004)"},
    {"sum_offers_included", "exited = 0.004;", "exited = 0.7;",
     "F:65: groups.[0].transitions.placed: probabilities out of placed, "
     "offers included, sum to more than 1 at months_in_state 0, uncertain "
     "values at their high (got 1.012)"},
    {"sum_at_break", "values = [0.02, 0.012, 0.008];",
     "values = [0.02, 0.012, 0.995];",
     "F:70: groups.[0].transitions.housed_subsidised: probabilities out of "
     "housed_subsidised sum to more than 1 at months_in_state 12, uncertain "
     "values at their high (got 1.001)"},
    {"sum_at_high", "        placed = 0.15;",
     "        placed = { value = 0.15; low = 0.1; high = 0.995; };\n"
     "        dead = 0.01;",
     "F:77: groups.[0].transitions.homeless: probabilities out of homeless "
     "sum to more than 1 at months_in_state 0, uncertain values at their high "
     "(got 1.005)"},
    {"sum_with_scale", "values = [0.02, 0.012, 0.008];",
     "values = [0.02, 0.012, 0.008]; scale = 50.0;",
     "F:70: groups.[0].transitions.housed_subsidised: probabilities out of "
     "housed_subsidised sum to more than 1 at months_in_state 0, uncertain "
     "values at their high (got 1.006)"},
    {"sum_exactly_one_ok", "        placed = 0.15;",
     "        placed = 0.5;\n        dead = 0.25;\n        exited = 0.25;",
     NULL},
    {"activity_sum", "          none_to_employed = 0.008;",
     "          none_to_employed = 0.995;",
     "F:81: groups.[0].transitions.activity.housed: the rates out of none sum "
     "to more than 1, uncertain values at their high (got 1.005)"},
    {"activity_sum_education", "          education_to_none = 0.04;",
     "          education_to_none = { value = 0.04; low = 0.0; high = 0.995; "
     "};",
     "F:88: groups.[0].transitions.activity.not_housed: the rates out of "
     "education sum to more than 1, uncertain values at their high (got "
     "1.005)"},
    /* Initial state. */
    {"activity_shares_sum", "activity = { none = 0.9; education = 0.05;",
     "activity = { none = 0.8; education = 0.05;",
     "F:54: groups.[0].initial.activity: activity shares must sum to 1 (got "
     "0.9)"},
    {"activity_shares_missing_is_zero",
     "activity = { none = 0.9; education = 0.05; employed = 0.05; };",
     "activity = { none = 1.0; };", NULL},
    /* Baseline. */
    {"baseline_offers_sum", "    };\n  }\n);",
     "    };\n    baseline = { flats = { offers_per_month = 0.99; }; };\n  "
     "}\n);",
     "F:97: groups.[0].baseline.transitions.placed: probabilities out of "
     "placed, offers included, sum to more than 1 at months_in_state 0, "
     "uncertain values at their high (got 1.006)"},
    {"baseline_transition_sum", "    };\n  }\n);",
     "    };\n    baseline = {\n      transitions = {\n        placed = { "
     "homeless = "
     "0.9; };\n      };\n    };\n  }\n);",
     "F:99: groups.[0].baseline.transitions.placed: probabilities out of "
     "placed, offers included, sum to more than 1 at months_in_state 0, "
     "uncertain values at their high (got 1.206)"},
    {"baseline_not_subsidised", "    };\n  }\n);",
     "    };\n    baseline = { initial = { housing = \"housed_subsidised\"; }; "
     "};\n  "
     "}\n);",
     "F:97: groups.[0].baseline.initial.housing: the baseline arm cannot "
     "start in housed_subsidised (got \"housed_subsidised\")"},
    {"baseline_fixed_keys", "    };\n  }\n);",
     "    };\n    baseline = { size = 10; household = { adults = 2; }; };\n  "
     "}\n);",
     "F:97: groups.[0].baseline.size: cannot be overridden in the baseline "
     "(the same citizens in both arms)\n"
     "F:97: groups.[0].baseline.household: cannot be overridden in the "
     "baseline (the same citizens in both arms)"},
    {"baseline_unknown_key", "    };\n  }\n);",
     "    };\n    baseline = { subsidy = { cap = 0.0; }; };\n  }\n);",
     "F:97: groups.[0].baseline.subsidy: unknown key (the baseline may "
     "override flats, transitions and initial)"},
    {"baseline_partial_ok", "    };\n  }\n);",
     "    };\n    baseline = { flats = { rent = { dist = \"uniform\"; low = "
     "3000.0; "
     "high = 4000.0; }; };\n      initial = { months_in_state = 0; }; };\n  "
     "}\n);",
     NULL},
    {"baseline_flat_state_target", "    };\n  }\n);",
     "    };\n    baseline = { transitions = { placed = { housed_ordinary = "
     "0.1; }; "
     "}; };\n  }\n);",
     "F:97: groups.[0].baseline.transitions.placed.housed_ordinary: a flat "
     "state is not a target (moves into a flat come from flats)"},
    /* Rent distributions. */
    {"rent_lengths", "weights = [1.0, 2.0]", "weights = [1.0]",
     "F:62: groups.[0].flats.rent.weights: needs as many weights as values: 2 "
     "(got 1)"},
    {"rent_weight_negative", "weights = [1.0, 2.0]", "weights = [1.0, -2.0]",
     "F:62: groups.[0].flats.rent.weights.[1]: must be >= 0 (got -2.0)"},
    {"rent_weights_zero", "weights = [1.0, 2.0]", "weights = [0.0, 0.0]",
     "F:62: groups.[0].flats.rent.weights: weights must have a positive, "
     "finite sum (got 0)"},
    {"rent_value_positive", "values = [3200.0, 3900.0]",
     "values = [3200.0, 0.0]",
     "F:62: groups.[0].flats.rent.values.[1]: must be > 0 (got 0.0)"},
    {"rent_lognormal",
     "dist = \"discrete\"; values = [3200.0, 3900.0]; weights = [1.0, 2.0];",
     "dist = \"lognormal\"; median = 3900.0; sigma = 0.0;",
     "F:62: groups.[0].flats.rent.sigma: must be > 0 (got 0.0)"},
    {"rent_uniform",
     "dist = \"discrete\"; values = [3200.0, 3900.0]; weights = [1.0, 2.0];",
     "dist = \"uniform\"; low = 4000.0; high = 4000.0;",
     "F:62: groups.[0].flats.rent: a uniform rent needs low < high (got "
     "4000.0, 4000.0)"},
    {"rent_other_dist_key", "weights = [1.0, 2.0];",
     "weights = [1.0, 2.0]; median = 3000.0;",
     "F:62: groups.[0].flats.rent.median: only for dist \"lognormal\" (got "
     "dist \"discrete\")"},
    {"rent_dist_word", "dist = \"discrete\";", "dist = \"empirical\";",
     "F:62: groups.[0].flats.rent.dist: expected one of discrete, lognormal, "
     "uniform (got \"empirical\")"},
    /* Uncertain values and their distributions. */
    {"low_value_high", "cap = 2000.0;",
     "cap = { value = 2000.0; low = 2500.0; high = 3000.0; };",
     "F:15: subsidy.cap: needs low <= value <= high (got 2500.0, 2000.0, "
     "3000.0)"},
    {"low_without_high", "cap = 2000.0;",
     "cap = { value = 2000.0; low = 1.0; };",
     "F:15: subsidy.cap: low and high go together"},
    {"pert_needs_range", "cap = 2000.0;",
     "cap = { value = 2000.0; dist = \"pert\"; };",
     "F:15: subsidy.cap: dist \"pert\" needs low and high"},
    {"uniform_low_eq_high_ok", "cap = 2000.0;",
     "cap = { value = 2000.0; low = 2000.0; high = 2000.0; dist = "
     "\"uniform\"; };",
     NULL},
    {"beta_params", "p_rehoused_at_end = 0.5;",
     "p_rehoused_at_end = { value = 0.5; low = 0.1; high = 0.9; dist = "
     "\"beta\"; a = 0.0; b = 2.0; };",
     "F:17: subsidy.p_rehoused_at_end.a: must be > 0 (got 0.0)"},
    {"gamma_params", "cap = 2000.0;",
     "cap = { value = 2000.0; dist = \"gamma\"; scale = 100.0; };",
     "F:15: subsidy.cap.shape: required for dist \"gamma\""},
    {"lognormal_params", "cap = 2000.0;",
     "cap = { value = 2000.0; dist = \"lognormal\"; mu = 7.6; sigma = -1; };",
     "F:15: subsidy.cap.sigma: must be > 0 (got -1)"},
    {"normal_params", "cap = 2000.0;",
     "cap = { value = 2000.0; dist = \"normal\"; };",
     "F:15: subsidy.cap.sd: required for dist \"normal\""},
    {"dist_param_other_dist", "cap = 2000.0;",
     "cap = { value = 2000.0; low = 1.0; high = 3000.0; a = 2.0; };",
     "F:15: subsidy.cap.a: only for dist \"beta\" (got dist \"pert\")"},
    {"dist_word", "cap = 2000.0;",
     "cap = { value = 2000.0; dist = \"weibull\"; };",
     "F:15: subsidy.cap.dist: expected one of pert, triangular, uniform, "
     "beta, gamma, lognormal, normal, fixed (got \"weibull\")"},
    {"value_required", "cap = 2000.0;", "cap = { low = 1.0; high = 2.0; };",
     "F:15: subsidy.cap.value: required key missing"},
    {"probability_unbounded_dist", "exited = 0.004;",
     "exited = { value = 0.004; dist = \"gamma\"; shape = 1.0; scale = "
     "0.004; };",
     "F:67: groups.[0].transitions.placed.exited: a probability takes only a "
     "bounded distribution: pert, triangular, uniform, fixed, or beta or "
     "normal with low and high (got dist \"gamma\" without low and high)"},
    {"probability_normal_needs_range", "exited = 0.004;",
     "exited = { value = 0.004; dist = \"normal\"; sd = 0.001; };",
     "F:67: groups.[0].transitions.placed.exited: a probability takes only a "
     "bounded distribution: pert, triangular, uniform, fixed, or beta or "
     "normal with low and high (got dist \"normal\" without low and high)"},
    {"probability_normal_with_range_ok", "exited = 0.004;",
     "exited = { value = 0.004; low = 0.002; high = 0.006; dist = "
     "\"normal\"; sd = 0.001; };",
     NULL},
    {"bounded_key_unbounded_dist", "  seed = 7;",
     "  seed = 7;\n  discount_rate = { value = 0.03; dist = \"lognormal\"; mu "
     "= -3.5; sigma = 0.2; };",
     "F:12: scenario.discount_rate: dist \"lognormal\" can draw values "
     "outside the key's range (must be in [0, 1])"},
    /* Own payment. */
    {"own_payment_method", "method = \"income_share\"; share = 0.3;",
     "method = \"income\"; share = 0.3;",
     "F:19: subsidy.own_payment.method: expected one of income_share, "
     "residual, fixed (got \"income\")"},
    {"own_payment_param_of_other_method",
     "method = \"income_share\"; share = 0.3;",
     "method = \"residual\"; share = 0.3; min_left = 5500.0;",
     "F:19: subsidy.own_payment.share: only for method \"income_share\" (got "
     "method \"residual\")"},
    {"own_payment_share_range", "share = 0.3;", "share = 1.3;",
     "F:19: subsidy.own_payment.share: must be in [0, 1] (got 1.3)"},
    {"own_payment_fixed_ok", "method = \"income_share\"; share = 0.3;",
     "method = \"fixed\"; amount = 2940.0;", NULL},
    /* Limits (scenario-loading.md, "Limits the loader enforces, and
     * why"): every clock the engine adds to. */
    {"months_in_state_beyond_clock", "months_in_state = 6;",
     "months_in_state = 2147483600;",
     "F:53: groups.[0].initial.months_in_state: must be between 0 and 1200 "
     "(got 2147483600)"},
    {"months_in_state_max_ok", "months_in_state = 6;",
     "months_in_state = 1200;", NULL},
    {"period_beyond_clock", "period_months = 24;",
     "period_months = 2147483647;",
     "F:16: subsidy.period_months: must be between 1 and 1200 (got "
     "2147483647)"},
    {"extension_beyond_clock", "  period_months = 24;",
     "  period_months = 24;\n  extension_months = 1201;",
     "F:17: subsidy.extension_months: must be between 1 and 1200 (got "
     "1201)"},
    {"longest_subsidy", "  period_months = 24;",
     "  period_months = 1000;\n  max_extensions = 40;",
     "F:17: subsidy.max_extensions: the longest subsidy, period_months + "
     "max_extensions * extension_months, must be at most 1200 months, 100 "
     "years (got 1000 + 40 * 6 = 1240)"},
    {"longest_subsidy_max_ok", "  period_months = 24;",
     "  period_months = 1188;", NULL},
    {"break_beyond_clock", "breaks = [6, 12];", "breaks = [6, 1201];",
     "F:71: groups.[0].transitions.housed_subsidised.placed.breaks.[1]: a "
     "break must be at most 1200 months, 100 years (got 1201)"},
    {"payer_break_beyond_clock", "payer = { kommune = 0.5; stat = 0.5; };",
     "payer = { breaks = [100000000]; kommune = [0.5, 1.0]; stat = [0.5, "
     "0.0]; };",
     "F:33: costs.[0].payer.breaks.[0]: a break must be at most 1200 months, "
     "100 years (got 100000000)"},
    /* Limits: every amount, price and factor. */
    {"cap_beyond_any_budget", "cap = 2000.0;", "cap = 1e13;",
     "F:15: subsidy.cap: must be at most 1e+12, beyond any real amount or "
     "quantity (got 10000000000000.0)"},
    {"cost_beyond_any_budget", "per_day = 1500.0;", "per_day = -1e300;",
     "F:31: costs.[0].per_day: must be at least -1e+12, beyond any real "
     "amount or quantity (got -1e+300)"},
    {"uncertain_high_beyond", "cap = 2000.0;",
     "cap = { value = 2000.0; low = 0.0; high = 1e300; };",
     "F:15: subsidy.cap.high: must be at most 1e+12, beyond any real amount "
     "or quantity (got 1e+300)"},
    {"dist_param_beyond", "cap = 2000.0;",
     "cap = { value = 2000.0; dist = \"gamma\"; shape = 1e300; scale = 1.0; "
     "};",
     "F:15: subsidy.cap.shape: must be at most 1e+12, beyond any real amount "
     "or quantity (got 1e+300)"},
    {"rent_beyond", "values = [3200.0, 3900.0]", "values = [3200.0, 1e308]",
     "F:62: groups.[0].flats.rent.values.[1]: must be at most 1e+12, beyond "
     "any real amount or quantity (got 1e+308)"},
    {"rent_sigma_beyond",
     "dist = \"discrete\"; values = [3200.0, 3900.0]; weights = [1.0, 2.0];",
     "dist = \"lognormal\"; median = 3900.0; sigma = 5.0;",
     "F:62: groups.[0].flats.rent.sigma: must be at most 3, beyond any real "
     "spread of rents (got 5.0)"},
    {"mcpf_beyond", "  seed = 7;", "  seed = 7;\n  mcpf = 1e200;",
     "F:12: scenario.mcpf: must be at most 1e+12, beyond any real amount or "
     "quantity (got 1e+200)"},
    /* The text of every string: UTF-8, no control characters but a tab. */
    {"title_control", "title = \"Mini\";", "title = \"Mi\\x01ni\";",
     "F:5: scenario.title: must not hold control characters or line breaks "
     "(a tab is allowed) (got \"Mi\\x01ni\")"},
    {"title_not_utf8", "title = \"Mini\";", "title = \"Mi\xffni\";",
     "F:5: scenario.title: must be valid UTF-8 text (got \"Mi\\xffni\")"},
    {"label_line_break", "label = \"Gruppe 1\";", "label = \"Gruppe\\n1\";",
     "F:47: groups.[0].label: must not hold control characters or line "
     "breaks (a tab is allowed) (got \"Gruppe\\x0a1\")"},
    {"source_control", "cap = 2000.0;",
     "cap = { value = 2000.0; source = \"\\x1b[31mred\"; };",
     "F:15: subsidy.cap.source: must not hold control characters or line "
     "breaks (a tab is allowed) (got \"\\x1b[31mred\")"},
    {"title_tab_and_utf8_ok", "title = \"Mini\";",
     "title = \"K\xc3\xb8"
     "benhavn\\t\xe2\x82\xac\";",
     NULL},
    {"unknown_key_with_control", "format = 1;",
     "format = 1;\ncolour = \"\\x07\";",
     "F:3: colour: unknown key\n"
     "F:3: colour: must not hold control characters or line breaks (a tab "
     "is allowed) (got \"\\x07\")"},
    /* Lists. */
    {"groups_empty", "groups = (", "groups = ();\ngroupsx = (",
     "F:45: groupsx: unknown key\nF:44: groups: needs at least one group "
     "(got an empty list)"},
    {"costs_empty_ok", "costs = (", "costs = ();\ncostsx = (",
     "F:27: costsx: unknown key"},
};

/* ------------------------------------------------------------------ */
/* Files, syntax, rules, includes                                     */
/* ------------------------------------------------------------------ */

static void test_scenario__syntax_error(void **state) {
  (void)state;
  char *base = mini();
  char *text = ut_subst(base, "size = 40;", "size = ;");
  expect_text(text, NULL, 0, "F:49: syntax error");
  free(text);
  free(base);
}

static void test_scenario__mixed_array_is_libconfig_error(void **state) {
  (void)state;
  char *base = mini();
  char *text = ut_subst(base, "[3200.0, 3900.0]", "[3200, 3900.0]");
  expect_text(text, NULL, 0, "F:62: mismatched element type in array");
  free(text);
  free(base);
}

static void test_scenario__unreadable_file(void **state) {
  (void)state;
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  rb_status st = rb_scenario_load(&sc, "tests/data/no-such-file.cfg", NULL, &d);
  assert_int_equal(st, RB_EIO);
  assert_null(sc);
  assert_int_equal(d.n, 1);
  assert_string_equal(d.msgs[0], "tests/data/no-such-file.cfg: cannot read: "
                                 "No such file or directory");
  rb_diag_free(&d);
  st = rb_scenario_load(&sc, "tests/data", NULL, &d);
  assert_int_equal(st, RB_EIO);
  rb_diag_free(&d);
}

static void test_scenario__rules_missing(void **state) {
  (void)state;
  char *base = mini();
  char line[4200];
  snprintf(line, sizeof line, "rules = \"%s\";", rules_abs);
  char *text = ut_subst(base, line, "rules = \"rules/none.cfg\";");
  char expected[600];
  snprintf(expected, sizeof expected,
           "F:13: rules: cannot read the rules file %s/rules/none.cfg: No "
           "such file or directory (got \"rules/none.cfg\")",
           tmpdir);
  expect_text(text, NULL, 0, expected);
  free(text);
  free(base);
}

static void test_scenario__rules_invalid(void **state) {
  (void)state;
  char *base = mini();
  char line[4200], rules[200];
  snprintf(line, sizeof line, "rules = \"%s\";", rules_abs);
  snprintf(rules, sizeof rules, "%s/bad-rules.cfg", tmpdir);
  char *r0 = ut_read_text("tests/data/rules-test.cfg");
  char *r1 = ut_subst(r0, "rent_share = 0.60;", "rent_share = 1.60;");
  char *r2 =
      ut_subst(r1, "besk_max = 63300.0;", "besk_max = 63300.0; bonus = 1;");
  ut_put_file(rules, r2, false);
  char *text = ut_subst(base, line, "rules = \"bad-rules.cfg\";");
  char expected[1200];
  snprintf(expected, sizeof expected,
           "F:13: rules: the rules file %s/bad-rules.cfg is invalid, its "
           "problems follow (got \"bad-rules.cfg\")\n"
           "%s/bad-rules.cfg:7: boligsikring.rent_share: must be in [0, 1] "
           "(got 1.6)\n"
           "%s/bad-rules.cfg:15: tax.bonus: unknown key",
           tmpdir, tmpdir, tmpdir);
  expect_text(text, NULL, 0, expected);
  free(text);
  free(base);
  free(r0);
  free(r1);
  free(r2);
}

/* An error inside an @include'd file names that file and its line. */
static void test_scenario__include_lines(void **state) {
  (void)state;
  char inc[200];
  snprintf(inc, sizeof inc, "%s/part.cfg", tmpdir);
  ut_put_file(inc,
              "# shared\n\nsubsidy = {\n  cap = -5.0;\n  period_months = "
              "24;\n  p_rehoused_at_end = 0.5;\n  relocation_cost = "
              "15000.0;\n  own_payment = { method = \"fixed\"; amount = "
              "1.0; };\n};\n",
              false);
  char *base = mini();
  char *a = ut_subst(base, "subsidy = {\n  cap = 2000.0;",
                     "@include \"part.cfg\"\nsubsidyx = {\n  cap = 2000.0;");
  char expected[600];
  snprintf(expected, sizeof expected,
           "F:15: subsidyx: unknown key\n%s/part.cfg:4: subsidy.cap: must be "
           ">= 0 (got -5.0)",
           tmpdir);
  expect_text(a, NULL, 0, expected);
  free(a);
  free(base);
}

/* libconfig 1.5 exits the process on an @include of a directory. */
static void test_scenario__include_not_a_file(void **state) {
  (void)state;
  char expected[300];
  snprintf(expected, sizeof expected,
           "F:3: cannot include \"\": %s/ is not a regular file", tmpdir);
  expect_text("format = 1;\n\n  @include \"\"\n", NULL, 0, expected);
}

/* A NUL byte on an earlier line must not hide the @include line. */
static void test_scenario__include_after_nul_byte(void **state) {
  (void)state;
  static const char text[] = "# a\0b\nformat = 1;\n@include \"\0x\"\n";
  FILE *f = fopen(tmpfile_path, "wb");
  assert_non_null(f);
  fwrite(text, 1, sizeof text - 1, f);
  fclose(f);
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  assert_int_equal(rb_scenario_load(&sc, tmpfile_path, NULL, &d), RB_EINVALID);
  char *got = joined(&d);
  char expected[300];
  snprintf(expected, sizeof expected,
           "F:3: cannot include \"\": %s/ is not a regular file", tmpdir);
  assert_string_equal(got, expected);
  free(got);
  rb_diag_free(&d);
}

/* Every tests/data/bad/NAME.cfg gives exactly the lines of NAME.expect. */
static void test_scenario__bad_fixtures(void **state) {
  (void)state;
  DIR *dir = opendir("tests/data/bad");
  assert_non_null(dir);
  int count = 0;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    size_t len = strlen(e->d_name);
    if (len < 5 || strcmp(e->d_name + len - 4, ".cfg") != 0) {
      continue;
    }
    char cfg[300], exp[300];
    snprintf(cfg, sizeof cfg, "tests/data/bad/%s", e->d_name);
    snprintf(exp, sizeof exp, "tests/data/bad/%.*s.expect", (int)(len - 4),
             e->d_name);
    char *want = ut_read_text(exp);
    rb_diag d;
    rb_diag_init(&d);
    rb_scenario *sc = NULL;
    rb_status st = rb_scenario_load(&sc, cfg, NULL, &d);
    size_t cap = 1;
    for (size_t k = 0; k < d.n; k++) {
      cap += strlen(d.msgs[k]) + 1;
    }
    char *got = calloc(cap, 1);
    assert_non_null(got);
    for (size_t k = 0; k < d.n; k++) {
      strcat(got, d.msgs[k]);
      strcat(got, "\n");
    }
    if (strcmp(got, want) != 0) {
      fail_msg("%s: expected:\n%s\ngot:\n%s", cfg, want, got);
    }
    assert_int_equal(st, RB_EINVALID);
    assert_null(sc);
    free(got);
    free(want);
    rb_diag_free(&d);
    count++;
  }
  closedir(dir);
  assert_true(count >= 10);
}

/* ------------------------------------------------------------------ */
/* --set                                                              */
/* ------------------------------------------------------------------ */

static rb_scenario *load_mini_sets(const char *const *sets, int n) {
  char *base = mini();
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  rb_status st = load_text(&sc, &d, base, sets, n);
  char *got = joined(&d);
  if (st != RB_OK) {
    fail_msg("load failed:\n%s", got);
  }
  free(got);
  free(base);
  rb_diag_free(&d);
  return sc;
}

static void test_scenario__set_override(void **state) {
  (void)state;
  const char *sets[] = {"subsidy.cap=2500",
                        "groups.[0].size=60",
                        "scenario.seed=7000000000L",
                        "scenario.mode=psa",
                        "groups.[0].flats.rent.values.[1]=4100.5",
                        "scenario.start=2028-02"};
  rb_scenario *sc = load_mini_sets(sets, 6);
  assert_dbl(pval(sc, "subsidy.cap"), 2500.0);
  assert_int_equal(sc->groups[0].size, 60);
  assert_true(sc->info.seed == 7000000000ULL);
  assert_int_equal(sc->info.mode, RB_MODE_PSA);
  assert_dbl(pval(sc, "groups.[0].flats.rent.values.[1]"), 4100.5);
  assert_int_equal(sc->info.start_year, 2028);
  assert_int_equal(sc->info.start_month, 2);
  /* A value set on the command line is located at its --set. */
  const rb_param *p = &sc->params[pidx(sc, "subsidy.cap")];
  assert_string_equal(p->file, "--set");
  assert_int_equal(p->line, 1);
  rb_scenario_free(sc);
}

static void test_scenario__set_adds_key(void **state) {
  (void)state;
  const char *sets[] = {"scenario.mcpf=0.1", "scenario.kommuneskat=0.26",
                        "groups.[0].baseline.flats.offers_per_month=0.1"};
  rb_scenario *sc = load_mini_sets(sets, 3);
  assert_dbl(pval(sc, "scenario.mcpf"), 0.1);
  assert_true(sc->info.kommuneskat_given);
  assert_dbl(pval(sc, "scenario.kommuneskat"), 0.26);
  assert_true(sc->groups[0].has_baseline);
  assert_dbl(
      sc->params[sc->groups[0].arm[RB_ARM_BASELINE].flats.offers_per_month]
          .value,
      0.1);
  rb_scenario_free(sc);
}

static void test_scenario__set_widens_uncertain(void **state) {
  (void)state;
  char *base = mini();
  char *text = ut_subst(base, "cap = 2000.0;",
                        "cap = { value = 2000.0; low = 1500.0; high = 2500.0; "
                        "source = \"x\"; };");
  const char *sets[] = {"subsidy.cap=3000", "subsidy.cap=1000"};
  for (int k = 0; k < 2; k++) {
    rb_diag d;
    rb_diag_init(&d);
    rb_scenario *sc = NULL;
    assert_int_equal(load_text(&sc, &d, text, sets + k, 1), RB_OK);
    const rb_param *p = &sc->params[pidx(sc, "subsidy.cap")];
    assert_true(p->uncertain);
    assert_string_equal(p->source, "x");
    assert_dbl(p->value, k == 0 ? 3000.0 : 1000.0);
    assert_dbl(p->low, k == 0 ? 1500.0 : 1000.0);
    assert_dbl(p->high, k == 0 ? 3000.0 : 2500.0);
    rb_scenario_free(sc);
    rb_diag_free(&d);
  }
  /* Inside the range, low and high stay. */
  const char *inside[] = {"subsidy.cap=1750.25"};
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  assert_int_equal(load_text(&sc, &d, text, inside, 1), RB_OK);
  const rb_param *p = &sc->params[pidx(sc, "subsidy.cap")];
  assert_dbl(p->value, 1750.25);
  assert_dbl(p->low, 1500.0);
  assert_dbl(p->high, 2500.0);
  rb_scenario_free(sc);
  rb_diag_free(&d);
  free(text);
  free(base);
}

static void test_scenario__set_problems(void **state) {
  (void)state;
  char *base = mini();
  const char *sets[] = {
      "subsidy.kap=1",  "subsidy.cap=abc",   "groups.[3].size=1",
      "nokey",          "subsidy.cap={",     "groups.[0].size=0",
      "subsidy..cap=1", "scenario.seed.x=1", "subsidy.cap=1e400"};
  expect_text(base, sets, 9,
              "--set:3: groups.[3].size: no such setting: [3] is beyond the "
              "1 entries\n"
              "--set:4: expected KEY=VALUE (got \"nokey\")\n"
              "--set:5: subsidy.cap: cannot parse the value as a libconfig "
              "literal (got {)\n"
              "--set:7: subsidy..cap: not a key path like subsidy.cap or "
              "groups.[0].size\n"
              "--set:8: scenario.seed.x: seed is not a group, it has no "
              "member x\n"
              "--set:1: subsidy.kap: unknown key\n"
              "--set:9: subsidy.cap: not a finite number (got inf)\n"
              "--set:6: groups.[0].size: must be between 1 and 100000 (got "
              "0)");
  free(base);
}

static void test_scenario__set_missing_block_stays_missing(void **state) {
  (void)state;
  /* A --set into a top-level block the file lacks does not create it: the
   * missing block is reported against the file, not against the --set. */
  char *base = mini();
  char *text = ut_subst(base, "subsidy = {", "subsidie = {");
  const char *sets[] = {"subsidy.cap=2500"};
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  assert_int_equal(load_text(&sc, &d, text, sets, 1), RB_EINVALID);
  char *got = joined(&d);
  assert_non_null(strstr(got, "subsidie: unknown key"));
  assert_non_null(strstr(got, "F:1: subsidy: required key missing"));
  assert_null(strstr(got, "--set:"));
  free(got);
  rb_diag_free(&d);
  free(text);
  free(base);
}

/* A list's entries by their name (issue 18): `costs.shelter.per_day` is
 * `costs.[0].per_day`, `groups.g1.size` is `groups.[0].size`. */
static void test_scenario__set_by_name(void **state) {
  (void)state;
  const char *by_name[] = {"costs.shelter.per_day=1400", "groups.g1.size=55",
                           "costs.vacancy.one_off=7000"};
  const char *by_pos[] = {"costs.[0].per_day=1400", "groups.[0].size=55",
                          "costs.[1].one_off=7000"};
  rb_scenario *a = load_mini_sets(by_name, 3);
  rb_scenario *b = load_mini_sets(by_pos, 3);
  assert_dbl(pval(a, "costs.[0].per_day"), 1400.0);
  assert_dbl(pval(a, "costs.[1].one_off"), 7000.0);
  assert_int_equal(a->groups[0].size, 55);
  assert_int_equal(a->n_params, b->n_params);
  for (int i = 0; i < a->n_params; i++) {
    assert_string_equal(a->params[i].key, b->params[i].key);
    assert_true(a->params[i].value == b->params[i].value);
  }
  rb_scenario_free(a);
  rb_scenario_free(b);
}

static void test_scenario__set_by_unknown_name(void **state) {
  (void)state;
  char *base = mini();
  const char *sets[] = {"costs.sheltr.per_day=1", "costs.xyz.per_day=1",
                        "groups.g2.size=3"};
  expect_text(base, sets, 3,
              "--set:1: costs.sheltr.per_day: no such setting: costs has no "
              "entry named sheltr (did you mean: shelter)\n"
              "--set:2: costs.xyz.per_day: no such setting: costs has no "
              "entry named xyz (its names are: shelter, vacancy)\n"
              "--set:3: groups.g2.size: no such setting: groups has no entry "
              "named g2 (did you mean: g1)");
  free(base);
}

static void test_scenario__set_type_error_located(void **state) {
  (void)state;
  char *base = mini();
  const char *sets[] = {"subsidy.cap=abc"};
  expect_text(base, sets, 1,
              "--set:1: subsidy.cap: expected a number (got \"abc\")");
  free(base);
}

/* ------------------------------------------------------------------ */
/* Reliability (issue 20): what the loader refuses before a run       */
/* ------------------------------------------------------------------ */

/* @p cmd's exit status (-1 when it did not exit) and its output (both
 * streams, caller frees). */
static char *run_status(const char *cmd, int *code) {
  int st = 0;
  char *out = ut_run_cmd(cmd, &st);
  assert_non_null(out);
  *code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

/* The engine added to these clocks and crashed (SIGSEGV) on scenarios that
 * check accepted: now the loader refuses them, exit 3, through the
 * program (the sanitizer build's under make check-asan). */
static void test_scenario__clock_crashes_exit_3(void **state) {
  (void)state;
  char *out_dir = ut_mkdtemp("clocks");
  assert_non_null(out_dir);
  static const struct {
    const char *sets, *msg;
  } CASES[] = {
      {"--set groups.[0].initial.months_in_state=2147483600",
       "--set:1: groups.[0].initial.months_in_state: must be between 0 and "
       "1200 (got 2147483600)\n"},
      {"--set subsidy.period_months=2147483647 --set "
       "groups.[0].initial.housing=housed_subsidised --set "
       "groups.[0].initial.months_in_state=2147483646",
       "--set:1: subsidy.period_months: must be between 1 and 1200 (got "
       "2147483647)\n"
       "--set:3: groups.[0].initial.months_in_state: must be between 0 and "
       "1200 (got 2147483646)\n"}};
  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    char cmd[1200];
    snprintf(cmd, sizeof cmd,
             "%s run scenarios/example.cfg %s --replications 1 --out %s/r "
             "--quiet 2>&1",
             ut_bin(), CASES[i].sets, out_dir);
    int code = 0;
    char *out = run_status(cmd, &code);
    if (code != 3 || strcmp(out, CASES[i].msg) != 0) {
      fail_msg("%s\nexit %d, output:\n%s", cmd, code, out);
    }
    free(out);
    assert_false(ut_file_exists(out_dir, "r"));
  }
  ut_rm_tree(out_dir);
  free(out_dir);
}

/* `rentbridge check FIFO` blocked in open(): now refused, exit 4. */
static void test_scenario__check_fifo_exits_4(void **state) {
  (void)state;
  char fifo[200], cmd[600], want[300];
  snprintf(fifo, sizeof fifo, "%s/fifo.cfg", tmpdir);
  assert_int_equal(mkfifo(fifo, 0600), 0);
  snprintf(cmd, sizeof cmd, "timeout 20 %s check %s 2>&1", ut_bin(), fifo);
  int code = 0;
  char *out = run_status(cmd, &code);
  snprintf(want, sizeof want, "%s: cannot read: not a regular file\n", fifo);
  remove(fifo);
  if (code != 4 || strcmp(out, want) != 0) {
    fail_msg("exit %d, output:\n%s", code, out);
  }
  free(out);
}

/* A --set into a top-level block the format does not know is refused (it
 * was dropped); one into a block the file lacks still leaves the missing
 * block to the file's own message (test set_missing_block_stays_missing). */
static void test_scenario__set_unknown_block_refused(void **state) {
  (void)state;
  char *base = mini();
  const char *sets[] = {"subsidyy.cap=0", "colour.x.y=1"};
  expect_text(base, sets, 2,
              "--set:1: subsidyy: unknown key\n--set:2: colour: unknown key");
  free(base);
}

/* Integers of --set and of the file read as written: never a different
 * number. */
static void test_scenario__integers_as_written(void **state) {
  (void)state;
  const char *seed[] = {"scenario.seed=4294967301"};
  rb_scenario *sc = load_mini_sets(seed, 1);
  assert_true(sc->info.seed == 4294967301ULL);
  rb_scenario_free(sc);
  char *base = mini();
  char *text = ut_subst(base, "seed = 7;", "seed = 3000000000;");
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(load_text(&sc, &d, text, NULL, 0), RB_OK);
  assert_true(sc->info.seed == 3000000000ULL);
  rb_scenario_free(sc);
  rb_diag_free(&d);
  const char *sets[] = {"groups.[0].size=4294967306",
                        "scenario.horizon_months=4294967297",
                        "scenario.seed=18446744073709551615",
                        "scenario.replications=0x100000001"};
  expect_text(base, sets, 4,
              "--set:2: scenario.horizon_months: must be between 1 and 600 "
              "(got 4294967297)\n"
              "--set:4: scenario.replications: must be between 1 and 1000000 "
              "(got 4294967297)\n"
              "--set:3: scenario.seed: must be between 0 and "
              "9223372036854775807 (got 18446744073709551615)\n"
              "--set:1: groups.[0].size: must be between 1 and 100000 (got "
              "4294967306)");
  free(text);
  free(base);
}

/* mini.cfg with @p n copies of its group, each of @p size citizens. */
static char *many_groups(int n, int size) {
  char *base = mini();
  char *start = strstr(base, "groups = (\n");
  assert_non_null(start);
  start += strlen("groups = (\n");
  char *end = strstr(start, "\n);");
  assert_non_null(end);
  size_t glen = (size_t)(end - start), head = (size_t)(start - base);
  char *out = malloc(head + (size_t)n * (glen + 40) + 8);
  assert_non_null(out);
  memcpy(out, base, head);
  size_t o = head;
  for (int i = 0; i < n; i++) {
    char *g = malloc(glen + 1), name[40], sz[40];
    assert_non_null(g);
    memcpy(g, start, glen);
    g[glen] = '\0';
    snprintf(name, sizeof name, "name = \"g%d\";", i);
    snprintf(sz, sizeof sz, "size = %d;", size);
    char *g1 = ut_subst(g, "name = \"g1\";", name);
    char *g2 = ut_subst(g1, "size = 40;", sz);
    o += (size_t)sprintf(out + o, "%s%s", i > 0 ? ",\n" : "", g2);
    free(g);
    free(g1);
    free(g2);
  }
  strcpy(out + o, "\n);\n");
  free(base);
  return out;
}

/* The cohort's size overflowed an int (21,475 groups of 100,000): the
 * cohort and the number of groups are bounded. */
static void test_scenario__cohort_bounded(void **state) {
  (void)state;
  char *text = many_groups(11, 100000);
  expect_text(text, NULL, 0,
              "F:44: groups: the groups' sizes must sum to at most 1000000 "
              "citizens (got 1100000)");
  free(text);
  text = many_groups(10, 100000);
  expect_text(text, NULL, 0, NULL);
  free(text);
  text = many_groups(1001, 1);
  expect_text(text, NULL, 0, "F:44: groups: at most 1000 groups (got 1001)");
  free(text);
}

/* The overflow to "nan kr": an amount beyond any budget. */
static void test_scenario__amount_overflow_refused(void **state) {
  (void)state;
  char cmd[600];
  snprintf(cmd, sizeof cmd,
           "%s check scenarios/example.cfg --set "
           "'costs.[2].per_month.values.[1]=1e308' 2>&1",
           ut_bin());
  int code = 0;
  char *out = run_status(cmd, &code);
  if (code != 3 ||
      strcmp(out, "--set:1: costs.[2].per_month.values.[1]: must be at most "
                  "1e+12, beyond any real amount or quantity (got "
                  "1e+308)\n") != 0) {
    fail_msg("exit %d, output:\n%s", code, out);
  }
  free(out);
}

/* A control character in a --set value and a title. */
static void test_scenario__set_text_refused(void **state) {
  (void)state;
  char *base = mini();
  const char *sets[] = {"scenario.title=\"a\\x01b\"",
                        "scenario.municipality=\"\\xff\""};
  expect_text(base, sets, 2,
              "--set:1: scenario.title: must not hold control characters or "
              "line breaks (a tab is allowed) (got \"a\\x01b\")\n"
              "--set:2: scenario.municipality: must be valid UTF-8 text (got "
              "\"\\xff\")");
  free(base);
}

static void count_runs(void *ctx, int run, int runs, int done, int total) {
  (void)run;
  (void)runs;
  (void)done;
  (void)total;
  (*(int *)ctx)++;
}

/* A sweep checks every value before its first run and tells every invalid
 * one at once (it ran the valid ones first and then threw them away). */
static void test_scenario__sweep_checks_values_first(void **state) {
  (void)state;
  char *base = mini();
  ut_put_file(tmpfile_path, base, false);
  int runs = 0;
  const char *sets[] = {"scenario.replications=2"};
  rb_sweep_opts o = {sets, 1, 1, count_runs, &runs, 0, NULL};
  rb_sweep s;
  rb_scenario *sc = NULL;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_sweep_run(&s, &sc, tmpfile_path,
                                "subsidy.p_rehoused_at_end", 0.5, 2.0, 0.5, &o,
                                &d),
                   RB_EINVALID);
  assert_null(sc);
  assert_int_equal(runs, 0);
  char *got = joined(&d);
  assert_string_equal(
      got, "--set:2: subsidy.p_rehoused_at_end: must be in [0, 1] (got 1.5)\n"
           "--set:2: subsidy.p_rehoused_at_end: must be in [0, 1] (got 2)\n"
           "F: the sweep stopped at subsidy.p_rehoused_at_end=1.5 before its "
           "first run; invalid too: subsidy.p_rehoused_at_end=2");
  free(got);
  rb_diag_free(&d);
  rb_sweep_free(&s);
  /* An unknown key drew a flat curve ("best value 0"). */
  rb_diag_init(&d);
  assert_int_equal(rb_sweep_run(&s, &sc, tmpfile_path, "subsidyy.cap", 0.0,
                                3000.0, 1000.0, &o, &d),
                   RB_EINVALID);
  assert_int_equal(runs, 0);
  got = joined(&d);
  assert_string_equal(got, "--set:2: subsidyy: unknown key\n"
                           "F: the sweep stopped at subsidyy.cap=0");
  free(got);
  rb_diag_free(&d);
  rb_sweep_free(&s);
  free(base);
}

/* ------------------------------------------------------------------ */
/* Round trip                                                         */
/* ------------------------------------------------------------------ */

static bool same_str(const char *a, const char *b) {
  return (a == NULL && b == NULL) ||
         (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static void same_sched(const rb_sched *a, const rb_sched *b) {
  assert_int_equal(a->n, b->n);
  assert_int_equal(a->scale, b->scale);
  for (int i = 0; i < a->n; i++) {
    assert_int_equal(a->values[i], b->values[i]);
    if (i + 1 < a->n) {
      assert_int_equal(a->breaks[i], b->breaks[i]);
    }
  }
}

static void same_payer(const rb_payer_sched *a, const rb_payer_sched *b) {
  assert_int_equal(a->n, b->n);
  assert_int_equal(a->is_schedule, b->is_schedule);
  for (int r = 0; r < a->n; r++) {
    for (int k = 0; k < RB_PAYER_COUNT; k++) {
      assert_dbl(a->shares[r][k], b->shares[r][k]);
    }
    if (r + 1 < a->n) {
      assert_int_equal(a->breaks[r], b->breaks[r]);
    }
  }
}

static void same_arm(const rb_arm_spec *a, const rb_arm_spec *b) {
  assert_int_equal(a->initial.housing, b->initial.housing);
  assert_int_equal(a->initial.months_in_state, b->initial.months_in_state);
  for (int i = 0; i < RB_A_COUNT; i++) {
    assert_dbl(a->initial.activity[i], b->initial.activity[i]);
  }
  assert_int_equal(a->flats.offers_per_month, b->flats.offers_per_month);
  assert_int_equal(a->flats.utilities, b->flats.utilities);
  assert_int_equal(a->flats.area_m2, b->flats.area_m2);
  assert_int_equal(a->flats.heating_included, b->flats.heating_included);
  const rb_rent *r = &a->flats.rent, *q = &b->flats.rent;
  assert_int_equal(r->dist, q->dist);
  assert_int_equal(r->n, q->n);
  assert_int_equal(r->median, q->median);
  assert_int_equal(r->sigma, q->sigma);
  assert_int_equal(r->low, q->low);
  assert_int_equal(r->high, q->high);
  for (int i = 0; i < r->n; i++) {
    assert_int_equal(r->values[i], q->values[i]);
    assert_dbl(r->weights[i], q->weights[i]);
  }
  for (int s = 0; s < RB_H_COUNT; s++) {
    for (int t = 0; t < RB_T_COUNT; t++) {
      same_sched(&a->transitions.out[s][t], &b->transitions.out[s][t]);
    }
  }
  for (int h = 0; h < 2; h++) {
    for (int k = 0; k < 5; k++) {
      assert_int_equal(a->transitions.activity[h][k],
                       b->transitions.activity[h][k]);
    }
  }
}

/* Every parameter and every structural field equal. */

/* The citizen's path keys (issue 14). */
static void same_path(const rb_path_cfg *p, const rb_path_cfg *q) {
  assert_int_equal(p->takeover_on_activity, q->takeover_on_activity);
  assert_int_equal(p->takeover_su_share, q->takeover_su_share);
  assert_int_equal(p->period_per_citizen, q->period_per_citizen);
  assert_int_equal(p->search_months, q->search_months);
  assert_int_equal(p->p_rehoused_per_month, q->p_rehoused_per_month);
  assert_int_equal(p->p_terminated, q->p_terminated);
  assert_int_equal(p->terminated_homeless_share, q->terminated_homeless_share);
}
static void same_scenario(const rb_scenario *a, const rb_scenario *b) {
  assert_int_equal(a->n_params, b->n_params);
  for (int i = 0; i < a->n_params; i++) {
    const rb_param *p = &a->params[i], *q = &b->params[i];
    assert_string_equal(p->key, q->key);
    assert_dbl(p->value, q->value);
    assert_dbl(p->low, q->low);
    assert_dbl(p->high, q->high);
    assert_dbl(p->p1, q->p1);
    assert_dbl(p->p2, q->p2);
    assert_dbl(p->min, q->min);
    assert_dbl(p->max, q->max);
    assert_int_equal(p->dist, q->dist);
    assert_int_equal(p->has_range, q->has_range);
    assert_int_equal(p->uncertain, q->uncertain);
    assert_int_equal(p->probability, q->probability);
    assert_true(same_str(p->source, q->source));
  }
  const rb_scenario_info *x = &a->info, *y = &b->info;
  assert_string_equal(x->name, y->name);
  assert_string_equal(x->title, y->title);
  assert_string_equal(x->municipality, y->municipality);
  assert_int_equal(x->price_year, y->price_year);
  assert_int_equal(x->start_year, y->start_year);
  assert_int_equal(x->start_month, y->start_month);
  assert_int_equal(x->horizon_months, y->horizon_months);
  assert_int_equal(x->replications, y->replications);
  assert_true(x->seed == y->seed);
  assert_int_equal(x->mode, y->mode);
  assert_int_equal(x->discount_rate, y->discount_rate);
  assert_int_equal(x->mcpf, y->mcpf);
  assert_int_equal(x->kommuneskat, y->kommuneskat);
  assert_int_equal(x->kommuneskat_given, y->kommuneskat_given);
  assert_int_equal(x->language, y->language);
  const rb_subsidy_cfg *s = &a->subsidy, *t = &b->subsidy;
  assert_int_equal(s->cap, t->cap);
  assert_int_equal(s->period_months, t->period_months);
  assert_int_equal(s->extension_months, t->extension_months);
  assert_int_equal(s->max_extensions, t->max_extensions);
  assert_int_equal(s->recompute, t->recompute);
  assert_int_equal(s->own_method, t->own_method);
  assert_int_equal(s->own_param, t->own_param);
  assert_int_equal(s->require_realistic_takeover,
                   t->require_realistic_takeover);
  assert_int_equal(s->p_rehoused_at_end, t->p_rehoused_at_end);
  assert_int_equal(s->relocation_cost, t->relocation_cost);
  same_path(&s->path, &t->path);
  assert_int_equal(a->n_incomes, b->n_incomes);
  for (int i = 0; i < a->n_incomes; i++) {
    const rb_income *u = &a->incomes[i], *v = &b->incomes[i];
    assert_string_equal(u->name, v->name);
    assert_int_equal(u->gross, v->gross);
    assert_int_equal(u->kind, v->kind);
    assert_int_equal(u->production_factor, v->production_factor);
    same_payer(&u->payer, &v->payer);
  }
  assert_int_equal(a->n_costs, b->n_costs);
  for (int i = 0; i < a->n_costs; i++) {
    const rb_cost *u = &a->costs[i], *v = &b->costs[i];
    assert_string_equal(u->name, v->name);
    assert_string_equal(u->label, v->label);
    assert_int_equal(u->kind, v->kind);
    assert_int_equal(u->one_off, v->one_off);
    assert_int_equal(u->on, v->on);
    assert_int_equal(u->per_day, v->per_day);
    same_sched(&u->amount, &v->amount);
    assert_int_equal(u->arms, v->arms);
    assert_int_equal(u->housing, v->housing);
    assert_int_equal(u->activity, v->activity);
    assert_int_equal(u->has_arm, v->has_arm);
    assert_int_equal(u->has_housing, v->has_housing);
    assert_int_equal(u->has_activity, v->has_activity);
    assert_int_equal(u->has_groups, v->has_groups);
    for (int g = 0; u->has_groups && g < a->n_groups; g++) {
      assert_int_equal(u->in_group[g], v->in_group[g]);
    }
    same_payer(&u->payer, &v->payer);
  }
  assert_int_equal(a->n_pools, b->n_pools);
  for (int i = 0; i < a->n_pools; i++) {
    const rb_pool *u = &a->pools[i], *v = &b->pools[i];
    assert_string_equal(u->name, v->name);
    assert_int_equal(u->kind, v->kind);
    same_sched(&u->flats_per_month, &v->flats_per_month);
    assert_int_equal(u->rent.dist, v->rent.dist);
    assert_int_equal(u->rent.n, v->rent.n);
    assert_int_equal(u->order, v->order);
    assert_int_equal(u->homeless, v->homeless);
    assert_int_equal(u->activity, v->activity);
  }
  assert_int_equal(a->n_groups, b->n_groups);
  for (int i = 0; i < a->n_groups; i++) {
    const rb_group *u = &a->groups[i], *v = &b->groups[i];
    assert_int_equal(u->arm[RB_ARM_INTERVENTION].flats.pools,
                     v->arm[RB_ARM_INTERVENTION].flats.pools);
    assert_string_equal(u->name, v->name);
    assert_string_equal(u->label, v->label);
    assert_int_equal(u->citizen_group, v->citizen_group);
    assert_int_equal(u->size, v->size);
    assert_int_equal(u->entry_months, v->entry_months);
    assert_int_equal(u->adults, v->adults);
    assert_int_equal(u->children, v->children);
    for (int k = 0; k <= RB_A_COUNT; k++) {
      assert_int_equal(u->income[k], v->income[k]);
    }
    assert_int_equal(u->has_baseline, v->has_baseline);
    assert_int_equal(u->kommuneskat, v->kommuneskat);
    assert_int_equal(u->p_rehoused_at_end, v->p_rehoused_at_end);
    assert_int_equal(u->require_realistic_takeover,
                     v->require_realistic_takeover);
    same_arm(&u->arm[RB_ARM_INTERVENTION], &v->arm[RB_ARM_INTERVENTION]);
    same_arm(&u->arm[RB_ARM_BASELINE], &v->arm[RB_ARM_BASELINE]);
  }
}

static void round_trip(const char *path, const char *const *sets, int n_sets) {
  rb_scenario *a = load_ok(path, sets, n_sets);
  char w1[200], w2[200];
  snprintf(w1, sizeof w1, "%s/written1.cfg", tmpdir);
  snprintf(w2, sizeof w2, "%s/written2.cfg", tmpdir);
  assert_int_equal(rb_scenario_write(a, w1, rules_abs), RB_OK);
  rb_scenario *b = load_ok(w1, NULL, 0);
  same_scenario(a, b);
  assert_int_equal(rb_scenario_write(b, w2, rules_abs), RB_OK);
  char *t1 = ut_read_text(w1), *t2 = ut_read_text(w2);
  assert_string_equal(t1, t2);
  free(t1);
  free(t2);
  rb_scenario_free(a);
  rb_scenario_free(b);
}

static void test_scenario__round_trip_full(void **state) {
  (void)state;
  round_trip("tests/data/ok/full.cfg", NULL, 0);
}

static void test_scenario__round_trip_example(void **state) {
  (void)state;
  round_trip("tests/data/ok/example.cfg", NULL, 0);
  round_trip("tests/data/ok/bench.cfg", NULL, 0);
  round_trip("tests/data/ok/mini.cfg", NULL, 0);
}

/* An arm's label: its own, else its scheme's, else none (the name); the
 * resolved file writes both and loads back to the same words. */
static void test_scenario__arm_labels(void **state) {
  (void)state;
  rb_scenario *a = load_ok("scenarios/aarhus/homeless.cfg", NULL, 0);
  assert_true(a->arms_given);
  assert_string_equal(a->arms[0].name, "experiment");
  assert_string_equal(a->arms[0].label, "forsøget med huslejetilskud");
  assert_string_equal(a->arms[RB_ARM_BASELINE].label, "ingen ordning (i dag)");
  rb_scenario_free(a);
  const char *sets[] = {"arms.[0].label=\"forsøget\""};
  rb_scenario *b = load_ok("scenarios/aarhus/homeless.cfg", sets, 1);
  assert_string_equal(b->arms[0].label, "forsøget");
  assert_string_equal(b->schemes[0].label, "forsøget med huslejetilskud");
  char w1[200];
  snprintf(w1, sizeof w1, "%s/labels.cfg", tmpdir);
  char *rules = realpath("scenarios/rules/dk-2026.cfg", NULL);
  assert_non_null(rules);
  assert_int_equal(rb_scenario_write(b, w1, rules), RB_OK);
  free(rules);
  rb_scenario *c = load_ok(w1, NULL, 0);
  for (int k = 0; k < b->n_arms; k++) {
    assert_string_equal(c->arms[k].label, b->arms[k].label);
  }
  rb_scenario_free(b);
  rb_scenario_free(c);
  rb_scenario *d = load_ok("tests/data/ok/mini.cfg", NULL, 0);
  assert_null(d->arms[0].label); /* no arms listed: the report's words */
  rb_scenario_free(d);
}

/* Pools of flats (issue 13) write back as they load. */
static void test_scenario__round_trip_pools(void **state) {
  (void)state;
  round_trip("tests/data/engine/pools.cfg", NULL, 0);
  const char *sets[] = {
      "pools.[0].homeless=true", "pools.[0].order=\"enrolment\"",
      "pools.[0].activities=[\"education\"]",
      "pools.[0].rent={ dist = \"lognormal\"; median = 4000.0; sigma = 0.3; }",
      "pools.[0].flats_per_month={ value = 2.0; low = 1.0; high = 3.0; "
      "source = \"ASSUMPTION\"; }"};
  round_trip("tests/data/engine/pools.cfg", sets, 5);
  const char *sched[] = {
      "pools.[0].flats_per_month={ breaks = [12, 24]; values = [0.0, 2.0, "
      "1.0]; }"};
  round_trip("tests/data/engine/pools.cfg", sched, 1);
}

static void test_scenario__round_trip_with_sets(void **state) {
  (void)state;
  const char *sets[] = {"subsidy.cap=0.1", "scenario.mcpf=0.3",
                        "groups.[0].baseline.transitions.placed.dead="
                        "{ value = 0.003; low = 0.001; high = 0.004; }"};
  round_trip("tests/data/ok/mini.cfg", sets, 3);
}

static void test_scenario__round_trip_path(void **state) {
  (void)state;
  /* Issue 14's keys survive a round trip, each parameter in its place. */
  const char *sets[] = {"subsidy.takeover_on_activity=true",
                        "subsidy.takeover_su_share=0.5",
                        "subsidy.period_per_citizen=true",
                        "subsidy.rehousing_search_months=6",
                        "subsidy.p_rehoused_per_month=0.27",
                        "subsidy.p_terminated=0.01",
                        "subsidy.terminated_homeless_share=0.5",
                        "groups.[0].exit_own_home_share={ value = 0.4; low = "
                        "0.2; high = 0.6; source = \"antagelse\"; }"};
  round_trip("tests/data/ok/mini.cfg", sets, 8);
  rb_scenario *sc = load_ok("tests/data/ok/mini.cfg", sets, 8);
  assert_dbl(sc->params[sc->groups[0].exit_own_home_share].value, 0.4);
  const rb_path_cfg *p = &sc->subsidy.path;
  assert_true(p->takeover_on_activity && p->period_per_citizen);
  assert_int_equal(p->search_months, 6);
  assert_dbl(sc->params[p->takeover_su_share].value, 0.5);
  assert_dbl(sc->params[p->p_rehoused_per_month].value, 0.27);
  assert_dbl(sc->params[p->p_terminated].value, 0.01);
  assert_dbl(sc->params[p->terminated_homeless_share].value, 0.5);
  rb_scenario_free(sc);
}

static void test_scenario__round_trip_group_terms(void **state) {
  (void)state;
  /* The portfolio extensions: when.groups, a group's kommuneskat and its
   * subsidy terms survive a round trip, in the parameter order. */
  const char *sets[] = {
      "costs.[0].when.groups=[\"homeless_ready\"]",
      "groups.[1].kommuneskat={ value = 0.26; low = 0.25; high = 0.27; }",
      "groups.[1].subsidy={ require_realistic_takeover = false; "
      "p_rehoused_at_end = 0.4; }"};
  round_trip("tests/data/ok/bench.cfg", sets, 3);
  rb_scenario *sc = load_ok("tests/data/ok/bench.cfg", sets, 3);
  assert_true(sc->costs[0].has_groups);
  assert_true(sc->costs[0].in_group[0]);
  assert_false(sc->costs[0].in_group[1]);
  assert_int_equal(sc->groups[0].kommuneskat, -1);
  assert_dbl(sc->params[sc->groups[1].kommuneskat].value, 0.26);
  assert_int_equal(sc->groups[1].require_realistic_takeover, 0);
  assert_dbl(sc->params[sc->groups[1].p_rehoused_at_end].value, 0.4);
  rb_scenario_free(sc);
}

static void test_scenario__write_unwritable(void **state) {
  (void)state;
  rb_scenario *sc = load_ok("tests/data/ok/mini.cfg", NULL, 0);
  assert_int_equal(rb_scenario_write(sc, "/nonexistent-dir/x.cfg", "r.cfg"),
                   RB_EIO);
  rb_scenario_free(sc);
}

/* The full file: every form, read as written. */
static void test_scenario__full_values(void **state) {
  (void)state;
  rb_scenario *sc = load_ok("tests/data/ok/full.cfg", NULL, 0);
  assert_true(sc->info.seed == 9223372036854775807ULL);
  assert_int_equal(sc->info.mode, RB_MODE_PSA);
  assert_int_equal(sc->info.language, RB_LANG_EN);
  assert_string_equal(sc->info.title, "Alt \"i\" alt\tmed tab");
  assert_true(sc->info.kommuneskat_given);
  const rb_param *p = &sc->params[sc->info.discount_rate];
  assert_int_equal(p->dist, RB_DIST_UNIFORM);
  assert_dbl(p->min, 0.0);
  assert_dbl(p->max, 1.0);
  p = &sc->params[sc->info.mcpf];
  assert_int_equal(p->dist, RB_DIST_GAMMA);
  assert_dbl(p->p1, 2.0);
  assert_dbl(p->p2, 0.05);
  assert_false(p->has_range);
  assert_dbl(p->low, 0.1);
  assert_dbl(p->max, RB_MAX_AMOUNT); /* no upper bound but the limit */
  p = &sc->params[sc->subsidy.cap];
  assert_int_equal(p->dist, RB_DIST_NORMAL);
  assert_dbl(p->p1, 400.0);
  assert_string_equal(p->source, "the experiment");
  assert_int_equal(sc->subsidy.own_method, RB_OWN_RESIDUAL);
  p = &sc->params[sc->subsidy.own_param];
  assert_string_equal(p->key, "subsidy.own_payment.min_left");
  assert_int_equal(p->dist, RB_DIST_LOGNORMAL);
  assert_dbl(p->p1, 8.6);
  assert_dbl(p->p2, 0.1);
  assert_int_equal(sc->subsidy.recompute, RB_RECOMPUTE_AT_MOVE_IN);
  assert_false(sc->subsidy.require_realistic_takeover);
  assert_int_equal(sc->subsidy.max_extensions, 0);
  p = &sc->params[sc->subsidy.p_rehoused_at_end];
  assert_int_equal(p->dist, RB_DIST_BETA);
  assert_true(p->probability);
  assert_dbl(sc->params[sc->subsidy.relocation_cost].value, 15000.0);
  /* From the included file, named by its path through the include dir. */
  p = &sc->params[sc->incomes[0].gross];
  assert_string_equal(p->file, "tests/data/ok/inc/incomes.cfg");
  assert_int_equal(p->line, 3);
  assert_int_equal(p->dist, RB_DIST_PERT);
  assert_true(sc->incomes[0].payer.is_schedule);
  assert_dbl(sc->incomes[0].payer.shares[1][RB_PAYER_STAT], 0.3);
  assert_int_equal(sc->params[sc->incomes[2].production_factor].dist,
                   RB_DIST_TRIANGULAR);
  /* Costs. */
  const rb_cost *c = &sc->costs[0];
  assert_int_equal(c->amount.n, 3);
  assert_int_equal(c->amount.breaks[1], 6);
  assert_true(sc->params[c->amount.values[1]].uncertain);
  assert_string_equal(sc->params[c->amount.values[1]].key,
                      "costs.[0].per_day.values.[1]");
  assert_string_equal(sc->params[c->amount.scale].key,
                      "costs.[0].per_day.scale");
  assert_int_equal(c->housing, (1u << RB_H_PLACED) | (1u << RB_H_HOMELESS));
  assert_int_equal(c->activity, (1u << RB_A_NONE) | (1u << RB_A_EDUCATION));
  assert_dbl(c->payer.shares[0][RB_PAYER_REGION], 0.25);
  assert_int_equal(sc->costs[1].arms, 1u << RB_ARM_INTERVENTION);
  assert_int_equal(sc->costs[1].amount.n, 1);
  assert_int_equal(sc->costs[2].kind, RB_KIND_REVENUE);
  assert_int_equal(sc->costs[2].amount.scale,
                   pidx(sc, "costs.[2].per_month.scale"));
  assert_int_equal(sc->costs[3].kind, RB_KIND_PRODUCTION);
  assert_int_equal(sc->costs[3].payer.n, 0);
  assert_int_equal(sc->costs[4].on, RB_EV_MOVE_OUT); /* relapse */
  assert_int_equal(sc->params[sc->costs[4].amount.values[0]].dist,
                   RB_DIST_FIXED);
  assert_int_equal(sc->costs[4].arms, 1u << RB_ARM_BASELINE);
  assert_int_equal(sc->costs[5].on, RB_EV_TAKEOVER);
  assert_int_equal(sc->costs[6].on, RB_EV_REHOUSED);
  /* Group a: both arms. */
  const rb_group *g = &sc->groups[0];
  const rb_arm_spec *ai = &g->arm[RB_ARM_INTERVENTION];
  const rb_arm_spec *ab = &g->arm[RB_ARM_BASELINE];
  assert_int_equal(g->adults, 2);
  assert_int_equal(g->children, 3);
  assert_int_equal(ai->initial.housing, RB_H_SUBSIDISED);
  assert_int_equal(ai->initial.months_in_state, 23);
  assert_dbl(ai->initial.activity[RB_A_EDUCATION], 0.0);
  assert_true(ai->flats.heating_included);
  assert_int_equal(ai->flats.rent.dist, RB_RENT_LOGNORMAL);
  assert_dbl(sc->params[ai->flats.rent.median].value, 4200.0);
  assert_int_equal(ab->initial.housing, RB_H_PLACED);
  assert_int_equal(ab->initial.months_in_state, 23);
  assert_dbl(ab->initial.activity[RB_A_NONE], 1.0);
  assert_dbl(ab->initial.activity[RB_A_EMPLOYED], 0.0);
  assert_false(ab->flats.heating_included);
  assert_int_equal(ab->flats.rent.dist, RB_RENT_UNIFORM);
  assert_dbl(sc->params[ab->flats.rent.high].value, 5000.0);
  assert_int_equal(ab->flats.utilities, ai->flats.utilities);
  assert_int_equal(ab->flats.area_m2, ai->flats.area_m2);
  assert_dbl(sc->params[ab->flats.offers_per_month].value, 0.2);
  /* Merged down to a state's events. */
  assert_int_equal(ab->transitions.out[RB_H_PLACED][RB_T_HOMELESS].values[0],
                   ai->transitions.out[RB_H_PLACED][RB_T_HOMELESS].values[0]);
  assert_int_equal(ai->transitions.out[RB_H_PLACED][RB_T_EXITED].n, 0);
  assert_dbl(
      sc->params[ab->transitions.out[RB_H_PLACED][RB_T_EXITED].values[0]].value,
      0.001);
  assert_int_equal(ab->transitions.out[RB_H_HOMELESS][RB_T_PLACED].n, 2);
  assert_int_equal(ab->transitions.out[RB_H_HOMELESS][RB_T_EXITED].values[0],
                   ai->transitions.out[RB_H_HOMELESS][RB_T_EXITED].values[0]);
  assert_int_equal(ab->transitions.out[RB_H_SUBSIDISED][RB_T_PLACED].scale,
                   ai->transitions.out[RB_H_SUBSIDISED][RB_T_PLACED].scale);
  assert_int_not_equal(ab->transitions.activity[1][1],
                       ai->transitions.activity[1][1]);
  assert_int_equal(ab->transitions.activity[1][4],
                   ai->transitions.activity[1][4]);
  /* Group b: empty state blocks mean no moves; an empty baseline. */
  g = &sc->groups[1];
  assert_true(g->has_baseline);
  assert_int_equal(g->arm[0].transitions.out[RB_H_PLACED][RB_T_DEAD].n, 0);
  assert_int_equal(g->arm[0].initial.housing, RB_H_HOMELESS);
  assert_int_equal(g->income[RB_A_COUNT], 0);
  rb_scenario_free(sc);
}

static void test_scenario__every_ok_file_loads(void **state) {
  (void)state;
  static const char *const OK[] = {
      "tests/data/ok/example.cfg", "tests/data/ok/bench.cfg",
      "tests/data/ok/mini.cfg", "tests/data/ok/full.cfg", NULL};
  for (int i = 0; OK[i] != NULL; i++) {
    rb_scenario *sc = load_ok(OK[i], NULL, 0);
    rb_scenario_free(sc);
  }
}

static void test_scenario__util(void **state) {
  (void)state;
  int breaks[2] = {6, 12};
  assert_int_equal(rb_sched_index(breaks, 3, 0), 0);
  assert_int_equal(rb_sched_index(breaks, 3, 5), 0);
  assert_int_equal(rb_sched_index(breaks, 3, 6), 1);
  assert_int_equal(rb_sched_index(breaks, 3, 11), 1);
  assert_int_equal(rb_sched_index(breaks, 3, 12), 2);
  assert_int_equal(rb_sched_index(breaks, 3, 400), 2);
  assert_int_equal(rb_sched_index(NULL, 1, 7), 0);
  int values[3] = {2, 0, 1};
  double v[4] = {0.25, 0.5, 0.125, 3.0};
  rb_sched s = {3, breaks, values, -1, 0};
  assert_dbl(rb_sched_at(&s, v, 0), 0.125);
  assert_dbl(rb_sched_at(&s, v, 6), 0.25);
  assert_dbl(rb_sched_at(&s, v, 13), 0.5);
  s.scale = 3;
  assert_dbl(rb_sched_at(&s, v, 13), 1.5);
  rb_sched empty = {0, NULL, NULL, -1, 0};
  assert_dbl(rb_sched_at(&empty, v, 3), 0.0);
  assert_string_equal(rb_housing_name(RB_H_SUBSIDISED), "housed_subsidised");
  assert_string_equal(rb_housing_name(RB_H_ORDINARY), "housed_ordinary");
  assert_string_equal(rb_housing_name(RB_H_DEAD), "dead");
  assert_string_equal(rb_activity_name(RB_A_EMPLOYED), "employed");
  assert_string_equal(rb_arm_name(RB_ARM_BASELINE), "baseline");
  assert_string_equal(rb_kind_name(RB_KIND_PRODUCTION), "production");
  assert_string_equal(rb_event_name(RB_EV_REHOUSED), "rehoused");
  assert_string_equal(rb_event_name(RB_EV_MOVE_OUT), "move_out");
  assert_string_equal(rb_payer_name(RB_PAYER_REGION), "region");
  assert_string_equal(rb_dist_name(RB_DIST_PLAIN), "plain");
  assert_string_equal(rb_dist_name(RB_DIST_LOGNORMAL), "lognormal");
  assert_string_equal(rb_dist_name(RB_DIST_FIXED), "fixed");
}

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/rb-test-XXXXXX");
  if (mkdtemp(tmpdir) == NULL) {
    return -1;
  }
  snprintf(tmpfile_path, sizeof tmpfile_path, "%s/s.cfg", tmpdir);
  if (realpath("tests/data/rules-test.cfg", rules_abs) == NULL) {
    return -1;
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  static const char *const FILES[] = {"s.cfg",         "part.cfg",
                                      "bad-rules.cfg", "written1.cfg",
                                      "written2.cfg",  NULL};
  for (int i = 0; FILES[i] != NULL; i++) {
    char p[200];
    snprintf(p, sizeof p, "%s/%s", tmpdir, FILES[i]);
    remove(p);
  }
  rmdir(tmpdir);
  return 0;
}

int main(void) {
  static const struct CMUnitTest fixed[] = {
      cmocka_unit_test(test_scenario__example_loads),
      cmocka_unit_test(test_scenario__bench_baseline_shares_params),
      cmocka_unit_test(test_scenario__full_values),
      cmocka_unit_test(test_scenario__every_ok_file_loads),
      cmocka_unit_test(test_scenario__syntax_error),
      cmocka_unit_test(test_scenario__mixed_array_is_libconfig_error),
      cmocka_unit_test(test_scenario__unreadable_file),
      cmocka_unit_test(test_scenario__rules_missing),
      cmocka_unit_test(test_scenario__rules_invalid),
      cmocka_unit_test(test_scenario__include_lines),
      cmocka_unit_test(test_scenario__include_not_a_file),
      cmocka_unit_test(test_scenario__include_after_nul_byte),
      cmocka_unit_test(test_scenario__bad_fixtures),
      cmocka_unit_test(test_scenario__set_override),
      cmocka_unit_test(test_scenario__set_adds_key),
      cmocka_unit_test(test_scenario__set_widens_uncertain),
      cmocka_unit_test(test_scenario__set_problems),
      cmocka_unit_test(test_scenario__set_missing_block_stays_missing),
      cmocka_unit_test(test_scenario__set_type_error_located),
      cmocka_unit_test(test_scenario__set_by_name),
      cmocka_unit_test(test_scenario__set_by_unknown_name),
      cmocka_unit_test(test_scenario__round_trip_full),
      cmocka_unit_test(test_scenario__round_trip_example),
      cmocka_unit_test(test_scenario__round_trip_pools),
      cmocka_unit_test(test_scenario__round_trip_with_sets),
      cmocka_unit_test(test_scenario__arm_labels),
      cmocka_unit_test(test_scenario__round_trip_path),
      cmocka_unit_test(test_scenario__round_trip_group_terms),
      cmocka_unit_test(test_scenario__write_unwritable),
      cmocka_unit_test(test_scenario__util),
      cmocka_unit_test(test_scenario__clock_crashes_exit_3),
      cmocka_unit_test(test_scenario__check_fifo_exits_4),
      cmocka_unit_test(test_scenario__set_unknown_block_refused),
      cmocka_unit_test(test_scenario__integers_as_written),
      cmocka_unit_test(test_scenario__cohort_bounded),
      cmocka_unit_test(test_scenario__amount_overflow_refused),
      cmocka_unit_test(test_scenario__set_text_refused),
      cmocka_unit_test(test_scenario__sweep_checks_values_first),
  };
  size_t nf = sizeof fixed / sizeof fixed[0];
  size_t nv = sizeof VCASES / sizeof VCASES[0];
  struct CMUnitTest *tests = calloc(nf + nv, sizeof *tests);
  char(*names)[96] = calloc(nv, sizeof *names);
  if (tests == NULL || names == NULL) {
    return 1;
  }
  memcpy(tests, fixed, sizeof fixed);
  for (size_t i = 0; i < nv; i++) {
    snprintf(names[i], sizeof names[i], "test_scenario__rule_%s",
             VCASES[i].name);
    tests[nf + i].name = names[i];
    tests[nf + i].test_func = run_vcase;
    tests[nf + i].initial_state = (void *)&VCASES[i];
  }
  int rc = _cmocka_run_group_tests("scenario", tests, nf + nv, setup, teardown);
  free(tests);
  free(names);
  return rc;
}
