/* Writing files: open, close with the error checked, times and hashes
 * (base/io.h). */
#include "base/io.h"

#include <errno.h>
#include <fcntl.h>
#include <sha2.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

void rb_now_iso(char out[32]) {
  time_t now = time(NULL);
  struct tm tmv;
  gmtime_r(&now, &tmv);
  strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tmv);
}

void rb_sha256_file(char out[65], const char *path) {
  out[0] = '\0';
  /* Non-blocking, regular files only: a FIFO put where a scenario was is
   * never waited for. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat sb;
  if (fd < 0) {
    return;
  }
  if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
    close(fd);
    return;
  }
  SHA2_CTX ctx;
  SHA256Init(&ctx);
  uint8_t chunk[1 << 14];
  ssize_t k;
  while ((k = read(fd, chunk, sizeof chunk)) != 0) {
    if (k < 0 && errno != EINTR && errno != EAGAIN) {
      close(fd);
      return;
    }
    if (k > 0) {
      SHA256Update(&ctx, chunk, (size_t)k);
    }
  }
  close(fd);
  char buf[SHA256_DIGEST_STRING_LENGTH];
  SHA256End(&ctx, buf);
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
