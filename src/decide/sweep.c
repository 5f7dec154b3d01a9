/* The sweep: the business case at every value of one parameter, each a full
 * run with the scenario's seed (common random numbers), the break-even
 * values and the best value; sweep.csv, sweep.json, the chart and the
 * summary. */
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

/* The parameter a key names: the key itself or "<key>.value" of an
 * uncertain value; −1 when the key is not a real-valued parameter. */
static int find_param(const rb_scenario *sc, const char *key) {
  size_t len = strlen(key);
  for (int i = 0; i < sc->n_params; i++) {
    if (strcmp(sc->params[i].key, key) == 0) {
      return i;
    }
  }
  if (len > 6 && strcmp(key + len - 6, ".value") == 0) {
    for (int i = 0; i < sc->n_params; i++) {
      if (strlen(sc->params[i].key) == len - 6 &&
          strncmp(sc->params[i].key, key, len - 6) == 0) {
        return i;
      }
    }
  }
  return -1;
}

static char *dup_str(const char *s) {
  if (s == NULL) {
    s = "";
  }
  size_t n = strlen(s) + 1;
  char *d = malloc(n);
  if (d != NULL) {
    memcpy(d, s, n);
  }
  return d;
}

void rb_sweep_free(rb_sweep *s) {
  if (s == NULL) {
    return;
  }
  free(s->scenario);
  free(s->title);
  free(s->param);
  free(s->points);
  for (int p = 0; p < RB_P_COUNT; p++) {
    free(s->break_even[p]);
  }
  memset(s, 0, sizeof *s);
}

/* One value: load with "KEY=VALUE" after the user's overrides, run, keep the
 * whole cohort's figures. */
static rb_status sweep_point(rb_sweep_point *pt, int *threads, const char *path,
                             const char *key, double value, bool integer,
                             const rb_sweep_opts *opts,
                             rb_decision__progress *pc, rb_diag *diag) {
  char lit[64];
  rb_sweep_literal(lit, sizeof lit, value, integer);
  size_t len = strlen(key) + strlen(lit) + 2;
  char *set = malloc(len);
  const char **sets = calloc((size_t)opts->n_sets + 1, sizeof *sets);
  if (set == NULL || sets == NULL) {
    free(set);
    free(sets);
    return RB_ENOMEM;
  }
  snprintf(set, len, "%s=%s", key, lit);
  for (int i = 0; i < opts->n_sets; i++) {
    sets[i] = opts->sets[i];
  }
  sets[opts->n_sets] = set;
  rb_load_opts lo = {sets, opts->n_sets + 1};
  rb_scenario *sc = NULL;
  rb_status st = rb_scenario_load(&sc, path, &lo, diag);
  if (st != RB_OK) {
    rb_diag_add(diag, path, 0, NULL, "the sweep stopped at %s", set);
    free(set);
    free(sets);
    return st;
  }
  free(set);
  free(sets);
  rb_run_opts ro = {0};
  ro.threads = opts->threads;
  if (opts->progress != NULL) {
    ro.progress = rb_decision__engine_progress;
    ro.progress_ctx = pc;
  }
  rb_results res;
  st = rb_engine_run(&res, sc, &ro);
  if (st == RB_OK) {
    const rb_group_result *g = &res.all;
    const rb_outcomes *o = &g->outcomes[RB_ARM_INTERVENTION];
    pt->value = value;
    for (int p = 0; p < RB_P_COUNT; p++) {
      pt->saving[p] = g->persp[0][p].saving;
    }
    pt->housed_12 = o->housed[0];
    pt->housed_24 = o->housed[1];
    pt->months_waiting = o->months_waiting;
    pt->subsidy_per_month = o->subsidy_per_month;
    pt->share_acceptable = o->offers_accepted_share;
    *threads = res.threads;
    rb_results_free(&res);
  }
  rb_scenario_free(sc);
  return st;
}

