/**
 * @file engine_internal.h
 * @brief The engine's own parts, shared by the files of src/engine/ only.
 *
 * A run (model.md, "Statistics and reproducibility") is cut into rooms:
 *   - cohort.c: one citizen's months in both arms (the cohort step);
 *   - replication.c: one replication, every citizen of the cohort, into
 *     the replication's own buffer;
 *   - engine.c: the one OpenMP driver over replications and the public
 *     entry points (the only file with OpenMP pragmas);
 *   - reduce.c: the buffers reduced in replication order into the sums;
 *   - stats.c: the statistics and the results of every group from the sums;
 *   - results.c: the results' allocation and the computed items' labels;
 *   - limits.c: what a run is refused for before it starts (its memory
 *     estimate, clocks that would overflow) and the threads it can start;
 *   - finite.c: every total of the results finite, or the input named;
 *   - quantile.c: percentiles by selection, GSL's numbers bit for bit;
 *   - mpi.c: the processes' hooks (rb_eng_dist) over MPI, only in the MPI
 *     program (docs/cluster.md).
 *
 * The layout of every scratch table is given here once, by an index
 * function; the results' own tables use those of rentbridge/engine.h.
 */
#ifndef RENTBRIDGE_ENGINE_INTERNAL_H
#define RENTBRIDGE_ENGINE_INTERNAL_H

#include "model/model.h"
#include "rentbridge/engine.h"
#include "rentbridge/trace.h"

#include <gsl/gsl_rng.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/**
 * @p n zeroed elements of @p size bytes, as calloc() gives them, but
 * written here.  calloc() leaves a fresh page untouched; the first read
 * maps the kernel's zero page and the first write then copies it, and in
 * a process with threads each such copy flushes the other cores' TLBs
 * (an inter-processor interrupt per page).  The first write of an
 * untouched page needs none.  A run's tables are read before they are
 * written (+= into zeros), so this matters at every run: with calloc()
 * a tornado of network.cfg spent a quarter of its time in those
 * interrupts (docs/performance.md, Issue 17, eighth round).  For the
 * tables the replications and statistics write; a small array written
 * once before the threads start takes calloc().
 * @return the table, or NULL when out of memory or @p n × @p size
 * overflows.
 */
static inline void *rb_eng_zalloc(size_t n, size_t size) {
  if (size != 0 && n > SIZE_MAX / size) {
    return NULL;
  }
  const size_t bytes = n * size;
  void *p = malloc(bytes > 0 ? bytes : 1);
  if (p != NULL) {
    memset(p, 0, bytes);
  }
  return p;
}

/** Budget years a run can span (a horizon of 600 months spans 51). */
#define RB_ENG_MAX_YEARS 64

/** The payer slot after the three payers: production, paid by no one. */
#define RB_ENG_SLOT_NONE RB_PAYER_COUNT

/** States a citizen leaves the books by, from RB_H_EXITED on: exited, dead. */
#define RB_ENG_GONE (RB_H_COUNT - RB_H_EXITED)

/** Outcome counters per group and arm: integers, so their sums never
 * depend on the order of addition. */
enum {
  C_HOUSED = 0,                    /* + k for rb_outcome_months[k] */
  C_DEN = C_HOUSED + RB_OUTCOME_N, /* citizens with that month in the horizon */
  C_EMP = C_DEN + RB_OUTCOME_N,
  C_EDU = C_EMP + RB_OUTCOME_N,
  C_RET = C_EDU + RB_OUTCOME_N,
  C_RETDEN,
  C_RELAPSE,
  C_TAKEOVER,
  C_EXTENSION,
  C_REHOUSE,
  C_MOVEDIN,
  C_WAIT,
  C_DEATH,
  C_EXIT,
  C_SUBMONTHS,
  C_OFFERS,
  C_ACCEPTED,
  C_EXIT_OWN,    /* exits to an own home found on own initiative (issue 14) */
  C_HH_HOUSED,   /* households in a flat at least once (issue 14) */
  C_PERS_HOUSED, /* their persons (adults + children) */
  C_KEPT,        /* job/education spells still on 12 months after the start */
  C_KEPTDEN,     /* spells whose 12 months lie in the horizon */
  C_END_RETURN,  /* returns to placed at a subsidy end (no flat found) */
  C_COUNT
};

