/* The workbook's sheet of a portfolio's views (portfolio.h): every kommune
 * and every target group side by side, as a finance officer compares them
 * and takes a line into the budget. */
#include "report/portfolio.h"

#include "output/budget_lines.h"
#include "report/lookup.h"
#include "report/wording.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Columns: view, name, citizens, then per perspective VIEW_P_COLS. */
enum { VIEW_FIRST = 3, VIEW_P_COLS = 5 };

static void num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x,
                lxw_format *fmt) {
  if (isfinite(x)) {
    worksheet_write_number(ws, r, c, x, fmt);
  }
}

static void view_header(lxw_worksheet *ws, const rb_report_ctx *ctx,
                        const rb_pf_fmts *f, lxw_row_t r) {
  worksheet_write_string(ws, r, 0, RB_L(ctx, "Opdeling", "View"), f->head);
  worksheet_write_string(ws, r, 1, RB_L(ctx, "Navn", "Name"), f->head);
  worksheet_write_string(ws, r, 2, RB_L(ctx, "Borgere", "Citizens"), f->head);
  static const char *const da[VIEW_P_COLS] = {
      "gevinst pr. borger", "2,5 %", "97,5 %", "sandsynlighed for gevinst",
      "gevinst i alt"};
  static const char *const en[VIEW_P_COLS] = {"saving per citizen", "2.5%",
                                              "97.5%", "prob. of a saving",
                                              "saving in total"};
  for (int p = 0; p < RB_P_COUNT; p++) {
    const char *pn = rb_report_persp_name(ctx, p);
    for (int k = 0; k < VIEW_P_COLS; k++) {
      char h[128];
      snprintf(h, sizeof h, "%s: %s", pn, RB_L(ctx, da[k], en[k]));
      worksheet_write_string(
          ws, r, (lxw_col_t)(VIEW_FIRST + p * VIEW_P_COLS + k), h, f->head);
    }
  }
}

static void view_row(lxw_worksheet *ws, const rb_report_ctx *ctx,
                     const rb_pf_fmts *f, lxw_row_t r, const char *view,
                     const rb_group_result *g, bool bold) {
  (void)ctx;
  worksheet_write_string(ws, r, 0, view, bold ? f->bold : NULL);
  worksheet_write_string(ws, r, 1, g->name, bold ? f->bold : NULL);
  worksheet_write_number(ws, r, 2, g->size, f->int_);
  for (int p = 0; p < RB_P_COUNT; p++) {
    const rb_stats *s = &g->persp[RB_DISC][p].saving;
    const lxw_col_t c = (lxw_col_t)(VIEW_FIRST + p * VIEW_P_COLS);
    num(ws, r, c, s->mean, bold ? f->kr_bold : f->kr);
    num(ws, r, c + 1, s->p2_5, f->kr);
    num(ws, r, c + 2, s->p97_5, f->kr);
    num(ws, r, c + 3, s->prob_positive, f->pct);
    num(ws, r, c + 4, s->mean * g->size, bold ? f->kr_bold : f->kr);
  }
}

/* The @p n views @p v under the title @p what, then the whole cohort.
 * @return the row after them. */
static lxw_row_t view_block(lxw_worksheet *ws, const rb_report_ctx *ctx,
                            const rb_pf_fmts *f, lxw_row_t r, const char *what,
                            const rb_group_result *v, int n) {
  for (int k = 0; k < n; k++) {
    view_row(ws, ctx, f, r++, what, &v[k], false);
  }
  view_row(ws, ctx, f, r++, RB_L(ctx, "i alt", "total"), &ctx->res->all, true);
  return r + 1;
}

