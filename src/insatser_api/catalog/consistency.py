"""The catalogue's numbers agree with the bilaga's words transcribed beside them.

A catalogue states a limit twice: as the bilaga writes it (`villkor.text`, `malgrupp.text`, a
channel's `text`) and as structure (`min_age`, `age_bands`, `within_years`, a channel's
`max_age`). Only the structure is judged, so an edit of one without the other (CRA's
`min_age` set to 21 while the text still says "18 år eller äldre") would change answers
silently. Every such disagreement is refused, naming both places.

The reading is deliberately narrow: ages are numbers followed by "år" ("18 år eller äldre",
"fyllt 18 år", "7–18 år", "upp till 30 år"), periods are "inom <tal> år". A text that states a
limit in other words is not read, so it can never be refused by a guess. A condition whose
`source` is another section than the insats' own (its words are elsewhere) need not be in the
insats' text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from insatser_api.catalog.schemas import (
    AgeCondition,
    AnyOfCondition,
    Catalog,
    ConditionSpec,
    EarlierInsatsCondition,
    Insats,
)

Bound = Literal["min", "max"]
Subject = Literal["applicant", "child"]

_DASHES = re.compile("[–—−‐‑]")  # "7–18 år" is written with an en dash in the bilaga
_NUMBER_WORDS = {
    "en": 1,
    "ett": 1,
    "två": 2,
    "tre": 3,
    "fyra": 4,
    "fem": 5,
    "sex": 6,
    "sju": 7,
    "åtta": 8,
    "nio": 9,
    "tio": 10,
}
_PERIOD = re.compile(
    r"\binom\s+(?P<n>\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s+år(?:et)?\b", re.IGNORECASE
)
# Each pattern starts at the number, so a scan tries little at each position; the words around
# it are read afterwards, anchored at the number.
_RANGE = re.compile(r"(?P<low>\d{1,3})\s*(?:-|och)\s*(?P<high>\d{1,3})\s*år\b", re.IGNORECASE)
_AGE = re.compile(r"(?P<n>\d{1,3})\s*år\b", re.IGNORECASE)
_BEFORE = re.compile(
    r"(?:^|(?<=\W))(?P<word>fyllt|minst|lägst|från och med|från|upp till|högst|till och med|under"
    r"|över)\s+$",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"\s+(?P<word>(?:eller|och)\s+(?:äldre|uppåt|mer|över|yngre|under))\b", re.IGNORECASE
)
_FROM_WORDS = {"fyllt", "minst", "lägst", "från och med", "från"}
_UP_TO_WORDS = {"upp till", "högst", "till och med"}
_OLDER = ("äldre", "uppåt", "mer", "över")
# "Föräldrar ... till barn 0-17 år": the ages are the child's, not the applicant's.
_CHILD_BEFORE = re.compile(r"\btill\s+(?:barn|ungdomar|unga)\s+(?:i åldern\s+|mellan\s+)?$", re.I)
# "en viktig vuxen" states the band "18 år och äldre" in a word (föräldrabalken 9 kap. 1 §).
_ADULT = re.compile(r"\bvuxn?(?:en|a)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """One place where the structure and the text it transcribes say different things."""

    message: str


@dataclass(frozen=True, slots=True)
class _Mention:
    value: int
    bound: Bound | None
    phrase: str
    subject: Subject


@dataclass(frozen=True, slots=True)
class _Limit:
    value: int
    bound: Bound
    path: str
    subject: Subject = "applicant"
    required: bool = True


def disagreements(catalog: Catalog) -> list[Disagreement]:
    """Every disagreement between numbers and text in the catalogue, in file order."""
    found: list[Disagreement] = []
    for index, insats in enumerate(catalog.insatser):
        at = f"insatser[{index}]({insats.id})"
        found.extend(_villkor_ages(insats, at))
        found.extend(_malgrupp_ages(insats, at))
        found.extend(_periods(insats, at))
        found.extend(_channels(insats, at))
    return found


def describe(path: Path, found: Sequence[Disagreement]) -> str:
    lines = [f"{path}: {len(found)} fel: katalogens text och struktur stämmer inte överens"]
    lines.extend(f"  {item.message}" for item in found)
    return "\n".join(lines)


def _villkor_ages(insats: Insats, at: str) -> Iterator[Disagreement]:
    limits = []
    for path, spec in _walk(insats.villkor.conditions, f"{at}.villkor.conditions"):
        if isinstance(spec, AgeCondition):
            own = spec.source is None or spec.source == insats.section
            for bound, value in _bounds(spec.min_age, spec.max_age):
                limits.append(_Limit(value, bound, f"{path}.{bound}_age", required=own))
    yield from _compare(
        limits, _ages(insats.villkor.text), f"{at}.villkor.text", f"{at}.villkor.conditions"
    )


def _malgrupp_ages(insats: Insats, at: str) -> Iterator[Disagreement]:
    limits = []
    for index, band in enumerate(insats.malgrupp.age_bands):
        path = f"{at}.malgrupp.age_bands[{index}]"
        for bound, value in _bounds(band.min_age, band.max_age):
            limits.append(_Limit(value, bound, f"{path}.{bound}_age", band.subject))
    text = insats.malgrupp.text
    implied = []
    if _ADULT.search(text):
        implied.append(_Mention(18, "min", "vuxen", "applicant"))
    yield from _compare(
        limits,
        _ages(text),
        f"{at}.malgrupp.text",
        f"{at}.malgrupp.age_bands",
        implied,
        subjects=True,
    )


def _bounds(low: int | None, high: int | None) -> list[tuple[Bound, int]]:
    pairs: list[tuple[Bound, int | None]] = [("min", low), ("max", high)]
    return [(bound, value) for bound, value in pairs if value is not None]


def _compare(
    limits: Sequence[_Limit],
    mentions: Sequence[_Mention],
    text_path: str,
    structure_path: str,
    implied: Sequence[_Mention] = (),
    *,
    subjects: bool = False,
) -> Iterator[Disagreement]:
    unmet = [
        limit
        for limit in limits
        if limit.required and not any(_agree(limit, m) for m in (*mentions, *implied))
    ]
    said = ", ".join(
        dict.fromkeys(
            f"«{m.phrase}»" + (_OF_CHILD if subjects and m.subject == "child" else "")
            for m in mentions
        )
    )
    for limit in unmet:
        words = f"säger {said}" if mentions else "nämner ingen sådan ålder"
        whose = f", {_SUBJECT_NAMES[limit.subject]}" if subjects else ""
        yield Disagreement(
            f"{limit.path} är {limit.value} ({_BOUND_NAMES[limit.bound]}{whose}), men "
            f"{text_path} {words}."
        )
    if unmet:
        return  # the lines above already quote every age the text states
    stated = ", ".join(
        f"{_BOUND_NAMES[limit.bound]} {limit.value} ({limit.path})" for limit in limits
    )
    seen: set[str] = set()
    for mention in mentions:
        if mention.phrase in seen or any(_agree(limit, mention) for limit in limits):
            continue
        seen.add(mention.phrase)
        yield Disagreement(
            f"{text_path} säger «{mention.phrase}»"
            + (_OF_CHILD if subjects and mention.subject == "child" else "")
            + f", men {structure_path} har "
            + (stated if stated else "ingen sådan åldersgräns")
            + "."
        )


_OF_CHILD = " om barnet"
_SUBJECT_NAMES: dict[Subject, str] = {"applicant": "den sökandes", "child": "barnets"}
_BOUND_NAMES: dict[Bound, str] = {"min": "lägsta ålder", "max": "högsta ålder"}


def _agree(limit: _Limit, mention: _Mention) -> bool:
    return (
        limit.value == mention.value
        and mention.bound in (None, limit.bound)
        and mention.subject == limit.subject
    )


def _ages(text: str) -> list[_Mention]:
    """The ages a text states, in order; periods ("inom ett år") are not ages."""
    if "år" not in text and "ÅR" not in text:
        return []
    text = _DASHES.sub("-", text)
    if "nom" in text:
        text = _PERIOD.sub(lambda m: " " * len(m.group(0)), text)
    found: list[tuple[int, _Mention]] = []
    for match in _RANGE.finditer(text):
        subject = _subject(text, match.start())
        phrase = _phrase(match.group(0))
        found.append((match.start(), _Mention(int(match["low"]), "min", phrase, subject)))
        found.append((match.start(), _Mention(int(match["high"]), "max", phrase, subject)))
    text = _RANGE.sub(lambda m: " " * len(m.group(0)), text)
    for match in _AGE.finditer(text):
        before = _BEFORE.search(text, max(0, match.start() - 20), match.start())
        after = _AFTER.match(text, match.end())
        before_word = before["word"].lower() if before else ""
        after_word = after["word"].lower() if after else ""
        value = int(match["n"])
        if before_word == "under":  # "under 18 år": at most 17
            value -= 1
        elif before_word == "över":  # "över 65 år": at least 66
            value += 1
        start = before.start() if before else match.start()
        phrase = _phrase(text[start : after.end() if after else match.end()])
        bound = _single_bound(before_word, after_word)
        found.append((start, _Mention(value, bound, phrase, _subject(text, start))))
    return [mention for _, mention in sorted(found, key=lambda item: item[0])]


def _single_bound(before: str, after: str) -> Bound | None:
    if before in _FROM_WORDS or before == "över" or after.endswith(_OLDER):
        return "min"
    if before in _UP_TO_WORDS or before == "under" or after.endswith(("yngre", "under")):
        return "max"
    return None


def _subject(text: str, start: int) -> Subject:
    return "child" if _CHILD_BEFORE.search(text[max(0, start - 40) : start]) else "applicant"


def _phrase(matched: str) -> str:
    return " ".join(matched.split())


def _periods(insats: Insats, at: str) -> Iterator[Disagreement]:
    """`within_years` of an earlier insats and "inom ett år" in the villkor (or, where the
    villkor are silent, in the innehåll: 4.5.12 says it there)."""
    in_villkor = _period_mentions(insats.villkor.text)
    in_innehall = _period_mentions(insats.innehall)
    conditions = [
        (path, spec)
        for path, spec in _walk(insats.villkor.conditions, f"{at}.villkor.conditions")
        if isinstance(spec, EarlierInsatsCondition)
    ]
    if not conditions:
        for _years, phrase in in_villkor:
            yield Disagreement(
                f"{at}.villkor.text säger «{phrase}», men {at}.villkor.conditions har inget "
                "villkor om en tidigare insats (earlier_insats med within_years)."
            )
        return
    where, mentions = (
        (f"{at}.villkor.text", in_villkor) if in_villkor else (f"{at}.innehall", in_innehall)
    )
    unmet = False
    for path, spec in conditions:
        if spec.source not in (None, insats.section):
            continue
        if not mentions:
            unmet = True
            yield Disagreement(
                f"{path}.within_years är {spec.within_years}, men varken {at}.villkor.text "
                f"eller {at}.innehall säger inom hur lång tid («inom … år»)."
            )
        elif not any(years == spec.within_years for years, _ in mentions):
            unmet = True
            said = ", ".join(f"«{phrase}»" for _, phrase in mentions)
            yield Disagreement(
                f"{path}.within_years är {spec.within_years}, men {where} säger {said}."
            )
    if unmet:
        return  # the lines above already quote every period the text states
    stated = sorted({spec.within_years for _, spec in conditions})
    for years, phrase in mentions:
        if years not in stated:
            yield Disagreement(
                f"{where} säger «{phrase}», men within_years i {at}.villkor.conditions är "
                + ", ".join(str(y) for y in stated)
                + "."
            )


def _period_mentions(text: str) -> list[tuple[int, str]]:
    found = []
    for match in _PERIOD.finditer(text):
        number = match.group("n").lower()
        years = int(number) if number.isdigit() else _NUMBER_WORDS[number]
        found.append((years, _phrase(match.group(0))))
    return found


def _channels(insats: Insats, at: str) -> Iterator[Disagreement]:
    """A channel's `max_age` and its text ("Självremiss upp till 30 år")."""
    for index, channel in enumerate(insats.aktualisering.kanaler):
        path = f"{at}.aktualisering.kanaler[{index}]"
        # Only upper limits are read: "hushåll där medborgaren är 65 år eller äldre" describes
        # whom the enhet calls, not a limit of the channel.
        mentions = [m for m in _ages(channel.text) if m.bound != "min"]
        if channel.max_age is not None and not any(m.value == channel.max_age for m in mentions):
            said = ", ".join(f"«{m.phrase}»" for m in mentions)
            yield Disagreement(
                f"{path}.max_age är {channel.max_age}, men {path}.text "
                + (f"säger {said}." if said else "nämner ingen sådan ålder.")
            )
            continue
        for mention in mentions:
            if mention.bound == "max" and mention.value != channel.max_age:
                yield Disagreement(
                    f"{path}.text säger «{mention.phrase}», men {path}.max_age är "
                    + (str(channel.max_age) if channel.max_age is not None else "inte angiven")
                    + "."
                )


def _walk(specs: Sequence[ConditionSpec], path: str) -> Iterator[tuple[str, ConditionSpec]]:
    for index, spec in enumerate(specs):
        here = f"{path}[{index}]"
        yield here, spec
        if isinstance(spec, AnyOfCondition):
            yield from _walk(spec.any_of, f"{here}.any_of")
