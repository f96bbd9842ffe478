"""The invented calls of the demo recordings, as data.

Each :class:`DemoCall` says which source(s) publish it, what kind of item it is, its texts in
Swedish and/or English, its dates as day offsets from an anchor date, who may apply, its budget
and regions, and what changes in edition 2 (the "next recording set"). The writers in this
package turn these into each source's real response format.

The set is built so that, on any anchor date, a crawl shows open, forthcoming, closing-soon
(deadline within 14 days) and closed calls, one call seen from two sources (the Interreg Baltic
Sea Region call in the programme's feed and in interreg.eu's search), news items, a cascade
offer for individuals, and Swedish and English texts. Several calls are clearly relevant to
Linköping's priorities (climate, energy, stormwater, schools, citizen dialogue, smart city,
innovation, transport, culture); some clearly are not (defence research, a call only for
universities, programme regions elsewhere in Sweden, Interreg areas Linköping is not in).

Edition 2, with the same anchor, makes a second crawl record every change kind the store
knows: new, opened, deadline_changed, closed, text_changed and reopened.

Every text here is invented for the demo; the programmes are real names, the calls are not.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

KINDS = ("call", "cascade_call", "offer_for_individuals", "news", "programme")
"""call: an ordinary call; cascade_call: a project's open call for organisations (SEDIA type
8); offer_for_individuals: a cascade offer to persons (internships, scholarships), never for a
municipality; news: an announcement that is not a call; programme: a page about a programme
or fund, listed among the calls but not one."""

# Östra Mellansverige (SE12): the counties of the regional fund programme Linköping is in.
OMS_COUNTIES = ("Örebro", "Östergötland", "Södermanland", "Uppsala", "Västmanland")


@dataclass(frozen=True)
class Text:
    """A call's texts in one language; empty parts are left out by the writers."""

    title: str
    summary: str  # what the call is about (SEDIA: "Expected Outcome")
    what: str = ""  # what the money may be used for (SEDIA: "Scope")
    who: str = ""  # who may apply
    how_much: str = ""  # amounts and funding rate
    how: str = ""  # how to apply
    notice: str = ""  # an update on the call (corrigendum, extension), edition 2 only


@dataclass(frozen=True)
class DemoCall:
    """One invented call (or news item) and where it appears."""

    key: str  # stable name in this catalogue
    sources: tuple[str, ...]  # source keys that publish it
    kind: str  # one of KINDS
    programme: str
    opens: int | None  # opening day, as days from the anchor
    deadlines: tuple[int, ...]  # every cut-off, as days from the anchor
    sv: Text | None = None
    en: Text | None = None
    budget: float | None = None
    currency: str = "EUR"
    regions: tuple[str, ...] = ()  # NUTS codes or county names, as the source states them
    applicants: tuple[str, ...] = ()  # applicant types, as the source tags them
    ids: Mapping[str, str] = field(default_factory=dict)  # "{year}"/"{prev}"/"{yy}" filled in
    facts: Mapping[str, Any] = field(default_factory=dict)  # source-specific facts
    edition2: Mapping[str, Any] = field(default_factory=dict)  # field -> value in edition 2
    first_edition: int = 1  # 2: new in edition 2

    def in_edition(self, edition: int) -> DemoCall | None:
        """This call as published in ``edition``; None when it does not exist yet.

        ``edition2`` replaces fields; its keys ``notice_sv``/``notice_en`` set the notice of
        the Swedish/English text.
        """
        if edition < self.first_edition:
            return None
        if edition < 2 or not self.edition2:
            return self
        changes = dict(self.edition2)
        for lang in ("sv", "en"):
            notice = changes.pop(f"notice_{lang}", None)
            text = getattr(self, lang)
            if notice is not None and text is not None:
                changes[lang] = dataclasses.replace(text, notice=notice)
        return dataclasses.replace(self, **changes)

    def ident(self, name: str, anchor: date) -> str:
        """Identifier ``name`` of ``ids`` with the anchor's year filled in."""
        return fill(self.ids[name], anchor)

    def text(self, *langs: str) -> Text:
        """The first text present among ``langs`` (default Swedish, then English)."""
        for lang in langs or ("sv", "en"):
            text = getattr(self, lang)
            if text is not None:
                return text
        raise ValueError(f"{self.key} has no text in {', '.join(langs)}")


def fill(value: str, anchor: date) -> str:
    """Identifiers carry the year of the set, as real ones carry their work programme's."""
    return value.format(
        year=anchor.year,
        prev=anchor.year - 1,
        yy=f"{anchor.year % 100:02d}",
        prev_yy=f"{(anchor.year - 1) % 100:02d}",
    )


# --- EU Funding & Tenders portal (SEDIA) ------------------------------------------------------

