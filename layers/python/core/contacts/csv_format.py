"""Contacts as CSV (pure): one row per contact; ``phone_N``/``phone_N_label`` and
``email_N``/``email_N_label`` columns for as many as the widest contact has; tags joined
by ``"; "``. Import reads the same columns in any order (unknown columns are an error).

A cell that a spreadsheet would run as a formula (it starts with ``= + - @``, a tab or a
carriage return, OWASP's list) is exported with a leading ``'``, which spreadsheets show as
text; so is a cell that is such a cell's escaped form already (``'=x`` → ``''=x``). Import
removes one such ``'``, so re-importing an export gives back exactly what was stored."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from core.contacts.imports import ImportRow
from core.contacts.models import Contact
from core.errors import BadRequest

TAG_SEPARATOR = ";"
SCALARS = ("name", "company", "title", "birthday", "notes")
ADDRESS = ("street", "city", "region", "postal_code", "country")
_LISTED = re.compile(r"^(phone|email)_(\d{1,2})(_label)?$")
_VALUE = {"phone": "number", "email": "address"}
_FORMULA = re.compile(r"^'*[=+\-@\t\r]")
QUOTE = "'"


def escape_cell(value: str) -> str:
    """``value`` as a CSV cell that spreadsheets do not evaluate (see the module docstring)."""
    return QUOTE + value if _FORMULA.match(value) else value


def unescape_cell(value: str) -> str:
    return value[1:] if value.startswith(QUOTE) and _FORMULA.match(value[1:]) else value


def header(phones: int, emails: int) -> list[str]:
    columns = ["id", *SCALARS, *ADDRESS, "tags"]
    for kind, count in (("phone", phones), ("email", emails)):
        for n in range(1, count + 1):
            columns += [f"{kind}_{n}", f"{kind}_{n}_label"]
    return columns


def to_csv(contacts: Iterable[Contact]) -> str:
    rows = list(contacts)
    phones = max((len(c.phones) for c in rows), default=1) or 1
    emails = max((len(c.emails) for c in rows), default=1) or 1
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header(phones, emails), lineterminator="\r\n")
    writer.writeheader()
    for contact in rows:
        row: dict[str, Any] = {"id": contact.id, "tags": "; ".join(contact.tags)}
        row.update({name: getattr(contact, name) or "" for name in SCALARS})
        row.update({name: getattr(contact.address, name) or "" for name in ADDRESS})
        for n, phone in enumerate(contact.phones, 1):
            row[f"phone_{n}"], row[f"phone_{n}_label"] = phone.number, phone.label or ""
        for n, email in enumerate(contact.emails, 1):
            row[f"email_{n}"], row[f"email_{n}_label"] = email.address, email.label or ""
        writer.writerow({name: escape_cell(str(value)) for name, value in row.items()})
    return out.getvalue()


def _header_problem(fields: list[str]) -> str | None:
    known = {"id", "tags", *SCALARS, *ADDRESS}
    unknown = [f for f in fields if f not in known and not _LISTED.fullmatch(f)]
    if unknown or "name" not in fields:
        problem = f"unknown columns {unknown}" if unknown else "no 'name' column"
        return f"the CSV header is not usable: {problem}"
    return None


def _listed(row: dict[str, str], kind: str) -> list[dict[str, str | None]]:
    numbers = sorted({int(m.group(2)) for f in row if (m := _LISTED.fullmatch(f)) and m[1] == kind})
    entries: list[dict[str, str | None]] = []
    for n in numbers:
        value, label = row.get(f"{kind}_{n}", ""), row.get(f"{kind}_{n}_label", "")
        if value or label:
            entries.append({_VALUE[kind]: value, "label": label or None})
    return entries


def rows_from_csv(text: str) -> Iterator[ImportRow]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        yield from _rows(reader)
    except csv.Error as error:
        raise BadRequest(_unreadable(error, reader.line_num + 1), code="invalid_csv") from None


def _unreadable(error: csv.Error, line: int) -> str:
    if "field larger than field limit" in str(error):
        limit = csv.field_size_limit()
        return f"Line {line} of the CSV has a field longer than {limit} characters, the limit."
    return f"Line {line} of the CSV cannot be read: {error}."


def _rows(reader: csv.DictReader[str]) -> Iterator[ImportRow]:
    fields = [(name or "").strip().lower() for name in reader.fieldnames or []]
    if (problem := _header_problem(fields)) is not None:
        yield ImportRow(1, {}, problem=problem)  # reported; no row can be read without it
        return
    reader.fieldnames = fields
    for number, raw in enumerate(reader, start=2):
        row = {
            k: unescape_cell((v or "").strip()) for k, v in raw.items() if isinstance(k, str) and k
        }
        data: dict[str, Any] = {name: row[name] for name in SCALARS if name in row}
        data["address"] = {name: row[name] for name in ADDRESS if name in row}
        data["phones"] = _listed(row, "phone")
        data["emails"] = _listed(row, "email")
        tags = row.get("tags", "").split(TAG_SEPARATOR)
        data["tags"] = [tag.strip() for tag in tags if tag.strip()]
        yield ImportRow(number, data, row.get("id") or None)
