/* The results folder: summary.json, CSV files, parameters and manifest. */
#include "rentbridge/output.h"
#include "base/csv.h"
#include "base/io.h"
#include "rentbridge/decision.h"
#include "rentbridge/version.h"

#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <sha2.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- JSON ------------------------------------------------------------------
 */

static json_t *num(double x) {
  return isfinite(x) ? json_real(x) : json_null();
}

static json_t *stats_json(const rb_stats *s, bool saving) {
  json_t *o = json_object();
  json_object_set_new(o, "mean", num(s->mean));
  json_object_set_new(o, "mcse", num(s->mcse));
  json_object_set_new(o, "sd", num(s->sd));
  json_object_set_new(o, "p2_5", num(s->p2_5));
  json_object_set_new(o, "median", num(s->median));
  json_object_set_new(o, "p97_5", num(s->p97_5));
  if (saving) {
    json_object_set_new(o, "prob_positive", num(s->prob_positive));
  }
  return o;
}

static json_t *persp_json(const rb_group_result *g, int disc) {
  json_t *o = json_object();
  for (int p = 0; p < RB_P_COUNT; p++) {
    const rb_persp_result *pr = &g->persp[disc][p];
    json_t *po = json_object();
    json_object_set_new(po, "intervention",
                        stats_json(&pr->arm[RB_ARM_INTERVENTION], false));
    json_object_set_new(po, "baseline",
                        stats_json(&pr->arm[RB_ARM_BASELINE], false));
    json_object_set_new(po, "saving", stats_json(&pr->saving, true));
    json_object_set_new(po, "break_even_month",
                        pr->break_even_month > 0
                            ? json_integer(pr->break_even_month)
                            : json_null());
    json_object_set_new(o, rb_perspective_name((rb_perspective)p), po);
  }
  return o;
}

static json_t *outcomes_json(const rb_outcomes *o) {
  json_t *j = json_object();
  static const int at[3] = {12, 24, 36};
  char key[32];
  for (int k = 0; k < 3; k++) {
    snprintf(key, sizeof key, "housed_%d", at[k]);
    json_object_set_new(j, key, num(o->housed[k]));
  }
  json_object_set_new(j, "retention_24", num(o->retention_24));
  for (int k = 0; k < 3; k++) {
    snprintf(key, sizeof key, "employed_%d", at[k]);
    json_object_set_new(j, key, num(o->employed[k]));
    snprintf(key, sizeof key, "education_%d", at[k]);
    json_object_set_new(j, key, num(o->education[k]));
  }
  json_object_set_new(j, "relapses", num(o->relapses));
  json_object_set_new(j, "takeovers", num(o->takeovers));
  json_object_set_new(j, "extensions", num(o->extensions));
  json_object_set_new(j, "rehousings", num(o->rehousings));
  json_object_set_new(j, "moved_in", num(o->moved_in));
  json_object_set_new(j, "months_waiting", num(o->months_waiting));
  json_object_set_new(j, "deaths", num(o->deaths));
  json_object_set_new(j, "exits", num(o->exits));
  json_object_set_new(j, "placed_months", num(o->placed_months));
  json_object_set_new(j, "subsidised_months", num(o->subsidised_months));
  json_object_set_new(j, "subsidy_per_month", num(o->subsidy_per_month));
  json_object_set_new(j, "offers", num(o->offers));
  json_object_set_new(j, "offers_accepted_share",
                      num(o->offers_accepted_share));
  return j;
}

static void group_json_fill(json_t *o, const rb_group_result *g) {
  json_object_set_new(o, "cohort_size", json_integer(g->size));
  json_object_set_new(o, "perspectives", persp_json(g, 0));
  json_object_set_new(o, "undiscounted", persp_json(g, 1));
  json_t *occ = json_object();
  for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
    json_t *a = json_object();
    for (int h = 0; h < RB_H_COUNT; h++) {
      json_object_set_new(a, rb_housing_name((rb_housing)h),
                          num(g->occupancy[arm][h]));
    }
    json_object_set_new(occ, rb_arm_name((rb_arm)arm), a);
  }
  json_object_set_new(o, "occupancy", occ);
  json_t *out = json_object();
  for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
    json_object_set_new(out, rb_arm_name((rb_arm)arm),
                        outcomes_json(&g->outcomes[arm]));
  }
  json_object_set_new(out, "bed_months_freed", num(g->bed_months_freed));
  json_object_set_new(o, "outcomes", out);
}

static rb_status dump_json(json_t *root, const char *path) {
  int rc = json_dump_file(root, path,
                          JSON_INDENT(2) | JSON_PRESERVE_ORDER |
                              JSON_REAL_PRECISION(12));
  json_decref(root);
  return rc == 0 ? RB_OK : RB_EIO;
}

