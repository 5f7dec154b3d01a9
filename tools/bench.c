/* rentbridge benchmark (docs/performance.md), run by `make bench`: one
 * line each, with the machine and the threads, for
 *   - the engine alone (rb_engine_run) on the bench scenario, 1 and 2
 *     threads: time and citizen-months per second (both arms counted);
 *   - the same cohort taking its flats from one pool (docs/model.md,
 *     "Pools"; the month-major path) in place of its own offers, 1 and 2
 *     threads, and its cost against the per-citizen offers;
 *   - the whole `rentbridge run` of it (engine, statistics, every file,
 *     report, workbook, charts), 1 and 2 threads;
 *   - `rentbridge run` of the network scenario, and a 7-point sweep of its
 *     cap (subsidy.cap 1,000 to 4,000 kr by 500), 2 threads;
 *   - the engine in psa mode on the network scenario, and from its rate the
 *     national picture (6,000 citizens × 120 months × 2 arms × 10,000
 *     draws) extrapolated; then the national picture at its own size
 *     (network's groups scaled to 6,000 citizens, two arms) for 100 draws,
 *     its time times 100;
 *   - when Rscript is installed, the R peer (PEER/peer.R on
 *     PEER/bench-tables.R, the same model and replications as the bench
 *     scenario) and the ratios against it.
 * usage: bench [BENCH.cfg [REPEATS [RENTBRIDGE [NETWORK.cfg [PEER]]]]] */
#include "rentbridge/engine.h"

#include <gsl/gsl_errno.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static char machine[160];

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The CPU's model name and the cores online. */
static void find_machine(void) {
  char model[128] = "unknown CPU";
  FILE *f = fopen("/proc/cpuinfo", "r");
  char line[256];
  while (f != NULL && fgets(line, sizeof line, f) != NULL) {
    char *colon = strchr(line, ':');
    if (strncmp(line, "model name", 10) == 0 && colon != NULL) {
      snprintf(model, sizeof model, "%s", colon + 2);
      model[strcspn(model, "\n")] = '\0';
      break;
    }
  }
  if (f != NULL) {
    fclose(f);
  }
  snprintf(machine, sizeof machine, "%s, %ld cores", model,
           sysconf(_SC_NPROCESSORS_ONLN));
}

static rb_scenario *load(const char *path) {
  rb_diag d;
  rb_diag_init(&d);
  rb_scenario *sc = NULL;
  rb_load_opts lo = {NULL, 0, NULL};
  if (rb_scenario_load(&sc, path, &lo, &d) != RB_OK) {
    for (size_t i = 0; i < d.n; i++) {
      fprintf(stderr, "%s\n", d.msgs[i]);
    }
    sc = NULL;
  }
  rb_diag_free(&d);
  return sc;
}

/* Citizen-months of one replication, both arms. */
static double citizen_months(const rb_scenario *sc) {
  double cm = 0.0;
  for (int g = 0; g < sc->n_groups; g++) {
    const rb_group *gr = &sc->groups[g];
    for (int i = 0; i < gr->size; i++) {
      long long e = ((long long)i * gr->entry_months) / gr->size;
      cm += (double)(sc->info.horizon_months - e);
    }
  }
  return cm * (double)sc->n_arms;
}

/* @p text with every @p old replaced by @p repl (malloc'ed; NULL when out
 * of memory). */
static char *replace_all(const char *text, const char *old, const char *repl) {
  size_t n = 0, lo = strlen(old), lr = strlen(repl);
  for (const char *p = strstr(text, old); p != NULL; p = strstr(p + lo, old)) {
    n++;
  }
  char *out = malloc(strlen(text) + n * lr + 1);
  char *w = out;
  for (const char *p = text; out != NULL;) {
    const char *q = strstr(p, old);
    if (q == NULL) {
      strcpy(w, p);
      break;
    }
    memcpy(w, p, (size_t)(q - p));
    w += q - p;
    memcpy(w, repl, lr);
    w += lr;
    p = q + lo;
  }
  return out;
}

/* The bench scenario @p path with its groups taking their flats from one
 * pool of 8 flats a month (the groups' rents, equal weights) instead of
 * their own offers, written beside it and loaded; NULL if it fails. */
