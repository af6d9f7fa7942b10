"""Jinja2 templates shipped in the package: letters and patient emails.

Undefined variables are errors (``StrictUndefined``), so a template never prints an empty
gap where a fact was expected; HTML templates are autoescaped, text templates are not.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape


def long_date(value: date | None) -> str:
    """ "March 3, 2026": the form a patient reads without thinking about it."""
    if value is None:
        return ""
    return f"{value:%B} {value.day}, {value.year}"


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("denialwatch", "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = long_date
    return env


def render(template: str, context: Mapping[str, Any]) -> str:
    return environment().get_template(template).render(**context)
