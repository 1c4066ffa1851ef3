"""Reading the facts of a typed `Situation` by their keys (the keys: `insatser_api.facts`)."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING

from insatser_api.facts import AGE_OF as AGE_OF
from insatser_api.facts import KOMMUNKOD_FACTS as KOMMUNKOD_FACTS
from insatser_api.facts import NO_CHILD as NO_CHILD
from insatser_api.facts import NO_KOMMUN as NO_KOMMUN
from insatser_api.facts import NOT_FOLKBOKFORD as NOT_FOLKBOKFORD
from insatser_api.facts import OTHER_KOMMUN as OTHER_KOMMUN
from insatser_api.facts import YES_NO_FACTS as YES_NO_FACTS
from insatser_api.facts import FactKey

if TYPE_CHECKING:
    from insatser_api.rules.situation import Situation

__all__ = [
    "AGE_OF",
    "KOMMUNKOD_FACTS",
    "NEGATIVE_MEANS",
    "NOT_FOLKBOKFORD",
    "NO_CHILD",
    "NO_KOMMUN",
    "OTHER_KOMMUN",
    "YES_NO_FACTS",
    "FactKey",
    "read_fact",
]

# What each truthful negative (insatser_api.facts) says, for the villkor's message.
NEGATIVE_MEANS: dict[tuple[FactKey, str], str] = {
    (FactKey.APPLICANT_FOLKBOKFORD, NO_KOMMUN): "personen är inte folkbokförd i någon kommun",
    (FactKey.APPLICANT_FOLKBOKFORD, OTHER_KOMMUN): "personen är folkbokförd i en annan kommun",
    (FactKey.CHILD_FOLKBOKFORD, NO_KOMMUN): "barnet är inte folkbokfört i någon kommun",
    (FactKey.CHILD_FOLKBOKFORD, OTHER_KOMMUN): "barnet är folkbokfört i en annan kommun",
    (FactKey.CHILD_FOLKBOKFORD, NO_CHILD): "personen har inget barn",
    (FactKey.PLACED_BY_KOMMUNKOD, NO_KOMMUN): "barnet är inte placerat utanför det egna hemmet",
    (FactKey.PLACED_BY_KOMMUNKOD, OTHER_KOMMUN): "barnet är placerat av en annan kommun",
    (FactKey.PLACED_IN_KOMMUNKOD, NO_KOMMUN): "barnet är inte placerat utanför det egna hemmet",
    (FactKey.PLACED_IN_KOMMUNKOD, OTHER_KOMMUN): "barnet är placerat i en annan kommun",
}

# The key is the attribute path, so reading a fact is following it (`attrgetter` follows dots).
_READERS = {key: attrgetter(key.value) for key in FactKey}


def read_fact(situation: Situation, key: FactKey) -> object:
    """The situation's value for `key`; None when the request did not state it."""
    return _READERS[key](situation)
