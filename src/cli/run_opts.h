/**
 * @file run_opts.h
 * @brief Options and steps shared by `rentbridge run`, `sweep` and
 * `tornado`: each parses the same options, loads a scenario, fills a
 * manifest, may show a progress bar, writes a results folder and tells
 * where it went.
 */
#ifndef RENTBRIDGE_RUN_OPTS_H
#define RENTBRIDGE_RUN_OPTS_H

#include "cli.h"
#include "rentbridge/decision.h"
#include "rentbridge/folder.h"
#include "rentbridge/output.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** The options every command that writes a results folder from several
 * runs (sweep, tornado, waivers) lists last in its help. */
#define RB_RUNOPT_HELP_OPTIONS                                                 \
  "  --out DIR           results folder\n"                                     \
  "  --replications N    1 to 1,000,000 (default: the scenario's)\n"           \
  "  --seed S            0 to 2^63-1 (default: the scenario's)\n"              \
  "  --threads T         1 to 1024 (default: all cores)\n"                     \
  "  --max-memory SIZE   the memory a run may take, in MiB or with G for\n"    \
  "                      GiB (default 4G); a larger run is refused\n"          \
  "  --set KEY=VALUE     override a scenario key first\n"                      \
  "  --params FILE.csv   apply the value, low and high columns of a run's\n"   \
  "                      parameters.csv edited in Excel or LibreOffice\n"      \
  "                      (before the --set)\n"                                 \
  "  --force             replace an earlier results folder\n"                  \
  "  --quiet             no summary, no progress bar\n"

/** The options the commands share, and what they keep while they run. */
typedef struct rb_runopt_opts {
  const char *path;  /**< the scenario file */
  const char *out;   /**< --out, or NULL */
  const char **sets; /**< the user's --set, then --replications and --seed */
  int n_sets;
  const char *params; /**< --params, or NULL */
  int threads;        /**< --threads, 0 = all cores */
  size_t max_memory;  /**< --max-memory in bytes, 0 = the engine's default */
  bool force, quiet;
  char reps_set[64], seed_set[64];
  int bar_last;     /**< the progress bar's last percentage shown */
  char *cmdline;    /**< the whole command line, for the manifest */
  rb_run_meta meta; /**< the manifest's facts, filled as the command runs */
} rb_runopt_opts;

/** The first getopt_long val a command may give its own options (the
 * common ones take smaller ones). */
#define RB_RUNOPT_EXTRA_VAL 512

/** A command's own options, besides the common ones. */
typedef struct rb_runopt_extra {
  const struct option *opts; /**< getopt_long entries, vals from
                                RB_RUNOPT_EXTRA_VAL, ending in a zero entry */
  rb_cli_take take;          /**< takes them (RB_CLI_UNKNOWN and operands
                                never reach it) */
} rb_runopt_extra;

/**
 * Start a command: parse its command line (argv[0] the command's name) of
 * common options, the command's own ones (@p extra, which may be NULL,
 * taking them with @p ctx) and one scenario file
 * (--replications and --seed become sets after the user's --set); then,
 * when @p sc is not NULL, load the scenario into *sc; then start the
 * manifest (start time, command, command line, scenario file).
 * Release @p o with rb_runopt_free() in every case.
 * @return −1 to go on, or the exit status to return (0 after --help, which
 *         prints @p help; 2 after a usage error, 3 or 4 when the scenario
 *         does not load, all already printed; 70 when out of memory).
 */
int rb_runopt_start(rb_runopt_opts *o, rb_scenario **sc, const char *cmd,
                    const char *help, int argc, char **argv,
                    const rb_runopt_extra *extra, void *ctx);

/** A usage error for an unknown option or an option without its value,
 * @p word as given.
 * @return the exit status of RB_EUSAGE. */
int rb_runopt_unknown(const char *cmd, const char *word);

/** Release what rb_runopt_start() took. */
void rb_runopt_free(rb_runopt_opts *o);

/** Record in the manifest how the command ran. */
void rb_runopt_ran(rb_runopt_opts *o, int threads, uint64_t seed,
                   int replications);

/** Is a progress bar wanted (stderr a terminal, no --quiet)?  Then it starts
 * afresh, with rb_runopt_opts.bar_last as its context. */
bool rb_runopt_bar(rb_runopt_opts *o);

/** A progress bar on stderr (when it is a terminal and not --quiet). */
void rb_runopt_progress(void *ctx, int run, int runs, int done, int total);

/**
 * The results folder, --out or "results/<name><suffix>", checked before the
 * work starts (rentbridge/folder.h's rb_results_dir_check(): its name, its
 * parent, what stands there) and written to @p buf without trailing
 * slashes.  Prints why it cannot be written.
 * @return −1 to go on, or the exit status (4) to stop with.
 */
int rb_runopt_dir(char *buf, size_t n, const rb_runopt_opts *o, const char *cmd,
                  const char *name, const char *suffix);

/** After a results folder's writer returned: when an interrupt (SIGINT,
 * SIGTERM, SIGHUP) came while it wrote (it has removed its temporary
 * folder), end the process with that signal. */
void rb_runopt_written(void);

/** The options of a tornado or the waivers' runs from the command line's:
 * threads, memory limit, @p why for the reasons of a refusal, and the
 * progress bar when one is wanted. */
void rb_runopt_decision_opts(rb_tornado_opts *to, rb_runopt_opts *o,
                             rb_diag *why);

/**
 * Print a command's failure ("rentbridge CMD: <status>") to stderr.
 * @return the exit status for @p st.
 */
int rb_runopt_failed(const char *cmd, rb_status st);

/** Print every diagnostic line of @p d to stderr, then free it. */
void rb_runopt_diag_done(rb_diag *d);

/** What a command says when gnuplot is missing and its charts are not
 * drawn: a line for stdout (Danish and English) and one for stderr. */
typedef struct rb_runopt_gnuplot_note {
  const char *da, *en, *err;
} rb_runopt_gnuplot_note;

/**
 * Close a command whose folder @p dir was written with status @p st (the
 * command has printed its own summary before): unless --quiet, the note on
 * a missing gnuplot and the folder on stdout; with --quiet only the note,
 * on stderr.  Nothing when @p st is not RB_OK.
 * @param note may be NULL when @p chart cannot be RB_CHART_NO_GNUPLOT.
 * @return the exit status for @p st.
 */
int rb_runopt_finish(const rb_runopt_opts *o, const char *cmd, rb_status st,
                     bool da, rb_chart_state chart,
                     const rb_runopt_gnuplot_note *note, const char *dir);

#endif
