/* The monthly rates a pilot's citizens inform, updated from the scenario's
 * values (track.h, rb_track_rates; docs/tracking.md, "Updated rates"): per
 * rate the exposure-months and events, and a beta-binomial update of a Beta
 * prior built from the value and its low/high. */
#include "rentbridge/track.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The weight of a plain value (no low/high) as a prior: worth this many
 * exposure-months. */
#define PRIOR_PLAIN_N 2.0

/* Exposure-months and events of one group, from the citizens' months. */
typedef struct tally {
  double exp_h[RB_H_COUNT];            /* months in a live state */
  double ev_h[RB_H_COUNT][RB_H_COUNT]; /* moves from → to */
  double exp_none[2], ev_job[2];       /* none → employed; [housed] */
} tally;

static bool housed(int h) {
  return h == RB_H_SUBSIDISED || h == RB_H_ORDINARY;
}

/* Is the month with clock @p m a subsidy end (model.md: after the period
 * and each extension)?  Its moves are left out of the subsidised months:
 * a return to placement there may be the subsidy's end, not a relapse. */
static bool subsidy_end(const rb_scenario *sc, int m) {
  int q = m + 1 - sc->subsidy.period_months;
  int e = sc->subsidy.extension_months > 0 ? sc->subsidy.extension_months : 1;
  return q >= 0 && q % e == 0 && q / e <= sc->subsidy.max_extensions;
}

static void tally_pair(tally *g, const rb_scenario *sc, const rb_obs_row *a,
                       const rb_obs_row *b) {
  const int from = a->housing, to = b->housing;
  if (from >= RB_H_EXITED) {
    return;
  }
  if (!(from == RB_H_SUBSIDISED && subsidy_end(sc, a->months_in_state))) {
    g->exp_h[from] += 1.0;
    /* housed_subsidised → housed_ordinary is a takeover, not a move. */
    if (to != from && !(housed(from) && housed(to))) {
      g->ev_h[from][to] += 1.0;
    }
  }
  if (to < RB_H_EXITED && a->activity == RB_A_NONE) {
    int k = housed(from) ? 1 : 0;
    g->exp_none[k] += 1.0;
    g->ev_job[k] += b->activity == RB_A_EMPLOYED ? 1.0 : 0.0;
  }
}

static int param_of(const rb_scenario *sc, const char *key) {
  for (int i = 0; i < sc->n_params; i++) {
    if (strcmp(sc->params[i].key, key) == 0) {
      return i;
    }
  }
  return -1;
}

/* The @p q quantile of Beta(a, b) by bisection on GSL's gsl_cdf_beta_P
 * (gsl_cdf_beta_Pinv does not always converge for a small a in GSL 2.7:
 * NaN for Beta(6, 4000)'s 97.5 %). */
