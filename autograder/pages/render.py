"""Rendering self-contained HTML pages from Jinja2 templates.

Autoescaping is on for every template: messages quote student code and
output, which must show as text, never as markup.  A package's templates
are looked up first in its own ``templates/`` folder, then here, where the
shell they extend lives.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

_HERE = Path(__file__).resolve().parent
_PACKAGES = _HERE.parent


@cache
def _environment(package: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(_PACKAGES / package / "templates"), str(_HERE / "templates")]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = format_number
    return env


def format_number(value, digits: int = 2) -> str:
    """Scores as people write them: 3, 2.5, 0.33; blank when unknown."""
    if value is None:
        return ""
    text = f"{float(value):.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def render(package: str, template: str, **context) -> str:
    """Render ``autograder/<package>/templates/<template>``."""
    return _environment(package).get_template(template).render(**context)
