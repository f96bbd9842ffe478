"""The eligibility gate: can this municipality use this call? pass / fail / unknown, and why.

Checks, each a fact with a Swedish reason: what the record is (only calls can be applied to),
the dates (open or forthcoming, with a known window), who may apply (the structured applicant
types first; then actions with one kind of applicant by their programme's rules; then the
text: "only …", a pitch or offer to companies, public bodies named; then a programme's
general rules, as Horizon Europe's: what the programmes' rules say is
:mod:`matcher.programme_rules`), the region (:mod:`matcher.region_check`: the regions a
source or a Swedish fund call names, Interreg programme areas, national programmes of other
countries, where the text says the work is done), and the programmes the priorities file
excludes.
"""

from __future__ import annotations

import re
from datetime import date

from db.records import Call
from db.status import PRELIMINARY, next_deadline, past_named_year, planned_dates, window
from matcher.explain import Fact, fact
from matcher.programme_rules import (
    MISSION_CITIES,
    MISSION_CITIES_SE,
    PERSON_PRIZE,
    city_award,
    general_rules_reason,
    programme_audience,
    urban_actions_size,
)
from matcher.region_check import region_fact
from matcher.sentences import QUOTE_LENGTH, RULE, sentence_of
from priorities import Priorities

KIND_SV = {
    "call": "utlysning",
    "programme": "programsida",
    "news": "nyhet",
    "offer_individuals": "erbjudande till privatpersoner",
}
# Applicant types as a Swedish reader says them, in the order they are listed.
APPLICANT_SV = {
    "municipality": "kommuner",
    "region": "regioner",
    "public_body": "offentliga organisationer",
    "national_authority": "nationella och regionala myndigheter",
    "research_funder": "finansiärer av forskning och innovation (programägare och -förvaltare)",
    "sector_body": "bransch- och producentorganisationer",
    "social_partner": "arbetsmarknadens parter (fackliga organisationer och "
    "arbetsgivarorganisationer)",
    "trade_union": "fackliga organisationer",
    "project_promoter": "projektägare av projekt på EU:s förteckning över projekt av gemensamt "
    "intresse",
    "company": "företag",
    "sme": "små och medelstora företag",
    "university": "universitet och högskolor",
    "research": "forskningsorganisationer",
    "ngo": "ideella organisationer",
    "individual": "privatpersoner",
}
# A municipality may apply when the source names municipalities, or public bodies in general
# (a municipality is one). Regions alone do not include municipalities.
MUNICIPAL_TYPES = ("municipality", "public_body")