/** A pool's counts per arm and month (integers, as the outcome counters):
 * flats arrived, taken on ordinary terms, taken with the subsidy,
 * returned. */
enum {
  RB_POOL_ARRIVED = RB_POOL_COL_ARRIVED,
  RB_POOL_ORDINARY = RB_POOL_COL_ORDINARY,
  RB_POOL_SUBSIDISED = RB_POOL_COL_SUBSIDISED,
  RB_POOL_RETURNED = RB_POOL_COL_RETURNED,
  RB_POOL_COUNTS = RB_POOL_COLS
};

/** Offsets of the blocks of one replication's output buffer. */
typedef struct rb_eng_layout {
  size_t mg;     /**< [garm][p][t] net cost, undiscounted */
  size_t hbm;    /**< [garm][t] housing benefit */
  size_t subm;   /**< [garm][t] rent subsidy */
  size_t items;  /**< [garm][item][slot][disc] items booked directly */
  size_t yearly; /**< [arm][year][payer][RB_YEARLY_*] booked directly */
  size_t ky;     /**< [kommune][arm][item][year][payer] booked directly */
  size_t kcit;   /**< [kommune][arm][year] citizens with a subsidy */
  size_t df;     /**< [t] the replication's discount factors */
  size_t drawn;  /**< [n_drawn] psa values */
  size_t size;
} rb_eng_layout;

/** One thread's workspace. */
typedef struct rb_eng_ws {
  int bad_rep;    /**< psa: the first replication whose model failed, or −1 */
  double *v;      /**< psa: parameter values */
  rb_model model; /**< psa: this thread's compiled model */
  gsl_rng *rng;   /**< psa */
  double *E;      /**< exposure counts per garm: [ncell][t] at e_off[garm] */
  double *Etot;   /**< psa: E summed over this thread's replications */
  /* psa: the rows of E (a garm's cell, H months each) booked in this
   * replication, so that only they are folded and cleared. */
  unsigned char *seen; /**< [row] 1: in rows */
  int *rows;           /**< [n_rows] the rows booked, in booking order */
  int n_rows;
  double *ED;  /**< [garm][RB_ENG_GONE][t] exited/dead counts */
  double *cnt; /**< [garm][C_COUNT] */
  struct rb_eng_pools_ws *pools; /**< the month-major path's, NULL: none */
  double *pcnt; /**< [pool][arm][t][RB_POOL_COUNTS], NULL without pools */
  /* The planner's limit (subsidy.limit_citizens, engine/replication.c):
   * the mode of the pass under way, its counts and the first pass's own
   * copies of the counters above. */
  int lim_mode;    /**< RB_LIM_NONE, RB_LIM_COUNT or RB_LIM_APPLY */
  double *lim_cnt; /**< COUNT: [kommune][arm][t] subsidised, new included */
  int *lim_now;    /**< APPLY: [kommune][arm] subsidised in this month */
  double *lcnt;    /**< [kommune][arm][t][2] months it bound, offers it
                      refused; then the replications it bound */
  double *scr[4];  /**< a replication's own E, ED, cnt and pcnt */
} rb_eng_ws;

/** The passes of a replication with the planner's limit. */
enum { RB_LIM_NONE, RB_LIM_COUNT, RB_LIM_APPLY };

/** A run: its dimensions, the compiled model and the buffer's layout.
 * A "garm" is a group in an arm, numbered group × A + arm. */