SEDIA_CALLS = (
    DemoCall(
        key="sedia-adaptation",
        sources=("sedia",),
        kind="call",
        programme="Horizon Europe",
        opens=-30,
        deadlines=(45,),
        budget=12_000_000,
        ids={"sedia": "HORIZON-MISS-{year}-CLIMA-02-03"},
        facts={
            "programme_id": "43108390",
            "call_identifier": "HORIZON-MISS-{year}-CLIMA-02",
            "call_title": "Supporting regions and communities in adapting to climate change",
            "action": "HORIZON-IA HORIZON  Innovation Actions",
            "grants": 2,
            "tags": ["Climate adaptation", "Municipalities", "Nature-based solutions"],
            "cross_cutting": ["SSH", "NEB"],
            "legacy_copy": True,  # the index also holds an outdated duplicate row
        },
        en=Text(
            title="Climate adaptation pathways for small and medium-sized municipalities",
            summary=(
                "Projects are expected to contribute to municipalities with fewer than 250 000 "
                "inhabitants that have tested and adopted a local adaptation pathway for heat "
                "waves, cloudbursts and drought; to stormwater, green areas and public "
                "buildings planned together with residents; and to adaptation measures that "
                "are financed and followed up in the municipal budget."
            ),
            what=(
                "Consortia should work with at least three municipalities in different Member "
                "States that act as demonstration sites. Activities may include risk mapping "
                "at neighbourhood level, nature-based solutions such as rain gardens and street "
                "trees, pilot investments in schools and care homes, and training of municipal "
                "staff. Citizen dialogue and attention to vulnerable groups are expected "
                "throughout the project."
            ),
            who=(
                "Local and regional authorities are expected to take part as beneficiaries; "
                "the participation of civil society organisations is encouraged."
            ),
            how_much=(
                "The Commission estimates that an EU contribution of around EUR 6 million "
                "would allow these outcomes to be addressed appropriately."
            ),
        ),
        edition2={
            "notice_en": (
                "Corrigendum: the eligible demonstration activities now also cover the "
                "adaptation of school yards and pre-school outdoor areas."
            )
        },
    ),
    DemoCall(
        key="sedia-energy-districts",
        sources=("sedia",),
        kind="call",
        programme="Horizon Europe",
        opens=20,
        deadlines=(120,),
        budget=20_000_000,
        ids={"sedia": "HORIZON-CL5-{year}-D4-07"},
        facts={
            "programme_id": "43108390",
            "call_identifier": "HORIZON-CL5-{year}-D4",
            "call_title": "Efficient, sustainable and inclusive energy use",
            "action": "HORIZON-IA HORIZON  Innovation Actions",
            "grants": 2,
            "tags": ["Positive energy districts", "District heating", "Energy efficiency"],
            "cross_cutting": ["DigitalAgenda"],
        },
        en=Text(
            title="Positive clean energy districts in mid-sized European cities",
            summary=(
                "Projects should show that whole districts in cities of 50 000 to 300 000 "
                "inhabitants can produce more renewable energy than they use over a year, with "
                "district heating, heat pumps, local solar power and flexible demand working "
                "together, and with business models that municipal energy companies can "
                "replicate."
            ),
            what=(
                "Each project demonstrates at least two districts, one of them in a city that "
                "has not yet adopted a climate-neutrality plan. The work covers energy "
                "renovation of public and residential buildings, sector coupling with district "
                "heating networks, digital energy management and measures against energy "
                "poverty. Municipal utilities and housing companies are expected to lead the "
                "demonstrations."
            ),
            who=(
                "Cities, municipal energy companies, housing companies, SMEs and research "
                "organisations may participate."
            ),
            how_much="An EU contribution of EUR 8 to 10 million per project is appropriate.",
        ),
        edition2={"opens": -1},  # opening brought forward: the topic is open now
    ),
    DemoCall(
        key="sedia-stormwater",
        sources=("sedia",),
        kind="call",
        programme="LIFE",
        opens=-40,
        deadlines=(9,),  # closing soon
        budget=9_000_000,
        ids={"sedia": "LIFE-{year}-SAP-ENV-URBANWATER"},
        facts={
            "programme_id": "43252405",
            "call_identifier": "LIFE-{year}-SAP-ENV",
            "call_title": "LIFE Environment – Standard Action Projects",
            "action": "LIFE-SAP LIFE Standard Action Projects",
            "grants": 3,
            "tags": ["Stormwater", "Nature-based solutions", "Water quality"],
            "cross_cutting": [],
        },
        en=Text(
            title="Nature-based stormwater management in growing towns",
            summary=(
                "The topic supports towns that want to handle heavier rainfall with green and "
                "blue infrastructure instead of larger pipes: open stormwater channels, "
                "wetlands, green roofs and permeable surfaces that also improve water quality, "
                "biodiversity and places for recreation."
            ),
            what=(
                "Projects implement measures in at least one catchment area, monitor their "
                "effect on overflows at the wastewater treatment plant and on receiving "
                "waters, and prepare a plan for wider roll-out. Cooperation between the "
                "municipal water utility, urban planners and landowners is essential."
            ),
            who=(
                "Public bodies, including municipalities and municipal water utilities, "
                "private companies and non-profit organisations established in the EU may "
                "apply."
            ),
            how_much=(
                "The LIFE co-financing rate is 60 % of eligible costs; an indicative project "
                "size is EUR 2 to 4 million."
            ),
        ),
        edition2={"deadlines": (37,)},  # deadline extended
    ),
    DemoCall(
        key="sedia-school-networks",
        sources=("sedia",),
        kind="call",
        programme="Erasmus+",
        opens=-15,
        deadlines=(60,),
        budget=6_000_000,
        ids={"sedia": "ERASMUS-EDU-{year}-SCHOOL-NET"},
        facts={
            "programme_id": "43353764",
            "call_identifier": "ERASMUS-EDU-{year}-SCHOOL",
            "call_title": "Cooperation among schools for the green transition",
            "action": "ERASMUS-LS ERASMUS Lump Sum Grants",
            "grants": 14,
            "tags": ["School education", "Climate education", "Teacher mobility"],
            "cross_cutting": [],
        },
        en=Text(
            title="School networks for climate and sustainability education",
            summary=(
                "The action helps schools in different countries build lasting networks in "
                "which teachers and pupils work together on climate and sustainability, share "
                "teaching material and visit each other."
            ),
            what=(
                "Networks of at least six schools from three countries, with their school "
                "owners involved, develop joint learning modules for pupils aged 10 to 18, "
                "organise teacher exchanges and short pupil mobilities, and document how the "
                "work is anchored in local curricula. Links to the local community, for "
                "example the municipality's own climate work, are an advantage."
            ),
            who=(
                "School owners such as municipalities, public and private schools, and "
                "organisations active in school education may apply; higher education "
                "institutions may join as partners."
            ),
            how_much="Lump sums of EUR 250 000, 400 000 or 500 000 per project.",
        ),
    ),
    DemoCall(
        key="sedia-town-twinning",
        sources=("sedia",),
        kind="call",
        programme="Citizens, Equality, Rights and Values (CERV)",
        opens=-20,
        deadlines=(25,),
        budget=4_500_000,
        ids={"sedia": "CERV-{year}-CITIZENS-TOWN-TT"},
        facts={
            "programme_id": "43251589",
            "call_identifier": "CERV-{year}-CITIZENS-TOWN",
            "call_title": "Town twinning and networks of towns",
            "action": "CERV-LS CERV Lump Sum Grants",
            "grants": 90,
            "tags": ["Town twinning", "Local democracy", "Citizen participation"],
            "cross_cutting": [],
        },
        en=Text(
            title="Town twinning: citizens' meetings on local democracy",
            summary=(
                "Town-twinning projects bring together citizens from twinned towns to debate "
                "how local democracy works in practice and how residents can take part in the "
                "decisions that affect their neighbourhood."
            ),
            what=(
                "Activities are citizens' meetings, workshops and study visits hosted by one "
                "of the twinned towns, with at least 25 participants from abroad. Projects "
                "give young people and residents who rarely take part in public life a "
                "central role and end with concrete proposals for citizen dialogue in the "
                "participating municipalities."
            ),
            who=(
                "Towns and municipalities, their twinning committees and non-profit "
                "organisations representing local authorities may apply."
            ),
            how_much=(
                "Lump sums from EUR 10 000 to EUR 60 000, depending on the number of "
                "international participants."
            ),
        ),
    ),
    DemoCall(
        key="sedia-digital-twins",
        sources=("sedia",),
        kind="call",
        programme="Digital Europe",
        opens=-10,
        deadlines=(70,),
        budget=15_000_000,
        ids={"sedia": "DIGITAL-{year}-CLOUD-AI-08-TWINS"},
        facts={
            "programme_id": "43152860",
            "call_identifier": "DIGITAL-{year}-CLOUD-AI-08",
            "call_title": "Cloud, data and artificial intelligence",
            "action": "DIGITAL-SIMPLE DIGITAL Simple Grants",
            "grants": 3,
            "tags": ["Local digital twins", "Smart communities", "Open source"],
            "cross_cutting": ["AI", "DigitalAgenda"],
        },
        en=Text(
            title="Local digital twins for smart and sustainable communities",
            summary=(
                "The topic scales up local digital twins that help municipalities plan "
                "traffic, energy and land use with real-time data, built on open standards so "
                "that smaller towns can share the same tools."
            ),
            what=(
                "Projects connect at least ten municipalities of different sizes, deploy "
                "interoperable data platforms and sensors, develop use cases for urban "
                "planning and emergency preparedness, and publish the software as open "
                "source. Data protection and the digital skills of municipal staff must be "
                "addressed."
            ),
            who=(
                "Public administrations at local or regional level, in consortium with "
                "technology providers, may apply."
            ),
            how_much="Up to EUR 5 million per project; the co-financing rate is 50 %.",
        ),
    ),
    DemoCall(
        key="sedia-defence",
        sources=("sedia",),
        kind="call",
        programme="European Defence Fund",
        opens=-5,
        deadlines=(80,),
        budget=25_000_000,
        ids={"sedia": "EDF-{year}-RA-C4ISR-TCOM"},
        facts={
            "programme_id": "44181033",
            "call_identifier": "EDF-{year}-RA",
            "call_title": "European Defence Fund research actions",
            "action": "EDF-RA EDF Research Actions",
            "grants": 1,
            "tags": ["Defence research", "Communications"],
            "cross_cutting": [],
        },
        en=Text(
            title="Resilient tactical communications for multi-domain operations",
            summary=(
                "Research into radio communication for armed forces that keeps working under "
                "jamming and in contested electromagnetic environments."
            ),
            what=(
                "Proposals address waveform design, cognitive radio and secure mesh "
                "networking for land, air and naval platforms, with demonstrators at "
                "technology readiness level 4 to 5."
            ),
            who=(
                "Legal entities established in the EU or in associated countries and not "
                "controlled by non-associated third countries, in consortia of at least three "
                "entities from three countries."
            ),
            how_much="Up to EUR 25 million for the topic.",
        ),
    ),
    DemoCall(
        key="sedia-quantum",
        sources=("sedia",),
        kind="call",
        programme="Horizon Europe",
        opens=-25,
        deadlines=(100,),
        budget=9_000_000,
        ids={"sedia": "HORIZON-CL4-{year}-QUANTUM-02-SENSE"},
        facts={
            "programme_id": "43108390",
            "call_identifier": "HORIZON-CL4-{year}-QUANTUM-02",
            "call_title": "Quantum technologies",
            "action": "HORIZON-RIA HORIZON  Research and Innovation Actions",
            "grants": 3,
            "tags": ["Quantum sensing", "Fundamental physics"],
            "cross_cutting": [],
        },
        en=Text(
            title="Quantum sensing for fundamental physics experiments",
            summary=(
                "Research on quantum sensors with sensitivities beyond the standard quantum "
                "limit for gravitational, magnetic and timing measurements in laboratory "
                "experiments."
            ),
            what=(
                "Projects develop and characterise prototype sensors and make them available "
                "through open research infrastructures."
            ),
            who="Only universities and research organisations may apply as beneficiaries.",
            how_much="An EU contribution of around EUR 3 million per project.",
        ),
    ),
    DemoCall(
        key="sedia-air-quality",
        sources=("sedia",),
        kind="call",
        programme="Horizon Europe",
        opens=-150,
        deadlines=(-40,),  # closed, though the API still says "open"
        budget=8_000_000,
        ids={"sedia": "HORIZON-CL6-{prev}-GOVERNANCE-01-05"},
        facts={
            "programme_id": "43108390",
            "call_identifier": "HORIZON-CL6-{prev}-GOVERNANCE-01",
            "call_title": "Innovative governance, environmental observations and digital solutions",
            "action": "HORIZON-RIA HORIZON  Research and Innovation Actions",
            "grants": 2,
            "tags": ["Air quality", "Citizen science"],
            "cross_cutting": ["SSH"],
            # The portal's status goes stale: this row still says open after the deadline.
            "stale_status": "open",
        },
        en=Text(
            title="Citizen science for cleaner urban air",
            summary=(
                "Projects involve residents in measuring air pollution near schools and busy "
                "roads and use the data in local traffic and planning decisions."
            ),
            what=(
                "Pilot actions in at least four cities combine low-cost sensors, open data and "
                "dialogue with local decision makers."
            ),
            who="Any legal entity may apply; the participation of local authorities is expected.",
            how_much="Around EUR 4 million per project.",
        ),
    ),
    DemoCall(
        key="sedia-internships",
        sources=("sedia",),
        kind="offer_for_individuals",
        programme="Digital Europe",
        opens=-60,
        deadlines=(-20, 40, 130),  # multiple cut-offs, the first one passed
        budget=36_000,
        ids={"sedia": "46870215", "reference": "12904"},
        facts={
            "programme_id": "43152860",
            "parent_identifier": "DIGITAL-{prev}-SKILLS-05-SPECIALEDU",
            "parent_title": "Specialised education programmes in key capacity areas",
            "project_acronym": "DATAHEAL",
            "project_name": "Digital skills for health data professionals",
        },
        en=Text(
            title="DATAHEAL student internships in health data analytics",
            summary=(
                "Master's students in data science, medicine or public health can apply for a "
                "paid three-month internship at one of the DATAHEAL partner hospitals or "
                "companies."
            ),
            what=(
                "Interns work on anonymised health data projects under a mentor and receive a "
                "monthly allowance of EUR 1 500 plus travel costs."
            ),
            who=(
                "Individual students enrolled in a master's programme at a university in an "
                "EU Member State. Organisations cannot apply."
            ),
        ),
    ),
    DemoCall(
        key="sedia-mobility-hubs",
        sources=("sedia",),
        kind="cascade_call",
        programme="Horizon Europe",
        opens=-12,
        deadlines=(35,),
        budget=600_000,
        ids={"sedia": "46871102", "reference": "12911"},
        facts={
            "programme_id": "43108390",
            "parent_identifier": "HORIZON-CL5-{prev}-D6-01-08",
            "parent_title": "Shared mobility services for liveable neighbourhoods",
            "project_acronym": "MOBIHUB",
            "project_name": "Neighbourhood mobility hubs",
        },
        en=Text(
            title="MOBIHUB open call for pilot cities: neighbourhood mobility hubs",
            summary=(
                "MOBIHUB funds cities that want to test shared mobility hubs where public "
                "transport, bike sharing, car pools and parcel lockers meet in one place."
            ),
            what=(
                "Selected cities receive a grant of up to EUR 100 000 and coaching to plan, "
                "build and evaluate one hub within 18 months, with residents involved in "
                "choosing the site and the services."
            ),
            who=(
                "Municipalities and public transport authorities in EU Member States and "
                "associated countries may apply, alone or with local partners."
            ),
        ),
    ),
    DemoCall(
        key="sedia-renovation",
        sources=("sedia",),
        kind="call",
        programme="LIFE",
        opens=-2,
        deadlines=(90,),
        budget=7_000_000,
        first_edition=2,
        ids={"sedia": "LIFE-{year}-CET-PUBLICRENO"},
        facts={
            "programme_id": "43252405",
            "call_identifier": "LIFE-{year}-CET",
            "call_title": "LIFE Clean Energy Transition",
            "action": "LIFE-CSA LIFE Coordination and Support Actions",
            "grants": 5,
            "tags": ["Energy renovation", "One-stop shops", "Public buildings"],
            "cross_cutting": [],
        },
        en=Text(
            title="One-stop shops for the energy renovation of homes and public buildings",
            summary=(
                "Support for local and regional authorities that set up one-stop shops "
                "guiding homeowners, housing associations and owners of public buildings "
                "through deep energy renovation."
            ),
            what=(
                "Projects set up or extend an advisory service that combines technical "
                "advice, financing offers and quality control of the works, and that reaches "
                "households at risk of energy poverty."
            ),
            who=(
                "Local and regional authorities, energy agencies and non-profit organisations "
                "may apply."
            ),
            how_much="Around EUR 1.4 million per project; the co-financing rate is 95 %.",
        ),
    ),
)

