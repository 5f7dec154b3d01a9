/* rentbridge check SCENARIO [--set KEY=VALUE]...: validate a scenario. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char check_usage[] =
    "usage: rentbridge check SCENARIO [--params FILE.csv] [--set "
    "KEY=VALUE]...\n"
    "\n"
    "Validate a scenario file and its rules file.  Prints nothing and exits\n"
    "0 when all is well; otherwise lists every problem on standard error,\n"
    "each as FILE:LINE: KEY: message, and exits 3.  Writes nothing.\n"
    "\n"
    "options:\n"
    "  --set KEY=VALUE  override or add a scenario key by its libconfig path\n"
    "                   (--set subsidy.cap=2500, --set groups.[0].size=60);\n"
    "                   VALUE is a libconfig literal, a bare word a string;\n"
    "                   may be given many times; a list's entries by\n"
    "                   position or name (costs.shelter_110.per_day)\n"
    "  --params FILE    a run's parameters.csv, edited in a spreadsheet:\n"
    "                   its value, low and high columns are applied\n"
    "                   (before the --set)\n"
    "  -h, --help       this help\n"
    "\n"
    "exit status: 0 valid, 2 usage error, 3 invalid scenario or rules file,\n"
    "4 the scenario file cannot be read.\n";

/* The command line: the scenario and its --set overrides. */
typedef struct check_args {
  const char *path;
  const char **sets;
  int n_sets;
  const char *params;
} check_args;

static const struct option check_opts[] = {
    {"set", required_argument, NULL, 's'},
    {"params", required_argument, NULL, 'p'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* Take one item of the command line (rb_cli_take). */
static int check_take(void *ctx, int opt, const char *arg, const char *word) {
  check_args *c = ctx;
  switch (opt) {
  case 'h':
    fputs(check_usage, stdout);
    return rb_status_exit_code(RB_OK);
  case 's':
    if (arg == NULL) {
      return rb_cli_usage_error("check", "--set needs KEY=VALUE");
    }
    c->sets[c->n_sets++] = arg;
    return -1;
  case 'p':
    if (arg == NULL || c->params != NULL) {
      return rb_cli_usage_error("check", "--params needs one FILE");
    }
    c->params = arg;
    return -1;
  case RB_CLI_OPERAND:
    if (c->path != NULL) {
      return rb_cli_usage_error("check", "one scenario only (got '%s' too)",
                                arg);
    }
    c->path = arg;
    return -1;
  default:
    return rb_cli_usage_error("check", "unknown option '%s'", word);
  }
}

int rb_cmd_check(int argc, char **argv) {
  if (rb_cli_help_asked(argc, argv)) {
    fputs(check_usage, stdout);
    return rb_status_exit_code(RB_OK);
  }
  check_args c = {NULL, calloc((size_t)argc, sizeof *c.sets), 0, NULL};
  if (c.sets == NULL) {
    fprintf(stderr, "rentbridge check: out of memory\n");
    return rb_status_exit_code(RB_ENOMEM);
  }
  int rc = rb_cli_getopt(argc, argv, check_opts, check_take, &c);
  if (rc < 0 && c.path == NULL) {
    rc = rb_cli_usage_error("check", "missing SCENARIO");
  }
  if (rc < 0) {
    rb_scenario *sc = NULL;
    rc = rb_cli_load(&sc, c.path, c.sets, c.n_sets, c.params);
    rb_scenario_free(sc);
  }
  free(c.sets);
  return rc;
}
