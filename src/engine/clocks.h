/* The law's clocks of one citizen in one arm (issue 12, docs/model.md,
 * "The law's clocks"): the refusionstrappe's weeks of receipt with its
 * reset (finansieringsloven §§ 5-6), the § 110 refund's rolling year from
 * the first admission and the § 176 a months from the first move-in.  The
 * compiled tables book every item on the months_in_state schedule; these
 * give the corrections per payer that make the payers follow the law's
 * clocks (a transfer between payers: the public total is unchanged). */
#ifndef RENTBRIDGE_ENGINE_CLOCKS_H
#define RENTBRIDGE_ENGINE_CLOCKS_H

#include "model/model.h"
#include "model/netclock.h"

#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>

/** The clocked items whose last correction a citizen's clocks keep. */
#define RB_CLK_MEMO 4

/** The last correction of one clocked item (or of the income), kept
 * because it is the same month after month: it depends only on the table
 * cell and on the payer shares the clock selects, which change at the
 * schedule's breaks and the staircase's steps. */
typedef struct rb_clk_memo {
  int cell;         /**< the cell it is for, −1: none yet */
  bool booked;      /**< the item has an amount in that cell */
  bool made;        /**< a correction for that cell is kept below */
  const double *sh; /**< the payer shares it was made with (items; NULL
                         for the income) */
  double s;         /**< the state's share it was made with (income; 0 for
                         the items) */
  bool any;         /**< some payer's correction is not 0 */
  double d[RB_PAYER_COUNT];
} rb_clk_memo;

/** One citizen's clocks in one arm. */
typedef struct rb_clk {
  double recv_weeks;  /**< weeks on the staircase before this month */
  uint64_t self_mask; /**< bit k: self-supporting k + 1 months ago (36) */
  int self_months;    /**< bits set in self_mask */
  int win_start;      /**< month the current rolling year began, or −1 */
  int win_used;       /**< months booked in it so far */
  int first_out;      /**< the month counted as the first move-in, or a
                         large negative number before it */
  bool out_known;     /**< first_out is set */
  rb_clk_memo memo[RB_CLK_MEMO]; /**< clocked items 0 … RB_CLK_MEMO − 1 */
  rb_clk_memo memo_inc;          /**< the income's */
  /** A quiet run (rb_clk_quiet_until): through month q_until, a month in
   * cell q_cell books no correction and moves no clock but the rolling
   * year's count (by q_roll a month) and the staircase's. */
  int q_cell;
  int q_until;
  int q_roll;
} rb_clk;

/** A correction of one item in one month: add @c d[p] to payer p. */
typedef struct rb_clk_fix {
  int item;
  rb_kind kind;
  double d[RB_PAYER_COUNT];
} rb_clk_fix;

/** The clocks at entry in month @p entry of a citizen of group @p g who
 * starts in state @p h with @p m months in it. */
void rb_clk_enter(rb_clk *k, const rb_group *g, int h, int m, int entry);

/** The state's share, under rules @p r, of a month of receipt that starts
 * after @p w weeks of receipt: the steps' shares averaged over the month's
 * 52/12 weeks. */
static inline double rb_clk_trappe_stat(const rb_rules *r, double w);

/** rb_clk_trappe_stat() over every step (the month may span two); a month
 * on one step gets that step's share exactly, so on the last step the same
 * number as the shortcut. */
double rb_clk_trappe_steps(const rb_rules *r, double w);

/** The correction of clocked item j (ga->clk[j]) in month @p t, booked
 * in table cell @p cell; advances that item's clock.  @return false when
 * there is nothing to correct. */
static inline bool rb_clk_item(rb_clk_fix *f, rb_clk *k, const rb_garm *ga,
                               int j, int cell, int t);

/** The refusionstrappe's correction of the income item in cell @p cell on
 * activity @p a (kept in the clocks' memo); @return false when there is
 * nothing to correct. */
static inline bool rb_clk_income(rb_clk_fix *f, rb_clk *k,
                                 const rb_scenario *sc, const rb_garm *ga,
                                 int a, int cell);

/** Move the staircase's clock on by a month on activity @p a (receipt,
 * self-support or neither), with the reset of finansieringsloven § 6. */
static inline void rb_clk_advance(rb_clk *k, const rb_garm *ga, int a);

/** The amount of item @p k (an index in ga->used) in table cell @p cell,
 * over every payer. */
static inline double rb_clk_cell_total(const rb_garm *ga, int k, int cell);

/** Note a move into a flat in month @p t (the § 176 a clock's start). */
void rb_clk_moved_in(rb_clk *k, int t);

/** After month @p t's corrections and rb_clk_advance() in cell @p cell on
 * activity @p a: the last month through which a month in the same cell
 * books no correction (each memo keeps nothing, with the payer shares its
 * clock will select) and moves no clock but the staircase's and the
 * rolling year's count, by *roll (0 or 1) a month; @p t when there is
 * none.  The month of a quiet run only does that (cohort.c). */
static inline int rb_clk_quiet_until(const rb_clk *k, const rb_scenario *sc,
                                     const rb_garm *ga, int a, int cell, int t,
                                     int *roll);

