/**
 * @file subsidy.c
 * @brief The deterministic subsidy module (spec: subsidy.md): income tax and
 * net income, boligsikring (boligstøtteloven §§ 10–14, 22–23; a tenant of a
 * shared flat: §§ 24 a and 24 i), own payment, gap, subsidy and realistic
 * takeover, per tenant of a shared flat.
 *
 * Pure arithmetic: no I/O, no allocation, no randomness.  Every legal figure
 * comes from the rb_rules of a rules file.  Rounding happens in one place
 * only: the boligsikring amount, as the law rounds it (rb_round_kr()).
 */
#include "rentbridge/subsidy.h"

#include <float.h>
#include <math.h>
#include <stddef.h>

/** Tolerance against floating-point error in rounding and the payout edge. */
#define RB_KR_TOL 1e-9

#define RB_NAME_(e, name) name,
const char *const rb_income_kind_names[RB_INCOME_KIND_COUNT] = {
    RB_INCOME_KIND_LIST(RB_NAME_)};
const char *const rb_offer_names[RB_OFFER_COUNT] = {RB_OFFER_LIST(RB_NAME_)};
const char *const rb_payer_names[RB_PAYER_COUNT] = {RB_PAYER_LIST(RB_NAME_)};
#undef RB_NAME_

double rb_round_kr(double x) {
  return floor(x + 0.5 + RB_KR_TOL);
}

void rb_tax_compute(rb_tax_result *out, const rb_rules *rules,
                    const rb_income_case *inc, double kommuneskat) {
  const double rate = kommuneskat < 0.0 ? rules->kommuneskat_avg : kommuneskat;
  const bool wage = inc->kind == RB_INCOME_WAGE;
  const double gross_year = 12.0 * inc->gross;
  const double am = wage ? rules->am_rate * gross_year : 0.0;
  const double personal = gross_year - am;
  const double bund_base = personal - rules->personfradrag;
  const double bund =
      rules->bundskat_rate * (bund_base > 0.0 ? bund_base : 0.0);
  double besk = 0.0;
  if (wage) {
    besk = rules->besk_rate * personal;
    if (besk > rules->besk_max) {
      besk = rules->besk_max;
    }
    if (besk < 0.0) {
      besk = 0.0;
    }
  }
  const double komm_base = personal - besk - rules->personfradrag;
  const double komm = rate * (komm_base > 0.0 ? komm_base : 0.0);

  out->gross = inc->gross;
  out->am_bidrag = am / 12.0;
  out->personal_income = personal / 12.0;
  out->bundskat = bund / 12.0;
  out->besk_fradrag = besk / 12.0;
  out->kommuneskat = komm / 12.0;
  out->net = (gross_year - am - bund - komm) / 12.0;
  /* Boligsikring income: taxable personal income (wage: gross − AM-bidrag;
   * benefits and SU: gross). */
  out->bs_income_year = personal;
}

/* The tenants among whom a flat's rent, utilities and area are split (1:
 * an ordinary flat). */
static int tenants_of(const rb_flat_case *flat) {
  return flat->tenants > 1 ? flat->tenants : 1;
}

/* The rule for @p flat: an ordinary flat is its household's; a shared flat
 * of 3 or 4 (the rules' bofaellesskab block) is each resident's own
 * (boligstøtteloven § 24 a, stk. 1, nr. 6, § 24 i), and so is one of two
 * with the waiver; any other shared flat gets none (the application:
 * "der kan først bevilges boligstøtte, når en delebolig har mindst 3
 * beboere"). */
static rb_bs_rule bs_rule(const rb_rules *rules, const rb_flat_case *flat,
                          bool two_tenants_waiver) {
  const int n = tenants_of(flat);
  if (n == 1) {
    return RB_BS_HOUSEHOLD;
  }
  if (!rules->has_bofaellesskab) {
    return RB_BS_SHARED_NONE;
  }
  if (n >= rules->bs_shared_min_tenants && n <= rules->bs_shared_max_tenants) {
    return RB_BS_RESIDENT;
  }
  return n == 2 && two_tenants_waiver ? RB_BS_RESIDENT : RB_BS_SHARED_NONE;
}

/* Step 2's area allowed: 65 m² + 20 m² per further household member
 * (§ 12); a resident of § 24 i: 65 m², + 20 m² with one or more children
 * (§ 24 i, stk. 1, 2.–3. pkt.). */
