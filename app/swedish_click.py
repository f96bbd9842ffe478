"""click's own words in Swedish: usage lines, help headings and its errors.

click marks every text it prints for gettext (``_("Usage:")``); eufunds has one language
for what a user reads (docs/cli.md, *Språket*), so :func:`install` gives click's modules a
Swedish lookup instead of the empty default catalogue. A text not listed here stays as
click wrote it.
"""

from __future__ import annotations

import importlib

SV: dict[str, str] = {
    "Usage:": "Användning:",
    "Try '{command} {option}' for help.": "Skriv '{command} {option}' för hjälp.",
    "Error: {message}": "Fel: {message}",
    "Invalid value for {param_hint}: {message}": "Ogiltigt värde för {param_hint}: {message}",
    "Invalid value: {message}": "Ogiltigt värde: {message}",
    "Missing argument": "Argument saknas",
    "Missing option": "Flagga saknas",
    "Missing parameter": "Värde saknas",
    "Missing parameter: {param_name}": "Värde saknas: {param_name}",
    "Missing {param_type}": "{param_type} saknas",
    "Missing command.": "Kommando saknas.",
    "No such command {name!r}.": "Det finns inget kommando {name!r}.",
    "No such option {name!r}.": "Det finns ingen flagga {name!r}.",
    "Option {name!r} does not take a value.": "Flaggan {name!r} tar inget värde.",
    "Option {name!r} requires an argument.": "Flaggan {name!r} behöver ett värde.",
    "Option {name!r} requires {nargs} arguments.": "Flaggan {name!r} behöver {nargs} värden.",
    "Got unexpected extra argument ({args})": (
        "Oväntat extra argument ({args}); sätt citattecken runt text med mellanslag"
    ),
    "Got unexpected extra arguments ({args})": (
        "Oväntade extra argument ({args}); sätt citattecken runt text med mellanslag"
    ),
    "Did you mean {possibility}?": "Menade du {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Menade du någon av: {possibilities}?)",
    "Options": "Flaggor",
    "Commands": "Kommandon",
    "Positional arguments": "Argument",
    "Show the version and exit.": "Visa versionen och avsluta.",
    "Show this message and exit.": "Visa den här hjälpen och avsluta.",
    "default: {default}": "standard: {default}",
    "required": "krävs",
    "Aborted!": "Avbrutet!",
    "{value!r} is not {choice}.": "{value!r} är inte {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} är inte något av {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} är inget giltigt tal ({number_type}).",
    "{value} is not in the range {range}.": "{value} ligger inte inom {range}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} finns inte.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} är en mapp.",
    "{name} {filename!r} is a file.": "{name} {filename!r} är en fil.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} går inte att läsa.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} går inte att skriva.",
    "file": "fil",
    "directory": "mapp",
    "path": "sökväg",
    "Could not open file {filename!r}: {message}": "Kan inte öppna filen {filename!r}: {message}",
}

_MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)


def gettext(message: str) -> str:
    """The Swedish of one of click's texts (the text itself when not listed)."""
    return SV.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The Swedish singular or plural of one of click's texts."""
    return gettext(singular if n == 1 else plural)


def install() -> None:
    """Make click's modules print Swedish (idempotent)."""
    for name in _MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
