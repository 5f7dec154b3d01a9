/*
 * Tests of `rentbridge subsidy`: runs the program built beside this test
 * (BUILD/rentbridge for BUILD/tests/test_subsidy_cli) on a small scenario,
 * reads its JSON back with jansson and checks amounts computed by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "model/model.h"
#include "util.h"

#define SCENARIO "tests/data/subsidy/single.cfg"

static char program[4096];

static void check_num(const json_t *o, const char *key, double expect,
                      double eps) {
  const json_t *v = json_object_get(o, key);
  if (v == NULL || !json_is_number(v)) {
    fail_msg("key %s missing or not a number", key);
  }
  const double got = json_number_value(v);
  if (!(fabs(got - expect) <= eps)) {
    fail_msg("%s = %.6f, expected %.6f", key, got, expect);
  }
}

static void check_bool(const json_t *o, const char *key, bool expect) {
  const json_t *v = json_object_get(o, key);
  if (v == NULL || !json_is_boolean(v)) {
    fail_msg("key %s missing or not a boolean", key);
  }
  if (json_is_true(v) != expect) {
    fail_msg("%s is %s, expected %s", key, json_is_true(v) ? "true" : "false",
             expect ? "true" : "false");
  }
}

static void check_str(const json_t *o, const char *key, const char *expect) {
  const json_t *v = json_object_get(o, key);
  if (v == NULL || !json_is_string(v)) {
    fail_msg("key %s missing or not a string", key);
  }
  if (strcmp(json_string_value(v), expect) != 0) {
    fail_msg("%s = '%s', expected '%s'", key, json_string_value(v), expect);
  }
}

/* A number of a case's JSON object, and how near it must be. */
typedef struct want_num {
  const char *key;
  double value, eps;
} want_num;

/* check_num for each of the @p n numbers @p w. */
static void check_nums(const json_t *o, const want_num *w, size_t n) {
  for (size_t i = 0; i < n; i++) {
    check_num(o, w[i].key, w[i].value, w[i].eps);
  }
}

/* Run the program with @p args; its standard output parsed as JSON. */
static json_t *run_json(const char *args) {
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "%s subsidy %s", program, args);
  FILE *p = popen(cmd, "r");
  assert_non_null(p);
  json_error_t err;
  json_t *j = json_loadf(p, 0, &err);
  const int st = pclose(p);
  if (j == NULL) {
    fail_msg("'%s': not JSON: %s (line %d)", cmd, err.text, err.line);
  }
  assert_true(WIFEXITED(st));
  assert_int_equal(WEXITSTATUS(st), 0);
  return j;
}

/* The JSON array of the @p n cases that the program prints for @p args. */
static json_t *run_cases(const char *args, size_t n) {
  json_t *j = run_json(args);
  assert_true(json_is_array(j));
  assert_int_equal(json_array_size(j), n);
  return j;
}

/* Exit status of the program with @p args, output discarded. */
static int run_status(const char *args) {
  char cmd[8192];
  snprintf(cmd, sizeof cmd, "%s subsidy %s >/dev/null 2>&1", program, args);
  const int st = system(cmd);
  assert_true(WIFEXITED(st));
  return WEXITSTATUS(st);
}

/* Kontanthjælp 13,800: P = 165,600 a year; bundskat 0.1201 × 111,500 =
 * 13,391.15; kommuneskat 0.2505 × 111,500 = 27,930.75; net = 124,278.10 / 12
 * = 10,356.508 33.  B = 12 × 3,900 + 45 × 35 = 48,375; 0.15 B = 7,256.25 →
 * 7,256 → 604.67 → 605.  O = 0.3 × net = 3,106.952 5; G = 4,500 − 605 −
 * O = 788.047 5.  Future wage 25,000: net 16,881.579 58, boligsikring 605,
 * gap 4,500 − 605 − 5,064.473 875 = −1,169.473 875. */
