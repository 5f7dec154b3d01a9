/* A run's CSV files (spec: outputs.md): summary.csv, items.csv, yearly.csv,
 * monthly.csv, outcomes.csv and parameters.csv, and a psa run's
 * psa_drivers.csv and psa_savings.csv (psa_files.c). */
#include "base/csv.h"
#include "base/io.h"
#include "output/group_rows.h"
#include "output/measures.h"
#include "output/pools_out.h"
#include "output/writers.h"
#include "rentbridge/output.h"

#include <stdio.h>

/* ---- summary.csv ---------------------------------------------------------
 */

static void stats_row(FILE *f, const rb_stats *s, bool saving) {
  rb_out_measure m[RB_OUT_STATS];
  rb_out_stats(m, s);
  for (int k = 0; k < RB_OUT_STATS - 1; k++) {
    rb_csv_num(f, m[k].v);
    fputc(',', f);
  }
  if (saving) {
    rb_csv_num(f, m[RB_OUT_STATS - 1].v);
  }
  fputc('\n', f);
}

void rb_out_summary_rows(FILE *f, const rb_results *res,
                         const rb_group_result *g) {
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
      const rb_persp_result *pr = &g->persp[disc][p];
      for (int k = 0; k <= res->n_arms; k++) {
        /* Every arm, then the saving (arm 0 against the reference). */
        fprintf(f, "%s,%s,%s,%s,", g->name,
                rb_perspective_name((rb_perspective)p),
                disc == RB_DISC ? "true" : "false",
                k < res->n_arms ? res->arm_name[k] : "saving");
        stats_row(f, k < res->n_arms ? &pr->arm[k] : &pr->saving,
                  k == res->n_arms);
      }
      /* The other arms' savings against the reference. */
      for (int k = 2; k < res->n_arms; k++) {
        fprintf(f, "%s,%s,%s,saving_%s,", g->name,
                rb_perspective_name((rb_perspective)p),
                disc == RB_DISC ? "true" : "false", res->arm_name[k]);
        stats_row(f, &pr->vs[k][RB_ARM_BASELINE], true);
      }
    }
  }
}

/* ---- items.csv -----------------------------------------------------------
 */

void rb_out_items_rows(FILE *f, const rb_results *res,
                       const rb_group_result *g) {
  for (int arm = 0; arm < res->n_arms; arm++) {
    for (int i = 0; i < res->n_items; i++) {
      for (int p = 0; p < RB_PAYER_SLOTS; p++) {
        double disc = rb_res_item(res, g, arm, i, p, RB_DISC);
        double undisc = rb_res_item(res, g, arm, i, p, RB_UNDISC);
        if (disc == 0.0 && undisc == 0.0) {
          continue;
        }
        fprintf(f, "%s,%s,", g->name, res->arm_name[arm]);
        rb_csv_str(f, res->item_name[i]);
        fputc(',', f);
        rb_csv_str(f, res->item_label[i]);
        fprintf(f, ",%s,%s,", rb_kind_name(res->item_kind[i]),
                p < RB_PAYER_COUNT ? rb_payer_name((rb_payer)p) : "none");
        rb_csv_num(f, disc);
        fputc(',', f);
        rb_csv_num(f, undisc);
        fputc('\n', f);
      }
    }
  }
}

/* ---- yearly.csv ----------------------------------------------------------
 */

static void yearly_rows(FILE *f, const rb_scenario *sc, const rb_results *res) {
  (void)sc;
  for (int y = 0; y < res->n_years; y++) {
    for (int arm = 0; arm < res->n_arms; arm++) {
      for (int p = 0; p < RB_PAYER_COUNT; p++) {
        double x[RB_YEARLY_KINDS];
        for (int c = 0; c < RB_YEARLY_KINDS; c++) {
          x[c] = rb_res_yearly(res, arm, y, p, c);
        }
        fprintf(f, "%d,%s,%s,", res->first_year + y, res->arm_name[arm],
                rb_payer_name((rb_payer)p));
        for (int c = 0; c < RB_YEARLY_KINDS; c++) {
          rb_csv_num(f, x[c]);
          fputc(',', f);
        }
        rb_csv_num(f, x[RB_YEARLY_RESOURCE] + x[RB_YEARLY_TRANSFER] -
                          x[RB_YEARLY_REVENUE]);
        fputc('\n', f);
      }
    }
  }
}