# Public bodies a text names. "cities and regions" in small letters only (but for a
# sentence's first letter): with capitals it is an initiative's name ("the EU Circular
# Cities and Regions Initiative"), not who takes part.
_PUBLIC = re.compile(
    r"\b(kommun(er|erna)?|municipalit(y|ies)|local (and regional )?authorit(y|ies)|"
    r"regional (and local )?authorit(y|ies)|local governments?|public (bodies|body|authorit"
    r"(y|ies)|sector organisations?|organi[sz]ations?|actors|administrations?)|"
    r"offentlig(a)? (aktörer|organisationer|sektorn|myndigheter)|urban authorit(y|ies)|"
    r"(?-i:[Cc]ities and regions))\b",
    re.IGNORECASE,
)
_ONLY = re.compile(
    r"\b(endast|enbart|bara|only|exclusively)\b[^.\n]{0,60}?\b(företag\w*|bolag\w*|SMEs?|"
    r"small and medium-sized enterprises|companies|start-?ups?|migrationsverket|"
    r"universit\w*|research organisations?|forskningsorganisationer|högskol\w*|"
    # EU agencies' grants for the bodies the Member States designate (EFSA's Article 36 list).
    r"competent organi[sz]ations?)",
    re.IGNORECASE,
)
# A sentence on the money a project passes on to others ("FSTP funding can be provided only
# to SME participants"): who receives the sub-grants, not who may apply.
_PASSED_ON = re.compile(
    r"\b(FSTP|(financial )?support to third parties|third-party (funding|support)|"
    r"cascade funding|sub-?grants?)\b",
    re.IGNORECASE,
)
# A Swedish call whose funds go to one named state agency ("Utlysning av medel till
# Migrationsverket", "… avser medel till Migrationsverket": the Swedish AMIF's calls earmarked
# for the agency's own remit). Funds "till aktörer inom …", or to an agency and others ("till
# Migrationsverket och kommuner"), are not.
_AGENCY_FUNDS = re.compile(
    r"\b(?i:utlysning av|avser|går till)\s+medel\s+till\s+"
    r"(?:[A-ZÅÄÖ]\w*(?:verket|myndigheten|styrelsen|ämbetet|inspektionen|vården)|"
    r"Kustbevakningen|Tullverket)\b(?!\s*(?:,|och\b|samt\b|eller\b|m\.fl\.))"
)
# A Swedish call that speaks to a company: its opening words ("Är du ett företag…", "Planerar
# ditt företag…", "Vi välkomnar nu små och medelstora företag…", "Du som representerar ett
# litet eller medelstort företag …") or whom it says it is for
# ("Utlysningen riktar sig till startups och scaleups").
_COMPANY_PITCH = re.compile(
    r"^\s*(är du ett|vi söker|har ditt|har du ett|planerar ditt|vi välkomnar|vill du|vill ni|"
    r"du som representerar ett)\b"
    r"[^.?\n]{0,60}?"
    r"(företag|bolag)|\briktar sig (främst |enbart |särskilt )?till\b[^.\n]{0,30}?"
    r"\b(små och medelstora företag|företag\w*|bolag\w*|start-?ups?|scale-?ups?)\b",
    re.IGNORECASE,
)
# Anywhere in the title or text: an offer addressed to Swedish companies ("bjuder in svenska
# företag", "Möjlighet för svenska företag att …", "delegationsresa … för bolag"), or a
# sentence whose applicants are companies alone ("Svenska små och medelstora företag med
# gröna lösningar är välkomna att ansöka", "Företag kan söka …"), unless others are invited
# too ("svenska företag och andra aktörer").
_COMPANY_ADDRESS = re.compile(
    r"(\b(bjuder in|välkomnar|stötta|stödjer|stödja|hjälper|hjälpa)\b(\s+\w+){0,5}?\s+"
    r"svenska\s+\w*(företag|bolag)\b|\bför (små och medelstora )?svenska \w*(företag|bolag)\b|"
    r"\bför bolag\b|^\s*företag med\b|"
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:svenska\s+)?(?:små\s+och\s+medelstora\s+)?\w*(?:företag|bolag)\b"
    r"(?:\s+(?:med|som|inom)\b[^.\n,]{0,60}?)?\s+(?:är\s+välkomna\s+att|kan|får)\s+"
    r"(?:an)?söka\b)(?!\s+(och|samt|eller) (andra|övriga|offentliga)\b)",
    re.IGNORECASE,
)


def _closed_reason(call: Call, today: date) -> str:
    """Why a closed call is closed: its last deadline, the day its source's list gives it,
    the years its title names, or the source's word."""
    dates = window(call.extra)
    named, spring, listed = (dates[k] for k in ("named_year", "named_spring", "listed_closed"))
    if call.deadline:
        return f"Stängd: sista ansökningsdag var {call.deadline}."
    if listed and listed < today.isoformat():
        return f"Stängd: enligt källans lista över utlysningar var den stängd senast {listed}."
    if spring and past_named_year(named, today, spring):
        return (
            "Stängd: källan anger ingen sista ansökningsdag, och enligt titeln gällde "
            f"utlysningen våren {named}."
        )
    if past_named_year(named, today) and (number := call.extra.get("named_by_number")):
        return (
            "Stängd: källan anger ingen sista ansökningsdag, och enligt källans beteckning "
            f"för utlysningen ({number}) är den från {named}."
        )
    if past_named_year(named, today) and call.extra.get("named_in_text"):
        return (
            "Stängd: källan anger ingen sista ansökningsdag, och enligt texten gällde "
            f"ansökningsomgången {named}."
        )
    if past_named_year(named, today):
        return (
            "Stängd: källan anger ingen sista ansökningsdag, och titeln nämner inget år "
            f"efter {named}."
        )
    return "Stängd enligt källan."


