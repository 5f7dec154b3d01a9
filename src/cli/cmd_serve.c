/* rentbridge serve SCENARIO: the planner's live page (docs/live.md). */
#include "cli.h"
#include "rentbridge/live.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "usage: rentbridge serve SCENARIO [--port P] [--bind ADDR]\n"
    "                        [--replications N] [--lang da|en] [--out DIR]\n"
    "                        [--threads T]\n"
    "\n"
    "Serves a local page (in Danish; --lang en for English) with the\n"
    "scenario's business case and a control for each of the subsidy's terms\n"
    "(cap, period, extensions, the takeover rule, per group where a group\n"
    "has its own) and for every value with low/high, within its range.  Each\n"
    "change re-runs the scenario at N replications and redraws the\n"
    "cumulative saving per perspective with its band, the housed share with\n"
    "and without the scheme, the budget per year and payer, and the\n"
    "headline.  A button runs the whole scenario (its own replications) into\n"
    "results/<name>-live/ (or DIR) and links its report.  The charts use\n"
    "Debian's libjs-chart.js; nothing is loaded from the network.\n"
    "\n"
    "  --port P            0 to 65535 (default 8080; 0: a free port)\n"
    "  --bind ADDR         the address to listen on (default 127.0.0.1, this\n"
    "                      machine only; any other is warned about)\n"
    "  --replications N    of a live computation, 1 to 1,000,000 (default\n"
    "                      50: a change is redrawn in under a second on\n"
    "                      scenarios/network.cfg)\n"
    "  --lang da|en        the page's language (default da)\n"
    "  --out DIR           the full run's results folder\n"
    "  --threads T         1 to 1024 (default: all cores)\n"
    "\n"
    "It prints the page's address and serves until interrupted (Ctrl-C).\n"
    "\n"
    "exit status: 2 usage error, 3 invalid scenario, 4 cannot listen or\n"
    "cannot write the results folder, 70 internal error.\n";

enum { OPT_PORT = 1000, OPT_BIND, OPT_REPS, OPT_LANG, OPT_OUT, OPT_THREADS };

static const struct option serve_opts[] = {
    {"port", required_argument, NULL, OPT_PORT},
    {"bind", required_argument, NULL, OPT_BIND},
    {"replications", required_argument, NULL, OPT_REPS},
    {"lang", required_argument, NULL, OPT_LANG},
    {"out", required_argument, NULL, OPT_OUT},
    {"threads", required_argument, NULL, OPT_THREADS},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* A whole number in [lo, hi] written in decimal; −1 when it is none. */
static long whole(const char *s, long lo, long hi) {
  if (s == NULL || *s < '0' || *s > '9') {
    return -1;
  }
  errno = 0;
  char *end = NULL;
  long v = strtol(s, &end, 10);
  return errno != 0 || *end != '\0' || v < lo || v > hi ? -1 : v;
}

/* A numeric option's value, or a usage error. */
static int number(const char *name, const char *arg, long lo, long hi,
                  int *out) {
  long v = whole(arg, lo, hi);
  if (v < 0) {
    return rb_cli_usage_error("serve", "--%s takes %ld to %ld (got %s)", name,
                              lo, hi, arg != NULL ? arg : "nothing");
  }
  *out = (int)v;
  return -1;
}

static int take(void *ctx, int opt, const char *arg, const char *word) {
  rb_live_opts *o = ctx;
  switch (opt) {
  case 'h':
    fputs(help, stdout);
    return 0;
  case OPT_PORT:
    return number("port", arg, 0, 65535, &o->port);
  case OPT_REPS:
    return number("replications", arg, 1, 1000000, &o->replications);
  case OPT_THREADS:
    return number("threads", arg, 1, 1024, &o->threads);
  case OPT_BIND:
  case OPT_OUT:
    if (arg == NULL || *arg == '\0') {
      return rb_cli_usage_error("serve", "%s needs a value", word);
    }
    *(opt == OPT_BIND ? &o->bind : &o->out) = arg;
    return -1;
  case OPT_LANG:
    if (arg == NULL || (strcmp(arg, "da") != 0 && strcmp(arg, "en") != 0)) {
      return rb_cli_usage_error("serve", "--lang takes da or en (got %s)",
                                arg != NULL ? arg : "nothing");
    }
    o->english = strcmp(arg, "en") == 0;
    return -1;
  case RB_CLI_OPERAND:
    if (o->scenario_path != NULL) {
      return rb_cli_usage_error("serve", "one scenario only (got '%s' too)",
                                arg);
    }
    o->scenario_path = arg;
    return -1;
  default:
    return rb_cli_usage_error("serve", "unknown option '%s'", word);
  }
}

/* Does @p addr reach this machine only? */
static bool loopback(const char *addr) {
  return strncmp(addr, "127.", 4) == 0 || strcmp(addr, "::1") == 0;
}

static void ready(void *ctx, const char *url) {
  (void)ctx;
  printf("rentbridge serve: %s\n", url);
  fflush(stdout);
}

/* The whole command line, for the full run's manifest. */
static char *command_line(int argc, char **argv) {
  size_t n = 16;
  for (int i = 0; i < argc; i++) {
    n += strlen(argv[i]) + 1;
  }
  char *s = malloc(n);
  if (s != NULL) {
    strcpy(s, "rentbridge");
    for (int i = 0; i < argc; i++) {
      strcat(s, " ");
      strcat(s, argv[i]);
    }
  }
  return s;
}

int rb_cmd_serve(int argc, char **argv) {
  rb_live_opts o = {0};
  o.port = 8080;
  o.ready = ready;
  int rc = rb_cli_getopt(argc, argv, serve_opts, take, &o);
  if (rc >= 0) {
    return rc;
  }
  if (o.scenario_path == NULL) {
    return rb_cli_usage_error("serve", "missing SCENARIO");
  }
  if (o.bind != NULL && !loopback(o.bind)) {
    fprintf(stderr,
            "rentbridge serve: warning: listening on %s, not on this machine "
            "only: anyone who can reach it may change the page's values and "
            "start full runs\n",
            o.bind);
  }
  char *cmdline = command_line(argc, argv);
  o.cmdline = cmdline;
  rb_diag d;
  rb_diag_init(&d);
  rb_live *lv = NULL;
  rb_status st = rb_live_open(&lv, &o, &d);
  if (st == RB_OK) {
    if (access(RB_LIVE_CHARTJS, R_OK) != 0) {
      fprintf(stderr,
              "rentbridge serve: %s is missing (Debian package "
              "libjs-chart.js): the page shows its figures without "
              "charts\n",
              RB_LIVE_CHARTJS);
    }
    st = rb_live_serve(lv, &d);
  }
  rb_cli_print_diag(&d);
  rb_diag_free(&d);
  rb_live_free(lv);
  free(cmdline);
  return rb_status_exit_code(st);
}
