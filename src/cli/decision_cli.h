/**
 * @file decision_cli.h
 * @brief Options shared by `rentbridge sweep` and `rentbridge tornado`.
 */
#ifndef RENTBRIDGE_DECISION_CLI_H
#define RENTBRIDGE_DECISION_CLI_H

#include "rentbridge/decision.h"

#include <stdbool.h>

/** The options both commands take. */
typedef struct rb_dcli_opts {
  const char *path;  /**< the scenario file */
  const char *out;   /**< --out, or NULL */
  const char **sets; /**< the user's --set, then --replications and --seed */
  int n_sets;
  int threads; /**< --threads, 0 = all cores */
  bool force, quiet;
  char reps_set[64], seed_set[64];
} rb_dcli_opts;

/**
 * Take one common option at argv[*i] (advancing *i past its value).
 * @return 1 when taken, 0 when it is not a common option, or an exit status
 *         + 100 (102 = usage error, already printed; 100 = --help asked).
 */
int rb_dcli_option(rb_dcli_opts *o, const char *cmd, int argc, char **argv,
                   int *i);

/** The command line as one string for the manifest. */
void rb_dcli_cmdline(char *buf, size_t n, const char *cmd, int argc,
                     char **argv);

/** A progress bar on stderr (when it is a terminal and not --quiet). */
void rb_dcli_progress(void *ctx, int run, int runs, int done, int total);

#endif
