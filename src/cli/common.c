#include "cli.h"

#include <stdarg.h>
#include <string.h>

void rb_cli_print_diag(const rb_diag *d) {
  for (size_t i = 0; i < d->n; i++) {
    fprintf(stderr, "%s\n", d->msgs[i]);
  }
}

int rb_cli_load(rb_scenario **out, const char *path, const char *const *sets,
                int n_sets) {
  rb_diag d;
  rb_diag_init(&d);
  rb_load_opts opts = {sets, n_sets};
  rb_status st = rb_scenario_load(out, path, &opts, &d);
  rb_cli_print_diag(&d);
  if (st != RB_OK && d.n == 0) {
    fprintf(stderr, "%s: %s\n", path, rb_status_str(st));
  }
  rb_diag_free(&d);
  return rb_status_exit_code(st);
}

int rb_cli_is_help(const char *arg) {
  return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

int rb_cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "rentbridge %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n(see 'rentbridge %s --help')\n", cmd);
  return 2;
}
