/*
 * The scenario loader's rules across fields (load.h): the probabilities
 * out of each state and the activity rates of an arm must not sum to more
 * than 1, and a cost item's when.groups names groups of the scenario.
 */
#include "scenario/load.h"
#include "scenario/words.h"

#include <stdlib.h>
#include <string.h>

/* The largest value of a parameter in psa mode and tornado: its high. */
static double high_of(const ld *c, int i) {
  return c->sc->params[i].high;
}

/* A sum over 1 for a message (@p sv), and where its problem points: the
 * arm's own block at @p line, or @p at_default for a baseline that did not
 * override it (@p base_line: the intervention's line of the same block,
 * NULL for the intervention arm itself). */
static rb_node sum_over(char sv[40], double sum, const rb_node *at_default,
                        int line, const int *base_line) {
  fmt_sum(sv, 40, sum);
  rb_node at = {0};
  at.file = at_default->file;
  bool own = line > 0 && (base_line == NULL || line != *base_line);
  at.line = own ? line : at_default->line;
  return at;
}

/* The schedules out of state @p from into @p sch; @return their number, or
 * −1 when a value involved is bad (and the sum is not checked). */
static int state_scheds(const ld *c, const rb_arm_spec *a, rb_housing from,
                        const rb_sched **sch) {
  int ns = 0;
  bool bad = false;
  for (int t = 0; t < RB_T_COUNT; t++) {
    const rb_sched *x = &a->transitions.out[from][t];
    if (x->n == 0) {
      continue;
    }
    for (int i = 0; i < x->n; i++) {
      bad = bad || is_bad(c, x->values[i]);
    }
    if (x->scale >= 0) {
      bad = bad || is_bad(c, x->scale);
    }
    sch[ns++] = x;
  }
  return bad ? -1 : ns;
}

/* The sum out of a state at months_in_state @p m (offers first). */
static double month_sum(const ld *c, int offers, const rb_sched *const *sch,
                        int ns, int m) {
  double sum = offers >= 0 ? high_of(c, offers) : 0.0;
  for (int j = 0; j < ns; j++) {
    const rb_sched *x = sch[j];
    double v = high_of(c, x->values[rb_sched_index(x->breaks, x->n, m)]);
    if (x->scale >= 0) {
      v *= high_of(c, x->scale);
    }
    sum += v;
  }
  return sum;
}

/* The probabilities out of state @p from at month 0 and at every break of
 * every schedule involved. */
static void state_sum(ld *c, const rb_arm_spec *a, const rb_arm_spec *base,
                      rb_housing from, const char *tpath,
                      const rb_node *at_default) {
  const rb_sched *sch[RB_T_COUNT + 1];
  int ns = state_scheds(c, a, from, sch);
  int offers = from == RB_H_PLACED ? a->flats.offers_per_month : -1;
  if (ns < 0 ||
      (from == RB_H_PLACED && a->flats.pools == 0 && is_bad(c, offers))) {
    return;
  }
  for (int i = -1; i < ns; i++) {
    int count = i < 0 ? 1 : sch[i]->n - 1;
    for (int b = 0; b < count; b++) {
      int m = i < 0 ? 0 : sch[i]->breaks[b];
      double sum = month_sum(c, offers, sch, ns, m);
      if (sum > 1.0 + SUM_TOL) {
        char sv[40], key[RB_KEYMAX];
        rb_node at =
            sum_over(sv, sum, at_default, a->transitions.state_line[from],
                     base != NULL ? &base->transitions.state_line[from] : NULL);
        rb_key_join(key, tpath, rb_housing_names[from]);
        rb_cfg_problem(&c->ck, &at, key,
                       "probabilities out of %s%s sum to more than 1 at "
                       "months_in_state %d, uncertain values at their high "
                       "(got %s)",
                       rb_housing_names[from],
                       from == RB_H_PLACED ? ", offers included," : "", m, sv);
        return;
      }
    }
  }
}