void rb_portfolio_sheet_views(lxw_workbook *wb, const rb_report_ctx *ctx,
                              const rb_pf_fmts *f) {
  const rb_results *res = ctx->res;
  if (!ctx->sc->views_given || res->n_kommuner == 0) {
    return;
  }
  lxw_worksheet *ws = workbook_add_worksheet(
      wb, RB_L(ctx, "Kommuner og målgrupper", "Kommuner and targets"));
  worksheet_write_string(
      ws, 0, 0,
      RB_L(ctx,
           "Gevinst pr. borger, diskonteret, af indsatsen mod referencen; "
           "kommunerne og målgrupperne summer til i alt (samme "
           "replikationer)",
           "Saving per citizen, discounted, of the intervention against the "
           "reference; the kommuner and the target groups add up to the "
           "total (the same replications)"),
      f->title);
  view_header(ws, ctx, f, 2);
  lxw_row_t r = view_block(ws, ctx, f, 3, RB_L(ctx, "kommune", "kommune"),
                           res->kommuner, res->n_kommuner);
  view_block(ws, ctx, f, r, RB_L(ctx, "målgruppe", "target group"),
             res->targets, res->n_targets);
  worksheet_set_column(ws, 0, 0, 12, NULL);
  worksheet_set_column(ws, 1, 1, 40, NULL);
  worksheet_set_column(ws, VIEW_FIRST,
                       (lxw_col_t)(VIEW_FIRST + RB_P_COUNT * VIEW_P_COLS - 1),
                       16, NULL);
  worksheet_freeze_panes(ws, 3, 2);
}

/* ---- a kommune's budget sheet -------------------------------------------- */

/* A sheet name from @p name: at most 31 characters (whole UTF-8
 * characters), none of []:*?/\. */
static void sheet_name(char *out, size_t size, const char *prefix,
                       const char *name) {
  char raw[128];
  snprintf(raw, sizeof raw, "%s%s", prefix, name);
  size_t o = 0;
  int chars = 0;
  for (size_t i = 0; raw[i] != '\0' && o + 5 < size;) {
    size_t n = 1;
    while ((raw[i + n] & 0xC0) == 0x80) {
      n++;
    }
    if (chars == 31) {
      break;
    }
    if (strchr("[]:*?/\\", raw[i]) == NULL) {
      memcpy(out + o, raw + i, n);
      o += n;
      chars++;
    }
    i += n;
  }
  out[o] = '\0';
}

/* One payer's block of kommune @p k from row @p r: the lines of the first
 * arm, its net, the reference's net and the saving, per year, in fixed
 * prices, or current prices (@p current).  @return the row after it. */
static lxw_row_t budget_block(lxw_worksheet *ws, const rb_report_ctx *ctx,
                              const rb_pf_fmts *f, lxw_row_t r, int k,
                              int payer, bool current) {
  const rb_results *res = ctx->res;
  const rb_scenario *sc = ctx->sc;
  char h[200];
  snprintf(h, sizeof h, "%s: %s, %s", rb_report_payer_name(ctx, payer),
           RB_L(ctx, "kr. i alt", "kr in total"),
           current ? RB_L(ctx, "løbende priser", "current prices")
                   : RB_L(ctx, "faste priser", "fixed prices"));
  worksheet_write_string(ws, r, 0, h, f->bold);
  for (int y = 0; y < res->n_years; y++) {
    worksheet_write_number(ws, r, (lxw_col_t)(1 + y), res->first_year + y,
                           f->head);
  }
  r++;
  const int rows = RB_LINE_COUNT + 3;
  for (int l = 0; l < rows; l++, r++) {
    const char *what = l < RB_LINE_COUNT ? rb_line_label((rb_line)l, ctx->da)
                       : l == RB_LINE_COUNT
                           ? RB_L(ctx, "Netto med ordningen", "Net with")
                       : l == RB_LINE_COUNT + 1
                           ? RB_L(ctx, "Netto uden ordningen", "Net without")
                           : RB_L(ctx, "Besparelse", "Saving");
    const bool bold = l >= RB_LINE_COUNT;
    worksheet_write_string(ws, r, 0, what, bold ? f->bold : NULL);
    for (int y = 0; y < res->n_years; y++) {
      const double with =
          rb_kommune_net(sc, res, k, RB_ARM_INTERVENTION, y, payer);
      const double without =
          rb_kommune_net(sc, res, k, RB_ARM_BASELINE, y, payer);
      double x = l < RB_LINE_COUNT
                     ? rb_kommune_line(sc, res, k, RB_ARM_INTERVENTION,
                                       (rb_line)l, y, payer)
                 : l == RB_LINE_COUNT     ? with
                 : l == RB_LINE_COUNT + 1 ? without
                                          : without - with;
      if (current) {
        x *= rb_price_factor(sc, res->first_year + y);
      }
      num(ws, r, (lxw_col_t)(1 + y), x, bold ? f->kr_bold : f->kr);
    }
  }
  return r + 1;
}