static void test_subsidy_cli__one_case(void **state) {
  (void)state;
  json_t *j = run_cases(SCENARIO " --rent 3900 --activity none --json", 1);
  const json_t *o = json_array_get(j, 0);
  check_str(o, "group", "singles");
  check_str(o, "activity", "none");
  static const want_num nums[] = {
      {"rent", 3900.0, 1e-9},
      {"utilities", 600.0, 1e-9},
      {"gross_income", 13800.0, 1e-9},
      {"bundskat", 13391.15 / 12.0, 1e-6},
      {"kommuneskat", 27930.75 / 12.0, 1e-6},
      {"net_income", 124278.1 / 12.0, 1e-6},
      {"bs_housing_cost_year", 48375.0, 1e-6},
      {"bs_support_year", 7256.25, 1e-6},
      {"bs_annual", 7256.0, 0.0},
      {"housing_benefit", 605.0, 0.0},
      {"own_payment", 3106.9525, 1e-6},
      {"gap", 788.0475, 1e-6},
      {"subsidy", 788.0475, 1e-6},
  };
  check_nums(o, nums, sizeof nums / sizeof nums[0]);
  check_bool(o, "capped", false);
  check_num(o, "future_gap", -1169.473875, 1e-5);
  check_bool(o, "realistic_takeover", true);
  check_str(o, "offer_intervention", "subsidised");
  check_str(o, "offer_baseline", "refused");
  json_decref(j);
}

/* --tenants (subsidy.md, "Deleboliger"): the single.cfg citizen as one of
 * two tenants of a 45 m² flat at 7,800 kr: the share is rent 3,900,
 * utilities 300, 22.5 m², H = 4,200.  The experiment grants the delebolig
 * waiver: B = 12 × 3,900 + 22.5 × 35 = 47,587.5, 0.15 B = 7,138.125 →
 * 7,138 → 595; G = 4,200 − 595 − 3,106.9525 = 498.0475, subsidised.  The
 * baseline has today's law, no boligsikring for two: G = 1,093.0475 > 0,
 * refused.  Three tenants at 11,700: 3,900, 200, 15 m²; B = 47,325 →
 * 7,098.75 → 7,099 → 592; G = 4,100 − 592 − 3,106.9525 = 401.0475. */
static void test_subsidy_cli__tenants(void **state) {
  (void)state;
  json_t *j =
      run_cases(SCENARIO " --rent 7800 --tenants 2 --activity none --json", 1);
  const json_t *o = json_array_get(j, 0);
  static const want_num two[] = {
      {"tenants", 2.0, 0.0},           {"flat_rent", 7800.0, 0.0},
      {"rent", 3900.0, 1e-9},          {"utilities", 300.0, 1e-9},
      {"bs_area_m2", 22.5, 1e-9},      {"bs_housing_cost_year", 47587.5, 1e-6},
      {"housing_benefit", 595.0, 0.0}, {"gap", 498.0475, 1e-6},
      {"subsidy", 498.0475, 1e-6},
  };
  check_nums(o, two, sizeof two / sizeof two[0]);
  check_str(o, "bs_rule", "resident");
  check_str(o, "offer_intervention", "subsidised");
  check_str(o, "offer_baseline", "refused");
  json_decref(j);
  j = run_cases(SCENARIO " --rent 11700 --tenants 3 --activity none --json", 1);
  o = json_array_get(j, 0);
  static const want_num three[] = {
      {"bs_housing_cost_year", 47325.0, 1e-6},
      {"housing_benefit", 592.0, 0.0},
      {"gap", 401.0475, 1e-6},
  };
  check_nums(o, three, sizeof three / sizeof three[0]);
  json_decref(j);
  /* One tenant is an ordinary flat: the same JSON as without the option. */
  json_t *a = run_json(SCENARIO " --rent 3900 --json");
  json_t *b = run_json(SCENARIO " --rent 3900 --tenants 1 --json");
  assert_true(json_equal(a, b));
  assert_null(json_object_get(json_array_get(b, 0), "tenants"));
  json_decref(a);
  json_decref(b);
  /* Bad values are refused where they are read. */
  static const char *const bad[] = {
      SCENARIO " --tenants 5", SCENARIO " --tenants -1",
      SCENARIO " --tenants 2.5", SCENARIO " --tenants",
      /* A rules file without the bofaellesskab block. */
      "tests/data/ok/example.cfg --tenants 3"};
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(run_status(bad[i]), 2);
  }
  assert_int_equal(run_status("tests/data/ok/example.cfg --tenants 1"), 0);
}

/* Without --rent: 4 rents × 3 activities.  On kontanthjælp the 5,400 kr flat
 * has a gap of 6,000 − 830 − 3,106.95 = 2,063.05 > 2,000: refused, so the
 * subsidy opens 5/6 of the offers (weights 1, 2, 2, 1) against none. */
