/* The headline sentences (report/headline.h): every text is written to a
 * memory stream (open_memstream), so a sentence is never cut short. */
#include "report/headline.h"

#include "report/lookup.h"
#include "report/wording.h"

#include "model/udligning.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A text being written: a memory stream and the buffer it writes to. */
typedef struct text {
  FILE *f;
  char *s;
  size_t len;
} text;

static bool text_open(text *t) {
  t->s = NULL;
  t->len = 0;
  t->f = open_memstream(&t->s, &t->len);
  return t->f != NULL;
}

/* @return the text written, to free(); NULL when it could not be. */
static char *text_close(text *t) {
  if (fclose(t->f) != 0) {
    free(t->s);
    return NULL;
  }
  return t->s;
}

/* ---- a run's headline ---------------------------------------------------- */

/* "den er tjent hjem efter 2 måneder" / "… ikke tjent hjem inden for de
 * 10 år" for break-even month @p m (0: never) within horizon @p hz. */
static void break_even_words(const rb_report_ctx *ctx, int m, const char *hz,
                             char *buf, size_t n) {
  if (m > 0) {
    snprintf(buf, n,
             ctx->da ? "den er tjent hjem efter %d %s"
                     : "it breaks even after %d %s",
             m,
             ctx->da ? (m == 1 ? "måned" : "måneder")
                     : (m == 1 ? "month" : "months"));
  } else {
    snprintf(buf, n,
             ctx->da ? "den er ikke tjent hjem inden for de %s"
                     : "it does not break even within the %s",
             hz);
  }
}

char *rb_report_headline(const rb_report_ctx *ctx, int p) {
  const rb_persp_result *pr = &ctx->res->all.persp[RB_DISC][p];
  const rb_stats *s = &pr->saving;
  char hz[64], x[64], a[64], b[64], pct[32], be[160];
  rb_report_horizon(ctx, hz, sizeof hz);
  bool gain = round(s->mean) >= 0.0;
  rb_report_kr(ctx, x, sizeof x, gain ? s->mean : -s->mean);
  rb_report_kr(ctx, a, sizeof a, s->p2_5);
  rb_report_kr(ctx, b, sizeof b, s->p97_5);
  rb_report_pct(ctx, pct, sizeof pct, s->prob_positive);
  break_even_words(ctx, pr->break_even_month, hz, be, sizeof be);
  text t;
  if (!text_open(&t)) {
    return NULL;
  }
  fprintf(t.f,
          ctx->da
              ? (gain ? "Over %s sparer %s %s kr. pr. borger (95 %%-interval "
                        "%s til %s kr.); der er %s sandsynlighed for, at "
                        "ordningen betaler sig %s; %s."
                      : "Over %s koster ordningen %s %s kr. mere pr. borger, "
                        "end den sparer (95 %%-interval for besparelsen: %s "
                        "til %s kr.); der er kun %s sandsynlighed for, at "
                        "ordningen betaler sig %s; %s.")
              : (gain ? "Over %s %s saves %s kr per citizen (95%% interval %s "
                        "to %s kr); there is a %s chance that the scheme pays "
                        "for itself %s; %s."
                      : "Over %s the scheme costs %s %s kr more per citizen "
                        "than it saves (95%% interval of the saving: %s to %s "
                        "kr); there is only a %s chance that it pays for "
                        "itself %s; %s."),
          hz, rb_report_persp_name(ctx, p), x, a, b, pct,
          rb_report_uncertainty_words(ctx), be);
  return text_close(&t);
}

/* ---- what the kommune keeps ------------------------------------------- */

/* The udligning sentence: the share of the change in kommuneskat the
 * kommune keeps (lowest and highest over the groups) and what was
 * equalised per citizen; nothing when no group is equalised. */
