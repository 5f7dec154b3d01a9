/* Tests of the rules-file loader (subsidy.md; scenarios/rules/). */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util.h"

#include "rentbridge/subsidy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tmpdir[64];
static char tmppath[128];

static void test_rules__loads_every_field(void **state) {
  (void)state;
  rb_rules r;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_rules_load(&r, "tests/data/rules-test.cfg", &d), RB_OK);
  assert_int_equal(d.n, 0);
  assert_string_equal(r.path, "tests/data/rules-test.cfg");
  assert_string_equal(r.name, "dk-2026-test");
  assert_int_equal(r.year, 2026);
  assert_false(r.estimate);
  assert_dbl(r.bs_rent_share, 0.60);
  assert_dbl(r.bs_income_taper, 0.18);
  assert_dbl(r.bs_income_threshold, 170300.0);
  assert_dbl(r.bs_child_raise, 44900.0);
  assert_int_equal(r.bs_child_raise_max, 3);
  assert_dbl(r.bs_min_own_payment, 28700.0);
  assert_dbl(r.bs_max_per_year, 50412.0);
  assert_dbl(r.bs_max_raise_children, 0.25);
  assert_int_equal(r.bs_max_raise_min_children, 4);
  assert_dbl(r.bs_no_children_cap, 0.15);
  assert_dbl(r.bs_rent_cap, 95500.0);
  assert_dbl(r.bs_min_payout, 3696.0);
  assert_dbl(r.bs_area_first, 65.0);
  assert_dbl(r.bs_area_per_member, 20.0);
  assert_dbl(r.heat_addon_per_m2, 35.0);
  assert_dbl(r.heat_deduction_per_m2, 91.5);
  assert_dbl(r.hot_water_deduction_per_m2, 29.0);
  assert_dbl(r.bs_payer[RB_PAYER_KOMMUNE], 0.25); /* { value; source; } */
  assert_dbl(r.bs_payer[RB_PAYER_REGION], 0.0);
  assert_dbl(r.bs_payer[RB_PAYER_STAT], 0.75);
  assert_dbl(r.am_rate, 0.08);
  assert_dbl(r.bundskat_rate, 0.1201);
  assert_dbl(r.kommuneskat_avg, 0.2505);
  assert_dbl(r.personfradrag, 54100.0);
  assert_dbl(r.besk_rate, 0.1275);
  assert_dbl(r.besk_max, 63300.0);
  rb_rules_free(&r);
  rb_rules_free(&r); /* the strings are reset: freeing twice is harmless */
  rb_diag_free(&d);
}

typedef struct rcase {
  const char *name;
  const char *old, *repl;
  const char *expected; /* NULL: must load */
} rcase;

