/*
 * rentbridge subsidy: the deterministic subsidy view (subsidy.md).
 *
 * With --rent: one case per activity, every intermediate amount shown so a
 * case worker can follow it by hand.  Without: a table over the group's rent
 * distribution and the activities, plus the share of offered flats that can
 * be taken with the subsidy (intervention) and without it (baseline).
 */
#include "cli.h"

#include "model/model.h"
#include "rentbridge/subsidy.h"

#include <float.h>
#include <gsl/gsl_cdf.h>
#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** Points used to integrate a continuous rent distribution (midpoints). */
#define RB_POOL_POINTS 1000

static const char help[] =
    "usage: rentbridge subsidy SCENARIO [--group NAME] [--rent R]\n"
    "                          [--activity none|education|employed] [--json]\n"
    "                          [--set KEY=VALUE]...\n"
    "\n"
    "The deterministic subsidy view: net income after tax, boligsikring,\n"
    "own payment, the gap, the subsidy under the cap and whether the citizen\n"
    "could take the lease over on the group's future income.\n"
    "\n"
    "  --group NAME     the group (default: the first group)\n"
    "  --rent R         monthly rent without utilities, kr: one case shown\n"
    "                   step by step; without it, a table over the group's\n"
    "                   rent distribution (discrete: each value; lognormal:\n"
    "                   the 5/25/50/75/95 % quantiles; uniform: 5 evenly\n"
    "                   spaced points) and the share of offered flats that\n"
    "                   can be taken with and without the subsidy\n"
    "  --activity A     only this activity (default: none, education and\n"
    "                   employed)\n"
    "  --json           a JSON array, one object per case, instead of text\n"
    "  --set KEY=VALUE  override a scenario key (as for 'rentbridge run')\n"
    "\n"
    "The flat (utilities, area, heating, rent distribution) is the group's\n"
    "intervention-arm flat; labels follow scenario.language (da or en).\n"
    "\n"
    "exit status: 0 ok, 2 usage error, 3 invalid scenario or rules file,\n"
    "4 input/output error, 70 internal error.\n";

static const char *const activity_names[RB_A_COUNT] = {"none", "education",
                                                       "employed"};

/* ---- Everything one case needs ----------------------------------------- */

typedef struct sub_ctx {
  const rb_scenario *sc;
  const rb_group *g;
  rb_language lang;
  rb_scheme_terms terms;
  rb_flat_case flat; /* rent filled per case */
} sub_ctx;

typedef struct sub_case {
  rb_activity activity;
  const rb_income *income;
  const rb_income *future;
  rb_income_case cur, fut;
  rb_subsidy_result r;
  rb_subsidy_result rf; /* the same flat on the future income */
  rb_offer_outcome offer[RB_ARM_COUNT];
} sub_case;

static const char *L(const sub_ctx *c, const char *da, const char *en) {
  return c->lang == RB_LANG_EN ? en : da;
}

static double pv(const rb_scenario *sc, int idx) {
  return sc->params[idx].value;
}

static const rb_income *income_at(const rb_scenario *sc, int idx) {
  if (idx < 0 || idx >= sc->n_incomes) {
    return NULL;
  }
  return &sc->incomes[idx];
}

static void case_compute(sub_case *out, const sub_ctx *c, rb_activity a,
                         double rent) {
  rb_flat_case flat = c->flat;
  flat.rent = rent;
  out->activity = a;
  out->income = income_at(c->sc, c->g->income[a]);
  out->future = income_at(c->sc, c->g->income[RB_A_COUNT]);
  out->cur.gross = pv(c->sc, out->income->gross);
  out->cur.kind = out->income->kind;
  out->fut.gross = pv(c->sc, out->future->gross);
  out->fut.kind = out->future->kind;
  rb_subsidy_compute(&out->r, &c->sc->rules, &c->terms, &flat, &out->cur,
                     &out->fut);
  rb_subsidy_compute(&out->rf, &c->sc->rules, &c->terms, &flat, &out->fut,
                     NULL);
  out->offer[RB_ARM_INTERVENTION] = rb_offer_decide(&out->r, &c->terms, true);
  out->offer[RB_ARM_BASELINE] = rb_offer_decide(&out->r, &c->terms, false);
}

/* ---- The rent distribution --------------------------------------------- */

/* Rent at quantile q of a continuous distribution. */
static double rent_quantile(const rb_scenario *sc, const rb_rent *d, double q) {
  if (d->dist == RB_RENT_LOGNORMAL) {
    return pv(sc, d->median) *
           exp(pv(sc, d->sigma) * gsl_cdf_ugaussian_Pinv(q));
  }
  const double lo = pv(sc, d->low);
  return lo + (pv(sc, d->high) - lo) * q;
}

/* The rents of the table: values, and their weights or quantiles. */
static int table_points(const rb_scenario *sc, const rb_rent *d, double *rents,
                        double *aux, int max) {
  static const double lq[5] = {0.05, 0.25, 0.50, 0.75, 0.95};
  int n = 0;
  if (d->dist == RB_RENT_DISCRETE) {
    double sum = 0.0;
    for (int i = 0; i < d->n; i++) {
      sum += d->weights[i];
    }
    for (int i = 0; i < d->n && n < max; i++, n++) {
      rents[n] = pv(sc, d->values[i]);
      aux[n] = sum > 0.0 ? d->weights[i] / sum : 0.0;
    }
  } else {
    for (int i = 0; i < 5 && n < max; i++, n++) {
      aux[n] = d->dist == RB_RENT_LOGNORMAL ? lq[i] : 0.25 * (double)i;
      rents[n] = rent_quantile(sc, d, aux[n]);
    }
  }
  return n;
}

