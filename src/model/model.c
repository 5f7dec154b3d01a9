/* The compiled model: tables for the monthly step (model.md). */
#include "model/model.h"
#include "model/netclock.h"
#include "model/udligning.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Append the breaks ≥ 1 of a schedule of @p n entries to @p out (NULL:
 * count only); returns the new count. */
static int add_breaks(int *out, int k, const int *breaks, int n) {
  for (int i = 0; i + 1 < n; i++) {
    if (breaks[i] >= 1) {
      if (out != NULL) {
        out[k] = breaks[i];
      }
      k++;
    }
  }
  return k;
}

/* Every months_in_state at which one of the group's schedules changes, in
 * @p out (NULL: count only), with repeats; returns how many. */
static int group_breaks(int *out, const rb_scenario *sc, const rb_group *g) {
  int k = 0;
  for (int spec = 0; spec < RB_ARM_SPECS; spec++) {
    const rb_transitions *t = &g->arm[spec].transitions;
    for (int s = 0; s < RB_H_COUNT; s++) {
      for (int j = 0; j < RB_T_COUNT; j++) {
        k = add_breaks(out, k, t->out[s][j].breaks, t->out[s][j].n);
      }
    }
  }
  for (int c = 0; c < sc->n_costs; c++) {
    k = add_breaks(out, k, sc->costs[c].amount.breaks, sc->costs[c].amount.n);
    k = add_breaks(out, k, sc->costs[c].payer.breaks, sc->costs[c].payer.n);
  }
  for (int a = 0; a < RB_A_COUNT; a++) {
    const rb_payer_sched *p = &sc->incomes[g->income[a]].payer;
    k = add_breaks(out, k, p->breaks, p->n);
  }
  return k;
}

