/* The charts of a sweep, a tornado and a psa run (report/decision_charts.h):
 * gnuplot scripts and their data, drawn to SVG in the folder being filled.
 * Every number comes from the decision analysis (decision.h) or the run's
 * results; the words from the scenario's language. */
#include "report/decision_charts.h"
#include "base/csv.h"
#include "base/io.h"
#include "output/text_format.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_histogram.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <sys/stat.h>

/* Run gnuplot on @p script inside @p dir, its messages discarded; @p svg
 * the file it draws. */
static rb_gp_result draw(const char *dir, const char *script, const char *svg) {
  int err, wst;
  return rb_gnuplot_run(dir, script, svg, NULL, &err, &wst);
}

/* ---- sweep -----------------------------------------------------------------
 */

static const char *const sweep_colors[RB_P_COUNT] = {"#1f77b4", "#ff7f0e",
                                                     "#2ca02c"};

/* The upper panel: the mean saving and its band per perspective, a dotted
 * line at each break-even value. */
static void sweep_savings(FILE *f, const rb_sweep *s, bool da) {
  fprintf(f,
          "# The sweep's chart (gnuplot 5); data: sweep.csv.\n"
          "set terminal svg size 900,860 dynamic font 'Sans,12'\n"
          "set output 'sweep.svg'\n"
          "set termoption noenhanced\n"
          "set datafile separator ','\n"
          "set datafile missing ''\n"
          "k = 1000.0\n"
          "set multiplot layout 2,1\n"
          "set lmargin 12\n"
          "set rmargin 4\n"
          "set title '%s: %s'\n"
          "set xlabel '%s'\n"
          "set ylabel '%s'\n"
          "set grid\n"
          "set key tmargin center horizontal\n"
          "set style fill transparent solid 0.15 noborder\n"
          "set xzeroaxis lt -1 lw 1\n",
          s->scenario,
          da ? "besparelse pr. borger (tilbagediskonteret), middel og 95 %"
             : "saving per citizen (discounted), mean and 95 %",
          s->param, da ? "1.000 kr. pr. borger" : "1,000 kr per citizen");
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int k = 0; k < s->n_break_even[p]; k++) {
      fprintf(f,
              "set arrow from %.10g, graph 0 to %.10g, graph 1 nohead dt 3 "
              "lc rgb '%s'\n",
              s->break_even[p][k], s->break_even[p][k], sweep_colors[p]);
    }
  }
  fputs("plot ", f);
  for (int p = 0; p < RB_P_COUNT; p++) {
    int c = 2 + 4 * p;
    fprintf(f,
            "%s'sweep.csv' skip 1 using 1:($%d/k):($%d/k) with filledcurves "
            "lc rgb '%s' notitle, \\\n"
            "     'sweep.csv' skip 1 using 1:($%d/k) with linespoints lw 2 "
            "pt 7 lc rgb '%s' title '%s'",
            p > 0 ? ", \\\n     " : "", c + 1, c + 2, sweep_colors[p], c,
            sweep_colors[p], rb_perspective_label((rb_perspective)p, da));
  }
}

/* The lower panel: the intervention arm's outcomes. */
static void sweep_outcomes(FILE *f, bool da) {
  fprintf(f,
          "\nunset arrow\n"
          "set title '%s'\n"
          "set ylabel '%s'\n"
          "set yrange [0:1]\n"
          "plot 'sweep.csv' skip 1 using 1:14 with linespoints lw 2 "
          "title '%s', \\\n"
          "     'sweep.csv' skip 1 using 1:15 with linespoints lw 2 "
          "title '%s', \\\n"
          "     'sweep.csv' skip 1 using 1:18 with linespoints lw 2 "
          "title '%s'\n"
          "unset multiplot\n",
          da ? "med ordningen (interventionsarmen)"
             : "with the scheme (intervention arm)",
          da ? "andel" : "share",
          da ? "i bolig efter 12 mdr." : "housed at 12 months",
          da ? "i bolig efter 24 mdr." : "housed at 24 months",
          da ? "tilbudte boliger der kan tages" : "offered flats acceptable");
}

