/* A psa run's extra CSV files: the drivers of the uncertainty and each
 * replication's saving (docs/decision-tools.md, "psa"). */
#include "base/csv.h"
#include "base/io.h"
#include "output/writers.h"

#include <stdio.h>
#include <stdlib.h>

/* psa_drivers.csv: per perspective the drawn inputs by |rho|. */
static rb_status drivers_csv(const char *dir, const rb_scenario *sc,
                             const rb_results *res) {
  rb_psa_driver *buf =
      malloc((size_t)RB_P_COUNT * (size_t)res->n_drawn * sizeof *buf);
  if (buf == NULL) {
    return RB_ENOMEM;
  }
  rb_status st = RB_OK;
  FILE *f = rb_open_in(dir, "psa_drivers.csv");
  if (f != NULL) {
    fputs("perspective,rank,key,rho,low,high,dist,source\n", f);
    st = rb_psa_drivers_all(buf, res, RB_DISC);
    for (int p = 0; p < RB_P_COUNT && st == RB_OK; p++) {
      const rb_psa_driver *d = buf + (size_t)p * (size_t)res->n_drawn;
      for (int k = 0; k < res->n_drawn; k++) {
        const rb_param *pa = &sc->params[d[k].param];
        fprintf(f, "%s,%d,", rb_perspective_name((rb_perspective)p), k + 1);
        rb_csv_str(f, pa->key);
        fputc(',', f);
        rb_csv_num(f, d[k].rho);
        fputc(',', f);
        rb_csv_num(f, pa->low);
        fputc(',', f);
        rb_csv_num(f, pa->high);
        fprintf(f, ",%s,", rb_dist_name(pa->dist));
        rb_csv_str(f, pa->source);
        fputc('\n', f);
      }
    }
  }
  free(buf);
  return rb_close_ok(f, st);
}

/* psa_savings.csv: each replication's discounted saving per perspective. */
static rb_status savings_csv(const char *dir, const rb_results *res) {
  FILE *f = rb_open_in(dir, "psa_savings.csv");
  if (f != NULL) {
    fputs("replication", f);
    for (int p = 0; p < RB_P_COUNT; p++) {
      fprintf(f, ",saving_%s", rb_perspective_name((rb_perspective)p));
    }
    fputc('\n', f);
    for (int r = 0; r < res->replications; r++) {
      fprintf(f, "%d", r + 1);
      for (int p = 0; p < RB_P_COUNT; p++) {
        fputc(',', f);
        rb_csv_num(f, rb_res_rep_saving(res, r, RB_DISC, p));
      }
      fputc('\n', f);
    }
  }
  return rb_close_ok(f, RB_OK);
}

rb_status rb_psa_write_csvs(const char *dir, const rb_scenario *sc,
                            const rb_results *res) {
  if (res->n_drawn <= 0 || res->drawn == NULL || res->rep_saving == NULL) {
    return RB_OK;
  }
  rb_status st = drivers_csv(dir, sc, res);
  if (st == RB_OK) {
    st = savings_csv(dir, res);
  }
  if (st == RB_OK) {
    st = rb_voi_write_files(dir, sc, res);
  }
  return st;
}