typedef struct rb_eng {
  const rb_scenario *sc;
  const rb_model *base; /**< compiled once (stochastic) */
  bool psa;
  bool cohort_only; /**< ser holds the whole cohort's row only */
  uint64_t seed;
  int H, G, R, n_items, n_years;
  int K, T;  /**< the views: kommuner and target groups (rb_scenario) */
  int A;     /**< arms: the scenario's n_arms */
  int limit; /**< subsidy.limit_citizens, 0: none */
  int KL;    /**< kommuner of the limit (rb_scenario.n_kommuner) */
  int GA;    /**< garms: G × A */
  rb_eng_layout L;
  size_t *e_off; /**< [GA + 1] offset of each garm's exposure block */
  size_t e_size;
  int n_drawn;
  int *drawn_param;
  /** rb_engine_trace(): the arm whose citizens' months are reported, and
   * where; NULL in every other run. */
  const struct rb_eng_trace *trace;
  /** rb_engine_run_from(): the given states by citizen, NULL otherwise. */
  const struct rb_eng_start *start;
  /** rb_engine_saving_shared(): the groups not simulated (their compiled
   * tables are the first run's), NULL: none; and the first run's totals
   * per replication and group, read for those groups (skip) or written
   * for every group (share_fill): [r][gi][disc][p][arm]
   * (rb_eng_share_index); NULL in every other run. */
  const bool *skip;
  double *share_tot;
  bool share_fill;
} rb_eng;

/** The entry of replication @p r's total of group @p gi in rb_eng.share_tot. */
static inline size_t rb_eng_share_index(const rb_eng *en, int r, int gi,
                                        int disc, int p, int arm) {
  return (((((size_t)r * (size_t)en->G + (size_t)gi) * RB_DISC_COUNT +
            (size_t)disc) *
               RB_P_COUNT +
           (size_t)p) *
          (size_t)en->A) +
         (size_t)arm;
}

/** rb_engine_run_from()'s states: per citizen of the cohort (groups one
 * after the other) its state or NULL. */
typedef struct rb_eng_start {
  int as_of;
  const int *first;                  /**< [G] index of the group's first */
  const rb_start_state **by_citizen; /**< [citizens] */
} rb_eng_start;

/** The given state of citizen @p i of group @p gi, or NULL. */
static inline const rb_start_state *rb_eng_start_of(const struct rb_eng *en,
                                                    int gi, int i) {
  return en->start != NULL ? en->start->by_citizen[en->start->first[gi] + i]
                           : NULL;
}

/** Where one replication's citizen-months go (rentbridge/trace.h). */
typedef struct rb_eng_trace {
  int arm;
  rb_trace_fn fn;
  void *ctx;
} rb_eng_trace;

/** What a citizen's months write to: the run, the replication's model,
 * the thread's workspace and the replication's buffer. */
typedef struct rb_eng_rep {
  const rb_eng *en;
  const rb_model *m;
  rb_eng_ws *ws;
  double *out;
  /** The citizen's month's last rent drawn (engine/cohort.c, flat_offer),
   * NULL where there is none to share. */
  struct rb_eng_rent_memo *rent;
} rb_eng_rep;

/** Sums over replications, added in replication order. */
typedef struct rb_eng_sums {
  double *ser;    /**< [G + 1][disc][p][arm][R] per-citizen totals */
  double *msum;   /**< [disc][garm][p][t] */
  double *hbsum;  /**< [disc][garm][t] */
  double *subsum; /**< [disc][garm][t] */
  double *items;  /**< [garm][item][slot][disc] */
  double *yearly; /**< [arm][year][payer][RB_YEARLY_*] */
  double *band;   /**< [p][t][nb] */
  int nb;         /**< replications the band is taken over */
  double *gtot;   /**< scratch of one replication: [G][disc][p][arm] totals */
  double *ky;     /**< [kommune][arm][item][year][payer] */
  double *kcit;   /**< [kommune][arm][year] citizens with a subsidy */
} rb_eng_sums;

