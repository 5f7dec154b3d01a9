/* What the engine needs for the law's clocks and the realisable share of
 * a freed bed (issue 12), compiled beside a group-arm's tables: which of
 * its items count their payer schedule on another clock, which activity's
 * income follows the refusionstrappe, and which items save only part of
 * their amount when a bed is freed (docs/model.md, "The law's clocks"). */
#ifndef RENTBRIDGE_MODEL_NETCLOCK_H
#define RENTBRIDGE_MODEL_NETCLOCK_H

#include "model/model.h"

/** Weeks in one of the model's months: the refusionstrappe's weeks of
 * receipt and its reset (finansieringsloven §§ 5-6) count 52/12 a month. */
#define RB_WEEKS_PER_MONTH (52.0 / 12.0)

/** List @p ga's clocked and realisable items (structure only).
 * @return RB_OK or RB_ENOMEM. */
rb_status rb_netclock_alloc(rb_garm *ga, const rb_scenario *sc);

/** The parameter-dependent part: the realisable shares and the
 * refusionstrappe's activities, with values @p v. */
/** Each realisable item of @p ga found in the reference arm's garm @p ref
 * of the same group (rb_garm.real_kb): its index in ref->used, or −1. */
void rb_netclock_link(rb_garm *ga, const rb_garm *ref);

void rb_netclock_compile(rb_garm *ga, const rb_scenario *sc, const double *v);

/** Free what rb_netclock_alloc() took; NULL-safe members. */
void rb_netclock_free(rb_garm *ga);

/** The bytes rb_netclock_alloc() takes for @p n_used items. */
double rb_netclock_bytes(size_t n_used);

#endif
