"""`jobnotes schema`: JSON Schemas of the front matter, and Obsidian property types."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from conftest import EXAMPLE_VAULT, hash_tree

from jobnotes.cli import JobnotesGroup
from jobnotes.cli_interop import schema
from jobnotes.interop.jsonschema import application_schema, obsidian_types, person_schema
from jobnotes.schema import APP_KEYS, PERSON_KEYS
from jobnotes.settings import Settings

# --- a small JSON Schema validator: the subset the jobnotes schemas use --------------------

_TYPES = {"object": dict, "array": list, "string": str, "null": type(None), "boolean": bool}


def _is_type(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def validate(value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None,
             at: str = "$") -> list[str]:
    """Every way ``value`` breaks ``schema`` (empty when valid)."""
    root = root or schema
    errors: list[str] = []
    if "$ref" in schema:
        target: Any = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        errors += validate(value, target, root, at)
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, n) for n in names):
            return [f"{at}: {value!r} is not {names}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{at}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{at}: {value!r} is not {schema['const']!r}")
    if isinstance(value, str):
        if "pattern" in schema and not re.search(schema["pattern"], value):
            errors.append(f"{at}: {value!r} does not match {schema['pattern']}")
        if schema.get("format") == "date":
            try:
                date.fromisoformat(value)
            except ValueError:
                errors.append(f"{at}: {value!r} is not a date")
    if _is_type(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{at}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{at}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{at}: missing {key}")
        for key, item in value.items():
            if key in props:
                errors += validate(item, props[key], root, f"{at}.{key}")
            elif any(re.search(p, key) for p in schema.get("patternProperties", {})):
                continue
            elif schema.get("additionalProperties") is False:
                errors.append(f"{at}: unexpected key {key}")
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            errors.append(f"{at}: fewer than {schema['minItems']} items")
        if "items" in schema:
            for index, item in enumerate(value):
                errors += validate(item, schema["items"], root, f"{at}[{index}]")
    if "anyOf" in schema and all(validate(value, s, root, at) for s in schema["anyOf"]):
        errors.append(f"{at}: matches none of anyOf")
    for sub in schema.get("allOf", []):
        errors += validate(value, sub, root, at)
    if "not" in schema and not validate(value, schema["not"], root, at):
        errors.append(f"{at}: matches a schema it must not")
    if "if" in schema and not validate(value, schema["if"], root, at):
        errors += validate(value, schema.get("then", {}), root, at)
    return errors


def front_matter(path: Path) -> dict[str, Any]:
    """A note's front matter as an editor's YAML schema check sees it: dates as text."""
    text = path.read_text("utf-8")
    data = yaml.safe_load(text.split("---\n")[1]) or {}

    def plain(value: Any) -> Any:
        if isinstance(value, (date, datetime)):
            return value.isoformat()
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return {key: plain(value) for key, value in data.items()}


def run(*args: str) -> Any:
    cli = JobnotesGroup()
    cli.add_command(schema)
    return CliRunner().invoke(cli, ["schema", *args])


# --- the schemas -----------------------------------------------------------------------------

def test_every_example_note_matches_its_schema() -> None:
    result = run(str(EXAMPLE_VAULT))
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert set(document["$defs"]) == {"application", "person"}
    apps = sorted((EXAMPLE_VAULT / "applications").glob("*.md"))
    people = sorted((EXAMPLE_VAULT / "people").glob("*.md"))
    assert apps and people
    for path in apps:
        assert validate(front_matter(path), {"$ref": "#/$defs/application"}, document) == [], path
    for path in people:
        assert validate(front_matter(path), {"$ref": "#/$defs/person"}, document) == [], path


GOOD = {"company": "Acme", "role": "Analyst", "status": "rejected", "channel": "referral",
        "applied": "2026-03-02", "rejected": "2026-03-20", "interviews": ["2026-03-10"],
        "contacts": ["[[Jane Doe]]"], "excitement": 4, "_mine": "kept", "aliases": ["x"]}


@pytest.mark.parametrize(("change", "why"), [
    ({"status": "pending"}, "status not in the list"),
    ({"applied": "05/03/2026"}, "a date not written YYYY-MM-DD"),
    ({"excitement": 9}, "excitement above 5"),
    ({"rejected": None}, "status rejected without a rejected date"),
    ({"applied": None}, "applied missing once past wishlist"),
    ({"channel": None}, "channel missing once applied"),
    ({"status": "interviewing", "interviews": []}, "interviewing without interviews"),
    ({"contacts": ["Jane Doe"]}, "a contact that is not a [[link]]"),
    ({"compnay": "typo"}, "an unknown key"),
])
def test_schema_rejects_what_check_rejects(change: dict[str, Any], why: str) -> None:
    schema = application_schema(Settings())
    assert validate(GOOD, schema) == []
    assert validate({**GOOD, **change}, schema), why


def test_wishlist_and_informational_need_less() -> None:
    schema = application_schema(Settings())
    assert validate({"company": "Acme", "role": "Analyst", "status": "wishlist"}, schema) == []
    chat = {"company": "Acme", "role": "Chat", "status": "applied", "applied": "2026-03-02",
            "type": "informational"}
    assert validate(chat, schema) == []


def test_person_schema() -> None:
    schema = person_schema()
    good = {"company": "Acme", "role": "recruiter", "met": "2026-03-01",
            "touches": ["2026-04-01"], "email": "jane@example.com"}
    assert validate(good, schema) == []
    # Any other role is kept as a job title (check warns), so editors accept it too.
    assert validate({**good, "role": "Senior Data Engineer"}, schema) == []
    assert validate({**good, "role": 3}, schema)
    assert validate({**good, "touches": ["April"]}, schema)


def test_channels_come_from_the_vault_settings(tmp_path: Path) -> None:
    (tmp_path / "jobnotes.toml").write_text('[channels]\nlist = ["board", "friends"]\n')
    result = run(str(tmp_path), "--note", "application")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert "$defs" not in document
    assert document["properties"]["channel"]["anyOf"][0]["enum"] == ["board", "friends"]


def test_person_only(tmp_path: Path) -> None:
    document = json.loads(run(str(tmp_path), "--note", "person").output)
    assert document["title"] == "jobnotes person note"


# --- Obsidian property types ----------------------------------------------------------------

def test_obsidian_types_cover_every_key_and_write_nothing(vault) -> None:
    root = vault({"jobnotes.toml": "", ".obsidian/types.json": '{"types": {}}'})
    before = hash_tree(root)
    result = run(str(root), "--obsidian-types")
    assert result.exit_code == 0, result.output
    types = json.loads(result.output)["types"]
    assert types == obsidian_types()["types"]
    assert set(APP_KEYS) | set(PERSON_KEYS) <= set(types)
    allowed = {"text", "multitext", "number", "checkbox", "date", "datetime", "aliases", "tags"}
    assert set(types.values()) <= allowed
    assert types["applied"] == "date" and types["interviews"] == "multitext"
    assert types["excitement"] == "number" and types["tags"] == "tags"
    assert hash_tree(root) == before
