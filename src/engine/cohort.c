/* The cohort step: one citizen's months in every arm (model.md).  The
 * same four uniforms drive a month in every arm (common random numbers);
 * each month books the citizen's net cost, then draws the housing event
 * (with a flat offer while placed), the subsidy's end and the activity
 * event, and moves the clock. */
#include "engine/clocks.h"
#include "engine/engine_internal.h"
#include "rng/rng.h"

#include <math.h>

/* A citizen's state in one arm. */
typedef struct cstate {
  int h, a, m;
  int seg; /* the segment of m (rb_garm.seg_start) */
  /* Where this arm books, found once per citizen: its garm's tables, its
   * counters, its block of the exposure and its rows [t] of the gone
   * counts and of the replication's buffer (as reduce.c reads them). */
  const rb_garm *ga;
  double *cnt;             /* [C_COUNT] */
  double *E;               /* [rb_eng_e_cell_index(cell, t)] */
  int erow;                /* E's row of cell 0 (rb_eng_ws.seen) */
  double *ED[RB_ENG_GONE]; /* [t] */
  double *mg[RB_P_COUNT];  /* [t] */
  double *it;              /* the arm's items [item][slot][disc] */
  double *yr;              /* the arm's yearly [year][payer][kind] */
  double *ky;              /* the kommune's budget years of the arm, or NULL */
  double *hbm, *subm;      /* [t] */
  int first_in;            /* first month housed, −1 before */
  int waited;              /* months placed before the first move-in */
  int used;   /* months subsidised so far, in every flat (period_per_citizen) */
  int search; /* months of the rehousing search left, 0: not searching */
  bool own_home; /* exited to an own permanent home (exit_own_home_share) */
  int spell; /* first month of the current job/education spell, −1: none */
  const double *tab; /* [RB_A_COUNT][RB_RT_N] for the current flat */
  double own[RB_A_COUNT * RB_RT_N];
  double own_g[RB_A_COUNT * RB_RT_N]; /* own with the minimum payout waived */
  double sfix;                        /* subsidy fixed at move-in */
  double rent; /* the current flat's rent (rb_engine_trace) */
  int tenants; /* the current flat's tenants (rb_flat_case.tenants) */
  rb_clk clk;  /* the law's clocks (engine/clocks.h) */
  int cell;    /* the table cell booked this month, −1: none */
  /* The realisable share's last correction (book_realisable_arm), for
   * this arm's cell rl_ci against the reference's rl_cb (−2: none yet):
   * it depends on the two cells only. */
  int rl_ci, rl_cb;
  double rl_kom, rl_soc; /* the kommune's (and the public's), society's */
  double *kcit; /* [year] citizens with a subsidy, or NULL (no views) */
  int sub_year; /* the last year kcit counted the citizen in, −1: none */
  /* The planner's limit (replication.c): [t] the kommune's subsidised in
   * this arm, new ones included (its first pass), or NULL; its subsidised
   * now and [t][2] its months bound and offers refused (the pass that
   * applies it), or NULL. */
  double *lim;
  int *lim_now;
  double *lref;   /* [t][2] */
  double *lbound; /* [t] bound in this replication */
  int limit;
} cstate;

static inline int spell_of(int h) {
  return h == RB_H_ORDINARY ? RB_H_SUBSIDISED : h;
}

static inline bool is_housed(int h) {
  return h == RB_H_SUBSIDISED || h == RB_H_ORDINARY;
}

/* Gap, housing benefit or subsidy (RB_RT_*) of the current flat on
 * activity @p a. */
static inline double tab_of(const cstate *s, int a, int k) {
  return s->tab[a * RB_RT_N + k];
}

/* ---- the citizen's flat ---------------------------------------------------
 */

/* Activity @p a's entries of one rent's row [RB_A_COUNT][RB_RT_N] under
 * rules @p rules into @p row, in a flat of @p tenants
 * (rb_flat_case.tenants). */
static void own_cell(double *row, const rb_rules *rules, const rb_garm *ga,
                     double rent, int tenants, int a) {
  rb_flat_case f = ga->flat;
  f.rent = rent;
  rb_flat_share(&f, tenants);
  rb_subsidy_result r;
  rb_subsidy_compute(&r, rules, &ga->terms, &f, &ga->inc[a], NULL);
  row[a * RB_RT_N + RB_RT_GAP] = r.gap;
  row[a * RB_RT_N + RB_RT_HB] = r.housing_benefit;
  row[a * RB_RT_N + RB_RT_SUB] = r.subsidy - r.benefit_offset;
}

/* One rent's row under rules @p rules, every activity but @p done (−1:
 * none), whose entries are there already. */
static void own_row(double *row, const rb_rules *rules, const rb_garm *ga,
                    double rent, int tenants, int done) {
  for (int a = 0; a < RB_A_COUNT; a++) {
    if (a != done) {
      own_cell(row, rules, ga, rent, tenants, a);
    }
  }
}

/* The tables of a new flat on the citizen's current activity: boligsikring's
 * minimum payout applies at this first calculation only, so a flat whose
 * boligsikring is granted now takes the rows with it waived (issue 12).
 * An own rent's row is computed under the rules it takes only. */
static void flat_tables(cstate *s, const rb_model *m, const rb_garm *ga,
                        double rent, int idx) {
  s->rent = rent;
  if (idx >= 0) {
    const double *tab = rb_model_rent_row(ga, idx);
    const double *tab_g = ga->rent_tab_g + rb_model_rent_index(idx, 0);
    s->tab = tab[s->a * RB_RT_N + RB_RT_HB] > 0.0 ? tab_g : tab;
    return;
  }
  own_cell(s->own, &m->sc->rules, ga, rent, s->tenants, s->a);
  if (s->own[s->a * RB_RT_N + RB_RT_HB] > 0.0) {
    own_row(s->own_g, &m->rules_g, ga, rent, s->tenants, -1);
    s->tab = s->own_g;
  } else {
    own_row(s->own, &m->sc->rules, ga, rent, s->tenants, s->a);
    s->tab = s->own;
  }
}

/* ---- booking --------------------------------------------------------------
 */

/* Book a one-off amount @p x of @p item on its payers' @p shares (NULL for
 * production) in month @p t, in the rows of the citizen's arm @p s. */
