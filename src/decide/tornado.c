/* The tornado: one-way sensitivity of the saving to every value with a
 * range, each at its low and its high with the rest at value (stochastic
 * mode, the scenario's seed); tornado.csv, tornado.json, the charts and
 * "what must be true". */
#include "base/csv.h"
#include "base/io.h"
#include "base/numfmt.h"
#include "decide/decision_internal.h"
#include "rentbridge/decision.h"
#include "rentbridge/report.h"

#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

void rb_tornado_free(rb_tornado *t) {
  if (t == NULL) {
    return;
  }
  free(t->bars);
  memset(t, 0, sizeof *t);
}

/* The whole cohort's mean discounted saving per perspective. */
static rb_status run_at(double saving[RB_P_COUNT], int *threads,
                        const rb_scenario *sc, const rb_run_opts *ro,
                        const double *v) {
  rb_results res;
  rb_status st = rb_engine_run_values(&res, sc, ro, v);
  if (st != RB_OK) {
    return st;
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    saving[p] = res.all.persp[0][p].saving.mean;
  }
  *threads = res.threads;
  rb_results_free(&res);
  return RB_OK;
}

/* A parameter's key for people: a cost item's or (with several groups) a
 * group's name added, e.g. "costs.[7].per_month (police)". */
static void param_label(char *buf, size_t n, const rb_scenario *sc, int i) {
  const char *key = sc->params[i].key;
  int idx = -1;
  const char *name = NULL;
  if (sscanf(key, "costs.[%d]", &idx) == 1 && idx >= 0 && idx < sc->n_costs) {
    name = sc->costs[idx].name;
  } else if (sc->n_groups > 1 && sscanf(key, "groups.[%d]", &idx) == 1 &&
             idx >= 0 && idx < sc->n_groups) {
    name = sc->groups[idx].name;
  }
  if (name != NULL) {
    snprintf(buf, n, "%s (%s)", key, name);
  } else {
    snprintf(buf, n, "%s", key);
  }
}

static int cmp_bar(const void *a, const void *b) {
  const rb_tornado_bar *x = a, *y = b;
  double sx = x->swing[RB_P_KOMMUNE], sy = y->swing[RB_P_KOMMUNE];
  if (sx != sy) {
    return sx > sy ? -1 : 1;
  }
  return (x->param > y->param) - (x->param < y->param);
}

/* Where the piecewise-linear curve through (value, base) and (end, at_end)
 * crosses zero. */
static double threshold(double value, double base, double end, double at_end) {
  if (base == at_end) {
    return end;
  }
  return value + (end - value) * base / (base - at_end);
}

rb_status rb_tornado_run(rb_tornado *out, const rb_scenario *sc,
                         const rb_tornado_opts *opts) {
  memset(out, 0, sizeof *out);
  int n = 0;
  for (int i = 0; i < sc->n_params; i++) {
    n += sc->params[i].has_range;
  }
  double *v = malloc(((size_t)sc->n_params + 1) * sizeof *v);
  out->bars = calloc((size_t)n + 1, sizeof *out->bars);
  if (v == NULL || out->bars == NULL) {
    free(v);
    rb_tornado_free(out);
    return RB_ENOMEM;
  }
  for (int i = 0; i < sc->n_params; i++) {
    v[i] = sc->params[i].value;
  }
  out->n = n;
  out->replications = sc->info.replications;
  out->seed = sc->info.seed;
  rb_decision__progress pc = {opts != NULL ? opts->progress : NULL,
                              opts != NULL ? opts->progress_ctx : NULL, 1,
                              1 + 2 * n};
  rb_run_opts ro = {0};
  ro.threads = opts != NULL ? opts->threads : 0;
  if (pc.fn != NULL) {
    ro.progress = rb_decision__engine_progress;
    ro.progress_ctx = &pc;
  }
  rb_status st = run_at(out->base, &out->threads, sc, &ro, v);
  int b = 0;
  for (int i = 0; st == RB_OK && i < sc->n_params; i++) {
    const rb_param *pa = &sc->params[i];
    if (!pa->has_range) {
      continue;
    }
    rb_tornado_bar *bar = &out->bars[b++];
    bar->param = i;
    bar->value = pa->value;
    bar->low = pa->low;
    bar->high = pa->high;
    v[i] = pa->low;
    pc.run++;
    st = run_at(bar->saving_low, &out->threads, sc, &ro, v);
    v[i] = pa->high;
    pc.run++;
    if (st == RB_OK) {
      st = run_at(bar->saving_high, &out->threads, sc, &ro, v);
    }
    v[i] = pa->value;
    for (int p = 0; st == RB_OK && p < RB_P_COUNT; p++) {
      double base = out->base[p], lo = bar->saving_low[p],
             hi = bar->saving_high[p];
      bar->swing[p] = fabs(hi - lo);
      bool saves = base > 0.0;
      bool flip_lo = (lo > 0.0) != saves, flip_hi = (hi > 0.0) != saves;
      bar->flips_sign[p] = flip_lo || flip_hi;
      bar->threshold[p] = NAN;
      if (flip_lo && flip_hi) {
        /* Both ends on the other side: the value itself is near the
         * edge; the threshold lies on the side closer to zero. */
        bar->threshold[p] = fabs(lo) < fabs(hi)
                                ? threshold(bar->value, base, bar->low, lo)
                                : threshold(bar->value, base, bar->high, hi);
      } else if (flip_lo) {
        bar->threshold[p] = threshold(bar->value, base, bar->low, lo);
      } else if (flip_hi) {
        bar->threshold[p] = threshold(bar->value, base, bar->high, hi);
      }
    }
  }
  free(v);
  if (st != RB_OK) {
    rb_tornado_free(out);
    return st;
  }
  qsort(out->bars, (size_t)out->n, sizeof *out->bars, cmp_bar);
  return RB_OK;
}

