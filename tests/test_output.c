/* The writers of the files for programs (output.h, output/writers.h) on
 * tiny results made by hand, whose every number can be worked out on
 * paper: summary.csv, yearly.csv, monthly.csv, outcomes.csv,
 * parameters.csv, summary.json, sweep.csv, tornado.csv and the sweep's
 * summary, compared line by line with what the spec (outputs.md,
 * docs/decision-tools.md) says they hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "output/writers.h"
#include "rentbridge/output.h"
#include "util.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* ---- the tiny scenario and its results -------------------------------------
 *
 * One cost parameter with a range and a source holding a comma, one legal
 * figure from the rules file, no groups; two replications over three
 * months from November 2027, two budget years. */

typedef struct tiny {
  rb_scenario sc;
  rb_param param;
  rb_rule_note note;
  rb_results res;
  const char *item_name[1], *item_label[1];
  rb_kind item_kind[1];
  double items[2 * RB_PAYER_SLOTS * RB_DISC_COUNT];
  double cum_saving[RB_DISC_COUNT * RB_P_COUNT * 3];
  double yearly[2 * 2 * RB_PAYER_COUNT * RB_YEARLY_KINDS];
  double monthly_housing[2 * 3 * RB_MONTHLY_STATES];
  double monthly_activity[2 * 3 * RB_A_COUNT];
  double band[RB_P_COUNT * 3 * RB_BAND_N];
  char *dir;
} tiny;

/* mean = base, mcse = base/100, sd = base/10, 2.5 % = base − 20, median =
 * base + 0.5, 97.5 % = base + 20. */
static rb_stats stats(double base, double prob_positive) {
  rb_stats s = {base,       base / 100.0, base / 10.0,  base - 20.0,
                base + 0.5, base + 20.0,  prob_positive};
  return s;
}

static void tiny_scenario(tiny *t) {
  rb_scenario *sc = &t->sc;
  sc->info.name = "tiny";
  sc->info.title = "Tiny";
  sc->info.municipality = "Testby";
  sc->info.price_year = 2026;
  sc->info.start_year = 2027;
  sc->info.start_month = 11;
  sc->info.horizon_months = 3;
  sc->info.replications = 2;
  sc->info.seed = 42;
  sc->info.mode = RB_MODE_STOCHASTIC;
  sc->info.language = RB_LANG_EN;
  t->param = (rb_param){.key = "costs.[0].per_day",
                        .value = 1250.5,
                        .low = 1000.0,
                        .high = 1500.0,
                        .has_range = true,
                        .uncertain = true,
                        .dist = RB_DIST_PERT,
                        .source = "Budget 2026, p. 4",
                        .file = "tiny.cfg",
                        .line = 7};
  sc->params = &t->param;
  sc->n_params = 1;
  t->note = (rb_rule_note){"boligsikring.rent_share", 0.6, "BSL 22"};
  sc->rules.notes = &t->note;
  sc->rules.n_notes = 1;
  sc->rules_resolved = "rules/dk.cfg";
}

/* The whole cohort: per perspective p (0, 1, 2) the intervention arm costs
 * 1000 (p + 1) + 100 disc, the baseline 1500 (p + 1) + 100 disc, so the
 * saving is 500 (p + 1) with P(> 0) = 0.75. */
static void tiny_cohort(rb_group_result *g) {
  g->name = "all";
  g->size = 10;
  g->mean_entry = 1.5;
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      rb_persp_result *pr = &g->persp[disc][p];
      pr->arm[RB_ARM_INTERVENTION] = stats(1000.0 * (p + 1) + 100 * disc, NAN);
      pr->arm[RB_ARM_BASELINE] = stats(1500.0 * (p + 1) + 100 * disc, NAN);
      pr->saving = stats(500.0 * (p + 1), 0.75);
    }
  }
  g->persp[RB_DISC][RB_P_KOMMUNE].break_even_month = 7;
  for (int arm = 0; arm < 2; arm++) {
    for (int h = 0; h < RB_H_COUNT; h++) {
      g->occupancy[arm][h] = arm + 0.25 * h;
    }
    rb_outcomes *o = &g->outcomes[arm];
    for (int k = 0; k < RB_OUTCOME_N; k++) {
      o->housed[k] = 0.5 + 0.125 * k;
      o->employed[k] = 0.25;
      o->education[k] = 0.0;
    }
    o->retention_24 = NAN; /* nobody housed long enough */
    o->relapses = 0.5;
    o->months_waiting = 2.25;
    o->subsidy_per_month = arm == RB_ARM_INTERVENTION ? 1234.5 : NAN;
  }
  g->bed_months_freed = 12.0;
}

