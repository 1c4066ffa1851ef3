"""Response examples for the HSDS endpoints' documentation (real answers on the 2025-07-01
catalogue, texts shortened)."""

from __future__ import annotations

from typing import Any

# One service as the list shows it; the single-service answer adds its contacts, areas and
# terms.
SERVICE_SUMMARY: dict[str, Any] = {
    "id": "b4fde715-e312-58c6-85d7-011fddf5c6b9",
    "organization_id": "1f2bfdaa-8ae5-50da-8dee-048f3f235e18",
    "program_id": "72a316bd-e47c-566a-92d1-ab2181ea3fd3",
    "name": "CRA-primärbehandling",
    "alternate_name": "CRA- primärbehandling",
    "description": "Personen får 16-20 enskilda manualstyrda KBT-samtal under ett år, där samtalen ligger två gånger i veckan från början …",
    "status": "active",
    "application_process": "Personen aktualiseras via kundcenter eller via App: Mitt val mitt stöd.",
    "eligibility_description": "Målgrupp: Insatsens målgrupp är personer som har fyllt 18 år eller äldre och vill ha hjälp med skadligt bruk och …",
    "minimum_age": 18,
    "organization": {
        "id": "1f2bfdaa-8ae5-50da-8dee-048f3f235e18",
        "name": "Nexus",
        "alternate_name": "Nexus, Östersunds kommun",
        "description": "Enhet under Social- och arbetsmarknadsnämnden i Östersunds kommun.",
        "parent_organization_id": "0c0d1bdb-1fa1-5f86-b162-3b14c98c74ee",
    },
    "program": {
        "id": "72a316bd-e47c-566a-92d1-ab2181ea3fd3",
        "organization_id": "0c0d1bdb-1fa1-5f86-b162-3b14c98c74ee",
        "name": "Öppenvård",
        "description": "Sektorn Öppenvård i Social- och arbetsmarknadsnämnden, bilagan avsnitt 4.",
    },
}

SERVICE_PAGE: dict[str, Any] = {
    "total_items": 28,
    "total_pages": 28,
    "page_number": 17,
    "size": 1,
    "first_page": False,
    "last_page": False,
    "empty": False,
    "contents": [SERVICE_SUMMARY],
}

SERVICE: dict[str, Any] = {
    **SERVICE_SUMMARY,
    "contacts": [
        {
            "id": "bbfaa4dd-4a97-57ca-8cbd-6a87e487e20b",
            "service_id": "b4fde715-e312-58c6-85d7-011fddf5c6b9",
            "organization_id": "1f2bfdaa-8ae5-50da-8dee-048f3f235e18",
            "name": "Kundcenter",
            "department": "Nexus",
        },
        {
            "id": "2797a999-4943-5b83-b6a4-626c7425217a",
            "service_id": "b4fde715-e312-58c6-85d7-011fddf5c6b9",
            "organization_id": "1f2bfdaa-8ae5-50da-8dee-048f3f235e18",
            "name": "App: Mitt val mitt stöd",
            "department": "Nexus",
        },
    ],
    "service_areas": [
        {
            "id": "a78f39fb-3747-56e1-834a-254ac8925ed8",
            "service_id": "b4fde715-e312-58c6-85d7-011fddf5c6b9",
            "name": "Östersunds kommun",
            "description": "För personer som är folkbokförda i Östersunds kommun (bilagan, avsnitt 1).",
        }
    ],
    "attributes": [
        {
            "id": "eeaa564e-ed87-5624-b53a-c69c5fb300b7",
            "link_id": "b4fde715-e312-58c6-85d7-011fddf5c6b9",
            "link_type": "typ",
            "link_entity": "service",
            "taxonomy_term_id": "eba7699c-0ca0-5463-b8d3-499400a5866a",
            "taxonomy_term": {
                "id": "eba7699c-0ca0-5463-b8d3-499400a5866a",
                "code": "behandlande",
                "name": "Behandlande",
                "description": "Strukturerade program, samtalsserier eller grupper som syftar till förändring.",
                "taxonomy": "Insatsens typ",
                "taxonomy_id": "676fe444-fc20-5399-ae8c-0f49762535a1",
                "taxonomy_detail": {
                    "id": "676fe444-fc20-5399-ae8c-0f49762535a1",
                    "name": "Insatsens typ",
                    "description": "Vilket slags insats det är, efter tjänstemenyn i Örebro läns kartläggning av öppen missbruksvård …",
                    "version": "1",
                },
                "language": "sv",
            },
        },
        {
            "id": "e264e7bc-7a61-57ab-8238-f3420ee3cb2c",
            "link_id": "b4fde715-e312-58c6-85d7-011fddf5c6b9",
            "link_type": "source_section",
            "link_entity": "service",
            "taxonomy_term_id": "da18ea85-aa8a-5f48-b15b-b45afe7250cb",
            "taxonomy_term": {
                "id": "da18ea85-aa8a-5f48-b15b-b45afe7250cb",
                "code": "ostersund-bilaga-1-insatser-utan-behovsprovning.txt",
                "name": "Bilaga 1; Insatser som social- och arbetsmarknadsnämnden tillhandahåller utan behovsprövning",
                "description": "Social- och arbetsmarknadsnämndens beslut om insatser utan behovsprövning från och med den 1 juli 2025, bilaga 1 …",
                "taxonomy": "Källa",
                "taxonomy_id": "82f3ef4d-d785-56c0-8670-5e99dca3fec7",
                "taxonomy_detail": {
                    "id": "82f3ef4d-d785-56c0-8670-5e99dca3fec7",
                    "name": "Källa",
                    "description": "Källdokumentet som en tjänst kommer ifrån; attributets värde är avsnittet i dokumentet.",
                    "version": "1",
                },
                "language": "sv",
            },
            "value": "4.5.3",
        },
    ],
}
