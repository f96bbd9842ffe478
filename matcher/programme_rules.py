"""Who a programme's rules admit: domain knowledge of the EU's and Sweden's funding programmes
(their regulations, guides and rules of contest), for the calls whose source gives no
applicant types.

- :data:`PROGRAMME_AUDIENCES`: actions and programmes open to some kinds of applicant only
  (the EU's awards to cities, URBACT, the ERC, the EIC Accelerator, …);
- :data:`GENERAL_RULES`: programmes whose general rules let a municipality take part (Horizon
  Europe, Erasmus+, CERV, Interreg, the Swedish ERDF and ESF+ programmes, …), with the actions
  that have rules of their own;
- :data:`PERSON_PRIZE`: prizes to persons, not organisations;
- :data:`CITY_SIZES`: the awards to cities by the city's size.
- :data:`URBAN_INNOVATIVE_ACTIONS`: the European Urban Initiative's Innovative Actions, for
  urban authorities of a least size.

:mod:`matcher.eligibility` turns them into the applicant and size checks' facts.
"""

from __future__ import annotations

import re

from db.records import Call

# Actions and programmes whose rules admit only some kinds of applicant whatever the text of
# a call says: domain knowledge of the programmes (their guides and regulations), for calls
# whose source gives no applicant types. Only the awards to cities are for municipalities; in
# the other actions a municipality cannot be the applicant.
PROGRAMME_AUDIENCES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    # The EU's awards to cities (European Capital of Innovation, Green Capital and Green Leaf,
    # Access City, Smart Tourism): the city's own administration applies.
    (
        re.compile(
            r"european (capital of innovation|green (capital|leaf))|access city award|"
            r"european capital of smart tourism",
            re.IGNORECASE,
        ),
        ("municipality",),
    ),
    # URBACT's networks are networks of cities: the city's administration is the partner.
    (re.compile(r"^\s*urbact\b", re.IGNORECASE), ("municipality",)),
    # CERV's town twinning and networks of towns: towns and municipalities, their twinning
    # committees, associations of local authorities and non-profit organisations that
    # represent them (networks also other levels of local and regional authority).
    (
        re.compile(r"\btown[- ]twinning\b|\bnetworks? of towns\b", re.IGNORECASE),
        ("municipality", "ngo"),
    ),
    # Erasmus+ actions for higher education institutions only (the European Degree pathway
    # projects: consortia of higher education institutions preparing joint degrees; the
    # higher-education lot of the Forward-Looking Projects, among them the leadership
    # programme for the leaders of higher education institutions).
    (
        re.compile(
            r"erasmus charter for higher education|european universities|erasmus mundus|"
            r"jean monnet|european degree pathway|forward-looking projects\W+higher education",
            re.IGNORECASE,
        ),
        ("university",),
    ),
    # Horizon Europe's EU Award for Gender Equality Champions recognises academic and
    # research organisations for their gender equality plans.
    (re.compile(r"gender equality champions", re.IGNORECASE), ("university", "research")),
    # Horizon Europe's co-fund actions and co-funded European partnerships (Regulation (EU)
    # 2021/695, art. 10 and 34) are grants to the programme owners and managers that fund
    # research: ministries, research councils and funding agencies, which then call for
    # projects of their own. MSCA COFUND (doctoral and postdoctoral programmes) has its own
    # rules and is left to its text.
    (
        re.compile(
            r"^\s*horizon europe\b(?!.*\b(msca|marie sk\w+)\b).*\bco-?fund(ed|ing)?\b",
            re.IGNORECASE | re.DOTALL,
        ),
        ("research_funder",),
    ),
    # MSCA and Citizens (the European Researchers' Night and Researchers at Schools): any
    # legal entity established in an EU Member State or a Horizon Europe associated country
    # may organise it, alone or in a partnership; research organisations, companies, public
    # authorities, science museums, foundations and media are its usual organisers. Unlike
    # the other Marie Skłodowska-Curie actions it hires no researchers.
    (
        re.compile(
            r"\bmsca and citizens\b|european researchers'? night|researchers at schools",
            re.IGNORECASE,
        ),
        ("municipality", "public_body", "company", "university", "research", "ngo"),
    ),
    # European Research Council grants: a researcher and a host research organisation.
    (re.compile(r"\bERC\b|european research council", re.IGNORECASE), ("university", "research")),
    # LIFE's operating grants (Regulation (EU) 2021/783, art. 10) go to non-profit
    # organisations that pursue the programme's aims, through framework partnerships.
    (re.compile(r"^\s*life\b.*\boperating grants?\b", re.IGNORECASE | re.DOTALL), ("ngo",)),
    # The EIC Accelerator funds single start-ups and SMEs.
    (re.compile(r"\bEIC accelerator\b", re.IGNORECASE), ("sme",)),
    # EIC STEP Scale Up invests equity in single scale-up companies, and the EIC
    # Pre-accelerator supports deep-tech start-ups of the Widening countries.
    (re.compile(r"\bEIC (STEP|pre-?accelerator)\b", re.IGNORECASE), ("company",)),
    # ERA Fellowships: postdoctoral fellowships that universities and research organisations
    # of the Widening countries host.
    (re.compile(r"\bERA fellowships?\b", re.IGNORECASE), ("university", "research")),
    # The European Parliament's subsidies for conference interpreter training go to the
    # universities that teach it.
    (
        re.compile(r"european parliament\b.*\bconference interpret", re.IGNORECASE | re.DOTALL),
        ("university",),
    ),
    # Creative Europe MEDIA: the networks of cinemas, festivals and video-on-demand
    # platforms are run by their operators' organisations; production, distribution and
    # sales support is for audiovisual companies.
    (
        re.compile(
            r"creative europe\b.*\b(networks of european (cinemas|festivals)|"
            r"vod networks)",
            re.IGNORECASE | re.DOTALL,
        ),
        ("company", "ngo"),
    ),
    (
        re.compile(
            r"creative europe\b.*\b(european film (distribution|sales agent)|films on the move|"
            r"mini-slate development|tv and online content)",
            re.IGNORECASE | re.DOTALL,
        ),
        ("company",),
    ),
    # The EU's social prerogative lines (DG Employment's budget lines for the Commission's
    # own powers under the Treaty, art. 154 and 155 TFEU): the support for social dialogue
    # funds the social partners, organisations of workers (trade unions) and of employers;
    # the information and training measures for workers' organisations fund trade unions. A
    # municipality is an employer, not an employers' organisation.
    (
        re.compile(r"^\s*[^|]*social prerogative\b.*\bsocial dialogue\b", re.I | re.DOTALL),
        ("social_partner",),
    ),
    (
        re.compile(
            r"^\s*[^|]*social prerogative\b.*\bworkers'? organi[sz]ations\b", re.I | re.DOTALL
        ),
        ("trade_union",),
    ),
    # Whole programmes, matched on the programme's name alone (it comes first in what is
    # searched): a Horizon topic may name a project called PERICLES.
    # The Union Anti-Fraud Programme (Regulation (EU) 2021/785): its equipment and training
    # grants go to the national and regional administrations that protect the EU's finances
    # (customs, police, prosecutors); training, conferences and studies also to research and
    # education institutes and non-profit bodies. A municipality is a local administration.
    (
        re.compile(r"^\s*union anti-fraud programme\b", re.IGNORECASE),
        ("national_authority", "research", "ngo"),
    ),
    # Pericles IV (Regulation (EU) 2021/840), the protection of the euro against
    # counterfeiting: the Member States' competent national authorities.
    (re.compile(r"^\s*pericles\b", re.IGNORECASE), ("national_authority",)),
    # The grants of the EU's decentralised agencies ("EU Bodies and Agencies" on the Funding
    # & Tenders portal) go, under each agency's founding regulation, to the bodies the Member
    # States designate and to research organisations for studies: EFSA's Article 36
    # organisations (Regulation (EC) No 178/2002), the asylum and reception authorities of the
    # EU+ countries that the Asylum Agency's training grants support (Regulation (EU)
    # 2021/2303).
    (
        re.compile(r"^\s*eu bodies and agencies\b", re.IGNORECASE),
        ("national_authority", "research"),
    ),
    # Promotion of agricultural products (Regulation (EU) No 1144/2014): trade and
    # interbranch organisations, producer organisations and agri-food sector bodies propose
    # the programmes.
    (
        re.compile(r"^\s*promotion of agricultural products\b", re.IGNORECASE),
        ("sector_body",),
    ),
    # Digital Europe's actions for the bodies each Member State designates: its National
    # Coordination Centre for cybersecurity (Regulation (EU) 2021/887, art. 6), its National
    # Cyber Hub and the Cross-Border Cyber Hubs that at least three of them form (Regulation
    # (EU) 2025/38, the Cyber Solidarity Act, art. 4 and 5), and the regional hubs for the
    # security of undersea cables that join the national actors the Member States designate.
    (
        re.compile(
            r"^\s*digital europe\b.*(\bnational coordination cent(re|er)s?\b|\bNCCs?\b|"
            r"\b(national|cross-border) cyber hubs?\b|\bregional cable hubs?\b)",
            re.IGNORECASE | re.DOTALL,
        ),
        ("national_authority",),
    ),
    # The Chips Joint Undertaking (Council Regulation (EU) 2021/2085, as amended by Regulation
    # (EU) 2023/1782) and the secure quantum communication infrastructure (EuroQCI) fund the
    # semiconductor and quantum industries, research organisations and universities: pilot
    # lines, chip design, competence centres, equipment and standards. Their topics are named
    # by the programme's identifiers ("DIGITAL-JU-CHIPS-…", "DIGITAL-IRIS2-…").
    (
        re.compile(r"^\s*digital europe\b.*\bDIGITAL-(JU-CHIPS|IRIS2)-", re.I | re.DOTALL),
        ("company", "research", "university"),
    ),
    # CEF Energy (Regulation (EU) 2021/1153, art. 9(3), with the TEN-E Regulation (EU)
    # 2022/869): studies and works for the projects of common and of mutual interest on the
    # Union's list, proposed by those projects' promoters (transmission and distribution
    # system operators and other energy companies) or the Member States concerned.
    (
        re.compile(r"^\s*(cef|connecting europe facility)\b.*\bCEF-E-\d{4}-PCI-", re.I | re.DOTALL),
        ("project_promoter",),
    ),
)


