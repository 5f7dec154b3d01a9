/* The files of a tracking folder (track.h, rb_track_dir_write;
 * docs/tracking.md, "What it writes"): rates.csv, observed.csv,
 * calibrated.cfg, the fan charts, report.html and workbook.xlsx. */
#include "base/csv.h"
#include "base/io.h"
#include "rentbridge/track.h"
#include "track/track_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static rb_status rates_csv(const char *dir, const rb_track_job *j) {
  FILE *f = rb_open_in(dir, "rates.csv");
  if (f != NULL) {
    fputs("group,rate,key,exposure_months,events,prior_mean,prior_p2_5,"
          "prior_p97_5,posterior_mean,posterior_p2_5,posterior_p97_5,scale,"
          "value,calibrated,calibrated_p2_5,calibrated_p97_5\n",
          f);
    for (int i = 0; i < j->rates->n; i++) {
      const rb_track_rate *r = &j->rates->rates[i];
      const rb_param *p = &j->sc->params[r->param];
      rb_csv_str(f, j->sc->groups[r->group].name);
      fputc(',', f);
      rb_csv_str(f, r->what);
      fputc(',', f);
      rb_csv_str(f, p->key);
      const double x[] = {r->exposure,  r->events,     r->prior_mean,
                          r->prior_low, r->prior_high, r->post_mean,
                          r->post_low,  r->post_high,  r->scale,
                          p->value,     r->calibrated, r->cal_low,
                          r->cal_high};
      for (size_t k = 0; k < sizeof x / sizeof x[0]; k++) {
        fputc(',', f);
        rb_csv_num(f, x[k]);
      }
      fputc('\n', f);
    }
  }
  return rb_close_ok(f, RB_OK);
}

static rb_status observed_csv(const char *dir, const rb_track_job *j) {
  FILE *f = rb_open_in(dir, "observed.csv");
  const rb_track_band *b = j->band;
  if (f != NULL) {
    fputs("month,citizens", f);
    for (int k = 0; k < RB_TRACK_MEASURES; k++) {
      const char *m = rb_track_measure_names[k];
      fprintf(f,
              ",observed_%s,forecast_mean_%s,forecast_p2_5_%s,"
              "forecast_p97_5_%s,outside_%s",
              m, m, m, m, m);
    }
    fputc('\n', f);
    for (int t = 0; t < b->n_months; t++) {
      char month[16];
      rb_track_month_text(month, sizeof month, j->sc, t);
      fprintf(f, "%s,%.0f", month, b->citizens[t]);
      for (int k = 0; k < RB_TRACK_MEASURES; k++) {
        size_t i = rb_track_band_index(t, k);
        const double x[] = {b->observed[i], b->mean[i], b->low[i], b->high[i]};
        for (int c = 0; c < 4; c++) {
          fputc(',', f);
          rb_csv_num(f, x[c]);
        }
        fprintf(f, ",%s", b->outside[i] ? "true" : "false");
      }
      fputc('\n', f);
    }
  }
  return rb_close_ok(f, RB_OK);
}

rb_status rb_track_write_tables(const char *dir, const rb_track_job *j) {
  rb_status st = rates_csv(dir, j);
  if (st == RB_OK) {
    st = observed_csv(dir, j);
  }
  char path[4200];
  snprintf(path, sizeof path, "%s/calibrated.cfg", dir);
  if (st == RB_OK && j->calibrated != NULL) {
    st = rb_scenario_write(j->calibrated, path, "rules.cfg");
  }
  return st;
}
