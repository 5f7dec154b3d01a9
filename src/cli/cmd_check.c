/* rentbridge check SCENARIO [--set KEY=VALUE]...: validate a scenario. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char check_usage[] =
    "usage: rentbridge check SCENARIO [--set KEY=VALUE]...\n"
    "\n"
    "Validate a scenario file and its rules file.  Prints nothing and exits\n"
    "0 when all is well; otherwise lists every problem on standard error,\n"
    "each as FILE:LINE: KEY: message, and exits 3.  Writes nothing.\n"
    "\n"
    "options:\n"
    "  --set KEY=VALUE  override or add a scenario key by its libconfig path\n"
    "                   (--set subsidy.cap=2500, --set groups.[0].size=60);\n"
    "                   VALUE is a libconfig literal, a bare word a string;\n"
    "                   may be given many times\n"
    "  -h, --help       this help\n"
    "\n"
    "exit status: 0 valid, 2 usage error, 3 invalid scenario or rules file,\n"
    "4 the scenario file cannot be read.\n";

int rb_cmd_check(int argc, char **argv) {
  const char *path = NULL;
  const char **sets = NULL;
  int n_sets = 0;
  int rc = 0;
  if (argc > 0) {
    sets = malloc((size_t)argc * sizeof *sets);
    if (sets == NULL) {
      fprintf(stderr, "rentbridge check: out of memory\n");
      return 70;
    }
  }
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (rb_cli_is_help(a)) {
      fputs(check_usage, stdout);
      free(sets);
      return 0;
    }
  }
  for (int i = 0; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--set") == 0) {
      if (i + 1 >= argc) {
        rc = rb_cli_usage_error("check", "--set needs KEY=VALUE");
        goto done;
      }
      sets[n_sets++] = argv[++i];
    } else if (strncmp(a, "--set=", 6) == 0) {
      sets[n_sets++] = a + 6;
    } else if (a[0] == '-' && a[1] != '\0') {
      rc = rb_cli_usage_error("check", "unknown option '%s'", a);
      goto done;
    } else if (path == NULL) {
      path = a;
    } else {
      rc = rb_cli_usage_error("check", "one scenario only (got '%s' too)", a);
      goto done;
    }
  }
  if (path == NULL) {
    rc = rb_cli_usage_error("check", "missing SCENARIO");
    goto done;
  }
  rb_scenario *sc = NULL;
  rc = rb_cli_load(&sc, path, sets, n_sets);
  rb_scenario_free(sc);
done:
  free(sets);
  return rc;
}
