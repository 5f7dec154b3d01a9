/* Tracking a pilot (track.h, trace.h; docs/tracking.md): the engine's trace
 * of one replication against the run's own counts, the synthetic pilot's
 * file, the observed-data loader's messages, the updated rates. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sys/wait.h>

#include "rentbridge/engine.h"
#include "rentbridge/trace.h"
#include "rentbridge/track.h"
#include "util.h"

#define SCENARIO "tests/data/ok/example.cfg"

/* Live citizens per month and housing state, counted from the trace. */
typedef struct counts {
  int H;
  double *n; /* [t][RB_H_COUNT] */
  int rows;
  int last_citizen, last_group, last_month;
  bool ordered;
} counts;

static void count_row(void *ctx, const rb_trace_month *m) {
  counts *c = ctx;
  c->n[(size_t)m->month * RB_H_COUNT + (size_t)m->housing] += 1.0;
  c->rows++;
  bool same = m->group == c->last_group && m->citizen == c->last_citizen;
  if (same && m->month != c->last_month + 1) {
    c->ordered = false;
  }
  if (!same && m->month != m->entry) {
    c->ordered = false;
  }
  c->last_group = m->group;
  c->last_citizen = m->citizen;
  c->last_month = m->month;
}

/* The trace of replication 0 is the replication rb_engine_run computes:
 * with one replication, its live citizens per month and state are the
 * run's monthly_housing exactly, in both modes. */
static void test_track__trace_is_the_run(void **state) {
  (void)state;
  for (int psa = 0; psa < 2; psa++) {
    const char *sets[] = {"scenario.replications=1",
                          psa ? "scenario.mode=\"psa\""
                              : "scenario.mode=\"stochastic\""};
    rb_scenario *sc = ut_load(SCENARIO, sets, 2);
    assert_non_null(sc);
    rb_results r;
    assert_int_equal(ut_run(&r, sc, 1), 0);
    int H = sc->info.horizon_months;
    counts c = {
        H, calloc((size_t)H * RB_H_COUNT, sizeof(double)), 0, -1, -1, -1, true};
    assert_int_equal(rb_engine_trace(sc, sc->info.seed, 0, RB_ARM_INTERVENTION,
                                     count_row, &c, NULL),
                     RB_OK);
    assert_true(c.ordered);
    assert_true(c.rows > 0);
    for (int t = 0; t < H; t++) {
      for (int h = 0; h < RB_H_EXITED; h++) {
        assert_true(c.n[(size_t)t * RB_H_COUNT + (size_t)h] ==
                    rb_res_monthly_housing(&r, RB_ARM_INTERVENTION, t, h));
      }
    }
    free(c.n);
    rb_results_free(&r);
    rb_scenario_free(sc);
  }
}

/* simulate-pilot writes the documented header and one row per citizen and
 * month; the same seed gives the same file; a bad option is a usage error. */
static void test_track__simulate_pilot(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("pilot");
  assert_non_null(dir);
  char cmd[2048];
  int status = -1;
  snprintf(cmd, sizeof cmd,
           "%s simulate-pilot " SCENARIO
           " --out %s/a.csv && %s simulate-pilot " SCENARIO
           " > %s/b.csv && cmp %s/a.csv %s/b.csv",
           ut_bin(), dir, ut_bin(), dir, dir, dir);
  free(ut_run_cmd(cmd, &status));
  assert_int_equal(status, 0);
  char path[1024];
  snprintf(path, sizeof path, "%s/a.csv", dir);
  char *text = ut_slurp(path);
  assert_non_null(text);
  assert_true(
      strncmp(text, RB_TRACK_HEADER "\n", strlen(RB_TRACK_HEADER) + 1) == 0);
  free(text);
  snprintf(cmd, sizeof cmd,
           "%s simulate-pilot " SCENARIO " --replication 0 >/dev/null 2>&1",
           ut_bin());
  free(ut_run_cmd(cmd, &status));
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
  ut_rm_tree(dir);
  free(dir);
}

