/* What the libFuzzer targets share (tools/fuzz_common.h). */
#include "fuzz_common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void fuzz_write_file(const char *path, const uint8_t *data, size_t size) {
  FILE *f = fopen(path, "wb");
  if (f == NULL) {
    abort();
  }
  fwrite(data, 1, size, f);
  fclose(f);
}

void fuzz_make_dir(char dir[64], const char *tag) {
  snprintf(dir, 64, "/tmp/rb-fuzz-%s-XXXXXX", tag);
  if (mkdtemp(dir) == NULL) {
    abort();
  }
  char to[128];
  snprintf(to, sizeof to, "%s/rules.cfg", dir);
  const char *rules = getenv("RB_FUZZ_RULES");
  FILE *in = fopen(rules != NULL ? rules : "tests/data/rules-test.cfg", "rb");
  FILE *out = fopen(to, "wb");
  if (in == NULL || out == NULL) {
    abort();
  }
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
    fwrite(buf, 1, n, out);
  }
  fclose(in);
  fclose(out);
}

/* Take the leading "--set KEY=VALUE" lines of an input off into @p sets
 * (each malloc'ed): how many; *rest is the offset of the file's text. */
static int fuzz_take_sets(char *sets[FUZZ_MAX_SETS], const uint8_t *data,
                          size_t size, size_t *rest) {
  int n = 0;
  size_t pos = 0;
  while (n < FUZZ_MAX_SETS && size - pos > 6 &&
         memcmp(data + pos, "--set ", 6) == 0) {
    const uint8_t *nl = memchr(data + pos, '\n', size - pos);
    if (nl == NULL) {
      break;
    }
    size_t len = (size_t)(nl - (data + pos)) - 6;
    sets[n] = malloc(len + 1);
    if (sets[n] == NULL) {
      abort();
    }
    memcpy(sets[n], data + pos + 6, len);
    sets[n][len] = '\0';
    n++;
    pos = (size_t)(nl - data) + 1;
  }
  *rest = pos;
  return n;
}

static void fuzz_free_sets(char *sets[FUZZ_MAX_SETS], int n) {
  for (int i = 0; i < n; i++) {
    free(sets[i]);
  }
}

rb_status fuzz_load(rb_scenario **sc, const char *path, const uint8_t *data,
                    size_t size, rb_diag *d) {
  char *sets[FUZZ_MAX_SETS];
  size_t pos;
  const int n_sets = fuzz_take_sets(sets, data, size, &pos);
  fuzz_write_file(path, data + pos, size - pos);
  rb_load_opts o = {(const char *const *)sets, n_sets, NULL};
  *sc = NULL;
  rb_status st = rb_scenario_load(sc, path, &o, d);
  fuzz_free_sets(sets, n_sets);
  return st;
}
