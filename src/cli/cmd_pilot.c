/* rentbridge simulate-pilot SCENARIO: one replication's citizens in the
 * observed-data format (docs/tracking.md). */
#include "cli.h"
#include "rentbridge/track.h"
#include "run_opts.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "usage: rentbridge simulate-pilot SCENARIO [--out FILE] [--seed S]\n"
    "                                 [--replication K] [--set KEY=VALUE]...\n"
    "\n"
    "A synthetic pilot: replication K (default 1) of the scenario, its\n"
    "intervention arm's citizens one row per citizen and month from entry,\n"
    "in the observed-data format of `rentbridge track` (docs/tracking.md),\n"
    "to FILE (written whole or not at all) or standard output.  In psa mode\n"
    "the replication draws its values first.\n"
    "\n"
    "  --out FILE          the CSV file (default: standard output)\n"
    "  --seed S            0 to 2^63-1 (default: the scenario's)\n"
    "  --replication K     1 to 1,000,000 (default 1)\n"
    "  --set KEY=VALUE     override a scenario key first\n";

enum { OPT_REPLICATION = RB_RUNOPT_EXTRA_VAL };

static const struct option pilot_opts[] = {
    {"replication", required_argument, NULL, OPT_REPLICATION},
    {NULL, 0, NULL, 0}};

static int pilot_option(void *ctx, int opt, const char *arg, const char *word) {
  int *rep = ctx;
  (void)opt;
  char *end = NULL;
  errno = 0;
  long k = arg != NULL ? strtol(arg, &end, 10) : 0;
  if (arg == NULL || end == arg || *end != '\0' || errno != 0 || k < 1 ||
      k > 1000000) {
    return rb_cli_usage_error("simulate-pilot",
                              "%s takes a whole number 1 to 1000000 (got %s)",
                              word, arg != NULL ? arg : "nothing");
  }
  *rep = (int)k;
  return -1;
}

static const rb_runopt_extra pilot_extra = {pilot_opts, pilot_option};

/* Write to @p path through a temporary sibling renamed into place. */
static rb_status write_file(const char *path, const rb_scenario *sc, int rep,
                            rb_diag *d) {
  char tmp[4200];
  snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
  FILE *f = fopen(tmp, "w");
  if (f == NULL) {
    return RB_EIO;
  }
  rb_status st = rb_track_simulate_pilot(f, sc, sc->info.seed, rep - 1, d);
  if (fclose(f) != 0 && st == RB_OK) {
    st = RB_EIO;
  }
  if (st == RB_OK && rename(tmp, path) != 0) {
    st = RB_EIO;
  }
  if (st != RB_OK) {
    remove(tmp);
  }
  return st;
}

int rb_cmd_simulate_pilot(int argc, char **argv) {
  rb_runopt_opts o;
  rb_scenario *sc = NULL;
  int rep = 1;
  int rc = rb_runopt_start(&o, &sc, "simulate-pilot", help, argc, argv,
                           &pilot_extra, &rep);
  if (rc < 0) {
    rb_diag d;
    rb_diag_init(&d);
    rb_status st =
        o.out != NULL
            ? write_file(o.out, sc, rep, &d)
            : rb_track_simulate_pilot(stdout, sc, sc->info.seed, rep - 1, &d);
    rb_runopt_diag_done(&d);
    if (st == RB_EIO) {
      fprintf(stderr, "rentbridge simulate-pilot: %s: cannot be written\n",
              o.out != NULL ? o.out : "standard output");
    }
    rc = st == RB_OK ? 0 : rb_status_exit_code(st);
  }
  rb_scenario_free(sc);
  rb_runopt_free(&o);
  return rc;
}
