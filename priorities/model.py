"""The priorities file as typed records: English field names, the file's Swedish keys as aliases.

Validation messages raised here are Swedish and say how to fix the value; positions
(file:line:column) are added by :mod:`priorities.loader`, which knows where each value came from.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, NamedTuple

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")
# Deliberately simple: one @, a dot in the domain, no spaces. Typos such as "namn(at)x.se",
# "namn@x" or "namn@@x.se" are what staff actually make; full RFC 5322 would accept those.
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")
NUTS_PATTERN = re.compile(r"^[A-Z]{2}[0-9A-Z]{0,3}$")
TIME_PATTERN = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
# A number with its thousands written apart, as Swedish writes them: "167 000".
THOUSANDS_PATTERN = re.compile(r"^\d{1,3}([ \u00a0]\d{3})+$")
# What editors are told `invånare` takes: the loader reads the Swedish way too, so an editor
# must not underline "167 000".
_POPULATION_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 1},
        {"type": "string", "pattern": THOUSANDS_PATTERN.pattern},
        {"type": "null"},
    ]
}

WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_CRON_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

_CONFIG = ConfigDict(
    extra="forbid",
    validate_by_alias=True,
    validate_by_name=True,  # Python callers may use the English names; the loader does not
    str_strip_whitespace=True,
    coerce_numbers_to_str=True,  # `id: 2025` is meant as text
    frozen=True,
)


class _Model(BaseModel):
    """Shared settings; an optional key written with nothing after it counts as left out."""

    model_config = _CONFIG

    @model_validator(mode="before")
    @classmethod
    def _empty_optional_is_absent(cls, data: Any) -> Any:
        # Staff write `nämndmål:` or `utskick:` with nothing under it: that means "none" or "the
        # defaults", not an error. Required keys keep their "saknar värde" message.
        if not isinstance(data, dict):
            return data
        optional = {
            field.alias or name
            for name, field in cls.model_fields.items()
            if not field.is_required()
        }
        return {k: v for k, v in data.items() if not (v is None and k in optional)}


def _fail(message: str) -> PydanticCustomError:
    # A custom error keeps the Swedish message as is (a ValueError gets an English prefix).
    return PydanticCustomError("priorities", message)


def _check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise _fail(
            f"id '{value}' är ogiltigt: använd bara små bokstäver a–z, siffror, bindestreck "
            "och understreck (inga å, ä, ö eller mellanslag), t.ex. 'klimat-energi'"
        )
    return value


def _check_text(value: str, key: str, hint: str) -> str:
    if not value.strip():
        raise _fail(f"'{key}' är tom; {hint}")
    return value


def check_email(value: str) -> str:
    """Return ``value`` if it looks like an email address; raise a Swedish error otherwise."""
    if not EMAIL_PATTERN.match(value):
        raise _fail(
            f"'{value}' är ingen giltig e-postadress; skriv den som namn@domän.se "
            "(ett @, inga mellanslag)"
        )
    return value


def _check_word(value: str) -> str:
    if not value.strip():
        raise _fail("ett tomt värde i listan; ta bort den tomma raden")
    return value


# Checked one by one so that an error points at the item, not at the whole list.
Email = Annotated[str, AfterValidator(check_email)]
Word = Annotated[str, AfterValidator(_check_word)]
Id = Annotated[str, AfterValidator(_check_id)]


class Department(_Model):
    """A department or municipal company that owns priorities and receives a digest."""

    id: Id = Field(description="Kort identifierare, t.ex. 'miljo' (a–z, 0–9, bindestreck).")
    name: str = Field(alias="namn", description="Förvaltningens eller bolagets namn.")
    contacts: list[Email] = Field(
        alias="kontakter",
        min_length=1,
        description="E-postadresser som får förvaltningens veckobrev.",
    )

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return _check_text(value, "namn", "skriv förvaltningens namn")


class Goal(_Model):
    """A board goal (nämndmål) under a priority."""

    id: Id = Field(description="Kort identifierare, unik i hela filen, t.ex. 'mbn-1'.")
    text: str = Field(description="Målet som nämnden formulerat det.")
    keywords: list[Word] = Field(
        default_factory=list,
        alias="nyckelord",
        description="Ord som talar för att en utlysning gäller målet (svenska och engelska).",
    )

    @field_validator("text")
    @classmethod
    def _text(cls, value: str) -> str:
        return _check_text(value, "text", "skriv målet med en eller två meningar")


class Priority(_Model):
    """A political priority: what it is about, who owns it, its board goals and keywords."""

    id: Id = Field(description="Kort identifierare, unik i hela filen, t.ex. 'klimat-energi'.")
    title: str = Field(alias="rubrik", description="Prioriteringens rubrik.")
    description: str = Field(
        alias="beskrivning",
        description="Några meningar om vad prioriteringen omfattar; matchningen läser dem.",
    )
    departments: list[Word] = Field(
        alias="förvaltningar",
        min_length=1,
        description="Id för de förvaltningar som äger prioriteringen och får träffarna.",
    )
    goals: list[Goal] = Field(
        default_factory=list, alias="nämndmål", description="Nämndmål under prioriteringen."
    )
    keywords: list[Word] = Field(
        default_factory=list,
        alias="nyckelord",
        description="Ord som talar för en träff, på svenska och engelska.",
    )
    excluded_terms: list[Word] = Field(
        default_factory=list,
        alias="uteslutna_söktermer",
        description=(
            "Engelska söktermer ur tjänstens ordlista som inte ska räknas för prioriteringen "
            "och dess nämndmål (t.ex. 'students' för en skolprioritering, om termen drar in "
            "högskolornas utlysningar); se dem med eufunds priorities show."
        ),
    )

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return _check_text(value, "rubrik", "skriv en kort rubrik")

    @field_validator("description")
    @classmethod
    def _description(cls, value: str) -> str:
        return _check_text(
            value, "beskrivning", "skriv några meningar om vad prioriteringen omfattar"
        )


class Thresholds(_Model):
    """Score thresholds for the labels; None leaves the matcher's default."""

    strong: float | None = Field(default=None, alias="stark", description="Gräns för 'stark'.")
    possible: float | None = Field(
        default=None, alias="möjlig", description="Gräns för 'möjlig' (lägre än 'stark')."
    )

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if self.strong is not None and self.possible is not None and self.possible > self.strong:
            raise _fail(
                f"'möjlig' ({self.possible}) är högre än 'stark' ({self.strong}); "
                "gränsen för 'möjlig' ska vara lägre"
            )
        return self


