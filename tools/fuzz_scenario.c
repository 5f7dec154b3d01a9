/*
 * libFuzzer target for the scenario and rules loaders (tools/fuzz.sh).
 *
 * An input is a scenario file, written into a private directory that also
 * holds the test rules as rules.cfg.  Leading lines "--set KEY=VALUE" are
 * taken off and passed as overrides.  An input that starts with "#rules" is
 * loaded as a rules file instead.  A scenario that loads is written back
 * with rb_scenario_write() and must load again to the same parameters.
 */
#include "fuzz_common.h"
#include "rentbridge/scenario.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[64];
static char scen[128], resolved[128];

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  fuzz_make_dir(dir, "scenario");
  snprintf(scen, sizeof scen, "%s/s.cfg", dir);
  snprintf(resolved, sizeof resolved, "%s/w.cfg", dir);
  return 0;
}

static bool same_params(const rb_scenario *a, const rb_scenario *b) {
  if (a->n_params != b->n_params) {
    return false;
  }
  for (int i = 0; i < a->n_params; i++) {
    const rb_param *p = &a->params[i], *q = &b->params[i];
    if (strcmp(p->key, q->key) != 0 || p->value != q->value ||
        p->low != q->low || p->high != q->high || p->dist != q->dist ||
        p->p1 != q->p1 || p->p2 != q->p2 ||
        (p->source == NULL) != (q->source == NULL) ||
        (p->source != NULL && strcmp(p->source, q->source) != 0)) {
      fprintf(stderr, "round trip differs at %s\n", p->key);
      return false;
    }
  }
  return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  rb_diag d;
  rb_diag_init(&d);
  if (size >= 6 && memcmp(data, "#rules", 6) == 0) {
    char path[160];
    snprintf(path, sizeof path, "%s/r.cfg", dir);
    fuzz_write_file(path, data, size);
    rb_rules r;
    if (rb_rules_load(&r, path, &d) == RB_OK) {
      rb_rules_free(&r);
    }
    rb_diag_free(&d);
    return 0;
  }
  rb_scenario *sc = NULL;
  if (fuzz_load(&sc, scen, data, size, &d) == RB_OK) {
    if (d.n != 0) {
      abort(); /* success must come without problems */
    }
    if (rb_scenario_write(sc, resolved, "rules.cfg") == RB_OK) {
      rb_scenario *again = NULL;
      rb_diag d2;
      rb_diag_init(&d2);
      if (rb_scenario_load(&again, resolved, NULL, &d2) != RB_OK ||
          !same_params(sc, again)) {
        for (size_t i = 0; i < d2.n; i++) {
          fprintf(stderr, "%s\n", d2.msgs[i]);
        }
        abort(); /* the resolved file must load to the same values */
      }
      rb_diag_free(&d2);
      rb_scenario_free(again);
    }
    rb_scenario_free(sc);
  } else if (d.n == 0) {
    abort(); /* a failure must say why */
  }
  rb_diag_free(&d);
  return 0;
}
