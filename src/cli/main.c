/* rentbridge: the command-line program. */
#include "base/interrupt.h"
#include "cli.h"
#include "rentbridge/version.h"

#include <gsl/gsl_errno.h>
#include <malloc.h>
#include <string.h>

static const char usage[] =
    "usage: rentbridge COMMAND [ARGS]\n"
    "\n"
    "Business case for a temporary rent subsidy (midlertidigt huslejetilskud)\n"
    "that lets a citizen leave a shelter or residential offer for an own "
    "flat.\n"
    "\n"
    "commands:\n"
    "  run SCENARIO      the Monte Carlo business case; writes "
    "results/<name>/\n"
    "  check SCENARIO    validate a scenario; lists every problem\n"
    "  subsidy SCENARIO  one citizen's subsidy, step by step (deterministic)\n"
    "  sweep SCENARIO    the business case over a range of one parameter\n"
    "  tornado SCENARIO  one-way sensitivity over every value with low/high\n"
    "  waivers SCENARIO  the price of each waiver: the run with it off\n"
    "  simulate-pilot SCENARIO  one replication's citizens as observed data\n"
    "  track SCENARIO --observed FILE  the pilot against the forecast\n"
    "  new KOMMUNE       a new kommune's folder in the scenario library\n"
    "  serve SCENARIO    the live page: move the cap, see the curves redrawn\n"
    "\n"
    "  rentbridge COMMAND --help   help for one command\n"
    "  rentbridge --version        the engine's version\n"
    "\n"
    "exit status: 0 ok, 2 usage error, 3 invalid scenario or rules file,\n"
    "4 input/output error, 70 internal error.\n";

int main(int argc, char **argv) {
  /* GSL's default handler aborts; every GSL status is checked instead. */
  gsl_set_error_handler_off();
  /* A tornado, a sweep, the waivers and the live page run the engine many
   * times in one process, each run allocating and zeroing its tables
   * (engine/engine_internal.h, rb_eng_zalloc) and freeing them at its end.
   * With glibc's default padding the freed top of the heap went back to
   * the kernel after each run and every page faulted in again at the next
   * (network.cfg's tornado at 20 replications: 3.8 million page faults,
   * 15.8 s; with 64 MiB kept at the top: 14,000 and 9.1 s;
   * docs/performance.md).  The memory a run takes is unchanged. */
  mallopt(M_TOP_PAD, 64 << 20);
  /* An interrupt while a results folder is written removes its temporary
   * folder and stops gnuplot (base/interrupt.h). */
  rb_interrupt_install();
  if (argc < 2) {
    fputs(usage, stderr);
    return rb_status_exit_code(RB_EUSAGE);
  }
  const char *cmd = argv[1];
  if (rb_cli_is_help(cmd)) {
    fputs(usage, stdout);
    return 0;
  }
  if (strcmp(cmd, "--version") == 0) {
    printf("rentbridge %s\n", RB_VERSION);
    return 0;
  }
  static const struct {
    const char *name;
    int (*fn)(int, char **);
  } cmds[] = {{"run", rb_cmd_run},
              {"check", rb_cmd_check},
              {"subsidy", rb_cmd_subsidy},
              {"sweep", rb_cmd_sweep},
              {"tornado", rb_cmd_tornado},
              {"waivers", rb_cmd_waivers},
              {"simulate-pilot", rb_cmd_simulate_pilot},
              {"track", rb_cmd_track},
              {"new", rb_cmd_new},
              {"serve", rb_cmd_serve}};
  for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
    if (strcmp(cmd, cmds[i].name) == 0) {
      return cmds[i].fn(argc - 1, argv + 1);
    }
  }
  fprintf(stderr, "rentbridge: unknown command '%s'\n\n%s", cmd, usage);
  return rb_status_exit_code(RB_EUSAGE);
}