/* Shares of offered flats taken in each arm, weighted by the rent
 * distribution (discrete: its weights; continuous: RB_POOL_POINTS
 * midpoint quantiles). */
static void pool_shares(double out[RB_ARM_COUNT], const sub_ctx *c,
                        rb_activity a) {
  const rb_rent *d = &c->g->arm[RB_ARM_INTERVENTION].flats.rent;
  double taken[RB_ARM_COUNT] = {0.0, 0.0};
  double total = 0.0;
  const int n = d->dist == RB_RENT_DISCRETE ? d->n : RB_POOL_POINTS;
  for (int i = 0; i < n; i++) {
    double rent, w;
    if (d->dist == RB_RENT_DISCRETE) {
      rent = pv(c->sc, d->values[i]);
      w = d->weights[i];
    } else {
      rent = rent_quantile(c->sc, d, ((double)i + 0.5) / RB_POOL_POINTS);
      w = 1.0;
    }
    sub_case k;
    case_compute(&k, c, a, rent);
    for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
      if (k.offer[arm] != RB_OFFER_REFUSED) {
        taken[arm] += w;
      }
    }
    total += w;
  }
  for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
    out[arm] = total > 0.0 ? taken[arm] / total : 0.0;
  }
}

/* ---- Text formatting ---------------------------------------------------- */

/* An amount with thousands separators: 16.881,58 (da) or 16,881.58 (en). */
static const char *fmt_num(char *buf, size_t n, double v, int decimals,
                           rb_language lang) {
  char raw[64];
  if (!isfinite(v)) {
    snprintf(buf, n, "%s", "-");
    return buf;
  }
  snprintf(raw, sizeof raw, "%.*f", decimals, fabs(v));
  if (strtod(raw, NULL) == 0.0) {
    v = 0.0; /* no "-0,00" */
  }
  const char thou = lang == RB_LANG_EN ? ',' : '.';
  const char dec = lang == RB_LANG_EN ? '.' : ',';
  const char *point = strchr(raw, '.');
  size_t int_len = point != NULL ? (size_t)(point - raw) : strlen(raw);
  size_t o = 0;
  if (v < 0.0 && o + 1 < n) {
    buf[o++] = '-';
  }
  for (size_t i = 0; i < int_len && o + 1 < n; i++) {
    if (i > 0 && (int_len - i) % 3 == 0 && o + 1 < n) {
      buf[o++] = thou;
    }
    if (o + 1 < n) {
      buf[o++] = raw[i];
    }
  }
  if (point != NULL) {
    if (o + 1 < n) {
      buf[o++] = dec;
    }
    for (const char *p = point + 1; *p != '\0' && o + 1 < n; p++) {
      buf[o++] = *p;
    }
  }
  buf[o] = '\0';
  return buf;
}

/* Characters (UTF-8 code points) in s. */
static int utf8_len(const char *s) {
  int len = 0;
  for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
    if ((*p & 0xC0) != 0x80) {
      len++;
    }
  }
  return len;
}

/* s padded with spaces to width characters, left or right aligned. */
static void put_pad(const char *s, int width, bool right) {
  int pad = width - utf8_len(s);
  if (right) {
    for (int i = 0; i < pad; i++) {
      putchar(' ');
    }
  }
  fputs(s, stdout);
  if (!right) {
    for (int i = 0; i < pad; i++) {
      putchar(' ');
    }
  }
}

/* One line: "  label ........ amount kr   note". */
static void line_kr(const sub_ctx *c, const char *label, double v, int dec,
                    const char *note) {
  char b[64];
  fputs("  ", stdout);
  put_pad(label, 46, false);
  put_pad(fmt_num(b, sizeof b, v, dec, c->lang), 14, true);
  fputs(" kr", stdout);
  if (note != NULL && note[0] != '\0') {
    printf("   %s", note);
  }
  putchar('\n');
}

static const char *kind_label(const sub_ctx *c, rb_income_kind k) {
  switch (k) {
  case RB_INCOME_WAGE:
    return L(c, "løn", "wage");
  case RB_INCOME_SU:
    return "SU";
  case RB_INCOME_BENEFIT:
  case RB_INCOME_KIND_COUNT:
    break;
  }
  return L(c, "offentlig ydelse", "benefit");
}

static const char *activity_label(const sub_ctx *c, rb_activity a) {
  switch (a) {
  case RB_A_EDUCATION:
    return L(c, "uddannelse", "education");
  case RB_A_EMPLOYED:
    return L(c, "beskæftiget", "employed");
  case RB_A_NONE:
  case RB_A_COUNT:
    break;
  }
  return L(c, "ingen", "none");
}

static const char *offer_label(const sub_ctx *c, rb_offer_outcome o) {
  switch (o) {
  case RB_OFFER_ORDINARY:
    return L(c, "tages på almindelige vilkår", "taken on ordinary terms");
  case RB_OFFER_SUBSIDISED:
    return L(c, "tages med tilskud", "taken with the subsidy");
  case RB_OFFER_REFUSED:
    break;
  }
  return L(c, "afslås", "refused");
}

