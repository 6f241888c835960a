import time

_STARTED = time.monotonic()

from infra.local_runtime.main import main  # noqa: E402

raise SystemExit(main(started=_STARTED))
