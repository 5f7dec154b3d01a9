/* Options and steps shared by run, sweep and tornado. */
#include "run_opts.h"
#include "base/io.h"
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Parse a whole number 0 … max; 0 on success. */
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

void rb_runopt_free(rb_runopt_opts *o) {
  free(o->sets);
  o->sets = NULL;
}

/* Take one common option at argv[*i] (advancing *i past its value): 1 when
 * taken, 0 when it is not a common option, or an exit status + 100 (102 =
 * usage error, already printed; 100 = --help asked). */
static int common_option(rb_runopt_opts *o, const char *cmd, int argc,
                         char **argv, int *i) {
  const char *a = argv[*i];
  const char *next = *i + 1 < argc ? argv[*i + 1] : NULL;
  uint64_t v;
  if (rb_cli_is_help(a)) {
    return 100;
  } else if (strcmp(a, "--out") == 0 && next != NULL) {
    o->out = next;
  } else if (strcmp(a, "--replications") == 0) {
    if (parse_u64(next, 1000000, &v) != 0 || v < 1) {
      return 100 + rb_cli_usage_error(
                       cmd, "--replications takes 1 to 1,000,000 (got %s)",
                       next ? next : "nothing");
    }
    snprintf(o->reps_set, sizeof o->reps_set, "scenario.replications=%" PRIu64,
             v);
  } else if (strcmp(a, "--seed") == 0) {
    if (parse_u64(next, INT64_MAX, &v) != 0) {
      return 100 + rb_cli_usage_error(cmd, "--seed takes 0 to 2^63-1 (got %s)",
                                      next ? next : "nothing");
    }
    snprintf(o->seed_set, sizeof o->seed_set, "scenario.seed=%" PRIu64 "%s", v,
             v > INT32_MAX ? "L" : "");
  } else if (strcmp(a, "--threads") == 0) {
    if (parse_u64(next, 1024, &v) != 0 || v < 1) {
      return 100 + rb_cli_usage_error(cmd, "--threads takes 1 to 1024 (got %s)",
                                      next ? next : "nothing");
    }
    o->threads = (int)v;
  } else if (strcmp(a, "--set") == 0 && next != NULL) {
    o->sets[o->n_sets++] = next;
  } else if (strcmp(a, "--force") == 0) {
    o->force = true;
    return 1;
  } else if (strcmp(a, "--quiet") == 0) {
    o->quiet = true;
    return 1;
  } else {
    return 0;
  }
  (*i)++;
  return 1;
}

/* Parse a whole command line: −1 to go on, or the exit status to return. */
static int parse(rb_runopt_opts *o, const char *cmd, const char *help, int argc,
                 char **argv, rb_runopt_extra extra, void *ctx) {
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    int t = common_option(o, cmd, argc, argv, &i);
    if (t == 0 && extra != NULL) {
      t = extra(ctx, argc, argv, &i);
    }
    if (t == 100) {
      fputs(help, stdout);
      return 0;
    } else if (t > 100) {
      return t - 100;
    } else if (t == 1) {
      continue;
    }
    if (a[0] == '-') {
      return rb_cli_usage_error(cmd, "unknown option or missing value: %s", a);
    } else if (o->path == NULL) {
      o->path = a;
    } else {
      return rb_cli_usage_error(cmd, "one scenario only (got also %s)", a);
    }
  }
  if (o->path == NULL) {
    return rb_cli_usage_error(cmd, "no scenario file given");
  }
  if (o->reps_set[0] != '\0') {
    o->sets[o->n_sets++] = o->reps_set;
  }
  if (o->seed_set[0] != '\0') {
    o->sets[o->n_sets++] = o->seed_set;
  }
  return -1;
}

/* The command line as one string for the manifest. */
static void cmdline(char *buf, size_t n, const char *cmd, int argc,
                    char **argv) {
  size_t o = (size_t)snprintf(buf, n, "rentbridge %s", cmd);
  for (int i = 0; i < argc && o < n; i++) {
    o += (size_t)snprintf(buf + o, n - o, " %s", argv[i]);
  }
}

int rb_runopt_start(rb_runopt_opts *o, rb_scenario **sc, const char *cmd,
                    const char *help, int argc, char **argv,
                    rb_runopt_extra extra, void *ctx) {
  memset(o, 0, sizeof *o);
  o->bar_last = -1;
  o->sets = calloc((size_t)argc + 3, sizeof *o->sets);
  if (o->sets == NULL) {
    return 70;
  }
  int rc = parse(o, cmd, help, argc, argv, extra, ctx);
  if (rc >= 0) {
    return rc;
  }
  if (sc != NULL) {
    rc = rb_cli_load(sc, o->path, o->sets, o->n_sets);
    if (rc != 0) {
      return rc;
    }
  }
  rb_now_iso(o->meta.start_time);
  cmdline(o->cmdline, sizeof o->cmdline, cmd, argc, argv);
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

void rb_runopt_dir(char *buf, size_t n, const rb_runopt_opts *o,
                   const char *name, const char *suffix) {
  if (o->out != NULL) {
    snprintf(buf, n, "%s", o->out);
  } else {
    snprintf(buf, n, "results/%s%s", name, suffix);
  }
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