static rb_scenario *load_pooled(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    return NULL;
  }
  static char text[1 << 16];
  size_t n = fread(text, 1, sizeof text - 1, f);
  fclose(f);
  text[n] = '\0';
  static const char *const subst[][2] = {
      {"    baseline = { flats = { offers_per_month = 0.3; }; };\n", ""},
      {"flats = { offers_per_month = 0.3;", "flats = { pools = [\"bench\"];"},
      {"flats = { offers_per_month = 0.4;", "flats = { pools = [\"bench\"];"},
      {"\ngroups = (",
       "\npools = ( { name = \"bench\"; kind = \"almene\"; "
       "flats_per_month = 8.0; rent = { dist = \"discrete\"; values = "
       "[2800.0, 3300.0, 3600.0, 3900.0, 4200.0, 4800.0]; weights = [1.0, "
       "1.0, 1.0, 1.0, 1.0, 1.0]; }; } );\ngroups = ("}};
  char *t = NULL;
  const char *cur = text;
  for (size_t k = 0; k < sizeof subst / sizeof subst[0]; k++) {
    char *u = replace_all(cur, subst[k][0], subst[k][1]);
    free(t);
    t = u;
    cur = t;
    if (t == NULL) {
      return NULL;
    }
  }
  char tmp[4096];
  const char *slash = strrchr(path, '/');
  snprintf(tmp, sizeof tmp, "%.*s.bench-pools-%ld.cfg",
           slash != NULL ? (int)(slash - path + 1) : 0, path, (long)getpid());
  f = fopen(tmp, "w");
  rb_scenario *sc = NULL;
  if (f != NULL) {
    fputs(t, f);
    fclose(f);
    sc = load(tmp);
    remove(tmp);
  }
  free(t);
  return sc;
}

/* The best of @p repeats engine runs on @p threads (replications: the
 * scenario's, or @p reps); a negative time when a run fails. */
static double engine_best(const rb_scenario *sc, int threads, int reps,
                          int repeats) {
  double best = 1e300;
  for (int k = 0; k < repeats; k++) {
    rb_run_opts o = {0};
    o.threads = threads;
    o.replications = reps;
    rb_results r;
    double t0 = now();
    if (rb_engine_run(&r, sc, &o) != RB_OK) {
      return -1.0;
    }
    double dt = now() - t0;
    best = dt < best ? dt : best;
    rb_results_free(&r);
  }
  return best;
}

/* The best wall time of @p repeats runs of the shell command @p cmd; a
 * negative time when it fails. */
static double command_best(const char *cmd, int repeats) {
  double best = 1e300;
  for (int k = 0; k < repeats; k++) {
    double t0 = now();
    if (system(cmd) != 0) {
      fprintf(stderr, "bench: failed: %s\n", cmd);
      return -1.0;
    }
    double dt = now() - t0;
    best = dt < best ? dt : best;
  }
  return best;
}

/* A whole `rentbridge ARGS --threads T` into a temporary folder. */
static double whole(const char *bin, const char *args, int threads,
                    int repeats) {
  char cmd[2048];
  snprintf(cmd, sizeof cmd,
           "%s %s --threads %d --out \"${TMPDIR:-/tmp}/rb-bench-$$\" --force "
           "--quiet >/dev/null && rm -rf \"${TMPDIR:-/tmp}/rb-bench-$$\"",
           bin, args, threads);
  return command_best(cmd, repeats);
}

static void say(const char *what, int threads, double s, const char *more) {
  printf("%-34s %s, %d thread%s: %8.3f s%s\n", what, machine, threads,
         threads == 1 ? " " : "s", s, more);
}

