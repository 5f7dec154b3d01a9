/* Placeholder until the run command is built; replaced by its owner. */
#include "cli.h"

int rb_cmd_run(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return rb_cli_usage_error("run", "not built yet");
}
