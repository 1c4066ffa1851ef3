"""Text matching that forgives case and diacritics (a search for "rad" finds "Råd"), and text
that can be stored."""

import unicodedata

from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

NUL_MESSAGE = "Får inte innehålla tecknet NUL (\\u0000)."


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def without_nul(value: str) -> str:
    # PostgreSQL's text cannot hold NUL (the driver refuses it: a DataError, once a 500); SQLite
    # would store it and cut the text short for most readers. Refused at the boundary instead.
    if "\x00" in value:
        raise PydanticCustomError("nul_character", NUL_MESSAGE)
    return value


# For request fields that are stored: `Annotated[str, STORABLE_TEXT]`.
STORABLE_TEXT = AfterValidator(without_nul)
