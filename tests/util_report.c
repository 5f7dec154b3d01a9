/* Shared helpers for the tests of the documents: files, commands, the
 * python3 checkers and temporary folders. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util_report.h"

#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

char *ut_slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  size_t got = fread(buf, 1, (size_t)n, f);
  buf[got] = '\0';
  fclose(f);
  return buf;
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
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  size_t k;
  while ((k = fread(buf + n, 1, cap - n - 1, p)) > 0) {
    n += k;
    if (n + 1 == cap) {
      cap *= 2;
      buf = realloc(buf, cap);
    }
  }
  buf[n] = '\0';
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

static int rm_entry(const char *path, const struct stat *sb, int flag,
                    struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

void ut_rm_tree(const char *root) {
  if (getenv("RB_KEEP_TEST_OUTPUT") == NULL) {
    nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
  }
}