/** Integer counts merged from the threads' workspaces. */
typedef struct rb_eng_counts {
  double *E;    /**< exposure, as rb_eng_ws.E (Etot in psa) */
  double *ED;   /**< as rb_eng_ws.ED */
  double *cnt;  /**< as rb_eng_ws.cnt */
  double *pcnt; /**< as rb_eng_ws.pcnt, NULL without pools */
  double *lcnt; /**< as rb_eng_ws.lcnt, NULL without a limit */
} rb_eng_counts;

/** The processes a run is split over (the MPI program, src/engine/mpi.c):
 * each process computes its own slice of every chunk of replications
 * (rb_eng_slice()), and the hooks share the slices and the counts, so
 * that every process reduces every replication in replication order and
 * holds the same results.  A single process has none (rb_eng_dist_get()
 * returns NULL). */
typedef struct rb_eng_dist {
  int rank, size;
  /** Every process's slice of the chunk @p buf (@p n replications of
   * @p per doubles, each process's own slice filled) into every process's
   * @p buf. @return RB_OK or RB_EINTERNAL. */
  rb_status (*share)(double *buf, size_t per, int n);
  /** Sum @p x over the processes, in place (exact: integer counts).
   * @return RB_OK or RB_EINTERNAL. */
  rb_status (*sum)(double *x, size_t n);
  /** The smallest of @p x over the processes, −1 counting as none. */
  rb_status (*first)(int *x);
} rb_eng_dist;

/** The processes of the run (NULL: one process). */
const rb_eng_dist *rb_eng_dist_get(void);

/** Set the processes (src/engine/mpi.c); NULL: one process. */
void rb_eng_dist_set(const rb_eng_dist *d);

/** Process @p k of @p K computes replications [*lo, *hi) of a chunk of
 * @p n. */
static inline void rb_eng_slice(int n, int k, int K, int *lo, int *hi) {
  *lo = (int)(((long long)n * k) / K);
  *hi = (int)(((long long)n * (k + 1)) / K);
}

/* ---- index functions of the scratch tables ------------------------------ */

/** The garm of group @p gi in @p arm. */
static inline int rb_eng_garm(const rb_eng *en, int gi, int arm) {
  return gi * en->A + arm;
}

/** [garm][p][t]: mg of the buffer. */
static inline size_t rb_eng_mg_index(const rb_eng *en, int ga_i, int p, int t) {
  return ((size_t)ga_i * RB_P_COUNT + (size_t)p) * (size_t)en->H + (size_t)t;
}

/** [garm][t]: hbm and subm of the buffer. */
static inline size_t rb_eng_garm_t_index(const rb_eng *en, int ga_i, int t) {
  return (size_t)ga_i * (size_t)en->H + (size_t)t;
}

/** [disc][garm][p][t]: msum. */
static inline size_t rb_eng_msum_index(const rb_eng *en, int disc, int ga_i,
                                       int p, int t) {
  return rb_eng_mg_index(en, disc * en->GA + ga_i, p, t);
}

/** [disc][garm][t]: hbsum and subsum. */
static inline size_t rb_eng_hbsum_index(const rb_eng *en, int disc, int ga_i,
                                        int t) {
  return rb_eng_garm_t_index(en, disc * en->GA + ga_i, t);
}

/** [garm][k][t], k = state − RB_H_EXITED: ED. */
static inline size_t rb_eng_gone_index(const rb_eng *en, int ga_i, int k,
                                       int t) {
  return ((size_t)ga_i * RB_ENG_GONE + (size_t)k) * (size_t)en->H + (size_t)t;
}

/** [garm][item][slot][disc]: the items of the buffer and of the sums, the
 * results' items layout with garms in place of arms. */
static inline size_t rb_eng_items_index(const rb_eng *en, int ga_i, int item,
                                        int slot, int disc) {
  return rb_items_index(en->n_items, ga_i, item, slot, disc);
}

/** Entries of an items table of @p n_arms arms (or garms). */
static inline size_t rb_eng_items_size(const rb_eng *en, int n_arms) {
  return rb_items_index(en->n_items, n_arms, 0, 0, 0);
}