static double bs_area_allowed(const rb_rules *rules, const rb_flat_case *flat,
                              rb_bs_rule rule) {
  if (rule != RB_BS_HOUSEHOLD) {
    return rules->bs_shared_area_m2 +
           (flat->children > 0 ? rules->bs_shared_child_area_m2 : 0.0);
  }
  int members = flat->adults + flat->children;
  if (members < 1) {
    members = 1;
  }
  return rules->bs_area_first +
         rules->bs_area_per_member * (double)(members - 1);
}

/* Steps 1–3: the housing cost B, after the per-m² adjustments for heating,
 * the area cap and the rent cap.  A shared flat's B is the tenant's share
 * of the rent and the area (§ 24 i: "sin andel af boligen opgjort efter
 * § 10"; equal shares, ASSUMPTION), under the same rent cap (§ 24 i,
 * stk. 2: § 14, stk. 1). */
static double bs_housing_cost(rb_bs_result *out, const rb_rules *rules,
                              const rb_flat_case *flat, rb_bs_rule rule) {
  const double n = (double)tenants_of(flat);
  const double area = flat->area_m2 / n;
  out->area = area;
  double b = 12.0 * (flat->rent / n);
  if (flat->heating_included) {
    b -= (rules->heat_deduction_per_m2 + rules->hot_water_deduction_per_m2) *
         area;
  } else {
    b += rules->heat_addon_per_m2 * area;
  }
  if (b < 0.0) {
    b = 0.0;
  }
  out->housing_cost = b;

  const double allowed = bs_area_allowed(rules, flat, rule);
  out->area_allowed = allowed;
  if (area > allowed) {
    b *= allowed / area;
  }
  out->housing_cost_area = b;

  if (b > rules->bs_rent_cap) {
    b = rules->bs_rent_cap;
  }
  out->housing_cost_capped = b;
  return b;
}

/* Steps 6–7: the least of the base amount and the limits; nothing below
 * zero, nothing below the minimum payout. */
static double bs_support(rb_bs_result *out, const rb_rules *rules,
                         const rb_flat_case *flat, double b) {
  out->limit_min_own = b - rules->bs_min_own_payment;
  out->limit_max = rules->bs_max_per_year;
  if (flat->children >= rules->bs_max_raise_min_children) {
    out->limit_max *= 1.0 + rules->bs_max_raise_children;
  }
  out->limit_no_children = flat->children == 0 && !flat->foertidspension
                               ? rules->bs_no_children_cap * b
                               : DBL_MAX;

  double support = out->base;
  if (out->limit_min_own < support) {
    support = out->limit_min_own;
  }
  if (out->limit_max < support) {
    support = out->limit_max;
  }
  if (out->limit_no_children < support) {
    support = out->limit_no_children;
  }
  if (!(support > 0.0) || support < rules->bs_min_payout - RB_KR_TOL) {
    support = 0.0;
  }
  return support;
}

/* Steps 4–8 follow on the household's own income and children, for a
 * resident of § 24 i too: § 24 i sets only the boligudgift, and a
 * resident's boligstøtte is computed "i forhold til den enkelte beboer i
 * bofællesskabet frem for i forhold til den samlede husstand" (Ældresagen,
 * "Generelt om boligstøtte"; the text of § 24 b was not read: ASSUMPTION
 * that §§ 22–23, with the 15 % limit of § 22, stk. 3, apply to the
 * resident as a household of their own). */
void rb_boligsikring_compute_waiver(rb_bs_result *out, const rb_rules *rules,
                                    const rb_flat_case *flat,
                                    double income_year,
                                    bool two_tenants_waiver) {
  out->rule = bs_rule(rules, flat, two_tenants_waiver);
  const double b = bs_housing_cost(out, rules, flat, out->rule);

  /* Step 4: income and threshold with raises for children 2, 3 and 4. */
  int raises = flat->children - 1;
  if (raises < 0) {
    raises = 0;
  }
  if (raises > rules->bs_child_raise_max) {
    raises = rules->bs_child_raise_max;
  }
  const double threshold =
      rules->bs_income_threshold + rules->bs_child_raise * (double)raises;
  out->income = income_year;
  out->child_raises = raises;
  out->threshold = threshold;

  /* Step 5: base amount. */
  const double excess = income_year - threshold;
  const double base = rules->bs_rent_share * b -
                      rules->bs_income_taper * (excess > 0.0 ? excess : 0.0);
  out->base = base;

  out->support = bs_support(out, rules, flat, b);
  if (out->rule == RB_BS_SHARED_NONE) {
    out->support = 0.0; /* the steps are shown; nothing is paid */
  }

  /* Step 8: annual amount to whole kroner, then the monthly amount. */
  out->annual = rb_round_kr(out->support);
  out->monthly = rb_round_kr(out->annual / 12.0);
}

