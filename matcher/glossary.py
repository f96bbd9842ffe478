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

# Terms several phrasings of one subject share.
_INTO_WORK = ("employment", "labour market inclusion")
_NEWCOMERS_INTO_WORK = ("labour market integration", "newly arrived migrants")
_EVENTS_AND_MEETINGS = ("events", "business events", "meetings industry")
# Nature a visitor comes for is tourism and outdoor life, not the restoration of ecosystems.
_NATURE_TOURISM = ("nature tourism", "nature-based tourism", "outdoor recreation")
# The school for pupils with an intellectual disability (särskola; anpassad skola since 2023).
_SPECIAL_NEEDS_SCHOOL = (
    "special needs education",
    "inclusive education",
    "children with disabilities",
)
# The municipal housing companies (allmännyttan); "allmännyttig" alone is any public benefit.
_SOCIAL_HOUSING = ("social housing", "public housing", "affordable housing")
_LONG_TERM_CARE = ("long-term care", "care homes", "residential care")  # särskilt boende
_CARBON_BUDGET = ("carbon budget", "climate change mitigation", "greenhouse gas emissions")

GLOSSARY: dict[str, tuple[str, ...]] = {
    # -- climate and energy
    "klimatneutral": ("climate neutral", "climate-neutral cities", "net zero"),
    "klimatomställ": ("climate transition", "decarbonisation"),
    "klimatanpass": ("climate adaptation", "climate resilience"),
    "klimatpåverkan": ("carbon footprint", "climate impact"),
    "klimatsmart": ("climate-smart", "low-carbon", "climate"),
    "klimatkontrakt": ("climate city contract", "climate neutral cities"),
    "klimatinvester": ("climate investment", "investment plan"),
    "klimatrelater": ("climate risks", "climate change"),
    "klimat": ("climate", "climate change"),
    "utsläpp": ("emissions", "greenhouse gas emissions"),
    "konsumtionsbaserade utsläpp": (
        "consumption-based emissions",
        "sustainable consumption",
        "greenhouse gas emissions",
    ),
    "klimatbudget": _CARBON_BUDGET,
    "koldioxidbudget": _CARBON_BUDGET,
    "koldioxid": ("carbon dioxide", "carbon emissions"),
    "koldioxidavskiljning": ("carbon capture", "carbon capture and storage", "CCS"),
    "koldioxidlagring": ("carbon storage", "carbon capture and storage", "CCS"),
    "bio-ccs": ("BECCS", "carbon removal"),
    "kraftvärme": ("combined heat and power", "CHP", "cogeneration"),
    "biobränsle": ("biomass", "biofuels"),
    "skogsbränsle": ("forest biomass", "bioenergy"),  # fuel from the forest, not forestry
    "fossilfri": ("fossil free", "decarbonisation", "renewable"),
    "förnybar": ("renewable energy", "renewables"),
    "energieffektiv": ("energy efficiency", "energy renovation"),
    "energiprestanda": ("energy performance of buildings", "energy efficiency"),
    "energiomställ": ("energy transition",),
    "energisystem": ("energy system",),
    "energi": ("energy",),
    "uppvärmning": ("heating", "district heating", "heat pumps"),
    "fjärrvärme": ("district heating",),
    "fjärrkyla": ("district cooling", "heating and cooling"),
    "bergvärme": ("ground source heat pumps", "geothermal energy", "heat pumps"),
    "geoenergi": ("geothermal energy", "ground source heat pumps"),
    "värmepump": ("heat pumps",),
    "solenergi": ("solar energy", "solar"),
    "vindkraft": ("wind energy", "wind power"),
    "vattenkraft": ("hydropower",),
    "värmeåtervinning": ("heat recovery", "energy efficiency"),
    "vätgas": ("hydrogen",),
    "spillvärme": ("waste heat", "excess heat"),
    "överskottsvärme": ("excess heat", "waste heat"),
    "biogas": ("biogas", "biomethane"),
    "biodrivmed": ("biofuels",),
    "elbrist": ("electricity supply", "grid capacity"),
    "effektbrist": ("electricity supply", "grid capacity"),
    "vindkraftsetablering": ("wind energy", "wind power", "deployment"),
    "fastighet": ("buildings", "building renovation"),
    "renover": ("renovation", "building renovation"),
    "byggnad": ("buildings",),
    # Older buildings are buildings, not older people.
    "äldre byggnad": ("buildings", "building renovation"),
    "äldre fastighet": ("buildings", "building renovation"),
    "äldre bebyggelse": ("buildings", "existing building stock"),
    "äldre hus": ("buildings", "building renovation"),
    "äldre bostäder": ("buildings", "building renovation"),
    "äldre lägenhet": ("buildings", "building renovation"),
    "äldre flerbostadshus": ("buildings", "building renovation"),
    "växthusgas": ("greenhouse gas emissions", "greenhouse gases"),
    "energilagring": ("energy storage",),
    "batteri": ("batteries",),
    "elnät": ("electricity grids", "smart grids"),
    "energigemenskap": ("energy communities",),
    "energifattigdom": ("energy poverty",),
    "geoterm": ("geothermal energy",),
    "bioenergi": ("bioenergy",),
    "solcell": ("solar photovoltaics", "solar panels"),
    "kolsänk": ("carbon sinks", "carbon removal"),
    "klimatavtryck": ("carbon footprint",),
    "livscykel": ("life cycle",),
    "energiförsörjning": ("energy supply", "security of energy supply"),
    "elförsörjning": ("electricity supply", "security of energy supply"),
    # -- transport and mobility
    "hållbart resande": ("sustainable mobility", "active mobility"),
    "resande": ("mobility", "travel"),
    "kollektivtrafik": ("public transport",),
    "resecentrum": ("mobility hubs", "transport hubs", "public transport"),
    "stationsområde": ("station areas", "transit-oriented development"),
    "tågtrafik": ("rail", "railway", "rail passenger transport"),
    # connectivity: how well a region is reached, not access for persons with disabilities
    "regional tillgänglighet": ("regional accessibility", "transport links", "transport"),
    "drivmedel": ("fuels", "alternative fuels"),
    "kollektivt": ("public transport",),
    "cykel": ("cycling", "cycle paths", "bicycle"),
    "cykla": ("cycling",),
    "cykling": ("cycling",),
    "spårväg": ("trams", "light rail"),
    "anropsstyrd": ("demand-responsive transport",),
    # Walking by its own words: "gång" alone is also "once", "times", "under way".
    "gång-": ("walking",),
    "gångtrafik": ("walking",),
    "gångväg": ("walking",),
    "gångvänlig": ("walking",),
    "gångban": ("walking",),
    "gångstråk": ("walking",),
    "gå,": ("walking",),
    "elektrifi": ("electrification", "electric vehicles", "zero-emission"),
    "elbil": ("electric vehicles",),
    "buss": ("buses", "electric buses"),
    "laddinfrastruktur": ("charging infrastructure", "recharging points"),
    "laddning": ("charging",),
    "laddstolp": ("charging infrastructure", "recharging points"),
    "laddplats": ("charging infrastructure", "recharging points"),
    "laddningsstation": ("charging infrastructure", "recharging points"),
    "miljöfordon": ("clean vehicles", "zero-emission vehicles"),
    "fordon": ("vehicles",),
    "elfordon": ("electric vehicles",),
    "tunga fordon": ("heavy-duty vehicles", "trucks"),
    "fordonsindustri": ("automotive industry",),
    "trafiksäkerhet": ("road safety",),
    "trafik": ("traffic", "transport"),
    "biltrafik": ("car traffic", "private cars"),
    "elflyg": ("electric aviation", "electric aircraft"),
    "mobilitet": ("mobility", "mobility services"),
    "godstransport": ("freight transport", "logistics"),
    "transport": ("transport",),
    "järnväg": ("rail", "railway"),
    "höghastighetsjärnväg": ("high-speed rail",),
    "höghastighetståg": ("high-speed rail",),
    # Depending on the car, not an addiction.
    "bilberoende": ("car dependency", "private cars"),
    "infrastruktur": ("infrastructure",),
    "sjöfart": ("shipping", "maritime transport"),
    "sjötrafik": ("shipping", "maritime transport"),
    # goods carried "på sjö" or "till sjöss": by sea, not lakes
    "på sjö": ("shipping", "maritime transport"),
    "till sjöss": ("shipping", "maritime transport"),
    "sjövägen": ("shipping", "maritime transport"),
    "hamn": ("ports",),
    # a town's old harbour as a district ("Inre hamnen"): its renewal, not a port
    "inre hamn": ("waterfront", "urban regeneration"),
    "färj": ("ferries", "maritime transport"),  # färja, färjor, färjetrafik, färjeläge
    "fartyg": ("vessels", "ships"),
    "flygplats": ("airports",),
    "flyg": ("aviation",),
    "pendeltåg": ("commuter rail", "public transport"),
    "snabbuss": ("bus rapid transit", "public transport"),
    "parkering": ("parking",),
    "bilpool": ("car sharing", "shared mobility"),
    "delad mobilitet": ("shared mobility",),
    "pendling": ("commuting",),
    "pendlar": ("commuters", "commuting"),  # pendlare, pendlarna, pendlartåg
    "fotgängare": ("pedestrians", "walking"),
    "tillgänglighet": ("accessibility",),
    "logistik": ("logistics",),
    "drönare": ("drones",),
    "självkörande": ("automated vehicles", "autonomous vehicles"),
    # -- planning, housing, urban development
    "stadsplan": ("urban planning", "spatial planning"),
    "samhällsplan": ("spatial planning", "urban planning"),
    "stadsbyggnad": ("urban development", "urban planning"),
    "stadsutveckl": ("urban development", "urban regeneration"),
    "stadsdel": ("neighbourhoods", "districts"),
    # Where people live ("oavsett bostadsområde"), not the building of homes.
    "bostadsområde": ("neighbourhoods", "residential areas"),
    "bostad": ("housing", "affordable housing"),
    "bostäder": ("housing", "affordable housing"),
    "bostadsbyggande": ("housing construction", "affordable housing"),
    "bostadsföretag": ("housing", "affordable housing"),  # a housing company, not SMEs
    "hyresrätt": ("rental housing", "affordable housing"),
    "allmännyttan": _SOCIAL_HOUSING,
    "allmännyttiga bostad": _SOCIAL_HOUSING,
    "allmännyttigt bostad": _SOCIAL_HOUSING,
    "träbyggande": ("timber construction", "wood construction"),
    "byggande": ("construction",),
    "samhällsbygg": ("urban development", "spatial planning", "built environment"),
    "kapacitetsbygg": ("capacity building",),
    "grönområde": ("green spaces", "urban greening"),
    "grönstruktur": ("green infrastructure",),
    "grön infrastruktur": ("green infrastructure",),
    "gröna infrastruktur": ("green infrastructure",),
    "grönska": ("green spaces", "urban greening"),
    "blandstad": ("mixed-use development",),
    "stadsomvandling": ("urban regeneration", "urban transformation"),
    "gentrifiering": ("gentrification",),
    "grönyt": ("green spaces", "urban greening"),
    "gröna ytor": ("green spaces", "urban greening"),
    "stadspark": ("parks", "urban green spaces"),
    "parkmark": ("parks", "green spaces"),
    "lekplats": ("playgrounds",),
    "skärgård": ("archipelago", "islands"),
    "skyfall": ("cloudbursts", "extreme rainfall", "flooding"),
    "översvämning": ("flooding", "floods", "flood risk"),
    "skred": ("landslides", "natural hazards"),
    "jordskred": ("landslides", "natural hazards"),
    "medborgardialog": ("citizen engagement", "participation", "co-creation"),
    "medborgar": ("citizens", "citizen engagement"),
    "smart stad": ("smart city", "smart cities"),
    "smarta städer": ("smart cities",),
    "stad": ("cities", "urban"),
    "städer": ("cities", "urban"),
    "landsbygd": ("rural areas", "rural development"),
    "glesbygd": ("sparsely populated areas", "remote areas", "rural areas"),
    "glesa områden": ("sparsely populated areas",),
    "byautveckling": ("village development", "smart villages", "rural development"),
    "bygdegård": ("community centres", "rural areas"),
    "glest befolk": ("sparsely populated areas", "remote areas"),
    "planprocess": ("planning processes", "spatial planning"),
    "detaljplan": ("land-use planning", "spatial planning"),
    # Plans adopted ahead of need, so that building can start: planning, not a crisis's
    # "beredskap" (preparedness).
    "planberedskap": ("land-use planning", "spatial planning"),
    "översiktsplan": ("comprehensive planning", "spatial planning"),
    "markanvändning": ("land use",),
    "arkitektur": ("architecture", "design quality"),
    "gestaltning": ("architecture", "urban design"),
    "gestaltad livsmiljö": ("architecture", "design quality", "built environment"),
    "bauhaus": ("New European Bauhaus",),
    "offentliga rum": ("public spaces",),
    "offentliga miljö": ("public spaces",),
    "offentlig miljö": ("public spaces",),
    "offentliga platser": ("public spaces",),
    "offentlig plats": ("public spaces",),
    "offentliga byggnader": ("public buildings",),
    "offentlig byggnad": ("public buildings",),
    "mötesplats": ("meeting places", "public spaces"),
    "segregation": ("segregation", "deprived neighbourhoods"),
    "utsatta områden": ("deprived areas", "disadvantaged neighbourhoods"),
    "hemlös": ("homelessness",),
    "bostadslös": ("homelessness", "housing exclusion"),
    "stadskärna": ("city centre", "town centre regeneration"),
    "centrumutveckl": ("town centre regeneration", "city centre"),
    "förtätning": ("densification",),
    "stadsodling": ("urban farming", "urban agriculture"),
    # -- environment, water, nature, circular economy
    "vattenkvalitet": ("water quality",),
    "dagvatten": ("stormwater", "urban drainage"),
    "avlopp": ("wastewater", "sewage"),
    "avloppsrening": ("wastewater treatment", "sewage", "purification"),
    "vattenrening": ("water treatment", "water purification"),
    "vatten": ("water",),
    "hav": ("marine", "sea"),
    "havsmiljö": ("marine environment",),
    "havsplanering": ("maritime spatial planning",),
    "kust": ("coastal",),
    "kustzon": ("coastal zones", "integrated coastal zone management"),
    "avsaltning": ("desalination",),
    "vattenbrist": ("water scarcity", "drought"),
    "näringsämne": ("nutrients", "nutrient pollution"),
    # What reaches the sea, not the greenhouse gases of "utsläpp".
    "utsläpp av näringsämne": ("nutrient pollution", "nutrients"),
    "utsläpp av kväve": ("nutrient pollution", "nitrogen"),
    "utsläpp av fosfor": ("nutrient pollution", "phosphorus"),
    "kväveutsläpp": ("nutrient pollution", "nitrogen"),
    "fosforutsläpp": ("nutrient pollution", "phosphorus"),
    "miljögift": ("hazardous substances", "pollutants"),
    "älv": ("river",),
    "sjö": ("lakes",),
    "myrar": ("peatlands", "mires", "wetlands"),
    "myrmark": ("peatlands", "mires", "wetlands"),
    "fjäll": ("mountain areas", "mountains"),
    "grönblå": ("blue-green infrastructure",),
    "blågrön": ("blue-green infrastructure",),
    "blågrön infrastruktur": ("blue-green infrastructure", "green infrastructure"),
    "biologisk mångfald": ("biodiversity",),
    "biologiska mångfald": ("biodiversity",),  # "den biologiska mångfalden"
    "mångfald": ("diversity",),
    # Nature itself; restoring it ("restaurer") and building with it are their own keys.
    "natur": ("nature",),
    "naturbaserad": ("nature-based solutions",),
    "ekosystem": ("ecosystems",),
    "friluftsliv": ("outdoor recreation",),
    "vandringsled": ("hiking trails", "walking trails", "outdoor recreation"),
    "artskydd": ("species protection", "threatened species"),
    "avfall": ("waste", "waste management"),
    "farligt avfall": ("hazardous waste", "waste management"),
    "nedskräp": ("litter", "littering"),
    "återbruk": ("reuse", "repair"),
    "återvinn": ("recycling",),
    "cirkulär": ("circular economy",),
    "industriell symbios": ("industrial symbiosis", "circular economy"),
    "resurseffektiv": ("resource efficiency",),
    "miljö": ("environment", "environmental"),
    "luftkvalitet": ("air quality",),
    "buller": ("noise",),
    "kemikal": ("chemicals", "pollution"),
    "föroren": ("pollution",),
    "skog": ("forests", "forestry"),
    "skogsindustri": ("forest-based industries", "forestry"),
    "skogsnäring": ("forest-based sector", "forestry"),
    "massa och papper": ("pulp and paper",),
    "massa- och papper": ("pulp and paper",),
    "pappersindustri": ("pulp and paper",),
    "pappersbruk": ("pulp and paper", "paper mills"),
    "förpackning": ("packaging",),
    "biobaserad": ("bio-based", "bio-based materials"),
    "fiberbaserad": ("fibre-based", "fiber-based"),
    "bioraffinaderi": ("biorefineries",),
    "jordbruk": ("agriculture",),
    "jordbruksmark": ("agricultural land", "farmland"),
    "lantbruk": ("agriculture", "farming"),
    "ekologisk produktion": ("organic farming", "organic production"),
    "djurhållning": ("livestock", "animal husbandry"),
    "livsmedelsförädl": ("food processing",),
    "livsmedel": ("food", "food systems"),
    "matproduktion": ("food production", "food systems"),
    "dricksvatten": ("drinking water",),
    "vattentäkt": ("drinking water", "water protection"),
    "vattenförsörjning": ("water supply", "drinking water"),
    "vattenförvaltning": ("water management",),
    "grundvatten": ("groundwater",),
    "reningsverk": ("wastewater treatment plants",),
    "rening": ("treatment", "purification"),
    "övergödning": ("eutrophication", "nutrient pollution"),
    "kväve": ("nitrogen",),
    "fosfor": ("phosphorus",),
    "algblomning": ("algal blooms",),
    "syrebrist": ("oxygen depletion", "hypoxia"),
    "näringsläckage": ("nutrient runoff", "nutrient losses"),
    "tvåstegsdike": ("two-stage ditches", "agricultural drainage"),
    "ekologisk status": ("ecological status", "good ecological status"),
    "vattendrag": ("rivers", "watercourses"),
    "vattenvård": ("water management", "water protection"),
    "vattenråd": ("river basin management", "water management"),
    "våtmark": ("wetlands",),
    "källsortering": ("waste sorting", "separate collection"),
    "matavfall": ("food waste", "bio-waste"),
    "matsvinn": ("food waste",),
    "rötning": ("anaerobic digestion",),
    "kompost": ("composting",),
    "deponi": ("landfill",),
    "plast": ("plastics",),
    "textil": ("textiles",),
    "modeindustri": ("fashion", "fashion industry"),
    "modebransch": ("fashion", "fashion industry"),
    "textil och mode": ("textiles", "fashion"),
    "textil- och mode": ("textiles", "fashion"),
    "kläder": ("clothing", "apparel"),
    "förorenad mark": ("contaminated land", "soil remediation"),
    "markhälsa": ("soil health",),
    "jordhälsa": ("soil health",),
    "ekosystemtjänst": ("ecosystem services",),
    "pollinat": ("pollinators",),
    "invasiva": ("invasive alien species",),
    "restaurer": ("restoration", "nature restoration"),
    # restoring heritage or a building: not nature
    "restaurera kultur": ("heritage restoration", "cultural heritage"),
    "restaurering av kultur": ("heritage restoration", "cultural heritage"),
    "restaurera byggnad": ("heritage restoration", "buildings"),
    "restaurering av byggnad": ("heritage restoration", "buildings"),
    "naturreservat": ("protected areas", "nature reserves"),
    "skyddade områden": ("protected areas",),
    "naturskydd": ("nature protection", "protected areas"),
    "skyddad natur": ("protected areas", "nature protection"),
    "naturvård": ("nature conservation", "habitat management"),
    "skydd och skötsel": ("nature conservation", "habitat management"),
    "tätortsnära": ("urban green spaces", "peri-urban"),
    "torka": ("drought",),
    "värmebölj": ("heatwaves",),
    "erosion": ("erosion", "coastal erosion"),
    "havsnivå": ("sea level rise",),
    "fiske": ("fisheries",),
    "vattenbruk": ("aquaculture",),
    "rennäring": ("reindeer herding",),
    "renskötsel": ("reindeer herding",),
    "sameby": ("Sami", "reindeer herding"),
    "närproduc": ("local food", "short supply chains"),
    "lokalproduc": ("local food", "short supply chains"),
    "måltid": ("meals", "public catering"),
    "bioekonomi": ("bioeconomy",),
    # -- business, innovation, growth
    "näringsliv": ("business", "enterprises", "private sector"),
    "företagande": ("entrepreneurship", "business"),
    "företag": ("companies", "enterprises", "SMEs"),
    "företagsklimat": ("business environment", "business climate"),
    "näringslivsklimat": ("business environment", "business climate"),
    "innovationsklimat": ("innovation ecosystems", "business environment"),
    "investeringsklimat": ("investment climate", "business environment"),
    "små och medelstora": ("SMEs", "small and medium-sized enterprises"),
    "entreprenör": ("entrepreneurship", "entrepreneurs"),
    "kvinnors företagande": ("women entrepreneurs", "entrepreneurship"),
    "innovationsstöd": ("innovation support",),
    "innovation": ("innovation",),
    "life science": ("life sciences",),
    "forskningspark": ("science parks", "research"),
    "spelutveckling": ("video games", "game development"),
    "delningsekonomi": ("sharing economy",),
    "hållbar konsumtion": ("sustainable consumption",),
    "innovativ": ("innovative", "innovation"),
    "testbädd": ("testbeds", "living labs", "pilots"),
    "tillväxt": ("growth", "economic growth"),
    "konkurrenskraft": ("competitiveness",),
    # A company's establishment: "establishment" alone is any network's or body's set-up.
    "etablering": ("investment attraction", "business establishment"),
    "investering": ("investment",),
    "industri": ("industry", "industrial transition"),
    "gruvnäring": ("mining", "raw materials"),
    "gruvindustri": ("mining", "raw materials"),
    "gruvor": ("mining", "raw materials"),
    "gruvavfall": ("mining waste", "extractive waste", "tailings"),
    "kritiska mineral": ("critical raw materials",),
    "kritiska råvaror": ("critical raw materials",),
    "kritiska råmaterial": ("critical raw materials",),
    "stålindustri": ("steel industry", "steel"),
    "stålproduktion": ("steel production", "steel"),
    "stålverk": ("steel industry", "steel"),
    "stål": ("steel",),
    # an old industrial town's buildings and places: heritage, not industry
    "industrilandskap": ("industrial heritage", "cultural heritage"),
    "industriarv": ("industrial heritage", "cultural heritage"),
    "industrimiljö": ("industrial heritage", "built heritage"),
    "industrihistori": ("industrial heritage", "cultural heritage"),
    "livsmedelsindustri": ("food industry", "food processing"),
    "spelindustri": ("video games", "games industry"),
    "spelbransch": ("video games", "games industry"),
    # building with factory-made parts, not industry as a subject
    "industriellt byggande": (
        "industrialised construction",
        "offsite construction",
        "prefabrication",
    ),
    "industriellt träbyggande": (
        "industrialised construction",
        "offsite construction",
        "timber construction",
    ),
    "grön omställning": ("green transition",),
    "rättvis omställning": ("just transition",),
    "gröna omställning": ("green transition",),
    "omställning": ("transition",),
    "kompetensattraktion": ("talent attraction",),
    "attraktion": ("attractiveness",),
    "besöksnäring": ("tourism", "sustainable tourism"),
    "turism": ("tourism",),
    "evenemang": ("events",),
    # Not "winter sports": a term's words count one by one, and "sports" is in every sport
    # call; a municipality's winter sport is what its visitors come for.
    "vintersport": ("winter tourism", "ski resorts"),
    "vinterturism": ("winter tourism", "ski resorts"),
    "skidturism": ("winter tourism", "ski resorts"),
    "skidåkning": ("skiing", "winter tourism"),
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
    "export": ("export", "internationalisation"),
    "investeringsfrämj": ("investment promotion", "foreign direct investment"),
    "talang": ("talent", "talent attraction"),
    "besöksmål": ("tourist destinations", "visitor attractions", "tourism"),
    # A municipality attracts conferences (the meetings industry); the bare word
    # "conferences" is in every call that funds organising one, on any subject.
    "konferens": ("conference tourism", "business events", "meetings industry"),
    "evenemang och möten": _EVENTS_AND_MEETINGS,
    "möten och evenemang": _EVENTS_AND_MEETINGS,
    "naturturism": _NATURE_TOURISM,
    "naturupplevelse": _NATURE_TOURISM,
    "natur som reseanledning": _NATURE_TOURISM,
    "natur som besöksmål": _NATURE_TOURISM,
    "kulturturism": ("cultural tourism",),
    "reseanledning": ("tourism", "visitors"),
    "mötesindustri": ("meetings industry", "business events"),
    "profilering": ("place branding", "promotion"),
    "marknadsför": ("marketing", "promotion"),
    "handel": ("trade", "retail"),
    "e-handel": ("e-commerce", "online retail"),
    "inkubator": ("incubators", "business incubation"),
    "nystartade": ("start-ups",),
    "riskkapital": ("venture capital", "access to finance"),
    "kluster": ("clusters",),
    "innovationsnav": ("innovation hubs", "digital innovation hubs"),
    "innovationsupphandl": ("innovation procurement", "public procurement of innovation"),
    "upphandling": ("public procurement",),
    "grön upphandling": ("green public procurement", "public procurement"),
    "hållbar upphandling": ("sustainable public procurement", "public procurement"),
    "miljöanpassad upphandling": ("green public procurement", "public procurement"),
    "tillverkning": ("manufacturing",),
    "sociala företag": ("social enterprises", "social economy"),
    "socialt entreprenörskap": ("social entrepreneurship", "social enterprises", "social economy"),
    "kooperativ": ("cooperatives", "social economy"),
    "socialt företagande": ("social enterprises", "social economy"),
    "social ekonomi": ("social economy",),
    "lokalt ledd": ("community-led local development", "LEADER"),
    # -- labour market and skills
    "kompetensförsörjning": ("skills supply", "skills", "upskilling", "reskilling"),
    "arbetsgivarvarumärke": ("employer branding", "recruitment"),
    "rekryter": ("recruitment",),
    "bristyrke": ("labour shortages", "skills shortages"),
    "arbetssökande": ("jobseekers", "unemployed"),
    "underskötersk": ("care workers", "healthcare assistants"),
    "distansarbete": ("remote work", "telework"),
    "kompetens": ("skills", "competences"),
    # Not "capacity building": in EU calls that is an institution's capacity, and Erasmus+'s
    # Capacity Building actions are done with partner countries outside the EU.
    "kompetensutveckl": ("professional development", "upskilling"),
    "arbetsgivare": ("employers",),
    "vuxenutbild": ("adult education", "adult learning"),
    "komvux": ("adult education", "adult learning"),
    "yrkesutbild": ("vocational education and training", "VET"),
    "validering": ("validation of skills", "recognition of prior learning"),
    "arbetsmarknad": ("labour market", "employment"),
    "sysselsättning": ("employment",),
    "arbetslös": ("unemployment", "unemployed"),
    "arbete för alla": ("employment", "inclusive labour market"),
    "unga som varken": ("NEETs", "not in employment, education or training", "youth employment"),
    "etablering på arbetsmarknaden": ("labour market integration",),
    # A newcomer's "etablering" is getting into work and society, not a company's.
    "etablering av nyanlända": _NEWCOMERS_INTO_WORK,
    "etablering av nya invånare": _NEWCOMERS_INTO_WORK,
    "etablering för nyanlända": _NEWCOMERS_INTO_WORK,
    "etablera sig på arbetsmarknaden": ("labour market integration",),
    "etablera sig i samhället": ("integration",),
    "etableringsuppdrag": _NEWCOMERS_INTO_WORK,
    "etableringsprogram": _NEWCOMERS_INTO_WORK,
    "nyanländas etablering": _NEWCOMERS_INTO_WORK,
    "svenska för invandrare": ("language training", "language learning", "migrants"),
    # Ways into work; not "till arbetet med …" (to the work on something).
    "vägar till arbete": _INTO_WORK,
    "väg till arbete": _INTO_WORK,
    "bidrag till arbete": _INTO_WORK,
    "leder till arbete": _INTO_WORK,
    "fler i arbete": _INTO_WORK,
    "utrikes födda": ("migrants", "third-country nationals", "integration"),
    "utrikesfödd": ("migrants", "third-country nationals", "integration"),
    "nyanlända": ("newly arrived migrants", "integration"),
    "integration": ("integration", "migrants"),
    # people moving to the municipality (inflyttning, inflyttare): new residents, not
    # workers moving between countries ("arbetskraftsrörlighet")
    "inflytt": ("attracting new residents", "in-migration"),
    "inflyttning av arbetskraft": ("attracting workers", "labour mobility", "workforce", "labour"),
    "inflyttning av kompetens": ("attracting workers", "skilled workers"),
    "arbetskraft": ("workforce", "labour"),
    "arbetsintegrerande": ("work integration", "work integration social enterprises"),
    "försörjningsstöd": ("social assistance", "income support"),
    "feriearbete": ("summer jobs", "youth employment"),
    "sommarjobb": ("summer jobs", "youth employment"),
    "feriejobb": ("summer jobs", "youth employment"),
    "extratjänst": ("subsidised employment",),
    "arbetsmiljö": ("working conditions", "occupational safety and health"),
    "lärling": ("apprenticeships",),
    "praktikplats": ("traineeships", "work placements"),
    # -- education
    "förskola": ("early childhood education and care", "preschool"),
    "förskol": ("early childhood education and care",),
    "grundskola": ("school education", "primary school"),
    "skolutveckl": ("school development", "school education"),
    "skolfrånvaro": ("school absenteeism", "early school leaving"),
    "hemmasittar": ("school absenteeism", "early school leaving"),
    "särskola": _SPECIAL_NEEDS_SCHOOL,
    "anpassad grundskola": _SPECIAL_NEEDS_SCHOOL,
    "anpassade grundskola": _SPECIAL_NEEDS_SCHOOL,
    "anpassad gymnasieskola": _SPECIAL_NEEDS_SCHOOL,
    "anpassade gymnasieskola": _SPECIAL_NEEDS_SCHOOL,
    "skolledare": ("school leaders",),
    "skola": ("schools", "school education"),
    "skolor": ("schools", "school education"),
    "skol": ("school",),
    "gymnasi": ("upper secondary education", "upper secondary school"),
    # A school's pupils; "students" in EU calls are mostly those of higher education.
    "elev": ("pupils", "learners"),
    "lärare": ("teachers",),
    "lärarfortbildning": ("teacher training", "teachers", "in-service training"),
    "rektor": ("school leaders", "school heads"),
    "lärresurs": ("learning resources", "educational resources"),
    # coding in school; "programming" in the calls is mostly a programme's period or a TV
    # channel's schedule
    "programmering": ("coding", "computational thinking", "digital skills"),
    "lärarförsörjning": ("teachers", "teacher shortages", "teacher recruitment"),
    "distansundervisning": ("distance learning", "remote teaching"),
    "distansutbild": ("distance learning", "online learning"),
    "fjärrundervisning": ("distance learning", "remote teaching"),
    "skolväg": ("safe routes to school", "road safety"),
    "elevhälsa": ("pupil health", "well-being at school"),
    "likvärdig": ("equitable", "equity"),
    "inkluder": ("inclusive", "inclusion"),
    "läs- och skriv": ("literacy", "reading and writing"),
    "läsfrämj": ("reading promotion", "literacy"),
    "läsförmåga": ("literacy", "reading skills"),
    "läsförståelse": ("literacy", "reading skills"),
    "läskunnighet": ("literacy", "reading skills"),
    # What pupils learn, as the curriculum's goals and grades measure it: not "knowledge".
    "kunskapsmål": ("learning outcomes", "educational attainment"),
    "kunskapsresultat": ("learning outcomes", "educational attainment"),
    "skolresultat": ("learning outcomes", "educational attainment"),
    "elevers resultat": ("pupils", "learning outcomes", "educational attainment"),
    "digitalt lärande": ("digital learning", "digital education"),
    "lärande": ("learning",),
    "utbildning": ("education", "training"),
    "utbyte": ("exchanges", "mobility"),
    "utbyten": ("exchanges", "mobility", "cooperation partnerships"),
    # Exchanges of whom the compound names: their own terms, not the bare "mobility" of
    # "utbyte", which finds transport calls too ("skolutbyte" found "Mobility for All").
    "skolutbyt": ("school exchanges", "school partnerships", "pupil exchanges"),
    "elevutbyt": ("pupil exchanges", "school exchanges", "school partnerships"),
    "lärarutbyt": ("teacher mobility", "staff mobility", "job shadowing"),
    "ungdomsutbyt": ("youth exchanges", "youth mobility"),
    "studentutbyt": ("student exchanges", "student mobility"),
    "informationsutbyte": ("information exchange", "information sharing"),
    "kunskap": ("knowledge",),
    "student": ("students", "student mobility"),
    "högskol": ("higher education",),
    "folkhögskol": ("folk high schools", "adult education", "non-formal learning"),
    "högre utbildning": ("higher education",),
    "livslångt lärande": ("lifelong learning",),
    # Guidance on studies and careers; "vägledning" alone is any guidance ("ska ge vägledning").
    "yrkesvägledning": ("career guidance",),
    "studievägledning": ("career guidance",),
    "studie- och yrkesvägledning": ("career guidance",),
    "matematik": ("mathematics", "STEM"),
    "naturvetenskap": ("science education", "STEM"),
    "modersmål": ("mother tongue", "multilingualism"),
    "flerspråk": ("multilingualism",),
    "skolavhopp": ("early school leaving",),
    "mobbning": ("bullying",),
    "fritidshem": ("out-of-school care", "after-school"),
    "folkbildning": ("non-formal learning", "adult learning"),
    "studieförbund": ("non-formal learning", "adult learning", "adult education"),
    # Swedish for immigrants, and municipal adult vocational education
    "sfi": ("language training", "migrants"),
    "yrkesvux": ("vocational education and training", "adult education"),
    "specialpedagog": ("special needs education", "inclusive education"),
    "mediekunnighet": ("media literacy",),
    "informationskunnighet": ("media literacy",),
    # -- welfare, health, social
    "äldreomsorg": ("elderly care", "long-term care", "older people"),
    "äldre": ("older people", "ageing"),
    "välfärdsteknik": ("welfare technology", "assistive technology", "digital health"),
    "välfärd": ("welfare", "social services"),
    "omsorg": ("care", "social care"),
    "psykisk hälsa": ("mental health",),
    "psykisk ohälsa": ("mental health", "mental ill-health"),
    "psykiska hälsa": ("mental health",),  # "ungas psykiska hälsa"
    "psykiska ohälsa": ("mental health", "mental ill-health"),
    "hälsa": ("health",),
    "folkhälsa": ("public health", "health promotion"),
    "folkhälso": ("public health", "health promotion"),  # folkhälsoarbete, folkhälsoplan
    "primärvård": ("primary care", "primary health care"),
    "barn och unga": ("children and young people",),
    "barn": ("children",),
    "barnomsorg": ("childcare", "early childhood education and care"),
    "unga": ("young people", "youth"),
    "ungdom": ("youth", "young people"),
    "ungdomsmottagning": ("youth health", "sexual and reproductive health"),
    "barnhälsovård": ("child health", "maternal and child health"),
    "lovaktivitet": ("leisure activities", "school holidays"),
    "förebyggande": ("prevention",),
    "socialt arbete": ("social work", "social services"),
    "social innovation": ("social innovation",),
    "sociala innovation": ("social innovation",),
    "utanförskap": ("social exclusion", "social inclusion"),
    "fattigdom": ("poverty",),
    "barnfattigdom": ("child poverty", "children", "poverty"),
    "ekonomiskt bistånd": ("social assistance", "income support"),
    "missbruk": ("substance abuse", "addiction"),
    # alcohol, narcotics, doping and tobacco: the Swedish prevention field's name
    "andt": ("alcohol and drug prevention", "substance use", "tobacco"),
    "spel om pengar": ("gambling",),
    "spelberoende": ("gambling addiction", "gambling"),
    "beroende": ("addiction", "dependence"),
    "beroende av alkohol": ("addiction", "alcohol"),
    "beroende av narkotika": ("addiction", "drugs"),
    "beroende av droger": ("addiction", "drugs"),
    "beroende av spel": ("gambling addiction", "gambling"),
    "funktionsnedsättning": ("persons with disabilities", "disability"),
    "funktionshind": ("persons with disabilities", "disability"),
    "fallprevention": ("fall prevention", "healthy ageing", "older people"),
    # the act on support and service for people with certain disabilities
    "lss": ("persons with disabilities", "disability"),
    "universell utformning": ("universal design", "accessibility"),
    "ensamhet": ("loneliness", "social isolation"),
    "trygghet": ("safety", "security"),
    "trygga": ("safe",),
    "trygghetslarm": ("social alarms", "telecare"),
    "distansvård": ("remote care", "telecare"),
    "vård på distans": ("remote care", "telecare"),
    "digital tillsyn": ("remote monitoring", "telecare"),
    "levnadsvillkor": ("living conditions",),
    "klyftor": ("inequalities",),
    "socioekonomisk": ("socio-economic inequalities", "disadvantaged"),
    "jämlik": ("equality", "inequalities"),
    # Health as fairly shared, not the equality of women and men (gender-based violence).
    "jämlik hälsa": ("health equity", "health inequalities"),
    "sammanhållning": ("social cohesion", "cohesion"),
    "social hållbarhet": ("social sustainability", "social inclusion"),
    "gemenskap": ("community",),
    "kvinnor och män": ("women and men", "gender equality"),
    "hemtjänst": ("home care",),
    "särskilt boende": _LONG_TERM_CARE,
    "särskilda boende": _LONG_TERM_CARE,
    "distansmonitorering": ("remote monitoring", "digital health"),
    "sjukvård": ("healthcare", "health systems"),
    "hemsjukvård": ("home healthcare", "home care"),
    "nära vård": ("primary care", "integrated care", "community-based care"),
    "pensionärsråd": ("older people", "participation"),
    "vräkning": ("evictions", "homelessness"),
    "demens": ("dementia",),
    "rehabiliter": ("rehabilitation",),
    "suicid": ("suicide prevention",),
    "självmord": ("suicide prevention",),
    "narkotika": ("drugs", "drug prevention"),
    "droger": ("drugs", "drug prevention"),
    "alkohol": ("alcohol",),
    "tobak": ("tobacco",),
    "skuldsättning": ("over-indebtedness", "household debt"),
    "fysisk aktivitet": ("physical activity",),
    "övervikt": ("obesity",),
    "föräldraskap": ("parenting", "family support"),
    "familj": ("families",),
    "nära relationer": ("domestic violence",),
    "anhörig": ("informal carers", "family carers"),
    "personlig assistans": ("personal assistance",),
    "e-hälsa": ("eHealth", "digital health"),
    "socialtjänst": ("social services",),
    "barnkonvention": ("children's rights", "UN Convention on the Rights of the Child"),
    "barnets rättigheter": ("children's rights",),
    "barnrätt": ("children's rights",),
    # -- equality, rights, democracy, minorities, culture
    "jämställdhetsintegrering": ("gender mainstreaming",),
    "jämställd": ("gender equality",),
    "jämställd budgeter": ("gender budgeting", "gender equality"),
    "mänskliga rättigheter": ("human rights", "fundamental rights"),
    "mäns våld mot kvinnor": ("violence against women", "gender-based violence"),
    "våld": ("violence",),
    "misshandel": ("violence", "abuse"),
    "människohandel": ("trafficking in human beings", "human trafficking"),
    "hedersrelaterat": ("honour-related violence", "gender-based violence"),
    "näthat": ("online hate", "hate speech"),
    "hbtq": ("LGBTIQ", "LGBTIQ equality"),
    "diskriminering": ("discrimination", "non-discrimination"),
    "demokrati": ("democracy", "democratic participation", "civic engagement"),
    "delaktighet": ("participation",),
    # Calls write it both ways.
    "polarisering": ("polarisation", "polarization"),
    "ungas delaktighet": ("youth participation",),
    "ungas inflytande": ("youth participation",),
    "civilsamhälle": ("civil society",),
    "civila samhälle": ("civil society",),
    "samiska": ("Sami", "indigenous languages", "Sámi"),
    "samisk": ("Sami", "Sámi culture"),
    "urfolk": ("indigenous peoples",),
    "nationella minoriteter": ("national minorities", "minority languages"),
    "minoritet": ("minorities", "minority languages"),
    "romsk": ("Roma", "Roma inclusion"),
    "romer": ("Roma", "Roma inclusion"),
    "meänkieli": ("Meänkieli", "minority languages"),
    "språk": ("languages",),
    "andraspråk": ("second language", "language learning"),
    "läsning": ("reading", "literacy"),
    "språkträning": ("language training", "language learning"),
    "språkutbildning": ("language training", "language learning"),
    "språkinlärning": ("language learning",),
    "revitaliser": ("revitalisation",),
    "kultur": ("culture", "cultural"),
    "konstnärlig": ("artistic", "artists"),
    "kulturarv": ("cultural heritage",),
    "arkeolog": ("archaeology", "cultural heritage"),
    "lokalhistori": ("local history", "cultural heritage"),
    "världsarv": ("World Heritage", "cultural heritage"),
    "kulturmiljö": ("cultural heritage", "built heritage"),
    # Caring for old buildings, not building new ones.
    "byggnadsvård": ("building conservation", "built heritage"),
    "hantverk": ("crafts", "traditional crafts"),
    "offentlig konst": ("public art",),
    "konstnär": ("artists",),
    "bibliotek": ("libraries",),
    "festival": ("festivals",),
    "kreativa näringar": ("cultural and creative industries", "creative sectors"),
    "kreativ": ("creative",),
    "kulturhuvudstad": ("European Capital of Culture",),
    "idrott": ("sport",),
    "badhus": ("swimming pools", "sports facilities"),
    "simkunnig": ("swimming", "water safety"),
    "fritid": ("leisure", "recreation"),
    "förening": ("associations", "civil society organisations"),
    "ideell": ("non-profit", "civil society organisations", "volunteering"),
    "frivillig": ("volunteering", "volunteers"),
    "ofrivillig": ("involuntary",),  # holds "frivillig": not volunteering
    "volontär": ("volunteering", "volunteers"),
    "inflytande": ("participation", "influence"),
    "valdeltagande": ("voter turnout", "electoral participation"),
    "öppenhet": ("transparency", "open government"),
    "transparens": ("transparency",),
    "korruption": ("corruption", "anti-corruption"),
    "rättsstat": ("rule of law",),
    "yttrandefrihet": ("freedom of expression",),
    "återkoppling": ("feedback",),
    "samråd": ("consultation",),
    "lokalsamhälle": ("local communities",),
    "rasism": ("racism",),
    "antisemitism": ("antisemitism",),
    "tolerans": ("tolerance",),
    "freds": ("peace",),
    "fredlig": ("peace", "peaceful"),
    "fred och": ("peace",),
    "museum": ("museums",),
    "museer": ("museums",),
    "konsthall": ("visual arts", "contemporary art", "art galleries"),
    "musik": ("music",),
    "film": ("film", "audiovisual"),
    "scenkonst": ("performing arts",),
    "litteratur": ("literature",),
    "kulturskola": ("arts education", "music schools"),
    "journalist": ("journalism", "media freedom"),
    "fria medier": ("media freedom", "independent media"),
    "pressfrihet": ("media freedom", "press freedom"),
    "mediefrihet": ("media freedom",),
    # -- digitalisation and public administration
    "digitaliser": ("digitalisation", "digital transformation"),
    "digitala tjänster": ("digital public services", "e-government"),
    "e-tjänst": ("e-services", "digital public services"),
    "digital": ("digital",),
    "öppna data": ("open data", "data sharing"),
    "data": ("data",),
    "dataskydd": ("data protection", "GDPR"),
    "interoperab": ("interoperability",),
    "öppen källkod": ("open source",),
    "5g": ("5G", "mobile networks"),
    "artificiell intelligens": ("artificial intelligence", "AI"),
    # Broadband is the network to homes and firms; "connectivity" alone is mostly transport's.
    "bredband": ("broadband", "gigabit networks"),
    "stadsnät": ("broadband", "fibre networks"),  # a municipality's fibre network, not a city
    "mobiltäckning": ("mobile coverage", "mobile networks"),
    "datacent": ("data centres",),
    # The space industry: satellites and what they observe, launch sites.
    "rymd": ("space sector", "satellites", "earth observation", "spaceports"),
    "utbygg": ("deployment", "roll-out"),
    "cybersäkerhet": ("cybersecurity",),
    "informationssäkerhet": ("information security", "cybersecurity"),
    "offentlig verksamhet": ("public sector", "public administration"),
    # Services where people live (shops, post, fuel), not public bodies or trade.
    "offentlig service": ("public services", "services of general interest"),
    "kommersiell service": ("rural services", "services of general interest"),
    "servicepunkt": ("service points", "rural services"),
    "lärcent": ("learning centres", "adult education"),  # lärcentrum, lärcentra
    "lanthandel": ("rural services", "village shops"),
    "offentlig": ("public sector", "public authorities"),
    "förvaltning": ("public administration", "governance"),
    "offentliga förvaltning": ("public administration", "governance"),
    "digital tvilling": ("digital twins",),
    "digitala tvilling": ("digital twins",),
    "sensor": ("sensors", "Internet of Things"),
    "uppkoppl": ("connectivity", "Internet of Things"),
    "sakernas internet": ("Internet of Things",),
    "datadelning": ("data sharing",),
    "dataplattform": ("data platforms",),
    "geodata": ("geospatial data",),
    "automatiser": ("automation",),
    "automation": ("automation",),
    "robot": ("robotics", "robots"),
    "elkraft": ("electric power", "power systems"),
    "digital kompetens": ("digital skills",),
    "digitala kompetens": ("digital skills",),
    "digital inkludering": ("digital inclusion",),
    "digitalt utanförskap": ("digital inclusion", "digital divide"),
    "verksamhetsutveckl": ("organisational development", "capacity building"),
    "kapacitetsuppbygg": ("capacity building",),
    # -- safety, preparedness
    "krisberedskap": ("crisis preparedness", "disaster preparedness"),
    "beredskap": ("preparedness", "resilience"),
    "civilt försvar": ("civil defence", "civil protection"),
    "totalförsvar": ("civil defence", "total defence"),
    "civil beredskap": ("civil preparedness", "civil protection"),
    "civilskydd": ("civil protection",),
    "civilbefolkning": ("civilians", "civil protection"),
    "samhällsviktig": ("critical infrastructure", "critical entities", "essential services"),
    "räddningstjänst": ("rescue services", "emergency services", "civil protection"),
    "skogsbrand": ("wildfires", "forest fires"),
    "skogsbränder": ("wildfires", "forest fires"),
    "hetta": ("heat", "heatwaves"),
    "kameraövervakning": ("video surveillance", "CCTV"),
    "social oro": ("social unrest",),
    "påverkanskampanj": ("influence campaigns", "information manipulation", "disinformation"),
    "valsäkerhet": ("election security", "electoral processes"),
    "kris": ("crisis", "crisis management"),
    "risker": ("risks", "disaster risk"),
    "brottsförebygg": ("crime prevention",),
    "brott": ("crime",),
    "extremism": ("violent extremism", "radicalisation"),
    "radikaliser": ("radicalisation",),
    "terror": ("terrorism",),
    "kriminalitet": ("crime", "organised crime"),
    "kriminella nätverk": ("organised crime", "criminal networks"),
    "tidiga insats": ("early intervention",),
    "tidig insats": ("early intervention",),
    "föräldrastöd": ("parenting support", "family support"),
    "organiserad brottslighet": ("organised crime", "crime"),
    "prostitution": ("prostitution", "sexual exploitation"),
    # the Nordic model of one child-friendly house for child victims' interviews and care
    "barnahus": ("Barnahus", "child-friendly justice"),
    "polis": ("police",),
    "cyber": ("cybersecurity", "cyber threats"),
    "desinformation": ("disinformation",),
    "motståndskraft": ("resilience",),
    "resiliens": ("resilience",),
    "katastrof": ("disasters", "disaster risk reduction"),
    "olycka": ("accidents",),
    "olyckor": ("accidents",),
    "brandskydd": ("fire safety", "fire prevention"),
    "evakuer": ("evacuation",),
    "försörjningsberedskap": ("security of supply",),
    "livsmedelsförsörjning": ("food security",),
    "skyddsrum": ("shelters", "civil protection"),
    "befolkningsskydd": ("civil protection",),
    # -- cooperation and governance
    "gränsöverskridande": ("cross-border cooperation",),
    "gränsregional": ("cross-border cooperation", "cross-border regions"),
    "över gränser": ("cross-border cooperation",),
    "gränshinder": ("border obstacles", "cross-border obstacles"),
    "norge": ("Norway",),
    "norsk": ("Norway", "Norwegian"),
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
    "nätverksbygg": ("networks", "networking"),
    "vänort": ("town twinning",),
    # "besök i varandras städer": the visits of twinned towns, not urban policy.
    "varandras städer": ("town twinning",),
    "vänstad": ("town twinning",),
    "nordisk": ("Nordic",),
    "utvecklingssamarbete": ("development cooperation",),
    "bistånd": ("development cooperation",),
    "agenda 2030": ("Sustainable Development Goals", "SDGs"),
    "globala målen": ("Sustainable Development Goals", "SDGs"),
    "hållbar utveckling": ("sustainable development",),
    "hållbarhetsmål": ("sustainability goals", "Sustainable Development Goals"),
    "tillit": ("social trust", "trust in institutions"),
    "eu-fond": ("EU funds", "EU funding"),
    "strukturfond": ("structural funds", "EU funds"),
    "medfinansiering": ("co-financing",),
    "delfinansiering": ("co-financing",),
    "kunskapsutbyte": ("knowledge exchange", "peer learning", "exchange of good practices"),
    "erfarenhetsutbyte": ("exchange of experience", "peer learning"),
    "goda exempel": ("good practices",),
    "förtroendevald": ("elected representatives", "local politicians"),
    "omvärldsbevakning": ("horizon scanning", "policy monitoring"),
    "påverkansarbete": ("advocacy", "policy influence"),
    "lagstiftning": ("legislation", "EU legislation"),
}