/* ---- monthly.csv ---------------------------------------------------------
 */

static void monthly_header(FILE *f) {
  fputs("month,date,arm", f);
  for (int h = 0; h < RB_H_COUNT; h++) {
    fprintf(f, ",%s", rb_housing_name((rb_housing)h));
  }
  fputs(",not_entered", f);
  for (int a = 0; a < RB_A_COUNT; a++) {
    fprintf(f, ",%s", rb_activity_name((rb_activity)a));
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    const char *pn = rb_perspective_name((rb_perspective)p);
    fprintf(f, ",saving_%s,saving_%s_p2_5,saving_%s_p97_5", pn, pn, pn);
  }
  fputc('\n', f);
}

/* Month @p t of @p arm: its date, the citizens per housing state and
 * activity, and the whole cohort's cumulative saving with its band. */
static void monthly_row(FILE *f, const rb_scenario *sc, const rb_results *res,
                        int t, int arm) {
  int mon = sc->info.start_month - 1 + t;
  fprintf(f, "%d,%04d-%02d,%s", t + 1, sc->info.start_year + mon / 12,
          mon % 12 + 1, res->arm_name[arm]);
  for (int k = 0; k < RB_MONTHLY_STATES; k++) {
    fputc(',', f);
    rb_csv_num(f, rb_res_monthly_housing(res, arm, t, k));
  }
  for (int k = 0; k < RB_A_COUNT; k++) {
    fputc(',', f);
    rb_csv_num(f, rb_res_monthly_activity(res, arm, t, k));
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    fputc(',', f);
    rb_csv_num(f, rb_res_cum_saving(res, &res->all, RB_DISC, p, t));
    fputc(',', f);
    rb_csv_num(f, rb_res_band(res, p, t, RB_BAND_LOW));
    fputc(',', f);
    rb_csv_num(f, rb_res_band(res, p, t, RB_BAND_HIGH));
  }
  fputc('\n', f);
}

static void monthly_rows(FILE *f, const rb_scenario *sc,
                         const rb_results *res) {
  monthly_header(f);
  for (int t = 0; t < res->horizon; t++) {
    for (int arm = 0; arm < res->n_arms; arm++) {
      monthly_row(f, sc, res, t, arm);
    }
  }
}

/* ---- outcomes.csv --------------------------------------------------------
 */

static void outcome_row(FILE *f, const char *group, const char *arm,
                        const char *measure, int month, double v) {
  fprintf(f, "%s,%s,%s", group, arm, measure);
  if (month > 0) {
    fprintf(f, "_%d", month);
  }
  fputc(',', f);
  rb_csv_num(f, v);
  fputc('\n', f);
}

void rb_out_outcome_rows(FILE *f, const rb_results *res,
                         const rb_group_result *g) {
  for (int arm = 0; arm < res->n_arms; arm++) {
    const rb_outcomes *o = &g->outcomes[arm];
    const char *an = res->arm_name[arm];
    for (int k = 0; k < RB_OUTCOME_N; k++) {
      const int at = rb_outcome_months[k];
      outcome_row(f, g->name, an, "housed", at, o->housed[k]);
      outcome_row(f, g->name, an, "employed", at, o->employed[k]);
      outcome_row(f, g->name, an, "education", at, o->education[k]);
    }
    outcome_row(f, g->name, an, "retention_24", 0, o->retention_24);
    rb_out_measure m[RB_OUT_COUNTS];
    rb_out_outcome_counts(m, o);
    for (int k = 0; k < RB_OUT_COUNTS; k++) {
      outcome_row(f, g->name, an, m[k].name, 0, m[k].v);
    }
  }
  outcome_row(f, g->name, "both", "bed_months_freed", 0, g->bed_months_freed);
}

/* ---- parameters.csv ------------------------------------------------------
 */

