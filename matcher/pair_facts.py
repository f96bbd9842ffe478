"""What ``eufunds show`` prints about how a pair's score was made, beside its eligibility:
the marks that moved it, its place among the call's priorities, what a research programme's
call or work outside the EU lost, the search terms a call is like, and a call its source does
not describe. Each is a :class:`matcher.explain.Fact` stored with the match.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from db.records import Call
from matcher.explain import Fact, described, fact
from matcher.lexical import specific_owners
from matcher.prior import done_abroad
from matcher.scored import Scored
from matcher.scoring import (
    DIGEST_RESEARCH_CHANCE,
    SHIPPED,
    abroad_elsewhere,
    abroad_loss,
    likeness_evidence,
    research_held_back,
    research_loss,
    usable_probability,
    wordless,
)


def mark_fact(scored: Scored, i: int, j: int) -> list[Fact]:
    """Why the marks moved this pair, as a fact ``eufunds show`` prints (none when they did
    not move it noticeably)."""
    reason = scored.adjustment_reasons.get((i, j))
    if not reason:
        return []
    return [fact("markeringar", "info", reason)]


def _decimal(value: float, *, exact: bool = False) -> str:
    """A score amount as Swedish writes it, to one decimal ("0,4"); ``exact`` for a set step
    keeps a second decimal where it has one ("0,25", but "0,5")."""
    if not exact:
        return f"{value:.1f}".replace(".", ",")
    text = f"{value:.2f}".rstrip("0")
    return (text + "0" if text.endswith(".") else text).replace(".", ",")


def rank_fact(scored: Scored, i: int, j: int, titles: dict[str, str]) -> list[Fact]:
    """That the pair's priority is not the call's best, which one is, and what that cost,
    as a fact ``eufunds show`` prints (none for the call's best priority). ``titles``: each
    priority's title by id."""
    lost = 0.0 if scored.rank_penalty is None else float(scored.rank_penalty[i, j])
    if lost <= 0 or scored.rank_penalty is None:
        return []
    row = scored.rank_penalty[i]
    second = lost <= row[row > 0].min()  # the smallest penalty is the second place's
    place = "näst bästa" if second else "tredje bästa eller sämre"
    lost_by_target = zip(scored.targets, scored.rank_penalty[i], strict=True)
    best = next((t.priority_id for t, p in lost_by_target if p <= 0), None)
    after = f"; den bästa är ”{titles.get(best, best)}”" if best else ""
    amount = _decimal(lost, exact=True)
    reason = (
        f"Prioriteringen är utlysningens {place}{after}. Poängen är sänkt med {amount} "
        "(en utlysning tjänar först sina bästa prioriteringar)."
    )
    return [fact("rangordning", "info", reason)]


def abroad_facts(scored: Scored) -> Callable[[int, int], list[Fact]]:
    """A function of (call row, target column) giving what a call whose work is done outside
    the EU lost for a priority that is not about work across borders
    (:func:`matcher.scoring.abroad_loss`), and why, as a fact ``eufunds show`` prints (none
    for other pairs). The losses are computed once for all pairs."""
    parts = scored.parts
    if parts is None:
        return lambda i, j: []
    lost = abroad_loss(parts)
    held = abroad_elsewhere(parts)

    def facts(i: int, j: int) -> list[Fact]:
        if not held[i, j]:
            return []
        call = scored.calls[i]
        where = done_abroad(call.title, call.description)
        reason = (
            f"Poängen är sänkt med {_decimal(float(lost[i, j]))} (lika mycket som för ett "
            f"villkor som inte uppfylls): arbetet görs utanför EU (texten: ”{where}”), och "
            "prioriteringen talar inte om internationellt samarbete eller utbyten; för den "
            f"är det partnerlandets sak. {MARKED_ONLY}"
        )
        return [fact("utanför EU", "info", reason)]

    return facts


def wordless_facts(scored: Scored, possible: float) -> Callable[[int, int], list[Fact]]:
    """A function of (call row, target column) giving why a pair whose score reaches
    ``possible`` (the file's möjlig threshold) stays out of the digests: the call uses none
    of the priority's words (:func:`matcher.scoring.wordless`), as a fact ``eufunds show``
    prints (none for other pairs)."""
    parts = scored.parts
    if parts is None or parts.shown is None:
        return lambda i, j: []
    held = wordless(parts)

    def facts(i: int, j: int) -> list[Fact]:
        if not held[i, j] or scored.score[i, j] < possible:
            return []
        reason = (
            "Utlysningen använder inga av prioriteringens ord (nyckelord eller söktermer): "
            "poängen bygger bara på att texterna liknar varandra, och den är troligen en "
            f"utlysning som ingen prioritering täcker. {MARKED_ONLY}"
        )
        return [fact("inga gemensamma ord", "info", reason)]

    return facts


LIKENESS_SHOWN = 0.3  # the terms' likeness raised a pair by this much: show says which terms


def likeness_facts(scored: Scored) -> Callable[[int, int], list[Fact]]:
    """A function of (call row, target column) giving the fact ``eufunds show`` prints when
    the English search terms' e5 likeness raised the pair noticeably: the terms the call is
    most like (none otherwise)."""
    parts = scored.parts
    if parts is None or parts.term_likeness is None or scored.passages is None:
        return lambda i, j: []
    raised = SHIPPED.term_likeness * likeness_evidence(parts)
    starts = scored.passage_starts
    vectors, members = scored.term_vectors, scored.term_members
    assert starts is not None and vectors is not None and members is not None
    ends = np.append(starts[1:], len(scored.passages))
    owners = specific_owners(scored.targets)
    own = [set(terms) for terms in scored.own_search_terms()]

    def facts(i: int, j: int) -> list[Fact]:
        if raised[i, j] < LIKENESS_SHOWN or not members[j]:
            return []
        passages = scored.passages[starts[i] : ends[i]]  # type: ignore[index]
        best = (passages @ vectors[members[j]].T).max(axis=0)
        closest = [scored.terms[j][k] for k in np.argsort(-best)[:3]]
        amount = _decimal(float(raised[i, j]))
        reason = (
            f"Utlysningen liknar söktermerna {_listed(closest)} (språkmodellen, även där orden "
            f"inte står ordagrant); poängen är höjd med {amount}."
        )
        named = [term for term in closest if term not in own[j]]
        if named and owners[j]:
            reason += " " + _owners_said(named, owners[j])
        return [fact("söktermer", "info", reason)]

    return facts


def _listed(terms: list[str]) -> str:
    """Terms quoted and listed as Swedish lists them: ”a”, ”b” och ”c”."""
    quoted = [f"”{term}”" for term in terms]
    return ", ".join(quoted[:-1]) + " och " + quoted[-1] if len(quoted) > 1 else quoted[0]


def _owners_said(terms: list[str], names: tuple[str, ...]) -> str:
    """Where search terms that are not the priority's own words come from: the names of the
    departments that own it (:func:`matcher.lexical.owner_terms`)."""
    whose = (
        f"namnet på förvaltningen som äger prioriteringen ({names[0]})"
        if len(names) == 1
        else f"namnen på förvaltningarna som äger prioriteringen ({', '.join(names)})"
    )
    noun = "Söktermen" if len(terms) == 1 else "Söktermerna"
    return f"{noun} {_listed(terms)} kommer från {whose}."


# What a held-back research call still needs to reach a digest: a mark that wants it lifts
# the pair by the marks' step and lets it past the gate, but the pair must still be good
# enough for a digest (a failed check's weight, for research done abroad, can keep it under).
MARKED_ONLY = (
    "Den kommer med i veckobreven bara där den markeras som intressant och poängen då når "
    "möjlig; den finns kvar i sökningen."
)


def research_facts(scored: Scored) -> list[list[Fact]]:
    """Per call: what a research programme's call lost, and why, as a fact ``eufunds show``
    prints (none for other calls). Computed once for all calls."""
    parts = scored.parts
    if parts is None or parts.research is None:
        return [[] for _ in scored.calls]
    lost, chance = research_loss(parts), usable_probability(parts)
    held = research_held_back(parts)
    limit = f"{DIGEST_RESEARCH_CHANCE:.0%}".replace("%", " %")
    facts: list[list[Fact]] = []
    for i in range(len(scored.calls)):
        if not parts.research[i, 0]:
            facts.append([])
            continue
        amount = _decimal(float(lost[i]))
        abroad = parts.abroad is not None and parts.abroad[i, 0] > 0
        where = done_abroad(scored.calls[i].title, scored.calls[i].description) if abroad else None
        if where is not None:
            reason = (
                f"Poängen är sänkt med {amount} (hela avdraget för ett forskningsprogram och "
                "lika mycket som för ett villkor som inte uppfylls): forskningen görs utanför EU "
                f"(texten: ”{where}”), och där har en svensk kommun ingen del. {MARKED_ONLY}"
            )
            facts.append([fact("forskningsprogram", "info", reason)])
            continue
        share = f"{float(chance[i]):.0%}".replace("%", " %")
        if held[i] and share == limit:  # 49.6 % is under the limit, not at it
            share = f"strax under {limit}"
        reason = (
            f"Poängen är sänkt med {amount} för ett forskningsprogram; en kommun bedöms kunna "
            f"delta med sannolikheten {share} (ju troligare, desto mindre sänkning)."
        )
        if held[i]:
            reason += f" Under {limit}: {MARKED_ONLY[0].lower()}{MARKED_ONLY[1:]}"
        facts.append([fact("forskningsprogram", "info", reason)])
    return facts


UNDESCRIBED = (
    "Källan ger ingen beskrivning av utlysningen, bara titel och uppgifter som tema och vem som "
    "får söka; matchningen bygger på dem. Läs utlysningen hos programmet innan ni svarar."
)


def description_facts(calls: list[Call]) -> list[list[Fact]]:
    """Per call: a fact when its source describes it no further than a title and fields
    (interreg.eu's hits), so that a reader knows what the match rests on (none otherwise)."""
    return [
        [] if described(c.description, c.title) else [fact("beskrivning", "info", UNDESCRIBED)]
        for c in calls
    ]
