/* rentbridge tornado: one-way sensitivity over every value with low/high. */
#include "cli.h"
#include "rentbridge/decision.h"
#include "rentbridge/output.h"
#include "run_opts.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "usage: rentbridge tornado SCENARIO [--out DIR] [--replications N]\n"
    "                          [--seed S] [--threads T] [--set KEY=VALUE]...\n"
    "                          [--force] [--quiet]\n"
    "\n"
    "One-way sensitivity: every value with low/high is set to its low and to\n"
    "its high, one at a time, the rest at their value (stochastic mode, the\n"
    "scenario's seed and replications).  Writes results/<name>-tornado/ (or\n"
    "DIR): tornado.csv, tornado.json, a tornado chart per perspective\n"
    "(tornado-<perspective>.svg, with gnuplot) and summary.txt, which names\n"
    "the values whose range flips the sign of the saving (what must be\n"
    "true for the scheme to pay off), and the tornado's own report.html\n"
    "and workbook.xlsx.\n"
    "\n"
    "  --out DIR           results folder\n"
    "  --replications N    1 to 1,000,000 (default: the scenario's)\n"
    "  --seed S            0 to 2^63-1 (default: the scenario's)\n"
    "  --threads T         1 to 1024 (default: all cores)\n"
    "  --set KEY=VALUE     override a scenario key first\n"
    "  --force             replace an earlier results folder\n"
    "  --quiet             no summary, no progress bar\n";

int rb_cmd_tornado(int argc, char **argv) {
  rb_runopt_opts o;
  memset(&o, 0, sizeof o);
  o.sets = calloc((size_t)argc + 3, sizeof *o.sets);
  if (o.sets == NULL) {
    return 70;
  }
  int rc = rb_runopt_parse(&o, "tornado", help, argc, argv);
  if (rc >= 0) {
    goto done;
  }
  {
    rb_scenario *sc = NULL;
    rc = rb_cli_load(&sc, o.path, o.sets, o.n_sets);
    if (rc != 0) {
      goto done;
    }
    rb_run_meta meta;
    memset(&meta, 0, sizeof meta);
    rb_now_iso(meta.start_time);
    char cmdline[8192];
    rb_runopt_cmdline(cmdline, sizeof cmdline, "tornado", argc, argv);
    meta.command_line = cmdline;
    meta.command = "tornado";
    meta.scenario_path = o.path;
    int last = -1;
    rb_tornado_opts to = {0};
    to.threads = o.threads;
    if (!o.quiet && isatty(STDERR_FILENO)) {
      to.progress = rb_runopt_progress;
      to.progress_ctx = &last;
    }
    rb_tornado t;
    rb_status st = rb_tornado_run(&t, sc, &to);
    if (st != RB_OK) {
      fprintf(stderr, "rentbridge tornado: %s\n", rb_status_str(st));
      rb_scenario_free(sc);
      rc = rb_status_exit_code(st);
      goto done;
    }
    meta.threads = t.threads;
    meta.seed = t.seed;
    meta.replications = t.replications;
    char dir[4096];
    if (o.out != NULL) {
      snprintf(dir, sizeof dir, "%s", o.out);
    } else {
      snprintf(dir, sizeof dir, "results/%s-tornado", sc->info.name);
    }
    rb_chart_state chart = RB_CHART_NONE;
    rb_diag d;
    rb_diag_init(&d);
    st = rb_tornado_dir_write(&chart, dir, o.force, &t, sc, &meta, &d);
    rb_cli_print_diag(&d);
    rb_diag_free(&d);
    bool da = sc->info.language == RB_LANG_DA;
    if (st == RB_OK && !o.quiet) {
      char *text = NULL;
      if (rb_tornado_summary(&text, &t, sc) == RB_OK) {
        fputs(text, stdout);
      }
      free(text);
      if (chart == RB_CHART_NO_GNUPLOT) {
        printf(da ? "(gnuplot findes ikke: diagrammerne er ikke tegnet; "
                    ".gp-filerne er gemt)\n"
                  : "(gnuplot is not installed: no charts drawn; the .gp "
                    "files are kept)\n");
      }
      printf(da ? "Resultater: %s/\n" : "Results: %s/\n", dir);
    } else if (st == RB_OK && chart == RB_CHART_NO_GNUPLOT) {
      fprintf(stderr, "rentbridge tornado: gnuplot is not installed: no "
                      "charts drawn (the .gp files are kept)\n");
    }
    rc = rb_status_exit_code(st);
    rb_tornado_free(&t);
    rb_scenario_free(sc);
  }
done:
  free(o.sets);
  return rc;
}