# A programme's prizes and awards have rules of their own (who is recognised, not who applies).
# The EU Mission on Climate-Neutral and Smart Cities: the 112 cities chosen in 2022 (seven of
# them Swedish). Several of its topics require one of them in every project ("At least one
# of the three lead cities must be one of the 112 cities …"); the others join as partners.
MISSION_CITIES_SE = ("Göteborg", "Helsingborg", "Lund", "Malmö", "Stockholm", "Umeå", "Uppsala")
MISSION_CITIES = re.compile(
    r"\b112 (?:selected |participating )?(?:cities|ones)\b|"
    r"\bcities (?:selected for|participating in) the (?:EU )?Mission on Climate[- ]neutral",
    re.IGNORECASE,
)

_PRIZES = re.compile(r"\b(prizes?|awards?)\b", re.IGNORECASE)

# Programmes whose general rules let any organisation in the EU, a municipality too, take
# part in a consortium: what the applicant check says when a call's own text is silent.
# Actions with rules of their own (fellowships, prizes, the ERC and EIC, cascade calls) are
# left to their text.
GENERAL_RULES: tuple[tuple[re.Pattern[str], re.Pattern[str], str], ...] = (
    (
        re.compile(r"^\s*horizon europe\s*$", re.IGNORECASE),
        re.compile(
            r"\b(msca|marie sk\w+|fellowships?|co-?fund\w*|prizes?|awards?|champions|erc|eic)\b",
            re.IGNORECASE,
        ),
        "Horisont Europa: organisationer i EU och associerade länder, kommuner också, kan delta "
        "i ett konsortium enligt programmets allmänna villkor; ämnets egna villkor kan "
        "begränsa.",
    ),
    # Erasmus+ (Regulation (EU) 2021/817 and its Programme Guide): any public or private
    # organisation active in education, training, youth or sport may apply to most actions, a
    # municipality (its schools, adult education, youth services) too; the actions for higher
    # education institutions, scholarships and prizes have rules of their own.
    (
        re.compile(r"^\s*erasmus\+?\s*$", re.IGNORECASE),
        re.compile(
            r"\b(higher education|degree|universit\w*|mundus|jean monnet|charter|scholarships?|"
            r"prizes?|awards?)\b|-HE-",
            re.IGNORECASE,
        ),
        "Erasmus+: offentliga och privata organisationer inom utbildning, ungdom och idrott, "
        "kommuner också, kan söka eller delta enligt programmets allmänna villkor; ämnets egna "
        "villkor kan begränsa.",
    ),
    # CERV (Regulation (EU) 2021/692, art. 10, and its calls' conditions): the action grants
    # go to public entities and non-profit organisations established in the EU, a
    # municipality too; the operating grants to European networks, the re-granting by
    # intermediary organisations to civil society, and prizes have rules of their own.
    (
        re.compile(r"^\s*(cerv|citizens, equality, rights and values( \(cerv\))?)\s*$", re.I),
        re.compile(
            r"\b(operating grants?|framework partnerships?|intermediary|re-?granting|prizes?|"
            r"awards?)\b",
            re.IGNORECASE,
        ),
        "CERV: offentliga organisationer och ideella organisationer i EU, kommuner också, kan "
        "söka eller delta enligt programmets allmänna villkor; ämnets egna villkor kan "
        "begränsa.",
    ),
    # Interreg (Regulation (EU) 2021/1059): the programmes' partners are public and private
    # bodies of the programme area, local and regional authorities first among them; whether
    # a municipality lies in the area is the region check's. A call's own words on who may
    # apply (a small-project fund's, a call for particular partners) decide first.
    (
        re.compile(r"^\s*interreg\b", re.IGNORECASE),
        _PRIZES,
        "Interreg: offentliga och privata organisationer i programområdet, kommuner också, kan "
        "vara partner enligt programmets regler; utlysningens egna villkor kan begränsa.",
    ),
    # Sweden's regional ERDF programmes (Tillväxtverket) and its ESF+ programme (Svenska
    # ESF-rådet): the project owners are public and private organisations, municipalities
    # among the most common; a call's own words (only companies, a region's actors) decide
    # first. Not the EU's own ESF+ calls (EaSI, the social prerogative lines) nor the ERDF's
    # technical assistance, which are for others.
    (
        re.compile(
            r"^\s*(erdf|europeiska regionala utvecklingsfonden) \(tillväxtverket\)", re.IGNORECASE
        ),
        _PRIZES,
        "Regionalfonden: offentliga och privata organisationer, kommuner också, kan söka enligt "
        "programmets regler; utlysningens egna villkor kan begränsa.",
    ),
    (
        re.compile(r"^\s*esf\+? \(svenska esf-rådet\)", re.IGNORECASE),
        _PRIZES,
        "Socialfonden: offentliga och privata organisationer, kommuner också, kan söka enligt "
        "programmets regler; utlysningens egna villkor kan begränsa.",
    ),
    # CEF Transport (Regulation (EU) 2021/1153, art. 9 and 11): proposals come from Member
    # States or, with their agreement, from public or private bodies established in them; a
    # municipality (an urban node, a port it owns) too. Its topics are the programme's
    # identifiers that begin "CEF-T-"; CEF Energy's and Digital's, for network promoters and
    # operators, are left to their text (the second pattern leaves out every other one).
    (
        re.compile(r"^\s*(cef|connecting europe facility)\b", re.IGNORECASE),
        re.compile(r"^(?!CEF-T-)"),
        "CEF Transport: medlemsstaterna, och med deras godkännande offentliga och privata "
        "organisationer, kommuner också, kan söka enligt programmets regler; ämnets egna "
        "villkor kan begränsa.",
    ),
    # Digital Europe (Regulation (EU) 2021/694, art. 18): legal entities, public or private,
    # established in the EU or an associated country; a municipality too. Actions for bodies
    # a Member State designates or for networks already chosen (the national coordination
    # centres and cyber hubs, the Safer Internet Centres, the national coalitions, digital
    # innovation hubs, EDICs), the Chips Joint Undertaking's pilot lines and the secure
    # quantum communication industry have rules of their own.
    (
        re.compile(r"^\s*digital europe\s*$", re.IGNORECASE),
        re.compile(
            r"\b(ncc|national coordination|(national|cross-border) cyber hubs?|safer internet|"
            r"national coalitions?|innovation hubs?|edics?|edihs?|prizes?|awards?)\b|"
            r"-JU-CHIPS-|-IRIS2-",
            re.IGNORECASE,
        ),
        "Digitala Europa: offentliga och privata organisationer i EU, kommuner också, kan söka "
        "eller delta enligt programmets allmänna villkor; ämnets egna villkor kan begränsa.",
    ),
    # Creative Europe (Regulation (EU) 2021/818): the Culture strand's and the cross-sectoral
    # strand's projects are for public and private organisations of the cultural and creative
    # sectors, a municipality's cultural services too. MEDIA's actions are for the audiovisual
    # industry (producers, distributors, cinemas, festivals) and the journalism partnerships
    # for news media: their own rules.
    (
        re.compile(r"^\s*creative europe\s*$", re.IGNORECASE),
        re.compile(r"-MEDIA-|-JOURN|\b(journalism|news media|prizes?|awards?)\b", re.I),
        "Kreativa Europa: offentliga och privata organisationer inom kultur och kreativa "
        "näringar, kommunernas kulturverksamhet också, kan söka eller delta enligt programmets "
        "allmänna villkor; ämnets egna villkor kan begränsa.",
    ),
    # The Justice programme (Regulation (EU) 2021/693) and the Internal Security Fund's Union
    # actions (Regulation (EU) 2021/1149): legal entities, public or private, of the Member
    # States taking part (not Denmark), a municipality too; profit-making ones with public or
    # non-profit partners in most calls. Operating grants to framework partners are their own.
    (
        re.compile(r"^\s*(justice programme|internal security fund)\s*$", re.IGNORECASE),
        re.compile(r"\b(operating grants?|framework partnerships?|prizes?|awards?)\b", re.I),
        "Enligt programmets allmänna villkor kan offentliga och privata organisationer i "
        "medlemsstaterna (utom Danmark), kommuner också, söka eller delta; ämnets egna villkor "
        "kan begränsa.",
    ),
    # The Interregional Innovation Investments instrument (Regulation (EU) 2021/1058, art. 13):
    # consortia of the innovation actors of regions in several Member States, companies,
    # research, public administrations and civil society, with companies leading the
    # investment cases; a municipality may be a partner. Its cascade calls are for companies.
    (
        re.compile(r"^\s*i3(\s*\(interregional innovation investments\))?\s*$", re.IGNORECASE),
        _PRIZES,
        "I3: konsortier av regioners innovationsaktörer i flera medlemsstater – företag, "
        "forskning, offentlig förvaltning och civilsamhälle, kommuner också – kan delta enligt "
        "instrumentets allmänna villkor; företagen driver investeringarna, och ämnets egna "
        "villkor kan begränsa.",
    ),
    # The Union Civil Protection Mechanism's KAPP calls (Knowledge for Action in Prevention
    # and Preparedness, under Decision No 1313/2013/EU: prevention, preparedness and
    # full-scale exercises) are for consortia of public and private legal entities of the
    # Member States and the Mechanism's participating states (civil protection authorities,
    # NGOs, universities, research organisations); a municipality's rescue services too.
    # Its other topics (for national authorities) are left to their text.
    (
        re.compile(r"^\s*union civil protection mechanism\s*$", re.IGNORECASE),
        re.compile(r"^(?!UCPM-\d{4}-KAPP-)"),
        "Civilskyddsmekanismen (KAPP): konsortier av offentliga och privata organisationer i "
        "EU och mekanismens deltagande stater – civilskyddsmyndigheter, kommuner och deras "
        "räddningstjänst också – kan söka enligt utlysningens allmänna villkor; ämnets egna "
        "villkor kan begränsa.",
    ),
    # LIFE funds projects of public and private bodies established in the EU; its operating
    # grants are for non-profit organisations only.
    (
        re.compile(r"^\s*life\b", re.IGNORECASE),
        re.compile(r"\b(operating grants?|ngo|prizes?|awards?)\b", re.IGNORECASE),
        "LIFE: offentliga och privata organisationer i EU, kommuner också, kan söka eller delta "
        "enligt programmets allmänna villkor; ämnets egna villkor kan begränsa.",
    ),
)