/* ---- files -----------------------------------------------------------------
 */

rb_status rb_tornado_write_csv(const char *dir, const rb_tornado *t,
                               const rb_scenario *sc) {
  FILE *f = rb_open_in(dir, "tornado.csv");
  if (f != NULL) {
    fputs("rank,key,source,value,low,high", f);
    for (int p = 0; p < RB_P_COUNT; p++) {
      const char *pn = rb_perspective_name((rb_perspective)p);
      fprintf(f,
              ",base_%s,saving_low_%s,saving_high_%s,swing_%s,flips_sign_%s,"
              "threshold_%s",
              pn, pn, pn, pn, pn, pn);
    }
    fputc('\n', f);
    for (int k = 0; k < t->n; k++) {
      const rb_tornado_bar *b = &t->bars[k];
      const rb_param *pa = &sc->params[b->param];
      fprintf(f, "%d,", k + 1);
      rb_csv_str(f, pa->key);
      fputc(',', f);
      rb_csv_str(f, pa->source);
      const double x[3] = {b->value, b->low, b->high};
      for (int j = 0; j < 3; j++) {
        fputc(',', f);
        rb_csv_num(f, x[j]);
      }
      for (int p = 0; p < RB_P_COUNT; p++) {
        const double y[4] = {t->base[p], b->saving_low[p], b->saving_high[p],
                             b->swing[p]};
        for (int j = 0; j < 4; j++) {
          fputc(',', f);
          rb_csv_num(f, y[j]);
        }
        fprintf(f, ",%s,", b->flips_sign[p] ? "true" : "false");
        rb_csv_num(f, b->threshold[p]);
      }
      fputc('\n', f);
    }
  }
  return rb_close_ok(f, RB_OK);
}

static json_t *persp_obj(const double x[RB_P_COUNT]) {
  json_t *o = json_object();
  for (int p = 0; p < RB_P_COUNT; p++) {
    json_object_set_new(o, rb_perspective_name((rb_perspective)p),
                        rb_decision__json_num(x[p]));
  }
  return o;
}

rb_status rb_tornado_write_json(const char *dir, const rb_tornado *t,
                                const rb_scenario *sc) {
  json_t *root = json_object();
  json_object_set_new(root, "scenario", json_string(sc->info.name));
  json_object_set_new(root, "base", persp_obj(t->base));
  json_t *bars = json_array();
  for (int k = 0; k < t->n; k++) {
    const rb_tornado_bar *b = &t->bars[k];
    const rb_param *pa = &sc->params[b->param];
    json_t *o = json_object();
    json_object_set_new(o, "key", json_string(pa->key));
    json_object_set_new(o, "source",
                        pa->source != NULL ? json_string(pa->source)
                                           : json_null());
    json_object_set_new(o, "value", rb_decision__json_num(b->value));
    json_object_set_new(o, "low", rb_decision__json_num(b->low));
    json_object_set_new(o, "high", rb_decision__json_num(b->high));
    json_object_set_new(o, "saving_low", persp_obj(b->saving_low));
    json_object_set_new(o, "saving_high", persp_obj(b->saving_high));
    json_object_set_new(o, "swing", persp_obj(b->swing));
    json_t *fl = json_object();
    for (int p = 0; p < RB_P_COUNT; p++) {
      json_object_set_new(fl, rb_perspective_name((rb_perspective)p),
                          json_boolean(b->flips_sign[p]));
    }
    json_object_set_new(o, "flips_sign", fl);
    json_object_set_new(o, "threshold", persp_obj(b->threshold));
    json_array_append_new(bars, o);
  }
  json_object_set_new(root, "bars", bars);
  json_object_set_new(root, "title", json_string(sc->info.title));
  json_object_set_new(root, "replications", json_integer(t->replications));
  json_object_set_new(root, "seed", json_integer((json_int_t)t->seed));
  json_object_set_new(root, "horizon_months",
                      json_integer(sc->info.horizon_months));
  json_object_set_new(root, "price_year", json_integer(sc->info.price_year));
  return rb_decision__json_write(root, dir, "tornado.json");
}

