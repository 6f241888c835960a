"""The packaged zips laid out as Lambda's python3.11 runtime sees them: the function zip in
``task/`` (``/var/task``), the layer in ``opt/`` (``/opt``), and the runtime's own packages
(boto3, botocore...) in ``runtime/``, for a clean interpreter (``python -I -S``) whose
``sys.path`` is ``paths``. Used to check that the artifacts import and to time cold starts."""

from __future__ import annotations

import zipfile
from pathlib import Path

LAMBDA_RUNTIME_PACKAGES = (
    "boto3",
    "botocore",
    "s3transfer",
    "jmespath",
    "dateutil",
    "six",
    "urllib3",
)
"""What Lambda's python3.11 image holds besides the standard library."""


def unpack(function_zip: Path, layer_zip: Path, root: Path, read_only: bool = False) -> list[Path]:
    """Unpack under ``root``; the ``sys.path`` entries, in Lambda's order. ``read_only``:
    as on Lambda, where Python cannot write bytecode caches next to the code."""
    task, opt, runtime = root / "task", root / "opt", root / "runtime"
    with zipfile.ZipFile(function_zip) as archive:
        archive.extractall(task)
    with zipfile.ZipFile(layer_zip) as archive:
        archive.extractall(opt)
    runtime.mkdir()
    for name in LAMBDA_RUNTIME_PACKAGES:
        module = __import__(name)
        assert module.__file__ is not None
        source = Path(module.__file__)
        source = source.parent if source.name == "__init__.py" else source
        (runtime / source.name).symlink_to(source)
    if read_only:
        for directory in (task, opt):
            for path in sorted(directory.rglob("*"), reverse=True):
                path.chmod(0o555 if path.is_dir() else 0o444)
            directory.chmod(0o555)
    return [task, opt / "python", runtime]


def make_writable(root: Path) -> None:
    """Undo ``read_only``, so that ``root`` can be removed."""
    for path in [root, *root.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o755 if path.is_dir() else 0o644)
