/* The subsidy view as text (subsidy_text.h): every step of a case, and the
 * table over the rent distribution, in the scenario's language. */
#include "subsidy_text.h"

#include "base/numfmt.h"

#include <stdio.h>

/* The scenario's language: Danish unless it is English. */
static bool da(const rb_subsidy_view *v) {
  return v->sc->info.language != RB_LANG_EN;
}

static const char *L(const rb_subsidy_view *v, const char *da_text,
                     const char *en_text) {
  return da(v) ? da_text : en_text;
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
static void line_kr(const rb_subsidy_view *v, const char *label, double x,
                    int dec, const char *note) {
  char b[64];
  fputs("  ", stdout);
  put_pad(label, 46, false);
  put_pad(rb_fmt_grouped(b, sizeof b, x, dec, da(v)), 14, true);
  fputs(" kr", stdout);
  if (note != NULL && note[0] != '\0') {
    printf("   %s", note);
  }
  putchar('\n');
}

/* The words for the enums the view prints, by value: Danish, and English
 * where the English is not the value's name in files and JSON. */
static const char *const kind_da[RB_INCOME_KIND_COUNT] = {"offentlig ydelse",
                                                          "SU", "løn"};
static const char *const kind_en[RB_INCOME_KIND_COUNT] = {"benefit", "SU",
                                                          "wage"};
static const char *const activity_da[RB_A_COUNT] = {"ingen", "uddannelse",
                                                    "beskæftiget"};
/* What happens to an offer, in words, and shorter for the table. */
static const char *const offer_da[RB_OFFER_COUNT] = {
    "afslås", "tages på almindelige vilkår", "tages med tilskud"};
static const char *const offer_en[RB_OFFER_COUNT] = {
    "refused", "taken on ordinary terms", "taken with the subsidy"};
static const char *const offer_short_da[RB_OFFER_COUNT] = {
    "afslås", "almindelig", "tilskud"};

/* Word @p i of the lists @p da and @p en, in the view's language. */
static const char *word(const rb_subsidy_view *v, const char *const *da,
                        const char *const *en, int i) {
  return L(v, da[i], en[i]);
}

static const char *yes_no(const rb_subsidy_view *v, bool b) {
  return b ? L(v, "ja", "yes") : L(v, "nej", "no");
}

/* ---- One case, step by step --------------------------------------------- */

static void print_rules_line(const rb_subsidy_view *v) {
  const rb_rules *r = &v->sc->rules;
  printf("%s: %s (%d)%s\n", L(v, "Regler", "Rules"),
         r->name != NULL ? r->name : "?", r->year,
         r->estimate ? L(v, "; indeholder skøn", "; contains estimates") : "");
}

static void print_household(const rb_subsidy_view *v) {
  char b[64];
  const rb_flat_case *f = &v->flat;
  printf("%s: %d %s, %d %s; %s %s m², %s\n", L(v, "Husstand", "Household"),
         f->adults,
         f->adults == 1 ? L(v, "voksen", "adult") : L(v, "voksne", "adults"),
         f->children,
         f->children == 1 ? L(v, "barn", "child") : L(v, "børn", "children"),
         L(v, "bolig", "flat"),
         rb_fmt_grouped(b, sizeof b, f->area_m2, 1, da(v)),
         f->heating_included
             ? L(v, "varme og varmt vand er med i huslejen",
                 "heat and hot water are in the rent")
             : L(v, "varme betales særskilt", "heating is paid separately"));
  if (f->tenants > 1) {
    printf("%s: %d %s\n", L(v, "Delebolig", "Shared flat"), f->tenants,
           L(v, "lejere; husleje, forbrug og areal deles ligeligt",
             "tenants; rent, utilities and area split equally"));
  }
}

/* The heading: scenario, group, rules file and household. */
static void print_heading(const rb_subsidy_view *v) {
  printf("%s %s — %s %s (%s)\n",
         L(v, "Tilskudsberegning", "Subsidy calculation"), v->sc->info.name,
         L(v, "gruppe", "group"), v->group->name, v->group->label);
  print_rules_line(v);
  print_household(v);
}

/* The activities [*first, *end) of @p activity. */
static void activity_range(int *first, int *end, int activity) {
  *first = activity >= 0 ? activity : 0;
  *end = activity >= 0 ? activity + 1 : RB_A_COUNT;
}

static void print_tax(const rb_subsidy_view *v, const rb_tax_result *t,
                      const rb_income *inc) {
  const rb_rules *r = &v->sc->rules;
  char b1[64], b2[64], note[200];
  printf("\n%s (%s, %s)\n",
         L(v, "Indkomst og skat, pr. måned", "Income and tax, per month"),
         inc->name, word(v, kind_da, kind_en, inc->kind));
  line_kr(v, L(v, "Bruttoindkomst", "Gross income"), t->gross, 2, NULL);
  snprintf(
      note, sizeof note, "%s %% %s",
      rb_fmt_grouped(b1, sizeof b1,
                     100.0 * (inc->kind == RB_INCOME_WAGE ? r->am_rate : 0.0),
                     2, da(v)),
      inc->kind == RB_INCOME_WAGE
          ? L(v, "af lønnen", "of the wage")
          : L(v, "(intet AM-bidrag af ydelser)", "(none on benefits)"));
  line_kr(v, L(v, "− AM-bidrag", "− AM-bidrag (labour market contribution)"),
          t->am_bidrag, 2, note);
  line_kr(v, L(v, "= Personlig indkomst", "= Personal income"),
          t->personal_income, 2, NULL);
  line_kr(v, L(v, "  Personfradrag", "  Personal allowance (personfradrag)"),
          r->personfradrag / 12.0, 2,
          L(v, "(årligt beløb / 12)", "(annual amount / 12)"));
  snprintf(note, sizeof note, "%s %% × max(0, %s − %s)",
           rb_fmt_grouped(b1, sizeof b1, 100.0 * r->bundskat_rate, 2, da(v)),
           L(v, "personlig indkomst", "personal income"),
           L(v, "personfradrag", "allowance"));
  line_kr(v, L(v, "− Bundskat", "− Bundskat (state tax)"), t->bundskat, 2,
          note);
  if (inc->kind == RB_INCOME_WAGE) {
    snprintf(note, sizeof note, "min(%s %% × %s, %s / 12)",
             rb_fmt_grouped(b1, sizeof b1, 100.0 * r->besk_rate, 2, da(v)),
             L(v, "personlig indkomst", "personal income"),
             rb_fmt_grouped(b2, sizeof b2, r->besk_max, 0, da(v)));
  } else {
    snprintf(note, sizeof note, "%s", L(v, "(kun for løn)", "(wages only)"));
  }
  line_kr(v, L(v, "  Beskæftigelsesfradrag", "  Employment allowance"),
          t->besk_fradrag, 2, note);
  snprintf(note, sizeof note, "%s %% × max(0, %s)",
           rb_fmt_grouped(b1, sizeof b1, 100.0 * v->kommuneskat_rate, 3, da(v)),
           L(v, "pers. indkomst − besk.fradrag − personfradrag",
             "personal income − employment allowance − allowance"));
  line_kr(v, L(v, "− Kommuneskat", "− Kommuneskat (municipal tax)"),
          t->kommuneskat, 2, note);
  line_kr(v, L(v, "= Nettoindkomst", "= Net income"), t->net, 2, NULL);
}

/* A shared flat's rule for boligsikring, in words (subsidy.md,
 * "Deleboliger"); nothing for an ordinary flat. */
static void print_bs_rule(const rb_subsidy_view *v, const rb_bs_result *bs,
                          const rb_flat_case *f) {
  if (bs->rule == RB_BS_RESIDENT) {
    printf("  %s%s\n",
           L(v,
             "Beboer i bofællesskab (boligstøtteloven § 24 a, stk. 1, nr. 6, "
             "§ 24 i): lejerens andel, egen indkomst",
             "Resident of a bofællesskab (boligstøtteloven § 24 a, stk. 1, "
             "nr. 6, § 24 i): the tenant's share, own income"),
           f->tenants == 2 ? L(v,
                               "; to lejere: dispensationen "
                               "delebolig_two_tenants",
                               "; two tenants: the waiver "
                               "delebolig_two_tenants")
                           : "");
  } else if (bs->rule == RB_BS_SHARED_NONE) {
    printf("  %s\n",
           v->sc->rules.has_bofaellesskab
               ? L(v,
                   "Delebolig uden bofællesskab (§ 24 a, stk. 1, nr. 6 kræver "
                   "3 eller 4 beboere): ingen boligsikring; trinene vises",
                   "Shared flat outside § 24 a, stk. 1, nr. 6 (3 or 4 "
                   "residents): no boligsikring; the steps are shown")
               : L(v,
                   "Reglerne har ingen bofaellesskab-blok: ingen boligsikring",
                   "The rules have no bofaellesskab block: no boligsikring"));
  }
}

/* Boligsikring, steps 1–5: the housing cost B, its caps, the income, the
 * threshold and the base amount. */
static void print_bs_base(const rb_subsidy_view *v, const rb_bs_result *bs,
                          const rb_flat_case *f) {
  const rb_rules *r = &v->sc->rules;
  char b1[64], b2[64], b3[64], b4[64], note[240];
  printf("\n%s\n", L(v, "Boligsikring, årlige beløb (boligstøtteloven)",
                     "Boligsikring (housing benefit), annual amounts"));
  print_bs_rule(v, bs, f);
  if (f->heating_included) {
    snprintf(
        note, sizeof note, "12 × %s − %s m² × (%s + %s)",
        rb_fmt_grouped(b1, sizeof b1, f->rent, 2, da(v)),
        rb_fmt_grouped(b2, sizeof b2, bs->area, 1, da(v)),
        rb_fmt_grouped(b3, sizeof b3, r->heat_deduction_per_m2, 2, da(v)),
        rb_fmt_grouped(b4, sizeof b4, r->hot_water_deduction_per_m2, 2, da(v)));
  } else {
    snprintf(note, sizeof note, "12 × %s + %s m² × %s",
             rb_fmt_grouped(b1, sizeof b1, f->rent, 2, da(v)),
             rb_fmt_grouped(b2, sizeof b2, bs->area, 1, da(v)),
             rb_fmt_grouped(b3, sizeof b3, r->heat_addon_per_m2, 2, da(v)));
  }
  line_kr(v, L(v, "1. Boligudgift B", "1. Housing cost B"), bs->housing_cost, 2,
          note);
  snprintf(note, sizeof note, "%s %s m², %s %s m²", L(v, "tilladt", "allowed"),
           rb_fmt_grouped(b1, sizeof b1, bs->area_allowed, 1, da(v)),
           bs->rule == RB_BS_HOUSEHOLD ? L(v, "boligen", "the flat")
                                       : L(v, "lejerens andel", "the share"),
           rb_fmt_grouped(b2, sizeof b2, bs->area, 1, da(v)));
  line_kr(v, L(v, "2. B efter arealgrænse", "2. B after the area cap"),
          bs->housing_cost_area, 2, note);
  snprintf(note, sizeof note, "%s %s", L(v, "huslejeloft", "rent cap"),
           rb_fmt_grouped(b1, sizeof b1, r->bs_rent_cap, 0, da(v)));
  line_kr(v, L(v, "3. B efter huslejeloft", "3. B after the rent cap"),
          bs->housing_cost_capped, 2, note);
  line_kr(v, L(v, "4. Husstandsindkomst I", "4. Household income I"),
          bs->income, 2,
          L(v, "(personlig indkomst × 12)", "(personal income × 12)"));
  snprintf(note, sizeof note, "%s + %d × %s",
           rb_fmt_grouped(b1, sizeof b1, r->bs_income_threshold, 0, da(v)),
           bs->child_raises,
           rb_fmt_grouped(b2, sizeof b2, r->bs_child_raise, 0, da(v)));
  line_kr(v, L(v, "   Indkomstgrænse T", "   Income threshold T"),
          bs->threshold, 2, note);
  snprintf(note, sizeof note, "%s × B − %s × max(0, I − T)",
           rb_fmt_grouped(b1, sizeof b1, r->bs_rent_share, 2, da(v)),
           rb_fmt_grouped(b2, sizeof b2, r->bs_income_taper, 2, da(v)));
  line_kr(v, L(v, "5. Grundbeløb", "5. Base amount"), bs->base, 2, note);
}

/* Boligsikring, steps 6–8: the limits, the support and its rounding. */
static void print_bs_support(const rb_subsidy_view *v, const rb_bs_result *bs,
                             const rb_flat_case *f) {
  const rb_rules *r = &v->sc->rules;
  char b1[64], note[240];
  snprintf(note, sizeof note, "B − %s",
           rb_fmt_grouped(b1, sizeof b1, r->bs_min_own_payment, 0, da(v)));
  line_kr(
      v,
      L(v, "6. Grænse: mindste egenbetaling", "6. Limit: minimum own payment"),
      bs->limit_min_own, 2, note);
  line_kr(v, L(v, "   Grænse: maksimum", "   Limit: maximum"), bs->limit_max, 2,
          f->children >= r->bs_max_raise_min_children
              ? L(v, "(forhøjet for 4 eller flere børn)",
                  "(raised for four or more children)")
              : NULL);
  if (f->children == 0) {
    snprintf(note, sizeof note, "%s × B",
             rb_fmt_grouped(b1, sizeof b1, r->bs_no_children_cap, 2, da(v)));
    line_kr(v,
            L(v, "   Grænse: husstand uden børn",
              "   Limit: household without children"),
            bs->limit_no_children, 2, note);
  } else {
    printf("  %s\n", L(v, "   Grænse: husstand uden børn: gælder ikke",
                       "   Limit: household without children: does not "
                       "apply"));
  }
  snprintf(note, sizeof note, "%s %s",
           L(v, "mindste, 0 hvis under minimumsudbetalingen",
             "the least, 0 below the minimum payout"),
           rb_fmt_grouped(b1, sizeof b1, r->bs_min_payout, 0, da(v)));
  line_kr(v, L(v, "7. Boligsikring før afrunding", "7. Support, unrounded"),
          bs->support, 2, note);
  line_kr(v, L(v, "8. Boligsikring pr. år", "8. Support per year"), bs->annual,
          0, L(v, "(hele kroner, halvt op)", "(whole kroner, half up)"));
  line_kr(v, L(v, "   Boligsikring pr. måned", "   Support per month"),
          bs->monthly, 0,
          L(v, "(årligt beløb / 12, hele kroner)",
            "(annual amount / 12, whole kroner)"));
}

static void own_payment_note(char *buf, size_t n, const rb_subsidy_view *v) {
  char b[64];
  switch (v->terms.own_method) {
  case RB_OWN_INCOME_SHARE:
    snprintf(buf, n, "%s %% %s",
             rb_fmt_grouped(b, sizeof b, 100.0 * v->terms.own_param, 1, da(v)),
             L(v, "af nettoindkomsten", "of net income"));
    return;
  case RB_OWN_RESIDUAL:
    snprintf(buf, n, "max(0, %s − %s)", L(v, "netto", "net"),
             rb_fmt_grouped(b, sizeof b, v->terms.own_param, 2, da(v)));
    return;
  case RB_OWN_FIXED:
  case RB_OWN_METHOD_COUNT:
    break;
  }
  snprintf(buf, n, "%s", L(v, "fast beløb", "a fixed amount"));
}

/* One case: tax, the eight steps of boligsikring, own payment, gap,
 * subsidy, the future income and an offer's outcome in each arm. */
static void print_case(const rb_subsidy_view *v, const rb_subsidy_case *k) {
  char b1[64], note[200];
  rb_flat_case f = v->flat;
  f.rent = k->now.rent; /* the tenant's share of a shared flat */
  printf("\n== %s: %s ==\n", L(v, "Aktivitet", "Activity"),
         word(v, activity_da, rb_activity_names, k->activity));
  print_tax(v, &k->now.tax, k->profile);
  print_bs_base(v, &k->now.bs, &f);
  print_bs_support(v, &k->now.bs, &f);

  printf("\n%s\n", L(v, "Boligudgift, egenbetaling og tilskud, pr. måned",
                     "Housing cost, own payment and subsidy, per month"));
  if (k->now.tenants > 1) {
    snprintf(note, sizeof note, "%s %d %s",
             L(v, "(uden forbrug; boligens husleje og forbrug /",
               "(without utilities; the flat's rent and utilities /"),
             k->now.tenants, L(v, "lejere)", "tenants)"));
  } else {
    snprintf(note, sizeof note, "%s",
             L(v, "(uden forbrug)", "(without utilities)"));
  }
  line_kr(v, L(v, "Husleje", "Rent"), k->now.rent, 2, note);
  line_kr(v, L(v, "+ Forbrug", "+ Utilities"), k->now.utilities, 2, NULL);
  line_kr(v, L(v, "= Boligudgift H", "= Housing cost H"), k->now.housing_cost,
          2, NULL);
  line_kr(v, L(v, "− Boligsikring", "− Boligsikring"), k->now.housing_benefit,
          0, NULL);
  own_payment_note(note, sizeof note, v);
  line_kr(v, L(v, "− Egenbetaling O", "− Own payment O"), k->now.own_payment, 2,
          note);
  line_kr(v, L(v, "= Gab G", "= Gap G"), k->now.gap, 2, NULL);
  snprintf(note, sizeof note, "min(%s, max(0, G))",
           rb_fmt_grouped(b1, sizeof b1, v->terms.cap, 2, da(v)));
  line_kr(v, L(v, "Tilskud", "Subsidy"), k->now.subsidy, 2, note);
  if (k->now.capped) {
    snprintf(note, sizeof note, "%s %s kr %s",
             L(v, "ja: borgeren skal betale", "yes: the citizen pays"),
             rb_fmt_grouped(b1, sizeof b1, k->now.gap - v->terms.cap, 2, da(v)),
             L(v, "over normen", "above the norm"));
    printf("  %s: %s\n", L(v, "Over loftet", "Above the cap"), note);
  } else {
    printf("  %s: %s\n", L(v, "Over loftet", "Above the cap"),
           yes_no(v, false));
  }

  printf("\n%s (%s, %s)\n", L(v, "Fremtidig indkomst", "Future income"),
         k->future_profile->name,
         word(v, kind_da, kind_en, k->future_profile->kind));
  line_kr(v, L(v, "Nettoindkomst", "Net income"), k->later.tax.net, 2, NULL);
  line_kr(v, L(v, "Boligsikring", "Boligsikring"), k->later.housing_benefit, 0,
          NULL);
  line_kr(v, L(v, "Egenbetaling", "Own payment"), k->later.own_payment, 2,
          NULL);
  line_kr(v, L(v, "Gab på fremtidig indkomst", "Gap on the future income"),
          k->now.future_gap, 2, NULL);
  printf(
      "  %s: %s%s\n",
      L(v, "Realistisk overtagelse (gab ≤ 0)", "Realistic takeover (gap ≤ 0)"),
      yes_no(v, k->now.realistic_takeover),
      v->terms.require_realistic_takeover
          ? ""
          : L(v, " (kræves ikke i scenariet)",
              " (not required by the scenario)"));

  printf("\n%s\n", L(v, "Tilbud om denne bolig", "An offer of this flat"));
  for (int arm = 0; arm < RB_ARM_SPECS; arm++) {
    char name[32];
    snprintf(name, sizeof name, "%s:", rb_arm_names[arm]);
    printf("  %-14s %s\n", name, word(v, offer_da, offer_en, k->offer[arm]));
  }
}

/* ---- The table ---------------------------------------------------------- */

static void print_table_header(const rb_subsidy_view *v, bool discrete) {
  static const int w[] = {12, 10, 8, 10, 9, 10, 10, 9, 6, 11, 6, 11, 9};
  const char *h[] = {L(v, "Aktivitet", "Activity"),
                     L(v, "Husleje", "Rent"),
                     discrete ? L(v, "Vægt", "Weight")
                              : L(v, "Fraktil", "Quantile"),
                     L(v, "Netto", "Net"),
                     L(v, "Boligsikr.", "Benefit"),
                     L(v, "Egenbet.", "Own pay"),
                     L(v, "Gab", "Gap"),
                     L(v, "Tilskud", "Subsidy"),
                     L(v, "Loft", "Cap"),
                     L(v, "Fremt. gab", "Future gap"),
                     L(v, "Real.", "Real."),
                     rb_arm_names[RB_ARM_INTERVENTION],
                     rb_arm_names[RB_ARM_BASELINE]};
  for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
    put_pad(h[i], w[i], i > 0 && i < 10);
    putchar(' ');
  }
  putchar('\n');
}

