/* What a run is refused for before it allocates anything (performance.md,
 * "Memory"; model.md, "Limits"): the memory it would take above its limit,
 * a clock that would overflow, a cohort too large to count; and how many
 * of the threads asked for can be started (performance.md, "Threads"). */
#include "engine/engine_internal.h"

#include <limits.h>
#include <omp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* ---- the memory estimate --------------------------------------------------
 *
 * Every table a run allocates, in bytes, in five parts, each with what makes
 * it grow and the option that makes it smaller.  The sizes are those of
 * engine.c, reduce.c, results.c and stats.c; tests/test_engine.c checks the
 * estimate against the peak of a run. */

enum { PART_MODEL, PART_COUNTS, PART_CHUNK, PART_REPS, PART_SUMS, PART_N };

typedef struct mem_part {
  const char *what; /* what it holds and what it grows with */
  const char *knob; /* what makes it smaller */
  double bytes;
} mem_part;

static void parts_of(mem_part part[PART_N], const rb_eng *en, int nt) {
  const double D = sizeof(double);
  const double H = en->H, GA = en->GA, R = en->R,
               G1 = (double)rb_eng_n_results(en);
  const double items = (double)rb_eng_items_size(en, en->GA);
  const double yearly = (double)rb_eng_yearly_size(en);
  const double nb = R < RB_BAND_MAX_REPS ? R : RB_BAND_MAX_REPS;
  const double psa = en->psa ? 1.0 : 0.0;
  part[PART_MODEL] = (mem_part){
      "the compiled tables (schedule breaks × items × groups)",
      en->psa ? "fewer threads (--threads)" : "fewer schedule breaks or groups",
      (1.0 + psa * nt) * rb_model_bytes(en->sc) +
          psa * nt * (double)en->sc->n_params * D};
  part[PART_COUNTS] = (mem_part){
      "the threads' exposure counts (schedule breaks × horizon × threads)",
      "fewer threads (--threads)",
      ((double)nt * (1.0 + psa) + 1.0) * (double)en->e_size * D +
          (double)nt * psa * (double)(en->e_size / (size_t)en->H + 1) *
              (sizeof(unsigned char) + sizeof(int)) +
          ((double)nt + 1.0) * GA * (RB_ENG_GONE * H + C_COUNT) * D +
          (GA + 1.0) * sizeof(size_t) + (double)nt * rb_eng_pools_ws_bytes(en)};
  part[PART_CHUNK] = (mem_part){
      "the buffers of a chunk of replications (groups × horizon × threads)",
      "fewer threads (--threads)",
      (double)rb_eng_chunk_size(en, nt) * (double)en->L.size * D};
  part[PART_REPS] = (mem_part){
      "the totals per replication (groups × replications, and the band's "
      "horizon × replications up to 10,000)",
      "fewer replications (--replications)",
      ((double)rb_eng_ser_rows(en) * RB_DISC_COUNT * RB_P_COUNT * en->A * R +
       2.0 * R + psa * R * ((double)en->n_drawn + RB_DISC_COUNT * RB_P_COUNT) +
       RB_P_COUNT * H * nb) *
          D};
  part[PART_SUMS] = (mem_part){
      "the sums and results (groups × horizon)",
      "a shorter horizon or fewer groups",
      (RB_DISC_COUNT * GA * H * (RB_P_COUNT + 2.0) + items + 2.0 * yearly +
       2.0 * (double)rb_eng_ky_size(en) + RB_P_COUNT * H * RB_BAND_N +
       G1 *
           ((double)rb_eng_items_size(en, en->A) +
            (double)rb_cum_saving_index(en->H, RB_DISC_COUNT, 0, 0) +
            (double)rb_month_cost_index(en->H, en->A, RB_DISC_COUNT, 0, 0, 0)) +
       en->A * H * (RB_MONTHLY_STATES + RB_A_COUNT)) *
              D +
          G1 * sizeof(rb_group_result) +
          (double)en->n_items * (2.0 * sizeof(char *) + sizeof(rb_kind))};
}

double rb_eng_memory(const rb_eng *en, int nt) {
  mem_part part[PART_N];
  parts_of(part, en, nt);
  double total = 0.0;
  for (int k = 0; k < PART_N; k++) {
    total += part[k].bytes;
  }
  return total;
}

double rb_engine_memory(const rb_scenario *sc, const rb_run_opts *opts) {
  rb_eng en;
  const int nt =
      opts != NULL && opts->threads > 0 ? opts->threads : omp_get_num_procs();
  rb_eng_dims(&en, sc, opts, sc->info.mode == RB_MODE_PSA);
  return rb_eng_memory(&en, nt);
}

/* @p bytes as "3.2 GiB" or "120 MiB". */
static void fmt_bytes(char *buf, size_t n, double bytes) {
  const double gib = 1024.0 * 1024.0 * 1024.0;
  if (bytes >= gib) {
    snprintf(buf, n, "%.1f GiB", bytes / gib);
  } else {
    snprintf(buf, n, "%.0f MiB", bytes / (1024.0 * 1024.0));
  }
}

/* The memory a run takes above @p limit: a line in @p d. */
static rb_status admit_memory(const rb_eng *en, int nt, size_t limit,
                              rb_diag *d) {
  mem_part part[PART_N];
  parts_of(part, en, nt);
  double total = 0.0;
  int big = 0;
  for (int k = 0; k < PART_N; k++) {
    total += part[k].bytes;
    big = part[k].bytes > part[big].bytes ? k : big;
  }
  if (total <= (double)limit) {
    return RB_OK;
  }
  if (d != NULL) {
    char need[32], lim[32], most[32];
    fmt_bytes(need, sizeof need, total);
    fmt_bytes(lim, sizeof lim, (double)limit);
    fmt_bytes(most, sizeof most, part[big].bytes);
    rb_diag_add(d, en->sc->path, 0, NULL,
                "the run needs about %s of memory, more than its limit of %s; "
                "%s of it for %s: run with %s, or raise the limit "
                "(--max-memory)",
                need, lim, most, part[big].what, part[big].knob);
  }
  return RB_EINVALID;
}

