/* The pools of flats compiled (docs/model.md, "Pools"): each pool's
 * monthly rate and its rents, for the engine's allocation. */
#include "model/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

rb_status rb_model_pools_alloc(rb_model *m, const rb_scenario *sc) {
  m->n_pools = sc->n_pools;
  if (sc->n_pools == 0) {
    return RB_OK;
  }
  m->pools = calloc((size_t)sc->n_pools, sizeof *m->pools);
  if (m->pools == NULL) {
    return RB_ENOMEM;
  }
  const size_t ga = (size_t)sc->n_groups * (size_t)sc->n_arms;
  for (int k = 0; k < sc->n_pools; k++) {
    const rb_rent *r = &sc->pools[k].rent;
    const bool disc = r->dist == RB_RENT_DISCRETE && r->n > 0;
    const size_t n = disc ? (size_t)r->n : 1;
    rb_pool_m *p = &m->pools[k];
    p->rate = calloc((size_t)m->horizon, sizeof *p->rate);
    p->val = calloc(n, sizeof *p->val);
    p->cum = calloc(n, sizeof *p->cum);
    if (disc) {
      p->tab = calloc(ga * n * RB_A_COUNT * RB_RT_N, sizeof *p->tab);
      p->tab_g = calloc(ga * n * RB_A_COUNT * RB_RT_N, sizeof *p->tab_g);
      p->fgap = calloc(ga * n, sizeof *p->fgap);
    }
    if (p->rate == NULL || p->val == NULL || p->cum == NULL ||
        (disc && (p->tab == NULL || p->tab_g == NULL || p->fgap == NULL))) {
      return RB_ENOMEM;
    }
  }
  return RB_OK;
}

void rb_model_pools_free(rb_model *m) {
  for (int k = 0; m->pools != NULL && k < m->n_pools; k++) {
    free(m->pools[k].rate);
    free(m->pools[k].val);
    free(m->pools[k].cum);
    free(m->pools[k].tab);
    free(m->pools[k].tab_g);
    free(m->pools[k].fgap);
  }
  free(m->pools);
  m->pools = NULL;
}

double rb_model_pools_bytes(const rb_scenario *sc) {
  double b =
      (double)sc->n_pools *
      (sizeof(rb_pool_m) + (double)sc->info.horizon_months * sizeof(double));
  for (int k = 0; k < sc->n_pools; k++) {
    const rb_rent *r = &sc->pools[k].rent;
    const bool disc = r->dist == RB_RENT_DISCRETE && r->n > 0;
    b += 2.0 * (disc ? r->n : 1) * sizeof(double);
    if (disc) {
      b += (double)sc->n_groups * sc->n_arms * r->n *
           (2.0 * RB_A_COUNT * RB_RT_N + 1.0) * sizeof(double);
    }
  }
  return b;
}

/* Pool @p p's discrete rents' rows for garm @p ga_i, as the group's own
 * discrete rents are tabled (model.c, compile_rents). */
static void pool_rows(const rb_model *m, rb_pool_m *p, int ga_i) {
  const rb_garm *ga = &m->ga[ga_i];
  for (int j = 0; j < p->n; j++) {
    rb_flat_case f = ga->flat;
    f.rent = p->val[j];
    rb_flat_share(&f, p->tenants);
    const size_t at = (size_t)ga_i * (size_t)p->n + (size_t)j;
    for (int a = 0; a < RB_A_COUNT; a++) {
      rb_subsidy_result res;
      const rb_rules *rules[2] = {&m->sc->rules, &m->rules_g};
      double *out[2] = {p->tab + (at * RB_A_COUNT + (size_t)a) * RB_RT_N,
                        p->tab_g + (at * RB_A_COUNT + (size_t)a) * RB_RT_N};
      for (int k = 0; k < 2; k++) {
        rb_subsidy_compute(&res, rules[k], &ga->terms, &f, &ga->inc[a],
                           &ga->inc[RB_A_COUNT]);
        out[k][RB_RT_GAP] = res.gap;
        out[k][RB_RT_HB] = res.housing_benefit;
        out[k][RB_RT_SUB] = res.subsidy - res.benefit_offset;
      }
      if (a == 0) {
        p->fgap[at] = res.future_gap;
      }
    }
  }
}

void rb_model_pools_compile(rb_model *m, const double *v) {
  const rb_scenario *sc = m->sc;
  for (int k = 0; k < m->n_pools; k++) {
    const rb_pool *p = &sc->pools[k];
    const rb_rent *r = &p->rent;
    rb_pool_m *pm = &m->pools[k];
    for (int t = 0; t < m->horizon; t++) {
      pm->rate[t] = rb_sched_at(&p->flats_per_month, v, t);
    }
    pm->scheme_any = p->kind != RB_POOL_PRIVATE;
    pm->tenants = p->tenants > 1 ? p->tenants : 0;
    pm->dist = r->dist;
    if (r->dist == RB_RENT_DISCRETE) {
      double wsum = 0.0, acc = 0.0;
      for (int j = 0; j < r->n; j++) {
        wsum += r->weights[j];
      }
      pm->n = r->n;
      for (int j = 0; j < r->n; j++) {
        pm->val[j] = v[r->values[j]];
        acc += r->weights[j];
        pm->cum[j] = acc / wsum;
      }
      pm->cum[r->n - 1] = 1.0;
      for (int gi = 0; gi < sc->n_groups; gi++) {
        for (int arm = 0; (sc->groups[gi].arm[RB_ARM_INTERVENTION].flats.pools &
                           (1u << k)) != 0 &&
                          arm < sc->n_arms;
             arm++) {
          pool_rows(m, pm, rb_model_garm_index(m, gi, arm));
        }
      }
    } else if (r->dist == RB_RENT_LOGNORMAL) {
      pm->mu = log(v[r->median]);
      pm->sigma = v[r->sigma];
    } else {
      pm->lo = v[r->low];
      pm->hi = v[r->high];
    }
  }
}

double rb_pool_rent_draw(const rb_pool_m *p, double u, int *idx) {
  return rb_rent_inverse(p->dist, p->n, p->val, p->cum, p->mu, p->sigma, p->lo,
                         p->hi, u, idx);
}

int rb_pool_arrivals(double rate, double u) {
  /* Inversion of the Poisson distribution's cdf, from 0 up (a rate is at
   * most 500 a month, so exp(−rate) > 0). */
  double p = exp(-rate), cdf = p;
  int n = 0;
  while (u > cdf && n < RB_MAX_POOL_FLATS) {
    n++;
    p *= rate / n;
    cdf += p;
  }
  return n;
}
