"""From the file's bytes to plain data with the line and column of every key and value.

The guards run before the YAML parser sees anything: a size cap, strict UTF-8, no tabs in
indentation. The YAML is composed (YAML 1.2: `land: NO` stays the text "NO") but never
constructed into Python objects by ruamel: we walk the node tree ourselves, so tags cannot
build objects, aliases are refused where they appear (no exponential "YAML bomb" expansion),
duplicate keys are reported and every position is kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from priorities.issues import Issue

# Real files are ~10 kB. The YAML 1.2 parser is pure Python (~50 kB/s here): the cap keeps a
# wrong or hostile file to a few seconds of work instead of minutes.
MAX_BYTES = 256_000
MAX_DEPTH = 20  # the format nests 4 levels; a deeper file is a mistake or an attack

Path = tuple[str | int, ...]
Position = tuple[int, int]  # line, column, both from 1

_TAB_IN_INDENT = re.compile(r"^[ ]*\t")


@dataclass
class SourceMap:
    """Where each key and value of the parsed file sits (paths as in pydantic's ``loc``)."""

    keys: dict[Path, Position] = field(default_factory=dict)
    values: dict[Path, Position] = field(default_factory=dict)

    def key(self, path: Path) -> Position:
        """Position of the key at ``path`` (falls back to its value, then its parent)."""
        if path in self.keys:
            return self.keys[path]
        return self.value(path)

    def value(self, path: Path) -> Position:
        """Position of the value at ``path``, or of the nearest enclosing value we know."""
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


class Refused(Exception):
    """Parsing stopped; the issues say why."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues)
        self.issues = issues


def _size(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{size // 1000} kB"


def too_large(name: str, size: int) -> Issue:
    """The issue for a file over :data:`MAX_BYTES`."""
    return Issue(
        name,
        1,
        1,
        f"filen är för stor ({_size(size)}); en prioriteringsfil får vara högst "
        f"{_size(MAX_BYTES)}. Kontrollera att rätt fil är vald",
    )


def decode(data: bytes, name: str) -> str:
    """The file's text, or :class:`Refused` for a huge, non-UTF-8 or empty file."""
    if len(data) > MAX_BYTES:
        raise Refused([too_large(name, len(data))])
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise Refused(
            [
                Issue(
                    name,
                    1,
                    1,
                    "filen är sparad som UTF-16; spara om den som UTF-8 "
                    "(i redigeraren: Spara som → Kodning: UTF-8)",
                )
            ]
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise Refused(
            [
                Issue(
                    name,
                    line,
                    column,
                    f"filen är inte sparad som UTF-8 (byten 0x{data[exc.start]:02x} kan inte "
                    "läsas, troligen ett å, ä eller ö i en annan teckenkodning); spara om den "
                    "som UTF-8 (i redigeraren: Spara som → Kodning: UTF-8)",
                )
            ]
        ) from None
    return text  # a BOM is kept (the text must encode back to the same bytes); read_yaml drops it


def _empty_issue(name: str) -> Issue:
    return Issue(
        name,
        1,
        1,
        "filen är tom; den ska minst innehålla kommun, land, nuts, förvaltningar och "
        "prioriteringar (se priorities/exempel.yaml)",
    )


def check_text(text: str, name: str) -> None:
    """Refuse an empty text, or tabs (every line that has one, at once).

    The YAML parser stops at the first tab and most editors show a tab as spaces, so each line
    with a tab is named here: in the indentation, after a colon or inside a value alike.
    """
    if not text.strip():
        raise Refused([_empty_issue(name)])
    issues = []
    for number, line in enumerate(text.splitlines(), start=1):
        column = line.find("\t") + 1
        if not column:
            continue
        if _TAB_IN_INDENT.match(line):
            message = (
                "tabbtecken i indraget; YAML tillåter bara mellanslag: ersätt tabben med "
                "mellanslag (t.ex. två per nivå)"
            )
        else:
            message = "tabbtecken på raden; ersätt tabben med ett mellanslag"
        issues.append(Issue(name, number, column, message))
    if issues:
        raise Refused(issues)


class _AliasRefusingComposer(Composer):
    """Records every alias (``*namn``) instead of following it and composes it as null."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.get_event()
            self.loader.refused_aliases.append((event.anchor, event.start_mark))
            return ScalarNode("tag:yaml.org,2002:null", "", event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


def _yaml() -> YAML:
    yaml = YAML(typ="safe", pure=True)  # pure: the C parser is YAML 1.1 (`NO` would be false)
    yaml.version = (1, 2)
    yaml.Composer = _AliasRefusingComposer
    yaml.max_depth = MAX_DEPTH
    yaml.refused_aliases = []  # type: ignore[attr-defined]
    return yaml


def _pos(mark: Any) -> Position:
    return (mark.line + 1, mark.column + 1)


def _explain(exc: MarkedYAMLError) -> tuple[Position, str]:
    """A Swedish explanation of a YAML syntax error and where it is."""
    problem = str(exc.problem or "")
    context = str(exc.context or "")
    mark = exc.problem_mark or exc.context_mark
    position = _pos(mark) if mark is not None else (1, 1)
    context_line = exc.context_mark.line + 1 if exc.context_mark is not None else None
    if "expected <block end>" in problem or "expected <block mapping start>" in problem:
        where = f" (jämför med rad {context_line})" if context_line else ""
        return position, (
            "fel indrag: raden står inte i linje med raderna ovanför"
            f"{where}; nycklar på samma nivå ska börja i samma kolumn, och ett nytt "
            "listelement börjar med '- '"
        )
    if "mapping values are not allowed" in problem:
        return position, (
            "ett kolon som inte hör hemma här: antingen är raden fel indragen, eller så saknas "
            "ett kolon på raden ovanför, eller så innehåller texten ': ' (sätt då texten inom "
            'citattecken, t.ex. rubrik: "Mål: bättre skola")'
        )
    if "could not find expected ':'" in problem:
        return position, (
            "ett kolon saknas efter nyckeln på raden ovanför; skriv nyckel: värde "
            "(kolon och mellanslag)"
        )
    if "quoted scalar" in context:
        return _pos(exc.context_mark) if exc.context_mark else position, (
            "citattecknet som börjar här avslutas aldrig; lägg till det avslutande citattecknet"
        )
    if "flow sequence" in context or "flow mapping" in context:
        start = _pos(exc.context_mark) if exc.context_mark else position
        return start, (
            "listan inom [ ] (eller { }) som börjar här är inte korrekt skriven; kontrollera "
            "kommatecknen och att den avslutas med ] (eller })"
        )
    if "cannot start any token" in problem and "\\t" in problem:
        return position, "tabbtecken; YAML tillåter bara mellanslag: ersätt tabben med mellanslag"
    if "cannot start any token" in problem:
        return position, (
            f"tecknet {problem.split('character')[1].split('that')[0].strip()} kan inte "
            "inleda ett värde; sätt värdet inom citattecken"
        )
    if "undefined alias" in problem:
        return position, (
            "alias (*namn) är inte tillåtna i prioriteringsfilen; skriv ut värdet i stället"
        )
    if "maximum depth" in problem:
        return position, (
            f"filen är nästlad djupare än {MAX_DEPTH} nivåer; prioriteringsfilen behöver "
            "högst fyra – kontrollera indraget"
        )
    if "expected a single document" in problem or "but found another document" in problem:
        return position, (
            "filen innehåller mer än ett YAML-dokument (en rad med ---); ta bort den raden"
        )
    return position, (
        f"YAML-fel ({problem or context}); kontrollera indraget (bara mellanslag), kolon "
        "efter varje nyckel och citattecken"
    )


_CORE_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
}


def _scalar(node: ScalarNode, name: str, issues: list[Issue]) -> Any:
    """A scalar as the text written in the file (None for an empty value or ``~``).

    Numbers and booleans stay text on purpose: every value in the format is text except a few
    numbers, which pydantic reads from text. So `id: 0123` keeps its zero, `rubrik: true` is
    the word "true", and a tagged `!!int abc` is just text instead of a crash.
    """
    tag = str(node.tag)
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag in _CORE_TAGS:
        return str(node.value)
    line, column = _pos(node.start_mark)
    issues.append(
        Issue(
            name,
            line,
            column,
            f"taggen {tag} används inte i prioriteringsfilen; ta bort den och skriv värdet som "
            "vanlig text",
        )
    )
    return None


def _walk(node: Node, path: Path, smap: SourceMap, name: str, issues: list[Issue]) -> Any:
    smap.values[path] = _pos(node.start_mark)
    if isinstance(node, MappingNode):
        data: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                line, column = _pos(key_node.start_mark)
                issues.append(
                    Issue(name, line, column, "en nyckel måste vara ett ord följt av kolon")
                )
                continue
            key = str(key_node.value)
            if key in data:
                line, column = _pos(key_node.start_mark)
                first = smap.keys[(*path, key)][0]
                issues.append(
                    Issue(
                        name,
                        line,
                        column,
                        f"nyckeln '{key}' förekommer två gånger här (även på rad {first}); "
                        "ta bort eller slå ihop den ena",
                    )
                )
                continue
            smap.keys[(*path, key)] = _pos(key_node.start_mark)
            data[key] = _walk(value_node, (*path, key), smap, name, issues)
        return data
    if isinstance(node, SequenceNode):
        return [
            _walk(item, (*path, index), smap, name, issues) for index, item in enumerate(node.value)
        ]
    assert isinstance(node, ScalarNode)
    return _scalar(node, name, issues)


def read_yaml(text: str, name: str) -> tuple[Any, SourceMap, list[Issue]]:
    """Parse ``text``; the data, where everything is, and problems that do not stop validation.

    Raises :class:`Refused` when the text is not usable YAML at all.
    """
    text = text.removeprefix("\ufeff")  # a BOM is harmless; Windows editors add it
    check_text(text, name)
    yaml = _yaml()
    try:
        root = yaml.compose(text)
    except MarkedYAMLError as exc:
        (line, column), message = _explain(exc)
        raise Refused([Issue(name, line, column, message)]) from None
    except (YAMLError, RecursionError) as exc:
        raise Refused(
            [Issue(name, 1, 1, f"filen kan inte läsas som YAML ({type(exc).__name__})")]
        ) from None
    issues: list[Issue] = []
    seen: set[str] = set()
    for anchor, mark in yaml.refused_aliases:  # type: ignore[attr-defined]
        if anchor in seen:  # one message per anchor: a "YAML bomb" repeats them by the dozen
            continue
        seen.add(anchor)
        issues.append(
            Issue(
                name,
                mark.line + 1,
                mark.column + 1,
                f"alias (*{anchor}) är inte tillåtna i prioriteringsfilen; skriv ut värdet i "
                f"stället för att hänvisa till ankaret &{anchor}",
            )
        )
    if root is None:
        raise Refused([_empty_issue(name)])
    smap = SourceMap()
    data = _walk(root, (), smap, name, issues)
    return data, smap, issues