# --- Vinnova ----------------------------------------------------------------------------------

VINNOVA_CALLS = (
    DemoCall(
        key="vinnova-climate-municipalities",
        sources=("vinnova",),
        kind="call",
        programme="Vinnova",
        opens=-21,
        deadlines=(30,),
        budget=60_000_000,
        currency="SEK",
        ids={"vinnova": "{year}-00812", "call": "{prev}-04418", "slug": "klimatneutrala-kommuner"},
        sv=Text(
            title="Utmaningsdriven innovation för klimatneutrala kommuner",
            summary=(
                "Erbjudandet ger kommuner och deras partner möjlighet att utveckla och testa "
                "nya lösningar som minskar utsläppen från transporter, byggande och "
                "energianvändning i den egna kommunen."
            ),
            what=(
                "Ni kan söka för innovationsprojekt som pågår i högst två år och som testar "
                "lösningar i verklig miljö, till exempel klimatsmart upphandling, fossilfria "
                "arbetsmaskiner eller energieffektivisering i kommunala lokaler."
            ),
            who=(
                "Projektet ska ha minst tre parter. En kommun, en region eller ett kommunalt "
                "bolag ska ingå som behovsägare. Företag, forskningsinstitut och ideella "
                "organisationer kan delta."
            ),
            how=(
                "Ansökan görs i Vinnovas e-tjänst. Projekten kan få upp till 5 miljoner "
                "kronor och bidraget får vara högst 50 procent av projektets kostnader."
            ),
        ),
        en=Text(
            title="Challenge-driven innovation for climate-neutral municipalities",
            summary=(
                "This offer lets municipalities and their partners develop and test new "
                "solutions that cut emissions from transport, construction and energy use in "
                "their own municipality."
            ),
            what=(
                "You can apply for innovation projects of up to two years that test solutions "
                "in real settings, such as climate-smart procurement, fossil-free work "
                "machinery or energy efficiency in municipal premises."
            ),
            who=(
                "The project must have at least three parties. A municipality, a region or a "
                "municipal company must take part as the owner of the need. Companies, "
                "research institutes and non-profit organisations may take part."
            ),
            how=(
                "Apply through Vinnova's e-service. Projects can receive up to SEK 5 million, "
                "covering at most 50 per cent of the project's costs."
            ),
        ),
    ),
    DemoCall(
        key="vinnova-mobility-data",
        sources=("vinnova",),
        kind="call",
        programme="Vinnova",
        opens=-35,
        deadlines=(12,),  # closing soon
        budget=25_000_000,
        currency="SEK",
        ids={
            "vinnova": "{year}-00455",
            "call": "{prev}-03970",
            "slug": "data-for-hallbar-mobilitet",
        },
        sv=Text(
            title="Data för hållbar mobilitet i mindre städer",
            summary=(
                "Hur kan kollektivtrafik, gång och cykel bli förstahandsval i städer med "
                "under 100 000 invånare? Erbjudandet stöder projekt som delar och använder "
                "data om resor för att planera bättre trafik."
            ),
            what=(
                "Projekt som tar fram gemensamma dataplattformar för resande, testar nya "
                "tjänster för samordnade resor eller använder öppna data i trafikplaneringen."
            ),
            who=(
                "Kommuner, regionala kollektivtrafikmyndigheter, företag och forskningsaktörer "
                "i konsortier med minst en kommun."
            ),
            how="Ansökan görs i Vinnovas e-tjänst. Bidrag upp till 3 miljoner kronor per projekt.",
        ),
        en=Text(
            title="Data for sustainable mobility in smaller towns",
            summary=(
                "How can public transport, walking and cycling become the first choice in "
                "towns of fewer than 100 000 inhabitants? This offer supports projects that "
                "share and use travel data to plan better traffic."
            ),
            who=(
                "Municipalities, regional public transport authorities, companies and "
                "research organisations in consortia with at least one municipality."
            ),
        ),
    ),
    DemoCall(
        key="vinnova-sme",
        sources=("vinnova",),
        kind="call",
        programme="Vinnova",
        opens=-10,
        deadlines=(50,),
        budget=100_000_000,
        currency="SEK",
        ids={
            "vinnova": "{year}-00930",
            "call": "{year}-00120",
            "slug": "innovationsprojekt-i-sma-foretag",
        },
        sv=Text(
            title="Innovationsprojekt i små och medelstora företag",
            summary=(
                "Har ditt företag en idé med stor potential på en internationell marknad? "
                "Erbjudandet finansierar forsknings- och utvecklingsprojekt i små och "
                "medelstora företag."
            ),
            what="Utveckling och verifiering av en ny produkt, tjänst eller process.",
            who="Endast små och medelstora företag med verksamhet i Sverige kan söka.",
            how="Bidraget är högst 2 miljoner kronor och högst 50 procent av kostnaderna.",
        ),
    ),
    DemoCall(
        key="vinnova-public-digital-skills",
        sources=("vinnova",),
        kind="call",
        programme="Vinnova",
        opens=15,
        deadlines=(75,),
        budget=30_000_000,
        currency="SEK",
        ids={
            "vinnova": "{year}-01022",
            "call": "{year}-00288",
            "slug": "kompetenslyft-digitalisering",
        },
        sv=Text(
            title="Kompetenslyft för digitalisering i offentlig sektor",
            summary=(
                "Erbjudandet stöder kommuner och regioner som vill bygga upp sina medarbetares "
                "förmåga att leda och genomföra digitalisering, tillsammans med lärosäten och "
                "andra utbildningsaktörer."
            ),
            what=(
                "Utveckling av utbildningsinsatser som prövas i verksamheten, till exempel om "
                "datadriven verksamhetsutveckling, informationssäkerhet och AI i offentlig "
                "förvaltning."
            ),
            who="Kommuner, regioner och statliga myndigheter i samverkan med utbildningsaktörer.",
            how="Ansökan öppnar i Vinnovas e-tjänst. Bidrag upp till 2 miljoner kronor.",
        ),
        en=Text(
            title="Skills for digital transformation in the public sector",
            summary=(
                "Support for municipalities and regions that want to build their staff's "
                "ability to lead and carry out digital transformation, together with "
                "universities and other education providers."
            ),
        ),
    ),
    DemoCall(
        key="vinnova-water-testbeds",
        sources=("vinnova",),
        kind="call",
        programme="Vinnova",
        opens=None,  # announced without dates
        deadlines=(),
        budget=40_000_000,
        currency="SEK",
        ids={
            "vinnova": "{year}-01105",
            "call": "{year}-00301",
            "slug": "testbaddar-cirkular-vattenhantering",
        },
        facts={"announced_offset": 45},  # AnnonseringslägeÅr/-Period: the month of anchor+45
        sv=Text(
            title="Testbäddar för cirkulär vatten- och avloppshantering",
            summary=(
                "En kommande utlysning för testbäddar där kommunala VA-organisationer, företag "
                "och forskare prövar återvinning av näringsämnen, rening av läkemedelsrester "
                "och biogas från avloppsslam."
            ),
            who="VA-organisationer, kommuner, företag och forskningsaktörer i samverkan.",
        ),
        edition2={"opens": -3, "deadlines": (60,), "facts": {}},  # the dates are published
    ),
    DemoCall(
        key="vinnova-school-environments",
        sources=("vinnova",),
        kind="call",
        programme="Vinnova",
        opens=-110,
        deadlines=(-20,),  # closed
        budget=15_000_000,
        currency="SEK",
        ids={
            "vinnova": "{prev}-04102",
            "call": "{prev}-03855",
            "slug": "halsofraemjande-skolmiljoer",
        },
        sv=Text(
            title="Hälsofrämjande och hållbara skolmiljöer",
            summary=(
                "Projekt där skolor, elever och skolhuvudmän tillsammans utvecklar skolgårdar, "
                "lokaler och skolmåltider som främjar hälsa och lärande."
            ),
            who="Skolhuvudmän, kommuner, företag och ideella organisationer.",
        ),
        en=Text(
            title="Healthy and sustainable school environments",
            summary=(
                "Projects in which schools, pupils and school owners develop school yards, "
                "premises and school meals that promote health and learning."
            ),
        ),
    ),
    DemoCall(
        key="vinnova-internal",
        sources=("vinnova",),
        kind="call",
        programme="Vinnova",
        opens=-5,
        deadlines=(20,),
        currency="SEK",
        ids={"vinnova": "{year}-00077", "call": "{year}-00010", "slug": "intern-omgang"},
        facts={"public": 0},  # not public: the spider must skip it
        sv=Text(
            title="Intern omgång: uppföljning av strategiska innovationsprogram",
            summary="Intern bedömningsomgång som inte är öppen för ansökningar.",
        ),
    ),
    DemoCall(
        key="vinnova-planning-twins",
        sources=("vinnova",),
        kind="call",
        programme="Vinnova",
        opens=-4,
        deadlines=(55,),
        budget=20_000_000,
        currency="SEK",
        first_edition=2,
        ids={
            "vinnova": "{year}-01230",
            "call": "{year}-00340",
            "slug": "digitala-tvillingar-stadsplanering",
        },
        sv=Text(
            title="Digitala tvillingar för stadsplanering",
            summary=(
                "Kommuner som vill använda digitala tvillingar i detaljplanering och "
                "medborgardialog kan söka stöd för att testa verktygen i verkliga planärenden."
            ),
            who="Kommuner i samverkan med företag och forskningsaktörer.",
            how="Bidrag upp till 2 miljoner kronor per projekt.",
        ),
        en=Text(
            title="Digital twins for urban planning",
            summary=(
                "Municipalities that want to use digital twins in detailed planning and "
                "citizen dialogue can apply for support to test the tools in real planning "
                "cases."
            ),
        ),
    ),
)

