"""Finding users: a prefix of any word of their username, full name or company, or their
exact email or phone, through the term index (never a Scan); email and phone are shown
only to the user and their connections."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol

from core.accounts.models import User
from core.accounts.terms import reported_at, user_id_of, user_query
from core.errors import FieldProblem, ValidationFailed
from core.pagination import Page, Position, start_of
from core.social.visibility import Connected, SeenUser, seen_by
from core.term_search import collect


class UserIndex(Protocol):
    def term_hits(self, bucket: str, prefix: str, after: str | None) -> Iterator[str]: ...

    def get_many(self, user_ids: Iterable[str]) -> dict[str, User]: ...


class UserDirectory:
    def __init__(self, users: UserIndex, connections: Connected) -> None:
        self._users = users
        self._connections = connections

    def search(self, viewer_id: str, q: str, limit: int, at: Position | None) -> Page[SeenUser]:
        try:
            query = user_query(q)
        except ValueError as error:
            raise ValidationFailed(
                f"Invalid query: q: {error}", details=(FieldProblem("q", str(error)),)
            ) from None
        hits = self._users.term_hits(query.bucket, query.prefix, start_of(at, "entry"))
        found, last = collect(
            hits,
            lambda entry: user_id_of(query, entry),
            self._users.get_many,
            lambda user, entry: reported_at(user, query, entry),
            limit,
        )
        users = [user for user, _ in found]
        return Page.after(seen_by(viewer_id, users, self._connections), "entry", last)
