/**
 * @file interrupt.h
 * @brief What an interrupt (SIGINT, SIGTERM, SIGHUP) must undo: the
 * temporary results folder being filled and the gnuplot child drawing a
 * chart.  The library registers both here while it writes a results folder;
 * the program installs the handler (rb_interrupt_install()).
 *
 * While no folder is being written (the computation, which leaves nothing
 * on disk) a signal ends the process at once, as if there were no handler.
 * While a folder is being written the handler only notes the signal and
 * stops the gnuplot child; the folder's writer then sees rb_interrupted(),
 * removes the temporary folder and returns, and the program ends with the
 * same signal (a shell shows 128 + its number: 130 for SIGINT, 143 for
 * SIGTERM).
 */
#ifndef RENTBRIDGE_BASE_INTERRUPT_H
#define RENTBRIDGE_BASE_INTERRUPT_H

#include <sys/types.h>

/** Install the handler for SIGINT, SIGTERM and SIGHUP (the program calls
 * it once, at its start). */
void rb_interrupt_install(void);

/** A results folder is being filled in a temporary folder: from now on a
 * signal is noted instead of ending the process. */
void rb_interrupt_watch(void);

/** The temporary folder is gone or in place: signals end the process
 * again (a signal noted meanwhile stays noted). */
void rb_interrupt_unwatch(void);

/** The number of children the handler can stop at once. */
#define RB_INTERRUPT_CHILDREN 4

/** The gnuplot child running in slot @p slot (0 … RB_INTERRUPT_CHILDREN
 * − 1; 0: none), stopped by the handler with every other slot's. */
void rb_interrupt_child_at(int slot, pid_t pid);

/** @return the signal noted while a folder was written, or 0. */
int rb_interrupted(void);

/** When a signal was noted: end the process with it (its default action),
 * else return.  For the program, after a folder's writer returned. */
void rb_interrupt_reraise(void);

#endif
