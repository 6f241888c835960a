"""Who may share a book with whom, and who may take a member out (pure).

Only the owner adds members, and only their connections; a member of any role may leave; the
owner takes anyone else out but never leaves their own book. Non-members of the book learn
nothing (404), as everywhere else.
"""

from __future__ import annotations

from core.books.models import Role
from core.books.rules import Action, check_access
from core.errors import Forbidden, NotFound

SHAREABLE_ROLES = frozenset({Role.EDITOR, Role.VIEWER})


def check_share(caller_role: Role | None, caller_id: str, user_id: str, connected: bool) -> None:
    """The caller may give ``user_id`` a role in the book."""
    check_access(caller_role, Action.MANAGE)
    if user_id == caller_id:
        raise Forbidden("The owner's role in their book cannot change.", code="owner_role_fixed")
    if not connected:
        raise Forbidden(
            "A book can only be shared with one of your connections.", code="not_connected"
        )


def check_unshare(
    caller_role: Role | None, caller_id: str, user_id: str, member_role: Role | None
) -> None:
    """The caller may take ``user_id`` (whose role is ``member_role``) out of the book."""
    if caller_role is None:
        check_access(caller_role, Action.READ)  # the book's own 404
    if user_id == caller_id:
        if caller_role is Role.OWNER:
            raise Forbidden("The owner cannot leave their own book.", code="owner_cannot_leave")
        return
    check_access(caller_role, Action.MANAGE)
    if member_role is None:
        raise NotFound("That user is not a member of this book.", code="member_not_found")