static inline void book_oneoff(const rb_eng_rep *c, const cstate *s, int item,
                               rb_kind kind, double x, const double *shares,
                               int t) {
  const rb_eng *en = c->en;
  const rb_model *m = c->m;
  const double df = m->df[t];
  double kom = 0.0, pub = 0.0, res = 0.0, prod = 0.0;
  if (kind == RB_KIND_PRODUCTION) {
    s->it[rb_items_index(en->n_items, 0, item, RB_ENG_SLOT_NONE, RB_DISC)] +=
        x * df;
    s->it[rb_items_index(en->n_items, 0, item, RB_ENG_SLOT_NONE, RB_UNDISC)] +=
        x;
    prod = x;
  } else {
    const double sign = kind == RB_KIND_REVENUE ? -1.0 : 1.0;
    const int col = rb_eng_yearly_col(kind), y_t = m->year_of[t];
    double *it = s->it + rb_items_index(en->n_items, 0, item, 0, 0);
    double *yr = s->yr + rb_yearly_index(en->n_years, 0, y_t, 0, col);
    double *ky =
        s->ky != NULL
            ? s->ky + rb_kommune_year_index(en->A, en->n_items, en->n_years, 0,
                                            0, item, y_t, 0)
            : NULL;
    for (int p = 0; p < RB_PAYER_COUNT; p++) {
      double y = x * shares[p];
      if (y == 0.0) {
        continue; /* a payer's part of a correction is often nothing */
      }
      it[rb_items_index(en->n_items, 0, 0, p, RB_DISC)] += y * df;
      it[rb_items_index(en->n_items, 0, 0, p, RB_UNDISC)] += y;
      yr[rb_yearly_index(en->n_years, 0, 0, p, 0)] += y;
      if (ky != NULL) {
        ky[p] += y;
      }
      pub += sign * y;
      if (p == RB_PAYER_KOMMUNE) {
        kom += sign * y;
      }
      if (kind == RB_KIND_RESOURCE) {
        res += y;
      }
    }
  }
  s->mg[RB_P_KOMMUNE][t] += kom;
  s->mg[RB_P_PUBLIC][t] += pub;
  s->mg[RB_P_SOCIETAL][t] += res - prod + m->mcpf * pub;
}

/* Book the one-off items of event @p ev of the citizen's arm @p s, with
 * the payers of @p m_left months in the state left. */
static void book_event(const rb_eng_rep *c, const cstate *s, rb_event ev,
                       int m_left, int t) {
  const rb_scenario *sc = c->en->sc;
  const rb_garm *ga = s->ga;
  for (int k = 0; k < ga->n_oneoff; k++) {
    const rb_oneoff *o = &ga->oneoff[k];
    if (sc->costs[o->item].on != ev) {
      continue;
    }
    const rb_payer_sched *ps = o->payer;
    const double *sh =
        o->kind == RB_KIND_PRODUCTION
            ? NULL
            : ps->shares[rb_sched_index(ps->breaks, ps->n, m_left)];
    book_oneoff(c, s, o->item, o->kind, o->amount, sh, t);
  }
  if (ev == RB_EV_REHOUSED && c->m->relocation != 0.0) {
    static const double kommune_only[RB_PAYER_COUNT] = {1.0, 0.0, 0.0};
    book_oneoff(c, s,
                c->en->n_items - RB_ITEM_COMPUTED_COUNT + RB_ITEM_RELOCATION,
                RB_KIND_RESOURCE, c->m->relocation, kommune_only, t);
  }
}

/* ---- a citizen's month ----------------------------------------------------
 */

/* Where arm @p arm of group @p gi books (cstate's pointers). */
static void citizen_books(cstate *s, const rb_eng_rep *c, int gi, int arm) {
  const rb_eng *en = c->en;
  const int ga_i = rb_eng_garm(en, gi, arm);
  s->ga = &c->m->ga[ga_i];
  s->cnt = c->ws->cnt + rb_eng_cnt_index(ga_i, 0);
  s->E = c->ws->E + rb_eng_e_index(en, ga_i, 0, 0);
  s->erow = (int)(en->e_off[ga_i] / (size_t)en->H);
  for (int k = 0; k < RB_ENG_GONE; k++) {
    s->ED[k] = c->ws->ED + rb_eng_gone_index(en, ga_i, k, 0);
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    s->mg[p] = c->out + en->L.mg + rb_eng_mg_index(en, ga_i, p, 0);
  }
  s->it = c->out + en->L.items + rb_eng_items_index(en, ga_i, 0, 0, 0);
  s->yr = c->out + en->L.yearly + rb_yearly_index(en->n_years, arm, 0, 0, 0);
  s->ky = en->K > 0 ? c->out + en->L.ky + rb_eng_ky_index(en, gi, arm, 0, 0, 0)
                    : NULL;
  s->hbm = c->out + en->L.hbm + rb_eng_garm_t_index(en, ga_i, 0);
  s->subm = c->out + en->L.subm + rb_eng_garm_t_index(en, ga_i, 0);
}

/* The planner's limit's counts of the citizen's kommune in @p arm. */
static void citizen_limit(cstate *s, const rb_eng_rep *c, int gi, int arm) {
  const rb_eng *en = c->en;
  const size_t row =
      (size_t)en->sc->groups[gi].kommune * (size_t)en->A + (size_t)arm;
  const int mode = c->ws->lim_mode;
  s->lim = mode == RB_LIM_COUNT ? c->ws->lim_cnt + row * (size_t)en->H : NULL;
  s->lim_now = mode == RB_LIM_APPLY ? c->ws->lim_now + row : NULL;
  s->lref = mode == RB_LIM_APPLY ? c->ws->lcnt + row * (size_t)en->H * 2 : NULL;
  s->lbound =
      mode == RB_LIM_APPLY ? c->ws->lim_cnt + row * (size_t)en->H : NULL;
  s->limit = en->limit;
}

/* Every arm's state at entry, from the entry block's uniforms. */
static void citizen_enter(cstate st[RB_MAX_ARMS], const rb_eng_rep *c, int gi,
                          int i, int entry, uint64_t rep) {
  const rb_model *m = c->m;
  double u[4];
  rb_rng_u4(u, c->en->seed, rep, (uint32_t)gi, (uint32_t)i, (uint32_t)entry,
            RB_PURPOSE_ENTRY);
  for (int arm = 0; arm < c->en->A; arm++) {
    cstate *s = &st[arm];
    citizen_books(s, c, gi, arm);
    const rb_garm *ga = s->ga;
    s->h = ga->init_h;
    s->m = ga->init_m;
    s->seg = rb_model_seg(ga, s->m);
    s->a = 0;
    while (s->a < RB_A_COUNT - 1 &&
           u[RB_LANE_INIT_ACTIVITY] >= ga->init_act[s->a]) {
      s->a++;
    }
    s->first_in = -1;
    s->waited = 0;
    s->tenants = 0;
    s->used = s->h == RB_H_SUBSIDISED ? s->m : 0;
    s->search = 0;
    s->own_home = false;
    s->spell = -1;
    s->tab = NULL;
    s->sfix = 0.0;
    s->cell = -1;
    s->rl_ci = s->rl_cb = -2;
    s->sub_year = -1;
    s->kcit = c->en->K > 0
                  ? c->out + c->en->L.kcit +
                        rb_kommune_sub_index(c->en->A, c->en->n_years,
                                             m->sc->groups[gi].kommune, arm, 0)
                  : NULL;
    citizen_limit(s, c, gi, arm);
    rb_clk_enter(&s->clk, &m->sc->groups[gi], s->h, s->m, entry);
    if (is_housed(s->h)) {
      int idx;
      double rent = rb_rent_draw(ga, u[RB_LANE_INIT_RENT], &idx);
      flat_tables(s, m, ga, rent, idx);
      s->sfix = tab_of(s, s->a, RB_RT_SUB);
      s->first_in = entry;
    }
  }
}