/* ---- refusals before the run ----------------------------------------------
 */

/* Every citizen's clock, months_in_state, counts one up a month from its
 * initial value: it must stay below INT_MAX over the horizon. */
static rb_status admit_clocks(const rb_eng *en, rb_diag *d) {
  rb_status st = RB_OK;
  for (int gi = 0; gi < en->G; gi++) {
    for (int arm = 0; arm < RB_ARM_SPECS; arm++) {
      const rb_initial *in = &en->sc->groups[gi].arm[arm].initial;
      const rb_initial *first = &en->sc->groups[gi].arm[0].initial;
      if (in->months_in_state <= INT_MAX - 1 - en->H ||
          (arm > 0 && in->months_in_state == first->months_in_state)) {
        continue; /* fits, or the intervention's value, named already */
      }
      st = RB_EINVALID;
      if (d != NULL) {
        char key[96];
        snprintf(key, sizeof key, "groups.[%d].%sinitial.months_in_state", gi,
                 arm == RB_ARM_BASELINE ? "baseline." : "");
        rb_diag_add(d, NULL, 0, key,
                    "is too large: the clock would pass %d within the %d "
                    "months of the horizon (got %d)",
                    INT_MAX, en->H, in->months_in_state);
      }
    }
  }
  return st;
}

rb_status rb_eng_admit(const rb_eng *en, int nt, size_t limit, rb_diag *d) {
  rb_status st = admit_clocks(en, d);
  long long citizens = 0;
  for (int gi = 0; gi < en->G; gi++) {
    citizens += en->sc->groups[gi].size;
  }
  if (citizens > INT_MAX) {
    st = RB_EINVALID;
    if (d != NULL) {
      rb_diag_add(d, en->sc->path, 0, "groups",
                  "the cohort is too large: at most %d citizens in all "
                  "(got %lld)",
                  INT_MAX, citizens);
    }
  }
  if (st == RB_OK) {
    st = admit_memory(en, nt, limit, d);
  }
  return st;
}

/* ---- threads ---------------------------------------------------------------
 *
 * libgomp ends the process (exit status 1) when it cannot start a thread of
 * a parallel region.  So before the region, the threads it will need are
 * started once as a trial (with libgomp's stack size) and ended again:
 * when fewer start, the run takes that many, as results do not depend on
 * the number.  libgomp keeps its threads for the next region, so a number
 * this process has run on before needs no trial. */

/* The most threads a run of this process has been given. */
static int pool_threads = 1;

typedef struct trial {
  pthread_mutex_t mu;
  pthread_cond_t cv;
  int go;
} trial;

static void *trial_wait(void *arg) {
  trial *t = arg;
  pthread_mutex_lock(&t->mu);
  while (!t->go) {
    pthread_cond_wait(&t->cv, &t->mu);
  }
  pthread_mutex_unlock(&t->mu);
  return NULL;
}

/* The stack size libgomp gives its threads: OMP_STACKSIZE (or
 * GOMP_STACKSIZE), a number with an optional unit B, K (the default), M or
 * G; 0 when neither is set (the default of pthread_create). */
static size_t omp_stack_size(void) {
  const char *s = getenv("OMP_STACKSIZE");
  if (s == NULL) {
    s = getenv("GOMP_STACKSIZE");
  }
  if (s == NULL) {
    return 0;
  }
  char *end;
  const unsigned long long v = strtoull(s, &end, 10);
  while (*end == ' ') {
    end++;
  }
  const int shift = *end == 'B' || *end == 'b'   ? 0
                    : *end == 'M' || *end == 'm' ? 20
                    : *end == 'G' || *end == 'g' ? 30
                                                 : 10;
  return v < (1ULL << 40) ? (size_t)(v << shift) : 0;
}

/* Start @p want threads that wait for each other, end them: how many
 * started. */
static int trial_start(int want) {
  pthread_t *th = malloc((size_t)want * sizeof *th);
  if (th == NULL) {
    return 0;
  }
  trial t = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  const size_t stack = omp_stack_size();
  if (stack > 0) {
    pthread_attr_setstacksize(&attr, stack);
  }
  int k = 0;
  while (k < want && pthread_create(&th[k], &attr, trial_wait, &t) == 0) {
    k++;
  }
  pthread_attr_destroy(&attr);
  pthread_mutex_lock(&t.mu);
  t.go = 1;
  pthread_cond_broadcast(&t.cv);
  pthread_mutex_unlock(&t.mu);
  for (int i = 0; i < k; i++) {
    pthread_join(th[i], NULL);
  }
  free(th);
  return k;
}

int rb_eng_threads(int nt) {
  const int limit = omp_get_thread_limit();
  nt = nt < limit ? nt : limit;
  const int known = __atomic_load_n(&pool_threads, __ATOMIC_RELAXED);
  if (nt <= known) {
    return nt < 1 ? 1 : nt;
  }
  /* The team's first thread is the caller; the pool has known − 1. */
  const int got = known + trial_start(nt - known);
  int old = known;
  while (got > old &&
         !__atomic_compare_exchange_n(&pool_threads, &old, got, false,
                                      __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
  return got;
}