/* The kommune's subsidy in numbers, under a row of the years: the
 * citizen-months per year, and the citizens with a subsidy in the year
 * (each once, a mean over replications). */
static lxw_row_t budget_months(lxw_worksheet *ws, const rb_report_ctx *ctx,
                               const rb_pf_fmts *f, lxw_row_t r, int k) {
  const rb_results *res = ctx->res;
  worksheet_write_string(
      ws, r, 0, RB_L(ctx, "Huslejetilskud: borgere", "Rent subsidy: citizens"),
      f->bold);
  for (int y = 0; y < res->n_years; y++) {
    worksheet_write_number(ws, r, (lxw_col_t)(1 + y), res->first_year + y,
                           f->head);
  }
  const double *tab[2] = {res->kommune_sub_months, res->kommune_sub_citizens};
  const char *label[2] = {RB_L(ctx, "Borgermåneder med huslejetilskud",
                               "Citizen-months with a rent subsidy"),
                          RB_L(ctx, "Borgere med huslejetilskud i året",
                               "Citizens with a rent subsidy in the year")};
  for (int i = 0; i < 2; i++) {
    worksheet_write_string(ws, r + 1 + (lxw_row_t)i, 0, label[i], NULL);
    for (int y = 0; y < res->n_years; y++) {
      num(ws, r + 1 + (lxw_row_t)i, (lxw_col_t)(1 + y),
          tab[i][rb_kommune_sub_index(res->n_arms, res->n_years, k,
                                      RB_ARM_INTERVENTION, y)],
          f->int_);
    }
  }
  return r + 4;
}

void rb_portfolio_sheets_budget(lxw_workbook *wb, const rb_report_ctx *ctx,
                                const rb_pf_fmts *f) {
  const rb_results *res = ctx->res;
  if (res->kommune_years == NULL) {
    return;
  }
  for (int k = 0; k < res->n_kommuner; k++) {
    char name[160];
    sheet_name(name, sizeof name, "Budget ", res->kommuner[k].name);
    lxw_worksheet *ws = workbook_add_worksheet(wb, name);
    if (ws == NULL) {
      continue;
    }
    char title[300];
    snprintf(title, sizeof title, "%s: %s", res->kommuner[k].name,
             RB_L(ctx,
                  "budgetlinjer pr. kalenderår, middelværdi over "
                  "replikationerne, ikke tilbagediskonteret",
                  "budget lines per calendar year, mean over the "
                  "replications, undiscounted"));
    worksheet_write_string(ws, 0, 0, title, f->title);
    lxw_row_t r = budget_months(ws, ctx, f, 2, k);
    const int prices = ctx->sc->info.price_index >= 0 ? 2 : 1;
    for (int cur = 0; cur < prices; cur++) {
      for (int p = 0; p < RB_PAYER_COUNT; p++) {
        r = budget_block(ws, ctx, f, r, k, p, cur == 1);
      }
    }
    worksheet_set_column(ws, 0, 0, 34, NULL);
    worksheet_set_column(ws, 1, (lxw_col_t)res->n_years, 15, NULL);
  }
}