/* The outcome snapshot (index into rb_outcome_months) that month @p t of
 * a citizen who entered in @p entry is, or −1; @p next is the next one
 * still to come. */
static inline int outcome_slot(int *next, int entry, int t) {
  if (*next < RB_OUTCOME_N && t - entry == rb_outcome_months[*next]) {
    return (*next)++;
  }
  return -1;
}

/* Outcome snapshots at the start of month @p t (@p k from outcome_slot);
 * a citizen who has died or moved away counts as neither housed nor
 * active. */
static inline void count_outcomes(double *cnt, const cstate *s, int k, int t) {
  const bool alive = s->h < RB_H_EXITED;
  if (k >= 0) {
    cnt[C_DEN + k] += 1.0;
    cnt[C_HOUSED + k] += is_housed(s->h) ? 1.0 : 0.0;
    cnt[C_EMP + k] += alive && s->a == RB_A_EMPLOYED ? 1.0 : 0.0;
    cnt[C_EDU + k] += alive && s->a == RB_A_EDUCATION ? 1.0 : 0.0;
  }
  if (t == s->first_in) { /* the first month in a flat (issue 14) */
    cnt[C_HH_HOUSED] += 1.0;
    cnt[C_PERS_HOUSED] += s->ga->persons;
  }
  if (s->spell >= 0 && t == s->spell + RB_KEPT_MONTHS) {
    cnt[C_KEPTDEN] += 1.0; /* still in it: track_spell ends it otherwise */
    cnt[C_KEPT] += 1.0;
  }
  if (s->first_in >= 0 && t == s->first_in + RB_RETENTION_MONTHS) {
    cnt[C_RETDEN] += 1.0;
    cnt[C_RET] += is_housed(s->h) || s->own_home ? 1.0 : 0.0;
  }
}

/* Job or education kept (issue 14, the application's "om dette
 * fastholdes"): a spell is the months in employed or education (either)
 * from a start out of none; it is kept when it still runs at the start of
 * the month 12 months after its start (count_outcomes counts those).  A
 * spell that ends before, by the activity or by leaving the books, counts
 * as not kept if those 12 months lie in the horizon @p H.  @p na and @p nh:
 * the next month's activity and housing state. */
static void track_spell(cstate *s, int na, int nh, int t, int H) {
  const bool was = s->a != RB_A_NONE, is = na != RB_A_NONE && nh < RB_H_EXITED;
  if (!was && is) {
    s->spell = t + 1;
  } else if (was && !is && s->spell >= 0) {
    if (t + 1 <= s->spell + RB_KEPT_MONTHS && s->spell + RB_KEPT_MONTHS < H) {
      s->cnt[C_KEPTDEN] += 1.0;
    }
    s->spell = -1;
  }
}

/* 1. Book the month: its exposure, its net cost per perspective, the
 * housing benefit and the rent subsidy.  The exposure is booked by runs
 * (rb_eng_exposure_runs): +1 in the cell's first month of a run, −1 in
 * the month after its last, summed over the months once per replication
 * (psa) or per run; s->cell is the previous month's cell until then. */
static inline void book_month(const rb_eng_rep *c, const rb_garm *ga, cstate *s,
                              int seg, int t) {
  const int h = s->h, a = s->a;
  const int cell = rb_model_cell(ga, h, a, seg);
  if (cell != s->cell) { /* a run of months in one cell (exposure_runs) */
    s->E[rb_eng_e_cell_index(c->en, cell, t)] += 1.0;
    if (c->ws->seen != NULL) {
      rb_eng_row_seen(c->ws, s->erow + cell);
    }
    if (s->cell >= 0) {
      s->E[rb_eng_e_cell_index(c->en, s->cell, t)] -= 1.0;
    }
    s->cell = cell;
  }
  const double *cc = ga->cost + rb_model_cost_index(cell);
  s->mg[RB_P_KOMMUNE][t] += cc[RB_P_KOMMUNE];
  s->mg[RB_P_PUBLIC][t] += cc[RB_P_PUBLIC];
  s->mg[RB_P_SOCIETAL][t] += cc[RB_P_SOCIETAL];
  if (is_housed(h)) {
    s->hbm[t] += tab_of(s, a, RB_RT_HB);
    if (h == RB_H_SUBSIDISED) {
      s->subm[t] += c->m->at_move_in ? s->sfix : tab_of(s, a, RB_RT_SUB);
      s->cnt[C_SUBMONTHS] += 1.0;
      s->used++;
      if (s->lim != NULL) {
        s->lim[t] += 1.0;
      }
      const int y = c->m->year_of[t];
      if (s->kcit != NULL && y != s->sub_year) {
        s->kcit[y] += 1.0; /* once a year, however many months */
        s->sub_year = y;
      }
    }
  }
  if (h == RB_H_PLACED && s->first_in < 0) {
    s->waited++;
  }
}

/* With period_per_citizen (issue 14), has the citizen used every month the
 * scheme gives (its period and extensions; a forced move's period)? */
static inline bool used_up(const rb_garm *ga, const cstate *s) {
  const int most =
      ga->period + (ga->forced_end ? 0 : ga->max_ext * ga->ext_months);
  return ga->per_citizen && s->used >= most;
}

/* May the citizen move in with the subsidy in month @p t under the
 * planner's limit?  Its first pass counts the move-in; the pass that
 * applies it takes a place or, full, refuses and counts the refusal. */
static bool limit_allows(const cstate *s, int t) {
  if (s->lim != NULL) {
    s->lim[t] += 1.0;
  }
  if (s->lim_now == NULL) {
    return true;
  }
  if (*s->lim_now < s->limit) {
    (*s->lim_now)++;
    return true;
  }
  s->lbound[t] = 1.0;
  s->lref[2 * t + 1] += 1.0;
  return false;
}

