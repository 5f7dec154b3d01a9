#!/usr/bin/env python3
"""List the functions of C files longer than a limit.

  python3 tools/function-lengths.py [--max N] [--all] FILE...

A function is a definition at file level: a declarator with a parameter
list followed by a brace-enclosed body.  Its length is the number of
lines from its signature's first line to its closing brace.  Exits 1 when
any function is longer than --max (default 80), unless --all is given,
which lists every function with its length.
"""
import re
import sys


def strip(text):
    """Comments, strings and character literals blanked, newlines kept."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.append(c + re.sub(r"[^\n]", " ", text[i + 1:j - 1]) + c)
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def functions(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = strip(f.read())
    # preprocessor lines do not take part
    text = "\n".join("" if l.lstrip().startswith("#") else l
                     for l in text.split("\n"))
    out = []
    depth = 0
    stmt_start = 0  # offset where the current file-level statement starts
    body_start = None
    i = 0
    while i < len(text):
        c = text[i]
        if c == "{":
            if depth == 0:
                head = text[stmt_start:i]
                body_start = (head, stmt_start)
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0 and body_start is not None:
                head, s = body_start
                h = " ".join(head.split())
                m = re.search(r"([A-Za-z_][A-Za-z_0-9]*)\s*\([^=]*\)\s*$", h)
                if m and not re.match(r"^(typedef|struct|enum|union)\b", h) \
                        and "=" not in h:
                    first = s + (len(head) - len(head.lstrip()))
                    l0 = text.count("\n", 0, first) + 1
                    l1 = text.count("\n", 0, i) + 1
                    out.append((m.group(1), l0, l1 - l0 + 1))
                body_start = None
                stmt_start = i + 1
        elif c == ";" and depth == 0:
            stmt_start = i + 1
        i += 1
    return out


def main(argv):
    limit = 80
    show_all = False
    files = []
    k = 0
    while k < len(argv):
        a = argv[k]
        if a == "--max":
            limit = int(argv[k + 1])
            k += 2
            continue
        if a == "--all":
            show_all = True
        else:
            files.append(a)
        k += 1
    bad = 0
    for path in files:
        for name, line, length in functions(path):
            if show_all or length > limit:
                print(f"{path}:{line}: {name}: {length} lines")
            if length > limit:
                bad += 1
    if not show_all and bad:
        print(f"function-lengths: {bad} function(s) over {limit} lines",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
