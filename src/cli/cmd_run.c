/* rentbridge run: the Monte Carlo business case. */
#include "base/numfmt.h"
#include "cli.h"
#include "rentbridge/engine.h"
#include "rentbridge/folder.h"
#include "rentbridge/output.h"
#include "run_opts.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: rentbridge run SCENARIO [--out DIR] [--replications N] [--seed S]\n"
    "                      [--threads T] [--params F] [--set KEY=VALUE]... "
    "[--force] "
    "[--quiet]\n"
    "                      [--max-memory SIZE]\n"
    "\n"
    "Simulates the cohort month by month in both arms (with the subsidy\n"
    "scheme, and today's practice) and writes the business case to\n"
    "results/<scenario.name>/ (or DIR): summary.json, summary.csv, items.csv,\n"
    "yearly.csv, monthly.csv, outcomes.csv, parameters.csv, scenario.cfg,\n"
    "rules.cfg and manifest.json.  An earlier folder is kept as <name>.1, …\n"
    "\n"
    "  --out DIR           results folder\n"
    "  --replications N    1 to 1,000,000 (default: the scenario's)\n"
    "  --seed S            0 to 2^63-1 (default: the scenario's)\n"
    "  --threads T         1 to 1024 (default: all cores); results never\n"
    "                      depend on it\n"
    "  --max-memory SIZE   the memory a run may take, in MiB or with G for\n"
    "                      GiB (default 4G); a larger run is refused\n"
    "  --set KEY=VALUE     override a scenario key by its libconfig path,\n"
    "                      e.g. --set subsidy.cap=2500\n"
    "  --params FILE.csv   apply the value, low and high columns of a run's\n"
    "                      parameters.csv edited in Excel or LibreOffice\n"
    "                      (before the --set)\n"
    "  --force             replace an earlier results folder\n"
    "  --quiet             no headline, no progress bar\n";

/* The run's progress bar: one run of the shared bar. */
static void progress(void *ctx, int done, int total) {
  rb_runopt_progress(ctx, 1, 1, done, total);
}

/* A run with its arms listed: the first arm against every other, per
 * perspective (the saving per citizen, discounted). */
static void arms_headline(const rb_results *res, bool da) {
  if (!res->arms_given) {
    return;
  }
  for (int b = 1; b < res->n_arms; b++) {
    const char *first = res->arm_label[0];
    /* A label is written for the middle of a sentence: the line starts
     * with its first letter in capitals. */
    const int cap = first[0] >= 'a' && first[0] <= 'z' ? first[0] - 32 : 0;
    printf(da ? "%c%s mod %s%s:\n" : "%c%s against %s%s:\n",
           cap != 0 ? cap : first[0], first + (first[0] != '\0'),
           res->arm_label[b],
           b == 1 ? (da ? " (referencen)" : " (the reference)") : "");
    for (int p = 0; p < RB_P_COUNT; p++) {
      const rb_stats *s = &res->all.persp[0][p].vs[0][b];
      char m[48], lo[48], hi[48];
      rb_fmt_kr(m, sizeof m, s->mean, da);
      rb_fmt_kr(lo, sizeof lo, s->p2_5, da);
      rb_fmt_kr(hi, sizeof hi, s->p97_5, da);
      printf("  %-15s %12s kr  (95 %%: %s – %s)\n",
             rb_perspective_label((rb_perspective)p, da), m, lo, hi);
    }
  }
}

/* The headline: the scenario and the saving per perspective. */
static void headline(const rb_scenario *sc, const rb_results *res, bool da) {
  /* The municipality only when the title does not already name it. */
  bool named = strstr(sc->info.title, sc->info.municipality) != NULL;
  printf("%s: %s%s%s%s, %d %s, seed %" PRIu64 "\n", sc->info.name,
         sc->info.title, named ? "" : " (", named ? "" : sc->info.municipality,
         named ? "" : ")", res->replications,
         da ? "replikationer" : "replications", sc->info.seed);
  printf(da ? "Besparelse pr. borger over %d måneder (tilbagediskonteret, "
              "%d-kr.), nuværende praksis − ordningen:\n"
            : "Saving per citizen over %d months (discounted, %d kr), "
              "today's practice − scheme:\n",
         res->horizon, sc->info.price_year);
  for (int p = 0; p < RB_P_COUNT; p++) {
    const rb_persp_result *pr = &res->all.persp[0][p];
    char m[48], lo[48], hi[48];
    rb_fmt_kr(m, sizeof m, pr->saving.mean, da);
    rb_fmt_kr(lo, sizeof lo, pr->saving.p2_5, da);
    rb_fmt_kr(hi, sizeof hi, pr->saving.p97_5, da);
    char pct[16];
    snprintf(pct, sizeof pct, "%.1f", 100.0 * pr->saving.prob_positive);
    char *dot = strchr(pct, '.');
    if (da && dot != NULL) {
      *dot = ','; /* Danish decimal comma */
    }
    printf("  %-15s %12s kr  (95 %%: %s – %s)  P(>0) = %s %%",
           rb_perspective_label((rb_perspective)p, da), m, lo, hi, pct);
    if (pr->break_even_month > 0) {
      printf(da ? "  tjent hjem i måned %d\n" : "  break-even month %d\n",
             pr->break_even_month);
    } else {
      printf(da ? "  tjenes ikke hjem\n" : "  no break-even\n");
    }
  }
  arms_headline(res, da);
}

int rb_cmd_run(int argc, char **argv) {
  rb_runopt_opts o;
  rb_scenario *sc = NULL;
  int rc = rb_runopt_start(&o, &sc, "run", help, argc, argv, NULL, NULL);
  if (rc >= 0) {
    goto done;
  }
  char dir[4096];
  rc = rb_runopt_dir(dir, sizeof dir, &o, "run", sc->info.name, "");
  if (rc >= 0) {
    goto done;
  }
  rb_run_opts opts = {0};
  opts.threads = o.threads;
  opts.max_memory = o.max_memory;
  rb_diag why;
  rb_diag_init(&why);
  opts.diag = &why;
  if (rb_runopt_bar(&o)) {
    opts.progress = progress;
    opts.progress_ctx = &o.bar_last;
  }
  rb_results res;
  rb_status st = rb_engine_run(&res, sc, &opts);
  rb_runopt_diag_done(&why);
  if (st != RB_OK) {
    rc = rb_runopt_failed("run", st);
    goto done;
  }
  rb_runopt_ran(&o, res.threads, sc->info.seed, res.replications);
  rb_diag d;
  rb_diag_init(&d);
  st = rb_results_dir_write(dir, o.force, sc, &res, &o.meta, &d);
  rb_runopt_written();
  rb_runopt_diag_done(&d);
  bool da = sc->info.language == RB_LANG_DA;
  if (st == RB_OK && !o.quiet) {
    headline(sc, &res, da);
  }
  rc = rb_runopt_finish(&o, "run", st, da, RB_CHART_NONE, NULL, dir);
  rb_results_free(&res);
done:
  rb_scenario_free(sc);
  rb_runopt_free(&o);
  return rc;
}
