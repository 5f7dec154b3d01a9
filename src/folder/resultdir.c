/* Writing a results folder atomically: fill a temporary sibling folder,
 * then rename it into place; an earlier folder is kept as <dir>.N or
 * replaced (folder/folder_internal.h). */
#define _POSIX_C_SOURCE 200809L
#include "base/file.h"
#include "base/interrupt.h"
#include "base/io.h"
#include "folder/folder_internal.h"
#include "output/writers.h"
#include "rentbridge/engine.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* snprintf into a path buffer; a path that does not fit is an error. */
__attribute__((noinline)) static int
path_fmt(char *buf, size_t n, const char *fmt, const char *a, const char *b) {
  int k = snprintf(buf, n, fmt, a, b);
  return k < 0 || (size_t)k >= n ? -1 : 0;
}

static int exists(const char *path) {
  struct stat sb;
  return lstat(path, &sb) == 0;
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

/* A hidden sibling of @p dir: "<parent>/.<base><suffix>-<pid>". */
static int sibling(char *buf, size_t n, const char *dir, const char *suffix) {
  char parent[PATH_MAX], pid[32], tbase[PATH_MAX];
  const char *base = rb_dir_split(parent, dir);
  snprintf(pid, sizeof pid, "%s-%ld", suffix, (long)getpid());
  if (path_fmt(tbase, sizeof tbase, "%s%s", base, pid) != 0) {
    return -1;
  }
  return path_fmt(buf, n, "%s/.%s", parent, tbase);
}

rb_status rb_dir_begin(rb_dir_job *job, const char *dir, bool force,
                       rb_diag *diag) {
  memset(job, 0, sizeof *job);
  job->chart = RB_CHART_NONE;
  job->force = force;
  rb_status st = rb_results_dir_check(job->dir, sizeof job->dir, dir, diag);
  if (st != RB_OK) {
    return st;
  }
  char parent[PATH_MAX];
  rb_dir_split(parent, job->dir);
  if (parent[0] != '\0' && make_dirs(parent) != 0) {
    rb_diag_add(diag, parent, 0, NULL, "cannot create folder: %s",
                strerror(errno));
    return RB_EIO;
  }
  rb_dir_clean_stale(parent);
  if (sibling(job->tmp, sizeof job->tmp, job->dir, ".tmp") != 0) {
    rb_diag_add(diag, job->dir, 0, NULL, "path too long");
    return RB_EIO;
  }
  /* Watched before it exists: an interrupt from here on removes it. */
  rb_interrupt_watch();
  rb_remove_tree(job->tmp);
  if (mkdir(job->tmp, 0777) != 0) {
    rb_diag_add(diag, job->tmp, 0, NULL, "cannot create folder: %s",
                strerror(errno));
    rb_interrupt_unwatch();
    return RB_EIO;
  }
  job->active = true;
  rb_gnuplot_budget_begin();
  return RB_OK;
}

/* The job is over: the temporary folder is gone or in place. */
static void end_job(rb_dir_job *job) {
  if (job->active) {
    job->active = false;
    rb_gnuplot_budget_end();
    rb_interrupt_unwatch();
  }
}

void rb_dir_discard(rb_dir_job *job) {
  if (job->active) {
    rb_remove_tree(job->tmp);
  }
  end_job(job);
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

/* The first free "<dir>.1", "<dir>.2", … into @p keep. */
static int kept_name(char *keep, size_t n, const char *dir) {
  for (int k = 1; k < 1000000; k++) {
    char num[16];
    snprintf(num, sizeof num, ".%d", k);
    if (path_fmt(keep, n, "%s%s", dir, num) != 0) {
      return -1;
    }
    if (!exists(keep)) {
      return 0;
    }
  }
  return -1;
}

/* Move the filled temporary folder into place as job->dir: an earlier
 * results folder renamed aside first (kept, or removed afterwards with
 * --force) and put back when the move fails. */
static rb_status commit(rb_dir_job *job, rb_diag *diag) {
  const char *dir = job->dir;
  rb_dir_kind kind = rb_dir_kind_of(dir);
  if (kind == RB_DIR_OTHER) {
    rb_dir_refuse(dir, diag);
    return RB_EIO;
  }
  char aside[PATH_MAX] = "";
  if (kind == RB_DIR_RESULTS) {
    int bad = job->force ? sibling(aside, sizeof aside, dir, ".old")
                         : kept_name(aside, sizeof aside, dir);
    if (bad != 0 || rename(dir, aside) != 0) {
      rb_diag_add(diag, dir, 0, NULL, "cannot %s the earlier results: %s",
                  job->force ? "replace" : "keep",
                  bad != 0 ? "path too long" : strerror(errno));
      return RB_EIO;
    }
  }
  /* An empty folder at dir is replaced by the rename itself. */
  if (rename(job->tmp, dir) != 0) {
    rb_diag_add(diag, dir, 0, NULL, "cannot move the results into place: %s",
                strerror(errno));
    if (aside[0] != '\0') {
      (void)rename(aside, dir);
    }
    return RB_EIO;
  }
  if (job->force && aside[0] != '\0') {
    rb_remove_tree(aside);
  }
  return RB_OK;
}

rb_status rb_dir_finish(rb_status st, rb_dir_job *job, const rb_scenario *sc,
                        rb_run_meta *meta, const char *what, rb_diag *diag) {
  rb_now_iso(meta->end_time);
  if (st == RB_OK && rb_interrupted() == 0) {
    st = rb_write_manifest(job->tmp, sc, meta);
  }
  if (st == RB_OK && rb_interrupted() != 0) {
    rb_diag_add(diag, job->dir, 0, NULL,
                "not written: interrupted by signal %d", rb_interrupted());
    st = RB_EIO;
  }
  if (st != RB_OK) {
    int e = errno;
    rb_diag_add(diag, job->dir, 0, NULL,
                "cannot write the %s%sresults%s%s; nothing was put in place",
                what != NULL ? what : "", what != NULL ? "'s " : "",
                e != 0 && what == NULL ? ": " : "",
                e != 0 && what == NULL ? strerror(e) : "");
  } else {
    st = commit(job, diag);
  }
  if (st != RB_OK) {
    rb_dir_discard(job);
  }
  end_job(job);
  return st;
}

rb_status rb_dir_write(rb_chart_state *chart, const char *dir, bool force,
                       const rb_scenario *sc, rb_run_meta *meta,
                       const char *what, rb_diag *diag, rb_dir_fill fill,
                       const void *ctx) {
  if (rb_engine_process_rank() != 0) {
    /* A run split over processes (docs/cluster.md): each holds the same
     * results, and the first alone writes them. */
    if (chart != NULL) {
      *chart = RB_CHART_NONE;
    }
    return RB_OK;
  }
  rb_dir_job job;
  rb_status st = rb_dir_begin(&job, dir, force, diag);
  if (st == RB_OK) {
    st = rb_dir_write_scenario(job.tmp, sc);
    if (st == RB_OK) {
      st = fill(&job, sc, meta, ctx, diag);
    }
    st = rb_dir_finish(st, &job, sc, meta, what, diag);
  }
  if (chart != NULL) {
    *chart = job.chart;
  }
  return st;
}

rb_chart_state rb_dir_chart_state(rb_gp_result r) {
  switch (r) {
  case RB_GP_OK:
    return RB_CHART_DRAWN;
  case RB_GP_NOT_STARTED:
    return RB_CHART_NO_GNUPLOT;
  case RB_GP_FAILED:
  case RB_GP_TIMEOUT:
  case RB_GP_BAD_SVG:
  default:
    return RB_CHART_FAILED;
  }
}
