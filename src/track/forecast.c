/* The evaluation measures observed so far against the forecast's 95 % band
 * for the same months and groups (track.h, rb_track_band;
 * docs/tracking.md, "Observed against forecast"). */
#include "rentbridge/trace.h"
#include "rentbridge/track.h"

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

const char *const rb_track_measure_names[RB_TRACK_MEASURES] = {
    "housed", "employed", "subsidy"};

/* One replication's citizens, counted per group and month. */
typedef struct sim_counts {
  int H;
  double *n; /* [g][t][1 + RB_TRACK_MEASURES]: present, then the sums */
} sim_counts;

static size_t cell(int H, int g, int t) {
  return ((size_t)g * (size_t)H + (size_t)t) * (1 + RB_TRACK_MEASURES);
}

/* A citizen-month's contribution to each measure. */
static void measure_values(double *x, int h, int a, double subsidy) {
  x[RB_TM_HOUSED] = h == RB_H_SUBSIDISED || h == RB_H_ORDINARY ? 1.0 : 0.0;
  x[RB_TM_EMPLOYED] = h < RB_H_EXITED && a == RB_A_EMPLOYED ? 1.0 : 0.0;
  x[RB_TM_SUBSIDY] = subsidy;
}

static void sim_row(void *ctx, const rb_trace_month *m) {
  sim_counts *c = ctx;
  double *p = c->n + cell(c->H, m->group, m->month);
  double x[RB_TRACK_MEASURES];
  measure_values(x, m->housing, m->activity, m->subsidy);
  p[0] += 1.0;
  for (int k = 0; k < RB_TRACK_MEASURES; k++) {
    p[1 + k] += x[k];
  }
}

/* The observed citizens per group and month, and the measures. */
static void observed_counts(double *obs_n, rb_track_band *b,
                            const rb_observed *o, int G, int H) {
  for (int i = 0; i < o->n_rows; i++) {
    const rb_obs_row *r = &o->rows[i];
    if (r->month > b->as_of) {
      continue;
    }
    double x[RB_TRACK_MEASURES];
    measure_values(x, r->housing, r->activity, r->subsidy);
    obs_n[(size_t)r->group * (size_t)H + (size_t)r->month] += 1.0;
    b->citizens[r->month] += 1.0;
    for (int k = 0; k < RB_TRACK_MEASURES; k++) {
      b->observed[rb_track_band_index(r->month, k)] += x[k];
    }
  }
  for (int t = 0; t <= b->as_of; t++) {
    for (int k = 0; k < RB_TRACK_MEASURES; k++) {
      double *v = &b->observed[rb_track_band_index(t, k)];
      *v = b->citizens[t] > 0 ? *v / b->citizens[t] : NAN;
    }
  }
  (void)G;
}

/* Replication @p r's measures, weighted by the observed groups. */
static void rep_measures(double *out, const sim_counts *c, const double *obs_n,
                         int G, int n_months) {
  for (int t = 0; t < n_months; t++) {
    double w = 0.0, s[RB_TRACK_MEASURES] = {0};
    for (int g = 0; g < G; g++) {
      double ng = obs_n[(size_t)g * (size_t)c->H + (size_t)t];
      const double *p = c->n + cell(c->H, g, t);
      if (ng <= 0 || p[0] <= 0) {
        continue;
      }
      w += ng;
      for (int k = 0; k < RB_TRACK_MEASURES; k++) {
        s[k] += ng * p[1 + k] / p[0];
      }
    }
    for (int k = 0; k < RB_TRACK_MEASURES; k++) {
      out[rb_track_band_index(t, k)] = w > 0 ? s[k] / w : NAN;
    }
  }
}

static rb_status band_alloc(rb_track_band *b, int as_of, int R) {
  size_t n = (size_t)(as_of + 1) * RB_TRACK_MEASURES;
  b->as_of = as_of;
  b->n_months = as_of + 1;
  b->replications = R;
  b->citizens = calloc((size_t)(as_of + 1), sizeof *b->citizens);
  b->observed = calloc(n, sizeof *b->observed);
  b->mean = calloc(n, sizeof *b->mean);
  b->low = calloc(n, sizeof *b->low);
  b->high = calloc(n, sizeof *b->high);
  b->outside = calloc(n, sizeof *b->outside);
  return b->citizens && b->observed && b->mean && b->low && b->high &&
                 b->outside
             ? RB_OK
             : RB_ENOMEM;
}

/* Per month and measure the mean and 2.5/97.5 % over the replications
 * @p all [r][t][k]; a month outside the band is flagged. */
static void band_stats(rb_track_band *b, const double *all, double *col) {
  size_t per = (size_t)b->n_months * RB_TRACK_MEASURES;
  for (size_t j = 0; j < per; j++) {
    size_t n = 0;
    for (int r = 0; r < b->replications; r++) {
      double x = all[(size_t)r * per + j];
      if (isfinite(x)) {
        col[n++] = x;
      }
    }
    if (n == 0) {
      b->mean[j] = b->low[j] = b->high[j] = NAN;
      continue;
    }
    gsl_sort(col, 1, n);
    b->mean[j] = gsl_stats_mean(col, 1, n);
    b->low[j] = gsl_stats_quantile_from_sorted_data(col, 1, n, 0.025);
    b->high[j] = gsl_stats_quantile_from_sorted_data(col, 1, n, 0.975);
    double o = b->observed[j];
    b->outside[j] = isfinite(o) && (o < b->low[j] || o > b->high[j]);
  }
}

rb_status rb_track_band_compute(rb_track_band *b, const rb_scenario *sc,
                                const rb_observed *o, int as_of,
                                int replications, uint64_t seed,
                                rb_diag *diag) {
  memset(b, 0, sizeof *b);
  const int G = sc->n_groups, H = sc->info.horizon_months;
  if (as_of < 0 || as_of >= H || replications < 1) {
    return RB_EINTERNAL;
  }
  rb_status st = band_alloc(b, as_of, replications);
  size_t per = (size_t)b->n_months * RB_TRACK_MEASURES;
  double *obs_n = calloc((size_t)G * (size_t)H, sizeof *obs_n);
  double *all = malloc((size_t)replications * per * sizeof *all);
  sim_counts c = {H, calloc(cell(H, G, 0), sizeof(double))};
  double *col = malloc((size_t)replications * sizeof *col);
  if (st == RB_OK && (!obs_n || !all || !c.n || !col)) {
    st = RB_ENOMEM;
  }
  if (st == RB_OK) {
    observed_counts(obs_n, b, o, G, H);
  }
  for (int r = 0; r < replications && st == RB_OK; r++) {
    memset(c.n, 0, cell(H, G, 0) * sizeof(double));
    st = rb_engine_trace(sc, seed, r, RB_ARM_INTERVENTION, sim_row, &c, diag);
    rep_measures(all + (size_t)r * per, &c, obs_n, G, b->n_months);
  }
  if (st == RB_OK) {
    band_stats(b, all, col);
  }
  free(obs_n);
  free(all);
  free(c.n);
  free(col);
  if (st != RB_OK) {
    rb_track_band_free(b);
  }
  return st;
}

void rb_track_band_free(rb_track_band *b) {
  if (b == NULL) {
    return;
  }
  free(b->citizens);
  free(b->observed);
  free(b->mean);
  free(b->low);
  free(b->high);
  free(b->outside);
  memset(b, 0, sizeof *b);
}