static int cmp_int(const void *a, const void *b) {
  const int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

/* The segments of months_in_state of group @p g: between two breaks every
 * schedule is constant, so the tables need one row per segment, not per
 * month.  Sets *starts ([nseg + 1], rb_garm.seg_start) and returns nseg,
 * or −1 when out of memory. */
static int group_segments(int **starts, const rb_scenario *sc,
                          const rb_group *g) {
  const int n = group_breaks(NULL, sc, g);
  int *b = malloc(((size_t)n + 2) * sizeof *b);
  if (b == NULL) {
    return -1;
  }
  b[0] = 0;
  group_breaks(b + 1, sc, g);
  qsort(b + 1, (size_t)n, sizeof *b, cmp_int);
  int nseg = 1;
  for (int i = 1; i <= n; i++) {
    if (b[i] != b[nseg - 1]) {
      b[nseg++] = b[i];
    }
  }
  b[nseg] = INT_MAX;
  *starts = b;
  return nseg;
}

int rb_model_nseg(const rb_scenario *sc, int gi) {
  int *starts = NULL;
  const int nseg = group_segments(&starts, sc, &sc->groups[gi]);
  free(starts);
  return nseg > 0 ? nseg : group_breaks(NULL, sc, &sc->groups[gi]) + 1;
}

int rb_model_years(const rb_scenario *sc) {
  return (sc->info.start_month - 1 + sc->info.horizon_months - 1) / 12 + 1;
}

int rb_model_seg(const rb_garm *ga, int m) {
  int lo = 0, hi = ga->nseg - 1;
  while (lo < hi) {
    const int mid = lo + (hi - lo + 1) / 2;
    if (ga->seg_start[mid] <= m) {
      lo = mid;
    } else {
      hi = mid - 1;
    }
  }
  return lo;
}

static bool cost_in_group(const rb_cost *c, int group) {
  return !c->has_groups || c->in_group == NULL || c->in_group[group];
}

/* The items a month in this group and arm can book: its monthly cost items,
 * then income, income tax and production (@p used NULL: count only). */
static int list_used(int *used, rb_kind *kinds, const rb_scenario *sc, int gi,
                     int arm) {
  int n = 0;
  for (int c = 0; c < sc->n_costs; c++) {
    const rb_cost *cost = &sc->costs[c];
    if (cost->one_off || !cost_in_group(cost, gi) ||
        !rb_cost_in_arm(sc, cost, gi, arm)) {
      continue;
    }
    if (used != NULL) {
      used[n] = c;
      kinds[n] = cost->kind;
    }
    n++;
  }
  static const int computed[3] = {RB_ITEM_INCOME, RB_ITEM_INCOME_TAX,
                                  RB_ITEM_PRODUCTION};
  static const rb_kind ckind[3] = {RB_KIND_TRANSFER, RB_KIND_REVENUE,
                                   RB_KIND_PRODUCTION};
  for (int k = 0; k < 3; k++) {
    if (used != NULL) {
      used[n] = sc->n_costs + computed[k];
      kinds[n] = ckind[k];
    }
    n++;
  }
  return n;
}

static const double *payer_at(const rb_payer_sched *p, int m) {
  return p->shares[rb_sched_index(p->breaks, p->n, m)];
}

/* The entries of a group-arm's tables, from its number of segments. */
typedef struct garm_sizes {
  size_t thr, rent, rent_tab, rehouse, cost, used, item_amt, oneoff;
} garm_sizes;

static garm_sizes sizes_of(const rb_scenario *sc, int gi, int arm, int nseg) {
  const rb_rent *rent = &rb_arm_spec_of(sc, gi, arm)->flats.rent;
  const size_t nr = rent->dist == RB_RENT_DISCRETE ? (size_t)rent->n : 1;
  const size_t ncell = (size_t)RB_LIVE * RB_A_COUNT * (size_t)nseg;
  garm_sizes z;
  z.thr = (size_t)RB_LIVE * (size_t)nseg * RB_NTHR;
  z.rent = nr;
  z.rent_tab = nr * RB_A_COUNT * RB_RT_N;
  z.rehouse = nr * RB_A_COUNT;
  z.cost = ncell * RB_P_COUNT;
  z.used = (size_t)sc->n_costs + RB_ITEM_COMPUTED_COUNT;
  z.item_amt =
      ncell * (size_t)list_used(NULL, NULL, sc, gi, arm) * RB_PAYER_SLOTS;
  z.oneoff = (size_t)sc->n_costs + 1;
  return z;
}

/* Allocate group @p gi's tables in @p arm with the segments @p starts. */
static rb_status garm_alloc(rb_garm *ga, const rb_scenario *sc, int gi, int arm,
                            const int *starts, int nseg) {
  const garm_sizes z = sizes_of(sc, gi, arm, nseg);
  ga->nseg = nseg;
  ga->M = nseg > 1 ? starts[nseg - 1] : 0;
  ga->ncell = RB_LIVE * RB_A_COUNT * nseg;
  ga->seg_start = malloc(((size_t)nseg + 1) * sizeof *ga->seg_start);
  ga->thr = calloc(z.thr, sizeof *ga->thr);
  ga->rent_val = calloc(z.rent, sizeof *ga->rent_val);
  ga->rent_cum = calloc(z.rent, sizeof *ga->rent_cum);
  ga->rent_tab = calloc(z.rent_tab, sizeof *ga->rent_tab);
  ga->rent_tab_g = calloc(z.rent_tab, sizeof *ga->rent_tab_g);
  ga->rent_fgap = calloc(z.rent, sizeof *ga->rent_fgap);
  ga->rehouse_cum = calloc(z.rehouse, sizeof *ga->rehouse_cum);
  ga->cost = calloc(z.cost, sizeof *ga->cost);
  ga->used = calloc(z.used, sizeof *ga->used);
  ga->used_kind = calloc(z.used, sizeof *ga->used_kind);
  ga->item_amt = calloc(z.item_amt, sizeof *ga->item_amt);
  ga->oneoff = calloc(z.oneoff, sizeof *ga->oneoff);
  if (ga->seg_start == NULL || ga->thr == NULL || ga->rent_val == NULL ||
      ga->rent_cum == NULL || ga->rent_tab == NULL || ga->rent_fgap == NULL ||
      ga->rent_tab_g == NULL || ga->rehouse_cum == NULL || ga->cost == NULL ||
      ga->used == NULL || ga->used_kind == NULL || ga->item_amt == NULL ||
      ga->oneoff == NULL) {
    return RB_ENOMEM;
  }
  memcpy(ga->seg_start, starts, ((size_t)nseg + 1) * sizeof *starts);
  ga->n_used = list_used(ga->used, ga->used_kind, sc, gi, arm);
  return rb_netclock_alloc(ga, sc);
}

double rb_model_bytes(const rb_scenario *sc) {
  const double H = (double)sc->info.horizon_months;
  double b = H * (sizeof(double) + sizeof(int)) +
             (double)sc->n_groups * sc->n_arms * sizeof(rb_garm);
  for (int gi = 0; gi < sc->n_groups; gi++) {
    const int n = group_breaks(NULL, sc, &sc->groups[gi]);
    const int nseg = rb_model_nseg(sc, gi);
    b += ((double)n + 2) * sizeof(int);
    for (int arm = 0; arm < sc->n_arms; arm++) {
      const garm_sizes z = sizes_of(sc, gi, arm, nseg);
      b += (double)(z.thr + 3 * z.rent + 2 * z.rent_tab + z.rehouse + z.cost +
                    z.item_amt) *
               sizeof(double) +
           (double)z.used * (sizeof(int) + sizeof(rb_kind)) +
           (double)z.oneoff * sizeof(rb_oneoff) + rb_netclock_bytes(z.used) +
           ((double)nseg + 1) * sizeof(int);
    }
  }
  return b + rb_model_pools_bytes(sc);
}

rb_status rb_model_alloc(rb_model *m, const rb_scenario *sc) {
  memset(m, 0, sizeof *m);
  m->sc = sc;
  m->n_groups = sc->n_groups;
  m->n_items = sc->n_costs + RB_ITEM_COMPUTED_COUNT;
  m->horizon = sc->info.horizon_months;
  m->first_year = sc->info.start_year;
  m->n_years = rb_model_years(sc);
  m->df = calloc((size_t)m->horizon, sizeof *m->df);
  m->year_of = calloc((size_t)m->horizon, sizeof *m->year_of);
  m->n_arms = sc->n_arms;
  m->ga = calloc((size_t)sc->n_groups * (size_t)sc->n_arms, sizeof *m->ga);
  bool any_set = false;
  for (int arm = 0; arm < sc->n_arms; arm++) {
    any_set = any_set || sc->arms[arm].set;
  }
  m->v_arm = any_set ? calloc((size_t)sc->n_arms * (size_t)sc->n_params + 1,
                              sizeof *m->v_arm)
                     : NULL;
  if (m->df == NULL || m->year_of == NULL || m->ga == NULL ||
      (any_set && m->v_arm == NULL) || rb_model_pools_alloc(m, sc) != RB_OK) {
    rb_model_free(m);
    return RB_ENOMEM;
  }
  for (int t = 0; t < m->horizon; t++) {
    m->year_of[t] = (sc->info.start_month - 1 + t) / 12;
  }
  rb_status st = RB_OK;
  for (int gi = 0; st == RB_OK && gi < sc->n_groups; gi++) {
    int *starts = NULL;
    const int nseg = group_segments(&starts, sc, &sc->groups[gi]);
    st = nseg > 0 ? RB_OK : RB_ENOMEM;
    for (int arm = 0; st == RB_OK && arm < sc->n_arms; arm++) {
      st = garm_alloc(&m->ga[rb_model_garm_index(m, gi, arm)], sc, gi, arm,
                      starts, nseg);
    }
    /* The realisable share is booked against the reference arm. */
    const int ref = sc->n_arms > RB_ARM_BASELINE ? RB_ARM_BASELINE : 0;
    for (int arm = 0; st == RB_OK && arm < sc->n_arms; arm++) {
      rb_garm *ga = &m->ga[rb_model_garm_index(m, gi, arm)];
      rb_netclock_link(ga, &m->ga[rb_model_garm_index(m, gi, ref)]);
      m->any_real = m->any_real || ga->n_real > 0;
    }
    free(starts);
  }
  if (st != RB_OK) {
    rb_model_free(m);
  }
  return st;
}

/* ---- models compared (rb_model_groups_same) ------------------------------ */

/* @p n entries of @p size bytes at @p x and @p y the same bytes. */
static bool same_bytes(const void *x, const void *y, size_t n, size_t size) {
  return n == 0 || memcmp(x, y, n * size) == 0;
}

/* Group @p gi's arm @p arm compiled in @p a and in @p b: its owned tables
 * by their contents (the sizes they were allocated with, sizes_of), every
 * other field by its bytes. */
static bool garm_same(const rb_scenario *sc, int gi, int arm, const rb_garm *a,
                      const rb_garm *b) {
  if (a->nseg != b->nseg || a->n_used != b->n_used) {
    return false;
  }
  const garm_sizes z = sizes_of(sc, gi, arm, a->nseg);
  const size_t nu = a->n_used > 0 ? (size_t)a->n_used : 1; /* netclock */
  if (!same_bytes(a->seg_start, b->seg_start, (size_t)a->nseg + 1,
                  sizeof *a->seg_start) ||
      !same_bytes(a->thr, b->thr, z.thr, sizeof *a->thr) ||
      !same_bytes(a->rent_val, b->rent_val, z.rent, sizeof *a->rent_val) ||
      !same_bytes(a->rent_cum, b->rent_cum, z.rent, sizeof *a->rent_cum) ||
      !same_bytes(a->rent_tab, b->rent_tab, z.rent_tab, sizeof *a->rent_tab) ||
      !same_bytes(a->rent_tab_g, b->rent_tab_g, z.rent_tab,
                  sizeof *a->rent_tab_g) ||
      !same_bytes(a->rent_fgap, b->rent_fgap, z.rent, sizeof *a->rent_fgap) ||
      !same_bytes(a->rehouse_cum, b->rehouse_cum, z.rehouse,
                  sizeof *a->rehouse_cum) ||
      !same_bytes(a->cost, b->cost, z.cost, sizeof *a->cost) ||
      !same_bytes(a->used, b->used, z.used, sizeof *a->used) ||
      !same_bytes(a->used_kind, b->used_kind, z.used, sizeof *a->used_kind) ||
      !same_bytes(a->item_amt, b->item_amt, z.item_amt, sizeof *a->item_amt) ||
      !same_bytes(a->oneoff, b->oneoff, z.oneoff, sizeof *a->oneoff) ||
      !same_bytes(a->clk, b->clk, nu, sizeof *a->clk) ||
      !same_bytes(a->real_k, b->real_k, nu, sizeof *a->real_k) ||
      !same_bytes(a->real_share, b->real_share, nu, sizeof *a->real_share) ||
      !same_bytes(a->real_kb, b->real_kb, nu, sizeof *a->real_kb)) {
    return false;
  }
  rb_garm x = *a, y = *b;
  rb_garm *g[2] = {&x, &y};
  for (int k = 0; k < 2; k++) { /* the owned tables, compared above */
    g[k]->seg_start = NULL;
    g[k]->thr = g[k]->rent_val = g[k]->rent_cum = g[k]->rent_tab = NULL;
    g[k]->rent_tab_g = g[k]->rent_fgap = g[k]->rehouse_cum = NULL;
    g[k]->cost = g[k]->item_amt = g[k]->real_share = NULL;
    g[k]->used = g[k]->real_k = g[k]->real_kb = NULL;
    g[k]->used_kind = NULL;
    g[k]->oneoff = NULL;
    g[k]->clk = NULL;
  }
  return memcmp(&x, &y, sizeof x) == 0;
}

/* The model-wide part of @p a and @p b: every field but the groups'
 * tables, the values' address and the owned month tables, by its bytes;
 * those tables by their contents.  With pools the groups depend on each
 * other: never the same. */
static bool common_same(const rb_model *a, const rb_model *b) {
  if (a->sc != b->sc || a->n_pools > 0 || b->n_pools > 0 ||
      a->horizon != b->horizon ||
      !same_bytes(a->df, b->df, (size_t)a->horizon, sizeof *a->df) ||
      !same_bytes(a->year_of, b->year_of, (size_t)a->horizon,
                  sizeof *a->year_of)) {
    return false;
  }
  rb_model x = *a, y = *b;
  rb_model *m[2] = {&x, &y};
  for (int k = 0; k < 2; k++) {
    m[k]->v = NULL;
    m[k]->ga = NULL;
    m[k]->df = NULL;
    m[k]->year_of = NULL;
    m[k]->v_arm = NULL;
  }
  return memcmp(&x, &y, sizeof x) == 0;
}

bool rb_model_arm_same(const rb_model *a, int arm_a, const rb_model *b,
                       int arm_b) {
  /* The model-wide part as common_same, of two views of one scenario
   * whose arms differ in number. */
  rb_model x = *b;
  x.sc = a->sc;
  x.n_arms = a->n_arms;
  /* The subsidy block's terms and periods the model keeps beside the
   * garms' own, which are what the engine reads: not compared. */
  x.terms = a->terms;
  x.period = a->period;
  x.ext_months = a->ext_months;
  x.max_ext = a->max_ext;
  x.p_rehoused = a->p_rehoused;
  if (a->n_groups != b->n_groups || !common_same(a, &x)) {
    return false;
  }
  for (int gi = 0; gi < a->n_groups; gi++) {
    const int nseg = a->ga[rb_model_garm_index(a, gi, arm_a)].nseg;
    const garm_sizes za = sizes_of(a->sc, gi, arm_a, nseg);
    const garm_sizes zb = sizes_of(b->sc, gi, arm_b, nseg);
    if (memcmp(&za, &zb, sizeof za) != 0 ||
        !garm_same(a->sc, gi, arm_a, &a->ga[rb_model_garm_index(a, gi, arm_a)],
                   &b->ga[rb_model_garm_index(b, gi, arm_b)])) {
      return false;
    }
  }
  return true;
}

bool rb_model_groups_same(bool *same, const rb_model *a, const rb_model *b) {
  const bool common = common_same(a, b);
  for (int gi = 0; gi < a->n_groups; gi++) {
    same[gi] = common;
    for (int arm = 0; same[gi] && arm < a->n_arms; arm++) {
      const size_t k = rb_model_garm_index(a, gi, arm);
      same[gi] = garm_same(a->sc, gi, arm, &a->ga[k], &b->ga[k]);
    }
  }
  return common;
}

void rb_model_free(rb_model *m) {
  if (m == NULL) {
    return;
  }
  free(m->v_arm);
  m->v_arm = NULL;
  if (m->ga != NULL) {
    for (int i = 0; i < m->n_groups * m->n_arms; i++) {
      rb_garm *ga = &m->ga[i];
      free(ga->thr);
      free(ga->seg_start);
      free(ga->rent_val);
      free(ga->rent_cum);
      free(ga->rent_tab);
      free(ga->rent_tab_g);
      free(ga->rent_fgap);
      free(ga->rehouse_cum);
      free(ga->cost);
      free(ga->item_amt);
      free(ga->used);
      free(ga->used_kind);
      free(ga->oneoff);
      rb_netclock_free(ga);
    }
  }
  free(m->ga);
  free(m->df);
  free(m->year_of);
  rb_model_pools_free(m);
  memset(m, 0, sizeof *m);
}

/* ---- rents ------------------------------------------------------------ */

static double gap_at(const rb_model *m, const rb_garm *ga, double rent,
                     const rb_income_case *inc) {
  rb_flat_case f = ga->flat;
  f.rent = rent;
  return rb_gap(&m->sc->rules, &ga->terms, &f, inc);
}

/* Highest rent with G ≤ 0 on @p inc, searched below @p top; −1 when even a
 * rent of 1 kr has G > 0.  G never falls when the rent rises. */
static double rent_star(const rb_model *m, const rb_garm *ga, double top,
                        const rb_income_case *inc) {
  if (gap_at(m, ga, top, inc) <= 0.0) {
    return top;
  }
  double lo = 1.0;
  if (gap_at(m, ga, lo, inc) > 0.0) {
    return -1.0;
  }
  double hi = top;
  for (int it = 0; it < 200 && hi - lo > 1e-9 * hi; it++) {
    double mid = 0.5 * (lo + hi);
    if (gap_at(m, ga, mid, inc) <= 0.0) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

double rb_rent_inverse(rb_rent_dist d, int n, const double *val,
                       const double *cum, double mu, double sigma, double lo,
                       double hi, double u, int *idx) {
  *idx = -1;
  switch (d) {
  case RB_RENT_DISCRETE: {
    int j = 0;
    while (j < n - 1 && u >= cum[j]) {
      j++;
    }
    *idx = j;
    return val[j];
  }
  case RB_RENT_LOGNORMAL:
    return exp(mu + sigma * gsl_cdf_ugaussian_Pinv(u));
  case RB_RENT_UNIFORM:
    return lo + u * (hi - lo);
  }
  return 0.0;
}

double rb_rent_draw(const rb_garm *g, double u, int *idx) {
  return rb_rent_inverse(g->rent_dist, g->n_rent, g->rent_val, g->rent_cum,
                         g->mu, g->sigma, g->lo, g->hi, u, idx);
}

double rb_rent_draw_rehouse(const rb_garm *g, int a, double u, int *idx) {
  switch (g->rent_dist) {
  case RB_RENT_DISCRETE: {
    const double *cum = g->rehouse_cum + (size_t)a * (size_t)g->n_rent;
    if (cum[g->n_rent - 1] <= 0.0) {
      /* No rent qualifies: the lowest possible rent. */
      int best = 0;
      for (int j = 1; j < g->n_rent; j++) {
        if (g->rent_val[j] < g->rent_val[best]) {
          best = j;
        }
      }
      *idx = best;
      return g->rent_val[best];
    }
    int j = 0;
    while (j < g->n_rent - 1 && (cum[j] <= 0.0 || u >= cum[j])) {
      j++;
    }
    /* Skip values that do not qualify (their cumulative weight does not
     * rise). */
    while (j > 0 && cum[j] == cum[j - 1]) {
      j--;
    }
    *idx = j;
    return g->rent_val[j];
  }
  case RB_RENT_LOGNORMAL: {
    double rs = g->rstar[a];
    double F =
        rs > 0.0 ? gsl_cdf_ugaussian_P((log(rs) - g->mu) / g->sigma) : 0.0;
    *idx = -1;
    if (F <= 0.0) {
      return exp(g->mu + g->sigma * gsl_cdf_ugaussian_Pinv(0.01));
    }
    return exp(g->mu + g->sigma * gsl_cdf_ugaussian_Pinv(u * F));
  }
  case RB_RENT_UNIFORM: {
    double rs = g->rstar[a];
    *idx = -1;
    if (rs < g->lo) {
      return g->lo;
    }
    double top = rs < g->hi ? rs : g->hi;
    return g->lo + u * (top - g->lo);
  }
  }
  *idx = -1;
  return 0.0;
}

static void compile_rents(const rb_model *m, rb_garm *ga, const rb_rent *r,
                          const double *v) {
  const rb_rules *rules = &m->sc->rules;
  ga->rent_dist = r->dist;
  if (r->dist == RB_RENT_DISCRETE) {
    ga->n_rent = r->n;
    double wsum = 0.0;
    for (int j = 0; j < r->n; j++) {
      wsum += r->weights[j];
    }
    double acc = 0.0;
    for (int j = 0; j < r->n; j++) {
      ga->rent_val[j] = v[r->values[j]];
      acc += r->weights[j];
      ga->rent_cum[j] = acc / wsum;
    }
    ga->rent_cum[r->n - 1] = 1.0;
    for (int j = 0; j < r->n; j++) {
      rb_flat_case f = ga->flat;
      f.rent = ga->rent_val[j];
      for (int a = 0; a < RB_A_COUNT; a++) {
        rb_subsidy_result res;
        rb_subsidy_compute(&res, rules, &ga->terms, &f, &ga->inc[a],
                           &ga->inc[RB_A_COUNT]);
        double *tab = ga->rent_tab + rb_model_rent_index(j, a);
        tab[RB_RT_GAP] = res.gap;
        tab[RB_RT_HB] = res.housing_benefit;
        tab[RB_RT_SUB] = res.subsidy - res.benefit_offset;
        rb_subsidy_compute(&res, &m->rules_g, &ga->terms, &f, &ga->inc[a],
                           &ga->inc[RB_A_COUNT]);
        double *tg = ga->rent_tab_g + rb_model_rent_index(j, a);
        tg[RB_RT_GAP] = res.gap;
        tg[RB_RT_HB] = res.housing_benefit;
        tg[RB_RT_SUB] = res.subsidy - res.benefit_offset;
        if (a == 0) {
          ga->rent_fgap[j] = res.future_gap;
        }
      }
    }
    for (int a = 0; a < RB_A_COUNT; a++) {
      double *cum = ga->rehouse_cum + (size_t)a * (size_t)r->n;
      double q = 0.0;
      for (int j = 0; j < r->n; j++) {
        const double *tab = ga->rent_tab + rb_model_rent_index(j, a);
        if (tab[RB_RT_GAP] <= 0.0) {
          q += r->weights[j];
        }
        cum[j] = q;
      }
      for (int j = 0; j < r->n; j++) {
        cum[j] = q > 0.0 ? cum[j] / q : 0.0;
      }
      if (q > 0.0) {
        /* The last qualifying value closes at exactly 1. */
        for (int j = r->n - 1; j >= 0; j--) {
          cum[j] = cum[j] >= 1.0 - 1e-12 ? 1.0 : cum[j];
        }
      }
    }
    return;
  }
  double top;
  if (r->dist == RB_RENT_LOGNORMAL) {
    ga->mu = log(v[r->median]);
    ga->sigma = v[r->sigma];
    top = exp(ga->mu + 12.0 * ga->sigma);
  } else {
    ga->lo = v[r->low];
    ga->hi = v[r->high];
    top = ga->hi;
  }
  for (int a = 0; a < RB_A_COUNT; a++) {
    ga->rstar[a] = rent_star(m, ga, top, &ga->inc[a]);
  }
}

/* ---- money ------------------------------------------------------------ */

static bool cost_matches(const rb_scenario *sc, const rb_cost *c, int group,
                         int arm, int h, int a) {
  if (!cost_in_group(c, group)) {
    return false;
  }
  bool arm_ok = rb_cost_in_arm(sc, c, group, arm);
  bool h_ok = !c->has_housing || (c->housing & (1u << h));
  bool a_ok = !c->has_activity || (c->activity & (1u << a));
  return arm_ok && h_ok && a_ok;
}

static void add_item(double *amt, const double *shares, double x,
                     rb_kind kind) {
  if (kind == RB_KIND_PRODUCTION) {
    amt[RB_PAYER_COUNT] += x;
    return;
  }
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    amt[p] += x * shares[p];
  }
}

/* The item amounts of one cell: live state @p h, activity @p a, the
 * segment starting at months_in_state @p mm; @p tax is the tax of the
 * activity's income. */
static void cell_items(double *amt, const rb_model *m, const rb_garm *ga,
                       int arm, int h, int a, int mm, const rb_tax_result *tax,
                       const double *v) {
  const rb_scenario *sc = m->sc;
  const rb_income_case *inc = &ga->inc[a];
  const int base = sc->n_costs;
  for (int k = 0; k < ga->n_used; k++) {
    double *x = amt + (size_t)k * RB_PAYER_SLOTS;
    int i = ga->used[k];
    if (i < base) {
      const rb_cost *cost = &sc->costs[i];
      if (!cost_matches(sc, cost, ga->group, arm, h, a)) {
        continue;
      }
      double y = rb_sched_at(&cost->amount, v, mm);
      if (cost->per_day) {
        y *= RB_DAYS_PER_MONTH;
      }
      const double *sh =
          cost->kind == RB_KIND_PRODUCTION ? NULL : payer_at(&cost->payer, mm);
      add_item(x, sh, y, cost->kind);
    } else if (i == base + RB_ITEM_INCOME) {
      if (inc->kind != RB_INCOME_WAGE) {
        add_item(x, payer_at(ga->inc_payer[a], mm), inc->gross,
                 RB_KIND_TRANSFER);
      }
    } else if (i == base + RB_ITEM_PRODUCTION) {
      if (inc->kind == RB_INCOME_WAGE) {
        x[RB_PAYER_COUNT] += inc->gross * ga->prod_factor[a];
      }
    } else if (i == base + RB_ITEM_INCOME_TAX) {
      /* The equalised part of the kommuneskat goes to the other kommuner
       * through the state's settlement (udligningsloven § 2). */
      x[RB_PAYER_KOMMUNE] += ga->udl_kept * tax->kommuneskat;
      x[RB_PAYER_STAT] += tax->am_bidrag + tax->bundskat +
                          (1.0 - ga->udl_kept) * tax->kommuneskat;
    }
  }
}

/* The net cost of one cell per perspective, from its item amounts. */
static void cell_cost(double *cc, const rb_model *m, const rb_garm *ga,
                      const double *amt) {
  double res[RB_PAYER_COUNT] = {0}, tra[RB_PAYER_COUNT] = {0},
         rev[RB_PAYER_COUNT] = {0}, prod = 0.0;
  for (int k = 0; k < ga->n_used; k++) {
    const double *x = amt + (size_t)k * RB_PAYER_SLOTS;
    rb_kind kind = ga->used_kind[k];
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      if (kind == RB_KIND_RESOURCE) {
        res[p] += x[p];
      } else if (kind == RB_KIND_TRANSFER) {
        tra[p] += x[p];
      } else if (kind == RB_KIND_REVENUE) {
        rev[p] += x[p];
      }
    }
    prod += x[RB_PAYER_COUNT];
  }
  double kom = res[0] + tra[0] - rev[0];
  double pub = 0.0, allres = 0.0;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    pub += res[p] + tra[p] - rev[p];
    allres += res[p];
  }
  cc[RB_P_KOMMUNE] = kom;
  cc[RB_P_PUBLIC] = pub;
  cc[RB_P_SOCIETAL] = allres - prod + m->mcpf * pub;
}