/* An offer of a flat of rent @p rent (the group's discrete rent @p idx,
 * or −1: any other) of @p tenants (rb_flat_case.tenants) to a placed
 * citizen, @p flat_ok: the scheme can use the flat: the housing state it
 * leads to. */
static int flat_offer_at(const rb_eng_rep *c, const rb_garm *ga, cstate *s,
                         double *cnt, double rent, int idx, int tenants,
                         const rb_pool_rows *pr, bool flat_ok, int t) {
  const rb_model *m = c->m;
  const int h = s->h, a = s->a;
  const bool scheme = ga->offers_act[a] && !used_up(ga, s) && flat_ok;
  double gap, fgap;
  if (pr != NULL) {
    gap = pr->tab[a * RB_RT_N + RB_RT_GAP];
    fgap = pr->fgap;
  } else if (idx >= 0) {
    gap = rb_model_rent_row(ga, idx)[a * RB_RT_N + RB_RT_GAP];
    fgap = ga->rent_fgap[idx];
  } else {
    rb_flat_case f = ga->flat;
    f.rent = rent;
    rb_flat_share(&f, tenants);
    gap = rb_gap_taxed(&m->sc->rules, &ga->terms, &f, &ga->inc[a],
                       &ga->inc_tax[a]);
    /* The gap on the future income only where the decision reads it. */
    fgap = rb_offer_needs_future_gap(gap, &ga->terms, scheme)
               ? rb_gap_taxed(&m->sc->rules, &ga->terms, &f,
                              &ga->inc[RB_A_COUNT], &ga->inc_tax[RB_A_COUNT])
               : 0.0;
  }
  cnt[C_OFFERS] += 1.0;
  int nh = h;
  switch (rb_offer_from_gaps(gap, fgap, &ga->terms, scheme)) {
  case RB_OFFER_ORDINARY:
    nh = RB_H_ORDINARY;
    break;
  case RB_OFFER_SUBSIDISED:
    nh = limit_allows(s, t) ? RB_H_SUBSIDISED : h;
    break;
  case RB_OFFER_REFUSED:
  default:
    break;
  }
  if (nh != h) {
    cnt[C_ACCEPTED] += 1.0;
    s->tenants = tenants;
    if (pr != NULL) {
      s->rent = rent;
      s->tab = pr->tab[a * RB_RT_N + RB_RT_HB] > 0.0 ? pr->tab_g : pr->tab;
    } else {
      flat_tables(s, m, ga, rent, idx);
    }
    s->sfix = tab_of(s, a, RB_RT_SUB);
    rb_clk_moved_in(&s->clk, t + 1);
    if (s->first_in < 0) {
      s->first_in = t + 1;
      cnt[C_MOVEDIN] += 1.0;
      cnt[C_WAIT] += (double)s->waited;
    }
    book_event(c, s, RB_EV_MOVE_IN, s->m, t);
  }
  return nh;
}

/* Where an exit from a flat goes (exit_own_home_share, issue 14: "eller
 * tilsvarende varig bolig, som vedkommende flytter til på eget initiativ"):
 * the first share of the exit's interval [thr_dead, thr_exited) of the
 * housing uniform @p x is an own permanent home, the rest lost to
 * follow-up; no other draw moves. */
static inline void exit_where(const rb_garm *ga, cstate *s, double *cnt,
                              const double *thr, double x) {
  if (ga->exit_own > 0.0 && is_housed(s->h) &&
      x < thr[RB_T_DEAD] + ga->exit_own * (thr[RB_T_EXITED] - thr[RB_T_DEAD])) {
    s->own_home = true;
    cnt[C_EXIT_OWN] += 1.0;
  }
}

/* The rent an offer drew in one of the citizen's arms this month: the
 * arms share the month's uniforms, so an arm whose rents are drawn from
 * the same distribution gets the same rent (rb_rent_draw is a function of
 * the uniform and the distribution), without drawing it again. */
struct rb_eng_rent_memo {
  const rb_garm *ga; /* the arm it was drawn in, NULL: none this month */
  double u, rent;
  int idx;
};

/* Do garms @p a and @p b draw their rents from the same continuous
 * distribution (rb_rent_inverse's inputs for a lognormal or a uniform)? */
static bool same_rents(const rb_garm *a, const rb_garm *b) {
  return a->rent_dist == b->rent_dist && a->mu == b->mu &&
         a->sigma == b->sigma && a->lo == b->lo && a->hi == b->hi;
}

/* The rent of an offer with uniform @p u in @p ga, from the month's memo
 * when another arm drew it from the same distribution.  A discrete
 * distribution's draw is a short search, cheaper than the comparison: only
 * the continuous ones (a normal quantile and an exp) are kept. */
static double offer_rent(const rb_eng_rep *c, const rb_garm *ga, double u,
                         int *idx) {
  struct rb_eng_rent_memo *rm = c->rent;
  if (ga->rent_dist == RB_RENT_DISCRETE || rm == NULL) {
    return rb_rent_draw(ga, u, idx);
  }
  if (rm->ga != NULL && rm->u == u &&
      (rm->ga == ga || same_rents(rm->ga, ga))) {
    *idx = rm->idx;
    return rm->rent;
  }
  const double rent = rb_rent_draw(ga, u, idx);
  *rm = (struct rb_eng_rent_memo){ga, u, rent, *idx};
  return rent;
}

/* A flat offer to a placed citizen with uniform @p u_rent for its rent and
 * @p u_flat for whether the scheme can use it (almene only: the end lane,
 * which a placed citizen's month uses for nothing else): the housing state
 * it leads to. */
static int flat_offer(const rb_eng_rep *c, const rb_garm *ga, cstate *s,
                      double *cnt, double u_rent, double u_flat, int t) {
  int idx;
  double rent = offer_rent(c, ga, u_rent, &idx);
  return flat_offer_at(c, ga, s, cnt, rent, idx, 0, NULL,
                       ga->almene_share >= 1.0 || u_flat < ga->almene_share, t);
}

