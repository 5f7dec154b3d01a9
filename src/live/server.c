/* The live page's HTTP server (docs/live.md), on libmicrohttpd: a thread
 * per connection, each request limited in size (the connection's memory,
 * no request body at all) and in rate (a token bucket for the whole
 * server), and answered from a fixed list of addresses: the page, Chart.js
 * from Debian's libjs-chart.js, the controls, a live computation, the
 * full run and the files of its folder.  No path or file name of a
 * request is ever opened: a file of the full run's folder is found by
 * comparing the request's address with the names read from the folder. */
#include "live_internal.h"

#include "base/file.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/** Requests the bucket holds, and how many come back per second. */
#define RATE_BURST 60.0
#define RATE_PER_SECOND 20.0
/** Bytes of one connection's request line and headers. */
#define CONNECTION_MEMORY ((size_t)32 << 10)
/** The largest file of the results folder handed out. */
#define MAX_FILE ((size_t)64 << 20)

/* The request's values, as libmicrohttpd decoded them. */
typedef struct args {
  const char *keys[RB_LIVE_MAX_ARGS + 1];
  const char *values[RB_LIVE_MAX_ARGS + 1];
  int n;
} args;

static enum MHD_Result take_arg(void *cls, enum MHD_ValueKind kind,
                                const char *key, const char *value) {
  (void)kind;
  args *a = cls;
  if (strcmp(key, "lang") == 0) {
    return MHD_YES; /* the page's language, not a value */
  }
  if (a->n > RB_LIVE_MAX_ARGS) {
    return MHD_NO;
  }
  a->keys[a->n] = key;
  a->values[a->n] = value != NULL ? value : "";
  a->n++;
  return MHD_YES;
}

/* Answer with @p body (copied unless @p owned, then freed). */
static enum MHD_Result reply(struct MHD_Connection *c, unsigned code,
                             const char *type, char *body, size_t len,
                             bool owned) {
  struct MHD_Response *r = MHD_create_response_from_buffer(
      len, body, owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_MUST_COPY);
  if (r == NULL) {
    if (owned) {
      free(body);
    }
    return MHD_NO;
  }
  MHD_add_response_header(r, "Content-Type", type);
  MHD_add_response_header(r, "Cache-Control", "no-store");
  MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
  /* Nothing from the network: scripts, styles and data from here only. */
  MHD_add_response_header(r, "Content-Security-Policy",
                          "default-src 'self'; script-src 'self' "
                          "'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
                          "img-src 'self' data:");
  enum MHD_Result ok = MHD_queue_response(c, code, r);
  MHD_destroy_response(r);
  return ok;
}

static const char JSON[] = "application/json; charset=utf-8";

static enum MHD_Result reply_json(struct MHD_Connection *c, unsigned code,
                                  char *text) {
  if (text == NULL) {
    return reply(c, 500, JSON, "{\"error\":\"out of memory\"}", 25, false);
  }
  return reply(c, code, JSON, text, strlen(text), true);
}

static enum MHD_Result reply_error(struct MHD_Connection *c, unsigned code,
                                   const char *msg) {
  return reply_json(c, code, rb_live_error_json(msg, NULL));
}

/* The language asked for (?lang=da or en), else the server's. */
static bool english(const rb_live *lv, struct MHD_Connection *c) {
  const char *lang =
      MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang");
  bool en = lv->opts->english;
  if (lang != NULL) {
    en = strcmp(lang, "en") == 0 ? true : strcmp(lang, "da") == 0 ? false : en;
  }
  return en;
}

/* May one more request be served now (the token bucket)? */
static bool rate_ok(rb_live *lv) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  const double now = (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
  pthread_mutex_lock(&lv->mu);
  lv->tokens += (now - lv->last) * RATE_PER_SECOND;
  if (lv->tokens > RATE_BURST) {
    lv->tokens = RATE_BURST;
  }
  lv->last = now;
  const bool ok = lv->tokens >= 1.0;
  if (ok) {
    lv->tokens -= 1.0;
  }
  pthread_mutex_unlock(&lv->mu);
  return ok;
}

/* The request's values checked and turned into sets; NULL with an answer
 * queued when refused. */
static char **request_sets(rb_live *lv, struct MHD_Connection *c, int *n,
                           enum MHD_Result *queued) {
  args a = {.n = 0};
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, take_arg, &a);
  rb_diag d;
  rb_diag_init(&d);
  char **sets = NULL;
  rb_status st = rb_live_sets(lv, a.keys, a.values, a.n, &sets, &d);
  if (st != RB_OK) {
    *queued = reply_json(c, st == RB_EINVALID ? 400 : 500,
                         rb_live_error_json(rb_status_str(st), &d));
  }
  rb_diag_free(&d);
  *n = a.n;
  return sets;
}

static void free_sets(char **sets, int n) {
  for (int i = 0; sets != NULL && i < n; i++) {
    free(sets[i]);
  }
  free(sets);
}

