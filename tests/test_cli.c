/* The command-line program: exit statuses, help, the results folder's
 * life cycle (kept, replaced, never damaged), and that a results folder's
 * scenario.cfg reruns to the same numbers. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>
#include <gsl/gsl_errno.h>

#include "util.h"

static char tmpdir[256];

static const char *bin(void) {
  const char *b = getenv("RB_BIN");
  return b != NULL ? b : "build/rentbridge";
}

/* Run "rentbridge ARGS" with output to files; return the exit status. */
static int rb(const char *args) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "%s %s >%s/out.txt 2>%s/err.txt", bin(), args,
           tmpdir, tmpdir);
  int rc = system(cmd);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static char *tmp_file(const char *name) {
  static char path[512];
  snprintf(path, sizeof path, "%s/%s", tmpdir, name);
  return path;
}

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/rentbridge-cli-XXXXXX");
  return mkdtemp(tmpdir) != NULL ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  char cmd[512];
  snprintf(cmd, sizeof cmd, "rm -rf %s", tmpdir);
  return system(cmd) == 0 ? 0 : -1;
}

static void test_cli__help_and_version(void **state) {
  (void)state;
  assert_int_equal(rb("--version"), 0);
  char *out = ut_slurp(tmp_file("out.txt"));
  assert_non_null(strstr(out, "rentbridge "));
  free(out);
  assert_int_equal(rb("--help"), 0);
  const char *cmds[] = {"run", "check", "subsidy", "sweep", "tornado"};
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
    char a[64];
    snprintf(a, sizeof a, "%s --help", cmds[i]);
    assert_int_equal(rb(a), 0);
    out = ut_slurp(tmp_file("out.txt"));
    assert_non_null(strstr(out, "usage: rentbridge"));
    free(out);
  }
}

static void test_cli__usage_errors(void **state) {
  (void)state;
  assert_int_equal(rb(""), 2);
  assert_int_equal(rb("frobnicate"), 2);
  assert_int_equal(rb("run"), 2);
  assert_int_equal(rb("run scenarios/example.cfg --replications 0"), 2);
  assert_int_equal(rb("run scenarios/example.cfg --replications 1000001"), 2);
  assert_int_equal(rb("run scenarios/example.cfg --threads 1025"), 2);
  assert_int_equal(rb("run scenarios/example.cfg --threads x"), 2);
  assert_int_equal(rb("run scenarios/example.cfg --seed -1"), 2);
  assert_int_equal(rb("run scenarios/example.cfg --seed 9223372036854775808"),
                   2);
  assert_int_equal(rb("run scenarios/example.cfg --bogus"), 2);
}

/* getopt_long's forms: "--name=VALUE", options before the scenario, "--"
 * before it; whole names only; a missing value or a second scenario is a
 * usage error; help wins in check wherever it stands. */
static void test_cli__command_line_forms(void **state) {
  (void)state;
  assert_int_equal(rb("check --set=subsidy.cap=-5 scenarios/example.cfg"), 3);
  assert_int_equal(rb("check -- scenarios/example.cfg"), 0);
  assert_int_equal(rb("check scenarios/example.cfg --set"), 2);
  assert_int_equal(rb("check scenarios/example.cfg scenarios/bench.cfg"), 2);
  assert_int_equal(rb("check scenarios/example.cfg --se x=1"), 2);
  assert_int_equal(rb("check --bogus --help"), 0);
  assert_int_equal(rb("run scenarios/example.cfg --rep 5"), 2);
  assert_int_equal(rb("run scenarios/example.cfg -"), 2);
  assert_int_equal(rb("run scenarios/example.cfg --replications"), 2);
  char *err = ut_slurp(tmp_file("err.txt"));
  assert_non_null(strstr(err, "(got nothing)"));
  free(err);
  assert_int_equal(rb("run scenarios/example.cfg --out"), 2);
  assert_int_equal(rb("sweep scenarios/example.cfg --param subsidy.cap "
                      "--from 0 --to 1 --step"),
                   2);
  char args[1024];
  snprintf(args, sizeof args,
           "run --quiet --replications=5 --out=%s/forms -- "
           "scenarios/example.cfg",
           tmpdir);
  assert_int_equal(rb(args), 0);
  snprintf(args, sizeof args, "%s/forms/summary.json", tmpdir);
  char *summary = ut_slurp(args);
  assert_non_null(summary);
  assert_non_null(strstr(summary, "\"replications\": 5"));
  free(summary);
}

