/* Running gnuplot: the program resolved before anything else, fork and
 * exec with no shell, a pipe to learn whether the exec failed, one time
 * limit for a folder's charts, and the SVG checked afterwards. */
#define _POSIX_C_SOURCE 200809L
#include "base/gnuplot.h"

#include "base/file.h"
#include "base/interrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

const char *rb_gnuplot_program(void) {
  const char *prog = getenv("RB_GNUPLOT");
  return prog != NULL && prog[0] != '\0' ? prog : "gnuplot";
}

int rb_gnuplot_timeout(void) {
  const char *t = getenv("RB_GNUPLOT_TIMEOUT");
  if (t != NULL && t[0] >= '0' && t[0] <= '9') {
    char *end;
    long v = strtol(t, &end, 10);
    if (*end == '\0' && v > 0 && v < 86400) {
      return (int)v;
    }
  }
  return RB_GNUPLOT_TIMEOUT_S;
}

static double now_s(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* ---- the time budget ----------------------------------------------------- */

static int budget_depth;
static double budget_until;

void rb_gnuplot_budget_begin(void) {
  if (budget_depth++ == 0) {
    budget_until = now_s() + rb_gnuplot_timeout();
  }
}

void rb_gnuplot_budget_end(void) {
  if (budget_depth > 0) {
    budget_depth--;
  }
}

/* ---- the program --------------------------------------------------------- */

/* @p dir/@p name into @p out, @p dir made absolute when relative. */
static int absolute(char *out, size_t n, const char *dir, size_t dlen,
                    const char *name) {
  char cwd[PATH_MAX] = "";
  if ((dlen == 0 || dir[0] != '/') && getcwd(cwd, sizeof cwd) == NULL) {
    return errno;
  }
  int k = dlen == 0 ? snprintf(out, n, "%s/%s", cwd, name)
          : dir[0] == '/'
              ? snprintf(out, n, "%.*s/%s", (int)dlen, dir, name)
              : snprintf(out, n, "%s/%.*s/%s", cwd, (int)dlen, dir, name);
  return k < 0 || (size_t)k >= n ? ENAMETOOLONG : 0;
}

/* The program @p prog as an absolute path (the child changes folder before
 * it starts it): a name with a slash against the current folder, a bare
 * name along PATH.  @return 0 or the errno exec would have given. */
static int resolve(char *out, size_t n, const char *prog) {
  if (strchr(prog, '/') != NULL) {
    if (prog[0] == '/') {
      int k = snprintf(out, n, "%s", prog);
      return k < 0 || (size_t)k >= n ? ENAMETOOLONG : 0;
    }
    return absolute(out, n, "", 0, prog);
  }
  const char *path = getenv("PATH");
  if (path == NULL) {
    path = "/usr/local/bin:/usr/bin:/bin";
  }
  for (const char *p = path;; p++) {
    size_t len = strcspn(p, ":");
    struct stat sb;
    if (absolute(out, n, p, len, prog) == 0 && stat(out, &sb) == 0 &&
        S_ISREG(sb.st_mode) && access(out, X_OK) == 0) {
      return 0;
    }
    p += len;
    if (*p == '\0') {
      return ENOENT;
    }
  }
}

/* ---- one run ------------------------------------------------------------- */

/* The child, after fork: only async-signal-safe calls until exec; an exec
 * that fails writes its errno to @p pfd. */
__attribute__((noreturn)) static void child(int pfd, const char *dir,
                                            const char *path, const char *prog,
                                            const char *script,
                                            const char *log) {
  int e = 0;
  if (chdir(dir) != 0) {
    e = errno;
  } else {
    int out = log != NULL ? open(log, O_WRONLY | O_CREAT | O_TRUNC, 0666)
                          : open("/dev/null", O_WRONLY);
    int in = open("/dev/null", O_RDONLY);
    if (out >= 0) {
      dup2(out, STDOUT_FILENO);
      dup2(out, STDERR_FILENO);
      close(out);
    }
    if (in >= 0) {
      dup2(in, STDIN_FILENO);
      close(in);
    }
    char *const argv[] = {(char *)prog, (char *)script, NULL};
    execv(path, argv);
    e = errno;
  }
  ssize_t w = write(pfd, &e, sizeof e);
  (void)w;
  _exit(127);
}

/* Fork and start the program, the child in interrupt slot @p slot;
 * @return its pid, or −1 with *err set. */
static pid_t start(int slot, const char *dir, const char *script,
                   const char *log, int *err) {
  char path[PATH_MAX];
  const char *prog = rb_gnuplot_program();
  *err = resolve(path, sizeof path, prog);
  int pfd[2];
  if (*err != 0 || pipe(pfd) != 0) {
    *err = *err != 0 ? *err : errno;
    return -1;
  }
  fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
  fflush(NULL);
  pid_t pid = fork();
  if (pid == 0) {
    close(pfd[0]);
    child(pfd[1], dir, path, prog, script, log);
  }
  *err = pid < 0 ? errno : 0;
  close(pfd[1]);
  if (pid > 0) {
    rb_interrupt_child_at(slot, pid);
    int child_err = 0;
    ssize_t got;
    do {
      got = read(pfd[0], &child_err, sizeof child_err);
    } while (got < 0 && errno == EINTR);
    if (got == (ssize_t)sizeof child_err) {
      /* The exec failed: the child has ended. */
      while (waitpid(pid, NULL, 0) < 0 && errno == EINTR) {
      }
      rb_interrupt_child_at(slot, 0);
      *err = child_err;
      pid = -1;
    }
  }
  close(pfd[0]);
  return pid;
}

/* How a run that ended by itself with @p wstatus went: the SVG @p svg in
 * @p dir checked after an exit status 0. */
static rb_gp_result outcome(int wstatus, const char *dir, const char *svg) {
  if (!WIFEXITED(wstatus) || WEXITSTATUS(wstatus) != 0) {
    return RB_GP_FAILED;
  }
  char path[PATH_MAX];
  int k = svg != NULL ? snprintf(path, sizeof path, "%s/%s", dir, svg) : 0;
  if (k < 0 || (size_t)k >= sizeof path) {
    return RB_GP_BAD_SVG;
  }
  return svg == NULL || rb_svg_complete(path, RB_SVG_MAX) ? RB_GP_OK
                                                          : RB_GP_BAD_SVG;
}

/* ---- several at once ------------------------------------------------------
 */

/* Chart @p c (no longer running) not drawn: no SVG, rather than part of
 * one. */
static void drop_svg(const char *dir, const rb_gp_chart *c) {
  char path[PATH_MAX];
  if (c->svg != NULL &&
      snprintf(path, sizeof path, "%s/%s", dir, c->svg) < (int)sizeof path) {
    remove(path);
  }
}

/* The running charts of the slots: their pid and chart, or −1. */
typedef struct gp_slots {
  pid_t pid[RB_INTERRUPT_CHILDREN];
  int who[RB_INTERRUPT_CHILDREN];
  int running;
} gp_slots;

/* Slot @p k's chart has ended with @p r (and @p wstatus). */
static void slot_done(gp_slots *sl, int k, rb_gp_chart *ch, const char *dir,
                      rb_gp_result r, int wstatus) {
  rb_gp_chart *c = &ch[sl->who[k]];
  c->wstatus = wstatus;
  c->result = r == RB_GP_OK ? outcome(wstatus, dir, c->svg) : r;
  if (c->result != RB_GP_OK) {
    drop_svg(dir, c);
  }
  rb_interrupt_child_at(k, 0);
  sl->pid[k] = -1;
  sl->who[k] = -1;
  sl->running--;
}

/* Stop slot @p k's child and wait for it. */
static int slot_kill(const gp_slots *sl, int k) {
  int ws = 0;
  kill(sl->pid[k], SIGKILL);
  while (waitpid(sl->pid[k], &ws, 0) < 0 && errno == EINTR) {
  }
  return ws;
}

/* The charts from @p end on (those before @p next were started) are not
 * run: those running are stopped, those done undone. */
static void cut_at(gp_slots *sl, rb_gp_chart *ch, const char *dir, int end,
                   int next) {
  for (int k = 0; k < RB_INTERRUPT_CHILDREN; k++) {
    if (sl->who[k] >= end) {
      slot_kill(sl, k);
      slot_done(sl, k, ch, dir, RB_GP_FAILED, 0);
    }
  }
  for (int i = end; i < next; i++) {
    ch[i].started = 0;
    ch[i].result = RB_GP_FAILED;
    drop_svg(dir, &ch[i]);
    char path[PATH_MAX];
    if (ch[i].log != NULL && snprintf(path, sizeof path, "%s/%s", dir,
                                      ch[i].log) < (int)sizeof path) {
      remove(path); /* as never run */
    }
  }
}

/* Start chart @p i in a free slot, or note why not.  @return false when
 * the charts after it are not to be started. */
static bool start_one(gp_slots *sl, rb_gp_chart *ch, int i, const char *dir,
                      double until) {
  rb_gp_chart *c = &ch[i];
  c->started = 1;
  c->result = RB_GP_FAILED;
  if (rb_interrupted() != 0) {
    drop_svg(dir, c); /* as rb_gnuplot_run: failed, and the next tried */
    return true;
  }
  if (now_s() > until) {
    c->result = RB_GP_TIMEOUT;
    drop_svg(dir, c);
    return false;
  }
  int k = 0;
  while (sl->pid[k] >= 0) {
    k++;
  }
  pid_t pid = start(k, dir, c->script, c->log, &c->err);
  if (pid < 0) {
    c->result = RB_GP_NOT_STARTED;
    drop_svg(dir, c);
    return false;
  }
  sl->pid[k] = pid;
  sl->who[k] = i;
  sl->running++;
  return true;
}

/* Poll every running chart once; @return whether one ended, and the
 * first chart that met the time limit in *timed_out (or n). */
static bool poll_all(gp_slots *sl, rb_gp_chart *ch, const char *dir,
                     double until, int *timed_out) {
  bool ended = false;
  for (int k = 0; k < RB_INTERRUPT_CHILDREN; k++) {
    if (sl->pid[k] < 0) {
      continue;
    }
    int ws = 0;
    pid_t r = waitpid(sl->pid[k], &ws, WNOHANG);
    if (r == sl->pid[k] || (r < 0 && errno != EINTR)) {
      slot_done(sl, k, ch, dir, RB_GP_OK, ws);
      ended = true;
    } else if (r == 0 && (rb_interrupted() != 0 || now_s() > until)) {
      const int i = sl->who[k];
      const bool stop = rb_interrupted() != 0;
      ws = slot_kill(sl, k);
      slot_done(sl, k, ch, dir, stop ? RB_GP_FAILED : RB_GP_TIMEOUT, ws);
      if (!stop && i < *timed_out) {
        *timed_out = i;
      }
      ended = true;
    }
  }
  return ended;
}

int rb_gnuplot_jobs(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > RB_INTERRUPT_CHILDREN ? RB_INTERRUPT_CHILDREN : (int)n;
}

int rb_gnuplot_run_all(const char *dir, rb_gp_chart *ch, int n, int jobs) {
  jobs = jobs < 1                       ? 1
         : jobs > RB_INTERRUPT_CHILDREN ? RB_INTERRUPT_CHILDREN
                                        : jobs;
  const double until =
      budget_depth > 0 ? budget_until : now_s() + rb_gnuplot_timeout();
  gp_slots sl = {.running = 0};
  for (int k = 0; k < RB_INTERRUPT_CHILDREN; k++) {
    sl.pid[k] = -1;
    sl.who[k] = -1;
  }
  for (int i = 0; i < n; i++) {
    ch[i].started = 0;
    ch[i].result = RB_GP_FAILED;
    ch[i].err = 0;
    ch[i].wstatus = 0;
  }
  int next = 0, end = n;
  long pause_ns = 250000;
  while (next < end || sl.running > 0) {
    while (next < end && sl.running < jobs) {
      const bool go_on = start_one(&sl, ch, next, dir, until);
      next++;
      if (!go_on) {
        end = next;
        cut_at(&sl, ch, dir, end, next);
      }
      pause_ns = 250000;
    }
    if (sl.running == 0) {
      continue;
    }
    int timed_out = n;
    if (poll_all(&sl, ch, dir, until, &timed_out)) {
      pause_ns = 250000;
      if (timed_out < end) {
        /* As one at a time: the charts after it are not drawn. */
        end = timed_out + 1;
        cut_at(&sl, ch, dir, end, next);
      }
      continue;
    }
    struct timespec pause = {0, pause_ns};
    nanosleep(&pause, NULL);
    pause_ns = pause_ns < 2500000 ? 2 * pause_ns : 5000000;
  }
  return end;
}

rb_gp_result rb_gnuplot_run(const char *dir, const char *script,
                            const char *svg, const char *log, int *err,
                            int *wstatus) {
  /* One chart of rb_gnuplot_run_all: one loop that waits, stops and
   * checks. */
  rb_gp_chart c = {script, svg, log, 0, RB_GP_FAILED, 0, 0};
  (void)rb_gnuplot_run_all(dir, &c, 1, 1);
  *err = c.err;
  *wstatus = c.wstatus;
  return c.result;
}

/* ---- the SVG ------------------------------------------------------------- */

int rb_svg_complete(const char *path, size_t max) {
  size_t len = 0;
  char *text = rb_file_slurp(path, &len, max);
  if (text == NULL) {
    return 0;
  }
  while (len > 0 && strchr(" \t\r\n", text[len - 1]) != NULL) {
    len--;
  }
  static const char end[] = "</svg>";
  bool ok = len >= sizeof end - 1 &&
            memcmp(text + len - (sizeof end - 1), end, sizeof end - 1) == 0 &&
            memchr(text, '\0', len) == NULL && strstr(text, "<svg") != NULL;
  free(text);
  return ok;
}
