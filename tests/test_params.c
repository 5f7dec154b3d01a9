/* `--params FILE` (issue 18): a run's parameters.csv, saved back by a
 * spreadsheet, reproduces the run byte for byte; an edited one changes
 * exactly the edited figures; bad cells are reported as CSV:LINE: column
 * and nothing is written.  And the CSV reader's numbers and separators. */
#include <jansson.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <cmocka.h>

#include "base/csv_read.h"
#include "util.h"

/* Run "rentbridge ARGS" with output to files; return the exit status. */
static int rb(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int rb(const char *fmt, ...) {
  char args[2048], cmd[4096];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(args, sizeof args, fmt, ap);
  va_end(ap);
  snprintf(cmd, sizeof cmd, "%s %s >%s/out.txt 2>%s/err.txt", ut_bin(), args,
           ut_tmp, ut_tmp);
  int rc = system(cmd);
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static const char *const result_files[] = {
    "summary.json", "summary.csv",  "items.csv",   "yearly.csv",
    "monthly.csv",  "outcomes.csv", "scenario.cfg"};
#define N_RESULT_FILES (sizeof result_files / sizeof result_files[0])

/* Are the results of folders @p a and @p b (in ut_tmp) the same bytes? */
static void same_results(const char *a, const char *b) {
  char pa[600], pb[600];
  for (size_t i = 0; i < N_RESULT_FILES; i++) {
    snprintf(pa, sizeof pa, "%s/%s/%s", ut_tmp, a, result_files[i]);
    snprintf(pb, sizeof pb, "%s/%s/%s", ut_tmp, b, result_files[i]);
    char *x = ut_slurp(pa), *y = ut_slurp(pb);
    assert_non_null(x);
    assert_non_null(y);
    if (strcmp(x, y) != 0) {
      fail_msg("%s differs between %s and %s", result_files[i], a, b);
    }
    free(x);
    free(y);
  }
}

/* The first run, folder "a" in ut_tmp, once per program. */
static void first_run(void) {
  static bool done = false;
  if (!done) {
    assert_int_equal(rb("run scenarios/example.cfg --replications 40 --seed 5 "
                        "--out %s/a --quiet",
                        ut_tmp),
                     0);
    done = true;
  }
}

/* Is @p s a number as the run writes it ("-0.035", "1e-05")? */
static bool numeric(const char *s, size_t n) {
  if (n == 0) {
    return false;
  }
  for (size_t i = 0; i < n; i++) {
    if (!strchr("0123456789.-+e", s[i])) {
      return false;
    }
  }
  return s[0] != 'e';
}

/* parameters.csv as LibreOffice saves it with a Danish locale: a BOM,
 * semicolons, decimal commas, every text quoted, CRLF. */
static char *as_libreoffice(const char *csv) {
  size_t cap = 3 * strlen(csv) + 16, o = 0;
  char *out = malloc(cap);
  assert_non_null(out);
  o += (size_t)snprintf(out, cap, "\xEF\xBB\xBF");
  const char *s = csv;
  while (*s != '\0') {
    /* one field */
    const char *start = s;
    bool quoted = *s == '"';
    if (quoted) {
      for (s++; *s != '\0' && !(*s == '"' && s[1] != '"'); s++) {
        s += *s == '"';
      }
      s++;
    } else {
      s += strcspn(s, ",\n");
    }
    size_t n = (size_t)(s - start);
    if (!quoted && numeric(start, n)) {
      for (size_t i = 0; i < n; i++) {
        out[o++] = start[i] == '.' ? ',' : start[i];
      }
    } else if (!quoted && n > 0) {
      o += (size_t)snprintf(out + o, cap - o, "\"%.*s\"", (int)n, start);
    } else {
      memcpy(out + o, start, n);
      o += n;
    }
    if (*s == ',') {
      out[o++] = ';';
      s++;
    } else if (*s == '\n') {
      out[o++] = '\r';
      out[o++] = '\n';
      s++;
    }
  }
  out[o] = '\0';
  return out;
}

/* Folder @p name in ut_tmp. */
static const char *in_tmp(const char *name) {
  static char path[600];
  snprintf(path, sizeof path, "%s/%s", ut_tmp, name);
  return path;
}

static void test_params__unchanged_reproduces(void **state) {
  (void)state;
  first_run();
  assert_int_equal(rb("run scenarios/example.cfg --replications 40 --seed 5 "
                      "--params %s/a/parameters.csv --out %s/b --quiet",
                      ut_tmp, ut_tmp),
                   0);
  same_results("a", "b");
  char *first = ut_read_in(in_tmp("a"), "parameters.csv");
  ut_file_is(in_tmp("b"), "parameters.csv", first);
  free(first);
  json_t *m = ut_json_in(in_tmp("b"), "manifest.json");
  assert_non_null(json_object_get(m, "params_file"));
  assert_int_equal(json_array_size(json_object_get(m, "params_changes")), 0);
  json_decref(m);
}

static void test_params__libreoffice_danish_reproduces(void **state) {
  (void)state;
  first_run();
  char *csv = ut_read_in(in_tmp("a"), "parameters.csv");
  char *lo = as_libreoffice(csv);
  assert_non_null(strstr(lo, "scenario.discount_rate\";0,035;"));
  char path[600];
  snprintf(path, sizeof path, "%s/lo.csv", ut_tmp);
  ut_put_file(path, lo, false);
  assert_int_equal(rb("run scenarios/example.cfg --replications 40 --seed 5 "
                      "--params %s --out %s/c --quiet",
                      path, ut_tmp),
                   0);
  same_results("a", "c");
  /* The workbook's assumptions sheet saved as CSV: its Danish header. */
  char *wb = ut_subst(lo, "\"key\";\"value\";\"low\";\"high\";\"dist\"",
                      "N\xc3\xb8gle;V\xc3\xa6rdi;Lav;H\xc3\xb8j;Fordeling");
  assert_true(strcmp(wb, lo) != 0);
  ut_put_file(path, wb, false);
  assert_int_equal(rb("run scenarios/example.cfg --replications 40 --seed 5 "
                      "--params %s --out %s/w --quiet",
                      path, ut_tmp),
                   0);
  same_results("a", "w");
  free(wb);
  free(lo);
  free(csv);
}

/* The lines of @p a and @p b that differ, as "N" each, comma-separated. */
static void differing_lines(char *buf, size_t size, const char *a,
                            const char *b) {
  buf[0] = '\0';
  size_t o = 0;
  for (int line = 1; *a != '\0' || *b != '\0'; line++) {
    size_t na = strcspn(a, "\n"), nb = strcspn(b, "\n");
    if (na != nb || strncmp(a, b, na) != 0) {
      o += (size_t)snprintf(buf + o, size - o, "%s%d", o > 0 ? "," : "", line);
    }
    a += na + (a[na] == '\n');
    b += nb + (b[nb] == '\n');
  }
}

/* The first run's parameters.csv with each of the @p n pairs (old, new)
 * replaced (each must be there), written to ut_tmp/@p name.
 * @return its path (a static buffer). */
static const char *edited(const char *name, const char *const *pairs, int n) {
  static char path[600];
  char *csv = ut_read_in(in_tmp("a"), "parameters.csv");
  char *text = ut_subst_pairs(csv, pairs, n);
  free(csv);
  snprintf(path, sizeof path, "%s/%s", ut_tmp, name);
  ut_put_file(path, text, false);
  free(text);
  return path;
}

static void test_params__edit_changes_exactly_it(void **state) {
  (void)state;
  first_run();
  char *csv = ut_read_in(in_tmp("a"), "parameters.csv");
  /* the shelter's price per day (an uncertain value) and the cap (plain,
   * given a range) */
  static const char *const pairs[] = {
      "costs.[0].per_day,1500,1100,2000", "costs.[0].per_day,1400,1100,2100",
      "subsidy.cap,2000,,,", "subsidy.cap,2500,2000,3000,"};
  const char *path = edited("edited.csv", pairs, 2);
  assert_int_equal(rb("run scenarios/example.cfg --replications 40 --seed 5 "
                      "--params %s --out %s/d --quiet",
                      path, ut_tmp),
                   0);
  char *got = ut_read_in(in_tmp("d"), "parameters.csv");
  char lines[200];
  differing_lines(lines, sizeof lines, csv, got);
  assert_string_equal(lines, "5,13"); /* subsidy.cap, costs.[0].per_day */
  assert_non_null(strstr(got, "costs.[0].per_day,1400,1100,2100,pert,"));
  assert_non_null(strstr(got, "subsidy.cap,2500,2000,3000,pert,,,true,"));
  /* The same as the two --set would do. */
  assert_int_equal(rb("run scenarios/example.cfg --replications 40 --seed 5 "
                      "--set costs.shelter.per_day=1400 "
                      "--set costs.shelter.per_day.high=2100 "
                      "--set subsidy.cap=2500 --set subsidy.cap.low=2000 "
                      "--set subsidy.cap.high=3000 --out %s/s --quiet",
                      ut_tmp),
                   0);
  char *a = ut_read_in(in_tmp("d"), "summary.json");
  char *b = ut_read_in(in_tmp("s"), "summary.json");
  assert_string_equal(a, b);
  char *before = ut_read_in(in_tmp("a"), "summary.json");
  assert_string_not_equal(a, before);
  json_t *m = ut_json_in(in_tmp("d"), "manifest.json");
  json_t *ch = json_object_get(m, "params_changes");
  assert_int_equal(json_array_size(ch), 5);
  json_t *c0 = json_array_get(ch, 0);
  assert_string_equal(json_string_value(json_object_get(c0, "key")),
                      "subsidy.cap");
  assert_int_equal(json_integer_value(json_object_get(c0, "line")), 5);
  json_decref(m);
  ut_file_has(in_tmp("d"), "report.html", "parameterfilen");
  ut_file_has(in_tmp("d"), "report.html", "1.500 → 1.400");
  free(a);
  free(b);
  free(before);
  free(got);
  free(csv);
}

static void test_params__bad_cells(void **state) {
  (void)state;
  first_run();
  static const char *const pairs[] = {"costs.[0].per_day,1500,1100,2000",
                                      "costs.[0].per_day,15x0,2500,2000",
                                      "subsidy.cap,2000,,,",
                                      "subsidy.cap,-5,,3,",
                                      "groups.[0].flats.area_m2,45,",
                                      "groups.[0].flats.area_m2,0,",
                                      "scenario.mcpf,0,",
                                      "scenario.mcpff,0,"};
  const char *path = edited("bad.csv", pairs, 4);
  assert_int_equal(rb("run scenarios/example.cfg --params %s --out %s/x "
                      "--quiet",
                      path, ut_tmp),
                   3);
  struct stat sb;
  assert_int_not_equal(stat(in_tmp("x"), &sb), 0); /* nothing written */
  char *err = ut_read_in(ut_tmp, "err.txt");
  char want[6][700];
  snprintf(want[0], 700, "%s:3: key: no such parameter", path);
  snprintf(want[1], 700, "%s:5: low: empty: low and high go together", path);
  snprintf(want[2], 700, "%s:13: value: not a number (got \"15x0\")", path);
  snprintf(want[3], 700,
           "%s:13: low: needs low <= value <= high (got 2500.0, 1500.0, "
           "2000.0)",
           path);
  snprintf(want[4], 700, "%s:5: value: subsidy.cap: must be >= 0 (got -5.0)",
           path);
  snprintf(want[5], 700,
           "%s:24: value: groups.[0].flats.area_m2: must be > 0 (got 0.0)",
           path);
  for (int i = 0; i < 6; i++) {
    ut_has(err, want[i]);
  }
  /* check says the same */
  assert_int_equal(rb("check scenarios/example.cfg --params %s", path), 3);
  ut_file_has(ut_tmp, "err.txt", want[2]);
  /* a file that is not there: exit 4 */
  assert_int_equal(
      rb("check scenarios/example.cfg --params %s/none.csv", ut_tmp), 4);
  ut_file_has(ut_tmp, "err.txt", "cannot read the parameters file");
  free(err);
}

static void test_params__numbers(void **state) {
  (void)state;
  struct {
    const char *cell;
    char sep;
    int rc;
    double v;
  } cases[] = {{"1500", ',', 0, 1500.0},
               {"0,035", ';', 0, 0.035},
               {"0.035", ';', 0, 0.035},
               {"1.500,5", ';', 0, 1500.5},
               {"1,500.5", ',', 0, 1500.5},
               {"1.500.000", ';', 0, 1500000.0},
               {" 1\xc2\xa0"
                "500 ",
                ';', 0, 1500.0},
               {"\xe2\x88\x92"
                "2,5",
                ';', 0, -2.5},
               {"1,5E-05", ';', 0, 1.5e-5},
               {"1E-05", ',', 0, 1e-5},
               {"", ';', 1, 0.0},
               {"  ", ',', 1, 0.0},
               {"1.500", ';', -2, 0.0},
               {"1.500", ',', 0, 1.5},
               {"abc", ',', -1, 0.0},
               {"inf", ',', -1, 0.0},
               {"0x10", ',', -1, 0.0},
               {"1,2,3.4,5", ',', -1, 0.0},
               {"3,5%", ';', -1, 0.0},
               {"-", ',', -1, 0.0}};
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    double v = 0.0;
    int rc = rb_csv_number(cases[i].cell, cases[i].sep, &v);
    if (rc != cases[i].rc || (rc == 0 && v != cases[i].v)) {
      fail_msg("\"%s\" (%c): got %d, %g", cases[i].cell, cases[i].sep, rc, v);
    }
  }
}

static void test_params__reader(void **state) {
  (void)state;
  char path[600];
  snprintf(path, sizeof path, "%s/r.csv", ut_tmp);
  ut_put_file(path,
              "\xEF\xBB\xBFkey;value\r\n\r\n\"a;b\";\"2,5\"\r\n\"multi\nline\";"
              "3\rlast;\"say \"\"hi\"\"\"",
              false);
  rb_csv_table t;
  char err[200];
  assert_int_equal(rb_csv_read(&t, path, err, sizeof err), 0);
  assert_int_equal(t.sep, ';');
  assert_int_equal(t.n, 4);
  assert_string_equal(t.rows[0].cells[0], "key");
  assert_string_equal(t.rows[1].cells[0], "a;b");
  assert_int_equal(t.rows[1].line, 3);
  assert_string_equal(t.rows[2].cells[0], "multi\nline");
  assert_int_equal(t.rows[2].line, 4);
  assert_int_equal(t.rows[3].line, 6);
  assert_string_equal(t.rows[3].cells[1], "say \"hi\"");
  rb_csv_table_free(&t);
  ut_put_file(path, "key,value\n\"open,1\n", false);
  assert_int_equal(rb_csv_read(&t, path, err, sizeof err), -2);
  assert_string_equal(err, "line 2: a quote is not closed");
  ut_put_file(path, "\xFF\xFEk\0e\0y\0", false);
  assert_int_equal(rb_csv_read(&t, path, err, sizeof err), -2);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_params__numbers),
      cmocka_unit_test(test_params__reader),
      cmocka_unit_test(test_params__unchanged_reproduces),
      cmocka_unit_test(test_params__libreoffice_danish_reproduces),
      cmocka_unit_test(test_params__edit_changes_exactly_it),
      cmocka_unit_test(test_params__bad_cells),
  };
  return cmocka_run_group_tests(tests, ut_tmp_setup, ut_tmp_teardown);
}