static void tiny_tables(tiny *t) {
  rb_results *r = &t->res;
  /* items: one cost item, the kommune pays 100 (disc.) / 110 (undisc.)
   * in the baseline only. */
  r->n_items = 1;
  t->item_name[0] = "shelter";
  t->item_label[0] = "Shelter, night";
  t->item_kind[0] = RB_KIND_RESOURCE;
  r->item_name = t->item_name;
  r->item_label = t->item_label;
  r->item_kind = t->item_kind;
  r->all.items = t->items;
  t->items[rb_items_index(1, RB_ARM_BASELINE, 0, RB_PAYER_KOMMUNE, RB_DISC)] =
      100.0;
  t->items[rb_items_index(1, RB_ARM_BASELINE, 0, RB_PAYER_KOMMUNE, RB_UNDISC)] =
      110.0;
  /* yearly: resource 1000 (arm + 1) + 100 year + 10 payer, transfer
   * 25 (payer + 1), revenue 12.5. */
  r->first_year = 2027;
  r->n_years = 2;
  r->yearly = t->yearly;
  for (int arm = 0; arm < 2; arm++) {
    for (int y = 0; y < 2; y++) {
      for (int p = 0; p < RB_PAYER_COUNT; p++) {
        double *x = t->yearly + rb_yearly_index(2, arm, y, p, 0);
        x[RB_YEARLY_RESOURCE] = 1000.0 * (arm + 1) + 100 * y + 10 * p;
        x[RB_YEARLY_TRANSFER] = 25.0 * (p + 1);
        x[RB_YEARLY_REVENUE] = 12.5;
      }
    }
  }
  /* monthly: state k of arm a in month t holds 10 a + k + t / 4 citizens;
   * activity k 0.5 k; the cumulative saving 100 (t + 1) (p + 1) with the
   * band 50 below and above. */
  r->monthly_housing = t->monthly_housing;
  r->monthly_activity = t->monthly_activity;
  r->band = t->band;
  r->all.cum_saving = t->cum_saving;
  for (int m = 0; m < 3; m++) {
    for (int a = 0; a < 2; a++) {
      for (int k = 0; k < RB_MONTHLY_STATES; k++) {
        t->monthly_housing[rb_monthly_housing_index(3, a, m, k)] =
            10.0 * a + k + m / 4.0;
      }
      for (int k = 0; k < RB_A_COUNT; k++) {
        t->monthly_activity[rb_monthly_activity_index(3, a, m, k)] = 0.5 * k;
      }
    }
    for (int p = 0; p < RB_P_COUNT; p++) {
      double c = 100.0 * (m + 1) * (p + 1);
      t->cum_saving[rb_cum_saving_index(3, RB_DISC, p, m)] = c;
      t->band[rb_band_index(3, p, m, RB_BAND_LOW)] = c - 50.0;
      t->band[rb_band_index(3, p, m, RB_BAND_HIGH)] = c + 50.0;
    }
  }
}

static int tiny_setup(void **state) {
  tiny *t = calloc(1, sizeof *t);
  if (t == NULL) {
    return -1;
  }
  tiny_scenario(t);
  t->res.n_arms = 2;
  t->res.arm_name[0] = "intervention";
  t->res.arm_name[1] = "baseline";
  t->res.replications = 2;
  t->res.threads = 1;
  t->res.horizon = 3;
  tiny_cohort(&t->res.all);
  tiny_tables(t);
  t->dir = ut_mkdtemp("output");
  if (t->dir == NULL) {
    free(t);
    return -1;
  }
  *state = t;
  return 0;
}

