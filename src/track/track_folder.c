/* `rentbridge track`'s results folder (track.h, rb_track_dir_write): the
 * observed file checked, the forecast, the rates and calibrated.cfg, then
 * the folder written atomically like a run's. */
#include "folder/folder_internal.h"
#include "rentbridge/engine.h"
#include "rentbridge/output.h"
#include "track/track_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* "YYYY-MM" as a month of the horizon, or −1. */
static int as_of_month(const rb_scenario *sc, const char *s) {
  int y = 0, m = 0, used = 0;
  if (s == NULL || strlen(s) != 7 ||
      sscanf(s, "%4d-%2d%n", &y, &m, &used) != 2 || used != 7 || m < 1 ||
      m > 12) {
    return -1;
  }
  int t =
      y * 12 + m - 1 - (sc->info.start_year * 12 + sc->info.start_month - 1);
  return t >= 0 && t < sc->info.horizon_months ? t : -1;
}

/* Per group the share of offered flats the forecast's citizens accept. */
static rb_status accepted_shares(double *share, const rb_scenario *sc,
                                 const rb_run_opts *ro) {
  rb_results r;
  rb_status st = rb_engine_run(&r, sc, ro);
  if (st != RB_OK) {
    return st;
  }
  for (int g = 0; g < sc->n_groups; g++) {
    share[g] = r.groups[g].outcomes[RB_ARM_INTERVENTION].offers_accepted_share;
  }
  rb_results_free(&r);
  return RB_OK;
}

/* A value within the key's range, rounded to 6 significant digits. */
static double in_range(const rb_param *p, double x) {
  char b[32];
  snprintf(b, sizeof b, "%.6g", x);
  x = strtod(b, NULL);
  return fmin(fmax(x, p->min), p->max);
}

/* The scenario with the updated rates: the user's --set, then per rate
 * KEY={ value; low; high; source } (or the values with low = high when the
 * ranges do not load: an out-of-state sum above 1 at the highs). */
static rb_status calibrated_load(rb_scenario **out, const rb_scenario *sc,
                                 const rb_track_opts *o,
                                 const rb_track_rate_list *rl, rb_diag *why) {
  int n = o->n_sets + rl->n;
  const char **sets = calloc((size_t)n + 1, sizeof *sets);
  int used = 0;
  char *buf = calloc((size_t)rl->n + 1, 512);
  if (sets == NULL || buf == NULL) {
    free(sets);
    free(buf);
    return RB_ENOMEM;
  }
  rb_status st = RB_EINVALID;
  for (int pass = 0; pass < 3 && st != RB_OK; pass++) {
    for (int i = 0; i < o->n_sets; i++) {
      sets[i] = o->sets[i];
    }
    n = o->n_sets;
    for (int i = 0; i < rl->n; i++) {
      const rb_track_rate *r = &rl->rates[i];
      const rb_param *p = &sc->params[r->param];
      char *s = buf + (size_t)i * 512;
      /* Last: leave out the rates the model cannot reach (a move-in rate
       * above what offers of at most 1 a month give). */
      if (pass == 2 && r->calibrated > p->max) {
        continue;
      }
      double v = in_range(p, r->calibrated), lo = in_range(p, r->cal_low),
             hi = in_range(p, r->cal_high);
      if (pass == 0) {
        snprintf(s, 512,
                 "%s={ value = %.6g; low = %.6g; high = %.6g; source = "
                 "\"rentbridge track: %.0f events in %.0f months\"; }",
                 p->key, v, fmin(lo, v), fmax(hi, v), r->events, r->exposure);
      } else {
        snprintf(s, 512,
                 "%s={ value = %.6g; low = %.6g; high = %.6g; source = "
                 "\"rentbridge track (range left out: the highs do not "
                 "fit)\"; }",
                 p->key, v, v, v);
      }
      sets[n++] = s;
    }
    rb_diag d;
    rb_diag_init(&d);
    rb_load_opts lo = {sets, n};
    *out = NULL;
    st = rb_scenario_load(out, sc->path, &lo, &d);
    used = pass;
    for (size_t k = 0; pass == 2 && st != RB_OK && k < d.n && k < 5; k++) {
      rb_diag_add(why, NULL, 0, NULL, "  %s", d.msgs[k]);
    }
    rb_diag_free(&d);
  }
  if (st == RB_OK && used > 0) {
    rb_diag_add(why, "calibrated.cfg", 0, NULL, "note: %s",
                used == 1 ? "the updated rates' ranges do not fit (a state's "
                            "probabilities above 1 at the highs): the "
                            "values are written with low = high"
                          : "the rates the model cannot reach (a move-in "
                            "rate above offers of 1 a month) are left at "
                            "the scenario's values; the others have low = "
                            "high");
  }
  free(sets);
  free(buf);
  return st;
}

