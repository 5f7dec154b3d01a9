/*
 * Tests of the live page (`rentbridge serve`, docs/live.md): its controls
 * and their checks through the library (rentbridge/live.h); the server,
 * started on a free port, answering malformed, oversized and out-of-range
 * requests each with an error and serving on; the full run and its
 * report; and the page in a real browser (headless Chromium), whose
 * redrawn figures after a change of the cap must equal `rentbridge run
 * --set subsidy.cap=…` at the same replications and seed.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <math.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "live/live_internal.h"
#include "rentbridge/live.h"
#include "util.h"

/** A small psa scenario with values with low/high (500 replications). */
#define SMALL "tests/data/ok/full.cfg"
/** The browser test's scenario and its live replications. */
#define NETWORK "scenarios/network.cfg"
#define BROWSER_REPS "50"

/* A server started for a test. */
typedef struct server {
  pid_t pid;
  int port;
} server;

/* Every server started, stopped at the end even when a test fails. */
static pid_t started[8];
static int n_started;

static int teardown(void **state) {
  for (int i = 0; i < n_started; i++) {
    if (started[i] > 0 && kill(started[i], SIGTERM) == 0) {
      waitpid(started[i], NULL, 0);
    }
  }
  return ut_tmp_teardown(state);
}

/* Start `rentbridge serve @p scenario --port 0 …` and read the address
 * it prints. */
static server start(const char *scenario, const char *reps, const char *out) {
  int p[2];
  assert_int_equal(pipe(p), 0);
  server s = {fork(), 0};
  assert_true(s.pid >= 0);
  if (s.pid == 0) {
    dup2(p[1], STDOUT_FILENO);
    close(p[0]);
    close(p[1]);
    execl(ut_bin(), ut_bin(), "serve", scenario, "--port", "0",
          "--replications", reps, "--out", out, (char *)NULL);
    _exit(127);
  }
  close(p[1]);
  if (n_started < 8) {
    started[n_started++] = s.pid;
  }
  char line[256] = "";
  size_t n = 0;
  struct pollfd pf = {p[0], POLLIN, 0};
  while (n + 1 < sizeof line && strchr(line, '\n') == NULL &&
         poll(&pf, 1, 60000) > 0) {
    ssize_t r = read(p[0], line + n, sizeof line - n - 1);
    if (r <= 0) {
      break;
    }
    n += (size_t)r;
    line[n] = '\0';
  }
  close(p[0]);
  const char *colon = strrchr(line, ':');
  if (colon == NULL || sscanf(colon + 1, "%d", &s.port) != 1) {
    kill(s.pid, SIGTERM);
    fail_msg("serve printed no address: '%s'", line);
  }
  return s;
}

static void stop(server *s) {
  kill(s->pid, SIGTERM);
  int ws = 0;
  waitpid(s->pid, &ws, 0);
  for (int i = 0; i < n_started; i++) {
    if (started[i] == s->pid) {
      started[i] = -1; /* gone: not to be stopped again */
    }
  }
}

/* Connect and send @p raw (@p len bytes); @return the socket. */
static int http_send(int port, const char *raw, size_t len) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  assert_true(fd >= 0);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_port = htons((uint16_t)port);
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  struct timeval tv = {120, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
  for (size_t off = 0; off < len;) {
    ssize_t w = send(fd, raw + off, len - off, MSG_NOSIGNAL);
    if (w <= 0) {
      break; /* the server may stop reading an oversized request */
    }
    off += (size_t)w;
  }
  return fd;
}

/* Read the whole answer from @p fd and close it (free()); NULL when the
 * server closed without a word. */
