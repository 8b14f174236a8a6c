#!/usr/bin/env python3
"""Fails when source files import each other in a circle.

Builds the graph of `use crate::…` / `use super::…` (and `crate::…` paths in
code) between the files of src/, resolving each path to the deepest file
that exists, and prints every strongly connected component of more than
one file; then the same between the top-level modules (api, app, db, …).
A child using its parent is not an edge: a parent that declares a child
and is used by it is the normal shape of a Rust module. Tests (`#[cfg(test)]`
blocks and `*tests.rs` files) may use anything and are left out, as are
comments.

Usage: scripts/check-cycles.py [src]   (exit 1 when a cycle is found)
"""
import re
import sys
from pathlib import Path

ROOT = Path(sys.argv[1] if len(sys.argv) > 1 else "src")
PATH = re.compile(r"\b(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)+)")
USE_GROUP = re.compile(r"\buse\s+(crate|super)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^;]*)\};", re.S)


def module_of(file: Path) -> tuple:
    parts = list(file.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def file_for(module: tuple, files: dict):
    """The deepest existing file of `module` or of one of its parents."""
    while module:
        if module in files:
            return files[module]
        module = module[:-1]
    return None


def main() -> int:
    files = {}
    for file in ROOT.rglob("*.rs"):
        if file.name == "main.rs" and file.parent == ROOT:
            continue  # the binary is its own crate
        if file.name.endswith("tests.rs"):
            continue
        files[module_of(file)] = file
    edges = {file: set() for file in files.values()}
    for module, file in files.items():
        text = file.read_text(encoding="utf-8")
        # Test modules may use anything; they are not part of the layering.
        text = re.split(r"#\[cfg\(test\)\]", text)[0]
        # Comments (doc links included) are not dependencies.
        text = re.sub(r"//[^\n]*", "", text)
        own_parent = module if file.stem in ("mod", "lib") else module[:-1]
        paths = []
        for kind, prefix, group in USE_GROUP.findall(text):
            for item in re.split(r",\s*", group):
                item = item.strip().split(" as ")[0].split("::{")[0]
                if item and item != "self":
                    paths.append((kind, prefix + "::" + item))
                elif item == "self":
                    paths.append((kind, prefix))
        paths += PATH.findall(text)
        for kind, path in paths:
            names = tuple(p for p in path.split("::") if p and p != "self")
            base = () if kind == "crate" else own_parent
            names = list(names)
            while names and names[0] == "super":
                base, names = base[:-1], names[1:]
            target = file_for(base + tuple(names), files)
            if target is None or target == file:
                continue
            target_module = module_of(target)
            # A parent used by its own child is not a layering edge.
            if module[: len(target_module)] == target_module:
                continue
            edges[file].add(target)
    cycles = components(edges)
    for component in cycles:
        print("import cycle between files: " + ", ".join(component))
    top = lambda file: file.relative_to(ROOT).parts[0].removesuffix(".rs")
    modules = {}
    for file, targets in edges.items():
        modules.setdefault(top(file), set()).update(
            top(target) for target in targets if top(target) != top(file)
        )
    for name in {m for targets in modules.values() for m in targets}:
        modules.setdefault(name, set())
    module_cycles = components(modules)
    for component in module_cycles:
        print("import cycle between modules: " + ", ".join(component))
    if cycles or module_cycles:
        return 1
    print(f"no import cycles between the {len(files)} files of {ROOT} nor its {len(modules)} modules")
    return 0


def components(edges: dict) -> list:
    """Tarjan's strongly connected components of more than one node."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []
    counter = [0]

    def visit(node):
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for next_node in edges[node]:
            if next_node not in index:
                visit(next_node)
                low[node] = min(low[node], low[next_node])
            elif next_node in on_stack:
                low[node] = min(low[node], index[next_node])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(str(m) for m in component))

    sys.setrecursionlimit(10_000)
    for node in list(edges):
        if node not in index:
            visit(node)
    return sorted(found)


if __name__ == "__main__":
    sys.exit(main())
