/* Tests of the config tree (src/config): reading libconfig files into a
 * tree, the @include guard, and the typed getters the scenario and rules
 * loaders report their problems through. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "config/cfgget.h"
#include "config/cfgtree.h"

#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char tmpdir[64];

/* tmpdir/NAME into @p buf. */
static const char *tmp_path(char *buf, size_t size, const char *name) {
  snprintf(buf, size, "%s/%s", tmpdir, name);
  return buf;
}

static void write_text(const char *path, const char *text) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
}

/* A tree from @p text whose nodes all carry file "F" and line 7. */
static rb_node *tree(const char *text) {
  rb_node *root = NULL;
  assert_int_equal(rb_cfg_read_string(&root, text, "F", 7), RB_OK);
  assert_non_null(root);
  return root;
}

/* The problems in @p d are exactly the lines of @p want, in order. */
static void expect_lines(const rb_diag *d, const char *want) {
  size_t i = 0;
  const char *line = want;
  while (line != NULL) {
    const char *nl = strchr(line, '\n');
    size_t len = nl != NULL ? (size_t)(nl - line) : strlen(line);
    if (i >= d->n) {
      fail_msg("missing problem: %.*s", (int)len, line);
    }
    if (strlen(d->msgs[i]) != len || strncmp(d->msgs[i], line, len) != 0) {
      fail_msg("problem %zu is \"%s\", expected \"%.*s\"", i + 1, d->msgs[i],
               (int)len, line);
    }
    i++;
    line = nl != NULL ? nl + 1 : NULL;
  }
  if (i != d->n) {
    fail_msg("unexpected problem: %s", d->msgs[i]);
  }
}

/* A checker on a fresh list of problems. */
typedef struct fixture {
  rb_diag diag;
  rb_check ck;
} fixture;

static void fx_init(fixture *fx) {
  rb_diag_init(&fx->diag);
  fx->ck.diag = &fx->diag;
  fx->ck.top = "TOP";
  fx->ck.nerr = 0;
  fx->ck.oom = false;
}

/* The problems so far are exactly @p want; the list is emptied. */
static void fx_expect(fixture *fx, const char *want) {
  expect_lines(&fx->diag, want);
  rb_diag_free(&fx->diag);
}

/* ------------------------------------------------------------------ */
/* The tree                                                           */
/* ------------------------------------------------------------------ */

static void test_config__string_types(void **state) {
  (void)state;
  rb_node *root = tree("i = 40; l = 3000000000L; f = 2.385; s = \"kr\";\n"
                       "b = true; a = [1, 2]; li = ( { x = 1; } );\n"
                       "g = { y = \"z\"; };");
  assert_int_equal(root->type, RB_N_GROUP);
  assert_int_equal(root->n, 8);
  static const rb_ntype TYPES[] = {RB_N_INT,    RB_N_INT64, RB_N_FLOAT,
                                   RB_N_STRING, RB_N_BOOL,  RB_N_ARRAY,
                                   RB_N_LIST,   RB_N_GROUP};
  static const char *const NAMES[] = {"i", "l", "f", "s", "b", "a", "li", "g"};
  for (int i = 0; i < root->n; i++) {
    assert_string_equal(root->kids[i]->name, NAMES[i]);
    assert_int_equal(root->kids[i]->type, TYPES[i]);
    assert_string_equal(root->kids[i]->file, "F");
    assert_int_equal(root->kids[i]->line, 7);
  }
  assert_int_equal(rb_node_get(root, "i")->ival, 40);
  assert_true(rb_node_get(root, "l")->ival == 3000000000LL);
  assert_true(rb_node_get(root, "f")->fval == 2.385);
  assert_string_equal(rb_node_get(root, "s")->sval, "kr");
  assert_true(rb_node_get(root, "b")->bval);
  const rb_node *a = rb_node_get(root, "a");
  assert_int_equal(a->n, 2);
  assert_null(a->kids[0]->name);
  assert_int_equal(a->kids[1]->ival, 2);
  const rb_node *g = rb_node_get(root, "g");
  assert_string_equal(rb_node_get(g, "y")->sval, "z");
  assert_int_equal(rb_node_get(root, "li")->kids[0]->type, RB_N_GROUP);
  assert_null(rb_node_get(root, "nope"));
  assert_null(rb_node_get(a, "x")); /* not a group */
  assert_null(rb_node_get(NULL, "x"));
  rb_node_free(root);
}

static void test_config__string_refused(void **state) {
  (void)state;
  rb_node *root = (rb_node *)1;
  assert_int_equal(rb_cfg_read_string(&root, "a = ;", "F", 1), RB_EINVALID);
  assert_null(root);
  /* No file is ever read from a command-line value. */
  assert_int_equal(rb_cfg_read_string(&root, "@include \"x.cfg\"\n", "F", 1),
                   RB_EINVALID);
  assert_null(root);
}