rb_status rb_sweep_run(rb_sweep *out, rb_scenario **base, const char *path,
                       const char *key, double from, double to, double step,
                       const rb_sweep_opts *opts, rb_diag *diag) {
  memset(out, 0, sizeof *out);
  *base = NULL;
  rb_load_opts lo = {opts->sets, opts->n_sets};
  rb_scenario *sc = NULL;
  double *values = NULL;
  rb_status st = rb_scenario_load(&sc, path, &lo, diag);
  if (st != RB_OK) {
    return st;
  }
  int pi = find_param(sc, key);
  out->integer_key = pi < 0;
  out->scenario_value = pi >= 0 ? sc->params[pi].value : NAN;
  int n = 0;
  st = rb_sweep_values(&values, &n, from, to, step, out->integer_key, diag);
  if (st != RB_OK) {
    goto fail;
  }
  out->scenario = dup_str(sc->info.name);
  out->title = dup_str(sc->info.title);
  out->param = dup_str(key);
  out->points = calloc((size_t)n, sizeof *out->points);
  if (out->scenario == NULL || out->title == NULL || out->param == NULL ||
      out->points == NULL) {
    st = RB_ENOMEM;
    goto fail;
  }
  out->language = sc->info.language;
  out->price_year = sc->info.price_year;
  out->horizon = sc->info.horizon_months;
  out->replications = sc->info.replications;
  out->seed = sc->info.seed;
  out->n = n;
  rb_decision__progress pc = {opts->progress, opts->progress_ctx, 0, n};
  for (int i = 0; i < n; i++) {
    pc.run = i + 1;
    st = sweep_point(&out->points[i], &out->threads, path, key, values[i],
                     out->integer_key, opts, &pc, diag);
    if (st != RB_OK) {
      goto fail;
    }
  }
  /* Break-even values and the best value per perspective. */
  double *xs = malloc((size_t)n * sizeof *xs);
  double *ys = malloc((size_t)n * sizeof *ys);
  if (xs == NULL || ys == NULL) {
    free(xs);
    free(ys);
    st = RB_ENOMEM;
    goto fail;
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int i = 0; i < n; i++) {
      xs[i] = out->points[i].value;
      ys[i] = out->points[i].saving[p].mean;
    }
    int k = rb_decision_crossings(NULL, 0, xs, ys, n);
    out->break_even[p] = calloc((size_t)k + 1, sizeof(double));
    if (out->break_even[p] == NULL) {
      st = RB_ENOMEM;
      break;
    }
    out->n_break_even[p] =
        rb_decision_crossings(out->break_even[p], k, xs, ys, n);
    out->best[p] = rb_decision_argmax(ys, n);
  }
  free(xs);
  free(ys);
  if (st != RB_OK) {
    goto fail;
  }
  free(values);
  *base = sc;
  return RB_OK;

fail:
  free(values);
  rb_scenario_free(sc);
  return st;
}

/* ---- files -----------------------------------------------------------------
 */

rb_status rb_sweep_write_csv(const char *dir, const rb_sweep *s) {
  FILE *f = rb_open_in(dir, "sweep.csv");
  if (f != NULL) {
    fputs("value", f);
    for (int p = 0; p < RB_P_COUNT; p++) {
      const char *pn = rb_perspective_name((rb_perspective)p);
      fprintf(f,
              ",saving_%s_mean,saving_%s_p2_5,saving_%s_p97_5,"
              "saving_%s_prob_positive",
              pn, pn, pn, pn);
    }
    fputs(",housed_12,housed_24,months_waiting,subsidy_per_month,"
          "share_acceptable\n",
          f);
    for (int i = 0; i < s->n; i++) {
      const rb_sweep_point *pt = &s->points[i];
      fprintf(f, "%.15g", pt->value);
      for (int p = 0; p < RB_P_COUNT; p++) {
        const double x[4] = {pt->saving[p].mean, pt->saving[p].p2_5,
                             pt->saving[p].p97_5, pt->saving[p].prob_positive};
        for (int k = 0; k < 4; k++) {
          fputc(',', f);
          rb_csv_num(f, x[k]);
        }
      }
      const double y[5] = {pt->housed_12, pt->housed_24, pt->months_waiting,
                           pt->subsidy_per_month, pt->share_acceptable};
      for (int k = 0; k < 5; k++) {
        fputc(',', f);
        rb_csv_num(f, y[k]);
      }
      fputc('\n', f);
    }
  }
  return rb_close_ok(f, RB_OK);
}

static json_t *value_json(const rb_sweep *s, double v) {
  if (s->integer_key && isfinite(v) && fabs(v) < 9.0e15) {
    return json_integer((json_int_t)v);
  }
  return rb_decision__json_num(v);
}

