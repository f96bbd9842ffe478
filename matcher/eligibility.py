"""The eligibility gate: can this municipality use this call? pass / fail / unknown, and why.

Checks, each a fact with a Swedish reason: what the record is (only calls can be applied to),
the dates (open or forthcoming, with a known window), who may apply (the structured applicant
types first; then actions with one kind of applicant by their programme's rules; then the
text: "only …", a pitch or offer to companies, public bodies named; then a programme's
general rules, as Horizon Europe's: what the programmes' rules say is
:mod:`matcher.programme_rules`), the region (the regions a source or a Swedish fund call
names, Interreg programme areas, national programmes of other countries), and the
programmes the priorities file excludes.
"""

from __future__ import annotations

import re
from datetime import date

from db.records import Call
from db.status import PRELIMINARY, next_deadline, past_named_year, planned_dates, window
from matcher.explain import LIST_MARK, Fact, fact, without_footnote_numbers
from matcher.prior import done_abroad
from matcher.programme_rules import (
    MISSION_CITIES,
    MISSION_CITIES_SE,
    PERSON_PRIZE,
    city_award,
    general_rules_reason,
    programme_audience,
    urban_actions_size,
)
from matcher.regions import (
    COUNTIES,
    COUNTRIES,
    REGIONAL_FUNDS,
    SWEDISH_FUNDERS,
    county_board,
    cross_border_programmes,
    fund_areas,
    interreg_area,
    nuts_covers,
    other_country,
    programme_regions,
    region_codes,
)
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


QUOTE_LENGTH = 240  # characters of a quoted sentence


def _sentence(text: str, match: re.Match[str]) -> str:
    """The sentence of ``text`` that holds ``match``, cut around it when long, without the
    footnote numbers inside it."""
    return without_footnote_numbers(_cut_sentence(text, match))


