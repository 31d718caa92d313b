"""The JSON Schema of PlanDocument, generated from the pydantic models."""

from __future__ import annotations

import json

from .model import PlanDocument

SCHEMA_ID = "https://kehoach-parse.invalid/schemas/plan.schema.json"


def schema_dict() -> dict:
    schema = PlanDocument.model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def schema_text() -> str:
    return json.dumps(schema_dict(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