/* 2. The housing event with uniform u[RB_LANE_HOUSING]: the next state. */
static inline int housing_event(const rb_eng_rep *c, const rb_garm *ga,
                                cstate *s, double *cnt, const double u[4],
                                int seg, int t) {
  const int h = s->h;
  const double *thr = ga->thr + rb_model_thr_index(ga, h, seg);
  const double x = u[RB_LANE_HOUSING];
  int nh = h;
  if (x < thr[RB_T_DEAD]) {
    nh = RB_H_DEAD;
  } else if (x < thr[RB_T_EXITED]) {
    nh = RB_H_EXITED;
    exit_where(ga, s, cnt, thr, x);
  } else if (x < thr[RB_T_HOMELESS]) {
    nh = RB_H_HOMELESS;
  } else if (x < thr[RB_T_PLACED]) {
    nh = RB_H_PLACED;
  } else if (x < thr[RB_T_COUNT]) {
    nh = flat_offer(c, ga, s, cnt, u[RB_LANE_RENT], u[RB_LANE_END], t);
  }
  if (nh == RB_H_DEAD) {
    cnt[C_DEATH] += 1.0;
  } else if (nh == RB_H_EXITED) {
    cnt[C_EXIT] += 1.0;
  }
  if (is_housed(h) && (nh == RB_H_PLACED || nh == RB_H_HOMELESS)) {
    cnt[C_RELAPSE] += 1.0;
    book_event(c, s, RB_EV_MOVE_OUT, s->m, t);
  }
  return nh;
}

/* The takeover test on activity @p a in the current flat: G ≤ 0; for a
 * student with takeover_su_share (issue 14, "varig kontrakt, når borgeren
 * kommer i arbejde eller uddannelse") H − boligsikring ≤ share × net SU,
 * boligsikring on the whole rent as the tenant then pays it. */
static bool takes_over(const rb_eng_rep *c, const rb_garm *ga, const cstate *s,
                       int a) {
  if (a != RB_A_EDUCATION || ga->su_share < 0.0) {
    return tab_of(s, a, RB_RT_GAP) <= 0.0;
  }
  rb_flat_case f = ga->flat;
  f.rent = s->rent;
  rb_flat_share(&f, s->tenants);
  rb_scheme_terms terms = ga->terms;
  terms.bs_on_net_rent = false;
  rb_subsidy_result r;
  rb_subsidy_compute(&r, &c->m->sc->rules, &terms, &f, &ga->inc[a], NULL);
  return r.housing_cost - r.housing_benefit <= ga->su_share * r.tax.net;
}

/* 2b. Termination for lack of engagement (p_terminated, issue 14: "Borgeren
 * kan derfor opsiges"), with the path's own uniforms @p w: the lease of the
 * subsidised flat ends, to homeless (terminated_homeless_share) or placed,
 * a relapse that books the `terminated` event's one-off items. */
static int terminate(const rb_eng_rep *c, const rb_garm *ga, cstate *s,
                     const double w[4], int nh, int t) {
  if (ga->p_term <= 0.0 || s->h != RB_H_SUBSIDISED || nh != RB_H_SUBSIDISED ||
      w[RB_LANE_PATH_TERMINATED] >= ga->p_term) {
    return nh;
  }
  s->cnt[C_RELAPSE] += 1.0;
  book_event(c, s, RB_EV_TERMINATED, s->m, t);
  return w[RB_LANE_PATH_WHERE] < ga->term_homeless ? RB_H_HOMELESS
                                                   : RB_H_PLACED;
}

/* A cheaper flat (@p found: the group's rents with G ≤ 0, drawn with the
 * rent lane) on ordinary terms, or back to placed. */
static int rehouse_or_return(const rb_eng_rep *c, const rb_garm *ga, cstate *s,
                             double *cnt, const double u[4], bool found,
                             int t) {
  if (found) {
    int idx;
    double rent = rb_rent_draw_rehouse(ga, s->a, u[RB_LANE_RENT], &idx);
    s->tenants = 0;
    flat_tables(s, c->m, ga, rent, idx);
    cnt[C_REHOUSE] += 1.0;
    book_event(c, s, RB_EV_REHOUSED, s->m, t);
    return RB_H_ORDINARY;
  }
  cnt[C_RELAPSE] += 1.0;
  cnt[C_END_RETURN] += 1.0;
  book_event(c, s, RB_EV_MOVE_OUT, s->m, t);
  return RB_H_PLACED;
}

/* A month of the rehousing search (rehousing_search_months, issue 14):
 * a cheaper flat with p_rehoused_per_month (the end lane, which no end
 * test uses after the last end), else one month less; the last month
 * without one, back to placed. */
static int search_month(const rb_eng_rep *c, const rb_garm *ga, cstate *s,
                        double *cnt, const double u[4], int nh, int t) {
  const bool found = u[RB_LANE_END] < ga->p_search;
  if (!found && --s->search > 0) {
    return nh;
  }
  s->search = 0;
  return rehouse_or_return(c, ga, s, cnt, u, found, t);
}

/* The months past the scheme's period of a subsidised citizen not
 * searching, whose month is booked: in this flat, or with
 * period_per_citizen in every flat; −1 when the month ends neither the
 * period nor an extension. */
static inline int subsidy_past(const rb_garm *ga, const cstate *s) {
  const int q = (ga->per_citizen ? s->used : s->m + 1) - ga->period;
  if (q < 0 || q % ga->ext_months != 0 || q / ga->ext_months > ga->max_ext) {
    return -1;
  }
  return q;
}

/* 3. The subsidy's end (after the scheme's period and each extension,
 * while still subsidised): takeover, extension, rehousing or return to
 * placed; a forced move (inklusionsbolig) only rehousing or placed. */
static int subsidy_end(const rb_eng_rep *c, const rb_garm *ga, cstate *s,
                       double *cnt, const double u[4], int nh, int t) {
  if (s->h != RB_H_SUBSIDISED || nh != RB_H_SUBSIDISED) {
    return nh;
  }
  if (s->search > 0) {
    return search_month(c, ga, s, cnt, u, nh, t);
  }
  const int q = subsidy_past(ga, s);
  if (q < 0) {
    return nh;
  }
  int k = q / ga->ext_months;
  const int a = s->a;
  if (!ga->forced_end && takes_over(c, ga, s, a)) {
    cnt[C_TAKEOVER] += 1.0;
    book_event(c, s, RB_EV_TAKEOVER, s->m, t);
    return RB_H_ORDINARY;
  }
  if (!ga->forced_end && k < ga->max_ext) {
    cnt[C_EXTENSION] += 1.0;
    return nh;
  }
  if (ga->search_months > 0) {
    s->search = ga->search_months; /* stays subsidised, searching */
    return nh;
  }
  return rehouse_or_return(c, ga, s, cnt, u, u[RB_LANE_END] < ga->p_rehoused,
                           t);
}

/* 4. The activity event with uniform @p y, on the housing state @p h at
 * the start of the month: the next activity. */