static void test_cli__unreadable_and_invalid(void **state) {
  (void)state;
  assert_int_equal(rb("check /nonexistent/scenario.cfg"), 4);
  assert_int_equal(rb("run /nonexistent/scenario.cfg --quiet"), 4);
  assert_int_equal(rb("check scenarios/example.cfg --set subsidy.cap=-5"), 3);
  char *err = ut_slurp(tmp_file("err.txt"));
  assert_non_null(strstr(err, "subsidy.cap"));
  free(err);
  assert_int_equal(rb("check scenarios/example.cfg"), 0);
  char *out = ut_slurp(tmp_file("out.txt"));
  assert_string_equal(out, "");
  free(out);
}

static void test_cli__results_folder_life_cycle(void **state) {
  (void)state;
  char args[1024], p1[600], p2[600];
  const char *dir = tmp_file("res");
  char d[512];
  snprintf(d, sizeof d, "%s", dir);
  snprintf(args, sizeof args,
           "run scenarios/example.cfg --replications 20 --out %s --quiet", d);
  assert_int_equal(rb(args), 0);
  const char *files[] = {"summary.json",   "summary.csv",  "items.csv",
                         "yearly.csv",     "monthly.csv",  "outcomes.csv",
                         "parameters.csv", "scenario.cfg", "rules.cfg",
                         "manifest.json"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    struct stat sb;
    snprintf(p1, sizeof p1, "%s/%s", d, files[i]);
    if (stat(p1, &sb) != 0) {
      fail_msg("missing %s", p1);
    }
  }
  snprintf(p1, sizeof p1, "%s/summary.json", d);
  char *first = ut_slurp(p1);
  /* A second run keeps the first as <dir>.1. */
  snprintf(
      args, sizeof args,
      "run scenarios/example.cfg --replications 20 --seed 5 --out %s --quiet",
      d);
  assert_int_equal(rb(args), 0);
  snprintf(p2, sizeof p2, "%s.1/summary.json", d);
  char *kept = ut_slurp(p2);
  assert_non_null(kept);
  assert_string_equal(first, kept);
  /* An invalid scenario writes nothing and damages nothing. */
  char *before = ut_slurp(p1);
  snprintf(args, sizeof args,
           "run scenarios/example.cfg --set subsidy.cap=-1 --out %s --quiet",
           d);
  assert_int_equal(rb(args), 3);
  char *after = ut_slurp(p1);
  assert_string_equal(before, after);
  snprintf(p2, sizeof p2, "%s.2", d);
  struct stat sb;
  assert_int_not_equal(stat(p2, &sb), 0);
  /* --force replaces without keeping. */
  snprintf(
      args, sizeof args,
      "run scenarios/example.cfg --replications 20 --out %s --quiet --force",
      d);
  assert_int_equal(rb(args), 0);
  assert_int_not_equal(stat(p2, &sb), 0);
  char *forced = ut_slurp(p1);
  assert_string_equal(forced, first);
  free(first);
  free(kept);
  free(before);
  free(after);
  free(forced);
}