static void test_config__numbers(void **state) {
  (void)state;
  rb_node *root = tree("i = -3; l = 5L; f = 0.25; s = \"1\";");
  assert_true(rb_node_is_number(rb_node_get(root, "i")));
  assert_true(rb_node_is_number(rb_node_get(root, "l")));
  assert_true(rb_node_is_number(rb_node_get(root, "f")));
  assert_false(rb_node_is_number(rb_node_get(root, "s")));
  assert_false(rb_node_is_number(NULL));
  assert_true(rb_node_number(rb_node_get(root, "i")) == -3.0);
  assert_true(rb_node_number(rb_node_get(root, "l")) == 5.0);
  assert_true(rb_node_number(rb_node_get(root, "f")) == 0.25);
  rb_node_free(root);
}

static void test_config__dup_and_append(void **state) {
  (void)state;
  rb_node *root = tree("g = { a = [1, 2, 3]; s = \"x\"; };");
  rb_node *d = rb_node_dup(rb_node_get(root, "g"));
  assert_non_null(d);
  assert_string_equal(d->name, "g");
  assert_int_equal(rb_node_get(d, "a")->n, 3);
  assert_ptr_not_equal(rb_node_get(d, "s")->sval,
                       rb_node_get(rb_node_get(root, "g"), "s")->sval);
  rb_node *extra = rb_node_dup(rb_node_get(d, "s"));
  assert_true(rb_node_append(d, extra));
  assert_int_equal(d->n, 3);
  assert_ptr_equal(d->kids[2], extra);
  rb_node_free(d);
  rb_node_free(root);
  rb_node_free(NULL);
}

static void test_config__describe(void **state) {
  (void)state;
  rb_node *root =
      tree("i = 40; l = 7L; f = 1.0; g = {}; a = [1]; li = ();\n"
           "b = false; s = \"kr\";\n"
           "long = \"abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGH\";");
  static const struct {
    const char *name, *text;
  } CASES[] = {{"i", "40"},
               {"l", "7L"},
               {"f", "1.0"},
               {"g", "a group"},
               {"a", "an array"},
               {"li", "a list"},
               {"b", "false"},
               {"s", "\"kr\""},
               {"long", "\"abcdefghijklmnopqrstuvwxyz0123456789A...\""}};
  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    char buf[80];
    rb_node_describe(buf, sizeof buf, rb_node_get(root, CASES[i].name));
    assert_string_equal(buf, CASES[i].text);
  }
  rb_node_free(root);
}

static void test_config__fmt_double(void **state) {
  (void)state;
  static const struct {
    double x;
    const char *text;
  } CASES[] = {{0.1, "0.1"},       {3.0, "3.0"},
               {-2.385, "-2.385"}, {0.1 + 0.2, "0.30000000000000004"},
               {1e300, "1e+300"},  {INFINITY, "inf"},
               {-INFINITY, "-inf"}};
  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    char buf[48];
    rb_fmt_double(buf, sizeof buf, CASES[i].x);
    assert_string_equal(buf, CASES[i].text);
    if (isfinite(CASES[i].x)) {
      assert_true(strtod(buf, NULL) == CASES[i].x);
    }
  }
  char buf[48];
  rb_fmt_double(buf, sizeof buf, NAN);
  assert_string_equal(buf, "nan");
}

static void test_config__paths_and_names(void **state) {
  (void)state;
  static const char *const CASES[][2] = {
      {"scenarios/aarhus/homeless.cfg", "scenarios/aarhus"},
      {"example.cfg", "."},
      {"/example.cfg", "/"},
      {"./example.cfg", "."}};
  for (size_t i = 0; i < sizeof CASES / sizeof CASES[0]; i++) {
    char *d = rb_path_dir(CASES[i][0]);
    assert_string_equal(d, CASES[i][1]);
    free(d);
  }
  rb_names files = {NULL, 0};
  const char *a = rb_names_intern(&files, "a.cfg");
  const char *b = rb_names_intern(&files, "b.cfg");
  assert_ptr_equal(rb_names_intern(&files, "a.cfg"), a);
  assert_ptr_not_equal(a, b);
  assert_int_equal(files.n, 2);
  for (int i = 0; i < files.n; i++) {
    free(files.names[i]);
  }
  free(files.names);
  char *s = rb_strfmt("%s.[%d]", "groups", 12);
  assert_string_equal(s, "groups.[12]");
  free(s);
  assert_null(rb_strdup(NULL));
}

