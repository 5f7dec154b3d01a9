#include "cli.h"

#include <stdarg.h>
#include <string.h>

void rb_cli_print_diag(const rb_diag *d) {
  for (size_t i = 0; i < d->n; i++) {
    fprintf(stderr, "%s\n", d->msgs[i]);
  }
}

int rb_cli_load(rb_scenario **out, const char *path, const char *const *sets,
                int n_sets, const char *params) {
  rb_diag d;
  rb_diag_init(&d);
  rb_load_opts opts = {sets, n_sets, params};
  rb_status st = rb_scenario_load(out, path, &opts, &d);
  rb_diag note;
  rb_diag_init(&note);
  /* A fragment (kommune.cfg, common/…): one line naming its scenarios
   * instead of every key it lacks. */
  bool fragment = st == RB_EINVALID && rb_scenario_fragment_note(path, &note);
  rb_cli_print_diag(fragment ? &note : &d);
  rb_diag_free(&note);
  if (st != RB_OK && d.n == 0) {
    fprintf(stderr, "%s: %s\n", path, rb_status_str(st));
  }
  rb_diag_free(&d);
  return rb_status_exit_code(st);
}

int rb_cli_is_help(const char *arg) {
  return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

bool rb_cli_help_asked(int argc, char **argv) {
  for (int i = 1; i < argc; i++) {
    if (rb_cli_is_help(argv[i])) {
      return true;
    }
  }
  return false;
}

/* Is @p word "--NAME" or "--NAME=…", not an abbreviation of NAME? */
static bool whole_name(const char *word, const char *name) {
  const size_t n = strlen(name);
  return strncmp(word, "--", 2) == 0 && strncmp(word + 2, name, n) == 0 &&
         (word[2 + n] == '\0' || word[2 + n] == '=');
}

int rb_cli_getopt(int argc, char **argv, const struct option *opts,
                  rb_cli_take take, void *ctx) {
  /* "-": operands in order; ":": a missing value is told apart. */
  static const char shortopts[] = "-:h";
  opterr = 0;
  optind = 0; /* glibc: start afresh */
  for (;;) {
    const int at = optind > 0 ? optind : 1;
    int li = -1;
    const int c = getopt_long(argc, argv, shortopts, opts, &li);
    if (c == -1) {
      break;
    }
    int opt = c == ':' ? optopt : c;
    const char *arg = c == ':' || c == '?' ? NULL : optarg;
    if (li >= 0 && !whole_name(argv[at], opts[li].name)) {
      opt = RB_CLI_UNKNOWN; /* an abbreviation */
      arg = NULL;
    }
    const int rc = take(ctx, opt, arg, argv[at]);
    if (rc >= 0) {
      return rc;
    }
  }
  for (int i = optind; i < argc; i++) {
    const int rc = take(ctx, RB_CLI_OPERAND, argv[i], argv[i]);
    if (rc >= 0) {
      return rc;
    }
  }
  return -1;
}

int rb_cli_usage_error(const char *cmd, const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "rentbridge %s: ", cmd);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fprintf(stderr, "\n(see 'rentbridge %s --help')\n", cmd);
  return rb_status_exit_code(RB_EUSAGE);
}