static char *http_read(int fd) {
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap);
  assert_non_null(buf);
  for (;;) {
    if (n + 1 >= cap) {
      cap *= 2;
      buf = realloc(buf, cap);
      assert_non_null(buf);
    }
    ssize_t r = recv(fd, buf + n, cap - n - 1, 0);
    if (r <= 0) {
      break;
    }
    n += (size_t)r;
  }
  close(fd);
  buf[n] = '\0';
  if (n == 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

static char *http(int port, const char *raw, size_t len) {
  return http_read(http_send(port, raw, len));
}

/* The status of an answer, 0 when there is none. */
static int status_of(const char *answer) {
  int code = 0;
  return answer != NULL && sscanf(answer, "HTTP/1.%*d %d", &code) == 1 ? code
                                                                       : 0;
}

/* GET or POST @p target; the answer (free()) and its status. */
static char *get(int port, const char *method, const char *target,
                 int *status) {
  char req[8192];
  int n = snprintf(req, sizeof req,
                   "%s %s HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nConnection: "
                   "close\r\n\r\n",
                   method, target, port);
  assert_true(n > 0 && (size_t)n < sizeof req);
  char *a = http(port, req, (size_t)n);
  *status = status_of(a);
  return a;
}

/* The server still serves: its controls come back. */
static void serves(int port) {
  int st = 0;
  char *a = get(port, "GET", "/api/controls", &st);
  assert_int_equal(st, 200);
  ut_has(a, "\"subsidy.cap\"");
  free(a);
}

/* @p target is answered with @p want and the text @p says (or any text
 * when NULL), and the server serves on. */
static void refused(int port, const char *method, const char *target, int want,
                    const char *says) {
  int st = 0;
  char *a = get(port, method, target, &st);
  if (st != want) {
    fail_msg("%s %s: status %d, expected %d:\n%s", method, target, st, want,
             a != NULL ? a : "(nothing)");
  }
  if (says != NULL) {
    ut_has(a, says);
  }
  free(a);
  serves(port);
}

/* A raw request is answered with a status of 400 or more. */
static void raw_refused(int port, const char *raw, size_t len) {
  char *a = http(port, raw, len);
  int st = status_of(a);
  if (st < 400) {
    fail_msg("request of %zu bytes: status %d, expected an error", len, st);
  }
  free(a);
  serves(port);
}

/* The first control with low/high of the controls JSON, and above its
 * high. */
static void ranged_control(const char *controls, char *key, size_t n,
                           double *high) {
  json_t *arr = json_loads(controls, 0, NULL);
  assert_non_null(arr);
  size_t i;
  json_t *c;
  json_array_foreach(arr, i, c) {
    if (json_is_true(json_object_get(c, "ranged"))) {
      snprintf(key, n, "%s", json_string_value(json_object_get(c, "key")));
      *high = json_number_value(json_object_get(c, "max"));
      json_decref(arr);
      return;
    }
  }
  json_decref(arr);
  fail_msg("no control with low/high");
}

/* rb_live_sets on one pair: its status and problems. */
static rb_status one_set(const rb_live *lv, const char *key, const char *value,
                         char *why, size_t n) {
  const char *keys[1] = {key}, *values[1] = {value};
  char **sets = NULL;
  rb_diag d;
  rb_diag_init(&d);
  rb_status st = rb_live_sets(lv, keys, values, 1, &sets, &d);
  snprintf(why, n, "%s", d.n > 0 ? d.msgs[0] : "");
  if (sets != NULL) {
    snprintf(why, n, "%s", sets[0]);
    free(sets[0]);
    free(sets);
  }
  rb_diag_free(&d);
  return st;
}

/* The controls and their checks through the library: a value of the
 * scenario in its range becomes a set; anything else is refused with a
 * message naming the key; the loader's own rules refuse the rest. */
static void test_controls(void **state) {
  (void)state;
  char out[512];
  snprintf(out, sizeof out, "%s/lib", ut_tmp);
  rb_live_opts o = {0};
  o.scenario_path = SMALL;
  o.out = out;
  o.replications = 20;
  o.threads = 1;
  rb_diag d;
  rb_diag_init(&d);
  rb_live *lv = NULL;
  assert_int_equal(rb_live_open(&lv, &o, &d), RB_OK);
  rb_diag_free(&d);
  char *controls = rb_live_controls_json(lv, false);
  ut_has(controls, "\"subsidy.period_months\"");
  ut_has(controls, "\"subsidy.max_extensions\"");
  char key[256], why[512], above[64];
  double high = 0.0;
  ranged_control(controls, key, sizeof key, &high);
  free(controls);
  assert_int_equal(one_set(lv, "subsidy.cap", "2500", why, sizeof why), RB_OK);
  assert_string_equal(why, "subsidy.cap=2500");
  assert_int_equal(one_set(lv, "subsidy.caps", "1", why, sizeof why),
                   RB_EINVALID);
  ut_has(why, "request:1: subsidy.caps: not a value of this scenario");
  assert_int_equal(one_set(lv, "subsidy.cap", "1; x = 2", why, sizeof why),
                   RB_EINVALID);
  ut_has(why, "subsidy.cap: expected a number (got 1; x = 2)");
  assert_int_equal(one_set(lv, "subsidy.period_months", "2.5", why, sizeof why),
                   RB_EINVALID);
  ut_has(why, "expected a whole number");
  assert_int_equal(
      one_set(lv, "subsidy.require_realistic_takeover", "yes", why, sizeof why),
      RB_EINVALID);
  snprintf(above, sizeof above, "%.17g", high + fabs(high) + 1.0);
  assert_int_equal(one_set(lv, key, above, why, sizeof why), RB_EINVALID);
  ut_has(why, "outside the value's low/high");
  /* The loader's own rule, and its message. */
  const char *neg[1] = {"subsidy.cap=-5"};
  char *json = NULL;
  assert_int_equal(rb_live_compute(lv, neg, 1, false, &json), RB_EINVALID);
  ut_has(json, "must be >= 0 (got -5)");
  free(json);
  /* A computation equals a run of the scenario loaded with the same
   * values at the same replications. */
  const char *cap[2] = {"subsidy.cap=2500", "scenario.replications=20"};
  assert_int_equal(rb_live_compute(lv, cap, 1, false, &json), RB_OK);
  json_t *j = json_loads(json, 0, NULL);
  free(json);
  assert_non_null(j);
  rb_scenario *sc = ut_load(SMALL, cap, 2);
  rb_results res;
  assert_int_equal(ut_run(&res, sc, 1), 0);
  json_t *p0 = json_array_get(json_object_get(j, "perspectives"), 0);
  assert_dbl(json_number_value(json_object_get(p0, "mean")),
             res.all.persp[0][0].saving.mean);
  assert_int_equal(json_integer_value(json_object_get(j, "replications")), 20);
  json_decref(j);
  rb_results_free(&res);
  rb_scenario_free(sc);
  rb_live_free(lv);
}

/* Malformed, oversized and out-of-range requests: each gets an error,
 * and the server serves on. */
static void test_bad_requests(void **state) {
  (void)state;
  char out[512], target[1024], key[256];
  snprintf(out, sizeof out, "%s/requests", ut_tmp);
  server s = start(SMALL, "20", out);
  serves(s.port);
  static const char garbage[] = "HELLO WORLD\r\n\r\n\x01\x02";
  raw_refused(s.port, garbage, sizeof garbage - 1);
  /* A 100 kB address, a 50 kB header, a 1 MB body. */
  const size_t big = 100000;
  char *raw = malloc(big + 4096);
  assert_non_null(raw);
  int n = snprintf(raw, 4096, "GET /api/compute?subsidy.cap=");
  memset(raw + n, '1', big);
  n += (int)big;
  n += snprintf(raw + n, 4096,
                " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  raw_refused(s.port, raw, (size_t)n);
  n = snprintf(raw, 4096, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: ");
  memset(raw + n, 'a', big / 2);
  n += (int)(big / 2);
  n += snprintf(raw + n, 4096, "\r\nConnection: close\r\n\r\n");
  raw_refused(s.port, raw, (size_t)n);
  n = snprintf(raw, 4096,
               "POST /api/run HTTP/1.1\r\nHost: x\r\nContent-Length: "
               "%zu\r\nConnection: close\r\n\r\n",
               big);
  memset(raw + n, 'x', big);
  raw_refused(s.port, raw, (size_t)n + big);
  free(raw);
  /* Values: the loader's rule, the range, a key that is not the
   * scenario's, text that is no number, too many values. */
  refused(s.port, "GET", "/api/compute?subsidy.period_months=-3", 400,
          "subsidy.period_months: must be between 1 and 1200 (got -3)");
  int st = 0;
  char *controls = get(s.port, "GET", "/api/controls", &st);
  double high = 0.0;
  char *body = strstr(controls, "\r\n\r\n");
  assert_non_null(body);
  ranged_control(body + 4, key, sizeof key, &high);
  free(controls);
  snprintf(target, sizeof target, "/api/compute?%s=%.17g", key,
           high + fabs(high) + 1.0);
  refused(s.port, "GET", target, 400, "outside the value's low/high");
  refused(s.port, "GET", "/api/compute?scenario.seed=1", 400,
          "not a value of this scenario");
  refused(s.port, "GET", "/api/compute?subsidy.cap=2500%3Bx%3D1", 400,
          "expected a number");
  refused(s.port, "GET", "/api/compute?subsidy.cap=1500&subsidy.cap=2000", 400,
          "given twice");
  char many[4096] = "/api/compute?";
  for (int i = 0; i < 300; i++) {
    strcat(many, "a=1&");
  }
  refused(s.port, "GET", many, 400, "more than 256 values");
  /* Another site: a name that is not this machine's (DNS rebinding), an
   * Origin that is not this server. */
  char other[512];
  n = snprintf(other, sizeof other,
               "POST /api/run HTTP/1.1\r\nHost: rebound.example:%d\r\n"
               "Connection: close\r\n\r\n",
               s.port);
  char *ans = http(s.port, other, (size_t)n);
  assert_int_equal(status_of(ans), 403);
  free(ans);
  n = snprintf(other, sizeof other,
               "POST /api/run HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
               "Origin: http://evil.example\r\nConnection: close\r\n\r\n",
               s.port);
  ans = http(s.port, other, (size_t)n);
  assert_int_equal(status_of(ans), 403);
  free(ans);
  serves(s.port);
  /* Addresses: no such page, another method, a path of the client's. */
  refused(s.port, "GET", "/etc/passwd", 404, NULL);
  refused(s.port, "DELETE", "/", 405, NULL);
  refused(s.port, "GET", "/report/../../../etc/passwd", 404, NULL);
  refused(s.port, "GET", "/report/report.html", 404, NULL); /* no run yet */
  /* A good one is computed. */
  char *a = get(s.port, "GET", "/api/compute?subsidy.cap=2500", &st);
  assert_int_equal(st, 200);
  ut_has(a, "\"perspectives\"");
  free(a);
  /* The rate limit: a burst is cut short, then it serves again. */
  int limited = 0;
  for (int i = 0; i < 100; i++) {
    free(get(s.port, "GET", "/api/controls", &st));
    limited += st == 429;
  }
  assert_true(limited > 0);
  sleep(4);
  serves(s.port);
  stop(&s);
}

/* Half a second. */
static void nap(void) {
  struct timespec ts = {0, 500000000L};
  nanosleep(&ts, NULL);
}

/* One computation at a time: a newer request stops the older one, which
 * is answered 409, and is itself computed. */
static void test_newer_cancels(void **state) {
  (void)state;
  char out[512];
  snprintf(out, sizeof out, "%s/cancel", ut_tmp);
  /* Replications enough for a computation of several seconds. */
  server s = start(SMALL, "200000", out);
  char a_req[256], b_req[256];
  snprintf(a_req, sizeof a_req,
           "GET /api/compute?subsidy.cap=1500 HTTP/1.1\r\nHost: "
           "127.0.0.1:%d\r\nConnection: close\r\n\r\n",
           s.port);
  snprintf(b_req, sizeof b_req,
           "GET /api/compute?subsidy.cap=2500 HTTP/1.1\r\nHost: "
           "127.0.0.1:%d\r\nConnection: close\r\n\r\n",
           s.port);
  int a = http_send(s.port, a_req, strlen(a_req));
  nap();
  int b = http_send(s.port, b_req, strlen(b_req));
  nap();
  /* A refused value is answered at once, while the newer one runs. */
  int st = 0;
  char *c = get(s.port, "GET", "/api/compute?subsidy.cap=-1", &st);
  assert_int_equal(st, 400);
  free(c);
  char *ra = http_read(a);
  if (status_of(ra) != 409) {
    fail_msg("the older request: %s", ra != NULL ? ra : "(nothing)");
  }
  ut_has(ra, "superseded");
  free(ra);
  kill(s.pid, SIGTERM); /* the newer one need not run to its end */
  free(http_read(b));
  stop(&s);
}

/* The full run: its folder written, its report served from it, and
 * nothing else. */
static void test_full_run(void **state) {
  (void)state;
  char out[512];
  snprintf(out, sizeof out, "%s/full", ut_tmp);
  server s = start(SMALL, "20", out);
  int st = 0;
  char *a = get(s.port, "POST", "/api/run?subsidy.cap=2500", &st);
  assert_int_equal(st, 200);
  ut_has(a, "\"report\": \"/report/report.html\"");
  free(a);
  assert_true(ut_file_exists(out, "report.html"));
  char *cfg = ut_read_in(out, "scenario.cfg");
  ut_has(cfg, "2500");
  free(cfg);
  a = get(s.port, "GET", "/report/report.html", &st);
  assert_int_equal(st, 200);
  ut_has(a, "<html");
  free(a);
  a = get(s.port, "GET", "/report/charts/yearly.svg", &st);
  assert_int_equal(st, 200);
  free(a);
  refused(s.port, "GET", "/report/charts/../manifest.json", 404, NULL);
  refused(s.port, "POST", "/api/run?subsidy.max_extensions=-1", 400,
          "must be between 0 and 1200 (got -1)");
  stop(&s);
}

/* The number in @p dom's element @p id's data-value attribute. */
static double dom_value(const char *dom, const char *id) {
  char want[128];
  snprintf(want, sizeof want, "id=\"%s\"", id);
  const char *at = strstr(dom, want);
  if (at == NULL) {
    fail_msg("the page has no element %s", id);
  }
  const char *end = strchr(at, '>');
  const char *v = strstr(at, "data-value=\"");
  if (v == NULL || (end != NULL && v > end)) {
    fail_msg("element %s has no data-value", id);
  }
  return strtod(v + 12, NULL);
}

/* @p dom's body attribute @p name, into @p buf. */
static void body_attr(const char *dom, const char *name, char *buf, size_t n) {
  char want[64];
  snprintf(want, sizeof want, "%s=\"", name);
  const char *body = strstr(dom, "<body");
  const char *at = body != NULL ? strstr(body, want) : NULL;
  const char *end = body != NULL ? strchr(body, '>') : NULL;
  if (at == NULL || at > end) {
    snprintf(buf, n, "(none)");
    return;
  }
  at += strlen(want);
  size_t len = strcspn(at, "\"");
  snprintf(buf, n, "%.*s", (int)(len < n ? len : n - 1), at);
}

/* A summary.json number: perspectives.<p>.saving.<what>. */
static double summary_saving(const json_t *sum, const char *p,
                             const char *what) {
  const json_t *s = json_object_get(
      json_object_get(json_object_get(sum, "perspectives"), p), "saving");
  const json_t *v = json_object_get(s, what);
  if (!json_is_number(v)) {
    fail_msg("summary.json has no perspectives.%s.saving.%s", p, what);
  }
  return json_number_value(v);
}

/* Equal to the 12 significant digits summary.json writes. */
static void same(const char *what, double page, double run) {
  if (!(fabs(page - run) <= 1e-9 * fabs(run) + 1e-9)) {
    fail_msg("%s: the page shows %.17g, rentbridge run gives %.17g", what, page,
             run);
  }
}

/* The page in headless Chromium with the cap changed in its address:
 * the figures it redraws equal `rentbridge run --set subsidy.cap=2500` at
 * the same replications and seed. */
static void test_browser(void **state) {
  (void)state;
  if (!ut_have("chromium")) {
    fprintf(stderr, "test_live: chromium is not installed (scripts/"
                    "install-deps --browser): the browser test is skipped\n");
    skip();
  }
  char out[512], cmd[2048];
  snprintf(out, sizeof out, "%s/browser", ut_tmp);
  server s = start(NETWORK, BROWSER_REPS, out);
  snprintf(cmd, sizeof cmd,
           "HOME=%s chromium --headless --no-sandbox --disable-gpu "
           "--no-first-run --user-data-dir=%s/chromium --dump-dom "
           "--virtual-time-budget=120000 "
           "'http://127.0.0.1:%d/#subsidy.cap=2500' 2>/dev/null",
           ut_tmp, ut_tmp, s.port);
  int ws = 0;
  char *dom = ut_run_cmd(cmd, &ws);
  stop(&s);
  assert_non_null(dom);
  char state_[64], settings[256];
  body_attr(dom, "data-state", state_, sizeof state_);
  body_attr(dom, "data-settings", settings, sizeof settings);
  if (strcmp(state_, "done") != 0) {
    fail_msg("the page is '%s', not done:\n%.2000s", state_, dom);
  }
  assert_string_equal(settings, "subsidy.cap=2500");
  snprintf(cmd, sizeof cmd,
           "%s run %s --set subsidy.cap=2500 --replications %s --out %s/run "
           "--quiet",
           ut_bin(), NETWORK, BROWSER_REPS, ut_tmp);
  free(ut_run_cmd(cmd, &ws));
  assert_int_equal(ws, 0);
  snprintf(cmd, sizeof cmd, "%s/run/summary.json", ut_tmp);
  json_t *sum = json_load_file(cmd, 0, NULL);
  assert_non_null(sum);
  static const char *const persp[] = {"kommune", "public", "societal"};
  for (size_t p = 0; p < sizeof persp / sizeof persp[0]; p++) {
    char id[64];
    snprintf(id, sizeof id, "mean-%s", persp[p]);
    same(id, dom_value(dom, id), summary_saving(sum, persp[p], "mean"));
    snprintf(id, sizeof id, "prob-%s", persp[p]);
    same(id, dom_value(dom, id),
         summary_saving(sum, persp[p], "prob_positive"));
  }
  json_decref(sum);
  free(dom);
}

/* Without libjs-chart.js the page is told so (it then says so itself and
 * shows its figures without charts), and /chart.js is not served. */
static void test_no_chartjs(void **state) {
  (void)state;
  char out[512];
  snprintf(out, sizeof out, "%s/nochart", ut_tmp);
  rb_live_opts o = {0};
  o.scenario_path = SMALL;
  o.out = out;
  o.chartjs = "/nonexistent/chart.min.js";
  rb_diag d;
  rb_diag_init(&d);
  rb_live *lv = NULL;
  assert_int_equal(rb_live_open(&lv, &o, &d), RB_OK);
  rb_diag_free(&d);
  assert_null(lv->chartjs);
  char *page = rb_live_page(lv, false);
  ut_has(page, "\"chartjs\": false");
  ut_has(page, "libjs-chart.js er ikke installeret");
  free(page);
  rb_live_free(lv);
}

/* `rentbridge serve` with a bad command line: a usage error (2), or the
 * scenario's problems (3), before anything listens. */
static void test_usage(void **state) {
  (void)state;
  static const struct {
    const char *args;
    int code;
    const char *says;
  } cases[] = {
      {"", 2, "missing SCENARIO"},
      {SMALL " --lang fr", 2, "--lang takes da or en (got fr)"},
      {SMALL " --port 70000", 2, "--port takes 0 to 65535"},
      {SMALL " --replications 0", 2, "--replications takes 1 to 1000000"},
      {SMALL " --bind not-an-address --port 0", 2, "not an IPv4 or IPv6"},
      {"tests/data/ok/nonexistent.cfg", 4, "nonexistent.cfg"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s serve %s 2>&1", ut_bin(), cases[i].args);
    int ws = 0;
    char *out = ut_run_cmd(cmd, &ws);
    if (!WIFEXITED(ws) || WEXITSTATUS(ws) != cases[i].code) {
      fail_msg("serve %s: status %d, expected %d:\n%s", cases[i].args,
               WIFEXITED(ws) ? WEXITSTATUS(ws) : -1, cases[i].code, out);
    }
    ut_has(out, cases[i].says);
    free(out);
  }
}

/* The page the program serves is made from src/live/page.html. */
static void test_page_made(void **state) {
  (void)state;
  int ws = 0;
  free(ut_run_cmd("python3 tools/embed-page.py --check", &ws));
  if (ws != 0) {
    fail_msg("src/live/page_text.c is out of date: run python3 "
             "tools/embed-page.py");
  }
}

int main(void) {
  signal(SIGPIPE, SIG_IGN);
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_page_made),    cmocka_unit_test(test_usage),
      cmocka_unit_test(test_no_chartjs),   cmocka_unit_test(test_controls),
      cmocka_unit_test(test_bad_requests), cmocka_unit_test(test_newer_cancels),
      cmocka_unit_test(test_full_run),     cmocka_unit_test(test_browser),
  };
  return cmocka_run_group_tests(tests, ut_tmp_setup, teardown);
}