static void print_table_row(const rb_subsidy_view *v, const rb_subsidy_case *k,
                            double aux) {
  char b[64];
  put_pad(word(v, activity_da, rb_activity_names, k->activity), 12, false);
  putchar(' ');
  put_pad(rb_fmt_grouped(b, sizeof b, k->now.rent, 0, da(v)), 10, true);
  putchar(' ');
  char pct[32];
  snprintf(pct, sizeof pct, "%s %%",
           rb_fmt_grouped(b, sizeof b, 100.0 * aux, 1, da(v)));
  put_pad(pct, 8, true);
  putchar(' ');
  const double x[] = {k->now.tax.net, k->now.housing_benefit,
                      k->now.own_payment, k->now.gap, k->now.subsidy};
  const int w[] = {10, 9, 10, 10, 9};
  for (int i = 0; i < 5; i++) {
    put_pad(rb_fmt_grouped(b, sizeof b, x[i], 0, da(v)), w[i], true);
    putchar(' ');
  }
  put_pad(yes_no(v, k->now.capped), 6, true);
  putchar(' ');
  put_pad(rb_fmt_grouped(b, sizeof b, k->now.future_gap, 0, da(v)), 11, true);
  putchar(' ');
  put_pad(yes_no(v, k->now.realistic_takeover), 6, false);
  putchar(' ');
  put_pad(
      word(v, offer_short_da, rb_offer_names, k->offer[RB_ARM_INTERVENTION]),
      12, false);
  putchar(' ');
  fputs(word(v, offer_short_da, rb_offer_names, k->offer[RB_ARM_BASELINE]),
        stdout);
  putchar('\n');
}

