/* Interrupts while a results folder is written (base/interrupt.h).  The
 * handler uses only async-signal-safe calls (kill, signal, raise). */
#define _POSIX_C_SOURCE 200809L
#include "base/interrupt.h"

#include <signal.h>
#include <stddef.h>
#include <string.h>

static volatile sig_atomic_t watching;
static volatile sig_atomic_t caught;
static volatile pid_t child[RB_INTERRUPT_CHILDREN];

static void on_signal(int sig) {
  if (!watching) {
    /* Nothing on disk to undo: the signal's default action, now. */
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  caught = sig;
  for (int i = 0; i < RB_INTERRUPT_CHILDREN; i++) {
    pid_t c = child[i];
    if (c > 0) {
      kill(c, SIGKILL);
    }
  }
}

void rb_interrupt_install(void) {
  static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    sigaddset(&sa.sa_mask, sigs[i]);
  }
  /* Writes and waits go on where they were; the writer checks the flag. */
  sa.sa_flags = SA_RESTART;
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
    struct sigaction old;
    /* A signal ignored by whoever started us stays ignored. */
    if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN) {
      continue;
    }
    sigaction(sigs[i], &sa, NULL);
  }
}

void rb_interrupt_watch(void) {
  watching = 1;
}

void rb_interrupt_unwatch(void) {
  watching = 0;
}

void rb_interrupt_child_at(int slot, pid_t pid) {
  if (slot >= 0 && slot < RB_INTERRUPT_CHILDREN) {
    child[slot] = pid;
  }
}

int rb_interrupted(void) {
  return (int)caught;
}

void rb_interrupt_reraise(void) {
  int sig = (int)caught;
  if (sig == 0) {
    return;
  }
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
}