def _status_fact(call: Call, today: date) -> Fact:
    status = call.status(today)
    upcoming = next_deadline(call.deadlines, today)
    if status == "closed":
        return fact("status", "fail", _closed_reason(call, today))
    preliminary, planned_opening = planned_dates(call.extra)
    if not call.has_window():
        if planned_opening:
            return fact(
                "status",
                "unknown",
                f"Planerad öppning {planned_opening} ({PRELIMINARY}); källan anger inga datum "
                "ännu.",
            )
        return fact(
            "status",
            "unknown",
            "Datum saknas: källan anger varken öppning, sista ansökningsdag eller löpande ansökan.",
        )
    if status == "forthcoming":
        note = f" ({PRELIMINARY})" if preliminary else ""
        return fact("status", "pass", f"Kommande: öppnar {call.opening_date}{note}.")
    if status == "open" and preliminary:
        # The planned opening has passed, but the source still lists the call as coming.
        if call.opening_date:
            when = f"Planerad att öppna {call.opening_date}"
        elif upcoming:
            when = f"Planerad med sista ansökningsdag {upcoming}"
        else:
            when = "Planerad"
        return fact(
            "status",
            "unknown",
            f"{when} ({PRELIMINARY}), men källan listar den ännu bland kommande utlysningar; "
            "kontrollera att den har öppnat.",
        )
    if status == "open":
        if upcoming:
            reason = f"Öppen: sista ansökningsdag {upcoming}."
        elif call.rolling:
            reason = "Öppen: löpande ansökan."
        else:
            reason = f"Öppen sedan {call.opening_date}; sista ansökningsdag anges inte."
        return fact("status", "pass", reason)
    return fact(
        "status",
        "unknown",
        f"Öppnade {call.opening_date}; okänt om den fortfarande är öppen "
        "(ingen sista ansökningsdag anges).",
    )


def _kind_fact(call: Call) -> Fact | None:
    if call.kind == "call":
        return None
    return fact("slag", "fail", f"Inte en utlysning utan en {KIND_SV.get(call.kind, call.kind)}.")


def _words(types: list[str]) -> str:
    """``företag``, ``företag samt universitet och högskolor``, … for the types given."""
    words = list(dict.fromkeys(APPLICANT_SV[t] for t in APPLICANT_SV if t in types))
    if "företag" in words and "små och medelstora företag" in words:
        words.remove("små och medelstora företag")  # companies include SMEs
    if len(words) == 1:
        return words[0]
    return ", ".join(words[:-1]) + " samt " + words[-1]


def applicant_types_fact(types: list[str], *, exclusive: bool = True) -> Fact | None:
    """The fact the structured applicant types give, or None when none are known.

    Pass when municipalities or public bodies may apply. When they are not among the types,
    fail only if the list is the whole list (``exclusive``: the source's own who-may-apply
    section, or words that limit it, "endast företag"); a list read from passing sentences
    of a text names some applicants, not all, so the check is then unknown, never a false
    "only companies" that would hide a call from every municipality.
    """
    known = [t for t in types if t in APPLICANT_SV]
    if not known:
        return None
    if "municipality" in known:
        return fact("sökande", "pass", "Kommuner kan söka.")
    if "public_body" in known:
        return fact("sökande", "pass", "Offentliga organisationer kan söka; kommuner räknas dit.")
    if not exclusive:
        return fact(
            "sökande",
            "unknown",
            f"Texten nämner {_words(known)} som sökande men inte kommuner; läs villkoren.",
        )
    return fact("sökande", "fail", f"Endast {_words(known)}.")


def _general_rules_fact(call: Call) -> Fact | None:
    """The applicant check by a programme's general rules (None for other programmes)."""
    reason = general_rules_reason(call)
    return None if reason is None else fact("sökande", "pass", reason)


def _programme_audience_fact(call: Call) -> Fact | None:
    """The applicant check a known single-audience action gives (None for other calls)."""
    if PERSON_PRIZE.search(f"{call.title} | {call.extra.get('call_title') or ''}"):
        return fact(
            "sökande",
            "fail",
            "Ett pris till enskilda personer (innovatörer, forskare, forskarlag), inte till en "
            "organisation.",
        )
    types = programme_audience(call)
    found = applicant_types_fact(list(types)) if types else None
    if found is not None:
        found["reason"] = found["reason"].rstrip(".") + " enligt programmets regler."
    return found