void rb_boligsikring_compute(rb_bs_result *out, const rb_rules *rules,
                             const rb_flat_case *flat, double income_year) {
  rb_boligsikring_compute_waiver(out, rules, flat, income_year, false);
}

const char *rb_tenants_problem(const rb_rules *rules, int tenants) {
  if (tenants < 0 || tenants > RB_MAX_TENANTS) {
    return "a flat's tenants must be 0 or 1 (an ordinary flat) or 2 to 4 "
           "(a shared flat, boligstøtteloven § 24 a, stk. 1, nr. 6)";
  }
  if (tenants > 1 && !rules->has_bofaellesskab) {
    return "a shared flat needs the rules file's bofaellesskab block "
           "(boligstøtteloven § 24 i)";
  }
  return NULL;
}

double rb_own_payment(const rb_scheme_terms *terms, double net_income) {
  switch (terms->own_method) {
  case RB_OWN_INCOME_SHARE:
    return terms->own_param * net_income;
  case RB_OWN_RESIDUAL: {
    const double rest = net_income - terms->own_param;
    return rest > 0.0 ? rest : 0.0;
  }
  case RB_OWN_FIXED:
  case RB_OWN_METHOD_COUNT:
    break;
  }
  return terms->own_param;
}

/* The tenant's share of a monthly amount of @p flat (an ordinary flat: all
 * of it): equal shares (ASSUMPTION; § 24 i counts "den enkelte beboers
 * faktiske boligudgift for sin andel af boligen"). */
static double tenant_share(double amount, const rb_flat_case *flat) {
  return amount / (double)tenants_of(flat);
}

/* The gap of an income whose tax is @p tax, filling the boligsikring
 * result. */
static double gap_taxed(const rb_tax_result *tax, rb_bs_result *bs,
                        double *own_payment, const rb_rules *rules,
                        const rb_scheme_terms *terms,
                        const rb_flat_case *flat) {
  rb_boligsikring_compute_waiver(bs, rules, flat, tax->bs_income_year,
                                 !terms->two_tenants_no_bs);
  *own_payment = rb_own_payment(terms, tax->net);
  return tenant_share(flat->rent, flat) + tenant_share(flat->utilities, flat) -
         bs->monthly - *own_payment;
}

/* The gap of one income, filling the tax and boligsikring results. */
static double gap_of(rb_tax_result *tax, rb_bs_result *bs, double *own_payment,
                     const rb_rules *rules, const rb_scheme_terms *terms,
                     const rb_flat_case *flat, const rb_income_case *inc) {
  rb_tax_compute(tax, rules, inc, terms->kommuneskat);
  return gap_taxed(tax, bs, own_payment, rules, terms, flat);
}

/* A need for subsidy up to the cap. */
static double up_to_cap(double need, double cap) {
  return need <= 0.0 ? 0.0 : need > cap ? cap : need;
}

/* The need the subsidy covers with boligsikring @p bs: the gap G, or
 * (to_boform) H − boligsikring − the boform's own payment. */
static double need_of(const rb_subsidy_result *out,
                      const rb_scheme_terms *terms, double bs, double own) {
  const double pays =
      terms->method == RB_SUB_TO_BOFORM ? terms->boform_payment : own;
  return out->housing_cost - bs - pays;
}

/* Without the boligsikring waiver: boligsikring on the rent less the
 * subsidy, the subsidy on that boligsikring, until they agree (the
 * boligsikring falls by at most 60 øre per krone of subsidy, so this
 * settles; 60 rounds bound it).  G becomes the need with that boligsikring
 * (its sign is the same as on the actual rent). */
static void net_rent_fixpoint(rb_subsidy_result *out, const rb_rules *rules,
                              const rb_scheme_terms *terms,
                              const rb_flat_case *flat) {
  rb_flat_case f = *flat;
  const double n = (double)tenants_of(flat);
  double s = out->subsidy;
  for (int k = 0; k < 60; k++) {
    /* The tenant's share less the subsidy, as the flat's rent. */
    const double paid = out->rent - s;
    f.rent = paid > 0.0 ? paid * n : 0.0;
    rb_boligsikring_compute_waiver(&out->bs, rules, &f, out->tax.bs_income_year,
                                   !terms->two_tenants_no_bs);
    const double need = need_of(out, terms, out->bs.monthly, out->own_payment);
    const double s2 = up_to_cap(need, terms->cap);
    if (terms->method == RB_SUB_GAP_CAP) {
      out->gap = need;
    }
    if (s2 == s) {
      break;
    }
    s = s2;
  }
  out->subsidy = s;
  out->housing_benefit = out->bs.monthly;
}

