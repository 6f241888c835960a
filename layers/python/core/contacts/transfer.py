"""Exporting a book as CSV or vCard, and importing such files row by row through the same
validation as the API. Rows that are blank, or name (by ``id``/``UID``) a contact already
in the book, are skipped, so re-importing a book's own export creates nothing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from core.books.ports import BookAccess
from core.books.rules import Action
from core.contacts.csv_format import rows_from_csv, to_csv
from core.contacts.file_formats import Format
from core.contacts.imports import ImportReport, ImportRow, RowError
from core.contacts.models import ContactDraft
from core.contacts.ports import ContactStore, NewContacts
from core.contacts.validation import parse_contact
from core.contacts.vcard_format import rows_from_vcard, to_vcard
from core.errors import BadRequest, ValidationFailed

MAX_IMPORT_ROWS = 1000


_READERS: dict[str, Callable[[str], Iterator[ImportRow]]] = {
    "text/csv": rows_from_csv,
    "text/vcard": rows_from_vcard,
    "text/x-vcard": rows_from_vcard,
}


class ContactTransfer:
    def __init__(self, books: BookAccess, contacts: NewContacts, repository: ContactStore) -> None:
        self._books = books
        self._contacts = contacts
        self._repository = repository

    def export(self, user_id: str, book: str, format: Format) -> str:
        book_id = self._books.access(book, user_id, Action.READ)
        contacts = self._repository.all_of(book_id)
        return to_csv(contacts) if format is Format.CSV else to_vcard(contacts)

    def import_file(self, user_id: str, book: str, media_type: str, data: bytes) -> ImportReport:
        book_id = self._books.access(book, user_id, Action.WRITE)
        reader = _READERS.get(media_type.split(";")[0].strip().lower())
        if reader is None:
            raise BadRequest("Import text/csv or text/vcard.", code="unsupported_media_type")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BadRequest("The file is not UTF-8 text.", code="invalid_encoding") from None
        rows = list(reader(text))
        if len(rows) > MAX_IMPORT_ROWS:
            raise BadRequest(
                f"Import at most {MAX_IMPORT_ROWS:,} contacts at a time; split the file.",
                code="too_many_rows",
            )
        source_ids = [row.source_id for row in rows if row.source_id]
        present = set()
        for start in range(0, len(source_ids), 100):
            present |= set(self._repository.get_many(book_id, source_ids[start : start + 100]))
        report = ImportReport()
        drafts: list[ContactDraft] = []
        for row in rows:
            if row.problem is not None:
                report.errors.append(RowError(row.number, row.problem))
            elif row.is_blank or (row.source_id is not None and row.source_id in present):
                report.skipped += 1
            elif (draft := _draft(row, report)) is not None:
                drafts.append(draft)
                present.add(row.source_id or "")
        report.created = self._contacts.store_many(book_id, user_id, drafts)
        return report


def _draft(row: ImportRow, report: ImportReport) -> ContactDraft | None:
    """The row's contact, or ``None`` with its problems added to the report."""
    try:
        return parse_contact(row.data)
    except ValidationFailed as failure:
        report.errors.extend(RowError(row.number, p.message, p.field) for p in failure.details)
        return None
