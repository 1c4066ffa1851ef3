"""What the check page carries from one step to the next, in its form and nowhere else.

The state is the eligibility request body the answers have built so far (as `POST
/v1/eligibility` takes it: every answer of `GET /v1/facts` is a JSON object to merge into it)
and the questions the handläggare chose to skip. Both travel in hidden fields of the POSTed
form: never in a URL, never stored, never logged.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

from insatser_api.eligibility.schemas import EligibilityAllRequest
from insatser_api.facts import FactKey

STATE_FIELD = "uppgifter"
SKIPPED_FIELD = "hoppade"
_MAX_STATE_CHARS = 16_000  # far more than every fact of the catalogue takes

# The request paths that state a fact besides its own key: an age is also stated by a birth
# date (the page never takes a personnummer, see README, Staff pages).
_ALSO_STATED_BY = {
    FactKey.APPLICANT_AGE.value: ("applicant.birth_date", "applicant.personnummer"),
    FactKey.CHILD_AGE.value: ("child.birth_date",),
}


class BadState(ValueError):
    """The hidden fields were not what this page wrote (edited by hand, or truncated)."""


@dataclass(slots=True)
class CheckState:
    body: dict[str, Any] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    @classmethod
    def from_form(cls, state: object, skipped: object) -> CheckState:
        try:
            body = json.loads(state) if isinstance(state, str) and state else {}
            skipped_list = json.loads(skipped) if isinstance(skipped, str) and skipped else []
        except json.JSONDecodeError as exc:
            raise BadState("not JSON") from exc
        if len(str(state)) > _MAX_STATE_CHARS or not isinstance(body, dict):
            raise BadState("not a request body")
        if not isinstance(skipped_list, list) or not all(isinstance(s, str) for s in skipped_list):
            raise BadState("skipped is not a list of facts")
        return cls(body, skipped_list)

    def state_json(self) -> str:
        return json.dumps(self.body, ensure_ascii=False, sort_keys=True)

    def skipped_json(self) -> str:
        return json.dumps(self.skipped)

    def request(self) -> EligibilityAllRequest:
        """The body as the API reads it; ValidationError if an answer made it invalid."""
        return EligibilityAllRequest.model_validate(self.body)

    def merged(self, fragment: dict[str, Any]) -> CheckState:
        body = copy.deepcopy(self.body)
        _merge(body, fragment)
        skipped = [f for f in self.skipped if f not in _stated_facts(fragment)]
        return CheckState(body, skipped)

    def without(self, fact: str) -> CheckState:
        """The state with `fact` unanswered again (and no longer skipped)."""
        body = copy.deepcopy(self.body)
        for path in (fact, *_ALSO_STATED_BY.get(fact, ())):
            _remove(body, path.split("."))
        return CheckState(body, [f for f in self.skipped if f != fact])

    def skipping(self, fact: str) -> CheckState:
        return CheckState(copy.deepcopy(self.body), [*self.skipped, fact])

    def states(self, fact: str) -> bool:
        """Whether the body answers `fact`; an explicit null is an answer too (`stay_until`:
        no stay past the next vardag)."""
        return any(
            _present(self.body, path.split(".")) for path in (fact, *_ALSO_STATED_BY.get(fact, ()))
        )

    def value(self, path: str) -> Any:
        return _lookup(self.body, path.split("."))


def _merge(into: dict[str, Any], fragment: dict[str, Any]) -> None:
    for key, value in fragment.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = copy.deepcopy(value)


def _remove(body: dict[str, Any], parts: list[str]) -> None:
    node: Any = body
    for part in parts[:-1]:
        node = node.get(part) if isinstance(node, dict) else None
    if isinstance(node, dict):
        node.pop(parts[-1], None)
    # An emptied object says nothing; leave no `"child": {}` behind.
    if len(parts) > 1 and isinstance(body.get(parts[0]), dict) and not body[parts[0]]:
        body.pop(parts[0])


def _present(body: dict[str, Any], parts: list[str]) -> bool:
    node: Any = body
    for part in parts:
        if not isinstance(node, dict) or part not in node:
            return False
        node = node[part]
    return True


def _lookup(body: dict[str, Any], parts: list[str]) -> Any:
    node: Any = body
    for part in parts:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _stated_facts(fragment: dict[str, Any], prefix: str = "") -> set[str]:
    stated: set[str] = set()
    for key, value in fragment.items():
        path = f"{prefix}{key}"
        stated.add(path)
        if isinstance(value, dict):
            stated |= _stated_facts(value, f"{path}.")
    for fact, others in _ALSO_STATED_BY.items():
        if stated & set(others):
            stated.add(fact)
    return stated
