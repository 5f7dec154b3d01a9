/* Options and steps shared by run, sweep and tornado. */
#include "run_opts.h"
#include "base/interrupt.h"
#include "base/io.h"
#include "cli.h"

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Parse a whole number 0 … max, digits only (no sign, no spaces); 0 on
 * success. */
static int parse_u64(const char *s, uint64_t max, uint64_t *out) {
  if (s == NULL || *s < '0' || *s > '9') {
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

void rb_runopt_free(rb_runopt_opts *o) {
  free(o->sets);
  o->sets = NULL;
  free(o->cmdline);
  o->cmdline = NULL;
}

/* The common options' getopt_long vals (besides 'h'). */
enum {
  OPT_OUT = 256,
  OPT_REPLICATIONS,
  OPT_SEED,
  OPT_THREADS,
  OPT_SET,
  OPT_FORCE,
  OPT_QUIET,
  OPT_MAX_MEMORY,
  OPT_PARAMS
};

static const struct option common_opts[] = {
    {"help", no_argument, NULL, 'h'},
    {"out", required_argument, NULL, OPT_OUT},
    {"replications", required_argument, NULL, OPT_REPLICATIONS},
    {"seed", required_argument, NULL, OPT_SEED},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"set", required_argument, NULL, OPT_SET},
    {"force", no_argument, NULL, OPT_FORCE},
    {"quiet", no_argument, NULL, OPT_QUIET},
    {"max-memory", required_argument, NULL, OPT_MAX_MEMORY},
    {"params", required_argument, NULL, OPT_PARAMS},
};

#define N_COMMON (sizeof common_opts / sizeof common_opts[0])
/** Room for a command's own options in the table of all. */
#define MAX_EXTRA 15

/* What parsing a command line needs. */
typedef struct parse_ctx {
  rb_runopt_opts *o;
  const char *cmd, *help;
  const rb_runopt_extra *extra;
  void *extra_ctx;
} parse_ctx;

int rb_runopt_unknown(const char *cmd, const char *word) {
  return rb_cli_usage_error(cmd, "unknown option or missing value: %s", word);
}

/* --replications, --seed or --threads: a whole number in its range. */
static int take_number(parse_ctx *p, int opt, const char *arg) {
  rb_runopt_opts *o = p->o;
  uint64_t v;
  if (opt == OPT_REPLICATIONS) {
    if (parse_u64(arg, 1000000, &v) != 0 || v < 1) {
      return rb_cli_usage_error(p->cmd,
                                "--replications takes 1 to 1,000,000 (got %s)",
                                arg ? arg : "nothing");
    }
    snprintf(o->reps_set, sizeof o->reps_set, "scenario.replications=%" PRIu64,
             v);
  } else if (opt == OPT_SEED) {
    if (parse_u64(arg, INT64_MAX, &v) != 0) {
      return rb_cli_usage_error(p->cmd, "--seed takes 0 to 2^63-1 (got %s)",
                                arg ? arg : "nothing");
    }
    snprintf(o->seed_set, sizeof o->seed_set, "scenario.seed=%" PRIu64 "%s", v,
             v > INT32_MAX ? "L" : "");
  } else {
    if (parse_u64(arg, 1024, &v) != 0 || v < 1) {
      return rb_cli_usage_error(p->cmd, "--threads takes 1 to 1024 (got %s)",
                                arg ? arg : "nothing");
    }
    o->threads = (int)v;
  }
  return -1;
}

/* --max-memory SIZE: MiB, or GiB with a G (M for MiB is allowed), 1 MiB to
 * 1 TiB, into bytes. */
static int take_memory(parse_ctx *p, const char *arg) {
  char num[32];
  size_t n = arg != NULL ? strlen(arg) : 0;
  int shift = 20;
  if (n > 0 && (arg[n - 1] == 'G' || arg[n - 1] == 'M')) {
    shift = arg[n - 1] == 'G' ? 30 : 20;
    n--;
  }
  uint64_t v = 0;
  bool ok = n > 0 && n < sizeof num;
  if (ok) {
    memcpy(num, arg, n);
    num[n] = '\0';
    ok = parse_u64(num, 1ULL << (40 - shift), &v) == 0 && v >= 1;
  }
  if (!ok) {
    return rb_cli_usage_error(p->cmd,
                              "--max-memory takes MiB or GiB, e.g. 8192 or 8G, "
                              "up to 1 TiB (got %s)",
                              arg ? arg : "nothing");
  }
  p->o->max_memory = (size_t)(v << shift);
  return -1;
}

/* Take one item of the command line (rb_cli_take). */
static int take(void *ctx, int opt, const char *arg, const char *word) {
  parse_ctx *p = ctx;
  rb_runopt_opts *o = p->o;
  switch (opt) {
  case 'h':
    fputs(p->help, stdout);
    return rb_status_exit_code(RB_OK);
  case OPT_OUT:
  case OPT_SET:
  case OPT_PARAMS:
    if (arg == NULL) {
      return rb_runopt_unknown(p->cmd, word);
    }
    if (opt == OPT_OUT) {
      o->out = arg;
    } else if (opt == OPT_PARAMS) {
      if (o->params != NULL) {
        return rb_cli_usage_error(p->cmd, "one --params file only");
      }
      o->params = arg;
    } else {
      o->sets[o->n_sets++] = arg;
    }
    return -1;
  case OPT_REPLICATIONS:
  case OPT_SEED:
  case OPT_THREADS:
    return take_number(p, opt, arg);
  case OPT_MAX_MEMORY:
    return take_memory(p, arg);
  case OPT_FORCE:
    o->force = true;
    return -1;
  case OPT_QUIET:
    o->quiet = true;
    return -1;
  case RB_CLI_OPERAND:
    if (strcmp(arg, "-") == 0) {
      return rb_runopt_unknown(p->cmd, word);
    } else if (o->path != NULL) {
      return rb_cli_usage_error(p->cmd, "one scenario only (got also %s)", arg);
    }
    o->path = arg;
    return -1;
  case RB_CLI_UNKNOWN:
    return rb_runopt_unknown(p->cmd, word);
  default:
    return p->extra->take(p->extra_ctx, opt, arg, word);
  }
}

/* Parse a whole command line: −1 to go on, or the exit status to return. */
static int parse(parse_ctx *p, int argc, char **argv) {
  struct option all[N_COMMON + MAX_EXTRA + 1];
  size_t n = 0;
  for (size_t i = 0; i < N_COMMON; i++) {
    all[n++] = common_opts[i];
  }
  for (const struct option *e = p->extra != NULL ? p->extra->opts : NULL;
       e != NULL && e->name != NULL; e++) {
    assert(n < N_COMMON + MAX_EXTRA && e->val >= RB_RUNOPT_EXTRA_VAL);
    all[n++] = *e;
  }
  all[n] = (struct option){NULL, 0, NULL, 0};
  int rc = rb_cli_getopt(argc, argv, all, take, p);
  if (rc >= 0) {
    return rc;
  }
  rb_runopt_opts *o = p->o;
  if (o->path == NULL) {
    return rb_cli_usage_error(p->cmd, "no scenario file given");
  }
  if (o->reps_set[0] != '\0') {
    o->sets[o->n_sets++] = o->reps_set;
  }
  if (o->seed_set[0] != '\0') {
    o->sets[o->n_sets++] = o->seed_set;
  }
  return -1;
}

/* The command line as one string for the manifest, whole; NULL when out
 * of memory. */
static char *cmdline(const char *cmd, int argc, char **argv) {
  size_t n = strlen("rentbridge ") + strlen(cmd) + 1;
  for (int i = 1; i < argc; i++) {
    n += 1 + strlen(argv[i]);
  }
  char *buf = malloc(n);
  if (buf == NULL) {
    return NULL;
  }
  size_t o = (size_t)snprintf(buf, n, "rentbridge %s", cmd);
  for (int i = 1; i < argc; i++) {
    o += (size_t)snprintf(buf + o, n - o, " %s", argv[i]);
  }
  return buf;
}

int rb_runopt_start(rb_runopt_opts *o, rb_scenario **sc, const char *cmd,
                    const char *help, int argc, char **argv,
                    const rb_runopt_extra *extra, void *ctx) {
  memset(o, 0, sizeof *o);
  o->bar_last = -1;
  o->sets = calloc((size_t)argc + 3, sizeof *o->sets);
  if (o->sets == NULL) {
    return rb_status_exit_code(RB_ENOMEM);
  }
  parse_ctx p = {o, cmd, help, extra, ctx};
  int rc = parse(&p, argc, argv);
  if (rc >= 0) {
    return rc;
  }
  if (sc != NULL) {
    rc = rb_cli_load(sc, o->path, o->sets, o->n_sets, o->params);
    if (rc != 0) {
      return rc;
    }
  }
  rb_now_iso(o->meta.start_time);
  o->cmdline = cmdline(cmd, argc, argv);
  if (o->cmdline == NULL) {
    return rb_status_exit_code(RB_ENOMEM);
  }
  o->meta.command_line = o->cmdline;
  o->meta.command = cmd;
  o->meta.scenario_path = o->path;
  return -1;
}

void rb_runopt_ran(rb_runopt_opts *o, int threads, uint64_t seed,
                   int replications) {
  o->meta.threads = threads;
  o->meta.seed = seed;
  o->meta.replications = replications;
}

bool rb_runopt_bar(rb_runopt_opts *o) {
  o->bar_last = -1;
  return !o->quiet && isatty(STDERR_FILENO);
}

void rb_runopt_progress(void *ctx, int run, int runs, int done, int total) {
  int *last = ctx;
  double frac = ((double)(run - 1) + (double)done / (double)total) / runs;
  int pct = (int)(100.0 * frac);
  if (pct == *last && done != total) {
    return;
  }
  *last = pct;
  int w = 40, fill = pct * w / 100;
  fprintf(stderr, "\r[");
  for (int i = 0; i < w; i++) {
    fputc(i < fill ? '#' : '.', stderr);
  }
  fprintf(stderr, "] %3d %%  (%d/%d)", pct, run, runs);
  if (run == runs && done == total) {
    fputc('\n', stderr);
  }
  fflush(stderr);
}

int rb_runopt_dir(char *buf, size_t n, const rb_runopt_opts *o, const char *cmd,
                  const char *name, const char *suffix) {
  char want[4096];
  int k = o->out != NULL
              ? snprintf(want, sizeof want, "%s", o->out)
              : snprintf(want, sizeof want, "results/%s%s", name, suffix);
  rb_diag d;
  rb_diag_init(&d);
  rb_status st = k < 0 || (size_t)k >= sizeof want
                     ? RB_EIO
                     : rb_results_dir_check(buf, n, want, &d);
  if (st != RB_OK && d.n == 0) {
    rb_diag_add(&d, o->out != NULL ? o->out : name, 0, NULL,
                "the results folder's path is too long");
  }
  rb_runopt_diag_done(&d);
  if (st != RB_OK) {
    fprintf(stderr, "rentbridge %s: nothing was computed\n", cmd);
    return rb_status_exit_code(st);
  }
  return -1;
}

void rb_runopt_decision_opts(rb_tornado_opts *to, rb_runopt_opts *o,
                             rb_diag *why) {
  memset(to, 0, sizeof *to);
  to->threads = o->threads;
  to->max_memory = o->max_memory;
  rb_diag_init(why);
  to->diag = why;
  if (rb_runopt_bar(o)) {
    to->progress = rb_runopt_progress;
    to->progress_ctx = &o->bar_last;
  }
}

void rb_runopt_written(void) {
  rb_interrupt_reraise();
}

int rb_runopt_failed(const char *cmd, rb_status st) {
  fprintf(stderr, "rentbridge %s: %s\n", cmd, rb_status_str(st));
  return rb_status_exit_code(st);
}

void rb_runopt_diag_done(rb_diag *d) {
  rb_cli_print_diag(d);
  rb_diag_free(d);
}

int rb_runopt_finish(const rb_runopt_opts *o, const char *cmd, rb_status st,
                     bool da, rb_chart_state chart,
                     const rb_runopt_gnuplot_note *note, const char *dir) {
  bool no_gnuplot = chart == RB_CHART_NO_GNUPLOT && note != NULL;
  if (st == RB_OK && !o->quiet) {
    if (no_gnuplot) {
      printf("%s\n", da ? note->da : note->en);
    }
    printf(da ? "Resultater: %s/\n" : "Results: %s/\n", dir);
  } else if (st == RB_OK && no_gnuplot) {
    fprintf(stderr, "rentbridge %s: %s\n", cmd, note->err);
  }
  return rb_status_exit_code(st);
}
