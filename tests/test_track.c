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
    counts c = {H, calloc((size_t)H * RB_H_COUNT, sizeof(double)), 0,
                -1,  -1,
                -1,  true};
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
           "%s simulate-pilot " SCENARIO " --out %s/a.csv && %s simulate-pilot "
           SCENARIO " > %s/b.csv && cmp %s/a.csv %s/b.csv",
           ut_bin(), dir, ut_bin(), dir, dir, dir);
  free(ut_run_cmd(cmd, &status));
  assert_int_equal(status, 0);
  char path[1024];
  snprintf(path, sizeof path, "%s/a.csv", dir);
  char *text = ut_slurp(path);
  assert_non_null(text);
  assert_true(strncmp(text, RB_TRACK_HEADER "\n", strlen(RB_TRACK_HEADER) + 1) ==
              0);
  free(text);
  snprintf(cmd, sizeof cmd,
           "%s simulate-pilot " SCENARIO " --replication 0 >/dev/null 2>&1",
           ut_bin());
  free(ut_run_cmd(cmd, &status));
  assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 2);
  ut_rm_tree(dir);
  free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_track__trace_is_the_run),
      cmocka_unit_test(test_track__simulate_pilot),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