def _inhabitants(number: int) -> str:
    return f"{number:,}".replace(",", " ")


# What a size check without the municipality's inhabitants asks for.
_ASK_POPULATION = (
    "skriv kommunens antal invånare i prioriteringsfilens sökandeprofil (invånare: …) så "
    "prövas det."
)


def city_size_fact(call: Call, population: int | None) -> Fact | None:
    """Whether the municipality is of the size an award to cities, or the European Urban
    Initiative's Innovative Actions, are for (None for other calls); unknown, saying how to
    tell, when the priorities file gives no ``invånare``."""
    least_together = urban_actions_size(call)
    if least_together is not None:
        return _urban_actions_fact(least_together, population)
    found = city_award(call)
    if found is None:
        return None
    name, least, most = found
    if most is None and least % 10 == 1:  # "more than 100,000"
        size = f"fler än {_inhabitants(least - 1)} invånare"
    elif most is None:
        size = f"minst {_inhabitants(least)} invånare"
    else:
        size = f"{_inhabitants(least)}–{_inhabitants(most)} invånare"
    if population is None:
        return fact(
            "storlek",
            "unknown",
            f"{name} är för städer med {size}; {_ASK_POPULATION}",
        )
    fits = least <= population and (most is None or population <= most)
    said = f"{name} är för städer med {size}; kommunen har {_inhabitants(population)}."
    return fact("storlek", "pass" if fits else "fail", said)


def _urban_actions_fact(least: int, population: int | None) -> Fact:
    """The size check of an Innovative Actions call: a smaller municipality may apply only in
    a grouping of urban authorities that together reach the size, so it is unknown, not a
    failure."""
    rule = (
        f"EUI:s innovativa åtgärder är för kommuner med minst {_inhabitants(least)} invånare, "
        "eller för flera kommuner som söker tillsammans och har så många"
    )
    if population is None:
        return fact(
            "storlek",
            "unknown",
            f"{rule}; {_ASK_POPULATION}",
        )
    if population >= least:
        return fact("storlek", "pass", f"{rule}; kommunen har {_inhabitants(population)}.")
    return fact(
        "storlek",
        "unknown",
        f"{rule}; kommunen har {_inhabitants(population)} och kan bara söka tillsammans med "
        "andra kommuner.",
    )


def _applicant_fact(call: Call) -> Fact:
    """Who may apply, from the strongest evidence there is.

    Applicant types that are the whole list come first: the source's own who-may-apply
    words, or words that limit them ("endast", "only") or exclude municipalities. Other
    types were read from passing sentences of the text (:func:`crawler.facts.complete`) and
    name some applicants, not all: they pass a call that names municipalities or public
    bodies, but the programmes' own rules come before them, and the call's words (a pitch to
    companies, a programme's general rules) before an "unknown" from them. Where a
    programme's rule and the call's own limiting words both fail a municipality, the call's
    words are quoted: they say it more exactly ("Only competent organisations … are
    eligible").
    """
    exclusive = bool(
        call.applicants
        or call.extra.get("applicants_only")
        or "municipality" in (call.extra.get("applicants_excluded") or [])
    )
    structured = applicant_types_fact(call.applicant_types, exclusive=exclusive)
    if structured is not None and exclusive:
        return structured
    audience = _programme_audience_fact(call)
    if audience is not None and audience["result"] == "fail":
        # The call's own limiting words, where it has them, say the same more exactly.
        said = _text_applicant_fact(call)
        return said if said is not None and said["result"] == "fail" else audience
    if audience is not None:
        return audience
    if structured is not None and structured["result"] == "pass":
        return structured
    # No structured types, or only some read from passing sentences: what the text says.
    return _text_applicant_fact(call) or structured or _section_fact(call)