/* ------------------------------------------------------------------ */
/* Files: lines, includes, errors                                     */
/* ------------------------------------------------------------------ */

static void test_config__file_lines(void **state) {
  (void)state;
  char top[200], part[200];
  tmp_path(part, sizeof part, "part.cfg");
  tmp_path(top, sizeof top, "top.cfg");
  write_text(part, "# shared\n\nshared = { cap = 2000; };\n");
  write_text(top, "format = 1;\n\nname = \"x\";\n@include \"part.cfg\"\n"
                  "list = (\n  { a = 1; },\n  { a = 2; }\n);\n");
  rb_names files = {NULL, 0};
  rb_diag d;
  rb_diag_init(&d);
  rb_node *root = NULL;
  assert_int_equal(rb_cfg_read_file(&root, top, tmpdir, &files, &d), RB_OK);
  assert_int_equal(d.n, 0);
  assert_int_equal(rb_node_get(root, "format")->line, 1);
  assert_string_equal(rb_node_get(root, "format")->file, top);
  assert_int_equal(rb_node_get(root, "name")->line, 3);
  /* An included file's nodes carry its path through the include dir. */
  const rb_node *sh = rb_node_get(root, "shared");
  assert_string_equal(sh->file, part);
  assert_int_equal(sh->line, 3);
  assert_int_equal(rb_node_get(sh, "cap")->line, 3);
  const rb_node *l = rb_node_get(root, "list");
  assert_int_equal(l->line, 5);
  assert_int_equal(l->kids[1]->line, 7);
  assert_int_equal(rb_node_get(l->kids[1], "a")->line, 7);
  /* Each file name is stored once. */
  assert_int_equal(files.n, 2);
  rb_node_free(root);
  for (int i = 0; i < files.n; i++) {
    free(files.names[i]);
  }
  free(files.names);
}

/* Reads @p path, which must fail with @p want and the one problem @p msg. */
static void expect_read_fails(const char *path, const char *include_dir,
                              rb_status want, const char *msg) {
  rb_names files = {NULL, 0};
  rb_diag d;
  rb_diag_init(&d);
  rb_node *root = (rb_node *)1;
  assert_int_equal(rb_cfg_read_file(&root, path, include_dir, &files, &d),
                   want);
  assert_null(root);
  expect_lines(&d, msg);
  rb_diag_free(&d);
  for (int i = 0; i < files.n; i++) {
    free(files.names[i]);
  }
  free(files.names);
}

static void test_config__file_errors(void **state) {
  (void)state;
  char path[200], msg[600];
  tmp_path(path, sizeof path, "missing.cfg");
  snprintf(msg, sizeof msg, "%s: cannot read: No such file or directory", path);
  expect_read_fails(path, NULL, RB_EIO, msg);
  snprintf(msg, sizeof msg, "%s: cannot read: Is a directory", tmpdir);
  expect_read_fails(tmpdir, NULL, RB_EIO, msg);
  tmp_path(path, sizeof path, "syntax.cfg");
  write_text(path, "a = 1;\nb = ;\n");
  snprintf(msg, sizeof msg, "%s:2: syntax error", path);
  expect_read_fails(path, NULL, RB_EINVALID, msg);
  /* A syntax error in an included file names that file. */
  char part[200];
  tmp_path(part, sizeof part, "bad-part.cfg");
  write_text(part, "\n\nc = ];\n");
  write_text(path, "a = 1;\n@include \"bad-part.cfg\"\n");
  snprintf(msg, sizeof msg, "%s:3: syntax error", part);
  expect_read_fails(path, tmpdir, RB_EINVALID, msg);
}

static void test_config__include_guard(void **state) {
  (void)state;
  char path[200], fifo[200], msg[600];
  tmp_path(path, sizeof path, "inc.cfg");
  /* A directory: libconfig 1.5 would end the process. */
  write_text(path, "a = 1;\n\n  @include \"\"\n");
  snprintf(msg, sizeof msg,
           "%s:3: cannot include \"\": %s/ is not a regular file", path,
           tmpdir);
  expect_read_fails(path, tmpdir, RB_EINVALID, msg);
  /* A FIFO: libconfig 1.5 would block on it. */
  tmp_path(fifo, sizeof fifo, "fifo");
  assert_int_equal(mkfifo(fifo, 0600), 0);
  write_text(path, "a = 1;\n@include \"fifo\"\n");
  snprintf(msg, sizeof msg,
           "%s:2: cannot include \"fifo\": %s is not a regular file", path,
           fifo);
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_cfg_includes_ok(path, tmpdir, &d), RB_EINVALID);
  assert_int_equal(d.n, 1);
  assert_string_equal(d.msgs[0], msg);
  rb_diag_free(&d);
  remove(fifo);
  /* A file that includes itself is followed once; a missing include is
   * left to libconfig. */
  write_text(path, "@include \"inc.cfg\"\n@include \"none.cfg\"\n");
  assert_int_equal(rb_cfg_includes_ok(path, tmpdir, &d), RB_OK);
  assert_int_equal(d.n, 0);
}