/** Entries of a yearly table. */
static inline size_t rb_eng_yearly_size(const rb_eng *en) {
  return rb_yearly_index(en->n_years, en->A, 0, 0, 0);
}

/** Entries of the kommuner's budget years (0 without views). */
static inline size_t rb_eng_ky_size(const rb_eng *en) {
  return rb_kommune_year_index(en->A, en->n_items, en->n_years, en->K, 0, 0, 0,
                               0);
}

/** Entries of a [kommune][arm][year] table (rb_kommune_sub_index): the
 * citizen-months and the citizens with a subsidy (0 without views). */
static inline size_t rb_eng_kcit_size(const rb_eng *en) {
  return en->K > 0 ? rb_kommune_sub_index(en->A, en->n_years, en->K, 0, 0) : 0;
}

/** The entry of group @p gi's kommune in the kommuner's budget years. */
static inline size_t rb_eng_ky_index(const rb_eng *en, int gi, int arm,
                                     int item, int year, int payer) {
  return rb_kommune_year_index(en->A, en->n_items, en->n_years,
                               en->sc->groups[gi].kommune, arm, item, year,
                               payer);
}

/** [garm][C_COUNT]: cnt. */
static inline size_t rb_eng_cnt_index(int ga_i, int k) {
  return (size_t)ga_i * C_COUNT + (size_t)k;
}

/** [cell][t] within one garm's block of the exposure E. */
static inline size_t rb_eng_e_cell_index(const rb_eng *en, int cell, int t) {
  return (size_t)cell * (size_t)en->H + (size_t)t;
}

/** [garm][cell][t]: exposure E. */
static inline size_t rb_eng_e_index(const rb_eng *en, int ga_i, int cell,
                                    int t) {
  return en->e_off[ga_i] + rb_eng_e_cell_index(en, cell, t);
}

/** The results a run fills, by result index: every group (0 … G − 1),
 * the whole cohort (G), the kommuner (G + 1 … G + K), then the target
 * groups (G + K + 1 … G + K + T). */
static inline int rb_eng_n_results(const rb_eng *en) {
  return en->G + 1 + en->K + en->T;
}

/** Is group @p g one of the groups of result @p ri? */
static inline bool rb_eng_in_result(const rb_eng *en, int ri, int g) {
  if (ri < en->G) {
    return g == ri;
  }
  if (ri == en->G) {
    return true;
  }
  if (ri <= en->G + en->K) {
    return en->sc->groups[g].kommune == ri - en->G - 1;
  }
  return en->sc->groups[g].target == ri - en->G - 1 - en->K;
}

/** Rows of ser: every result (rb_eng_n_results), or the whole cohort's
 * only (cohort_only). */
static inline size_t rb_eng_ser_rows(const rb_eng *en) {
  return en->cohort_only ? 1 : (size_t)rb_eng_n_results(en);
}

/** Is result @p g's row (g == G: the whole cohort's) kept in ser? */
static inline bool rb_eng_ser_kept(const rb_eng *en, int g) {
  return !en->cohort_only || g == en->G;
}

/** The first of the R entries [row][disc][p][arm][R] of ser, the row of
 * group @p g (g == G: the whole cohort); rb_eng_ser_kept(en, g). */
static inline size_t rb_eng_ser_index(const rb_eng *en, int g, int disc, int p,
                                      int arm) {
  if (en->cohort_only) {
    g = 0;
  }
  return ((((size_t)g * RB_DISC_COUNT + (size_t)disc) * RB_P_COUNT +
           (size_t)p) *
              (size_t)en->A +
          (size_t)arm) *
         (size_t)en->R;
}

/** [g][disc][p][arm]: gtot of the sums, one replication's totals. */
static inline size_t rb_eng_gtot_index(const rb_eng *en, int g, int disc, int p,
                                       int arm) {
  return (((size_t)g * RB_DISC_COUNT + (size_t)disc) * RB_P_COUNT + (size_t)p) *
             (size_t)en->A +
         (size_t)arm;
}

