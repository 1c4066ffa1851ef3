"""Reading the facts of a typed `Situation` by their keys (the keys: `insatser_api.facts`)."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from insatser_api.facts import AGE_OF as AGE_OF
from insatser_api.facts import KOMMUNKOD_FACTS as KOMMUNKOD_FACTS
from insatser_api.facts import NOT_FOLKBOKFORD as NOT_FOLKBOKFORD
from insatser_api.facts import YES_NO_FACTS as YES_NO_FACTS
from insatser_api.facts import FactKey

if TYPE_CHECKING:
    from insatser_api.rules.situation import Situation

__all__ = ["AGE_OF", "KOMMUNKOD_FACTS", "NOT_FOLKBOKFORD", "YES_NO_FACTS", "FactKey", "read_fact"]

# The key is the attribute path, so reading a fact is following it (`attrgetter` follows dots).
_READERS = {key: attrgetter(key.value) for key in FactKey}


def read_fact(situation: Situation, key: FactKey) -> object:
    """The situation's value for `key`; None when the request did not state it."""
    return _READERS[key](situation)