/* The one-off items of this arm and group. */
static void compile_oneoffs(rb_garm *ga, const rb_scenario *sc, int arm,
                            const double *v) {
  ga->n_oneoff = 0;
  for (int c = 0; c < sc->n_costs; c++) {
    const rb_cost *cost = &sc->costs[c];
    if (!cost->one_off || !rb_cost_in_arm(sc, cost, ga->group, arm) ||
        !cost_in_group(cost, ga->group)) {
      continue;
    }
    rb_oneoff *o = &ga->oneoff[ga->n_oneoff++];
    o->item = c;
    o->kind = cost->kind;
    o->amount = rb_sched_at(&cost->amount, v, 0);
    o->payer = &cost->payer;
  }
}

static void compile_money(const rb_model *m, rb_garm *ga, int arm,
                          const double *v) {
  const rb_scenario *sc = m->sc;
  const rb_rules *rules = &sc->rules;
  const int rows = ga->nseg;
  memset(ga->item_amt, 0,
         rb_model_amt_index(ga, ga->ncell) * sizeof *ga->item_amt);
  for (int h = 0; h < RB_LIVE; h++) {
    for (int a = 0; a < RB_A_COUNT; a++) {
      for (int seg = 0; seg < rows; seg++) {
        const int cell = rb_model_cell(ga, h, a, seg);
        double *amt = ga->item_amt + rb_model_amt_index(ga, cell);
        cell_items(amt, m, ga, arm, h, a, ga->seg_start[seg], &ga->inc_tax[a],
                   v);
        cell_cost(ga->cost + rb_model_cost_index(cell), m, ga, amt);
      }
    }
  }
  compile_oneoffs(ga, sc, arm, v);
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    ga->hb_share[p] = rules->bs_payer[p];
  }
}

