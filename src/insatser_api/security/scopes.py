"""The scopes an API key can hold. Names are part of the public contract (README, Security)."""

from __future__ import annotations

CATALOG_READ = "catalog:read"
ELIGIBILITY_CHECK = "eligibility:check"
DOCUMENTATION_WRITE = "documentation:write"
DOCUMENTATION_READ = "documentation:read"
STATISTICS_READ = "statistics:read"
ADMIN = "admin"

# Scopes are flat: `admin` does not imply the others, so every key holds exactly what it names.
ALL_SCOPES = frozenset(
    {
        CATALOG_READ,
        ELIGIBILITY_CHECK,
        DOCUMENTATION_WRITE,
        DOCUMENTATION_READ,
        STATISTICS_READ,
        ADMIN,
    }
)

# The scopes limited to the enheter named on the key (one list for both: a key that writes
# Nexus' records reads Nexus' records).
LIMITED_BY_ENHET = frozenset({DOCUMENTATION_WRITE, DOCUMENTATION_READ})

# In a key's stored enheter: documentation may be written and read for every enhet.
EVERY_ENHET = "*"
