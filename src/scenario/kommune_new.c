/*
 * `rentbridge new KOMMUNE --like aarhus` (issue 18): a sixth kommune's
 * folder in the library, written from one that has one: its kommune.cfg,
 * every copied figure marked "from aarhus: replace with your own" beside
 * its source, and the group scenarios, which take their figures from the
 * new kommune (`from = "odense.shelter_110";`).  Text in, text out: the
 * comments and the layout of the files copied stay.
 */
#define _XOPEN_SOURCE 700 /* mkdtemp */
#include "base/file.h"
#include "config/cfgtree.h"
#include "rentbridge/kommune.h"
#include "scenario/kommune_internal.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KN_MAX_BYTES (4u << 20)

char *rb_kn_replace_all(const char *s, const char *old, const char *repl) {
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  if (f == NULL) {
    return NULL;
  }
  size_t lo = strlen(old);
  for (const char *at; (at = strstr(s, old)) != NULL; s = at + lo) {
    fwrite(s, 1, (size_t)(at - s), f);
    fputs(repl, f);
  }
  fputs(s, f);
  fclose(f);
  return out;
}

/* The text of `municipality = "..."` in @p text, into @p buf. */
static bool municipality(char *buf, size_t size, const char *text) {
  const char *m = strstr(text, "municipality = \"");
  if (m == NULL) {
    return false;
  }
  m += strlen("municipality = \"");
  const char *e = strchr(m, '"');
  if (e == NULL || (size_t)(e - m) >= size) {
    return false;
  }
  memcpy(buf, m, (size_t)(e - m));
  buf[e - m] = '\0';
  return true;
}

/* One line of LIKE's kommune.cfg into the new one: the group renamed, the
 * municipality the new one's, every source marked, every other figure
 * (a payer) marked with a comment. */
static void kommune_line(FILE *f, const char *line, const rb_kommune_new *k,
                         const char *name) {
  char head[80];
  snprintf(head, sizeof head, "%s = {", k->like);
  const char *src = strstr(line, "source = \"");
  bool comment = line[strspn(line, " ")] == '#';
  if (strncmp(line, head, strlen(head)) == 0) {
    fprintf(f, "%s = {%s", k->id, line + strlen(head));
  } else if (strstr(line, "municipality = \"") != NULL) {
    fprintf(f, "    municipality = \"%s\";", name);
  } else if (src != NULL && !comment) {
    src += strlen("source = \"");
    fprintf(f, "%.*sfrom %s: replace with your own; source: %s",
            (int)(src - line), line, k->like, src);
  } else if (!comment && strpbrk(line, "0123456789") != NULL &&
             strstr(line, "value =") == NULL && strchr(line, '=') != NULL &&
             line[strlen(line) - 1] != '{') {
    fprintf(f, "%s   # from %s: replace with your own", line, k->like);
  } else {
    fputs(line, f);
  }
  fputc('\n', f);
}

/* The new kommune.cfg from LIKE's @p text. */
static char *kommune_text(const rb_kommune_new *k, const char *name,
                          const char *like_name, const char *text) {
  char *out = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&out, &len);
  if (f == NULL) {
    return NULL;
  }
  fprintf(f,
          "# %s/%s/kommune.cfg — %s Kommune: every local figure of %s's "
          "scenarios in one\n"
          "# place (written by `rentbridge new %s --like %s`).  Every figure "
          "below is %s's:\n"
          "# each is marked \"from %s: replace with your own\"; put %s's own "
          "figure and its\n"
          "# source in its place (the comments describe %s's figures).  The "
          "group scenarios\n"
          "# of this folder take them from here (`from = \"%s.shelter_110\";`,"
          " docs/scenario-loading.md).\n",
          k->library, k->id, name, name, k->id, k->like, like_name, k->like,
          name, like_name, k->id);
  const char *s = text;
  while (*s == '#') { /* LIKE's own header */
    const char *nl = strchr(s, '\n');
    s = nl != NULL ? nl + 1 : s + strlen(s);
  }
  bool ok = true;
  while (*s != '\0' && ok) {
    size_t n = strcspn(s, "\n");
    char *line = strndup(s, n);
    ok = line != NULL;
    if (ok) {
      kommune_line(f, line, k, name);
    }
    free(line);
    s += n + (s[n] == '\n');
  }
  fclose(f);
  if (!ok) {
    free(out);
    out = NULL;
  }
  return out;
}

