/* Golden answer files: `rentbridge run` on a few small scenarios with a
 * fixed seed, on 1 and 2 threads, must write summary.json and every CSV file
 * byte for byte as stored in tests/golden/<case>/.  An intended change of
 * the results is accepted with `make golden-update` (tests/golden/README.md),
 * which runs this program with RB_GOLDEN_UPDATE=1: the 1-thread run then
 * writes the files, and the 2-thread run is compared against them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "base/file.h"
#include "util.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#define GOLDEN "tests/golden"
#define MAX_FILES 32

/* A scenario, its replications and seed: one folder of tests/golden/. */
typedef struct {
  const char *name;
  const char *scenario;
  int replications;
  int seed;
} golden_case;

/* One test: a case on a number of threads. */
typedef struct {
  const golden_case *c;
  int threads;
} golden_run;

static const golden_case cases[] = {
    {"mini", "tests/data/ok/mini.cfg", 50, 5},
    {"example", "tests/data/ok/example.cfg", 40, 7},
    {"psa", "tests/data/decision/psa.cfg", 40, 3},
};
#define N_CASES (sizeof cases / sizeof cases[0])
#define N_THREADS 2

static char *tmpdir;

/* Is @p name a file the golden files hold: summary.json or a CSV file? */
static int is_golden_name(const char *name) {
  size_t n = strlen(name);
  return strcmp(name, "summary.json") == 0 ||
         (n > 4 && strcmp(name + n - 4, ".csv") == 0);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The golden-file names in @p dir, sorted, into @p names (caller frees
 * each); how many.  A missing folder holds none. */
static int list_golden(const char *dir, char *names[MAX_FILES]) {
  int n = 0;
  DIR *d = opendir(dir);
  if (d == NULL) {
    return 0;
  }
  for (struct dirent *e = readdir(d); e != NULL; e = readdir(d)) {
    if (is_golden_name(e->d_name)) {
      assert_true(n < MAX_FILES);
      names[n++] = strdup(e->d_name);
    }
  }
  closedir(d);
  qsort(names, (size_t)n, sizeof names[0], by_name);
  return n;
}

static void free_names(char *names[], int n) {
  for (int i = 0; i < n; i++) {
    free(names[i]);
  }
}

/* Run the case on @p threads threads into @p out. */
static void run_case(const golden_run *r, const char *out) {
  char cmd[4096];
  snprintf(cmd, sizeof cmd,
           "%s run %s --out %s --replications %d --seed %d --threads %d "
           "--quiet",
           ut_bin(), r->c->scenario, out, r->c->replications, r->c->seed,
           r->threads);
  int rc = system(cmd);
  if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0) {
    fail_msg("%s: exit status %d", cmd, WIFEXITED(rc) ? WEXITSTATUS(rc) : -1);
  }
}

static int exists_in(const char *dir, const char *name) {
  char path[4096];
  struct stat sb;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  return stat(path, &sb) == 0;
}

/* Is @p dir/@p name byte for byte @p want (of @p len bytes)? */
static int same_file(const char *dir, const char *name, const char *want,
                     size_t len) {
  char path[4096];
  size_t n = 0;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  char *got = rb_file_slurp(path, &n, 0);
  int same = got != NULL && n == len && memcmp(got, want, len) == 0;
  free(got);
  return same;
}

/* Write the golden files of @p out into @p gold, replacing those there. */
static void update(const char *out, const char *gold) {
  char *old[MAX_FILES], *now[MAX_FILES], path[4096];
  int n_old = list_golden(gold, old);
  for (int i = 0; i < n_old; i++) {
    snprintf(path, sizeof path, "%s/%s", gold, old[i]);
    assert_int_equal(remove(path), 0);
  }
  free_names(old, n_old);
  mkdir(GOLDEN, 0777);
  mkdir(gold, 0777);
  int n = list_golden(out, now);
  for (int i = 0; i < n; i++) {
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", out, now[i]);
    char *data = rb_file_slurp(path, &len, 0);
    assert_non_null(data);
    snprintf(path, sizeof path, "%s/%s", gold, now[i]);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    free(data);
  }
  free_names(now, n);
  print_message("golden: wrote %d files to %s\n", n, gold);
}

/* Print the names only one of two sorted lists holds; do they differ? */
static int names_differ(char *want[], int n_want, char *got[], int n_got) {
  int i = 0, j = 0, differ = 0;
  while (i < n_want || j < n_got) {
    int c = i == n_want ? 1 : j == n_got ? -1 : strcmp(want[i], got[j]);
    if (c != 0) {
      print_error("%s: %s\n",
                  c < 0 ? "golden file the run did not write"
                        : "file the run wrote, not golden",
                  c < 0 ? want[i] : got[j]);
      differ = 1;
    }
    i += c <= 0;
    j += c >= 0;
  }
  return differ;
}

/* Fail, with a diff, unless @p out holds exactly the golden files of
 * @p gold, byte for byte. */
static void compare(const char *out, const char *gold) {
  char *want[MAX_FILES], *got[MAX_FILES], path[4096], cmd[8192];
  int n_want = list_golden(gold, want);
  int n_got = list_golden(out, got);
  int bad = n_want == 0 || names_differ(want, n_want, got, n_got);
  for (int i = 0; i < n_want; i++) {
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", gold, want[i]);
    char *data = rb_file_slurp(path, &len, 0);
    assert_non_null(data);
    if (exists_in(out, want[i]) && !same_file(out, want[i], data, len)) {
      print_error("%s differs from the golden file:\n", want[i]);
      snprintf(cmd, sizeof cmd, "diff -u %s %s/%s | head -n 40 >&2", path, out,
               want[i]);
      (void)system(cmd);
      bad = 1;
    }
    free(data);
  }
  free_names(want, n_want);
  free_names(got, n_got);
  if (bad) {
    fail_msg("results differ from %s; if the change is intended, run "
             "`make golden-update` and commit tests/golden/",
             gold);
  }
}

static void test_golden__run(void **state) {
  const golden_run *r = *state;
  char out[512], gold[512];
  snprintf(out, sizeof out, "%s/%s-t%d", tmpdir, r->c->name, r->threads);
  snprintf(gold, sizeof gold, "%s/%s", GOLDEN, r->c->name);
  run_case(r, out);
  const char *up = getenv("RB_GOLDEN_UPDATE");
  if (up != NULL && strcmp(up, "1") == 0 && r->threads == 1) {
    update(out, gold);
  } else {
    compare(out, gold);
  }
}

static int setup(void **state) {
  (void)state;
  tmpdir = ut_mkdtemp("golden");
  return tmpdir != NULL ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  ut_rm_tree(tmpdir);
  free(tmpdir);
  return 0;
}

int main(void) {
  static golden_run runs[N_CASES * N_THREADS];
  static char names[N_CASES * N_THREADS][64];
  struct CMUnitTest tests[N_CASES * N_THREADS];
  for (size_t i = 0; i < N_CASES * N_THREADS; i++) {
    runs[i].c = &cases[i / N_THREADS];
    runs[i].threads = (int)(i % N_THREADS) + 1;
    snprintf(names[i], sizeof names[i], "test_golden__%s_%d_thread%s",
             runs[i].c->name, runs[i].threads, runs[i].threads > 1 ? "s" : "");
    tests[i] =
        (struct CMUnitTest){names[i], test_golden__run, NULL, NULL, &runs[i]};
  }
  return cmocka_run_group_tests(tests, setup, teardown);
}
