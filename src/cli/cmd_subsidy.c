/*
 * rentbridge subsidy: the deterministic subsidy view (subsidy.md).
 *
 * With --rent: one case per activity, every intermediate amount shown so a
 * case worker can follow it by hand.  Without: a table over the group's rent
 * distribution and the activities, plus the share of offered flats that can
 * be taken with the subsidy (intervention) and without it (baseline).  The
 * numbers and the JSON come from the library (rentbridge/subsidy_view.h),
 * the text from subsidy_text.c.
 */
#include "cli.h"
#include "rentbridge/subsidy_view.h"
#include "subsidy_text.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "usage: rentbridge subsidy SCENARIO [--group NAME] [--rent R]\n"
    "                          [--activity none|education|employed] [--json]\n"
    "                          [--tenants N] [--set KEY=VALUE]...\n"
    "\n"
    "The deterministic subsidy view: net income after tax, boligsikring,\n"
    "own payment, the gap, the subsidy under the cap and whether the citizen\n"
    "could take the lease over on the group's future income.\n"
    "\n"
    "  --group NAME     the group (default: the first group)\n"
    "  --rent R         monthly rent without utilities, kr: one case shown\n"
    "                   step by step; without it, a table over the group's\n"
    "                   rent distribution (discrete: each value; lognormal:\n"
    "                   the 5/25/50/75/95 % quantiles; uniform: 5 evenly\n"
    "                   spaced points) and the share of offered flats that\n"
    "                   can be taken with and without the subsidy\n"
    "  --activity A     only this activity (default: none, education and\n"
    "                   employed)\n"
    "  --json           a JSON array, one object per case, instead of text\n"
    "  --tenants N      the citizen as one of N tenants of a shared flat\n"
    "                   (delebolig; 2 to 4; 0 or 1, the default: an ordinary\n"
    "                   flat): the flat's rent, utilities and area are split\n"
    "                   equally, boligsikring per tenant (boligstøtteloven\n"
    "                   § 24 i; two tenants only with the scheme's waiver\n"
    "                   delebolig_two_tenants), the subsidy on the share\n"
    "  --set KEY=VALUE  override a scenario key (as for 'rentbridge run')\n"
    "\n"
    "The flat (utilities, area, heating, rent distribution) is the group's\n"
    "intervention-arm flat; labels follow scenario.language (da or en).\n"
    "\n"
    "exit status: 0 ok, 2 usage error, 3 invalid scenario or rules file,\n"
    "4 input/output error, 70 internal error.\n";

/* ---- Arguments ---------------------------------------------------------- */

typedef struct sub_args {
  const char *path;
  const char *group;
  double rent;
  bool has_rent;
  int activity; /* RB_SUBSIDY_ALL_ACTIVITIES or one */
  bool json;
  int tenants; /* 0: an ordinary flat */
  const char **sets;
  int n_sets;
} sub_args;

