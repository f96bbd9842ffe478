"""What is wrong with a priorities file, with where: ``fil:rad:kolumn: meddelande``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Issue:
    """One problem in a priorities file. ``line`` and ``column`` count from 1."""

    file: str
    line: int
    column: int
    message: str  # Swedish: what is wrong and how to fix it

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class PrioritiesInvalid(Exception):
    """The priorities file cannot be used; :attr:`issues` lists every problem found.

    ``str(exc)`` is every issue, one per line, as ``fil:rad:kolumn: meddelande``.
    """

    def __init__(self, file: str, issues: list[Issue], text: str | None = None) -> None:
        self.file = file
        self.issues = sorted(issues, key=lambda i: (i.line, i.column))
        self.text = text  # the decoded file, to show the offending lines (None if unreadable)
        super().__init__("\n".join(str(i) for i in self.issues))

    def source_line(self, line: int) -> str | None:
        """The text of line ``line`` (from 1) of the file, if it could be read."""
        if self.text is None:
            return None
        lines = self.text.splitlines()
        if 1 <= line <= len(lines):
            return lines[line - 1]
        return None

    def report(self) -> str:
        """Every issue followed by its line of the file and a caret under the column."""
        out: list[str] = []
        for issue in self.issues:
            out.append(str(issue))
            source = self.source_line(issue.line)
            if source is not None and source.strip():
                shown = source.replace("\t", "→")  # make tabs visible
                start = max(0, issue.column - 60)  # a long line is cut around the column
                shown = shown[start : start + 100]
                out.append(f"    {shown}")
                out.append("    " + " " * (issue.column - 1 - start) + "^")
        return "\n".join(out)