void rb_subsidy_compute(rb_subsidy_result *out, const rb_rules *rules,
                        const rb_scheme_terms *terms, const rb_flat_case *flat,
                        const rb_income_case *current,
                        const rb_income_case *future) {
  out->tenants = tenants_of(flat);
  out->rent = tenant_share(flat->rent, flat);
  out->utilities = tenant_share(flat->utilities, flat);
  out->housing_cost = out->rent + out->utilities;
  out->gap = gap_of(&out->tax, &out->bs, &out->own_payment, rules, terms, flat,
                    current);
  out->housing_benefit = out->bs.monthly;
  const double need =
      out->gap <= 0.0 ? 0.0
      : terms->method == RB_SUB_GAP_CAP
          ? out->gap
          : need_of(out, terms, out->bs.monthly, out->own_payment);
  out->subsidy = up_to_cap(need, terms->cap);
  if (terms->bs_on_net_rent && out->subsidy > 0.0) {
    net_rent_fixpoint(out, rules, terms, flat);
  }
  out->capped = terms->method == RB_SUB_GAP_CAP ? out->gap > terms->cap
                                                : need > terms->cap;
  out->benefit_offset =
      terms->offset_in_benefit && current->kind == RB_INCOME_BENEFIT
          ? out->subsidy
          : 0.0;
  out->future_gap =
      future != NULL ? rb_gap(rules, terms, flat, future) : out->gap;
  out->realistic_takeover = out->future_gap <= 0.0;
}

double rb_gap(const rb_rules *rules, const rb_scheme_terms *terms,
              const rb_flat_case *flat, const rb_income_case *inc) {
  if (terms->bs_on_net_rent) {
    rb_subsidy_result r;
    rb_subsidy_compute(&r, rules, terms, flat, inc, NULL);
    return r.gap;
  }
  rb_tax_result tax;
  rb_bs_result bs;
  double own;
  return gap_of(&tax, &bs, &own, rules, terms, flat, inc);
}

double rb_gap_taxed(const rb_rules *rules, const rb_scheme_terms *terms,
                    const rb_flat_case *flat, const rb_income_case *inc,
                    const rb_tax_result *tax) {
  if (terms->bs_on_net_rent) {
    return rb_gap(rules, terms, flat, inc);
  }
  rb_bs_result bs;
  double own;
  return gap_taxed(tax, &bs, &own, rules, terms, flat);
}

rb_offer_outcome rb_offer_from_gaps(double gap, double future_gap,
                                    const rb_scheme_terms *terms,
                                    bool intervention) {
  if (gap <= 0.0) {
    return RB_OFFER_ORDINARY;
  }
  if (!intervention) {
    return RB_OFFER_REFUSED;
  }
  if (terms->method == RB_SUB_TO_BOFORM) {
    /* The tenant pays the boform's own payment, which they paid before. */
    return !terms->require_realistic_takeover || future_gap <= 0.0
               ? RB_OFFER_SUBSIDISED
               : RB_OFFER_REFUSED;
  }
  if (gap <= terms->cap &&
      (!terms->require_realistic_takeover || future_gap <= 0.0)) {
    return RB_OFFER_SUBSIDISED;
  }
  return RB_OFFER_REFUSED;
}

bool rb_offer_needs_future_gap(double gap, const rb_scheme_terms *terms,
                               bool intervention) {
  /* The reads of future_gap in rb_offer_from_gaps, branch by branch. */
  if (gap <= 0.0 || !intervention || !terms->require_realistic_takeover) {
    return false;
  }
  return terms->method == RB_SUB_TO_BOFORM || gap <= terms->cap;
}

rb_offer_outcome rb_offer_decide(const rb_subsidy_result *r,
                                 const rb_scheme_terms *terms,
                                 bool intervention) {
  /* Without the offset waiver the subsidy is taken back from the benefit:
   * the tenant gains nothing from it and takes the flat only on ordinary
   * terms. */
  return rb_offer_from_gaps(r->gap, r->future_gap, terms,
                            intervention && r->benefit_offset == 0.0);
}
