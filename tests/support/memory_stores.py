"""In-memory fakes of the repositories, for unit tests of services. They satisfy the same
Protocol ports as the DynamoDB repositories, and the contract suite in ``tests/contract/``
holds both to the same behaviour."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import datetime

from core.books.models import Book, Member, Membership, Role
from core.contacts.models import Contact
from core.contacts.terms import terms_of
from core.errors import Conflict, NotFound


class InMemoryBooks:
    """``core.books.ports.BookStore``."""

    def __init__(self) -> None:
        self.books: dict[str, Book] = {}
        self.members: dict[str, dict[str, Member]] = {}

    def create(self, book: Book) -> Book:
        if book.id in self.books:
            raise Conflict("That book already exists.", code="book_exists")
        self.books[book.id] = book
        owner = Member(book.id, book.owner_id, Role.OWNER, book.created_at)
        self.members[book.id] = {book.owner_id: owner}
        return book

    def get(self, book_id: str) -> Book | None:
        return self.books.get(book_id)

    def role_of(self, book_id: str, user_id: str) -> Role | None:
        member = self.members.get(book_id, {}).get(user_id)
        return None if member is None else member.role

    def members_of(self, book_id: str) -> list[Member]:
        return sorted(self.members.get(book_id, {}).values(), key=lambda m: m.user_id)

    def member_ids(self, book_id: str) -> list[str]:
        return [member.user_id for member in self.members_of(book_id)]

    def add_member(self, book_id: str, user_id: str, role: Role, at: datetime) -> Member:
        if book_id not in self.books:
            raise NotFound("No such book.")
        member = Member(book_id, user_id, role, at)
        self.members[book_id][user_id] = member
        return member

    def memberships_of(
        self, user_id: str, limit: int, after: str | None
    ) -> tuple[list[Membership], str | None]:
        mine = sorted(
            (book_id, members[user_id].role)
            for book_id, members in self.members.items()
            if user_id in members and (after is None or book_id > after)
        )
        page = [Membership(self.books[book_id], role) for book_id, role in mine[:limit]]
        return page, mine[limit - 1][0] if len(mine) > limit else None


class InMemoryContacts:
    """``core.contacts.ports.ContactStore``; ``deleted`` notes who deleted what."""

    def __init__(self) -> None:
        self.contacts: dict[tuple[str, str], Contact] = {}
        self.deleted: list[tuple[Contact, str, datetime]] = []
        self.guards: dict[str, tuple[str, str]] = {}

    def get(self, book_id: str, contact_id: str) -> Contact | None:
        return self.contacts.get((book_id, contact_id))

    def get_many(self, book_id: str, contact_ids: list[str]) -> dict[str, Contact]:
        found = (self.get(book_id, contact_id) for contact_id in contact_ids)
        return {contact.id: contact for contact in found if contact is not None}

    def page(self, book_id: str, limit: int, after: str | None) -> tuple[list[Contact], str | None]:
        found = [c for c in self.all_of(book_id) if after is None or c.id > after][: limit + 1]
        contacts = found[:limit]
        return contacts, contacts[-1].id if len(found) > limit else None

    def all_of(self, book_id: str) -> Iterator[Contact]:
        yield from sorted((c for (b, _), c in self.contacts.items() if b == book_id), key=_id)

    def term_hits(self, book_id: str, prefix: str, after: str | None) -> Iterator[tuple[str, str]]:
        entries = sorted(
            (f"{term}#{contact.id}", contact.id)
            for contact in self.all_of(book_id)
            for term in terms_of(contact.draft)
        )
        yield from (
            e for e in entries if e[0].startswith(prefix) and (after is None or e[0] > after)
        )

    def create(self, contact: Contact, once: str | None = None) -> Contact:
        if once is not None and once in self.guards:
            first = self.get(*self.guards[once])
            if first is not None:
                return first
        key = (contact.book_id, contact.id)
        if key in self.contacts:
            raise Conflict("That contact already exists.", code="contact_exists")
        self.contacts[key] = contact
        if once is not None:
            self.guards[once] = key
        return contact

    def create_many(self, contacts: Sequence[Contact]) -> None:
        for contact in contacts:
            self.create(contact)

    def replace(self, old: Contact, new: Contact) -> bool:
        if not self._at(old):
            return False
        self.contacts[(new.book_id, new.id)] = replace(new)
        return True

    def delete(self, old: Contact, by: str, at: datetime) -> bool:
        if not self._at(old):
            return False
        del self.contacts[(old.book_id, old.id)]
        self.deleted.append((old, by, at))
        return True

    def _at(self, old: Contact) -> bool:
        current = self.get(old.book_id, old.id)
        return current is not None and current.version == old.version


def _id(contact: Contact) -> str:
    return contact.id