static const struct option sub_opts[] = {
    {"group", required_argument, NULL, 'g'},
    {"rent", required_argument, NULL, 'r'},
    {"activity", required_argument, NULL, 'a'},
    {"json", no_argument, NULL, 'j'},
    {"tenants", required_argument, NULL, 't'},
    {"set", required_argument, NULL, 's'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};

/* --rent R: a positive amount in kroner. */
static int take_rent(sub_args *s, const char *arg) {
  if (arg == NULL) {
    return rb_cli_usage_error("subsidy", "--rent needs an amount");
  }
  char *end = NULL;
  const double r = strtod(arg, &end);
  if (end == arg || *end != '\0' || !isfinite(r) || r <= 0.0) {
    return rb_cli_usage_error(
        "subsidy", "--rent: not a positive amount in kroner (got '%s')", arg);
  }
  s->rent = r;
  s->has_rent = true;
  return -1;
}

/* --activity A: one of the activities' names. */
static int take_activity(sub_args *s, const char *arg) {
  if (arg == NULL) {
    return rb_cli_usage_error("subsidy", "--activity needs a value");
  }
  s->activity = rb_enum_lookup(rb_activity_names, RB_A_COUNT, arg);
  if (s->activity < 0) {
    return rb_cli_usage_error(
        "subsidy",
        "--activity: unknown activity '%s' (none, education or employed)", arg);
  }
  return -1;
}

/* --tenants N: a whole number 0 to RB_MAX_TENANTS (the rules' block is
 * checked once the scenario is loaded). */
static int take_tenants(sub_args *s, const char *arg) {
  if (arg == NULL) {
    return rb_cli_usage_error("subsidy", "--tenants needs a number");
  }
  char *end = NULL;
  const long n = strtol(arg, &end, 10);
  if (end == arg || *end != '\0' || n < 0 || n > RB_MAX_TENANTS) {
    return rb_cli_usage_error(
        "subsidy",
        "--tenants: a flat's tenants must be 0 or 1 (an ordinary flat) or 2 "
        "to %d (a shared flat) (got '%s')",
        RB_MAX_TENANTS, arg);
  }
  s->tenants = (int)n;
  return -1;
}

/* Take one item of the command line (rb_cli_take). */
static int take(void *ctx, int opt, const char *arg, const char *word) {
  sub_args *s = ctx;
  switch (opt) {
  case 'h':
    fputs(help, stdout);
    return rb_status_exit_code(RB_OK);
  case 'j':
    s->json = true;
    return -1;
  case 'g':
    if (arg == NULL) {
      return rb_cli_usage_error("subsidy", "--group needs a group name");
    }
    s->group = arg;
    return -1;
  case 'r':
    return take_rent(s, arg);
  case 'a':
    return take_activity(s, arg);
  case 't':
    return take_tenants(s, arg);
  case 's':
    if (arg == NULL || strchr(arg, '=') == NULL) {
      return rb_cli_usage_error("subsidy", "--set needs KEY=VALUE");
    }
    s->sets[s->n_sets++] = arg;
    return -1;
  case RB_CLI_OPERAND:
    if (s->path != NULL) {
      return rb_cli_usage_error("subsidy", "more than one scenario ('%s')",
                                arg);
    }
    s->path = arg;
    return -1;
  default:
    return rb_cli_usage_error("subsidy", "unknown option '%s'", word);
  }
}

/* ---- The command -------------------------------------------------------- */

/* Print the view's problem; the exit status of @p st. */
static int view_failed(rb_status st, const rb_diag *d) {
  for (size_t i = 0; i < d->n; i++) {
    if (st == RB_EUSAGE) {
      rb_cli_usage_error("subsidy", "--group: %s", d->msgs[i]);
    } else {
      fprintf(stderr, "rentbridge subsidy: %s\n", d->msgs[i]);
    }
  }
  return rb_status_exit_code(st);
}

/* The JSON text (made with status @p st) on standard output, then freed. */
static rb_status put_json(rb_status st, char *text) {
  if (st == RB_OK) {
    fputs(text, stdout);
    putchar('\n');
  }
  free(text);
  return st;
}

/* With --rent: the heading and each case, or their JSON. */
static rb_status show_cases(const rb_subsidy_view *v, const sub_args *args) {
  if (args->json) {
    char *text = NULL;
    rb_status st =
        rb_subsidy_view_cases_json(&text, v, args->rent, args->activity);
    return put_json(st, text);
  }
  rb_subsidy_text_cases(v, args->rent, args->activity);
  return RB_OK;
}

/* Without --rent: the table over the rent distribution, or its JSON. */
static rb_status show_table(const rb_subsidy_view *v, const sub_args *args) {
  rb_subsidy_table t;
  rb_status st = rb_subsidy_view_table(&t, v);
  if (st == RB_OK && args->json) {
    char *text = NULL;
    st = rb_subsidy_view_table_json(&text, v, &t, args->activity);
    st = put_json(st, text);
  } else if (st == RB_OK) {
    rb_subsidy_text_table(v, &t, args->activity);
  }
  rb_subsidy_table_free(&t);
  return st;
}

static int run(const sub_args *args, const rb_scenario *sc) {
  rb_subsidy_view v;
  rb_diag d;
  rb_diag_init(&d);
  rb_status st = rb_subsidy_view_init(&v, sc, args->group, &d);
  if (st != RB_OK) {
    const int rc = view_failed(st, &d);
    rb_diag_free(&d);
    return rc;
  }
  rb_diag_free(&d);
  const char *bad = rb_tenants_problem(&sc->rules, args->tenants);
  if (bad != NULL) {
    return rb_cli_usage_error("subsidy", "--tenants: %s (got %d; rules %s)",
                              bad, args->tenants, sc->rules.path);
  }
  v.flat.tenants = args->tenants;
  st = args->has_rent ? show_cases(&v, args) : show_table(&v, args);
  if (st != RB_OK) {
    fprintf(stderr, "rentbridge subsidy: %s\n", rb_status_str(st));
    return rb_status_exit_code(st);
  }
  if (fflush(stdout) != 0 || ferror(stdout)) {
    fprintf(stderr, "rentbridge subsidy: cannot write the output\n");
    return rb_status_exit_code(RB_EIO);
  }
  return rb_status_exit_code(RB_OK);
}

int rb_cmd_subsidy(int argc, char **argv) {
  if (rb_cli_help_asked(argc, argv)) {
    fputs(help, stdout);
    return rb_status_exit_code(RB_OK);
  }
  sub_args args = {0};
  args.activity = RB_SUBSIDY_ALL_ACTIVITIES;
  args.sets = calloc((size_t)argc, sizeof *args.sets);
  if (args.sets == NULL) {
    fprintf(stderr, "rentbridge subsidy: out of memory\n");
    return rb_status_exit_code(RB_ENOMEM);
  }
  int rc = rb_cli_getopt(argc, argv, sub_opts, take, &args);
  if (rc < 0 && args.path == NULL) {
    rc = rb_cli_usage_error("subsidy", "no scenario given");
  }
  if (rc < 0) {
    rb_scenario *sc = NULL;
    rc = rb_cli_load(&sc, args.path, args.sets, args.n_sets, NULL);
    if (rc == 0) {
      rc = run(&args, sc);
    }
    rb_scenario_free(sc);
  }
  free(args.sets);
  return rc;
}
