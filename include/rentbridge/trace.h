/**
 * @file trace.h
 * @brief One replication's citizens month by month (docs/tracking.md): the
 * engine's narrow hook for synthetic pilots (`rentbridge simulate-pilot`)
 * and tests.  Nothing else in a run changes; a traced replication is the
 * same replication, with the same random numbers, as in rb_engine_run().
 */
#ifndef RENTBRIDGE_TRACE_H
#define RENTBRIDGE_TRACE_H

#include "rentbridge/engine.h"
#include "rentbridge/scenario.h"
#include "rentbridge/status.h"

/** A citizen at the start of one month of the horizon. */
typedef struct rb_trace_month {
  int group;           /**< index in rb_scenario.groups */
  int citizen;         /**< 0-based within the group */
  int entry;           /**< the citizen's entry month, 0-based */
  int month;           /**< 0-based month of the horizon */
  int housing;         /**< rb_housing at the start of the month */
  int activity;        /**< rb_activity at the start of the month */
  int months_in_state; /**< the clock at the start of the month */
  double rent;         /**< the flat's rent when housed, NAN otherwise */
  double subsidy;      /**< rent subsidy paid in the month, kr */
} rb_trace_month;

/** Called for every citizen-month, from the entry month on, up to and
 * including the first month the citizen is dead or has moved away. */
typedef void (*rb_trace_fn)(void *ctx, const rb_trace_month *m);

/**
 * Run replication @p replication of @p sc (its mode: psa draws its values
 * first) on one thread and report arm @p arm's citizen-months to @p fn, in
 * order of group, citizen and month.
 * @param sc a loaded scenario.
 * @param seed the run's seed (the scenario's seed for the same citizens as
 *   rentbridge run).
 * @param replication 0-based, below the scenario's replications or any.
 * @param arm RB_ARM_INTERVENTION or RB_ARM_BASELINE.
 * @param fn where the months go; @p ctx is passed to it.
 * @param ctx any.
 * @param diag why the run is refused (as rb_engine_run); may be NULL.
 * @return RB_OK, RB_EINVALID, RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_engine_trace(const rb_scenario *sc, uint64_t seed, int replication,
                          int arm, rb_trace_fn fn, void *ctx, rb_diag *diag);

/** An observed citizen's state at the start of a re-forecast. */
typedef struct rb_start_state {
  int group;           /**< index in rb_scenario.groups */
  int citizen;         /**< 0-based within the group, below its size */
  int entry;           /**< the month it entered, before the re-forecast */
  int housing;         /**< rb_housing at the start of the re-forecast */
  int activity;        /**< rb_activity */
  int months_in_state; /**< its clock */
  double rent;         /**< the flat's rent when housed */
} rb_start_state;

/**
 * Re-forecast from month @p as_of: rb_engine_run() (the same options and
 * replications), except that each citizen of @p states, which entered
 * before @p as_of, enters in its month and, in the intervention arm, is at
 * the start of month @p as_of in its given state and clock (the months
 * before are simulated as always; the baseline arm is the plan's).  Every
 * other citizen follows the plan, so with no state (or @p as_of 0) the run
 * is rb_engine_run()'s, number for number.
 * @param[out] out results, free with rb_results_free().
 * @param sc the scenario.
 * @param opts as for rb_engine_run(); may be NULL.
 * @param as_of the month (0-based) the given states hold at.
 * @param states @p n states (a citizen at most once).
 * @param n their number.
 * @return as rb_engine_run(); RB_EINVALID for a state out of range.
 */
rb_status rb_engine_run_from(rb_results *out, const rb_scenario *sc,
                             const rb_run_opts *opts, int as_of,
                             const rb_start_state *states, int n);

#endif
