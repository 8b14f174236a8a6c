#!/usr/bin/env python3
"""Checks the licence of every crate the server is built from (normal and
build dependencies) against the allow-list below, offline: `cargo tree`
reads Cargo.lock and the crates already fetched, and each SPDX expression
is evaluated here (OR, AND, WITH, parentheses; the old `/` form as OR).
Exits 1 naming each crate whose licence is not allowed or not declared.

The list is of permissive licences a city may ship in a binary without
obligations beyond notices. Copyleft (GPL, LGPL, AGPL, MPL, EUPL) is not
on it: a crate under one fails CI until someone decides.
"""
import re
import subprocess
import sys

ALLOWED = {
    "0BSD", "Apache-2.0", "BSD-2-Clause", "BSD-3-Clause", "BSL-1.0", "CC0-1.0",
    "ISC", "MIT", "MIT-0", "Unicode-3.0", "Unicode-DFS-2016", "Unlicense", "Zlib",
}
EXCEPTIONS = {"LLVM-exception"}


def tokens(expression):
    return re.findall(r"\(|\)|[A-Za-z0-9.+-]+", expression.replace("/", " OR "))


def allowed(expression):
    """Evaluates an SPDX expression: true when some way of taking it uses
    allowed licences only."""
    stream = tokens(expression)
    position = 0

    def peek():
        return stream[position] if position < len(stream) else None

    def take():
        nonlocal position
        position += 1
        return stream[position - 1]

    def primary():
        if peek() == "(":
            take()
            value = either()
            if take() != ")":
                raise ValueError(expression)
            return value
        licence = take()
        ok = licence in ALLOWED
        if peek() == "WITH":
            take()
            ok = ok and take() in EXCEPTIONS
        return ok

    def both():
        value = primary()
        while peek() == "AND":
            take()
            value = primary() and value
        return value

    def either():
        value = both()
        while peek() == "OR":
            take()
            value = both() or value
        return value

    value = either()
    if peek() is not None:
        raise ValueError(expression)
    return value


def main():
    tree = subprocess.run(
        ["cargo", "tree", "--offline", "-e", "normal,build", "--prefix", "none",
         "--no-dedupe", "-f", "{p}|{l}"],
        check=True, capture_output=True, text=True,
    ).stdout
    crates = {}
    for line in tree.splitlines():
        name, _, licence = line.partition("|")
        crates[name.replace(" (*)", "").strip()] = licence.replace(" (*)", "").strip()
    refused = []
    for name, licence in sorted(crates.items()):
        if name.startswith("foreign-resident-directory"):
            continue
        try:
            ok = bool(licence) and allowed(licence)
        except (ValueError, IndexError):
            ok = False
        if not ok:
            refused.append(f"  {name}: {licence or 'no licence declared'}")
    if refused:
        print("licences not on the allow-list (scripts/check-licenses.py):")
        print("\n".join(refused))
        return 1
    print(f"licences: {len(crates) - 1} crates, all allowed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
