"""Swedish names for the API's machine codes, as the pages show them."""

from __future__ import annotations

from insatser_api.catalog.schemas import DocumentationMode, Kanal
from insatser_api.rules import Outcome, Status

OUTCOMES = {
    Outcome.ELIGIBLE: "Får ta del av insatsen",
    Outcome.REQUIRES_GUARDIAN_CONSENT: "Får ta del med vårdnadshavarens samtycke",
    Outcome.NEEDS_INFORMATION: "Fler uppgifter behövs",
    Outcome.NOT_ELIGIBLE: "Får inte ta del av insatsen",
}

STATUSES = {
    Status.MET: "Uppfyllt",
    Status.NOT_MET: "Inte uppfyllt",
    Status.UNKNOWN: "Okänt – uppgift saknas",
}

DOCUMENTATION_MODES = {
    DocumentationMode.INDIVIDUAL: "Dokumenteras på individnivå (14 kap. 3 §)",
    DocumentationMode.ADVISORY: "Rådgivning: personliga förhållanden dokumenteras inte (14 kap. 4 §)",
    DocumentationMode.DEIDENTIFIED: "Dokumenteras utan uppgifter som röjer identitet (14 kap. 5 §)",
}

KANALER = {
    Kanal.APP: "Appen Mitt val mitt stöd",
    Kanal.KUNDCENTER: "Kundcenter",
    Kanal.TELEFON: "Telefon",
    Kanal.FYSISKT: "Fysiskt besök",
    Kanal.BEHANDLARE: "Via behandlare",
    Kanal.SJALVREMISS: "Egen anmälan (självremiss)",
    Kanal.KOORDINATOR: "Via koordinator",
    Kanal.SAMVERKAN: "Via andra aktörer",
    Kanal.DIREKTKONTAKT: "Personen kontaktar enheten",
    Kanal.UPPSOKANDE: "Enheten söker upp personen",
}

CONSENT_SUBJECTS = {
    "applicant": "den sökande, om hen är under 18 år",
    "participating_child": "barn som deltar i insatsen",
}
