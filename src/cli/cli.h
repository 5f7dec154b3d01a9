/**
 * @file cli.h
 * @brief The commands of the rentbridge program.  Only src/cli/ prints to
 * the terminal or ends the process.
 *
 * Each command takes the arguments after its name and returns a process exit
 * status (0 ok, 2 usage, 3 invalid scenario, 4 input/output, 70 internal).
 */
#ifndef RENTBRIDGE_CLI_H
#define RENTBRIDGE_CLI_H

#include "rentbridge/scenario.h"

#include <stdio.h>

int rb_cmd_check(int argc, char **argv);
int rb_cmd_subsidy(int argc, char **argv);
int rb_cmd_run(int argc, char **argv);
int rb_cmd_sweep(int argc, char **argv);
int rb_cmd_tornado(int argc, char **argv);

/** Print every diagnostic line to stderr. */
void rb_cli_print_diag(const rb_diag *d);

/**
 * Load a scenario for a command: prints every problem to stderr and returns
 * the exit status (0 on success, then *out is set).
 */
int rb_cli_load(rb_scenario **out, const char *path, const char *const *sets,
                int n_sets);

/** Is @p arg equal to "--help" or "-h"? */
int rb_cli_is_help(const char *arg);

/** Print a usage error to stderr ("rentbridge CMD: message") and return 2. */
int rb_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
