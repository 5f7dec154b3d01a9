/* rentbridge track SCENARIO --observed FILE.csv [--as-of YYYY-MM]: the
 * pilot's citizens against the forecast (docs/tracking.md). */
#include "cli.h"
#include "rentbridge/track.h"
#include "run_opts.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: rentbridge track SCENARIO --observed FILE.csv [--as-of YYYY-MM]\n"
    "                        [--out DIR] [--replications N] [--seed S]\n"
    "                        [--set KEY=VALUE]... [--force] [--quiet]\n"
    "\n"
    "The pilot's citizens (FILE.csv, the observed-data format of\n"
    "docs/tracking.md, checked like a scenario: FILE:LINE: column: message,\n"
    "exit 3, nothing written) against the scenario's forecast.  Writes\n"
    "results/<name>-track/ (or DIR): observed.csv and fan charts (the\n"
    "measures observed so far against the forecast's 95 % band), rates.csv\n"
    "(each monthly rate the data inform, updated from the scenario's value\n"
    "by a beta-binomial update), calibrated.cfg (the scenario with the\n"
    "updated rates), report.html and workbook.xlsx.\n"
    "\n"
    "  --observed FILE     the pilot's citizens (required)\n"
    "  --as-of YYYY-MM     the last month that counts (default: the file's)\n"
    "  --out DIR           results folder\n"
    "  --replications N    the forecast's (default: the scenario's)\n"
    "  --seed S            the forecast's (default: the scenario's)\n"
    "  --set KEY=VALUE     override a scenario key first\n"
    "  --force             replace an earlier results folder\n"
    "  --quiet             say nothing but errors\n";

enum { OPT_OBSERVED = RB_RUNOPT_EXTRA_VAL, OPT_AS_OF };

static const struct option track_opts[] = {
    {"observed", required_argument, NULL, OPT_OBSERVED},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {NULL, 0, NULL, 0}};

static int track_option(void *ctx, int opt, const char *arg, const char *word) {
  rb_track_opts *t = ctx;
  if (arg == NULL) {
    return rb_runopt_unknown("track", word);
  }
  if (opt == OPT_OBSERVED) {
    t->observed = arg;
  } else {
    t->as_of = arg;
  }
  return -1;
}

static const rb_runopt_extra track_extra = {track_opts, track_option};

int rb_cmd_track(int argc, char **argv) {
  rb_runopt_opts o;
  rb_scenario *sc = NULL;
  rb_track_opts t = {0};
  int rc =
      rb_runopt_start(&o, &sc, "track", help, argc, argv, &track_extra, &t);
  if (rc < 0 && t.observed == NULL) {
    rc = rb_cli_usage_error("track", "--observed FILE is required");
  }
  char dir[4096];
  if (rc < 0) {
    rc = rb_runopt_dir(dir, sizeof dir, &o, "track", sc->info.name, "-track");
  }
  if (rc < 0) {
    t.replications = sc->info.replications;
    t.seed = sc->info.seed;
    t.sets = o.sets;
    t.n_sets = o.n_sets;
    rb_diag d;
    rb_diag_init(&d);
    rb_runopt_ran(&o, 1, t.seed, t.replications);
    rb_status st = rb_track_dir_write(dir, o.force, sc, &t, &o.meta, &d);
    rb_runopt_written();
    rb_runopt_diag_done(&d);
    if (st == RB_EINVALID) {
      fprintf(stderr, "rentbridge track: nothing written: the problems "
                      "above\n");
      rc = rb_status_exit_code(st);
    } else {
      rc = st == RB_OK ? rb_runopt_finish(&o, "track", st, false, RB_CHART_NONE,
                                          NULL, dir)
                       : rb_runopt_failed("track", st);
    }
  }
  rb_scenario_free(sc);
  rb_runopt_free(&o);
  return rc;
}
