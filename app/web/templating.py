"""The Jinja2 environment of the pages, with the display helpers as filters."""

from __future__ import annotations

from pathlib import Path

from fastapi.templating import Jinja2Templates

from app.web import display

HERE = Path(__file__).parent
STATIC = HERE / "static"
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters.update(flag=display.flag, kind_label=display.kind_label)
templates.env.globals.update(when=display.when, change_value=display.change_value)