/* psa: per perspective the share of replications in which the scheme
 * saves money, and the drawn inputs by their rank correlation with the
 * saving (decision.h). */
static json_t *psa_json(const rb_scenario *sc, const rb_results *res) {
  rb_psa_driver *d = malloc((size_t)res->n_drawn * sizeof *d);
  if (d == NULL) {
    return NULL;
  }
  json_t *o = json_object();
  json_t *share = json_object();
  json_t *drivers = json_object();
  for (int p = 0; p < RB_P_COUNT; p++) {
    json_object_set_new(share, rb_perspective_name((rb_perspective)p),
                        num(res->all.persp[0][p].saving.prob_positive));
    json_t *a = json_array();
    if (rb_psa_drivers(d, res, (rb_perspective)p, 0) == RB_OK) {
      for (int k = 0; k < res->n_drawn; k++) {
        json_t *e = json_object();
        json_object_set_new(e, "key", json_string(sc->params[d[k].param].key));
        json_object_set_new(e, "rho", num(d[k].rho));
        json_array_append_new(a, e);
      }
    }
    json_object_set_new(drivers, rb_perspective_name((rb_perspective)p), a);
  }
  free(d);
  json_object_set_new(o, "share_saving", share);
  json_object_set_new(o, "drivers", drivers);
  return o;
}

rb_status rb_write_summary_json(const char *path, const rb_scenario *sc,
                                const rb_results *res) {
  json_t *root = json_object();
  json_object_set_new(root, "scenario", json_string(sc->info.name));
  json_object_set_new(root, "title", json_string(sc->info.title));
  json_object_set_new(root, "municipality", json_string(sc->info.municipality));
  json_object_set_new(root, "price_year", json_integer(sc->info.price_year));
  json_object_set_new(
      root, "mode",
      json_string(sc->info.mode == RB_MODE_PSA ? "psa" : "stochastic"));
  json_object_set_new(root, "replications", json_integer(res->replications));
  json_object_set_new(root, "seed", json_integer((json_int_t)sc->info.seed));
  json_object_set_new(root, "horizon_months", json_integer(res->horizon));
  json_object_set_new(root, "mean_entry_month", num(res->all.mean_entry));
  group_json_fill(root, &res->all);
  json_t *groups = json_object();
  for (int g = 0; g < res->n_groups; g++) {
    json_t *go = json_object();
    json_object_set_new(go, "label", json_string(sc->groups[g].label));
    json_object_set_new(go, "citizen_group",
                        json_integer(sc->groups[g].citizen_group));
    group_json_fill(go, &res->groups[g]);
    json_object_set_new(groups, res->groups[g].name, go);
  }
  json_object_set_new(root, "groups", groups);
  if (res->n_drawn > 0) {
    json_t *psa = psa_json(sc, res);
    if (psa == NULL) {
      json_decref(root);
      return RB_ENOMEM;
    }
    json_object_set_new(root, "psa", psa);
  }
  /* Move cohort_size up front as the contract shows; jansson keeps the
   * insertion order, which already has it after horizon_months. */
  return dump_json(root, path);
}

/* ---- CSV ----------------------------------------------------------------- */

static void summary_rows(FILE *f, const rb_group_result *g) {
  for (int p = 0; p < RB_P_COUNT; p++) {
    for (int disc = 0; disc < 2; disc++) {
      const rb_persp_result *pr = &g->persp[disc][p];
      for (int k = 0; k < 3; k++) {
        const rb_stats *s = k < 2 ? &pr->arm[k] : &pr->saving;
        fprintf(f, "%s,%s,%s,%s,", g->name,
                rb_perspective_name((rb_perspective)p),
                disc == 0 ? "true" : "false",
                k == 0   ? "intervention"
                : k == 1 ? "baseline"
                         : "saving");
        rb_csv_num(f, s->mean);
        fputc(',', f);
        rb_csv_num(f, s->mcse);
        fputc(',', f);
        rb_csv_num(f, s->sd);
        fputc(',', f);
        rb_csv_num(f, s->p2_5);
        fputc(',', f);
        rb_csv_num(f, s->median);
        fputc(',', f);
        rb_csv_num(f, s->p97_5);
        fputc(',', f);
        if (k == 2) {
          rb_csv_num(f, s->prob_positive);
        }
        fputc('\n', f);
      }
    }
  }
}

