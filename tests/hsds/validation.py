"""The vendored HSDS 3.0 schemas (tests/hsds/schema/) as jsonschema validators, every `$ref`
resolved locally: a clean clone validates without the network or anything beside the repo.

`strict=True` also refuses any field HSDS does not define (`unevaluatedProperties: false` on
every HSDS object), so the export cannot drift into names of its own. openapi.json is left as it
is: its `Page` is a part of the list's `allOf`, and a closed part would refuse `contents`.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

SCHEMA_DIR = Path(__file__).parent / "schema"
# Where the schemas live upstream: openapi.json names the compiled ones by this address.
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
LIST_RESPONSE = (
    BASE + "openapi.json#/paths/~1services/get/responses/200/content/application~1json/schema"
)


def _strict(node: Any) -> Any:
    if isinstance(node, dict):
        node = {key: _strict(value) for key, value in node.items()}
        if "properties" in node:
            node["unevaluatedProperties"] = False
        return node
    if isinstance(node, list):
        return [_strict(item) for item in node]
    return node


@cache
def _registry(strict: bool) -> Registry[Any]:
    resources = []
    for path in sorted(SCHEMA_DIR.rglob("*.json")):
        contents = json.loads(path.read_text(encoding="utf-8"))
        if strict and path.name != "openapi.json":
            contents = _strict(copy.deepcopy(contents))
        uri = BASE + path.relative_to(SCHEMA_DIR).as_posix()
        resources.append((uri, Resource.from_contents(contents, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


def validator(ref: str, *, strict: bool = False) -> Draft202012Validator:
    """A validator for the schema at `ref` (an address under BASE, with a fragment if needed)."""
    return Draft202012Validator(
        {"$ref": ref}, registry=_registry(strict), format_checker=FormatChecker()
    )


def errors(ref: str, instance: Any, *, strict: bool = False) -> list[str]:
    found = validator(ref, strict=strict).iter_errors(instance)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in found]
