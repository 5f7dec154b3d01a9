/* Placeholder until the tornado command is built; replaced by its owner. */
#include "cli.h"

int rb_cmd_tornado(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return rb_cli_usage_error("tornado", "not built yet");
}
