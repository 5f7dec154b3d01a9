/* Writing a results folder atomically: fill a temporary sibling folder,
 * then rename it into place; an earlier folder is kept as <dir>.N. */
#define _XOPEN_SOURCE 700
#include "base/io.h"
#include "rentbridge/output.h"
#include "rentbridge/report.h"

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

static rb_status copy_file(const char *from, const char *to) {
  FILE *in = fopen(from, "rb");
  if (in == NULL) {
    return RB_EIO;
  }
  FILE *out = fopen(to, "wb");
  if (out == NULL) {
    fclose(in);
    return RB_EIO;
  }
  char buf[65536];
  size_t n;
  rb_status st = RB_OK;
  while ((n = fread(buf, 1, sizeof buf, in)) > 0) {
    if (fwrite(buf, 1, n, out) != n) {
      st = RB_EIO;
      break;
    }
  }
  if (ferror(in)) {
    st = RB_EIO;
  }
  fclose(in);
  if (fclose(out) != 0) {
    st = RB_EIO;
  }
  return st;
}

rb_status rb_dir_begin(char *tmp, size_t n, const char *dir, rb_diag *diag) {
  char parent[PATH_MAX];
  snprintf(parent, sizeof parent, "%s", dir);
  char *slash = strrchr(parent, '/');
  const char *base = dir;
  if (slash != NULL) {
    *slash = '\0';
    base = slash + 1;
    if (parent[0] != '\0' && make_dirs(parent) != 0) {
      rb_diag_add(diag, parent, 0, NULL, "cannot create folder: %s",
                  strerror(errno));
      return RB_EIO;
    }
  } else {
    snprintf(parent, sizeof parent, ".");
  }
  char pid[32];
  snprintf(pid, sizeof pid, ".tmp-%ld", (long)getpid());
  char tbase[PATH_MAX];
  if (path_fmt(tbase, sizeof tbase, "%s%s", base, pid) != 0 ||
      path_fmt(tmp, n, "%s/.%s", parent[0] ? parent : "", tbase) != 0) {
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

rb_status rb_dir_write_scenario(const char *tmp, const rb_scenario *sc) {
  char path[PATH_MAX];
  rb_status st = RB_OK;
  path_fmt(path, sizeof path, "%s/%s", tmp, "scenario.cfg");
  st = rb_scenario_write(sc, path, "rules.cfg");
  path_fmt(path, sizeof path, "%s/%s", tmp, "rules.cfg");
  if (st == RB_OK) {
    st = copy_file(sc->rules_resolved, path);
  }
  return st;
}

rb_status rb_dir_commit(const char *tmp, const char *dir, bool force,
                        rb_diag *diag) {
  char parent[PATH_MAX], pid[32], tbase[PATH_MAX];
  snprintf(parent, sizeof parent, "%s", dir);
  char *slash = strrchr(parent, '/');
  const char *base = dir;
  if (slash != NULL) {
    *slash = '\0';
    base = slash + 1;
  } else {
    snprintf(parent, sizeof parent, ".");
  }
  /* Keep or replace an earlier folder, then move the new one in. */
  if (exists(dir)) {
    if (force) {
      char old[PATH_MAX];
      snprintf(pid, sizeof pid, ".old-%ld", (long)getpid());
      if (path_fmt(tbase, sizeof tbase, "%s%s", base, pid) != 0 ||
          path_fmt(old, sizeof old, "%s/.%s", parent, tbase) != 0) {
        remove_tree(tmp);
        return RB_EIO;
      }
      if (rename(dir, old) != 0) {
        rb_diag_add(diag, dir, 0, NULL, "cannot replace: %s", strerror(errno));
        remove_tree(tmp);
        return RB_EIO;
      }
      remove_tree(old);
    } else {
      char keep[PATH_MAX];
      for (int k = 1;; k++) {
        char num[16];
        snprintf(num, sizeof num, ".%d", k);
        if (path_fmt(keep, sizeof keep, "%s%s", dir, num) != 0) {
          remove_tree(tmp);
          return RB_EIO;
        }
        if (!exists(keep)) {
          break;
        }
      }
      if (rename(dir, keep) != 0) {
        rb_diag_add(diag, dir, 0, NULL, "cannot keep the earlier results: %s",
                    strerror(errno));
        remove_tree(tmp);
        return RB_EIO;
      }
    }
  }
  if (rename(tmp, dir) != 0) {
    rb_diag_add(diag, dir, 0, NULL, "cannot move the results into place: %s",
                strerror(errno));
    remove_tree(tmp);
    return RB_EIO;
  }
  return RB_OK;
}

rb_status rb_results_dir_write(const char *dir, bool force,
                               const rb_scenario *sc, const rb_results *res,
                               rb_run_meta *meta, rb_diag *diag) {
  char tmp[PATH_MAX], path[PATH_MAX];
  rb_status st = rb_dir_begin(tmp, sizeof tmp, dir, diag);
  if (st != RB_OK) {
    return st;
  }
  st = rb_dir_write_scenario(tmp, sc);
  path_fmt(path, sizeof path, "%s/%s", tmp, "summary.json");
  if (st == RB_OK) {
    st = rb_write_summary_json(path, sc, res);
  }
  if (st == RB_OK) {
    st = rb_write_csvs(tmp, sc, res);
  }
  if (st == RB_OK) {
    /* Sweep and tornado folders of the same scenario stand beside dir. */
    char parent[PATH_MAX];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    if (slash == NULL) {
      snprintf(parent, sizeof parent, ".");
    } else if (slash == parent) {
      parent[1] = '\0';
    } else {
      *slash = '\0';
    }
    rb_write_report_files(tmp, parent, sc, res, meta, diag);
  }
  rb_now_iso(meta->end_time);
  if (st == RB_OK) {
    st = rb_write_manifest(tmp, sc, meta);
  }
  if (st != RB_OK) {
    rb_diag_add(diag, tmp, 0, NULL, "cannot write the results: %s",
                strerror(errno));
    remove_tree(tmp);
    return st;
  }
  return rb_dir_commit(tmp, dir, force, diag);
}