static double beta_quantile(double q, double a, double b) {
  double lo = 0.0, hi = 1.0;
  for (int i = 0; i < 200 && hi - lo > 1e-15; i++) {
    double mid = 0.5 * (lo + hi);
    if (gsl_cdf_beta_P(mid, a, b) < q) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return 0.5 * (lo + hi);
}

/* The prior Beta(a, b) of a rate with mean @p mu and, when @p lo < @p hi,
 * a 95 % range lo–hi read as ±2 sd; then the posterior. */
static void update(rb_track_rate *r, double mu, double lo, double hi) {
  mu = fmin(fmax(mu, 1e-6), 1.0 - 1e-6);
  double n0 = PRIOR_PLAIN_N;
  if (hi > lo) {
    double sd = (hi - lo) / 4.0;
    n0 = fmax(mu * (1.0 - mu) / (sd * sd) - 1.0, PRIOR_PLAIN_N);
  }
  r->prior_a = mu * n0;
  r->prior_b = (1.0 - mu) * n0;
  r->prior_mean = mu;
  r->prior_low = beta_quantile(0.025, r->prior_a, r->prior_b);
  r->prior_high = beta_quantile(0.975, r->prior_a, r->prior_b);
  double a = r->prior_a + r->events;
  double b = r->prior_b + r->exposure - r->events;
  r->post_mean = a / (a + b);
  r->post_low = beta_quantile(0.025, a, b);
  r->post_high = beta_quantile(0.975, a, b);
  /* In the key's unit: a move-in rate is offers × the accepted share. */
  r->calibrated = r->post_mean / r->scale;
  r->cal_low = r->post_low / r->scale;
  r->cal_high = r->post_high / r->scale;
}

/* Add the rate of key @p key when the scenario has it as one value. */
static bool add_rate(rb_track_rate_list *out, const rb_scenario *sc, int gi,
                     const char *key, const char *what, double exposure,
                     double events, double scale) {
  int pi = param_of(sc, key);
  if (pi < 0) {
    return true;
  }
  rb_track_rate *v =
      realloc(out->rates, (size_t)(out->n + 1) * sizeof *out->rates);
  if (v == NULL) {
    return false;
  }
  out->rates = v;
  rb_track_rate *r = &v[out->n++];
  memset(r, 0, sizeof *r);
  r->group = gi;
  r->param = pi;
  snprintf(r->what, sizeof r->what, "%s", what);
  r->exposure = exposure;
  r->events = events;
  r->scale = scale > 0.0 && isfinite(scale) ? scale : 1.0;
  const rb_param *p = &sc->params[pi];
  update(r, p->value * r->scale, p->low * r->scale, p->high * r->scale);
  return true;
}

static bool group_rates(rb_track_rate_list *out, const rb_scenario *sc, int gi,
                        const tally *g, double share) {
  static const int from[] = {RB_H_PLACED, RB_H_SUBSIDISED, RB_H_ORDINARY,
                             RB_H_HOMELESS};
  static const int to[] = {RB_H_DEAD, RB_H_EXITED, RB_H_HOMELESS, RB_H_PLACED};
  char key[256], what[96];
  bool ok = true;
  snprintf(key, sizeof key, "groups.[%d].flats.offers_per_month", gi);
  ok = ok && add_rate(out, sc, gi, key, "move-in from placed (offer accepted)",
                      g->exp_h[RB_H_PLACED],
                      g->ev_h[RB_H_PLACED][RB_H_SUBSIDISED] +
                          g->ev_h[RB_H_PLACED][RB_H_ORDINARY],
                      share);
  for (int i = 0; i < 4; i++) {
    for (int j = 0; j < 4; j++) {
      if (from[i] == to[j]) {
        continue;
      }
      const char *f = rb_housing_name((rb_housing)from[i]);
      const char *t = rb_housing_name((rb_housing)to[j]);
      snprintf(key, sizeof key, "groups.[%d].transitions.%s.%s", gi, f, t);
      snprintf(what, sizeof what, "%s -> %s", f, t);
      ok = ok && add_rate(out, sc, gi, key, what, g->exp_h[from[i]],
                          g->ev_h[from[i]][to[j]], 1.0);
    }
  }
  for (int k = 1; k >= 0; k--) {
    snprintf(key, sizeof key,
             "groups.[%d].transitions.activity.%s.none_to_employed", gi,
             k ? "housed" : "not_housed");
    ok = ok && add_rate(out, sc, gi, key,
                        k ? "job entry while housed" : "job entry not housed",
                        g->exp_none[k], g->ev_job[k], 1.0);
  }
  return ok;
}

rb_status rb_track_rates(rb_track_rate_list *out, const rb_scenario *sc,
                         const rb_observed *o, int as_of,
                         const double *accepted_share) {
  gsl_set_error_handler_off();
  memset(out, 0, sizeof *out);
  tally *t = calloc((size_t)sc->n_groups + 1, sizeof *t);
  if (t == NULL) {
    return RB_ENOMEM;
  }
  for (int k = 1; k < o->n_rows; k++) {
    const rb_obs_row *a = &o->rows[k - 1], *b = &o->rows[k];
    if (a->citizen == b->citizen && b->month <= as_of) {
      tally_pair(&t[a->group], sc, a, b);
    }
  }
  bool ok = true;
  for (int gi = 0; gi < sc->n_groups && ok; gi++) {
    ok = group_rates(out, sc, gi, &t[gi],
                     accepted_share != NULL ? accepted_share[gi] : 1.0);
  }
  free(t);
  if (!ok) {
    rb_track_rates_free(out);
    return RB_ENOMEM;
  }
  return RB_OK;
}

void rb_track_rates_free(rb_track_rate_list *r) {
  if (r != NULL) {
    free(r->rates);
    memset(r, 0, sizeof *r);
  }
}
