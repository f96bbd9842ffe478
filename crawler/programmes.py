"""Names of the EU Funding & Tenders portal's programmes, by ``frameworkProgramme`` id.

The portal's search rows carry only the id (``"43108390"``); its facet endpoint and each
topic's topicDetails (``frameworkProgramme: {id, abbreviation, description}``) name it. The
table holds every id the research and the real captures show (the facet values of four
captures, 2025-10 to 2026-08), with the short names the rest of eufunds uses (and the real
corpus carries), so that a call's programme does not depend on whether its details were
fetched. An id missing here takes the name topicDetails gives; an id nobody names is
logged once per crawl and shown as "EU-program <id>".
"""

from __future__ import annotations

import logging
from typing import Any

logger = logging.getLogger(__name__)

PROGRAMMES: dict[str, str] = {
    # 2021-2027 programmes (the crawl asks only for this period)
    "43108390": "Horizon Europe",
    "43152860": "Digital Europe",
    "43252405": "LIFE",
    "43353764": "Erasmus+",
    "43251814": "Creative Europe",
    "43251567": "Connecting Europe Facility (CEF)",
    "43251589": "Citizens, Equality, Rights and Values (CERV)",
    "43332642": "EU4Health",
    "43254037": "European Solidarity Corps",
    "43252476": "Single Market Programme",
    "43089234": "Innovation Fund",
    "44773066": "Just Transition Mechanism",
    "43392145": "EMFAF",
    "44416173": "Interregional Innovation Investments (I3)",
    "43637601": "Pilot Projects & Preparatory Actions",
    "44181033": "European Defence Fund",
    "43251842": "Union Anti-Fraud Programme",
    "43252368": "Internal Security Fund",
    "43252386": "Justice Programme",
    "43252433": "Pericles IV (protection of the euro against counterfeiting)",
    "43252449": "Research Fund for Coal & Steel",
    "43252517": "Social Prerogative and Specific Competencies Lines (SOCPL)",
    "43253967": "Renewable Energy Financing Mechanism",
    "43254019": "ESF+",
    "43254027": "Employment and Social Innovation (EaSI)",
    "43298203": "Union Civil Protection Mechanism",
    "43298664": "Promotion of Agricultural Products",
    "43298916": "Euratom Research and Training Programme",
    "43697167": "European Parliament",
    "45532249": "EU Bodies and Agencies",
    "45876777": "Global Europe (NDICI)",
    "46324255": "Technical assistance for ERDF, CF and JTF",
    "111111": "EU External Action",
    # 2014-2020 programmes still found on legacy rows
    "31045243": "Horizon 2020",
    "31059643": "COSME",
    "42810547": "Europe Direct",
}

UNKNOWN = "EU-program {id}"


def programme_name(programme_id: str | None, details: Any = None) -> str | None:
    """The programme's name: the table's, else topicDetails' ``frameworkProgramme``
    description (or abbreviation), else "EU-program <id>"; None without an id."""
    key = str(programme_id or "").strip()
    if key in PROGRAMMES:
        return PROGRAMMES[key]
    if isinstance(details, dict):
        named = str(details.get("description") or details.get("abbreviation") or "").strip()
        if named:
            return " ".join(named.split())
    return UNKNOWN.format(id=key) if key else None


def is_unnamed(programme_id: str | None) -> bool:
    """Whether the table lacks ``programme_id`` (the crawl then logs it once)."""
    key = str(programme_id or "").strip()
    return bool(key) and key not in PROGRAMMES