static const char *offer_word(rb_offer_outcome o) {
  switch (o) {
  case RB_OFFER_ORDINARY:
    return "ordinary";
  case RB_OFFER_SUBSIDISED:
    return "subsidised";
  case RB_OFFER_REFUSED:
    break;
  }
  return "refused";
}

/* Short word for the table. */
static const char *offer_short(const sub_ctx *c, rb_offer_outcome o) {
  switch (o) {
  case RB_OFFER_ORDINARY:
    return L(c, "almindelig", "ordinary");
  case RB_OFFER_SUBSIDISED:
    return L(c, "tilskud", "subsidised");
  case RB_OFFER_REFUSED:
    break;
  }
  return L(c, "afslås", "refused");
}

static const char *yes_no(const sub_ctx *c, bool b) {
  return b ? L(c, "ja", "yes") : L(c, "nej", "no");
}

/* ---- One case, step by step --------------------------------------------- */

static void print_rules_line(const sub_ctx *c) {
  const rb_rules *r = &c->sc->rules;
  printf("%s: %s (%d)%s\n", L(c, "Regler", "Rules"),
         r->name != NULL ? r->name : "?", r->year,
         r->estimate ? L(c, "; indeholder skøn", "; contains estimates") : "");
}

static void print_household(const sub_ctx *c) {
  char b[64];
  const rb_flat_case *f = &c->flat;
  printf("%s: %d %s, %d %s; %s %s m², %s\n", L(c, "Husstand", "Household"),
         f->adults,
         f->adults == 1 ? L(c, "voksen", "adult") : L(c, "voksne", "adults"),
         f->children,
         f->children == 1 ? L(c, "barn", "child") : L(c, "børn", "children"),
         L(c, "bolig", "flat"), fmt_num(b, sizeof b, f->area_m2, 1, c->lang),
         f->heating_included
             ? L(c, "varme og varmt vand er med i huslejen",
                 "heat and hot water are in the rent")
             : L(c, "varme betales særskilt", "heating is paid separately"));
}

static void print_tax(const sub_ctx *c, const rb_tax_result *t,
                      const rb_income *inc) {
  const rb_rules *r = &c->sc->rules;
  char b1[64], b2[64], note[200];
  const double rate =
      c->terms.kommuneskat < 0.0 ? r->kommuneskat_avg : c->terms.kommuneskat;
  printf("\n%s (%s, %s)\n",
         L(c, "Indkomst og skat, pr. måned", "Income and tax, per month"),
         inc->name, kind_label(c, inc->kind));
  line_kr(c, L(c, "Bruttoindkomst", "Gross income"), t->gross, 2, NULL);
  snprintf(note, sizeof note, "%s %% %s",
           fmt_num(b1, sizeof b1,
                   100.0 * (inc->kind == RB_INCOME_WAGE ? r->am_rate : 0.0), 2,
                   c->lang),
           inc->kind == RB_INCOME_WAGE
               ? L(c, "af lønnen", "of the wage")
               : L(c, "(intet AM-bidrag af ydelser)", "(none on benefits)"));
  line_kr(c, L(c, "− AM-bidrag", "− AM-bidrag (labour market contribution)"),
          t->am_bidrag, 2, note);
  line_kr(c, L(c, "= Personlig indkomst", "= Personal income"),
          t->personal_income, 2, NULL);
  line_kr(c, L(c, "  Personfradrag", "  Personal allowance (personfradrag)"),
          r->personfradrag / 12.0, 2,
          L(c, "(årligt beløb / 12)", "(annual amount / 12)"));
  snprintf(note, sizeof note, "%s %% × max(0, %s − %s)",
           fmt_num(b1, sizeof b1, 100.0 * r->bundskat_rate, 2, c->lang),
           L(c, "personlig indkomst", "personal income"),
           L(c, "personfradrag", "allowance"));
  line_kr(c, L(c, "− Bundskat", "− Bundskat (state tax)"), t->bundskat, 2,
          note);
  if (inc->kind == RB_INCOME_WAGE) {
    snprintf(note, sizeof note, "min(%s %% × %s, %s / 12)",
             fmt_num(b1, sizeof b1, 100.0 * r->besk_rate, 2, c->lang),
             L(c, "personlig indkomst", "personal income"),
             fmt_num(b2, sizeof b2, r->besk_max, 0, c->lang));
  } else {
    snprintf(note, sizeof note, "%s", L(c, "(kun for løn)", "(wages only)"));
  }
  line_kr(c, L(c, "  Beskæftigelsesfradrag", "  Employment allowance"),
          t->besk_fradrag, 2, note);
  snprintf(note, sizeof note, "%s %% × max(0, %s)",
           fmt_num(b1, sizeof b1, 100.0 * rate, 3, c->lang),
           L(c, "pers. indkomst − besk.fradrag − personfradrag",
             "personal income − employment allowance − allowance"));
  line_kr(c, L(c, "− Kommuneskat", "− Kommuneskat (municipal tax)"),
          t->kommuneskat, 2, note);
  line_kr(c, L(c, "= Nettoindkomst", "= Net income"), t->net, 2, NULL);
}