static int tiny_teardown(void **state) {
  tiny *t = *state;
  ut_rm_tree(t->dir);
  free(t->dir);
  free(t);
  return 0;
}

/* ---- the CSV files ----------------------------------------------------------
 */

/* The tiny results of @p state, their CSV files written. */
static tiny *csvs_written(void **state) {
  tiny *t = *state;
  assert_int_equal(rb_write_csvs(t->dir, &t->sc, &t->res), RB_OK);
  return t;
}

static void test_output__summary_csv(void **state) {
  tiny *t = csvs_written(state);
  ut_file_is(t->dir, "summary.csv",
             "group,perspective,discounted,arm,mean,mcse,sd,p2_5,median,"
             "p97_5,prob_positive\n"
             "all,kommune,true,intervention,1000,10,100,980,1000.5,1020,\n"
             "all,kommune,true,baseline,1500,15,150,1480,1500.5,1520,\n"
             "all,kommune,true,saving,500,5,50,480,500.5,520,0.75\n"
             "all,kommune,false,intervention,1100,11,110,1080,1100.5,1120,\n"
             "all,kommune,false,baseline,1600,16,160,1580,1600.5,1620,\n"
             "all,kommune,false,saving,500,5,50,480,500.5,520,0.75\n"
             "all,public,true,intervention,2000,20,200,1980,2000.5,2020,\n"
             "all,public,true,baseline,3000,30,300,2980,3000.5,3020,\n"
             "all,public,true,saving,1000,10,100,980,1000.5,1020,0.75\n"
             "all,public,false,intervention,2100,21,210,2080,2100.5,2120,\n"
             "all,public,false,baseline,3100,31,310,3080,3100.5,3120,\n"
             "all,public,false,saving,1000,10,100,980,1000.5,1020,0.75\n"
             "all,societal,true,intervention,3000,30,300,2980,3000.5,3020,\n"
             "all,societal,true,baseline,4500,45,450,4480,4500.5,4520,\n"
             "all,societal,true,saving,1500,15,150,1480,1500.5,1520,0.75\n"
             "all,societal,false,intervention,3100,31,310,3080,3100.5,3120,"
             "\n"
             "all,societal,false,baseline,4600,46,460,4580,4600.5,4620,\n"
             "all,societal,false,saving,1500,15,150,1480,1500.5,1520,0.75\n");
  /* A stochastic run has no psa files. */
  char path[256];
  snprintf(path, sizeof path, "%s/psa_drivers.csv", t->dir);
  assert_int_equal(access(path, F_OK), -1);
}

static void test_output__yearly_csv(void **state) {
  tiny *t = csvs_written(state);
  /* net = resource + transfer − revenue */
  ut_file_is(t->dir, "yearly.csv",
             "year,arm,payer,resource,transfer,revenue,net\n"
             "2027,intervention,kommune,1000,25,12.5,1012.5\n"
             "2027,intervention,region,1010,50,12.5,1047.5\n"
             "2027,intervention,stat,1020,75,12.5,1082.5\n"
             "2027,baseline,kommune,2000,25,12.5,2012.5\n"
             "2027,baseline,region,2010,50,12.5,2047.5\n"
             "2027,baseline,stat,2020,75,12.5,2082.5\n"
             "2028,intervention,kommune,1100,25,12.5,1112.5\n"
             "2028,intervention,region,1110,50,12.5,1147.5\n"
             "2028,intervention,stat,1120,75,12.5,1182.5\n"
             "2028,baseline,kommune,2100,25,12.5,2112.5\n"
             "2028,baseline,region,2110,50,12.5,2147.5\n"
             "2028,baseline,stat,2120,75,12.5,2182.5\n");
  /* Only the one amount that is not 0, quoted where it has a comma. */
  ut_file_is(t->dir, "items.csv",
             "group,arm,item,label,kind,payer,discounted,undiscounted\n"
             "all,baseline,shelter,\"Shelter, night\",resource,kommune,100,"
             "110\n");
}

