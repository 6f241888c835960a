"""Contacts as vCard 4.0 (RFC 6350) through ``vobject`` (pure). Labels travel as the
``TYPE`` parameter, tags as ``CATEGORIES``, the contact id as ``UID``. Import also reads
vCard 3.0 as other address books write it."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import vobject

from core.contacts.imports import ImportRow
from core.contacts.models import Contact
from core.errors import BadRequest

_GENERIC_TYPES = {"voice", "internet", "pref", "x400"}
MAX_NESTING = 2
"""A card may hold one level of components (vCard 2.1's ``AGENT``); deeper is refused before
``vobject`` (which recurses per level) reads it."""
_BEGIN_OR_END = re.compile(r"^(BEGIN|END)[ \t]*:", re.IGNORECASE | re.MULTILINE)


def _param(value: str) -> str:
    """A parameter value with RFC 6868 escapes (vCard forbids a raw ``"`` there)."""
    return value.replace("^", "^^").replace('"', "^'").replace("\r\n", "^n").replace("\n", "^n")


def _unparam(value: str) -> str:
    return re.sub(r"\^(.)", lambda m: {"^": "^", "'": '"', "n": "\n"}.get(m[1], m[0]), value)


def _card(contact: Contact) -> Any:
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("uid").value = contact.id
    card.add("fn").value = contact.name
    given, _, family = contact.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    for phone in contact.phones:
        line = card.add("tel")
        line.value, line.value_param = phone.number, "text"
        if phone.label:
            line.type_param = _param(phone.label)
    for email in contact.emails:
        line = card.add("email")
        line.value = email.address
        if email.label:
            line.type_param = _param(email.label)
    for name in ("title", "notes"):
        if value := getattr(contact, name):
            card.add("note" if name == "notes" else name).value = value
    if contact.company:
        card.add("org").value = [contact.company]
    if contact.birthday:
        card.add("bday").value = (
            contact.birthday.replace("-", "")
            if contact.birthday[0] != "-"
            else "--" + contact.birthday[2:].replace("-", "")
        )
    if not contact.address.is_empty:
        a = contact.address
        card.add("adr").value = vobject.vcard.Address(
            street=a.street or "",
            city=a.city or "",
            region=a.region or "",
            code=a.postal_code or "",
            country=a.country or "",
        )
    if contact.tags:
        card.add("categories").value = list(contact.tags)
    return card


def _basic_date(birthday: str) -> str:
    """``1815-12-10`` as ``18151210``, ``--12-10`` as ``--1210`` (RFC 6350 dates)."""
    if birthday.startswith("--"):
        return "--" + birthday[2:].replace("-", "")
    return birthday.replace("-", "")


def to_vcard(contacts: Iterable[Contact]) -> str:
    return "".join(_card(contact).serialize() for contact in contacts)


def _label(line: Any) -> str | None:
    kept = [t for t in line.params.get("TYPE", []) if t.lower() not in _GENERIC_TYPES]
    return _unparam(",".join(kept)) or None


def _text(card: Any, name: str) -> str | None:
    line = card.contents.get(name, [None])[0]
    value = None if line is None else line.value
    if isinstance(value, list):  # ORG: company;department
        value = value[0] if value else None
    return value.strip() if isinstance(value, str) and value.strip() else None


def _data(card: Any) -> dict[str, Any]:
    adr = card.contents.get("adr", [None])[0]
    address = {}
    if adr is not None and isinstance(adr.value, vobject.vcard.Address):
        v = adr.value
        address = {
            "street": v.street,
            "city": v.city,
            "region": v.region,
            "postal_code": v.code,
            "country": v.country,
        }
        address = {k: " ".join(x) if isinstance(x, list) else x for k, x in address.items()}
    tags = [t for line in card.contents.get("categories", []) for t in line.value]
    return {
        "name": _text(card, "fn") or "",
        "phones": [
            {"number": str(line.value).removeprefix("tel:"), "label": _label(line)}
            for line in card.contents.get("tel", [])
        ],
        "emails": [
            {"address": str(line.value), "label": _label(line)}
            for line in card.contents.get("email", [])
        ],
        "company": _text(card, "org"),
        "title": _text(card, "title"),
        "address": address,
        "birthday": _text(card, "bday"),
        "notes": _text(card, "note"),
        "tags": [t.strip() for t in tags if isinstance(t, str) and t.strip()],
    }


def _check_nesting(text: str) -> None:
    depth = 0
    for found in _BEGIN_OR_END.finditer(text):
        depth += 1 if found[1].upper() == "BEGIN" else -1
        if depth > MAX_NESTING:
            line = text.count("\n", 0, found.start()) + 1
            raise BadRequest(
                f"Line {line} of the vCard nests a component deeper than {MAX_NESTING} levels.",
                code="invalid_vcard",
            )


def rows_from_vcard(text: str) -> Iterator[ImportRow]:
    text = text.lstrip("\ufeff")
    _check_nesting(text)
    try:
        cards = list(vobject.readComponents(text))
    except vobject.base.ParseError as error:
        yield ImportRow(1, {}, problem=f"the vCard text cannot be read: {error}")
        return
    except Exception:  # vobject raises assorted errors; their text is not for clients
        yield ImportRow(1, {}, problem="the vCard text cannot be read")
        return
    for number, card in enumerate(cards, 1):
        if card.name != "VCARD":
            yield ImportRow(number, {}, problem=f"a {card.name} is not a contact card")
            continue
        try:
            yield ImportRow(number, _data(card), _text(card, "uid"))
        except (AttributeError, TypeError, ValueError) as error:
            yield ImportRow(number, {}, problem=f"the card cannot be read ({error})")