static void param_row(FILE *f, const rb_param *p) {
  rb_csv_str(f, p->key);
  fputc(',', f);
  rb_csv_num(f, p->value);
  fputc(',', f);
  if (p->has_range) {
    rb_csv_num(f, p->low);
  }
  fputc(',', f);
  if (p->has_range) {
    rb_csv_num(f, p->high);
  }
  fprintf(f, ",%s,", rb_dist_name(p->dist));
  bool two = p->dist == RB_DIST_BETA || p->dist == RB_DIST_GAMMA ||
             p->dist == RB_DIST_LOGNORMAL;
  if (two || p->dist == RB_DIST_NORMAL) {
    rb_csv_num(f, p->p1);
  }
  fputc(',', f);
  if (two) {
    rb_csv_num(f, p->p2);
  }
  fprintf(f, ",%s,", p->uncertain ? "true" : "false");
  rb_csv_str(f, p->source);
  fputc(',', f);
  rb_csv_str(f, p->file);
  fprintf(f, ",%d\n", p->line);
}

static void parameters_rows(FILE *f, const rb_scenario *sc,
                            const rb_results *res) {
  (void)res;
  for (int i = 0; i < sc->n_params; i++) {
    param_row(f, &sc->params[i]);
  }
  /* The rules file's legal figures: constants, never drawn. */
  for (int i = 0; i < sc->rules.n_notes; i++) {
    const rb_rule_note *n = &sc->rules.notes[i];
    fputs("rules.", f);
    rb_csv_str(f, n->key);
    fputc(',', f);
    rb_csv_num(f, n->value);
    fputs(",,,rule,,,false,", f);
    rb_csv_str(f, n->source);
    fputc(',', f);
    rb_csv_str(f, sc->rules_resolved);
    fputs(",\n", f);
  }
}

/* ---- all of them ---------------------------------------------------------
 */

/* A CSV file of the run's folder: its name, its header line (NULL where
 * the rows write their own) and its rows, either per group (the whole
 * cohort first, then each group) or all at once. */
typedef struct {
  const char *file;
  const char *head;
  void (*group_rows)(FILE *f, const rb_results *res, const rb_group_result *g);
  void (*rows)(FILE *f, const rb_scenario *sc, const rb_results *res);
} csv_table;

static const csv_table tables[] = {
    {"summary.csv", RB_OUT_SUMMARY_HEAD, rb_out_summary_rows, NULL},
    {"items.csv", RB_OUT_ITEMS_HEAD, rb_out_items_rows, NULL},
    {"yearly.csv", "year,arm,payer,resource,transfer,revenue,net\n", NULL,
     yearly_rows},
    {"monthly.csv", NULL, NULL, monthly_rows},
    {"outcomes.csv", RB_OUT_OUTCOMES_HEAD, rb_out_outcome_rows, NULL},
    {"parameters.csv",
     "key,value,low,high,dist,p1,p2,uncertain,source,file,line\n", NULL,
     parameters_rows}};

/* Table @p t into @p dir. @return RB_OK or RB_EIO. */
static rb_status write_table(const char *dir, const csv_table *t,
                             const rb_scenario *sc, const rb_results *res) {
  FILE *f = rb_open_in(dir, t->file);
  if (f == NULL) {
    return RB_EIO;
  }
  if (t->head != NULL) {
    fputs(t->head, f);
  }
  if (t->group_rows != NULL) {
    t->group_rows(f, res, &res->all);
    for (int g = 0; g < res->n_groups; g++) {
      t->group_rows(f, res, &res->groups[g]);
    }
  } else {
    t->rows(f, sc, res);
  }
  return rb_close_ok(f, RB_OK);
}

rb_status rb_write_csvs(const char *dir, const rb_scenario *sc,
                        const rb_results *res) {
  /* Every file is tried; the first failure is the answer. */
  rb_status st = RB_OK;
  for (size_t k = 0; k < sizeof tables / sizeof tables[0]; k++) {
    rb_status s = write_table(dir, &tables[k], sc, res);
    st = st != RB_OK ? st : s;
  }
  if (st == RB_OK) {
    st = rb_psa_write_csvs(dir, sc, res);
  }
  if (st == RB_OK) {
    st = rb_views_write_csvs(dir, sc, res);
  }
  if (st == RB_OK) {
    st = rb_pools_write_csv(dir, sc, res);
  }
  return st;
}