static void udligning_words(FILE *f, const rb_report_ctx *ctx,
                            const double *v) {
  const rb_scenario *sc = ctx->sc;
  const rb_results *res = ctx->res;
  if (!rb_udligning_any(sc, v)) {
    return;
  }
  const int tax = res->n_items - RB_ITEM_COMPUTED_COUNT + RB_ITEM_INCOME_TAX;
  double lo = 1.0, hi = 0.0, eq = 0.0;
  for (int gi = 0; gi < res->n_groups && gi < sc->n_groups; gi++) {
    const rb_group_result *g = &res->groups[gi];
    const double k = rb_udligning_kept(sc, gi, v);
    lo = k < lo ? k : lo;
    hi = k > hi ? k : hi;
    if (k > 0.0 && res->all.size > 0) {
      double d =
          rb_res_item(res, g, RB_ARM_INTERVENTION, tax, RB_PAYER_KOMMUNE,
                      RB_DISC) -
          rb_res_item(res, g, RB_ARM_BASELINE, tax, RB_PAYER_KOMMUNE, RB_DISC);
      eq += (1.0 - k) / k * d * (double)g->size / (double)res->all.size;
    }
  }
  char a[32], b[32], x[64];
  rb_report_pct(ctx, a, sizeof a, lo);
  rb_report_pct(ctx, b, sizeof b, hi);
  rb_report_kr(ctx, x, sizeof x, eq);
  char share[80];
  if (lo == hi) {
    snprintf(share, sizeof share, "%s", a);
  } else {
    snprintf(share, sizeof share, ctx->da ? "fra %s til %s" : "from %s to %s",
             a, b);
  }
  fprintf(f,
          ctx->da ? "Udligning (udligningsloven § 2): kommunen beholder %s af "
                    "en ændring i kommuneskatten; %s kr. pr. borger af "
                    "ændringen med ordningen er udlignet til andre kommuner "
                    "(det offentliges regnskab er uændret). "
                  : "Udligning (udligningsloven § 2): the kommune keeps %s of "
                    "a change in kommuneskat; %s kr per citizen of the change "
                    "with the scheme was equalised to other kommuner (the "
                    "public sector's books are unchanged). ",
          share, x);
}

/* Is item @p j's realisable share written as item @p i's (the same value,
 * range and source)? */
static bool same_realisable(const rb_scenario *sc, int i, int j) {
  const rb_param *p = &sc->params[sc->costs[i].realisable];
  const rb_param *q = &sc->params[sc->costs[j].realisable];
  return p->value == q->value && p->has_range == q->has_range &&
         (!p->has_range || (p->low == q->low && p->high == q->high)) &&
         ((p->source == NULL && q->source == NULL) ||
          (p->source != NULL && q->source != NULL &&
           strcmp(p->source, q->source) == 0));
}

/* The realisable share of the items that have one, one sentence per share
 * (a portfolio has the same share for each kommune's takst): "Et frigjort
 * pladsdøgn sparer kommunen 50 % (25–100 %) af \"<label>\" og 4 poster
 * mere af samme slags (kilde)". */
static void realisable_words(FILE *f, const rb_report_ctx *ctx) {
  const rb_scenario *sc = ctx->sc;
  for (int i = 0; i < sc->n_costs; i++) {
    const rb_cost *c = &sc->costs[i];
    bool seen = false;
    for (int j = 0; c->realisable >= 0 && j < i && !seen; j++) {
      seen = sc->costs[j].realisable >= 0 && same_realisable(sc, i, j);
    }
    if (c->realisable < 0 || seen) {
      continue;
    }
    int more = 0;
    for (int j = i + 1; j < sc->n_costs; j++) {
      more += sc->costs[j].realisable >= 0 && same_realisable(sc, i, j);
    }
    const rb_param *p = &sc->params[c->realisable];
    char x[32], lo[32], hi[32], range[96] = "", others[96] = "";
    rb_report_pct(ctx, x, sizeof x, p->value);
    if (p->has_range) {
      rb_report_pct(ctx, lo, sizeof lo, p->low);
      rb_report_pct(ctx, hi, sizeof hi, p->high);
      snprintf(range, sizeof range, " (%s–%s)", lo, hi);
    }
    if (more > 0) {
      snprintf(others, sizeof others,
               ctx->da ? " og af %d poster mere med samme andel"
                       : " and of %d more items with the same share",
               more);
    }
    fprintf(f,
            ctx->da
                ? "En frigjort plads sparer kommunen %s%s af \"%s\"%s%s%s%s. "
                : "A freed bed saves the kommune %s%s of \"%s\"%s%s%s%s. ",
            x, range, c->label, others, p->source != NULL ? " (" : "",
            p->source != NULL ? p->source : "", p->source != NULL ? ")" : "");
  }
}

