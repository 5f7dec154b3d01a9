/* Placeholder until the check command is built; replaced by its owner. */
#include "cli.h"

int rb_cmd_check(int argc, char **argv) {
  (void)argc;
  (void)argv;
  return rb_cli_usage_error("check", "not built yet");
}
