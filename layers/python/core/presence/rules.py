"""Presence from the registry's changes (pure). A socket opening or closing is applied at
most once however often its change is delivered; ``online`` flips only when the first
socket opens or the last one closes. A socket past its expiry counts as closed, so a socket
that vanished without ``$disconnect`` cannot keep a user online forever."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from core.presence.models import Presence, Status


def _open_at(sockets: dict[str, datetime], at: datetime) -> dict[str, datetime]:
    return {socket: expiry for socket, expiry in sockets.items() if expiry > at}


def socket_opened(
    presence: Presence, socket_id: str, expires_at: datetime, at: datetime
) -> Presence:
    if socket_id in presence.sockets or expires_at <= at:
        return presence
    sockets = _open_at({**presence.sockets, socket_id: expires_at}, at)
    return replace(presence, sockets=sockets, online=True, last_seen=_later(presence, at))


def socket_closed(presence: Presence, socket_id: str, at: datetime) -> Presence:
    if socket_id not in presence.sockets:
        return presence
    sockets = _open_at({s: e for s, e in presence.sockets.items() if s != socket_id}, at)
    return replace(presence, sockets=sockets, online=bool(sockets), last_seen=_later(presence, at))


def status_at(presence: Presence | None, now: datetime) -> Status:
    if presence is None:
        return Status(False, None)
    return Status(bool(_open_at(dict(presence.sockets), now)), presence.last_seen)


def _later(presence: Presence, at: datetime) -> datetime:
    return at if presence.last_seen is None else max(presence.last_seen, at)
