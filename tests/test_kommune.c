/* A kommune's local figures in one file (issue 18): `from` takes them from
 * the `kommuner` block, giving the same scenario as the figures written in
 * place; `check` on a fragment names the scenarios that include it. */
#define _XOPEN_SOURCE 700 /* realpath */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "util.h"

/* tests/data/ok/mini.cfg with its rules file's path made absolute, and
 * @p n pairs (old, new) replaced; written to ut_tmp/@p name.
 * @return its path (a static buffer). */
static const char *mini_as(const char *name, const char *const *pairs, int n) {
  static char path[PATH_MAX + 64];
  char rules[PATH_MAX], line[PATH_MAX + 32];
  assert_non_null(realpath("tests/data/rules-test.cfg", rules));
  snprintf(line, sizeof line, "rules = \"%s\";", rules);
  char *t = ut_read_text("tests/data/ok/mini.cfg");
  char *u = ut_subst(t, "rules = \"../rules-test.cfg\";", line);
  char *text = ut_subst_pairs(u, pairs, n);
  free(t);
  free(u);
  snprintf(path, sizeof path, "%s/%s", ut_tmp, name);
  ut_put_file(path, text, false);
  free(text);
  return path;
}

/* The shelter's price and payer, and the group's offers, from a kommune
 * file. */
static const char *const from_pairs[] = {
    "costs = (",
    "kommuner = {\n@include \"kommune.cfg\"\n};\ncosts = (",
    "    per_day = 1500.0;\n    when = { housing = [\"placed\"]; };\n"
    "    payer = { kommune = 0.5; stat = 0.5; };",
    "    when = { housing = [\"placed\"]; };\n    from = \"k.shelter\";",
    "      offers_per_month = 0.3;",
    "      from = \"k.flats\";"};

static void put_kommune(const char *extra) {
  char path[PATH_MAX + 64], text[2048];
  snprintf(path, sizeof path, "%s/kommune.cfg", ut_tmp);
  snprintf(text, sizeof text,
           "# a kommune's figures\nk = {\n"
           "  shelter = { per_day = 1500.0;\n"
           "              payer = { kommune = 0.5; stat = 0.5; }; };\n"
           "  flats = { offers_per_month = 0.3; };\n%s};\n",
           extra);
  ut_put_file(path, text, false);
}

/* @p name in ut_tmp. */
static const char *in_tmp_dir(const char *name) {
  static char path[PATH_MAX];
  snprintf(path, sizeof path, "%s/%s", ut_tmp, name);
  return path;
}

static rb_scenario *load_ok(const char *path) {
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  rb_status st = rb_scenario_load(&sc, path, NULL, &d);
  if (st != RB_OK) {
    fail_msg("%s: %s", path, d.n > 0 ? d.msgs[0] : "?");
  }
  rb_diag_free(&d);
  return sc;
}

/* Every problem of loading @p path, one per line, ut_tmp as T. */
static char *problems(const char *path) {
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  assert_int_equal(rb_scenario_load(&sc, path, NULL, &d), RB_EINVALID);
  char *all = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&all, &len);
  assert_non_null(m);
  for (size_t i = 0; i < d.n; i++) {
    fprintf(m, "%s\n", d.msgs[i]);
  }
  fclose(m);
  rb_diag_free(&d);
  char *out = ut_subst(all, ut_tmp, "T");
  free(all);
  return out;
}

static void test_kommune__from_equals_in_place(void **state) {
  (void)state;
  put_kommune("");
  rb_scenario *a = load_ok(mini_as("inline.cfg", NULL, 0));
  rb_scenario *b = load_ok(mini_as("from.cfg", from_pairs, 3));
  assert_int_equal(a->n_params, b->n_params);
  for (int i = 0; i < a->n_params; i++) {
    assert_string_equal(a->params[i].key, b->params[i].key);
    assert_true(a->params[i].value == b->params[i].value);
  }
  /* the figure is located in the kommune file, where it is changed */
  int k = 0;
  while (strcmp(b->params[k].key, "costs.[0].per_day") != 0) {
    k++;
  }
  assert_non_null(strstr(b->params[k].file, "/kommune.cfg"));
  assert_int_equal(b->params[k].line, 3);
  assert_int_equal(b->costs[0].payer.n, a->costs[0].payer.n);
  rb_scenario_free(a);
  rb_scenario_free(b);
}

