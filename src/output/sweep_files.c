/* A sweep's files for programs: sweep.csv and sweep.json
 * (docs/decision-tools.md). */
#include "base/csv.h"
#include "base/io.h"
#include "output/json_write.h"
#include "output/measures.h"
#include "output/writers.h"

#include <math.h>
#include <stdio.h>

/* The intervention arm's outcomes at each value, by their column names. */
#define N_OUTCOMES 5
static const char *const outcome_names[N_OUTCOMES] = {
    "housed_12", "housed_24", "months_waiting", "subsidy_per_month",
    "share_acceptable"};

static void point_outcomes(double y[N_OUTCOMES], const rb_sweep_point *pt) {
  y[0] = pt->housed_12;
  y[1] = pt->housed_24;
  y[2] = pt->months_waiting;
  y[3] = pt->subsidy_per_month;
  y[4] = pt->share_acceptable;
}

/* Of the saving's statistics (rb_out_stats): the mean, the 95 % interval
 * and the share positive. */
#define N_SAVING 4
static const int saving_fields[N_SAVING] = {0, 3, 5, 6};

static void saving_stats(rb_out_measure x[N_SAVING], const rb_stats *s) {
  rb_out_measure m[RB_OUT_STATS];
  rb_out_stats(m, s);
  for (int k = 0; k < N_SAVING; k++) {
    x[k] = m[saving_fields[k]];
  }
}

/* The name of the saving's field @p k. */
static const char *saving_name(int k) {
  static const rb_stats none;
  rb_out_measure x[N_SAVING];
  saving_stats(x, &none);
  return x[k].name;
}

rb_status rb_sweep_write_csv(const char *dir, const rb_sweep *s) {
  FILE *f = rb_open_in(dir, "sweep.csv");
  if (f == NULL) {
    return RB_EIO;
  }
  fputs("value", f);
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int k = 0; k < N_SAVING; k++) {
      fprintf(f, ",saving_%s_%s", rb_perspective_name((rb_perspective)p),
              saving_name(k));
    }
  }
  for (int k = 0; k < N_OUTCOMES; k++) {
    fprintf(f, ",%s", outcome_names[k]);
  }
  fputc('\n', f);
  for (int i = 0; i < s->n; i++) {
    const rb_sweep_point *pt = &s->points[i];
    fprintf(f, "%.15g", pt->value);
    rb_out_measure x[N_SAVING];
    double y[N_OUTCOMES];
    for (int p = 0; p < RB_P_COUNT; p++) {
      saving_stats(x, &pt->saving[p]);
      for (int k = 0; k < N_SAVING; k++) {
        fputc(',', f);
        rb_csv_num(f, x[k].v);
      }
    }
    point_outcomes(y, pt);
    for (int k = 0; k < N_OUTCOMES; k++) {
      fputc(',', f);
      rb_csv_num(f, y[k]);
    }
    fputc('\n', f);
  }
  return rb_close_ok(f, RB_OK);
}

/* A value of the key: an integer for an integer key. */
static json_t *value_json(const rb_sweep *s, double v) {
  if (s->integer_key && isfinite(v) && fabs(v) < 9.0e15) {
    return json_integer((json_int_t)v);
  }
  return rb_out_json_num(v);
}

/* One perspective: the saving's statistics at every value, the break-even
 * values and the best value. */
static json_t *persp_json(const rb_sweep *s, int p) {
  json_t *po = json_object();
  json_t *a[N_SAVING];
  for (int k = 0; k < N_SAVING; k++) {
    a[k] = json_array();
  }
  for (int i = 0; i < s->n; i++) {
    rb_out_measure x[N_SAVING];
    saving_stats(x, &s->points[i].saving[p]);
    for (int k = 0; k < N_SAVING; k++) {
      json_array_append_new(a[k], rb_out_json_num(x[k].v));
    }
  }
  for (int k = 0; k < N_SAVING; k++) {
    json_object_set_new(po, saving_name(k), a[k]);
  }
  json_t *be = json_array();
  for (int k = 0; k < s->n_break_even[p]; k++) {
    json_array_append_new(be, rb_out_json_num(s->break_even[p][k]));
  }
  json_object_set_new(po, "break_even_values", be);
  json_object_set_new(po, "best_value",
                      s->best[p] >= 0
                          ? value_json(s, s->points[s->best[p]].value)
                          : json_null());
  return po;
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
    json_object_set_new(persp, rb_perspective_name((rb_perspective)p),
                        persp_json(s, p));
  }
  json_object_set_new(root, "perspectives", persp);
  for (int k = 0; k < N_OUTCOMES; k++) {
    json_t *a = json_array();
    for (int i = 0; i < s->n; i++) {
      double y[N_OUTCOMES];
      point_outcomes(y, &s->points[i]);
      json_array_append_new(a, rb_out_json_num(y[k]));
    }
    json_object_set_new(root, outcome_names[k], a);
  }
  /* Provenance, after the fields readers rely on. */
  json_object_set_new(root, "title", json_string(s->title));
  json_object_set_new(root, "integer_key", json_boolean(s->integer_key));
  json_object_set_new(root, "scenario_value",
                      rb_out_json_num(s->scenario_value));
  json_object_set_new(root, "replications", json_integer(s->replications));
  json_object_set_new(root, "seed", json_integer((json_int_t)s->seed));
  json_object_set_new(root, "horizon_months", json_integer(s->horizon));
  json_object_set_new(root, "price_year", json_integer(s->price_year));
  return rb_out_json_write(root, dir, "sweep.json");
}