# --- Tillväxtverket (regional fund) -----------------------------------------------------------

TILLVAXTVERKET_CALLS = (
    DemoCall(
        key="tvv-green-sme",
        sources=("tillvaxtverket",),
        kind="call",
        programme="Europeiska regionala utvecklingsfonden",
        opens=-20,
        deadlines=(35,),
        budget=40_000_000,
        currency="SEK",
        regions=OMS_COUNTIES,
        ids={
            "tillvaxtverket": "7112",
            "slug": "klimatsmartomstallningismaforetagiostramellansverige",
        },
        sv=Text(
            title="Klimatsmart omställning i små och medelstora företag i Östra Mellansverige",
            summary=(
                "Vill ni hjälpa små och medelstora företag i regionen att minska sin "
                "klimatpåverkan och samtidigt bli mer konkurrenskraftiga? Här kan "
                "företagsfrämjande aktörer söka stöd för sådana insatser."
            ),
            who=(
                "Företagsfrämjande aktörer som regioner, kommuner, universitet och "
                "branschorganisationer. Företag kan inte söka själva men kan delta i "
                "projektens aktiviteter."
            ),
            what=(
                "Projekt som ger små och medelstora företag energikartläggningar, rådgivning "
                "om cirkulära affärsmodeller och stöd till gemensamma investeringar i "
                "förnybar energi."
            ),
            how_much=(
                "Utlysningen omfattar totalt 40 miljoner kronor från Europeiska regionala "
                "utvecklingsfonden. Stödet får vara högst 50 procent av projektets kostnader."
            ),
            how=(
                "Erbjudandet ingår i det regionala programmet för Östra Mellansverige och dess "
                "prioritering om grön omställning. Projekten ska bidra till regionernas "
                "strategier för smart specialisering."
            ),
        ),
        edition2={
            "deadlines": (-1,),  # closed early
            "notice_sv": "Utlysningen har stängt i förtid eftersom de avsatta medlen är sökta.",
        },
    ),
    DemoCall(
        key="tvv-testbeds",
        sources=("tillvaxtverket",),
        kind="call",
        programme="Europeiska regionala utvecklingsfonden",
        opens=25,
        deadlines=(90,),
        budget=60_000_000,
        currency="SEK",
        regions=OMS_COUNTIES,
        ids={
            "tillvaxtverket": "7140",
            "slug": "innovationsmiljoerochtestbaddariostramellansverige",
        },
        sv=Text(
            title="Innovationsmiljöer och testbäddar i Östra Mellansverige",
            summary=(
                "En kommande utlysning för att stärka testbäddar och innovationsmiljöer där "
                "företag, offentlig sektor och forskning prövar nya lösningar tillsammans."
            ),
            who="Regioner, kommuner, universitet, högskolor, forskningsinstitut och science parks.",
            what=(
                "Utveckling av testbäddar inom regionernas styrkeområden, till exempel "
                "digitalisering, livsmedel, hälsa och hållbart samhällsbyggande, och insatser "
                "som gör dem tillgängliga för fler företag."
            ),
            how_much=(
                "Totalt 60 miljoner kronor. Stödet får vara högst 60 procent av projektets "
                "kostnader."
            ),
            how="Utlysningen hör till det regionala programmet för Östra Mellansverige.",
        ),
    ),
    DemoCall(
        key="tvv-north-skills",
        sources=("tillvaxtverket",),
        kind="call",
        programme="Europeiska regionala utvecklingsfonden",
        opens=-14,
        deadlines=(40,),
        budget=25_000_000,
        currency="SEK",
        regions=("Dalarna", "Gävleborg", "Värmland"),
        ids={
            "tillvaxtverket": "7098",
            "slug": "kompetensforsorjningforsmartspecialiseringinorramellansverige",
        },
        sv=Text(
            title="Kompetensförsörjning för smart specialisering i Norra Mellansverige",
            summary=(
                "Insatser som hjälper företag i Norra Mellansverige att hitta och utveckla "
                "den kompetens som regionernas styrkeområden kräver."
            ),
            who="Företagsfrämjande aktörer i Dalarnas, Gävleborgs och Värmlands län.",
            what="Kompetensanalyser, branschgemensamma utbildningar och samarbeten med lärosäten.",
            how_much="Totalt 25 miljoner kronor, högst 50 procent av projektets kostnader.",
            how="Utlysningen hör till det regionala programmet för Norra Mellansverige.",
        ),
    ),
    DemoCall(
        key="tvv-transport",
        sources=("tillvaxtverket",),
        kind="call",
        programme="Europeiska regionala utvecklingsfonden",
        opens=-150,
        deadlines=(-60,),  # closed
        budget=30_000_000,
        currency="SEK",
        regions=OMS_COUNTIES,
        ids={"tillvaxtverket": "6954", "slug": "hallbaratransporterochlogistikiostramellansverige"},
        sv=Text(
            title="Hållbara transporter och logistik i Östra Mellansverige",
            summary=(
                "Stöd till projekt som minskar utsläppen från godstransporter och "
                "persontransporter i regionen, till exempel samlastning, laddinfrastruktur "
                "och bättre kopplingar till kollektivtrafiken."
            ),
            who="Kommuner, regioner, företagsfrämjande aktörer och universitet.",
            what=(
                "Förstudier och genomförandeprojekt om samordnad varudistribution, "
                "laddinfrastruktur för tunga fordon och hållbart resande till arbetsplatser."
            ),
            how_much="Totalt 30 miljoner kronor, högst 50 procent av projektets kostnader.",
            how="Utlysningen hör till det regionala programmet för Östra Mellansverige.",
        ),
        edition2={
            "deadlines": (45,),  # reopened with a new deadline
            "notice_sv": "Utlysningen har öppnat igen med en ny sista ansökningsdag.",
        },
    ),
    DemoCall(
        key="tvv-culture",
        sources=("tillvaxtverket",),
        kind="call",
        programme="Europeiska regionala utvecklingsfonden",
        opens=-7,
        deadlines=(55,),
        budget=12_000_000,
        currency="SEK",
        regions=("Östergötland",),
        ids={
            "tillvaxtverket": "7125",
            "slug": "besoksnaringochkulturellaochkreativanaringariostergotland",
        },
        sv=Text(
            title="Besöksnäring och kulturella och kreativa näringar i Östergötland",
            summary=(
                "Projekt som utvecklar besöksmål, evenemang och företag inom kultur och "
                "kreativa näringar i Östergötland så att fler besökare kommer till länet "
                "året runt."
            ),
            who=(
                "Kommuner, regionen, destinationsbolag, kulturinstitutioner och "
                "branschorganisationer."
            ),
            what=(
                "Affärsutveckling för kreativa företag, digitala besöksupplevelser och "
                "samarbeten mellan kulturliv och besöksnäring."
            ),
            how_much="Totalt 12 miljoner kronor, högst 50 procent av projektets kostnader.",
            how="Utlysningen hör till det regionala programmet för Östra Mellansverige.",
        ),
    ),
    DemoCall(
        key="tvv-rolling-feasibility",
        sources=("tillvaxtverket",),
        kind="call",
        programme="Europeiska regionala utvecklingsfonden",
        opens=-200,
        deadlines=(),  # rolling: no deadline, applications taken while money lasts
        budget=500_000,
        currency="SEK",
        regions=OMS_COUNTIES,
        ids={"tillvaxtverket": "6871", "slug": "forstudierforgronomstallningiostramellansverige"},
        facts={"rolling": True},
        sv=Text(
            title="Förstudier för grön omställning i Östra Mellansverige",
            summary=(
                "Stöd till korta förstudier som förbereder större projekt om energi, "
                "cirkulär ekonomi och klimatanpassning i regionens kommuner och företag."
            ),
            who=(
                "Kommuner, regioner och ideella föreningar kan söka. Privatpersoner kan inte söka."
            ),
            what=(
                "Kartläggningar, behovsanalyser och planering av ett kommande genomförandeprojekt."
            ),
            how_much="Högst 500 000 kronor per förstudie, högst 50 procent av kostnaderna.",
            how=(
                "Ni kan söka löpande så länge det finns pengar kvar. Vi fattar beslut inom "
                "åtta veckor från det att ansökan är komplett."
            ),
        ),
    ),
    DemoCall(
        key="tvv-programme-page",
        sources=("tillvaxtverket",),
        kind="programme",
        programme="Europeiska regionala utvecklingsfonden",
        opens=None,
        deadlines=(),
        regions=OMS_COUNTIES,
        ids={"tillvaxtverket": "5904", "slug": "regionalfondsprogrammetforostramellansverige"},
        sv=Text(
            title="Regionalfondsprogrammet för Östra Mellansverige 2021–2027",
            summary=(
                "Programmet beskriver hur pengarna från Europeiska regionala utvecklingsfonden "
                "används i Uppsala, Södermanlands, Östergötlands, Örebro och Västmanlands län."
            ),
            what=(
                "Programmet har fyra prioriteringar: innovation, digitalisering, "
                "konkurrenskraftiga små och medelstora företag och grön omställning."
            ),
            how=(
                "De enskilda utlysningarna inom programmet publiceras som egna sidor med "
                "datum och villkor."
            ),
        ),
    ),
)

