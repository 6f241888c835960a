"""The anchor for the fan-out benchmark: the broadcast of AWS's WebSocket chat sample
(``simple-websockets-chat-app``, as its Python ports write it): Scan the whole connections
table, then post the frame to each connection one after another, deleting those that
answer 410. No audience: every connection in the table gets the frame.

Same inputs as the broadcaster's fan-out (a frame, the connections table, a DynamoDB
client and a management API client), so the two can be run against the same connections.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class BaselineResult:
    connections: int
    delivered: int
    pruned: int


def baseline_broadcast(
    frame: Mapping[str, Any], connections_table: str, dynamodb: Any, management: Any
) -> BaselineResult:
    data = json.dumps(frame, separators=(",", ":")).encode()
    connection_ids: list[str] = []
    for page in dynamodb.get_paginator("scan").paginate(
        TableName=connections_table, ProjectionExpression="connection_id"
    ):
        connection_ids += [item["connection_id"]["S"] for item in page["Items"]]
    delivered = pruned = 0
    for connection_id in connection_ids:
        try:
            management.post_to_connection(ConnectionId=connection_id, Data=data)
            delivered += 1
        except management.exceptions.GoneException:
            dynamodb.delete_item(
                TableName=connections_table, Key={"connection_id": {"S": connection_id}}
            )
            pruned += 1
    return BaselineResult(len(connection_ids), delivered, pruned)
