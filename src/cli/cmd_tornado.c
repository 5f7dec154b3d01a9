/* rentbridge tornado: one-way sensitivity over every value with low/high. */
#include "cli.h"
#include "rentbridge/decision.h"
#include "rentbridge/folder.h"
#include "rentbridge/output.h"
#include "run_opts.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: rentbridge tornado SCENARIO [--out DIR] [--replications N]\n"
    "                          [--seed S] [--threads T] [--set KEY=VALUE]...\n"
    "                          [--force] [--quiet] [--max-memory SIZE]\n"
    "\n"
    "One-way sensitivity: every value with low/high is set to its low and to\n"
    "its high, one at a time, the rest at their value (stochastic mode, the\n"
    "scenario's seed and replications).  Writes results/<name>-tornado/ (or\n"
    "DIR): tornado.csv, tornado.json, a tornado chart per perspective\n"
    "(tornado-<perspective>.svg, with gnuplot) and summary.txt, which names\n"
    "the values whose range flips the sign of the saving (what must be\n"
    "true for the scheme to pay off), and the tornado's own report.html\n"
    "and workbook.xlsx.\n"
    "\n" RB_RUNOPT_HELP_OPTIONS;

static const rb_runopt_gnuplot_note gnuplot_note = {
    "(gnuplot findes ikke: diagrammerne er ikke tegnet; .gp-filerne er gemt)",
    "(gnuplot is not installed: no charts drawn; the .gp files are kept)",
    "gnuplot is not installed: no charts drawn (the .gp files are kept)"};

int rb_cmd_tornado(int argc, char **argv) {
  rb_runopt_opts o;
  rb_scenario *sc = NULL;
  int rc = rb_runopt_start(&o, &sc, "tornado", help, argc, argv, NULL, NULL);
  if (rc >= 0) {
    goto done;
  }
  char dir[4096];
  rc = rb_runopt_dir(dir, sizeof dir, &o, "tornado", sc->info.name, "-tornado");
  if (rc >= 0) {
    goto done;
  }
  rb_tornado_opts to;
  rb_diag why;
  rb_runopt_decision_opts(&to, &o, &why);
  rb_tornado t;
  rb_status st = rb_tornado_run(&t, sc, &to);
  rb_runopt_diag_done(&why);
  if (st != RB_OK) {
    rc = rb_runopt_failed("tornado", st);
    goto done;
  }
  rb_runopt_ran(&o, t.threads, t.seed, t.replications);
  rb_chart_state chart = RB_CHART_NONE;
  rb_diag d;
  rb_diag_init(&d);
  st = rb_tornado_dir_write(&chart, dir, o.force, &t, sc, &o.meta, &d);
  rb_runopt_written();
  rb_runopt_diag_done(&d);
  if (st == RB_OK && !o.quiet) {
    char *text = NULL;
    if (rb_tornado_summary(&text, &t, sc) == RB_OK) {
      fputs(text, stdout);
    }
    free(text);
    /* What the shared runs saved (rb_engine_saving_shared). */
    const long all = (1L + 2L * t.n) * sc->n_groups;
    printf(sc->info.language == RB_LANG_DA
               ? "(%ld af %ld gruppekørsler simuleret: en bjælke regner kun "
                 "de grupper om, som dens værdi når)\n"
               : "(%ld of %ld group runs simulated: a bar reruns only the "
                 "groups its value reaches)\n",
           t.groups_run, all);
  }
  rc = rb_runopt_finish(&o, "tornado", st, sc->info.language == RB_LANG_DA,
                        chart, &gnuplot_note, dir);
  rb_tornado_free(&t);
done:
  rb_scenario_free(sc);
  rb_runopt_free(&o);
  return rc;
}
