/* The reduction: each replication's buffer is added to the sums in
 * replication order, whatever thread ran it, so every floating-point sum
 * is the same on any number of threads.  The integer counts of the
 * threads' workspaces are merged once at the end (in any order: they are
 * exact). */
#include "engine/engine_internal.h"

#include <stdlib.h>
#include <string.h>

rb_status rb_eng_sums_alloc(rb_eng_sums *S, const rb_eng *en) {
  const size_t gah = (size_t)en->GA * (size_t)en->H;
  memset(S, 0, sizeof *S);
  S->nb = en->R < RB_BAND_MAX_REPS ? en->R : RB_BAND_MAX_REPS;
  S->ser = rb_eng_zalloc(rb_eng_ser_rows(en) * RB_DISC_COUNT * RB_P_COUNT *
                             (size_t)en->A * (size_t)en->R,
                         sizeof *S->ser);
  S->msum = rb_eng_zalloc(RB_DISC_COUNT * gah * RB_P_COUNT, sizeof *S->msum);
  S->hbsum = rb_eng_zalloc(RB_DISC_COUNT * gah, sizeof *S->hbsum);
  S->subsum = rb_eng_zalloc(RB_DISC_COUNT * gah, sizeof *S->subsum);
  S->items = rb_eng_zalloc(rb_eng_items_size(en, en->GA), sizeof *S->items);
  S->yearly = rb_eng_zalloc(rb_eng_yearly_size(en), sizeof *S->yearly);
  S->band = rb_eng_zalloc((size_t)RB_P_COUNT * (size_t)en->H * (size_t)S->nb,
                          sizeof *S->band);
  S->gtot =
      rb_eng_zalloc(rb_eng_gtot_index(en, en->G, 0, 0, 0), sizeof *S->gtot);
  S->ky = rb_eng_zalloc(rb_eng_ky_size(en) + 1, sizeof *S->ky);
  S->kcit = rb_eng_zalloc(rb_eng_kcit_size(en) + 1, sizeof *S->kcit);
  if (S->ser == NULL || S->msum == NULL || S->hbsum == NULL ||
      S->subsum == NULL || S->items == NULL || S->yearly == NULL ||
      S->band == NULL || S->gtot == NULL || S->ky == NULL || S->kcit == NULL) {
    return RB_ENOMEM;
  }
  return RB_OK;
}

void rb_eng_sums_free(rb_eng_sums *S) {
  if (S == NULL) {
    return;
  }
  free(S->ser);
  free(S->msum);
  free(S->hbsum);
  free(S->subsum);
  free(S->items);
  free(S->yearly);
  free(S->band);
  free(S->gtot);
  free(S->ky);
  free(S->kcit);
  memset(S, 0, sizeof *S);
}

/* Citizens of the whole cohort (at most INT_MAX: rb_eng_admit). */
static int cohort_size(const rb_eng *en) {
  long long total = 0;
  for (int gi = 0; gi < en->G; gi++) {
    total += en->sc->groups[gi].size;
  }
  return (int)total;
}

/* A garm's net cost per perspective and its housing benefit and subsidy
 * into the monthly sums; its per-citizen totals into ser and @p tot. */