char *rb_report_net_note(const rb_report_ctx *ctx) {
  const rb_scenario *sc = ctx->sc;
  if (ctx->res == NULL || sc->n_params <= 0) {
    return NULL;
  }
  double *v = malloc((size_t)sc->n_params * sizeof *v);
  text t;
  if (v == NULL || !text_open(&t)) {
    free(v);
    return NULL;
  }
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  realisable_words(t.f, ctx);
  udligning_words(t.f, ctx, v);
  free(v);
  char *s = text_close(&t);
  if (s != NULL && s[0] == '\0') {
    free(s);
    return NULL;
  }
  return s;
}

/* ---- the arms against each other ------------------------------------------
 */

char *rb_report_arms_headline(const rb_report_ctx *ctx, int p) {
  const rb_results *res = ctx->res;
  if (!res->arms_given) {
    return NULL;
  }
  const rb_persp_result *pr = &res->all.persp[RB_DISC][p];
  text t;
  if (!text_open(&t)) {
    return NULL;
  }
  const char *who = rb_report_persp_name(ctx, p);
  for (int b = 1; b < res->n_arms; b++) {
    const rb_stats *s = &pr->vs[RB_ARM_INTERVENTION][b];
    char x[64], lo[64], hi[64];
    const bool gain = round(s->mean) >= 0.0;
    rb_report_kr(ctx, x, sizeof x, gain ? s->mean : -s->mean);
    rb_report_kr(ctx, lo, sizeof lo, s->p2_5);
    rb_report_kr(ctx, hi, sizeof hi, s->p97_5);
    fprintf(t.f,
            ctx->da ? (gain ? "%s%s %s sparer %s %s %s kr. pr. borger (95 "
                              "%%-interval %s til %s kr.)"
                            : "%s%s %s koster %s %s %s kr. mere pr. borger "
                              "(95 %%-interval for besparelsen %s til %s kr.)")
                    : (gain ? "%s%s %s, %s saves %s %s kr per citizen (95%% "
                              "interval %s to %s kr)"
                            : "%s%s %s, %s costs %s %s kr more per citizen "
                              "(95%% interval of the saving %s to %s kr)"),
            b == 1 ? "" : "; ",
            b == 1 ? (ctx->da ? "Mod" : "Against")
                   : (ctx->da ? "mod" : "against"),
            rb_report_arm_name(ctx, b),
            rb_report_arm_name(ctx, RB_ARM_INTERVENTION), who, x, lo, hi);
    if (b == RB_ARM_BASELINE) {
      fputs(ctx->da ? " (referencen)" : " (the reference)", t.f);
    }
  }
  fputs(".", t.f);
  return text_close(&t);
}

/* ---- the sweep's headline ------------------------------------------------ */

/* How the swept key is named in a sentence, and its unit. */
typedef enum { UNIT_NONE, UNIT_KR, UNIT_MONTHS } sweep_unit;

typedef struct sweep_words {
  char one[160];  /**< "loft", "værdi af <key>" */
  char many[160]; /**< "lofter", "værdier" */
  sweep_unit unit;
} sweep_words;

static void sweep_words_for(const rb_report_ctx *ctx, const char *key,
                            sweep_words *w) {
  if (key == NULL) {
    key = "?";
  }
  if (strcmp(key, "subsidy.cap") == 0) {
    snprintf(w->one, sizeof w->one, "%s", RB_L(ctx, "loft", "cap"));
    snprintf(w->many, sizeof w->many, "%s", RB_L(ctx, "lofter", "caps"));
    w->unit = UNIT_KR;
  } else if (strcmp(key, "subsidy.period_months") == 0) {
    snprintf(w->one, sizeof w->one, "%s",
             RB_L(ctx, "tilskudsperiode", "subsidy period"));
    snprintf(w->many, sizeof w->many, "%s",
             RB_L(ctx, "tilskudsperioder", "subsidy periods"));
    w->unit = UNIT_MONTHS;
  } else {
    snprintf(w->one, sizeof w->one, "%s %s", RB_L(ctx, "værdi af", "value of"),
             key);
    snprintf(w->many, sizeof w->many, "%s", RB_L(ctx, "værdier", "values"));
    w->unit = UNIT_NONE;
  }
}

