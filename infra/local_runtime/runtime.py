"""Start everything in order, serve until a signal, then stop everything in reverse."""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import time
from collections.abc import Callable

from aiohttp import web

from infra.local_runtime import assembly, dynamodb_local
from infra.local_runtime.app_loader import LoadedApp, load_app
from infra.local_runtime.banner import ready_banner
from infra.local_runtime.dynamodb_local import DynamoDBLocal
from infra.local_runtime.environment import ChaliceConfig
from infra.local_runtime.http_errors import ContractAppRunner
from infra.local_runtime.invoker import Invoker
from infra.local_runtime.settings import RuntimeSettings
from infra.local_runtime.zygote import Zygote
from infra.tables import create_tables

log = logging.getLogger("local_runtime")


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
        functions = loaded.functions()
        # Forked now, on the only thread, with the app (and its routes) imported.
        zygote = Zygote({name: function.handler for name, function in functions.items()})
        zygote.start()
        try:
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
            invoker = assembly.invoker(settings, config, functions, zygote)
            return asyncio.run(self._serve(loaded, invoker))
        finally:
            zygote.stop()

    async def _serve(self, loaded: LoadedApp, invoker: Invoker) -> int:
        settings, config = self.settings, self._config
        stop = asyncio.Event()
        self._handle_signals(stop.set)
        rest_app, sockets, ws_app = assembly.gateways(settings, config, loaded, invoker)
        pollers = assembly.pollers(settings, config, loaded, invoker)
        for poller in pollers:
            poller.prepare()
        runners = []
        for app, port in ((rest_app, settings.rest_port), (ws_app, settings.ws_port)):
            runner = ContractAppRunner(
                app,
                handle_signals=False,
                access_log=assembly.access_log(settings),
                shutdown_timeout=5.0,
            )
            await runner.setup()
            await web.TCPSite(runner, settings.host, port, reuse_address=True).start()
            runners.append(runner)
        for poller in pollers:
            poller.start()
        elapsed = time.monotonic() - self._started
        streams = [(poller.function.key, poller.table) for poller in pollers]
        print(ready_banner(loaded.prefix, elapsed, settings, streams), flush=True)

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
            log.warning("%d invocation(s) still running at shutdown; stopped", running)
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