static void print_bs(const sub_ctx *c, const rb_bs_result *bs,
                     const rb_flat_case *f) {
  const rb_rules *r = &c->sc->rules;
  char b1[64], b2[64], b3[64], b4[64], note[240];
  printf("\n%s\n", L(c, "Boligsikring, årlige beløb (boligstøtteloven)",
                     "Boligsikring (housing benefit), annual amounts"));
  if (f->heating_included) {
    snprintf(note, sizeof note, "12 × %s − %s m² × (%s + %s)",
             fmt_num(b1, sizeof b1, f->rent, 2, c->lang),
             fmt_num(b2, sizeof b2, f->area_m2, 1, c->lang),
             fmt_num(b3, sizeof b3, r->heat_deduction_per_m2, 2, c->lang),
             fmt_num(b4, sizeof b4, r->hot_water_deduction_per_m2, 2, c->lang));
  } else {
    snprintf(note, sizeof note, "12 × %s + %s m² × %s",
             fmt_num(b1, sizeof b1, f->rent, 2, c->lang),
             fmt_num(b2, sizeof b2, f->area_m2, 1, c->lang),
             fmt_num(b3, sizeof b3, r->heat_addon_per_m2, 2, c->lang));
  }
  line_kr(c, L(c, "1. Boligudgift B", "1. Housing cost B"), bs->housing_cost, 2,
          note);
  snprintf(note, sizeof note, "%s %s m², %s %s m²", L(c, "tilladt", "allowed"),
           fmt_num(b1, sizeof b1, bs->area_allowed, 1, c->lang),
           L(c, "boligen", "the flat"),
           fmt_num(b2, sizeof b2, f->area_m2, 1, c->lang));
  line_kr(c, L(c, "2. B efter arealgrænse", "2. B after the area cap"),
          bs->housing_cost_area, 2, note);
  snprintf(note, sizeof note, "%s %s", L(c, "huslejeloft", "rent cap"),
           fmt_num(b1, sizeof b1, r->bs_rent_cap, 0, c->lang));
  line_kr(c, L(c, "3. B efter huslejeloft", "3. B after the rent cap"),
          bs->housing_cost_capped, 2, note);
  line_kr(c, L(c, "4. Husstandsindkomst I", "4. Household income I"),
          bs->income, 2,
          L(c, "(personlig indkomst × 12)", "(personal income × 12)"));
  int raises = f->children - 1;
  if (raises < 0) {
    raises = 0;
  }
  if (raises > r->bs_child_raise_max) {
    raises = r->bs_child_raise_max;
  }
  snprintf(note, sizeof note, "%s + %d × %s",
           fmt_num(b1, sizeof b1, r->bs_income_threshold, 0, c->lang), raises,
           fmt_num(b2, sizeof b2, r->bs_child_raise, 0, c->lang));
  line_kr(c, L(c, "   Indkomstgrænse T", "   Income threshold T"),
          bs->threshold, 2, note);
  snprintf(note, sizeof note, "%s × B − %s × max(0, I − T)",
           fmt_num(b1, sizeof b1, r->bs_rent_share, 2, c->lang),
           fmt_num(b2, sizeof b2, r->bs_income_taper, 2, c->lang));
  line_kr(c, L(c, "5. Grundbeløb", "5. Base amount"), bs->base, 2, note);
  snprintf(note, sizeof note, "B − %s",
           fmt_num(b1, sizeof b1, r->bs_min_own_payment, 0, c->lang));
  line_kr(
      c,
      L(c, "6. Grænse: mindste egenbetaling", "6. Limit: minimum own payment"),
      bs->limit_min_own, 2, note);
  line_kr(c, L(c, "   Grænse: maksimum", "   Limit: maximum"), bs->limit_max, 2,
          f->children >= r->bs_max_raise_min_children
              ? L(c, "(forhøjet for 4 eller flere børn)",
                  "(raised for four or more children)")
              : NULL);
  if (f->children == 0) {
    snprintf(note, sizeof note, "%s × B",
             fmt_num(b1, sizeof b1, r->bs_no_children_cap, 2, c->lang));
    line_kr(c,
            L(c, "   Grænse: husstand uden børn",
              "   Limit: household without children"),
            bs->limit_no_children, 2, note);
  } else {
    printf("  %s\n", L(c, "   Grænse: husstand uden børn: gælder ikke",
                       "   Limit: household without children: does not "
                       "apply"));
  }
  snprintf(note, sizeof note, "%s %s",
           L(c, "mindste, 0 hvis under minimumsudbetalingen",
             "the least, 0 below the minimum payout"),
           fmt_num(b1, sizeof b1, r->bs_min_payout, 0, c->lang));
  line_kr(c, L(c, "7. Boligsikring før afrunding", "7. Support, unrounded"),
          bs->support, 2, note);
  line_kr(c, L(c, "8. Boligsikring pr. år", "8. Support per year"), bs->annual,
          0, L(c, "(hele kroner, halvt op)", "(whole kroner, half up)"));
  line_kr(c, L(c, "   Boligsikring pr. måned", "   Support per month"),
          bs->monthly, 0,
          L(c, "(årligt beløb / 12, hele kroner)",
            "(annual amount / 12, whole kroner)"));
}

static void own_payment_note(char *buf, size_t n, const sub_ctx *c) {
  char b[64];
  switch (c->terms.own_method) {
  case RB_OWN_INCOME_SHARE:
    snprintf(buf, n, "%s %% %s",
             fmt_num(b, sizeof b, 100.0 * c->terms.own_param, 1, c->lang),
             L(c, "af nettoindkomsten", "of net income"));
    return;
  case RB_OWN_RESIDUAL:
    snprintf(buf, n, "max(0, %s − %s)", L(c, "netto", "net"),
             fmt_num(b, sizeof b, c->terms.own_param, 2, c->lang));
    return;
  case RB_OWN_FIXED:
  case RB_OWN_METHOD_COUNT:
    break;
  }
  snprintf(buf, n, "%s", L(c, "fast beløb", "a fixed amount"));
}