# --- Svenska ESF-rådet (ESF+) -----------------------------------------------------------------

ESF_CALLS = (
    DemoCall(
        key="esf-inclusion",
        sources=("esf",),
        kind="call",
        programme="ESF+ Programområde 2: Social inkludering",
        opens=-14,
        deadlines=(28,),
        budget=65_000_000,
        currency="SEK",
        regions=("Östra Mellansverige",),
        ids={"esf": "{yy}-031", "slug": "inkludering-genom-arbete-i-ostra-mellansverige"},
        sv=Text(
            title="Inkludering genom arbete i Östra Mellansverige",
            summary=(
                "Utlysningen riktar sig till projekt som hjälper personer som står långt från "
                "arbetsmarknaden att komma närmare arbete eller studier, med särskilt fokus "
                "på personer med funktionsnedsättning och långvarigt försörjningsstöd."
            ),
            who=(
                "Kommuner, regioner, kommunalförbund, samordningsförbund, ideella "
                "organisationer och företag kan söka. Projekten ska bedrivas i Östra "
                "Mellansverige."
            ),
            what=(
                "Individanpassat stöd, arbetsträning hos arbetsgivare, samverkan mellan "
                "kommunens socialtjänst och arbetsmarknadsenhet samt metoder som kan spridas "
                "till fler kommuner."
            ),
        ),
        edition2={"deadlines": (42,)},  # deadline extended
    ),
    DemoCall(
        key="esf-welfare-skills",
        sources=("esf",),
        kind="call",
        programme="ESF+ Programområde 1: Kompetensförsörjning",
        opens=30,
        deadlines=(100,),
        budget=120_000_000,
        currency="SEK",
        ids={"esf": "{yy}-034", "slug": "kompetensutveckling-for-anstallda-i-valfarden"},
        sv=Text(
            title="Kompetensutveckling för anställda i välfärden",
            summary=(
                "En nationell utlysning för att stärka kompetensen hos anställda inom vård, "
                "omsorg och skola, där behoven av personal växer snabbt."
            ),
            who=(
                "Offentliga och privata arbetsgivare inom välfärden, till exempel kommuner "
                "och regioner, samt deras samarbetsorganisationer."
            ),
            what=(
                "Kompetensanalyser, validering, utbildningsinsatser på arbetstid och "
                "utveckling av arbetsplatslärande."
            ),
        ),
    ),
    DemoCall(
        key="esf-north-youth",
        sources=("esf",),
        kind="call",
        programme="ESF+ Programområde 2: Social inkludering",
        opens=-30,
        deadlines=(20,),
        budget=40_000_000,
        currency="SEK",
        regions=("Övre Norrland",),
        ids={"esf": "{yy}-027", "slug": "unga-till-utbildning-och-arbete-i-ovre-norrland"},
        sv=Text(
            title="Unga till utbildning och arbete i Övre Norrland",
            summary=(
                "Projekt som hjälper unga mellan 16 och 29 år som varken arbetar eller "
                "studerar i Övre Norrland att börja en utbildning eller få ett arbete."
            ),
            who="Organisationer som bedriver verksamhet i Norrbottens och Västerbottens län.",
            what="Uppsökande arbete, studie- och yrkesvägledning och stöd vid övergångar.",
        ),
    ),
    DemoCall(
        key="esf-gender-equal",
        sources=("esf",),
        kind="call",
        programme="ESF+ Programområde 1: Kompetensförsörjning",
        opens=-120,
        deadlines=(-30,),  # closed
        budget=50_000_000,
        currency="SEK",
        regions=("Östra Mellansverige",),
        ids={"esf": "{prev_yy}-078", "slug": "jamstalld-arbetsmarknad-i-ostra-mellansverige"},
        sv=Text(
            title="Jämställd arbetsmarknad i Östra Mellansverige",
            summary=(
                "Utlysningen gällde projekt som minskar skillnaderna mellan kvinnors och mäns "
                "villkor på arbetsmarknaden, till exempel genom att bryta könsuppdelade val "
                "av utbildning och yrke."
            ),
            who=(
                "Arbetsgivare, kommuner, regioner och ideella organisationer i Östra Mellansverige."
            ),
        ),
    ),
    DemoCall(
        key="esf-newcomer-women",
        sources=("esf",),
        kind="call",
        programme="ESF+ Programområde 2: Social inkludering",
        opens=-1,
        deadlines=(70,),
        budget=80_000_000,
        currency="SEK",
        first_edition=2,
        ids={"esf": "{yy}-040", "slug": "vagar-till-arbete-for-nyanlanda-kvinnor"},
        sv=Text(
            title="Vägar till arbete för nyanlända kvinnor",
            summary=(
                "En nationell utlysning för projekt som kombinerar svenska, "
                "samhällsorientering och praktik för nyanlända kvinnor som ännu inte har "
                "kommit in på arbetsmarknaden."
            ),
            who="Kommuner, regioner, ideella organisationer och arbetsgivare.",
        ),
    ),
    # Planned calls, on the "Kommande utlysningar" page: no call number or page yet.
    DemoCall(
        key="esf-planned-digital-skills",
        sources=("esf",),
        kind="call",
        programme="ESF+ Programområde 1: Kompetensförsörjning",
        opens=None,
        deadlines=(),
        budget=70_000_000,
        currency="SEK",
        regions=("Östra Mellansverige",),
        ids={"slug": "digital-kompetens-for-anstallda-i-offentlig-sektor"},
        facts={"planned": "month", "planned_offset": 75},  # "Planerad öppning: <month year>"
        sv=Text(
            title="Digital kompetens för anställda i offentlig sektor",
            summary=(
                "En planerad utlysning för insatser som ger anställda i kommuner och regioner "
                "den digitala kompetens som nya arbetssätt kräver."
            ),
            who=(
                "Kommuner, regioner och statliga myndigheter i Östra Mellansverige kan söka, "
                "ensamma eller tillsammans."
            ),
        ),
    ),
    DemoCall(
        key="esf-planned-young-adults",
        sources=("esf",),
        kind="call",
        programme="ESF+ Programområde 2: Social inkludering",
        opens=50,
        deadlines=(110,),
        budget=45_000_000,
        currency="SEK",
        regions=("Östra Mellansverige",),
        ids={"slug": "unga-vuxna-som-varken-arbetar-eller-studerar"},
        facts={"planned": "prose"},  # its dates only in a sentence of the text
        sv=Text(
            title="Unga vuxna som varken arbetar eller studerar",
            summary=(
                "Projekt som når unga vuxna mellan 20 och 29 år som står utanför både arbete "
                "och studier och som behöver samordnat stöd från flera aktörer."
            ),
            who="Kommuner, samordningsförbund och ideella organisationer kan söka.",
        ),
    ),
)

