/* A sweep of two parameters (rb_sweep2): sweep2.csv, one row per cell and
 * perspective, and the summary naming the best cell per perspective
 * (docs/decision-tools.md, "Two parameters"). */
#define _GNU_SOURCE /* open_memstream */
#include "base/csv.h"
#include "base/io.h"
#include "base/numfmt.h"
#include "output/writers.h"

#include <stdio.h>
#include <stdlib.h>

static void cell_row(FILE *f, const rb_sweep2 *s, int i, int j, int p) {
  const rb_sweep_point *pt = &s->rows[j].points[i];
  const rb_stats *st = &pt->saving[p];
  rb_csv_num(f, pt->value);
  fputc(',', f);
  rb_csv_num(f, s->values2[j]);
  fprintf(f, ",%s,", rb_perspective_name((rb_perspective)p));
  const double x[] = {st->mean,
                      st->mcse,
                      st->p2_5,
                      st->p97_5,
                      st->prob_positive,
                      pt->housed_24,
                      pt->subsidy_per_month};
  for (size_t k = 0; k < sizeof x / sizeof x[0]; k++) {
    rb_csv_num(f, x[k]);
    fputc(k + 1 < sizeof x / sizeof x[0] ? ',' : '\n', f);
  }
}

rb_status rb_sweep2_write_csv(const char *dir, const rb_sweep2 *s) {
  FILE *f = rb_open_in(dir, "sweep2.csv");
  if (f == NULL) {
    return RB_EIO;
  }
  fputs("value,value2,perspective,mean,mcse,p2_5,p97_5,prob_positive,"
        "housed_24,subsidy_per_month\n",
        f);
  for (int j = 0; j < s->n2; j++) {
    for (int i = 0; i < s->rows[j].n; i++) {
      for (int p = 0; p < RB_P_COUNT; p++) {
        cell_row(f, s, i, j, p);
      }
    }
  }
  return rb_close_ok(f, RB_OK);
}

rb_status rb_sweep2_summary(char **out, const rb_sweep2 *s) {
  size_t len = 0;
  FILE *f = open_memstream(out, &len);
  if (f == NULL) {
    return RB_ENOMEM;
  }
  const bool da = s->n2 > 0 && s->rows[0].language == RB_LANG_DA;
  const char *k1 = s->n2 > 0 ? s->rows[0].param : "?";
  fprintf(f,
          da ? "Sweep af %s × %s (%d × %d celler):\n"
             : "Sweep of %s × %s (%d × %d cells):\n",
          k1, s->param2, s->n2 > 0 ? s->rows[0].n : 0, s->n2);
  for (int p = 0; p < RB_P_COUNT; p++) {
    const char *pn = rb_perspective_label((rb_perspective)p, da);
    if (s->best_i[p] < 0) {
      fprintf(f, da ? "  %s: ingen celle\n" : "  %s: no cell\n", pn);
      continue;
    }
    const rb_sweep_point *pt = &s->rows[s->best_j[p]].points[s->best_i[p]];
    char kr[64];
    rb_fmt_kr(kr, sizeof kr, pt->saving[p].mean, da);
    fprintf(f,
            da ? "  %s: størst gevinst ved %s = %g, %s = %g: %s kr. pr. "
                 "borger\n"
               : "  %s: largest saving at %s = %g, %s = %g: %s kr per "
                 "citizen\n",
            pn, k1, pt->value, s->param2, s->values2[s->best_j[p]], kr);
  }
  if (fclose(f) != 0) {
    free(*out);
    *out = NULL;
    return RB_ENOMEM;
  }
  return RB_OK;
}