/** The first of the nb entries [p][t][nb] of the band's sums. */
static inline size_t rb_eng_band_index(const rb_eng *en, const rb_eng_sums *S,
                                       int p, int t) {
  return ((size_t)p * (size_t)en->H + (size_t)t) * (size_t)S->nb;
}

/** The yearly column (RB_YEARLY_*) an item of @p kind is booked in. */
static inline int rb_eng_yearly_col(rb_kind kind) {
  return kind == RB_KIND_RESOURCE   ? RB_YEARLY_RESOURCE
         : kind == RB_KIND_TRANSFER ? RB_YEARLY_TRANSFER
                                    : RB_YEARLY_REVENUE;
}

/** Entry month of citizen @p i of group @p g (spread evenly over the
 * group's entry months). */
static inline int rb_eng_entry_month(const rb_group *g, int i) {
  return (int)(((long long)i * g->entry_months) / g->size);
}

/* ---- engine.c ------------------------------------------------------------ */

/** The run's dimensions from the scenario and the options, with the
 * segments counted from the scenario (nothing allocated, no model): what
 * rb_engine_memory() and the run itself work from. */
void rb_eng_dims(rb_eng *en, const rb_scenario *sc, const rb_run_opts *opts,
                 bool psa);

/** Replications per chunk on @p nt threads. */
int rb_eng_chunk_size(const rb_eng *en, int nt);

/* ---- limits.c ------------------------------------------------------------ */

/** The bytes a run with dimensions @p en takes on @p nt threads. */
double rb_eng_memory(const rb_eng *en, int nt);

/** Refuse a run before it allocates: a clock that would overflow, a
 * cohort above INT_MAX citizens, or more memory than @p limit bytes on
 * @p nt threads; each with a line in @p d (may be NULL).
 * @return RB_OK or RB_EINVALID. */
rb_status rb_eng_admit(const rb_eng *en, int nt, size_t limit, rb_diag *d);

/** The threads of @p nt that can be started (OMP_THREAD_LIMIT, and a trial
 * start of the threads the pool does not have yet), at least 1. */
int rb_eng_threads(int nt);

/* ---- finite.c ------------------------------------------------------------ */

/** Is every amount of the results finite?  If not, a line in @p d (may be
 * NULL) names the item and the input most likely to blame.
 * @return RB_OK or RB_EINVALID. */
rb_status rb_eng_check_results(const rb_results *res, const rb_eng *en,
                               rb_diag *d);

/* ---- cohort.c ------------------------------------------------------------ */

/** Simulate citizen @p i of group @p gi, entering in month @p entry, in
 * every arm of replication @p rep. */
void rb_eng_citizen(const rb_eng_rep *c, int gi, int i, int entry,
                    uint64_t rep);

/** One citizen of the month-major path (cohort.c; engine/pools.c). */
typedef struct rb_eng_cit rb_eng_cit;

/** The bytes of one rb_eng_cit. */
size_t rb_eng_cit_size(void);

/** Citizen @p i of group @p gi, entering in month @p entry, before its
 * first month. */
void rb_eng_cit_init(rb_eng_cit *ct, int gi, int i, int entry);

/** Before month @p t ≥ entry: the entry (at the entry month) and a given
 * start state (rb_engine_run_from).  @return a bit per arm in which the
 * citizen is subsidised (the planner's limit counts them). */
unsigned rb_eng_cit_prepare(const rb_eng_rep *c, rb_eng_cit *ct, uint64_t rep,
                            int t);

/** The start of month @p t ≥ entry in every arm, after
 * rb_eng_cit_prepare(): the month booked and the housing event, with the
 * citizen's own offers (none for a group of pools). */
void rb_eng_cit_start(const rb_eng_rep *c, rb_eng_cit *ct, uint64_t rep, int t);