/* Per activity, the share of offered flats taken with and without the
 * subsidy. */
static void print_pool_shares(const rb_subsidy_view *v,
                              const rb_subsidy_table *t, int activity) {
  char b1[64], b2[64], b3[64];
  printf("\n%s\n", L(v,
                     "Andel af tilbudte boliger der kan tages (vægtet efter "
                     "huslejefordelingen):",
                     "Share of offered flats that can be taken (weighted by "
                     "the rent distribution):"));
  int a0, a1;
  activity_range(&a0, &a1, activity);
  for (int a = a0; a < a1; a++) {
    const double *share = t->pool_share[a];
    fputs("  ", stdout);
    put_pad(word(v, activity_da, rb_activity_names, a), 12, false);
    printf(
        " %s %s %%, %s %s %%  (%s %s %s)\n",
        L(v, "med tilskud", "with the subsidy"),
        rb_fmt_grouped(b1, sizeof b1, 100.0 * share[RB_ARM_INTERVENTION], 1,
                       da(v)),
        L(v, "uden tilskud", "without"),
        rb_fmt_grouped(b2, sizeof b2, 100.0 * share[RB_ARM_BASELINE], 1, da(v)),
        "+",
        rb_fmt_grouped(
            b3, sizeof b3,
            100.0 * (share[RB_ARM_INTERVENTION] - share[RB_ARM_BASELINE]), 1,
            da(v)),
        L(v, "procentpoint", "percentage points"));
  }
}