/* GET /api/compute?KEY=VALUE…: a live computation. */
static enum MHD_Result compute(rb_live *lv, struct MHD_Connection *c) {
  int n = 0;
  enum MHD_Result q = MHD_NO;
  char **sets = request_sets(lv, c, &n, &q);
  if (sets == NULL) {
    return q;
  }
  char *answer = NULL;
  rb_status st = RB_OK;
  rb_live_outcome out = rb_live_child_compute(lv, (const char *const *)sets, n,
                                              english(lv, c), &answer, &st);
  free_sets(sets, n);
  if (out == RB_LIVE_SUPERSEDED) {
    return reply_error(c, 409, "superseded by a newer request");
  }
  if (out == RB_LIVE_FAILED) {
    return reply_error(c, 500, "the computation failed");
  }
  return reply_json(c,
                    st == RB_OK         ? 200
                    : st == RB_EINVALID ? 400
                                        : 500,
                    answer);
}

/* POST /api/run?KEY=VALUE…: the full scenario into the results folder. */
static enum MHD_Result full_run(rb_live *lv, struct MHD_Connection *c) {
  int n = 0;
  enum MHD_Result q = MHD_NO;
  char **sets = request_sets(lv, c, &n, &q);
  if (sets == NULL) {
    return q;
  }
  char *answer = NULL;
  rb_status st = rb_live_child_full(lv, (const char *const *)sets, n, &answer);
  free_sets(sets, n);
  if (st == RB_EUSAGE) {
    return reply_error(c, 409, "a full run is already running");
  }
  json_t *o = answer != NULL ? json_loads(answer, 0, NULL) : NULL;
  free(answer);
  if (o == NULL) {
    o = json_pack("{s:s}", "error", rb_status_str(st));
  }
  if (st == RB_OK && o != NULL) {
    json_object_del(o, "error");
    json_object_set_new(o, "report", json_string("/report/report.html"));
    json_object_set_new(o, "dir", json_string(lv->out));
  }
  char *text = o != NULL ? json_dumps(o, 0) : NULL;
  json_decref(o);
  return reply_json(c, st == RB_OK ? 200 : st == RB_EINVALID ? 400 : 500, text);
}

static const char *type_of(const char *name) {
  static const struct {
    const char *ext, *type;
  } types[] = {{".html", "text/html; charset=utf-8"},
               {".svg", "image/svg+xml"},
               {".png", "image/png"},
               {".json", JSON},
               {".csv", "text/csv; charset=utf-8"},
               {".xlsx", "application/vnd.openxmlformats-officedocument."
                         "spreadsheetml.sheet"}};
  const char *dot = strrchr(name, '.');
  for (size_t i = 0; dot != NULL && i < sizeof types / sizeof types[0]; i++) {
    if (strcmp(dot, types[i].ext) == 0) {
      return types[i].type;
    }
  }
  return "text/plain; charset=utf-8";
}

/* GET /report/…: a file of the last full run's folder, found among the
 * names read from that folder. */
static enum MHD_Result report_file(rb_live *lv, struct MHD_Connection *c,
                                   const char *url) {
  char path[PATH_MAX] = "";
  pthread_mutex_lock(&lv->mu);
  for (int i = 0; i < lv->n_files; i++) {
    if (strcmp(lv->files[i].url, url) == 0) {
      snprintf(path, sizeof path, "%s", lv->files[i].path);
    }
  }
  pthread_mutex_unlock(&lv->mu);
  size_t len = 0;
  char *body = path[0] != '\0' ? rb_file_slurp(path, &len, MAX_FILE) : NULL;
  if (body == NULL) {
    return reply_error(c, 404, "no such file of the full run");
  }
  return reply(c, 200, type_of(path), body, len, true);
}

/* The page in the language asked for (?lang=da or en), else the
 * server's. */
static enum MHD_Result page(rb_live *lv, struct MHD_Connection *c) {
  char *html = rb_live_page(lv, english(lv, c));
  if (html == NULL) {
    return reply_error(c, 500, "out of memory");
  }
  return reply(c, 200, "text/html; charset=utf-8", html, strlen(html), true);
}

static enum MHD_Result route(rb_live *lv, struct MHD_Connection *c,
                             const char *url, bool post) {
  if (post) {
    return strcmp(url, "/api/run") == 0 ? full_run(lv, c)
                                        : reply_error(c, 405, "only GET here");
  }
  if (strcmp(url, "/") == 0) {
    return page(lv, c);
  }
  if (strcmp(url, "/api/compute") == 0) {
    return compute(lv, c);
  }
  if (strcmp(url, "/api/controls") == 0) {
    const char *text = lv->controls[english(lv, c)];
    return reply(c, 200, JSON, (char *)text, strlen(text), false);
  }
  if (strcmp(url, "/chart.js") == 0) {
    return lv->chartjs != NULL
               ? reply(c, 200, "text/javascript; charset=utf-8", lv->chartjs,
                       lv->chartjs_len, false)
               : reply_error(c, 404, "libjs-chart.js is not installed");
  }
  if (strncmp(url, "/report/", 8) == 0) {
    return report_file(lv, c, url);
  }
  return reply_error(c, 404, "no such page");
}

