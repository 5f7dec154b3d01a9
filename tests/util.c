/* The helpers every test program shares (tests/util.h). */
#define _GNU_SOURCE /* program_invocation_short_name */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util.h"

#include "base/file.h"

#include <errno.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

rb_scenario *ut_load(const char *path, const char *const *sets, int n_sets) {
  rb_diag d;
  rb_diag_init(&d);
  rb_load_opts opts = {sets, n_sets, NULL};
  rb_scenario *sc = NULL;
  rb_status st = rb_scenario_load(&sc, path, &opts, &d);
  for (size_t i = 0; i < d.n; i++) {
    fprintf(stderr, "%s\n", d.msgs[i]);
  }
  rb_diag_free(&d);
  if (st != RB_OK) {
    return NULL;
  }
  return sc;
}

int ut_run(rb_results *out, const rb_scenario *sc, int threads) {
  rb_run_opts opts = {0};
  opts.threads = threads;
  return rb_engine_run(out, sc, &opts) == RB_OK ? 0 : -1;
}

/* No way out of placed or a flat but an offer: every event 0. */
static const char *const quiet_sets[] = {
    "groups.[0].transitions.placed.dead=0.0",
    "groups.[0].transitions.housed_subsidised.placed=0.0",
    "groups.[0].transitions.housed_subsidised.homeless=0.0",
    "groups.[0].transitions.housed_subsidised.exited=0.0",
    "groups.[0].transitions.housed_subsidised.dead=0.0",
    "groups.[0].transitions.housed_ordinary.placed=0.0",
    "groups.[0].transitions.housed_ordinary.homeless=0.0",
    "groups.[0].transitions.housed_ordinary.exited=0.0",
    "groups.[0].transitions.housed_ordinary.dead=0.0",
    "scenario.horizon_months=36",
};
#define N_QUIET ((int)(sizeof quiet_sets / sizeof quiet_sets[0]))

rb_scenario *ut_load_quiet(const char *path, const char *const *more,
                           int n_more) {
  const char *sets[N_QUIET + 12];
  assert_true(n_more <= 12);
  for (int i = 0; i < N_QUIET; i++) {
    sets[i] = quiet_sets[i];
  }
  for (int i = 0; i < n_more; i++) {
    sets[N_QUIET + i] = more[i];
  }
  return ut_load(path, sets, N_QUIET + n_more);
}

int ut_param_index(const rb_scenario *sc, const char *key) {
  for (int i = 0; i < sc->n_params; i++) {
    if (strcmp(sc->params[i].key, key) == 0) {
      return i;
    }
  }
  fail_msg("no parameter %s", key);
  return -1;
}

void ut_check_mcse(const char *what, double x, double want, double mcse,
                   double k) {
  if (!(fabs(x - want) <= k * mcse)) {
    fail_msg("%s: %.4f differs from %.4f by more than %.1f MCSE (%.4f)", what,
             x, want, k, k * mcse);
  }
}

const char *ut_bin(void) {
  const char *b = getenv("RB_BIN");
  return b != NULL ? b : "build/rentbridge";
}

char *ut_slurp(const char *path) {
  return rb_file_slurp(path, NULL, 0);
}

char *ut_read_text(const char *path) {
  char *s = ut_slurp(path);
  if (s == NULL) {
    fail_msg("cannot read %s", path);
  }
  return s;
}

char *ut_subst(const char *text, const char *old, const char *repl) {
  const char *at = strstr(text, old);
  if (at == NULL) {
    fail_msg("text to replace not found: %s", old);
  }
  size_t a = (size_t)(at - text), lo = strlen(old), lr = strlen(repl);
  char *out = malloc(strlen(text) - lo + lr + 1);
  assert_non_null(out);
  memcpy(out, text, a);
  memcpy(out + a, repl, lr);
  strcpy(out + a + lr, at + lo);
  return out;
}

char *ut_subst_pairs(const char *text, const char *const *pairs, int n) {
  char *out = strdup(text);
  assert_non_null(out);
  for (int i = 0; i < n; i++) {
    char *next = ut_subst(out, pairs[2 * i], pairs[2 * i + 1]);
    free(out);
    out = next;
  }
  return out;
}

char *ut_read_in(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  char *s = ut_slurp(path);
  assert_non_null(s);
  return s;
}

bool ut_file_exists(const char *dir, const char *name) {
  char path[4096];
  struct stat sb;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return stat(path, &sb) == 0 && sb.st_size > 0;
}

char *ut_run_cmd(const char *cmd, int *status) {
  FILE *p = popen(cmd, "r");
  if (p == NULL) {
    return NULL;
  }
  char *buf = NULL;
  size_t len = 0;
  FILE *out = open_memstream(&buf, &len);
  char chunk[4096];
  size_t k;
  while ((k = fread(chunk, 1, sizeof chunk, p)) > 0) {
    fwrite(chunk, 1, k, out);
  }
  fclose(out);
  int st = pclose(p);
  if (status != NULL) {
    *status = st;
  }
  return buf;
}

