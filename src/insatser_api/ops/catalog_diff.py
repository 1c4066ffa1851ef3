"""What changed between two catalogue versions, in Swedish, for a nämndsekreterare.

Compared per insats (matched by id): title, målgrupp, villkor (the text as written and each
structured condition by its code), consent, channels, documentation mode and the taxonomy
(typ, fokus, vårdkedja). The inledning's
general conditions are compared once, not repeated under every insats they apply to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from insatser_api.catalog.schemas import Catalog, ConditionSpec, Documentation, Insats, Taxonomy

DOCUMENTATION_MODES = {
    "individual": "på individnivå (14 kap. 3 §)",
    "advisory": "rådgivning, personliga förhållanden dokumenteras inte (14 kap. 4 §)",
    "deidentified": "uppgifter som kan röja identiteten dokumenteras inte (14 kap. 5 §)",
}

# Condition parameters as a reader of the bilaga would name them.
PARAMETER_NAMES = {
    "min_age": "lägsta ålder",
    "max_age": "högsta ålder",
    "fact": "uppgift",
    "kommunkod": "kommunkod",
    "expected": "krävt svar",
    "insats_ids": "tidigare insatser",
    "enheter": "tidigare enheter",
    "within_years": "inom antal år",
    "ongoing": "gäller pågående insats",
    "any_of": "alternativ",
    "source": "avsnitt",
    "kind": "slag",
}


@dataclass(frozen=True, slots=True)
class InsatsChanges:
    insats: Insats
    changes: list[str]


@dataclass(slots=True)
class CatalogDiff:
    old: Catalog
    new: Catalog
    catalog: list[str] = field(default_factory=list)
    general_conditions: list[str] = field(default_factory=list)
    added: list[Insats] = field(default_factory=list)
    removed: list[Insats] = field(default_factory=list)
    changed: list[InsatsChanges] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (
            self.catalog or self.general_conditions or self.added or self.removed or self.changed
        )


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    diff = CatalogDiff(old, new)
    if old.source.decision_reference != new.source.decision_reference:
        diff.catalog.append(
            _was_now(
                "Nämndens beslut", old.source.decision_reference, new.source.decision_reference
            )
        )
    if old.kommun != new.kommun:
        diff.catalog.append(
            _was_now(
                "Kommunen",
                f"{old.kommun.namn} ({old.kommun.kod})",
                f"{new.kommun.namn} ({new.kommun.kod})",
            )
        )
    diff.general_conditions = _condition_changes(old.general_villkor, new.general_villkor)
    old_by_id = {i.id: i for i in old.insatser}
    new_by_id = {i.id: i for i in new.insatser}
    diff.added = [i for i in new.insatser if i.id not in old_by_id]
    diff.removed = [i for i in old.insatser if i.id not in new_by_id]
    for insats in new.insatser:
        before = old_by_id.get(insats.id)
        if before is not None:
            changes = _insats_changes(before, insats)
            if changes:
                diff.changed.append(InsatsChanges(insats, changes))
    return diff


def _insats_changes(old: Insats, new: Insats) -> list[str]:
    changes: list[str] = []
    for label, before, after in (
        ("Namnet", old.title, new.title),
        ("Avsnittet", old.section, new.section),
        ("Enheten", old.enhet, new.enhet),
        ("Målgruppen", old.malgrupp.text, new.malgrupp.text),
        ("Villkorstexten", old.villkor.text, new.villkor.text),
    ):
        if before != after:
            changes.append(_was_now(label, before, after))
    if old.villkor.general_folkbokforing != new.villkor.general_folkbokforing:
        changes.append(
            "Inledningens villkor om folkbokföring gäller "
            + (
                "nu för insatsen."
                if new.villkor.general_folkbokforing
                else "inte längre för insatsen."
            )
        )
    changes += _condition_changes(old.villkor.conditions, new.villkor.conditions)
    if old.documentation != new.documentation:
        changes.append(_documentation_change(old.documentation, new.documentation))
    if old.consent.without_consent_from_15 != new.consent.without_consent_from_15:
        changes.append(
            "Ungdomar 15–17 år får "
            + ("nu" if new.consent.without_consent_from_15 else "inte längre")
            + " delta utan vårdnadshavarens samtycke (21 kap. 2 § SoL)."
        )
    old_channels = {c.kanal.value for c in old.aktualisering.kanaler}
    new_channels = {c.kanal.value for c in new.aktualisering.kanaler}
    if old_channels != new_channels:
        parts = [f"ny: {c}" for c in sorted(new_channels - old_channels)]
        parts += [f"borttagen: {c}" for c in sorted(old_channels - new_channels)]
        changes.append("Vägar in: " + ", ".join(parts) + ".")
    changes += _taxonomy_changes(old.taxonomy, new.taxonomy)
    return changes


def _taxonomy_changes(old: Taxonomy, new: Taxonomy) -> list[str]:
    changes = []
    if old.typ != new.typ:
        changes.append(f"Typ: {old.typ.value} → {new.typ.value}.")
    for label, before, after in (
        ("Fokus", [f.value for f in old.fokus], [f.value for f in new.fokus]),
        ("Vårdkedjan", [f.value for f in old.vardkedja], [f.value for f in new.vardkedja]),
    ):
        if before != after:
            parts = [f"ny: {c}" for c in after if c not in before]
            parts += [f"borttagen: {c}" for c in before if c not in after]
            changes.append(f"{label}: " + (", ".join(parts) or "ny ordning") + ".")
    if old.tolkning != new.tolkning:
        changes.append("Tolkningen av klassificeringen har ändrats.")
    return changes


def _condition_changes(old: Sequence[ConditionSpec], new: Sequence[ConditionSpec]) -> list[str]:
    before = {c.code: c for c in old}
    after = {c.code: c for c in new}
    changes = [
        f"Nytt villkor «{c.code}»: {c.description}{_section(c)}"
        for code, c in after.items()
        if code not in before
    ]
    changes += [
        f"Borttaget villkor «{c.code}»: {c.description}{_section(c)}"
        for code, c in before.items()
        if code not in after
    ]
    for code, c in after.items():
        previous = before.get(code)
        if previous is None or previous == c:
            continue
        details = []
        if previous.description != c.description:
            details.append(f"beskrivning «{previous.description}» → «{c.description}»")
        old_params, new_params = _parameters(previous), _parameters(c)
        for key in sorted(old_params.keys() | new_params.keys()):
            if old_params.get(key) != new_params.get(key):
                name = PARAMETER_NAMES.get(key, key)
                details.append(
                    f"{name} {_value(old_params.get(key))} → {_value(new_params.get(key))}"
                )
        changes.append(f"Ändrat villkor «{code}»: " + "; ".join(details) + ".")
    return changes


def _parameters(spec: ConditionSpec) -> dict[str, Any]:
    return spec.model_dump(mode="json", exclude={"code", "description"})


def _value(value: Any) -> str:
    if value is None:
        return "(inget)"
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value) if value else "(inga)"
    if isinstance(value, dict):
        return str(value.get("description", value))
    return str(value)


def _section(spec: ConditionSpec) -> str:
    return f" (avsnitt {spec.source})" if spec.source else ""


def _documentation_change(old: Documentation, new: Documentation) -> str:
    text = "Dokumentation: "
    if old.mode != new.mode:
        text += f"{DOCUMENTATION_MODES[old.mode.value]} → {DOCUMENTATION_MODES[new.mode.value]}"
    else:
        text += f"samma sätt ({DOCUMENTATION_MODES[new.mode.value]}), ändrad text eller lagrum"
    if new.decision and new.decision != old.decision:
        text += f"; nämndens beslut: {new.decision}"
    return text + "."


def _was_now(label: str, before: str, after: str) -> str:
    return f"{label} har ändrats:\n      förut: {before.strip()}\n      nu:    {after.strip()}"


def render(diff: CatalogDiff) -> str:
    old, new = diff.old, diff.new
    lines = [
        f"Katalog {old.version} (gäller från {old.valid_from}) jämförd med "
        f"{new.version} (gäller från {new.valid_from}), {old.kommun.namn}",
        "",
    ]
    if diff.empty:
        return "\n".join([*lines, "Inga skillnader i insatser, villkor eller dokumentation."])
    if diff.catalog:
        lines += ["Katalogen:", *(f"  • {c}" for c in diff.catalog), ""]
    if diff.general_conditions:
        lines.append("Inledningens villkor (gäller insatser med villkoret om folkbokföring):")
        lines += [*(f"  • {c}" for c in diff.general_conditions), ""]
    if diff.added:
        lines.append(f"Nya insatser ({len(diff.added)}):")
        lines += [*(f"  + {i.section} {i.title} ({i.id})" for i in diff.added), ""]
    if diff.removed:
        lines.append(f"Borttagna insatser ({len(diff.removed)}):")
        lines += [*(f"  − {i.section} {i.title} ({i.id})" for i in diff.removed), ""]
    if diff.changed:
        lines.append(f"Ändrade insatser ({len(diff.changed)}):")
        for item in diff.changed:
            lines.append(f"  {item.insats.section} {item.insats.title} ({item.insats.id})")
            lines += [f"    • {change}" for change in item.changes]
        lines.append("")
    return "\n".join(lines).rstrip()
