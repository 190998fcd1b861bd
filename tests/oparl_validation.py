"""Validating OParl objects against the published OParl 1.1 schemas.

The schema files embed objects with a non-standard `"schema": "File.json"` key, which a plain
validator ignores; `resolved_schema` replaces each such key with the (resolved) schema it names, so
embedded objects are validated too. On top of the schemas, OParl 1.1 requires `created` and
`modified` everywhere, and we promise never to send null, "" or [] for an optional field, nor a
field the schema does not know (a typo would otherwise pass unnoticed).
"""

from __future__ import annotations

import copy
import datetime
import functools
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema

# The OParl 1.1 schema files, unchanged (CC BY-SA 4.0, see the README beside them).
SCHEMA_DIR = Path(__file__).resolve().parent / "oparl-1.1-schema"

TYPE_RE = re.compile(r"^https://schema\.oparl\.org/1\.1/(\w+)$")

format_checker = jsonschema.FormatChecker()


@format_checker.checks("url")
def _is_url(value) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@format_checker.checks("date-time")
def _is_date_time(value) -> bool:
    if not isinstance(value, str):
        return True
    parsed = datetime.datetime.fromisoformat(value)
    return parsed.tzinfo is not None and "T" in value


@format_checker.checks("date")
def _is_date(value) -> bool:
    if not isinstance(value, str):
        return True
    datetime.date.fromisoformat(value)
    return len(value) == 10


@functools.cache
def raw_schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / f"{name}.json").read_text())


def _resolve(node, depth: int = 0):
    if isinstance(node, dict):
        if "schema" in node and isinstance(node["schema"], str) and node.get("type") == "object":
            if depth > 6:
                return {"type": "object"}
            return resolved_schema(node["schema"].removesuffix(".json"), depth + 1)
        return {key: _resolve(value, depth) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(value, depth) for value in node]
    return node


def resolved_schema(name: str, depth: int = 0) -> dict:
    schema = _resolve(copy.deepcopy(raw_schema(name)), depth)
    schema["required"] = sorted(set(schema.get("required", [])) | {"created", "modified"})
    return schema


@functools.cache
def validator(name: str, deleted: bool = False) -> jsonschema.Draft4Validator:
    schema = resolved_schema(name)
    if deleted:
        # OParl 1.1 (2.8, deleted objects): a deleted object keeps only id, type, created, modified and
        # `deleted: true`; the type's other required fields (an AgendaItem's order, a File's accessUrl)
        # go with the rest of it.
        schema["required"] = ["created", "deleted", "id", "modified", "type"]
    return jsonschema.Draft4Validator(schema, format_checker=format_checker)


def type_name(obj: dict) -> str:
    match = TYPE_RE.match(obj.get("type", ""))
    assert match, f"not an OParl type: {obj.get('type')!r} in {obj.get('id')}"
    return match.group(1)


def _check_shape(obj: dict, name: str, where: str) -> list[str]:
    """Our own promises: no unknown field, no empty optional field; recursively for embedded objects."""
    problems = []
    schema = raw_schema(name)
    properties = schema["properties"]
    required = set(schema.get("required", []))
    if obj.get("deleted"):
        return (
            [f"{where}: a deleted object has more than id/type/created/modified/deleted"]
            if set(obj)
            - {
                "id",
                "type",
                "created",
                "modified",
                "deleted",
            }
            else []
        )
    for key, value in obj.items():
        if key not in properties:
            problems.append(f"{where}.{key}: not an OParl {name} field")
            continue
        if key not in required and (value is None or value == "" or value == [] or value == {}):
            problems.append(f"{where}.{key}: empty optional field sent ({value!r})")
        if value is None:
            problems.append(f"{where}.{key}: null")
        prop = properties[key]
        # External lists are URLs (type string) even though their "items" name a schema.
        embedded = (
            None if prop.get("type") == "string" else prop.get("schema") or (prop.get("items") or {}).get("schema")
        )
        if embedded:
            children = value if isinstance(value, list) else [value]
            for index, child in enumerate(children):
                if isinstance(child, dict):
                    child_name = embedded.removesuffix(".json")
                    problems += _check_shape(child, child_name, f"{where}.{key}[{index}]")
    return problems


def validate_object(obj: dict) -> None:
    name = type_name(obj)
    deleted = obj.get("deleted") is True
    errors = [
        f"{obj.get('id')}: {error.json_path}: {error.message}" for error in validator(name, deleted).iter_errors(obj)
    ]
    errors += _check_shape(obj, name, str(obj.get("id")))
    assert not errors, "\n".join(errors)


def validate_list(page: dict) -> None:
    assert set(page) == {"data", "pagination", "links"}, sorted(page)
    pagination = page["pagination"]
    assert set(pagination) <= {"totalElements", "elementsPerPage", "currentPage", "totalPages"}
    assert all(isinstance(value, int) for value in pagination.values())
    for obj in page["data"]:
        validate_object(obj)
    for key, url in page["links"].items():
        assert key in {"first", "prev", "self", "next", "last"}, key
        assert _is_url(url), url


def embedded_objects(obj: dict):
    """Every object nested inside `obj` (with an id), at any depth."""
    for value in obj.values():
        children = value if isinstance(value, list) else [value]
        for child in children:
            if isinstance(child, dict) and "id" in child:
                yield child
                yield from embedded_objects(child)