/* ---- the monthly step's clocks, inlined into it ------------------------ */
/* The monthly step (cohort.c) calls these in every clocked citizen-month;
 * defined here so that the compiler folds them into the step. */

/* The rolling year of the § 110 refund, in months. */
#define RB_CLK_YEAR_MONTHS 12

static inline double rb_clk_trappe_stat(const rb_rules *r, double w) {
  if (w >= r->ref_weeks[2]) {
    /* On the last step, as most months of receipt are: its share exactly
     * (rb_clk_trappe_steps' number), so that the correction of a benefit
     * whose payer is that step's (the library's kommune 0.8 / stat 0.2) is
     * exactly nothing and books nothing. */
    return r->ref_stat[3];
  }
  return rb_clk_trappe_steps(r, w);
}

static inline double rb_clk_cell_total(const rb_garm *ga, int k, int cell) {
  const double *x =
      ga->item_amt + rb_model_amt_index(ga, cell) + (size_t)k * RB_PAYER_SLOTS;
  double total = 0.0;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    total += x[p];
  }
  return total;
}

/** A correction's part below this share of the item's amount is the
 * rounding of the table's own split (the amount times its payers' shares,
 * summed back), not a change of payer: it books nothing.  A real change of
 * payer moves at least a step of a schedule's shares (0.1 of the amount
 * and more in the library), nine orders of magnitude above it. */
#define RB_CLK_ROUNDING 1e-9

/* The correction that books @p total of item @p k of cell @p cell on the
 * payer shares @p sh instead of the table's; false when it is nothing. */
static inline bool rb_clk_fix_to(rb_clk_fix *f, const rb_garm *ga, int k,
                                 int cell, const double *sh) {
  const double *x =
      ga->item_amt + rb_model_amt_index(ga, cell) + (size_t)k * RB_PAYER_SLOTS;
  const double total = rb_clk_cell_total(ga, k, cell);
  const double tiny = RB_CLK_ROUNDING * fabs(total);
  bool any = false;
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    const double d = total * sh[p] - x[p];
    f->d[p] = fabs(d) <= tiny ? 0.0 : d;
    any = any || f->d[p] != 0.0;
  }
  f->item = ga->used[k];
  f->kind = ga->used_kind[k];
  return any;
}

