/* The deterministic subsidy view (rentbridge/subsidy_view.h): one group's
 * cases on the terms and flat the engine compiles for it (rb_group_terms),
 * and the table over its rent distribution with the pool shares. */
#include "rentbridge/subsidy_view.h"

#include "model/model.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static double pv(const rb_scenario *sc, int idx) {
  return sc->params[idx].value;
}

static const rb_income *income_at(const rb_scenario *sc, int idx) {
  if (idx < 0 || idx >= sc->n_incomes) {
    return NULL;
  }
  return &sc->incomes[idx];
}

/* The group named @p name (the first when NULL), or NULL. */
static const rb_group *find_group(const rb_scenario *sc, const char *name) {
  if (name == NULL) {
    return &sc->groups[0];
  }
  const rb_group *g = NULL;
  for (int i = 0; i < sc->n_groups; i++) {
    if (strcmp(sc->groups[i].name, name) == 0) {
      g = &sc->groups[i];
    }
  }
  return g;
}

rb_status rb_subsidy_view_init(rb_subsidy_view *v, const rb_scenario *sc,
                               const char *group, rb_diag *d) {
  memset(v, 0, sizeof *v);
  v->sc = sc;
  if (sc->n_groups < 1) {
    rb_diag_add(d, NULL, 0, NULL, "the scenario has no group");
    return RB_EINVALID;
  }
  v->group = find_group(sc, group);
  if (v->group == NULL) {
    rb_diag_add(d, NULL, 0, NULL, "no group '%s' in %s", group, sc->path);
    return RB_EUSAGE;
  }
  for (int a = 0; a <= RB_A_COUNT; a++) {
    if (income_at(sc, v->group->income[a]) == NULL) {
      rb_diag_add(d, NULL, 0, NULL,
                  "group %s has no income profile for an activity",
                  v->group->name);
      return RB_EINTERNAL;
    }
  }
  /* The group's terms and flat exactly as the engine compiles them (its
   * own kommuneskat and policy in a portfolio file), on the plain values. */
  double *values = malloc((size_t)sc->n_params * sizeof *values);
  if (values == NULL) {
    rb_diag_add(d, NULL, 0, NULL, "out of memory");
    return RB_ENOMEM;
  }
  for (int i = 0; i < sc->n_params; i++) {
    values[i] = sc->params[i].value;
  }
  rb_flat_case base_flat;
  rb_group_terms(&v->base_terms, &base_flat, NULL, sc,
                 (int)(v->group - sc->groups), RB_ARM_BASELINE, values);
  rb_group_terms(&v->terms, &v->flat, NULL, sc, (int)(v->group - sc->groups),
                 RB_ARM_INTERVENTION, values);
  free(values);
  v->kommuneskat_rate = v->terms.kommuneskat < 0.0 ? sc->rules.kommuneskat_avg
                                                   : v->terms.kommuneskat;
  return RB_OK;
}