/* A synthetic pilot file of scenario @p sc, seed @p seed. */
static char *pilot_file(const rb_scenario *sc, uint64_t seed, const char *dir,
                        const char *name) {
  char *path = malloc(1024);
  snprintf(path, 1024, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  assert_int_equal(rb_track_simulate_pilot(f, sc, seed, 0, NULL), RB_OK);
  assert_int_equal(fclose(f), 0);
  return path;
}

/* Tracking recovers known rates: 20 synthetic pilots (seeds 1-20) of the
 * example scenario with 400 citizens, tracked with a scenario whose values
 * are wrong (offers 0.2 for 0.3, housed_ordinary -> placed 0.012 for 0.006,
 * homeless -> placed 0.08 for 0.15, job entry while housed 0.004 for 0.008;
 * plain values, so a weak prior): every rate's 95 % posterior interval holds
 * the true value in at least 18 of the 20 pilots (90 %).  The move-in rate
 * is offers times the accepted share, taken from a forecast of 200
 * replications. */
static void test_track__recovers_known_rates(void **state) {
  (void)state;
  const char *truth_sets[] = {"groups.[0].size=400",
                              "scenario.mode=\"stochastic\""};
  const char *prior_sets[] = {
      "groups.[0].size=400",
      "scenario.mode=\"stochastic\"",
      "groups.[0].flats.offers_per_month=0.2",
      "groups.[0].transitions.housed_ordinary.placed=0.012",
      "groups.[0].transitions.homeless.placed=0.08",
      "groups.[0].transitions.activity.housed.none_to_employed=0.004",
      "scenario.replications=200"};
  rb_scenario *truth = ut_load(SCENARIO, truth_sets, 2);
  rb_scenario *prior = ut_load(SCENARIO, prior_sets, 7);
  assert_non_null(truth);
  assert_non_null(prior);
  rb_results fc;
  assert_int_equal(ut_run(&fc, prior, 2), 0);
  double share =
      fc.groups[0].outcomes[RB_ARM_INTERVENTION].offers_accepted_share;
  assert_true(share > 0.0 && share <= 1.0);
  char *dir = ut_mkdtemp("track-rates");
  enum { SEEDS = 20, MAXR = 32 };
  int covered[MAXR] = {0}, n_rates = -1;
  for (int seed = 1; seed <= SEEDS; seed++) {
    char *path = pilot_file(truth, (uint64_t)seed, dir, "pilot.csv");
    rb_observed o;
    rb_diag d;
    rb_diag_init(&d);
    assert_int_equal(rb_observed_load(&o, path, prior, &d), RB_OK);
    rb_track_rate_list rl;
    assert_int_equal(rb_track_rates(&rl, prior, &o, o.last_month, &share),
                     RB_OK);
    assert_true(rl.n >= 10 && rl.n <= MAXR);
    n_rates = rl.n;
    for (int k = 0; k < rl.n; k++) {
      const rb_track_rate *r = &rl.rates[k];
      double want = truth->params[r->param].value;
      assert_string_equal(truth->params[r->param].key,
                          prior->params[r->param].key);
      covered[k] += r->cal_low <= want && want <= r->cal_high;
      if (getenv("RB_DEBUG"))
        fprintf(stderr, "%d %s exp %g ev %g want %g [%g %g]\n", k,
                truth->params[r->param].key, r->exposure, r->events, want,
                r->cal_low, r->cal_high);
    }
    rb_track_rates_free(&rl);
    rb_observed_free(&o);
    rb_diag_free(&d);
    free(path);
  }
  for (int k = 0; k < n_rates; k++) {
    if (covered[k] < 18 || getenv("RB_DEBUG") != NULL) {
      fprintf(stderr, "rate %d covered in %d of %d\n", k, covered[k], SEEDS);
    }
    assert_true(covered[k] >= 18);
  }
  ut_rm_tree(dir);
  free(dir);
  rb_results_free(&fc);
  rb_scenario_free(truth);
  rb_scenario_free(prior);
}

/* A bad observed file: every problem as FILE:LINE: column: message, exit
 * status 3, and no results folder. */
static void test_track__bad_observed_file(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("track-bad");
  assert_non_null(dir);
  char path[1024], cmd[4096];
  snprintf(path, sizeof path, "%s/obs.csv", dir);
  ut_put_file(path,
              RB_TRACK_HEADER
              "\n"
              "a-1,homeless_ready,2027-01,placed,none,6,,0\n"
              "a-1,nobody,2027-02,placed,none,7,,0\n"
              "a-2,homeless_ready,2027-13,placed,none,0,,0\n"
              "a-3,homeless_ready,2027-01,housed,none,0,,0\n"
              "a-4,homeless_ready,2027-01,housed_ordinary,idle,x,,5\n"
              "a-5,homeless_ready,2027-01,placed,none,0,3000,0\n"
              "a-6,homeless_ready,2027-01,placed,none,0,,0,extra\n"
              "a-7,homeless_ready,2027-01,placed,none,0,,0\n"
              "a-7,homeless_ready,2027-03,placed,none,2,,0\n"
              "a-1,homeless_ready,2027-02,placed,none,7,,0\n",
              false);
  int status = -1;
  snprintf(cmd, sizeof cmd,
           "%s track " SCENARIO " --observed %s --out %s/out --quiet "
           "--replications 5 2>&1",
           ut_bin(), path, dir);
  char *err = ut_run_cmd(cmd, &status);
  assert_non_null(err);
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 3);
  const char *want[] = {
      ":3: group: not a group of the scenario (got \"nobody\")",
      ":4: month: must be YYYY-MM (got \"2027-13\")",
      ":5: housing: expected one of placed,",
      ":6: activity: expected one of none, education, employed (got "
      "\"idle\")",
      ":6: months_in_state: must be a whole number 0-1200 (got \"x\")",
      ":6: rent: must be a number > 0 when housed (got \"\")",
      ":6: subsidy: must be 0 unless housed_subsidised (got \"5\")",
      ":7: rent: must be empty when not housed (got \"3000\")",
      ":8: expected 8 columns (got \"9\")",
      ":10: month: must be the month after the citizen's row before",
      ":11: citizen: the rows of a citizen must be together (got \"a-1\")"};
  for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
    if (strstr(err, want[k]) == NULL) {
      fprintf(stderr, "missing: %s\nin:\n%s\n", want[k], err);
    }
    assert_non_null(strstr(err, want[k]));
  }
  free(err);
  assert_false(ut_file_exists(dir, "out"));
  ut_rm_tree(dir);
  free(dir);
}