int main(int argc, char **argv) {
  gsl_set_error_handler_off(); /* GSL errors are returned, never abort */
  const char *path = argc > 1 ? argv[1] : "scenarios/bench.cfg";
  int repeats = argc > 2 ? atoi(argv[2]) : 3;
  const char *bin = argc > 3 ? argv[3] : "build/rentbridge";
  const char *net = argc > 4 ? argv[4] : "scenarios/network.cfg";
  const char *peer = argc > 5 ? argv[5] : "../shared/bench/peer";
  find_machine();
  rb_scenario *sc = load(path);
  rb_scenario *nsc = load(net);
  if (sc == NULL || nsc == NULL) {
    return 3;
  }
  const double cm = citizen_months(sc) * sc->info.replications;
  printf("bench %s: %d replications, %.0f citizen-months per run (all "
         "arms)\n",
         path, sc->info.replications, cm);
  double eng[3] = {0}, run[3] = {0};
  char more[160];
  for (int t = 1; t <= 2; t++) {
    eng[t] = engine_best(sc, t, 0, repeats);
    if (eng[t] <= 0.0) {
      fprintf(stderr, "bench: the engine's run failed\n");
      return 70;
    }
    snprintf(more, sizeof more, "  %6.1f M citizen-months/s",
             cm / eng[t] / 1e6);
    say("engine (bench.cfg)", t, eng[t], more);
  }
  printf("engine speed-up 1 -> 2 threads: %.2fx\n", eng[1] / eng[2]);
  rb_scenario *psc = load_pooled(path);
  for (int t = 1; psc != NULL && t <= 2; t++) {
    const double e = engine_best(psc, t, 0, repeats);
    snprintf(more, sizeof more, "  %6.1f M citizen-months/s, %.2fx offers'",
             cm / e / 1e6, e / eng[t]);
    say("engine, one pool (bench.cfg)", t, e, more);
  }
  if (psc == NULL) {
    fprintf(stderr, "bench: the pooled bench scenario did not load\n");
  }
  rb_scenario_free(psc);
  char args[1024];
  snprintf(args, sizeof args, "run %s", path);
  for (int t = 1; t <= 2; t++) {
    run[t] = whole(bin, args, t, repeats);
    say("whole run (bench.cfg)", t, run[t], "");
  }
  printf("whole run speed-up 1 -> 2 threads: %.2fx\n", run[1] / run[2]);
  snprintf(args, sizeof args, "run %s", net);
  say("whole run (network.cfg)", 2, whole(bin, args, 2, 1), "");
  snprintf(args, sizeof args,
           "sweep %s --param subsidy.cap --from 1000 --to 4000 --step 500",
           net);
  say("7-point cap sweep (network.cfg)", 2, whole(bin, args, 2, 1), "");
  nsc->info.mode = RB_MODE_PSA;
  const int psa_reps = 200;
  const double psa = engine_best(nsc, 2, psa_reps, 1);
  const double psa_rate = citizen_months(nsc) * psa_reps / psa;
  snprintf(more, sizeof more, "  %6.1f M citizen-months/s (%d draws)",
           psa_rate / 1e6, psa_reps);
  say("engine psa (network.cfg)", 2, psa, more);
  const double national = 6000.0 * 120.0 * 2.0 * 10000.0;
  snprintf(more, sizeof more, "  (%.1f billion citizen-months at that rate)",
           national / 1e9);
  say("national picture, extrapolated", 2, national / psa_rate, more);
  /* The national picture at its own size: network.cfg's groups scaled to
   * 6,000 citizens and its two arms the experiment and the reference, a
   * run of national_reps draws, its time times 10,000 / national_reps
   * (every draw is one replication of the same work). */
  const int national_reps = 100;
  rb_scenario wide = *nsc;
  rb_group *groups = malloc((size_t)nsc->n_groups * sizeof *groups);
  if (groups != NULL && nsc->n_arms >= 2) {
    memcpy(groups, nsc->groups, (size_t)nsc->n_groups * sizeof *groups);
    int total = 0, left = 6000;
    for (int g = 0; g < nsc->n_groups; g++) {
      total += nsc->groups[g].size;
    }
    for (int g = 0; g < nsc->n_groups; g++) {
      groups[g].size = g == nsc->n_groups - 1
                           ? left
                           : (int)(6000.0 * nsc->groups[g].size / total + 0.5);
      left -= groups[g].size;
    }
    wide.groups = groups;
    wide.n_arms = 2;
    const double nt = engine_best(&wide, 2, national_reps, 1);
    if (nt > 0.0) {
      snprintf(more, sizeof more,
               "  (6000 citizens, 2 arms: %d draws in %.2f s, %.1f M "
               "citizen-months/s)",
               national_reps, nt,
               citizen_months(&wide) * national_reps / nt / 1e6);
      say("national picture, at its size", 2, nt * 10000.0 / national_reps,
          more);
    } else {
      fprintf(stderr, "bench: the national-size run failed\n");
    }
  }
  free(groups);
  double r_s = -1.0;
  char cmd[2048];
  snprintf(cmd, sizeof cmd, "cd %s && Rscript peer.R bench-tables.R >/dev/null",
           peer);
  char peer_r[1024];
  snprintf(peer_r, sizeof peer_r, "%s/peer.R", peer);
  if (access(peer_r, R_OK) == 0 &&
      system("command -v Rscript >/dev/null") == 0) {
    r_s = command_best(cmd, 1);
  }
  if (r_s > 0.0) {
    say("R peer (bench-tables.R)", 1, r_s, "");
    printf("ratios to the R peer: engine %.1fx per core (1 thread), %.1fx on "
           "2 threads; whole run %.1fx on 1 thread, %.1fx on 2\n",
           r_s / eng[1], r_s / eng[2], r_s / run[1], r_s / run[2]);
  } else {
    printf("R peer: Rscript or %s/peer.R not found, skipped (apt-get "
           "install r-base-core)\n",
           peer);
  }
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("peak resident memory of the engine runs: %.1f MiB\n",
         (double)ru.ru_maxrss / 1024.0);
  rb_scenario_free(sc);
  rb_scenario_free(nsc);
  return 0;
}
