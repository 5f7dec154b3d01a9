/* Options and the progress bar shared by sweep and tornado. */
#include "decision_cli.h"
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

int rb_dcli_option(rb_dcli_opts *o, const char *cmd, int argc, char **argv,
                   int *i) {
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

void rb_dcli_cmdline(char *buf, size_t n, const char *cmd, int argc,
                     char **argv) {
  size_t o = (size_t)snprintf(buf, n, "rentbridge %s", cmd);
  for (int i = 0; i < argc && o < n; i++) {
    o += (size_t)snprintf(buf + o, n - o, " %s", argv[i]);
  }
}

void rb_dcli_progress(void *ctx, int run, int runs, int done, int total) {
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