static void test_kommune__from_problems(void **state) {
  (void)state;
  put_kommune("  tax = 0.25;\n");
  static const char *const typo[] = {
      "costs = (",
      "kommuner = {\n@include \"kommune.cfg\"\n};\ncosts = (",
      "    per_day = 1500.0;",
      "    from = \"k.shelterr\";",
      "      offers_per_month = 0.3;",
      "      from = \"k.tax\";",
      "    label = \"Tomgang\";",
      "    label = \"Tomgang\"; from = 3;"};
  char *got = problems(mini_as("typo.cfg", typo, 4));
  ut_has(got, "T/typo.cfg:34: costs.[0].from: no such setting in kommuner: "
              "k has no shelterr (it has: shelter, flats, tax; got "
              "\"k.shelterr\")");
  ut_has(got, "groups.[0].flats.from: k.tax is a single value: take it "
              "alone, as KEY = { from = \"k.tax\"; };");
  ut_has(got, "costs.[1].from: expected the path of a setting in kommuner");
  assert_null(strstr(got, "from: unknown key"));
  free(got);
  /* no kommuner block; a member given twice */
  static const char *const none[] = {"    per_day = 1500.0;",
                                     "    from = \"k.shelter\";"};
  got = problems(mini_as("none.cfg", none, 1));
  ut_has(got, "costs.[0].from: there is no `kommuner` block to take it from");
  free(got);
  static const char *const twice[] = {
      "costs = (", "kommuner = {\n@include \"kommune.cfg\"\n};\ncosts = (",
      "    kind = \"resource\";",
      "    kind = \"resource\"; from = \"k.shelter\";"};
  got = problems(mini_as("twice.cfg", twice, 2));
  ut_has(got, "costs.[0].from: per_day is given here and in "
              "k.shelter.per_day; keep one");
  free(got);
}

static void test_kommune__library_takes_kommune_file(void **state) {
  (void)state;
  rb_scenario *sc = load_ok("scenarios/aarhus/homeless.cfg");
  int k = 0;
  while (strcmp(sc->params[k].key, "costs.[0].per_day") != 0) {
    k++;
  }
  assert_string_equal(sc->params[k].file, "scenarios/aarhus/kommune.cfg");
  assert_string_equal(sc->info.municipality, "Aarhus");
  rb_scenario_free(sc);
}

static void test_kommune__check_on_a_fragment(void **state) {
  (void)state;
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "%s check scenarios/aarhus/kommune.cfg 2>&1",
           ut_bin());
  int st = 0;
  char *out = ut_run_cmd(cmd, &st);
  assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 3);
  ut_has(out, "scenarios/aarhus/kommune.cfg: a fragment, not a scenario");
  /* the first six in name order, then how many more (network.cfg among them) */
  ut_has(out, "it is included by 14 scenarios: ");
  ut_has(out, "scenarios/aarhus/clarification.cfg");
  ut_has(out, " and 8 more; check or run one of those");
  assert_int_equal(ut_count(out, "\n"), 1); /* one line, not 20 */
  free(out);
  /* a file of common/ included through another fragment */
  snprintf(cmd, sizeof cmd,
           "%s check scenarios/common/price-support-hour.cfg 2>&1", ut_bin());
  out = ut_run_cmd(cmd, &st);
  assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 3);
  ut_has(out, "included by 56 scenarios"); /* 55 single ones + network.cfg */
  free(out);
}

/* Run "rentbridge ARGS" (both streams into *out, caller frees); the exit
 * status. */