def _section_fact(call: Call) -> Fact:
    """The unknown applicant check: quoting the words of the text that say who may apply but
    name no applicant type (``extra["applicants_section"]``: "Koordinatorn ska vara en
    organisation inom vård och omsorg …", "Regionala energikontor kan ansöka …") when there
    are some, since "framgår inte" would be untrue."""
    section = " ".join(str(call.extra.get("applicants_section") or "").split())
    if not section:
        return fact("sökande", "unknown", "Vem som kan söka framgår inte; läs villkoren.")
    if len(section) > QUOTE_LENGTH:
        cut = section.rfind(" ", 0, QUOTE_LENGTH)
        section = section[: cut if cut > 0 else QUOTE_LENGTH].rstrip(" ,;:") + "…"
    return fact(
        "sökande", "unknown", f'Om vem som kan söka säger texten: "{section}"; läs villkoren.'
    )


def _text_applicant_fact(call: Call) -> Fact | None:
    """The applicant check read from the words of a call (None when they do not say)."""
    text = f"{call.applicants or ''}\n{call.title}. {call.description}"
    only = next(
        (m for m in _ONLY.finditer(text) if not _PASSED_ON.search(sentence_of(text, m))), None
    )
    if only and not _PUBLIC.search(only.group(0)) and "exclud" not in sentence_of(text, only):
        return fact("sökande", "fail", f'Begränsad krets sökande: "{sentence_of(text, only)}"')
    own_words = f"{call.description or ''}\n{call.title}"  # the text's sentence first
    agency = _AGENCY_FUNDS.search(own_words)
    if agency:
        said = sentence_of(own_words, agency)
        return fact("sökande", "fail", f'Medlen går till en statlig myndighet: "{said}"')
    # Spoken to companies: a pitch opening the text, or an offer to Swedish companies.
    quoted = call.description or ""
    company = _COMPANY_PITCH.search(quoted)
    if company is None:
        quoted = text
        company = _COMPANY_ADDRESS.search(text)
    if company and not _PUBLIC.search(text):
        return fact("sökande", "fail", f'Riktar sig till företag: "{sentence_of(quoted, company)}"')
    # A rule on the cities a project must hold says more than any mention of public bodies.
    cities = next((m for m in _CITIES.finditer(text) if RULE.search(sentence_of(text, m))), None)
    if cities is not None:
        said = sentence_of(text, cities)
        lead = "Städer ska delta enligt texten"
        mission = next(
            (m for m in MISSION_CITIES.finditer(text) if RULE.search(sentence_of(text, m))), None
        )
        if mission is not None:
            said = sentence_of(text, mission)
            swedish = ", ".join(MISSION_CITIES_SE[:-1]) + " och " + MISSION_CITIES_SE[-1]
            lead += (
                ", och bland dem städer ur EU-uppdragets 112 klimatneutrala och smarta städer "
                f"(i Sverige {swedish}); andra kommuner kan delta tillsammans med dem"
            )
        return fact("sökande", "pass", f'{lead}: "{said}"')
    # A call's title is what it is about, not who may apply ("MCP on … Public
    # Administrations", "Using the Circular Cities and Regions Initiative to …"): only
    # mentions in its text are read.
    title_starts = len(call.applicants or "") + 1
    public, as_applicant = _public_mention(
        text, skip=(title_starts, title_starts + len(call.title))
    )
    if public and as_applicant:
        said = sentence_of(text, public)
        return fact("sökande", "pass", f'{_public_applicants(public[0], said)}: "{said}"')
    # A programme's general rules speak for a call that says nothing of who may apply; the
    # call's own words on it (``extra["applicants_section"]``) are quoted instead.
    general = None if call.extra.get("applicants_section") else _general_rules_fact(call)
    if general is not None or public is None:
        return general
    return _public_users_fact(text, public)


# The cities a project must take in or work in ("Each project … must involve entities from at
# least four cities …", "… should include at least three cities of the 112 selected …", "At
# least one of the cities selected for twinning is expected to be …"): a rule
# (:data:`matcher.sentences.RULE` in its sentence) that cities take part, as partners or as
# the places the work is done.
_CITIES = re.compile(
    r"\bat least (?:one|two|three|four|five|six|\d{1,2})\b(?: [\w-]+){0,3}? "
    r"(?:cities|municipalities|towns)\b",
    re.IGNORECASE,
)


def _public_users_fact(text: str, public: re.Match[str]) -> Fact:
    """Unknown: the text names public bodies, but not as those who apply or take part."""
    return fact(
        "sökande",
        "unknown",
        f'Offentliga aktörer nämns, men inte att de kan söka: "{sentence_of(text, public)}"; '
        "läs villkoren.",
    )


