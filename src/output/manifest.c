/* manifest.json: how a results folder was made (spec: outputs.md). */
#include "base/io.h"
#include "output/json_write.h"
#include "output/text_format.h"
#include "output/writers.h"
#include "rentbridge/version.h"

#include <limits.h>
#include <stdio.h>

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
  json_object_set_new(o, "command_line", json_string(meta->command_line));
  json_object_set_new(o, "scenario_file", json_string(meta->scenario_path));
  json_object_set_new(o, "scenario_sha256", json_string(sha_given));
  json_object_set_new(o, "resolved_scenario_sha256", json_string(sha_resolved));
  json_object_set_new(o, "rules_file", json_string(sc->rules_resolved));
  json_object_set_new(o, "rules_sha256", json_string(sha_rules));
  json_object_set_new(o, "seed", json_integer((json_int_t)meta->seed));
  json_object_set_new(o, "replications", json_integer(meta->replications));
  json_object_set_new(o, "mode", json_string(rb_out_mode_name(sc->info.mode)));
  json_object_set_new(o, "threads", json_integer(meta->threads));
  json_object_set_new(o, "rng", json_string(rb_engine_rng_name()));
  json_object_set_new(o, "start_time", json_string(meta->start_time));
  json_object_set_new(o, "end_time", json_string(meta->end_time));
  return rb_out_json_write(o, dir, "manifest.json");
}