# Prizes to persons: women who founded innovative companies, scientists, research teams. A
# prize to a city (the European Capital of Innovation) or to an organisation names no person.
_PERSONS = (
    r"\b(women innovators|innovators|(female )?scientists?|researchers?|research teams?|"
    r"scientific leadership)\b"
)
PERSON_PRIZE = re.compile(
    rf"\b(prizes?|awards?)\b.*{_PERSONS}|{_PERSONS}.*\b(prizes?|awards?)\b",
    re.IGNORECASE | re.DOTALL,
)


def programme_audience(call: Call) -> tuple[str, ...] | None:
    """The applicant types of the first :data:`PROGRAMME_AUDIENCES` action the call is of,
    read in its programme, title, call title and identifier (in that order)."""
    where = (
        f"{call.programme or ''} | {call.title} | {call.extra.get('call_title') or ''} | "
        f"{call.source_id}"
    )
    for pattern, types in PROGRAMME_AUDIENCES:
        if pattern.search(where):
            return types
    return None


def for_municipalities_alone(call: Call) -> bool:
    """True when a programme's rules admit municipalities alone (:data:`PROGRAMME_AUDIENCES`:
    the EU's awards to cities, URBACT's networks): the city's own action, never a research
    topic for universities, whatever programme funds it (the European Capital of Innovation
    is Horizon Europe's)."""
    return programme_audience(call) == ("municipality",)