/* Does the request announce a body (a length above 0, or chunks)? */
static bool has_body(struct MHD_Connection *c) {
  const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                                MHD_HTTP_HEADER_CONTENT_LENGTH);
  const char *te = MHD_lookup_connection_value(
      c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING);
  return te != NULL || (len != NULL && strspn(len, "0") != strlen(len));
}

/* Is the request another site's?  Its Origin, when it has one, must be
 * this server as the request names it (Host); and when the server listens
 * on this machine only, Host must name it by a loopback address, so that
 * a page of another site cannot reach it through a name of its own that
 * resolves to 127.0.0.1 (DNS rebinding). */
static bool foreign(const rb_live *lv, struct MHD_Connection *c) {
  const char *host =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST);
  const char *origin =
      MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_ORIGIN);
  if (host == NULL) {
    return true;
  }
  if (origin != NULL &&
      (strncmp(origin, "http://", 7) != 0 || strcmp(origin + 7, host) != 0)) {
    return true;
  }
  if (!lv->loopback) {
    return false;
  }
  static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    size_t n = strlen(names[i]);
    if (strncmp(host, names[i], n) == 0 && host[n] == ':' &&
        atoi(host + n + 1) == lv->port) {
      return false;
    }
  }
  return true;
}

/* One connection's request: its first call only notes it; a request with
 * a body is refused (no address takes one). */
static enum MHD_Result handle(void *cls, struct MHD_Connection *c,
                              const char *url, const char *method,
                              const char *version, const char *upload,
                              size_t *upload_size, void **state) {
  (void)version;
  (void)upload;
  static int seen;
  rb_live *lv = cls;
  if (*state == NULL) {
    *state = &seen;
    return has_body(c) ? reply_error(c, 413, "no request takes a body")
                       : MHD_YES;
  }
  if (*upload_size > 0) {
    *upload_size = 0;
    return reply_error(c, 413, "no request takes a body");
  }
  const bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
  const bool post = strcmp(method, "POST") == 0;
  if (!get && !post) {
    return reply_error(c, 405, "only GET and POST");
  }
  if (!rate_ok(lv)) {
    return reply_error(c, 429, "too many requests: wait a moment");
  }
  if (foreign(lv, c)) {
    return reply_error(c, 403,
                       "a request of another site, or for another "
                       "host than this server");
  }
  return route(lv, c, url, post);
}

/* The address to listen on, IPv4 or IPv6. */
static bool address(struct sockaddr_storage *sa, const char *bind, int port,
                    bool *v6) {
  memset(sa, 0, sizeof *sa);
  struct sockaddr_in *a4 = (struct sockaddr_in *)sa;
  struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)sa;
  if (inet_pton(AF_INET, bind, &a4->sin_addr) == 1) {
    a4->sin_family = AF_INET;
    a4->sin_port = htons((uint16_t)port);
    *v6 = false;
    return true;
  }
  if (inet_pton(AF_INET6, bind, &a6->sin6_addr) == 1) {
    a6->sin6_family = AF_INET6;
    a6->sin6_port = htons((uint16_t)port);
    *v6 = true;
    return true;
  }
  return false;
}

rb_status rb_live_serve(rb_live *lv, rb_diag *diag) {
  const char *bind = lv->opts->bind != NULL ? lv->opts->bind : "127.0.0.1";
  struct sockaddr_storage sa;
  bool v6 = false;
  if (!address(&sa, bind, lv->opts->port, &v6)) {
    rb_diag_add(diag, "--bind", 0, NULL,
                "not an IPv4 or IPv6 address (got %.80s)", bind);
    return RB_EUSAGE;
  }
  /* Before it listens: until the port is known, nothing passes foreign(). */
  lv->loopback = strncmp(bind, "127.", 4) == 0 || strcmp(bind, "::1") == 0;
  unsigned flags = MHD_USE_THREAD_PER_CONNECTION |
                   MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG |
                   (v6 ? MHD_USE_IPv6 : 0);
  struct MHD_Daemon *d = MHD_start_daemon(
      flags, (uint16_t)lv->opts->port, NULL, NULL, handle, lv,
      MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_CONNECTION_LIMIT,
      (unsigned)32, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)16,
      MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONNECTION_MEMORY, MHD_OPTION_END);
  if (d == NULL) {
    rb_diag_add(diag, bind, 0, NULL, "cannot listen on port %d",
                lv->opts->port);
    return RB_EIO;
  }
  const union MHD_DaemonInfo *info =
      MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
  lv->port = info != NULL ? (int)info->port : lv->opts->port;
  char url[128];
  snprintf(url, sizeof url, v6 ? "http://[%s]:%d/" : "http://%s:%d/", bind,
           lv->port);
  if (lv->opts->ready != NULL) {
    lv->opts->ready(lv->opts->ready_ctx, url);
  }
  for (;;) {
    pause(); /* a signal ends the process (base/interrupt.h) */
  }
}
