/* A psa run's value of information: voi.csv and voi.json (decision.h,
 * rb_voi_compute; docs/decision-tools.md, "What the pilot should measure"). */
#include "base/csv.h"
#include "base/io.h"
#include "output/json_write.h"
#include "output/writers.h"

#include <stdio.h>
#include <stdlib.h>

static const char *entry_kind(const rb_voi_entry *e) {
  return e->group ? "group" : "value";
}

/* One row: kind, name, values, basis, then per perspective the EVPPI per
 * citizen, for the enrolled population and the variance explained. */
static void csv_row(FILE *f, int rank, const char *kind, const char *name,
                    int n_values, int basis, const double *per_citizen,
                    const double *r2, int citizens) {
  fprintf(f, "%d,%s,", rank, kind);
  rb_csv_str(f, name);
  fprintf(f, ",%d,%d", n_values, basis);
  for (int p = 0; p < RB_P_COUNT; p++) {
    fputc(',', f);
    rb_csv_num(f, per_citizen[p]);
    fputc(',', f);
    rb_csv_num(f, per_citizen[p] * citizens);
    fputc(',', f);
    rb_csv_num(f, r2[p]);
  }
  fputc('\n', f);
}

static rb_status voi_csv(const char *dir, const rb_voi *v, const int *order) {
  FILE *f = rb_open_in(dir, "voi.csv");
  if (f != NULL) {
    fputs("rank,kind,name,n_values,basis", f);
    for (int p = 0; p < RB_P_COUNT; p++) {
      const char *pn = rb_perspective_name((rb_perspective)p);
      fprintf(f, ",evppi_%s,evppi_population_%s,r2_%s", pn, pn, pn);
    }
    fputc('\n', f);
    static const double one[RB_P_COUNT] = {1.0, 1.0, 1.0};
    csv_row(f, 0, "evpi", "every drawn value", v->n_single, 0, v->evpi, one,
            v->citizens);
    for (int i = 0; i < v->n_entries; i++) {
      const rb_voi_entry *e = &v->entries[order[i]];
      csv_row(f, i + 1, entry_kind(e), e->name, e->n_values, e->basis, e->evppi,
              e->r2, v->citizens);
    }
  }
  return rb_close_ok(f, RB_OK);
}

static json_t *per_persp(const double *x, double scale) {
  json_t *o = json_object();
  for (int p = 0; p < RB_P_COUNT; p++) {
    json_object_set_new(o, rb_perspective_name((rb_perspective)p),
                        rb_out_json_num(x[p] * scale));
  }
  return o;
}

static rb_status voi_json(const char *dir, const rb_scenario *sc,
                          const rb_voi *v, const int *order) {
  json_t *root = json_object();
  json_object_set_new(root, "scenario", json_string(sc->info.name));
  json_object_set_new(root, "replications", json_integer(v->replications));
  json_object_set_new(root, "citizens", json_integer(v->citizens));
  json_object_set_new(root, "n_drawn", json_integer(v->n_single));
  json_object_set_new(root, "mean_saving", per_persp(v->mean, 1.0));
  json_object_set_new(root, "evpi", per_persp(v->evpi, 1.0));
  json_object_set_new(root, "evpi_population",
                      per_persp(v->evpi, (double)v->citizens));
  json_t *a = json_array();
  for (int i = 0; i < v->n_entries; i++) {
    const rb_voi_entry *e = &v->entries[order[i]];
    json_t *o = json_object();
    json_object_set_new(o, "kind", json_string(entry_kind(e)));
    json_object_set_new(o, "name", json_string(e->name));
    json_object_set_new(o, "n_values", json_integer(e->n_values));
    json_object_set_new(o, "basis", json_integer(e->basis));
    json_object_set_new(o, "evppi", per_persp(e->evppi, 1.0));
    json_object_set_new(o, "evppi_population",
                        per_persp(e->evppi, (double)v->citizens));
    json_object_set_new(o, "r2", per_persp(e->r2, 1.0));
    json_array_append_new(a, o);
  }
  json_object_set_new(root, "entries", a);
  return rb_out_json_write(root, dir, "voi.json");
}

rb_status rb_voi_write_files(const char *dir, const rb_scenario *sc,
                             const rb_results *res) {
  rb_voi v;
  rb_status st = rb_voi_compute(&v, sc, res);
  if (st != RB_OK) {
    return st;
  }
  int *order =
      malloc((size_t)(v.n_entries > 0 ? v.n_entries : 1) * sizeof *order);
  if (order == NULL) {
    rb_voi_free(&v);
    return RB_ENOMEM;
  }
  rb_voi_order(order, &v, RB_P_KOMMUNE);
  st = voi_csv(dir, &v, order);
  if (st == RB_OK) {
    st = voi_json(dir, sc, &v, order);
  }
  free(order);
  rb_voi_free(&v);
  return st;
}
