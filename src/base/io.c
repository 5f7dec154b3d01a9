/* Writing files: open, close with the error checked, times and hashes
 * (base/io.h). */
#include "base/io.h"

#include <sha2.h>
#include <string.h>
#include <time.h>

void rb_now_iso(char out[32]) {
  time_t now = time(NULL);
  struct tm tmv;
  gmtime_r(&now, &tmv);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tmv);
}

void rb_sha256_file(char out[65], const char *path) {
  char buf[SHA256_DIGEST_STRING_LENGTH];
  if (SHA256File(path, buf) == NULL) {
    out[0] = '\0';
    return;
  }
  memcpy(out, buf, 64);
  out[64] = '\0';
}

FILE *rb_open_in(const char *dir, const char *name) {
  char path[4096];
  int k = snprintf(path, sizeof path, "%s/%s", dir, name);
  if (k < 0 || (size_t)k >= sizeof path) {
    return NULL;
  }
  return fopen(path, "w");
}

rb_status rb_close_ok(FILE *f, rb_status st) {
  if (f == NULL) {
    return RB_EIO;
  }
  if (ferror(f)) {
    st = RB_EIO;
  }
  if (fclose(f) != 0) {
    st = RB_EIO;
  }
  return st;
}
