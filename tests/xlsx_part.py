#!/usr/bin/env python3
"""Print one member of a zip file (an .xlsx is a zip of XML), or with
--list the member names, one a line.  Used by tests/test_report.c so that
the tests need nothing beyond python3's standard library."""
import sys
import zipfile


def main():
    if len(sys.argv) != 3:
        print("usage: xlsx_part.py FILE.xlsx (--list | MEMBER)", file=sys.stderr)
        return 2
    with zipfile.ZipFile(sys.argv[1]) as z:
        if sys.argv[2] == "--list":
            for name in z.namelist():
                print(name)
        else:
            sys.stdout.write(z.read(sys.argv[2]).decode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