rb_status rb_sweep_chart(rb_gp_result *drawn, const char *dir,
                         const rb_sweep *s) {
  FILE *f = rb_open_in(dir, "sweep.gp");
  if (f == NULL) {
    return RB_EIO;
  }
  bool da = s->language == RB_LANG_DA;
  sweep_savings(f, s, da);
  sweep_outcomes(f, da);
  rb_status st = rb_close_ok(f, RB_OK);
  if (st == RB_OK) {
    *drawn = draw(dir, "sweep.gp", "sweep.svg");
  }
  return st;
}

/* ---- tornado ---------------------------------------------------------------
 */

rb_status rb_tornado_chart_data(const char *dir, const rb_tornado *t,
                                const rb_scenario *sc) {
  FILE *f = rb_open_in(dir, "tornado.dat");
  if (f != NULL) {
    fputs("# rank key", f);
    for (int p = 0; p < RB_P_COUNT; p++) {
      const char *pn = rb_perspective_name((rb_perspective)p);
      fprintf(f, " base_%s saving_low_%s saving_high_%s", pn, pn, pn);
    }
    fputc('\n', f);
    /* Separated by blanks: a key has none. */
    for (int k = 0; k < t->n; k++) {
      const rb_tornado_bar *b = &t->bars[k];
      char label[512];
      rb_out_param_label(label, sizeof label, sc, b->param);
      fprintf(f, "%d \"%s\"", k + 1, label);
      for (int p = 0; p < RB_P_COUNT; p++) {
        fprintf(f, " %.12g %.12g %.12g", t->base[p], b->saving_low[p],
                b->saving_high[p]);
      }
      fputc('\n', f);
    }
  }
  return rb_close_ok(f, RB_OK);
}

/* A dashed line at zero when the bars of perspective @p p reach across
 * it. */
static void tornado_zero_line(FILE *f, const rb_tornado *t, int p) {
  double lo = t->base[p], hi = t->base[p];
  for (int k = 0; k < t->n; k++) {
    const rb_tornado_bar *b = &t->bars[k];
    lo = fmin(lo, fmin(b->saving_low[p], b->saving_high[p]));
    hi = fmax(hi, fmax(b->saving_low[p], b->saving_high[p]));
  }
  if (lo < 0.0 && hi > 0.0) {
    fputs("set arrow from 0, graph 0 to 0, graph 1 nohead dt 2 lc rgb "
          "'#888888'\n",
          f);
  }
}

static void tornado_script(FILE *f, const rb_tornado *t, const rb_scenario *sc,
                           int p) {
  const char *pn = rb_perspective_name((rb_perspective)p);
  bool da = sc->info.language == RB_LANG_DA;
  int c = 3 + 3 * p; /* base_<p>; low and high follow */
  tornado_zero_line(f, t, p);
  fprintf(f,
          "# Tornado chart, %s perspective (gnuplot 5); data: tornado.dat.\n"
          "set terminal svg size 1000,%d dynamic font 'Sans,12'\n"
          "set output 'tornado-%s.svg'\n"
          "set termoption noenhanced\n"
          "B = %d; L = %d; H = %d  # columns: base, saving at low, at high\n"
          "k = 1000.0\n"
          "lo(a, b) = (a < b ? a : b) / k\n"
          "hi(a, b) = (a < b ? b : a) / k\n"
          "set title '%s: %s, %s'\n"
          "set xlabel '%s'\n"
          "set yrange [-%d.5:0.5]\n"
          "set ytics scale 0\n"
          "set grid xtics\n"
          "set lmargin 40\n"
          "set key below horizontal\n"
          "set style fill solid 0.7 border -1\n"
          "set arrow from %.10g / k, graph 0 to %.10g / k, graph 1 nohead "
          "lw 2 lc rgb 'black' front\n"
          "plot 'tornado.dat' using ((column(B) + column(L)) / 2 / k):(-$0):"
          "(lo(column(B), column(L))):(hi(column(B), column(L))):"
          "(-$0 - 0.35):(-$0 + 0.35):ytic(2) "
          "with boxxyerror lc rgb '#c0392b' title '%s', \\\n"
          "     'tornado.dat' using ((column(B) + column(H)) / 2 / k):(-$0):"
          "(lo(column(B), column(H))):(hi(column(B), column(H))):"
          "(-$0 - 0.35):(-$0 + 0.35) "
          "with boxxyerror lc rgb '#2e86c1' title '%s'\n",
          pn, 200 + 40 * t->n, pn, c, c + 1, c + 2, sc->info.name,
          da ? "besparelse pr. borger" : "saving per citizen",
          rb_perspective_label((rb_perspective)p, da),
          da ? "1.000 kr. pr. borger (tilbagediskonteret); lodret linje: alle "
               "værdier som angivet"
             : "1,000 kr per citizen (discounted); vertical line: every value "
               "as given",
          t->n - 1, t->base[p], t->base[p],
          da ? "parameter ved low" : "parameter at low",
          da ? "parameter ved high" : "parameter at high");
}