# Words that begin like a key, or hold one, but name no subject of the field. Each blocks the
# shorter keys it overlaps and gives no term of its own.
_NOT_A_SUBJECT: tuple[str, ...] = (
    "krist",  # Kristianstad, Kristinehamn, kristen: not "kris"
    "riskera",  # riskerar (puts at risk): not "risker"
    "stadg",  # stadgar (statutes): not "stad"
    "uppbyggnad",  # build-up: not "byggnad"
    "utbyggnad",  # expansion ("vindkraftsutbyggnad"): not "byggnad"
    "uppbyggande",  # building up: not "byggande"
    "underbygg",  # underbyggd (substantiated): not "byggande"
    "oberoende",  # independent: not "beroende"
    "socialdemokrat",  # a party: not "demokrati"
    "organisationskultur",  # a workplace's culture: not "kultur"
    "ikläder",  # to take on ("ikläder sig ett ansvar"): not clothing
    "avkläder",  # to undress: not clothing
    # a conversation's or workplace's climate: not the climate
    "samtalsklimat",
    "debattklimat",
    "arbetsklimat",
    "romersk",  # Roman: not "romer" (the Roma)
    "andtag",  # a breath: not "andt"
    "andtäpp",  # short of breath: not "andt"
    "flygande",  # "en flygande start": not aviation
    "flygel",  # a grand piano, or a building's wing: not aviation
    # to end up ("hamna i utanförskap", "hamnar mellan stolarna"): not ports
    "hamnade",
    "hamnat",
    "hamna i",
    # "hamnar i" and "hamnar på" are ports in and at a place too ("hamnar i Visby och
    # Slite"): only those that end up are blocked
    "som hamnar i",
    "som hamnar på",
    "inte hamnar i",
    "hamnar i utanförskap",
    "hamnar i arbetslöshet",
    "hamnar i kriminalitet",
    "hamna utanför",
    "hamnar utanför",
    "hamna mellan",
    "hamnar mellan",
    "hamna på",
    "sjönk",  # sank: not "sjö"
    "sjöng",  # sang: not "sjö"
    "sjöbo",  # a municipality in Skåne: not lakes
    # young people drawn into crime ("rekryteras till kriminella nätverk"): not hiring
    "rekryteras till",
    "rekryteras in i",
    "rekrytering till krimin",
    "rekrytering av unga till",
    # depending on something ("beroende av sommarsäsongen"): not an addiction
    "beroende av",
    "stadig",  # steady: not "stad"
    "stadium",  # a stage ("i ett tidigt stadium"): not "stad"
    "stadier",
    "haveri",  # a breakdown: not the sea
    "havre",  # oats: not the sea
    "älva",  # a fairy: not a river
    "brottas",  # to wrestle ("brottas med"): not crime
    "naturlig",  # natural, obvious ("en naturlig partner"): not nature
    "relationsbygg",  # building relations: not construction
    "förtroendebygg",  # building trust: not construction
    # a social services' decision on assistance (elderly care, support): not aid abroad
    "biståndsbedöm",
    "biståndshandlägg",
    "biståndsbeslut",
    "verkstäd",  # workshops: not "städer"
    # a minority language's administrative area ("förvaltningsområde för samiska"), or a
    # department's remit: not public administration as a subject
    "förvaltningsområde",
    # a department by its name ("Arbetslivsförvaltningen", "kultur- och
    # fritidsförvaltningen"): who does the work, not public administration as a subject
    "förvaltningen",
    # "till arbetet", "i arbetet": to one's workplace, or to the work on something; not
    # ways into work ("vägar till arbete")
    "väg till arbetet",
    "vägar till arbetet",
    "bidrag till arbetet",
    "leder till arbetet",
    "fler i arbetet",
    # a lecture, a meter's reading, reading a text through: not reading as literacy
    "föreläsning",
    "avläsning",
    "genomläsning",
    "inläsning",
    "felläsning",
    "kontrolläsning",
    "korrekturläsning",
    # trust-based management of a municipality's own staff: not trust in society
    "tillitsbaser",
)

