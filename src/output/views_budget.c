/* budget.csv: a portfolio's budget lines per kommune, calendar year, arm
 * and payer (docs/portfolio.md), in fixed prices (price_year) and in
 * current prices (scenario.price_index), and per kommune and year the
 * citizen-months with a subsidy and the citizens with a subsidy in the
 * year. */
#include "base/csv.h"
#include "base/io.h"
#include "output/budget_lines.h"
#include "output/writers.h"

#include <stdio.h>

static void line_row(FILE *f, const rb_scenario *sc, const rb_results *res,
                     int k, int y, int arm, int payer, const char *line,
                     double x) {
  rb_csv_str(f, sc->kommuner[k]);
  fprintf(f, ",%d,%s,%s,%s,", res->first_year + y, res->arm_name[arm],
          payer >= 0 ? rb_payer_name((rb_payer)payer) : "", line);
  rb_csv_num(f, x);
  fputc(',', f);
  rb_csv_num(f, payer >= 0 ? x * rb_price_factor(sc, res->first_year + y) : x);
  fputc('\n', f);
}

static void kommune_rows(FILE *f, const rb_scenario *sc, const rb_results *res,
                         int k) {
  for (int y = 0; y < res->n_years; y++) {
    for (int arm = 0; arm < res->n_arms; arm++) {
      line_row(f, sc, res, k, y, arm, -1, "subsidised_months",
               res->kommune_sub_months[rb_kommune_sub_index(
                   res->n_arms, res->n_years, k, arm, y)]);
      line_row(f, sc, res, k, y, arm, -1, "subsidised_citizens",
               res->kommune_sub_citizens[rb_kommune_sub_index(
                   res->n_arms, res->n_years, k, arm, y)]);
      for (int p = 0; p < RB_PAYER_COUNT; p++) {
        for (int l = 0; l < RB_LINE_COUNT; l++) {
          line_row(f, sc, res, k, y, arm, p, rb_line_name((rb_line)l),
                   rb_kommune_line(sc, res, k, arm, (rb_line)l, y, p));
        }
        line_row(f, sc, res, k, y, arm, p, "net",
                 rb_kommune_net(sc, res, k, arm, y, p));
      }
    }
  }
}

rb_status rb_views_write_budget(const char *dir, const rb_scenario *sc,
                                const rb_results *res) {
  if (res->kommune_years == NULL) {
    return RB_OK;
  }
  FILE *f = rb_open_in(dir, "budget.csv");
  if (f == NULL) {
    return RB_EIO;
  }
  fputs("kommune,year,arm,payer,line,fixed_prices,current_prices\n", f);
  for (int k = 0; k < res->n_kommuner; k++) {
    kommune_rows(f, sc, res, k);
  }
  return rb_close_ok(f, RB_OK);
}