static inline int activity_event(const rb_garm *ga, int h, int a, int nh,
                                 double y) {
  if (nh >= RB_H_EXITED) {
    return a;
  }
  const double *at = ga->athr[is_housed(h) ? 0 : 1][a];
  if (y < at[0]) {
    return ga->ato[a][0];
  }
  if (y < at[1]) {
    return ga->ato[a][1];
  }
  return a;
}

/* 4b. The takeover test when the activity changes to employed or
 * education (takeover_on_activity, issue 14), on the new activity; a
 * forced move's lease has no takeover. */
static int activity_takeover(const rb_eng_rep *c, const rb_garm *ga, cstate *s,
                             int nh, int na, int t) {
  if (!ga->takeover_on_act || ga->forced_end || s->h != RB_H_SUBSIDISED ||
      nh != RB_H_SUBSIDISED || na == s->a || na == RB_A_NONE ||
      !takes_over(c, ga, s, na)) {
    return nh;
  }
  s->cnt[C_TAKEOVER] += 1.0;
  book_event(c, s, RB_EV_TAKEOVER, s->m, t);
  return RB_H_ORDINARY;
}

/* The law's clocks' corrections of the month just booked (engine/clocks.h):
 * the clocked items' payers and the refusionstrappe's state share, then
 * the staircase's clock moved on. */
static void book_clocks_of(const rb_eng_rep *c, cstate *s, int t) {
  const rb_garm *ga = s->ga;
  const rb_scenario *sc = c->en->sc;
  rb_clk_fix f;
  for (int j = 0; j < ga->n_clk; j++) {
    if (rb_clk_item(&f, &s->clk, ga, j, s->cell, t)) {
      book_oneoff(c, s, f.item, f.kind, 1.0, f.d, t);
    }
  }
  if (rb_clk_income(&f, &s->clk, sc, ga, s->a, s->cell)) {
    book_oneoff(c, s, f.item, f.kind, 1.0, f.d, t);
  }
  rb_clk_advance(&s->clk, ga, s->a);
  s->clk.q_cell = s->cell;
  s->clk.q_until =
      rb_clk_quiet_until(&s->clk, sc, ga, s->a, s->cell, t, &s->clk.q_roll);
}

/* book_clocks_of() where the group-arm has a clock: the test inlined into
 * the month, the call only then; in a quiet run of the clocks
 * (rb_clk_quiet_until) only the clocks moved on. */
static inline void book_clocks(const rb_eng_rep *c, cstate *s, int t) {
  const rb_garm *ga = s->ga;
  if (ga->n_clk == 0 && !ga->any_trappe) {
    return;
  }
  rb_clk *k = &s->clk;
  if (s->cell == k->q_cell && t <= k->q_until) {
    k->win_used += k->q_roll;
    rb_clk_advance(k, ga, s->a);
    return;
  }
  book_clocks_of(c, s, t);
}

/* The realisable share of a freed bed (docs/model.md): an item that saves
 * only the share s of its amount when a bed is freed keeps (1 − s) of the
 * baseline's amount in the months the intervention's citizen does not use
 * it, booked to the kommune (who keeps the bed), and gives (1 − s) back in
 * the months the intervention uses a bed the baseline leaves empty.
 *
 * The month's correction is (1 − s)·(x_b − x_i), x the item's amount in
 * the month's cell of each arm (nothing once the citizen has left the
 * books): linear in the two arms' exposures, so its items, budget years
 * and kommune years are folded from them after the replication
 * (replication.c, fold_real).  Here only the month's net cost per
 * perspective, which the replication's totals read month by month: as
 * one amount per month, so that two cells that cost the item alike book
 * exactly nothing (a saving of exactly 0 stays 0).  It depends on the two
 * cells only, so it is kept while they stay. */
static void book_realisable_arm(const rb_eng_rep *c, cstate *si,
                                const cstate *sb, int t) {
  if (si->rl_ci != si->cell || si->rl_cb != sb->cell) {
    const rb_garm *gi_a = si->ga, *gb_a = sb->ga;
    double kom = 0.0, soc = 0.0;
    for (int j = 0; j < gi_a->n_real; j++) {
      const int ki = gi_a->real_k[j], kb = gi_a->real_kb[j];
      const double xb = kb >= 0 && sb->cell >= 0
                            ? rb_clk_cell_total(gb_a, kb, sb->cell)
                            : 0.0;
      const double xi =
          si->cell >= 0 ? rb_clk_cell_total(gi_a, ki, si->cell) : 0.0;
      const double d = (1.0 - gi_a->real_share[j]) * (xb - xi);
      /* As book_oneoff books d on the kommune: a revenue with its sign. */
      const rb_kind kind = gi_a->used_kind[ki];
      const double net = kind == RB_KIND_REVENUE ? -d : d;
      kom += net;
      soc += (kind == RB_KIND_RESOURCE ? d : 0.0) + c->m->mcpf * net;
    }
    si->rl_ci = si->cell;
    si->rl_cb = sb->cell;
    si->rl_kom = kom;
    si->rl_soc = soc;
  }
  if (si->rl_kom != 0.0 || si->rl_soc != 0.0) {
    si->mg[RB_P_KOMMUNE][t] += si->rl_kom;
    si->mg[RB_P_PUBLIC][t] += si->rl_kom; /* the kommune's is public */
    si->mg[RB_P_SOCIETAL][t] += si->rl_soc;
  }
}

/* The realisable share in every arm but the reference (arm RB_ARM_BASELINE,
 * issue 11): a bed the arm frees against the reference still costs the
 * kommune the part of its takst that is not realisable.  Nothing to do
 * in a model without such an item. */
static void book_realisable(const rb_eng_rep *c, cstate *st, int t) {
  if (!c->m->any_real) {
    return;
  }
  for (int arm = 0; arm < c->en->A; arm++) {
    if (arm != RB_ARM_BASELINE) {
      book_realisable_arm(c, &st[arm], &st[RB_ARM_BASELINE], t);
    }
  }
}

/* A month's books in one arm: the outcomes, the month booked and its
 * clocks; false when the citizen has left the books. */
static inline bool month_books(const rb_eng_rep *c, cstate *s, int k_out,
                               int t) {
  count_outcomes(s->cnt, s, k_out, t);
  if (s->h >= RB_H_EXITED) {
    s->ED[s->h - RB_H_EXITED][t] += 1.0;
    if (s->cell >= 0) { /* the last run of months in a cell ends */
      s->E[rb_eng_e_cell_index(c->en, s->cell, t)] -= 1.0;
    }
    s->cell = -1;
    return false;
  }
  book_month(c, s->ga, s, s->seg, t);
  book_clocks(c, s, t);
  return true;
}