static void test_output__monthly_csv(void **state) {
  tiny *t = csvs_written(state);
  /* From 2027-11 the third month is January 2028. */
  ut_file_is(t->dir, "monthly.csv",
             "month,date,arm,placed,housed_subsidised,housed_ordinary,"
             "homeless,exited,dead,not_entered,none,education,employed,"
             "saving_kommune,saving_kommune_p2_5,saving_kommune_p97_5,"
             "saving_public,saving_public_p2_5,saving_public_p97_5,"
             "saving_societal,saving_societal_p2_5,saving_societal_p97_5\n"
             "1,2027-11,intervention,0,1,2,3,4,5,6,0,0.5,1,"
             "100,50,150,200,150,250,300,250,350\n"
             "1,2027-11,baseline,10,11,12,13,14,15,16,0,0.5,1,"
             "100,50,150,200,150,250,300,250,350\n"
             "2,2027-12,intervention,0.25,1.25,2.25,3.25,4.25,5.25,6.25,0,"
             "0.5,1,200,150,250,400,350,450,600,550,650\n"
             "2,2027-12,baseline,10.25,11.25,12.25,13.25,14.25,15.25,16.25,"
             "0,0.5,1,200,150,250,400,350,450,600,550,650\n"
             "3,2028-01,intervention,0.5,1.5,2.5,3.5,4.5,5.5,6.5,0,0.5,1,"
             "300,250,350,600,550,650,900,850,950\n"
             "3,2028-01,baseline,10.5,11.5,12.5,13.5,14.5,15.5,16.5,0,0.5,1,"
             "300,250,350,600,550,650,900,850,950\n");
}

static void test_output__outcomes_and_parameters_csv(void **state) {
  tiny *t = csvs_written(state);
  /* The shares at 12, 24 and 36 months, then the counts; a measure that
   * is not defined (NAN) is empty. */
  ut_file_has(t->dir, "outcomes.csv",
              "group,arm,measure,value\n"
              "all,intervention,housed_12,0.5\n"
              "all,intervention,employed_12,0.25\n"
              "all,intervention,education_12,0\n"
              "all,intervention,housed_24,0.625\n"
              "all,intervention,employed_24,0.25\n"
              "all,intervention,education_24,0\n"
              "all,intervention,housed_36,0.75\n"
              "all,intervention,employed_36,0.25\n"
              "all,intervention,education_36,0\n"
              "all,intervention,retention_24,\n"
              "all,intervention,relapses,0.5\n"
              "all,intervention,takeovers,0\n");
  ut_file_has(t->dir, "outcomes.csv",
              "all,intervention,subsidy_per_month,1234.5\n");
  ut_file_has(t->dir, "outcomes.csv",
              "all,baseline,subsidy_per_month,\n"
              "all,baseline,offers,0\n"
              "all,baseline,offers_accepted_share,0\n"
              "all,both,bed_months_freed,12\n");
  /* The value with its range, distribution and source, then the rules
   * file's figure. */
  ut_file_is(t->dir, "parameters.csv",
             "key,value,low,high,dist,p1,p2,uncertain,source,file,line\n"
             "costs.[0].per_day,1250.5,1000,1500,pert,,,true,"
             "\"Budget 2026, p. 4\",tiny.cfg,7\n"
             "rules.boligsikring.rent_share,0.6,,,rule,,,false,BSL 22,"
             "rules/dk.cfg,\n");
}

/* ---- summary.json -----------------------------------------------------------
 */

