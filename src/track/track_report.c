/* A tracking folder's documents for people (track_internal.h): the fan
 * charts, report.html and workbook.xlsx (docs/tracking.md). */
#include "base/file.h"
#include "base/gnuplot.h"
#include "report/wording.h"
#include "report/workbook.h"
#include "track/track_internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <xlsxwriter.h>

static const char *const measure_title[RB_TRACK_MEASURES] = {
    "Share housed (own flat, with or without the subsidy)", "Share employed",
    "Rent subsidy paid per citizen, kr a month"};

static void dat_num(FILE *f, double x) {
  if (isfinite(x)) {
    fprintf(f, " %.10g", x);
  } else {
    fputs(" ?", f);
  }
}

/* charts/fan_<measure>.dat and .gp, drawn to .svg. */
static rb_status fan_chart(const char *charts, const rb_track_job *j, int k,
                           rb_diag *diag) {
  const rb_track_band *b = j->band;
  const char *m = rb_track_measure_names[k];
  char path[4300];
  snprintf(path, sizeof path, "%s/fan_%s.dat", charts, m);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return RB_EIO;
  }
  fputs("# month observed forecast_mean p2_5 p97_5 outside\n", f);
  for (int t = 0; t < b->n_months; t++) {
    char month[16];
    size_t i = rb_track_band_index(t, k);
    rb_track_month_text(month, sizeof month, j->sc, t);
    fprintf(f, "%s", month);
    dat_num(f, b->observed[i]);
    dat_num(f, b->mean[i]);
    dat_num(f, b->low[i]);
    dat_num(f, b->high[i]);
    fprintf(f, " %d\n", b->outside[i]);
  }
  if (fclose(f) != 0) {
    return RB_EIO;
  }
  snprintf(path, sizeof path, "%s/fan_%s.gp", charts, m);
  f = fopen(path, "w");
  if (f == NULL) {
    return RB_EIO;
  }
  fprintf(f,
          "# rentbridge chart: %s, observed against the forecast's 95 %% "
          "band\nset terminal svg size 860,380 dynamic noenhanced font "
          "'Helvetica,12' background rgb 'white'\nset output 'fan_%s.svg'\n"
          "set datafile missing '?'\nset xdata time\nset timefmt '%%Y-%%m'\n"
          "set format x '%%Y-%%m'\nset key outside top center horizontal\n"
          "set grid ytics lc rgb '#e0e0e0'\nset title '%s'\n"
          "plot 'fan_%s.dat' using 1:4:5 with filledcurves lc rgb '#cfe3f3' "
          "title 'forecast 95 %% band', '' using 1:3 with lines lw 2 lc rgb "
          "'#1b6ca8' title 'forecast mean', '' using 1:2 with points pt 7 "
          "ps 0.6 lc rgb '#333333' title 'observed', '' using 1:($6 > 0 ? $2 "
          ": 1/0) with points pt 7 ps 1.2 lc rgb '#c8553d' title 'outside "
          "the band'\n",
          measure_title[k], m, measure_title[k], m);
  if (fclose(f) != 0) {
    return RB_EIO;
  }
  char script[64], svg[64];
  snprintf(script, sizeof script, "fan_%s.gp", m);
  snprintf(svg, sizeof svg, "fan_%s.svg", m);
  int err = 0, wst = 0;
  rb_gp_result r = rb_gnuplot_run(charts, script, svg, NULL, &err, &wst);
  if (r != RB_GP_OK) {
    rb_diag_add(diag, script, 0, NULL,
                "note: the chart is not drawn (gnuplot missing or failed); "
                "the script and data are kept");
  }
  return RB_OK;
}

/* The SVG drawn into charts/, inline (without its XML prolog), or a note. */
static void svg_inline(FILE *f, const char *dir, const char *m) {
  char path[4300];
  snprintf(path, sizeof path, "%s/charts/fan_%s.svg", dir, m);
  size_t len = 0;
  char *svg = rb_svg_complete(path, (size_t)8 << 20) == 0
                  ? rb_file_slurp(path, &len, (size_t)8 << 20)
                  : NULL;
  const char *start = svg != NULL ? strstr(svg, "<svg") : NULL;
  if (start != NULL) {
    fprintf(f, "<figure>%s</figure>\n", start);
  } else {
    fprintf(f,
            "<p class=\"note\">The chart charts/fan_%s.gp was not drawn "
            "(gnuplot is missing); its data are in observed.csv.</p>\n",
            m);
  }
  free(svg);
}

