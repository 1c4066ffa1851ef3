"""Judging an insats: outcomes, missing facts, consent, information (rules.md, Outcomes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from insatser_api.catalog.compile import compile_catalog
from insatser_api.catalog.loader import load_catalog
from insatser_api.rules.conditions import AgeRange, AnyOf, Condition, InKommun, YesNoFact
from insatser_api.rules.consent import ConsentRule
from insatser_api.rules.engine import CompiledCatalog, CompiledInsats
from insatser_api.rules.facts import NOT_FOLKBOKFORD
from insatser_api.rules.results import Decision, Outcome, Status
from insatser_api.rules.situation import HistoryItem, Situation
from insatser_api.rules.target_group import TargetGroup

CATALOG_FILE = Path(__file__).resolve().parents[2] / "catalog" / "ostersund" / "2025-07-01.yaml"
VERSION = "2025-07-01"
D = dt.date
AS_OF = D(2026, 3, 16)
OSTERSUND = "2380"
STOCKHOLM = "0180"
AGE = "applicant.age"
HAD_BOSTAD = "facts.had_bostad_forst"
FOLKBOKFORD = "applicant.folkbokford_kommunkod"
CHILD_FOLKBOKFORD = "child.folkbokford_kommunkod"
PLACED_BY = "facts.placed_outside_home_by_kommunkod"
PLACED_IN = "facts.placed_outside_home_in_kommunkod"
ADULT: dict[str, object] = {AGE: 30, FOLKBOKFORD: OSTERSUND}

ALL_INSATSER = (
    "arbetsmarknadsinsatser",
    "vrakningsforebyggande-arbete",
    "bra-samtal-vuxen",
    "samarbetssamtal",
    "akutboendet",
    "utflyttningsstod",
    "biffsamtal",
    "booster-bryggan",
    "stodsamtal-foraldraroll",
    "i-komet",
    "foraldragrupper",
    "bubblan",
    "fjarilen",
    "tradet",
    "radgivande-samtal",
    "motivationshojande-samtal",
    "cra",
    "f-cra",
    "hap-cpu",
    "spelbehandling",
    "aterfallsprevention",
    "tolvsteg-grupp",
    "tolvsteg-individuell",
    "tolvsteg-eftervard",
    "anhorigstod",
    "booster-nexus",
    "bra-samtal-nexus",
    "bra-samtal-ungdomsstod",
)


@pytest.fixture(scope="module")
def catalog() -> CompiledCatalog:
    return compile_catalog(load_catalog(CATALOG_FILE).catalog)


def situation(
    facts: dict[str, object] | None = None,
    *,
    as_of: dt.date = AS_OF,
    history: tuple[HistoryItem, ...] | None = None,
    stay_until: dt.date | None = None,
    guardian_consent: bool | None = None,
) -> Situation:
    return Situation.from_facts(
        as_of=as_of,
        facts=dict(facts or {}),
        history=history,
        stay_until=stay_until,
        guardian_consent=guardian_consent,
    )


def judge(catalog: CompiledCatalog, insats_id: str, given: Situation) -> Decision:
    return catalog.insatser[insats_id].judge(given)


def assert_consistent(decision: Decision) -> None:
    """What every answer must carry, whatever the outcome (rules.md, Outcomes)."""
    assert decision.catalog_version == VERSION
    assert all(f"avsnitt {c.source}" in c.message for c in decision.conditions)
    assert decision.target_group.note
    if decision.outcome is Outcome.NOT_ELIGIBLE:
        assert decision.information is not None
        assert "11 kap. 6 §" in decision.information
        assert "11 kap. 1 §" in decision.information
        assert decision.missing_facts == ()
    else:
        assert decision.information is None
    if decision.outcome is Outcome.NEEDS_INFORMATION:
        assert decision.missing_facts
        assert len(set(decision.missing_facts)) == len(decision.missing_facts)
    else:
        assert decision.missing_facts == ()


def test_catalog_has_every_insats(catalog: CompiledCatalog) -> None:
    assert tuple(catalog.insatser) == ALL_INSATSER
    assert catalog.version == VERSION
    assert catalog.kommun_kod == OSTERSUND


# Outcomes ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("insats_id", "facts", "outcome"),
    [
        ("cra", ADULT, Outcome.ELIGIBLE),
        ("cra", {AGE: 18, FOLKBOKFORD: OSTERSUND}, Outcome.ELIGIBLE),
        ("cra", {AGE: 17, FOLKBOKFORD: OSTERSUND}, Outcome.NOT_ELIGIBLE),
        ("cra", {AGE: 30, FOLKBOKFORD: STOCKHOLM}, Outcome.NOT_ELIGIBLE),
        ("cra", {AGE: 30, FOLKBOKFORD: NOT_FOLKBOKFORD}, Outcome.NOT_ELIGIBLE),
        ("arbetsmarknadsinsatser", {AGE: 65, FOLKBOKFORD: OSTERSUND}, Outcome.ELIGIBLE),
        ("arbetsmarknadsinsatser", {AGE: 66, FOLKBOKFORD: OSTERSUND}, Outcome.NOT_ELIGIBLE),
        ("arbetsmarknadsinsatser", {AGE: 17, FOLKBOKFORD: OSTERSUND}, Outcome.NOT_ELIGIBLE),
        ("bra-samtal-vuxen", {AGE: 6, FOLKBOKFORD: OSTERSUND}, Outcome.NOT_ELIGIBLE),
        ("bra-samtal-vuxen", {AGE: 18, FOLKBOKFORD: OSTERSUND}, Outcome.ELIGIBLE),
        ("bra-samtal-vuxen", {AGE: 19, FOLKBOKFORD: OSTERSUND}, Outcome.NOT_ELIGIBLE),
        ("bra-samtal-nexus", {AGE: 16, FOLKBOKFORD: OSTERSUND}, Outcome.ELIGIBLE),
        (
            "bra-samtal-ungdomsstod",
            {AGE: 14, FOLKBOKFORD: OSTERSUND},
            Outcome.REQUIRES_GUARDIAN_CONSENT,
        ),
        (
            "utflyttningsstod",
            {**ADULT, "facts.had_bostad_forst": True, "facts.has_hyreskontrakt_in_kommun": True},
            Outcome.ELIGIBLE,
        ),
        (
            "utflyttningsstod",
            {**ADULT, "facts.had_bostad_forst": False, "facts.has_hyreskontrakt_in_kommun": True},
            Outcome.NOT_ELIGIBLE,
        ),
        (
            "utflyttningsstod",
            {
                AGE: 20,
                FOLKBOKFORD: OSTERSUND,
                "facts.had_bostad_forst": True,
                "facts.has_hyreskontrakt_in_kommun": True,
            },
            Outcome.NOT_ELIGIBLE,
        ),
        ("f-cra", {**ADULT, "facts.has_cra_behandlare": True}, Outcome.ELIGIBLE),
        ("f-cra", {**ADULT, "facts.has_cra_behandlare": False}, Outcome.NOT_ELIGIBLE),
        (
            "tolvsteg-eftervard",
            {**ADULT, "facts.completed_12_step_primary": True},
            Outcome.ELIGIBLE,
        ),
        (
            "tolvsteg-eftervard",
            {**ADULT, "facts.completed_12_step_primary": False},
            Outcome.NOT_ELIGIBLE,
        ),
        ("radgivande-samtal", {AGE: 30, FOLKBOKFORD: STOCKHOLM}, Outcome.ELIGIBLE),
        ("radgivande-samtal", {AGE: 30}, Outcome.ELIGIBLE),
        ("radgivande-samtal", {AGE: 30, FOLKBOKFORD: NOT_FOLKBOKFORD}, Outcome.ELIGIBLE),
        # Outside the målgrupp is a note, never a refusal.
        ("bubblan", ADULT, Outcome.ELIGIBLE),
        (
            "motivationshojande-samtal",
            {AGE: 16, FOLKBOKFORD: OSTERSUND},
            Outcome.REQUIRES_GUARDIAN_CONSENT,
        ),
        ("fjarilen", {AGE: 40, FOLKBOKFORD: OSTERSUND}, Outcome.ELIGIBLE),
    ],
)
def test_outcome(
    catalog: CompiledCatalog, insats_id: str, facts: dict[str, object], outcome: Outcome
) -> None:
    decision = judge(catalog, insats_id, situation(facts))
    assert decision.outcome is outcome
    assert decision.insats_id == insats_id
    assert decision.as_of == AS_OF
    assert_consistent(decision)


@pytest.mark.parametrize(
    ("insats_id", "facts", "outside", "outcome"),
    [
        ("bubblan", ADULT, True, Outcome.ELIGIBLE),
        ("bubblan", {AGE: 10, FOLKBOKFORD: OSTERSUND}, False, Outcome.REQUIRES_GUARDIAN_CONSENT),
        ("bubblan", {AGE: 5, FOLKBOKFORD: OSTERSUND}, True, Outcome.REQUIRES_GUARDIAN_CONSENT),
        ("cra", {AGE: 17, FOLKBOKFORD: OSTERSUND}, True, Outcome.NOT_ELIGIBLE),
        (
            "motivationshojande-samtal",
            {AGE: 17, FOLKBOKFORD: OSTERSUND},
            True,
            Outcome.REQUIRES_GUARDIAN_CONSENT,
        ),
        ("stodsamtal-foraldraroll", {**ADULT, "child.age": 19}, True, Outcome.ELIGIBLE),
        ("stodsamtal-foraldraroll", {**ADULT, "child.age": 4}, False, Outcome.ELIGIBLE),
        ("stodsamtal-foraldraroll", ADULT, None, Outcome.ELIGIBLE),
        ("arbetsmarknadsinsatser", ADULT, False, Outcome.ELIGIBLE),
    ],
)
def test_target_group_note_does_not_decide(
    catalog: CompiledCatalog,
    insats_id: str,
    facts: dict[str, object],
    outside: bool | None,
    outcome: Outcome,
) -> None:
    decision = judge(catalog, insats_id, situation(facts))
    assert decision.target_group.applicant_outside is outside
    assert decision.outcome is outcome
    assert_consistent(decision)


def test_not_met_wins_over_unknown(catalog: CompiledCatalog) -> None:
    # Age not met, folkbokföring unknown: nothing left worth asking.
    decision = judge(catalog, "cra", situation({AGE: 17}))
    statuses = {c.code: c.status for c in decision.conditions}
    assert statuses == {"age": Status.NOT_MET, "folkbokford": Status.UNKNOWN}
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.missing_facts == ()
    assert_consistent(decision)


@pytest.mark.parametrize(
    ("insats_id", "given", "missing"),
    [
        ("cra", situation({AGE: 30}), {FOLKBOKFORD}),
        ("cra", situation({FOLKBOKFORD: OSTERSUND}), {AGE}),
        ("cra", situation({}), {AGE, FOLKBOKFORD}),
        ("cra", situation({}, guardian_consent=True), {AGE, FOLKBOKFORD}),
        ("f-cra", situation({AGE: 30}), {FOLKBOKFORD, "facts.has_cra_behandlare"}),
        (
            "utflyttningsstod",
            situation({AGE: 30, "facts.had_bostad_forst": True}),
            {FOLKBOKFORD, "facts.has_hyreskontrakt_in_kommun"},
        ),
        ("booster-nexus", situation(ADULT), {"history"}),
        ("booster-bryggan", situation({AGE: 30}), {"history", FOLKBOKFORD}),
        ("samarbetssamtal", situation({}), {CHILD_FOLKBOKFORD}),
        ("samarbetssamtal", situation({FOLKBOKFORD: OSTERSUND}), {CHILD_FOLKBOKFORD}),
        ("tradet", situation({AGE: 16}), {PLACED_BY, PLACED_IN}),
        ("tradet", situation({AGE: 16, PLACED_BY: STOCKHOLM}), {PLACED_IN}),
        ("tradet", situation({AGE: 16, PLACED_IN: STOCKHOLM}), {PLACED_BY}),
        ("tradet", situation({PLACED_BY: OSTERSUND}), {AGE}),
        ("biffsamtal", situation({FOLKBOKFORD: OSTERSUND}), {AGE}),
        ("biffsamtal", situation({}), {FOLKBOKFORD, AGE}),
        ("radgivande-samtal", situation({}), {AGE}),
        ("akutboendet", situation({}), {AGE}),
        ("akutboendet", situation({FOLKBOKFORD: STOCKHOLM}), {AGE}),
    ],
)
def test_needs_information_lists_exactly_the_missing_facts(
    catalog: CompiledCatalog, insats_id: str, given: Situation, missing: set[str]
) -> None:
    decision = judge(catalog, insats_id, given)
    assert decision.outcome is Outcome.NEEDS_INFORMATION
    assert set(decision.missing_facts) == missing
    assert len(decision.missing_facts) == len(missing)
    assert_consistent(decision)


# Consent -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("insats_id", "age", "guardian_consent", "outcome"),
    [
        # Biffsamtal: no lämplighetsprövning, every child needs consent.
        ("biffsamtal", 10, None, Outcome.REQUIRES_GUARDIAN_CONSENT),
        ("biffsamtal", 10, True, Outcome.ELIGIBLE),
        ("biffsamtal", 10, False, Outcome.NOT_ELIGIBLE),
        ("biffsamtal", 16, None, Outcome.REQUIRES_GUARDIAN_CONSENT),
        ("biffsamtal", 17, False, Outcome.NOT_ELIGIBLE),
        ("biffsamtal", 18, None, Outcome.ELIGIBLE),
        # Bubblan: consent for every child (rules.md, Consent for children).
        ("bubblan", 7, None, Outcome.REQUIRES_GUARDIAN_CONSENT),
        ("bubblan", 12, True, Outcome.ELIGIBLE),
        ("bubblan", 12, False, Outcome.NOT_ELIGIBLE),
        ("bubblan", 16, None, Outcome.REQUIRES_GUARDIAN_CONSENT),
        # Fjärilen: lämplighetsprövning, 15–17 may take part without consent.
        ("fjarilen", 14, None, Outcome.REQUIRES_GUARDIAN_CONSENT),
        ("fjarilen", 14, True, Outcome.ELIGIBLE),
        ("fjarilen", 14, False, Outcome.NOT_ELIGIBLE),
        ("fjarilen", 15, None, Outcome.ELIGIBLE),
        ("fjarilen", 17, None, Outcome.ELIGIBLE),
        ("fjarilen", 15, False, Outcome.ELIGIBLE),  # consent not needed, so not a refusal
        ("anhorigstod", 15, None, Outcome.ELIGIBLE),
        ("anhorigstod", 14, None, Outcome.REQUIRES_GUARDIAN_CONSENT),
        ("bra-samtal-vuxen", 15, None, Outcome.ELIGIBLE),
        ("bra-samtal-vuxen", 8, None, Outcome.REQUIRES_GUARDIAN_CONSENT),
        ("bra-samtal-vuxen", 8, False, Outcome.NOT_ELIGIBLE),
        # An adult: guardian_consent false is ignored.
        ("cra", 30, False, Outcome.ELIGIBLE),
        ("biffsamtal", 30, False, Outcome.ELIGIBLE),
        ("bubblan", 18, False, Outcome.ELIGIBLE),
        ("fjarilen", 40, False, Outcome.ELIGIBLE),
    ],
)
def test_consent_outcomes(
    catalog: CompiledCatalog,
    insats_id: str,
    age: int,
    guardian_consent: bool | None,
    outcome: Outcome,
) -> None:
    given = situation({AGE: age, FOLKBOKFORD: OSTERSUND}, guardian_consent=guardian_consent)
    decision = judge(catalog, insats_id, given)
    assert decision.outcome is outcome
    assert decision.consent.given is guardian_consent
    assert all(c.status is Status.MET for c in decision.conditions)
    assert_consistent(decision)


def test_tradet_consent(catalog: CompiledCatalog) -> None:
    placed = {PLACED_BY: STOCKHOLM, PLACED_IN: OSTERSUND}
    assert judge(catalog, "tradet", situation({AGE: 10, **placed})).outcome is (
        Outcome.REQUIRES_GUARDIAN_CONSENT
    )
    assert judge(catalog, "tradet", situation({AGE: 16, **placed})).outcome is Outcome.ELIGIBLE
    refused = judge(catalog, "tradet", situation({AGE: 10, **placed}, guardian_consent=False))
    assert refused.outcome is Outcome.NOT_ELIGIBLE
    not_placed = judge(
        catalog, "tradet", situation({AGE: 16, PLACED_BY: STOCKHOLM, PLACED_IN: STOCKHOLM})
    )
    assert not_placed.outcome is Outcome.NOT_ELIGIBLE


@pytest.mark.parametrize(
    ("insats_id", "facts"),
    [
        ("biffsamtal", {FOLKBOKFORD: OSTERSUND}),  # no age condition
        ("stodsamtal-foraldraroll", {FOLKBOKFORD: OSTERSUND, "child.age": 5}),
        ("radgivande-samtal", {}),  # no conditions at all
        ("fjarilen", {FOLKBOKFORD: OSTERSUND}),
        ("cra", {FOLKBOKFORD: OSTERSUND}),  # age condition
        ("akutboendet", {FOLKBOKFORD: OSTERSUND}),
    ],
)
def test_unknown_age_without_consent_needs_the_age(
    catalog: CompiledCatalog, insats_id: str, facts: dict[str, object]
) -> None:
    decision = judge(catalog, insats_id, situation(facts))
    assert decision.outcome is Outcome.NEEDS_INFORMATION
    assert decision.missing_facts == (AGE,)
    assert decision.consent.required is None
    assert_consistent(decision)


@pytest.mark.parametrize(
    ("insats_id", "facts", "outcome", "missing"),
    [
        # No age condition: consent given settles it.
        ("biffsamtal", {FOLKBOKFORD: OSTERSUND}, Outcome.ELIGIBLE, ()),
        ("radgivande-samtal", {}, Outcome.ELIGIBLE, ()),
        ("bubblan", {FOLKBOKFORD: OSTERSUND}, Outcome.ELIGIBLE, ()),
        # An age condition still needs the age.
        ("cra", {FOLKBOKFORD: OSTERSUND}, Outcome.NEEDS_INFORMATION, (AGE,)),
        ("bra-samtal-vuxen", {FOLKBOKFORD: OSTERSUND}, Outcome.NEEDS_INFORMATION, (AGE,)),
    ],
)
def test_unknown_age_with_consent_given(
    catalog: CompiledCatalog,
    insats_id: str,
    facts: dict[str, object],
    outcome: Outcome,
    missing: tuple[str, ...],
) -> None:
    decision = judge(catalog, insats_id, situation(facts, guardian_consent=True))
    assert decision.outcome is outcome
    assert decision.missing_facts == missing
    assert_consistent(decision)


def test_unknown_age_with_consent_refused_still_needs_the_age(catalog: CompiledCatalog) -> None:
    # Whether the refusal matters depends on the age: it is a refusal only for a child.
    decision = judge(
        catalog, "biffsamtal", situation({FOLKBOKFORD: OSTERSUND}, guardian_consent=False)
    )
    assert decision.outcome is Outcome.NEEDS_INFORMATION
    assert decision.missing_facts == (AGE,)


# Samarbetssamtal -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "guardian_consent", "outcome", "required"),
    [
        ({CHILD_FOLKBOKFORD: OSTERSUND}, None, Outcome.ELIGIBLE, False),
        ({CHILD_FOLKBOKFORD: OSTERSUND, FOLKBOKFORD: STOCKHOLM}, None, Outcome.ELIGIBLE, False),
        (
            {CHILD_FOLKBOKFORD: OSTERSUND, "child.participates": False},
            None,
            Outcome.ELIGIBLE,
            False,
        ),
        (
            {CHILD_FOLKBOKFORD: OSTERSUND, "child.participates": False},
            False,
            Outcome.ELIGIBLE,
            False,
        ),
        (
            {CHILD_FOLKBOKFORD: OSTERSUND, "child.participates": True},
            None,
            Outcome.REQUIRES_GUARDIAN_CONSENT,
            True,
        ),
        ({CHILD_FOLKBOKFORD: OSTERSUND, "child.participates": True}, True, Outcome.ELIGIBLE, True),
        (
            {CHILD_FOLKBOKFORD: OSTERSUND, "child.participates": True},
            False,
            Outcome.NOT_ELIGIBLE,
            True,
        ),
        ({CHILD_FOLKBOKFORD: STOCKHOLM}, None, Outcome.NOT_ELIGIBLE, False),
        ({CHILD_FOLKBOKFORD: STOCKHOLM, FOLKBOKFORD: OSTERSUND}, None, Outcome.NOT_ELIGIBLE, False),
    ],
)
def test_samarbetssamtal_needs_no_age(
    catalog: CompiledCatalog,
    facts: dict[str, object],
    guardian_consent: bool | None,
    outcome: Outcome,
    required: bool,
) -> None:
    decision = judge(
        catalog, "samarbetssamtal", situation(facts, guardian_consent=guardian_consent)
    )
    assert decision.outcome is outcome
    assert decision.consent.required is required
    assert AGE not in decision.missing_facts
    assert_consistent(decision)


# Earlier insatser ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("insats_id", "history", "outcome"),
    [
        ("booster-nexus", (HistoryItem("cra", None, D(2025, 6, 1)),), Outcome.ELIGIBLE),
        ("booster-nexus", (HistoryItem("aterfallsprevention", None, AS_OF),), Outcome.ELIGIBLE),
        ("booster-nexus", (HistoryItem("spelbehandling", None, D(2025, 3, 16)),), Outcome.ELIGIBLE),
        (
            "booster-nexus",
            (HistoryItem("anhorigstod", None, D(2025, 3, 15)),),
            Outcome.NOT_ELIGIBLE,
        ),
        ("booster-nexus", (HistoryItem("hap-cpu", "Nexus", D(2025, 6, 1)),), Outcome.NOT_ELIGIBLE),
        ("booster-nexus", (HistoryItem(None, "Nexus", D(2025, 6, 1)),), Outcome.NOT_ELIGIBLE),
        ("booster-nexus", (), Outcome.NOT_ELIGIBLE),
        ("booster-bryggan", (HistoryItem("biffsamtal", None, D(2025, 6, 1)),), Outcome.ELIGIBLE),
        (
            "booster-bryggan",
            (HistoryItem(None, "Familjestöd Bryggan", D(2025, 6, 1)),),
            Outcome.ELIGIBLE,
        ),
        (
            "booster-bryggan",
            (HistoryItem(None, "familjestöd bryggan", D(2025, 6, 1)),),
            Outcome.ELIGIBLE,
        ),
        ("booster-bryggan", (HistoryItem("cra", None, D(2025, 6, 1)),), Outcome.NOT_ELIGIBLE),
        (
            "booster-bryggan",
            (HistoryItem("biffsamtal", None, D(2026, 3, 17)),),
            Outcome.NOT_ELIGIBLE,
        ),
        ("booster-bryggan", (), Outcome.NOT_ELIGIBLE),
    ],
)
def test_earlier_insatser(
    catalog: CompiledCatalog,
    insats_id: str,
    history: tuple[HistoryItem, ...],
    outcome: Outcome,
) -> None:
    decision = judge(catalog, insats_id, situation(ADULT, history=history))
    assert decision.outcome is outcome
    assert_consistent(decision)


# Akutboendet ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "next_vardag"),
    [
        (D(2026, 6, 18), D(2026, 6, 22)),
        (D(2026, 4, 2), D(2026, 4, 7)),
        (D(2026, 12, 30), D(2027, 1, 4)),
        (D(2026, 3, 16), D(2026, 3, 17)),
    ],
)
@pytest.mark.parametrize("folkbokford", [None, STOCKHOLM, NOT_FOLKBOKFORD])
def test_akutboendet_stay_limit(
    catalog: CompiledCatalog, as_of: dt.date, next_vardag: dt.date, folkbokford: str | None
) -> None:
    assert next_vardag.weekday() < 5
    facts: dict[str, object] = {AGE: 30}
    if folkbokford is not None:
        facts[FOLKBOKFORD] = folkbokford
    for stay_until, outcome in (
        (None, Outcome.ELIGIBLE),
        (as_of, Outcome.ELIGIBLE),
        (next_vardag, Outcome.ELIGIBLE),
        (next_vardag + dt.timedelta(days=1), Outcome.NOT_ELIGIBLE),
    ):
        decision = judge(
            catalog, "akutboendet", situation(facts, as_of=as_of, stay_until=stay_until)
        )
        assert decision.outcome is outcome, stay_until
        assert decision.stay_limit is not None
        assert decision.stay_limit.until == next_vardag
        assert_consistent(decision)


@pytest.mark.parametrize("stay_until", [None, D(2026, 3, 17), D(2026, 4, 30)])
def test_akutboendet_folkbokford_has_no_limit(
    catalog: CompiledCatalog, stay_until: dt.date | None
) -> None:
    decision = judge(catalog, "akutboendet", situation(ADULT, stay_until=stay_until))
    assert decision.outcome is Outcome.ELIGIBLE
    assert decision.stay_limit is not None
    assert decision.stay_limit.until is None


def test_akutboendet_child_is_not_eligible(catalog: CompiledCatalog) -> None:
    decision = judge(catalog, "akutboendet", situation({AGE: 17, FOLKBOKFORD: OSTERSUND}))
    assert decision.outcome is Outcome.NOT_ELIGIBLE
    assert decision.stay_limit is not None


@pytest.mark.parametrize(
    "given",
    [
        situation(ADULT),
        situation({AGE: 10, FOLKBOKFORD: STOCKHOLM}, stay_until=D(2026, 4, 1)),
        situation({}),
        situation({AGE: 16, CHILD_FOLKBOKFORD: OSTERSUND}, history=(), guardian_consent=True),
    ],
)
def test_stay_limit_only_for_akutboendet(catalog: CompiledCatalog, given: Situation) -> None:
    decisions = catalog.judge_all(given)
    assert [d.insats_id for d in decisions] == list(ALL_INSATSER)
    for decision in decisions:
        assert (decision.stay_limit is not None) == (decision.insats_id == "akutboendet")
        assert_consistent(decision)


# Information and determinism -----------------------------------------------------------------


@pytest.mark.parametrize(
    "given",
    [
        situation(ADULT),
        situation({AGE: 10, FOLKBOKFORD: OSTERSUND}),
        situation({AGE: 10, FOLKBOKFORD: OSTERSUND}, guardian_consent=False),
        situation({AGE: 30, FOLKBOKFORD: STOCKHOLM}),
        situation({}),
        situation({AGE: 16}, history=()),
        situation({AGE: 70, FOLKBOKFORD: NOT_FOLKBOKFORD, CHILD_FOLKBOKFORD: OSTERSUND}),
    ],
)
def test_information_only_when_not_eligible(catalog: CompiledCatalog, given: Situation) -> None:
    for decision in catalog.judge_all(given):
        assert (decision.information is not None) == (decision.outcome is Outcome.NOT_ELIGIBLE)
        if decision.information is not None:
            assert "Östersunds kommun" in decision.information
        assert_consistent(decision)


@pytest.mark.parametrize(
    "given",
    [
        situation(ADULT, history=(HistoryItem("cra", None, D(2025, 6, 1)),)),
        situation({AGE: 10}, guardian_consent=False),
        situation(
            {AGE: 30, FOLKBOKFORD: STOCKHOLM}, as_of=D(2026, 6, 18), stay_until=D(2026, 6, 30)
        ),
        situation({}),
    ],
)
def test_judging_is_deterministic(catalog: CompiledCatalog, given: Situation) -> None:
    first = catalog.judge_all(given)
    second = catalog.judge_all(given)
    assert first == second
    for insats_id in ("akutboendet", "tradet", "samarbetssamtal"):
        assert judge(catalog, insats_id, given) == judge(catalog, insats_id, given)


def test_judge_all_selected_insatser(catalog: CompiledCatalog) -> None:
    decisions = catalog.judge_all(situation(ADULT), ["cra", "bubblan"])
    assert [d.insats_id for d in decisions] == ["cra", "bubblan"]


@pytest.mark.parametrize(
    ("insats_id", "mode"),
    [
        ("vrakningsforebyggande-arbete", "advisory"),
        ("bra-samtal-vuxen", "advisory"),
        ("bra-samtal-nexus", "advisory"),
        ("bra-samtal-ungdomsstod", "advisory"),
        ("samarbetssamtal", "advisory"),
        ("radgivande-samtal", "advisory"),
        ("arbetsmarknadsinsatser", "individual"),
        ("akutboendet", "individual"),
        ("cra", "individual"),
        ("tradet", "individual"),
    ],
)
def test_documentation_mode(insats_id: str, mode: str) -> None:
    # The documentation mode is catalogue data, carried to the answer (not a rule).
    insatser = {i.id: i for i in load_catalog(CATALOG_FILE).catalog.insatser}
    documentation = insatser[insats_id].documentation
    assert documentation.mode == mode
    expected_paragraph = "14 kap. 4 §" if mode == "advisory" else "14 kap. 3 §"
    assert expected_paragraph in documentation.legal_basis


# A hand-built insats -------------------------------------------------------------------------


def hand_built(conditions: list[Condition], consent: ConsentRule | None = None) -> CompiledInsats:
    return CompiledInsats(
        insats_id="prov",
        section="9.1",
        catalog_version="test",
        conditions=conditions,
        consent=consent or ConsentRule("applicant", False, "9.1"),
        target_group=TargetGroup("Alla", ()),
        information="Information enligt 11 kap. 6 §",
    )


@pytest.mark.parametrize(
    ("facts", "guardian_consent", "outcome", "missing"),
    [
        ({}, None, Outcome.NEEDS_INFORMATION, (AGE, HAD_BOSTAD)),
        ({}, True, Outcome.NEEDS_INFORMATION, (AGE, HAD_BOSTAD)),
        ({AGE: 30}, None, Outcome.NEEDS_INFORMATION, (HAD_BOSTAD,)),
        ({AGE: 30, HAD_BOSTAD: True}, None, Outcome.ELIGIBLE, ()),
        ({AGE: 30, HAD_BOSTAD: False}, None, Outcome.NOT_ELIGIBLE, ()),
        ({AGE: 10, HAD_BOSTAD: True}, None, Outcome.REQUIRES_GUARDIAN_CONSENT, ()),
        ({AGE: 10}, None, Outcome.NEEDS_INFORMATION, (HAD_BOSTAD,)),
        ({AGE: 10}, False, Outcome.NOT_ELIGIBLE, ()),  # refusal: nothing left worth asking
        ({AGE: 70}, None, Outcome.NOT_ELIGIBLE, ()),
    ],
)
def test_hand_built_insats_missing_facts_once_each(
    facts: dict[str, object],
    guardian_consent: bool | None,
    outcome: Outcome,
    missing: tuple[str, ...],
) -> None:
    insats = hand_built(
        [
            AgeRange("min", "Högst 65 år", "9.1", None, 65),
            YesNoFact("x", "X", "9.1", HAD_BOSTAD, True),
            AnyOf(
                "any",
                "Ålder eller X",
                "9.1",
                [AgeRange("a", "A", "9.1", 0, 65), YesNoFact("y", "Y", "9.1", HAD_BOSTAD, True)],
            ),
        ]
    )
    decision = insats.judge(situation(facts, guardian_consent=guardian_consent))
    assert decision.outcome is outcome
    assert decision.missing_facts == missing
    assert decision.catalog_version == "test"
    assert (decision.information is not None) == (outcome is Outcome.NOT_ELIGIBLE)
    assert decision.stay_limit is None


def test_hand_built_insats_without_conditions() -> None:
    insats = hand_built([], ConsentRule("applicant", True, "9.1"))
    assert insats.judge(situation({})).outcome is Outcome.NEEDS_INFORMATION
    assert insats.judge(situation({}, guardian_consent=True)).outcome is Outcome.ELIGIBLE
    assert insats.judge(situation({AGE: 15})).outcome is Outcome.ELIGIBLE
    assert insats.judge(situation({AGE: 14})).outcome is Outcome.REQUIRES_GUARDIAN_CONSENT
    refused = insats.judge(situation({AGE: 14}, guardian_consent=False))
    assert refused.outcome is Outcome.NOT_ELIGIBLE
    assert refused.information == "Information enligt 11 kap. 6 §"


def test_hand_built_insats_condition_order_is_kept() -> None:
    insats = hand_built(
        [
            InKommun("folkbokford", "Folkbokförd", "1", FOLKBOKFORD, OSTERSUND),
            AgeRange("age", "Fyllt 18 år", "9.1", 18, None),
        ]
    )
    decision = insats.judge(situation({}))
    assert [c.code for c in decision.conditions] == ["folkbokford", "age"]
    assert decision.missing_facts == (FOLKBOKFORD, AGE)