/* A whole tracking run: the folder's files, and calibrated.cfg runs. */
static void test_track__folder_and_calibrated(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("track-run");
  assert_non_null(dir);
  char cmd[4096];
  int status = -1;
  snprintf(cmd, sizeof cmd,
           "%s simulate-pilot " SCENARIO
           " --out %s/pilot.csv && %s track " SCENARIO
           " --observed %s/pilot.csv --as-of 2028-12 --out %s/t "
           "--replications 20 --quiet && %s run %s/t/calibrated.cfg "
           "--replications 5 --out %s/c --quiet",
           ut_bin(), dir, ut_bin(), dir, dir, ut_bin(), dir, dir);
  free(ut_run_cmd(cmd, &status));
  assert_int_equal(status, 0);
  char sub[1024];
  snprintf(sub, sizeof sub, "%s/t", dir);
  const char *files[] = {
      "rates.csv",     "observed.csv",  "calibrated.cfg",      "report.html",
      "workbook.xlsx", "manifest.json", "charts/fan_housed.gp"};
  for (size_t k = 0; k < sizeof files / sizeof files[0]; k++) {
    assert_true(ut_file_exists(sub, files[k]));
  }
  ut_file_has(sub, "observed.csv", "\n2028-12,");
  ut_file_has(sub, "rates.csv", "groups.[0].flats.offers_per_month");
  ut_file_has(sub, "calibrated.cfg", "rentbridge track: ");
  ut_xlsx_has(sub, "xl/workbook.xml", "<sheet name=\"Observed\"");
  ut_rm_tree(dir);
  free(dir);
}