# Words that put the public bodies an English sentence names among those who take part:
# applying, partners, piloting, being supported. Without them ("public authorities can
# search the platform", "tools for public authorities") they are users or beneficiaries.
_TAKING_PART = re.compile(
    r"\b(appl(y|ies|icants?|ications?)|eligib\w*|consorti\w*|partners?(hips?)?|"
    r"participa\w*|beneficiar\w*|involv\w*|engag\w*|together with|collaborat\w*|"
    r"co-?creat\w*|cooperat\w*|led by|lead\w*|coordinat\w*|pilot\w*|demonstrat\w*|"
    r"implement\w*|(?<!-)test\w*|submit\w*|propos\w*|invited?|open to|target\w*|aimed at|"
    r"addressed to|support(s|ed|ing)?)\b",
    re.IGNORECASE,
)


# A sentence that says in so many words that those it names may apply ("Kommuner kan nu
# ansöka om …", "Local authorities are eligible …").
_MAY_APPLY = re.compile(
    r"\b(kan|får)( nu| också| även)? (an)?söka\b|\b(may|can) (also )?apply\b|"
    r"\bare eligible\b|\beligible (applicants|to apply)\b",
    re.IGNORECASE,
)
_MUNICIPAL_WORDS = re.compile(
    r"^(kommun|municipalit|local (and regional )?authorit|local government|urban authorit)",
    re.IGNORECASE,
)


def _public_applicants(named: str, sentence: str) -> str:
    """The lead-in of the quoted sentence: what it says of the public bodies it names.
    "Kommuner kan söka enligt texten" when it says municipalities may apply,
    "Offentliga organisationer kan söka enligt texten" when it says so of public bodies in
    general, else "Offentliga aktörer nämns" (as partners, pilots or those a call is for)."""
    if not _MAY_APPLY.search(sentence):
        return "Offentliga aktörer nämns"
    if _MUNICIPAL_WORDS.match(named):
        return "Kommuner kan söka enligt texten"
    return "Offentliga organisationer kan söka enligt texten"


def _public_mention(text: str, skip: tuple[int, int] = (0, 0)) -> tuple[re.Match[str] | None, bool]:
    """The first public bodies a text names as taking part (and True), else the first it
    names at all (and False), leaving out those named between the offsets ``skip``. Swedish
    words ("kommuner", "offentliga aktörer") count as taking part: Swedish calls name them as
    applicants."""
    first = None
    for match in _PUBLIC.finditer(text):
        if skip[0] <= match.start() < skip[1]:
            continue
        swedish = match.group(0).lower().startswith(("kommun", "offentlig"))
        if swedish or _TAKING_PART.search(sentence_of(text, match)):
            return match, True
        first = first or match
    return first, False


def _programme_fact(call: Call, priorities: Priorities) -> Fact | None:
    programme = (call.programme or "").lower()
    for excluded in priorities.excluded_programmes:
        if excluded.lower() in programme:
            return fact(
                "program", "fail", f"Programmet är uteslutet i prioriteringsfilen ('{excluded}')."
            )
    return None


def check_eligibility(
    call: Call, priorities: Priorities, today: date | None
) -> tuple[str, list[Fact]]:
    """The overall result and its facts. ``today`` None skips the date check (evaluation).

    Overall: fail if any check fails; pass if every check passes (the dates, municipalities
    among the applicants, the region); unknown otherwise.
    """
    facts: list[Fact] = []
    kind = _kind_fact(call)
    if kind:
        facts.append(kind)
    if today is not None:
        facts.append(_status_fact(call, today))
    facts.append(_applicant_fact(call))
    profile = priorities.applicant_profile
    size = city_size_fact(call, profile.population if profile else None)
    if size:
        facts.append(size)
    facts.append(region_fact(call, priorities))
    programme = _programme_fact(call, priorities)
    if programme:
        facts.append(programme)
    results = [f["result"] for f in facts]
    if "fail" in results:
        overall = "fail"
    elif "unknown" in results:
        overall = "unknown"
    else:
        overall = "pass"
    return overall, facts
