"""Start everything in order, serve until a signal, then stop everything in reverse."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable

from aiohttp import web

from functions.stream_sources import table_keys_of
from infra.local_runtime import dynamodb_local
from infra.local_runtime.app_loader import LoadedApp, StreamSource, load_app
from infra.local_runtime.batches import RetryPolicy
from infra.local_runtime.checkpoints import CheckpointStore
from infra.local_runtime.connections_api import ConnectionsApi
from infra.local_runtime.dynamodb_local import DynamoDBLocal
from infra.local_runtime.environment import ACCOUNT_ID, ChaliceConfig
from infra.local_runtime.failure_log import FailureLog
from infra.local_runtime.http_errors import ContractAppRunner
from infra.local_runtime.invoker import Invoker
from infra.local_runtime.rest_events import Gateway
from infra.local_runtime.rest_gateway import RestGateway
from infra.local_runtime.settings import RuntimeSettings
from infra.local_runtime.stream_poller import StreamPoller
from infra.local_runtime.throttle import TokenBucket
from infra.local_runtime.ws_gateway import WebSocketGateway
from infra.stream_mappings import STREAM_MAPPING
from infra.tables import create_tables

log = logging.getLogger("local_runtime")

REST_API_ID = "local0rest"
WEBSOCKET_API_ID = "local00wss"


class Runtime:
    """Everything but DynamoDB Local, which ``main`` starts first so the JVM boots while
    the app and the runtime's own modules are imported."""

    def __init__(
        self, settings: RuntimeSettings, config: ChaliceConfig, ddb: DynamoDBLocal, started: float
    ):
        self.settings = settings
        self._config = config
        self._ddb = ddb
        self._started = started
        """``time.monotonic()`` when the process started, for the "ready in" line."""

    def run(self) -> int:
        settings, config = self.settings, self._config
        loaded = load_app(
            settings.app_module, settings.app_attribute, settings.stage, settings.management_url
        )
        imported = time.monotonic()
        self._ddb.wait_ready(settings.dynamodb_url, config.region)
        answered = time.monotonic()
        client = dynamodb_local.client(settings.dynamodb_url, config.region)
        created = create_tables(client, settings.stage)
        log.info(
            "app %s.%s imported at %.2f s; DynamoDB Local answered at %.2f s; %s at %.2f s",
            settings.app_module,
            settings.app_attribute,
            imported - self._started,
            answered - self._started,
            f"created {len(created)} table(s)" if created else "tables exist",
            time.monotonic() - self._started,
        )
        return asyncio.run(self._serve(loaded, config))

    def _pollers(
        self, loaded: LoadedApp, config: ChaliceConfig, invoker: Invoker
    ) -> list[StreamPoller]:
        settings = self.settings
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

    async def _serve(self, loaded: LoadedApp, config: ChaliceConfig) -> int:
        settings = self.settings
        stop = asyncio.Event()
        self._handle_signals(stop.set)
        invoker = Invoker(config, settings.verbose)
        stage = config.api_gateway_stage

        def gateway(api_id: str) -> Gateway:
            return Gateway(api_id, stage, ACCOUNT_ID, config.region, settings.host)

        sockets = WebSocketGateway(
            loaded, invoker, gateway(WEBSOCKET_API_ID), settings.idle_timeout_seconds
        )
        ws_app = web.Application()
        ConnectionsApi(sockets.connections).add_routes(ws_app)
        ws_app.router.add_get("/", sockets.handle)
        ws_app.router.add_get("/{stage}", sockets.handle)
        rest_app = RestGateway(
            loaded,
            invoker,
            gateway(REST_API_ID),
            settings.integration_timeout_seconds,
            TokenBucket(settings.throttle_rate, settings.throttle_burst),
        ).application()

        pollers = self._pollers(loaded, config, invoker)
        for poller in pollers:
            poller.prepare()
        runners = []
        access_log = logging.getLogger("local_runtime.access") if settings.verbose else None
        for app, port in ((rest_app, settings.rest_port), (ws_app, settings.ws_port)):
            runner = ContractAppRunner(
                app, handle_signals=False, access_log=access_log, shutdown_timeout=5.0
            )
            await runner.setup()
            await web.TCPSite(runner, settings.host, port, reuse_address=True).start()
            runners.append(runner)
        for poller in pollers:
            poller.start()
        self._print_ready(loaded, pollers)

        watchdog = asyncio.create_task(self._watch_dynamodb(stop))
        await stop.wait()
        watchdog.cancel()
        log.info("stopping: closing WebSocket connections")
        await sockets.close_all()
        log.info("stopping: stream pollers")
        await asyncio.gather(*(asyncio.to_thread(poller.stop) for poller in pollers))
        for runner in runners:
            await runner.cleanup()
        if running := await asyncio.to_thread(invoker.shutdown):
            log.warning("%d invocation(s) still running at shutdown", running)
        return 0 if self._ddb.exit_code() is None else 1

    async def _watch_dynamodb(self, stop: asyncio.Event) -> None:
        while (code := self._ddb.exit_code()) is None:
            await asyncio.sleep(1.0)
        log.error("DynamoDB Local exited unexpectedly (code %s); stopping", code)
        stop.set()

    def _handle_signals(self, stop: Callable[[], None]) -> None:
        loop = asyncio.get_running_loop()
        received: list[int] = []

        def on_signal(number: int) -> None:
            received.append(number)
            if len(received) == 1:
                log.info("received %s, shutting down (again to force)", signal.Signals(number).name)
                stop()
            else:
                self._ddb.stop(timeout=1.0)
                os._exit(128 + number)

        for number in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(number, on_signal, number)

    def _print_ready(self, loaded: LoadedApp, pollers: list[StreamPoller]) -> None:
        settings = self.settings
        elapsed = time.monotonic() - self._started
        lines = [
            f"{loaded.prefix}: ready in {elapsed:.2f} s",
            f"  REST API         {settings.rest_url}",
            f"  WebSocket API    {settings.ws_url}",
            f"  @connections     {settings.management_url}",
            f"  DynamoDB         {settings.dynamodb_url}"
            + (" (in memory)" if settings.in_memory else f" (data in {settings.data_dir})"),
            *stream_lines(pollers, arrow()),
            "Press Ctrl-C to stop.",
        ]
        print("\n".join(lines), flush=True)


def arrow() -> str:
    """``←`` if the terminal can show it, else ``<-``."""
    try:
        "\u2190".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return "<-"
    return "\u2190"


def stream_lines(pollers: list[StreamPoller], arrow: str) -> list[str]:
    """``stream functions broadcaster ← addressbook-local-contacts``, one function a line."""
    label = "  stream functions "
    if not pollers:
        return [f"{label}none"]
    return [
        f"{label if i == 0 else ' ' * len(label)}{p.function.key} {arrow} {p.table}"
        for i, p in enumerate(pollers)
    ]