/* ---- transitions -------------------------------------------------------- */

static void compile_transitions(const rb_model *m, rb_garm *ga,
                                const rb_arm_spec *spec, const double *v) {
  int rows = ga->nseg;
  /* A group whose flats come from pools has no offers of its own. */
  double offer = spec->flats.pools != 0 ? 0.0 : v[spec->flats.offers_per_month];
  const int own = m->sc->groups[ga->group].exit_own_home_share;
  ga->exit_own = own >= 0 ? v[own] : 0.0;
  ga->persons = (double)(m->sc->groups[ga->group].adults +
                         m->sc->groups[ga->group].children);
  for (int h = 0; h < RB_LIVE; h++) {
    for (int seg = 0; seg < rows; seg++) {
      const int mm = ga->seg_start[seg];
      double *thr = ga->thr + rb_model_thr_index(ga, h, seg);
      double acc = 0.0;
      for (int k = 0; k < RB_T_COUNT; k++) {
        const rb_sched *s = &spec->transitions.out[h][k];
        acc += s->n > 0 ? rb_sched_at(s, v, mm) : 0.0;
        thr[k] = acc;
      }
      if (h == RB_H_PLACED) {
        acc += offer;
      }
      thr[RB_T_COUNT] = acc;
    }
  }
  /* Activity: none → education, none → employed; education → employed,
   * education → none; employed → none (in this order on one uniform). */
  static const int to[RB_A_COUNT][2] = {{RB_A_EDUCATION, RB_A_EMPLOYED},
                                        {RB_A_EMPLOYED, RB_A_NONE},
                                        {RB_A_NONE, RB_A_NONE}};
  for (int hs = 0; hs < 2; hs++) {
    const int *r = spec->transitions.activity[hs];
    double x[5];
    for (int i = 0; i < 5; i++) {
      x[i] = v[r[i]];
    }
    ga->athr[hs][RB_A_NONE][0] = x[0];
    ga->athr[hs][RB_A_NONE][1] = x[0] + x[1];
    ga->athr[hs][RB_A_EDUCATION][0] = x[2];
    ga->athr[hs][RB_A_EDUCATION][1] = x[2] + x[3];
    ga->athr[hs][RB_A_EMPLOYED][0] = x[4];
    ga->athr[hs][RB_A_EMPLOYED][1] = x[4];
  }
  memcpy(ga->ato, to, sizeof to);
}

