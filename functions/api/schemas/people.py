"""API models of users as others see them: a public profile, plus email and phone for the
user themselves and their connections."""

from __future__ import annotations

from pydantic import BaseModel, Field

from core.accounts.models import User
from functions.api.schemas.lists import ListQuery


class PublicProfile(BaseModel):
    """What anyone signed in may see of a user."""

    id: str
    username: str
    full_name: str | None
    company: str | None


class ConnectedProfile(PublicProfile):
    """A user as the user themselves and their connections see them."""

    email: str
    phone: str | None


Profile = ConnectedProfile | PublicProfile
"""Email and phone appear only where the caller may see them."""


def profile_of(user: User, contact_details: bool) -> Profile:
    public = {
        "id": user.id,
        "username": user.username,
        "full_name": user.full_name,
        "company": user.company,
    }
    if contact_details:
        return ConnectedProfile(**public, email=user.email, phone=user.phone)
    return PublicProfile(**public)


class UserSearchQuery(ListQuery):
    q: str = Field(
        min_length=1,
        max_length=100,
        description=(
            "A prefix of any word of a username, full name or company, or an exact email "
            "address or phone number"
        ),
    )


class UserList(BaseModel):
    items: list[Profile]
    next_cursor: str | None
