"""Presence over any interleaving of sockets opening and closing, each change delivered
once or several times: online exactly while a socket is open, flipping only at the first
open and the last close; expired sockets do not count."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from core.presence.models import Presence
from core.presence.rules import socket_closed, socket_opened, status_at

T0 = datetime(2026, 11, 21, 10, 0, tzinfo=UTC)
LIFETIME = timedelta(hours=2)


@st.composite
def histories(draw):
    """Changes of several sockets: each opens once, may close once after, interleaved; each
    change may be delivered again (at least once)."""
    count = draw(st.integers(min_value=1, max_value=5))
    pending = {f"s{n}": ["open", "close"][: draw(st.integers(1, 2))] for n in range(count)}
    changes = []
    while any(pending.values()):
        socket = draw(st.sampled_from(sorted(s for s, left in pending.items() if left)))
        change = (pending[socket].pop(0), socket)
        changes += [change] * draw(st.integers(min_value=1, max_value=2))
    return changes


@given(histories())
def test_online_while_a_socket_is_open_flipping_at_the_edges(changes):
    presence, open_now = Presence("usr_1"), set()
    for step, (kind, socket) in enumerate(changes):
        at = T0 + timedelta(seconds=step)
        before, was_open = presence.online, bool(open_now)
        if kind == "open":
            presence = socket_opened(presence, socket, at + LIFETIME, at)
            open_now.add(socket)
        else:
            presence = socket_closed(presence, socket, at)
            open_now.discard(socket)
        assert presence.online is bool(open_now)
        assert set(presence.sockets) == open_now
        # a flip (what becomes presence.changed) exactly at the first open and last close
        assert (presence.online is not before) is (was_open is not bool(open_now))
        assert status_at(presence, at).online is bool(open_now)
    assert presence.last_seen is not None


def test_a_repeated_change_changes_nothing():
    opened = socket_opened(Presence("u"), "s1", T0 + LIFETIME, T0)
    assert socket_opened(opened, "s1", T0 + LIFETIME, T0) is opened
    closed = socket_closed(opened, "s1", T0 + timedelta(minutes=1))
    assert socket_closed(closed, "s1", T0 + timedelta(minutes=2)) is closed
    assert (closed.online, closed.last_seen) == (False, T0 + timedelta(minutes=1))


def test_second_tab_keeps_online_and_the_last_close_flips():
    presence = socket_opened(Presence("u"), "s1", T0 + LIFETIME, T0)
    presence = socket_opened(presence, "s2", T0 + LIFETIME, T0)
    assert socket_closed(presence, "s1", T0).online
    assert not socket_closed(socket_closed(presence, "s1", T0), "s2", T0).online


def test_an_expired_socket_does_not_keep_anyone_online():
    presence = socket_opened(Presence("u"), "s1", T0 + LIFETIME, T0)
    assert status_at(presence, T0 + LIFETIME - timedelta(seconds=1)).online
    assert not status_at(presence, T0 + LIFETIME).online
    assert status_at(presence, T0 + LIFETIME).last_seen == T0
    assert not status_at(None, T0).online
    # a socket that already expired when its change arrives is not counted at all
    assert not socket_opened(Presence("u"), "s9", T0, T0 + timedelta(seconds=1)).online
    # closing one socket forgets others that expired meanwhile
    late = socket_opened(presence, "s2", T0 + 3 * LIFETIME, T0 + timedelta(hours=1))
    assert set(socket_closed(late, "s2", T0 + 2 * LIFETIME).sockets) == set()