_MIN_INSIDE = 6  # keys this long also match inside a compound


Patterns = list[tuple[re.Pattern[str], tuple[str, ...]]]


def compile_patterns(entries: dict[str, tuple[str, ...]]) -> Patterns:
    """The search patterns of a glossary (key -> English terms), with the keys that are no
    subject (:data:`_NOT_A_SUBJECT`). :data:`GLOSSARY`'s are made once
    (:func:`shipped_patterns`); a benchmark may compile a reduced glossary of its own."""
    out = []
    for key, terms in [*entries.items(), *((k, ()) for k in _NOT_A_SUBJECT)]:
        start = "" if len(key.replace(" ", "")) >= _MIN_INSIDE else r"(?<![a-zåäöé])"
        out.append((re.compile(start + re.escape(key), re.IGNORECASE), terms))
    return out


@lru_cache(maxsize=1)
def shipped_patterns() -> Patterns:
    """The patterns of :data:`GLOSSARY`."""
    return compile_patterns(GLOSSARY)


# A compound whose last part is left to the next word: "natur- och friluftsturism" is
# "naturturism och friluftsturism", "gång- och cykelvägar" "gångvägar och cykelvägar".
_SUSPENDED = re.compile(
    r"(?<![\w-])([a-zåäöé]{2,})- (?:och|eller|samt|respektive|till) ([a-zåäöé]{4,})",
    re.IGNORECASE,
)


