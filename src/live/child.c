/* A computation of the live page runs in a child process (docs/live.md,
 * "One computation at a time"): the scenario is loaded there with the
 * request's values, run, and its figures (or the loader's messages) come
 * back through a pipe.  One runs at a time; a newer request stops the
 * older one's child with SIGKILL, which leaves nothing behind: a live
 * computation writes no file.  The full run also runs in a child, one at
 * a time, and is never stopped by a request: its results folder is
 * written atomically (folder.h), and a SIGTERM to it removes the
 * temporary folder (base/interrupt.h). */
#include "live_internal.h"

#include "rentbridge/engine.h"
#include "rentbridge/folder.h"
#include "rentbridge/output.h"

#include "base/io.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* The sets of a computation: the request's, then the replications. */
static const char **with_reps(const char *const *sets, int n, int reps,
                              char *buf, size_t len) {
  const char **all = calloc((size_t)n + 1, sizeof *all);
  if (all == NULL) {
    return NULL;
  }
  for (int i = 0; i < n; i++) {
    all[i] = sets[i];
  }
  snprintf(buf, len, "scenario.replications=%d", reps);
  all[n] = buf;
  return all;
}

/* Load the scenario with @p sets and @p reps replications; on a bad value
 * *json is the loader's messages. */
static rb_status load(rb_scenario **sc, const rb_live *lv,
                      const char *const *sets, int n_sets, int reps,
                      char **json) {
  char rs[64];
  const char **all = with_reps(sets, n_sets, reps, rs, sizeof rs);
  if (all == NULL) {
    return RB_ENOMEM;
  }
  rb_diag d;
  rb_diag_init(&d);
  rb_load_opts lo = {all, n_sets + 1, NULL};
  rb_status st = rb_scenario_load(sc, lv->opts->scenario_path, &lo, &d);
  free(all);
  if (st != RB_OK) {
    *json = rb_live_error_json(rb_status_str(st), &d);
  }
  rb_diag_free(&d);
  return st;
}

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Run @p sc; on failure *json says why. */
static rb_status run(rb_results *res, const rb_scenario *sc, int threads,
                     char **json) {
  rb_diag d;
  rb_diag_init(&d);
  rb_run_opts ro = {0};
  ro.threads = threads;
  ro.diag = &d;
  rb_status st = rb_engine_run(res, sc, &ro);
  if (st != RB_OK) {
    *json = rb_live_error_json(rb_status_str(st), &d);
  }
  rb_diag_free(&d);
  return st;
}

rb_status rb_live_compute(const rb_live *lv, const char *const *sets,
                          int n_sets, bool english, char **json) {
  *json = NULL;
  const double t0 = now_ms();
  rb_scenario *sc = NULL;
  rb_status st = load(&sc, lv, sets, n_sets, lv->reps, json);
  rb_results res;
  memset(&res, 0, sizeof res);
  if (st == RB_OK) {
    st = run(&res, sc, lv->opts->threads, json);
  }
  if (st == RB_OK) {
    json_t *o = rb_live_figures(sc, &res, english);
    if (o != NULL) {
      json_object_set_new(o, "compute_ms", json_real(now_ms() - t0));
      *json = json_dumps(o, JSON_REAL_PRECISION(17));
    }
    json_decref(o);
    st = *json != NULL ? RB_OK : RB_ENOMEM;
  }
  rb_results_free(&res);
  rb_scenario_free(sc);
  return st;
}

/* Write all of @p s to @p fd. */
static void write_all(int fd, const char *s) {
  size_t n = s != NULL ? strlen(s) : 0, off = 0;
  while (off < n) {
    ssize_t w = write(fd, s + off, n - off);
    if (w < 0 && errno == EINTR) {
      continue;
    }
    if (w <= 0) {
      return;
    }
    off += (size_t)w;
  }
}