static void on_alarm(int sig) {
  (void)sig;
  static const char msg[] = "a read blocked on a FIFO\n";
  ssize_t w = write(2, msg, sizeof msg - 1);
  (void)w;
  _exit(1);
}

/* A FIFO or a device is refused without blocking (libconfig would block on
 * a FIFO, and read /dev/zero without end). */
static void test_config__not_a_regular_file(void **state) {
  (void)state;
  char fifo[200], msg[600];
  tmp_path(fifo, sizeof fifo, "fifo");
  assert_int_equal(mkfifo(fifo, 0600), 0);
  signal(SIGALRM, on_alarm);
  alarm(20);
  snprintf(msg, sizeof msg, "%s: cannot read: not a regular file", fifo);
  expect_read_fails(fifo, NULL, RB_EIO, msg);
  expect_read_fails("/dev/zero", NULL, RB_EIO,
                    "/dev/zero: cannot read: not a regular file");
  alarm(0);
  remove(fifo);
}

/* ------------------------------------------------------------------ */
/* Keys                                                               */
/* ------------------------------------------------------------------ */

static void test_config__keys(void **state) {
  (void)state;
  char k[RB_KEYMAX];
  rb_key_join(k, "", "groups");
  assert_string_equal(k, "groups");
  rb_key_index(k, k, 2);
  assert_string_equal(k, "groups.[2]");
  rb_key_join(k, k, "flats");
  assert_string_equal(k, "groups.[2].flats");
  rb_key_join(k, k, "rent.values");
  rb_key_index(k, k, 0);
  assert_string_equal(k, "groups.[2].flats.rent.values.[0]");
  /* A longer path is cut to the room there is. */
  char longname[2 * RB_KEYMAX];
  memset(longname, 'x', sizeof longname - 1);
  longname[sizeof longname - 1] = '\0';
  rb_key_join(k, "a", longname);
  assert_int_equal(strlen(k), RB_KEYMAX - 1);
  assert_memory_equal(k, "a.xx", 4);
}

/* ------------------------------------------------------------------ */
/* Typed getters                                                      */
/* ------------------------------------------------------------------ */

static void test_config__problem_places(void **state) {
  (void)state;
  fixture fx;
  fx_init(&fx);
  rb_node *root = tree("a = 1;");
  rb_cfg_problem(&fx.ck, rb_node_get(root, "a"), "a", "bad %d", 3);
  rb_cfg_problem(&fx.ck, NULL, "b", "not at a node");
  rb_cfg_problem(&fx.ck, NULL, NULL, "no key");
  assert_int_equal(fx.ck.nerr, 3);
  fx_expect(&fx, "F:7: a: bad 3\nTOP:1: b: not at a node\nTOP:1: no key");
  rb_node_free(root);
}

static void test_config__int(void **state) {
  (void)state;
  fixture fx;
  fx_init(&fx);
  rb_node *root = tree("g = { n = 40; f = 40.0; big = 3000000000L; lo = 0;"
                       " s = \"40\"; };");
  const rb_node *g = rb_node_get(root, "g");
  long long v = 0;
  assert_true(rb_cfg_int(&fx.ck, g, "g", "n", 1, 100, true, 0, &v));
  assert_int_equal(v, 40);
  assert_true(rb_cfg_int(&fx.ck, g, "g", "big", 0, INT64_MAX, true, 0, &v));
  assert_true(v == 3000000000LL);
  assert_true(rb_cfg_int(&fx.ck, g, "g", "absent", 1, 100, false, 6, &v));
  assert_int_equal(v, 6);
  assert_int_equal(fx.ck.nerr, 0);
  assert_false(rb_cfg_int(&fx.ck, g, "g", "f", 1, 100, true, 9, &v));
  assert_int_equal(v, 9);
  assert_false(rb_cfg_int(&fx.ck, g, "g", "s", 1, 100, true, 9, &v));
  assert_false(rb_cfg_int(&fx.ck, g, "g", "n", 1, 10, true, 0, &v));
  assert_false(rb_cfg_int(&fx.ck, g, "g", "n", 1, 1, true, 0, &v));
  assert_false(rb_cfg_int(&fx.ck, g, "g", "lo", 1, INT_MAX, true, 0, &v));
  assert_false(rb_cfg_int(&fx.ck, g, "g", "absent", 1, 100, true, 0, &v));
  assert_int_equal(fx.ck.nerr, 6);
  fx_expect(&fx, "F:7: g.f: expected an integer (got 40.0)\n"
                 "F:7: g.s: expected an integer (got \"40\")\n"
                 "F:7: g.n: must be between 1 and 10 (got 40)\n"
                 "F:7: g.n: must be 1 (got 40)\n"
                 "F:7: g.lo: must be >= 1 (got 0)\n"
                 "F:7: g.absent: required key missing");
  rb_node_free(root);
}

