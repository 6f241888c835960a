"""The file formats a book can be exported to and imported from (cheap to import: route
modules need these names at load time)."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    CSV = "csv"
    VCARD = "vcard"


MEDIA_TYPES = {Format.CSV: "text/csv", Format.VCARD: "text/vcard"}
