"""The codes that classify an insats: what kind it is (`typ`), whom and what it is for
(`fokus`), and where in a vårdkedja it stands (`vardkedja`).

`typ` follows the tjänstemeny of the Örebro kartläggning of open addiction care (motiverande/
rådgivande, behandlande, upprätthållande, sysselsättning, boende, annat) with `utredande` and
`ekonomi` added for a kommun's other insatser; `vardkedja` follows the phases of the Jordnära and
Säviq texts. The codes are part of the public API (api.md, "Taxonomy and vårdkedja"); the Swedish
names and descriptions are what a directory shows.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field


class Typ(StrEnum):
    MOTIVERANDE_RADGIVANDE = "motiverande_radgivande"
    UTREDANDE = "utredande"
    BEHANDLANDE = "behandlande"
    UPPRATHALLANDE = "upprathallande"
    SYSSELSATTNING = "sysselsattning"
    BOENDE = "boende"
    EKONOMI = "ekonomi"
    ANNAT = "annat"


class Fokus(StrEnum):
    # whom the insats is for
    VUXNA = "vuxna"
    UNGA_VUXNA = "unga_vuxna"
    BARN_UNGA = "barn_unga"
    FORALDRAR = "foraldrar"
    ANHORIGA_VUXNA = "anhoriga_vuxna"
    ANHORIGA_BARN = "anhoriga_barn"
    # the problem area, where there is one
    ALKOHOL_NARKOTIKA = "alkohol_narkotika"
    SPEL = "spel"
    VALD = "vald"
    SKULDER = "skulder"
    ARBETE = "arbete"
    BOSTAD = "bostad"


class Fas(StrEnum):
    """A phase of the vårdkedja, in the order a person passes through them."""

    UPPSOKANDE = "uppsokande"
    INSLUSSNING = "inslussning"
    PRIMARBEHANDLING = "primarbehandling"
    FORLANGD_BEHANDLING = "forlangd_behandling"
    UTSLUSSNING = "utslussning"
    EFTERVARD = "eftervard"


PERSON_FOKUS = frozenset(
    {
        Fokus.VUXNA,
        Fokus.UNGA_VUXNA,
        Fokus.BARN_UNGA,
        Fokus.FORALDRAR,
        Fokus.ANHORIGA_VUXNA,
        Fokus.ANHORIGA_BARN,
    }
)

# (Swedish name, description) per code: the terms of the HSDS taxonomies and the labels of
# `catalog diff`.
TYP_TERMS: dict[Typ, tuple[str, str]] = {
    Typ.MOTIVERANDE_RADGIVANDE: (
        "Motiverande och rådgivande",
        "Information, råd och klargörande eller motiverande samtal, ofta vid få tillfällen.",
    ),
    Typ.UTREDANDE: ("Utredande", "Kartläggning och bedömning av behov."),
    Typ.BEHANDLANDE: (
        "Behandlande",
        "Strukturerade program, samtalsserier eller grupper som syftar till förändring.",
    ),
    Typ.UPPRATHALLANDE: (
        "Upprätthållande",
        "Stöd att behålla en förändring: återfallsprevention, eftervård, boostersamtal.",
    ),
    Typ.SYSSELSATTNING: ("Sysselsättning", "Arbetsstöd, praktik och sysselsättning."),
    Typ.BOENDE: ("Boende", "Sovplats, boende och boendestöd."),
    Typ.EKONOMI: ("Ekonomi", "Stöd i ekonomiska frågor."),
    Typ.ANNAT: ("Annat", "Insatser som inte passar i någon annan typ."),
}

FOKUS_TERMS: dict[Fokus, tuple[str, str]] = {
    Fokus.VUXNA: ("Vuxna", "Insatsen vänder sig till vuxna."),
    Fokus.UNGA_VUXNA: ("Unga vuxna", "Insatsen vänder sig särskilt till unga vuxna."),
    Fokus.BARN_UNGA: ("Barn och unga", "Insatsen vänder sig till barn och ungdomar."),
    Fokus.FORALDRAR: ("Föräldrar", "Insatsen vänder sig till föräldrar i sin föräldraroll."),
    Fokus.ANHORIGA_VUXNA: ("Vuxna anhöriga", "Insatsen vänder sig till vuxna anhöriga."),
    Fokus.ANHORIGA_BARN: ("Barn som anhöriga", "Insatsen vänder sig till barn som anhöriga."),
    Fokus.ALKOHOL_NARKOTIKA: (
        "Alkohol och narkotika",
        "Skadligt bruk och beroende av alkohol, narkotika eller läkemedel.",
    ),
    Fokus.SPEL: ("Spel", "Skadligt bruk och beroende av spel om pengar."),
    Fokus.VALD: ("Våld", "Våld i nära relationer."),
    Fokus.SKULDER: ("Skulder", "Skulder, till exempel hyresskulder."),
    Fokus.ARBETE: ("Arbete", "Vägen till arbete eller studier."),
    Fokus.BOSTAD: ("Bostad", "Att få eller behålla en bostad."),
}

FAS_TERMS: dict[Fas, tuple[str, str]] = {
    Fas.UPPSOKANDE: ("Uppsökande", "Verksamheten söker själv upp personen."),
    Fas.INSLUSSNING: (
        "Inslussning",
        "Vägen in: information, motiverande samtal, utredning och plan.",
    ),
    Fas.PRIMARBEHANDLING: ("Primärbehandling", "Den första, sammanhållna behandlingen."),
    Fas.FORLANGD_BEHANDLING: (
        "Förlängd behandling",
        "Fortsatt behandling som befäster förändringen efter primärbehandlingen.",
    ),
    Fas.UTSLUSSNING: (
        "Utslussning",
        "Inslussning i samhället: eget boende, egen sysselsättning, egen livsföring.",
    ),
    Fas.EFTERVARD: ("Eftervård", "Stöd efter avslutad behandling att behålla förändringen."),
}

PHASE_ORDER = {fas: index for index, fas in enumerate(Fas)}


class TaxonomyView(BaseModel):
    """An insats' classification as the API shows it (api.md, "Taxonomy and vårdkedja")."""

    typ: Typ
    fokus: list[Fokus]
    vardkedja: list[Fas] = Field(description="Faser i vårdkedjan; tom = ingen behandlingskedja")
