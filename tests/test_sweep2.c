/* A sweep of two keys (issue 15, rb_sweep2): a grid of full runs with the
 * scenario's seed; at the scenario's own values a cell is `run`; the best
 * cell is the grid's largest mean saving; the command writes its folder. */
#include "rentbridge/decision.h"
#include "rentbridge/engine.h"
#include "util.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define EXAMPLE "scenarios/example.cfg"

static rb_status grid(rb_sweep2 *out, double c0, double c1, double c2,
                      double p0, double p1, double p2, int threads) {
  rb_sweep_opts o = {0};
  const char *sets[] = {"scenario.replications=40"};
  o.sets = sets;
  o.n_sets = 1;
  o.threads = threads;
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *base = NULL;
  rb_status st = rb_sweep2_run(out, &base, EXAMPLE, "subsidy.cap", c0, c1, c2,
                               "subsidy.period_months", p0, p1, p2, &o, &d);
  for (size_t i = 0; i < d.n; i++) {
    fprintf(stderr, "%s\n", d.msgs[i]);
  }
  rb_diag_free(&d);
  rb_scenario_free(base);
  return st;
}

static void test_sweep2__one_cell_equals_run(void **state) {
  (void)state;
  const char *sets[] = {"scenario.replications=40"};
  rb_scenario *sc = ut_load(EXAMPLE, sets, 1);
  assert_non_null(sc);
  rb_results r;
  assert_int_equal(ut_run(&r, sc, 2), 0);
  rb_sweep2 s;
  /* The scenario's cap (2000) and period (24), on another thread count. */
  assert_int_equal(grid(&s, 2000, 2000, 100, 24, 24, 1, 3), RB_OK);
  assert_int_equal(s.n2, 1);
  assert_int_equal(s.rows[0].n, 1);
  assert_true(s.integer_key2);
  for (int p = 0; p < RB_P_COUNT; p++) {
    assert_memory_equal(&s.rows[0].points[0].saving[p],
                        &r.all.persp[RB_DISC][p].saving, sizeof(rb_stats));
    assert_int_equal(s.best_i[p], 0);
    assert_int_equal(s.best_j[p], 0);
  }
  rb_sweep2_free(&s);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

static void test_sweep2__grid_and_best_cell(void **state) {
  (void)state;
  rb_sweep2 s;
  assert_int_equal(grid(&s, 1000, 3000, 1000, 12, 36, 12, 2), RB_OK);
  assert_int_equal(s.n2, 3);
  assert_true(s.values2[2] == 36.0);
  for (int p = 0; p < RB_P_COUNT; p++) {
    const double best = s.rows[s.best_j[p]].points[s.best_i[p]].saving[p].mean;
    for (int j = 0; j < s.n2; j++) {
      assert_int_equal(s.rows[j].n, 3);
      for (int i = 0; i < s.rows[j].n; i++) {
        assert_true(s.rows[j].points[i].saving[p].mean <= best);
      }
    }
  }
  /* Each row is the one-key sweep with the second key set. */
  assert_true(s.rows[1].points[0].value == 1000.0);
  rb_sweep2_free(&s);
  /* Too many cells, bad bounds: usage errors. */
  assert_int_equal(grid(&s, 1, 10000, 1, 1, 24, 1, 1), RB_EUSAGE);
  rb_sweep2_free(&s);
  assert_int_equal(grid(&s, 1000, 2000, 1000, 12, 6, 1, 1), RB_EUSAGE);
  rb_sweep2_free(&s);
}

static void test_sweep2__command_writes_its_folder(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("sweep2");
  char sub[600];
  ut_cli_out(sub, sizeof sub,
             "sweep " EXAMPLE " --param subsidy.cap --from 1000 --to 2000 "
             "--step 1000 --param2 subsidy.period_months --from2 12 --to2 24 "
             "--step2 12 --replications 20",
             dir, "g");
  char *csv = ut_read_in(sub, "sweep2.csv");
  /* A header and 2 × 2 cells × 3 perspectives. */
  assert_int_equal(ut_count(csv, "\n"), 1 + 12);
  free(csv);
  char *html = ut_read_in(sub, "report.html");
  assert_int_equal(ut_count(html, "<table class=\"heat\">"), RB_P_COUNT);
  free(html);
  ut_xlsx_has(sub, "xl/workbook.xml", "societal");
  assert_true(ut_file_exists(sub, "summary.txt"));
  assert_true(ut_file_exists(sub, "manifest.json"));
  /* --param2 without its bounds: a usage error. */
  char cmd[1024];
  int status = 0;
  snprintf(cmd, sizeof cmd,
           "%s sweep " EXAMPLE " --param subsidy.cap --from 1000 --to 2000 "
           "--step 1000 --param2 subsidy.period_months --quiet --out %s/h "
           "2>/dev/null",
           ut_bin(), dir);
  free(ut_run_cmd(cmd, &status));
  assert_true(WIFEXITED(status));
  assert_int_equal(WEXITSTATUS(status), 2);
  ut_rm_tree(dir);
  free(dir);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_sweep2__one_cell_equals_run),
      cmocka_unit_test(test_sweep2__grid_and_best_cell),
      cmocka_unit_test(test_sweep2__command_writes_its_folder),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