/* A month's start in one arm: its books and the housing event into *nh;
 * false when the citizen has left the books. */
static inline bool month_start(const rb_eng_rep *c, cstate *s,
                               const double u[4], int k_out, int t, int *nh) {
  if (!month_books(c, s, k_out, t)) {
    return false;
  }
  *nh = housing_event(c, s->ga, s, s->cnt, u, s->seg, t);
  return true;
}

/* 5. The clock on a month in the same spell, and its segment: the next one
 * once m reaches its start (seg_start ends in INT_MAX). */
static inline void clock_on(cstate *s) {
  s->m++;
  s->seg += s->m >= s->ga->seg_start[s->seg + 1];
}

/* The rest of the month after the housing event @p nh: termination, the
 * subsidy's end, the activity, the clock. */
static inline void month_end(const rb_eng_rep *c, cstate *s, const double u[4],
                             const double w[4], int nh, int t) {
  double *cnt = s->cnt;
  const rb_garm *ga = s->ga;
  const int h = s->h, a = s->a;
  nh = terminate(c, ga, s, w, nh, t);
  nh = subsidy_end(c, ga, s, cnt, u, nh, t);
  const int na = activity_event(ga, h, a, nh, u[RB_LANE_ACTIVITY]);
  nh = activity_takeover(c, ga, s, nh, na, t);
  track_spell(s, na, nh, t, c->en->H);
  if (spell_of(nh) == spell_of(h)) {
    clock_on(s);
  } else {
    s->m = 0;
    s->seg = 0;
  }
  s->h = nh;
  s->a = na;
  if (nh != RB_H_SUBSIDISED) {
    s->search = 0; /* a search ends with the subsidised flat */
  }
}

/* Is the month of a booked citizen quiet: no housing event (the housing
 * uniform at or above the last of the state's thresholds, cumulative sums
 * of probabilities, so the largest), no activity event, and in a
 * subsidised flat no termination (the path's uniform @p w), no search and
 * no end of the period or an extension?  Then the rest of its month
 * (month_end) only moves the state's clock on: no takeover without a new
 * activity, and no spell starts or ends. */
static inline bool quiet_month(const rb_garm *ga, const cstate *s,
                               const double u[4], const double w[4]) {
  const int h = s->h;
  const double *at = ga->athr[is_housed(h) ? 0 : 1][s->a];
  if (u[RB_LANE_HOUSING] <
          ga->thr[rb_model_thr_index(ga, h, s->seg) + RB_T_COUNT] ||
      u[RB_LANE_ACTIVITY] < at[0] || u[RB_LANE_ACTIVITY] < at[1]) {
    return false;
  }
  return h != RB_H_SUBSIDISED ||
         ((ga->p_term <= 0.0 || w[RB_LANE_PATH_TERMINATED] >= ga->p_term) &&
          s->search == 0 && subsidy_past(ga, s) < 0);
}

/* What month_end does in a quiet month (quiet_month): the clock on. */
static inline void quiet_end(cstate *s) {
  clock_on(s);
  if (s->h != RB_H_SUBSIDISED) {
    s->search = 0;
  }
}

/* One month @p t of the citizen in one arm, with the month's uniforms @p u
 * and the path's @p w; @p k_out: the month's outcome snapshot or −1. */
static inline void citizen_month(const rb_eng_rep *c, cstate *s,
                                 const double u[4], const double w[4],
                                 int k_out, int t) {
  if (!month_books(c, s, k_out, t)) {
    return;
  }
  if (quiet_month(s->ga, s, u, w)) {
    quiet_end(s);
    return;
  }
  const int nh = housing_event(c, s->ga, s, s->cnt, u, s->seg, t);
  month_end(c, s, u, w, nh, t);
}

/* rb_engine_trace(): the citizen's state at the start of month @p t in the
 * traced arm, and the subsidy the month pays (as book_month books it);
 * after the month it leaves the books, nothing. */
static void trace_month(const rb_eng_rep *c, const cstate *s, int gi, int i,
                        int entry, int t, bool *gone) {
  if (*gone) {
    return;
  }
  *gone = s->h >= RB_H_EXITED;
  rb_trace_month r = {gi, i, entry, t, s->h, s->a, s->m, NAN, 0.0};
  if (is_housed(s->h)) {
    r.rent = s->rent;
    if (s->h == RB_H_SUBSIDISED) {
      r.subsidy = c->m->at_move_in ? s->sfix : tab_of(s, s->a, RB_RT_SUB);
    }
  }
  c->en->trace->fn(c->en->trace->ctx, &r);
}

/* rb_engine_run_from(): the intervention arm's citizen at the start of
 * the re-forecast in its observed state and clock, in a flat of its
 * observed rent. */
static void start_from(const rb_eng_rep *c, cstate *s,
                       const rb_start_state *ss) {
  s->h = ss->housing;
  s->a = ss->activity;
  s->m = ss->months_in_state;
  s->seg = rb_model_seg(s->ga, s->m);
  s->used = s->h == RB_H_SUBSIDISED ? s->m : 0;
  s->search = 0;
  s->tenants = 0;
  if (is_housed(s->h)) {
    flat_tables(s, c->m, s->ga, ss->rent, -1);
    s->sfix = tab_of(s, s->a, RB_RT_SUB);
    if (s->first_in < 0) {
      s->first_in = c->en->start->as_of;
    }
  }
}

/* The months from @p t0 of a citizen who has left the books in every arm
 * (died or moved away: no state returns): only their counts, without the
 * month's uniforms, which no arm uses any more.  Not with a re-forecast
 * (start_from may bring the citizen back) or a trace (it reports the
 * month of leaving). */
static void gone_months(const rb_eng_rep *c, cstate *st, int entry,
                        int *next_out, int t0) {
  const double none[4] = {1.0, 1.0, 1.0, 1.0};
  for (int t = t0; t < c->en->H; t++) {
    const int k_out = outcome_slot(next_out, entry, t);
    for (int arm = 0; arm < c->en->A; arm++) {
      int nh;
      (void)month_start(c, &st[arm], none, k_out, t, &nh);
    }
  }
}