# The EU's awards to cities by the city's size (their rules of contest): the European Capital
# of Innovation for cities of 250,000 inhabitants or more and its Rising Innovative City
# category for 50,000–249,999; the European Green Capital for more than 100,000 and the
# European Green Leaf for 20,000–100,000; the Access City Award for more than 50,000. Read
# only for the awards :data:`PROGRAMME_AUDIENCES` knows are for cities (the European Prize for
# Women Innovators has a Rising Innovators category too); the first pattern that matches the
# call's title counts (the Rising Innovator category names the Capital of Innovation too).
CITY_SIZES: tuple[tuple[re.Pattern[str], str, int, int | None], ...] = (
    (re.compile(r"rising innovat", re.I), "Rising Innovative City", 50_000, 249_999),
    (
        re.compile(r"european capital of innovation|\bicapital\b", re.I),
        "European Capital of Innovation",
        250_000,
        None,
    ),
    (re.compile(r"european green leaf", re.I), "European Green Leaf", 20_000, 100_000),
    (re.compile(r"european green capital", re.I), "European Green Capital", 100_001, None),
    (re.compile(r"access city award", re.I), "Access City Award", 50_001, None),
)


# The European Urban Initiative's Innovative Actions are for urban authorities of at least
# 50,000 inhabitants, or associations and groupings of urban authorities with as many together
# (the initiative's guidance for its first three calls, "Eligible authorities"); the fourth
# call (2026) opened them to urban authorities and groupings of at least 25,000 (the
# Commission's announcement of the call, 25 February 2026). A later call is taken to keep the
# fourth call's size.
URBAN_INNOVATIVE_ACTIONS = re.compile(
    r"\b(?:european urban initiative|eui)\b.*\binnovative actions?\b|"
    r"\binnovative actions?\b.*\b(?:european urban initiative|eui)\b",
    re.IGNORECASE,
)
_FIRST_THREE_CALLS = re.compile(r"\b(?:first|second|third|1st|2nd|3rd)\b", re.IGNORECASE)


