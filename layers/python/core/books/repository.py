"""Address books in DynamoDB: a book item (``sk = book``) and one item per member
(``sk = member#<user_id>``, with ``member_user_id`` for the ``by_member`` index), all in the
book's partition, so a book's audience is one Query and a user's books one index Query."""

from __future__ import annotations

from datetime import datetime

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from core.books.items import BOOK, MEMBER, BookItem, MemberItem, member_item, models, to_member
from core.books.models import Book, Member, Membership, Role
from core.errors import Conflict, NotFound
from core.storage import TableLocation, condition_failed, connection_to


def _book(item: BookItem) -> Book:
    return Book(item.book_id, item.name, item.owner_id, bool(item.personal), item.created_at)


class BookRepository:
    def __init__(self, location: TableLocation) -> None:
        self._location = location
        self._book, self._member = models(location)

    def create(self, book: Book) -> Book:
        """Store a new book with its owner as first member; ``Conflict`` if the id is taken."""
        item = self._book(
            book.id,
            BOOK,
            name=book.name,
            owner_id=book.owner_id,
            personal=book.personal,
            created_at=book.created_at,
        )
        owner = self._member_item(Member(book.id, book.owner_id, Role.OWNER, book.created_at))
        try:
            with TransactWrite(connection=connection_to(self._location)) as transaction:
                transaction.save(item, condition=self._book.sk.does_not_exist())
                transaction.save(owner)
        except TransactWriteError as error:
            if condition_failed(error, 0):
                raise Conflict("That book already exists.", code="book_exists") from None
            raise
        return book

    def get(self, book_id: str) -> Book | None:
        try:
            return _book(self._book.get(book_id, BOOK, consistent_read=True))
        except DoesNotExist:
            return None

    def role_of(self, book_id: str, user_id: str) -> Role | None:
        try:
            item = self._member.get(book_id, MEMBER + user_id, consistent_read=True)
        except DoesNotExist:
            return None
        return Role(item.role)

    def members_of(self, book_id: str) -> list[Member]:
        query = self._member.query(book_id, self._member.sk.startswith(MEMBER), page_size=100)
        return [to_member(item) for item in query]

    def member_ids(self, book_id: str) -> list[str]:
        """The user ids of the book's members: the audience of its contacts' events."""
        return [member.user_id for member in self.members_of(book_id)]

    def add_member(self, book_id: str, user_id: str, role: Role, at: datetime) -> Member:
        """Make ``user_id`` a member (or change their role); ``NotFound`` if no such book."""
        member = Member(book_id, user_id, role, at)
        try:
            with TransactWrite(connection=connection_to(self._location)) as transaction:
                transaction.condition_check(
                    self._book, book_id, BOOK, condition=self._book.sk.exists()
                )
                transaction.save(self._member_item(member))
        except TransactWriteError as error:
            if condition_failed(error, 0):
                raise NotFound("No such book.") from None
            raise
        return member

    def memberships_of(
        self, user_id: str, limit: int, after: str | None
    ) -> tuple[list[Membership], str | None]:
        """The user's books (by book id) after the book id ``after``, and where to go on."""
        start = None
        if after:
            start = {
                "member_user_id": {"S": user_id},
                "book_id": {"S": after},
                "sk": {"S": MEMBER + user_id},
            }
        index = self._member.by_member
        found = list(index.query(user_id, limit=limit + 1, last_evaluated_key=start))
        roles = {item.book_id: Role(item.role) for item in found[:limit]}
        books = self._book.batch_get([(book_id, BOOK) for book_id in roles])
        by_id = {item.book_id: _book(item) for item in books}
        page = [Membership(by_id[b], role) for b, role in roles.items() if b in by_id]
        return page, found[limit - 1].book_id if len(found) > limit else None

    def _member_item(self, member: Member) -> MemberItem:
        return member_item(self._member, member)