rb_status rb_sweep_write_json(const char *dir, const rb_sweep *s) {
  json_t *root = json_object();
  json_object_set_new(root, "scenario", json_string(s->scenario));
  json_object_set_new(root, "param", json_string(s->param));
  json_t *values = json_array();
  for (int i = 0; i < s->n; i++) {
    json_array_append_new(values, value_json(s, s->points[i].value));
  }
  json_object_set_new(root, "values", values);
  json_t *persp = json_object();
  for (int p = 0; p < RB_P_COUNT; p++) {
    json_t *po = json_object();
    json_t *mean = json_array(), *lo = json_array(), *hi = json_array(),
           *pp = json_array(), *be = json_array();
    for (int i = 0; i < s->n; i++) {
      const rb_stats *st = &s->points[i].saving[p];
      json_array_append_new(mean, rb_decision__json_num(st->mean));
      json_array_append_new(lo, rb_decision__json_num(st->p2_5));
      json_array_append_new(hi, rb_decision__json_num(st->p97_5));
      json_array_append_new(pp, rb_decision__json_num(st->prob_positive));
    }
    for (int k = 0; k < s->n_break_even[p]; k++) {
      json_array_append_new(be, rb_decision__json_num(s->break_even[p][k]));
    }
    json_object_set_new(po, "mean", mean);
    json_object_set_new(po, "p2_5", lo);
    json_object_set_new(po, "p97_5", hi);
    json_object_set_new(po, "prob_positive", pp);
    json_object_set_new(po, "break_even_values", be);
    json_object_set_new(po, "best_value",
                        s->best[p] >= 0
                            ? value_json(s, s->points[s->best[p]].value)
                            : json_null());
    json_object_set_new(persp, rb_perspective_name((rb_perspective)p), po);
  }
  json_object_set_new(root, "perspectives", persp);
  static const char *const names[5] = {"housed_12", "housed_24",
                                       "months_waiting", "subsidy_per_month",
                                       "share_acceptable"};
  for (int k = 0; k < 5; k++) {
    json_t *a = json_array();
    for (int i = 0; i < s->n; i++) {
      const rb_sweep_point *pt = &s->points[i];
      const double y[5] = {pt->housed_12, pt->housed_24, pt->months_waiting,
                           pt->subsidy_per_month, pt->share_acceptable};
      json_array_append_new(a, rb_decision__json_num(y[k]));
    }
    json_object_set_new(root, names[k], a);
  }
  /* Provenance, after the fields readers rely on. */
  json_object_set_new(root, "title", json_string(s->title));
  json_object_set_new(root, "integer_key", json_boolean(s->integer_key));
  json_object_set_new(root, "scenario_value",
                      rb_decision__json_num(s->scenario_value));
  json_object_set_new(root, "replications", json_integer(s->replications));
  json_object_set_new(root, "seed", json_integer((json_int_t)s->seed));
  json_object_set_new(root, "horizon_months", json_integer(s->horizon));
  json_object_set_new(root, "price_year", json_integer(s->price_year));
  return rb_decision__json_write(root, dir, "sweep.json");
}

