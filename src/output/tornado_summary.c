/* The tornado's short text for people (summary.txt, and what `rentbridge
 * tornado` prints): the base case, the largest swings and "what must be
 * true". */
#include "base/numfmt.h"
#include "output/text_format.h"
#include "rentbridge/output.h"

#include <stdio.h>

/* The kommune's largest swings shown. */
#define TOP_SWINGS 5

static void base_text(FILE *f, const rb_tornado *t, const rb_scenario *sc,
                      bool da) {
  fprintf(f,
          da ? "%s: én parameter ad gangen mellem low og high, %d "
               "parametre (%d replikationer, seed %llu)\n"
             : "%s: one parameter at a time between low and high, "
               "%d parameters (%d replications, seed %llu)\n",
          sc->info.name, t->n, t->replications, (unsigned long long)t->seed);
  fprintf(f,
          da ? "Besparelse pr. borger over %d måneder "
               "(tilbagediskonteret, %d-kr.) med alle værdier som "
               "angivet:\n"
             : "Saving per citizen over %d months (discounted, %d "
               "kr) with every value as given:\n",
          sc->info.horizon_months, sc->info.price_year);
  for (int p = 0; p < RB_P_COUNT; p++) {
    char a[64];
    rb_fmt_kr(a, sizeof a, t->base[p], da);
    fprintf(f, "  %-15s %12s %s\n", rb_perspective_label((rb_perspective)p, da),
            a, da ? "kr." : "kr");
  }
}

static void swings_text(FILE *f, const rb_tornado *t, const rb_scenario *sc,
                        bool da) {
  if (t->n == 0) {
    fputs(da ? "Ingen værdier har low/high.\n" : "No value has low/high.\n", f);
    return;
  }
  fputs(da ? "Størst udsving (kommunen):\n" : "Largest swings (kommune):\n", f);
  for (int k = 0; k < t->n && k < TOP_SWINGS; k++) {
    const rb_tornado_bar *bar = &t->bars[k];
    char a[64], b[64], c[64], label[512];
    rb_out_fmt_value(a, sizeof a, bar->low, da);
    rb_out_fmt_value(b, sizeof b, bar->high, da);
    rb_fmt_kr(c, sizeof c, bar->swing[RB_P_KOMMUNE], da);
    rb_out_param_label(label, sizeof label, sc, bar->param);
    fprintf(f, da ? "  %-44s %s – %s: %s kr.\n" : "  %-44s %s – %s: %s kr\n",
            label, a, b, c);
  }
}

/* A bar whose range flips the sign of perspective @p p's saving. */
static void truth_text(FILE *f, const rb_tornado_bar *bar,
                       const rb_scenario *sc, int p, bool saves, bool da) {
  /* The scheme saves money on the threshold's side towards the value when
   * the base case saves, and on the far side otherwise. */
  bool above =
      saves ? bar->threshold[p] < bar->value : bar->threshold[p] > bar->value;
  char a[64], b[64], c[64], label[512];
  rb_out_fmt_value(a, sizeof a, bar->threshold[p], da);
  rb_out_fmt_value(b, sizeof b, bar->low, da);
  rb_out_fmt_value(c, sizeof c, bar->high, da);
  rb_out_param_label(label, sizeof label, sc, bar->param);
  fprintf(f,
          da ? "  %s: ordningen sparer %spenge, hvis %s %s ca. "
               "%s (intervallet %s – %s)\n"
             : "  %s: the scheme saves money%s if %s %s about "
               "%s (range %s – %s)\n",
          rb_perspective_label((rb_perspective)p, da),
          saves ? (da ? "kun " : " only") : "", label,
          above ? (da ? "er over" : "is above")
                : (da ? "er under" : "is below"),
          a, b, c);
}

static void truths_text(FILE *f, const rb_tornado *t, const rb_scenario *sc,
                        bool da) {
  fputs(da ? "Hvad skal være sandt:\n" : "What must be true:\n", f);
  int any = 0;
  for (int p = 0; p < RB_P_COUNT; p++) {
    bool saves = t->base[p] > 0.0;
    for (int k = 0; k < t->n; k++) {
      if (t->bars[k].flips_sign[p]) {
        any++;
        truth_text(f, &t->bars[k], sc, p, saves, da);
      }
    }
  }
  if (any == 0) {
    fputs(da ? "  ingen enkelt værdi inden for sit interval vender "
               "fortegnet på besparelsen\n"
             : "  no single value within its range changes the "
               "sign of the saving\n",
          f);
  }
}

rb_status rb_tornado_summary(char **out, const rb_tornado *t,
                             const rb_scenario *sc) {
  *out = NULL;
  bool da = sc->info.language == RB_LANG_DA;
  size_t len = 0;
  FILE *f = open_memstream(out, &len);
  if (f == NULL) {
    return RB_ENOMEM;
  }
  base_text(f, t, sc, da);
  swings_text(f, t, sc, da);
  truths_text(f, t, sc, da);
  return rb_out_text_end(f, out);
}