/* A group scenario of LIKE's, for the new kommune. */
static char *group_text(const rb_kommune_new *k, const char *name,
                        const char *like_name, const char *text) {
  char pairs[5][2][300];
  snprintf(pairs[0][0], 300, "from = \"%s.", k->like);
  snprintf(pairs[0][1], 300, "from = \"%s.", k->id);
  snprintf(pairs[1][0], 300, "name = \"%s-", k->like);
  snprintf(pairs[1][1], 300, "name = \"%s-", k->id);
  snprintf(pairs[2][0], 300, "scenarios/%s/", k->like);
  snprintf(pairs[2][1], 300, "%s/%s/", k->library, k->id);
  snprintf(pairs[3][0], 300, "%s", like_name);
  snprintf(pairs[3][1], 300, "%s", name);
  snprintf(pairs[4][0], 300, "    size = ");
  snprintf(pairs[4][1], 300,
           "    # size: from %s: replace with your own (your pilot's "
           "size)\n    size = ",
           k->like);
  char *cur = rb_strdup(text);
  for (int i = 0; i < 5 && cur != NULL; i++) {
    char *next = rb_kn_replace_all(cur, pairs[i][0], pairs[i][1]);
    free(cur);
    cur = next;
  }
  return cur;
}

/* Is @p id a kommune's folder name: [a-z][a-z0-9-]*, at most 40? */
static bool id_ok(const char *id) {
  size_t n = strlen(id);
  if (n == 0 || n > 40 || id[0] < 'a' || id[0] > 'z') {
    return false;
  }
  return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* The group scenarios of LIKE's folder (its files with `format`), sorted,
 * as "a,b,c" into @p buf. */
static void like_groups(char *buf, size_t size, const char *dir) {
  buf[0] = '\0';
  struct dirent **names = NULL;
  int n = scandir(dir, &names, NULL, alphasort);
  size_t o = 0;
  for (int i = 0; i < n; i++) {
    const char *f = names[i]->d_name;
    size_t len = strlen(f);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, f);
    char *text = len > 4 && strcmp(f + len - 4, ".cfg") == 0
                     ? rb_file_slurp(path, NULL, KN_MAX_BYTES)
                     : NULL;
    if (text != NULL && strstr(text, "\nformat = 1;") != NULL &&
        o + len < size) {
      o += (size_t)snprintf(buf + o, size - o, "%s%.*s", o > 0 ? "," : "",
                            (int)(len - 4), f);
    }
    free(text);
    free(names[i]);
  }
  free(names);
}

/* Write @p text to DIR/NAME. */
static rb_status put(const char *dir, const char *name, const char *text) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    return RB_EIO;
  }
  fputs(text, f);
  return fclose(f) == 0 ? RB_OK : RB_EIO;
}

rb_status rb_kn_put_atomic(const char *path, const char *text) {
  char *tmp = rb_strfmt("%s.new", path);
  FILE *f = tmp != NULL ? fopen(tmp, "w") : NULL;
  rb_status st = f == NULL ? RB_EIO : RB_OK;
  if (f != NULL) {
    fputs(text, f);
    st = fclose(f) == 0 && rename(tmp, path) == 0 ? RB_OK : RB_EIO;
  }
  if (st != RB_OK && tmp != NULL) {
    unlink(tmp);
  }
  free(tmp);
  return st;
}

/* The checks before anything is written. */
static rb_status check_args(const rb_kommune_new *k, const char *like_dir,
                            const char *dest, rb_diag *diag) {
  struct stat sb;
  if (!id_ok(k->id)) {
    rb_diag_add(diag, NULL, 0, "KOMMUNE",
                "a folder name of small letters, digits and -, starting "
                "with a letter, such as odense or hoeje-taastrup (got %s)",
                k->id);
    return RB_EINVALID;
  }
  char kf[4096];
  snprintf(kf, sizeof kf, "%s/kommune.cfg", like_dir);
  if (!rb_file_is_regular(kf)) {
    rb_diag_add(diag, NULL, 0, "--like",
                "%s has no kommune.cfg to copy; take a kommune of %s that has "
                "one, such as aarhus (got %s)",
                like_dir, k->library, k->like);
    return RB_EINVALID;
  }
  if (stat(dest, &sb) == 0) {
    rb_diag_add(diag, dest, 0, NULL,
                "already exists; rentbridge new writes a new kommune's folder "
                "and changes no other");
    return RB_EIO;
  }
  return RB_OK;
}

bool rb_kn_in_list(const char *list, const char *g) {
  size_t n = strlen(g);
  for (const char *s = list; *s != '\0';) {
    size_t m = strcspn(s, ",");
    if (m == n && strncmp(s, g, n) == 0) {
      return true;
    }
    s += m + (s[m] == ',');
  }
  return false;
}

/* The groups to write, checked, as "a,b" into @p buf. */
static rb_status pick_groups(char *buf, size_t size, const rb_kommune_new *k,
                             const char *like_dir, rb_diag *diag) {
  char have[2000];
  like_groups(have, sizeof have, like_dir);
  if (k->groups == NULL) {
    snprintf(buf, size, "%s", have);
    return RB_OK;
  }
  size_t o = 0;
  buf[0] = '\0';
  rb_status st = RB_OK;
  for (int i = 0; i < k->n_groups; i++) {
    if (!rb_kn_in_list(have, k->groups[i])) {
      rb_diag_add(diag, NULL, 0, "--groups",
                  "%s has no group scenario %s (it has: %s)", k->like,
                  k->groups[i], have);
      st = RB_EINVALID;
    } else if (!rb_kn_in_list(buf, k->groups[i]) &&
               o + strlen(k->groups[i]) + 2 < size) {
      o += (size_t)snprintf(buf + o, size - o, "%s%s", o > 0 ? "," : "",
                            k->groups[i]);
    }
  }
  return st;
}

