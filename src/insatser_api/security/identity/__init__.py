"""Finding identity in text a caller sends: one normaliser, one set of detectors (docs/privacy.md).

Used for the free text of 14 kap. 4 and 5 § records and for the caller's `X-Request-ID`, so
that every such check reads a text the same way, whatever digits, dashes or invisible
characters it was written with.
"""

from insatser_api.security.identity.detector import REQUEST_ID_KINDS, TEXT_KINDS, find_identity
from insatser_api.security.identity.kinds import IdentityKind
from insatser_api.security.identity.normalise import normalise

__all__ = ["REQUEST_ID_KINDS", "TEXT_KINDS", "IdentityKind", "find_identity", "normalise"]
