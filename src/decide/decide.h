/**
 * @file decide.h
 * @brief What the decision-analysis files (curve.c, sweep.c, tornado.c,
 * psa_drivers.c) share inside the library: the break-even values and the
 * best value of a curve, the values of a sweep and their --set literals,
 * and the progress of one engine run among several.  Nothing here writes.
 */
#ifndef RENTBRIDGE_DECIDE_H
#define RENTBRIDGE_DECIDE_H

#include "rentbridge/decision.h"

#include <stdbool.h>
#include <stddef.h>

/** A sweep has at most this many values. */
#define RB_SWEEP_MAX_VALUES 10000

/**
 * The values at which a curve crosses zero (the break-even values of a
 * sweep).  Between two neighbouring points with opposite signs the crossing
 * is interpolated linearly: x0 + (x1 − x0) · y0 / (y0 − y1).  When exact
 * zeros stand between a negative and a positive point, the first of them is
 * the crossing.  A curve that only touches zero (…, 5, 0, 5, …), or starts or
 * ends at zero without changing sign, does not cross.  A point whose y is
 * not finite breaks the curve: no crossing is interpolated across it.
 *
 * @param[out] out the crossings in increasing order of position; at most
 *             @p max_out are written (@p out may be NULL when max_out = 0).
 * @param max_out room in @p out.
 * @param x    the values, increasing.
 * @param y    the mean saving at each value.
 * @param n    number of points.
 * @return the number of crossings (which may exceed @p max_out).
 */
int rb_decision_crossings(double *out, int max_out, const double *x,
                          const double *y, int n);

/**
 * Index of the largest finite @p y (the first one on ties).
 * @param y the values.
 * @param n how many.
 * @return the index, or −1 when no @p y is finite.
 */
int rb_decision_argmax(const double *y, int n);

/**
 * The values of a sweep: from + i · step for i = 0 … ⌊(to − from)/step +
 * 1e-9⌋.  A value of a real-valued key is rounded to 15 significant digits
 * (so that 0.1 + 2 · 0.1 is 0.3, the number a user would have written).
 * @param[out] out a new array of *n values (free()), NULL on failure.
 * @param[out] n   number of values.
 * @param from, to, step the range, as the user gave it.
 * @param integer  the key takes whole numbers: @p from and @p step must be
 *                 integral.
 * @param diag     where a usage error is explained.
 * @return RB_OK; RB_EUSAGE (a message in @p diag) when step ≤ 0, to < from,
 *         a bound is not finite, more than RB_SWEEP_MAX_VALUES values, or a
 *         non-integral from/step for an integer key; RB_ENOMEM.
 */
rb_status rb_sweep_values(double **out, int *n, double from, double to,
                          double step, bool integer, rb_diag *diag);

/**
 * Format a sweep value as the libconfig literal that --set receives: a whole
 * number below 2^31 as an integer ("2500"), one from 2^31 with the L suffix
 * for an integer key, and any other number with 17 significant digits (it
 * reads back to the same double).
 * @param[out] buf the literal.
 * @param n    room in @p buf.
 * @param v    the value.
 * @param integer the key takes whole numbers.
 */
void rb_sweep_literal(char *buf, size_t n, double v, bool integer);

/** The progress of one engine run among @p runs (a sweep's values, a
 * tornado's lows and highs), reported through @p fn as run @p run. */
typedef struct rb_decide_progress {
  rb_decision_progress fn; /**< may be NULL: no progress wanted */
  void *ctx;               /**< @p fn's context */
  int run, runs;
} rb_decide_progress;

/** The engine's progress callback; @p ctx is an rb_decide_progress. */
static inline void rb_decide_engine_progress(void *ctx, int done, int total) {
  const rb_decide_progress *p = ctx;
  p->fn(p->ctx, p->run, p->runs, done, total);
}

/**
 * The scenario a sweep's value or a tornado's bar is run with: @p sc with
 * only its arm 0 (the arm the headline is about) and its reference (arm
 * 1), in the shallow copy @p view.  Those runs read only arm 0's saving
 * against the reference and arm 0's outcomes.  Every arm's path depends
 * only on its own states and the citizen's random numbers, which are
 * drawn whatever the arms (the realisable share of arm 0 reads the
 * reference, which stays), so the two arms' figures are the same bit for
 * bit as in the run of every arm; the others' work is left out
 * (docs/performance.md, "Sweeps that share work").
 * @return @p view, or @p sc itself when it has only the two.
 */
static inline const rb_scenario *rb_decide_two_arms(rb_scenario *view,
                                                    const rb_scenario *sc) {
  if (sc->n_arms <= 2) {
    return sc;
  }
  *view = *sc;
  view->n_arms = 2;
  return view;
}

/** The progress of one run that stands for @p k runs from run @p first
 * on (several variants as arms of one run): its replications spread over
 * them, so that the bar moves as through their own runs. */
typedef struct rb_decide_spread {
  const rb_decide_progress *pc;
  int first, k;
} rb_decide_spread;

/** The engine's progress callback of such a run; @p ctx is an
 * rb_decide_spread. */
static inline void rb_decide_spread_progress(void *ctx, int done, int total) {
  const rb_decide_spread *w = ctx;
  const long long pos = (long long)w->k * done;
  int j = total > 0 ? (int)(pos / total) : w->k;
  long long rem = total > 0 ? pos % total : 0;
  if (j >= w->k) {
    j = w->k - 1;
    rem = total;
  }
  w->pc->fn(w->pc->ctx, w->first + j + 1, w->pc->runs, (int)rem, total);
}

struct rb_model;

/** @p sc compiled at its parameters' values into @p m, the values in *v
 * (both freed by rb_decide_model_free, also when it fails); false when
 * it cannot be compiled. */
bool rb_decide_model(struct rb_model *m, double **v, const rb_scenario *sc);

/** Free what rb_decide_model() took. */
void rb_decide_model_free(struct rb_model *m, double *v);

/** Are arm @p arm of the model @p wide of a run of several variants and
 * its reference compiled as the variant's own run @p own compiles its arm
 * @p own_arm and its reference, with the same model-wide part
 * (rb_model_arm_same), at the scenario's values? */
bool rb_decide_as_own(const struct rb_model *wide, int arm,
                      const rb_scenario *own, int own_arm);

/** Does the run of several variants @p wide fit the memory limit of
 * @p ro (rb_engine_memory)? */
bool rb_decide_fits(const rb_scenario *wide, const rb_run_opts *ro);

/** The arm of the @p j-th variant in a run of several variants beside
 * one reference (a sweep's values, the waivers' rows): the first in arm 0,
 * the reference in arm 1, the others after it, up to RB_MAX_ARMS − 1. */
static inline int rb_decide_wide_arm(int j) {
  return j == 0 ? RB_ARM_INTERVENTION : j + 1;
}

#endif
