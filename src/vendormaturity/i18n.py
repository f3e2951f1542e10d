"""Texts for people, in the language asked for, from gettext catalogues.

Every sentence a person reads – command help and messages, report texts, workbook
instructions, located problems – is written in English in the code, marked with one of
the functions below, and translated by the catalogue of the language asked for
(``locale/<lang>/LC_MESSAGES/vendormaturity.po``, compiled to ``.mo``). Questionnaire texts
are not here: they live in the questionnaire files.

- :func:`tr`, :func:`ntr`, :func:`ptr`, :func:`nptr` translate now, into a language given
  by the caller (renderers and the command line know theirs).
- :func:`msg`, :func:`nmsg`, :func:`pmsg` make a :class:`Message`: English text (a ``str``,
  so the Python API speaks English by default) that remembers how to say itself in another
  language. The library's located problems are made of them; the command line prints them
  in the language asked for with :func:`translate`.
- :func:`N_` only marks a text for the catalogue, where it is translated later (help texts
  declared before the language is known).

Placeholders are ``{name}``, filled with :meth:`str.format` when values are given; a value
that is itself a :class:`Message` is translated into the same language. Plural forms come
from the catalogue (French says ``0 fichier``, English ``0 files``).

More catalogues are found in the folders of ``VENDORMATURITY_LOCALE_PATH`` (separated as
``PATH`` is), searched before the bundled ones: a language can be added or a translation
corrected without touching the package (docs/translating.md).
"""

from __future__ import annotations

import functools
import gettext
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Final

__all__ = [
    "DOMAIN",
    "N_",
    "SOURCE_LANGUAGE",
    "Message",
    "decimal",
    "either",
    "joined",
    "languages",
    "locale_dirs",
    "msg",
    "nmsg",
    "nptr",
    "ntr",
    "plural_form",
    "pmsg",
    "ptr",
    "tr",
    "translate",
]

DOMAIN: Final = "vendormaturity"
SOURCE_LANGUAGE: Final = "en"  # the language of the texts in the code
LOCALE_PATH_VARIABLE: Final = "VENDORMATURITY_LOCALE_PATH"
_BUNDLED: Final = Path(__file__).parent / "locale"


def locale_dirs() -> tuple[Path, ...]:
    """The folders searched for catalogues: ``VENDORMATURITY_LOCALE_PATH`` first, then the bundled one."""
    extra = os.environ.get(LOCALE_PATH_VARIABLE, "")
    return (*(Path(part) for part in extra.split(os.pathsep) if part), _BUNDLED)


def languages() -> tuple[str, ...]:
    """Every language there is a catalogue for, English (the code's own) first."""
    return _languages(locale_dirs())