static void print_case(const sub_ctx *c, const sub_case *k) {
  char b1[64], note[200];
  rb_flat_case f = c->flat;
  f.rent = k->r.rent;
  printf("\n== %s: %s ==\n", L(c, "Aktivitet", "Activity"),
         activity_label(c, k->activity));
  print_tax(c, &k->r.tax, k->income);
  print_bs(c, &k->r.bs, &f);

  printf("\n%s\n", L(c, "Boligudgift, egenbetaling og tilskud, pr. måned",
                     "Housing cost, own payment and subsidy, per month"));
  line_kr(c, L(c, "Husleje", "Rent"), k->r.rent, 2,
          L(c, "(uden forbrug)", "(without utilities)"));
  line_kr(c, L(c, "+ Forbrug", "+ Utilities"), k->r.utilities, 2, NULL);
  line_kr(c, L(c, "= Boligudgift H", "= Housing cost H"), k->r.housing_cost, 2,
          NULL);
  line_kr(c, L(c, "− Boligsikring", "− Boligsikring"), k->r.housing_benefit, 0,
          NULL);
  own_payment_note(note, sizeof note, c);
  line_kr(c, L(c, "− Egenbetaling O", "− Own payment O"), k->r.own_payment, 2,
          note);
  line_kr(c, L(c, "= Gab G", "= Gap G"), k->r.gap, 2, NULL);
  snprintf(note, sizeof note, "min(%s, max(0, G))",
           fmt_num(b1, sizeof b1, c->terms.cap, 2, c->lang));
  line_kr(c, L(c, "Tilskud", "Subsidy"), k->r.subsidy, 2, note);
  if (k->r.capped) {
    snprintf(note, sizeof note, "%s %s kr %s",
             L(c, "ja: borgeren skal betale", "yes: the citizen pays"),
             fmt_num(b1, sizeof b1, k->r.gap - c->terms.cap, 2, c->lang),
             L(c, "over normen", "above the norm"));
    printf("  %s: %s\n", L(c, "Over loftet", "Above the cap"), note);
  } else {
    printf("  %s: %s\n", L(c, "Over loftet", "Above the cap"),
           yes_no(c, false));
  }

  printf("\n%s (%s, %s)\n", L(c, "Fremtidig indkomst", "Future income"),
         k->future->name, kind_label(c, k->future->kind));
  line_kr(c, L(c, "Nettoindkomst", "Net income"), k->rf.tax.net, 2, NULL);
  line_kr(c, L(c, "Boligsikring", "Boligsikring"), k->rf.housing_benefit, 0,
          NULL);
  line_kr(c, L(c, "Egenbetaling", "Own payment"), k->rf.own_payment, 2, NULL);
  line_kr(c, L(c, "Gab på fremtidig indkomst", "Gap on the future income"),
          k->r.future_gap, 2, NULL);
  printf(
      "  %s: %s%s\n",
      L(c, "Realistisk overtagelse (gab ≤ 0)", "Realistic takeover (gap ≤ 0)"),
      yes_no(c, k->r.realistic_takeover),
      c->terms.require_realistic_takeover
          ? ""
          : L(c, " (kræves ikke i scenariet)",
              " (not required by the scenario)"));

  printf("\n%s\n", L(c, "Tilbud om denne bolig", "An offer of this flat"));
  printf("  %-14s %s\n",
         "intervention:", offer_label(c, k->offer[RB_ARM_INTERVENTION]));
  printf("  %-14s %s\n",
         "baseline:", offer_label(c, k->offer[RB_ARM_BASELINE]));
}

/* ---- The table ---------------------------------------------------------- */

static void print_table_header(const sub_ctx *c, bool discrete) {
  static const int w[] = {12, 10, 8, 10, 9, 10, 10, 9, 6, 11, 6, 11, 9};
  const char *h[] = {L(c, "Aktivitet", "Activity"),
                     L(c, "Husleje", "Rent"),
                     discrete ? L(c, "Vægt", "Weight")
                              : L(c, "Fraktil", "Quantile"),
                     L(c, "Netto", "Net"),
                     L(c, "Boligsikr.", "Benefit"),
                     L(c, "Egenbet.", "Own pay"),
                     L(c, "Gab", "Gap"),
                     L(c, "Tilskud", "Subsidy"),
                     L(c, "Loft", "Cap"),
                     L(c, "Fremt. gab", "Future gap"),
                     L(c, "Real.", "Real."),
                     "intervention",
                     "baseline"};
  for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
    put_pad(h[i], w[i], i > 0 && i < 10);
    putchar(' ');
  }
  putchar('\n');
}

