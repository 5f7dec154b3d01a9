/*
 * The scenario loader's entry point: a libconfig file (format 1,
 * scenario-format.md) read into a tree (config/cfgtree.h, which also
 * guards its @include lines), `--set` overrides applied
 * (scenario_set.c), then converted into an rb_scenario while every rule
 * is checked (the load_*.c files, see load.h).  Every problem is reported,
 * each as `FILE:LINE: KEY: message (got X)`.
 *
 * Parameters are created in the canonical order of the resolved file (the
 * order rb_scenario_write() writes them, the psa draw order): the scenario
 * block, subsidy, incomes, costs, groups, each in the order of the spec's
 * tables, whatever the order in the file.
 */
#include "config/cfgtree.h"
#include "rentbridge/scenario.h"
#include "scenario/load.h"
#include "scenario/scenario_internal.h"
#include "scenario/words.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Loads the rules file; its own problems follow the one that names it. */
static void load_rules_file(ld *c, const rb_node *n, const char *got) {
  rb_scenario *sc = c->sc;
  rb_diag sub;
  rb_diag_init(&sub);
  rb_status s = rb_rules_load(&sc->rules, sc->rules_resolved, &sub);
  if (s == RB_EIO) {
    rb_cfg_problem(&c->ck, n, "rules", "cannot read the rules file %s (got %s)",
                   sc->rules_resolved, got);
  } else if (s == RB_ENOMEM) {
    c->ck.oom = true;
  } else if (s != RB_OK) {
    rb_cfg_problem(&c->ck, n, "rules",
                   "the rules file %s is invalid, its problems follow (got %s)",
                   sc->rules_resolved, got);
    for (size_t i = 0; i < sub.n; i++) {
      rb_diag_add_raw(c->ck.diag, sub.msgs[i]);
    }
  }
  rb_diag_free(&sub);
}

/* `rules`: a path relative to the top file's directory @p dir (unless
 * absolute), to a regular file that loads as a rules file. */
static void read_rules(ld *c, const rb_node *root, const char *dir) {
  rb_scenario *sc = c->sc;
  const char *rp = rb_cfg_string(&c->ck, root, "", "rules", true);
  if (rp == NULL) {
    return;
  }
  const rb_node *n = rb_node_get(root, "rules");
  char got[80];
  rb_node_describe(got, sizeof got, n);
  sc->rules_path = rb_cfg_strdup(&c->ck, rp);
  if (rp[0] == '\0') {
    rb_cfg_problem(&c->ck, n, "rules",
                   "expected the path of a rules file (got \"\")");
    return;
  }
  if (rp[0] == '/' || strcmp(dir, ".") == 0) {
    sc->rules_resolved = rb_cfg_strdup(&c->ck, rp);
  } else if ((sc->rules_resolved = rb_strfmt("%s/%s", dir, rp)) == NULL) {
    c->ck.oom = true;
  }
  if (sc->rules_resolved == NULL) {
    return;
  }
  struct stat st;
  if (stat(sc->rules_resolved, &st) != 0) {
    rb_cfg_problem(&c->ck, n, "rules",
                   "cannot read the rules file %s: %s (got %s)",
                   sc->rules_resolved, strerror(errno), got);
    return;
  }
  if (!S_ISREG(st.st_mode)) {
    rb_cfg_problem(&c->ck, n, "rules",
                   "the rules file %s is not a regular file (got %s)",
                   sc->rules_resolved, got);
    return;
  }
  load_rules_file(c, n, got);
}

void rb_scenario_free(rb_scenario *sc) {
  if (sc == NULL) {
    return;
  }
  free(sc->path);
  free(sc->rules_path);
  free(sc->rules_resolved);
  rb_rules_free(&sc->rules);
  free(sc->info.name);
  free(sc->info.title);
  free(sc->info.municipality);
  for (int i = 0; i < sc->n_incomes; i++) {
    free(sc->incomes[i].name);
    rb_ld_payer_free(&sc->incomes[i].payer);
  }
  free(sc->incomes);
  for (int i = 0; i < sc->n_costs; i++) {
    free(sc->costs[i].name);
    free(sc->costs[i].label);
    rb_ld_sched_free(&sc->costs[i].amount);
    free(sc->costs[i].in_group);
    rb_ld_payer_free(&sc->costs[i].payer);
  }
  free(sc->costs);
  rb_ld_groups_free(sc);
  rb_ld_pools_free(sc);
  rb_ld_views_free(sc);
  rb_ld_arms_free(sc);
  for (int i = 0; i < sc->n_params; i++) {
    free(sc->params[i].key);
    free(sc->params[i].source);
  }
  free(sc->params);
  for (int i = 0; i < sc->n_files; i++) {
    free(sc->files[i]);
  }
  free(sc->files);
  for (int i = 0; i < sc->n_edits; i++) {
    free(sc->edits[i].key);
  }
  free(sc->edits);
  free(sc->params_path);
  free(sc);
}

/* The file as a tree, with the overrides applied; problems with the sets
 * are counted in c->ck. */