/** Can the citizen take a pool's flat this month in @p arm (placed, or
 * homeless when @p homeless; its activity's bit in @p activity; no other
 * event)?  @return its months in the state (the wait), or −1. */
int rb_eng_cit_waiting(const rb_eng_cit *ct, int arm, bool homeless,
                       unsigned activity);

/** Offer a flat of rent @p rent, the whole flat's, of @p tenants
 * (rb_flat_case.tenants: 2–4 a place in a shared flat) (@p pr: its rows
 * tabled for the citizen's garm, or NULL: computed; @p almene: a scheme
 * that takes almene flats only can use it) in @p arm in month @p t.
 * @return 0 refused, 1 taken on ordinary terms, 2 taken subsidised. */
int rb_eng_cit_offer(const rb_eng_rep *c, rb_eng_cit *ct, int arm, double rent,
                     int tenants, const rb_pool_rows *pr, bool almene, int t);

/** The rest of month @p t in every arm, after the pools' offers. */
void rb_eng_cit_end(const rb_eng_rep *c, rb_eng_cit *ct, int t);

/* ---- pools.c ------------------------------------------------------------- */

/** Does group @p gi take its flats from pools? */
static inline bool rb_eng_group_pooled(const rb_scenario *sc, int gi) {
  return sc->groups[gi].arm[RB_ARM_INTERVENTION].flats.pools != 0;
}

/** [pool][arm][t][k]: pcnt. */
static inline size_t rb_eng_pcnt_index(const rb_eng *en, int pool, int arm,
                                       int t, int k) {
  return (((size_t)pool * (size_t)en->A + (size_t)arm) * (size_t)en->H +
          (size_t)t) *
             RB_POOL_COUNTS +
         (size_t)k;
}

/** Entries of pcnt (0 without pools). */
static inline size_t rb_eng_pcnt_size(const rb_eng *en) {
  return rb_eng_pcnt_index(en, en->sc->n_pools, 0, 0, 0);
}

/** Entries of lcnt (0 without a limit): [kommune][arm][t][2], then 1. */
static inline size_t rb_eng_lcnt_size(const rb_eng *en) {
  return en->limit > 0 ? (size_t)en->KL * (size_t)en->A * (size_t)en->H * 2 + 1
                       : 0;
}

/** The month-major path's workspace of a thread into @p w; RB_ENOMEM. */
rb_status rb_eng_pools_ws_alloc(rb_eng_ws *w, const rb_eng *en);

/** Free it; NULL-safe. */
void rb_eng_pools_ws_free(rb_eng_ws *w);

/** The bytes of one thread's month-major workspace. */
double rb_eng_pools_ws_bytes(const rb_eng *en);

/** Replication @p rep's groups of pools (@p all: every group), month by
 * month: each month every citizen's entry, with the planner's limit the
 * subsidised counted, then every citizen's start, each pool's flats
 * offered in its order, and every citizen's rest of the month. */
void rb_eng_pools_replication(const rb_eng_rep *c, uint64_t rep, bool all);

/** rb_engine_trace() where citizens run month by month (pools, the
 * planner's limit): the rows collected, then given in the order of group,
 * citizen and month that rentbridge/trace.h promises. */
typedef struct rb_eng_trace_buf {
  rb_trace_month *rows;
  size_t n, cap;
  bool oom;
} rb_eng_trace_buf;

/** An rb_trace_fn collecting into the rb_eng_trace_buf @p ctx. */
void rb_eng_trace_collect(void *ctx, const rb_trace_month *m);

/** The rows of @p b sorted to @p fn with @p ctx, then freed.
 * @return RB_OK, or RB_ENOMEM when a row could not be kept. */
rb_status rb_eng_trace_replay(rb_eng_trace_buf *b, rb_trace_fn fn, void *ctx);

/* ---- replication.c ------------------------------------------------------- */