rb_status rb_tornado_chart(rb_gp_result *drawn, const char *dir,
                           const rb_tornado *t, const rb_scenario *sc,
                           rb_perspective p) {
  char name[64], svg[64];
  snprintf(name, sizeof name, "tornado-%s.gp", rb_perspective_name(p));
  snprintf(svg, sizeof svg, "tornado-%s.svg", rb_perspective_name(p));
  FILE *f = rb_open_in(dir, name);
  if (f == NULL) {
    return RB_EIO;
  }
  tornado_script(f, t, sc, (int)p);
  rb_status st = rb_close_ok(f, RB_OK);
  if (st == RB_OK) {
    *drawn = draw(dir, name, svg);
  }
  return st;
}

/* ---- psa
 * ---------------------------------------------------------------------
 */

#define HIST_BINS 30

/* The histogram of perspective @p p's discounted saving over the
 * replications: HIST_BINS equal bins from the smallest to the largest
 * saving, or one bin from 0.5 below to 0.5 above when every saving is the
 * same.  GSL's bins are half-open, [a, b): the largest saving, on the last
 * edge, is counted in the last bin.  @p mean gets the mean saving. */
static gsl_histogram *saving_histogram(const rb_results *res, int p,
                                       double *mean) {
  const int R = res->replications;
  double lo = rb_res_rep_saving(res, 0, RB_DISC, p), hi = lo, sum = 0.0;
  for (int r = 0; r < R; r++) {
    double x = rb_res_rep_saving(res, r, RB_DISC, p);
    lo = x < lo ? x : lo;
    hi = x > hi ? x : hi;
    sum += x;
  }
  *mean = sum / (double)R;
  const int nb = hi > lo ? HIST_BINS : 1;
  double range[HIST_BINS + 1];
  if (hi > lo) {
    double w = (hi - lo) / nb;
    for (int b = 0; b < nb; b++) {
      range[b] = lo + w * b;
    }
    range[nb] = hi;
  } else {
    range[0] = lo - 0.5;
    range[1] = hi + 0.5;
  }
  gsl_histogram *h = gsl_histogram_alloc((size_t)nb);
  if (h == NULL || gsl_histogram_set_ranges(h, range, (size_t)nb + 1) != 0) {
    gsl_histogram_free(h);
    return NULL;
  }
  for (int r = 0; r < R; r++) {
    double x = rb_res_rep_saving(res, r, RB_DISC, p);
    gsl_histogram_increment(h, x < range[nb] ? x : range[nb - 1]);
  }
  return h;
}

/* psa_saving_<perspective>.csv: the bins, their counts and shares. */
static rb_status histogram_csv(const char *charts, const gsl_histogram *h,
                               int p, int replications) {
  char name[64];
  snprintf(name, sizeof name, "psa_saving_%s.csv",
           rb_perspective_name((rb_perspective)p));
  FILE *f = rb_open_in(charts, name);
  if (f != NULL) {
    fputs("bin_low,bin_high,replications,share\n", f);
    for (size_t b = 0; b < gsl_histogram_bins(h); b++) {
      double a, z;
      gsl_histogram_get_range(h, b, &a, &z);
      double count = gsl_histogram_get(h, b);
      rb_csv_num(f, a);
      fputc(',', f);
      rb_csv_num(f, z);
      fprintf(f, ",%d,", (int)count);
      rb_csv_num(f, count / (double)replications);
      fputc('\n', f);
    }
  }
  return rb_close_ok(f, RB_OK);
}

/* psa_saving_<perspective>.gp: the histogram, zero and the mean marked,
 * titled with the share of replications in which the scheme saves. */
