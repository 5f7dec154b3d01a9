/* The sweep's short summary for people (summary.txt, and what `rentbridge
 * sweep` prints): per perspective the break-even values and the value with
 * the largest mean saving. */
#include "base/numfmt.h"
#include "output/text_format.h"
#include "rentbridge/output.h"

#include <stdio.h>
#include <stdlib.h>

static void summary_head(FILE *f, const rb_sweep *s, bool da) {
  char a[64], b[64];
  rb_out_fmt_value(a, sizeof a, s->points[0].value, da);
  rb_out_fmt_value(b, sizeof b, s->points[s->n - 1].value, da);
  fprintf(f,
          da ? "%s: %s fra %s til %s, %d værdier (%d replikationer, "
               "seed %llu, fælles tilfældige tal)\n"
             : "%s: %s from %s to %s, %d values (%d replications, "
               "seed %llu, common random numbers)\n",
          s->scenario, s->param, a, b, s->n, s->replications,
          (unsigned long long)s->seed);
  fprintf(f,
          da ? "Gennemsnitlig besparelse pr. borger over %d måneder "
               "(tilbagediskonteret, %d-kr.), nuværende praksis − "
               "ordningen:\n"
             : "Mean saving per citizen over %d months (discounted, "
               "%d kr), today's practice − scheme:\n",
          s->horizon, s->price_year);
}

/* The break-even values of perspective @p p, each with the direction: the
 * sign just after the crossing. */
static void break_even_text(FILE *f, const rb_sweep *s, int p, bool da) {
  fprintf(f, da ? "balancepunkt ved %s ≈ " : "break-even at %s ≈ ", s->param);
  for (int k = 0; k < s->n_break_even[p]; k++) {
    char a[64];
    rb_out_fmt_value(a, sizeof a, s->break_even[p][k], da);
    bool up = false;
    for (int i = 0; i < s->n; i++) {
      if (s->points[i].value > s->break_even[p][k] &&
          s->points[i].saving[p].mean != 0.0) {
        up = s->points[i].saving[p].mean > 0.0;
        break;
      }
    }
    fprintf(
        f, "%s%s (%s)", k > 0 ? ", " : "", a,
        up ? (da ? "besparelsen bliver positiv" : "the saving turns positive")
           : (da ? "besparelsen bliver negativ" : "the saving turns negative"));
  }
  fputs("; ", f);
}

/* Why perspective @p p has no break-even value. */
static void no_break_even_text(FILE *f, const rb_sweep *s, int p, bool da) {
  int pos = 0, neg = 0, zero = 0;
  for (int i = 0; i < s->n; i++) {
    pos += s->points[i].saving[p].mean > 0.0;
    neg += s->points[i].saving[p].mean < 0.0;
    zero += s->points[i].saving[p].mean == 0.0;
  }
  const char *why;
  if (pos > 0 && neg == 0) {
    why = zero == 0
              ? (da ? "besparelse ved alle værdier" : "a saving at every value")
              : (da ? "besparelse eller 0 ved alle værdier"
                    : "a saving or 0 at every value");
  } else if (neg > 0 && pos == 0) {
    why = zero == 0
              ? (da ? "underskud ved alle værdier" : "a loss at every value")
              : (da ? "underskud eller 0 ved alle værdier"
                    : "a loss or 0 at every value");
  } else if (pos == 0 && neg == 0) {
    why = da ? "0 ved alle værdier" : "0 at every value";
  } else {
    why = da ? "fortegnet skifter ikke mellem to nabopunkter"
             : "the sign does not change between neighbouring values";
  }
  fprintf(f, da ? "intet balancepunkt: %s; " : "no break-even: %s; ", why);
}

/* The value with the largest mean saving, with its interval. */
static void best_text(FILE *f, const rb_sweep *s, int p, bool da) {
  if (s->best[p] < 0) {
    fputc('\n', f);
    return;
  }
  const rb_sweep_point *pt = &s->points[s->best[p]];
  char a[64], b[64], c[64], d[64], e[32];
  rb_fmt_kr(a, sizeof a, pt->saving[p].mean, da);
  rb_out_fmt_value(b, sizeof b, pt->value, da);
  rb_fmt_kr(c, sizeof c, pt->saving[p].p2_5, da);
  rb_fmt_kr(d, sizeof d, pt->saving[p].p97_5, da);
  rb_out_fmt_pct(e, sizeof e, pt->saving[p].prob_positive, da);
  fprintf(f,
          da ? "størst besparelse %s kr. ved %s (95 %%: %s – %s, "
               "P(>0) = %s %%)\n"
             : "largest saving %s kr at %s (95 %%: %s – %s, "
               "P(>0) = %s %%)\n",
          a, b, c, d, e);
}

rb_status rb_sweep_summary(char **out, const rb_sweep *s) {
  *out = NULL;
  if (s->n == 0) {
    return RB_EINTERNAL;
  }
  bool da = s->language == RB_LANG_DA;
  size_t len = 0;
  FILE *f = open_memstream(out, &len);
  if (f == NULL) {
    return RB_ENOMEM;
  }
  summary_head(f, s, da);
  for (int p = 0; p < RB_P_COUNT; p++) {
    fprintf(f, "  %-15s ", rb_perspective_label((rb_perspective)p, da));
    if (s->n_break_even[p] > 0) {
      break_even_text(f, s, p, da);
    } else {
      no_break_even_text(f, s, p, da);
    }
    best_text(f, s, p, da);
  }
  return rb_out_text_end(f, out);
}
