"""Who may do what with a book: viewers read, editors and the owner write, only the owner
manages; non-members get a 404 (the same as for a book that does not exist)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.books.models import Role
from core.books.rules import ME, Action, book_id_of, check_access, permits, personal_book_id
from core.errors import Forbidden, NotFound

EXPECTED = {
    (Role.OWNER, Action.READ): True,
    (Role.OWNER, Action.WRITE): True,
    (Role.OWNER, Action.MANAGE): True,
    (Role.EDITOR, Action.READ): True,
    (Role.EDITOR, Action.WRITE): True,
    (Role.EDITOR, Action.MANAGE): False,
    (Role.VIEWER, Action.READ): True,
    (Role.VIEWER, Action.WRITE): False,
    (Role.VIEWER, Action.MANAGE): False,
}


@pytest.mark.parametrize(("role", "action"), list(EXPECTED))
def test_permission_table(role, action):
    assert permits(role, action) is EXPECTED[(role, action)]


@given(st.sampled_from(list(Action)))
def test_non_members_get_not_found_for_everything(action):
    assert not permits(None, action)
    with pytest.raises(NotFound):
        check_access(None, action)


@given(st.sampled_from(list(Role)), st.sampled_from(list(Action)))
def test_members_get_their_role_or_forbidden(role, action):
    if permits(role, action):
        assert check_access(role, action) is role
    else:
        with pytest.raises(Forbidden):
            check_access(role, action)


@given(st.sampled_from(list(Role)))
def test_whoever_may_write_may_read(role):
    assert not permits(role, Action.WRITE) or permits(role, Action.READ)
    assert not permits(role, Action.MANAGE) or permits(role, Action.WRITE)


@given(
    st.from_regex(r"usr_[0-9a-f]{32}", fullmatch=True),
    st.from_regex(r"usr_[0-9a-f]{32}", fullmatch=True),
)
def test_me_names_only_the_callers_personal_book(user, other):
    assert book_id_of(ME, user) == personal_book_id(user)
    assert (personal_book_id(user) == personal_book_id(other)) == (user == other)
    assert book_id_of("bk_123", user) == "bk_123"