static void test_subsidy_cli__table(void **state) {
  (void)state;
  json_t *j = run_cases(SCENARIO " --json", 12);
  const json_t *o = json_array_get(j, 3);
  check_str(o, "activity", "none");
  static const want_num nums[] = {
      {"rent", 5400.0, 1e-9},
      {"weight", 1.0 / 6.0, 1e-9},
      {"gap", 2063.0475, 1e-6},
      {"subsidy", 2000.0, 0.0},
      {"pool_share_intervention", 5.0 / 6.0, 1e-9},
      {"pool_share_baseline", 0.0, 0.0},
  };
  check_nums(o, nums, sizeof nums / sizeof nums[0]);
  check_bool(o, "capped", true);
  /* Employed: the last object, 5,400 kr on the wage: gap 105.53 > 0 and
   * not realistic on the future wage: refused in both arms. */
  o = json_array_get(j, 11);
  check_str(o, "activity", "employed");
  check_num(o, "gap", 6000.0 - 830.0 - 0.3 * 16881.579583333333, 1e-6);
  check_bool(o, "realistic_takeover", false);
  check_str(o, "offer_intervention", "refused");
  check_num(o, "pool_share_baseline", 5.0 / 6.0, 1e-9);
  json_decref(j);
}

/* --set reaches the scenario: a cap of 2,100 puts the 5,400 kr flat under
 * the cap, but on the future wage its gap is 105.53 > 0, so it is taken only
 * when a realistic takeover is not required. */
static void test_subsidy_cli__set(void **state) {
  (void)state;
  json_t *j = run_cases(SCENARIO " --rent 5400 --activity none --json"
                                 " --set subsidy.cap=2100.0",
                        1);
  const json_t *o = json_array_get(j, 0);
  check_num(o, "cap", 2100.0, 0.0);
  check_bool(o, "capped", false);
  check_bool(o, "realistic_takeover", false);
  check_str(o, "offer_intervention", "refused");
  json_decref(j);
  j = run_cases(SCENARIO " --rent 5400 --activity none --json"
                         " --set subsidy.cap=2100.0"
                         " --set subsidy.require_realistic_takeover=false",
                1);
  o = json_array_get(j, 0);
  check_str(o, "offer_intervention", "subsidised");
  check_str(o, "offer_baseline", "refused");
  json_decref(j);
}

static void test_subsidy_cli__usage_errors(void **state) {
  (void)state;
  static const struct {
    const char *args;
    int status;
  } cases[] = {
      {SCENARIO " --group nobody", 2},
      {SCENARIO " --activity working", 2},
      {SCENARIO " --rent 39x0", 2},
      {SCENARIO " --rent -5", 2},
      {SCENARIO " --bogus", 2},
      {"", 2},
      {"--help", 0},
      {SCENARIO " --rent 3900", 0},
      /* An option is its whole name: no abbreviations. */
      {SCENARIO " --jso", 2},
      {SCENARIO " --json=yes", 2},
      {SCENARIO " " SCENARIO, 2},
      {SCENARIO " --rent", 2},
      {SCENARIO " --group", 2},
      /* Help wins over every other argument. */
      {SCENARIO " --rent x --help", 0},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    int got = run_status(cases[i].args);
    if (got != cases[i].status) {
      fail_msg("subsidy %s: exit %d, expected %d", cases[i].args, got,
               cases[i].status);
    }
  }
}

/* The scenario may stand anywhere, values may follow "=", and "--" ends the
 * options; the same with POSIXLY_CORRECT set. */
static void test_subsidy_cli__command_line_forms(void **state) {
  (void)state;
  const char *forms[] = {
      SCENARIO " --rent 3900 --activity none --json",
      "--json --rent=3900 " SCENARIO " --activity=none",
      "--rent 3900 --activity none --json -- " SCENARIO,
  };
  for (int posix = 0; posix < 2; posix++) {
    if (posix) {
      setenv("POSIXLY_CORRECT", "1", 1);
    }
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
      json_t *j = run_cases(forms[i], 1);
      check_num(json_array_get(j, 0), "gap", 788.0475, 1e-6);
      json_decref(j);
    }
  }
  unsetenv("POSIXLY_CORRECT");
}

/* The subsidy view computes every group's case the way the engine does: for
 * every group of the network portfolio (each with its own kommuneskat and
 * policy), every rent the view tabulates and every activity, the view's
 * gap, future gap, kommuneskat rate and offer decisions equal those of the
 * compiled model's tables (rent_tab and rent_fgap for a discrete rent). */
