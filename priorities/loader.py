"""Loading and validating a priorities file: every problem at once, in Swedish, with its place."""

from __future__ import annotations

import difflib
import hashlib
import types
from pathlib import Path as FsPath
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError

from priorities.issues import Issue, PrioritiesInvalid
from priorities.model import NUTS_PATTERN, Priorities
from priorities.municipalities import municipality_county
from priorities.source import MAX_BYTES, Path, Refused, SourceMap, decode, read_yaml, too_large


def load_priorities(path: str | FsPath) -> Priorities:
    """Read and validate the priorities file at ``path``.

    Raises :class:`PrioritiesInvalid` listing every problem (Swedish, ``fil:rad:kolumn``),
    also when the file cannot be read, is too large, not UTF-8 or empty.
    """
    return parse_priorities(read_priorities_bytes(path), str(path))


def read_priorities_bytes(path: str | FsPath) -> bytes:
    """The bytes of the file at ``path``; :class:`PrioritiesInvalid` if missing or too large.

    For callers that keep the content too (the version store): parse the bytes with
    :func:`parse_priorities`.
    """
    name = str(path)
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)  # never read a huge file whole
            if len(data) > MAX_BYTES:
                size = handle.seek(0, 2)  # the message gives the real size
                raise PrioritiesInvalid(name, [too_large(name, size)])
    except FileNotFoundError:
        raise PrioritiesInvalid(
            name,
            [
                Issue(
                    name,
                    1,
                    1,
                    "filen finns inte; ange sökvägen till prioriteringsfilen "
                    "(eller sätt EUFUNDS_PRIORITIES)",
                )
            ],
        ) from None
    except IsADirectoryError:
        raise PrioritiesInvalid(
            name, [Issue(name, 1, 1, "detta är en mapp, inte en fil; ange prioriteringsfilen")]
        ) from None
    except OSError as exc:
        raise PrioritiesInvalid(
            name,
            [Issue(name, 1, 1, f"filen kan inte läsas ({exc.strerror}); kontrollera behörigheten")],
        ) from None
    return data


def parse_priorities(text: str | bytes, name: str = "<text>") -> Priorities:
    """Validate a priorities file given as text (or its bytes); ``name`` is used in messages.

    ``version_hash`` is the SHA-256 of the UTF-8 bytes, so a stored copy of a file parses to
    the same hash as the file itself.
    """
    try:
        raw = text if isinstance(text, bytes) else text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: only a Python caller can pass those
        raise PrioritiesInvalid(
            name, [Issue(name, 1, 1, "texten innehåller tecken som inte kan sparas som UTF-8")]
        ) from None
    try:
        decoded = decode(raw, name)
    except Refused as refused:
        raise PrioritiesInvalid(name, refused.issues) from None
    try:
        data, smap, issues = read_yaml(decoded, name)
    except Refused as refused:
        raise PrioritiesInvalid(name, refused.issues, decoded) from None
    if not isinstance(data, dict):
        raise PrioritiesInvalid(
            name,
            [
                Issue(
                    name,
                    *smap.value(()),
                    "filen ska bestå av nycklar som 'kommun: …', 'förvaltningar:' och "
                    "'prioriteringar:', var och en först på raden (se priorities/exempel.yaml)",
                )
            ],
            decoded,
        )
    issues.extend(_cross_check(data, smap, name))
    priorities: Priorities | None = None
    try:
        priorities = Priorities.model_validate(data, by_alias=True, by_name=False)
    except ValidationError as exc:
        issues.extend(_translate(exc, data, smap, name))
    if issues or priorities is None:
        raise PrioritiesInvalid(name, _unique(issues), decoded)
    priorities._version_hash = hashlib.sha256(raw).hexdigest()
    return priorities


def _unique(issues: list[Issue]) -> list[Issue]:
    return list(dict.fromkeys(issues))


# ---------------------------------------------------------------------------------------------
# Checks across the file (ids, references), done on the raw data so that they are reported
# together with the schema errors instead of after they are fixed.


