/**
 * @file scenario_internal.h
 * @brief Internal to the scenario loader: `--set` overrides on the tree.
 */
#ifndef RENTBRIDGE_SCENARIO_INTERNAL_H
#define RENTBRIDGE_SCENARIO_INTERNAL_H

#include "config/cfgtree.h"
#include "rentbridge/scenario.h"

/**
 * Apply `KEY=VALUE` overrides to @p root in order.  New nodes carry
 * @p set_file ("--set") and their 1-based position as line, so that later
 * problems with them read `--set:N: KEY: ...`.  Problems with a set itself
 * (malformed, unparsable value, no such place) go to @p diag and the
 * other sets are still applied.
 * @return RB_OK, RB_EINVALID (problems in @p diag) or RB_ENOMEM.
 */
rb_status rb_scenario_apply_sets(rb_node *root, const char *const *sets,
                                 int n_sets, const char *set_file,
                                 rb_diag *diag);

/**
 * Resolve every `from = "KOMMUNE.NAME";` of @p root from its top-level
 * `kommuner` block, then drop that block (kommune_from.c).
 * @return RB_OK, RB_EINVALID (problems in @p diag) or RB_ENOMEM.
 */
rb_status rb_scenario_resolve_from(rb_node *root, rb_diag *diag);

/** Apply one `KEY=VALUE` override, its new nodes and its problems located
 * at @p file : @p line (a parameters file's row). */
rb_status rb_scenario_apply_set_at(rb_node *root, const char *spec,
                                   const char *file, int line, rb_diag *diag);

/** What a parameters file (`--params`) changes: the edits, and the sets
 * that make them, each with the line of its row. */
typedef struct rb_pedits {
  rb_param_edit *e;
  int n;
  char **specs; /**< "KEY=V", "KEY.low=V", "KEY.high=V" */
  int *lines;
  int n_specs;
} rb_pedits;

/**
 * Read the parameters file @p csv against @p sc (the scenario as its file
 * has it, loaded without overrides): every value, low and high that
 * differs from the scenario's becomes an edit and a set.  Problems of the
 * file go to @p diag as `CSV:LINE: column: message`.
 * @return RB_OK, RB_EINVALID (@p pe holds the changes of the cells that
 *         were read, so that the loader checks them too), RB_EIO (the file
 *         cannot be read) or RB_ENOMEM; then @p pe is empty.
 */
rb_status rb_pedits_read(rb_pedits *pe, const rb_scenario *sc, const char *csv,
                         rb_diag *diag);

/** Free what rb_pedits_read() gave (the edits too, unless taken). */
void rb_pedits_free(rb_pedits *pe);

/** Copy @p in's messages to @p out, with the column of the parameters
 * file's row put after `CSV:LINE:` in those located in @p csv. */
void rb_pedits_columns(rb_diag *out, const rb_diag *in, const char *csv,
                       const rb_pedits *pe);

#endif