static rb_status track_fill(rb_dir_job *job, const rb_scenario *sc,
                            rb_run_meta *meta, const void *ctx, rb_diag *diag) {
  (void)sc;
  (void)meta;
  const rb_track_job *j = ctx;
  rb_status st = rb_track_write_tables(job->tmp, j);
  char sub[PATH_MAX + 32];
  snprintf(sub, sizeof sub, "%s/forecast", job->tmp);
  if (st == RB_OK && j->reforecast != NULL) {
    st = mkdir(sub, 0777) == 0 ? RB_OK : RB_EIO;
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/summary.json", sub);
    if (st == RB_OK) {
      st = rb_write_summary_json(path, j->reforecast_sc, j->reforecast);
    }
    if (st == RB_OK) {
      st = rb_write_csvs(sub, j->reforecast_sc, j->reforecast);
    }
  }
  if (st == RB_OK) {
    st = rb_track_write_report(job->tmp, j, diag);
  }
  return st;
}

/* The forecast, the rates and the calibrated scenario of @p obs. */
static rb_status track_compute(rb_track_job *j, rb_track_band *band,
                               rb_track_rate_list *rl, rb_scenario **cal,
                               const rb_track_opts *o, int as_of,
                               rb_diag *diag) {
  const rb_scenario *sc = j->sc;
  rb_run_opts ro = {0};
  ro.replications = o->replications;
  ro.seed_given = true;
  ro.seed = o->seed;
  ro.diag = diag;
  double *share = calloc((size_t)sc->n_groups + 1, sizeof *share);
  rb_status st = share == NULL ? RB_ENOMEM : accepted_shares(share, sc, &ro);
  if (st == RB_OK) {
    st = rb_track_rates(rl, sc, j->obs, as_of, share);
  }
  free(share);
  int R = o->replications > 0 ? o->replications : sc->info.replications;
  if (st == RB_OK) {
    st = rb_track_band_compute(band, sc, j->obs, as_of, R, o->seed, diag);
  }
  if (st == RB_OK) {
    rb_diag why;
    rb_diag_init(&why);
    if (calibrated_load(cal, sc, o, rl, &why) != RB_OK) {
      rb_diag_add(diag, "calibrated.cfg", 0, NULL,
                  "note: the scenario with the updated rates does not load; "
                  "calibrated.cfg is not written:");
    }
    for (size_t k = 0; k < why.n; k++) {
      rb_diag_add(diag, NULL, 0, NULL, "%s", why.msgs[k]);
    }
    rb_diag_free(&why);
  }
  j->rates = rl;
  j->band = band;
  j->calibrated = *cal;
  return st;
}

/* The new forecast from @p as_of, with the calibrated scenario when it
 * loaded. */
static rb_status reforecast(rb_track_job *j, rb_results *out,
                            const rb_track_opts *o, int as_of, rb_diag *diag) {
  rb_start_state *states = NULL;
  int n = 0;
  rb_status st = rb_track_start_states(&states, &n, j->sc, j->obs, as_of);
  rb_run_opts ro = {0};
  ro.replications = o->replications;
  ro.seed_given = true;
  ro.seed = o->seed;
  ro.diag = diag;
  j->reforecast_sc = j->calibrated != NULL ? j->calibrated : j->sc;
  if (st == RB_OK) {
    st = rb_engine_run_from(out, j->reforecast_sc, &ro, as_of, states, n);
  }
  free(states);
  j->n_started = n;
  j->reforecast = st == RB_OK ? out : NULL;
  return st;
}

rb_status rb_track_dir_write(const char *dir, bool force, const rb_scenario *sc,
                             const rb_track_opts *o, rb_run_meta *meta,
                             rb_diag *diag) {
  rb_observed obs;
  rb_status st = rb_observed_load(&obs, o->observed, sc, diag);
  if (st != RB_OK) {
    return st;
  }
  int as_of = o->as_of != NULL ? as_of_month(sc, o->as_of) : obs.last_month;
  if (as_of < 0) {
    rb_diag_add(diag, o->observed, 0, "--as-of",
                "must be YYYY-MM within the scenario's horizon (got \"%s\")",
                o->as_of);
    rb_observed_free(&obs);
    return RB_EINVALID;
  }
  rb_track_job j = {sc, NULL, &obs, NULL, NULL, o->observed, NULL, NULL, 0};
  rb_track_band band = {0};
  rb_track_rate_list rl = {0};
  rb_scenario *cal = NULL;
  rb_results rf = {0};
  st = track_compute(&j, &band, &rl, &cal, o, as_of, diag);
  if (st == RB_OK) {
    st = reforecast(&j, &rf, o, as_of, diag);
  }
  if (st == RB_OK) {
    meta->seed = o->seed;
    meta->replications = band.replications;
    st = rb_dir_write(NULL, dir, force, sc, meta, "tracking", diag, track_fill,
                      &j);
  }
  rb_results_free(&rf);
  rb_scenario_free(cal);
  rb_track_rates_free(&rl);
  rb_track_band_free(&band);
  rb_observed_free(&obs);
  return st;
}