def _items(data: dict[str, Any], key: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _text_id(item: dict[str, Any]) -> str | None:
    value = item.get("id")
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return str(value).strip()
    return None


def _cross_check(data: dict[str, Any], smap: SourceMap, name: str) -> list[Issue]:
    departments, issues = _department_ids(data, smap, name)
    targets: dict[str, tuple[int, str]] = {}  # id -> (line, what)

    def claim(target_id: str, path: Path, what: str) -> None:
        line, column = smap.value(path)
        if target_id in targets:
            first_line, first_what = targets[target_id]
            issues.append(
                Issue(
                    name,
                    line,
                    column,
                    f"id '{target_id}' används redan på rad {first_line} ({first_what}); "
                    "varje prioritering och nämndmål behöver ett eget id",
                )
            )
        else:
            targets[target_id] = (line, what)

    for i, item in _items(data, "prioriteringar"):
        priority_id = _text_id(item)
        if priority_id is not None:
            claim(priority_id, ("prioriteringar", i, "id"), "en prioritering")
        for j, goal in _items(item, "nämndmål"):
            goal_id = _text_id(goal)
            if goal_id is not None:
                claim(goal_id, ("prioriteringar", i, "nämndmål", j, "id"), "ett nämndmål")
        issues.extend(_unknown_owners(item, i, departments, smap, name))
    issues.extend(_region_of_municipality(data, smap, name))
    return issues


def _region_of_municipality(data: dict[str, Any], smap: SourceMap, name: str) -> list[Issue]:
    """An issue when ``nuts`` lies outside the county of the Swedish municipality ``kommun``
    names: the eligibility gate would let another region's calls pass and fail the
    municipality's own. A code of the county or of a larger region holding it (SE12, SE) is
    right; a municipality the table does not know, or of another country, is not checked."""
    municipality, nuts = data.get("kommun"), data.get("nuts")
    if not isinstance(municipality, str) or not isinstance(nuts, str) or data.get("land") != "SE":
        return []
    found = municipality_county(municipality)
    code = nuts.strip()
    if found is None or not NUTS_PATTERN.match(code) or found[0].startswith(code):
        return []
    county_nuts, county_name = found
    line, column = smap.value(("nuts",))
    return [
        Issue(
            name,
            line,
            column,
            f"nuts '{nuts}' ligger utanför {county_name} ({county_nuts}), där "
            f"{municipality.strip()} ligger; skriv 'nuts: {county_nuts}' (annars passerar andra "
            "regioners utlysningar och kommunens egna faller bort)",
        )
    ]


def _department_ids(
    data: dict[str, Any], smap: SourceMap, name: str
) -> tuple[dict[str, int], list[Issue]]:
    """The departments' ids (id -> line) and an issue for every id given twice."""
    issues: list[Issue] = []
    departments: dict[str, int] = {}  # id -> line
    for i, item in _items(data, "förvaltningar"):
        dep_id = _text_id(item)
        if dep_id is None:
            continue
        line, column = smap.value(("förvaltningar", i, "id"))
        if dep_id in departments:
            issues.append(
                Issue(
                    name,
                    line,
                    column,
                    f"förvaltningen '{dep_id}' finns redan på rad {departments[dep_id]}; "
                    "ge varje förvaltning ett eget id",
                )
            )
        else:
            departments[dep_id] = line
    return departments, issues


def _unknown_owners(
    item: dict[str, Any], i: int, departments: dict[str, int], smap: SourceMap, name: str
) -> list[Issue]:
    """An issue for every department the priority ``item`` (number ``i``) names that the
    file does not list, with the closest id as a hint."""
    owners = item.get("förvaltningar")
    if not departments or not isinstance(owners, list):
        return []
    issues: list[Issue] = []
    for k, owner in enumerate(owners):
        if not isinstance(owner, str) or owner.strip() in departments:
            continue
        line, column = smap.value(("prioriteringar", i, "förvaltningar", k))
        close = difflib.get_close_matches(owner, list(departments), n=1, cutoff=0.6)
        hint = f"menade du '{close[0]}'? " if close else ""
        issues.append(
            Issue(
                name,
                line,
                column,
                f"förvaltningen '{owner}' finns inte under 'förvaltningar'; {hint}"
                f"skriv ett av: {', '.join(departments)} (eller lägg till förvaltningen)",
            )
        )
    return issues


# ---------------------------------------------------------------------------------------------
# pydantic's errors in Swedish, at the line and column of the value (or key) concerned.

_HINTS = {
    "id": "en kort identifierare, t.ex. 'id: klimat-energi'",
    "kommun": "kommunens namn, t.ex. 'kommun: Linköpings kommun'",
    "land": "landskoden, t.ex. 'land: SE'",
    "nuts": "kommunens NUTS-kod, t.ex. 'nuts: SE123'",
    "namn": "förvaltningens namn",
    "kontakter": "minst en e-postadress, t.ex. 'kontakter: [eu@kommun.se]'",
    "förvaltningar": "minst en förvaltning (se priorities/exempel.yaml)",
    "prioriteringar": "minst en prioritering (se priorities/exempel.yaml)",
    "rubrik": "en kort rubrik",
    "beskrivning": "några meningar om vad prioriteringen omfattar",
    "text": "målet med en eller två meningar",
}


def _unwrap(annotation: Any) -> Any:
    """The model or item type inside ``list[X]``, ``X | None`` and ``Annotated[X, …]``."""
    while True:
        origin = get_origin(annotation)
        if origin in (Union, types.UnionType):
            args = [a for a in get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin is not None and hasattr(annotation, "__metadata__"):
            annotation = get_args(annotation)[0]
        else:
            return annotation


def _model_at(loc: tuple[Any, ...]) -> type[BaseModel] | None:
    """The model whose mapping holds the last key of ``loc``."""
    current: Any = Priorities
    for segment in loc[:-1]:
        if isinstance(segment, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = _field(current, segment)
        if field is None:
            return None
        annotation = _unwrap(field.annotation)
        if get_origin(annotation) is list:
            annotation = _unwrap(get_args(annotation)[0])
        current = annotation
    if isinstance(current, type) and issubclass(current, BaseModel):
        return current
    return None


def _field(model: type[BaseModel], key: str) -> Any:
    for field_name, field in model.model_fields.items():
        if (field.alias or field_name) == key:
            return field
    return None


def _keys(model: type[BaseModel]) -> list[str]:
    return [field.alias or name for name, field in model.model_fields.items()]


def _describe(loc: tuple[Any, ...], data: Any) -> str:
    """Where in the file, in words: " i prioriteringen 'klimat'" or " i förvaltning nr 2"."""
    words = {
        "förvaltningar": "förvaltningen",
        "prioriteringar": "prioriteringen",
        "nämndmål": "nämndmålet",
    }
    place = ""
    node: Any = data
    for index, segment in enumerate(loc):
        if isinstance(node, dict):
            node = node.get(segment)
        elif isinstance(node, list) and isinstance(segment, int) and segment < len(node):
            node = node[segment]
        else:
            break
        if isinstance(segment, int) and index > 0:
            parent = loc[index - 1]
            item_id = _text_id(node) if isinstance(node, dict) else None
            what = words.get(str(parent), f"'{parent}'")
            place = f" i {what} '{item_id}'" if item_id else f" i {what} nr {segment + 1}"
    return place


def _key_name(loc: tuple[Any, ...]) -> str:
    for segment in reversed(loc):
        if isinstance(segment, str):
            return segment
    return "?"


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "ja/nej-värde"
    if isinstance(value, (int, float)):
        return "ett tal"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "nycklar med värden"
    return "inget värde"


def _message(error: Any, data: Any) -> str:
    loc: tuple[Any, ...] = tuple(error["loc"])
    kind = error["type"]
    key = _key_name(loc)
    value = error.get("input")
    where = _describe(loc[:-1], data) if loc else ""
    is_item = bool(loc) and isinstance(loc[-1], int)
    if kind == "missing":
        hint = _HINTS.get(key, "ett värde")
        return f"'{key}' saknas{where}; lägg till en rad med {hint}"
    if kind == "extra_forbidden":
        model = _model_at(loc)
        allowed = _keys(model) if model else []
        close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        if close:
            return f"okänd nyckel '{key}'{where}; menade du '{close[0]}'?"
        return f"okänd nyckel '{key}'{where}; tillåtna nycklar här: {', '.join(allowed)}"
    if kind == "priorities":  # our own validators: the message is already Swedish and complete
        return str(error["msg"])
    where = _describe(loc, data)
    subject = f"ett värde i '{key}'" if is_item else f"'{key}'"
    if value is None:
        if kind == "list_type":
            return f"{subject} är tom{where}; lägg till minst en rad som börjar med '- '"
        return f"{subject} saknar värde{where}; skriv {_HINTS.get(key, 'ett värde')}"
    if kind == "string_type":
        return f"{subject} ska vara text, inte {_type_name(value)}{where}"
    if kind == "list_type":
        return (
            f"'{key}' ska vara en lista{where}: en rad per värde som börjar med '- ', "
            f"eller [värde1, värde2] på samma rad"
        )
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return (
            f"{subject} ska innehålla nycklar (nyckel: värde) på indragna rader{where}, "
            f"inte {_type_name(value)}"
        )
    if kind == "too_short":
        return f"'{key}' får inte vara tom{where}; lägg till {_HINTS.get(key, 'minst ett värde')}"
    if kind.startswith("float") or kind.startswith("int"):
        whole = "ett heltal, t.ex. 15" if kind.startswith("int") else "ett tal, t.ex. 0.5"
        return f"{subject} ska vara {whole}, inte '{value}'{where}"
    if kind == "greater_than_equal":
        return f"{subject} ska vara minst {error['ctx']['ge']}{where}"
    if kind == "less_than_equal":
        return f"{subject} ska vara högst {error['ctx']['le']}{where}"
    return f"ogiltigt värde för {subject}{where} ({error['msg']})"


def _translate(exc: ValidationError, data: Any, smap: SourceMap, name: str) -> list[Issue]:
    issues = []
    for error in exc.errors():
        loc: Path = tuple(error["loc"])
        if error["type"] == "extra_forbidden":
            line, column = smap.key(loc)
        elif error["type"] == "missing":
            line, column = smap.value(loc[:-1])
        elif error.get("input") is None and loc in smap.keys:
            line, column = smap.key(loc)  # `nyckel:` with nothing after it
        else:
            line, column = smap.value(loc)
        issues.append(Issue(name, line, column, _message(error, data)))
    return issues