@functools.cache
def _languages(dirs: tuple[Path, ...]) -> tuple[str, ...]:
    found: set[str] = set()
    for folder in dirs:
        if folder.is_dir():
            found.update(
                entry.name for entry in folder.iterdir() if (entry / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
            )
    found.discard(SOURCE_LANGUAGE)
    return (SOURCE_LANGUAGE, *sorted(found))


def _catalogue(lang: str) -> gettext.NullTranslations:
    return _load(lang, locale_dirs())


@functools.cache
def _load(lang: str, dirs: tuple[Path, ...]) -> gettext.NullTranslations:
    if lang == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    for folder in dirs:
        path = folder / lang / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if path.is_file():
            with path.open("rb") as file:
                return gettext.GNUTranslations(file)
    return gettext.NullTranslations()


def _filled(template: str, lang: str, values: Mapping[str, object]) -> str:
    if not values:
        return template
    return template.format_map(
        {
            name: value.translated(lang) if isinstance(value, Message) else value
            for name, value in values.items()
        }
    )


def tr(message: str, lang: str, /, **values: object) -> str:
    """*message* in *lang*, its ``{placeholders}`` filled with *values*."""
    return _filled(_catalogue(lang).gettext(message), lang, values)


def ntr(singular: str, plural: str, count: int, lang: str, /, **values: object) -> str:
    """The form of *singular*/*plural* for *count* things in *lang*; ``{count}`` is filled too."""
    return _filled(_catalogue(lang).ngettext(singular, plural, count), lang, {"count": count, **values})


def ptr(context: str, message: str, lang: str, /, **values: object) -> str:
    """*message* in *lang* where the same English words need another translation in *context*."""
    return _filled(_catalogue(lang).pgettext(context, message), lang, values)


def nptr(context: str, singular: str, plural: str, count: int, lang: str, /, **values: object) -> str:
    """:func:`ntr` in a *context* (see :func:`ptr`)."""
    template = _catalogue(lang).npgettext(context, singular, plural, count)
    return _filled(template, lang, {"count": count, **values})


def N_(message: str) -> str:  # noqa: N802 - the name every gettext extractor knows
    """*message* unchanged: marks it for the catalogue, to be translated where it is shown."""
    return message


class Message(str):
    """A text in English that can say itself in another language: ``message.translated("fr")``.

    It is a ``str`` (its English text), so code and callers that read messages as strings
    keep working; what joins it with other strings gets English. Make one with :func:`msg`,
    :func:`nmsg` or :func:`pmsg`, which the catalogue's extraction knows.
    """

    context: str | None
    singular: str
    plural: str | None
    quantity: int | None  # the count that chooses the plural form
    values: Mapping[str, object]

    def __new__(
        cls,
        singular: str,
        values: Mapping[str, object],
        *,
        plural: str | None = None,
        count: int | None = None,
        context: str | None = None,
    ) -> Message:
        filled = {**values, "count": count} if count is not None else dict(values)
        english = plural if plural is not None and count != 1 else singular
        made = super().__new__(cls, _filled(english, SOURCE_LANGUAGE, filled))
        made.singular, made.plural, made.quantity, made.context, made.values = (
            singular,
            plural,
            count,
            context,
            filled,
        )
        return made

    def translated(self, lang: str) -> str:
        """This text in *lang* (English where the catalogue has no translation)."""
        if lang == SOURCE_LANGUAGE:
            return str(self)
        catalogue = _catalogue(lang)
        if self.plural is not None and self.quantity is not None:
            if self.context is None:
                template = catalogue.ngettext(self.singular, self.plural, self.quantity)
            else:
                template = catalogue.npgettext(self.context, self.singular, self.plural, self.quantity)
        elif self.context is None:
            template = catalogue.gettext(self.singular)
        else:
            template = catalogue.pgettext(self.context, self.singular)
        return _filled(template, lang, self.values)

    def __reduce__(self) -> tuple[object, ...]:
        # Pickled across worker processes: rebuilt from its parts, not from its English.
        return (
            _rebuild,
            (self.singular, dict(self.values), self.plural, self.quantity, self.context),
        )


def _rebuild(
    singular: str, values: Mapping[str, object], plural: str | None, count: int | None, context: str | None
) -> Message:
    return Message(singular, values, plural=plural, count=count, context=context)


def msg(message: str, /, **values: object) -> Message:
    """A :class:`Message`: *message* with its *values*, in English until it is translated."""
    return Message(message, values)


def nmsg(singular: str, plural: str, count: int, /, **values: object) -> Message:
    """A :class:`Message` about *count* things, with its plural forms."""
    return Message(singular, values, plural=plural, count=count)


def pmsg(context: str, message: str, /, **values: object) -> Message:
    """A :class:`Message` in a *context* (see :func:`ptr`)."""
    return Message(message, values, context=context)


def plural_form(count: int, lang: str) -> int:
    """Which plural form *lang* uses for *count* things (0: the singular in English and French),
    by the ``Plural-Forms`` rule of its catalogue."""
    catalogue = _catalogue(lang)
    rule = getattr(catalogue, "plural", None)
    return int(rule(count)) if callable(rule) else int(count != 1)


def decimal(shown: str, lang: str) -> str:
    """A number written with a ``.`` (``3.58``) as *lang* writes it (``3,58`` in French)."""
    # Translators: the decimal mark of 3.58.
    return shown.replace(".", ptr("decimal mark", ".", lang))


def joined(separator: str, texts: Iterable[object]) -> Message:
    """*texts* one after the other with *separator* between them, each said in the language asked for.

    A list of things said (``a says x; b says y``) is no sentence for the catalogue: its
    parts are messages, and so may be the separator (French writes ``\u202f;`` where
    English writes ``;``).
    """
    values: dict[str, object] = {f"part{index}": text for index, text in enumerate(texts)}
    template = "{separator}".join("{" + name + "}" for name in values)
    return Message(template, {**values, "separator": separator})


def either(choices: Iterable[object]) -> Message:
    """``a``, ``a or b``, ``a, b or c``: one of *choices*, with the word for "or" of the language asked."""
    items = list(choices)
    if len(items) == 1:
        return items[0] if isinstance(items[0], Message) else Message("{choice}", {"choice": items[0]})
    head: object = items[0]
    for item in items[1:-1]:
        head = msg("{first}, {next}", first=head, next=item)
    return msg("{choices} or {last}", choices=head, last=items[-1])


def translate(value: object, lang: str) -> str:
    """*value* as text in *lang*: a :class:`Message` translated, anything else as ``str()`` gives it."""
    if isinstance(value, Message):
        return value.translated(lang)
    return value if isinstance(value, str) else str(value)