static void items_rows(FILE *f, const rb_results *res,
                       const rb_group_result *g) {
  for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
    for (int i = 0; i < res->n_items; i++) {
      for (int p = 0; p < RB_PAYER_SLOTS; p++) {
        const double *x =
            g->items +
            (((size_t)arm * (size_t)res->n_items + (size_t)i) * RB_PAYER_SLOTS +
             (size_t)p) *
                2;
        if (x[0] == 0.0 && x[1] == 0.0) {
          continue;
        }
        fprintf(f, "%s,%s,", g->name, rb_arm_name((rb_arm)arm));
        rb_csv_str(f, res->item_name[i]);
        fputc(',', f);
        rb_csv_str(f, res->item_label[i]);
        fprintf(f, ",%s,%s,", rb_kind_name(res->item_kind[i]),
                p < RB_PAYER_COUNT ? rb_payer_name((rb_payer)p) : "none");
        rb_csv_num(f, x[0]);
        fputc(',', f);
        rb_csv_num(f, x[1]);
        fputc('\n', f);
      }
    }
  }
}

static void outcome_rows(FILE *f, const rb_group_result *g) {
  static const int at[3] = {12, 24, 36};
  for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
    const rb_outcomes *o = &g->outcomes[arm];
    const char *an = rb_arm_name((rb_arm)arm);
    struct {
      const char *name;
      double v;
    } rows[] = {{"retention_24", o->retention_24},
                {"relapses", o->relapses},
                {"takeovers", o->takeovers},
                {"extensions", o->extensions},
                {"rehousings", o->rehousings},
                {"moved_in", o->moved_in},
                {"months_waiting", o->months_waiting},
                {"deaths", o->deaths},
                {"exits", o->exits},
                {"placed_months", o->placed_months},
                {"subsidised_months", o->subsidised_months},
                {"subsidy_per_month", o->subsidy_per_month},
                {"offers", o->offers},
                {"offers_accepted_share", o->offers_accepted_share}};
    for (int k = 0; k < 3; k++) {
      fprintf(f, "%s,%s,housed_%d,", g->name, an, at[k]);
      rb_csv_num(f, o->housed[k]);
      fprintf(f, "\n%s,%s,employed_%d,", g->name, an, at[k]);
      rb_csv_num(f, o->employed[k]);
      fprintf(f, "\n%s,%s,education_%d,", g->name, an, at[k]);
      rb_csv_num(f, o->education[k]);
      fputc('\n', f);
    }
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
      fprintf(f, "%s,%s,%s,", g->name, an, rows[k].name);
      rb_csv_num(f, rows[k].v);
      fputc('\n', f);
    }
  }
  fprintf(f, "%s,both,bed_months_freed,", g->name);
  rb_csv_num(f, g->bed_months_freed);
  fputc('\n', f);
}