/* A value of the swept key with its unit ("3.000 kr.", "24 mdr.", "0,35"). */
static void sweep_value(const rb_report_ctx *ctx, char *buf, size_t n, double x,
                        sweep_unit unit) {
  char v[48];
  if (unit == UNIT_KR) {
    rb_report_kr(ctx, v, sizeof v, x);
    snprintf(buf, n, "%s %s", v, RB_L(ctx, "kr.", "kr"));
  } else if (unit == UNIT_MONTHS) {
    rb_report_num(ctx, v, sizeof v, x, 3);
    snprintf(buf, n, "%s %s", v, RB_L(ctx, "mdr.", "months"));
  } else if (fabs(x) >= 100.0) {
    /* Whole units are precise enough in a sentence (the tables have the
     * digits). */
    rb_report_kr(ctx, buf, n, x);
  } else {
    rb_report_num(ctx, buf, n, x, 4);
  }
}

/* The end of a stretch of saving values @p i..@p j as a value: the
 * break-even value before its first point (the last one after the
 * previous stretch, which ended at @p prev_end), or the point itself when
 * the curve only rises from zero there; likewise at its end. */
static void stretch_ends(const json_t *values, const json_t *mean,
                         const json_t *bev, size_t i, size_t j, double prev_end,
                         double *lo, double *hi) {
  size_t nv = json_array_size(values), nb = json_array_size(bev);
  *lo = rb_report_jat(values, i);
  *hi = rb_report_jat(values, j);
  for (size_t k = 0; i > 0 && k < nb; k++) {
    double b = rb_report_jat(bev, k);
    if (b > prev_end && b <= rb_report_jat(values, i)) {
      *lo = b;
    }
  }
  size_t m = j + 1;
  while (m < nv && !(rb_report_jat(mean, m) > 0.0)) {
    m++;
  }
  double next = m < nv ? rb_report_jat(values, m) : INFINITY;
  for (size_t k = 0; j + 1 < nv && k < nb; k++) {
    double b = rb_report_jat(bev, k);
    if (b >= rb_report_jat(values, j) && b < next) {
      *hi = b;
      break;
    }
  }
}

/* Where the mean saving of perspective @p pp (a sweep.json perspective) is
 * positive, as words written to @p f: "fra 54 kr.", "op til 2.000 kr. og
 * fra 3.500 kr.", …  Nothing is written when the whole range saves.
 * @return the number of stretches; *all when the whole range saves. */
static int sweep_paying(FILE *f, const rb_report_ctx *ctx, const json_t *values,
                        const json_t *pp, sweep_unit unit, bool *all) {
  const json_t *mean = json_object_get(pp, "mean");
  const json_t *bev = json_object_get(pp, "break_even_values");
  size_t nv = json_array_size(values);
  int runs = 0;
  double prev_end = -INFINITY;
  *all = false;
  for (size_t i = 0; i < nv;) {
    if (!(rb_report_jat(mean, i) > 0.0)) {
      i++;
      continue;
    }
    size_t j = i;
    while (j + 1 < nv && rb_report_jat(mean, j + 1) > 0.0) {
      j++;
    }
    double lo, hi;
    stretch_ends(values, mean, bev, i, j, prev_end, &lo, &hi);
    char a[64], z[64];
    sweep_value(ctx, a, sizeof a, lo, unit);
    sweep_value(ctx, z, sizeof z, hi, unit);
    const char *sep = runs > 0 ? RB_L(ctx, " og ", " and ") : "";
    if (i == 0 && j + 1 == nv) {
      *all = true;
    } else if (i == 0) {
      fprintf(f, "%s%s %s", sep, RB_L(ctx, "op til", "up to"), z);
    } else if (j + 1 == nv) {
      fprintf(f, "%s%s %s", sep, RB_L(ctx, "fra", "from"), a);
    } else {
      fprintf(f, "%s%s %s %s %s", sep, RB_L(ctx, "fra", "from"), a,
              RB_L(ctx, "til", "to"), z);
    }
    runs++;
    prev_end = rb_report_jat(values, j);
    i = j + 1;
  }
  return runs;
}