/* Every file into the folder @p tmp; their names into @p list. */
static rb_status write_files(const rb_kommune_new *k, const char *tmp,
                             const char *like_dir, const char *groups,
                             const char *name, FILE *list) {
  char path[4096], like_name[200];
  snprintf(path, sizeof path, "%s/kommune.cfg", like_dir);
  char *text = rb_file_slurp(path, NULL, KN_MAX_BYTES);
  if (text == NULL || !municipality(like_name, sizeof like_name, text)) {
    free(text);
    return RB_EIO;
  }
  char *out = kommune_text(k, name, like_name, text);
  free(text);
  rb_status st = out != NULL ? put(tmp, "kommune.cfg", out) : RB_ENOMEM;
  free(out);
  fprintf(list, "%s/%s/kommune.cfg\n", k->library, k->id);
  for (const char *g = groups; *g != '\0' && st == RB_OK;) {
    size_t n = strcspn(g, ",");
    char file[200];
    snprintf(file, sizeof file, "%.*s.cfg", (int)n, g);
    snprintf(path, sizeof path, "%s/%s", like_dir, file);
    text = rb_file_slurp(path, NULL, KN_MAX_BYTES);
    out = text != NULL ? group_text(k, name, like_name, text) : NULL;
    st = text == NULL ? RB_EIO : out == NULL ? RB_ENOMEM : put(tmp, file, out);
    free(text);
    free(out);
    fprintf(list, "%s/%s/%s\n", k->library, k->id, file);
    g += n + (g[n] == ',');
  }
  return st;
}

/* The kommune, just written, into its portfolio. */
static rb_status add_to_portfolio(const rb_kommune_new *k, const char *like_dir,
                                  const char *groups, const char *name,
                                  rb_diag *diag) {
  char path[4096], like_name[200];
  snprintf(path, sizeof path, "%s/kommune.cfg", like_dir);
  char *text = rb_file_slurp(path, NULL, KN_MAX_BYTES);
  bool ok = text != NULL && municipality(like_name, sizeof like_name, text);
  free(text);
  char *pdir = rb_path_dir(k->portfolio);
  char lib[PATH_MAX], pd[PATH_MAX];
  bool here = pdir != NULL && realpath(pdir, pd) != NULL &&
              realpath(k->library, lib) != NULL && strcmp(pd, lib) == 0;
  free(pdir);
  if (!ok || !here) {
    rb_diag_add(diag, k->portfolio, 0, "--portfolio",
                "must be a portfolio in the library %s (its include paths "
                "are relative to it); the kommune's folder is written",
                k->library);
    return RB_EINVALID;
  }
  return rb_kn_portfolio_add(k, k->portfolio, groups, like_name, name, diag);
}

rb_status rb_kommune_new_write(const rb_kommune_new *k, char **written,
                               rb_diag *diag) {
  char like_dir[2048], dest[2048], tmp[2100], groups[2000], name[200];
  snprintf(like_dir, sizeof like_dir, "%s/%s", k->library, k->like);
  snprintf(dest, sizeof dest, "%s/%s", k->library, k->id);
  rb_status st = check_args(k, like_dir, dest, diag);
  if (st == RB_OK) {
    st = pick_groups(groups, sizeof groups, k, like_dir, diag);
  }
  if (st != RB_OK) {
    return st;
  }
  snprintf(name, sizeof name, "%s", k->name != NULL ? k->name : k->id);
  if (k->name == NULL) {
    name[0] = (char)(name[0] - 'a' + 'A');
  }
  snprintf(tmp, sizeof tmp, "%s/.%s.new-XXXXXX", k->library, k->id);
  char *names = NULL;
  size_t len = 0;
  FILE *list = open_memstream(&names, &len);
  if (list == NULL) {
    return RB_ENOMEM;
  }
  if (mkdtemp(tmp) == NULL) {
    st = RB_EIO;
  } else {
    st = write_files(k, tmp, like_dir, groups, name, list);
    if (st == RB_OK && rename(tmp, dest) != 0) {
      st = RB_EIO;
    }
    if (st != RB_OK) {
      rb_remove_tree(tmp);
    }
  }
  fclose(list);
  if (st == RB_OK && k->portfolio != NULL) {
    st = add_to_portfolio(k, like_dir, groups, name, diag);
  }
  if (st == RB_EIO && diag->n == 0) {
    rb_diag_add(diag, dest, 0, NULL, "cannot be written: %s", strerror(errno));
  }
  if (st == RB_OK && written != NULL) {
    *written = names;
  } else {
    free(names);
  }
  return st;
}
