"""Dependencies of the WebSocket functions, built once per cold start on first use."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from pydantic import Field

from core.settings import FunctionSettings, SigningSecretSettings, load_settings

if TYPE_CHECKING:
    from core.auth.tokens import AccessTokens
    from core.realtime.connections import ConnectionRegistry
    from core.realtime.gateway import ConnectionGateway


class WebSocketSettings(FunctionSettings, SigningSecretSettings):
    connections_table: str = Field(alias="CONNECTIONS_TABLE", min_length=1)
    websocket_management_endpoint: str = Field(alias="WEBSOCKET_MANAGEMENT_ENDPOINT", min_length=1)


@dataclass(frozen=True)
class WebSocketServices:
    tokens: AccessTokens
    registry: ConnectionRegistry
    gateway: ConnectionGateway


@cache
def services() -> WebSocketServices:
    from core.adapters.secrets import load_signing_secret
    from core.auth.tokens import AccessTokens
    from core.realtime.connections import ConnectionRegistry
    from core.realtime.gateway import ConnectionGateway
    from core.storage import TableLocation

    settings = load_settings(WebSocketSettings, os.environ)
    location = TableLocation(
        settings.connections_table, settings.region, settings.dynamodb_endpoint_url
    )
    return WebSocketServices(
        tokens=AccessTokens(load_signing_secret(settings, settings.region)),
        registry=ConnectionRegistry(location),
        gateway=ConnectionGateway(settings.websocket_management_endpoint, settings.region),
    )