/* The sweep's best value for perspective @p p and its saving: "Bedste loft
 * for kommunen: 3.000 kr., hvor kommunen sparer … kr.; "; nothing when the
 * best value is not among the values. */
static void sweep_best(FILE *f, const rb_report_ctx *ctx, const json_t *sw,
                       int p, const sweep_words *w) {
  const json_t *pp = rb_report_sweep_persp(sw, p);
  const json_t *values = json_object_get(sw, "values");
  size_t bi = rb_report_sweep_best(sw, p);
  if (bi >= json_array_size(values)) {
    return;
  }
  const char *who = rb_report_persp_name(ctx, p);
  char hz[64], best[64], x[64], a[64], b[64];
  rb_report_horizon(ctx, hz, sizeof hz);
  double mean = rb_report_jat(json_object_get(pp, "mean"), bi);
  bool gain = round(mean) >= 0.0;
  sweep_value(ctx, best, sizeof best, rb_report_jnum(pp, "best_value"),
              w->unit);
  rb_report_kr(ctx, x, sizeof x, gain ? mean : -mean);
  rb_report_kr(ctx, a, sizeof a,
               rb_report_jat(json_object_get(pp, "p2_5"), bi));
  rb_report_kr(ctx, b, sizeof b,
               rb_report_jat(json_object_get(pp, "p97_5"), bi));
  if (gain) {
    fprintf(f,
            ctx->da ? "Bedste %s for %s: %s, hvor %s sparer %s kr. pr. borger "
                      "over %s (95 %%-interval %s til %s kr.); "
                    : "Best %s for %s: %s, where %s saves %s kr per citizen "
                      "over %s (95%% interval %s to %s kr); ",
            w->one, who, best, who, x, hz, a, b);
  } else {
    fprintf(f,
            ctx->da ? "Bedste %s for %s: %s, men også dér koster ordningen %s "
                      "%s kr. mere pr. borger over %s, end den sparer; "
                    : "Best %s for %s: %s, but even there the scheme costs %s "
                      "%s kr more per citizen over %s than it saves; ",
            w->one, who, best, who, x, hz);
  }
}

/* Where the scheme pays off for perspective @p p, to the full stop. */
static void sweep_pays_off(text *t, const rb_report_ctx *ctx, const json_t *sw,
                           int p, const sweep_words *w) {
  const json_t *values = json_object_get(sw, "values");
  size_t nv = json_array_size(values);
  const char *who = rb_report_persp_name(ctx, p);
  char first[64], last[64];
  /* "(0 til 4.000 kr.)": the unit once. */
  sweep_value(ctx, first, sizeof first, rb_report_jat(values, 0), UNIT_NONE);
  sweep_value(ctx, last, sizeof last,
              rb_report_jat(values, nv > 0 ? nv - 1 : 0), w->unit);
  text ranges;
  if (!text_open(&ranges)) {
    return;
  }
  bool all = false;
  int runs = sweep_paying(ranges.f, ctx, values, rb_report_sweep_persp(sw, p),
                          w->unit, &all);
  char *r = text_close(&ranges);
  if (runs == 0) {
    fprintf(t->f,
            ctx->da ? "ordningen betaler sig ikke for %s ved nogen af de "
                      "undersøgte %s (%s til %s)."
                    : "the scheme does not pay off for %s at any of the %s "
                      "studied (%s to %s).",
            who, w->many, first, last);
  } else if (all) {
    fprintf(t->f,
            ctx->da ? "ordningen betaler sig for %s ved alle de undersøgte %s "
                      "(%s til %s)."
                    : "the scheme pays off for %s at every one of the %s "
                      "studied (%s to %s).",
            who, w->many, first, last);
  } else {
    fprintf(t->f,
            ctx->da ? "ordningen betaler sig for %s ved %s %s"
                    : "the scheme pays off for %s at %s %s",
            who, w->many, r != NULL ? r : "");
    /* One full stop, also after "kr.". */
    fflush(t->f);
    if (t->len > 0 && t->s[t->len - 1] != '.') {
      fputc('.', t->f);
    }
  }
  free(r);
}

