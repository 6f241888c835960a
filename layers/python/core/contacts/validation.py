"""The one validation of contact input, shared by the REST API and imports: a pydantic
model whose errors name the field (``phones.2.number``), built into a ``ContactDraft``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, WithJsonSchema, field_validator

from core.adapters.parsing import validate
from core.contacts import rules
from core.contacts.models import Address, ContactDraft, Email, Phone
from core.emails import EMAIL_SCHEMA, check_email
from core.text import Line, Name, Paragraphs


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_absent(cls, value: Any, info: ValidationInfo) -> Any:
        """An empty optional text (a blank CSV cell, ``""`` in JSON) means absent."""
        optional = (
            info.field_name is not None and not cls.model_fields[info.field_name].is_required()
        )
        return None if optional and isinstance(value, str) and not value.strip() else value


Tag = Annotated[Name, Field(min_length=1, max_length=rules.MAX_TAG_LENGTH)]


class PhoneInput(_Input):
    label: Line | None = Field(default=None, max_length=40, examples=["mobile"])
    number: str = Field(
        max_length=40,
        examples=["+44 20 7946 0000"],
        json_schema_extra={"pattern": rules.PHONE_PATTERN},
    )

    @field_validator("number")
    @classmethod
    def _number(cls, value: str) -> str:
        return rules.check_phone(value)


class EmailInput(_Input):
    label: Line | None = Field(default=None, max_length=40, examples=["work"])
    address: str = Field(
        max_length=320, examples=["ada@example.com"], json_schema_extra=EMAIL_SCHEMA
    )

    @field_validator("address")
    @classmethod
    def _address(cls, value: str) -> str:
        return check_email(value)


class AddressInput(_Input):
    street: Line | None = Field(default=None, max_length=200)
    city: Line | None = Field(default=None, max_length=100)
    region: Line | None = Field(default=None, max_length=100)
    postal_code: Line | None = Field(default=None, max_length=20)
    country: Line | None = Field(default=None, max_length=100)


class ContactInput(_Input):
    """A contact as a client sends it (POST, PUT, and PATCH after merging)."""

    name: Name = Field(min_length=1, max_length=rules.MAX_NAME_LENGTH)
    phones: list[PhoneInput] = Field(default_factory=list, max_length=rules.MAX_PHONES)
    emails: list[EmailInput] = Field(default_factory=list, max_length=rules.MAX_EMAILS)
    company: Line | None = Field(default=None, max_length=200)
    title: Line | None = Field(default=None, max_length=200)
    address: AddressInput | None = None
    birthday: Annotated[str, WithJsonSchema(rules.BIRTHDAY_SCHEMA)] | None = None
    notes: Paragraphs | None = Field(default=None, max_length=rules.MAX_NOTES_LENGTH)
    tags: list[Tag] = Field(default_factory=list, max_length=rules.MAX_TAGS)

    @field_validator("birthday")
    @classmethod
    def _birthday(cls, value: str | None) -> str | None:
        return None if value is None else rules.check_birthday(value)

    @field_validator("notes")
    @classmethod
    def _notes(cls, value: str | None) -> str | None:
        """Line breaks are stored as ``\n`` whatever the client sent (vCard and CSV agree)."""
        return None if value is None else value.replace("\r\n", "\n").replace("\r", "\n")

    @field_validator("tags")
    @classmethod
    def _tags(cls, value: list[str]) -> list[str]:
        return rules.check_tags(value)

    def to_draft(self) -> ContactDraft:
        address = self.address or AddressInput()
        return ContactDraft(
            name=self.name,
            phones=tuple(Phone(number=p.number, label=p.label) for p in self.phones),
            emails=tuple(Email(address=e.address, label=e.label) for e in self.emails),
            company=self.company,
            title=self.title,
            address=Address(**address.model_dump()),
            birthday=self.birthday,
            notes=self.notes,
            tags=tuple(self.tags),
        )


def parse_contact(data: Mapping[str, Any]) -> ContactDraft:
    """A draft from client JSON; ``ValidationFailed`` naming each bad field."""
    return validate(ContactInput, data, "contact").to_draft()
