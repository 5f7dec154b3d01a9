/* rentbridge run: the Monte Carlo business case. */
#include "cli.h"
#include "rentbridge/engine.h"
#include "rentbridge/output.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "usage: rentbridge run SCENARIO [--out DIR] [--replications N] [--seed S]\n"
    "                      [--threads T] [--set KEY=VALUE]... [--force] "
    "[--quiet]\n"
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
    "  --set KEY=VALUE     override a scenario key by its libconfig path,\n"
    "                      e.g. --set subsidy.cap=2500\n"
    "  --force             replace an earlier results folder\n"
    "  --quiet             no headline, no progress bar\n";

typedef struct bar {
  int last;
} bar;

static void progress(void *ctx, int done, int total) {
  bar *b = ctx;
  int pct = (int)(100.0 * done / total);
  if (pct == b->last) {
    return;
  }
  b->last = pct;
  int w = 40, fill = pct * w / 100;
  fprintf(stderr, "\r[");
  for (int i = 0; i < w; i++) {
    fputc(i < fill ? '#' : '.', stderr);
  }
  fprintf(stderr, "] %3d %%", pct);
  if (done == total) {
    fputc('\n', stderr);
  }
  fflush(stderr);
}

/* Parse an integer option; returns 0 on success. */
static int parse_u64(const char *s, uint64_t max, uint64_t *out) {
  if (s == NULL || *s == '\0' || *s == '-' || *s == '+') {
    return -1;
  }
  errno = 0;
  char *end;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno != 0 || *end != '\0' || v > max) {
    return -1;
  }
  *out = v;
  return 0;
}

static void headline(const rb_scenario *sc, const rb_results *res,
                     const char *dir) {
  bool da = sc->info.language == RB_LANG_DA;
  static const char *const pn_da[RB_P_COUNT] = {"kommunen", "det offentlige",
                                                "samfundet"};
  static const char *const pn_en[RB_P_COUNT] = {"kommune", "public sector",
                                                "society"};
  printf("%s: %s (%s), %d %s, seed %" PRIu64 "\n", sc->info.name,
         sc->info.title, sc->info.municipality, res->replications,
         da ? "replikationer" : "replications", sc->info.seed);
  printf(da ? "Besparelse pr. borger over %d måneder (tilbagediskonteret, "
              "%d-kr.), nuværende praksis − ordningen:\n"
            : "Saving per citizen over %d months (discounted, %d kr), "
              "today's practice − scheme:\n",
         res->horizon, sc->info.price_year);
  for (int p = 0; p < RB_P_COUNT; p++) {
    const rb_persp_result *pr = &res->all.persp[0][p];
    char m[48], lo[48], hi[48];
    rb_format_kr(m, sizeof m, pr->saving.mean, da);
    rb_format_kr(lo, sizeof lo, pr->saving.p2_5, da);
    rb_format_kr(hi, sizeof hi, pr->saving.p97_5, da);
    printf("  %-15s %12s kr  (95 %%: %s – %s)  P(>0) = %.1f %%",
           da ? pn_da[p] : pn_en[p], m, lo, hi,
           100.0 * pr->saving.prob_positive);
    if (pr->break_even_month > 0) {
      printf(da ? "  tjent hjem i måned %d\n" : "  break-even month %d\n",
             pr->break_even_month);
    } else {
      printf(da ? "  tjenes ikke hjem\n" : "  no break-even\n");
    }
  }
  printf(da ? "Resultater: %s/\n" : "Results: %s/\n", dir);
}

