/* The waivers' prices (issue 11) for programs and people: waivers.csv,
 * waivers.json (which the report's waivers table reads) and the summary
 * text (docs/decision-tools.md, "Waivers"). */
#include "base/csv.h"
#include "base/io.h"
#include "base/numfmt.h"
#include "output/json_write.h"
#include "output/text_format.h"
#include "output/writers.h"
#include "rentbridge/output.h"

#include <stdio.h>

/* The state's word in the files. */
static const char *state_word(rb_waiver_state s) {
  return s == RB_WAIVER_ABOLISHED ? "abolished" : "priced";
}

rb_status rb_waivers_write_csv(const char *dir, const rb_waivers *w,
                               const rb_scenario *sc) {
  FILE *f = rb_open_in(dir, "waivers.csv");
  if (f == NULL) {
    return rb_close_ok(f, RB_OK);
  }
  fputs("arm,scheme,waiver,state", f);
  for (int p = 0; p < RB_P_COUNT; p++) {
    const char *pn = rb_perspective_name((rb_perspective)p);
    fprintf(f, ",saving_with_%s,saving_without_%s,price_%s", pn, pn, pn);
  }
  fputs(",moved_in_with,moved_in_without\n", f);
  for (int i = 0; i < w->n; i++) {
    const rb_waiver_row *r = &w->rows[i];
    rb_csv_str(f, sc->arms[r->arm].name);
    fputc(',', f);
    rb_csv_str(f, sc->schemes[sc->arms[r->arm].scheme].name);
    fprintf(f, ",%s,%s", rb_waiver_names[r->waiver], state_word(r->state));
    for (int p = 0; p < RB_P_COUNT; p++) {
      const double x[3] = {r->saving_with[p], r->saving_without[p],
                           r->saving_with[p] - r->saving_without[p]};
      for (int k = 0; k < 3; k++) {
        fputc(',', f);
        rb_csv_num(f, x[k]);
      }
    }
    fputc(',', f);
    rb_csv_num(f, r->moved_in_with);
    fputc(',', f);
    rb_csv_num(f, r->moved_in_without);
    fputc('\n', f);
  }
  return rb_close_ok(f, RB_OK);
}

rb_status rb_waivers_write_json(const char *dir, const rb_waivers *w,
                                const rb_scenario *sc) {
  json_t *root = json_object();
  json_object_set_new(root, "scenario", json_string(sc->info.name));
  json_object_set_new(root, "replications", json_integer(w->replications));
  json_object_set_new(root, "seed", json_integer((json_int_t)w->seed));
  json_t *rows = json_array();
  for (int i = 0; i < w->n; i++) {
    const rb_waiver_row *r = &w->rows[i];
    json_t *o = json_object();
    json_object_set_new(o, "arm", json_string(sc->arms[r->arm].name));
    json_object_set_new(o, "scheme",
                        json_string(sc->schemes[sc->arms[r->arm].scheme].name));
    json_object_set_new(o, "waiver", json_string(rb_waiver_names[r->waiver]));
    json_object_set_new(o, "state", json_string(state_word(r->state)));
    json_object_set_new(o, "saving_with", rb_out_json_persp(r->saving_with));
    json_object_set_new(o, "saving_without",
                        rb_out_json_persp(r->saving_without));
    double price[RB_P_COUNT];
    for (int p = 0; p < RB_P_COUNT; p++) {
      price[p] = r->saving_with[p] - r->saving_without[p];
    }
    json_object_set_new(o, "price", rb_out_json_persp(price));
    json_object_set_new(o, "moved_in_with", rb_out_json_num(r->moved_in_with));
    json_object_set_new(o, "moved_in_without",
                        rb_out_json_num(r->moved_in_without));
    json_array_append_new(rows, o);
  }
  json_object_set_new(root, "waivers", rows);
  return rb_out_json_write(root, dir, "waivers.json");
}

/* One row in words. */
static void row_text(FILE *f, const rb_waiver_row *r, const rb_scenario *sc,
                     bool da) {
  fprintf(f, "%s / %s:\n", sc->arms[r->arm].name, rb_waiver_names[r->waiver]);
  if (r->state == RB_WAIVER_ABOLISHED) {
    fputs(da ? "  reglen er ophævet (kontanthjælpsloftet fra 1.7.2025): "
               "dispensationen ændrer intet\n"
             : "  the rule is abolished (the kontanthjælpsloft from "
               "1.7.2025): the waiver changes nothing\n",
          f);
    return;
  }
  if (r->waiver == RB_WAIVER_DELEBOLIG) {
    fputs(da ? "  boligsikring til hver af to lejere i en delebolig "
               "(boligstøtteloven § 24 i som for tre); ændrer kun delte "
               "boliger med to lejere: uden dem er prisen 0\n"
             : "  boligsikring for each of two tenants of a delebolig "
               "(boligstøtteloven § 24 i as for three); changes only shared "
               "flats of two tenants: without them the price is 0\n",
          f);
  }
  for (int p = 0; p < RB_P_COUNT; p++) {
    char a[48], b[48], c[48];
    rb_fmt_kr(a, sizeof a, r->saving_with[p] - r->saving_without[p], da);
    rb_fmt_kr(b, sizeof b, r->saving_with[p], da);
    rb_fmt_kr(c, sizeof c, r->saving_without[p], da);
    fprintf(f,
            da ? "  %-15s pris %10s kr pr. borger (besparelse %s med, %s "
                 "uden)\n"
               : "  %-15s price %10s kr per citizen (saving %s with, %s "
                 "without)\n",
            rb_perspective_label((rb_perspective)p, da), a, b, c);
  }
  char m1[48], m2[48];
  rb_fmt_kr(m1, sizeof m1, r->moved_in_with, da);
  rb_fmt_kr(m2, sizeof m2, r->moved_in_without, da);
  fprintf(f,
          da ? "  indflytninger: %s med, %s uden\n"
             : "  move-ins: %s with, %s without\n",
          m1, m2);
}

rb_status rb_waivers_summary(char **out, const rb_waivers *w,
                             const rb_scenario *sc) {
  *out = NULL;
  const bool da = sc->info.language == RB_LANG_DA;
  size_t len = 0;
  FILE *f = open_memstream(out, &len);
  if (f == NULL) {
    return RB_ENOMEM;
  }
  fprintf(f,
          da ? "%s: dispensationernes pris, %d replikationer, seed %llu "
               "(samme tilfældige tal: hver kørsel med én dispensation "
               "slået fra)\nPris = armens besparelse mod %s med "
               "dispensationen minus uden, tilbagediskonteret:\n"
             : "%s: the waivers' prices, %d replications, seed %llu (common "
               "random numbers: each run with one waiver off)\nPrice = the "
               "arm's saving against %s with the waiver minus without, "
               "discounted:\n",
          sc->info.name, w->replications, (unsigned long long)w->seed,
          sc->arms[RB_ARM_BASELINE].name);
  if (w->n == 0) {
    fputs(da ? "Ingen arm har en ordning med dispensationer.\n"
             : "No arm has a scheme with waivers.\n",
          f);
  }
  for (int i = 0; i < w->n; i++) {
    row_text(f, &w->rows[i], sc, da);
  }
  return rb_out_text_end(f, out);
}
