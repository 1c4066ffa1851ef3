"""What a documentation record may and must hold, by the insats' documentation mode
(SoL 2025:400 14 kap. 3–5 §).

A 14 kap. 4 or 5 § record is carried by fields with fixed values (contact form, participants,
minutes, a topic from the catalogue's list); its short free text is screened for identity by
`insatser_api.security.identity`, and an error names the kind found, never the match.
"""

from __future__ import annotations

from insatser_api.catalog.schemas import Documentation, DocumentationMode
from insatser_api.kit.errors import FieldError
from insatser_api.records.schemas import NO_IDENTITY_TEXT_MAX_LENGTH, DocumentationRecordIn
from insatser_api.rules import IdentityNumberError, parse_identity_number
from insatser_api.security.identity import IdentityKind, find_identity

_NO_IDENTITY_RULES = {
    DocumentationMode.ADVISORY: (
        "Vid rådgivning dokumenteras inga uppgifter om den enskildes personliga förhållanden "
        "(14 kap. 4 § socialtjänstlagen (2025:400))."
    ),
    DocumentationMode.DEIDENTIFIED: (
        "Nämnden har beslutat att uppgifter som kan röja den enskildes identitet inte "
        "dokumenteras för insatsen (14 kap. 5 § socialtjänstlagen (2025:400)); avidentifierade "
        "uppgifter dokumenteras."
    ),
}
INDIVIDUAL_RULE = (
    "Genomförandet dokumenteras på individnivå (14 kap. 3 § socialtjänstlagen (2025:400))."
)
# What the text was found to hold, and the error code for it (identity_number_in_text is the
# code the API has used since the first version).
_FOUND_IN_TEXT = {
    IdentityKind.PERSONNUMMER: (
        "identity_number_in_text",
        "Texten innehåller något som liknar ett personnummer eller samordningsnummer.",
    ),
    IdentityKind.BIRTH_DATE: ("birth_date_in_text", "Texten innehåller ett födelsedatum."),
    IdentityKind.EMAIL: ("email_in_text", "Texten innehåller en e-postadress."),
    IdentityKind.PHONE_NUMBER: ("phone_number_in_text", "Texten innehåller ett telefonnummer."),
    IdentityKind.ADDRESS: (
        "address_in_text",
        "Texten innehåller en gatuadress eller ett postnummer med ort.",
    ),
    IdentityKind.NAME: (
        "name_in_text",
        "Texten innehåller ett personnamn; skriv i stället vad rådet gällde.",
    ),
}


def check_content(body: DocumentationRecordIn, documentation: Documentation) -> list[FieldError]:
    """The fields the mode forbids or requires; for `individual`, the personnummer's validity."""
    if documentation.mode is DocumentationMode.INDIVIDUAL:
        return _check_individual(body) + _check_topic(body, documentation, "")
    rule = _NO_IDENTITY_RULES[documentation.mode]
    errors = [
        FieldError(field=field, message=rule, code="identifying_data_forbidden")
        for field, value in (("personnummer", body.personnummer), ("name", body.name))
        if value is not None
    ]
    if body.contact is None:
        errors.append(
            FieldError(field="contact", message="Ange kontaktformen. " + rule, code="missing")
        )
    errors += _check_topic(body, documentation, " " + rule)
    if body.text is not None:
        errors += _check_text(body.text, rule)
    return errors


def _check_topic(
    body: DocumentationRecordIn, documentation: Documentation, rule: str
) -> list[FieldError]:
    codes = [topic.code for topic in documentation.topics]
    if body.topic is None:
        if not codes:
            return []
        message = "Ange ämnet, ett av: " + ", ".join(codes) + "." + rule
        return [FieldError(field="topic", message=message, code="missing")]
    if body.topic in codes:
        return []
    message = (
        "Ämnet finns inte för insatsen; ett av: " + ", ".join(codes) + "."
        if codes
        else "Insatsen har inga ämnen i katalogen; utelämna fältet."
    )
    return [FieldError(field="topic", message=message + rule, code="unknown_topic")]


def _check_text(text: str, rule: str) -> list[FieldError]:
    if len(text) > NO_IDENTITY_TEXT_MAX_LENGTH:
        return [
            FieldError(
                field="text",
                message=f"Högst {NO_IDENTITY_TEXT_MAX_LENGTH} tecken; det som ska följas upp "
                "anges i fälten contact, participants, duration_minutes och topic. " + rule,
                code="too_long",
            )
        ]
    return [
        FieldError(field="text", message=f"{_FOUND_IN_TEXT[kind][1]} {rule}", code=code)
        for kind in find_identity(text)
        for code in (_FOUND_IN_TEXT[kind][0],)
    ]


def _check_individual(body: DocumentationRecordIn) -> list[FieldError]:
    errors = []
    if body.personnummer is None:
        errors.append(FieldError(field="personnummer", message=INDIVIDUAL_RULE, code="missing"))
    else:
        try:
            parse_identity_number(body.personnummer, body.performed_on)
        except IdentityNumberError as exc:
            errors.append(FieldError(field="personnummer", message=exc.message, code=exc.code))
    if body.text is None or not body.text.strip():
        errors.append(
            FieldError(
                field="text",
                message="En journaltext krävs. " + INDIVIDUAL_RULE,
                code="missing",
            )
        )
    return errors
