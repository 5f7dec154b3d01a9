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
  json_t *j = run_json(SCENARIO " --rent 3900 --activity none --json");
  assert_true(json_is_array(j));
  assert_int_equal(json_array_size(j), 1);
  const json_t *o = json_array_get(j, 0);
  check_str(o, "group", "singles");
  check_str(o, "activity", "none");
  check_num(o, "rent", 3900.0, 1e-9);
  check_num(o, "utilities", 600.0, 1e-9);
  check_num(o, "gross_income", 13800.0, 1e-9);
  check_num(o, "bundskat", 13391.15 / 12.0, 1e-6);
  check_num(o, "kommuneskat", 27930.75 / 12.0, 1e-6);
  check_num(o, "net_income", 124278.1 / 12.0, 1e-6);
  check_num(o, "bs_housing_cost_year", 48375.0, 1e-6);
  check_num(o, "bs_support_year", 7256.25, 1e-6);
  check_num(o, "bs_annual", 7256.0, 0.0);
  check_num(o, "housing_benefit", 605.0, 0.0);
  check_num(o, "own_payment", 3106.9525, 1e-6);
  check_num(o, "gap", 788.0475, 1e-6);
  check_num(o, "subsidy", 788.0475, 1e-6);
  check_bool(o, "capped", false);
  check_num(o, "future_gap", -1169.473875, 1e-5);
  check_bool(o, "realistic_takeover", true);
  check_str(o, "offer_intervention", "subsidised");
  check_str(o, "offer_baseline", "refused");
  json_decref(j);
}

/* Without --rent: 4 rents × 3 activities.  On kontanthjælp the 5,400 kr flat
 * has a gap of 6,000 − 830 − 3,106.95 = 2,063.05 > 2,000: refused, so the
 * subsidy opens 5/6 of the offers (weights 1, 2, 2, 1) against none. */
static void test_subsidy_cli__table(void **state) {
  (void)state;
  json_t *j = run_json(SCENARIO " --json");
  assert_true(json_is_array(j));
  assert_int_equal(json_array_size(j), 12);
  const json_t *o = json_array_get(j, 3);
  check_str(o, "activity", "none");
  check_num(o, "rent", 5400.0, 1e-9);
  check_num(o, "weight", 1.0 / 6.0, 1e-9);
  check_num(o, "gap", 2063.0475, 1e-6);
  check_num(o, "subsidy", 2000.0, 0.0);
  check_bool(o, "capped", true);
  check_num(o, "pool_share_intervention", 5.0 / 6.0, 1e-9);
  check_num(o, "pool_share_baseline", 0.0, 0.0);
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
  json_t *j = run_json(SCENARIO " --rent 5400 --activity none --json"
                                " --set subsidy.cap=2100.0");
  const json_t *o = json_array_get(j, 0);
  check_num(o, "cap", 2100.0, 0.0);
  check_bool(o, "capped", false);
  check_bool(o, "realistic_takeover", false);
  check_str(o, "offer_intervention", "refused");
  json_decref(j);
  j = run_json(SCENARIO " --rent 5400 --activity none --json"
                        " --set subsidy.cap=2100.0"
                        " --set subsidy.require_realistic_takeover=false");
  o = json_array_get(j, 0);
  check_str(o, "offer_intervention", "subsidised");
  check_str(o, "offer_baseline", "refused");
  json_decref(j);
}

static void test_subsidy_cli__usage_errors(void **state) {
  (void)state;
  assert_int_equal(run_status(SCENARIO " --group nobody"), 2);
  assert_int_equal(run_status(SCENARIO " --activity working"), 2);
  assert_int_equal(run_status(SCENARIO " --rent 39x0"), 2);
  assert_int_equal(run_status(SCENARIO " --rent -5"), 2);
  assert_int_equal(run_status(SCENARIO " --bogus"), 2);
  assert_int_equal(run_status(""), 2);
  assert_int_equal(run_status("--help"), 0);
  assert_int_equal(run_status(SCENARIO " --rent 3900"), 0);
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
      cmocka_unit_test(test_subsidy_cli__table),
      cmocka_unit_test(test_subsidy_cli__set),
      cmocka_unit_test(test_subsidy_cli__usage_errors),
  };
  return cmocka_run_group_tests_name("subsidy_cli", tests, NULL, NULL);
}