static void test_config__number_and_range(void **state) {
  (void)state;
  fixture fx;
  fx_init(&fx);
  rb_node *root = tree("i = 2; f = 0.25; s = \"x\"; inf = 1e400; neg = -0.5;");
  double x = -1.0;
  assert_true(rb_cfg_number(&fx.ck, rb_node_get(root, "i"), "i", &x));
  assert_true(x == 2.0); /* an integer is a number */
  assert_true(rb_cfg_number(&fx.ck, rb_node_get(root, "f"), "f", &x));
  assert_true(x == 0.25);
  assert_false(rb_cfg_number(&fx.ck, rb_node_get(root, "s"), "s", &x));
  assert_false(rb_cfg_number(&fx.ck, rb_node_get(root, "inf"), "inf", &x));
  assert_true(x == 0.25); /* unchanged on a problem */
  static const rb_range UNIT = {0.0, 1.0, false};
  static const rb_range NONNEG = {0.0, INFINITY, false};
  static const rb_range POS = {0.0, INFINITY, true};
  const rb_node *neg = rb_node_get(root, "neg");
  assert_true(rb_cfg_check_range(&fx.ck, neg, "neg", 0.0, &UNIT));
  assert_false(rb_cfg_check_range(&fx.ck, neg, "neg", -0.5, &UNIT));
  assert_false(rb_cfg_check_range(&fx.ck, neg, "neg", -0.5, &NONNEG));
  assert_false(rb_cfg_check_range(&fx.ck, neg, "neg", 0.0, &POS));
  assert_true(rb_range_has(&POS, 1e-300));
  assert_false(rb_range_has(&UNIT, 1.0000001));
  fx_expect(&fx, "F:7: s: expected a number (got \"x\")\n"
                 "F:7: inf: not a finite number (got inf)\n"
                 "F:7: neg: must be in [0, 1] (got -0.5)\n"
                 "F:7: neg: must be >= 0 (got -0.5)\n"
                 "F:7: neg: must be > 0 (got -0.5)");
  rb_node_free(root);
}

static void test_config__string_word_bool(void **state) {
  (void)state;
  fixture fx;
  fx_init(&fx);
  rb_node *root = tree("s = \"psa\"; n = 3; b = true; w = \"monthly\";");
  static const char *const MODES[] = {"stochastic", "psa"};
  assert_string_equal(rb_cfg_string(&fx.ck, root, "", "s", true), "psa");
  assert_null(rb_cfg_string(&fx.ck, root, "", "absent", false));
  assert_int_equal(fx.ck.nerr, 0);
  assert_null(rb_cfg_string(&fx.ck, root, "", "n", true));
  assert_int_equal(rb_cfg_word(&fx.ck, root, "", "s", MODES, 2, true, 0), 1);
  assert_int_equal(rb_cfg_word(&fx.ck, root, "", "absent", MODES, 2, false, 0),
                   0);
  assert_int_equal(rb_cfg_word(&fx.ck, root, "", "w", MODES, 2, true, 0), -1);
  assert_int_equal(rb_cfg_word(&fx.ck, root, "", "absent", MODES, 2, true, 0),
                   -1);
  bool b = false;
  assert_true(rb_cfg_bool(&fx.ck, root, "", "b", false, &b));
  assert_true(b);
  assert_true(rb_cfg_bool(&fx.ck, root, "", "absent", true, &b));
  assert_true(b);
  assert_false(rb_cfg_bool(&fx.ck, root, "", "n", false, &b));
  assert_false(b);
  fx_expect(&fx, "F:7: n: expected a string (got 3)\n"
                 "F:7: w: expected one of stochastic, psa (got \"monthly\")\n"
                 "F:7: absent: required key missing\n"
                 "F:7: n: expected true or false (got 3)");
  rb_node_free(root);
}

