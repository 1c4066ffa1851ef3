"""The rules layer: pure Python, no FastAPI, no database and nothing from the catalogue files.

The catalogue (catalog/) says which conditions apply to an insats and compiles them into the
objects here; the condition classes say how each kind is evaluated, three-valued (met / not met
/ unknown), with Swedish messages that cite the bilaga's section and the law; `outcome.decide`
turns their answers into the decision (docs/architecture.md).
"""

from insatser_api.rules.age import completed_years
from insatser_api.rules.calendar import is_vardag, next_vardag
from insatser_api.rules.engine import CompiledCatalog, CompiledInsats
from insatser_api.rules.facts import NOT_FOLKBOKFORD, FactKey
from insatser_api.rules.identity import IdentityNumber, IdentityNumberError, parse_identity_number
from insatser_api.rules.outcome import decide
from insatser_api.rules.results import ConditionResult, Decision, Outcome, Status
from insatser_api.rules.situation import Applicant, Child, HistoryItem, Situation, StatedFacts

__all__ = [
    "NOT_FOLKBOKFORD",
    "Applicant",
    "Child",
    "CompiledCatalog",
    "CompiledInsats",
    "ConditionResult",
    "Decision",
    "FactKey",
    "HistoryItem",
    "IdentityNumber",
    "IdentityNumberError",
    "Outcome",
    "Situation",
    "StatedFacts",
    "Status",
    "completed_years",
    "decide",
    "is_vardag",
    "next_vardag",
    "parse_identity_number",
]
