"""English search terms for Swedish priorities: a glossary of the funding field's vocabulary.

Most calls are in English and the priorities in Swedish. e5 bridges the languages, but its
scores blur subjects that lie close ("skolutveckling" and "higher education"); the English
words a call would use for a subject are sharper evidence. This glossary maps Swedish word
stems of municipal policy (the vocabulary of priorities, board goals and programme texts) to
the English terms EU and national calls use for the same subject. It is written as domain
knowledge, for any municipality, and knows nothing of any call or label.

A key matches at the start of a Swedish word ("cykel" in "cykelvägar"); keys of six letters
or more also match inside a compound ("energieffektivisering" in "fastighetsenergi…").
Keywords a priority lists in the priorities file (``nyckelord``) are used as they are, so a
coordinator can add or sharpen the terms of a priority.
"""

from __future__ import annotations

import re
from functools import lru_cache

GLOSSARY: dict[str, tuple[str, ...]] = {
    # -- climate and energy
    "klimatneutral": ("climate neutral", "climate-neutral cities", "net zero"),
    "klimatomställ": ("climate transition", "decarbonisation"),
    "klimatanpass": ("climate adaptation", "climate resilience"),
    "klimatkontrakt": ("climate city contract", "climate neutral cities"),
    "klimatinvester": ("climate investment", "investment plan"),
    "klimatrelater": ("climate risks", "climate change"),
    "klimat": ("climate", "climate change"),
    "utsläpp": ("emissions", "greenhouse gas emissions"),
    "koldioxid": ("carbon dioxide", "carbon emissions"),
    "fossilfri": ("fossil free", "decarbonisation", "renewable"),
    "förnybar": ("renewable energy", "renewables"),
    "energieffektiv": ("energy efficiency", "energy renovation"),
    "energiomställ": ("energy transition",),
    "energisystem": ("energy system",),
    "energi": ("energy",),
    "uppvärmning": ("heating", "district heating", "heat pumps"),
    "fjärrvärme": ("district heating",),
    "solenergi": ("solar energy", "solar"),
    "vindkraft": ("wind energy", "wind power"),
    "vätgas": ("hydrogen",),
    "biogas": ("biogas", "biomethane"),
    "fastighet": ("buildings", "building renovation"),
    "renover": ("renovation", "building renovation"),
    "byggnad": ("buildings",),
    # -- transport and mobility
    "hållbart resande": ("sustainable mobility", "active mobility"),
    "resande": ("mobility", "travel"),
    "kollektivtrafik": ("public transport",),
    "kollektivt": ("public transport",),
    "cykel": ("cycling", "cycle paths", "bicycle"),
    "cykla": ("cycling",),
    "gång": ("walking",),
    "gå,": ("walking",),
    "elektrifi": ("electrification", "electric vehicles", "zero-emission"),
    "elbil": ("electric vehicles",),
    "buss": ("buses", "electric buses"),
    "laddinfrastruktur": ("charging infrastructure", "recharging points"),
    "laddning": ("charging",),
    "trafiksäkerhet": ("road safety",),
    "trafik": ("traffic", "transport"),
    "mobilitet": ("mobility", "mobility services"),
    "godstransport": ("freight transport", "logistics"),
    "transport": ("transport",),
    "järnväg": ("rail", "railway"),
    "infrastruktur": ("infrastructure",),
    # -- planning, housing, urban development
    "stadsplan": ("urban planning", "spatial planning"),
    "samhällsplan": ("spatial planning", "urban planning"),
    "stadsbyggnad": ("urban development", "urban planning"),
    "stadsutveckl": ("urban development", "urban regeneration"),
    "stadsdel": ("neighbourhoods", "districts"),
    "bostad": ("housing", "affordable housing"),
    "bostäder": ("housing", "affordable housing"),
    "bostadsbyggande": ("housing construction", "affordable housing"),
    "träbyggande": ("timber construction", "wood construction"),
    "byggande": ("construction",),
    "grönområde": ("green spaces", "urban greening"),
    "grönstruktur": ("green infrastructure",),
    "skyfall": ("cloudbursts", "extreme rainfall", "flooding"),
    "översvämning": ("flooding", "floods", "flood risk"),
    "medborgardialog": ("citizen engagement", "participation", "co-creation"),
    "medborgar": ("citizens", "citizen engagement"),
    "smart stad": ("smart city", "smart cities"),
    "smarta städer": ("smart cities",),
    "stad": ("cities", "urban"),
    "städer": ("cities", "urban"),
    "landsbygd": ("rural areas", "rural development"),
    "glesbygd": ("sparsely populated areas", "remote areas", "rural areas"),
    "glest befolk": ("sparsely populated areas", "remote areas"),
    # -- environment, water, nature, circular economy
    "vattenkvalitet": ("water quality",),
    "dagvatten": ("stormwater", "urban drainage"),
    "avlopp": ("wastewater", "sewage"),
    "vatten": ("water",),
    "hav": ("marine", "sea"),
    "kust": ("coastal",),
    "älv": ("river",),
    "sjö": ("lakes",),
    "biologisk mångfald": ("biodiversity",),
    "mångfald": ("diversity",),
    "natur": ("nature", "nature restoration", "nature-based solutions"),
    "ekosystem": ("ecosystems",),
    "friluftsliv": ("outdoor recreation",),
    "avfall": ("waste", "waste management"),
    "återbruk": ("reuse", "repair"),
    "återvinn": ("recycling",),
    "cirkulär": ("circular economy",),
    "resurseffektiv": ("resource efficiency",),
    "miljö": ("environment", "environmental"),
    "luftkvalitet": ("air quality",),
    "buller": ("noise",),
    "kemikal": ("chemicals", "pollution"),
    "föroren": ("pollution",),
    "skog": ("forests", "forestry"),
    "jordbruk": ("agriculture",),
    "livsmedel": ("food", "food systems"),
    # -- business, innovation, growth
    "näringsliv": ("business", "enterprises", "private sector"),
    "företagande": ("entrepreneurship", "business"),
    "företag": ("companies", "enterprises", "SMEs"),
    "företagsklimat": ("business environment", "business climate"),
    "små och medelstora": ("SMEs", "small and medium-sized enterprises"),
    "entreprenör": ("entrepreneurship", "entrepreneurs"),
    "innovationsstöd": ("innovation support",),
    "innovation": ("innovation",),
    "innovativ": ("innovative", "innovation"),
    "testbädd": ("testbeds", "living labs", "pilots"),
    "tillväxt": ("growth", "economic growth"),
    "konkurrenskraft": ("competitiveness",),
    "etablering": ("investment attraction", "establishment"),
    "investering": ("investment",),
    "industri": ("industry", "industrial transition"),
    "grön omställning": ("green transition",),
    "gröna omställning": ("green transition",),
    "omställning": ("transition",),
    "kompetensattraktion": ("talent attraction",),
    "attraktion": ("attractiveness",),
    "besöksnäring": ("tourism", "sustainable tourism"),
    "turism": ("tourism",),
    "evenemang": ("events",),
    "besökare": ("visitors", "tourism"),
    "destination": ("destination management", "tourism destinations"),
    "värdskap": ("hospitality",),
    "varumärke": ("place branding", "destination branding"),
    "attraktiv": ("attractiveness", "attractive"),
    "universitet": ("universities", "higher education"),
    "akademi": ("academia", "universities"),
    "forskning": ("research",),
    "smart specialisering": ("smart specialisation",),
    "exportfrämj": ("export", "internationalisation"),
    "internationalise": ("internationalisation",),
    # -- labour market and skills
    "kompetensförsörjning": ("skills supply", "skills", "upskilling", "reskilling"),
    "kompetens": ("skills", "competences"),
    "vuxenutbild": ("adult education", "adult learning"),
    "yrkesutbild": ("vocational education and training", "VET"),
    "validering": ("validation of skills", "recognition of prior learning"),
    "arbetsmarknad": ("labour market", "employment"),
    "sysselsättning": ("employment",),
    "arbetslös": ("unemployment", "unemployed"),
    "arbete för alla": ("employment", "inclusive labour market"),
    "unga som varken": ("NEETs", "young people not in employment, education or training"),
    "etablering på arbetsmarknaden": ("labour market integration",),
    "utrikes födda": ("migrants", "third-country nationals", "integration"),
    "nyanlända": ("newly arrived migrants", "integration"),
    "integration": ("integration", "migrants"),
    "inflyttning": ("attracting workers", "labour mobility"),
    "arbetskraft": ("workforce", "labour"),
    # -- education
    "förskola": ("early childhood education and care", "preschool"),
    "förskol": ("early childhood education and care",),
    "grundskola": ("school education", "primary school"),
    "skolutveckl": ("school development", "school education"),
    "skolfrånvaro": ("school absenteeism", "early school leaving"),
    "skolledare": ("school leaders",),
    "skola": ("schools", "school education"),
    "skolor": ("schools", "school education"),
    "skol": ("school",),
    "gymnasi": ("upper secondary education", "upper secondary school"),
    "elev": ("pupils", "learners", "students"),
    "lärare": ("teachers",),
    "elevhälsa": ("pupil health", "well-being at school"),
    "likvärdig": ("equitable", "equity"),
    "inkluder": ("inclusive", "inclusion"),
    "läs- och skriv": ("literacy", "reading and writing"),
    "läsfrämj": ("reading promotion", "literacy"),
    "digitalt lärande": ("digital learning", "digital education"),
    "lärande": ("learning",),
    "utbildning": ("education", "training"),
    "utbyte": ("exchanges", "mobility"),
    "utbyten": ("exchanges", "mobility", "cooperation partnerships"),
    "kunskap": ("knowledge",),
    # -- welfare, health, social
    "äldreomsorg": ("elderly care", "long-term care", "older people"),
    "äldre": ("older people", "ageing"),
    "välfärdsteknik": ("welfare technology", "assistive technology", "digital health"),
    "välfärd": ("welfare", "social services"),
    "omsorg": ("care", "social care"),
    "psykisk hälsa": ("mental health",),
    "hälsa": ("health",),
    "folkhälsa": ("public health", "health promotion"),
    "barn och unga": ("children and young people",),
    "barn": ("children",),
    "unga": ("young people", "youth"),
    "ungdom": ("youth", "young people"),
    "förebyggande": ("prevention",),
    "socialt arbete": ("social work", "social services"),
    "social innovation": ("social innovation",),
    "sociala innovation": ("social innovation",),
    "utanförskap": ("social exclusion", "social inclusion"),
    "fattigdom": ("poverty",),
    "missbruk": ("substance abuse", "addiction"),
    "beroende": ("addiction", "dependence"),
    "funktionsnedsättning": ("persons with disabilities", "disability"),
    "ensamhet": ("loneliness", "social isolation"),
    "trygghet": ("safety", "security"),
    "trygga": ("safe",),
    "klyftor": ("inequalities",),
    "jämlik": ("equality", "inequalities"),
    # -- equality, rights, democracy, minorities, culture
    "jämställdhetsintegrering": ("gender mainstreaming",),
    "jämställd": ("gender equality",),
    "mänskliga rättigheter": ("human rights", "fundamental rights"),
    "mäns våld mot kvinnor": ("violence against women", "gender-based violence"),
    "våld": ("violence",),
    "hedersrelaterat": ("honour-related violence", "gender-based violence"),
    "hbtq": ("LGBTIQ", "LGBTIQ equality"),
    "diskriminering": ("discrimination", "non-discrimination"),
    "demokrati": ("democracy", "democratic participation", "civic engagement"),
    "delaktighet": ("participation",),
    "civilsamhälle": ("civil society",),
    "samiska": ("Sami", "indigenous languages", "Sámi"),
    "samisk": ("Sami", "Sámi culture"),
    "urfolk": ("indigenous peoples",),
    "nationella minoriteter": ("national minorities", "minority languages"),
    "minoritet": ("minorities", "minority languages"),
    "språk": ("languages",),
    "revitaliser": ("revitalisation",),
    "kultur": ("culture", "cultural"),
    "konstnärlig": ("artistic", "artists"),
    "kulturarv": ("cultural heritage",),
    "bibliotek": ("libraries",),
    "festival": ("festivals",),
    "kreativa näringar": ("cultural and creative industries", "creative sectors"),
    "kreativ": ("creative",),
    "kulturhuvudstad": ("European Capital of Culture",),
    "idrott": ("sport",),
    "fritid": ("leisure", "recreation"),
    "förening": ("associations", "civil society organisations"),
    # -- digitalisation and public administration
    "digitaliser": ("digitalisation", "digital transformation"),
    "digitala tjänster": ("digital public services", "e-government"),
    "e-tjänst": ("e-services", "digital public services"),
    "digital": ("digital",),
    "öppna data": ("open data", "data sharing"),
    "data": ("data",),
    "artificiell intelligens": ("artificial intelligence", "AI"),
    "bredband": ("broadband", "connectivity"),
    "cybersäkerhet": ("cybersecurity",),
    "informationssäkerhet": ("information security", "cybersecurity"),
    "offentlig verksamhet": ("public sector", "public administration"),
    "offentlig": ("public sector", "public authorities"),
    "förvaltning": ("public administration", "governance"),
    # -- safety, preparedness
    "krisberedskap": ("crisis preparedness", "disaster preparedness"),
    "beredskap": ("preparedness", "resilience"),
    "civilt försvar": ("civil defence", "civil protection"),
    "totalförsvar": ("civil defence", "total defence"),
    "civil": ("civil protection",),
    "samhällsviktig": ("critical infrastructure", "critical entities", "essential services"),
    "räddningstjänst": ("rescue services", "emergency services", "civil protection"),
    "skogsbrand": ("wildfires", "forest fires"),
    "kris": ("crisis", "crisis management"),
    "risker": ("risks", "disaster risk"),
    "brottsförebygg": ("crime prevention",),
    "brott": ("crime",),
    # -- cooperation and governance
    "gränsöverskridande": ("cross-border cooperation",),
    "över gränser": ("cross-border cooperation",),
    "samarbete": ("cooperation",),
    "samverkan": ("cooperation", "partnerships"),
    "östersjö": ("Baltic Sea",),
    "barents": ("Barents region", "Arctic"),
    "arktis": ("Arctic",),
    "nordkalott": ("Arctic", "northern Scandinavia"),
    "internationell": ("international",),
    "europeisk": ("European",),
    "partnerskap": ("partnerships",),
    "nätverk": ("networks",),
    "vänort": ("town twinning",),
}

_MIN_INSIDE = 6  # keys this long also match inside a compound


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], tuple[str, ...]]]:
    out = []
    for key, terms in GLOSSARY.items():
        start = "" if len(key.replace(" ", "")) >= _MIN_INSIDE else r"(?<![a-zåäöé])"
        out.append((re.compile(start + re.escape(key), re.IGNORECASE), terms))
    return out


def english_terms(text: str) -> list[str]:
    """The English terms the glossary gives for a Swedish text, in the order found, once.

    A key found inside a word (not at its start) is dropped where a longer key's match
    overlaps it: "företagsklimat" is the business environment, not the climate, and
    "brottsförebyggande" is crime prevention, not construction.
    """
    matches: list[tuple[int, int, tuple[str, ...]]] = []
    for pattern, terms in _patterns():
        for match in pattern.finditer(text):
            matches.append((match.start(), match.end(), terms))
    found: dict[str, int] = {}
    for start, end, terms in matches:
        inside = start > 0 and text[start - 1].isalpha()
        if inside and any(s < end and start < e and (e - s) > (end - start) for s, e, _ in matches):
            continue
        for term in terms:
            found[term] = min(found.get(term, start), start)
    return sorted(found, key=lambda t: found[t])