static void test_config__groups_lists_keys(void **state) {
  (void)state;
  fixture fx;
  fx_init(&fx);
  rb_node *root = tree("g = { a = 1; zz = 2; }; l = ( { x = 1; }, { y = 2; } );"
                       " bad = ( { x = 1; }, 3 ); arr = [1];");
  const rb_node *g = rb_cfg_group(&fx.ck, root, "", "g", true);
  assert_non_null(g);
  static const char *const KEYS[] = {"a", "b"};
  rb_cfg_check_keys(&fx.ck, g, "g", KEYS, 2);
  assert_null(rb_cfg_group(&fx.ck, root, "", "arr", true));
  assert_null(rb_cfg_group(&fx.ck, root, "", "absent", false));
  const rb_node *l = rb_cfg_list(&fx.ck, root, "", "l", true);
  assert_non_null(l);
  assert_int_equal(l->n, 2);
  assert_null(rb_cfg_list(&fx.ck, root, "", "bad", true));
  assert_null(rb_cfg_list(&fx.ck, root, "", "arr", true));
  assert_null(rb_cfg_member(&fx.ck, g, "g", "b", false));
  assert_non_null(rb_cfg_member(&fx.ck, g, "g", "a", true));
  rb_cfg_missing(&fx.ck, g, "g", "b");
  rb_cfg_expected(&fx.ck, rb_node_get(root, "arr"), "arr", "a group");
  fx_expect(&fx, "F:7: g.zz: unknown key\n"
                 "F:7: arr: expected a group { ... } (got an array)\n"
                 "F:7: bad.[1]: expected a group { ... } (got 3)\n"
                 "F:7: arr: expected a list of groups ( {...}, ... ) (got an "
                 "array)\n"
                 "F:7: g.b: required key missing\n"
                 "F:7: arr: expected a group (got an array)");
  rb_node_free(root);
}

static void test_config__words_text_and_strdup(void **state) {
  (void)state;
  static const char *const WORDS[] = {"separate", "included"};
  char buf[40];
  rb_words_text(buf, sizeof buf, WORDS, 2);
  assert_string_equal(buf, "separate, included");
  rb_words_text(buf, sizeof buf, WORDS, 0);
  assert_string_equal(buf, "");
  fixture fx;
  fx_init(&fx);
  char *s = rb_cfg_strdup(&fx.ck, "København");
  assert_string_equal(s, "København");
  free(s);
  assert_null(rb_cfg_strdup(&fx.ck, NULL));
  assert_false(fx.ck.oom);
  assert_int_equal(RB_NWORDS(WORDS), 2);
}

/* ------------------------------------------------------------------ */
/* Integers as written (libconfig 1.5 wraps them)                     */
/* ------------------------------------------------------------------ */

/* Member @p name of @p root: an integer with value @p v, huge or not. */
static void expect_int(const rb_node *root, const char *name, long long v,
                       bool huge) {
  const rb_node *n = rb_node_get(root, name);
  assert_non_null(n);
  if (n->ival != v || n->huge != huge) {
    fail_msg("%s is %lld%s, expected %lld%s", name, n->ival,
             n->huge ? " (huge)" : "", v, huge ? " (huge)" : "");
  }
}

static void test_config__integers_as_written(void **state) {
  (void)state;
  rb_node *root = tree(
      "size = 4294967306; seed = 4294967301; h = 4294967297;\n"
      "neg = -2147483649; max = 2147483647; min = -2147483648;\n"
      "l = 3000000000L; sat = 9223372036854775808L; big = "
      "9223372036854775808;\n"
      "huge = -99999999999999999999; hex = 0x100000028; hexl = 0xFFFFFFFFL;\n"
      "hexbig = 0xFFFFFFFFFFFFFFFFL; zeros = 000000000000000000000000042;\n"
      "a = [1, 4294967297, 2];\n");
  expect_int(root, "size", 4294967306LL, false);
  expect_int(root, "seed", 4294967301LL, false);
  expect_int(root, "h", 4294967297LL, false);
  expect_int(root, "neg", -2147483649LL, false);
  expect_int(root, "max", 2147483647LL, false);
  expect_int(root, "min", -2147483648LL, false);
  expect_int(root, "l", 3000000000LL, false);
  expect_int(root, "sat", INT64_MAX, true);
  expect_int(root, "big", INT64_MAX, true);
  expect_int(root, "huge", INT64_MIN, true);
  expect_int(root, "hex", 4294967336LL, false);
  expect_int(root, "hexl", 4294967295LL, false);
  expect_int(root, "hexbig", INT64_MAX, true);
  expect_int(root, "zeros", 42, false);
  const rb_node *a = rb_node_get(root, "a");
  assert_true(a->kids[0]->ival == 1 && a->kids[1]->ival == 4294967297LL &&
              a->kids[2]->ival == 2);
  /* The type stays the literal's; a huge one is described as written and
   * is a number of its size. */
  assert_int_equal(rb_node_get(root, "size")->type, RB_N_INT);
  char buf[80];
  rb_node_describe(buf, sizeof buf, rb_node_get(root, "size"));
  assert_string_equal(buf, "4294967306");
  rb_node_describe(buf, sizeof buf, rb_node_get(root, "huge"));
  assert_string_equal(buf, "-99999999999999999999");
  rb_node_describe(buf, sizeof buf, rb_node_get(root, "sat"));
  assert_string_equal(buf, "9223372036854775808L");
  assert_true(rb_node_number(rb_node_get(root, "huge")) == -1e20);
  rb_node_free(root);
}