static rb_status read_tree(ld *c, rb_node **root, const char *path,
                           const char *dir, const rb_load_opts *opts,
                           const rb_pedits *pe) {
  rb_status st = rb_cfg_read_file(
      root, path, strcmp(dir, ".") == 0 ? NULL : dir, &c->files, c->ck.diag);
  if (st != RB_OK) {
    return st;
  }
  if ((*root)->line <= 0) {
    (*root)->line = 1;
  }
  st = rb_scenario_resolve_from(*root, c->ck.diag);
  if (st == RB_ENOMEM) {
    return st;
  }
  c->ck.nerr += st == RB_EINVALID;
  if (pe != NULL && pe->n_specs > 0) {
    const char *csv = rb_names_intern(&c->files, opts->params);
    if (csv == NULL) {
      return RB_ENOMEM;
    }
    for (int i = 0; i < pe->n_specs; i++) {
      st = rb_scenario_apply_set_at(*root, pe->specs[i], csv, pe->lines[i],
                                    c->ck.diag);
      if (st == RB_ENOMEM) {
        return st;
      }
      c->ck.nerr += st == RB_EINVALID;
    }
    st = RB_OK;
  }
  if (opts == NULL || opts->n_sets == 0) {
    return RB_OK;
  }
  const char *set_file = rb_names_intern(&c->files, "--set");
  if (set_file == NULL) {
    return RB_ENOMEM;
  }
  st = rb_scenario_apply_sets(*root, opts->sets, opts->n_sets, set_file,
                              c->ck.diag);
  if (st == RB_EINVALID) {
    c->ck.nerr++;
    st = RB_OK;
  }
  return st;
}

/* The tree into the scenario, block by block in the canonical order. */
static rb_status convert(ld *c, const rb_node *root, const char *dir) {
  rb_cfg_check_keys(&c->ck, root, "", rb_top_words, RB_TOP_COUNT);
  rb_cfg_check_text(&c->ck, root);
  long long fmt;
  rb_cfg_int(&c->ck, root, "", "format", 1, 1, true, 1, &fmt); /* only 1 */
  read_rules(c, root, dir);
  rb_ld_scenario_block(c, root);
  rb_ld_subsidy_block(c, root);
  rb_ld_incomes(c, root);
  rb_ld_costs(c, root);
  rb_ld_pools(c, root);
  rb_ld_groups(c, root);
  rb_ld_views(c, root);
  rb_ld_cost_groups(c, root);
  rb_ld_arms(c, root);
  if (c->ck.oom) {
    return RB_ENOMEM;
  }
  return c->ck.nerr > 0 ? RB_EINVALID : RB_OK;
}

/* rb_scenario_load() with the sets of a parameters file, @p pe, or
 * none. */
static rb_status load_one(rb_scenario **out, const char *path,
                          const rb_load_opts *opts, const rb_pedits *pe,
                          rb_diag *diag) {
  *out = NULL;
  ld c;
  memset(&c, 0, sizeof c);
  c.ck.diag = diag;
  c.sc = calloc(1, sizeof *c.sc);
  char *dir = rb_path_dir(path);
  rb_node *root = NULL;
  rb_status st = RB_ENOMEM;
  if (c.sc != NULL && dir != NULL) {
    c.sc->path = rb_strdup(path);
    c.ck.top = rb_names_intern(&c.files, path);
    if (c.sc->path != NULL && c.ck.top != NULL) {
      st = read_tree(&c, &root, path, dir, opts, pe);
    }
  }
  if (st == RB_OK) {
    st = convert(&c, root, dir);
  }
  rb_node_free(root);
  free(dir);
  free(c.bad);
  if (c.sc != NULL) {
    c.sc->files = c.files.names;
    c.sc->n_files = c.files.n;
  } else {
    for (int i = 0; i < c.files.n; i++) {
      free(c.files.names[i]);
    }
    free(c.files.names);
  }
  if (st != RB_OK) {
    rb_scenario_free(c.sc);
    return st;
  }
  *out = c.sc;
  return RB_OK;
}

/* With a parameters file: the scenario as its file has it, the file read
 * against it, then the scenario with the file's changes and the sets; the
 * problems located in the parameters file name their column. */
static rb_status load_params(rb_scenario **out, const char *path,
                             const rb_load_opts *opts, rb_diag *diag) {
  rb_scenario *base = NULL;
  rb_status st = load_one(&base, path, NULL, NULL, diag);
  if (st != RB_OK) {
    return st;
  }
  rb_pedits pe;
  rb_status read = rb_pedits_read(&pe, base, opts->params, diag);
  rb_scenario_free(base);
  if (read != RB_OK && read != RB_EINVALID) {
    return read;
  }
  rb_diag sub;
  rb_diag_init(&sub);
  st = load_one(out, path, opts, &pe, &sub);
  st = st == RB_OK ? read : st;
  rb_pedits_columns(diag, &sub, opts->params, &pe);
  rb_diag_free(&sub);
  if (st == RB_OK && ((*out)->params_path = rb_strdup(opts->params)) == NULL) {
    st = RB_ENOMEM;
  }
  if (st == RB_OK) {
    (*out)->edits = pe.e;
    (*out)->n_edits = pe.n;
    pe.e = NULL;
    pe.n = 0;
  } else {
    rb_scenario_free(*out);
    *out = NULL;
  }
  rb_pedits_free(&pe);
  return st;
}

rb_status rb_scenario_load(rb_scenario **out, const char *path,
                           const rb_load_opts *opts, rb_diag *diag) {
  assert(out != NULL && path != NULL && diag != NULL);
  assert(opts == NULL || opts->n_sets == 0 || opts->sets != NULL);
  if (opts != NULL && opts->params != NULL) {
    return load_params(out, path, opts, diag);
  }
  return load_one(out, path, opts, NULL, diag);
}
