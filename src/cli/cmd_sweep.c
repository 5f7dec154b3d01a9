/* rentbridge sweep: the business case over a range of one parameter. */
#include "cli.h"
#include "rentbridge/decision.h"
#include "rentbridge/folder.h"
#include "rentbridge/output.h"
#include "run_opts.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: rentbridge sweep SCENARIO --param KEY --from A --to B --step D\n"
    "                        [--out DIR] [--replications N] [--seed S]\n"
    "                        [--threads T] [--params F] [--set KEY=VALUE]... "
    "[--force] "
    "[--quiet]\n"
    "                        [--max-memory SIZE]\n"
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
    "  --param2 KEY2 --from2 A2 --to2 B2 --step2 D2\n"
    "                      a second key: a grid of every value of KEY at\n"
    "                      every value of KEY2 (at most 10,000 cells),\n"
    "                      written as sweep2.csv, summary.txt (the best\n"
    "                      cell per perspective) and a report and workbook\n"
    "                      with a heat map per perspective, in\n"
    "                      "
    "results/<name>-sweep-<key>-x-<key2>/\n" RB_RUNOPT_HELP_OPTIONS;

/* Is @p s a plain decimal number: an optional minus, digits with an
 * optional decimal point, an optional exponent (no spaces, no plus sign,
 * no hexadecimal, no inf or nan)? */
static bool plain_decimal(const char *s) {
  size_t i = s[0] == '-' ? 1 : 0;
  size_t digits = strspn(s + i, "0123456789");
  i += digits;
  if (s[i] == '.') {
    size_t frac = strspn(s + i + 1, "0123456789");
    digits += frac;
    i += 1 + frac;
  }
  if (digits == 0) {
    return false;
  }
  if (s[i] == 'e' || s[i] == 'E') {
    i += s[i + 1] == '-' || s[i + 1] == '+' ? 2 : 1;
    size_t exp = strspn(s + i, "0123456789");
    if (exp == 0) {
      return false;
    }
    i += exp;
  }
  return s[i] == '\0';
}

