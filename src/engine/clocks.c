/* The law's clocks of one citizen in one arm (engine/clocks.h). */
#include "engine/clocks.h"

/* Weeks in a month: the model's months are 52/12 weeks of receipt. */
#define WEEKS_PER_MONTH (52.0 / 12.0)
/* The rolling year of the § 110 refund, in months. */
#define YEAR_MONTHS 12

void rb_clk_enter(rb_clk *k, const rb_group *g, int h, int m, int entry) {
  k->recv_weeks = (double)g->benefit_weeks_before;
  k->self_mask = 0;
  k->self_months = 0;
  k->win_start = -1;
  k->win_used = 0;
  k->out_known = false;
  k->first_out = 0;
  for (int j = 0; j < RB_CLK_MEMO; j++) {
    k->memo[j].cell = -1;
  }
  k->memo_inc.cell = -1;
  if (h == RB_H_PLACED) {
    /* In the shelter for m months already: a continuous stay began a new
     * rolling year at each anniversary of the admission. */
    k->win_start = entry - m % YEAR_MONTHS;
    k->win_used = m % YEAR_MONTHS;
  } else if (h == RB_H_SUBSIDISED || h == RB_H_ORDINARY) {
    k->first_out = entry - m;
    k->out_known = true;
  }
}

double rb_clk_trappe_stat(const rb_rules *r, double w) {
  const double end[4] = {r->ref_weeks[0], r->ref_weeks[1], r->ref_weeks[2],
                         1e300};
  const double a = w, b = w + WEEKS_PER_MONTH;
  if (a >= end[2]) {
    /* On the last step: the loop below adds this one term to 0. */
    return (b - a) * r->ref_stat[3] / WEEKS_PER_MONTH;
  }
  double lo = 0.0, sum = 0.0;
  for (int s = 0; s < 4; s++) {
    double x0 = a > lo ? a : lo;
    double x1 = b < end[s] ? b : end[s];
    if (x1 > x0) {
      sum += (x1 - x0) * r->ref_stat[s];
    }
    lo = end[s];
  }
  return sum / WEEKS_PER_MONTH;
}

double rb_clk_cell_total(const rb_garm *ga, int k, int cell) {
  const double *x =
      ga->item_amt + rb_model_amt_index(ga, cell) + (size_t)k * RB_PAYER_SLOTS;
  double total = 0.0;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    total += x[p];
  }
  return total;
}

/* The correction that books @p total of item @p k of cell @p cell on the
 * payer shares @p sh instead of the table's; false when it is nothing. */
static bool fix_to(rb_clk_fix *f, const rb_garm *ga, int k, int cell,
                   const double *sh) {
  const double *x =
      ga->item_amt + rb_model_amt_index(ga, cell) + (size_t)k * RB_PAYER_SLOTS;
  const double total = rb_clk_cell_total(ga, k, cell);
  bool any = false;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    f->d[p] = total * sh[p] - x[p];
    any = any || f->d[p] != 0.0;
  }
  f->item = ga->used[k];
  f->kind = ga->used_kind[k];
  return any;
}

/* Is item k booked in cell @p cell (a non-zero amount)? */
static bool booked(const rb_garm *ga, int k, int cell) {
  const double *x =
      ga->item_amt + rb_model_amt_index(ga, cell) + (size_t)k * RB_PAYER_SLOTS;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    if (x[p] != 0.0) {
      return true;
    }
  }
  return false;
}

/* The correction of item @p k of cell @p cell on the payer shares @p sh,
 * from memo @p mo when it was made for the same cell and key (@p key_sh:
 * a clocked item's row of shares; @p s: the income's state share), else
 * made and kept there; false when it is nothing. */
static bool fix_memo(rb_clk_fix *f, rb_clk_memo *mo, const rb_garm *ga, int k,
                     int cell, const double *sh, const double *key_sh,
                     double s) {
  if (mo == NULL || mo->cell != cell || mo->sh != key_sh || mo->s != s) {
    const bool any = fix_to(f, ga, k, cell, sh);
    if (mo != NULL) {
      mo->cell = cell;
      mo->booked = true;
      mo->sh = key_sh;
      mo->s = s;
      mo->any = any;
      for (int p = 0; p < RB_PAYER_COUNT; p++) {
        mo->d[p] = f->d[p];
      }
    }
    return any;
  }
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    f->d[p] = mo->d[p];
  }
  f->item = ga->used[k];
  f->kind = ga->used_kind[k];
  return mo->any;
}