static void test_output__summary_json(void **state) {
  tiny *t = *state;
  char path[256];
  snprintf(path, sizeof path, "%s/summary.json", t->dir);
  assert_int_equal(rb_write_summary_json(path, &t->sc, &t->res), RB_OK);
  /* The run's facts, then the whole cohort. */
  ut_file_has(t->dir, "summary.json",
              "{\n"
              "  \"scenario\": \"tiny\",\n"
              "  \"title\": \"Tiny\",\n"
              "  \"municipality\": \"Testby\",\n"
              "  \"price_year\": 2026,\n"
              "  \"mode\": \"stochastic\",\n"
              "  \"replications\": 2,\n"
              "  \"seed\": 42,\n"
              "  \"horizon_months\": 3,\n"
              "  \"mean_entry_month\": 1.5,\n"
              "  \"cohort_size\": 10,\n"
              "  \"perspectives\": {\n"
              "    \"kommune\": {\n"
              "      \"intervention\": {\n"
              "        \"mean\": 1000.0,\n"
              "        \"mcse\": 10.0,\n"
              "        \"sd\": 100.0,\n"
              "        \"p2_5\": 980.0,\n"
              "        \"median\": 1000.5,\n"
              "        \"p97_5\": 1020.0\n"
              "      },\n");
  /* A saving has P(> 0); break-even month 7 for the kommune, none (null)
   * elsewhere. */
  ut_file_has(t->dir, "summary.json",
              "      \"saving\": {\n"
              "        \"mean\": 500.0,\n"
              "        \"mcse\": 5.0,\n"
              "        \"sd\": 50.0,\n"
              "        \"p2_5\": 480.0,\n"
              "        \"median\": 500.5,\n"
              "        \"p97_5\": 520.0,\n"
              "        \"prob_positive\": 0.75\n"
              "      },\n"
              "      \"break_even_month\": 7\n"
              "    },\n"
              "    \"public\": {\n");
  ut_file_has(t->dir, "summary.json",
              "  \"undiscounted\": {\n"
              "    \"kommune\": {\n"
              "      \"intervention\": {\n"
              "        \"mean\": 1100.0,\n");
  ut_file_has(t->dir, "summary.json", "      \"break_even_month\": null\n");
  ut_file_has(t->dir, "summary.json",
              "  \"occupancy\": {\n"
              "    \"intervention\": {\n"
              "      \"placed\": 0.0,\n"
              "      \"housed_subsidised\": 0.25,\n"
              "      \"housed_ordinary\": 0.5,\n"
              "      \"homeless\": 0.75,\n"
              "      \"exited\": 1.0,\n"
              "      \"dead\": 1.25\n"
              "    },\n");
  /* Not defined (NAN) is null; no groups, no psa. */
  ut_file_has(t->dir, "summary.json",
              "      \"housed_36\": 0.75,\n"
              "      \"retention_24\": null,\n"
              "      \"employed_12\": 0.25,\n"
              "      \"education_12\": 0.0,\n");
  ut_file_has(t->dir, "summary.json", "      \"subsidy_per_month\": null,\n");
  ut_file_has(t->dir, "summary.json",
              "    \"bed_months_freed\": 12.0\n"
              "  },\n"
              "  \"groups\": {}\n"
              "}");
}

/* ---- a sweep's and a tornado's files ----------------------------------------
 */

