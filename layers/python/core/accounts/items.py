"""The ``users`` table's PynamoDB models, private to ``core.accounts.repository``.

A user is ``pk = user#<id>``; each of its username and email holds a guard item
(``username#<key>``, ``email#<key>``) pointing at it, written in the user's transaction, so
two accounts can never share one.
"""

from __future__ import annotations

from functools import cache

from pynamodb.attributes import UnicodeAttribute, UTCDateTimeAttribute
from pynamodb.models import Model

from core.accounts.models import User
from core.accounts.rules import email_key, username_key
from core.storage import TableLocation, bind

USER = "user#"
USERNAME = "username#"
EMAIL = "email#"


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


class TermItem(Model):
    """An entry of the ``user_terms`` index (``core.accounts.terms``): ``bucket`` and ``entry``
    as the user's terms make them, ``user_id`` the user it finds."""

    class Meta:
        table_name = "unbound"

    bucket = UnicodeAttribute(hash_key=True)
    entry = UnicodeAttribute(range_key=True)
    user_id = UnicodeAttribute()


@cache
def term_model(location: TableLocation) -> type[TermItem]:
    return bind(TermItem, location)


@cache
def models(location: TableLocation) -> tuple[type[UserItem], type[GuardItem]]:
    return bind(UserItem, location), bind(GuardItem, location)


def username_guard(username: str) -> str:
    return USERNAME + username_key(username)


def email_guard(email: str) -> str:
    return EMAIL + email_key(email)


def to_user(item: UserItem) -> User:
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


def to_item(model: type[UserItem], user: User, password_hash: str) -> UserItem:
    return model(
        USER + user.id,
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
