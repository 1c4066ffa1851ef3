"""Personal names, from a lexicon of Swedish first names and surnames.

The lexicon is Faker's `sv_SE` person data: the 500 most common first names of each sex
(Isof, Institutet för språk och folkminnen, name statistics 2023) and the 500 most common
surnames (Skatteverket, 2025). Faker is used for nothing else: it is a maintained package
that ships these official statistics, so the lexicon is renewed with a version bump instead
of by hand (docs/privacy.md says why not SCB's files or presidio).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

# Names that are also everyday Swedish words or abbreviations ("per telefon", "hans mamma",
# "i maj", "dag", "tom", "lund"): counted only where they are written as a name, capitalised
# inside a sentence, after a cue such as "sin son", or next to another name.
_ALSO_WORDS = frozenset(
    """
    axel ben bill björn bo bror dag dan del edit ester frank fred hans inga inge iris jan
    junior juni kaj lina linda lisa liv lo lova maj mark max mina my per rita rosa rose rut
    saga said sam sten stig tilde tim tina tom tor tuva urban vide viking ville viola
    alm asp berg björk blixt borg brink bäck ek falk flink fors frid frisk green gren hall
    hjort holm hägg jarl kvist li lilja lind ljung lund lönn malm modig nord palm rask skog
    sköld stark storm strand strid ström svärd thor tran wall
    """.split()  # noqa: SIM905  (a word list reads better as words)
)
# Words after which a capitalised word is taken as a name: "heter Aziz", "sin son Olle".
_CUES = frozenset(
    """
    heter hette kallas kallad namn namnet herr hr fru frun son sonen dotter dottern mamma
    mamman mor modern pappa pappan far fadern bror brodern brorsan syster systern syrran
    make maken maka makan sambo sambon partner partnern pojkvän pojkvännen flickvän
    flickvännen vän vännen kompis kompisen barnet farmor mormor farfar morfar moster
    mostern faster fastern morbror farbror kusin kusinen granne grannen
    """.split()  # noqa: SIM905
)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_SENTENCE_END = frozenset(".!?:;\n•")
# -sson surnames outside the 500 most common (Gudmundsson, Halvardsson).
_SSON = re.compile(r"[A-ZÅÄÖ][a-zåäöé]{2,}sson")


@cache
def lexicon() -> frozenset[str]:
    """Every first name and surname of the lexicon, case-folded (hyphenated names whole and
    in parts). Faker is imported here, on first use: importing it costs a worker's start-up
    time that most requests never need."""
    from faker.providers.person.sv_SE import Provider

    names: set[str] = set()
    for source in (Provider.first_names_female, Provider.first_names_male, Provider.last_names):
        for name in source:
            names.add(name.casefold())
            names.update(part.casefold() for part in name.split("-"))
    return frozenset(names)


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper() and not word.isupper()


def _starts_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\"'(-–")
    return not before or before[-1] in _SENTENCE_END


def name_spans(text: str) -> Iterator[tuple[int, int]]:
    words = list(_WORD.finditer(text))
    folded = [word[0].casefold() for word in words]
    for index, word in enumerate(words):
        if _is_name(text, words, folded, index):
            yield word.span()


def _is_name(text: str, words: list[re.Match[str]], folded: list[str], index: int) -> bool:
    names = lexicon()
    token, key = words[index][0], folded[index]
    parts = key.split("-")
    in_lexicon = key in names or all(part in names for part in parts)
    capitalised = _is_capitalised(token)
    if in_lexicon and not ({key, *parts} & _ALSO_WORDS):
        return True  # Karin, lindqvist: a name however it is written
    if capitalised and _after_cue(folded, index):
        return True  # sin son Olle, heter Aziz
    if in_lexicon and capitalised:
        # Per, Lund: a name inside a sentence, or next to another name (Per Lund ringde)
        inside = not _starts_sentence(text, words[index].start())
        return inside or _next_to_a_name(words, folded, index)
    return _SSON.fullmatch(token) is not None


def _after_cue(folded: list[str], index: int) -> bool:
    return index >= 1 and folded[index - 1] in _CUES


def _next_to_a_name(words: list[re.Match[str]], folded: list[str], index: int) -> bool:
    names = lexicon()
    following = index + 1
    return (
        following < len(words)
        and _is_capitalised(words[following][0])
        and folded[following] in names
        and words[following].start() - words[index].end() <= 2
    )
