"""Reading a packaged template in tests."""

from __future__ import annotations

from typing import Any

Json = dict[str, Any]

FUNCTION = "AWS::Serverless::Function"


def resources_of(template: Json, kind: str) -> dict[str, Json]:
    return {name: r for name, r in template["Resources"].items() if r["Type"] == kind}


def functions(template: Json) -> dict[str, Json]:
    return resources_of(template, FUNCTION)


def function_with_handler(template: Json, handler: str) -> tuple[str, Json]:
    matches = [
        (n, f) for n, f in functions(template).items() if f["Properties"]["Handler"] == handler
    ]
    assert len(matches) == 1, f"{handler}: {matches}"
    return matches[0]


def stream_functions(template: Json) -> dict[str, Json]:
    return {
        name: function
        for name, function in functions(template).items()
        if any(e["Type"] == "DynamoDB" for e in function["Properties"].get("Events", {}).values())
    }


def role_of(template: Json, function: Json) -> Json:
    role_id = function["Properties"]["Role"]["Fn::GetAtt"][0]
    role: Json = template["Resources"][role_id]
    return role


def statements(role: Json) -> list[Json]:
    return [
        statement
        for policy in role["Properties"]["Policies"]
        for statement in policy["PolicyDocument"]["Statement"]
    ]


def statement(role: Json, sid: str) -> Json | None:
    found = [s for s in statements(role) if s.get("Sid") == sid]
    return found[0] if found else None


def required_statement(role: Json, sid: str) -> Json:
    found = statement(role, sid)
    assert found is not None, f"no {sid} statement"
    return found


def actions(statement: Json) -> list[str]:
    value = statement["Action"]
    return [value] if isinstance(value, str) else list(value)


def referenced_ids(value: Any) -> set[str]:
    """Logical ids named by the intrinsics inside ``value`` (Ref, GetAtt, ${X} in Sub)."""
    found: set[str] = set()
    for item in _walk(value):
        if isinstance(item, dict):
            if "Ref" in item:
                found.add(item["Ref"])
            if "Fn::GetAtt" in item:
                found.add(item["Fn::GetAtt"][0])
            if "Fn::Sub" in item and isinstance(item["Fn::Sub"], str):
                found.update(_sub_names(item["Fn::Sub"]))
    return {name for name in found if not name.startswith("AWS::")}


def _sub_names(text: str) -> set[str]:
    names = set()
    for part in text.split("${")[1:]:
        names.add(part.split("}")[0].split(".")[0])
    return names


def _walk(value: Any):
    yield value
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)
