"""Exporting a book as CSV or vCard 4.0, and importing such files."""

from __future__ import annotations

from chalice.app import Response

from core.auth.principal import Principal
from core.contacts.file_formats import MEDIA_TYPES, Format
from functions.api.routing import ApiRoutes, RequestMeta
from functions.api.schemas.transfer import ExportQuery, ImportReportOut, ImportRowError
from functions.api.wiring import services

routes = ApiRoutes(__name__, tag="contacts")
IMPORT_TYPES = ("text/csv", "text/vcard", "text/x-vcard")
MAX_IMPORT_BYTES = 2 * 1024 * 1024


@routes.route(
    "GET",
    "/books/{book}/export",
    summary="Every contact of a book as CSV or vCard 4.0",
    query=ExportQuery,
    errors=(401, 404, 422),
    response_content_type="text/csv, text/vcard",
)
def export_contacts(book: str, principal: Principal, query: ExportQuery) -> Response:
    format = Format(query.format)
    text = services().contact_transfer.export(principal.user_id, book, format)
    extension = "vcf" if format is Format.VCARD else "csv"
    headers: dict[str, str | list[str]] = {
        "Content-Type": f"{MEDIA_TYPES[format]}; charset=utf-8",
        "Content-Disposition": f'attachment; filename="contacts.{extension}"',
    }
    return Response(body=text, status_code=200, headers=headers)


@routes.route(
    "POST",
    "/books/{book}/import",
    summary="Add the contacts of a CSV or vCard file; each row is validated like the API",
    response=ImportReportOut,
    errors=(400, 401, 403, 404, 413, 415),
    content_types=IMPORT_TYPES,
    max_body_bytes=MAX_IMPORT_BYTES,
)
def import_contacts(book: str, principal: Principal, request: RequestMeta) -> ImportReportOut:
    report = services().contact_transfer.import_file(
        principal.user_id, book, request.content_type, request.raw_body
    )
    return ImportReportOut(
        created=report.created,
        skipped=report.skipped,
        errors=[ImportRowError(**error.as_dict()) for error in report.errors],
    )
