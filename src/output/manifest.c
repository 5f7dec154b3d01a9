/* manifest.json: how a results folder was made (spec: outputs.md). */
#include "base/io.h"
#include "output/json_write.h"
#include "output/text_format.h"
#include "output/writers.h"
#include "rentbridge/version.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* @p s as a JSON string; when it is not valid UTF-8 (a file name on the
 * command line may be any bytes) every byte above 127 becomes '?', so that
 * the key is never left out. */
static json_t *any_string(const char *s) {
  json_t *j = json_string(s != NULL ? s : "");
  if (j != NULL) {
    return j;
  }
  char *copy = strdup(s);
  if (copy == NULL) {
    return NULL;
  }
  for (char *c = copy; *c; c++) {
    if ((unsigned char)*c > 127) {
      *c = '?';
    }
  }
  j = json_string(copy);
  free(copy);
  return j;
}

/* The parameters file applied (--params) and what it changed: each
 * figure's row, key, column, the scenario's figure and the file's. */
static void params_file(json_t *o, const rb_scenario *sc) {
  if (sc->params_path == NULL) {
    return;
  }
  char sha[65];
  rb_sha256_file(sha, sc->params_path);
  json_object_set_new(o, "params_file", any_string(sc->params_path));
  json_object_set_new(o, "params_sha256", json_string(sha));
  json_t *a = json_array();
  for (int i = 0; i < sc->n_edits; i++) {
    const rb_param_edit *e = &sc->edits[i];
    json_t *c = json_object();
    json_object_set_new(c, "line", json_integer(e->line));
    json_object_set_new(c, "key", json_string(e->key));
    json_object_set_new(c, "column", json_string(e->column));
    json_object_set_new(c, "was",
                        isfinite(e->was) ? json_real(e->was) : json_null());
    json_object_set_new(c, "now", json_real(e->now));
    json_array_append_new(a, c);
  }
  json_object_set_new(o, "params_changes", a);
}

rb_status rb_write_manifest(const char *dir, const rb_scenario *sc,
                            const rb_run_meta *meta) {
  char path[PATH_MAX], sha_given[65], sha_resolved[65], sha_rules[65];
  rb_sha256_file(sha_given, meta->scenario_path);
  snprintf(path, sizeof path, "%s/scenario.cfg", dir);
  rb_sha256_file(sha_resolved, path);
  snprintf(path, sizeof path, "%s/rules.cfg", dir);
  rb_sha256_file(sha_rules, path);
  json_t *o = json_object();
  json_object_set_new(o, "engine", json_string("rentbridge"));
  json_object_set_new(o, "engine_version", json_string(RB_VERSION));
  json_object_set_new(o, "command", json_string(meta->command));
  json_object_set_new(o, "command_line", any_string(meta->command_line));
  json_object_set_new(o, "scenario_file", any_string(meta->scenario_path));
  json_object_set_new(o, "scenario_sha256", json_string(sha_given));
  json_object_set_new(o, "resolved_scenario_sha256", json_string(sha_resolved));
  json_object_set_new(o, "rules_file", any_string(sc->rules_resolved));
  json_object_set_new(o, "rules_sha256", json_string(sha_rules));
  params_file(o, sc);
  json_object_set_new(o, "seed", json_integer((json_int_t)meta->seed));
  json_object_set_new(o, "replications", json_integer(meta->replications));
  json_object_set_new(o, "mode", json_string(rb_out_mode_name(sc->info.mode)));
  json_object_set_new(o, "threads", json_integer(meta->threads));
  if (rb_engine_processes() > 1) {
    /* An MPI run (docs/cluster.md): its processes, each of those threads. */
    json_object_set_new(o, "processes", json_integer(rb_engine_processes()));
  }
  json_object_set_new(o, "rng", json_string(rb_engine_rng_name()));
  json_object_set_new(o, "start_time", json_string(meta->start_time));
  json_object_set_new(o, "end_time", json_string(meta->end_time));
  return rb_out_json_write(o, dir, "manifest.json");
}
