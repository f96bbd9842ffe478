"""Write a set of demo recordings by hand: ``python -m crawler.demo FOLDER``.

Options: ``--edition 1|2`` (default 1), ``--anchor YYYY-MM-DD`` (default today, or
``EUFUNDS_TODAY``), ``--sedia-topics N`` (extra generated SEDIA topics). Serve the folder with
:class:`crawler.replay.ReplayServer` and point the spiders at it with its ``environment()``.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from crawler import config
from crawler.demo import EDITIONS, WRITERS, write_recordings
from crawler.demo.catalogue import calls_for


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; prints what was written."""
    parser = argparse.ArgumentParser(prog="python -m crawler.demo", description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--edition", type=int, choices=EDITIONS, default=1)
    parser.add_argument("--anchor", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    parser.add_argument("--sedia-topics", type=int, default=0, metavar="N")
    options = parser.parse_args(argv)
    anchor = options.anchor or config.today()
    folder = write_recordings(
        options.folder, anchor, options.edition, sedia_topics=options.sedia_topics
    )
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    print(f"wrote edition {options.edition} anchored at {anchor} into {folder} ({files} files)")
    for source in WRITERS:
        print(f"  {source}: {len(calls_for(source, options.edition))} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())