# --- Interreg (interreg.eu search and the Baltic Sea Region feed) ----------------------------

# The Swedish part of Central Baltic and its partners (NUTS 3), from the programme's area.
CENTRAL_BALTIC_NUTS = (
    "SE110",
    "SE121",
    "SE122",
    "SE123",
    "SE124",
    "SE125",
    "SE214",
    "SE313",
    "FI1B1",
    "FI1C1",
    "FI1C2",
    "FI1C4",
    "FI197",
    "FI200",
    "EE001",
    "EE004",
    "EE008",
    "LV003",
    "LV006",
    "LV007",
    "LV008",
    "LV009",
)

INTERREG_CALLS = (
    DemoCall(
        key="interreg-bsr-core",
        sources=("interreg", "interreg_bsr"),  # the same call seen from two sources
        kind="call",
        programme="Interreg Baltic Sea Region",
        opens=-18,
        deadlines=(50,),
        budget=45_000_000,
        regions=("DE", "DK", "EE", "FI", "LT", "LV", "NO", "PL", "SE"),
        applicants=(
            "Local public authority",
            "Regional public authority",
            "Sectoral agency",
            "Higher education and research organisations",
            "Interest groups including NGOs",
        ),
        ids={
            "interreg": "4410",
            "interreg_bsr": "24702",
            "slug": "call-for-core-projects-water-smart-and-climate-neutral",
        },
        facts={"themes": ["Greener Europe", "Smarter Europe"]},
        en=Text(
            title=(
                "Interreg Baltic Sea Region: call for core projects on water-smart and "
                "climate-neutral societies"
            ),
            summary=(
                "The programme invites partnerships from around the Baltic Sea to apply for "
                "core projects that make municipalities and regions water-smart and "
                "climate-neutral: better stormwater and wastewater management, circular use "
                "of nutrients, energy planning and low-carbon public transport."
            ),
            what=(
                "Core projects test and roll out solutions with public authorities as "
                "their owners, run for up to three years and involve partners from at least "
                "three countries of the programme area."
            ),
            who=(
                "Public authorities at local, regional and national level, research "
                "institutions, NGOs and sectoral agencies from the programme area. The whole "
                "of Sweden is in the programme area."
            ),
            how_much="Up to EUR 3 million per project; the co-financing rate is 80 %.",
        ),
        edition2={
            "deadlines": (64,),  # extended by two weeks
            "notice_en": "The deadline for full applications has been extended by two weeks.",
        },
    ),
    DemoCall(
        key="interreg-central-baltic",
        sources=("interreg",),
        kind="call",
        programme="Interreg Central Baltic",
        opens=10,
        deadlines=(70,),
        budget=6_000_000,
        regions=CENTRAL_BALTIC_NUTS,
        applicants=(
            "Local public authority",
            "Regional public authority",
            "Interest groups including NGOs",
        ),
        ids={"interreg": "4422", "slug": "central-baltic-small-projects-tourism-and-culture"},
        facts={"themes": ["Greener Europe", "Europe closer to citizens"]},
        en=Text(
            title="Central Baltic: small projects for sustainable tourism and culture",
            summary="Small cross-border projects in sustainable tourism and culture.",
        ),
    ),
    DemoCall(
        key="interreg-south-baltic",
        sources=("interreg",),
        kind="call",
        programme="Interreg South Baltic",
        opens=-45,
        deadlines=(6,),  # closing soon
        budget=8_000_000,
        regions=(
            "SE212",
            "SE213",
            "SE221",
            "SE224",
            "DK014",
            "DK021",
            "DE801",
            "DE803",
            "PL633",
            "PL634",
            "LT023",
        ),
        applicants=("Local public authority", "Sectoral agency", "SME"),
        ids={"interreg": "4391", "slug": "south-baltic-green-ports-and-maritime-cooperation"},
        facts={"themes": ["Greener Europe"]},
        en=Text(
            title="South Baltic: green ports and maritime cooperation",
            summary="Cooperation between small ports on emissions and shore power.",
        ),
    ),
    DemoCall(
        key="interreg-oks",
        sources=("interreg",),
        kind="call",
        programme="Interreg Öresund-Kattegat-Skagerrak",
        opens=-30,
        deadlines=(40,),
        budget=10_000_000,
        regions=(
            "SE224",
            "SE231",
            "SE232",
            "DK011",
            "DK012",
            "DK013",
            "DK014",
            "DK021",
            "DK050",
            "NO081",
            "NO082",
            "NO091",
        ),
        applicants=("Regional public authority", "Hospitals and medical centres", "SME"),
        ids={"interreg": "4405", "slug": "oks-cross-border-health-innovation"},
        facts={"themes": ["Smarter Europe", "Social Europe"]},
        en=Text(
            title="Öresund-Kattegat-Skagerrak: cross-border health innovation",
            summary="Health innovation between hospitals and companies across the border.",
        ),
    ),
    DemoCall(
        key="interreg-alpine",
        sources=("interreg",),
        kind="call",
        programme="Interreg Alpine Space",
        opens=-20,
        deadlines=(30,),
        budget=12_000_000,
        regions=("AT", "CH", "DE", "FR", "IT", "LI", "SI"),
        applicants=("Local public authority", "Regional public authority"),
        ids={"interreg": "4398", "slug": "alpine-space-climate-resilient-mountain-communities"},
        facts={"themes": ["Greener Europe"]},
        en=Text(
            title="Alpine Space: climate-resilient mountain communities",
            summary="Climate adaptation in Alpine municipalities and valleys.",
        ),
    ),
)

