/* rentbridge waivers: the price of each waiver of each arm's scheme
 * (issue 11; docs/decision-tools.md, "Waivers"). */
#include "cli.h"
#include "rentbridge/decision.h"
#include "rentbridge/folder.h"
#include "rentbridge/output.h"
#include "run_opts.h"

#include <stdlib.h>

static const char help[] =
    "usage: rentbridge waivers SCENARIO [--out DIR] [--replications N]\n"
    "                          [--seed S] [--threads T] [--set KEY=VALUE]...\n"
    "                          [--force] [--quiet] [--max-memory SIZE]\n"
    "\n"
    "The price of each waiver: the run as the scenario has it, then for\n"
    "every arm whose scheme offers a subsidy and every waiver it grants\n"
    "(offset, boligsikring_actual_rent, kontanthjaelpsloft,\n"
    "delebolig_two_tenants) the same run (seed, common random numbers)\n"
    "with that one waiver off.  The price is what the arm's saving against\n"
    "the reference loses, per perspective, with the change in move-ins.  A\n"
    "waiver of an abolished rule (the kontanthjælpsloft since 1.7.2025) is\n"
    "listed without a run.  delebolig_two_tenants gives boligsikring to each\n"
    "of two tenants of a shared flat (boligstøtteloven § 24 i as for three):\n"
    "it changes only shared flats of two tenants, so in a scenario without\n"
    "them its price is 0.  Writes\n"
    "results/<name>-waivers/ (or DIR): the run's results folder (its report\n"
    "and workbook with the waivers' table), waivers.csv, waivers.json and\n"
    "summary.txt.\n"
    "\n" RB_RUNOPT_HELP_OPTIONS;

static const rb_runopt_gnuplot_note gnuplot_note = {
    "(gnuplot findes ikke: diagrammerne er ikke tegnet; .gp-filerne er gemt)",
    "(gnuplot is not installed: no charts drawn; the .gp files are kept)",
    "gnuplot is not installed: no charts drawn (the .gp files are kept)"};

int rb_cmd_waivers(int argc, char **argv) {
  rb_runopt_opts o;
  rb_scenario *sc = NULL;
  int rc = rb_runopt_start(&o, &sc, "waivers", help, argc, argv, NULL, NULL);
  if (rc >= 0) {
    goto done;
  }
  char dir[4096];
  rc = rb_runopt_dir(dir, sizeof dir, &o, "waivers", sc->info.name, "-waivers");
  if (rc >= 0) {
    goto done;
  }
  rb_tornado_opts to;
  rb_diag why;
  rb_runopt_decision_opts(&to, &o, &why);
  rb_waivers w;
  rb_status st = rb_waivers_run(&w, sc, &to);
  rb_runopt_diag_done(&why);
  if (st != RB_OK) {
    rc = rb_runopt_failed("waivers", st);
    goto done;
  }
  rb_runopt_ran(&o, w.threads, w.seed, w.replications);
  rb_diag d;
  rb_diag_init(&d);
  st = rb_waivers_dir_write(dir, o.force, &w, sc, &o.meta, &d);
  rb_runopt_written();
  rb_runopt_diag_done(&d);
  if (st == RB_OK && !o.quiet) {
    char *text = NULL;
    if (rb_waivers_summary(&text, &w, sc) == RB_OK) {
      fputs(text, stdout);
    }
    free(text);
  }
  rc = rb_runopt_finish(&o, "waivers", st, sc->info.language == RB_LANG_DA,
                        RB_CHART_NONE, &gnuplot_note, dir);
  rb_waivers_free(&w);
done:
  rb_scenario_free(sc);
  rb_runopt_free(&o);
  return rc;
}
