/* Words and numbers in the report's language (report/wording.h). */
#include "report/wording.h"

#include "base/numfmt.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* ---- names --------------------------------------------------------------- */

/* The report's own words for the perspectives: not rb_perspective_label()'s,
 * since a sentence to politicians says "hele det offentlige" and needs the
 * genitive ("det offentliges resultat"). */
static const struct {
  const char *da, *da_genitive, *en, *en_genitive;
} persp_words[RB_P_COUNT] = {
    [RB_P_KOMMUNE] = {"kommunen", "kommunens", "the municipality",
                      "the municipality's"},
    [RB_P_PUBLIC] = {"hele det offentlige", "det offentliges",
                     "the public sector as a whole", "the public sector's"},
    [RB_P_SOCIETAL] = {"samfundet", "samfundets", "society", "society's"},
};

const char *rb_report_persp_name(const rb_report_ctx *ctx, int p) {
  if (p < 0 || p >= RB_P_COUNT) {
    return "?";
  }
  return ctx->da ? persp_words[p].da : persp_words[p].en;
}

/* Word @p i of the @p n-word lists @p da and @p en, in the report's
 * language; "?" for a value outside them. */
static const char *pick(const rb_report_ctx *ctx, const char *const *da,
                        const char *const *en, int n, int i) {
  if (i < 0 || i >= n) {
    return "?";
  }
  return ctx->da ? da[i] : en[i];
}

const char *rb_report_persp_genitive(const rb_report_ctx *ctx, int p) {
  if (p < 0 || p >= RB_P_COUNT) {
    return "?";
  }
  return ctx->da ? persp_words[p].da_genitive : persp_words[p].en_genitive;
}

const char *rb_report_arm_name(const rb_report_ctx *ctx, int arm) {
  /* A scenario that lists its arms names them (issue 11): "with" and
   * "without" no longer say which of three or more arms is meant. */
  if (ctx->res != NULL && ctx->res->arms_given && arm >= 0 &&
      arm < ctx->res->n_arms && ctx->res->arm_name[arm] != NULL) {
    return ctx->res->arm_label[arm] != NULL ? ctx->res->arm_label[arm]
                                            : ctx->res->arm_name[arm];
  }
  return arm == RB_ARM_INTERVENTION
             ? RB_L(ctx, "Med ordningen", "With the scheme")
             : RB_L(ctx, "Uden ordningen (i dag)", "Without (today)");
}

const char *rb_report_housing_name(const rb_report_ctx *ctx, int h) {
  static const char *const da[RB_MONTHLY_STATES] = {
      [RB_H_PLACED] = "I tilbud (forsorgshjem o.l.)",
      [RB_H_SUBSIDISED] = "Egen bolig med tilskud",
      [RB_H_ORDINARY] = "Egen bolig uden tilskud",
      [RB_H_HOMELESS] = "Hjemløs",
      [RB_H_EXITED] = "Fraflyttet/ude af opfølgning",
      [RB_H_DEAD] = "Død",
      [RB_MONTHLY_NOT_ENTERED] = "Ikke startet endnu"};
  static const char *const en[RB_MONTHLY_STATES] = {
      [RB_H_PLACED] = "In placement (shelter etc.)",
      [RB_H_SUBSIDISED] = "Own flat with subsidy",
      [RB_H_ORDINARY] = "Own flat, ordinary terms",
      [RB_H_HOMELESS] = "Homeless",
      [RB_H_EXITED] = "Moved away/lost",
      [RB_H_DEAD] = "Dead",
      [RB_MONTHLY_NOT_ENTERED] = "Not yet entered"};
  return pick(ctx, da, en, RB_MONTHLY_STATES, h);
}

const char *rb_report_activity_name(const rb_report_ctx *ctx, int a) {
  static const char *const da[RB_A_COUNT] = {[RB_A_NONE] = "ingen aktivitet",
                                             [RB_A_EDUCATION] = "i uddannelse",
                                             [RB_A_EMPLOYED] = "i job"};
  static const char *const en[RB_A_COUNT] = {[RB_A_NONE] = "no activity",
                                             [RB_A_EDUCATION] = "in education",
                                             [RB_A_EMPLOYED] = "employed"};
  return pick(ctx, da, en, RB_A_COUNT, a);
}

const char *rb_report_payer_name(const rb_report_ctx *ctx, int payer) {
  static const char *const da[RB_PAYER_SLOTS] = {"Kommune", "Region", "Stat",
                                                 "Ingen"};
  static const char *const en[RB_PAYER_SLOTS] = {"Municipality", "Region",
                                                 "State", "None"};
  return pick(ctx, da, en, RB_PAYER_SLOTS, payer);
}

const char *rb_report_kind_name(const rb_report_ctx *ctx, int kind) {
  static const char *const da[RB_KIND_COUNT] = {
      [RB_KIND_RESOURCE] = "Ressource",
      [RB_KIND_TRANSFER] = "Overførsel",
      [RB_KIND_REVENUE] = "Indtægt",
      [RB_KIND_PRODUCTION] = "Produktion"};
  static const char *const en[RB_KIND_COUNT] = {[RB_KIND_RESOURCE] = "Resource",
                                                [RB_KIND_TRANSFER] = "Transfer",
                                                [RB_KIND_REVENUE] = "Revenue",
                                                [RB_KIND_PRODUCTION] =
                                                    "Production"};
  return pick(ctx, da, en, RB_KIND_COUNT, kind);
}

