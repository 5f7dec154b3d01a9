/* Where a results folder may go (rentbridge/folder.h,
 * folder/folder_internal.h): its name, its parent, what stands there now,
 * and the temporary folders of runs that were stopped. */
#define _XOPEN_SOURCE 700
#include "base/file.h"
#include "folder/folder_internal.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The largest manifest.json read to tell a results folder (they are about
 * 1 kB, more with a long command line). */
#define MANIFEST_MAX ((size_t)16 << 20)

const char *rb_dir_split(char parent[PATH_MAX], const char *dir) {
  snprintf(parent, PATH_MAX, "%s", dir);
  char *slash = strrchr(parent, '/');
  if (slash == NULL) {
    snprintf(parent, PATH_MAX, ".");
    return dir;
  }
  *slash = '\0';
  return dir + (slash - parent) + 1;
}

/* Does @p dir hold a manifest.json that says rentbridge wrote it? */
static bool has_manifest(const char *dir) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/manifest.json", dir) >=
      (int)sizeof path) {
    return false;
  }
  size_t len = 0;
  char *text = rb_file_slurp(path, &len, MANIFEST_MAX);
  if (text == NULL) {
    return false;
  }
  json_t *j = json_loadb(text, len, 0, NULL);
  free(text);
  const char *engine = json_string_value(json_object_get(j, "engine"));
  bool ok = engine != NULL && strcmp(engine, "rentbridge") == 0;
  json_decref(j);
  return ok;
}

/* Does the folder @p dir hold nothing? */
static bool is_empty(const char *dir) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    return false;
  }
  bool empty = true;
  struct dirent *e;
  while (empty && (e = readdir(d)) != NULL) {
    empty = strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
  }
  closedir(d);
  return empty;
}

rb_dir_kind rb_dir_kind_of(const char *dir) {
  struct stat sb;
  if (lstat(dir, &sb) != 0) {
    return errno == ENOENT ? RB_DIR_ABSENT : RB_DIR_OTHER;
  }
  if (!S_ISDIR(sb.st_mode)) {
    return RB_DIR_OTHER;
  }
  if (has_manifest(dir)) {
    return RB_DIR_RESULTS;
  }
  return is_empty(dir) ? RB_DIR_EMPTY : RB_DIR_OTHER;
}

void rb_dir_refuse(const char *dir, rb_diag *diag) {
  struct stat sb;
  bool folder = lstat(dir, &sb) == 0 && S_ISDIR(sb.st_mode);
  rb_diag_add(diag, dir, 0, NULL,
              "%s: it is left as it is (only a rentbridge results folder, "
              "one whose manifest.json says engine \"rentbridge\", is kept "
              "as <folder>.N or replaced); give another results folder or "
              "move it away yourself",
              folder ? "exists and is not a rentbridge results folder"
                     : "exists and is not a folder");
}

/* Can a folder be made in @p parent?  A folder is made there and removed
 * again: that answers for permissions, a read-only or full file system
 * alike.  (Named like a temporary folder, so that a run killed right here
 * leaves nothing the next run does not remove.) */
static rb_status probe(const char *parent, const char *dir, rb_diag *diag) {
  char path[PATH_MAX];
  int k = snprintf(path, sizeof path, "%s/.rentbridge-probe.tmp-%ld",
                   strcmp(parent, "/") == 0 ? "" : parent, (long)getpid());
  if (k < 0 || (size_t)k >= sizeof path ||
      (mkdir(path, 0700) != 0 && errno != EEXIST)) {
    rb_diag_add(diag, parent, 0, NULL,
                "cannot write the results folder %s into it: %s", dir,
                k < 0 || (size_t)k >= sizeof path ? "path too long"
                                                  : strerror(errno));
    return RB_EIO;
  }
  rmdir(path);
  return RB_OK;
}

/* The nearest folder above @p dir that exists: it must be a folder we may
 * write into (the missing ones below it are created). */
static rb_status check_parent(const char *dir, rb_diag *diag) {
  char parent[PATH_MAX], up[PATH_MAX];
  rb_dir_split(parent, dir);
  for (;;) {
    struct stat sb;
    const char *p = parent[0] != '\0' ? parent : "/";
    if (stat(p, &sb) == 0) {
      if (!S_ISDIR(sb.st_mode)) {
        rb_diag_add(diag, p, 0, NULL, "is not a folder, so %s cannot be made",
                    dir);
        return RB_EIO;
      }
      return probe(p, dir, diag);
    }
    if (errno != ENOENT || strcmp(parent, ".") == 0) {
      rb_diag_add(diag, p, 0, NULL, "cannot make the results folder %s: %s",
                  dir, strerror(errno));
      return RB_EIO;
    }
    snprintf(up, sizeof up, "%s", parent);
    rb_dir_split(parent, up);
  }
}

rb_status rb_results_dir_check(char *out, size_t n, const char *dir,
                               rb_diag *diag) {
  size_t len = strlen(dir);
  while (len > 1 && dir[len - 1] == '/') {
    len--; /* "results/x/" is "results/x" */
  }
  if (len + RB_DIR_SUFFIX_ROOM >= PATH_MAX || len >= n) {
    rb_diag_add(diag, dir, 0, NULL, "the results folder's path is too long");
    return RB_EIO;
  }
  memcpy(out, dir, len);
  out[len] = '\0';
  char parent[PATH_MAX];
  const char *base = rb_dir_split(parent, out);
  if (base[0] == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
    rb_diag_add(diag, len > 0 ? dir : "\"\"", 0, NULL,
                "is not a name for a results folder (give the folder to "
                "make, such as results/mine)");
    return RB_EIO;
  }
  if (strlen(base) + RB_DIR_SUFFIX_ROOM > NAME_MAX) {
    rb_diag_add(diag, dir, 0, NULL,
                "the results folder's name is too long (at most %d bytes)",
                NAME_MAX - RB_DIR_SUFFIX_ROOM);
    return RB_EIO;
  }
  rb_status st = check_parent(out, diag);
  if (st == RB_OK && rb_dir_kind_of(out) == RB_DIR_OTHER) {
    rb_dir_refuse(out, diag);
    st = RB_EIO;
  }
  return st;
}

/* The process id in a temporary sibling's name ".<base>.tmp-<pid>" or
 * ".<base>.old-<pid>", or 0. */
static long temp_pid(const char *name) {
  const char *t = strrchr(name, '-');
  if (name[0] != '.' || t == NULL || t - name < 5 ||
      (strncmp(t - 4, ".tmp", 4) != 0 && strncmp(t - 4, ".old", 4) != 0) ||
      t[1] == '\0' || strspn(t + 1, "0123456789") != strlen(t + 1) ||
      strlen(t + 1) > 9) {
    return 0;
  }
  return strtol(t + 1, NULL, 10);
}

void rb_dir_clean_stale(const char *parent) {
  DIR *d = opendir(parent[0] != '\0' ? parent : "/");
  if (d == NULL) {
    return;
  }
  struct dirent *e;
  while ((e = readdir(d)) != NULL) {
    long pid = temp_pid(e->d_name);
    char path[PATH_MAX];
    struct stat sb;
    /* Only our own folders, of processes that are gone. */
    if (pid <= 0 || pid == (long)getpid() || kill((pid_t)pid, 0) == 0 ||
        errno != ESRCH ||
        snprintf(path, sizeof path, "%s/%s", parent, e->d_name) >=
            (int)sizeof path ||
        lstat(path, &sb) != 0 || !S_ISDIR(sb.st_mode) ||
        sb.st_uid != geteuid()) {
      continue;
    }
    rb_remove_tree(path);
  }
  closedir(d);
}
