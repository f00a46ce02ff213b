"""The interface words a briefing carries (model.Labels), taken from the i18n table in one language."""

from __future__ import annotations

from dataclasses import fields

from briefgen.format.i18n import LANGS, STRINGS, check_lang
from briefgen.model import Labels


def labels(lang: str) -> Labels:
    """Return the interface words the renderers print, in ``lang`` (templates keep their fields)."""
    check_lang(lang)
    return Labels(**{f.name: STRINGS[f.name][LANGS.index(lang)] for f in fields(Labels)})
