"""The facts a villkor may read, each defined once.

A fact's key is its path in the request body (`applicant.age`, `facts.had_bostad_forst`) and,
the same path, the attribute of the rules layer's typed `Situation` that holds it. The catalogue
schema (which facts a condition may name, which questions a form asks), the conditions and the
request schema (tests/eligibility/test_request_facts.py) all use these keys.

Defined outside `rules/`, like `insatser_api.outcomes`, so that the catalogue's models and the
typed client can name a fact without loading the rules layer; `rules.facts` exports them.
"""

from __future__ import annotations

from enum import StrEnum


class FactKey(StrEnum):
    """Request facts a condition may read; the names are the request's JSON paths."""

    APPLICANT_AGE = "applicant.age"
    APPLICANT_FOLKBOKFORD = "applicant.folkbokford_kommunkod"
    CHILD_AGE = "child.age"
    CHILD_FOLKBOKFORD = "child.folkbokford_kommunkod"
    CHILD_PARTICIPATES = "child.participates"
    GUARDIAN_CONSENT = "guardian_consent"
    HISTORY = "history"
    STAY_UNTIL = "stay_until"
    HAS_CRA_BEHANDLARE = "facts.has_cra_behandlare"
    HAD_BOSTAD_FORST = "facts.had_bostad_forst"
    HAS_HYRESKONTRAKT_IN_KOMMUN = "facts.has_hyreskontrakt_in_kommun"
    COMPLETED_12_STEP_PRIMARY = "facts.completed_12_step_primary"
    PLACED_BY_KOMMUNKOD = "facts.placed_outside_home_by_kommunkod"
    PLACED_IN_KOMMUNKOD = "facts.placed_outside_home_in_kommunkod"


# The facts whose value is a kommunkod (a `kommun` condition compares them with its kommunkod).
KOMMUNKOD_FACTS = frozenset(
    {
        FactKey.APPLICANT_FOLKBOKFORD,
        FactKey.CHILD_FOLKBOKFORD,
        FactKey.PLACED_BY_KOMMUNKOD,
        FactKey.PLACED_IN_KOMMUNKOD,
    }
)
# The facts the person states yes or no to (a `fact` condition, bilagan avsnitt 1).
YES_NO_FACTS = frozenset(
    {
        FactKey.HAS_CRA_BEHANDLARE,
        FactKey.HAD_BOSTAD_FORST,
        FactKey.HAS_HYRESKONTRAKT_IN_KOMMUN,
        FactKey.COMPLETED_12_STEP_PRIMARY,
    }
)
# The age of each subject a målgrupp band or the consent rule can name.
AGE_OF = {"applicant": FactKey.APPLICANT_AGE, "child": FactKey.CHILD_AGE}

# The folkbokföring of someone known not to be folkbokförd anywhere (a samordningsnummer
# holder, rules.md Folkbokföring): never equal to a kommunkod, so a folkbokföring villkor is
# not met rather than unknown.
NOT_FOLKBOKFORD = "ej folkbokförd"

# The truthful negative answers a kommunkod fact takes besides a kommunkod (api.md: every
# question can be answered without inventing a value). None is ever equal to a kommunkod, so a
# villkor on the fact is not met: an explicit negative is a known fact, not an unknown one.
NO_KOMMUN = "none"  # not folkbokförd in any kommun; not placed outside the home
OTHER_KOMMUN = "other"  # another kommun than the catalogue's, its code not given
NO_CHILD = "no_child"  # the child's folkbokföring when the person has no child