/* The arm's scheme: who it offers a subsidised flat to, its periods and
 * end, the flats it can use and who pays.  After the incomes. */
static void compile_scheme(rb_garm *ga, const rb_scenario *sc, int gi, int arm,
                           const double *v) {
  const rb_scheme *s = &sc->schemes[sc->arms[arm].scheme];
  const rb_subsidy_cfg *su = &sc->subsidy;
  ga->offers = s->subsidy && rb_arm_for_group(sc, arm, gi) &&
               (s->citizen_groups & (1u << sc->groups[gi].citizen_group));
  ga->period = s->own_terms ? s->period_months : su->period_months;
  ga->ext_months = s->own_terms ? s->extension_months : su->extension_months;
  ga->max_ext = s->own_terms ? s->max_extensions : su->max_extensions;
  ga->forced_end = s->own_terms && s->end == RB_END_FORCED_MOVE;
  /* Issue 14: the takeover on a new job or education, the scheme's own
   * terms or the subsidy block's. */
  const rb_path_cfg *pc = s->own_terms ? &s->path : &su->path;
  ga->takeover_on_act = pc->takeover_on_activity;
  ga->su_share = pc->takeover_su_share >= 0 ? v[pc->takeover_su_share] : -1.0;
  ga->per_citizen = pc->period_per_citizen;
  ga->search_months = pc->search_months;
  ga->p_search =
      pc->p_rehoused_per_month >= 0 ? v[pc->p_rehoused_per_month] : 0.0;
  ga->p_term = pc->p_terminated >= 0 ? v[pc->p_terminated] : 0.0;
  ga->term_homeless = pc->terminated_homeless_share >= 0
                          ? v[pc->terminated_homeless_share]
                          : 0.0;
  ga->almene_share = s->almene_share >= 0 ? v[s->almene_share] : 1.0;
  ga->sub_state = s->state_share;
}

