"""The ``BookStore`` contract: books with their owner as first member, roles, and a
user's books page by page."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from core.books.models import Book, Member, Membership, Role
from core.books.ports import BookStore
from core.errors import Conflict, NotFound

NOW = datetime(2026, 11, 21, 10, 0, 0, 123000, tzinfo=UTC)


def book(book_id: str, owner: str = "usr_owner") -> Book:
    return Book(book_id, f"Book {book_id}", owner, False, NOW)


def test_a_new_book_is_found_with_its_owner_as_member(books: BookStore) -> None:
    stored = books.create(book("bk_1"))
    assert books.get("bk_1") == stored == book("bk_1")
    assert books.role_of("bk_1", "usr_owner") is Role.OWNER
    assert books.members_of("bk_1") == [Member("bk_1", "usr_owner", Role.OWNER, NOW)]
    assert books.member_ids("bk_1") == ["usr_owner"]


def test_a_book_id_is_taken_once(books: BookStore) -> None:
    books.create(book("bk_1"))
    with pytest.raises(Conflict) as raised:
        books.create(book("bk_1", owner="usr_other"))
    assert raised.value.code == "book_exists"
    assert books.role_of("bk_1", "usr_other") is None


def test_unknown_books_and_strangers(books: BookStore) -> None:
    books.create(book("bk_1"))
    assert books.get("bk_2") is None
    assert books.role_of("bk_1", "usr_stranger") is None
    assert books.members_of("bk_2") == []


def test_members_are_added_and_their_role_changed(books: BookStore) -> None:
    books.create(book("bk_1"))
    books.add_member("bk_1", "usr_v", Role.VIEWER, NOW)
    assert books.role_of("bk_1", "usr_v") is Role.VIEWER
    books.add_member("bk_1", "usr_v", Role.EDITOR, NOW)
    assert books.role_of("bk_1", "usr_v") is Role.EDITOR
    assert sorted(books.member_ids("bk_1")) == ["usr_owner", "usr_v"]


def test_no_member_joins_a_missing_book(books: BookStore) -> None:
    with pytest.raises(NotFound):
        books.add_member("bk_missing", "usr_v", Role.VIEWER, NOW)
    assert books.role_of("bk_missing", "usr_v") is None


def test_a_users_books_come_in_pages_by_book_id(books: BookStore) -> None:
    for book_id in ("bk_3", "bk_1", "bk_4", "bk_2"):
        books.create(book(book_id, owner="usr_a" if book_id != "bk_4" else "usr_b"))
    books.add_member("bk_4", "usr_a", Role.VIEWER, NOW)
    books.create(book("bk_5", owner="usr_b"))

    first, after = books.memberships_of("usr_a", 3, None)
    assert [(m.book.id, m.role) for m in first] == [
        ("bk_1", Role.OWNER),
        ("bk_2", Role.OWNER),
        ("bk_3", Role.OWNER),
    ]
    assert after == "bk_3"
    rest, end = books.memberships_of("usr_a", 3, after)
    assert rest == [Membership(book("bk_4", owner="usr_b"), Role.VIEWER)]
    assert end is None
    assert books.memberships_of("usr_a", 4, None)[1] is None
    assert books.memberships_of("usr_nobody", 3, None) == ([], None)