static const rcase RCASES[] = {
    {"estimate_true", "estimate = false;", "estimate = true;", NULL},
    {"estimate_optional", "estimate = false;\n", "", NULL},
    {"source_form", "rent_cap = 95500.0;",
     "rent_cap = { value = 95500.0; source = \"BL 10\"; };", NULL},
    {"integer_for_amount", "rent_cap = 95500.0;", "rent_cap = 95500;", NULL},
    {"rate_range", "rent_share = 0.60;", "rent_share = 1.60;",
     "R:7: boligsikring.rent_share: must be in [0, 1] (got 1.6)"},
    {"amount_negative", "min_payout = 3696.0;", "min_payout = -1.0;",
     "R:10: boligsikring.min_payout: must be >= 0 (got -1.0)"},
    {"amount_in_group_negative", "rent_cap = 95500.0;",
     "rent_cap = { value = -1.0; };",
     "R:10: boligsikring.rent_cap.value: must be >= 0 (got -1.0)"},
    {"count_integer", "max_raise_min_children = 4;",
     "max_raise_min_children = 4.5;",
     "R:9: boligsikring.max_raise_min_children: expected an integer (got "
     "4.5)"},
    {"not_finite", "personfradrag = 54100.0;", "personfradrag = 1e400;",
     "R:14: tax.personfradrag: not a finite number (got inf)"},
    {"number_expected", "besk_rate = 0.1275;", "besk_rate = \"0.1275\";",
     "R:15: tax.besk_rate: expected a number (got \"0.1275\")"},
    {"payer_sum", "stat = 0.75;", "stat = 0.7;",
     "R:12: boligsikring.payer: payer shares must sum to 1 (got 0.95)"},
    {"payer_unknown", "stat = 0.75;", "stat = 0.75; state = 0.0;",
     "R:12: boligsikring.payer.state: unknown key"},
    {"unknown_top", "year = 2026;", "year = 2026;\nyaer = 2026;",
     "R:5: yaer: unknown key"},
    {"unknown_block_key", "besk_max = 63300.0;",
     "besk_max = 63300.0; topskat = 0.15;", "R:15: tax.topskat: unknown key"},
    {"unknown_in_value_group", "rent_cap = 95500.0;",
     "rent_cap = { value = 95500.0; note = \"x\"; };",
     "R:10: boligsikring.rent_cap.note: unknown key"},
    {"missing_key", "no_children_cap = 0.15;", "",
     "R:6: boligsikring.no_children_cap: required key missing"},
    {"missing_block", "tax = {", "taxes = {",
     "R:14: taxes: unknown key\nR:1: tax: required key missing"},
    {"format", "format = 1;", "format = 2;", "R:2: format: must be 1 (got 2)"},
    {"year", "year = 2026;", "year = 26;",
     "R:4: year: expected a year between 1900 and 2200 (got 26)"},
    {"name_string", "name = \"dk-2026-test\";", "name = 2026;",
     "R:3: name: expected a string (got 2026)"},
    {"estimate_bool", "estimate = false;", "estimate = 0;",
     "R:5: estimate: expected true or false (got 0)"},
    {"syntax", "year = 2026;", "year = ;", "R:4: syntax error"},
    /* Limits (scenario-loading.md, "Limits the loader enforces"). */
    {"amount_beyond_any_budget", "rent_cap = 95500.0;", "rent_cap = 1e300;",
     "R:10: boligsikring.rent_cap: must be at most 1e+12, beyond any real "
     "amount (got 1e+300)"},
    {"amount_in_group_beyond", "personfradrag = 54100.0;",
     "personfradrag = { value = 2e12; };",
     "R:14: tax.personfradrag.value: must be at most 1e+12, beyond any real "
     "amount (got 2000000000000.0)"},
    {"amount_at_limit_ok", "rent_cap = 95500.0;", "rent_cap = 1e12;", NULL},
    /* Integers as written (libconfig 1.5 wraps them into 32 bits). */
    {"integer_wraps", "child_raise_max = 3;", "child_raise_max = 4294967299;",
     "R:8: boligsikring.child_raise_max: must be between 0 and 100 (got "
     "4294967299)"},
    {"year_wraps", "year = 2026;", "year = 4294969322;",
     "R:4: year: expected a year between 1900 and 2200 (got 4294969322)"},
    /* The text of every string. */
    {"name_control", "name = \"dk-2026-test\";", "name = \"dk\\x1b2026\";",
     "R:3: name: must not hold control characters or line breaks (a tab is "
     "allowed) (got \"dk\\x1b2026\")"},
    /* The optional bofaellesskab block (boligstøtteloven §§ 24 a, 24 i). */
    {"bofaellesskab_ok", "besk_max = 63300.0; };",
     "besk_max = 63300.0; };\nbofaellesskab = { min_tenants = 3; "
     "max_tenants = 4; area_m2 = 65.0; child_area_m2 = 20.0; };",
     NULL},
    {"bofaellesskab_order", "besk_max = 63300.0; };",
     "besk_max = 63300.0; };\nbofaellesskab = { min_tenants = 4; "
     "max_tenants = 3; area_m2 = 65.0; child_area_m2 = 20.0; };",
     "R:16: bofaellesskab: needs 2 <= min_tenants <= max_tenants <= 4 (got "
     "4, 3)"},
    {"bofaellesskab_five", "besk_max = 63300.0; };",
     "besk_max = 63300.0; };\nbofaellesskab = { min_tenants = 3; "
     "max_tenants = 5; area_m2 = 65.0; child_area_m2 = 20.0; };",
     "R:16: bofaellesskab: needs 2 <= min_tenants <= max_tenants <= 4 (got "
     "3, 5)"},
    {"bofaellesskab_missing", "besk_max = 63300.0; };",
     "besk_max = 63300.0; };\nbofaellesskab = { min_tenants = 3; "
     "max_tenants = 4; child_area_m2 = 20.0; };",
     "R:16: bofaellesskab.area_m2: required key missing"},
    {"source_not_utf8", "rent_cap = 95500.0;",
     "rent_cap = { value = 95500.0; source = \"BL \xa7 10\"; };",
     "R:10: boligsikring.rent_cap.source: must be valid UTF-8 text (got \"BL "
     "\\xa7 10\")"},
};

static void run_rcase(void **state) {
  const rcase *rc = *state;
  char *base = ut_read_text("tests/data/rules-test.cfg");
  char *text = ut_subst(base, rc->old, rc->repl);
  FILE *f = fopen(tmppath, "wb");
  assert_non_null(f);
  fputs(text, f);
  fclose(f);
  rb_rules r;
  rb_diag d;
  rb_diag_init(&d);
  rb_status st = rb_rules_load(&r, tmppath, &d);
  char got[2000] = "";
  size_t lp = strlen(tmppath);
  for (size_t i = 0; i < d.n; i++) {
    const char *m = d.msgs[i];
    if (strncmp(m, tmppath, lp) == 0) {
      strcat(got, "R");
      m += lp;
    }
    strncat(got, m, sizeof got - strlen(got) - 2);
    if (i + 1 < d.n) {
      strcat(got, "\n");
    }
  }
  if (rc->expected == NULL) {
    if (st != RB_OK) {
      fail_msg("expected success, got:\n%s", got);
    }
    rb_rules_free(&r);
  } else {
    if (strcmp(got, rc->expected) != 0) {
      fail_msg("expected:\n%s\ngot:\n%s", rc->expected, got);
    }
    assert_int_equal(st, RB_EINVALID);
    assert_null(r.name);
    assert_null(r.path);
  }
  rb_diag_free(&d);
  free(text);
  free(base);
}