/* Numbers in comments, strings and names are no literals; a setting over
 * several lines, or in an included file, still takes its own. */
static void test_config__integers_in_files(void **state) {
  (void)state;
  char top[200], part[200];
  tmp_path(part, sizeof part, "part.cfg");
  tmp_path(top, sizeof top, "top.cfg");
  write_text(part, "# 1 2 3\np = 4294967296;\nq = 5;\n");
  write_text(top, "# 4294967306 in a comment\n"
                  "s = \"4294967306 \\\" 7\"; /* 8\n 9 */ n1 = 4294967306;\n"
                  "x-1 = 4294967307; // 10\n"
                  "f = 1.5e3; g = .5; e = 2E2; i = 4294967308;\n"
                  "m =\n"
                  "  4294967309;\n"
                  "@include \"part.cfg\"\n"
                  "arr = [ 4294967310,\n 4294967311 ];\n");
  rb_names files = {NULL, 0};
  rb_diag d;
  rb_diag_init(&d);
  rb_node *root = NULL;
  assert_int_equal(rb_cfg_read_file(&root, top, tmpdir, &files, &d), RB_OK);
  expect_int(root, "n1", 4294967306LL, false);
  expect_int(root, "x-1", 4294967307LL, false);
  expect_int(root, "i", 4294967308LL, false);
  expect_int(root, "m", 4294967309LL, false);
  expect_int(root, "p", 4294967296LL, false);
  expect_int(root, "q", 5, false);
  const rb_node *arr = rb_node_get(root, "arr");
  assert_true(arr->kids[0]->ival == 4294967310LL &&
              arr->kids[1]->ival == 4294967311LL);
  assert_true(rb_node_get(root, "f")->fval == 1500.0);
  assert_string_equal(rb_node_get(root, "s")->sval, "4294967306 \" 7");
  rb_node_free(root);
  for (int i = 0; i < files.n; i++) {
    free(files.names[i]);
  }
  free(files.names);
}

/* ------------------------------------------------------------------ */
/* Text                                                               */
/* ------------------------------------------------------------------ */

static void test_config__text(void **state) {
  (void)state;
  static const char *const OK[] = {"", "København æøå", "a\tb", "€ 𝄞",
                                   "\xef\xbf\xbd"};
  for (size_t i = 0; i < sizeof OK / sizeof OK[0]; i++) {
    if (rb_text_problem(OK[i]) != NULL) {
      fail_msg("refused: %s", OK[i]);
    }
  }
  static const char *const CONTROL[] = {"a\x01", "a\nb",     "a\rb",
                                        "\x7f",  "\xc2\x85", "\xef\xbf\xbe"};
  for (size_t i = 0; i < sizeof CONTROL / sizeof CONTROL[0]; i++) {
    assert_string_equal(rb_text_problem(CONTROL[i]),
                        "must not hold control characters or line breaks "
                        "(a tab is allowed)");
  }
  /* A lone byte, a cut sequence, an overlong form, a surrogate, beyond
   * U+10FFFF. */
  static const char *const BAD[] = {
      "\xff",    "a\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
      "\x01\xff"};
  for (size_t i = 0; i < sizeof BAD / sizeof BAD[0]; i++) {
    assert_string_equal(rb_text_problem(BAD[i]), "must be valid UTF-8 text");
  }
  char buf[80];
  rb_text_quote(buf, sizeof buf, "a\x01\xff", 40);
  assert_string_equal(buf, "\"a\\x01\\xff\"");
  /* Cut at a character, never inside one. */
  rb_text_quote(buf, sizeof buf, "ææææææææææææææææææææææææææææææ", 40);
  assert_string_equal(buf, "\"ææææææææææææææææææ...\"");
}