void rb_eng_citizen(const rb_eng_rep *rc, int gi, int i, int entry,
                    uint64_t rep) {
  /* A const copy: the compiler may keep its pointers in registers across
   * the calls that book one-off items. */
  struct rb_eng_rent_memo rm = {NULL, 0.0, 0.0, -1};
  rb_eng_rep with_memo = *rc;
  with_memo.rent = &rm;
  const rb_eng_rep c = with_memo;
  cstate st[RB_MAX_ARMS];
  double u[4];
  int next_out = 0;
  bool gone = false; /* rb_engine_trace: the month it left is reported */
  const int H = c.en->H;
  const uint64_t seed = c.en->seed;
  citizen_enter(st, &c, gi, i, entry, rep);
  /* The path's own uniforms (RB_PURPOSE_PATH), drawn only when an arm
   * terminates leases: every other draw stays where it was. */
  double w[4] = {1.0, 1.0, 1.0, 1.0};
  bool path_draws = false;
  for (int arm = 0; arm < c.en->A; arm++) {
    path_draws = path_draws || st[arm].ga->p_term > 0.0;
  }
  for (int t = entry; t < H; t++) {
    rb_rng_u4(u, seed, rep, (uint32_t)gi, (uint32_t)i, (uint32_t)t,
              RB_PURPOSE_MONTH);
    rm.ga = NULL; /* a new month's uniforms */
    if (path_draws) {
      rb_rng_u4(w, seed, rep, (uint32_t)gi, (uint32_t)i, (uint32_t)t,
                RB_PURPOSE_PATH);
    }
    const int k_out = outcome_slot(&next_out, entry, t);
    if (c.en->start != NULL && t == c.en->start->as_of) {
      const rb_start_state *ss = rb_eng_start_of(c.en, gi, i);
      if (ss != NULL) {
        start_from(&c, &st[RB_ARM_INTERVENTION], ss);
      }
    }
    if (c.en->trace != NULL) {
      trace_month(&c, &st[c.en->trace->arm], gi, i, entry, t, &gone);
    }
    bool all_gone = true;
    for (int arm = 0; arm < c.en->A; arm++) {
      citizen_month(&c, &st[arm], u, w, k_out, t);
      all_gone = all_gone && st[arm].h >= RB_H_EXITED;
    }
    book_realisable(&c, st, t);
    if (all_gone && c.en->start == NULL && c.en->trace == NULL) {
      gone_months(&c, st, entry, &next_out, t + 1);
      break;
    }
  }
}

/* ---- a citizen month by month (engine/pools.c) ----------------------------
 */

/* One citizen of the month-major path: its state in every arm and what a
 * month keeps from its start to its end. */
struct rb_eng_cit {
  cstate st[RB_MAX_ARMS];
  int nh[RB_MAX_ARMS]; /* the housing event's state, −1: left the books */
  double u[4], w[4];
  int gi, i, entry, next_out;
  bool gone, path_draws;
};

size_t rb_eng_cit_size(void) {
  return sizeof(rb_eng_cit);
}

void rb_eng_cit_init(rb_eng_cit *ct, int gi, int i, int entry) {
  ct->gi = gi;
  ct->i = i;
  ct->entry = entry;
  ct->next_out = 0;
  ct->gone = false;
}

unsigned rb_eng_cit_prepare(const rb_eng_rep *c, rb_eng_cit *ct, uint64_t rep,
                            int t) {
  if (t == ct->entry) {
    citizen_enter(ct->st, c, ct->gi, ct->i, ct->entry, rep);
    ct->path_draws = false;
    for (int arm = 0; arm < c->en->A; arm++) {
      ct->path_draws = ct->path_draws || ct->st[arm].ga->p_term > 0.0;
    }
    for (int k = 0; k < 4; k++) {
      ct->w[k] = 1.0;
    }
  }
  if (c->en->start != NULL && t == c->en->start->as_of) {
    const rb_start_state *ss = rb_eng_start_of(c->en, ct->gi, ct->i);
    if (ss != NULL) {
      start_from(c, &ct->st[RB_ARM_INTERVENTION], ss);
    }
  }
  unsigned sub = 0;
  for (int arm = 0; arm < c->en->A; arm++) {
    sub |= ct->st[arm].h == RB_H_SUBSIDISED ? 1u << arm : 0u;
  }
  return sub;
}

void rb_eng_cit_start(const rb_eng_rep *c, rb_eng_cit *ct, uint64_t rep,
                      int t) {
  const int gi = ct->gi, i = ct->i;
  const uint64_t seed = c->en->seed;
  rb_rng_u4(ct->u, seed, rep, (uint32_t)gi, (uint32_t)i, (uint32_t)t,
            RB_PURPOSE_MONTH);
  if (ct->path_draws) {
    rb_rng_u4(ct->w, seed, rep, (uint32_t)gi, (uint32_t)i, (uint32_t)t,
              RB_PURPOSE_PATH);
  }
  const int k_out = outcome_slot(&ct->next_out, ct->entry, t);
  if (c->en->trace != NULL) {
    trace_month(c, &ct->st[c->en->trace->arm], gi, i, ct->entry, t, &ct->gone);
  }
  for (int arm = 0; arm < c->en->A; arm++) {
    int nh = -1;
    if (!month_start(c, &ct->st[arm], ct->u, k_out, t, &nh)) {
      nh = -1;
    }
    ct->nh[arm] = nh;
  }
}

int rb_eng_cit_waiting(const rb_eng_cit *ct, int arm, bool homeless,
                       unsigned activity) {
  const cstate *s = &ct->st[arm];
  const int h = ct->nh[arm];
  if (h != s->h || (h != RB_H_PLACED && !(homeless && h == RB_H_HOMELESS)) ||
      (activity & (1u << s->a)) == 0) {
    return -1;
  }
  return s->m;
}

int rb_eng_cit_offer(const rb_eng_rep *c, rb_eng_cit *ct, int arm, double rent,
                     int tenants, const rb_pool_rows *pr, bool almene, int t) {
  cstate *s = &ct->st[arm];
  const rb_garm *ga = s->ga;
  const int nh = flat_offer_at(c, ga, s, s->cnt, rent, -1, tenants, pr,
                               ga->almene_share >= 1.0 || almene, t);
  ct->nh[arm] = nh;
  return nh == RB_H_ORDINARY ? 1 : nh == RB_H_SUBSIDISED ? 2 : 0;
}

void rb_eng_cit_end(const rb_eng_rep *c, rb_eng_cit *ct, int t) {
  for (int arm = 0; arm < c->en->A; arm++) {
    cstate *s = &ct->st[arm];
    const int nh = ct->nh[arm];
    if (nh < 0) {
      continue;
    }
    /* No housing event and no flat taken from a pool (a refused offer
     * changes only the count of offers): a quiet month as the per-citizen
     * step's. */
    if (nh == s->h && quiet_month(s->ga, s, ct->u, ct->w)) {
      quiet_end(s);
    } else {
      month_end(c, s, ct->u, ct->w, nh, t);
    }
  }
  book_realisable(c, ct->st, t);
}
