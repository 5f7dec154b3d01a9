/* rentbridge benchmark: citizen-months per second (both arms counted) and
 * peak memory of the engine on a scenario, at 1 and 2 threads (or those
 * given).  Run by `make bench`. */
#include "rentbridge/engine.h"

#include <gsl/gsl_errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  gsl_set_error_handler_off(); /* GSL errors are returned, never abort */
  const char *path = argc > 1 ? argv[1] : "scenarios/bench.cfg";
  int repeats = argc > 2 ? atoi(argv[2]) : 3;
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  rb_load_opts lo = {NULL, 0, NULL};
  if (rb_scenario_load(&sc, path, &lo, &d) != RB_OK) {
    for (size_t i = 0; i < d.n; i++) {
      fprintf(stderr, "%s\n", d.msgs[i]);
    }
    return 3;
  }
  rb_diag_free(&d);
  double cm = 0.0;
  for (int g = 0; g < sc->n_groups; g++) {
    const rb_group *gr = &sc->groups[g];
    for (int i = 0; i < gr->size; i++) {
      long long e = ((long long)i * gr->entry_months) / gr->size;
      cm += (double)(sc->info.horizon_months - e);
    }
  }
  cm *= 2.0 * sc->info.replications;
  printf("scenario %s: %d replications, %.0f citizen-months per run (both "
         "arms)\n",
         path, sc->info.replications, cm);
  double rate[3] = {0};
  for (int threads = 1; threads <= 2; threads++) {
    double best = 1e300;
    for (int k = 0; k < repeats; k++) {
      rb_run_opts o = {0};
      o.threads = threads;
      rb_results r;
      double t0 = now();
      if (rb_engine_run(&r, sc, &o) != RB_OK) {
        fprintf(stderr, "run failed\n");
        return 70;
      }
      double dt = now() - t0;
      best = dt < best ? dt : best;
      rb_results_free(&r);
    }
    rate[threads] = cm / best;
    printf("threads %d: best of %d %.3f s, %.1f million citizen-months/s\n",
           threads, repeats, best, rate[threads] / 1e6);
  }
  printf("speed-up 1 -> 2 threads: %.2fx\n", rate[2] / rate[1]);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("peak resident memory: %.1f MiB\n", (double)ru.ru_maxrss / 1024.0);
  rb_scenario_free(sc);
  return 0;
}