/* Read the child's whole answer; NULL when it sent none. */
static char *read_all(int fd) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  while (buf != NULL) {
    if (n + 1 >= cap) {
      char *b = cap < RB_LIVE_MAX_ANSWER ? realloc(buf, cap * 2) : NULL;
      if (b == NULL) {
        free(buf);
        return NULL;
      }
      buf = b;
      cap *= 2;
    }
    ssize_t r = read(fd, buf + n, cap - n - 1);
    if (r < 0 && errno == EINTR) {
      continue;
    }
    if (r <= 0) {
      break;
    }
    n += (size_t)r;
  }
  if (buf != NULL && n == 0) {
    free(buf);
    return NULL;
  }
  if (buf != NULL) {
    buf[n] = '\0';
  }
  return buf;
}

/* What a child does: @p job's answer written to @p fd; its exit status
 * is rb_status_exit_code() of the job's status. */
typedef rb_status (*child_job)(const rb_live *lv, const char *const *sets,
                               int n_sets, bool english, char **json);

/* Start @p job in a child; *fd reads its answer.  @return its pid, or −1. */
static pid_t spawn(const rb_live *lv, child_job job, const char *const *sets,
                   int n_sets, bool english, int death_signal, int *fd) {
  int p[2];
  if (pipe(p) != 0) {
    return -1;
  }
  pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    /* The server's end ends its children too. */
    (void)prctl(PR_SET_PDEATHSIG, death_signal);
    char *json = NULL;
    rb_status st = job(lv, sets, n_sets, english, &json);
    write_all(p[1], json);
    _exit(rb_status_exit_code(st));
  }
  close(p[1]);
  if (pid < 0) {
    close(p[0]);
    return -1;
  }
  *fd = p[0];
  return pid;
}

/* Wait for the child @p pid whose answer @p fd gives; once its answer
 * is read it is no longer the one a newer request stops (so that no
 * signal can reach another process of a reused number). */
static rb_live_outcome collect(rb_live *lv, pid_t pid, int fd, char **answer,
                               rb_status *st) {
  *answer = read_all(fd);
  close(fd);
  pthread_mutex_lock(&lv->mu);
  if (lv->child == pid) {
    lv->child = 0;
  }
  pthread_mutex_unlock(&lv->mu);
  int ws = 0;
  while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(ws) && WTERMSIG(ws) == SIGKILL) {
    free(*answer);
    *answer = NULL;
    return RB_LIVE_SUPERSEDED;
  }
  if (!WIFEXITED(ws) || *answer == NULL) {
    free(*answer);
    *answer = NULL;
    *st = RB_EINTERNAL;
    return RB_LIVE_FAILED;
  }
  int code = WEXITSTATUS(ws);
  *st = code == 0 ? RB_OK : code == 3 ? RB_EINVALID : RB_EINTERNAL;
  return RB_LIVE_DONE;
}

rb_live_outcome rb_live_child_compute(rb_live *lv, const char *const *sets,
                                      int n_sets, bool english, char **answer,
                                      rb_status *st) {
  *answer = NULL;
  *st = RB_EINTERNAL;
  pthread_mutex_lock(&lv->mu);
  const unsigned long me = ++lv->gen;
  if (lv->child > 0) {
    kill(lv->child, SIGKILL); /* a newer request stops the older */
  }
  while (lv->busy && lv->gen == me) {
    pthread_cond_wait(&lv->cv, &lv->mu);
  }
  if (lv->gen != me) {
    pthread_mutex_unlock(&lv->mu);
    return RB_LIVE_SUPERSEDED; /* a newer one came while this waited */
  }
  int fd = -1;
  pid_t pid = spawn(lv, rb_live_compute, sets, n_sets, english, SIGKILL, &fd);
  lv->busy = pid > 0;
  lv->child = pid > 0 ? pid : 0;
  pthread_mutex_unlock(&lv->mu);
  if (pid < 0) {
    return RB_LIVE_FAILED;
  }
  rb_live_outcome out = collect(lv, pid, fd, answer, st);
  pthread_mutex_lock(&lv->mu);
  lv->busy = false;
  lv->child = 0;
  pthread_cond_broadcast(&lv->cv);
  pthread_mutex_unlock(&lv->mu);
  return out;
}

