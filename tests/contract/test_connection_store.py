"""The ``ConnectionStore`` contract: connections both ways, pages by the other's id, who is
connected among some users, removal of both directions at once, and the condition another
write can take on a connection."""

from __future__ import annotations

from tests.contract.conftest import CREATED, connect


def test_connections_come_in_pages_by_the_other_users_id(graph) -> None:
    _, connections = graph
    for other in ("usr_d", "usr_b", "usr_c"):
        connect(connections, "usr_a", other)
    first, after = connections.page("usr_a", 2, None)
    assert [(c.other_id, c.since) for c in first] == [("usr_b", CREATED), ("usr_c", CREATED)]
    rest, end = connections.page("usr_a", 2, after)
    assert ([c.other_id for c in rest], end) == (["usr_d"], None)
    assert connections.page("usr_a", 3, None)[1] is None
    assert [c.user_id for c in connections.page("usr_b", 5, None)[0]] == ["usr_b"]
    assert sorted(connections.connection_ids("usr_a")) == ["usr_b", "usr_c", "usr_d"]
    assert connections.connected_among("usr_a", ["usr_b", "usr_x", "usr_a", "usr_d"]) == {
        "usr_b", "usr_d"
    }  # fmt: skip


def test_removal_takes_both_directions_once(graph) -> None:
    _, connections = graph
    connect(connections, "usr_a", "usr_b")
    condition = connections.still_connected("usr_a", "usr_b")
    assert condition.holds()
    assert connections.remove("usr_b", "usr_a") is True
    assert connections.get("usr_a", "usr_b") is None
    assert connections.get("usr_b", "usr_a") is None
    assert not condition.holds()
    assert connections.remove("usr_a", "usr_b") is False
    assert connections.connection_ids("usr_a") == []
