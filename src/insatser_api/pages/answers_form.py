"""One question of the check page as a form: the answers `GET /v1/facts` lists for the fact,
each a radio button, and, for a fact that takes a value of the person's own (an age, a date, an
earlier insats), fields for that value. A kommunkod needs none: the answers (the catalogue's
kommun, another kommun, none) say all the villkor ask. Reading the form back gives the JSON object to merge
into the request body, as `GET /v1/facts` documents it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from insatser_api.facts import FactKey

ANSWER_FIELD = "svar"
OWN_VALUE = "eget"


class AnswerLike(Protocol):
    @property
    def request(self) -> Mapping[str, Any]: ...
    @property
    def means(self) -> str: ...
    @property
    def negative(self) -> bool: ...


class FactLike(Protocol):
    @property
    def fact(self) -> str: ...
    @property
    def question(self) -> str: ...
    @property
    def type(self) -> str: ...
    @property
    def answers(self) -> Sequence[AnswerLike]: ...


@dataclass(frozen=True, slots=True)
class ValueInput:
    """A field for a value of the person's own: its form name, label, input type and hint.
    Dates are text fields with the format in the hint: a browser's date picker shows the
    format of its own locale (mm/dd/yyyy), which would contradict the hint."""

    name: str
    label: str
    input_type: str
    hint: str = ""
    options: tuple[tuple[str, str], ...] = ()  # for a select: (value, label)


class AnswerError(ValueError):
    """An answer that cannot be used: `field` is the form field to tie the message to."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def value_inputs(fact: FactLike, insatser: Sequence[tuple[str, str]]) -> tuple[ValueInput, ...]:
    """The fields for the person's own value of `fact`; none for a yes/no question."""
    kind = _value_kind(fact)
    if kind == "age":
        return (
            ValueInput("alder", "Ålder i år", "number", "Hela år, t.ex. 16."),
            ValueInput(
                "fodelsedatum",
                "eller födelsedatum",
                "text",
                "ÅÅÅÅ-MM-DD, t.ex. 2010-05-31. Personnummer behövs inte.",
            ),
        )
    if kind == "date":
        return (ValueInput("datum", "Datum", "text", "ÅÅÅÅ-MM-DD, t.ex. 2026-12-24."),)
    if kind == "history":
        return (
            ValueInput("tidigare_insats", "Avslutad insats", "select", "", tuple(insatser)),
            ValueInput("avslutad", "Avslutades den", "text", "ÅÅÅÅ-MM-DD, t.ex. 2026-05-31."),
        )
    return ()


def read_answer(
    fact: FactLike, form: Mapping[str, Any], stated: Mapping[str, Any]
) -> dict[str, Any]:
    """The JSON object the chosen answer merges into the request body. `stated` is the body so
    far (an earlier insats is added to the ones already stated)."""
    chosen = _text(form, ANSWER_FIELD)
    own = any(_text(form, i.name) for i in value_inputs(fact, ()))
    if chosen.isdigit() and int(chosen) < len(fact.answers):
        return dict(fact.answers[int(chosen)].request)
    if chosen == OWN_VALUE or (not chosen and own) or not fact.answers:
        return _own_value(fact, form, stated)
    raise AnswerError(ANSWER_FIELD, "Välj ett svar.")


def _own_value(
    fact: FactLike, form: Mapping[str, Any], stated: Mapping[str, Any]
) -> dict[str, Any]:
    kind = _value_kind(fact)
    subject = fact.fact.split(".")[0]
    if kind == "age":
        years, born = _text(form, "alder"), _text(form, "fodelsedatum")
        if years and born:
            raise AnswerError("alder", "Ange antingen ålder eller födelsedatum, inte båda.")
        if born:
            return {subject: {"birth_date": _date(born, "fodelsedatum").isoformat()}}
        if not years.isdigit() or int(years) > 130:
            raise AnswerError("alder", "Ange åldern i hela år, 0–130.")
        return {subject: {"age": int(years)}}
    if kind == "date":
        return _at(fact.fact, _date(_text(form, "datum"), "datum").isoformat())
    if kind == "history":
        insats_id = _text(form, "tidigare_insats")
        if not insats_id:
            raise AnswerError("tidigare_insats", "Välj den avslutade insatsen.")
        ended = _date(_text(form, "avslutad"), "avslutad")
        earlier = list(stated.get("history") or [])
        return {"history": [*earlier, {"insats_id": insats_id, "ended_on": ended.isoformat()}]}
    raise AnswerError(ANSWER_FIELD, "Välj ett svar.")


# The request field an error of the API names, as the form field the person typed it in.
_INPUT_OF_REQUEST_FIELD = {
    "age": "alder",
    "birth_date": "fodelsedatum",
    "stay_until": "datum",
    "insats_id": "tidigare_insats",
    "ended_on": "avslutad",
}


def input_for(fact: FactLike, request_field: str) -> str:
    """The form field to tie an error of the API about `request_field` to."""
    names = [i.name for i in value_inputs(fact, ())]
    wanted = _INPUT_OF_REQUEST_FIELD.get(request_field.rsplit(".", 1)[-1])
    if wanted in names:
        return str(wanted)
    return names[0] if names else ANSWER_FIELD


def _value_kind(fact: FactLike) -> str | None:
    key = fact.fact
    if key in (FactKey.APPLICANT_AGE, FactKey.CHILD_AGE):
        return "age"
    if key == FactKey.HISTORY:
        return "history"
    return "date" if fact.type == "date" else None


def _at(path: str, value: Any) -> dict[str, Any]:
    parts = path.split(".")
    node: Any = value
    for part in reversed(parts):
        node = {part: node}
    result: dict[str, Any] = node
    return result


def _date(text: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise AnswerError(field, "Ange ett datum som ÅÅÅÅ-MM-DD.") from None


def _text(form: Mapping[str, Any], name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""