static void test_config__describe_escapes(void **state) {
  (void)state;
  rb_node *root = tree("t = \"a\\x01b\"; u = \"\\xff\"; v = \"K\\xc3\\xb8\";");
  char buf[80];
  rb_node_describe(buf, sizeof buf, rb_node_get(root, "t"));
  assert_string_equal(buf, "\"a\\x01b\"");
  rb_node_describe(buf, sizeof buf, rb_node_get(root, "u"));
  assert_string_equal(buf, "\"\\xff\"");
  rb_node_describe(buf, sizeof buf, rb_node_get(root, "v"));
  assert_string_equal(buf, "\"Kø\"");
  rb_node_free(root);
}

static void test_config__check_text(void **state) {
  (void)state;
  fixture fx;
  fx_init(&fx);
  rb_node *root =
      tree("a = \"fine\"; g = { t = \"x\\x01\"; };\n"
           "l = ( { s = [\"ok\", \"\\xfe\"]; } ); tab = \"a\\tb\";");
  rb_cfg_check_text(&fx.ck, root);
  assert_int_equal(fx.ck.nerr, 2);
  fx_expect(&fx, "F:7: g.t: must not hold control characters or line breaks "
                 "(a tab is allowed) (got \"x\\x01\")\n"
                 "F:7: l.[0].s.[1]: must be valid UTF-8 text (got \"\\xfe\")");
  rb_node_free(root);
}

static void test_config__int_huge_and_size(void **state) {
  (void)state;
  fixture fx;
  fx_init(&fx);
  rb_node *root = tree("big = 99999999999999999999; neg = "
                       "-99999999999999999999; x = 2e12; y = -3e12;");
  long long v = 5;
  assert_false(rb_cfg_int_node(&fx.ck, rb_node_get(root, "big"), "big", 0,
                               INT64_MAX, &v));
  assert_false(rb_cfg_int_node(&fx.ck, rb_node_get(root, "neg"), "neg", 0,
                               INT64_MAX, &v));
  assert_false(rb_cfg_int_node(&fx.ck, rb_node_get(root, "big"), "big",
                               INT64_MIN, INT64_MAX, &v));
  assert_int_equal(v, 5);
  assert_true(rb_cfg_check_size(&fx.ck, rb_node_get(root, "x"), "x", 1e12, 1e12,
                                "why"));
  assert_false(rb_cfg_check_size(&fx.ck, rb_node_get(root, "x"), "x", 2e12,
                                 1e12, "why"));
  assert_false(rb_cfg_check_size(&fx.ck, rb_node_get(root, "y"), "y", -3e12,
                                 1e12, "why"));
  fx_expect(&fx, "F:7: big: must be between 0 and 9223372036854775807 (got "
                 "99999999999999999999)\n"
                 "F:7: neg: must be >= 0 (got -99999999999999999999)\n"
                 "F:7: big: must be between -9223372036854775808 and "
                 "9223372036854775807 (got 99999999999999999999)\n"
                 "F:7: x: must be at most 1e+12, why (got 2000000000000.0)\n"
                 "F:7: y: must be at least -1e+12, why (got -3000000000000.0)");
  rb_node_free(root);
}

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/rb-config-XXXXXX");
  return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state) {
  (void)state;
  static const char *const FILES[] = {"part.cfg",     "top.cfg", "syntax.cfg",
                                      "bad-part.cfg", "inc.cfg", "fifo"};
  for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++) {
    char p[200];
    remove(tmp_path(p, sizeof p, FILES[i]));
  }
  return rmdir(tmpdir);
}

int main(void) {
  static const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_config__string_types),
      cmocka_unit_test(test_config__string_refused),
      cmocka_unit_test(test_config__numbers),
      cmocka_unit_test(test_config__dup_and_append),
      cmocka_unit_test(test_config__describe),
      cmocka_unit_test(test_config__fmt_double),
      cmocka_unit_test(test_config__paths_and_names),
      cmocka_unit_test(test_config__file_lines),
      cmocka_unit_test(test_config__file_errors),
      cmocka_unit_test(test_config__include_guard),
      cmocka_unit_test(test_config__keys),
      cmocka_unit_test(test_config__problem_places),
      cmocka_unit_test(test_config__int),
      cmocka_unit_test(test_config__number_and_range),
      cmocka_unit_test(test_config__string_word_bool),
      cmocka_unit_test(test_config__groups_lists_keys),
      cmocka_unit_test(test_config__words_text_and_strdup),
      cmocka_unit_test(test_config__integers_as_written),
      cmocka_unit_test(test_config__integers_in_files),
      cmocka_unit_test(test_config__not_a_regular_file),
      cmocka_unit_test(test_config__text),
      cmocka_unit_test(test_config__describe_escapes),
      cmocka_unit_test(test_config__check_text),
      cmocka_unit_test(test_config__int_huge_and_size),
  };
  return cmocka_run_group_tests_name("config", tests, setup, teardown);
}
