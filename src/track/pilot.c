/* A synthetic pilot: one replication's citizens of a scenario in the
 * observed-data format (track.h; docs/tracking.md). */
#include "base/csv.h"
#include "rentbridge/trace.h"
#include "rentbridge/track.h"

#include <math.h>
#include <stdio.h>

/* What the trace's rows are written to. */
typedef struct pilot_out {
  FILE *f;
  const rb_scenario *sc;
} pilot_out;

void rb_track_month_text(char *buf, size_t n, const rb_scenario *sc, int t) {
  int k = sc->info.start_year * 12 + (sc->info.start_month - 1) + t;
  snprintf(buf, n, "%04d-%02d", k / 12, k % 12 + 1);
}

static void pilot_row(void *ctx, const rb_trace_month *m) {
  const pilot_out *o = ctx;
  const char *g = o->sc->groups[m->group].name;
  char month[16];
  rb_track_month_text(month, sizeof month, o->sc, m->month);
  fprintf(o->f, "%s-%04d,%s,%s,%s,%s,%d,", g, m->citizen + 1, g, month,
          rb_housing_name((rb_housing)m->housing),
          rb_activity_name((rb_activity)m->activity), m->months_in_state);
  if (isfinite(m->rent)) {
    rb_csv_num(o->f, m->rent);
  }
  fputc(',', o->f);
  rb_csv_num(o->f, m->subsidy);
  fputc('\n', o->f);
}

rb_status rb_track_simulate_pilot(FILE *f, const rb_scenario *sc, uint64_t seed,
                                  int replication, rb_diag *diag) {
  fputs(RB_TRACK_HEADER "\n", f);
  pilot_out o = {f, sc};
  rb_status st = rb_engine_trace(sc, seed, replication, RB_ARM_INTERVENTION,
                                 pilot_row, &o, diag);
  if (st == RB_OK && (fflush(f) != 0 || ferror(f))) {
    st = RB_EIO;
  }
  return st;
}