static void reduce_garm(const rb_eng *en, rb_eng_sums *S, const double *b,
                        int r, int gi, int arm,
                        double tot[RB_DISC_COUNT][RB_P_COUNT][RB_MAX_ARMS]) {
  const int H = en->H;
  const int ga_i = rb_eng_garm(en, gi, arm);
  const double *df = b + en->L.df;
  const double size = (double)en->sc->groups[gi].size;
  for (int p = 0; p < RB_P_COUNT; p++) {
    const double *mg = b + en->L.mg + rb_eng_mg_index(en, ga_i, p, 0);
    double *ms_d = S->msum + rb_eng_msum_index(en, RB_DISC, ga_i, p, 0);
    double *ms_u = S->msum + rb_eng_msum_index(en, RB_UNDISC, ga_i, p, 0);
    double tu = 0.0, td = 0.0;
    for (int t = 0; t < H; t++) {
      tu += mg[t];
      td += mg[t] * df[t];
      ms_d[t] += mg[t] * df[t];
      ms_u[t] += mg[t];
    }
    if (en->share_tot != NULL) { /* rb_engine_saving_shared */
      double *sh = en->share_tot;
      const size_t kd = rb_eng_share_index(en, r, gi, RB_DISC, p, arm);
      const size_t ku = rb_eng_share_index(en, r, gi, RB_UNDISC, p, arm);
      if (en->skip != NULL && en->skip[gi]) {
        td = sh[kd]; /* the first run's, as this run would give it */
        tu = sh[ku];
      } else if (en->share_fill) {
        sh[kd] = td;
        sh[ku] = tu;
      }
    }
    if (rb_eng_ser_kept(en, gi)) {
      S->ser[rb_eng_ser_index(en, gi, RB_DISC, p, arm) + (size_t)r] = td / size;
      S->ser[rb_eng_ser_index(en, gi, RB_UNDISC, p, arm) + (size_t)r] =
          tu / size;
    }
    tot[RB_DISC][p][arm] += td;
    tot[RB_UNDISC][p][arm] += tu;
    S->gtot[rb_eng_gtot_index(en, gi, RB_DISC, p, arm)] = td;
    S->gtot[rb_eng_gtot_index(en, gi, RB_UNDISC, p, arm)] = tu;
  }
  const double *hb = b + en->L.hbm + rb_eng_garm_t_index(en, ga_i, 0);
  const double *sub = b + en->L.subm + rb_eng_garm_t_index(en, ga_i, 0);
  double *hd = S->hbsum + rb_eng_hbsum_index(en, RB_DISC, ga_i, 0);
  double *hu = S->hbsum + rb_eng_hbsum_index(en, RB_UNDISC, ga_i, 0);
  double *sd = S->subsum + rb_eng_hbsum_index(en, RB_DISC, ga_i, 0);
  double *su = S->subsum + rb_eng_hbsum_index(en, RB_UNDISC, ga_i, 0);
  for (int t = 0; t < H; t++) {
    hd[t] += hb[t] * df[t];
    hu[t] += hb[t];
    sd[t] += sub[t] * df[t];
    su[t] += sub[t];
  }
}

/* The replication's per-citizen totals of every view (a kommune, a target
 * group): its groups' totals, added in group order. */
static void reduce_views(const rb_eng *en, rb_eng_sums *S, int r) {
  for (int ri = en->G + 1; ri < rb_eng_n_results(en); ri++) {
    double size = 0.0;
    double t[RB_DISC_COUNT][RB_P_COUNT][RB_MAX_ARMS] = {{{0}}};
    for (int gi = 0; gi < en->G; gi++) {
      if (!rb_eng_in_result(en, ri, gi)) {
        continue;
      }
      size += (double)en->sc->groups[gi].size;
      for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
        for (int p = 0; p < RB_P_COUNT; p++) {
          for (int arm = 0; arm < en->A; arm++) {
            t[disc][p][arm] += S->gtot[rb_eng_gtot_index(en, gi, disc, p, arm)];
          }
        }
      }
    }
    for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
      for (int p = 0; p < RB_P_COUNT; p++) {
        for (int arm = 0; arm < en->A; arm++) {
          S->ser[rb_eng_ser_index(en, ri, disc, p, arm) + (size_t)r] =
              size > 0.0 ? t[disc][p][arm] / size : 0.0;
        }
      }
    }
  }
}

/* The replication's cumulative discounted saving per citizen of the whole
 * cohort, month by month, for the band. */
static void reduce_band(const rb_eng *en, rb_eng_sums *S, const double *b,
                        int r, int total) {
  const double *df = b + en->L.df;
  const double *mg = b + en->L.mg;
  for (int p = 0; p < RB_P_COUNT; p++) {
    double cum = 0.0;
    for (int t = 0; t < en->H; t++) {
      double sv = 0.0;
      for (int gi = 0; gi < en->G; gi++) {
        const int base = rb_eng_garm(en, gi, RB_ARM_BASELINE);
        const int intv = rb_eng_garm(en, gi, RB_ARM_INTERVENTION);
        sv += mg[rb_eng_mg_index(en, base, p, t)] -
              mg[rb_eng_mg_index(en, intv, p, t)];
      }
      cum += sv * df[t];
      S->band[rb_eng_band_index(en, S, p, t) + (size_t)r] = cum / (double)total;
    }
  }
}

/* psa: the replication's drawn values and the whole cohort's savings. */
static void reduce_psa(const double *b, const rb_eng *en, int r, int total,
                       double tot[RB_DISC_COUNT][RB_P_COUNT][RB_MAX_ARMS],
                       rb_results *res) {
  for (int k = 0; k < res->n_drawn; k++) {
    res->drawn[rb_drawn_index(res->n_drawn, r, k)] = b[en->L.drawn + (size_t)k];
  }
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      res->rep_saving[rb_rep_saving_index(r, disc, p)] =
          (tot[disc][p][RB_ARM_BASELINE] - tot[disc][p][RB_ARM_INTERVENTION]) /
          (double)total;
    }
  }
}

