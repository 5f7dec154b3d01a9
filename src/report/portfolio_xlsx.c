/* The workbook's sheet of a portfolio's views (portfolio.h): every kommune
 * and every target group side by side, as a finance officer compares them
 * and takes a line into the budget. */
#include "report/portfolio.h"

#include "report/lookup.h"
#include "report/wording.h"

#include <math.h>
#include <stdio.h>

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
  static const char *const en[VIEW_P_COLS] = {
      "saving per citizen", "2.5%", "97.5%", "prob. of a saving",
      "saving in total"};
  for (int p = 0; p < RB_P_COUNT; p++) {
    const char *pn = rb_report_persp_name(ctx, p);
    for (int k = 0; k < VIEW_P_COLS; k++) {
      char h[128];
      snprintf(h, sizeof h, "%s: %s", pn, RB_L(ctx, da[k], en[k]));
      worksheet_write_string(ws, r,
                             (lxw_col_t)(VIEW_FIRST + p * VIEW_P_COLS + k), h,
                             f->head);
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
