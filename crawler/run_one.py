"""Crawl one source in this process: ``python -m crawler.run_one SOURCE --db PATH --run-id N``.

The runner starts one such subprocess per source, because Twisted's reactor cannot restart.
At the end the crawl run row is completed (counts, ok, partial, the failures in words) and one
JSON line with the same facts is printed on stdout. ``--deadline`` (epoch seconds) is the
moment the runner stops the process: a spider that can (the portal's) stops asking for more
before it and stores what it has, and the run is then partial. ``--status`` is the file the
spider writes its progress to as it goes, for the runner to read if it has to stop it.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from crawler import config
from crawler.runner import describe_progress, is_partial
from crawler.spiders import spider_class
from crawler.store import write_transaction
from db import open_db
from db.crawl_runs import finish_run

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

MAX_REASONS = 5


def _summary(failures: list[str]) -> str | None:
    if not failures:
        return None
    unique = list(dict.fromkeys(failures))
    text = "; ".join(unique[:MAX_REASONS])
    if len(unique) > MAX_REASONS:
        text += f"; och {len(unique) - MAX_REASONS} till"
    return text


def crawl(
    source: str,
    db_path: str,
    run_id: int | None,
    spider_args: dict[str, str],
    *,
    deadline: float = 0.0,
    status: str | None = None,
) -> dict[str, Any]:
    """Run the spider of ``source`` to the end and return its result (also stored).

    ``deadline`` (epoch seconds, 0 for none) and ``status`` (a progress file) go to the spider
    through the settings ``EUFUNDS_DEADLINE`` and ``EUFUNDS_STATUS_FILE``.
    """
    crawler, errors = _run_spider(source, db_path, run_id, spider_args, deadline, status)
    result = _result(source, crawler, errors)
    if run_id:
        db = open_db(db_path)
        with write_transaction(db):
            finish_run(
                db,
                run_id,
                ok=result["ok"],
                items=result["items"],
                new=result["new"],
                changed=result["changed"],
                errors=result["errors"],
                error_text=result["error_text"],
                partial=result["partial"],
                progress=result["progress"],
            )
        db.conn.close()
    return result


def _run_spider(
    source: str,
    db_path: str,
    run_id: int | None,
    spider_args: dict[str, str],
    deadline: float,
    status: str | None,
) -> tuple[Crawler, list[str]]:
    """Crawl ``source`` in a scrapy process; the crawler and the errors its signals reported
    (or why the spider could not run)."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess

    settings = config.scrapy_settings()
    settings.update(
        EUFUNDS_DB_PATH=db_path,
        EUFUNDS_RUN_ID=run_id or 0,
        EUFUNDS_DEADLINE=deadline,
        EUFUNDS_STATUS_FILE=status or "",
    )
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(spider_class(source))
    errors: list[str] = []

    def on_spider_error(failure: Any, response: Any, spider: Any) -> None:
        errors.append(f"fel vid läsning av {response.url}: {failure.value!r}")

    def on_item_error(item: Any, response: Any, spider: Any, failure: Any) -> None:
        errors.append(f"kan inte spara {getattr(item, 'key', item)!s}: {failure.value!r}")

    crawler.signals.connect(on_spider_error, signal=signals.spider_error)
    crawler.signals.connect(on_item_error, signal=signals.item_error)
    try:
        process.crawl(crawler, **spider_args)
        process.start()
    except Exception as exc:  # a spider that cannot even start
        errors.append(f"insamlaren för {source} kunde inte starta: {exc}")
    return crawler, errors


def _result(source: str, crawler: Crawler, errors: list[str]) -> dict[str, Any]:
    """What the crawl did: counts, whether it is ok or partial, and the failures in words."""
    spider = crawler.spider
    stats: dict[str, Any] = crawler.stats.get_stats() if crawler.stats is not None else {}
    failures = list(getattr(spider, "failures", [])) + errors
    progress_of = getattr(spider, "progress", None)
    progress: dict[str, Any] | None = progress_of() if callable(progress_of) else None
    partial = bool(progress and progress.get("time_limit_reached") and is_partial(progress))
    if partial:
        assert progress is not None
        # First: what the run did and left matters more than the requests cut short.
        failures.insert(0, f"{describe_progress(progress)}; stoppades före tidsgränsen")
    items = int(stats.get("eufunds/items", 0))
    reason = stats.get("finish_reason")
    if reason not in (None, "finished"):
        failures.append(f"insamlingen slutade i förtid: {reason}")
    if items == 0 and not failures and not getattr(spider, "empty_ok", False):
        failures.append(
            f"inga utlysningar hittades: källan {source} svarade men listade ingenting; "
            "dess sidor eller API kan ha ändrats"
        )
    return {
        "source": source,
        "ok": not failures,
        "items": items,
        "new": int(stats.get("eufunds/new", 0)),
        "changed": int(stats.get("eufunds/changed", 0)),
        "errors": len(failures),
        "error_text": _summary(failures),
        "partial": partial,
        "progress": progress,
        "notes": list(getattr(spider, "notes", [])),
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; exit 0 when the source was crawled without failure, else 5."""
    parser = argparse.ArgumentParser(prog="python -m crawler.run_one", description=__doc__)
    parser.add_argument("source")
    parser.add_argument("--db", required=True, help="the SQLite database file")
    parser.add_argument("--run-id", type=int, default=None, help="the crawl_runs row to finish")
    parser.add_argument(
        "--deadline",
        type=float,
        default=0.0,
        help="epoch seconds at which the process is stopped (0: no limit)",
    )
    parser.add_argument("--status", default=None, help="a file for the spider's progress")
    parser.add_argument(
        "-a",
        dest="args",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a spider argument (repeatable)",
    )
    options = parser.parse_args(argv)
    spider_args = dict(a.split("=", 1) for a in options.args if "=" in a)
    try:
        result = crawl(
            options.source,
            options.db,
            options.run_id,
            spider_args,
            deadline=options.deadline,
            status=options.status,
        )
    except KeyError as exc:
        print(f"run_one: {exc.args[0]}", file=sys.stderr)
        return 2
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 5


if __name__ == "__main__":
    sys.exit(main())
