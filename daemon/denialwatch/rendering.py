"""Jinja2 templates shipped in the package (letters and patient emails), and their languages.

Undefined variables are errors (``StrictUndefined``), so a template never prints an empty
gap where a fact was expected; HTML templates are autoescaped, text templates are not.

Patient emails are written in English and translated through gettext catalogs: the English
text is the message id, and ``locale/<language>/LC_MESSAGES/denialwatch.po`` holds the
translations (``locale/README.md`` says how to update them). The ``.po`` file is read
directly and compiled in memory the first time a language is used: no build step, and no
compiled ``.mo`` that could disagree with the text a translator reviewed. One Jinja
environment per language has its translations installed (``jinja2.ext.i18n``, new-style
gettext: ``{% trans %}`` blocks and ``_("... %(name)s", name=...)``); Python code gets the
same catalog from ``translations``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from functools import cache, partial
from importlib.resources import files
from importlib.resources.abc import Traversable
from io import BytesIO
from typing import Any

from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from denialwatch.domain.language import DEFAULT_LANGUAGE, LANGUAGES, supported

DOMAIN = "denialwatch"
"""The gettext domain: the catalogs' file name."""


def catalog_path(language: str) -> Traversable:
    """The ``.po`` file holding ``language``'s translations."""
    return files("denialwatch") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def long_date(value: date | None, language: str = DEFAULT_LANGUAGE) -> str:
    """ "March 3, 2026" ("3 de marzo de 2026"): the form a patient reads without thinking."""
    if value is None:
        return ""
    language = supported(language)
    if language == DEFAULT_LANGUAGE:
        return f"{value:%B} {value.day}, {value.year}"
    return format_date(value, format="long", locale=language)


@cache
def translations(language: str) -> NullTranslations:
    """The catalog for ``language`` (English: none, the text is already English).

    Fuzzy entries (a translation not yet reviewed) are left out, so their English shows.
    """
    if language not in LANGUAGES:
        raise ValueError(f"no patient emails in {language!r}: one of {', '.join(LANGUAGES)}")
    if language == DEFAULT_LANGUAGE:
        return NullTranslations()
    with catalog_path(language).open("rb") as po:
        catalog = read_po(po, locale=language, domain=DOMAIN)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


@cache
def environment(language: str = DEFAULT_LANGUAGE) -> Environment:
    env = Environment(
        loader=PackageLoader("denialwatch", "templates"),
        undefined=StrictUndefined,
        autoescape=select_autoescape(
            enabled_extensions=("html", "html.j2"), default_for_string=False
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    # A {% trans %} block may wrap over lines in the template; its message id is one line.
    env.policies["ext.i18n.trimmed"] = True
    # The i18n extension adds this method to the environment at run time.
    env.install_gettext_translations(translations(language), newstyle=True)  # type: ignore[attr-defined]
    env.filters["long_date"] = partial(long_date, language=language)
    env.globals["language"] = language
    return env


def render(template: str, context: Mapping[str, Any], language: str = DEFAULT_LANGUAGE) -> str:
    """``template`` filled from ``context``, in ``language`` (an unsupported one: English)."""
    return environment(supported(language)).get_template(template).render(**context)


Gettext = Callable[..., str]
"""``_("... %(name)s", name=...)``: a message in one language, its placeholders filled."""


def gettext_for(language: str) -> Gettext:
    """The templates' ``_`` for Python code: the catalog's text for ``message`` in
    ``language`` (English when it has none), with ``values`` put in its ``%(name)s``
    placeholders. Name it ``_`` where it is used, so the extractor finds the messages."""
    catalog = translations(supported(language))

    def gettext(message: str, /, **values: object) -> str:
        text = catalog.gettext(message)
        return text % values if values else text

    return gettext