def _cut_sentence(text: str, match: re.Match[str]) -> str:
    start = max(text.rfind(".", 0, match.start()), text.rfind("\n", 0, match.start())) + 1
    end_candidates = [
        i for i in (text.find(".", match.end()), text.find("\n", match.end())) if i != -1
    ]
    end = min(end_candidates) + 1 if end_candidates else len(text)
    sentence = " ".join(text[start:end].split())
    before = len(" ".join(text[start : match.start()].split()))  # where the words found begin
    bullet = LIST_MARK.match(sentence)  # a list item's mark ("- public authorities …")
    lead = bullet.end() if bullet and bullet.end() <= before + 1 else 0
    sentence = sentence[lead:]
    if len(sentence) <= QUOTE_LENGTH:
        return sentence
    # A long sentence is cut around the words the check found, so that the quote shows them:
    # a third of the room before them (more near the end), starting at a word.
    at = max(before - lead, 0)
    found = len(" ".join(match.group(0).split()))
    first = max(min(at - max(QUOTE_LENGTH - found, 0) // 3, len(sentence) - QUOTE_LENGTH), 0)
    if first:
        first = sentence.find(" ", first) + 1 or first
    last = min(first + QUOTE_LENGTH, len(sentence))
    if last < len(sentence) and (space := sentence.rfind(" ", at + found, last)) > 0:
        last = space
    head, tail = ("…" if first else ""), ("…" if last < len(sentence) else "")
    return head + sentence[first:last].rstrip() + tail


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
        (m for m in _ONLY.finditer(text) if not _PASSED_ON.search(_sentence(text, m))), None
    )
    if only and not _PUBLIC.search(only.group(0)) and "exclud" not in _sentence(text, only):
        return fact("sökande", "fail", f'Begränsad krets sökande: "{_sentence(text, only)}"')
    own_words = f"{call.description or ''}\n{call.title}"  # the text's sentence first
    agency = _AGENCY_FUNDS.search(own_words)
    if agency:
        said = _sentence(own_words, agency)
        return fact("sökande", "fail", f'Medlen går till en statlig myndighet: "{said}"')
    # Spoken to companies: a pitch opening the text, or an offer to Swedish companies.
    quoted = call.description or ""
    company = _COMPANY_PITCH.search(quoted)
    if company is None:
        quoted = text
        company = _COMPANY_ADDRESS.search(text)
    if company and not _PUBLIC.search(text):
        return fact("sökande", "fail", f'Riktar sig till företag: "{_sentence(quoted, company)}"')
    # A rule on the cities a project must hold says more than any mention of public bodies.
    cities = next((m for m in _CITIES.finditer(text) if _RULE.search(_sentence(text, m))), None)
    if cities is not None:
        said = _sentence(text, cities)
        lead = "Städer ska delta enligt texten"
        mission = next(
            (m for m in MISSION_CITIES.finditer(text) if _RULE.search(_sentence(text, m))), None
        )
        if mission is not None:
            said = _sentence(text, mission)
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
        said = _sentence(text, public)
        return fact("sökande", "pass", f'{_public_applicants(public[0], said)}: "{said}"')
    # A programme's general rules speak for a call that says nothing of who may apply; the
    # call's own words on it (``extra["applicants_section"]``) are quoted instead.
    general = None if call.extra.get("applicants_section") else _general_rules_fact(call)
    if general is not None or public is None:
        return general
    return _public_users_fact(text, public)


# The cities a project must take in or work in ("Each project … must involve entities from at
# least four cities …", "… should include at least three cities of the 112 selected …", "At
# least one of the cities selected for twinning is expected to be …"): a rule (:data:`_RULE`
# in its sentence) that cities take part, as partners or as the places the work is done.
_CITIES = re.compile(
    r"\bat least (?:one|two|three|four|five|six|\d{1,2})\b(?: [\w-]+){0,3}? "
    r"(?:cities|municipalities|towns)\b",
    re.IGNORECASE,
)
_RULE = re.compile(r"\b(must|shall|should|required|expected|invites?)\b", re.IGNORECASE)


def _public_users_fact(text: str, public: re.Match[str]) -> Fact:
    """Unknown: the text names public bodies, but not as those who apply or take part."""
    return fact(
        "sökande",
        "unknown",
        f'Offentliga aktörer nämns, men inte att de kan söka: "{_sentence(text, public)}"; '
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
        if swedish or _TAKING_PART.search(_sentence(text, match)):
            return match, True
        first = first or match
    return first, False


_WHOLE_COUNTRY = re.compile(
    r"\bhela (landet|sverige)\b|\bnationella (regionalfonds|socialfonds)?programmet\b|"
    r"\bnationell(a)? utlysning(en|ar)?\b",
    re.IGNORECASE,
)
_INTERREG = re.compile(r"\binterreg\b|\burbact\b|\bespon\b|european urban initiative")


def _named_regions(call: Call) -> tuple[list[str], list[str]]:
    """(names, unknown names) of the regions a call is restricted to.

    The source's own region list when it has one; otherwise the county of a county
    administrative board that funds it ("Länsstyrelsen Östergötland – projektstöd regional
    tillväxt"); otherwise, for a call of a Swedish regional programme (ERDF, ESF+, JTF),
    the programme regions its programme, title or opening text name ("Utveckla hållbara
    transporter i Övre Norrland").
    """
    if call.regions:
        return list(call.regions), region_codes(call.regions)[1]
    if (board := county_board(call.programme, call.url)) is not None:
        return [board.short], []
    if REGIONAL_FUNDS.search(call.programme or ""):
        head = f"{call.programme or ''}\n{call.title}"
        codes = programme_regions(head) or programme_regions((call.description or "")[:400])
        return codes, []
    return [], []


# The Connecting Europe Facility's cohesion envelope (transport calls "… - Cohesion
# envelope") is for the Member States the Cohesion Fund supports in 2021–2027; the general
# envelope's twin call is open to all.
_COHESION_ENVELOPE = re.compile(r"\bcohesion envelope\b", re.IGNORECASE)
COHESION_COUNTRIES = frozenset(
    {"BG", "HR", "CY", "CZ", "EE", "GR", "EL", "HU", "LV", "LT", "MT", "PL", "PT", "RO", "SK", "SI"}
)


# A rule that the work be done where two countries meet ("… must span adjacent regions on both
# sides of a national border").
_BORDER_SITES = re.compile(
    r"\b(?:on|at|of) (?:both|either) sides? of (?:a|the) (?:national |country )?borders?\b",
    re.IGNORECASE,
)


# Where a call's projects must be ("ground mounted solar PV projects located in Finland"):
# the countries its host states name, for a mechanism that builds in some countries only.
_LOCATED_IN = re.compile(
    r"\bprojects?\b[^.;]{0,120}?\blocated in (?:the )?([A-Z][a-z]+(?: [A-Z][a-z]+)?)"
)


def _located_countries(text: str) -> list[str]:
    """The codes of the countries a text says its projects must be located in, in order,
    when every place it names so is a country (else none: "located in urban areas")."""
    found: list[str] = []
    for match in _LOCATED_IN.finditer(text):
        name = match.group(1).lower()
        code = next((c for c, names in COUNTRIES.items() if name in names), None)
        if code is None:
            return []
        found += [code] if code not in found else []
    return found


# The Just Transition Mechanism's calls (the Public Sector Loan Facility, Regulation (EU)
# 2021/1229) fund projects "for the benefit of the EU territories identified in the
# Territorial Just Transition Plans"; Sweden's plan names those of its Just Transition Fund
# programme. Read from the programme's name or that phrase: a call that only names the
# mechanism's goals (the Research Fund for Coal and Steel's) is not for those territories.
_JUST_TRANSITION_PROGRAMME = re.compile(r"\bjust transition mechanism\b", re.IGNORECASE)
_JUST_TRANSITION_TERRITORIES = re.compile(
    r"\bterritor(?:y|ies) identified in the territorial just transition plans?\b", re.IGNORECASE
)


def _for_just_transition_territories(call: Call) -> bool:
    return bool(
        _JUST_TRANSITION_PROGRAMME.search(call.programme or "")
        or _JUST_TRANSITION_TERRITORIES.search(call.description or "")
    )


def _just_transition_fact(nuts: str, country: str) -> Fact:
    """The region check of a Just Transition Mechanism call: the territories of the
    territorial just transition plans, in Sweden the Just Transition Fund's."""
    if country != "SE":
        return fact(
            "region",
            "unknown",
            "Bara för områdena i ländernas territoriella planer för en rättvis omställning; "
            "kontrollera om kommunen ligger i ett sådant.",
        )
    areas = fund_areas("JTF")
    covering = [a.name for a in areas if any(nuts_covers(code, nuts) for code in a.nuts)]
    if covering:
        return fact(
            "region",
            "pass",
            f"Området ingår i Sveriges territoriella plan för en rättvis omställning "
            f"({', '.join(covering)}).",
        )
    return fact(
        "region",
        "fail",
        "Bara för områdena i de territoriella planerna för en rättvis omställning, i Sverige "
        f"{', '.join(a.name for a in areas)}; {nuts} ingår inte.",
    )


def _region_fact(call: Call, priorities: Priorities) -> Fact:
    nuts, country = priorities.nuts, priorities.country
    where = f"{call.programme or ''} {call.title}"
    names, unknown = _named_regions(call)
    if names:
        return _named_regions_fact(names, unknown, nuts)
    if _for_just_transition_territories(call):
        return _just_transition_fact(nuts, country)
    if _INTERREG.search(where.lower()):
        interreg = _interreg_area_fact(where, nuts, country)
        if interreg is not None:
            return interreg
    if _COHESION_ENVELOPE.search(f"{where} {call.extra.get('call_title') or ''}"):
        if country not in COHESION_COUNTRIES:
            return fact(
                "region",
                "fail",
                "CEF:s sammanhållningskuvert: bara för sökande i länder som får stöd ur "
                "Sammanhållningsfonden.",
            )
        return fact("region", "pass", "CEF:s sammanhållningskuvert: landet ingår.")
    foreign = other_country(where, country)
    if foreign:
        return fact(
            "region",
            "fail",
            f"Nationellt program i ett annat land ({COUNTRIES[foreign][0].title()}).",
        )
    if SWEDISH_FUNDERS.search(where) and country != "SE":
        return fact("region", "fail", "Svensk nationell finansiär: bara för svenska sökande.")
    if REGIONAL_FUNDS.search(where) and SWEDISH_FUNDERS.search(where):
        return _swedish_fund_region_fact(call, nuts)
    return _work_place_fact(call, country, nuts)


def _work_place_fact(call: Call, country: str, nuts: str) -> Fact:
    """The region check of a call that names no region: where its text says the work is
    done (in named countries, in border regions, outside the EU), else no restriction."""
    located = _located_countries(call.description or "")
    if located and country not in located:
        named = " eller ".join(COUNTRIES[code][-1].title() for code in located)  # Swedish
        return fact("region", "fail", f"Projekten ska ligga i {named} enligt texten.")
    border = next(
        (
            m
            for m in _BORDER_SITES.finditer(call.description or "")
            if _RULE.search(_sentence(call.description or "", m))
        ),
        None,
    )
    if border is not None:
        # "The demonstration areas must span adjacent regions on both sides of a national
        # border": only border regions host the work, which no region list says.
        said = _sentence(call.description or "", border)
        return fact(
            "region",
            "unknown",
            f'Arbetet ska göras i gränsregioner: "{said}"; ' + _border_region(country, nuts),
        )
    if abroad := done_abroad(call.title, call.description):
        # Work for a country outside the EU ("… the health system of Montenegro", "… for
        # Ukrainian regional policy stakeholders", "Capacity building in VET in Western
        # Balkans"): a Swedish body may take part in some, but the call names no region
        # because its place is not one; "no restriction" would say too much.
        return fact(
            "region",
            "unknown",
            f"Arbetet görs utanför EU ({abroad}); kontrollera om och hur en svensk kommun "
            "kan delta.",
        )
    return fact("region", "pass", "Ingen regional begränsning angiven.")


def _named_regions_fact(names: list[str], unknown: list[str], nuts: str) -> Fact:
    """The region check of a call restricted to the regions ``names``."""
    covering = [n for n in names if any(nuts_covers(c, nuts) for c in region_codes([n])[0])]
    if covering:
        # Name the regions that cover the municipality, not the first of a long list.
        return fact("region", "pass", f"Regionen ingår ({', '.join(covering[:6])}).")
    if unknown:
        # An unmapped name is unknown, never "no restriction": it may be anywhere.
        return fact(
            "region",
            "unknown",
            f"Okänd region ({', '.join(unknown[:6])}); kontrollera om {nuts} ingår.",
        )
    return fact(
        "region",
        "fail",
        f"Bara för andra regioner ({', '.join(names[:6])}); {nuts} ingår inte.",
    )


def _border_region(country: str, nuts: str) -> str:
    """What the municipality's county tells of a border region: the cross-border Interreg
    programmes whose area holds it (regions on either side of a land or sea border), or
    that none does; for a municipality not placed in a Swedish county, what to check."""
    if country != "SE" or len(nuts) != len("SE123"):
        return (
            "kontrollera att kommunen ligger i en sådan (t.ex. inom ett gränsöverskridande "
            "Interreg-program)."
        )
    programmes = cross_border_programmes(nuts)
    names = [c.name for c in COUNTIES if c.nuts == nuts]
    county = f"{names[0]} ({nuts})" if names else nuts
    if not programmes:
        return (
            f"{county} ingår inte i något gränsöverskridande Interreg-program, så kommunen "
            "ligger troligen inte i en gränsregion."
        )
    if len(programmes) == 1:
        where = f"programområdet för {programmes[0]}, ett gränsöverskridande Interreg-program"
    else:
        named = ", ".join(programmes[:-1]) + " och " + programmes[-1]
        where = f"programområdena för {named}, gränsöverskridande Interreg-program"
    return f"{county} ingår i {where}; kontrollera att gränsen som ämnet avser hör dit."


def _interreg_area_fact(where: str, nuts: str, country: str) -> Fact | None:
    """The region check of an Interreg programme's call by its programme area: a programme
    not known has no Swedish part; None for a municipality of another country (the other
    checks decide)."""
    area = interreg_area(where)
    if area is not None:
        if any(nuts_covers(code, nuts) for code in area.nuts):
            return fact("region", "pass", f"Programområdet ({area.name}) omfattar {nuts}.")
        return fact(
            "region",
            "fail",
            f"Programområdet ({area.name}: {', '.join(area.nuts)}) omfattar inte {nuts}.",
        )
    if country == "SE":
        return fact("region", "fail", "Interreg-programmet har ingen svensk del.")
    return None


def _swedish_fund_region_fact(call: Call, nuts: str) -> Fact:
    """A Swedish managing authority's regional or social fund call is for one programme
    region, or for the whole country under the national programme: a call that names
    neither is unknown, not unrestricted."""
    text = f"{call.title}\n{call.description or ''}"
    whole = _WHOLE_COUNTRY.search(text)
    if whole:
        return fact("region", "pass", f'Gäller hela landet: "{_sentence(text, whole)}"')
    return fact(
        "region",
        "unknown",
        "Programområdet anges inte: en utlysning i regional- eller "
        f"socialfonden gäller en region eller hela landet; kontrollera att {nuts} ingår.",
    )


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
    facts.append(_region_fact(call, priorities))
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
