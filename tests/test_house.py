"""The house of DESIGN.md: imports flow one way.

``app`` -> (``crawler``, ``matcher``, ``notifier``) -> (``db``, ``priorities``); ``crawler``,
``matcher`` and ``notifier`` never import each other (they meet in the database); ``db`` and
``priorities`` import nothing of the project; nothing below ``app`` imports click or rich.
Read from the source with ``ast``, so an import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("app", "crawler", "matcher", "notifier", "db", "priorities")
# What each package may import of the project (itself included).
MAY_IMPORT = {
    "app": set(PACKAGES),
    "crawler": {"crawler", "db", "priorities"},
    "matcher": {"matcher", "db", "priorities"},
    "notifier": {"notifier", "db", "priorities"},
    "db": {"db"},
    "priorities": {"priorities"},
}
CLI_LIBRARIES = {"click", "rich"}  # the command line's alone


def _imported(tree: ast.AST) -> list[str]:
    """The modules a parsed file imports (absolute imports; a relative one stays inside its
    package)."""
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
    return found


def wrong_imports(root: Path) -> list[str]:
    """'<file>: <module>' for every import under ``root`` that breaks the house's rules."""
    wrong = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for module in _imported(tree):
                top = module.split(".")[0]
                project = top in PACKAGES and top not in MAY_IMPORT[package]
                cli = package != "app" and top in CLI_LIBRARIES
                if project or cli:
                    wrong.append(f"{path.relative_to(root)}: {module}")
    return wrong


def test_the_projects_imports_flow_one_way() -> None:
    assert (ROOT / "crawler" / "facts.py").is_file()  # the packages are where the rules say
    assert wrong_imports(ROOT) == []


def test_an_import_against_the_flow_is_named(tmp_path: Path) -> None:
    for package in PACKAGES:
        (tmp_path / package).mkdir()
        (tmp_path / package / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "matcher" / "ok.py").write_text(
        "from db.records import Call\nimport priorities\n", encoding="utf-8"
    )
    (tmp_path / "matcher" / "late.py").write_text(
        "def f():\n    from notifier import digest\n    return digest\n", encoding="utf-8"
    )
    (tmp_path / "db" / "up.py").write_text("import matcher.scoring\n", encoding="utf-8")
    (tmp_path / "crawler" / "cli.py").write_text("import click\n", encoding="utf-8")
    (tmp_path / "app" / "cli.py").write_text("import click\nimport crawler\n", encoding="utf-8")
    assert wrong_imports(tmp_path) == [
        "crawler/cli.py: click",
        "matcher/late.py: notifier",
        "db/up.py: matcher.scoring",
    ]