rb_status rb_write_csvs(const char *dir, const rb_scenario *sc,
                        const rb_results *res) {
  rb_status st = RB_OK;
  FILE *f = rb_open_in(dir, "summary.csv");
  if (f != NULL) {
    fputs("group,perspective,discounted,arm,mean,mcse,sd,p2_5,median,p97_5,"
          "prob_positive\n",
          f);
    summary_rows(f, &res->all);
    for (int g = 0; g < res->n_groups; g++) {
      summary_rows(f, &res->groups[g]);
    }
  }
  st = rb_close_ok(f, st);

  f = rb_open_in(dir, "items.csv");
  if (f != NULL) {
    fputs("group,arm,item,label,kind,payer,discounted,undiscounted\n", f);
    items_rows(f, res, &res->all);
    for (int g = 0; g < res->n_groups; g++) {
      items_rows(f, res, &res->groups[g]);
    }
  }
  st = rb_close_ok(f, st);

  f = rb_open_in(dir, "yearly.csv");
  if (f != NULL) {
    fputs("year,arm,payer,resource,transfer,revenue,net\n", f);
    for (int y = 0; y < res->n_years; y++) {
      for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
        for (int p = 0; p < RB_PAYER_COUNT; p++) {
          const double *x =
              res->yearly + (((size_t)arm * (size_t)res->n_years + (size_t)y) *
                                 RB_PAYER_COUNT +
                             (size_t)p) *
                                3;
          fprintf(f, "%d,%s,%s,", res->first_year + y, rb_arm_name((rb_arm)arm),
                  rb_payer_name((rb_payer)p));
          rb_csv_num(f, x[0]);
          fputc(',', f);
          rb_csv_num(f, x[1]);
          fputc(',', f);
          rb_csv_num(f, x[2]);
          fputc(',', f);
          rb_csv_num(f, x[0] + x[1] - x[2]);
          fputc('\n', f);
        }
      }
    }
  }
  st = rb_close_ok(f, st);

  f = rb_open_in(dir, "monthly.csv");
  if (f != NULL) {
    fputs("month,date,arm,placed,housed_subsidised,housed_ordinary,homeless,"
          "exited,dead,not_entered,none,education,employed",
          f);
    for (int p = 0; p < RB_P_COUNT; p++) {
      fprintf(f, ",saving_%s,saving_%s_p2_5,saving_%s_p97_5",
              rb_perspective_name((rb_perspective)p),
              rb_perspective_name((rb_perspective)p),
              rb_perspective_name((rb_perspective)p));
    }
    fputc('\n', f);
    const int H = res->horizon;
    for (int t = 0; t < H; t++) {
      int mon = sc->info.start_month - 1 + t;
      for (int arm = 0; arm < RB_ARM_COUNT; arm++) {
        fprintf(f, "%d,%04d-%02d,%s", t + 1, sc->info.start_year + mon / 12,
                mon % 12 + 1, rb_arm_name((rb_arm)arm));
        const double *mh =
            res->monthly_housing + ((size_t)arm * (size_t)H + (size_t)t) * 7;
        const double *ma =
            res->monthly_activity + ((size_t)arm * (size_t)H + (size_t)t) * 3;
        for (int k = 0; k < 7; k++) {
          fputc(',', f);
          rb_csv_num(f, mh[k]);
        }
        for (int k = 0; k < 3; k++) {
          fputc(',', f);
          rb_csv_num(f, ma[k]);
        }
        for (int p = 0; p < RB_P_COUNT; p++) {
          fputc(',', f);
          rb_csv_num(f, res->all.cum_saving[(size_t)p * (size_t)H + (size_t)t]);
          fputc(',', f);
          rb_csv_num(f, res->band[((size_t)p * (size_t)H + (size_t)t) * 2]);
          fputc(',', f);
          rb_csv_num(f, res->band[((size_t)p * (size_t)H + (size_t)t) * 2 + 1]);
        }
        fputc('\n', f);
      }
    }
  }
  st = rb_close_ok(f, st);

  f = rb_open_in(dir, "outcomes.csv");
  if (f != NULL) {
    fputs("group,arm,measure,value\n", f);
    outcome_rows(f, &res->all);
    for (int g = 0; g < res->n_groups; g++) {
      outcome_rows(f, &res->groups[g]);
    }
  }
  st = rb_close_ok(f, st);

  f = rb_open_in(dir, "parameters.csv");
  if (f != NULL) {
    fputs("key,value,low,high,dist,p1,p2,uncertain,source,file,line\n", f);
    for (int i = 0; i < sc->n_params; i++) {
      const rb_param *p = &sc->params[i];
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
  st = rb_close_ok(f, st);
  if (st == RB_OK && res->n_drawn > 0) {
    st = rb_psa_write_files(dir, sc, res);
  }
  return st;
}

rb_status rb_write_manifest(const char *dir, const rb_scenario *sc,
                            const rb_run_meta *meta) {
  char path[4096], sha_given[65], sha_resolved[65], sha_rules[65];
  rb_sha256_file(sha_given, meta->scenario_path);
  snprintf(path, sizeof path, "%s/scenario.cfg", dir);
  rb_sha256_file(sha_resolved, path);
  snprintf(path, sizeof path, "%s/rules.cfg", dir);
  rb_sha256_file(sha_rules, path);
  json_t *o = json_object();
  json_object_set_new(o, "engine", json_string("rentbridge"));
  json_object_set_new(o, "engine_version", json_string(RB_VERSION));
  json_object_set_new(o, "command", json_string(meta->command));
  json_object_set_new(o, "command_line", json_string(meta->command_line));
  json_object_set_new(o, "scenario_file", json_string(meta->scenario_path));
  json_object_set_new(o, "scenario_sha256", json_string(sha_given));
  json_object_set_new(o, "resolved_scenario_sha256", json_string(sha_resolved));
  json_object_set_new(o, "rules_file", json_string(sc->rules_resolved));
  json_object_set_new(o, "rules_sha256", json_string(sha_rules));
  json_object_set_new(o, "seed", json_integer((json_int_t)meta->seed));
  json_object_set_new(o, "replications", json_integer(meta->replications));
  json_object_set_new(
      o, "mode",
      json_string(sc->info.mode == RB_MODE_PSA ? "psa" : "stochastic"));
  json_object_set_new(o, "threads", json_integer(meta->threads));
  json_object_set_new(o, "rng", json_string(rb_engine_rng_name()));
  json_object_set_new(o, "start_time", json_string(meta->start_time));
  json_object_set_new(o, "end_time", json_string(meta->end_time));
  snprintf(path, sizeof path, "%s/manifest.json", dir);
  return dump_json(o, path);
}
