"""A book's members in DynamoDB (``member#<user_id>`` items in the book's partition). Adding
one is a transaction: the book exists, an optional condition of the caller's (the two are
connected) holds, and the member is new; a member already there gets the new role by an
update conditioned on the role being different, so a repeat writes nothing at all."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from pynamodb.exceptions import DeleteError, DoesNotExist
from pynamodb.transactions import TransactWrite

from core.books.items import BOOK, MEMBER, member_item, models, to_member
from core.books.models import Added, Member
from core.errors import Conflict, Forbidden, NotFound
from core.storage import CONDITION_FAILED, TableLocation, WriteCondition, transact

ATTEMPTS = 5


class MemberRepository:
    def __init__(self, location: TableLocation) -> None:
        self._location = location
        self._book, self._member = models(location)

    def get(self, book_id: str, user_id: str) -> Member | None:
        try:
            return to_member(self._member.get(book_id, MEMBER + user_id, consistent_read=True))
        except DoesNotExist:
            return None

    def page(self, book_id: str, limit: int, after: str | None) -> tuple[list[Member], str | None]:
        """Up to ``limit`` members by user id, after the user id ``after``."""
        start = {"book_id": {"S": book_id}, "sk": {"S": MEMBER + after}} if after else None
        query = self._member.query(
            book_id,
            self._member.sk.startswith(MEMBER),
            limit=limit + 1,
            last_evaluated_key=start,
        )
        found = [to_member(item) for item in query]
        return found[:limit], found[limit - 1].user_id if len(found) > limit else None

    def add(self, member: Member, only_if: WriteCondition | None = None) -> Added:
        """``NotFound`` if the book does not exist, ``Forbidden`` if ``only_if`` fails."""
        for _ in range(ATTEMPTS):
            codes = transact(self._location, lambda t: self._insert(t, member, only_if))
            self._raise_for(codes, only_if)
            if not codes:
                return Added(member, True)
            existing = self.get(member.book_id, member.user_id)
            if existing is None:
                continue  # removed meanwhile: add it again
            if existing.role is member.role:
                return Added(existing, False)
            codes = transact(self._location, lambda t: self._change_role(t, member, only_if))
            self._raise_for(codes, only_if)
            if not codes:
                return Added(replace(existing, role=member.role), False)
        raise Conflict("The membership keeps changing; try again.", code="concurrent_change")

    def remove(self, book_id: str, user_id: str) -> bool:
        """``False`` if the user was not a member."""
        item = self._member(book_id, MEMBER + user_id)
        try:
            item.delete(condition=self._member.sk.exists())
        except DeleteError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                return False
            raise
        return True

    def book_ids_of(self, user_id: str) -> Iterator[str]:
        """Every book the user is a member of (its owner included)."""
        for item in self._member.by_member.query(user_id, page_size=100):
            yield item.book_id

    def _insert(
        self, transaction: TransactWrite, member: Member, only_if: WriteCondition | None
    ) -> None:
        transaction.condition_check(
            self._book, member.book_id, BOOK, condition=self._book.sk.exists()
        )
        if only_if is not None:
            only_if.check_in(transaction)
        item = member_item(self._member, member)
        transaction.save(item, condition=self._member.sk.does_not_exist())

    def _change_role(
        self, transaction: TransactWrite, member: Member, only_if: WriteCondition | None
    ) -> None:
        self._check(transaction, member, only_if)
        item = self._member(member.book_id, MEMBER + member.user_id)
        condition = self._member.sk.exists() & (self._member.role != member.role.value)
        transaction.update(
            item, actions=[self._member.role.set(member.role.value)], condition=condition
        )

    def _check(
        self, transaction: TransactWrite, member: Member, only_if: WriteCondition | None
    ) -> None:
        """The book exists (first) and the caller's condition holds (second)."""
        condition = self._book.sk.exists()
        transaction.condition_check(self._book, member.book_id, BOOK, condition=condition)
        if only_if is not None:
            only_if.check_in(transaction)

    @staticmethod
    def _raise_for(codes: list[str | None], only_if: WriteCondition | None) -> None:
        if codes[:1] == [CONDITION_FAILED]:
            raise NotFound("No such book.", code="book_not_found")
        if only_if is not None and codes[1:2] == [CONDITION_FAILED]:
            raise Forbidden(
                "A book can only be shared with one of your connections.", code="not_connected"
            )
