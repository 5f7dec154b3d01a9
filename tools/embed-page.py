#!/usr/bin/env python3
"""Make src/live/page_text.c from src/live/page.html: the live page's text
as one C string literal per line (docs/live.md).

  python3 tools/embed-page.py          write src/live/page_text.c
  python3 tools/embed-page.py --check  exit 1 when it is not up to date
"""
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "src", "live", "page.html")
OUT = os.path.join(ROOT, "src", "live", "page_text.c")


def literal(line):
    """One line as a C string literal, its newline kept."""
    out = []
    for ch in line:
        if ch in '\\"':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20:
            out.append("\\%03o" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def make():
    with open(SRC, encoding="utf-8") as f:
        lines = f.readlines()
    body = ",\n".join("    " + literal(x) for x in lines)
    return ("/* Made by tools/embed-page.py from src/live/page.html: edit that\n"
            " * file and run the tool (the test test_live checks they agree). */\n"
            "#include \"live/page_text.h\"\n\n"
            "/* clang-format off */\n"
            "const char *const rb_live_page_lines[] = {\n" + body + "\n};\n"
            "/* clang-format on */\n\n"
            "const int rb_live_page_n_lines =\n"
            "    (int)(sizeof rb_live_page_lines / sizeof rb_live_page_lines[0]);\n")


def main(argv):
    text = make()
    if argv[1:] == ["--check"]:
        with open(OUT, encoding="utf-8") as f:
            if f.read() != text:
                print("src/live/page_text.c is not made from src/live/page.html: "
                      "run python3 tools/embed-page.py", file=sys.stderr)
                return 1
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
