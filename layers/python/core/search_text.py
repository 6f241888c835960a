"""How text becomes search terms, the same for every term index (contacts, users): words are
case- and accent-folded, phone numbers are found by their digits in several forms."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

_WORD = re.compile(r"[^\W_]+")
_PHONE_LIKE = re.compile(r"^\+?[\d\s().-]+$")


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str | None) -> list[str]:
    return _WORD.findall(fold(text or ""))


def digits(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def looks_like_phone(text: str) -> bool:
    """Digits with the usual punctuation of a phone number, and at least one digit."""
    return bool(_PHONE_LIKE.fullmatch(text)) and any(c.isdigit() for c in text)


def phone_forms(number: str) -> list[str]:
    """Digit strings under which a phone number is found: as entered, E.164, and national
    with and without the trunk prefix (``+44 20 7946 0000``: ``02079460000``, ...)."""
    forms = [digits(number)]
    try:
        parsed = phonenumbers.parse(number, None)
    except phonenumbers.NumberParseException:
        return forms
    forms.append(phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)[1:])
    national = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.NATIONAL)
    forms += [str(parsed.national_number), digits(national)]
    return forms
