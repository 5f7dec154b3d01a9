/* The views of a portfolio (issue 15, docs/portfolio.md): per kommune and
 * per target group, from the same replications as the whole cohort, so
 * that the parts add up to the whole; a one-kommune portfolio's kommune is
 * the whole cohort; a scenario without the keys has no views. */
#include "output/budget_lines.h"
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
static void views_add_up(const rb_results *r, const rb_group_result *v, int n) {
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
  assert_memory_equal(
      a->month_cost, b->month_cost,
      rb_month_cost_index(r->horizon, r->n_arms, RB_DISC_COUNT, 0, 0, 0) *
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

/* The citizens with a subsidy in the year: each counted once a year, so
 * per kommune, arm and year c ≤ months ≤ 12 c and c ≤ the kommune's
 * citizens; a subsidy lasts many months, so in a whole year months > 2 c
 * (a count per month would give c = months). */
static void subsidised_citizens_bounded(const rb_scenario *sc,
                                        const rb_results *r) {
  assert_non_null(r->kommune_sub_citizens);
  for (int k = 0; k < r->n_kommuner; k++) {
    int size = 0;
    for (int gi = 0; gi < sc->n_groups; gi++) {
      size += sc->groups[gi].kommune == k ? sc->groups[gi].size : 0;
    }
    for (int a = 0; a < r->n_arms; a++) {
      for (int y = 0; y < r->n_years; y++) {
        const size_t i = rb_kommune_sub_index(r->n_arms, r->n_years, k, a, y);
        const double c = r->kommune_sub_citizens[i];
        const double m = r->kommune_sub_months[i];
        assert_true(c >= 0.0 && c <= m + 1e-9 && m <= 12.0 * c + 1e-9);
        assert_true(c <= (double)size + 1e-9);
      }
    }
    const size_t i1 = rb_kommune_sub_index(r->n_arms, r->n_years, k, 0, 1);
    assert_true(r->kommune_sub_citizens[i1] > 0.0);
    assert_true(r->kommune_sub_months[i1] > 2.0 * r->kommune_sub_citizens[i1]);
  }
}

/* The kommuners' budget lines add up to the whole cohort's budget years:
 * per arm, year and payer, the costs to resource + transfer and the tax to
 * revenue; the subsidised months to the cohort's; the citizens
 * with a subsidy bounded. */
static void test_views__budget_adds_up(void **state) {
  (void)state;
  rb_scenario *sc = ut_load(NETWORK, NULL, 0);
  assert_non_null(sc);
  rb_results r;
  run_reps(&r, sc, 2);
  assert_non_null(r.kommune_years);
  double months = 0.0;
  for (int a = 0; a < r.n_arms; a++) {
    for (int y = 0; y < r.n_years; y++) {
      for (int p = 0; p < RB_PAYER_COUNT; p++) {
        double cost = 0.0, tax = 0.0;
        for (int k = 0; k < r.n_kommuner; k++) {
          for (int l = 0; l < RB_LINE_COUNT; l++) {
            double x = rb_kommune_line(sc, &r, k, a, (rb_line)l, y, p);
            *(l == RB_LINE_TAX ? &tax : &cost) += x;
          }
        }
        near_rel(cost, rb_res_yearly(&r, a, y, p, RB_YEARLY_RESOURCE) +
                           rb_res_yearly(&r, a, y, p, RB_YEARLY_TRANSFER));
        near_rel(tax, rb_res_yearly(&r, a, y, p, RB_YEARLY_REVENUE));
      }
      for (int k = 0; a == 0 && k < r.n_kommuner; k++) {
        months += r.kommune_sub_months[rb_kommune_sub_index(r.n_arms, r.n_years,
                                                            k, a, y)];
      }
    }
  }
  near_rel(months, r.all.outcomes[0].subsidised_months * r.all.size);
  assert_true(months > 0.0);
  subsidised_citizens_bounded(sc, &r);
  /* Without a price index current prices are fixed prices. */
  assert_dbl(rb_price_factor(sc, r.first_year + 2), 1.0);
  rb_results_free(&r);
  rb_scenario_free(sc);
}

/* current = fixed at index 0; an index of 2 % a year from price_year. */
static void test_views__current_prices(void **state) {
  (void)state;
  const char *zero[] = {"scenario.price_index=0"};
  rb_scenario *sc = ut_load(NETWORK, zero, 1);
  assert_non_null(sc);
  assert_true(sc->info.price_index_given);
  for (int y = 2020; y < 2040; y++) {
    assert_dbl(rb_price_factor(sc, y), 1.0);
  }
  rb_scenario_free(sc);
  const char *two[] = {"scenario.price_index=0.02"};
  sc = ut_load(NETWORK, two, 1);
  assert_non_null(sc);
  const int py = sc->info.price_year;
  assert_dbl(rb_price_factor(sc, py), 1.0);
  UT_NEAR(rb_price_factor(sc, py + 2), 1.0404, 1e-12);
  rb_scenario_free(sc);
  /* budget.csv at index 0: every current amount is the fixed one. */
  char *dir = ut_mkdtemp("budget");
  char sub[600];
  ut_cli_out(sub, sizeof sub,
             "run " NETWORK " --replications 20 --set scenario.price_index=0",
             dir, "r");
  char *csv = ut_read_in(sub, "budget.csv");
  int rows = 0;
  for (char *line = strchr(csv, '\n'); line && line[1]; rows++) {
    char *end = strchr(line + 1, '\n');
    if (end != NULL) {
      *end = '\0';
    }
    char *last = strrchr(line + 1, ',');
    *last = '\0';
    char *prev = strrchr(line + 1, ',');
    assert_string_equal(prev + 1, last + 1);
    line = end;
  }
  assert_true(rows > 100);
  free(csv);
  ut_rm_tree(dir);
  free(dir);
}

/* The results folder of a portfolio: the report's portfolio section (a
 * row per kommune × target group, sorted, with the chart), the items
 * chart by kind, the workbook's sheets, the CSV files. */
static void test_views__report_and_workbook(void **state) {
  (void)state;
  char *dir = ut_mkdtemp("pfreport");
  char sub[600];
  ut_cli_out(sub, sizeof sub, "run " NETWORK " --replications 20", dir, "r");
  free(ut_check_html(sub));
  char *html = ut_read_in(sub, "report.html");
  const char *pf = strstr(html, "<section id=\"portfolio\">");
  assert_non_null(pf);
  /* The portfolio section comes before the groups' own sections. */
  assert_true(pf < strstr(html, "<section id=\"groups\">"));
  /* Its chart: a bar per group (23), before its table. */
  const char *end = strstr(pf, "</section>");
  int bars = 0;
  for (const char *q = strstr(pf, "<rect "); q != NULL && q < end;
       q = strstr(q + 1, "<rect ")) {
    bars++;
  }
  assert_int_equal(bars, 23);
  free(html);
  char *items = ut_read_in(sub, "charts/items.dat");
  assert_non_null(strstr(items, "\"Huslejetilskud\""));
  assert_non_null(strstr(items, "\"Anbringelse/ophold\""));
  free(items);
  char *list = ut_xlsx_part(sub, "--list");
  assert_non_null(list);
  free(list);
  ut_xlsx_has(sub, "xl/workbook.xml", "Budget Roskilde");
  ut_xlsx_has(sub, "xl/workbook.xml", "Kommuner og målgrupper");
  assert_true(ut_file_exists(sub, "views.csv"));
  assert_true(ut_file_exists(sub, "budget.csv"));
  ut_rm_tree(dir);
  free(dir);
}

/* groups.[i].subsidy.cap is that group's only: the group's subsidy
 * changes, every other group's results stay the same bit for bit (each
 * group has its own random numbers). */
/* Group 3's results with @p n_set overrides differ; every other group's
 * stay the same bit for bit.  Returns group 3's outcomes with and without
 * the overrides in @p with and @p without. */
static void only_group_3(const char *const *set, int n_set, rb_outcomes *with,
                         rb_outcomes *without) {
  rb_scenario *a = ut_load(NETWORK, NULL, 0);
  rb_scenario *b = ut_load(NETWORK, set, n_set);
  assert_non_null(a);
  assert_non_null(b);
  rb_results ra, rb;
  run_reps(&ra, a, 2);
  run_reps(&rb, b, 1);
  for (int g = 0; g < ra.n_groups; g++) {
    if (g != 3) {
      same_result(&ra, &ra.groups[g], &rb.groups[g]);
    }
  }
  *with = rb.groups[3].outcomes[0];
  *without = ra.groups[3].outcomes[0];
  rb_results_free(&ra);
  rb_results_free(&rb);
  rb_scenario_free(a);
  rb_scenario_free(b);
}

/* groups.[i].subsidy.period_months and max_extensions are that group's
 * only: a shorter subsidy, fewer subsidised months, the rest the same. */
static void test_views__group_period_is_its_own(void **state) {
  (void)state;
  const char *set[] = {"groups.[3].subsidy.period_months=6",
                       "groups.[3].subsidy.max_extensions=0"};
  rb_outcomes with, without;
  only_group_3(set, 2, &with, &without);
  assert_true(with.subsidised_months < without.subsidised_months);
  assert_true(with.extensions == 0.0);
  assert_true(without.extensions > 0.0);
}

static void test_views__group_cap_is_its_own(void **state) {
  (void)state;
  const char *set[] = {"groups.[3].subsidy.cap=400"};
  rb_scenario *b = ut_load(NETWORK, set, 1);
  assert_non_null(b);
  assert_true(b->groups[3].cap >= 0);
  assert_int_equal(b->groups[2].cap, -1);
  rb_scenario_free(b);
  rb_outcomes with, without;
  only_group_3(set, 1, &with, &without);
  assert_true(with.subsidy_per_month <= 400.0 + 1e-9);
  assert_true(without.subsidy_per_month > with.subsidy_per_month);
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
      cmocka_unit_test(test_views__budget_adds_up),
      cmocka_unit_test(test_views__current_prices),
      cmocka_unit_test(test_views__report_and_workbook),
      cmocka_unit_test(test_views__group_cap_is_its_own),
      cmocka_unit_test(test_views__group_period_is_its_own),
      cmocka_unit_test(test_views__empty_name_refused),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
