"""Template helpers of the data entry page."""

from __future__ import annotations

from typing import Any

from django import template

from dxmon.collection.forms import choice_options
from dxmon.frameworks.models import Indicator
from dxmon.vn.numbers import format_number

register = template.Library()


@register.filter
def input_number(value: Any) -> str:
    """A stored number as typed in an input: ``1.234``, ``79,5``; blank for none."""
    if value is None or value == "":
        return ""
    return format_number(float(value))


@register.filter
def options(indicator: Indicator) -> list[tuple[str, str]]:
    """A choice indicator's options: (stored number, label)."""
    return choice_options(indicator)


@register.filter
def same_number(value: Any, option: str) -> bool:
    """Whether a stored number is the option's number (for ``selected``/``checked``)."""
    if value is None or value == "":
        return False
    try:
        return abs(float(value) - float(option)) < 1e-9
    except (TypeError, ValueError):
        return False


@register.filter
def needs_comment(issues: Any) -> bool:
    """Whether any of the issues is a warning that must be explained before submission."""
    return any(getattr(issue, "needs_comment", False) for issue in issues or ())


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def field_label(name: str) -> str:
    """The Vietnamese name of a value's field (value, numerator, ...)."""
    from dxmon.collection.views.context import FIELD_LABELS

    return str(FIELD_LABELS.get(name, name))


@register.filter
def shown_issues(issues: Any) -> list[Any]:
    """The issues worth showing beside a row: an empty value is shown by the completeness bar."""
    return [issue for issue in issues or () if getattr(issue, "code", "") != "missing"]


@register.filter
def vn_abs(value: Any) -> str:
    """The size of a difference, one decimal: ``-11.54`` → ``11,5``."""
    if value is None:
        return ""
    return format_number(round(abs(float(value)), 1))