/* The two rates out of none and out of education, housed and not. */
static void activity_sums(ld *c, const rb_arm_spec *a, const rb_arm_spec *base,
                          const char *tpath, const rb_node *at_default) {
  for (int h = 0; h < 2; h++) {
    const int *r = a->transitions.activity[h];
    for (int pair = 0; pair < 2; pair++) {
      int x = r[2 * pair], y = r[2 * pair + 1];
      if (is_bad(c, x) || is_bad(c, y)) {
        continue;
      }
      double sum = high_of(c, x) + high_of(c, y);
      if (sum > 1.0 + SUM_TOL) {
        char sv[40], apath[RB_KEYMAX], key[RB_KEYMAX];
        rb_node at =
            sum_over(sv, sum, at_default, a->transitions.activity_line[h],
                     base != NULL ? &base->transitions.activity_line[h] : NULL);
        rb_key_join(apath, tpath, "activity");
        rb_key_join(key, apath, rb_housed_words[h]);
        rb_cfg_problem(&c->ck, &at, key,
                       "the rates out of %s sum to more than 1, uncertain "
                       "values at their high (got %s)",
                       rb_activity_names[pair], sv);
      }
    }
  }
}

void rb_ld_check_arm_sums(ld *c, const rb_arm_spec *a, const rb_arm_spec *base,
                          const char *tpath, const rb_node *at_default) {
  for (int s = 0; s < RB_H_FROM_COUNT; s++) {
    state_sum(c, a, base, (rb_housing)s, tpath, at_default);
  }
  activity_sums(c, a, base, tpath, at_default);
}

void rb_ld_group_list(ld *c, bool *in_group, const rb_node *n,
                      const char *key) {
  rb_scenario *sc = c->sc;
  char got[80];
  if (n->type != RB_N_ARRAY && n->type != RB_N_LIST) {
    rb_cfg_expected(&c->ck, n, key, "an array of group names");
    return;
  }
  if (n->n == 0) {
    rb_cfg_problem(&c->ck, n, key, "must list at least one group (got [])");
    return;
  }
  for (int k = 0; k < n->n; k++) {
    const rb_node *e = n->kids[k];
    char ek[RB_KEYMAX];
    rb_key_index(ek, key, k);
    int gi = -1;
    for (int j = 0; e->type == RB_N_STRING && j < sc->n_groups; j++) {
      if (sc->groups[j].name != NULL &&
          strcmp(sc->groups[j].name, e->sval) == 0) {
        gi = j;
      }
    }
    rb_node_describe(got, sizeof got, e);
    if (gi < 0) {
      rb_cfg_problem(&c->ck, e, ek, "no such group in groups (got %s)", got);
    } else if (in_group[gi]) {
      rb_cfg_problem(&c->ck, e, ek, "listed twice (got %s)", got);
    } else {
      in_group[gi] = true;
    }
  }
}

void rb_ld_cost_groups(ld *c, const rb_node *root) {
  rb_scenario *sc = c->sc;
  const rb_node *l = rb_node_get(root, "costs");
  if (l == NULL || sc->costs == NULL || sc->n_groups == 0) {
    return;
  }
  for (int i = 0; i < sc->n_costs && i < l->n; i++) {
    rb_cost *ct = &sc->costs[i];
    if (!ct->has_groups) {
      continue;
    }
    const rb_node *w = rb_node_get(l->kids[i], "when");
    const rb_node *n = w != NULL ? rb_node_get(w, "groups") : NULL;
    if (n == NULL) {
      continue;
    }
    char key[RB_KEYMAX];
    rb_key_index(key, "costs", i);
    rb_key_join(key, key, "when.groups");
    ct->in_group = calloc((size_t)sc->n_groups, sizeof *ct->in_group);
    if (ct->in_group == NULL) {
      c->ck.oom = true;
      return;
    }
    rb_ld_group_list(c, ct->in_group, n, key);
  }
}
