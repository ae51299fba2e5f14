"""JSON Schema of a framework YAML file (structure only; meaning is checked in validation.py).

Enumerations come from choices.py so the schema and the models cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from dxmon.frameworks.choices import (
    Aggregation,
    Comparator,
    DataSource,
    Reliability,
    ScoringRule,
    ValueType,
)

DIRECTIONS = ["higher_is_better", "lower_is_better"]
CODE_PATTERN = r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$"

_text = {"type": "string", "minLength": 1}
_number = {"type": "number"}
_year = {"type": "integer", "minimum": 1990, "maximum": 2100}

_target = {
    "type": "object",
    "required": ["year", "value", "comparator", "source"],
    "additionalProperties": False,
    "properties": {
        "year": _year,
        "value": {"type": ["number", "boolean"]},
        "comparator": {"enum": list(Comparator.values)},
        "scope": {"type": "string"},
        "source": _text,
        "note": {"type": "string"},
        "unit_note": {"type": "string"},
    },
}

_scoring = {
    "type": "object",
    "required": ["rule"],
    "additionalProperties": False,
    "properties": {
        "rule": {"enum": list(ScoringRule.values)},
        "text": {"type": "string"},
        "full_at": {"type": "number", "exclusiveMinimum": 0},
        "scale": {"type": "number", "exclusiveMinimum": 0},
        "steps": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["share"],
                "additionalProperties": False,
                "properties": {
                    "at_least": _number,
                    "at_most": _number,
                    "share": {"type": "number", "minimum": 0, "maximum": 1},
                },
            },
        },
        "tiers": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["value", "share"],
                "additionalProperties": False,
                "properties": {
                    "value": {"type": ["string", "boolean", "integer"]},
                    "label_vi": {"type": "string"},
                    "label_en": {"type": "string"},
                    "share": {"type": "number", "minimum": 0, "maximum": 1},
                },
            },
        },
    },
}

_indicator_properties: dict[str, Any] = {
    "code": {"type": "string", "pattern": CODE_PATTERN, "maxLength": 40},
    "name_vi": {"type": "string", "minLength": 1, "maxLength": 400},
    "name_en": {"type": "string", "maxLength": 400},
    "definition": {"type": "string"},
    "value_type": {"enum": list(ValueType.values)},
    "unit": {"type": "string", "maxLength": 40},
    "numerator": {"type": "string", "maxLength": 400},
    "denominator": {"type": "string", "maxLength": 400},
    "direction": {"enum": DIRECTIONS},
    "aggregation": {"enum": list(Aggregation.values)},
    "scored": {"type": "boolean"},
    "weight": {"type": "number", "minimum": 0},
    "max_points": {"type": "number", "minimum": 0},
    "scoring": _scoring,
    "min_value": _number,
    "max_value": _number,
    "targets": {"type": "array", "items": _target},
    "example_targets": {"type": "array", "items": {"type": "object"}},
    "evidence_required": {"type": "boolean"},
    "data_source": {"enum": list(DataSource.values)},
    "applicability": {"type": "string", "maxLength": 40},
    "reliability": {"enum": list(Reliability.values)},
    "sources": {"type": "string"},
    "scoring_reference": {"type": "string"},
}

_indicator = {
    "type": "object",
    "required": ["code", "name_vi", "value_type", "aggregation"],
    "additionalProperties": False,
    "properties": _indicator_properties,
}

# A top-level indicator names the group it belongs to.
_loose_indicator = {
    "type": "object",
    "required": ["code", "group", "name_vi", "value_type", "aggregation"],
    "additionalProperties": False,
    "properties": {**_indicator_properties, "group": _text},
}

_node_properties: dict[str, Any] = {
    "code": {"type": "string", "pattern": CODE_PATTERN, "maxLength": 40},
    "name_vi": {"type": "string", "minLength": 1, "maxLength": 300},
    "name_en": {"type": "string", "maxLength": 300},
    "weight": {"type": "number", "minimum": 0},
    "max_points": {"type": "number", "minimum": 0},
    "note": {"type": "string"},
}

_group = {
    "type": "object",
    "required": ["code", "name_vi"],
    "additionalProperties": False,
    "properties": {**_node_properties, "indicators": {"type": "array", "items": _indicator}},
}

_pillar = {
    "type": "object",
    "required": ["code", "name_vi", "groups"],
    "additionalProperties": False,
    "properties": {
        **_node_properties,
        "groups": {"type": "array", "minItems": 1, "items": _group},
    },
}

_operand = {"type": ["string", "number"]}

FRAMEWORK_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "dxmon indicator framework",
    "type": "object",
    "required": ["framework", "pillars"],
    "additionalProperties": False,
    "properties": {
        "framework": {
            "type": "object",
            "required": ["code", "version", "title", "valid_years"],
            "additionalProperties": False,
            "properties": {
                "code": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_-]*$", "maxLength": 50},
                "version": {"type": "string", "minLength": 1, "maxLength": 30},
                "title": {"type": "string", "minLength": 1, "maxLength": 300},
                "title_en": {"type": "string", "maxLength": 300},
                "valid_years": {
                    "type": "object",
                    "required": ["from"],
                    "additionalProperties": False,
                    "properties": {"from": _year, "to": _year},
                },
                "legal_basis": {"type": "array", "items": _text},
                "max_points": {"type": "number", "exclusiveMinimum": 0},
                "note": {"type": "string"},
            },
        },
        "sources": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["title"],
                "additionalProperties": False,
                "properties": {
                    "title": _text,
                    "urls": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "context": {"type": "array", "items": _indicator},
        "pillars": {"type": "array", "minItems": 1, "items": _pillar},
        "indicators": {"type": "array", "items": _loose_indicator},
        "cross_rules": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["code", "left", "operator", "right", "message_vi"],
                "additionalProperties": False,
                "properties": {
                    "code": {"type": "string", "pattern": CODE_PATTERN, "maxLength": 40},
                    "left": _operand,
                    "operator": {"enum": list(Comparator.values)},
                    "right": _operand,
                    "message_vi": _text,
                    "message_en": {"type": "string"},
                },
            },
        },
    },
}
