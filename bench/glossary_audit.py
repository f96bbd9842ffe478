"""Which Swedish words the glossary's keys match, to read for wrong senses.

    .venv/bin/python bench/glossary_audit.py [--start] [--key KEY ...] [--words FILE]

A key matches at the start of a word, and a key of six letters or more also inside a
compound (:mod:`matcher.glossary`). Both can land in a word of another sense: "skolor" in
"högskolor", "civil" in "civilsamhället", "kris" in "Kristianstad". This prints, for every key,
the words of a Swedish word list it matches inside (or, with ``--start``, at the start of),
with the English terms they would get, so a person can read them for wrong senses after
adding keys. The word list is Debian's (``apt-get install wswedish``: about 120,000 words,
Latin-1) unless ``--words`` names another, one word per line.

It decides nothing: a wrong reading is fixed by a longer key for the word's own sense, or by
a word in :data:`matcher.glossary._NOT_A_SUBJECT`.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matcher.glossary import glossary_matches

WORD_LIST = Path("/usr/share/dict/swedish")


def read_words(path: Path) -> list[str]:
    """The words of a list, lower case, once each (UTF-8, or else Latin-1 as Debian's is)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return list(dict.fromkeys(w.strip().lower() for w in text.splitlines() if w.strip()))


def readings(words: list[str], *, at_start: bool) -> dict[tuple[str, tuple[str, ...]], list[str]]:
    """(matched key text, its terms) -> the words it is found in, inside or at the start."""
    found: dict[tuple[str, tuple[str, ...]], list[str]] = defaultdict(list)
    for word in words:
        for start, end, terms in glossary_matches(word):
            if (start == 0) == at_start:
                found[(word[start:end], terms)].append(word)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--start", action="store_true", help="words a key starts, not holds")
    parser.add_argument("--key", action="append", default=[], help="only these keys' matches")
    parser.add_argument("--words", type=Path, default=WORD_LIST, help="a Swedish word list")
    args = parser.parse_args(argv)
    if not args.words.is_file():
        print(
            f"No word list at {args.words}: install Debian's (apt-get install wswedish) "
            "or name one with --words FILE.",
            file=sys.stderr,
        )
        return 2
    found = readings(read_words(args.words), at_start=args.start)
    for (key, terms), words in sorted(found.items()):
        if args.key and key not in args.key:
            continue
        sample = words[:: max(1, len(words) // 12)][:12]
        print(f"{key:18s} {len(words):5d}  {', '.join(terms[:2])}  <-  {', '.join(sample)}")
    where = "at the start of" if args.start else "inside"
    print(f"\n{len(found)} keys match {where} words of {args.words}.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
