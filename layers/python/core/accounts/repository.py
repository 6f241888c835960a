"""User accounts in DynamoDB. Uniqueness of username and email is enforced atomically by
guard items written in the same transaction as the user (``items.py``); so are the user's
entries in the search index (``user_terms``, ``core.accounts.terms``), on registration and on
every profile change."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import replace
from datetime import datetime
from functools import partial
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError
from pynamodb.transactions import TransactWrite

from core.accounts import items
from core.accounts.models import PROFILE_FIELDS, User
from core.accounts.terms import index_entries
from core.errors import Conflict, NotFound
from core.storage import TableLocation, condition_failed, connection_to, transact

_USERNAME_POSITION, _EMAIL_POSITION = 1, 2
"""Where ``create`` writes the guards, after the user."""
ATTEMPTS = 5


class UserReader:
    """Reading accounts: what other aggregates need of them."""

    def __init__(self, location: TableLocation) -> None:
        self._location = location
        self._user, self._guard = items.models(location)

    def get(self, user_id: str, consistent: bool = False) -> User | None:
        try:
            item = self._user.get(items.USER + user_id, consistent_read=consistent)
        except DoesNotExist:
            return None
        return items.to_user(item)

    def get_many(self, user_ids: Iterable[str]) -> dict[str, User]:
        keys = [items.USER + user_id for user_id in dict.fromkeys(user_ids)]
        return {item.user_id: items.to_user(item) for item in self._user.batch_get(keys)}

    def credentials_for(self, username_or_email: str) -> tuple[User, str] | None:
        """The user and password hash for a login name (username, or email if it has '@')."""
        login = username_or_email.strip()
        guard_key = items.email_guard(login) if "@" in login else items.username_guard(login)
        try:
            guard = self._guard.get(guard_key)
            item = self._user.get(items.USER + guard.user_id)
        except DoesNotExist:
            return None
        return items.to_user(item), item.password_hash


class UserRepository(UserReader):
    def __init__(self, location: TableLocation, terms: TableLocation) -> None:
        super().__init__(location)
        self._term = items.term_model(terms)

    def create(self, user: User, password_hash: str) -> User:
        """Store a new user and its index entries; ``Conflict`` (``username_taken``/
        ``email_taken``) if either is held."""
        username = self._guard(items.username_guard(user.username), user_id=user.id)
        email = self._guard(items.email_guard(user.email), user_id=user.id)
        try:
            with TransactWrite(connection=connection_to(self._location)) as transaction:
                transaction.save(
                    items.to_item(self._user, user, password_hash),
                    condition=self._user.pk.does_not_exist(),
                )
                transaction.save(username, condition=self._guard.pk.does_not_exist())
                transaction.save(email, condition=self._guard.pk.does_not_exist())
                for bucket, entry in index_entries(user):
                    transaction.save(self._term(bucket, entry, user_id=user.id))
        except TransactWriteError as error:
            if condition_failed(error, _USERNAME_POSITION):
                raise Conflict("That username is taken.", code="username_taken") from None
            if condition_failed(error, _EMAIL_POSITION):
                raise Conflict("That email is already registered.", code="email_taken") from None
            raise
        return user

    def update_profile(
        self, user_id: str, values: Mapping[str, str | None], updated_at: datetime
    ) -> User:
        """Set (or, for ``None``, remove) profile fields of an existing user, and replace the
        index entries that changed, in one transaction conditioned on the version read."""
        for _ in range(ATTEMPTS):
            old = self.get(user_id, consistent=True)
            if old is None:
                raise NotFound("No such user.")
            changes: dict[str, Any] = {**values, "updated_at": updated_at}
            new = replace(old, **changes)
            if not transact(self._location, partial(self._write_profile, old=old, new=new)):
                return new
        raise Conflict("The profile keeps changing; try again.", code="concurrent_change")

    def term_hits(self, bucket: str, prefix: str, after: str | None) -> Iterator[str]:
        """The entries of ``bucket`` starting with ``prefix``, in order, after ``after``."""
        start = {"bucket": {"S": bucket}, "entry": {"S": after}} if after else None
        condition = self._term.entry.startswith(prefix) if prefix else None
        query = self._term.query(bucket, condition, last_evaluated_key=start, page_size=100)
        for item in query:
            yield item.entry

    def _write_profile(self, transaction: TransactWrite, old: User, new: User) -> None:
        model = self._user
        actions: list[Any] = [model.updated_at.set(new.updated_at)]
        for name in PROFILE_FIELDS:
            value, attribute = getattr(new, name), getattr(model, name)
            actions.append(attribute.remove() if value is None else attribute.set(value))
        unchanged = model.pk.exists() & (model.updated_at == old.updated_at)
        transaction.update(model(items.USER + old.id), actions=actions, condition=unchanged)
        before, after = index_entries(old), index_entries(new)
        for bucket, entry in before - after:
            transaction.delete(self._term(bucket, entry))
        for bucket, entry in after - before:
            transaction.save(self._term(bucket, entry, user_id=new.id))
