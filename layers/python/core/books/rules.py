"""Who may do what with a book (pure). Viewers read; editors and the owner write; only the
owner manages members. Non-members learn nothing: they get the same 404 as for a book that
does not exist."""

from __future__ import annotations

from enum import StrEnum

from core.books.models import Role
from core.errors import Forbidden, NotFound

ME = "me"
"""The path alias of the caller's personal book."""
MAX_ID_LENGTH = 128
"""Longer path ids name nothing (and would exceed DynamoDB's key size limits)."""


class Action(StrEnum):
    READ = "read"
    WRITE = "write"
    MANAGE = "manage"


_ALLOWED: dict[Role, frozenset[Action]] = {
    Role.OWNER: frozenset({Action.READ, Action.WRITE, Action.MANAGE}),
    Role.EDITOR: frozenset({Action.READ, Action.WRITE}),
    Role.VIEWER: frozenset({Action.READ}),
}


def permits(role: Role | None, action: Action) -> bool:
    return role is not None and action in _ALLOWED[role]


def check_access(role: Role | None, action: Action) -> Role:
    """The caller's role if it permits ``action``; ``NotFound`` for non-members,
    ``Forbidden`` for members whose role does not allow it."""
    if role is None:
        raise NotFound("No such book.", code="book_not_found")
    if not permits(role, action):
        raise Forbidden(f"A {role.value} of this book may not {action.value} it.")
    return role


def personal_book_id(user_id: str) -> str:
    """The id of a user's personal book, derived from the user id so ``me`` needs no lookup
    and a missing personal book can be created without a race."""
    return "bk_" + user_id.split("_", 1)[-1] + "_me"


def book_id_of(reference: str, user_id: str) -> str:
    """The book a path names: a book id, or ``me`` for the caller's personal book."""
    if len(reference) > MAX_ID_LENGTH:
        raise NotFound("No such book.", code="book_not_found")
    return personal_book_id(user_id) if reference == ME else reference