INTERREG_BSR_ITEMS = (
    DemoCall(
        key="interreg-bsr-small",
        sources=("interreg_bsr",),
        kind="call",
        programme="Interreg Baltic Sea Region",
        opens=-8,
        deadlines=(40,),
        ids={
            "interreg_bsr": "24816",
            "slug": "small-projects-call-youth-participation-and-citizen-dialogue",
        },
        en=Text(
            title="Small projects call: youth participation and citizen dialogue",
            summary=(
                "A call for small projects that help municipalities around the Baltic Sea "
                "involve young people in local decisions, with youth councils, school "
                "projects and digital tools for citizen dialogue."
            ),
            what=(
                "Small projects last up to a year and bring together at least three partners "
                "from three countries; they prepare cooperation that can grow into a core "
                "project."
            ),
            who="Public authorities, schools, youth organisations and other NGOs.",
            how_much="Up to EUR 500 000 per project.",
        ),
    ),
    DemoCall(
        key="interreg-bsr-news",
        sources=("interreg_bsr",),
        kind="news",
        programme="Interreg Baltic Sea Region",
        opens=-3,  # the publication day
        deadlines=(),
        ids={"interreg_bsr": "24790", "slug": "water-smart-projects-share-results-in-tallinn"},
        en=Text(
            title="Water-smart projects share their results at a seminar in Tallinn",
            summary=(
                "More than a hundred participants met in Tallinn to hear how finished "
                "projects reduced nutrient leakage from farms and towns. Presentations and "
                "photos are now on the programme's website."
            ),
        ),
    ),
)