/* Is item k booked in cell @p cell (a non-zero amount)? */
static inline bool rb_clk_booked(const rb_garm *ga, int k, int cell) {
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
 * from memo @p mo (rb_clk_booked_memo has set it to the cell) when it was
 * made with the same key (@p key_sh: a clocked item's row of shares, NULL
 * for the income; @p s: the income's state share, 0 for an item), else
 * made and kept there; false when it is nothing. */
static inline bool rb_clk_fix_memo(rb_clk_fix *f, rb_clk_memo *mo,
                                   const rb_garm *ga, int k, int cell,
                                   const double *sh, const double *key_sh,
                                   double s) {
  if (mo == NULL || !mo->made || mo->sh != key_sh || mo->s != s) {
    const bool any = rb_clk_fix_to(f, ga, k, cell, sh);
    if (mo != NULL) {
      mo->made = true;
      mo->sh = key_sh;
      mo->s = s;
      mo->any = any;
      for (int p = 0; p < RB_PAYER_COUNT; p++) {
        mo->d[p] = f->d[p];
      }
    }
    return any;
  }
  if (!mo->any) {
    return false; /* as most months: the kept correction is nothing */
  }
  for (int p = 0; p < RB_PAYER_COUNT; p++) {
    f->d[p] = mo->d[p];
  }
  f->item = ga->used[k];
  f->kind = ga->used_kind[k];
  return mo->any;
}

/* Is item @p k booked in cell @p cell, from memo @p mo when it knows? */
static inline bool rb_clk_booked_memo(rb_clk_memo *mo, const rb_garm *ga, int k,
                                      int cell) {
  if (mo == NULL) {
    return rb_clk_booked(ga, k, cell);
  }
  if (mo->cell != cell) {
    mo->cell = cell;
    mo->booked = rb_clk_booked(ga, k, cell);
    mo->made = false; /* no correction made yet for this cell */
  }
  return mo->booked;
}

static inline bool rb_clk_item(rb_clk_fix *f, rb_clk *k, const rb_garm *ga,
                               int j, int cell, int t) {
  const int kk = ga->clk[j].k;
  rb_clk_memo *mo = j < RB_CLK_MEMO ? &k->memo[j] : NULL;
  if (!rb_clk_booked_memo(mo, ga, kk, cell)) {
    return false;
  }
  const rb_clk_spec *c = &ga->clk[j];
  int mm;
  if (c->rolling) {
    /* SEL § 110 refund days per rolling year from the first admission: a
     * new year starts at the first month booked after the last one ends. */
    if (k->win_start < 0 || t - k->win_start >= RB_CLK_YEAR_MONTHS) {
      k->win_start = t;
      k->win_used = 0;
    }
    mm = k->win_used++;
  } else {
    /* SEL § 176 a: months from the first discharge (the first move-in),
     * not restarted by a readmission. */
    mm = k->out_known ? t - k->first_out : ga->seg_start[cell % ga->nseg];
  }
  const rb_payer_sched *ps = c->payer;
  const double *sh = ps->shares[rb_sched_index(ps->breaks, ps->n, mm)];
  return rb_clk_fix_memo(f, mo, ga, kk, cell, sh, sh, 0.0);
}

static inline bool rb_clk_income(rb_clk_fix *f, rb_clk *k,
                                 const rb_scenario *sc, const rb_garm *ga,
                                 int a, int cell) {
  if (!ga->trappe[a] ||
      !rb_clk_booked_memo(&k->memo_inc, ga, ga->inc_k, cell)) {
    return false;
  }
  const double s = rb_clk_trappe_stat(&sc->rules, k->recv_weeks);
  double sh[RB_PAYER_COUNT] = {0};
  sh[RB_PAYER_KOMMUNE] = 1.0 - s;
  sh[RB_PAYER_STAT] = s;
  return rb_clk_fix_memo(f, &k->memo_inc, ga, ga->inc_k, cell, sh, NULL, s);
}

/* The last month from @p t on whose months since @p mm0 months at @p t
 * keep schedule @p ps's entry: t plus the months to its next break, less
 * one; INT_MAX after the last break. */
static inline int rb_clk_same_entry(const rb_payer_sched *ps, int mm0, int t) {
  const int i = rb_sched_index(ps->breaks, ps->n, mm0);
  return i < ps->n - 1 ? t + (ps->breaks[i] - mm0) - 1 : INT_MAX;
}

static inline int rb_clk_quiet_until(const rb_clk *k, const rb_scenario *sc,
                                     const rb_garm *ga, int a, int cell, int t,
                                     int *roll) {
  int until = INT_MAX, n_roll = 0;
  if (ga->n_clk > RB_CLK_MEMO) {
    return t; /* an item without a memo to go by */
  }
  for (int j = 0; j < ga->n_clk; j++) {
    const rb_clk_memo *mo = &k->memo[j];
    if (mo->cell != cell) {
      return t;
    }
    if (!mo->booked) {
      continue; /* nothing booked, no clock moved */
    }
    if (!mo->made || mo->any) {
      return t;
    }
    const rb_clk_spec *c = &ga->clk[j];
    int u = INT_MAX;
    if (c->rolling) {
      /* One count a month, within the rolling year that began at
       * win_start (the month used win_used − 1). */
      if (++n_roll > 1) {
        return t;
      }
      u = rb_clk_same_entry(c->payer, k->win_used - 1, t);
      const int end = k->win_start + RB_CLK_YEAR_MONTHS - 1;
      u = end < u ? end : u;
    } else if (k->out_known) {
      u = rb_clk_same_entry(c->payer, t - k->first_out, t);
    }
    until = u < until ? u : until;
  }
  const rb_clk_memo *mi = &k->memo_inc;
  if (ga->trappe[a] &&
      (mi->cell != cell ||
       /* Booked: on the last step from next month on (the weeks only grow
        * on a benefit, which is not self-support: no reset), with the
        * last step's share kept and nothing to correct. */
       (mi->booked && (!mi->made || mi->any || mi->s != sc->rules.ref_stat[3] ||
                       k->recv_weeks < sc->rules.ref_weeks[2])))) {
    return t;
  }
  *roll = n_roll;
  return until;
}

static inline void rb_clk_advance(rb_clk *k, const rb_garm *ga, int a) {
  if (!ga->any_trappe) {
    return;
  }
  const rb_income_kind kind = ga->inc[a].kind;
  /* Self-support: a wage or SU (ASSUMPTION: SU is not offentlig
   * forsørgelse in the sense of finansieringsloven § 6, stk. 2). */
  const bool self = kind == RB_INCOME_WAGE || kind == RB_INCOME_SU;
  if (!self && k->self_mask == 0 && ga->trappe_need > 0) {
    /* No self-support in the window (so self_months is 0) and none this
     * month: the window stays empty and nothing resets; only the weeks of
     * receipt move on. */
    if (ga->trappe[a]) {
      k->recv_weeks += RB_WEEKS_PER_MONTH;
    }
    return;
  }
  const int window = ga->trappe_window; /* months (rb_netclock_compile) */
  const uint64_t keep = ga->trappe_keep;
  /* The month leaving the window, and the one entering it. */
  k->self_months += (self ? 1 : 0) - (int)((k->self_mask >> (window - 1)) & 1u);
  k->self_mask = ((k->self_mask << 1) | (self ? 1u : 0u)) & keep;
  if (ga->trappe[a]) {
    k->recv_weeks += RB_WEEKS_PER_MONTH;
  }
  /* § 6: the count starts again after 52 weeks of self-support within the
   * last 3 years. */
  if (k->recv_weeks > 0.0 && k->self_months >= ga->trappe_need) {
    k->recv_weeks = 0.0;
    k->self_mask = 0;
    k->self_months = 0;
  }
}

#endif