static void test_rules__notes_keep_sources(void **state) {
  (void)state;
  /* Every figure is kept with its source, in the file's order, for the
   * parameter list and the reports; the payer shares take the group's. */
  rb_rules r;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_rules_load(&r, "scenarios/rules/dk-2026.cfg", &d), RB_OK);
  /* 25 of boligsikring and tax, 6 of udligning, 9 of the refusionstrappe,
   * 4 of the bofællesskaber. */
  assert_int_equal(r.n_notes, 44);
  assert_true(r.has_bofaellesskab);
  assert_int_equal(r.bs_shared_min_tenants, 3);
  assert_int_equal(r.bs_shared_max_tenants, 4);
  assert_true(r.bs_shared_area_m2 == 65.0);
  assert_true(r.bs_shared_child_area_m2 == 20.0);
  assert_string_equal(r.notes[0].key, "boligsikring.rent_share");
  assert_true(r.notes[0].value == 0.60);
  assert_non_null(strstr(r.notes[0].source, "§ 22"));
  int found = 0;
  for (int i = 0; i < r.n_notes; i++) {
    if (strcmp(r.notes[i].key, "boligsikring.payer.kommune") == 0) {
      found = 1;
      assert_true(r.notes[i].value == 0.50);
      assert_non_null(strstr(r.notes[i].source, "§ 75"));
    }
  }
  assert_true(found);
  assert_string_equal(r.notes[24].key, "tax.besk_max");
  assert_string_equal(r.notes[r.n_notes - 5].key,
                      "refusion.reset_window_weeks");
  assert_string_equal(r.notes[r.n_notes - 1].key,
                      "bofaellesskab.child_area_m2");
  assert_non_null(strstr(r.notes[r.n_notes - 1].source, "§ 24 i"));
  assert_true(r.has_udligning && r.udl_rate == 0.75 && r.udl_low_rate == 0.20);
  assert_true(r.has_refusion && r.ref_stat[0] == 0.80 &&
              r.ref_stat[3] == 0.20 && r.ref_weeks[1] == 26.0);
  rb_rules_free(&r);
  assert_null(r.notes);
  rb_diag_free(&d);
}

static void test_rules__unreadable(void **state) {
  (void)state;
  rb_rules r;
  rb_diag d;
  rb_diag_init(&d);
  assert_int_equal(rb_rules_load(&r, "tests/data/no-such-rules.cfg", &d),
                   RB_EIO);
  assert_int_equal(d.n, 1);
  assert_string_equal(d.msgs[0], "tests/data/no-such-rules.cfg: cannot read: "
                                 "No such file or directory");
  rb_diag_free(&d);
}

static int setup(void **state) {
  (void)state;
  snprintf(tmpdir, sizeof tmpdir, "/tmp/rb-rules-XXXXXX");
  if (mkdtemp(tmpdir) == NULL) {
    return -1;
  }
  snprintf(tmppath, sizeof tmppath, "%s/r.cfg", tmpdir);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  remove(tmppath);
  rmdir(tmpdir);
  return 0;
}

int main(void) {
  static const struct CMUnitTest fixed[] = {
      cmocka_unit_test(test_rules__loads_every_field),
      cmocka_unit_test(test_rules__unreadable),
      cmocka_unit_test(test_rules__notes_keep_sources),
  };
  size_t nf = sizeof fixed / sizeof fixed[0];
  size_t nr = sizeof RCASES / sizeof RCASES[0];
  struct CMUnitTest *tests = calloc(nf + nr, sizeof *tests);
  char(*names)[96] = calloc(nr, sizeof *names);
  if (tests == NULL || names == NULL) {
    return 1;
  }
  memcpy(tests, fixed, sizeof fixed);
  for (size_t i = 0; i < nr; i++) {
    snprintf(names[i], sizeof names[i], "test_rules__%s", RCASES[i].name);
    tests[nf + i].name = names[i];
    tests[nf + i].test_func = run_rcase;
    tests[nf + i].initial_state = (void *)&RCASES[i];
  }
  int rc = _cmocka_run_group_tests("rules", tests, nf + nr, setup, teardown);
  free(tests);
  free(names);
  return rc;
}