# --- The coordinator's feeds (an invented city-innovation initiative) -------------------------

FEED_ITEMS = (
    DemoCall(
        key="feeds-greening",
        sources=("feeds",),
        kind="call",
        programme="Urban Futures Initiative",
        opens=-25,
        deadlines=(65,),
        ids={"feeds": "ufi-call-4", "slug": "fourth-call-innovative-actions-greening-cities"},
        en=Text(
            title="Fourth call for innovative actions: greening cities",
            summary=(
                "Urban authorities of cities with at least 50 000 inhabitants can apply for up "
                "to EUR 5 million to test bold solutions for urban greening: green corridors, "
                "depaved school yards, urban forests and nature-based solutions against heat."
            ),
            who="Urban authorities and their delivery partners.",
        ),
    ),
    DemoCall(
        key="feeds-exchanges",
        sources=("feeds",),
        kind="call",
        programme="Urban Futures Initiative",
        opens=-9,
        deadlines=(21,),
        ids={"feeds": "ufi-exchange-2", "slug": "city-to-city-exchanges-participatory-budgeting"},
        en=Text(
            title="City-to-city exchanges on participatory budgeting: applications open",
            summary=(
                "Cities can apply to join a peer-learning exchange in which staff and elected "
                "members visit a city that lets residents decide on part of its budget, and "
                "then test the approach at home."
            ),
            who="Municipalities of any size.",
        ),
    ),
    DemoCall(
        key="feeds-results",
        sources=("feeds",),
        kind="news",
        programme="Urban Futures Initiative",
        opens=-2,
        deadlines=(),
        ids={"feeds": "ufi-news-results-3", "slug": "results-third-call-twelve-cities-selected"},
        en=Text(
            title="Results of the third call: twelve cities selected",
            summary=(
                "Twelve cities from nine countries were selected in the third call and will "
                "start their projects on housing and energy in the autumn."
            ),
        ),
    ),
    DemoCall(
        key="feeds-small-towns",
        sources=("feeds",),
        kind="call",
        programme="Urban Futures Initiative",
        opens=-1,
        deadlines=(80,),
        first_edition=2,
        ids={"feeds": "ufi-capacity-small-towns", "slug": "capacity-building-call-small-towns"},
        en=Text(
            title="Capacity-building call for small towns",
            summary=(
                "Towns with fewer than 50 000 inhabitants can apply for expert support to "
                "prepare an integrated strategy for sustainable urban development."
            ),
            who="Towns and municipalities with fewer than 50 000 inhabitants.",
        ),
    ),
)

CATALOGUE: tuple[DemoCall, ...] = (
    SEDIA_CALLS
    + VINNOVA_CALLS
    + TILLVAXTVERKET_CALLS
    + ESF_CALLS
    + INTERREG_CALLS
    + INTERREG_BSR_ITEMS
    + FEED_ITEMS
)


def calls_for(source: str, edition: int) -> list[DemoCall]:
    """The items ``source`` publishes in ``edition``, as published then."""
    found = []
    for call in CATALOGUE:
        if source in call.sources:
            current = call.in_edition(edition)
            if current is not None:
                found.append(current)
    return found


def check_catalogue() -> None:
    """ValueError when the catalogue is inconsistent (unknown kind, duplicate key)."""
    keys = [c.key for c in CATALOGUE]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate keys in the demo catalogue")
    for call in CATALOGUE:
        if call.kind not in KINDS:
            raise ValueError(f"{call.key}: unknown kind {call.kind!r}")
        if call.sv is None and call.en is None:
            raise ValueError(f"{call.key}: no text")
