/* Running gnuplot: fork and exec with no shell, a pipe to learn whether the
 * exec failed, and a time limit. */
#define _POSIX_C_SOURCE 200809L
#include "base/gnuplot.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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
  if (t != NULL && t[0] != '\0') {
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

rb_gp_result rb_gnuplot_run(const char *dir, const char *script,
                            const char *log, int *err, int *wstatus) {
  const char *prog = rb_gnuplot_program();
  *err = 0;
  *wstatus = 0;
  int pfd[2];
  if (pipe(pfd) != 0) {
    *err = errno;
    return RB_GP_NOT_STARTED;
  }
  fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
  fflush(NULL);
  pid_t pid = fork();
  if (pid < 0) {
    *err = errno;
    close(pfd[0]);
    close(pfd[1]);
    return RB_GP_NOT_STARTED;
  }
  if (pid == 0) {
    /* The child: only async-signal-safe calls until exec. */
    close(pfd[0]);
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
      execvp(prog, argv);
      e = errno;
    }
    ssize_t w = write(pfd[1], &e, sizeof e);
    (void)w;
    _exit(127);
  }
  close(pfd[1]);
  int child_err = 0;
  ssize_t got;
  do {
    got = read(pfd[0], &child_err, sizeof child_err);
  } while (got < 0 && errno == EINTR);
  close(pfd[0]);
  /* Wait, but not for ever: a script that hangs must not hang the run. */
  double until = now_s() + rb_gnuplot_timeout();
  bool timed_out = false;
  for (;;) {
    pid_t r = waitpid(pid, wstatus, WNOHANG);
    if (r == pid || (r < 0 && errno != EINTR)) {
      break;
    }
    if (r == 0 && now_s() > until) {
      kill(pid, SIGKILL);
      while (waitpid(pid, wstatus, 0) < 0 && errno == EINTR) {
      }
      timed_out = true;
      break;
    }
    struct timespec pause = {0, 5000000};
    nanosleep(&pause, NULL);
  }
  if (got == (ssize_t)sizeof child_err) {
    *err = child_err;
    return RB_GP_NOT_STARTED;
  }
  if (timed_out) {
    return RB_GP_TIMEOUT;
  }
  return WIFEXITED(*wstatus) && WEXITSTATUS(*wstatus) == 0 ? RB_GP_OK
                                                           : RB_GP_FAILED;
}
