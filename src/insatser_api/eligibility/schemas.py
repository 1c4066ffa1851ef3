"""The eligibility request and response bodies (api.md, Eligibility)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StrictBool, StrictInt, StrictStr, model_validator

from insatser_api.catalog.schemas import DocumentationMode, InsatsId
from insatser_api.catalog.vardkedja import Successor
from insatser_api.kit.dates import CalendarDate
from insatser_api.kit.schemas import StrictModel
from insatser_api.outcomes import Outcome, Status

Age = Annotated[StrictInt, Field(ge=0, le=130, description="Ålder i hela år")]
# A kommunkod, or one of the truthful negatives (rules/facts.py): `none` (inte folkbokförd i
# någon kommun; inte placerad) and `other` (en annan kommun än katalogens, koden inte angiven).
KommunAnswer = Annotated[
    StrictStr,
    Field(
        pattern=r"^(\d{4}|none|other)$",
        description="Fyrsiffrig kommunkod (SCB), `none` (ingen kommun) eller `other` (en annan "
        "kommun än katalogens)",
        examples=["2380", "none", "other"],
    ),
]


class Applicant(StrictModel):
    personnummer: StrictStr | None = Field(
        default=None,
        max_length=20,
        description="Personnummer eller samordningsnummer, 10 eller 12 siffror, med `-` eller `+`",
        examples=["200811222389"],
    )
    birth_date: CalendarDate | None = None
    age: Age | None = None
    folkbokford_kommunkod: KommunAnswer | None = Field(
        default=None,
        description="Folkbokföringskommun; `none` = inte folkbokförd i någon kommun, `other` = "
        "folkbokförd i en annan kommun än katalogens",
    )


class Child(StrictModel):
    exists: StrictBool | None = Field(
        default=None,
        description="false: personen har inget barn som frågan gäller (då anges inga andra "
        "uppgifter om barn); barnets folkbokföring är då känd: det finns inget barn",
    )
    birth_date: CalendarDate | None = None
    age: Age | None = None
    folkbokford_kommunkod: KommunAnswer | None = Field(
        default=None,
        description="Barnets folkbokföringskommun; `none`, `other` som för den sökande",
    )
    participates: StrictBool | None = Field(default=None, description="Deltar barnet i samtalen?")


class Facts(StrictModel):
    has_cra_behandlare: StrictBool | None = None
    had_bostad_forst: StrictBool | None = None
    has_hyreskontrakt_in_kommun: StrictBool | None = None
    completed_12_step_primary: StrictBool | None = None
    placed_outside_home_by_kommunkod: KommunAnswer | None = Field(
        default=None,
        description="Kommunen som har placerat barnet utanför det egna hemmet; `none` = inte "
        "placerat (anges då för båda placeringsfälten)",
    )
    placed_outside_home_in_kommunkod: KommunAnswer | None = Field(
        default=None,
        description="Kommunen där barnet är placerat utanför det egna hemmet; `none` = inte "
        "placerat (anges då för båda placeringsfälten)",
    )


class HistoryEntry(StrictModel):
    insats_id: InsatsId | None = None
    enhet: Annotated[StrictStr, Field(min_length=1, max_length=100)] | None = None
    ended_on: CalendarDate

    @model_validator(mode="after")
    def _names_the_insats(self) -> HistoryEntry:
        if self.insats_id is None and self.enhet is None:
            raise ValueError("ange insats_id eller enhet")
        return self


class EligibilityRequest(StrictModel):
    as_of: CalendarDate | None = Field(default=None, description="Prövningsdag; standard i dag")
    applicant: Applicant | None = None
    guardian_consent: StrictBool | None = None
    child: Child | None = None
    facts: Facts | None = None
    history: list[HistoryEntry] | None = Field(
        default=None,
        max_length=100,
        description="Avslutade insatser. Utelämnad = okänt; tom lista = inga.",
    )
    stay_until: CalendarDate | None = Field(
        default=None,
        description="Akutboendet: dagen vistelsen slutar (personen lämnar sovplatsen den "
        "morgonen; den sista natten är natten före)",
    )


class EligibilityAllRequest(EligibilityRequest):
    insats_ids: list[InsatsId] | None = Field(
        default=None, max_length=200, description="Pröva bara dessa; utelämnad = alla"
    )


class ConditionOut(BaseModel):
    code: str
    status: Status
    message: str
    source: str


class QuestionOut(BaseModel):
    fact: str = Field(description="Uppgiften som saknas, som i missing_facts")
    question: str = Field(description="Frågan på svenska")
    decides: list[str] = Field(
        description="De ännu oavgjorda insatser (needs_information) som saknar uppgiften"
    )


class ConsentOut(BaseModel):
    required: bool | None = Field(description="null: beror på en ålder som inte är känd")
    given: bool | None
    basis: str
    message: str


class TargetGroupOut(BaseModel):
    text: str
    applicant_outside: bool | None
    note: str


class DocumentationOut(BaseModel):
    mode: DocumentationMode
    legal_basis: str
    text: str
    decision: str | None = Field(default=None, exclude_if=lambda v: v is None)


class StayLimitOut(BaseModel):
    until: dt.date | None = Field(
        description="Dagen vistelsen senast slutar (personen lämnar sovplatsen den morgonen; den "
        "sista natten är natten före); null = ingen gräns"
    )
    message: str


class ChangeOut(BaseModel):
    codes: list[str] = Field(
        description="Villkoren (koder) som skulle behöva vara uppfyllda; guardian_consent när "
        "vårdnadshavarens samtycke också behövs"
    )
    message: str = Field(description="På svenska: Om personen …")


class EligibilityResponse(BaseModel):
    insats_id: str
    catalog_version: str
    as_of: dt.date
    outcome: Outcome
    conditions: list[ConditionOut]
    missing_facts: list[str]
    next_questions: list[QuestionOut] = Field(
        description="Frågorna att ställa härnäst; den första avgör flest insatser. Tom när "
        "inget återstår att fråga."
    )
    consent: ConsentOut
    target_group: TargetGroupOut
    documentation: DocumentationOut
    stay_limit: StayLimitOut | None = Field(default=None, exclude_if=lambda v: v is None)
    eligible_from: dt.date | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="Vid not_eligible där bara nedre åldersgränser inte är uppfyllda: dagen "
        "personen når åldern (29 februari: 28 februari vanliga år); kräver födelsedatum eller "
        "personnummer",
    )
    what_would_change: list[ChangeOut] | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="Vid not_eligible och needs_information: de minsta uppsättningarna villkor "
        "som, uppfyllda, skulle göra personen berättigad; tom när ingen finns",
    )
    successors: list[Successor] | None = Field(
        default=None,
        exclude_if=lambda v: v is None,
        description="Bara när outcome är eligible: insatserna i vårdkedjan som denna öppnar, "
        "med villkoret och när de öppnar",
    )
    information: str | None = Field(
        description="Information enligt 11 kap. 6 § SoL; finns alltid vid not_eligible"
    )


class Summary(BaseModel):
    eligible: list[str]
    requires_guardian_consent: list[str]
    needs_information: list[str]
    not_eligible: list[str]
    missing_facts: list[str]
    next_questions: list[QuestionOut] = Field(
        description="Frågorna att ställa härnäst för hela prövningen; den första avgör flest "
        "insatser"
    )
    outside_target_group: list[str]


class EligibilityAllResponse(BaseModel):
    catalog_version: str
    as_of: dt.date
    results: list[EligibilityResponse]
    summary: Summary


FactType = Literal["age", "kommunkod", "boolean", "history", "date"]


class FactAnswer(BaseModel):
    request: dict[str, Any] = Field(description="JSON att lägga in i begäran (slås ihop på djupet)")
    means: str = Field(description="Vad svaret betyder, på svenska")
    negative: bool = Field(description="Ett nej: ingen, inget eller gäller inte")


class FactItem(BaseModel):
    fact: str = Field(description="Uppgiftens nyckel, som i missing_facts och next_questions")
    question: str
    type: FactType = Field(
        description="Vad ett svar med eget värde är: age (personnummer, födelsedatum eller "
        "ålder), kommunkod (fyra siffror, none eller other), boolean, history (lista över "
        "avslutade insatser), date (ÅÅÅÅ-MM-DD)"
    )
    answers: list[FactAnswer] = Field(
        description="Svar som inte kräver ett eget värde; minst ett nej-svar per uppgift "
        "(utom den sökandes ålder: alla har en ålder)"
    )


class FactList(BaseModel):
    items: list[FactItem]
