"""The history recorder invoked with real-shaped stream events, and the history route."""

from __future__ import annotations

import boto3

from infra.tables import table
from tests.support.contacts_api import CONTACT, ada, call, create_contact
from tests.support.events import REGION, STAGE, LambdaContext, stream_event, stream_record

CONTACTS_TABLE = table("contacts").physical_name(STAGE)


def image(book_id: str, contact_id: str) -> dict:
    """The contact's stored item in attribute-value JSON, as a stream image carries it."""
    client = boto3.client("dynamodb", region_name=REGION)
    key = {"book_id": {"S": book_id}, "contact_id": {"S": contact_id}}
    return client.get_item(TableName=CONTACTS_TABLE, Key=key, ConsistentRead=True)["Item"]


def record(keys_of: dict, *, old=None, new=None, sequence=None) -> dict:
    keys = {"book_id": keys_of["book_id"], "contact_id": keys_of["id"]}
    return stream_record(
        CONTACTS_TABLE, keys=keys, old_image=old, new_image=new, sequence_number=sequence
    )


def history(app, contact, user="usr_a", **query):
    params = {"book": contact["book_id"], "contact_id": contact["id"]}
    status, data, _ = call(
        app, "GET", CONTACT + "/history", path_params=params, query=query, principal=user
    )
    assert status == 200, data
    return data


def lifecycle(app):
    """Create, update and delete a contact through the API; the stream records it caused."""
    contact = create_contact(app, "usr_a", ada())
    first = image(contact["book_id"], contact["id"])
    one = {"book": "me", "contact_id": contact["id"]}
    call(
        app,
        "PATCH",
        CONTACT,
        path_params=one,
        body={"name": "Ada King", "tags": []},
        principal="usr_b_never",
    )
    call(
        app,
        "PATCH",
        CONTACT,
        path_params=one,
        body={"name": "Ada King", "tags": []},
        principal="usr_a",
    )
    second = image(contact["book_id"], contact["id"])
    call(app, "DELETE", CONTACT, path_params=one, principal="usr_a")
    records = [
        record(contact, new=first, sequence="100"),
        record(contact, old=first, new=second, sequence="205"),
        record(contact, old=second, sequence="1100"),
    ]
    return contact, records


def test_every_change_is_recorded_newest_first(chalice_app):
    import app

    contact, records = lifecycle(chalice_app)
    assert app.contact_history(stream_event(*records), LambdaContext()) == {"batchItemFailures": []}
    items = history(chalice_app, contact)["items"]
    assert [(c["action"], c["by"]) for c in items] == [
        ("deleted", "usr_a"),
        ("updated", "usr_a"),
        ("created", "usr_a"),
    ]
    assert items[1]["changes"] == {"name": ["Ada Lovelace", "Ada King"], "tags": [["math"], None]}
    assert items[2]["changes"]["name"] == [None, "Ada Lovelace"]
    assert items[0]["changes"]["phones"] == [
        [{"label": "work", "number": "+44 20 7946 0000"}],
        None,
    ]
    assert all(c["at"].endswith("Z") for c in items)


def test_redelivered_records_are_recorded_once(chalice_app):
    import app

    contact, records = lifecycle(chalice_app)
    app.contact_history(stream_event(*records[:2]), LambdaContext())
    app.contact_history(stream_event(*records), LambdaContext())
    assert len(history(chalice_app, contact)["items"]) == 3


def test_a_poison_record_fails_alone(chalice_app):
    import app

    contact, records = lifecycle(chalice_app)
    poison = record(contact, new={"book_id": {"S": contact["book_id"]}}, sequence="150")
    event = stream_event(records[0], poison, *records[1:])
    response = app.contact_history(event, LambdaContext())
    assert response == {"batchItemFailures": [{"itemIdentifier": "150"}]}
    assert [c["action"] for c in history(chalice_app, contact)["items"]] == [
        "deleted",
        "updated",
        "created",
    ]


def test_history_is_paginated_and_only_for_members(chalice_app):
    import app

    contact, records = lifecycle(chalice_app)
    app.contact_history(stream_event(*records), LambdaContext())
    page = history(chalice_app, contact, limit="2")
    assert [c["action"] for c in page["items"]] == ["deleted", "updated"]
    rest = history(chalice_app, contact, limit="2", cursor=page["next_cursor"])
    assert ([c["action"] for c in rest["items"]], rest["next_cursor"]) == (["created"], None)
    params = {"book": contact["book_id"], "contact_id": contact["id"]}
    status, _, _ = call(
        chalice_app, "GET", CONTACT + "/history", path_params=params, principal="usr_eve"
    )
    assert status == 404
    status, data, _ = call(
        chalice_app,
        "GET",
        CONTACT + "/history",
        path_params=params,
        query={"cursor": page["next_cursor"]},
        principal="usr_eve",
    )
    assert (status, data["error"]["code"]) == (400, "invalid_cursor")  # bound to usr_a


def test_history_of_an_unknown_contact_is_a_404_like_the_contact(chalice_app):
    for contact_id in ("ct_unknown", "x" * 300):
        params = {"book": "me", "contact_id": contact_id}
        status, data, _ = call(
            chalice_app, "GET", CONTACT + "/history", path_params=params, principal="usr_a"
        )
        assert (status, data["error"]["code"]) == (404, "contact_not_found")


def test_history_of_a_contact_not_yet_recorded_is_empty_not_a_404(chalice_app):
    contact = create_contact(chalice_app, "usr_a", ada())
    assert history(chalice_app, contact) == {"items": [], "next_cursor": None}