void rb_eng_reduce_rep(const rb_eng *en, rb_eng_sums *S, const double *b, int r,
                       rb_results *res) {
  const int total = cohort_size(en);
  double tot[RB_DISC_COUNT][RB_P_COUNT][RB_MAX_ARMS] = {{{0}}};
  for (int gi = 0; gi < en->G; gi++) {
    for (int arm = 0; arm < en->A; arm++) {
      reduce_garm(en, S, b, r, gi, arm, tot);
    }
  }
  for (int disc = 0; disc < RB_DISC_COUNT; disc++) {
    for (int p = 0; p < RB_P_COUNT; p++) {
      for (int arm = 0; arm < en->A; arm++) {
        S->ser[rb_eng_ser_index(en, en->G, disc, p, arm) + (size_t)r] =
            tot[disc][p][arm] / (double)total;
      }
    }
  }
  if (!en->cohort_only) {
    reduce_views(en, S, r);
  }
  const size_t ni = rb_eng_items_size(en, en->GA);
  for (size_t k = 0; k < ni; k++) {
    S->items[k] += b[en->L.items + k];
  }
  const size_t ny = rb_eng_yearly_size(en);
  for (size_t k = 0; k < ny; k++) {
    S->yearly[k] += b[en->L.yearly + k];
  }
  const size_t nky = rb_eng_ky_size(en);
  for (size_t k = 0; k < nky; k++) {
    S->ky[k] += b[en->L.ky + k];
  }
  const size_t nkc = rb_eng_kcit_size(en);
  for (size_t k = 0; k < nkc; k++) {
    S->kcit[k] += b[en->L.kcit + k];
  }
  if (r < S->nb) {
    reduce_band(en, S, b, r, total);
  }
  if (res->rep_saving != NULL) {
    reduce_psa(b, en, r, total, tot, res);
  }
}

rb_status rb_eng_counts_merge(rb_eng_counts *out, const rb_eng *en,
                              const rb_eng_ws *wss, int nt) {
  const size_t ned = (size_t)en->GA * RB_ENG_GONE * (size_t)en->H;
  const size_t nc = (size_t)en->GA * C_COUNT;
  out->E = rb_eng_zalloc(en->e_size, sizeof *out->E);
  out->ED = rb_eng_zalloc(ned, sizeof *out->ED);
  out->cnt = rb_eng_zalloc(nc, sizeof *out->cnt);
  const size_t np = rb_eng_pcnt_size(en), nl = rb_eng_lcnt_size(en);
  out->pcnt = np > 0 ? rb_eng_zalloc(np, sizeof *out->pcnt) : NULL;
  out->lcnt = nl > 0 ? rb_eng_zalloc(nl, sizeof *out->lcnt) : NULL;
  if (out->E == NULL || out->ED == NULL || out->cnt == NULL ||
      (np > 0 && out->pcnt == NULL) || (nl > 0 && out->lcnt == NULL)) {
    return RB_ENOMEM;
  }
  for (int k = 0; k < nt; k++) {
    for (size_t i = 0; i < np; i++) {
      out->pcnt[i] += wss[k].pcnt[i];
    }
    for (size_t i = 0; i < nl; i++) {
      out->lcnt[i] += wss[k].lcnt[i];
    }
    const double *src = en->psa ? wss[k].Etot : wss[k].E;
    for (size_t i = 0; i < en->e_size; i++) {
      out->E[i] += src[i];
    }
    for (size_t i = 0; i < ned; i++) {
      out->ED[i] += wss[k].ED[i];
    }
    for (size_t i = 0; i < nc; i++) {
      out->cnt[i] += wss[k].cnt[i];
    }
  }
  return RB_OK;
}

rb_status rb_eng_counts_share(rb_eng_counts *k, const rb_eng *en,
                              const rb_eng_dist *d) {
  const size_t ned = (size_t)en->GA * RB_ENG_GONE * (size_t)en->H;
  const size_t nc = (size_t)en->GA * C_COUNT;
  rb_status st = d->sum(k->E, en->e_size);
  if (st == RB_OK) {
    st = d->sum(k->ED, ned);
  }
  if (st == RB_OK && rb_eng_pcnt_size(en) > 0) {
    st = d->sum(k->pcnt, rb_eng_pcnt_size(en));
  }
  if (st == RB_OK && rb_eng_lcnt_size(en) > 0) {
    st = d->sum(k->lcnt, rb_eng_lcnt_size(en));
  }
  return st == RB_OK ? d->sum(k->cnt, nc) : st;
}

void rb_eng_counts_free(rb_eng_counts *k) {
  if (k == NULL) {
    return;
  }
  free(k->E);
  free(k->ED);
  free(k->cnt);
  free(k->pcnt);
  free(k->lcnt);
  memset(k, 0, sizeof *k);
}
