/**
 * @file trace.h
 * @brief One replication's citizens month by month (docs/tracking.md): the
 * engine's narrow hook for synthetic pilots (`rentbridge simulate-pilot`)
 * and tests.  Nothing else in a run changes; a traced replication is the
 * same replication, with the same random numbers, as in rb_engine_run().
 */
#ifndef RENTBRIDGE_TRACE_H
#define RENTBRIDGE_TRACE_H

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

#endif
