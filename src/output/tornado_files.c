/* A tornado's files for programs: tornado.csv and tornado.json
 * (docs/decision-tools.md). */
#include "base/csv.h"
#include "base/io.h"
#include "output/json_write.h"
#include "output/writers.h"

#include <stdio.h>

static void csv_header(FILE *f) {
  fputs("rank,key,source,value,low,high", f);
  for (int p = 0; p < RB_P_COUNT; p++) {
    const char *pn = rb_perspective_name((rb_perspective)p);
    fprintf(f,
            ",base_%s,saving_low_%s,saving_high_%s,swing_%s,flips_sign_%s,"
            "threshold_%s",
            pn, pn, pn, pn, pn, pn);
  }
  fputc('\n', f);
}

static void csv_row(FILE *f, const rb_tornado *t, const rb_scenario *sc,
                    int k) {
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

rb_status rb_tornado_write_csv(const char *dir, const rb_tornado *t,
                               const rb_scenario *sc) {
  FILE *f = rb_open_in(dir, "tornado.csv");
  if (f != NULL) {
    csv_header(f);
    for (int k = 0; k < t->n; k++) {
      csv_row(f, t, sc, k);
    }
  }
  return rb_close_ok(f, RB_OK);
}

static json_t *bar_json(const rb_tornado_bar *b, const rb_scenario *sc) {
  const rb_param *pa = &sc->params[b->param];
  json_t *o = json_object();
  json_object_set_new(o, "key", json_string(pa->key));
  json_object_set_new(
      o, "source", pa->source != NULL ? json_string(pa->source) : json_null());
  json_object_set_new(o, "value", rb_out_json_num(b->value));
  json_object_set_new(o, "low", rb_out_json_num(b->low));
  json_object_set_new(o, "high", rb_out_json_num(b->high));
  json_object_set_new(o, "saving_low", rb_out_json_persp(b->saving_low));
  json_object_set_new(o, "saving_high", rb_out_json_persp(b->saving_high));
  json_object_set_new(o, "swing", rb_out_json_persp(b->swing));
  json_t *fl = json_object();
  for (int p = 0; p < RB_P_COUNT; p++) {
    json_object_set_new(fl, rb_perspective_name((rb_perspective)p),
                        json_boolean(b->flips_sign[p]));
  }
  json_object_set_new(o, "flips_sign", fl);
  json_object_set_new(o, "threshold", rb_out_json_persp(b->threshold));
  return o;
}

rb_status rb_tornado_write_json(const char *dir, const rb_tornado *t,
                                const rb_scenario *sc) {
  json_t *root = json_object();
  json_object_set_new(root, "scenario", json_string(sc->info.name));
  json_object_set_new(root, "base", rb_out_json_persp(t->base));
  json_t *bars = json_array();
  for (int k = 0; k < t->n; k++) {
    json_array_append_new(bars, bar_json(&t->bars[k], sc));
  }
  json_object_set_new(root, "bars", bars);
  json_object_set_new(root, "title", json_string(sc->info.title));
  json_object_set_new(root, "replications", json_integer(t->replications));
  json_object_set_new(root, "seed", json_integer((json_int_t)t->seed));
  json_object_set_new(root, "horizon_months",
                      json_integer(sc->info.horizon_months));
  json_object_set_new(root, "price_year", json_integer(sc->info.price_year));
  return rb_out_json_write(root, dir, "tornado.json");
}
