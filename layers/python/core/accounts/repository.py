"""User accounts in DynamoDB. Uniqueness of username and email is enforced atomically by
guard items written in the same transaction as the user."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.connection import Connection
from pynamodb.exceptions import DoesNotExist, TransactWriteError, UpdateError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from core.accounts.models import User
from core.accounts.rules import email_key, username_key
from core.errors import Conflict, NotFound
from core.storage import TableLocation, bind

_USER = "user#"
_USERNAME = "username#"
_EMAIL = "email#"


class UserItem(Model):
    class Meta:
        table_name = "unbound"

    pk = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()
    username = UnicodeAttribute()
    email = UnicodeAttribute()
    password_hash = UnicodeAttribute()
    full_name = UnicodeAttribute(null=True)
    company = UnicodeAttribute(null=True)
    phone = UnicodeAttribute(null=True)
    bio = UnicodeAttribute(null=True)
    created_at = UTCDateTimeAttribute()
    updated_at = UTCDateTimeAttribute()


class GuardItem(Model):
    """``username#<key>`` or ``email#<key>`` pointing at the user that holds it."""

    class Meta:
        table_name = "unbound"

    pk = UnicodeAttribute(hash_key=True)
    user_id = UnicodeAttribute()


@cache
def _models(location: TableLocation) -> tuple[type[UserItem], type[GuardItem]]:
    return bind(UserItem, location), bind(GuardItem, location)


def _to_user(item: UserItem) -> User:
    return User(
        id=item.user_id,
        username=item.username,
        email=item.email,
        full_name=item.full_name,
        company=item.company,
        phone=item.phone,
        bio=item.bio,
        created_at=item.created_at,
        updated_at=item.updated_at,
    )


class UserRepository:
    def __init__(self, location: TableLocation) -> None:
        self._location = location
        self._user_item, self._guard_item = _models(location)

    def _connection(self) -> Connection:
        return Connection(region=self._location.region, host=self._location.endpoint_url)

    def create(self, user: User, password_hash: str) -> User:
        """Store a new user; ``Conflict`` (``username_taken``/``email_taken``) if either is held."""
        item = self._user_item(
            _USER + user.id,
            user_id=user.id,
            username=user.username,
            email=user.email,
            password_hash=password_hash,
            full_name=user.full_name,
            company=user.company,
            phone=user.phone,
            bio=user.bio,
            created_at=user.created_at,
            updated_at=user.updated_at,
        )
        username_guard = self._guard_item(_USERNAME + username_key(user.username), user_id=user.id)
        email_guard = self._guard_item(_EMAIL + email_key(user.email), user_id=user.id)
        try:
            with TransactWrite(connection=self._connection()) as transaction:
                transaction.save(item, condition=self._user_item.pk.does_not_exist())
                transaction.save(username_guard, condition=self._guard_item.pk.does_not_exist())
                transaction.save(email_guard, condition=self._guard_item.pk.does_not_exist())
        except TransactWriteError as error:
            reasons = [reason.code if reason else None for reason in error.cancellation_reasons]
            if len(reasons) > 1 and reasons[1] == "ConditionalCheckFailed":
                raise Conflict("That username is taken.", code="username_taken") from None
            if len(reasons) > 2 and reasons[2] == "ConditionalCheckFailed":
                raise Conflict("That email is already registered.", code="email_taken") from None
            raise
        return user

    def get(self, user_id: str) -> User | None:
        try:
            return _to_user(self._user_item.get(_USER + user_id))
        except DoesNotExist:
            return None

    def credentials_for(self, username_or_email: str) -> tuple[User, str] | None:
        """The user and password hash for a login name (username, or email if it has '@')."""
        login = username_or_email.strip()
        guard_key = _EMAIL + email_key(login) if "@" in login else _USERNAME + username_key(login)
        try:
            guard = self._guard_item.get(guard_key)
            item = self._user_item.get(_USER + guard.user_id)
        except DoesNotExist:
            return None
        return _to_user(item), item.password_hash

    def update_profile(
        self, user_id: str, values: Mapping[str, str | None], updated_at: datetime
    ) -> User:
        """Set (or, for ``None``, remove) profile fields of an existing user."""
        item_class = self._user_item
        actions: list[Any] = [item_class.updated_at.set(updated_at)]
        for name, value in values.items():
            attribute = getattr(item_class, name)
            actions.append(attribute.remove() if value is None else attribute.set(value))
        item = item_class(_USER + user_id)
        try:
            item.update(actions=actions, condition=item_class.pk.exists())
        except UpdateError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                raise NotFound("No such user.") from None
            raise
        return _to_user(item)
