/* The law's clocks and the realisable share, compiled (model/netclock.h). */
#include "model/netclock.h"

#include <stdlib.h>

rb_status rb_netclock_alloc(rb_garm *ga, const rb_scenario *sc) {
  const size_t n = ga->n_used > 0 ? (size_t)ga->n_used : 1;
  ga->clk = calloc(n, sizeof *ga->clk);
  ga->real_k = calloc(n, sizeof *ga->real_k);
  ga->real_share = calloc(n, sizeof *ga->real_share);
  ga->real_kb = calloc(n, sizeof *ga->real_kb);
  if (ga->clk == NULL || ga->real_k == NULL || ga->real_share == NULL ||
      ga->real_kb == NULL) {
    return RB_ENOMEM;
  }
  ga->n_clk = ga->n_real = 0;
  ga->inc_k = -1;
  for (int k = 0; k < ga->n_used; k++) {
    const int i = ga->used[k];
    if (i >= sc->n_costs) {
      if (i == sc->n_costs + RB_ITEM_INCOME) {
        ga->inc_k = k;
      }
      continue;
    }
    const rb_cost *c = &sc->costs[i];
    if (c->clock != RB_CLOCK_STATE && c->payer.n > 0) {
      ga->clk[ga->n_clk++] =
          (rb_clk_spec){k, c->clock == RB_CLOCK_ROLLING_YEAR, &c->payer};
    }
    if (c->realisable >= 0) {
      ga->real_k[ga->n_real++] = k;
    }
  }
  return RB_OK;
}

void rb_netclock_link(rb_garm *ga, const rb_garm *ref) {
  for (int j = 0; j < ga->n_real; j++) {
    const int item = ga->used[ga->real_k[j]];
    ga->real_kb[j] = -1;
    for (int kb = 0; kb < ref->n_used; kb++) {
      if (ref->used[kb] == item) {
        ga->real_kb[j] = kb;
      }
    }
  }
}

void rb_netclock_compile(rb_garm *ga, const rb_scenario *sc, const double *v) {
  for (int j = 0; j < ga->n_real; j++) {
    ga->real_share[j] = v[sc->costs[ga->used[ga->real_k[j]]].realisable];
  }
  const rb_group *g = &sc->groups[ga->group];
  /* The refusionstrappe's reset (finansieringsloven § 6) in months of the
   * model's 52/12 weeks: the window of 3 years, the 52 weeks it needs. */
  const int window =
      (int)(sc->rules.ref_window_weeks / RB_WEEKS_PER_MONTH + 0.5);
  ga->trappe_window = window < 1 ? 1 : window > 64 ? 64 : window;
  ga->trappe_need = (int)(sc->rules.ref_reset_weeks / RB_WEEKS_PER_MONTH + 0.5);
  ga->trappe_keep =
      ga->trappe_window == 64 ? ~0ull : (1ull << ga->trappe_window) - 1;
  ga->any_trappe = false;
  for (int a = 0; a < RB_A_COUNT; a++) {
    const rb_income *in = &sc->incomes[g->income[a]];
    ga->trappe[a] = ga->inc_k >= 0 && in->kind == RB_INCOME_BENEFIT &&
                    in->refusion_trappe && sc->rules.has_refusion;
    ga->any_trappe = ga->any_trappe || ga->trappe[a];
  }
}

void rb_netclock_free(rb_garm *ga) {
  free(ga->clk);
  free(ga->real_k);
  free(ga->real_share);
  free(ga->real_kb);
  ga->clk = NULL;
  ga->real_k = ga->real_kb = NULL;
  ga->real_share = NULL;
}

double rb_netclock_bytes(size_t n_used) {
  const double n = (double)(n_used > 0 ? n_used : 1);
  return n * (sizeof(rb_clk_spec) + 2.0 * sizeof(int) + sizeof(double));
}