rb_status rb_sweep_summary(char **out, const rb_sweep *s) {
  *out = NULL;
  bool da = s->language == RB_LANG_DA;
  rb_decision__text t = {NULL, 0, 0, true};
  char a[64], b[64], c[64], d[64];
  if (s->n == 0) {
    return RB_EINTERNAL;
  }
  rb_decision__fmt_value(a, sizeof a, s->points[0].value, da);
  rb_decision__fmt_value(b, sizeof b, s->points[s->n - 1].value, da);
  rb_decision__add(&t,
                   da ? "%s: %s fra %s til %s, %d værdier (%d replikationer, "
                        "seed %llu, fælles tilfældige tal)\n"
                      : "%s: %s from %s to %s, %d values (%d replications, "
                        "seed %llu, common random numbers)\n",
                   s->scenario, s->param, a, b, s->n, s->replications,
                   (unsigned long long)s->seed);
  rb_decision__add(&t,
                   da ? "Gennemsnitlig besparelse pr. borger over %d måneder "
                        "(tilbagediskonteret, %d-kr.), nuværende praksis − "
                        "ordningen:\n"
                      : "Mean saving per citizen over %d months (discounted, "
                        "%d kr), today's practice − scheme:\n",
                   s->horizon, s->price_year);
  for (int p = 0; p < RB_P_COUNT; p++) {
    rb_decision__add(&t, "  %-15s ", rb_decision__persp_label(p, da));
    if (s->n_break_even[p] > 0) {
      rb_decision__add(
          &t, da ? "balancepunkt ved %s ≈ " : "break-even at %s ≈ ", s->param);
      for (int k = 0; k < s->n_break_even[p]; k++) {
        rb_decision__fmt_value(a, sizeof a, s->break_even[p][k], da);
        /* The direction: the sign just after the crossing. */
        bool up = false;
        for (int i = 0; i < s->n; i++) {
          if (s->points[i].value > s->break_even[p][k] &&
              s->points[i].saving[p].mean != 0.0) {
            up = s->points[i].saving[p].mean > 0.0;
            break;
          }
        }
        rb_decision__add(&t, "%s%s (%s)", k > 0 ? ", " : "", a,
                         up ? (da ? "besparelsen bliver positiv"
                                  : "the saving turns positive")
                            : (da ? "besparelsen bliver negativ"
                                  : "the saving turns negative"));
      }
      rb_decision__add(&t, "; ");
    } else {
      int pos = 0, neg = 0, zero = 0;
      for (int i = 0; i < s->n; i++) {
        pos += s->points[i].saving[p].mean > 0.0;
        neg += s->points[i].saving[p].mean < 0.0;
        zero += s->points[i].saving[p].mean == 0.0;
      }
      const char *why;
      if (pos > 0 && neg == 0) {
        why = zero == 0 ? (da ? "besparelse ved alle værdier"
                              : "a saving at every value")
                        : (da ? "besparelse eller 0 ved alle værdier"
                              : "a saving or 0 at every value");
      } else if (neg > 0 && pos == 0) {
        why = zero == 0 ? (da ? "underskud ved alle værdier"
                              : "a loss at every value")
                        : (da ? "underskud eller 0 ved alle værdier"
                              : "a loss or 0 at every value");
      } else if (pos == 0 && neg == 0) {
        why = da ? "0 ved alle værdier" : "0 at every value";
      } else {
        why = da ? "fortegnet skifter ikke mellem to nabopunkter"
                 : "the sign does not change between neighbouring values";
      }
      rb_decision__add(
          &t, da ? "intet balancepunkt: %s; " : "no break-even: %s; ", why);
    }
    if (s->best[p] >= 0) {
      const rb_sweep_point *pt = &s->points[s->best[p]];
      rb_fmt_kr(a, sizeof a, pt->saving[p].mean, da);
      rb_decision__fmt_value(b, sizeof b, pt->value, da);
      rb_fmt_kr(c, sizeof c, pt->saving[p].p2_5, da);
      rb_fmt_kr(d, sizeof d, pt->saving[p].p97_5, da);
      char e[32];
      rb_decision__fmt_pct(e, sizeof e, pt->saving[p].prob_positive, da);
      rb_decision__add(&t,
                       da ? "størst besparelse %s kr. ved %s (95 %%: %s – %s, "
                            "P(>0) = %s %%)\n"
                          : "largest saving %s kr at %s (95 %%: %s – %s, "
                            "P(>0) = %s %%)\n",
                       a, b, c, d, e);
    } else {
      rb_decision__add(&t, "\n");
    }
  }
  if (!t.ok) {
    free(t.s);
    return RB_ENOMEM;
  }
  *out = t.s;
  return RB_OK;
}

/* The chart: the mean saving with its 95 % band per perspective against the
 * value, and the intervention arm's outcomes below. */
static rb_status write_gp(const char *dir, const rb_sweep *s) {
  FILE *f = rb_open_in(dir, "sweep.gp");
  if (f == NULL) {
    return RB_EIO;
  }
  bool da = s->language == RB_LANG_DA;
  static const char *const colors[RB_P_COUNT] = {"#1f77b4", "#ff7f0e",
                                                 "#2ca02c"};
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
              s->break_even[p][k], s->break_even[p][k], colors[p]);
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
            p > 0 ? ", \\\n     " : "", c + 1, c + 2, colors[p], c, colors[p],
            rb_decision__persp_label(p, da));
  }
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
  return rb_close_ok(f, RB_OK);
}

rb_status rb_sweep_dir_write(rb_chart_state *chart, const char *dir, bool force,
                             const rb_sweep *s, const rb_scenario *base,
                             rb_run_meta *meta, rb_diag *diag) {
  char tmp[PATH_MAX];
  *chart = RB_CHART_NONE;
  rb_status st = rb_dir_begin(tmp, sizeof tmp, dir, diag);
  if (st != RB_OK) {
    return st;
  }
  st = rb_dir_write_scenario(tmp, base);
  if (st == RB_OK) {
    st = rb_sweep_write_csv(tmp, s);
  }
  if (st == RB_OK) {
    st = rb_sweep_write_json(tmp, s);
  }
  if (st == RB_OK) {
    char *text = NULL;
    st = rb_sweep_summary(&text, s);
    if (st == RB_OK) {
      st = rb_decision__text_write(tmp, "summary.txt", text);
    }
    free(text);
  }
  if (st == RB_OK) {
    st = write_gp(tmp, s);
  }
  if (st == RB_OK) {
    *chart = rb_chart_render(tmp, "sweep.gp");
    if (*chart == RB_CHART_FAILED) {
      rb_diag_add(diag, dir, 0, NULL,
                  "gnuplot could not draw sweep.svg (sweep.gp is kept)");
    }
  }
  return rb_decision__dir_finish(st, tmp, dir, force, base, meta,
                                 rb_write_sweep_report_files, "sweep", diag);
}
