/**
 * @file cli.h
 * @brief The commands of the rentbridge program.  Only src/cli/ prints to
 * the terminal or ends the process.
 *
 * Each command takes its name (argv[0]) and the arguments after it, and
 * returns a process exit status: rb_status_exit_code() of what happened (0
 * ok, 2 usage, 3 invalid scenario, 4 input/output, 70 internal).
 */
#ifndef RENTBRIDGE_CLI_H
#define RENTBRIDGE_CLI_H

#include "rentbridge/scenario.h"

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

int rb_cmd_check(int argc, char **argv);
int rb_cmd_subsidy(int argc, char **argv);
int rb_cmd_run(int argc, char **argv);
int rb_cmd_sweep(int argc, char **argv);
int rb_cmd_tornado(int argc, char **argv);
int rb_cmd_waivers(int argc, char **argv);
int rb_cmd_simulate_pilot(int argc, char **argv);
int rb_cmd_track(int argc, char **argv);
int rb_cmd_new(int argc, char **argv);
int rb_cmd_serve(int argc, char **argv);

/** Print every diagnostic line to stderr. */
void rb_cli_print_diag(const rb_diag *d);

/**
 * Load a scenario for a command, with a parameters file @p params
 * (--params) when not NULL: prints every problem to stderr and returns
 * the exit status (0 on success, then *out is set).
 */
int rb_cli_load(rb_scenario **out, const char *path, const char *const *sets,
                int n_sets, const char *params);

/** Is @p arg equal to "--help" or "-h"? */
int rb_cli_is_help(const char *arg);

/** Is any of argv[1 … argc − 1] "--help" or "-h"?  (For the commands
 * whose help wins over every other argument.) */
bool rb_cli_help_asked(int argc, char **argv);

/** What rb_cli_getopt() hands on for an operand (a word that is not an
 * option, such as the scenario file). */
#define RB_CLI_OPERAND 1
/** What rb_cli_getopt() hands on for an unknown or ambiguous option, or
 * a value given to an option that takes none. */
#define RB_CLI_UNKNOWN '?'

/**
 * Take one item of a command line.
 * @param opt the option's val, RB_CLI_OPERAND or RB_CLI_UNKNOWN.
 * @param arg the option's value (NULL when it takes none, or when its value
 *            is missing at the end of the line), or the operand.
 * @param word the command-line word it came from, for messages.
 * @return −1 to go on, or the exit status to stop with.
 */
typedef int (*rb_cli_take)(void *ctx, int opt, const char *arg,
                           const char *word);

/**
 * Parse a command line with getopt_long, in the order given (operands where
 * they stand, whatever POSIXLY_CORRECT says): "--name VALUE" and
 * "--name=VALUE" alike, "-h" as the val 'h' (help), and every word after
 * "--" an operand.  An option is its whole name: an abbreviation is
 * unknown, so that a new option never changes what an old command line
 * means.
 * @param argv argv[0] the command's name, then its arguments.
 * @param opts getopt_long's table, ending in a zero entry; no val may be
 *             RB_CLI_OPERAND, RB_CLI_UNKNOWN or ':'.
 * @return −1 when every item was taken, else the exit status @p take
 *         stopped with.
 */
int rb_cli_getopt(int argc, char **argv, const struct option *opts,
                  rb_cli_take take, void *ctx);

/** Print a usage error to stderr ("rentbridge CMD: message" and where to
 * find help) and return the exit status of RB_EUSAGE. */
int rb_cli_usage_error(const char *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
