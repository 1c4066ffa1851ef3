"""The rules layer: pure Python, no FastAPI and no database.

A catalogue says which conditions apply to an insats; the condition classes here say how each
kind is evaluated, three-valued (met / not met / unknown), with Swedish messages that cite the
bilaga's section and the law.
"""

from insatser_api.rules.age import completed_years
from insatser_api.rules.calendar import is_vardag, next_vardag
from insatser_api.rules.compiler import compile_catalog
from insatser_api.rules.decision import ConditionResult, Decision, Outcome, Status
from insatser_api.rules.engine import CompiledCatalog, CompiledInsats
from insatser_api.rules.identity import IdentityNumber, IdentityNumberError, parse_identity_number
from insatser_api.rules.situation import HistoryItem, Situation

__all__ = [
    "CompiledCatalog",
    "CompiledInsats",
    "ConditionResult",
    "Decision",
    "HistoryItem",
    "IdentityNumber",
    "IdentityNumberError",
    "Outcome",
    "Situation",
    "Status",
    "compile_catalog",
    "completed_years",
    "is_vardag",
    "next_vardag",
    "parse_identity_number",
]
