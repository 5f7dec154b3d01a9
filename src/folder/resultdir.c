/* Writing a results folder atomically: fill a temporary sibling folder,
 * then rename it into place; an earlier folder is kept as <dir>.N or
 * replaced (folder/folder_internal.h). */
#define _XOPEN_SOURCE 700 /* nftw */
#include "base/file.h"
#include "base/io.h"
#include "folder/folder_internal.h"
#include "output/writers.h"

#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int rm_entry(const char *path, const struct stat *sb, int flag,
                    struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

static void remove_tree(const char *path) {
  nftw(path, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* snprintf into a path buffer; a path that does not fit is an error. */
__attribute__((noinline)) static int
path_fmt(char *buf, size_t n, const char *fmt, const char *a, const char *b) {
  int k = snprintf(buf, n, fmt, a, b);
  return k < 0 || (size_t)k >= n ? -1 : 0;
}

static int exists(const char *path) {
  struct stat sb;
  return stat(path, &sb) == 0;
}

/* mkdir -p */
static int make_dirs(const char *path) {
  char tmp[PATH_MAX];
  snprintf(tmp, sizeof tmp, "%s", path);
  for (char *p = tmp + 1; *p; p++) {
    if (*p == '/') {
      *p = '\0';
      if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
        return -1;
      }
      *p = '/';
    }
  }
  if (mkdir(tmp, 0777) != 0 && errno != EEXIST) {
    return -1;
  }
  return 0;
}

/* @p dir's parent folder into @p parent ("." when @p dir has no slash, ""
 * for the root); @return its last part. */
static const char *split_dir(char parent[PATH_MAX], const char *dir) {
  snprintf(parent, PATH_MAX, "%s", dir);
  char *slash = strrchr(parent, '/');
  if (slash == NULL) {
    snprintf(parent, PATH_MAX, ".");
    return dir;
  }
  *slash = '\0';
  return dir + (slash - parent) + 1;
}

/* A hidden sibling of @p dir: "<parent>/.<base><suffix>-<pid>". */
static int sibling(char *buf, size_t n, const char *dir, const char *suffix) {
  char parent[PATH_MAX], pid[32], tbase[PATH_MAX];
  const char *base = split_dir(parent, dir);
  snprintf(pid, sizeof pid, "%s-%ld", suffix, (long)getpid());
  if (path_fmt(tbase, sizeof tbase, "%s%s", base, pid) != 0) {
    return -1;
  }
  return path_fmt(buf, n, "%s/.%s", parent, tbase);
}

rb_status rb_dir_begin(char *tmp, size_t n, const char *dir, rb_diag *diag) {
  char parent[PATH_MAX];
  split_dir(parent, dir);
  if (parent[0] != '\0' && make_dirs(parent) != 0) {
    rb_diag_add(diag, parent, 0, NULL, "cannot create folder: %s",
                strerror(errno));
    return RB_EIO;
  }
  if (sibling(tmp, n, dir, ".tmp") != 0) {
    rb_diag_add(diag, dir, 0, NULL, "path too long");
    return RB_EIO;
  }
  remove_tree(tmp);
  if (mkdir(tmp, 0777) != 0) {
    rb_diag_add(diag, tmp, 0, NULL, "cannot create folder: %s",
                strerror(errno));
    return RB_EIO;
  }
  return RB_OK;
}

void rb_dir_discard(const char *tmp) {
  remove_tree(tmp);
}

/* A copy of the file @p from as @p to. */
static rb_status copy_file(const char *from, const char *to) {
  size_t len = 0;
  char *text = rb_file_slurp(from, &len, 0);
  if (text == NULL) {
    return RB_EIO;
  }
  FILE *out = fopen(to, "wb");
  if (out != NULL) {
    fwrite(text, 1, len, out);
  }
  free(text);
  return rb_close_ok(out, RB_OK);
}

rb_status rb_dir_write_scenario(const char *tmp, const rb_scenario *sc) {
  char path[PATH_MAX];
  if (path_fmt(path, sizeof path, "%s/%s", tmp, "scenario.cfg") != 0) {
    return RB_EIO;
  }
  rb_status st = rb_scenario_write(sc, path, "rules.cfg");
  if (st == RB_OK &&
      path_fmt(path, sizeof path, "%s/%s", tmp, "rules.cfg") != 0) {
    st = RB_EIO;
  }
  if (st == RB_OK) {
    st = copy_file(sc->rules_resolved, path);
  }
  return st;
}

/* Replace the earlier folder @p dir: renamed aside, then removed. */
static rb_status replace_earlier(const char *dir, rb_diag *diag) {
  char old[PATH_MAX];
  if (sibling(old, sizeof old, dir, ".old") != 0) {
    return RB_EIO;
  }
  if (rename(dir, old) != 0) {
    rb_diag_add(diag, dir, 0, NULL, "cannot replace: %s", strerror(errno));
    return RB_EIO;
  }
  remove_tree(old);
  return RB_OK;
}

/* Keep the earlier folder @p dir as the first free <dir>.1, <dir>.2, … */
static rb_status keep_earlier(const char *dir, rb_diag *diag) {
  char keep[PATH_MAX];
  for (int k = 1;; k++) {
    char num[16];
    snprintf(num, sizeof num, ".%d", k);
    if (path_fmt(keep, sizeof keep, "%s%s", dir, num) != 0) {
      return RB_EIO;
    }
    if (!exists(keep)) {
      break;
    }
  }
  if (rename(dir, keep) != 0) {
    rb_diag_add(diag, dir, 0, NULL, "cannot keep the earlier results: %s",
                strerror(errno));
    return RB_EIO;
  }
  return RB_OK;
}

rb_status rb_dir_commit(const char *tmp, const char *dir, bool force,
                        rb_diag *diag) {
  rb_status st = RB_OK;
  if (exists(dir)) {
    st = force ? replace_earlier(dir, diag) : keep_earlier(dir, diag);
  }
  if (st == RB_OK && rename(tmp, dir) != 0) {
    rb_diag_add(diag, dir, 0, NULL, "cannot move the results into place: %s",
                strerror(errno));
    st = RB_EIO;
  }
  if (st != RB_OK) {
    remove_tree(tmp);
  }
  return st;
}

rb_status rb_dir_finish(rb_status st, const char *tmp, const char *dir,
                        bool force, const rb_scenario *sc, rb_run_meta *meta,
                        const char *what, rb_diag *diag) {
  rb_now_iso(meta->end_time);
  if (st == RB_OK) {
    st = rb_write_manifest(tmp, sc, meta);
  }
  if (st != RB_OK) {
    if (what != NULL) {
      rb_diag_add(diag, tmp, 0, NULL, "cannot write the %s's results", what);
    } else {
      rb_diag_add(diag, tmp, 0, NULL, "cannot write the results: %s",
                  strerror(errno));
    }
    rb_dir_discard(tmp);
    return st;
  }
  return rb_dir_commit(tmp, dir, force, diag);
}

rb_chart_state rb_dir_chart_state(rb_gp_result r) {
  switch (r) {
  case RB_GP_OK:
    return RB_CHART_DRAWN;
  case RB_GP_NOT_STARTED:
    return RB_CHART_NO_GNUPLOT;
  case RB_GP_FAILED:
  case RB_GP_TIMEOUT:
  default:
    return RB_CHART_FAILED;
  }
}