const char *rb_report_item_label(const rb_report_ctx *ctx, int item) {
  /* The computed items' Danish labels are the results' own. */
  static const char *const en[RB_ITEM_COMPUTED_COUNT] = {
      [RB_ITEM_RENT_SUBSIDY] = "Temporary rent subsidy",
      [RB_ITEM_HOUSING_BENEFIT] = "Housing benefit (boligsikring)",
      [RB_ITEM_INCOME] = "Benefits (cash benefit, SU)",
      [RB_ITEM_INCOME_TAX] = "Income tax",
      [RB_ITEM_PRODUCTION] = "Production (wages)",
      [RB_ITEM_RELOCATION] = "Rehousing"};
  const rb_results *res = ctx->res;
  int first = rb_item_index(res, 0);
  if (!ctx->da && item >= first) {
    return en[item - first];
  }
  const char *l = res->item_label[item];
  return l != NULL && l[0] != '\0' ? l : res->item_name[item];
}

const char *rb_report_mode(const rb_report_ctx *ctx) {
  return ctx->sc->info.mode == RB_MODE_PSA && ctx->kind != RB_REPORT_TORNADO
             ? "psa"
             : "stochastic";
}

const char *rb_report_uncertainty_words(const rb_report_ctx *ctx) {
  if (strcmp(rb_report_mode(ctx), "psa") == 0) {
    return RB_L(ctx, "med usikkerheden i antagelserne",
                "with the assumptions' uncertainty");
  }
  return RB_L(ctx, "for denne kohorte med antagelserne holdt faste",
              "for this cohort with the assumptions fixed");
}

void rb_report_horizon(const rb_report_ctx *ctx, char *buf, size_t n) {
  int h = ctx->horizon;
  if (h % 12 == 0) {
    int y = h / 12;
    snprintf(buf, n, "%d %s", y, ctx->da ? "år" : (y == 1 ? "year" : "years"));
  } else {
    snprintf(buf, n, "%d %s", h,
             ctx->da ? (h == 1 ? "måned" : "måneder")
                     : (h == 1 ? "month" : "months"));
  }
}

void rb_report_date(const rb_report_ctx *ctx, char *buf, size_t n) {
  static const char *const da[12] = {
      "januar", "februar", "marts",     "april",   "maj",      "juni",
      "juli",   "august",  "september", "oktober", "november", "december"};
  static const char *const en[12] = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  int y = 0, mo = 0, d = 0;
  const char *t = ctx->meta->start_time;
  if (sscanf(t, "%4d-%2d-%2d", &y, &mo, &d) == 3 && mo >= 1 && mo <= 12) {
    snprintf(buf, n, ctx->da ? "%d. %s %d" : "%d %s %d", d,
             ctx->da ? da[mo - 1] : en[mo - 1], y);
  } else {
    snprintf(buf, n, "%s", t);
  }
}

void rb_report_ucfirst(char *s) {
  if (s[0] >= 'a' && s[0] <= 'z') {
    s[0] = (char)(s[0] - 'a' + 'A');
  }
}

/* ---- numbers ------------------------------------------------------------- */

void rb_report_kr(const rb_report_ctx *ctx, char *buf, size_t n, double x) {
  rb_fmt_kr(buf, n, x, ctx->da);
}

void rb_report_pct(const rb_report_ctx *ctx, char *buf, size_t n, double x) {
  if (!isfinite(x)) {
    snprintf(buf, n, "%s", RB_NUMFMT_NONE);
  } else if (x > 0.0 && x < 0.005) {
    snprintf(buf, n, "%s", RB_L(ctx, "under 1 %", "under 1%"));
  } else if (x < 1.0 && x >= 0.995) {
    snprintf(buf, n, "%s", RB_L(ctx, "over 99 %", "over 99%"));
  } else {
    snprintf(buf, n, ctx->da ? "%.0f %%" : "%.0f%%", 100.0 * x);
  }
}

void rb_report_num(const rb_report_ctx *ctx, char *buf, size_t n, double x,
                   int sig) {
  if (!isfinite(x)) {
    snprintf(buf, n, "%s", RB_NUMFMT_NONE);
    return;
  }
  if (fabs(x) >= 1000.0 && x == round(x)) {
    rb_fmt_kr(buf, n, x, ctx->da);
    return;
  }
  /* Significant digits: "%g", with the decimal sign of the language. */
  snprintf(buf, n, "%.*g", sig, x);
  if (ctx->da) {
    for (char *c = buf; *c; c++) {
      if (*c == '.') {
        *c = ',';
      }
    }
  }
}

void rb_report_dec(const rb_report_ctx *ctx, char *buf, size_t n, double x,
                   int decimals) {
  rb_fmt_decimal(buf, n, x, decimals, ctx->da);
}

/* ---- HTML ---------------------------------------------------------------- */

void rb_report_esc(FILE *f, const char *s) {
  for (; s != NULL && *s; s++) {
    unsigned char c = (unsigned char)*s;
    switch (c) {
    case '&':
      fputs("&amp;", f);
      break;
    case '<':
      fputs("&lt;", f);
      break;
    case '>':
      fputs("&gt;", f);
      break;
    case '"':
      fputs("&quot;", f);
      break;
    case '\'':
      fputs("&#39;", f);
      break;
    default:
      if (c >= 0x20 || c == '\n' || c == '\t') {
        fputc(c, f);
      }
    }
  }
}
