"""How the runtime's parts are put together: the functions' worker processes, the two
gateways' web applications and the stream pollers."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Mapping

from aiohttp import web

from functions.stream_sources import table_keys_of
from infra.local_runtime import dynamodb_local
from infra.local_runtime.app_loader import Function, LoadedApp, StreamSource
from infra.local_runtime.batches import RetryPolicy
from infra.local_runtime.checkpoints import CheckpointStore
from infra.local_runtime.connections_api import ConnectionsApi
from infra.local_runtime.environment import ACCOUNT_ID, ChaliceConfig
from infra.local_runtime.failure_log import FailureLog
from infra.local_runtime.invoker import Invoker
from infra.local_runtime.lambda_context import FunctionConfig
from infra.local_runtime.rest_events import Gateway
from infra.local_runtime.rest_gateway import RestGateway
from infra.local_runtime.settings import RuntimeSettings
from infra.local_runtime.signatures import SignatureVerifier
from infra.local_runtime.stream_poller import StreamPoller
from infra.local_runtime.throttle import TokenBucket
from infra.local_runtime.workers import Worker
from infra.local_runtime.ws_gateway import WebSocketGateway
from infra.local_runtime.zygote import Zygote
from infra.stream_mappings import STREAM_MAPPING

REST_API_ID = "local0rest"
WEBSOCKET_API_ID = "local00wss"


def invoker(
    settings: RuntimeSettings,
    config: ChaliceConfig,
    functions: Mapping[str, Function],
    zygote: Zygote,
) -> Invoker:
    def spawn(function: FunctionConfig) -> Worker:
        return Worker(*zygote.spawn(function, config.function_environment(function.key)))

    configs = {name: FunctionConfig.of(function, config) for name, function in functions.items()}
    return Invoker(configs, spawn, settings.max_concurrency, settings.verbose)


def pollers(
    settings: RuntimeSettings, config: ChaliceConfig, loaded: LoadedApp, invoker: Invoker
) -> list[StreamPoller]:
    region = config.region
    clients = (
        dynamodb_local.client(settings.dynamodb_url, region),
        dynamodb_local.client(settings.dynamodb_url, region, "dynamodbstreams"),
    )
    failures = FailureLog(settings.failure_log)
    tables_read = Counter(source.function.name for source in loaded.streams)

    def checkpoints(source: StreamSource) -> CheckpointStore:
        name = source.function.name
        if tables_read[name] > 1:  # one file per function and table
            name += "." + "+".join(table_keys_of(source.stream_arn))
        return CheckpointStore(settings.checkpoint_dir, name)

    return [
        StreamPoller(
            source,
            invoker,
            clients,
            settings.stage,
            region,
            checkpoints(source),
            failures,
            RetryPolicy.of(STREAM_MAPPING),
            settings.poll_interval_seconds,
            f"arn:aws:lambda:{region}:{ACCOUNT_ID}:function:{source.function.name}",
        )
        for source in loaded.streams
    ]


def gateways(
    settings: RuntimeSettings, config: ChaliceConfig, loaded: LoadedApp, invoker: Invoker
) -> tuple[web.Application, WebSocketGateway, web.Application]:
    """The REST API's web application, the WebSocket gateway and the web application of
    the WebSocket API with its ``@connections`` API."""

    def gateway(api_id: str) -> Gateway:
        return Gateway(api_id, config.api_gateway_stage, ACCOUNT_ID, config.region, settings.host)

    sockets = WebSocketGateway(
        loaded, invoker, gateway(WEBSOCKET_API_ID), settings.idle_timeout_seconds
    )
    ws_app = web.Application()
    verifier = SignatureVerifier(config.region, dict(credentials_of(settings, config)))
    ConnectionsApi(sockets.connections, verifier).add_routes(ws_app)
    ws_app.router.add_get("/", sockets.handle)
    ws_app.router.add_get("/{stage}", sockets.handle)
    rest_app = RestGateway(
        loaded,
        invoker,
        gateway(REST_API_ID),
        settings.integration_timeout_seconds,
        TokenBucket(settings.throttle_rate, settings.throttle_burst),
    ).application()
    return rest_app, sockets, ws_app


def credentials_of(settings: RuntimeSettings, config: ChaliceConfig) -> list[tuple[str, str]]:
    """The access key id and secret the functions sign ``@connections`` requests with."""
    from infra.local_runtime.environment import function_environment

    env = function_environment(settings, config)
    return [(env["AWS_ACCESS_KEY_ID"], env["AWS_SECRET_ACCESS_KEY"])]


def access_log(settings: RuntimeSettings) -> logging.Logger | None:
    return logging.getLogger("local_runtime.access") if settings.verbose else None
