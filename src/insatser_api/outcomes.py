"""The words of an answer: how a condition stands and what the outcome for an insats is.

Defined here, outside `rules/`, so that the response schemas and the client can name them
without loading the rules layer; `insatser_api.rules` exports these same classes.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class Outcome(StrEnum):
    ELIGIBLE = "eligible"
    REQUIRES_GUARDIAN_CONSENT = "requires_guardian_consent"
    NEEDS_INFORMATION = "needs_information"
    NOT_ELIGIBLE = "not_eligible"