void rb_subsidy_text_table(const rb_subsidy_view *v, const rb_subsidy_table *t,
                           int activity) {
  char b1[64], b2[64];
  print_heading(v);
  printf("%s: %s %s; %s: %s %s; %s\n\n", L(v, "Forbrug", "Utilities"),
         rb_fmt_grouped(b1, sizeof b1, v->flat.utilities, 0, da(v)),
         L(v, "kr/md", "kr/month"), L(v, "tilskudsloft", "subsidy cap"),
         rb_fmt_grouped(b2, sizeof b2, v->terms.cap, 0, da(v)),
         L(v, "kr/md", "kr/month"),
         L(v, "beløb pr. måned i kr", "amounts per month in kr"));
  if (v->flat.tenants > 1) {
    printf("%s\n\n", L(v,
                       "Husleje, boligsikring, gab og tilskud er lejerens "
                       "andel (boligens husleje / lejere)",
                       "Rent, boligsikring, gap and subsidy are the "
                       "tenant's share (the flat's rent / tenants)"));
  }
  print_table_header(v, t->discrete);
  int a0, a1;
  activity_range(&a0, &a1, activity);
  for (int a = a0; a < a1; a++) {
    for (int i = 0; i < t->n; i++) {
      rb_subsidy_case k;
      rb_subsidy_view_case(&k, v, (rb_activity)a, t->rent[i]);
      print_table_row(v, &k, t->weight_or_quantile[i]);
    }
  }
  print_pool_shares(v, t, activity);
}

void rb_subsidy_text_cases(const rb_subsidy_view *v, double rent,
                           int activity) {
  print_heading(v);
  int a0, a1;
  activity_range(&a0, &a1, activity);
  for (int a = a0; a < a1; a++) {
    rb_subsidy_case k;
    rb_subsidy_view_case(&k, v, (rb_activity)a, rent);
    print_case(v, &k);
  }
}