static void print_table_row(const sub_ctx *c, const sub_case *k, double aux) {
  char b[64];
  put_pad(activity_label(c, k->activity), 12, false);
  putchar(' ');
  put_pad(fmt_num(b, sizeof b, k->r.rent, 0, c->lang), 10, true);
  putchar(' ');
  char pct[32];
  snprintf(pct, sizeof pct, "%s %%",
           fmt_num(b, sizeof b, 100.0 * aux, 1, c->lang));
  put_pad(pct, 8, true);
  putchar(' ');
  const double v[] = {k->r.tax.net, k->r.housing_benefit, k->r.own_payment,
                      k->r.gap, k->r.subsidy};
  const int w[] = {10, 9, 10, 10, 9};
  for (int i = 0; i < 5; i++) {
    put_pad(fmt_num(b, sizeof b, v[i], 0, c->lang), w[i], true);
    putchar(' ');
  }
  put_pad(yes_no(c, k->r.capped), 6, true);
  putchar(' ');
  put_pad(fmt_num(b, sizeof b, k->r.future_gap, 0, c->lang), 11, true);
  putchar(' ');
  put_pad(yes_no(c, k->r.realistic_takeover), 6, false);
  putchar(' ');
  put_pad(offer_short(c, k->offer[RB_ARM_INTERVENTION]), 12, false);
  putchar(' ');
  fputs(offer_short(c, k->offer[RB_ARM_BASELINE]), stdout);
  putchar('\n');
}

/* ---- JSON ---------------------------------------------------------------- */

static json_t *jnum(double v) {
  return isfinite(v) && v != DBL_MAX ? json_real(v) : json_null();
}

static const char *kind_word(rb_income_kind k) {
  switch (k) {
  case RB_INCOME_WAGE:
    return "wage";
  case RB_INCOME_SU:
    return "su";
  case RB_INCOME_BENEFIT:
  case RB_INCOME_KIND_COUNT:
    break;
  }
  return "benefit";
}

static json_t *case_json(const sub_ctx *c, const sub_case *k) {
  const rb_subsidy_result *r = &k->r;
  json_t *o = json_object();
  json_object_set_new(o, "group", json_string(c->g->name));
  json_object_set_new(o, "activity", json_string(activity_names[k->activity]));
  json_object_set_new(o, "income_profile", json_string(k->income->name));
  json_object_set_new(o, "income_kind", json_string(kind_word(k->cur.kind)));
  json_object_set_new(o, "rent", jnum(r->rent));
  json_object_set_new(o, "utilities", jnum(r->utilities));
  json_object_set_new(o, "housing_cost", jnum(r->housing_cost));
  json_object_set_new(o, "area_m2", jnum(c->flat.area_m2));
  json_object_set_new(o, "heating_included",
                      json_boolean(c->flat.heating_included));
  json_object_set_new(o, "adults", json_integer(c->flat.adults));
  json_object_set_new(o, "children", json_integer(c->flat.children));
  json_object_set_new(o, "gross_income", jnum(r->tax.gross));
  json_object_set_new(o, "am_bidrag", jnum(r->tax.am_bidrag));
  json_object_set_new(o, "personal_income", jnum(r->tax.personal_income));
  json_object_set_new(o, "bundskat", jnum(r->tax.bundskat));
  json_object_set_new(o, "beskaeftigelsesfradrag", jnum(r->tax.besk_fradrag));
  json_object_set_new(o, "kommuneskat", jnum(r->tax.kommuneskat));
  json_object_set_new(o, "kommuneskat_rate",
                      jnum(c->terms.kommuneskat < 0.0
                               ? c->sc->rules.kommuneskat_avg
                               : c->terms.kommuneskat));
  json_object_set_new(o, "net_income", jnum(r->tax.net));
  json_object_set_new(o, "bs_housing_cost_year", jnum(r->bs.housing_cost));
  json_object_set_new(o, "bs_area_allowed_m2", jnum(r->bs.area_allowed));
  json_object_set_new(o, "bs_housing_cost_area_year",
                      jnum(r->bs.housing_cost_area));
  json_object_set_new(o, "bs_housing_cost_capped_year",
                      jnum(r->bs.housing_cost_capped));
  json_object_set_new(o, "bs_income_year", jnum(r->bs.income));
  json_object_set_new(o, "bs_threshold_year", jnum(r->bs.threshold));
  json_object_set_new(o, "bs_base_year", jnum(r->bs.base));
  json_object_set_new(o, "bs_limit_min_own_year", jnum(r->bs.limit_min_own));
  json_object_set_new(o, "bs_limit_max_year", jnum(r->bs.limit_max));
  json_object_set_new(o, "bs_limit_no_children_year",
                      jnum(r->bs.limit_no_children));
  json_object_set_new(o, "bs_support_year", jnum(r->bs.support));
  json_object_set_new(o, "bs_annual", jnum(r->bs.annual));
  json_object_set_new(o, "housing_benefit", jnum(r->housing_benefit));
  json_object_set_new(o, "own_payment", jnum(r->own_payment));
  json_object_set_new(o, "gap", jnum(r->gap));
  json_object_set_new(o, "cap", jnum(c->terms.cap));
  json_object_set_new(o, "subsidy", jnum(r->subsidy));
  json_object_set_new(o, "capped", json_boolean(r->capped));
  json_object_set_new(o, "future_income_profile", json_string(k->future->name));
  json_object_set_new(o, "future_net_income", jnum(k->rf.tax.net));
  json_object_set_new(o, "future_housing_benefit", jnum(k->rf.housing_benefit));
  json_object_set_new(o, "future_gap", jnum(r->future_gap));
  json_object_set_new(o, "realistic_takeover",
                      json_boolean(r->realistic_takeover));
  json_object_set_new(o, "offer_intervention",
                      json_string(offer_word(k->offer[RB_ARM_INTERVENTION])));
  json_object_set_new(o, "offer_baseline",
                      json_string(offer_word(k->offer[RB_ARM_BASELINE])));
  return o;
}