class Digest(_Model):
    """When the weekly digest goes out and how long it may be."""

    weekday: str = Field(
        default="måndag", alias="veckodag", description="Veckodag för utskicket, t.ex. måndag."
    )
    time: str = Field(default="07:00", alias="tid", description="Klockslag, TT:MM (svensk tid).")
    max_items: Annotated[int, Field(ge=1, le=100)] = Field(
        default=15, alias="max_antal", description="Högst så många utlysningar per brev."
    )

    @field_validator("weekday")
    @classmethod
    def _weekday(cls, value: str) -> str:
        day = value.lower()
        if day not in WEEKDAYS:
            raise _fail(f"'{value}' är ingen veckodag; skriv en av: {', '.join(WEEKDAYS)}")
        return day

    @field_validator("time")
    @classmethod
    def _time(cls, value: str) -> str:
        if not TIME_PATTERN.match(value):
            raise _fail(f"'{value}' är inget klockslag; skriv det som TT:MM, t.ex. 07:00")
        return value

    @property
    def weekday_index(self) -> int:
        """0 for Monday … 6 for Sunday."""
        return WEEKDAYS.index(self.weekday)

    @property
    def cron_day_of_week(self) -> str:
        """The weekday as a cron/apscheduler name: 'mon' … 'sun'."""
        return _CRON_DAYS[self.weekday_index]

    @property
    def hour(self) -> int:
        """The hour of :attr:`time`."""
        return int(self.time[:2])

    @property
    def minute(self) -> int:
        """The minute of :attr:`time`."""
        return int(self.time[3:])


class ApplicantProfile(_Model):
    """How the municipality is described as an applicant (for eligibility checks)."""

    organisation_types: list[Word] = Field(
        default_factory=list,
        alias="organisationstyper",
        description="Ord för vilken sorts sökande kommunen är, t.ex. 'kommun', 'local authority'.",
    )
    population: Annotated[int | None, WithJsonSchema(_POPULATION_SCHEMA)] = Field(
        default=None,
        alias="invånare",
        ge=1,
        description="Kommunens antal invånare, för priser och utlysningar som gäller städer av "
        "en viss storlek (t.ex. European Capital of Innovation).",
    )

    @field_validator("population", mode="before")
    @classmethod
    def _population(cls, value: object) -> object:
        """Thousands written apart, as Swedish writes them ("167 000"), make one number."""
        if isinstance(value, str) and THOUSANDS_PATTERN.match(value.strip()):
            return int(re.sub(r"\s", "", value))
        return value