char *rb_report_sweep_headline(const rb_report_ctx *ctx, int p) {
  const json_t *sw = ctx->n_sweeps > 0 ? ctx->sweeps[0] : NULL;
  sweep_words w;
  sweep_words_for(ctx, json_string_value(json_object_get(sw, "param")), &w);
  text t;
  if (!text_open(&t)) {
    return NULL;
  }
  sweep_best(t.f, ctx, sw, p, &w);
  sweep_pays_off(&t, ctx, sw, p, &w);
  char *s = text_close(&t);
  if (s != NULL) {
    rb_report_ucfirst(s);
  }
  return s;
}

/* ---- the tornado's headline ---------------------------------------------- */

/* A key in the text: in <code> for HTML. */
static void truth_key(FILE *f, const char *key, bool html) {
  if (html) {
    fputs("<code>", f);
    rb_report_esc(f, key);
    fputs("</code>", f);
  } else {
    fputs(key != NULL ? key : "?", f);
  }
}

/* One end (@p end 0 low, 1 high) of bar @p b that turns the result of
 * perspective @p p, its saving there @p sv: "KEY må ikke være så lav som V
 * (besparelse S kr.; nul ved T)" when the base case saves, else what KEY
 * must be for the scheme to pay. */
static void truth_end(FILE *f, const rb_report_ctx *ctx, const json_t *b, int p,
                      int end, double sv, bool saves, bool html) {
  char v[64], s[64], t[64];
  rb_report_num(ctx, v, sizeof v, rb_report_jnum(b, end == 0 ? "low" : "high"),
                6);
  rb_report_kr(ctx, s, sizeof s, sv);
  /* The value at which the saving crosses zero, when the tornado gives it;
   * it belongs to the end on whose side of the value it lies (when both
   * ends turn the result, it is the nearer one's). */
  double th = rb_report_jpersp(b, "threshold", p);
  double val = rb_report_jnum(b, "value");
  if (isfinite(val) && (end == 0 ? th > val : th < val)) {
    th = NAN;
  }
  rb_report_num(ctx, t, sizeof t, th, 6);
  truth_key(f, json_string_value(json_object_get(b, "key")), html);
  if (saves) {
    fprintf(
        f, " %s %s (%s %s %s",
        ctx->da
            ? (end == 0 ? "må ikke være så lav som" : "må ikke være så høj som")
            : (end == 0 ? "must not be as low as" : "must not be as high as"),
        v, RB_L(ctx, "besparelse", "saving"), s, RB_L(ctx, "kr.", "kr"));
    if (isfinite(th)) {
      fprintf(f, "; %s %s", RB_L(ctx, "nul ved", "zero at"), t);
    }
    fputc(')', f);
  } else if (isfinite(th)) {
    fprintf(f,
            ctx->da ? " skal være %s end ca. %s (besparelse %s kr. ved %s)"
                    : " must be %s about %s (saving %s kr at %s)",
            ctx->da ? (end == 0 ? "lavere" : "højere")
                    : (end == 0 ? "below" : "above"),
            t, s, v);
  } else {
    fprintf(f,
            ctx->da ? " skal være så %s som %s (besparelse %s kr.)"
                    : " must be as %s as %s (saving %s kr)",
            ctx->da ? (end == 0 ? "lav" : "høj") : (end == 0 ? "low" : "high"),
            v, s);
  }
}