static void rates_table(FILE *f, const rb_track_job *j) {
  fputs("<table><thead><tr><th>Group</th><th>Rate</th><th>Key</th>"
        "<th>Exposure (months)</th><th>Events</th><th>Prior mean</th>"
        "<th>Posterior mean (95 % interval)</th><th>Value in "
        "calibrated.cfg</th></tr></thead><tbody>\n",
        f);
  for (int i = 0; i < j->rates->n; i++) {
    const rb_track_rate *r = &j->rates->rates[i];
    fputs("<tr><td>", f);
    rb_report_esc(f, j->sc->groups[r->group].name);
    fputs("</td><td>", f);
    rb_report_esc(f, r->what);
    fputs("</td><td><code>", f);
    rb_report_esc(f, j->sc->params[r->param].key);
    fprintf(f,
            "</code></td><td>%.0f</td><td>%.0f</td><td>%.4g</td><td>%.4g "
            "(%.4g–%.4g)</td><td>%.4g</td></tr>\n",
            r->exposure, r->events, r->prior_mean, r->post_mean, r->post_low,
            r->post_high, r->calibrated);
  }
  fputs("</tbody></table>\n", f);
}

static rb_status report_html(const char *dir, const rb_track_job *j) {
  char path[4300];
  snprintf(path, sizeof path, "%s/report.html", dir);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return RB_EIO;
  }
  char as_of[16];
  rb_track_month_text(as_of, sizeof as_of, j->sc, j->band->as_of);
  fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
        "<title>Tracking: ",
        f);
  rb_report_esc(f, j->sc->info.title);
  fputs("</title><style>body{font-family:Helvetica,Arial,sans-serif;"
        "max-width:190mm;margin:auto}table{border-collapse:collapse;"
        "font-size:9pt}td,th{border-bottom:1px solid #ddd;padding:2px 6px}"
        ".note{color:#555}</style></head>\n<body>\n<h1>The pilot against "
        "the forecast: ",
        f);
  rb_report_esc(f, j->sc->info.title);
  int outside = 0;
  for (int t = 0; t < j->band->n_months; t++) {
    outside += j->band->outside[rb_track_band_index(t, RB_TM_HOUSED)];
  }
  fprintf(f, "</h1>\n<p>%d observed citizens up to %s (file ",
          j->obs->n_citizens, as_of);
  rb_report_esc(f, j->observed_path);
  fprintf(f,
          "). The share housed is outside the forecast's 95 %% band in %d "
          "of %d months (forecast: %d replications, the same groups and "
          "months).</p>\n<h2>Observed against the forecast</h2>\n",
          outside, j->band->n_months, j->band->replications);
  for (int k = 0; k < RB_TRACK_MEASURES; k++) {
    svg_inline(f, dir, rb_track_measure_names[k]);
  }
  if (j->reforecast != NULL) {
    const rb_stats *s = &j->reforecast->all.persp[RB_DISC][RB_P_KOMMUNE].saving;
    fprintf(f,
            "<h2>New forecast from %s</h2>\n<p>%d observed citizens continue "
            "from their state and clock at the start of %s, the others "
            "follow the plan, with %s: the municipality saves %.0f kr per "
            "citizen (95 %% interval %.0f to %.0f kr; a saving in %.0f %% of "
            "the replications). The files are in forecast/.</p>\n",
            as_of, j->n_started, as_of,
            j->calibrated != NULL ? "the updated rates (calibrated.cfg)"
                                  : "the scenario's rates",
            s->mean, s->p2_5, s->p97_5, 100.0 * s->prob_positive);
  }
  fputs("<h2>Updated rates</h2>\n<p>Per monthly rate the citizen-months at "
        "risk and the events observed; a Beta prior from the scenario's "
        "value and low–high, updated by the events (beta-binomial). "
        "calibrated.cfg is the scenario with the posterior values (their "
        "95 % intervals as low and high).</p>\n",
        f);
  rates_table(f, j);
  fputs("</body>\n</html>\n", f);
  return fclose(f) == 0 ? RB_OK : RB_EIO;
}

static void xlsx_num(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x) {
  if (isfinite(x)) {
    worksheet_write_number(ws, r, c, x, NULL);
  }
}

