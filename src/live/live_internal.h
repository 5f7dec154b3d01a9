/**
 * @file live_internal.h
 * @brief The parts of the live page (rentbridge/live.h): its controls
 * (controls.c), the figures of a computation (figures.c), the child
 * process a computation runs in (child.c), the HTTP server (server.c) and
 * the page itself (page.c).
 */
#ifndef RENTBRIDGE_LIVE_INTERNAL_H
#define RENTBRIDGE_LIVE_INTERNAL_H

#include "rentbridge/engine.h"
#include "rentbridge/live.h"

#include <jansson.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/** Most values one request may set. */
#define RB_LIVE_MAX_ARGS 256
/** Longest value text a request may give. */
#define RB_LIVE_MAX_VALUE 32
/** Longest answer a computation's child may send (bytes). */
#define RB_LIVE_MAX_ANSWER ((size_t)64 << 20)
/** Files of the full run's folder the server may hand out. */
#define RB_LIVE_MAX_FILES 64

/** What a control changes. */
typedef enum {
  RB_LIVE_NUMBER, /**< a real value */
  RB_LIVE_INT,    /**< a whole number of months or extensions */
  RB_LIVE_BOOL    /**< true or false */
} rb_live_kind;

/** One value the page may change. */
typedef struct rb_live_ctl {
  char *key;          /**< the scenario key (--set path) */
  char *label;        /**< in Danish */
  char *label_en;     /**< in English */
  char *section;      /**< "subsidy", "group" or "range" */
  const char *source; /**< the scenario's source note, or NULL */
  rb_live_kind kind;
  double value;    /**< as loaded */
  double min, max; /**< the control's range */
  double step;
  bool ranged; /**< low/high given: the server keeps to [min, max] */
} rb_live_ctl;

/** One file of the full run's folder that may be handed out. */
typedef struct rb_live_file {
  char url[300];       /**< "/report/<name>" or "/report/charts/<name>" */
  char path[PATH_MAX]; /**< where it is */
} rb_live_file;

struct rb_live {
  const rb_live_opts *opts;
  rb_scenario *sc; /**< the scenario as loaded, without changes */
  rb_live_ctl *ctl;
  int n_ctl;
  int reps;           /**< of a live computation */
  char out[PATH_MAX]; /**< the full run's results folder */
  char *chartjs;      /**< Chart.js, NULL when not installed */
  size_t chartjs_len;
  char *controls[2]; /**< rb_live_controls_json(), da and en, made once */
  /* The one computation at a time (child.c). */
  pthread_mutex_t mu;
  pthread_cond_t cv;
  unsigned long gen; /**< the newest request's number */
  bool busy;         /**< a computation runs */
  pid_t child;       /**< its process, 0 when none */
  bool full_busy;    /**< a full run runs */
  /* Where it listens (server.c): the port, and whether on this machine
   * only; set before the address is told. */
  int port;
  bool loopback;
  /* The rate limit (server.c). */
  double tokens, last;
  /* The files of the last full run. */
  rb_live_file files[RB_LIVE_MAX_FILES];
  int n_files;
};

/** Make the controls of @p lv->sc (controls.c). @return RB_OK or
 * RB_ENOMEM. */
rb_status rb_live_make_controls(rb_live *lv);

/** Free the controls. */
void rb_live_free_controls(rb_live *lv);

/** The figures of a live computation as a JSON object (figures.c).
 * @return a new reference, NULL when out of memory. */
json_t *rb_live_figures(const rb_scenario *sc, const rb_results *res,
                        bool english);

/** An error answer: {"error": @p msg, "messages": [the lines of @p d]}.
 * @return a new string (free()). */
char *rb_live_error_json(const char *msg, const rb_diag *d);

/** What became of a computation in a child (child.c). */
typedef enum {
  RB_LIVE_DONE,       /**< the child answered */
  RB_LIVE_SUPERSEDED, /**< a newer request stopped it */
  RB_LIVE_FAILED      /**< it could not run or died */
} rb_live_outcome;

/** Run a live computation of @p sets in a child process, one at a time:
 * a newer call stops an older one; its words in English when @p english.
 * @p *answer is the child's JSON text
 * (free()) when RB_LIVE_DONE; *st its status. */
rb_live_outcome rb_live_child_compute(rb_live *lv, const char *const *sets,
                                      int n_sets, bool english, char **answer,
                                      rb_status *st);

/** Run the full scenario with @p sets into lv->out in a child process and
 * note its files.  @return its status; *answer as above. */
rb_status rb_live_child_full(rb_live *lv, const char *const *sets, int n_sets,
                             char **answer);

/** The page, in Danish or English (page.c). @return a new string. */
char *rb_live_page(const rb_live *lv, bool english);

#endif