bool ut_have(const char *prog) {
  char cmd[256];
  snprintf(cmd, sizeof cmd, "command -v %s >/dev/null 2>&1", prog);
  return system(cmd) == 0;
}

int ut_count(const char *hay, const char *needle) {
  int n = 0;
  for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle)) {
    n++;
  }
  return n;
}

char *ut_check_html(const char *dir) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "python3 tests/check_html.py %s/report.html", dir);
  int st = 0;
  char *out = ut_run_cmd(cmd, &st);
  if (st != 0) {
    fprintf(stderr, "check_html: %s", out);
  }
  assert_int_equal(st, 0);
  return out;
}

char *ut_xlsx_part(const char *dir, const char *member) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd, "python3 tests/xlsx_part.py %s/workbook.xlsx %s",
           dir, member);
  int st = 0;
  char *out = ut_run_cmd(cmd, &st);
  assert_int_equal(st, 0);
  return out;
}

double ut_cell_value(const char *xml, const char *ref) {
  char pat[32];
  snprintf(pat, sizeof pat, "<c r=\"%s\"", ref);
  const char *c = strstr(xml, pat);
  if (c == NULL) {
    return NAN;
  }
  const char *end = strstr(c, "</c>");
  const char *v = strstr(c, "<v>");
  if (v == NULL || end == NULL || v > end) {
    return NAN;
  }
  return strtod(v + 3, NULL);
}

char *ut_mkdtemp(const char *tag) {
  char buf[256];
  snprintf(buf, sizeof buf, "/tmp/rentbridge-%s-XXXXXX", tag);
  char *dir = strdup(buf);
  if (dir == NULL || mkdtemp(dir) == NULL) {
    free(dir);
    return NULL;
  }
  return dir;
}

void ut_rm_tree(const char *root) {
  if (getenv("RB_KEEP_TEST_OUTPUT") == NULL) {
    (void)rb_remove_tree(root);
  }
}

char *ut_tmp = NULL;

int ut_tmp_setup(void **state) {
  (void)state;
  ut_tmp = ut_mkdtemp(program_invocation_short_name);
  return ut_tmp != NULL ? 0 : -1;
}

int ut_tmp_teardown(void **state) {
  (void)state;
  ut_rm_tree(ut_tmp);
  free(ut_tmp);
  ut_tmp = NULL;
  return 0;
}

void ut_has(const char *hay, const char *want) {
  assert_non_null(hay);
  if (strstr(hay, want) == NULL) {
    fail_msg("missing: %s", want);
  }
}

void ut_file_has(const char *dir, const char *name, const char *want) {
  char *got = ut_read_in(dir, name);
  if (strstr(got, want) == NULL) {
    fail_msg("%s lacks:\n%s\n--- it holds:\n%s", name, want, got);
  }
  free(got);
}

void ut_file_is(const char *dir, const char *name, const char *want) {
  char *got = ut_read_in(dir, name);
  assert_string_equal(got, want);
  free(got);
}

json_t *ut_json_in(const char *dir, const char *name) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  json_error_t e;
  json_t *j = json_load_file(path, 0, &e);
  if (j == NULL) {
    fail_msg("%s: %s (line %d)", path, e.text, e.line);
  }
  return j;
}

void ut_xlsx_has(const char *dir, const char *member, const char *want) {
  char *got = ut_xlsx_part(dir, member);
  if (strstr(got, want) == NULL) {
    fail_msg("%s lacks: %s", member, want);
  }
  free(got);
}

void ut_put_file(const char *path, const char *text, bool exec) {
  FILE *f = fopen(path, "w");
  assert_non_null(f);
  fputs(text, f);
  assert_int_equal(fclose(f), 0);
  if (exec) {
    assert_int_equal(chmod(path, 0755), 0);
  }
}

int ut_reap(int pid) {
  int st;
  while (waitpid((pid_t)pid, &st, 0) < 0) {
    assert_int_equal(errno, EINTR);
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Every test program links this file, and none may have GSL abort it: GSL
 * errors are returned as status codes, as the library's entry points ask
 * too.  Set before main(), so that no test program has to remember it. */
__attribute__((constructor)) static void ut_gsl_errors_returned(void) {
  gsl_set_error_handler_off();
}

void ut_cli_out(char *out, size_t size, const char *args, const char *dir,
                const char *sub) {
  char cmd[4096];
  snprintf(out, size, "%s/%s", dir, sub);
  snprintf(cmd, sizeof cmd, "%s %s --quiet --force --out %s", ut_bin(), args,
           out);
  int status = 0;
  free(ut_run_cmd(cmd, &status));
  if (status != 0) {
    fail_msg("%s: status %d", cmd, status);
  }
}