/* ---- Arguments ---------------------------------------------------------- */

typedef struct sub_args {
  const char *path;
  const char *group;
  const char *rent_text;
  double rent;
  bool has_rent;
  int activity; /* −1 = all */
  bool json;
  const char **sets;
  int n_sets;
} sub_args;

/* The value of an option given as "--opt VALUE" or "--opt=VALUE". */
static const char *opt_value(int argc, char **argv, int *i, const char *name,
                             bool *matched) {
  const size_t len = strlen(name);
  const char *a = argv[*i];
  *matched = false;
  if (strncmp(a, name, len) != 0) {
    return NULL;
  }
  if (a[len] == '=') {
    *matched = true;
    return a + len + 1;
  }
  if (a[len] != '\0') {
    return NULL;
  }
  *matched = true;
  if (*i + 1 >= argc) {
    return NULL;
  }
  (*i)++;
  return argv[*i];
}

static int parse_args(sub_args *out, int argc, char **argv, const char **sets) {
  memset(out, 0, sizeof *out);
  out->activity = -1;
  out->sets = sets;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    bool m = false;
    const char *v;
    if (strcmp(a, "--json") == 0) {
      out->json = true;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--group", &m)) != NULL || m) {
      if (v == NULL) {
        return rb_cli_usage_error("subsidy", "--group needs a group name");
      }
      out->group = v;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--rent", &m)) != NULL || m) {
      char *end = NULL;
      if (v == NULL) {
        return rb_cli_usage_error("subsidy", "--rent needs an amount");
      }
      double r = strtod(v, &end);
      if (end == v || *end != '\0' || !isfinite(r) || r <= 0.0) {
        return rb_cli_usage_error(
            "subsidy", "--rent: not a positive amount in kroner (got '%s')", v);
      }
      out->rent = r;
      out->rent_text = v;
      out->has_rent = true;
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--activity", &m)) != NULL || m) {
      if (v == NULL) {
        return rb_cli_usage_error("subsidy", "--activity needs a value");
      }
      out->activity = -1;
      for (int k = 0; k < RB_A_COUNT; k++) {
        if (strcmp(v, activity_names[k]) == 0) {
          out->activity = k;
        }
      }
      if (out->activity < 0) {
        return rb_cli_usage_error(
            "subsidy",
            "--activity: unknown activity '%s' (none, education or employed)",
            v);
      }
      continue;
    }
    if ((v = opt_value(argc, argv, &i, "--set", &m)) != NULL || m) {
      if (v == NULL || strchr(v, '=') == NULL) {
        return rb_cli_usage_error("subsidy", "--set needs KEY=VALUE");
      }
      out->sets[out->n_sets++] = v;
      continue;
    }
    if (a[0] == '-' && a[1] != '\0') {
      return rb_cli_usage_error("subsidy", "unknown option '%s'", a);
    }
    if (out->path != NULL) {
      return rb_cli_usage_error("subsidy", "more than one scenario ('%s')", a);
    }
    out->path = a;
  }
  if (out->path == NULL) {
    return rb_cli_usage_error("subsidy", "no scenario given");
  }
  return 0;
}

/* ---- The command -------------------------------------------------------- */

