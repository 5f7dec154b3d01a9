/**
 * @file track.h
 * @brief Tracking a pilot (docs/tracking.md): its citizens in the
 * observed-data format, read and checked like a scenario; the monthly rates
 * they inform, updated from the scenario's values; the observed measures
 * against the forecast.  The track layer sits above folder/: it may use
 * the engine, the decision tools and the writers.
 */
#ifndef RENTBRIDGE_TRACK_H
#define RENTBRIDGE_TRACK_H

#include "rentbridge/scenario.h"
#include "rentbridge/status.h"

#include <stdint.h>
#include <stdio.h>

/** The observed-data file's header line (docs/tracking.md). */
#define RB_TRACK_HEADER                                                        \
  "citizen,group,month,housing,activity,months_in_state,rent,subsidy"

/**
 * "YYYY-MM" of month @p t (0-based) of the horizon of @p sc.
 * @param buf where, at least 8 bytes.
 * @param n its size.
 * @param sc the scenario (its start).
 * @param t month.
 */
void rb_track_month_text(char *buf, size_t n, const rb_scenario *sc, int t);

/**
 * Write one replication's intervention citizens, one row per citizen and
 * month from entry (docs/tracking.md), to @p f.
 * @param f where (the header first).
 * @param sc a loaded scenario (its mode: psa draws the values first).
 * @param seed the run's seed.
 * @param replication 0-based.
 * @param diag why the run is refused; may be NULL.
 * @return RB_OK, RB_EIO, RB_EINVALID, RB_ENOMEM or RB_EINTERNAL.
 */
rb_status rb_track_simulate_pilot(FILE *f, const rb_scenario *sc,
                                  uint64_t seed, int replication,
                                  rb_diag *diag);

#endif
