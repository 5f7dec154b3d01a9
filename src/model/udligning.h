/* Udligning in the kommune's books (udligningsloven § 2): the share of a
 * change in kommuneskat the kommune keeps (docs/model.md, "Money"). */
#ifndef RENTBRIDGE_MODEL_UDLIGNING_H
#define RENTBRIDGE_MODEL_UDLIGNING_H

#include "rentbridge/scenario.h"

#include <stdbool.h>

/**
 * The share of one krone of extra kommuneskat that group @p gi's kommune
 * keeps after udligning, with parameter values @p v: 1 − (rate + the
 * low-base or high-base rate where the kommune's tax base index is below
 * or above its limit + the hovedstad rate in the hovedstadsområde) ×
 * t_avg / t, clamped to [0, 1] (t: the group's kommuneskat, t_avg: the
 * rules' average; § 2, stk. 2-4 and 6).  1 when the switch is off, the
 * rules file has no udligning block or the kommune gives no tax base
 * index (the scenario's or the group's).
 */
double rb_udligning_kept(const rb_scenario *sc, int gi, const double *v);

/** Does any group of @p sc have its kommuneskat equalised (a kept share
 * below 1 with values @p v)? */
bool rb_udligning_any(const rb_scenario *sc, const double *v);

#endif
