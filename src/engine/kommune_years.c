/* The kommuner's budget years (docs/portfolio.md): per kommune, arm, item,
 * calendar year and payer the mean amount over replications, kr in total:
 * the amounts booked directly (reduce.c) and the housing benefit and the
 * rent subsidy from their monthly sums, as yearly_results() books them for
 * the whole cohort; the citizen-months with a subsidy per year, and the
 * citizens with a subsidy in the year (each counted once a year). */
#include "engine/engine_internal.h"

/* Housing benefit and subsidy of garm @p ga_i by year into @p ky. */
static void hb_sub_years(double *ky, const rb_eng *en, const rb_eng_sums *S,
                         int gi, int arm) {
  const rb_model *m = en->base;
  const int ga_i = rb_eng_garm(en, gi, arm);
  const int hb_item = en->sc->n_costs + RB_ITEM_HOUSING_BENEFIT;
  const int sub_item = en->sc->n_costs + RB_ITEM_RENT_SUBSIDY;
  const double *hu = S->hbsum + rb_eng_hbsum_index(en, RB_UNDISC, ga_i, 0);
  const double *su = S->subsum + rb_eng_hbsum_index(en, RB_UNDISC, ga_i, 0);
  for (int t = 0; t < en->H; t++) {
    const int y = m->year_of[t];
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      ky[rb_eng_ky_index(en, gi, arm, hb_item, y, p)] +=
          hu[t] * m->ga[ga_i].hb_share[p];
    }
    ky[rb_eng_ky_index(en, gi, arm, sub_item, y, RB_PAYER_KOMMUNE)] += su[t];
  }
}

/* Citizen-months with a subsidy of garm @p ga_i by year. */
static void sub_months(rb_results *res, const rb_eng *en,
                       const rb_eng_counts *k, int gi, int arm) {
  const int ga_i = rb_eng_garm(en, gi, arm);
  const rb_garm *ga = &en->base->ga[ga_i];
  const int kom = en->sc->groups[gi].kommune;
  for (int cell = 0; cell < ga->ncell; cell++) {
    if (rb_model_cell_h(ga, cell) != RB_H_SUBSIDISED) {
      continue;
    }
    for (int t = 0; t < en->H; t++) {
      res->kommune_sub_months[rb_kommune_sub_index(en->A, en->n_years, kom, arm,
                                                   en->base->year_of[t])] +=
          k->E[rb_eng_e_index(en, ga_i, cell, t)] / (double)en->R;
    }
  }
}

void rb_eng_kommune_years(rb_results *res, const rb_eng *en,
                          const rb_eng_sums *S, const rb_eng_counts *k) {
  if (en->K == 0 || res->kommune_years == NULL) {
    return;
  }
  const size_t n = rb_eng_ky_size(en);
  double *ky = res->kommune_years;
  for (size_t i = 0; i < n; i++) {
    ky[i] = S->ky[i];
  }
  for (int gi = 0; gi < en->G; gi++) {
    for (int arm = 0; arm < en->A; arm++) {
      hb_sub_years(ky, en, S, gi, arm);
      sub_months(res, en, k, gi, arm);
    }
  }
  for (size_t i = 0; i < n; i++) {
    ky[i] /= (double)en->R;
  }
  const size_t nc = rb_eng_kcit_size(en);
  for (size_t i = 0; i < nc; i++) {
    res->kommune_sub_citizens[i] = S->kcit[i] / (double)en->R;
  }
}
