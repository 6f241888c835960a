"""API models of contacts. Input is validated by the domain's ``ContactInput`` (shared with
imports); a contact's response is its one JSON shape, ``core.contacts.shapes.ContactOut``
(also the data of its WebSocket events)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

from core.contact_history.models import Change
from core.contacts.shapes import ContactOut as ContactOut
from core.contacts.validation import ContactInput
from core.text import Name, SearchText
from functions.api.schemas.common import Timestamp
from functions.api.schemas.lists import ListQuery


class ContactBody(ContactInput):
    """A whole contact (POST creates, PUT replaces): absent optional fields are cleared."""


def _patch_fields() -> dict[str, Any]:
    """Every contact field, optional; ``null`` clears all but ``name`` (a contact has one)."""
    fields: dict[str, Any] = {}
    for name, info in ContactInput.model_fields.items():
        annotation: Any = (
            Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        )
        if name != "name":
            annotation = annotation | None
        extra: Any = info.json_schema_extra
        fields[name] = (
            annotation,
            Field(default=None, description=info.description, json_schema_extra=extra),
        )
    return fields


def _patch_schema(schema: dict[str, Any]) -> None:
    """An absent field is left alone: no ``default`` (``null`` would clear it)."""
    for field in schema.get("properties", {}).values():
        field.pop("default", None)
    schema["example"] = {"title": "CTO", "notes": None}


_ContactPatchFields: Any = create_model(
    "ContactPatchFields", __base__=ContactInput.__base__, **_patch_fields()
)


class ContactPatchBody(_ContactPatchFields):
    """A JSON merge patch (RFC 7396) of a contact: fields sent replace, ``null`` clears,
    ``address`` merges; the result must be a valid contact."""

    model_config = ConfigDict(json_schema_extra=_patch_schema)

    @property
    def changes(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_unset=True)


class ContactQuery(ListQuery):
    q: SearchText | None = Field(
        default=None,
        max_length=100,
        description="Prefix of a word of name or company, of an email, or phone digits",
    )
    tag: Name | None = Field(default=None, max_length=40, description="Only contacts with this tag")


class ContactList(BaseModel):
    items: list[ContactOut]
    next_cursor: str | None


class ChangeOut(BaseModel):
    id: str
    at: Timestamp
    by: str | None
    action: Literal["created", "updated", "deleted"]
    changes: dict[str, list[Any]] = Field(description="`{field: [old, new]}`")

    @classmethod
    def of(cls, change: Change) -> ChangeOut:
        return cls(
            id=change.id,
            at=change.at,
            by=change.by,
            action=change.action.value,
            changes=change.changes,
        )


class ChangeList(BaseModel):
    items: list[ChangeOut]
    next_cursor: str | None
