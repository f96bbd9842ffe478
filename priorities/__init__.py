"""The priorities file: its format, validation and the shipped files.

```python
from priorities import load_priorities, parse_priorities, PrioritiesInvalid, Priorities
p = load_priorities("priorities/linkoping.yaml")  # raises PrioritiesInvalid
```
This package imports nothing else of eufunds.
"""

from __future__ import annotations

from pathlib import Path

from priorities.issues import Issue, PrioritiesInvalid
from priorities.loader import load_priorities, parse_priorities, read_priorities_bytes
from priorities.model import (
    ApplicantProfile,
    Department,
    Digest,
    Goal,
    Priorities,
    Priority,
    Target,
    Thresholds,
)
from priorities.source import MAX_BYTES

SHIPPED = Path(__file__).resolve().parent
"""The folder of the shipped priorities files (linkoping.yaml, sodertalje.yaml, exempel.yaml)."""
DEFAULT_FILE = SHIPPED / "linkoping.yaml"

__all__ = [
    "DEFAULT_FILE",
    "MAX_BYTES",
    "SHIPPED",
    "ApplicantProfile",
    "Department",
    "Digest",
    "Goal",
    "Issue",
    "Priorities",
    "PrioritiesInvalid",
    "Priority",
    "Target",
    "Thresholds",
    "load_priorities",
    "parse_priorities",
    "read_priorities_bytes",
]