/* The full run in the child: the scenario's own replications, its results
 * folder written, and where it went. */
static rb_status full_job(const rb_live *lv, const char *const *sets,
                          int n_sets, bool english, char **json) {
  (void)english; /* the report is in the scenario's language */
  rb_run_meta meta;
  memset(&meta, 0, sizeof meta);
  rb_now_iso(meta.start_time);
  meta.scenario_path = lv->opts->scenario_path;
  meta.command_line = lv->opts->cmdline != NULL ? lv->opts->cmdline : "serve";
  meta.command = "serve";
  rb_scenario *sc = NULL;
  rb_status st = load(&sc, lv, sets, n_sets, lv->sc->info.replications, json);
  rb_results res;
  memset(&res, 0, sizeof res);
  if (st == RB_OK) {
    st = run(&res, sc, lv->opts->threads, json);
  }
  if (st == RB_OK) {
    meta.threads = res.threads;
    meta.seed = sc->info.seed;
    meta.replications = res.replications;
    rb_diag d;
    rb_diag_init(&d);
    st = rb_results_dir_write(lv->out, false, sc, &res, &meta, &d);
    *json = st == RB_OK
                ? rb_live_error_json("", &d) /* no error: the notes only */
                : rb_live_error_json(rb_status_str(st), &d);
    rb_diag_free(&d);
  }
  rb_results_free(&res);
  rb_scenario_free(sc);
  return st;
}

/* Note the files of the folder @p dir (and its charts/) that may be
 * handed out: the names come from the folder, never from a request. */
static void note_files(rb_live *lv, const char *dir, const char *prefix) {
  DIR *dp = opendir(dir);
  if (dp == NULL) {
    return;
  }
  struct dirent *e;
  while ((e = readdir(dp)) != NULL && lv->n_files < RB_LIVE_MAX_FILES) {
    rb_live_file *f = &lv->files[lv->n_files];
    struct stat sb;
    if (e->d_name[0] == '.' ||
        snprintf(f->path, sizeof f->path, "%s/%s", dir, e->d_name) >=
            (int)sizeof f->path ||
        stat(f->path, &sb) != 0 || !S_ISREG(sb.st_mode) ||
        snprintf(f->url, sizeof f->url, "/report/%s%s", prefix, e->d_name) >=
            (int)sizeof f->url) {
      continue;
    }
    lv->n_files++;
  }
  closedir(dp);
}

rb_status rb_live_child_full(rb_live *lv, const char *const *sets, int n_sets,
                             char **answer) {
  *answer = NULL;
  pthread_mutex_lock(&lv->mu);
  if (lv->full_busy) {
    pthread_mutex_unlock(&lv->mu);
    return RB_EUSAGE; /* one full run at a time */
  }
  lv->full_busy = true;
  pthread_mutex_unlock(&lv->mu);
  int fd = -1;
  rb_status st = RB_EINTERNAL;
  pid_t pid = spawn(lv, full_job, sets, n_sets, false, SIGTERM, &fd);
  if (pid > 0) {
    *answer = read_all(fd);
    close(fd);
    int ws = 0;
    while (waitpid(pid, &ws, 0) < 0 && errno == EINTR) {
    }
    int code = WIFEXITED(ws) ? WEXITSTATUS(ws) : 70;
    st = code == 0   ? RB_OK
         : code == 3 ? RB_EINVALID
         : code == 4 ? RB_EIO
                     : RB_EINTERNAL;
  }
  pthread_mutex_lock(&lv->mu);
  if (st == RB_OK) {
    char charts[PATH_MAX + 8];
    lv->n_files = 0;
    note_files(lv, lv->out, "");
    snprintf(charts, sizeof charts, "%s/charts", lv->out);
    note_files(lv, charts, "charts/");
  }
  lv->full_busy = false;
  pthread_mutex_unlock(&lv->mu);
  return st;
}