#define TOP_SWINGS 5

rb_status rb_tornado_summary(char **out, const rb_tornado *t,
                             const rb_scenario *sc) {
  *out = NULL;
  bool da = sc->info.language == RB_LANG_DA;
  rb_decision__text x = {NULL, 0, 0, true};
  char a[64], b[64], c[64];
  rb_decision__add(&x,
                   da ? "%s: én parameter ad gangen mellem low og high, %d "
                        "parametre (%d replikationer, seed %llu)\n"
                      : "%s: one parameter at a time between low and high, "
                        "%d parameters (%d replications, seed %llu)\n",
                   sc->info.name, t->n, t->replications,
                   (unsigned long long)t->seed);
  rb_decision__add(&x,
                   da ? "Besparelse pr. borger over %d måneder "
                        "(tilbagediskonteret, %d-kr.) med alle værdier som "
                        "angivet:\n"
                      : "Saving per citizen over %d months (discounted, %d "
                        "kr) with every value as given:\n",
                   sc->info.horizon_months, sc->info.price_year);
  for (int p = 0; p < RB_P_COUNT; p++) {
    rb_fmt_kr(a, sizeof a, t->base[p], da);
    rb_decision__add(&x, "  %-15s %12s %s\n", rb_decision__persp_label(p, da),
                     a, da ? "kr." : "kr");
  }
  if (t->n == 0) {
    rb_decision__add(&x, da ? "Ingen værdier har low/high.\n"
                            : "No value has low/high.\n");
  } else {
    rb_decision__add(&x, da ? "Størst udsving (kommunen):\n"
                            : "Largest swings (kommune):\n");
    for (int k = 0; k < t->n && k < TOP_SWINGS; k++) {
      const rb_tornado_bar *bar = &t->bars[k];
      rb_decision__fmt_value(a, sizeof a, bar->low, da);
      rb_decision__fmt_value(b, sizeof b, bar->high, da);
      rb_fmt_kr(c, sizeof c, bar->swing[RB_P_KOMMUNE], da);
      char label[512];
      param_label(label, sizeof label, sc, bar->param);
      rb_decision__add(
          &x, da ? "  %-44s %s – %s: %s kr.\n" : "  %-44s %s – %s: %s kr\n",
          label, a, b, c);
    }
  }
  rb_decision__add(&x, da ? "Hvad skal være sandt:\n" : "What must be true:\n");
  int any = 0;
  for (int p = 0; p < RB_P_COUNT; p++) {
    bool saves = t->base[p] > 0.0;
    for (int k = 0; k < t->n; k++) {
      const rb_tornado_bar *bar = &t->bars[k];
      if (!bar->flips_sign[p]) {
        continue;
      }
      any++;
      /* The scheme saves money on the threshold's side towards the value
       * when the base case saves, and on the far side otherwise. */
      bool above = saves ? bar->threshold[p] < bar->value
                         : bar->threshold[p] > bar->value;
      rb_decision__fmt_value(a, sizeof a, bar->threshold[p], da);
      rb_decision__fmt_value(b, sizeof b, bar->low, da);
      rb_decision__fmt_value(c, sizeof c, bar->high, da);
      char label[512];
      param_label(label, sizeof label, sc, bar->param);
      rb_decision__add(&x,
                       da ? "  %s: ordningen sparer %spenge, hvis %s %s ca. "
                            "%s (intervallet %s – %s)\n"
                          : "  %s: the scheme saves money%s if %s %s about "
                            "%s (range %s – %s)\n",
                       rb_decision__persp_label(p, da),
                       saves ? (da ? "kun " : " only") : "", label,
                       above ? (da ? "er over" : "is above")
                             : (da ? "er under" : "is below"),
                       a, b, c);
    }
  }
  if (any == 0) {
    rb_decision__add(&x,
                     da ? "  ingen enkelt værdi inden for sit interval vender "
                          "fortegnet på besparelsen\n"
                        : "  no single value within its range changes the "
                          "sign of the saving\n");
  }
  if (!x.ok) {
    free(x.s);
    return RB_ENOMEM;
  }
  *out = x.s;
  return RB_OK;
}