/* Which activities can take a flat with the subsidy (after the incomes). */
static void compile_offers(rb_garm *ga) {
  for (int a = 0; a < RB_A_COUNT; a++) {
    ga->offers_act[a] = ga->offers && !(ga->terms.offset_in_benefit &&
                                        ga->inc[a].kind == RB_INCOME_BENEFIT);
  }
}

/* Group @p gi's tables in @p arm, from the arm's values @p va. */
static void compile_garm(rb_model *m, int gi, int arm, const double *va) {
  const rb_scenario *sc = m->sc;
  const rb_group *g = &sc->groups[gi];
  rb_garm *ga = &m->ga[rb_model_garm_index(m, gi, arm)];
  const rb_arm_spec *spec = rb_arm_spec_of(sc, gi, arm);
  ga->group = gi;
  rb_group_terms(&ga->terms, &ga->flat, &ga->p_rehoused, sc, gi, arm, va);
  compile_scheme(ga, sc, gi, arm, va);
  ga->udl_kept = rb_udligning_kept(sc, gi, va);
  /* A group's own periods (issue 15) are the subsidy block's: they
   * apply to the schemes that take their terms from it (experiment). */
  if (!sc->schemes[sc->arms[arm].scheme].own_terms) {
    ga->period = g->period_months >= 0 ? g->period_months : ga->period;
    ga->ext_months =
        g->extension_months >= 0 ? g->extension_months : ga->ext_months;
    ga->max_ext = g->max_extensions >= 0 ? g->max_extensions : ga->max_ext;
  }
  for (int a = 0; a <= RB_A_COUNT; a++) {
    const rb_income *inc = &sc->incomes[g->income[a]];
    ga->inc[a].gross = va[inc->gross];
    ga->inc[a].kind = inc->kind;
    if (a < RB_A_COUNT) {
      ga->inc_payer[a] = &inc->payer;
      ga->prod_factor[a] =
          inc->production_factor >= 0 ? va[inc->production_factor] : 1.0;
    }
  }
  for (int a = 0; a <= RB_A_COUNT; a++) {
    rb_tax_compute(&ga->inc_tax[a], &sc->rules, &ga->inc[a],
                   ga->terms.kommuneskat);
  }
  compile_offers(ga);
  ga->init_h = spec->initial.housing;
  ga->init_m = spec->initial.months_in_state;
  double acc = 0.0;
  for (int a = 0; a < RB_A_COUNT; a++) {
    acc += spec->initial.activity[a];
    ga->init_act[a] = acc;
  }
  ga->init_act[RB_A_COUNT - 1] = 1.0;
  /* A garm that never holds a subsidised flat (no offers, none to
   * start in, not the arm a re-forecast starts in, boligsikring on the
   * whole rent) never reads the subsidy's cap: its tables are compiled
   * without it, so that they do not change with a value they do not
   * use (rb_model_arm_same, decide/sweep.c).  An arm that stands for arm
   * 0 (rb_arm_def.as_first) is compiled as arm 0 is. */
  const bool first = arm == RB_ARM_INTERVENTION || sc->arms[arm].as_first;
  if (!ga->offers && ga->init_h != RB_H_SUBSIDISED && !first &&
      !ga->terms.bs_on_net_rent) {
    ga->terms.cap = 0.0;
  }
  compile_transitions(m, ga, spec, va);
  compile_rents(m, ga, &spec->flats.rent, va);
  compile_money(m, ga, arm, va);
  rb_netclock_compile(ga, sc, va);
}

