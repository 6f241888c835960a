"""Posting frames to WebSocket connections through the API Gateway Management API.

The endpoint is configurable (``WEBSOCKET_MANAGEMENT_ENDPOINT``) so the same code talks to
API Gateway on AWS and to the embedded runtime's ``@connections`` API locally.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mypy_boto3_apigatewaymanagementapi import ApiGatewayManagementApiClient


class ConnectionGone(Exception):
    """The connection is closed (API Gateway's 410 GoneException)."""


class ConnectionGateway:
    def __init__(self, endpoint_url: str, region: str, max_pool_connections: int = 32) -> None:
        # botocore directly: boto3 would also import s3transfer, ~30 ms of cold start.
        from botocore.config import Config
        from botocore.session import get_session

        self._client: ApiGatewayManagementApiClient = get_session().create_client(  # type: ignore[assignment]
            "apigatewaymanagementapi",
            endpoint_url=endpoint_url,
            region_name=region,
            config=Config(
                max_pool_connections=max_pool_connections,
                retries={"max_attempts": 2, "mode": "standard"},
                connect_timeout=2,
                read_timeout=5,
            ),
        )

    def send(self, connection_id: str, frame: Mapping[str, Any] | str) -> None:
        """Send one frame; ``ConnectionGone`` if the connection no longer exists."""
        data = frame if isinstance(frame, str) else json.dumps(frame, separators=(",", ":"))
        try:
            self._client.post_to_connection(ConnectionId=connection_id, Data=data.encode())
        except self._client.exceptions.GoneException:
            raise ConnectionGone(connection_id) from None

    def close(self, connection_id: str) -> None:
        try:
            self._client.delete_connection(ConnectionId=connection_id)
        except self._client.exceptions.GoneException:
            pass