def _completed(text: str, patterns: Patterns) -> list[tuple[int, int, int, tuple[str, ...]]]:
    """(start, end, the key's length, English terms) for each suspended compound's first
    part ("natur-" in "natur- och friluftsturism") that, completed by an ending of the next
    word ("naturturism"), is a longer key than the part alone: the part's span, counted as
    long as the completed key."""
    found = []
    for suspended in _SUSPENDED.finditer(text):
        part, word = suspended.group(1), suspended.group(2)
        best: tuple[int, tuple[str, ...]] = (len(part), ())
        for cut in range(1, len(word) - 2):
            completed = part + word[cut:]
            for pattern, terms in patterns:
                match = pattern.match(completed)
                if match and match.end() > best[0]:
                    best = (match.end(), terms)
        if best[1]:
            found.append((suspended.start(1), suspended.end(1), best[0], best[1]))
    return found


def glossary_matches(
    text: str, patterns: Patterns | None = None
) -> list[tuple[int, int, tuple[str, ...]]]:
    """(start, end, English terms) of every glossary key found in ``text`` (the shipped
    glossary unless ``patterns`` are given).

    The longest key wins: a key whose match a longer key's match overlaps is dropped, inside
    a word or at its start. "företagsklimat" is the business environment, not the climate;
    "brottsförebyggande" is crime prevention, not construction; "civilsamhället" is civil
    society, not civil protection; "biologisk mångfald" is biodiversity, not diversity. Keys
    with no terms (:data:`_NOT_A_SUBJECT`) only block the shorter keys they overlap. A
    suspended compound's first part counts as the compound it stands for ("natur- och
    friluftsturism": nature tourism, not nature).
    """
    patterns = patterns if patterns is not None else shipped_patterns()
    matches: list[tuple[int, int, int, tuple[str, ...]]] = []
    for pattern, terms in patterns:
        for match in pattern.finditer(text):
            matches.append((match.start(), match.end(), match.end() - match.start(), terms))
    matches += _completed(text, patterns)
    return [
        (start, end, terms)
        for start, end, length, terms in matches
        if terms and not any(s < end and start < e and n > length for s, e, n, _ in matches)
    ]


def english_terms(text: str, patterns: Patterns | None = None) -> list[str]:
    """The English terms the glossary (the shipped one unless ``patterns`` are given) gives
    for a Swedish text, in the order found, once."""
    found: dict[str, int] = {}
    for start, _, terms in glossary_matches(text, patterns):
        for term in terms:
            found[term] = min(found.get(term, start), start)
    return sorted(found, key=lambda t: found[t])
