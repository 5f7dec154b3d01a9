/* The live page (page.html, as page_text.c): its lines with the
 * scenario's facts in place of @META@ (JSON, "</" escaped so that it
 * cannot end the script element) and the language in place of @LANG@. */
#include "live_internal.h"

#include "live/page_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The citizens of every group. */
static int cohort(const rb_scenario *sc) {
  int n = 0;
  for (int g = 0; g < sc->n_groups; g++) {
    n += sc->groups[g].size;
  }
  return n;
}

static char *meta(const rb_live *lv) {
  const rb_scenario *sc = lv->sc;
  json_t *o = json_pack("{s:s, s:s, s:s, s:i, s:i, s:I, s:i, s:i, s:b, s:s}",
                        "name", sc->info.name, "title", sc->info.title,
                        "municipality", sc->info.municipality, "cohort",
                        cohort(sc), "horizon", sc->info.horizon_months, "seed",
                        (json_int_t)sc->info.seed, "replications", lv->reps,
                        "full_replications", sc->info.replications, "chartjs",
                        lv->chartjs != NULL, "out", lv->out);
  char *text = o != NULL ? json_dumps(o, JSON_ESCAPE_SLASH) : NULL;
  json_decref(o);
  return text;
}

char *rb_live_page(const rb_live *lv, bool english) {
  char *m = meta(lv);
  if (m == NULL) {
    return NULL;
  }
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  if (f == NULL) {
    free(m);
    return NULL;
  }
  for (int i = 0; i < rb_live_page_n_lines; i++) {
    const char *line = rb_live_page_lines[i];
    const char *at = strstr(line, "@META@");
    const char *lang = strstr(line, "@LANG@");
    if (at != NULL) {
      fprintf(f, "%.*s%s%s", (int)(at - line), line, m, at + 6);
    } else if (lang != NULL) {
      fprintf(f, "%.*s%s%s", (int)(lang - line), line, english ? "en" : "da",
              lang + 6);
    } else {
      fputs(line, f);
    }
  }
  free(m);
  if (fclose(f) != 0) {
    free(out);
    return NULL;
  }
  return out;
}