void rb_subsidy_view_case(rb_subsidy_case *out, const rb_subsidy_view *v,
                          rb_activity activity, double rent) {
  const rb_scenario *sc = v->sc;
  rb_flat_case flat = v->flat;
  flat.rent = rent;
  out->activity = activity;
  out->flat_rent = rent;
  out->profile = income_at(sc, v->group->income[activity]);
  out->future_profile = income_at(sc, v->group->income[RB_A_COUNT]);
  out->income.gross = pv(sc, out->profile->gross);
  out->income.kind = out->profile->kind;
  out->future_income.gross = pv(sc, out->future_profile->gross);
  out->future_income.kind = out->future_profile->kind;
  rb_subsidy_compute(&out->now, &sc->rules, &v->terms, &flat, &out->income,
                     &out->future_income);
  rb_subsidy_compute(&out->later, &sc->rules, &v->terms, &flat,
                     &out->future_income, NULL);
  out->offer[RB_ARM_INTERVENTION] = rb_offer_decide(&out->now, &v->terms, true);
  out->offer[RB_ARM_BASELINE] = rb_offer_decide(&out->now, &v->terms, false);
  if (flat.tenants == 2 &&
      v->base_terms.two_tenants_no_bs != v->terms.two_tenants_no_bs) {
    /* The baseline arm has today's boligsikring for a delebolig of two
     * (no waiver): its own gap decides its offer. */
    rb_subsidy_result base;
    rb_subsidy_compute(&base, &sc->rules, &v->base_terms, &flat, &out->income,
                       &out->future_income);
    out->offer[RB_ARM_BASELINE] = rb_offer_decide(&base, &v->base_terms, false);
  }
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

/* The rents of the table: values and their shares of the weights, or
 * quantiles. */
static void table_points(rb_subsidy_table *t, const rb_scenario *sc,
                         const rb_rent *d) {
  static const double lq[RB_SUBSIDY_TABLE_QUANTILES] = {0.05, 0.25, 0.50, 0.75,
                                                        0.95};
  if (d->dist == RB_RENT_DISCRETE) {
    double sum = 0.0;
    for (int i = 0; i < d->n; i++) {
      sum += d->weights[i];
    }
    for (int i = 0; i < d->n; i++) {
      t->rent[i] = pv(sc, d->values[i]);
      t->weight_or_quantile[i] = sum > 0.0 ? d->weights[i] / sum : 0.0;
    }
    t->n = d->n;
    return;
  }
  for (int i = 0; i < RB_SUBSIDY_TABLE_QUANTILES; i++) {
    t->weight_or_quantile[i] =
        d->dist == RB_RENT_LOGNORMAL ? lq[i] : 0.25 * (double)i;
    t->rent[i] = rent_quantile(sc, d, t->weight_or_quantile[i]);
  }
  t->n = RB_SUBSIDY_TABLE_QUANTILES;
}

/* Shares of offered flats taken in each arm, weighted by the rent
 * distribution (discrete: its weights; continuous: RB_SUBSIDY_POOL_POINTS
 * midpoint quantiles). */
static void pool_shares(double out[RB_ARM_SPECS], const rb_subsidy_view *v,
                        rb_activity a) {
  const rb_rent *d = &v->group->arm[RB_ARM_INTERVENTION].flats.rent;
  double taken[RB_ARM_SPECS] = {0.0, 0.0};
  double total = 0.0;
  const int n = d->dist == RB_RENT_DISCRETE ? d->n : RB_SUBSIDY_POOL_POINTS;
  for (int i = 0; i < n; i++) {
    double rent, w;
    if (d->dist == RB_RENT_DISCRETE) {
      rent = pv(v->sc, d->values[i]);
      w = d->weights[i];
    } else {
      rent =
          rent_quantile(v->sc, d, ((double)i + 0.5) / RB_SUBSIDY_POOL_POINTS);
      w = 1.0;
    }
    rb_subsidy_case k;
    rb_subsidy_view_case(&k, v, a, rent);
    for (int arm = 0; arm < RB_ARM_SPECS; arm++) {
      if (k.offer[arm] != RB_OFFER_REFUSED) {
        taken[arm] += w;
      }
    }
    total += w;
  }
  for (int arm = 0; arm < RB_ARM_SPECS; arm++) {
    out[arm] = total > 0.0 ? taken[arm] / total : 0.0;
  }
}

rb_status rb_subsidy_view_table(rb_subsidy_table *t, const rb_subsidy_view *v) {
  /* GSL's default handler aborts; gsl_cdf_ugaussian_Pinv reports nothing
   * for a quantile in (0, 1), but a library never aborts its caller. */
  gsl_set_error_handler_off();
  memset(t, 0, sizeof *t);
  const rb_rent *d = &v->group->arm[RB_ARM_INTERVENTION].flats.rent;
  t->discrete = d->dist == RB_RENT_DISCRETE;
  const int max = t->discrete && d->n > RB_SUBSIDY_TABLE_QUANTILES
                      ? d->n
                      : RB_SUBSIDY_TABLE_QUANTILES;
  t->rent = calloc((size_t)max, sizeof *t->rent);
  t->weight_or_quantile = calloc((size_t)max, sizeof *t->weight_or_quantile);
  if (t->rent == NULL || t->weight_or_quantile == NULL) {
    return RB_ENOMEM;
  }
  table_points(t, v->sc, d);
  for (int a = 0; a < RB_A_COUNT; a++) {
    pool_shares(t->pool_share[a], v, (rb_activity)a);
  }
  return RB_OK;
}

void rb_subsidy_table_free(rb_subsidy_table *t) {
  if (t == NULL) {
    return;
  }
  free(t->rent);
  free(t->weight_or_quantile);
  memset(t, 0, sizeof *t);
}