/** Run replication @p r into its buffer @p out (en->L.size entries).  In
 * psa mode, when the replication's model fails (an amount not finite), its
 * buffer stays zero and ws->bad_rep keeps the first such replication. */
void rb_eng_replication(const rb_eng *en, rb_eng_ws *ws, int r, double *out);

/** psa: draw replication @p r's values into @p ws and compile its model.
 * @return rb_model_compile()'s status. */
rb_status rb_eng_draw_model(const rb_eng *en, rb_eng_ws *ws, int r);

/** The exposure counts @p E (rb_eng.e_size entries, rows of H months)
 * from their runs to counts: the months of each row summed in order.
 * The monthly step books a run of months in one cell as +1 in its first
 * month and −1 in the month after its last; the counts are integers, so
 * the sums, of any number of replications and threads in any order, are
 * exact. */
void rb_eng_exposure_runs(const rb_eng *en, double *E);

/** psa: note that row @p row of the thread's E is booked in this
 * replication (rb_eng_ws.rows). */
static inline void rb_eng_row_seen(rb_eng_ws *ws, int row) {
  if (!ws->seen[row]) {
    ws->seen[row] = 1;
    ws->rows[ws->n_rows++] = row;
  }
}

/** Add the cell-based items of garm @p ga_i, from its exposure counts @p E,
 * to @p items ([garm][item][slot][disc], every garm's: the reference arm's
 * exposure carries the realisable share's corrections of the other arms),
 * to @p yearly and, with views, to the kommuner's budget years @p ky. */
void rb_eng_fold_exposure(const rb_eng *en, const rb_model *m, const double *E,
                          int ga_i, double *items, double *yearly, double *ky);

/* ---- reduce.c ------------------------------------------------------------ */

/** Allocate the sums of a run; RB_ENOMEM. */
rb_status rb_eng_sums_alloc(rb_eng_sums *S, const rb_eng *en);

/** Free the sums; NULL-safe. */
void rb_eng_sums_free(rb_eng_sums *S);

/** Add replication @p r's buffer @p b to the sums (in replication order)
 * and keep its psa values and savings in @p res. */
void rb_eng_reduce_rep(const rb_eng *en, rb_eng_sums *S, const double *b, int r,
                       rb_results *res);

/** Sum the integer counts of @p nt workspaces into @p out (allocated). */
rb_status rb_eng_counts_merge(rb_eng_counts *out, const rb_eng *en,
                              const rb_eng_ws *wss, int nt);

/** Sum merged counts over the processes @p d, in place (exact: each a
 * count). @return RB_OK or RB_EINTERNAL. */
rb_status rb_eng_counts_share(rb_eng_counts *k, const rb_eng *en,
                              const rb_eng_dist *d);

/** Free merged counts; NULL-safe. */
void rb_eng_counts_free(rb_eng_counts *k);

/* ---- stats.c ------------------------------------------------------------- */

/** Fill the results of every group and of the whole cohort from the sums
 * and the counts; RB_ENOMEM. */
rb_status rb_eng_finalize(rb_results *res, const rb_eng *en,
                          const rb_eng_sums *S, const rb_eng_counts *k);

/* ---- quantile.c ---------------------------------------------------------- */

/** The quantile @p f (0 … 1) of the @p n values @p a, as
 * gsl_stats_quantile_from_sorted_data() gives it of the sorted values, bit
 * for bit, without a full sort (@p a is reordered). */
double rb_eng_quantile(double *a, size_t n, double f);

/* ---- kommune_years.c ---------------------------------------------------- */

/** The kommuners' budget years and subsidised months (with views). */
void rb_eng_kommune_years(rb_results *res, const rb_eng *en,
                          const rb_eng_sums *S, const rb_eng_counts *k);

/* ---- results.c ----------------------------------------------------------- */

/** Allocate the results' tables and fill the run's dimensions and the item
 * names; RB_ENOMEM (then rb_results_free). */
rb_status rb_eng_results_alloc(rb_results *res, const rb_eng *en, int threads);

#endif