/* The values each arm is compiled with into @p arm_v: the model's @p v,
 * or for an arm with rb_arm_def.set a copy with its parameter changed. */
static void arm_values(rb_model *m, const double *v,
                       const double *arm_v[RB_MAX_ARMS]) {
  const rb_scenario *sc = m->sc;
  for (int arm = 0; arm < sc->n_arms; arm++) {
    arm_v[arm] = v;
    const rb_arm_def *ad = &sc->arms[arm];
    if (ad->set && m->v_arm != NULL) {
      double *va = m->v_arm + (size_t)arm * (size_t)sc->n_params;
      memcpy(va, v, (size_t)sc->n_params * sizeof *va);
      va[ad->set_param] = ad->set_value;
      arm_v[arm] = va;
    }
  }
}

rb_status rb_model_compile(rb_model *m, const double *v) {
  const rb_scenario *sc = m->sc;
  m->v = v;
  double r = v[sc->info.discount_rate];
  for (int t = 0; t < m->horizon; t++) {
    m->df[t] = pow(1.0 + r, -(double)t / 12.0);
  }
  m->mcpf = v[sc->info.mcpf];
  m->terms.cap = v[sc->subsidy.cap];
  m->terms.own_method = sc->subsidy.own_method;
  m->terms.own_param = v[sc->subsidy.own_param];
  m->terms.kommuneskat = v[sc->info.kommuneskat];
  m->terms.require_realistic_takeover = sc->subsidy.require_realistic_takeover;
  m->period = sc->subsidy.period_months;
  m->ext_months = sc->subsidy.extension_months;
  m->max_ext = sc->subsidy.max_extensions;
  m->at_move_in = sc->subsidy.recompute == RB_RECOMPUTE_AT_MOVE_IN;
  m->p_rehoused = v[sc->subsidy.p_rehoused_at_end];
  m->relocation = v[sc->subsidy.relocation_cost];
  /* Boligsikring's minimum payout applies at the first calculation only
   * (issue 12): a granted flat is recomputed with it waived. */
  m->rules_g = sc->rules;
  m->rules_g.bs_min_payout = 0.0;
  const double *arm_v[RB_MAX_ARMS];
  arm_values(m, v, arm_v);
  for (int gi = 0; gi < sc->n_groups; gi++) {
    for (int arm = 0; arm < sc->n_arms; arm++) {
      compile_garm(m, gi, arm, arm_v[arm]);
    }
  }
  rb_model_pools_compile(m, v);
  return rb_model_check(m, NULL);
}