static rb_status histogram_gp(const char *charts, const rb_results *res, int p,
                              double mean, bool da) {
  const char *pn = rb_perspective_name((rb_perspective)p);
  char name[64];
  snprintf(name, sizeof name, "psa_saving_%s.gp", pn);
  FILE *f = rb_open_in(charts, name);
  if (f == NULL) {
    return RB_EIO;
  }
  char pct[32];
  rb_out_fmt_pct(pct, sizeof pct,
                 res->all.persp[RB_DISC][p].saving.prob_positive, da);
  fprintf(f,
          "# Histogram of the discounted saving per citizen over the psa\n"
          "# replications (%s perspective); data: psa_saving_%s.csv.\n"
          "set terminal svg size 800,480 dynamic font 'Sans,12'\n"
          "set output 'psa_saving_%s.svg'\n"
          "set termoption noenhanced\n"
          "set datafile separator ','\n"
          "k = 1000.0\n"
          "set title '%s, %s: %s %s %% %s'\n"
          "set xlabel '%s'\n"
          "set ylabel '%s'\n"
          "set style fill solid 0.6 border -1\n"
          "set grid ytics\n"
          "set key top left\n"
          "set arrow from 0, graph 0 to 0, graph 1 nohead lw 2 lc rgb "
          "'black' front\n"
          "set arrow from %.6f / k, graph 0 to %.6f / k, graph 1 nohead "
          "dt 2 lw 2 lc rgb '#c0392b' front\n"
          "plot 'psa_saving_%s.csv' skip 1 using (($1 + $2) / 2 / k):4:"
          "(($2 - $1) / k) with boxes lc rgb '#2e86c1' title '%s', \\\n"
          "     NaN with lines dt 2 lw 2 lc rgb '#c0392b' title '%s'\n",
          pn, pn, pn, da ? "Besparelse pr. borger" : "Saving per citizen",
          rb_perspective_label((rb_perspective)p, da),
          da ? "ordningen sparer penge i" : "the scheme saves money in", pct,
          da ? "af replikationerne" : "of the replications",
          da ? "1.000 kr. pr. borger (tilbagediskonteret)"
             : "1,000 kr per citizen (discounted)",
          da ? "andel af replikationer" : "share of replications", mean, mean,
          pn, da ? "andel" : "share", da ? "middel" : "mean");
  return rb_close_ok(f, RB_OK);
}

/* One perspective's histogram: its data and its script. */
static rb_status psa_chart(const char *charts, const rb_results *res, int p,
                           bool da) {
  double mean;
  gsl_histogram *h = saving_histogram(res, p, &mean);
  if (h == NULL) {
    return RB_ENOMEM;
  }
  rb_status st = histogram_csv(charts, h, p, res->replications);
  gsl_histogram_free(h);
  if (st == RB_OK) {
    st = histogram_gp(charts, res, p, mean, da);
  }
  return st;
}

rb_status rb_psa_charts(const char *dir, const rb_scenario *sc,
                        const rb_results *res) {
  gsl_set_error_handler_off();
  if (res->n_drawn <= 0 || res->drawn == NULL || res->rep_saving == NULL ||
      res->replications < 1) {
    return RB_OK;
  }
  char charts[PATH_MAX];
  int k = snprintf(charts, sizeof charts, "%s/charts", dir);
  if (k < 0 || (size_t)k >= sizeof charts) {
    return RB_EIO;
  }
  if (mkdir(charts, 0777) != 0 && errno != EEXIST) {
    return RB_EIO;
  }
  rb_status st = RB_OK;
  char gp[RB_P_COUNT][64], svg[RB_P_COUNT][64];
  rb_gp_chart c[RB_P_COUNT];
  for (int p = 0; p < RB_P_COUNT && st == RB_OK; p++) {
    st = psa_chart(charts, res, p, sc->info.language == RB_LANG_DA);
    const char *pn = rb_perspective_name((rb_perspective)p);
    snprintf(gp[p], sizeof gp[p], "psa_saving_%s.gp", pn);
    snprintf(svg[p], sizeof svg[p], "psa_saving_%s.svg", pn);
    c[p] = (rb_gp_chart){gp[p], svg[p], NULL, 0, RB_GP_FAILED, 0, 0};
  }
  if (st == RB_OK) {
    /* The three at once; a chart gnuplot cannot draw leaves its script
     * and data. */
    (void)rb_gnuplot_run_all(charts, c, RB_P_COUNT, rb_gnuplot_jobs());
  }
  return st;
}
