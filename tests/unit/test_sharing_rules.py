"""Who may share a book and take members out, for every role of the caller and the member,
and every relation between them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.books.models import Role
from core.books.sharing import check_share, check_unshare
from core.errors import DomainError, Forbidden, NotFound

roles = st.one_of(st.none(), st.sampled_from(list(Role)))
CALLER, OTHER = "usr_caller", "usr_other"


def outcome(check, *args) -> type[DomainError] | None:
    try:
        check(*args)
    except DomainError as error:
        return type(error)
    return None


@given(roles, st.booleans(), st.booleans())
def test_only_the_owner_shares_and_only_with_connections(role, connected, with_self):
    user = CALLER if with_self else OTHER
    got = outcome(check_share, role, CALLER, user, connected)
    if role is None:
        assert got is NotFound
    elif role is not Role.OWNER or with_self or not connected:
        assert got is Forbidden
    else:
        assert got is None


@given(roles, roles)
def test_anyone_but_the_owner_may_leave(role, member_role):
    got = outcome(check_unshare, role, CALLER, CALLER, member_role)
    expected = {None: NotFound, Role.OWNER: Forbidden}.get(role)
    assert got is expected


@given(roles, roles)
def test_only_the_owner_takes_others_out(role, member_role):
    got = outcome(check_unshare, role, CALLER, OTHER, member_role)
    if role is None:
        assert got is NotFound
    elif role is not Role.OWNER:
        assert got is Forbidden
    elif member_role is None:
        assert got is NotFound
    else:
        assert got is None


@pytest.mark.parametrize("role", [Role.EDITOR, Role.VIEWER])
def test_members_cannot_add_members_even_their_connections(role):
    with pytest.raises(Forbidden):
        check_share(role, CALLER, OTHER, True)
