"""Dependencies of the WebSocket functions, built once per cold start on first use."""

from __future__ import annotations

import os
from functools import cache, cached_property
from typing import TYPE_CHECKING

from pydantic import Field

from core.settings import SigningFunctionSettings, load_settings

if TYPE_CHECKING:
    from core.auth.tokens import AccessTokens
    from core.realtime.gateway import ConnectionGateway
    from core.realtime.sockets import SocketRegistry


class WebSocketSettings(SigningFunctionSettings):
    sockets_table: str = Field(alias="SOCKETS_TABLE", min_length=1)
    websocket_management_endpoint: str = Field(alias="WEBSOCKET_MANAGEMENT_ENDPOINT", min_length=1)


class WebSocketServices:
    """Each dependency is built on first use: ``$disconnect`` never loads the JWT library,
    ``$connect`` never creates a management API client."""

    def __init__(self, settings: WebSocketSettings) -> None:
        self.settings = settings

    @cached_property
    def tokens(self) -> AccessTokens:
        from core.adapters.secrets import signing_secret
        from core.auth.tokens import AccessTokens

        return AccessTokens(signing_secret(self.settings))

    @cached_property
    def sockets(self) -> SocketRegistry:
        from core.realtime.sockets import SocketRegistry

        return SocketRegistry(self.settings.table_location(self.settings.sockets_table))

    @cached_property
    def gateway(self) -> ConnectionGateway:
        from core.realtime.gateway import ConnectionGateway

        return ConnectionGateway(self.settings.websocket_management_endpoint, self.settings.region)


@cache
def services() -> WebSocketServices:
    return WebSocketServices(load_settings(WebSocketSettings, os.environ))