def urban_actions_size(call: Call) -> int | None:
    """The least number of inhabitants of an urban authority (or of a grouping of them
    together) that may apply to a call of the European Urban Initiative's Innovative Actions
    (:data:`URBAN_INNOVATIVE_ACTIONS`), None for any other call."""
    named = f"{call.programme or ''} | {call.title}"
    if not URBAN_INNOVATIVE_ACTIONS.search(named):
        return None
    dated = [d for d in [call.opening_date, *call.deadlines] if d]
    early = _FIRST_THREE_CALLS.search(call.title) or (dated and max(dated) < "2025-01-01")
    return 50_000 if early else 25_000


def general_rules_reason(call: Call) -> str | None:
    """What a programme's general rules say of who may take part (a Swedish sentence), when
    the call is of a :data:`GENERAL_RULES` programme and not of an action with rules of its
    own; None otherwise."""
    for programme, own_rules, reason in GENERAL_RULES:
        if programme.search(call.programme or "") and not own_rules.search(
            f"{call.source_id} {call.title}"
        ):
            return reason
    return None


def city_award(call: Call) -> tuple[str, int, int | None] | None:
    """(award, least, most inhabitants) of an award to cities by size (:data:`CITY_SIZES`),
    None for any other call."""
    if not for_municipalities_alone(call):
        return None
    where = f"{call.title} | {call.extra.get('call_title') or ''}"
    found = next((entry for entry in CITY_SIZES if entry[0].search(where)), None)
    return None if found is None else found[1:]
