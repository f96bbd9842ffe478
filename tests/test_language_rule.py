"""The language rule (docs/cli.md, *Språket*): everything a user reads is Swedish, the
``--help`` of every command and subcommand included.

The check reads the help as a user sees it and takes out what is not prose: the usage line,
option names and metavars (the first column of the option and command lists), spans in
backticks, quotes, braces and brackets (commands, JSON shapes, choices), environment
variables, paths and numbers. What is left must not contain English words: function words
and the words of a command line's help in English. Swedish has no such words, except the
few left off the list below ("i", "in", "all", "under", "mark", "precision" …).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from app.cli import cli

_ENGLISH_WORDS = """
a an the and or not no nor of to for from with without into onto by at on as is are was
were be been being it its this that these those which who whom whose what when where why
how each every only also than then there here if else but so such same other more most
can could will would shall should must may might has have had does do did done
their them they you your we our us
show shows list lists run runs print prints write writes read reads give given
crawl crawls crawled source sources call calls file files default none new changed
stored store fetched number last next first one two after before again until between
about against time limit digest digests priority priorities department departments
label labels labelled help database
"""
ENGLISH = frozenset(_ENGLISH_WORDS.split())
"""English words that a Swedish help text never uses as prose."""

_ENGLISH_METAVARS = """
SOURCE FILE FILENAME PATH DIRECTORY INTEGER FLOAT RANGE BOOLEAN CHOICE NAME DATE WEEK
QUERY COMMAND COMMANDS OPTIONS ARGS NUMBER DAYS
"""
ENGLISH_METAVARS = frozenset(_ENGLISH_METAVARS.split())
"""click's English type names and English placeholders (``TEXT`` is Swedish too)."""

_HEADINGS = ("Flaggor:", "Kommandon:", "Argument:")
_SPANS = (
    re.compile(r"`[^`]*`"),
    re.compile(r'"[^"]*"'),
    re.compile(r"'[^']*'"),
    re.compile(r"\[[^\[\]]*\]"),
    re.compile(r"\{[^{}]*\}"),
)
_NOT_PROSE = re.compile(r"[0-9/_=@<>|\\]")  # numbers, paths, e-mail, value lists a|b
_UPPER = re.compile(r"\b[A-ZÅÄÖ][A-ZÅÄÖ_]{2,}\b")


def _commands(command: click.Command, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The path of every command under ``command`` (itself first), recursively."""
    yield path
    if isinstance(command, click.Group):
        ctx = click.Context(command, info_name=" ".join(("eufunds", *path)))
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            assert sub is not None, name
            yield from _commands(sub, (*path, name))


def help_text(path: tuple[str, ...], group: click.Command = cli) -> str:
    result = CliRunner().invoke(group, [*path, "--help"], prog_name="eufunds")
    assert result.exit_code == 0, result.output
    return result.output


def _split(text: str) -> tuple[list[str], list[str]]:
    """(prose, terms) of a help text: the running text, and the first column of its lists."""
    prose: list[str] = []
    terms: list[str] = []
    lines = text.splitlines()
    in_list = False
    for line in lines[1:]:  # the usage line holds names and metavars only
        if line.strip() in _HEADINGS:
            in_list = True
            continue
        if in_list and re.match(r"^  \S", line):  # an option or command: name, then help
            parts = re.split(r"\s{2,}", line.strip(), maxsplit=1)
            terms.append(parts[0])
            prose.extend(parts[1:])
        else:
            prose.append(line)
    terms.append(lines[0] if lines else "")
    return prose, terms


def english_words(text: str) -> list[str]:
    """The English words in the prose of a help text, and its English metavars."""
    prose, terms = _split(text)
    found: list[str] = []
    for term in terms:
        found.extend(w for w in _UPPER.findall(term) if w in ENGLISH_METAVARS)
    running = " ".join(prose)
    found.extend(w for w in _UPPER.findall(running) if w in ENGLISH_METAVARS)
    previous = None
    while previous != running:  # nested braces and brackets, innermost first
        previous = running
        for span in _SPANS:
            running = span.sub(" ", running)
    for token in running.split():
        word = token.strip(".,;:!?()…")
        if not word or word.startswith("-") or _NOT_PROSE.search(word) or word.isupper():
            continue
        found.extend(part for part in word.lower().split("-") if part in ENGLISH)
    return found


def click_english(text: str) -> list[str]:
    """click's own English words, which app.swedish_click translates."""
    words = ("Usage:", "Options:", "Commands:", "Arguments:", "[default:", "[required]")
    return [w for w in words if w in text]


PATHS = list(_commands(cli))


def test_every_command_is_walked() -> None:
    names = {" ".join(p) for p in PATHS}
    assert {"", "crawl", "sources", "rank", "eval", "model install", "db migrate"} <= names
    assert {"digest send", "outbox list", "priorities check", "search", "serve"} <= names


@pytest.mark.parametrize("path", PATHS, ids=[" ".join(p) or "eufunds" for p in PATHS])
def test_help_is_swedish(path: tuple[str, ...]) -> None:
    text = help_text(path)
    assert text.startswith("Användning: eufunds"), text
    assert click_english(text) == [], text
    assert english_words(text) == [], text


# The check itself: it must catch English help, and pass the Swedish it replaced.


@click.command(name="crawl")
@click.argument("sources", nargs=-1, metavar="[SOURCE]...")
@click.option("--timeout", type=click.FloatRange(min=1), default=600, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print one result per source as JSON.")
def _english(sources: tuple[str, ...], timeout: float, as_json: bool) -> None:
    """Crawl SOURCE... (all sources when none is given) and store new and changed calls.

    A failing source never stops the others; it is recorded and the exit code is 5.
    """


@click.command(name="crawl", options_metavar="[FLAGGOR]")
@click.argument("sources", nargs=-1, metavar="[KÄLLA]...")
@click.option("--timeout", type=click.FloatRange(min=1), metavar="SEKUNDER", default=600)
@click.option("--json", "as_json", is_flag=True, help="Skriv ett resultat per källa som JSON.")
def _swedish(sources: tuple[str, ...], timeout: float, as_json: bool) -> None:
    """Samla in utlysningar från KÄLLA... (alla källor om ingen anges) och spara nya och
    ändrade.

    En källa som misslyckas stoppar aldrig de andra (`eufunds sources` visar "FAILED" som
    MISSLYCKADES); slutkoden blir 5. Markeringar som JSON Lines {"call", "priority"}.
    """


def test_the_check_catches_english_help_and_passes_swedish() -> None:
    english = help_text((), _english)
    found = set(english_words(english))
    assert {"OPTIONS", "SOURCE", "FLOAT", "RANGE", "the", "and", "when", "print"} <= found
    assert english_words(help_text((), _swedish)) == []
    assert click_english("Usage: eufunds crawl [OPTIONS]\n\nOptions:\n") == [
        "Usage:",
        "Options:",
    ]
