"""Reading catalogue files: YAML → validated `Catalog`, or a precise `CatalogError`."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from insatser_api.catalog import consistency
from insatser_api.catalog.messages_sv import field_message, os_reason, yaml_place
from insatser_api.catalog.schemas import Catalog

# libyaml is several times faster; the pure-Python loader gives the same result
_YamlLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class CatalogError(ValueError):
    """A catalogue file that cannot be used; the message names file, path and fault."""


@dataclass(frozen=True, slots=True)
class LoadedCatalog:
    catalog: Catalog
    path: Path
    digest: str


def load_catalog(path: Path) -> LoadedCatalog:
    """Load and validate one catalogue file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"{path}: kan inte läsas ({os_reason(exc)})") from exc
    try:
        data = yaml.load(raw, Loader=_YamlLoader)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: inte giltig YAML{yaml_place(exc)}") from exc
    if not isinstance(data, dict):
        raise CatalogError(f"{path}: översta nivån ska vara en mappning (nyckel: värde)")
    try:
        catalog = Catalog.model_validate(data)
    except ValidationError as exc:
        raise CatalogError(_describe(path, data, exc)) from exc
    faults = consistency.disagreements(catalog)
    if faults:
        raise CatalogError(consistency.describe(path, faults))
    if path.stem != catalog.version:
        raise CatalogError(
            f"{path}: version {catalog.version!r} skiljer sig från filnamnet {path.stem!r}"
        )
    return LoadedCatalog(catalog, path, "sha256:" + hashlib.sha256(raw).hexdigest())


def load_catalog_dir(directory: Path) -> list[LoadedCatalog]:
    """Every `*.yaml` version in one kommun's folder, oldest first."""
    files = sorted(directory.glob("*.yaml"))
    if not files:
        raise CatalogError(f"{directory}: inga katalogfiler (*.yaml)")
    loaded = [load_catalog(f) for f in files]
    loaded.sort(key=lambda item: item.catalog.valid_from)
    seen: dict[object, Path] = {}
    for item in loaded:
        other = seen.setdefault(item.catalog.valid_from, item.path)
        if other != item.path:
            raise CatalogError(
                f"{item.path}: valid_from {item.catalog.valid_from} används också av {other}"
            )
    return loaded


def _describe(path: Path, data: dict[str, Any], exc: ValidationError) -> str:
    lines = [f"{path}: {exc.error_count()} fel i katalogen"]
    for error in exc.errors(include_url=False, include_input=False):
        lines.append(f"  {_location(data, error['loc'])}: {field_message(error)}")
    return "\n".join(lines)


def _location(data: Any, loc: tuple[int | str, ...]) -> str:
    """`insatser[4](akutboendet).villkor.conditions[0].min_age`: the path a YAML editor shows."""
    parts: list[str] = []
    node: Any = data
    for key in loc:
        if isinstance(key, int):
            label = f"[{key}]"
            node = node[key] if isinstance(node, list) and key < len(node) else None
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                label += f"({node['id']})"
            parts.append(label)
        else:
            if isinstance(node, dict) and key not in node and node.get("kind") == key:
                continue  # pydantic names the chosen member of a discriminated union
            node = node.get(key) if isinstance(node, dict) else None
            parts.append(("." if parts else "") + key)
    return "".join(parts) or "(översta nivån)"