static int rb_out(char **out, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int rb_out(char **out, const char *fmt, ...) {
  char args[3000], cmd[3200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(args, sizeof args, fmt, ap);
  va_end(ap);
  snprintf(cmd, sizeof cmd, "%s %s 2>&1", ut_bin(), args);
  int st = 0;
  *out = ut_run_cmd(cmd, &st);
  assert_non_null(*out);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void test_kommune__new_kommune(void **state) {
  (void)state;
  char cmd[1200], *out = NULL;
  snprintf(cmd, sizeof cmd, "cp -r scenarios %s/lib", ut_tmp);
  assert_int_equal(system(cmd), 0);
  assert_int_equal(rb_out(&out,
                          "new odense --library %s/lib --groups "
                          "homeless,youth --portfolio %s/lib/network.cfg",
                          ut_tmp, ut_tmp),
                   0);
  ut_has(out, "/lib/odense/kommune.cfg\n");
  free(out);
  char dir[PATH_MAX];
  snprintf(dir, sizeof dir, "%s/lib/odense", ut_tmp);
  /* every copied figure marked, with its source */
  ut_file_has(dir, "kommune.cfg", "odense = {");
  ut_file_has(dir, "kommune.cfg", "municipality = \"Odense\";");
  ut_file_has(dir, "kommune.cfg",
              "source = \"from aarhus: replace with your own; source: SBST");
  char *k = ut_read_in(dir, "kommune.cfg");
  assert_int_equal(ut_count(k, "source = \"from aarhus: replace with your own"),
                   ut_count(k, "source = \""));
  free(k);
  ut_file_has(dir, "homeless.cfg", "from = \"odense.shelter_110\";");
  ut_file_has(dir, "homeless.cfg", "name = \"odense-homeless\";");
  assert_false(ut_file_exists(dir, "eviction.cfg"));
  /* check and run it */
  assert_int_equal(rb_out(&out, "check %s/homeless.cfg", dir), 0);
  free(out);
  assert_int_equal(rb_out(&out, "check %s/youth.cfg", dir), 0);
  free(out);
  /* the kommune's scenario, and the portfolio with it */
  static const char *const runs[][2] = {{"odense/homeless.cfg", "r"},
                                        {"network.cfg", "n"}};
  for (int i = 0; i < 2; i++) {
    assert_int_equal(rb_out(&out,
                            "run %s/lib/%s --replications 10 --out %s/%s "
                            "--quiet",
                            ut_tmp, runs[i][0], ut_tmp, runs[i][1]),
                     0);
    free(out);
  }
  ut_file_has(in_tmp_dir("r"), "summary.csv", "homeless,kommune,true,saving");
  ut_file_has(in_tmp_dir("r"), "parameters.csv", "/lib/odense/kommune.cfg");
  ut_file_has(in_tmp_dir("n"), "summary.csv", "odense_homeless,kommune,true,");
  ut_file_has(in_tmp_dir("n"), "summary.csv", "odense_youth,kommune,true,");
  ut_file_has(in_tmp_dir("n"), "items.csv",
              "odense_homeless,experiment,"
              "shelter_110_odense,");
  /* the new groups have LIKE's comparison arms (udslusningsbolig) */
  char *net = ut_read_text(in_tmp_dir("lib/network.cfg"));
  assert_non_null(net);
  const char *arm = strstr(net, "name = \"udslusningsbolig\"");
  assert_non_null(arm);
  const char *arm_end = strchr(arm, '}');
  const char *og = strstr(arm, "\"odense_homeless\"");
  assert_true(og != NULL && arm_end != NULL && og < arm_end);
  free(net);
  /* again: the folder exists (4); an unknown group or kommune (3) */
  assert_int_equal(rb_out(&out, "new odense --library %s/lib", ut_tmp), 4);
  ut_has(out, "already exists");
  free(out);
  assert_int_equal(rb_out(&out,
                          "new vejle --library %s/lib --groups "
                          "homeles",
                          ut_tmp),
                   3);
  ut_has(out, "--groups: aarhus has no group scenario homeles (it has: "
              "care-home-108,clarification,disability,eviction,families,"
              "gradual-exit,home-leaving,homeless-pool,homeless,refugees,"
              "young-homeless,youth-pool,youth)");
  free(out);
  assert_int_equal(
      rb_out(&out, "new vejle --library %s/lib --like vejle2", ut_tmp), 3);
  free(out);
  assert_int_equal(rb_out(&out, "new Vejle --library %s/lib", ut_tmp), 3);
  free(out);
  assert_false(ut_file_exists(ut_tmp, "lib/vejle"));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_kommune__from_equals_in_place),
      cmocka_unit_test(test_kommune__from_problems),
      cmocka_unit_test(test_kommune__library_takes_kommune_file),
      cmocka_unit_test(test_kommune__check_on_a_fragment),
      cmocka_unit_test(test_kommune__new_kommune),
  };
  return cmocka_run_group_tests(tests, ut_tmp_setup, ut_tmp_teardown);
}