static void test_cli__resolved_scenario_reruns(void **state) {
  (void)state;
  /* scenario.cfg of a results folder (with --set and --seed applied) runs
   * again to byte-identical numbers. */
  char args[1024], a[600], b[600];
  snprintf(args, sizeof args,
           "run " UT_BENCH " --replications 30 --seed 99 "
           "--set subsidy.cap=2500 --out %s/r1 --quiet",
           tmpdir);
  assert_int_equal(rb(args), 0);
  snprintf(args, sizeof args, "run %s/r1/scenario.cfg --out %s/r2 --quiet",
           tmpdir, tmpdir);
  assert_int_equal(rb(args), 0);
  const char *files[] = {"summary.json",   "summary.csv", "items.csv",
                         "yearly.csv",     "monthly.csv", "outcomes.csv",
                         "parameters.csv", "scenario.cfg"};
  for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
    snprintf(a, sizeof a, "%s/r1/%s", tmpdir, files[i]);
    snprintf(b, sizeof b, "%s/r2/%s", tmpdir, files[i]);
    char *x = ut_slurp(a), *y = ut_slurp(b);
    assert_non_null(x);
    assert_non_null(y);
    if (strcmp(files[i], "parameters.csv") != 0 && strcmp(x, y) != 0) {
      fail_msg("%s differs on rerun", files[i]);
    }
    free(x);
    free(y);
  }
  /* summary.json: the contract's keys. */
  snprintf(a, sizeof a, "%s/r1/summary.json", tmpdir);
  json_error_t e;
  json_t *j = json_load_file(a, 0, &e);
  assert_non_null(j);
  assert_int_equal(json_integer_value(json_object_get(j, "seed")), 99);
  assert_int_equal(json_integer_value(json_object_get(j, "replications")), 30);
  assert_int_equal(json_integer_value(json_object_get(j, "cohort_size")), 100);
  json_t *s = json_object_get(
      json_object_get(json_object_get(j, "perspectives"), "public"), "saving");
  assert_non_null(json_object_get(s, "mcse"));
  assert_non_null(json_object_get(s, "prob_positive"));
  assert_non_null(
      json_object_get(json_object_get(j, "groups"), "homeless_ready"));
  json_decref(j);
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static bool exists(const char *path) {
  struct stat sb;
  return lstat(path, &sb) == 0;
}

static void want_err(const char *text) {
  char *err = ut_slurp(tmp_file("err.txt"));
  assert_non_null(err);
  if (strstr(err, text) == NULL) {
    fail_msg("stderr lacks \"%s\":\n%s", text, err);
  }
  free(err);
}

static void test_cli__hanging_gnuplot_is_stopped(void **state) {
  (void)state;
  /* A gnuplot that never finishes is stopped at the time limit, which is
   * one for all the charts of a run: a psa run (3 histograms and the
   * report's 7 charts) waits 2 s, not 10 × 2 s.  The run still succeeds
   * and its report says why the charts are missing. */
  char args[1024], p[600];
  snprintf(args, sizeof args,
           "run tests/data/decision/psa.cfg --replications 20 --out %s/hang "
           "--quiet",
           tmpdir);
  char cmd[2048];
  snprintf(cmd, sizeof cmd,
           "RB_GNUPLOT=\"$PWD/tests/data/report/hanging-gnuplot.sh\" "
           "RB_GNUPLOT_TIMEOUT=2 %s %s >%s/out.txt 2>%s/err.txt",
           bin(), args, tmpdir, tmpdir);
  double t0 = now_s();
  int rc = system(cmd);
  double took = now_s() - t0;
  assert_true(WIFEXITED(rc) && WEXITSTATUS(rc) == 0);
  if (took > 6.0) {
    fail_msg("the run waited %.1f s for a hanging gnuplot (limit 2 s)", took);
  }
  snprintf(p, sizeof p, "%s/hang/report.html", tmpdir);
  char *html = ut_slurp(p);
  assert_non_null(html);
  assert_non_null(strstr(html, "gnuplot was stopped: the time limit of 2 s "
                               "for all the charts (RB_GNUPLOT_TIMEOUT)"));
  free(html);
  want_err("gnuplot was stopped: the time limit of 2 s for all the charts");
  /* No SVG is left half written. */
  snprintf(p, sizeof p, "%s/hang/charts/psa_saving_kommune.svg", tmpdir);
  assert_false(exists(p));
}

int main(void) {
  gsl_set_error_handler_off(); /* GSL errors are returned, never abort */
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_cli__help_and_version),
      cmocka_unit_test(test_cli__usage_errors),
      cmocka_unit_test(test_cli__command_line_forms),
      cmocka_unit_test(test_cli__unreadable_and_invalid),
      cmocka_unit_test(test_cli__results_folder_life_cycle),
      cmocka_unit_test(test_cli__resolved_scenario_reruns),
      cmocka_unit_test(test_cli__hanging_gnuplot_is_stopped),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
