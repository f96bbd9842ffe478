"""The JSON Schema of the priorities file, for editors (VS Code's YAML extension and others).

``python -m priorities.schema`` rewrites ``priorities/schema.json``; a test checks that the
committed file matches the model.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from priorities.model import Priorities

SCHEMA_FILE = Path(__file__).resolve().parent / "schema.json"

# Editors show these; the models' own docstrings are written for programmers, in English.
_SWEDISH = {
    "ApplicantProfile": ("Sökandeprofil", "Hur kommunen beskriver sig som sökande."),
    "Department": ("Förvaltning", "En förvaltning eller ett kommunalt bolag."),
    "Digest": ("Utskick", "När veckobrevet skickas och hur långt det får vara."),
    "Goal": ("Nämndmål", "Ett nämndmål under en prioritering."),
    "Priority": ("Prioritering", "En politisk prioritering."),
    "Thresholds": ("Tröskelvärden", "Gränser för etiketterna stark och möjlig."),
}


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the file, with its Swedish keys."""
    schema = Priorities.model_json_schema(by_alias=True, mode="validation")
    for name, (title, description) in _SWEDISH.items():
        schema["$defs"][name]["title"] = title
        schema["$defs"][name]["description"] = description
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Prioriteringsfil för eufunds"
    schema["description"] = (
        "Kommunens politiska prioriteringar, nämndmål och förvaltningar. "
        "Se priorities/exempel.yaml."
    )
    return schema


def schema_text() -> str:
    """The schema as it is written to ``schema.json``."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"


def main() -> None:
    """Write ``schema.json`` next to this module."""
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"{SCHEMA_FILE}\n")


if __name__ == "__main__":
    main()
