"""One module per source; the module name is the spider name and the source key.

Adding a source means adding a module here whose spider has ``name`` equal to the module
name; the runner, ``eufunds crawl`` and ``eufunds sources`` find it without other edits.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path

from crawler.base import CallSpider


def source_names() -> list[str]:
    """The source keys, in alphabetical order (found without importing the spiders)."""
    folder = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(folder)]) if not m.name.startswith("_"))


def spider_class(source: str) -> type[CallSpider]:
    """The spider class of ``source``; KeyError with the known names if there is none."""
    if source not in source_names():
        raise KeyError(f"okänd källa {source!r}; kända källor: {', '.join(source_names())}")
    module = importlib.import_module(f"crawler.spiders.{source}")
    for _, obj in inspect.getmembers(module, inspect.isclass):
        if issubclass(obj, CallSpider) and obj.__module__ == module.__name__ and obj.name == source:
            return obj
    raise KeyError(f"crawler.spiders.{source} har ingen spindel med namnet {source!r}")