static void test_output__sweep_csv_and_summary(void **state) {
  tiny *t = *state;
  rb_sweep_point pts[2] = {{.value = 0.0}, {.value = 1000.0}};
  for (int i = 0; i < 2; i++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      /* −100, then +300 in every perspective: break-even at 250. */
      pts[i].saving[p] = stats(i == 0 ? -100.0 : 300.0, i == 0 ? 0.25 : 0.5);
    }
    pts[i].housed_12 = 0.5;
    pts[i].housed_24 = 0.75;
    pts[i].months_waiting = 1.5;
    pts[i].subsidy_per_month = i == 0 ? NAN : 800.0;
    pts[i].share_acceptable = 0.25 * (i + 1);
  }
  double be[RB_P_COUNT][1] = {{250.0}, {250.0}, {250.0}};
  rb_sweep s = {.scenario = "tiny",
                .title = "Tiny",
                .param = "subsidy.cap",
                .scenario_value = 2000.0,
                .language = RB_LANG_EN,
                .price_year = 2026,
                .horizon = 3,
                .replications = 2,
                .seed = 42,
                .n = 2,
                .points = pts,
                .n_break_even = {1, 1, 1},
                .break_even = {be[0], be[1], be[2]},
                .best = {1, 1, 1}};
  assert_int_equal(rb_sweep_write_csv(t->dir, &s), RB_OK);
  ut_file_is(t->dir, "sweep.csv",
             "value,saving_kommune_mean,saving_kommune_p2_5,"
             "saving_kommune_p97_5,saving_kommune_prob_positive,"
             "saving_public_mean,saving_public_p2_5,saving_public_p97_5,"
             "saving_public_prob_positive,saving_societal_mean,"
             "saving_societal_p2_5,saving_societal_p97_5,"
             "saving_societal_prob_positive,housed_12,housed_24,"
             "months_waiting,subsidy_per_month,share_acceptable\n"
             "0,-100,-120,-80,0.25,-100,-120,-80,0.25,-100,-120,-80,0.25,"
             "0.5,0.75,1.5,,0.25\n"
             "1000,300,280,320,0.5,300,280,320,0.5,300,280,320,0.5,"
             "0.5,0.75,1.5,800,0.5\n");
  char *text = NULL;
  assert_int_equal(rb_sweep_summary(&text, &s), RB_OK);
  assert_string_equal(
      text, "tiny: subsidy.cap from 0 to 1,000, 2 values (2 replications, "
            "seed 42, common random numbers)\n"
            "Mean saving per citizen over 3 months (discounted, 2026 kr), "
            "today's practice − scheme:\n"
            "  kommune         break-even at subsidy.cap ≈ 250 (the saving "
            "turns positive); largest saving 300 kr at 1,000 (95 %: 280 – "
            "320, P(>0) = 50.0 %)\n"
            "  public sector   break-even at subsidy.cap ≈ 250 (the saving "
            "turns positive); largest saving 300 kr at 1,000 (95 %: 280 – "
            "320, P(>0) = 50.0 %)\n"
            "  society         break-even at subsidy.cap ≈ 250 (the saving "
            "turns positive); largest saving 300 kr at 1,000 (95 %: 280 – "
            "320, P(>0) = 50.0 %)\n");
  free(text);
}

static void test_output__tornado_csv(void **state) {
  tiny *t = *state;
  rb_tornado_bar bar = {
      .param = 0, .value = 1250.5, .low = 1000.0, .high = 1500.0};
  for (int p = 0; p < RB_P_COUNT; p++) {
    bar.saving_low[p] = -50.0;
    bar.saving_high[p] = 150.0;
    bar.swing[p] = 200.0;
    bar.flips_sign[p] = p == RB_P_KOMMUNE;
    bar.threshold[p] = p == RB_P_KOMMUNE ? 1125.25 : NAN;
  }
  rb_tornado tor = {.base = {100.0, 200.0, 300.0},
                    .n = 1,
                    .bars = &bar,
                    .replications = 2,
                    .seed = 42};
  assert_int_equal(rb_tornado_write_csv(t->dir, &tor, &t->sc), RB_OK);
  ut_file_is(t->dir, "tornado.csv",
             "rank,key,source,value,low,high,base_kommune,"
             "saving_low_kommune,saving_high_kommune,swing_kommune,"
             "flips_sign_kommune,threshold_kommune,base_public,"
             "saving_low_public,saving_high_public,swing_public,"
             "flips_sign_public,threshold_public,base_societal,"
             "saving_low_societal,saving_high_societal,swing_societal,"
             "flips_sign_societal,threshold_societal\n"
             "1,costs.[0].per_day,\"Budget 2026, p. 4\",1250.5,1000,1500,"
             "100,-50,150,200,true,1125.25,"
             "200,-50,150,200,false,,"
             "300,-50,150,200,false,\n");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_output__summary_csv, tiny_setup,
                                      tiny_teardown),
      cmocka_unit_test_setup_teardown(test_output__yearly_csv, tiny_setup,
                                      tiny_teardown),
      cmocka_unit_test_setup_teardown(test_output__monthly_csv, tiny_setup,
                                      tiny_teardown),
      cmocka_unit_test_setup_teardown(test_output__outcomes_and_parameters_csv,
                                      tiny_setup, tiny_teardown),
      cmocka_unit_test_setup_teardown(test_output__summary_json, tiny_setup,
                                      tiny_teardown),
      cmocka_unit_test_setup_teardown(test_output__sweep_csv_and_summary,
                                      tiny_setup, tiny_teardown),
      cmocka_unit_test_setup_teardown(test_output__tornado_csv, tiny_setup,
                                      tiny_teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