int rb_cmd_run(int argc, char **argv) {
  const char *path = NULL, *out = NULL;
  const char **sets = calloc((size_t)argc + 2, sizeof *sets);
  char seed_set[64], reps_set[64];
  int n_sets = 0, threads = 0;
  bool force = false, quiet = false;
  int rc = 2;
  if (sets == NULL) {
    return 70;
  }
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    uint64_t v;
    if (rb_cli_is_help(a)) {
      fputs(help, stdout);
      rc = 0;
      goto done;
    } else if (strcmp(a, "--out") == 0 && next != NULL) {
      out = argv[++i];
    } else if (strcmp(a, "--replications") == 0) {
      if (parse_u64(next, 1000000, &v) != 0 || v < 1) {
        rc = rb_cli_usage_error("run",
                                "--replications takes 1 to 1,000,000 (got %s)",
                                next ? next : "nothing");
        goto done;
      }
      snprintf(reps_set, sizeof reps_set, "scenario.replications=%" PRIu64, v);
      sets[n_sets++] = reps_set;
      i++;
    } else if (strcmp(a, "--seed") == 0) {
      if (parse_u64(next, INT64_MAX, &v) != 0) {
        rc = rb_cli_usage_error("run", "--seed takes 0 to 2^63-1 (got %s)",
                                next ? next : "nothing");
        goto done;
      }
      snprintf(seed_set, sizeof seed_set, "scenario.seed=%" PRIu64 "%s", v,
               v > INT32_MAX ? "L" : "");
      sets[n_sets++] = seed_set;
      i++;
    } else if (strcmp(a, "--threads") == 0) {
      if (parse_u64(next, 1024, &v) != 0 || v < 1) {
        rc = rb_cli_usage_error("run", "--threads takes 1 to 1024 (got %s)",
                                next ? next : "nothing");
        goto done;
      }
      threads = (int)v;
      i++;
    } else if (strcmp(a, "--set") == 0 && next != NULL) {
      sets[n_sets++] = argv[++i];
    } else if (strcmp(a, "--force") == 0) {
      force = true;
    } else if (strcmp(a, "--quiet") == 0) {
      quiet = true;
    } else if (a[0] == '-') {
      rc = rb_cli_usage_error("run", "unknown option or missing value: %s", a);
      goto done;
    } else if (path == NULL) {
      path = a;
    } else {
      rc = rb_cli_usage_error("run", "one scenario only (got also %s)", a);
      goto done;
    }
  }
  if (path == NULL) {
    rc = rb_cli_usage_error("run", "no scenario file given");
    goto done;
  }
  /* --seed and --replications go in as overrides, so the resolved
   * scenario.cfg records them; they come after the user's --set. */
  {
    rb_scenario *sc = NULL;
    rc = rb_cli_load(&sc, path, sets, n_sets);
    if (rc != 0) {
      goto done;
    }
    rb_run_meta meta;
    memset(&meta, 0, sizeof meta);
    rb_now_iso(meta.start_time);
    char cmdline[8192];
    size_t o = (size_t)snprintf(cmdline, sizeof cmdline, "rentbridge run");
    for (int i = 0; i < argc && o < sizeof cmdline; i++) {
      o += (size_t)snprintf(cmdline + o, sizeof cmdline - o, " %s", argv[i]);
    }
    meta.command_line = cmdline;
    meta.command = "run";
    meta.scenario_path = path;
    bar b = {-1};
    rb_run_opts opts = {0};
    opts.threads = threads;
    if (!quiet && isatty(STDERR_FILENO)) {
      opts.progress = progress;
      opts.progress_ctx = &b;
    }
    rb_results res;
    rb_status st = rb_engine_run(&res, sc, &opts);
    if (st != RB_OK) {
      fprintf(stderr, "rentbridge run: %s\n", rb_status_str(st));
      rb_scenario_free(sc);
      rc = rb_status_exit_code(st);
      goto done;
    }
    meta.threads = res.threads;
    meta.seed = sc->info.seed;
    meta.replications = res.replications;
    char dir[4096];
    if (out != NULL) {
      snprintf(dir, sizeof dir, "%s", out);
    } else {
      snprintf(dir, sizeof dir, "results/%s", sc->info.name);
    }
    rb_diag d;
    rb_diag_init(&d);
    st = rb_results_dir_write(dir, force, sc, &res, &meta, &d);
    rb_cli_print_diag(&d);
    rb_diag_free(&d);
    if (st == RB_OK && !quiet) {
      headline(sc, &res, dir);
    }
    rc = rb_status_exit_code(st);
    rb_results_free(&res);
    rb_scenario_free(sc);
  }
done:
  free(sets);
  return rc;
}
