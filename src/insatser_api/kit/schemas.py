"""Base models shared by the catalogue and the HTTP schemas."""

from pydantic import BaseModel, ConfigDict


class StrictModel(BaseModel):
    """Rejects unknown fields: a typo in a catalogue or a request is an error, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)