/* Is item @p k booked in cell @p cell, from memo @p mo when it knows? */
static bool booked_memo(rb_clk_memo *mo, const rb_garm *ga, int k, int cell) {
  if (mo == NULL) {
    return booked(ga, k, cell);
  }
  if (mo->cell != cell) {
    mo->cell = cell;
    mo->booked = booked(ga, k, cell);
    mo->sh = NULL; /* no correction made yet for this cell */
  }
  return mo->booked;
}

bool rb_clk_item(rb_clk_fix *f, rb_clk *k, const rb_scenario *sc,
                 const rb_garm *ga, int j, int h, int cell, int t) {
  (void)h;
  const int kk = ga->clk_k[j];
  rb_clk_memo *mo = j < RB_CLK_MEMO ? &k->memo[j] : NULL;
  if (!booked_memo(mo, ga, kk, cell)) {
    return false;
  }
  const rb_cost *c = &sc->costs[ga->used[kk]];
  int mm;
  if (c->clock == RB_CLOCK_ROLLING_YEAR) {
    /* SEL § 110 refund days per rolling year from the first admission: a
     * new year starts at the first month booked after the last one ends. */
    if (k->win_start < 0 || t - k->win_start >= YEAR_MONTHS) {
      k->win_start = t;
      k->win_used = 0;
    }
    mm = k->win_used++;
  } else {
    /* SEL § 176 a: months from the first discharge (the first move-in),
     * not restarted by a readmission. */
    mm = k->out_known ? t - k->first_out : ga->seg_start[cell % ga->nseg];
  }
  const rb_payer_sched *ps = &c->payer;
  const double *sh = ps->shares[rb_sched_index(ps->breaks, ps->n, mm)];
  return fix_memo(f, mo, ga, kk, cell, sh, sh, 0.0);
}

bool rb_clk_income(rb_clk_fix *f, rb_clk *k, const rb_scenario *sc,
                   const rb_garm *ga, int a, int cell) {
  /* The memo's key: the cell and the state's share (sh unused). */
  static const double income_key = 0.0;
  if (!ga->trappe[a] || !booked_memo(&k->memo_inc, ga, ga->inc_k, cell)) {
    return false;
  }
  const double s = rb_clk_trappe_stat(&sc->rules, k->recv_weeks);
  double sh[RB_PAYER_COUNT] = {0};
  sh[RB_PAYER_KOMMUNE] = 1.0 - s;
  sh[RB_PAYER_STAT] = s;
  return fix_memo(f, &k->memo_inc, ga, ga->inc_k, cell, sh, &income_key, s);
}

void rb_clk_advance(rb_clk *k, const rb_scenario *sc, const rb_garm *ga,
                    int a) {
  if (!ga->any_trappe) {
    return;
  }
  (void)sc;
  const rb_income_kind kind = ga->inc[a].kind;
  /* Self-support: a wage or SU (ASSUMPTION: SU is not offentlig
   * forsørgelse in the sense of finansieringsloven § 6, stk. 2). */
  const bool self = kind == RB_INCOME_WAGE || kind == RB_INCOME_SU;
  const int window = ga->trappe_window; /* months (rb_netclock_compile) */
  const uint64_t keep = window == 64 ? ~0ull : (1ull << window) - 1;
  /* The month leaving the window, and the one entering it. */
  k->self_months += (self ? 1 : 0) - (int)((k->self_mask >> (window - 1)) & 1u);
  k->self_mask = ((k->self_mask << 1) | (self ? 1u : 0u)) & keep;
  if (ga->trappe[a]) {
    k->recv_weeks += WEEKS_PER_MONTH;
  }
  /* § 6: the count starts again after 52 weeks of self-support within the
   * last 3 years. */
  if (k->recv_weeks > 0.0 && k->self_months >= ga->trappe_need) {
    k->recv_weeks = 0.0;
    k->self_mask = 0;
    k->self_months = 0;
  }
}

void rb_clk_moved_in(rb_clk *k, int t) {
  if (!k->out_known) {
    k->first_out = t;
    k->out_known = true;
  }
}
