/**
 * @file run_opts.h
 * @brief Options shared by `rentbridge run`, `sweep` and `tornado`.
 */
#ifndef RENTBRIDGE_RUN_OPTS_H
#define RENTBRIDGE_RUN_OPTS_H

#include <stdbool.h>
#include <stddef.h>

#include <stdbool.h>

/** The options both commands take. */
typedef struct rb_runopt_opts {
  const char *path;  /**< the scenario file */
  const char *out;   /**< --out, or NULL */
  const char **sets; /**< the user's --set, then --replications and --seed */
  int n_sets;
  int threads; /**< --threads, 0 = all cores */
  bool force, quiet;
  char reps_set[64], seed_set[64];
} rb_runopt_opts;

/**
 * Take one common option at argv[*i] (advancing *i past its value).
 * @return 1 when taken, 0 when it is not a common option, or an exit status
 *         + 100 (102 = usage error, already printed; 100 = --help asked).
 */
int rb_runopt_option(rb_runopt_opts *o, const char *cmd, int argc, char **argv,
                     int *i);

/**
 * Parse a whole command line of common options and one scenario file, then
 * append --replications and --seed to the sets (after the user's --set).
 * @return −1 to go on, or the exit status to return (0 after --help, which
 *         prints @p help; 2 after a usage error, already printed).
 */
int rb_runopt_parse(rb_runopt_opts *o, const char *cmd, const char *help,
                    int argc, char **argv);

/** The command line as one string for the manifest. */
void rb_runopt_cmdline(char *buf, size_t n, const char *cmd, int argc,
                       char **argv);

/** A progress bar on stderr (when it is a terminal and not --quiet). */
void rb_runopt_progress(void *ctx, int run, int runs, int done, int total);

#endif