class Target(NamedTuple):
    """Something a call is matched against: a priority or one of its board goals."""

    target_id: str
    kind: str  # "priority" | "goal"
    priority_id: str
    text: str
    departments: list[str]
    keywords: list[str]
    excluded_terms: tuple[str, ...] = ()  # the glossary's terms the file leaves out
    department_names: tuple[str, ...] = ()  # the names of ``departments``, in their order


class Priorities(_Model):
    """A whole priorities file, validated."""

    municipality: str = Field(alias="kommun", description="Kommunens namn.")
    country: str = Field(alias="land", description="Landskod med två bokstäver, t.ex. SE.")
    nuts: str = Field(description="Kommunens NUTS-region, t.ex. SE123 (Östergötland).")
    coordinator: list[Email] = Field(
        default_factory=list,
        alias="samordnare",
        description="E-postadresser till EU-samordnaren (får varningar och sammanfattningar).",
    )
    departments: list[Department] = Field(
        alias="förvaltningar", min_length=1, description="Förvaltningar och bolag."
    )
    priorities: list[Priority] = Field(
        alias="prioriteringar", min_length=1, description="De politiska prioriteringarna."
    )
    excluded_programmes: list[Word] = Field(
        default_factory=list,
        alias="uteslutna_program",
        description="Program som aldrig ska föreslås (del av programmets namn).",
    )
    thresholds: Thresholds = Field(
        default_factory=Thresholds, alias="tröskelvärden", description="Gränser för etiketterna."
    )
    digest: Digest = Field(
        default_factory=Digest, alias="utskick", description="När veckobrevet skickas."
    )
    applicant_profile: ApplicantProfile | None = Field(
        default=None, alias="sökandeprofil", description="Kommunen som sökande."
    )
    # SHA-256 of the file's bytes, set by the loader; not a key of the file.
    _version_hash: str = PrivateAttr(default="")

    @field_validator("municipality")
    @classmethod
    def _municipality(cls, value: str) -> str:
        return _check_text(value, "kommun", "skriv kommunens namn, t.ex. Linköpings kommun")

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        if not COUNTRY_PATTERN.match(value):
            raise _fail(
                f"land '{value}' är ingen landskod; skriv två versaler enligt ISO 3166, t.ex. SE"
            )
        return value

    @field_validator("nuts")
    @classmethod
    def _nuts(cls, value: str) -> str:
        if not NUTS_PATTERN.match(value):
            raise _fail(
                f"nuts '{value}' är ingen NUTS-kod; skriv landskoden och upp till tre tecken, "
                "t.ex. SE123"
            )
        return value

    @property
    def version_hash(self) -> str:
        """SHA-256 (hex) of the bytes this was loaded from; "" if built in Python."""
        return self._version_hash

    def department(self, department_id: str) -> Department:
        """The department with this id; KeyError if there is none."""
        for department in self.departments:
            if department.id == department_id:
                return department
        raise KeyError(department_id)

    def priority(self, priority_id: str) -> Priority:
        """The priority with this id; KeyError if there is none."""
        for priority in self.priorities:
            if priority.id == priority_id:
                return priority
        raise KeyError(priority_id)

    def targets(self) -> list[Target]:
        """Every priority and board goal as a matching target, in file order.

        A priority's text is its title and description; a goal's text is its own text. A goal
        is owned by its priority's departments and inherits the priority's keywords after its
        own (a goal is narrower, but the theme's words are still evidence), and the search
        terms the priority leaves out.
        """
        names = {d.id: d.name for d in self.departments}
        targets: list[Target] = []
        for p in self.priorities:
            owners = tuple(names.get(d, d) for d in p.departments)
            targets.append(
                Target(
                    p.id,
                    "priority",
                    p.id,
                    f"{p.title}. {p.description}",
                    list(p.departments),
                    list(p.keywords),
                    tuple(p.excluded_terms),
                    owners,
                )
            )
            for goal in p.goals:
                keywords = list(dict.fromkeys([*goal.keywords, *p.keywords]))
                targets.append(
                    Target(
                        goal.id,
                        "goal",
                        p.id,
                        goal.text,
                        list(p.departments),
                        keywords,
                        tuple(p.excluded_terms),
                        owners,
                    )
                )
        return targets

    def summary(self) -> dict[str, Any]:
        """A small JSON-able picture of the file: what ``history`` compares between versions."""
        return {
            "municipality": self.municipality,
            "departments": {d.id: d.name for d in self.departments},
            "priorities": {p.id: p.title for p in self.priorities},
            "goals": {g.id: p.id for p in self.priorities for g in p.goals},
        }
