"""What changed between two versions of a contact (pure): ``{field: [old, new]}`` over the
editable fields, in the contact's JSON shape. A created contact lists its non-empty fields
as ``[null, value]``; a deleted one as ``[value, null]``."""

from __future__ import annotations

from typing import Any

from core.contacts.models import EDITABLE_FIELDS, ContactDraft, draft_to_dict


def _is_empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_is_empty(v) for v in value.values())
    return value is None or value == [] or value == ""


def _shape(draft: ContactDraft | None) -> dict[str, Any]:
    if draft is None:
        return dict.fromkeys(EDITABLE_FIELDS)
    return {k: (None if _is_empty(v) else v) for k, v in draft_to_dict(draft).items()}


def diff(old: ContactDraft | None, new: ContactDraft | None) -> dict[str, list[Any]]:
    before, after = _shape(old), _shape(new)
    return {
        field: [before[field], after[field]]
        for field in EDITABLE_FIELDS
        if before[field] != after[field]
    }