/* The charts' data: rank, key, then base, low and high per perspective,
 * separated by blanks (a key has no blank). */
static rb_status write_dat(const char *dir, const rb_tornado *t,
                           const rb_scenario *sc) {
  FILE *f = rb_open_in(dir, "tornado.dat");
  if (f != NULL) {
    fputs("# rank key", f);
    for (int p = 0; p < RB_P_COUNT; p++) {
      const char *pn = rb_perspective_name((rb_perspective)p);
      fprintf(f, " base_%s saving_low_%s saving_high_%s", pn, pn, pn);
    }
    fputc('\n', f);
    for (int k = 0; k < t->n; k++) {
      const rb_tornado_bar *b = &t->bars[k];
      char label[512];
      param_label(label, sizeof label, sc, b->param);
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

/* One chart per perspective: a bar per parameter from the base saving to
 * the saving at low (one colour) and at high (another). */
static rb_status write_gp(const char *dir, const rb_tornado *t,
                          const rb_scenario *sc, int p) {
  char name[64];
  const char *pn = rb_perspective_name((rb_perspective)p);
  snprintf(name, sizeof name, "tornado-%s.gp", pn);
  FILE *f = rb_open_in(dir, name);
  if (f == NULL) {
    return RB_EIO;
  }
  bool da = sc->info.language == RB_LANG_DA;
  int c = 3 + 3 * p; /* base_<p>; low and high follow */
  /* A dashed line at zero when the bars reach across it. */
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
          rb_decision__persp_label(p, da),
          da ? "1.000 kr. pr. borger (tilbagediskonteret); lodret linje: alle "
               "værdier som angivet"
             : "1,000 kr per citizen (discounted); vertical line: every value "
               "as given",
          t->n - 1, t->base[p], t->base[p],
          da ? "parameter ved low" : "parameter at low",
          da ? "parameter ved high" : "parameter at high");
  return rb_close_ok(f, RB_OK);
}

rb_status rb_tornado_dir_write(rb_chart_state *chart, const char *dir,
                               bool force, const rb_tornado *t,
                               const rb_scenario *sc, rb_run_meta *meta,
                               rb_diag *diag) {
  char tmp[PATH_MAX];
  *chart = RB_CHART_NONE;
  rb_status st = rb_dir_begin(tmp, sizeof tmp, dir, diag);
  if (st != RB_OK) {
    return st;
  }
  st = rb_dir_write_scenario(tmp, sc);
  if (st == RB_OK) {
    st = rb_tornado_write_csv(tmp, t, sc);
  }
  if (st == RB_OK) {
    st = rb_tornado_write_json(tmp, t, sc);
  }
  if (st == RB_OK) {
    char *text = NULL;
    st = rb_tornado_summary(&text, t, sc);
    if (st == RB_OK) {
      st = rb_decision__text_write(tmp, "summary.txt", text);
    }
    free(text);
  }
  if (st == RB_OK && t->n > 0) {
    st = write_dat(tmp, t, sc);
  }
  for (int p = 0; st == RB_OK && p < RB_P_COUNT && t->n > 0; p++) {
    st = write_gp(tmp, t, sc, p);
    if (st == RB_OK) {
      char name[64];
      snprintf(name, sizeof name, "tornado-%s.gp",
               rb_perspective_name((rb_perspective)p));
      rb_chart_state cs = rb_chart_render(tmp, name);
      if (cs == RB_CHART_FAILED) {
        rb_diag_add(diag, dir, 0, NULL,
                    "gnuplot could not draw the chart (%s is kept)", name);
      }
      if (*chart == RB_CHART_NONE || cs > *chart) {
        *chart = cs;
      }
    }
  }
  return rb_decision__dir_finish(st, tmp, dir, force, sc, meta,
                                 rb_write_tornado_report_files, "tornado",
                                 diag);
}
