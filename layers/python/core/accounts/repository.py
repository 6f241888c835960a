"""User accounts in DynamoDB. Uniqueness of username and email is enforced atomically by
guard items written in the same transaction as the user (``items.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.transactions import TransactWrite

from core.accounts import items
from core.accounts.models import User
from core.errors import Conflict, NotFound
from core.storage import TableLocation, condition_failed, connection_to

_USERNAME_POSITION, _EMAIL_POSITION = 1, 2
"""Where ``create`` writes the guards, after the user."""


class UserRepository:
    def __init__(self, location: TableLocation) -> None:
        self._location = location
        self._user, self._guard = items.models(location)

    def create(self, user: User, password_hash: str) -> User:
        """Store a new user; ``Conflict`` (``username_taken``/``email_taken``) if either is held."""
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
        except TransactWriteError as error:
            if condition_failed(error, _USERNAME_POSITION):
                raise Conflict("That username is taken.", code="username_taken") from None
            if condition_failed(error, _EMAIL_POSITION):
                raise Conflict("That email is already registered.", code="email_taken") from None
            raise
        return user

    def get(self, user_id: str) -> User | None:
        try:
            return items.to_user(self._user.get(items.USER + user_id))
        except DoesNotExist:
            return None

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

    def update_profile(
        self, user_id: str, values: Mapping[str, str | None], updated_at: datetime
    ) -> User:
        """Set (or, for ``None``, remove) profile fields of an existing user."""
        model = self._user
        actions: list[Any] = [model.updated_at.set(updated_at)]
        for name, value in values.items():
            attribute = getattr(model, name)
            actions.append(attribute.remove() if value is None else attribute.set(value))
        item = model(items.USER + user_id)
        try:
            item.update(actions=actions, condition=model.pk.exists())
        except UpdateError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                raise NotFound("No such user.") from None
            raise
        return items.to_user(item)
