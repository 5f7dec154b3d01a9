/* rentbridge sweep: the business case over a range of one parameter. */
#include "cli.h"
#include "rentbridge/decision.h"
#include "rentbridge/output.h"
#include "run_opts.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "usage: rentbridge sweep SCENARIO --param KEY --from A --to B --step D\n"
    "                        [--out DIR] [--replications N] [--seed S]\n"
    "                        [--threads T] [--set KEY=VALUE]... [--force] "
    "[--quiet]\n"
    "\n"
    "Runs the business case at every value A, A + D, A + 2D, ... up to B of\n"
    "one numeric scenario key (its libconfig path, e.g. subsidy.cap,\n"
    "subsidy.period_months, groups.[0].flats.offers_per_month), each a full\n"
    "run with the scenario's seed and replications (common random numbers,\n"
    "so a value equal to the scenario's gives exactly 'rentbridge run's\n"
    "numbers).  Writes results/<name>-sweep-<key>/ (or DIR): sweep.csv,\n"
    "sweep.json, sweep.svg (with gnuplot) and summary.txt, which names the\n"
    "break-even value(s) per perspective (where the mean saving crosses\n"
    "zero, interpolated) and the value with the largest mean saving, and\n"
    "the sweep's own report.html and workbook.xlsx.\n"
    "\n"
    "  --param KEY         the key to sweep (an integer key needs whole A, D)\n"
    "  --from A --to B --step D   the values (at most 10,000)\n"
    "  --out DIR           results folder\n"
    "  --replications N    1 to 1,000,000 (default: the scenario's)\n"
    "  --seed S            0 to 2^63-1 (default: the scenario's)\n"
    "  --threads T         1 to 1024 (default: all cores)\n"
    "  --set KEY=VALUE     override a scenario key first\n"
    "  --force             replace an earlier results folder\n"
    "  --quiet             no summary, no progress bar\n";

static int parse_num(const char *s, double *out) {
  if (s == NULL || *s == '\0') {
    return -1;
  }
  errno = 0;
  char *end;
  double v = strtod(s, &end);
  if (errno != 0 || *end != '\0' || !isfinite(v)) {
    return -1;
  }
  *out = v;
  return 0;
}

/* results/<name>-sweep-<key>, the key's '.', '[' and ']' as '_'. */
static void default_dir(char *buf, size_t n, const char *name,
                        const char *key) {
  size_t o = (size_t)snprintf(buf, n, "results/%s-sweep-", name);
  for (const char *c = key; *c && o + 1 < n; c++) {
    buf[o++] = (*c == '.' || *c == '[' || *c == ']') ? '_' : *c;
  }
  buf[o < n ? o : n - 1] = '\0';
}