static int run(const sub_args *args, const rb_scenario *sc) {
  sub_ctx c;
  memset(&c, 0, sizeof c);
  c.sc = sc;
  if (sc->n_groups < 1) {
    fprintf(stderr, "rentbridge subsidy: the scenario has no group\n");
    return 3;
  }
  c.g = &sc->groups[0];
  if (args->group != NULL) {
    c.g = NULL;
    for (int i = 0; i < sc->n_groups; i++) {
      if (strcmp(sc->groups[i].name, args->group) == 0) {
        c.g = &sc->groups[i];
      }
    }
    if (c.g == NULL) {
      return rb_cli_usage_error("subsidy", "--group: no group '%s' in %s",
                                args->group, args->path);
    }
  }
  for (int a = 0; a <= RB_A_COUNT; a++) {
    if (income_at(sc, c.g->income[a]) == NULL) {
      fprintf(stderr,
              "rentbridge subsidy: group %s has no income profile "
              "for an activity\n",
              c.g->name);
      return 70;
    }
  }
  c.lang = sc->info.language;
  /* The group's terms and flat exactly as the engine compiles them (its
   * own kommuneskat and policy in a portfolio file), on the plain values. */
  double *values = malloc((size_t)sc->n_params * sizeof *values);
  if (values == NULL) {
    fprintf(stderr, "rentbridge subsidy: out of memory\n");
    return 70;
  }
  for (int i = 0; i < sc->n_params; i++) {
    values[i] = sc->params[i].value;
  }
  rb_group_terms(&c.terms, &c.flat, NULL, sc, (int)(c.g - sc->groups),
                 RB_ARM_INTERVENTION, values);
  free(values);
  const rb_flats *fl = &c.g->arm[RB_ARM_INTERVENTION].flats;

  const int a0 = args->activity >= 0 ? args->activity : 0;
  const int a1 = args->activity >= 0 ? args->activity + 1 : RB_A_COUNT;
  json_t *arr = args->json ? json_array() : NULL;

  if (args->has_rent) {
    if (!args->json) {
      printf("%s %s — %s %s (%s)\n",
             L(&c, "Tilskudsberegning", "Subsidy calculation"), sc->info.name,
             L(&c, "gruppe", "group"), c.g->name, c.g->label);
      print_rules_line(&c);
      print_household(&c);
    }
    for (int a = a0; a < a1; a++) {
      sub_case k;
      case_compute(&k, &c, (rb_activity)a, args->rent);
      if (args->json) {
        json_array_append_new(arr, case_json(&c, &k));
      } else {
        print_case(&c, &k);
      }
    }
  } else {
    const rb_rent *d = &fl->rent;
    const int max = d->dist == RB_RENT_DISCRETE && d->n > 5 ? d->n : 5;
    double *rents = calloc((size_t)max, sizeof *rents);
    double *aux = calloc((size_t)max, sizeof *aux);
    if (rents == NULL || aux == NULL) {
      free(rents);
      free(aux);
      json_decref(arr);
      fprintf(stderr, "rentbridge subsidy: out of memory\n");
      return 70;
    }
    const int n = table_points(sc, d, rents, aux, max);
    const bool discrete = d->dist == RB_RENT_DISCRETE;
    if (!args->json) {
      char b[64], b2[64];
      printf("%s %s — %s %s (%s)\n",
             L(&c, "Tilskudsberegning", "Subsidy calculation"), sc->info.name,
             L(&c, "gruppe", "group"), c.g->name, c.g->label);
      print_rules_line(&c);
      print_household(&c);
      printf("%s: %s %s; %s: %s %s; %s\n\n", L(&c, "Forbrug", "Utilities"),
             fmt_num(b, sizeof b, c.flat.utilities, 0, c.lang),
             L(&c, "kr/md", "kr/month"), L(&c, "tilskudsloft", "subsidy cap"),
             fmt_num(b2, sizeof b2, c.terms.cap, 0, c.lang),
             L(&c, "kr/md", "kr/month"),
             L(&c, "beløb pr. måned i kr", "amounts per month in kr"));
      print_table_header(&c, discrete);
    }
    double shares[RB_A_COUNT][RB_ARM_COUNT];
    for (int a = a0; a < a1; a++) {
      pool_shares(shares[a], &c, (rb_activity)a);
      for (int i = 0; i < n; i++) {
        sub_case k;
        case_compute(&k, &c, (rb_activity)a, rents[i]);
        if (args->json) {
          json_t *o = case_json(&c, &k);
          json_object_set_new(o, discrete ? "weight" : "quantile",
                              json_real(aux[i]));
          json_object_set_new(o, "pool_share_intervention",
                              json_real(shares[a][RB_ARM_INTERVENTION]));
          json_object_set_new(o, "pool_share_baseline",
                              json_real(shares[a][RB_ARM_BASELINE]));
          json_array_append_new(arr, o);
        } else {
          print_table_row(&c, &k, aux[i]);
        }
      }
    }
    if (!args->json) {
      char b1[64], b2[64], b3[64];
      printf("\n%s\n",
             L(&c,
               "Andel af tilbudte boliger der kan tages (vægtet efter "
               "huslejefordelingen):",
               "Share of offered flats that can be taken (weighted by the "
               "rent distribution):"));
      for (int a = a0; a < a1; a++) {
        fputs("  ", stdout);
        put_pad(activity_label(&c, (rb_activity)a), 12, false);
        printf(" %s %s %%, %s %s %%  (%s %s %s)\n",
               L(&c, "med tilskud", "with the subsidy"),
               fmt_num(b1, sizeof b1, 100.0 * shares[a][RB_ARM_INTERVENTION], 1,
                       c.lang),
               L(&c, "uden tilskud", "without"),
               fmt_num(b2, sizeof b2, 100.0 * shares[a][RB_ARM_BASELINE], 1,
                       c.lang),
               "+",
               fmt_num(b3, sizeof b3,
                       100.0 * (shares[a][RB_ARM_INTERVENTION] -
                                shares[a][RB_ARM_BASELINE]),
                       1, c.lang),
               L(&c, "procentpoint", "percentage points"));
      }
    }
    free(rents);
    free(aux);
  }
  if (arr != NULL) {
    int rc = json_dumpf(arr, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(12));
    putchar('\n');
    json_decref(arr);
    if (rc != 0) {
      fprintf(stderr, "rentbridge subsidy: cannot write JSON\n");
      return 4;
    }
  }
  if (fflush(stdout) != 0) {
    return 4;
  }
  return 0;
}

int rb_cmd_subsidy(int argc, char **argv) {
  for (int i = 0; i < argc; i++) {
    if (rb_cli_is_help(argv[i])) {
      fputs(help, stdout);
      return 0;
    }
  }
  sub_args args;
  const char **sets = calloc((size_t)argc + 1, sizeof *sets);
  if (sets == NULL) {
    fprintf(stderr, "rentbridge subsidy: out of memory\n");
    return 70;
  }
  int rc = parse_args(&args, argc, argv, sets);
  if (rc == 0) {
    rb_scenario *sc = NULL;
    rc = rb_cli_load(&sc, args.path, (const char *const *)args.sets,
                     args.n_sets);
    if (rc == 0) {
      rc = run(&args, sc);
    }
    rb_scenario_free(sc);
  }
  free(sets);
  return rc;
}