int rb_report_tornado_truths(FILE *f, const rb_report_ctx *ctx, int p,
                             bool html) {
  json_t *bars = json_object_get(ctx->tornado, "bars");
  double b0 = rb_report_jpersp(ctx->tornado, "base", p);
  /* As the tornado decides a flip: a saving of exactly 0 does not save. */
  bool saves = b0 > 0.0;
  int flips = 0;
  for (size_t i = 0; i < json_array_size(bars); i++) {
    json_t *b = json_array_get(bars, i);
    json_t *fl = json_object_get(json_object_get(b, "flips_sign"),
                                 rb_perspective_name((rb_perspective)p));
    if (!json_is_true(fl)) {
      continue;
    }
    for (int end = 0; end < 2; end++) {
      double sv =
          rb_report_jpersp(b, end == 0 ? "saving_low" : "saving_high", p);
      if (!isfinite(sv) || !isfinite(b0) || (sv > 0.0) == saves) {
        continue;
      }
      if (flips > 0) {
        fputs(saves ? "; " : RB_L(ctx, " eller ", " or "), f);
      }
      truth_end(f, ctx, b, p, end, sv, saves, html);
      flips++;
    }
  }
  const char *whose = rb_report_persp_genitive(ctx, p);
  if (flips == 0) {
    fprintf(f,
            ctx->da ? "ingen enkelt antagelse vender %s resultat inden for "
                      "sin lave og høje værdi."
                    : "no single assumption turns %s result within its low "
                      "and high value.",
            whose);
  } else if (saves) {
    fprintf(f,
            ctx->da ? " – ellers skifter %s resultat fortegn."
                    : " – otherwise %s result changes sign.",
            whose);
  } else {
    fprintf(f,
            ctx->da ? " – så betaler ordningen sig for %s."
                    : " – then the scheme pays off for %s.",
            rb_report_persp_name(ctx, p));
  }
  return flips;
}

/* Nothing turns the result: the assumption that matters most, " Størst
 * betydning har KEY (udsving S kr. …)."; nothing when no bar swings. */
static void tornado_top(FILE *f, const rb_report_ctx *ctx, int p) {
  json_t *bars = json_object_get(ctx->tornado, "bars");
  size_t top = 0;
  double sw = -1.0;
  for (size_t i = 0; i < json_array_size(bars); i++) {
    double s = rb_report_jpersp(json_array_get(bars, i), "swing", p);
    if (isfinite(s) && s > sw) {
      sw = s;
      top = i;
    }
  }
  if (sw > 0.0) {
    char s[64];
    rb_report_kr(ctx, s, sizeof s, sw);
    fprintf(
        f,
        ctx->da ? " Størst betydning har %s (udsving %s kr. mellem lav og "
                  "høj værdi)."
                : " The assumption that matters most is %s (swing %s kr "
                  "between its low and high value).",
        json_string_value(json_object_get(json_array_get(bars, top), "key")),
        s);
  }
}

char *rb_report_tornado_headline(const rb_report_ctx *ctx, int p) {
  json_t *bars = json_object_get(ctx->tornado, "bars");
  double b0 = rb_report_jpersp(ctx->tornado, "base", p);
  char hz[64], x[64];
  rb_report_horizon(ctx, hz, sizeof hz);
  bool gain = round(b0) >= 0.0;
  rb_report_kr(ctx, x, sizeof x, gain ? b0 : -b0);
  text t;
  if (!text_open(&t)) {
    return NULL;
  }
  fprintf(t.f,
          ctx->da ? (gain ? "Med alle antagelser som ventet sparer %s %s kr. "
                            "pr. borger over %s."
                          : "Med alle antagelser som ventet koster ordningen "
                            "%s %s kr. mere pr. borger over %s, end den "
                            "sparer.")
                  : (gain ? "With every assumption as expected, %s saves %s "
                            "kr per citizen over %s."
                          : "With every assumption as expected, the scheme "
                            "costs %s %s kr more per citizen over %s than it "
                            "saves."),
          rb_report_persp_name(ctx, p), x, hz);
  if (json_array_size(bars) == 0) {
    fprintf(t.f, " %s",
            RB_L(ctx, "Ingen af scenariets værdier har en lav og en høj værdi.",
                 "None of the scenario's values has a low and a high value."));
  } else {
    fprintf(t.f, " %s ",
            RB_L(ctx, "Hvad skal være sandt:", "What has to be true:"));
    if (rb_report_tornado_truths(t.f, ctx, p, false) == 0) {
      tornado_top(t.f, ctx, p);
    }
  }
  return text_close(&t);
}
