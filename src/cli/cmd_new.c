/* rentbridge new KOMMUNE [--like K] [--groups a,b] [--name N]
 * [--library DIR]: a new kommune's folder in the scenario library. */
#include "cli.h"
#include "rentbridge/kommune.h"

#include <stdlib.h>
#include <string.h>

static const char new_usage[] =
    "usage: rentbridge new KOMMUNE [--like aarhus] [--groups "
    "homeless,youth,...]\n"
    "                      [--name NAME] [--library scenarios]\n"
    "                      [--portfolio scenarios/network.cfg]\n"
    "\n"
    "Write a new kommune's folder in the scenario library, LIBRARY/KOMMUNE/:\n"
    "its kommune.cfg (every local figure in one file: kommuneskat, takster,\n"
    "rents; copied from the --like kommune, each marked \"from aarhus: "
    "replace\n"
    "with your own\" beside its source) and its group scenarios, which take\n"
    "their figures from it.  Then put your own figures in kommune.cfg and\n"
    "check and run a group scenario.  Writes nothing else; a folder that\n"
    "exists is refused.\n"
    "\n"
    "options:\n"
    "  --like K         the kommune to copy (default aarhus)\n"
    "  --groups a,b     the group scenarios to write (default: all that K\n"
    "                   has: clarification, eviction, homeless, refugees,\n"
    "                   youth)\n"
    "  --name NAME      the kommune's name as written (default: KOMMUNE with\n"
    "                   a capital letter)\n"
    "  --library DIR    the scenario library (default scenarios)\n"
    "  --portfolio F    also add the kommune to the portfolio F (in the\n"
    "                   library, written like network.cfg): its kommune.cfg,\n"
    "                   its groups and its own cost items, copied from K's\n"
    "  -h, --help       this help\n"
    "\n"
    "                   (then check F)\n"
    "exit status: 0 written, 2 usage error, 3 a bad name, kommune or group,\n"
    "4 the folder exists or cannot be written.\n";

/* The command line. */
typedef struct new_args {
  rb_kommune_new k;
  char *groups; /* --groups, split in place */
  const char *list[64];
} new_args;

static const struct option new_opts[] = {
    {"like", required_argument, NULL, 'l'},
    {"groups", required_argument, NULL, 'g'},
    {"name", required_argument, NULL, 'n'},
    {"library", required_argument, NULL, 'L'},
    {"portfolio", required_argument, NULL, 'p'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* --groups a,b,c into the list. */
static int take_groups(new_args *a, const char *arg) {
  free(a->groups);
  a->groups = strdup(arg);
  if (a->groups == NULL) {
    return rb_status_exit_code(RB_ENOMEM);
  }
  a->k.n_groups = 0;
  char *save = NULL;
  for (char *g = strtok_r(a->groups, ",", &save); g != NULL;
       g = strtok_r(NULL, ",", &save)) {
    if (a->k.n_groups == 64) {
      return rb_cli_usage_error("new", "at most 64 groups");
    }
    a->list[a->k.n_groups++] = g;
  }
  if (a->k.n_groups == 0) {
    return rb_cli_usage_error("new", "--groups needs names, such as homeless");
  }
  a->k.groups = a->list;
  return -1;
}

static int new_take(void *ctx, int opt, const char *arg, const char *word) {
  new_args *a = ctx;
  if (opt != 'h' && opt != RB_CLI_UNKNOWN && arg == NULL) {
    return rb_cli_usage_error("new", "%s needs a value", word);
  }
  switch (opt) {
  case 'h':
    fputs(new_usage, stdout);
    return rb_status_exit_code(RB_OK);
  case 'l':
    a->k.like = arg;
    return -1;
  case 'g':
    return take_groups(a, arg);
  case 'n':
    a->k.name = arg;
    return -1;
  case 'L':
    a->k.library = arg;
    return -1;
  case 'p':
    a->k.portfolio = arg;
    return -1;
  case RB_CLI_OPERAND:
    if (a->k.id != NULL) {
      return rb_cli_usage_error("new", "one kommune only (got '%s' too)", arg);
    }
    a->k.id = arg;
    return -1;
  default:
    return rb_cli_usage_error("new", "unknown option '%s'", word);
  }
}

int rb_cmd_new(int argc, char **argv) {
  if (rb_cli_help_asked(argc, argv)) {
    fputs(new_usage, stdout);
    return rb_status_exit_code(RB_OK);
  }
  new_args a;
  memset(&a, 0, sizeof a);
  a.k.library = "scenarios";
  a.k.like = "aarhus";
  int rc = rb_cli_getopt(argc, argv, new_opts, new_take, &a);
  if (rc < 0 && a.k.id == NULL) {
    rc = rb_cli_usage_error("new", "missing KOMMUNE");
  }
  if (rc < 0) {
    rb_diag d;
    rb_diag_init(&d);
    char *written = NULL;
    rb_status st = rb_kommune_new_write(&a.k, &written, &d);
    rb_cli_print_diag(&d);
    rb_diag_free(&d);
    if (st == RB_OK) {
      printf("%s", written);
      printf("Ret tallene i %s/%s/kommune.cfg (hvert er mærket \"from %s: "
             "replace with your own\"),\nog kør så fx: rentbridge check "
             "%s/%s/<gruppe>.cfg\n",
             a.k.library, a.k.id, a.k.like, a.k.library, a.k.id);
    }
    free(written);
    rc = rb_status_exit_code(st);
  }
  free(a.groups);
  return rc;
}