static int parse_num(const char *s, double *out) {
  if (s == NULL || !plain_decimal(s)) {
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

/* The sweep's own options. */
typedef struct sweep_args {
  const char *key;
  double from, to, step;
  const char *key2; /* a second key: a grid (rb_sweep2) */
  double from2, to2, step2;
} sweep_args;

enum {
  OPT_PARAM = RB_RUNOPT_EXTRA_VAL,
  OPT_FROM,
  OPT_TO,
  OPT_STEP,
  OPT_PARAM2,
  OPT_FROM2,
  OPT_TO2,
  OPT_STEP2
};

static const struct option sweep_opts[] = {
    {"param", required_argument, NULL, OPT_PARAM},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"step", required_argument, NULL, OPT_STEP},
    {"param2", required_argument, NULL, OPT_PARAM2},
    {"from2", required_argument, NULL, OPT_FROM2},
    {"to2", required_argument, NULL, OPT_TO2},
    {"step2", required_argument, NULL, OPT_STEP2},
    {NULL, 0, NULL, 0}};

/* The bound an option sets, and its name. */
static double *bound_of(sweep_args *s, int opt, const char **name) {
  static const char *const names[] = {"--from",  "--to",  "--step",
                                      "--from2", "--to2", "--step2"};
  double *const t[] = {&s->from,  &s->to,  &s->step,
                       &s->from2, &s->to2, &s->step2};
  const int k = opt >= OPT_FROM2 ? 3 + opt - OPT_FROM2 : opt - OPT_FROM;
  *name = names[k];
  return t[k];
}

/* Take --param, --from, --to or --step (rb_cli_take). */
static int sweep_option(void *ctx, int opt, const char *arg, const char *word) {
  sweep_args *s = ctx;
  if (opt == OPT_PARAM || opt == OPT_PARAM2) {
    if (arg == NULL) {
      return rb_runopt_unknown("sweep", word);
    }
    *(opt == OPT_PARAM ? &s->key : &s->key2) = arg;
    return -1;
  }
  const char *name;
  double *target = bound_of(s, opt, &name);
  if (parse_num(arg, target) != 0) {
    return rb_cli_usage_error("sweep", "%s takes a number (got %s)", name,
                              arg ? arg : "nothing");
  }
  return -1;
}

static const rb_runopt_extra sweep_extra = {sweep_opts, sweep_option};

/* "-sweep-<key>", the key's '.', '[' and ']' as '_'. */
/* "-sweep-KEY", or "-sweep-KEY-x-KEY2" for a grid, with _ for . [ ]. */
static void dir_suffix(char *buf, size_t n, const char *key, const char *key2) {
  size_t o = (size_t)snprintf(buf, n, "-sweep-");
  for (int k = 0; k < 2; k++) {
    const char *c = k == 0 ? key : key2;
    if (c == NULL) {
      break;
    }
    if (k == 1 && o + 3 < n) {
      memcpy(buf + o, "-x-", 3);
      o += 3;
    }
    for (; *c && o + 1 < n; c++) {
      buf[o++] = (*c == '.' || *c == '[' || *c == ']') ? '_' : *c;
    }
  }
  buf[o < n ? o : n - 1] = '\0';
}

/* The sweep's folder, checked before the sweep starts: --out, or
 * results/<name><suffix> with the scenario's name (the scenario is loaded
 * for it; the sweep loads it again).  @return −1 to go on, or the exit
 * status. */
static int check_dir(char *dir, size_t n, const rb_runopt_opts *o,
                     const char *suffix) {
  if (o->out != NULL) {
    return rb_runopt_dir(dir, n, o, "sweep", NULL, suffix);
  }
  rb_scenario *sc = NULL;
  int rc = rb_cli_load(&sc, o->path, o->sets, o->n_sets, o->params);
  if (rc == 0) {
    rc = rb_runopt_dir(dir, n, o, "sweep", sc->info.name, suffix);
  }
  rb_scenario_free(sc);
  return rc;
}

static const rb_runopt_gnuplot_note gnuplot_note = {
    "(gnuplot findes ikke: diagrammet er ikke tegnet; sweep.gp er gemt)",
    "(gnuplot is not installed: no chart drawn; sweep.gp is kept)",
    "gnuplot is not installed: no chart drawn (sweep.gp is kept)"};

/* The sweep's options for the decision layer. */
static rb_sweep_opts sweep_run_opts(rb_runopt_opts *o) {
  rb_sweep_opts so = {0};
  so.sets = o->sets;
  so.n_sets = o->n_sets;
  so.params = o->params;
  so.threads = o->threads;
  so.max_memory = o->max_memory;
  if (rb_runopt_bar(o)) {
    so.progress = rb_runopt_progress;
    so.progress_ctx = &o->bar_last;
  }
  return so;
}

/* A grid of two keys (--param2): rb_sweep2_run and its folder. */
static int sweep2_cmd(rb_runopt_opts *o, const sweep_args *s, const char *dir) {
  rb_sweep_opts so = sweep_run_opts(o);
  rb_sweep2 sw;
  rb_scenario *base = NULL;
  rb_diag d;
  rb_diag_init(&d);
  rb_status st =
      rb_sweep2_run(&sw, &base, o->path, s->key, s->from, s->to, s->step,
                    s->key2, s->from2, s->to2, s->step2, &so, &d);
  if (st == RB_EUSAGE) {
    for (size_t k = 0; k < d.n; k++) {
      rb_cli_usage_error("sweep", "%s", d.msgs[k]);
    }
    rb_diag_free(&d);
    rb_sweep2_free(&sw);
    return rb_status_exit_code(RB_EUSAGE);
  }
  rb_runopt_diag_done(&d);
  if (st != RB_OK) {
    if (st != RB_EINVALID && st != RB_EIO) {
      fprintf(stderr, "rentbridge sweep: %s\n", rb_status_str(st));
    }
    rb_sweep2_free(&sw);
    return rb_status_exit_code(st);
  }
  rb_runopt_ran(o, sw.rows[0].threads, sw.rows[0].seed,
                sw.rows[0].replications);
  rb_diag_init(&d);
  st = rb_sweep2_dir_write(dir, o->force, &sw, base, &o->meta, &d);
  rb_runopt_written();
  rb_runopt_diag_done(&d);
  if (st == RB_OK && !o->quiet) {
    char *text = NULL;
    if (rb_sweep2_summary(&text, &sw) == RB_OK) {
      fputs(text, stdout);
    }
    free(text);
  }
  const bool da = sw.rows[0].language == RB_LANG_DA;
  rb_sweep2_free(&sw);
  rb_scenario_free(base);
  return rb_runopt_finish(o, "sweep", st, da, RB_CHART_NONE, &gnuplot_note,
                          dir);
}

/* How many runs the sweep made, when values ran as arms of one run
 * (decide/sweep.c). */
static void say_runs(const rb_sweep *sw) {
  if (sw->runs >= sw->n) {
    return;
  }
  const bool da = sw->language == RB_LANG_DA;
  char runs[32];
  if (sw->runs == 1) {
    snprintf(runs, sizeof runs, "%s", da ? "én kørsel" : "one run");
  } else {
    snprintf(runs, sizeof runs, da ? "%d kørsler" : "%d runs", sw->runs);
  }
  printf(da ? "(%d værdier i %s: værdier, der hverken når referencen eller "
              "hele modellen, regnes som arme i samme kørsel)\n"
            : "(%d values in %s: values that reach neither the reference "
              "nor the whole model run as arms of the same run)\n",
         sw->n, runs);
}

int rb_cmd_sweep(int argc, char **argv) {
  rb_runopt_opts o;
  sweep_args s = {NULL, NAN, NAN, NAN, NULL, NAN, NAN, NAN};
  int rc =
      rb_runopt_start(&o, NULL, "sweep", help, argc, argv, &sweep_extra, &s);
  if (rc >= 0) {
    goto done;
  }
  if (s.key == NULL || isnan(s.from) || isnan(s.to) || isnan(s.step)) {
    rc = rb_cli_usage_error("sweep", "--param, --from, --to and --step are "
                                     "all needed");
    goto done;
  }
  if (s.key2 != NULL && (isnan(s.from2) || isnan(s.to2) || isnan(s.step2))) {
    rc = rb_cli_usage_error("sweep", "--param2 needs --from2, --to2 and "
                                     "--step2");
    goto done;
  }
  char suffix[4096], dir[4096];
  dir_suffix(suffix, sizeof suffix, s.key, s.key2);
  rc = check_dir(dir, sizeof dir, &o, suffix);
  if (rc >= 0) {
    goto done;
  }
  if (s.key2 != NULL) {
    rc = sweep2_cmd(&o, &s, dir);
    goto done;
  }
  rb_sweep_opts so = sweep_run_opts(&o);
  rb_sweep sw;
  rb_scenario *base = NULL;
  rb_diag d;
  rb_diag_init(&d);
  rb_status st =
      rb_sweep_run(&sw, &base, o.path, s.key, s.from, s.to, s.step, &so, &d);
  if (st == RB_EUSAGE) {
    for (size_t k = 0; k < d.n; k++) {
      rb_cli_usage_error("sweep", "%s", d.msgs[k]);
    }
    rb_diag_free(&d);
    rb_sweep_free(&sw);
    rc = rb_status_exit_code(RB_EUSAGE);
    goto done;
  }
  rb_runopt_diag_done(&d);
  if (st != RB_OK) {
    if (st != RB_EINVALID && st != RB_EIO) {
      fprintf(stderr, "rentbridge sweep: %s\n", rb_status_str(st));
    }
    rb_sweep_free(&sw);
    rc = rb_status_exit_code(st);
    goto done;
  }
  rb_runopt_ran(&o, sw.threads, sw.seed, sw.replications);
  rb_chart_state chart = RB_CHART_NONE;
  rb_diag_init(&d);
  st = rb_sweep_dir_write(&chart, dir, o.force, &sw, base, &o.meta, &d);
  rb_runopt_written();
  rb_runopt_diag_done(&d);
  if (st == RB_OK && !o.quiet) {
    char *text = NULL;
    if (rb_sweep_summary(&text, &sw) == RB_OK) {
      fputs(text, stdout);
    }
    free(text);
    say_runs(&sw);
  }
  rc = rb_runopt_finish(&o, "sweep", st, sw.language == RB_LANG_DA, chart,
                        &gnuplot_note, dir);
  rb_sweep_free(&sw);
  rb_scenario_free(base);
done:
  rb_runopt_free(&o);
  return rc;
}
