"""Small-cell suppression: a count below the threshold is not shown.

In a kommun of Östersund's size, "1 person refused Akutboendet in March" can point at a person
when read beside what else is known. Swedish official statistics suppress small cells for that
reason; the default threshold 5 follows that practice (INSATSER_STATISTICS_MIN_COUNT,
docs/privacy.md). Zero is not a small group of people and is never suppressed (cells with
zero are not in an answer anyway). A suppressed count is `null`, and every answer says how
many counts it withheld and why; its `total` adds up the counts shown only, so no withheld
count can be worked out by subtraction.
"""

from __future__ import annotations

from insatser_api.statistics.schemas import Suppression


def shown(count: int, min_count: int) -> int | None:
    return None if 0 < count < min_count else count


def note(min_count: int, withheld: int) -> Suppression:
    return Suppression(
        min_count=min_count,
        suppressed=withheld,
        note=(
            f"Antal under {min_count} visas inte (null), så att ingen enskild kan pekas ut; "
            "summan räknar bara de antal som visas."
            if min_count > 1
            else "Inga antal döljs."
        ),
    )
