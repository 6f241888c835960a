"""``Idempotency-Key`` on create routes: a replay returns the first response and creates
nothing; the same key with another request is a 409; keys are per caller."""

from __future__ import annotations

from tests.support.contacts_api import CONTACTS, ada, call, raw_call

ME = {"book": "me"}


def post_contact(app, key, body=None, user="usr_a", book="me"):
    headers = {"Idempotency-Key": key} if key is not None else {}
    return raw_call(
        app,
        "POST",
        CONTACTS,
        path_params={"book": book},
        body=body or ada(),
        headers=headers,
        principal=user,
    )


def count(app, user="usr_a"):
    _, data, _ = call(app, "GET", CONTACTS, path_params=ME, principal=user)
    return len(data["items"])


def test_a_replay_returns_the_first_response_and_creates_nothing(chalice_app):
    first = post_contact(chalice_app, "key-1")
    again = post_contact(chalice_app, "key-1")
    assert first["statusCode"] == again["statusCode"] == 201
    assert first["body"] == again["body"]
    assert again["headers"]["ETag"] == first["headers"]["ETag"] == '"1"'
    assert again["headers"]["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first["headers"]
    assert count(chalice_app) == 1


def test_the_same_key_with_another_body_is_a_conflict(chalice_app):
    post_contact(chalice_app, "key-1")
    response = post_contact(chalice_app, "key-1", ada(name="Someone Else"))
    assert response["statusCode"] == 409
    assert '"idempotency_key_reused"' in response["body"]
    assert count(chalice_app) == 1


def test_the_same_key_on_another_route_is_a_conflict(chalice_app):
    post_contact(chalice_app, "key-1", {"name": "Team"})
    status, data, _ = call(
        chalice_app,
        "POST",
        "/books",
        body={"name": "Team"},
        headers={"Idempotency-Key": "key-1"},
        principal="usr_a",
    )
    assert (status, data["error"]["code"]) == (409, "idempotency_key_reused")


def test_keys_belong_to_their_caller(chalice_app):
    mine = post_contact(chalice_app, "shared-key")
    theirs = post_contact(chalice_app, "shared-key", user="usr_b")
    assert theirs["statusCode"] == 201
    assert theirs["body"] != mine["body"]
    assert count(chalice_app, "usr_b") == 1


def test_without_a_key_every_post_creates(chalice_app):
    post_contact(chalice_app, None)
    post_contact(chalice_app, None)
    assert count(chalice_app) == 2


def test_failures_are_not_remembered(chalice_app):
    response = post_contact(chalice_app, "key-1", {"name": ""})
    assert response["statusCode"] == 422
    assert post_contact(chalice_app, "key-1", {"name": ""})["statusCode"] == 422
    denied = post_contact(chalice_app, "key-2", book="bk_not_mine")
    assert denied["statusCode"] == 404


def test_malformed_keys_are_rejected(chalice_app):
    for key in ("", "x" * 256, "has space", "naïve"):
        response = post_contact(chalice_app, key)
        assert response["statusCode"] == 400, key
        assert '"invalid_idempotency_key"' in response["body"]


def test_book_creation_is_idempotent(chalice_app):
    headers = {"Idempotency-Key": "book-1"}
    first = call(
        chalice_app, "POST", "/books", body={"name": "Team"}, headers=headers, principal="usr_a"
    )
    again = call(
        chalice_app, "POST", "/books", body={"name": "Team"}, headers=headers, principal="usr_a"
    )
    assert first[:2] == again[:2]
    assert first[0] == 201
    _, books, _ = call(chalice_app, "GET", "/books", principal="usr_a")
    assert [b["name"] for b in books["items"]].count("Team") == 1


def test_a_create_whose_answer_was_lost_in_a_crash_is_not_repeated(chalice_app):
    """Found by the fault soak: the runtime died after the contact was stored but before the
    idempotency record was completed; once that record expired, the retry created a second
    contact. The create's own guard, written in the contact's transaction, prevents it."""
    import json

    import boto3

    from infra.tables import table
    from tests.support.events import REGION, STAGE

    first = json.loads(post_contact(chalice_app, "crash-key")["body"])
    client = boto3.client("dynamodb", region_name=REGION)
    name = table("idempotency").physical_name(STAGE)
    for item in client.scan(TableName=name)["Items"]:  # the crash: no completed record
        if not item["id"]["S"].startswith("contact-create#"):
            client.delete_item(TableName=name, Key={"id": item["id"]})
    retried = post_contact(chalice_app, "crash-key")
    assert retried["statusCode"] == 201
    assert json.loads(retried["body"])["id"] == first["id"]
    assert count(chalice_app) == 1
    other = post_contact(chalice_app, "crash-key", user="usr_b")  # keys are per caller
    assert json.loads(other["body"])["id"] != first["id"]
