/* The pools of flats compiled (docs/model.md, "Pools"): each pool's
 * monthly rate and its rents, for the engine's allocation. */
#include "model/model.h"

#include <gsl/gsl_cdf.h>
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
  for (int k = 0; k < sc->n_pools; k++) {
    const rb_rent *r = &sc->pools[k].rent;
    const size_t n = r->dist == RB_RENT_DISCRETE && r->n > 0 ? (size_t)r->n : 1;
    m->pools[k].val = calloc(n, sizeof *m->pools[k].val);
    m->pools[k].cum = calloc(n, sizeof *m->pools[k].cum);
    if (m->pools[k].val == NULL || m->pools[k].cum == NULL) {
      return RB_ENOMEM;
    }
  }
  return RB_OK;
}

void rb_model_pools_free(rb_model *m) {
  for (int k = 0; m->pools != NULL && k < m->n_pools; k++) {
    free(m->pools[k].val);
    free(m->pools[k].cum);
  }
  free(m->pools);
  m->pools = NULL;
}

double rb_model_pools_bytes(const rb_scenario *sc) {
  double b = (double)sc->n_pools * sizeof(rb_pool_m);
  for (int k = 0; k < sc->n_pools; k++) {
    const rb_rent *r = &sc->pools[k].rent;
    b += 2.0 * (r->dist == RB_RENT_DISCRETE && r->n > 0 ? r->n : 1) *
         sizeof(double);
  }
  return b;
}

void rb_model_pools_compile(rb_model *m, const double *v) {
  const rb_scenario *sc = m->sc;
  for (int k = 0; k < m->n_pools; k++) {
    const rb_pool *p = &sc->pools[k];
    const rb_rent *r = &p->rent;
    rb_pool_m *pm = &m->pools[k];
    pm->rate = v[p->flats_per_month];
    pm->scheme_any = p->kind != RB_POOL_PRIVATE;
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
    } else if (r->dist == RB_RENT_LOGNORMAL) {
      pm->mu = log(v[r->median]);
      pm->sigma = v[r->sigma];
    } else {
      pm->lo = v[r->low];
      pm->hi = v[r->high];
    }
  }
}

double rb_pool_rent_draw(const rb_pool_m *p, double u) {
  switch (p->dist) {
  case RB_RENT_DISCRETE: {
    int j = 0;
    while (j < p->n - 1 && u >= p->cum[j]) {
      j++;
    }
    return p->val[j];
  }
  case RB_RENT_LOGNORMAL:
    return exp(p->mu + p->sigma * gsl_cdf_ugaussian_Pinv(u));
  case RB_RENT_UNIFORM:
    return p->lo + u * (p->hi - p->lo);
  }
  return 0.0;
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