static void test_subsidy_cli__view_equals_engine(void **state) {
  (void)state;
  const char *path = "scenarios/network.cfg";
  rb_scenario *sc = ut_load(path, NULL, 0);
  assert_non_null(sc);
  rb_model m;
  assert_int_equal(rb_model_alloc(&m, sc), RB_OK);
  double *v = calloc((size_t)sc->n_params, sizeof *v);
  assert_non_null(v);
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  assert_int_equal(rb_model_compile(&m, v), RB_OK);
  int cases = 0;
  for (int gi = 0; gi < sc->n_groups; gi++) {
    const rb_garm *ga = &m.ga[rb_model_garm_index(&m, gi, RB_ARM_INTERVENTION)];
    char args[512];
    snprintf(args, sizeof args, "%s --group %s --json", path,
             sc->groups[gi].name);
    json_t *j = run_json(args);
    assert_true(json_is_array(j));
    for (size_t k = 0; k < json_array_size(j); k++) {
      const json_t *o = json_array_get(j, k);
      const double rent = json_number_value(json_object_get(o, "rent"));
      const char *act = json_string_value(json_object_get(o, "activity"));
      const int a = rb_enum_lookup(rb_activity_names, RB_A_COUNT, act);
      assert_true(a >= 0);
      rb_flat_case f = ga->flat;
      f.rent = rent;
      double gap = rb_gap(&sc->rules, &ga->terms, &f, &ga->inc[a]);
      double fgap = rb_gap(&sc->rules, &ga->terms, &f, &ga->inc[RB_A_COUNT]);
      for (int i = 0; i < ga->n_rent && ga->rent_dist == RB_RENT_DISCRETE;
           i++) {
        if (ga->rent_val[i] == rent) {
          gap = ga->rent_tab[((size_t)i * RB_A_COUNT + (size_t)a) * RB_RT_N +
                             RB_RT_GAP];
          fgap = ga->rent_fgap[i];
        }
      }
      check_num(o, "kommuneskat_rate", ga->terms.kommuneskat, 0.0);
      check_num(o, "gap", gap, 1e-6); /* JSON keeps 12 digits */
      check_num(o, "future_gap", fgap, 1e-6);
      check_str(
          o, "offer_intervention",
          rb_offer_names[rb_offer_from_gaps(gap, fgap, &ga->terms, true)]);
      check_str(
          o, "offer_baseline",
          rb_offer_names[rb_offer_from_gaps(gap, fgap, &ga->terms, false)]);
      cases++;
    }
    json_decref(j);
  }
  assert_true(cases >= 3 * sc->n_groups);
  free(v);
  rb_model_free(&m);
  rb_scenario_free(sc);
}

/* The two cases the review found: Aarhus' homeless group has its own
 * kommuneskat (24.5 %, not the rules' average 25.05 %), and the
 * clarification group does not require a realistic takeover. */
static void test_subsidy_cli__portfolio_group_terms(void **state) {
  (void)state;
  json_t *j = run_cases("scenarios/network.cfg --group aarhus_homeless "
                        "--rent 5500 --activity employed --json",
                        1);
  const json_t *o = json_array_get(j, 0);
  check_num(o, "kommuneskat_rate", 0.245, 0.0);
  check_num(o, "gap", 164.85, 0.005);
  json_decref(j);
  j = run_cases("scenarios/network.cfg --group aarhus_clarification "
                "--rent 3000 --activity none --json",
                1);
  o = json_array_get(j, 0);
  check_str(o, "offer_intervention", "subsidised");
  json_decref(j);
}

int main(int argc, char **argv) {
  (void)argc;
  /* BUILD/tests/test_subsidy_cli → BUILD/rentbridge */
  snprintf(program, sizeof program, "%s", argv[0]);
  char *slash = strrchr(program, '/');
  if (slash != NULL) {
    *slash = '\0';
    slash = strrchr(program, '/');
  }
  if (slash != NULL) {
    snprintf(slash, sizeof program - (size_t)(slash - program), "/rentbridge");
  } else {
    snprintf(program, sizeof program, "build/rentbridge");
  }
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_subsidy_cli__one_case),
      cmocka_unit_test(test_subsidy_cli__tenants),
      cmocka_unit_test(test_subsidy_cli__table),
      cmocka_unit_test(test_subsidy_cli__set),
      cmocka_unit_test(test_subsidy_cli__usage_errors),
      cmocka_unit_test(test_subsidy_cli__command_line_forms),
      cmocka_unit_test(test_subsidy_cli__view_equals_engine),
      cmocka_unit_test(test_subsidy_cli__portfolio_group_terms),
  };
  return cmocka_run_group_tests_name("subsidy_cli", tests, NULL, NULL);
}