int rb_cmd_sweep(int argc, char **argv) {
  rb_runopt_opts o;
  memset(&o, 0, sizeof o);
  o.sets = calloc((size_t)argc + 3, sizeof *o.sets);
  if (o.sets == NULL) {
    return 70;
  }
  const char *key = NULL;
  double from = NAN, to = NAN, step = NAN;
  int rc = 2;
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    const char *next = i + 1 < argc ? argv[i + 1] : NULL;
    int t = rb_runopt_option(&o, "sweep", argc, argv, &i);
    if (t == 100) {
      fputs(help, stdout);
      rc = 0;
      goto done;
    } else if (t > 100) {
      rc = t - 100;
      goto done;
    } else if (t == 1) {
      continue;
    }
    double *target = strcmp(a, "--from") == 0   ? &from
                     : strcmp(a, "--to") == 0   ? &to
                     : strcmp(a, "--step") == 0 ? &step
                                                : NULL;
    if (target != NULL) {
      if (parse_num(next, target) != 0) {
        rc = rb_cli_usage_error("sweep", "%s takes a number (got %s)", a,
                                next ? next : "nothing");
        goto done;
      }
      i++;
    } else if (strcmp(a, "--param") == 0 && next != NULL) {
      key = argv[++i];
    } else if (a[0] == '-') {
      rc =
          rb_cli_usage_error("sweep", "unknown option or missing value: %s", a);
      goto done;
    } else if (o.path == NULL) {
      o.path = a;
    } else {
      rc = rb_cli_usage_error("sweep", "one scenario only (got also %s)", a);
      goto done;
    }
  }
  if (o.path == NULL) {
    rc = rb_cli_usage_error("sweep", "no scenario file given");
    goto done;
  }
  if (key == NULL || isnan(from) || isnan(to) || isnan(step)) {
    rc = rb_cli_usage_error("sweep", "--param, --from, --to and --step are "
                                     "all needed");
    goto done;
  }
  if (o.reps_set[0] != '\0') {
    o.sets[o.n_sets++] = o.reps_set;
  }
  if (o.seed_set[0] != '\0') {
    o.sets[o.n_sets++] = o.seed_set;
  }
  {
    rb_run_meta meta;
    memset(&meta, 0, sizeof meta);
    rb_now_iso(meta.start_time);
    char cmdline[8192];
    rb_runopt_cmdline(cmdline, sizeof cmdline, "sweep", argc, argv);
    meta.command_line = cmdline;
    meta.command = "sweep";
    meta.scenario_path = o.path;
    int last = -1;
    rb_sweep_opts so = {0};
    so.sets = o.sets;
    so.n_sets = o.n_sets;
    so.threads = o.threads;
    if (!o.quiet && isatty(STDERR_FILENO)) {
      so.progress = rb_runopt_progress;
      so.progress_ctx = &last;
    }
    rb_sweep sw;
    rb_scenario *base = NULL;
    rb_diag d;
    rb_diag_init(&d);
    rb_status st =
        rb_sweep_run(&sw, &base, o.path, key, from, to, step, &so, &d);
    if (st == RB_EUSAGE) {
      for (size_t k = 0; k < d.n; k++) {
        rb_cli_usage_error("sweep", "%s", d.msgs[k]);
      }
      rb_diag_free(&d);
      rb_sweep_free(&sw);
      rc = 2;
      goto done;
    }
    rb_cli_print_diag(&d);
    rb_diag_free(&d);
    if (st != RB_OK) {
      if (st != RB_EINVALID && st != RB_EIO) {
        fprintf(stderr, "rentbridge sweep: %s\n", rb_status_str(st));
      }
      rb_sweep_free(&sw);
      rc = rb_status_exit_code(st);
      goto done;
    }
    meta.threads = sw.threads;
    meta.seed = sw.seed;
    meta.replications = sw.replications;
    char dir[4096];
    if (o.out != NULL) {
      snprintf(dir, sizeof dir, "%s", o.out);
    } else {
      default_dir(dir, sizeof dir, sw.scenario, key);
    }
    rb_chart_state chart = RB_CHART_NONE;
    rb_diag_init(&d);
    st = rb_sweep_dir_write(&chart, dir, o.force, &sw, base, &meta, &d);
    rb_cli_print_diag(&d);
    rb_diag_free(&d);
    bool da = sw.language == RB_LANG_DA;
    if (st == RB_OK && !o.quiet) {
      char *text = NULL;
      if (rb_sweep_summary(&text, &sw) == RB_OK) {
        fputs(text, stdout);
      }
      free(text);
      if (chart == RB_CHART_NO_GNUPLOT) {
        printf(da ? "(gnuplot findes ikke: diagrammet er ikke tegnet; "
                    "sweep.gp er gemt)\n"
                  : "(gnuplot is not installed: no chart drawn; sweep.gp is "
                    "kept)\n");
      }
      printf(da ? "Resultater: %s/\n" : "Results: %s/\n", dir);
    } else if (st == RB_OK && chart == RB_CHART_NO_GNUPLOT) {
      fprintf(stderr, "rentbridge sweep: gnuplot is not installed: no chart "
                      "drawn (sweep.gp is kept)\n");
    }
    rc = rb_status_exit_code(st);
    rb_sweep_free(&sw);
    rb_scenario_free(base);
  }
done:
  free(o.sets);
  return rc;
}
