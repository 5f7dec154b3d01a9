/* Reading a whole file, removing a tree (base/file.h). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "base/file.h"

#include <ftw.h>
#include <stdio.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char *read_all(int fd, size_t hint, size_t max, size_t *len) {
  size_t cap = hint + 1, n = 0;
  char *buf = malloc(cap);
  while (buf != NULL) {
    ssize_t k = read(fd, buf + n, cap - n - 1);
    if (k < 0 && errno == EINTR) {
      continue;
    }
    if (k <= 0) {
      if (k < 0) {
        int e = errno;
        free(buf);
        errno = e;
        return NULL;
      }
      break;
    }
    n += (size_t)k;
    if (max > 0 && n > max) {
      free(buf);
      errno = EFBIG;
      return NULL;
    }
    if (n + 1 == cap) {
      char *nb = realloc(buf, cap * 2);
      if (nb == NULL) {
        free(buf);
        errno = ENOMEM;
        return NULL;
      }
      buf = nb;
      cap *= 2;
    }
  }
  if (buf == NULL) {
    errno = ENOMEM;
    return NULL;
  }
  buf[n] = '\0';
  if (len != NULL) {
    *len = n;
  }
  return buf;
}

char *rb_file_slurp(const char *path, size_t *len, size_t max) {
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    int e = errno;
    close(fd);
    errno = e;
    return NULL;
  }
  if (!S_ISREG(st.st_mode)) {
    close(fd);
    errno = S_ISDIR(st.st_mode) ? EISDIR : EINVAL;
    return NULL;
  }
  if (max > 0 && (size_t)st.st_size > max) {
    close(fd);
    errno = EFBIG;
    return NULL;
  }
  /* A regular file: reads may block as usual. */
  int fl = fcntl(fd, F_GETFL);
  if (fl >= 0) {
    (void)fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
  }
  char *buf = read_all(fd, (size_t)st.st_size, max, len);
  int e = errno;
  close(fd);
  errno = e;
  return buf;
}

int rb_file_is_regular(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int remove_entry(const char *path, const struct stat *sb, int flag,
                        struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

int rb_remove_tree(const char *path) {
  return nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0 ? 0 : -1;
}
