/* Placeholder until the sweep command is built; replaced by its owner. */
#include "cli.h"

int rb_cmd_sweep(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return rb_cli_usage_error("sweep", "not built yet");
}
