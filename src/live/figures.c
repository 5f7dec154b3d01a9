/* The figures of a live computation (docs/live.md, "What the page
 * shows"): the cumulative saving per perspective with its band, the
 * housed share in each arm, the budget per year and payer, and the
 * headline sentences, all read through engine.h's accessors; the words
 * are the report's (report/wording.h, report/headline.h). */
#include "live_internal.h"

#include "report/headline.h"
#include "report/lookup.h"
#include "report/wording.h"

#include <stdlib.h>
#include <string.h>

/* The number of arms the results hold. */
static int n_arms(const rb_results *res) {
  return res->n_arms;
}

/* A JSON array of @p n numbers got by @p at(ctx, i). */
static json_t *series(int n, double (*at)(const void *, int, int), int k,
                      const void *ctx) {
  json_t *a = json_array();
  for (int i = 0; a != NULL && i < n; i++) {
    if (json_array_append_new(a, json_real(at(ctx, k, i))) != 0) {
      json_decref(a);
      return NULL;
    }
  }
  return a;
}

static double cum_at(const void *res, int p, int t) {
  const rb_results *r = res;
  return rb_res_cum_saving(r, &r->all, RB_DISC, p, t);
}
static double band_low_at(const void *res, int p, int t) {
  return rb_res_band(res, p, t, RB_BAND_LOW);
}
static double band_high_at(const void *res, int p, int t) {
  return rb_res_band(res, p, t, RB_BAND_HIGH);
}

/* The share of the citizens who have entered that is housed (with or
 * without the subsidy) in month @p t of arm @p arm. */
static double housed_at(const void *res, int arm, int t) {
  const rb_results *r = res;
  double all = 0.0, housed = 0.0;
  for (int h = 0; h < RB_H_COUNT; h++) {
    double n = rb_res_monthly_housing(r, arm, t, h);
    all += n;
    if (h == RB_H_SUBSIDISED || h == RB_H_ORDINARY) {
      housed += n;
    }
  }
  return all > 0.0 ? housed / all : 0.0;
}

/* One perspective: its saving, band and headline. */
static json_t *perspective(const rb_report_ctx *ctx, int p) {
  const rb_results *res = ctx->res;
  const rb_persp_result *pr = &res->all.persp[RB_DISC][p];
  char *head = rb_report_headline(ctx, p);
  json_t *o = json_pack(
      "{s:s, s:s, s:f, s:f, s:f, s:f, s:f, s:i, s:o, s:o, s:o, s:s?}", "name",
      rb_perspective_name((rb_perspective)p), "label",
      rb_report_persp_name(ctx, p), "mean", pr->saving.mean, "mcse",
      pr->saving.mcse, "p2_5", pr->saving.p2_5, "p97_5", pr->saving.p97_5,
      "prob_positive", pr->saving.prob_positive, "break_even_month",
      pr->break_even_month, "cum", series(res->horizon, cum_at, p, res), "low",
      series(res->horizon, band_low_at, p, res), "high",
      series(res->horizon, band_high_at, p, res), "headline", head);
  free(head);
  return o;
}

/* The budget: per payer, the whole cohort's undiscounted saving of each
 * budget year (the net of today's practice − the scheme's). */
static json_t *budget(const rb_report_ctx *ctx) {
  const rb_results *res = ctx->res;
  json_t *years = json_array(), *payers = json_array();
  for (int y = 0; years != NULL && y < res->n_years; y++) {
    json_array_append_new(years, json_integer(res->first_year + y));
  }
  for (int p = 0; payers != NULL && p < RB_PAYER_COUNT; p++) {
    json_t *v = json_array();
    for (int y = 0; v != NULL && y < res->n_years; y++) {
      json_array_append_new(
          v, json_real(rb_report_yearly_net(res, RB_ARM_BASELINE, y, p) -
                       rb_report_yearly_net(res, RB_ARM_INTERVENTION, y, p)));
    }
    json_array_append_new(
        payers, json_pack("{s:s, s:s, s:o}", "name", rb_payer_name((rb_payer)p),
                          "label", rb_report_payer_name(ctx, p), "saving", v));
  }
  return json_pack("{s:o, s:o}", "years", years, "payers", payers);
}

static json_t *housed(const rb_report_ctx *ctx) {
  json_t *arms = json_array();
  for (int a = 0; arms != NULL && a < n_arms(ctx->res); a++) {
    json_array_append_new(
        arms, json_pack("{s:s, s:s, s:o}", "name", ctx->res->arm_name[a],
                        "label", rb_report_arm_name(ctx, a), "share",
                        series(ctx->res->horizon, housed_at, a, ctx->res)));
  }
  return arms;
}

json_t *rb_live_figures(const rb_scenario *sc, const rb_results *res,
                        bool english) {
  rb_report_ctx ctx;
  memset(&ctx, 0, sizeof ctx);
  ctx.sc = sc;
  ctx.res = res;
  ctx.kind = RB_REPORT_RUN;
  ctx.horizon = res->horizon;
  ctx.replications = res->replications;
  ctx.da = !english;
  json_t *persp = json_array();
  for (int p = 0; persp != NULL && p < RB_P_COUNT; p++) {
    json_array_append_new(persp, perspective(&ctx, p));
  }
  return json_pack(
      "{s:i, s:I, s:i, s:i, s:i, s:i, s:o, s:o, s:o}", "replications",
      res->replications, "seed", (json_int_t)sc->info.seed, "horizon",
      res->horizon, "start_year", sc->info.start_year, "start_month",
      sc->info.start_month, "price_year", sc->info.price_year, "perspectives",
      persp, "housed", housed(&ctx), "budget", budget(&ctx));
}

char *rb_live_error_json(const char *msg, const rb_diag *d) {
  json_t *lines = json_array();
  for (size_t i = 0; d != NULL && lines != NULL && i < d->n; i++) {
    json_array_append_new(lines, json_string(d->msgs[i]));
  }
  json_t *o = json_pack("{s:s, s:o}", "error", msg, "messages", lines);
  char *text = o != NULL ? json_dumps(o, 0) : NULL;
  json_decref(o);
  return text != NULL ? text : strdup("{\"error\":\"out of memory\"}");
}