/* ---- psa draws ------------------------------------------------------------
 */

static double draw_one(const rb_param *p, gsl_rng *r) {
  double lo = p->has_range ? p->low : p->min;
  double hi = p->has_range ? p->high : p->max;
  for (int tries = 0; tries < 10000; tries++) {
    double x;
    switch (p->dist) {
    case RB_DIST_PERT: {
      if (p->high <= p->low) {
        return p->value;
      }
      double w = p->high - p->low;
      double al = 1.0 + 4.0 * (p->value - p->low) / w;
      double be = 1.0 + 4.0 * (p->high - p->value) / w;
      return p->low + w * gsl_ran_beta(r, al, be);
    }
    case RB_DIST_TRIANGULAR: {
      if (p->high <= p->low) {
        return p->value;
      }
      double u = gsl_rng_uniform(r);
      double w = p->high - p->low;
      double c = (p->value - p->low) / w;
      if (u < c) {
        return p->low + sqrt(u * w * (p->value - p->low));
      }
      return p->high - sqrt((1.0 - u) * w * (p->high - p->value));
    }
    case RB_DIST_UNIFORM:
      return gsl_ran_flat(r, p->low, p->high);
    case RB_DIST_BETA:
      x = gsl_ran_beta(r, p->p1, p->p2);
      break;
    case RB_DIST_GAMMA:
      x = gsl_ran_gamma(r, p->p1, p->p2);
      break;
    case RB_DIST_LOGNORMAL:
      x = gsl_ran_lognormal(r, p->p1, p->p2);
      break;
    case RB_DIST_NORMAL:
      x = p->value + gsl_ran_gaussian(r, p->p1);
      break;
    case RB_DIST_PLAIN:
    case RB_DIST_FIXED:
    case RB_DIST_COUNT:
    default:
      return p->value;
    }
    if (x >= lo && x <= hi) {
      return x;
    }
  }
  /* Practically unreachable with validated parameters: keep the value. */
  return p->value;
}

void rb_params_draw(double *v, const rb_scenario *sc, gsl_rng *r) {
  for (int i = 0; i < sc->n_params; i++) {
    const rb_param *p = &sc->params[i];
    v[i] = (p->dist == RB_DIST_PLAIN || p->dist == RB_DIST_FIXED)
               ? p->value
               : draw_one(p, r);
  }
}
