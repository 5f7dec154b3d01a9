/* The new forecast from --as-of (track.h, rb_track_start_states): the
 * observed citizens who entered before it continue from their observed
 * state and clock (rb_engine_run_from); later ones follow the plan. */
#include "rentbridge/trace.h"
#include "rentbridge/track.h"

#include <stdlib.h>
#include <string.h>

/* The state of citizen rows [a, b) at the start of month @p as_of: its row
 * of that month, or its last row when it died or moved away before;
 * NULL when it is not known (no row yet, or the file stops earlier). */
static const rb_obs_row *state_at(const rb_obs_row *rows, int a, int b,
                                  int as_of) {
  for (int k = a; k < b; k++) {
    if (rows[k].month == as_of) {
      return &rows[k];
    }
  }
  const rb_obs_row *last = &rows[b - 1];
  return last->month < as_of && last->housing >= RB_H_EXITED ? last : NULL;
}

rb_status rb_track_start_states(rb_start_state **out, int *n,
                                const rb_scenario *sc, const rb_observed *o,
                                int as_of) {
  *out = NULL;
  *n = 0;
  rb_start_state *s = calloc((size_t)o->n_citizens + 1, sizeof *s);
  int *taken = calloc((size_t)sc->n_groups + 1, sizeof *taken);
  if (s == NULL || taken == NULL) {
    free(s);
    free(taken);
    return RB_ENOMEM;
  }
  for (int a = 0; a < o->n_rows;) {
    int b = a + 1;
    while (b < o->n_rows && o->rows[b].citizen == o->rows[a].citizen) {
      b++;
    }
    const rb_obs_row *first = &o->rows[a];
    const rb_obs_row *now = state_at(o->rows, a, b, as_of);
    int g = first->group;
    if (first->month < as_of && now != NULL && taken[g] < sc->groups[g].size) {
      rb_start_state *x = &s[(*n)++];
      x->group = g;
      x->citizen = taken[g]++;
      x->entry = first->month;
      x->housing = now->housing;
      x->activity = now->activity;
      x->months_in_state = now->months_in_state;
      x->rent = now->rent;
    }
    a = b;
  }
  free(taken);
  *out = s;
  return RB_OK;
}
