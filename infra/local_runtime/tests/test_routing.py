from __future__ import annotations

import pytest

from infra.local_runtime.routing import RouteTable, split_path

ROUTES = {
    "/": {"GET": "root"},
    "/books": {"GET": "list", "POST": "create"},
    "/books/me": {"GET": "mine"},
    "/books/{book}": {"GET": "one"},
    "/books/{book}/contacts/{id}": {"GET": "contact"},
    "/files/{path+}": {"GET": "file"},
}


@pytest.fixture
def table() -> RouteTable:
    return RouteTable(ROUTES)


def test_split_path_ignores_a_trailing_slash_and_decodes_segments() -> None:
    assert split_path("/") == []
    assert split_path("/a/b%20c/") == ["a", "b c"]
    assert split_path("/a%2Fb") == ["a/b"]


@pytest.mark.parametrize(
    ("path", "resource", "parameters"),
    [
        ("/", "/", {}),
        ("/books", "/books", {}),
        ("/books/", "/books", {}),
        ("/books/me", "/books/me", {}),
        ("/books/b1", "/books/{book}", {"book": "b1"}),
        ("/books/b%201/contacts/c1", "/books/{book}/contacts/{id}", {"book": "b 1", "id": "c1"}),
        ("/files/a/b/c.txt", "/files/{path+}", {"path": "a/b/c.txt"}),
    ],
)
def test_matches_like_api_gateway(
    table: RouteTable, path: str, resource: str, parameters: dict[str, str]
) -> None:
    match = table.match(path)
    assert match is not None
    assert (match.resource, match.path_parameters) == (resource, parameters)
    assert match.methods is ROUTES[resource]


@pytest.mark.parametrize("path", ["/nope", "/books/b1/contacts", "/books/b1/x/y", "/files"])
def test_unknown_paths_do_not_match(table: RouteTable, path: str) -> None:
    assert table.match(path) is None


def test_a_literal_beats_a_parameter_even_when_declared_later() -> None:
    table = RouteTable({"/a/{x}": {"GET": 1}, "/a/b": {"GET": 2}})
    match = table.match("/a/b")
    assert match is not None
    assert match.resource == "/a/b"
