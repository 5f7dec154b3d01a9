/* Placeholder until the subsidy command is built; replaced by its owner. */
#include "cli.h"

int rb_cmd_subsidy(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return rb_cli_usage_error("subsidy", "not built yet");
}
