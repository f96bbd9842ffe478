"""Two numbers of code health, counted with ``ast`` over the product's packages.

    .venv/bin/python bench/code_health.py [--list]

- **SQL outside db/**: string literals (and f-strings) in app/, crawler/, matcher/, notifier/
  and priorities/ that are SQL statements (they start with a statement keyword such as
  ``select``, ``insert``, ``update``, ``delete``, ``with``, ``create`` or ``pragma``).
  Docstrings do not count. The database layer (db/) is where SQL belongs.
- **Functions over 60 lines**: functions and methods in every product package (db/
  included) whose ``def`` line to last line spans more than 60 lines.

The third number of the clean-up, repeated code, comes from the ``duplicates`` command; see
the note in the commit that changes these numbers. Tests and benchmarks are not counted.
"""

from __future__ import annotations

import argparse
import ast
import re
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "crawler", "matcher", "notifier", "priorities", "db")
LONG = 60

_SQL = re.compile(
    r"^\s*(select|insert|update|delete|with|create|alter|drop|pragma|replace|vacuum)\s+"
    r"[\w\"'(*]",
    re.IGNORECASE,
)


def _docstring_nodes(tree: ast.AST) -> set[int]:
    """The ids of the string nodes that are docstrings (of a module, class or function)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _literal_start(node: ast.AST) -> str | None:
    """The leading text of a string literal or f-string; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        if isinstance(first, ast.Constant) and isinstance(first.value, str):
            return first.value
    return None


def sql_statements(path: Path) -> list[int]:
    """Line numbers of the SQL statements written as literals in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    docstrings = _docstring_nodes(tree)
    inner: set[int] = set()  # the parts of an f-string are counted once, as the f-string
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            inner.update(id(v) for v in node.values)
    lines = []
    for node in ast.walk(tree):
        if id(node) in docstrings or id(node) in inner:
            continue
        text = _literal_start(node)
        if text is not None and _SQL.match(text):
            lines.append(node.lineno)  # type: ignore[attr-defined]
    return sorted(lines)


def long_functions(path: Path) -> list[tuple[str, int, int]]:
    """(name, line, length) of the functions in ``path`` longer than LONG lines."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > LONG:
                found.append((node.name, node.lineno, length))
    return found


def _files(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="name every place counted")
    args = parser.parse_args()

    sql_by_package: Counter[str] = Counter()
    sql_places: list[str] = []
    long_places: list[str] = []
    for package in PACKAGES:
        for path in _files(package):
            rel = path.relative_to(REPO)
            if package != "db":
                for line in sql_statements(path):
                    sql_by_package[package] += 1
                    sql_places.append(f"{rel}:{line}")
            for name, line, length in long_functions(path):
                long_places.append(f"{rel}:{line} {name} ({length} lines)")

    per_package = ", ".join(f"{p} {sql_by_package[p]}" for p in PACKAGES if p != "db")
    print(f"SQL statements outside db/: {sum(sql_by_package.values())} ({per_package})")
    print(f"functions over {LONG} lines: {len(long_places)}")
    if args.list:
        print("\n".join(["", "SQL:", *sql_places, "", "long functions:", *long_places]))


if __name__ == "__main__":
    main()