/* Re-forecasting at month 0 is the plain forecast, number for number (no
 * citizen has entered before month 0); from month 24 with the pilot's own
 * states (the pilot is replication 1 of the same seed), a one-replication
 * re-forecast is that replication again: every citizen continues from the
 * state it had, so the months per state are the same; with the states of
 * another seed's pilot, they differ. */
static void test_track__reforecast(void **state) {
  (void)state;
  const char *sets[] = {"scenario.replications=1",
                        "scenario.mode=\"stochastic\""};
  rb_scenario *sc = ut_load(SCENARIO, sets, 2);
  assert_non_null(sc);
  char *dir = ut_mkdtemp("track-from");
  char *path = pilot_file(sc, sc->info.seed, dir, "pilot.csv");
  rb_observed o;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_observed_load(&o, path, sc, &d), RB_OK);
  rb_run_opts ro = {0};
  ro.threads = 1;
  rb_results plain, from0, from24;
  assert_int_equal(rb_engine_run(&plain, sc, &ro), RB_OK);
  rb_start_state *st = NULL;
  int n = -1;
  assert_int_equal(rb_track_start_states(&st, &n, sc, &o, 0), RB_OK);
  assert_int_equal(n, 0);
  assert_int_equal(rb_engine_run_from(&from0, sc, &ro, 0, st, n), RB_OK);
  free(st);
  for (int p = 0; p < RB_P_COUNT; p++) {
    assert_memory_equal(&plain.all.persp[0][p], &from0.all.persp[0][p],
                        sizeof plain.all.persp[0][p]);
  }
  assert_int_equal(rb_track_start_states(&st, &n, sc, &o, 24), RB_OK);
  assert_true(n > 10);
  assert_int_equal(rb_engine_run_from(&from24, sc, &ro, 24, st, n), RB_OK);
  free(st);
  for (int t = 0; t < sc->info.horizon_months; t++) {
    for (int h = 0; h < RB_MONTHLY_STATES; h++) {
      assert_true(rb_res_monthly_housing(&plain, RB_ARM_INTERVENTION, t, h) ==
                  rb_res_monthly_housing(&from24, RB_ARM_INTERVENTION, t, h));
    }
  }
  rb_results_free(&from24);
  /* Another pilot's states move the forecast after month 24 only. */
  char *other = pilot_file(sc, sc->info.seed + 1, dir, "other.csv");
  rb_observed o2;
  assert_int_equal(rb_observed_load(&o2, other, sc, &d), RB_OK);
  assert_int_equal(rb_track_start_states(&st, &n, sc, &o2, 24), RB_OK);
  assert_int_equal(rb_engine_run_from(&from24, sc, &ro, 24, st, n), RB_OK);
  free(st);
  int differ = 0;
  for (int t = 0; t < sc->info.horizon_months; t++) {
    for (int h = 0; h < RB_MONTHLY_STATES; h++) {
      bool same = rb_res_monthly_housing(&plain, RB_ARM_INTERVENTION, t, h) ==
                  rb_res_monthly_housing(&from24, RB_ARM_INTERVENTION, t, h);
      assert_true(t < 24 ? same : true);
      differ += !same;
    }
  }
  assert_true(differ > 0);
  /* A state out of range is refused. */
  rb_results_free(&from0);
  rb_start_state bad = {0, 0, 30, RB_H_PLACED, RB_A_NONE, 0, 0.0};
  assert_int_equal(rb_engine_run_from(&from0, sc, &ro, 24, &bad, 1),
                   RB_EINVALID);
  rb_results_free(&plain);
  rb_results_free(&from0);
  rb_results_free(&from24);
  rb_observed_free(&o);
  rb_observed_free(&o2);
  rb_diag_free(&d);
  free(path);
  free(other);
  ut_rm_tree(dir);
  free(dir);
  rb_scenario_free(sc);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_track__trace_is_the_run),
      cmocka_unit_test(test_track__simulate_pilot),
      cmocka_unit_test(test_track__recovers_known_rates),
      cmocka_unit_test(test_track__bad_observed_file),
      cmocka_unit_test(test_track__folder_and_calibrated),
      cmocka_unit_test(test_track__reforecast),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