static void sheet_rates(lxw_workbook *wb, const rb_track_job *j) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Rates");
  static const char *const head[] = {
      "group",           "rate",           "key",
      "exposure_months", "events",         "prior_mean",
      "posterior_mean",  "posterior_p2_5", "posterior_p97_5",
      "calibrated"};
  for (lxw_col_t c = 0; c < 10; c++) {
    worksheet_write_string(ws, 0, c, head[c], NULL);
  }
  for (int i = 0; i < j->rates->n; i++) {
    const rb_track_rate *r = &j->rates->rates[i];
    lxw_row_t row = (lxw_row_t)(i + 1);
    worksheet_write_string(ws, row, 0, j->sc->groups[r->group].name, NULL);
    worksheet_write_string(ws, row, 1, r->what, NULL);
    worksheet_write_string(ws, row, 2, j->sc->params[r->param].key, NULL);
    const double x[] = {r->exposure, r->events,    r->prior_mean, r->post_mean,
                        r->post_low, r->post_high, r->calibrated};
    for (int k = 0; k < 7; k++) {
      xlsx_num(ws, row, (lxw_col_t)(3 + k), x[k]);
    }
  }
  worksheet_set_column(ws, 0, 2, 30, NULL);
}

/* The observed sheet: per month the measures and the band, and a fan chart
 * (observed, 2.5 % and 97.5 %) per measure. */
static void sheet_observed(lxw_workbook *wb, const rb_track_job *j) {
  lxw_worksheet *ws = workbook_add_worksheet(wb, "Observed");
  const rb_track_band *b = j->band;
  worksheet_write_string(ws, 0, 0, "month", NULL);
  for (int k = 0; k < RB_TRACK_MEASURES; k++) {
    static const char *const what[4] = {"observed", "forecast_mean", "p2_5",
                                        "p97_5"};
    for (int c = 0; c < 4; c++) {
      char h[64];
      snprintf(h, sizeof h, "%s %s", rb_track_measure_names[k], what[c]);
      worksheet_write_string(ws, 0, (lxw_col_t)(1 + 4 * k + c), h, NULL);
    }
  }
  for (int t = 0; t < b->n_months; t++) {
    char month[16];
    rb_track_month_text(month, sizeof month, j->sc, t);
    worksheet_write_string(ws, (lxw_row_t)(t + 1), 0, month, NULL);
    for (int k = 0; k < RB_TRACK_MEASURES; k++) {
      size_t i = rb_track_band_index(t, k);
      const double x[4] = {b->observed[i], b->mean[i], b->low[i], b->high[i]};
      for (int c = 0; c < 4; c++) {
        xlsx_num(ws, (lxw_row_t)(t + 1), (lxw_col_t)(1 + 4 * k + c), x[c]);
      }
    }
  }
  for (int k = 0; k < RB_TRACK_MEASURES; k++) {
    lxw_chart *ch = workbook_add_chart(wb, LXW_CHART_LINE);
    char cat[64], val[64];
    snprintf(cat, sizeof cat, "=Observed!$A$2:$A$%d", b->n_months + 1);
    static const char *const name[4] = {"observed", "forecast mean",
                                        "forecast 2.5 %", "forecast 97.5 %"};
    for (int c = 0; c < 4; c++) {
      char col = (char)('B' + 4 * k + c);
      snprintf(val, sizeof val, "=Observed!$%c$2:$%c$%d", col, col,
               b->n_months + 1);
      lxw_chart_series *s = chart_add_series(ch, cat, val);
      chart_series_set_name(s, name[c]);
    }
    chart_title_set_name(ch, measure_title[k]);
    worksheet_insert_chart(ws, (lxw_row_t)(1 + 20 * k), 14, ch);
  }
}

static rb_status workbook(const char *dir, const rb_track_job *j) {
  /* A fixed creation time: the same data give the same file. */
  lxw_workbook *wb = rb_report_workbook_new(dir, 1);
  if (wb == NULL) {
    return RB_EIO;
  }
  sheet_observed(wb, j);
  sheet_rates(wb, j);
  return workbook_close(wb) == LXW_NO_ERROR ? RB_OK : RB_EIO;
}

rb_status rb_track_write_report(const char *dir, const rb_track_job *j,
                                rb_diag *diag) {
  char charts[4200];
  snprintf(charts, sizeof charts, "%s/charts", dir);
  if (mkdir(charts, 0777) != 0) {
    return RB_EIO;
  }
  rb_status st = RB_OK;
  for (int k = 0; k < RB_TRACK_MEASURES && st == RB_OK; k++) {
    st = fan_chart(charts, j, k, diag);
  }
  if (st == RB_OK) {
    st = report_html(dir, j);
  }
  if (st == RB_OK) {
    st = workbook(dir, j);
  }
  return st;
}
