"""Response examples for the documentation journal and the statistics (OpenAPI only)."""

from __future__ import annotations

from typing import Any

RECORD: dict[str, Any] = {
    "id": "0f5e8a52-2d5c-4a8e-9d0e-6f1f4b1c2a77",
    "insats_id": "radgivande-samtal",
    "enhet": "Nexus",
    "catalog_version": "2025-07-01",
    "mode": "advisory",
    "legal_basis": "14 kap. 4 § socialtjänstlagen (2025:400)",
    "performed_on": "2026-11-20",
    "contact": "telefon",
    "participants": 1,
    "duration_minutes": 20,
    "topic": "spel",
    "personnummer": None,
    "name": None,
    "text": "Tipsade om Spelpaus och stödlinjen.",
    "corrects": None,
    "corrected_by": [],
    "recorded_by": "kundcenter",
    "created_at": "2026-11-20T13:05:12.418000Z",
}

RECORDS: dict[str, Any] = {"items": [RECORD], "total_items": 1, "page": 1, "per_page": 50}

DECISION_STATISTICS: dict[str, Any] = {
    "from": "2025-12-01",
    "to": "2026-11-23",
    "total": 41,
    "items": [
        {"insats_id": "akutboendet", "month": "2026-11", "outcome": "eligible", "count": 32},
        {"insats_id": "akutboendet", "month": "2026-11", "outcome": "not_eligible", "count": 9},
    ],
    "conditions": [
        {
            "insats_id": "akutboendet",
            "month": "2026-11",
            "code": "stay_limit",
            "status": "not_met",
            "count": 9,
        }
    ],
}

DOCUMENTATION_STATISTICS: dict[str, Any] = {
    "from": "2025-12-01",
    "to": "2026-11-23",
    "total": 57,
    "items": [
        {
            "insats_id": "radgivande-samtal",
            "month": "2026-11",
            "mode": "advisory",
            "count": 57,
            "corrections": 2,
        }
    ],
}
