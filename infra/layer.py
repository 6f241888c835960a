"""Builds the shared Lambda layer: ``build/layer/python/`` = the pinned runtime dependencies
(Linux x86_64 wheels for CPython 3.11) + ``layers/python/core``, zipped to ``build/layer.zip``.

Wheels are downloaded once into ``.local/wheels`` and installed from there with
``--no-index``, so packaging works offline afterwards. Installed dependencies are cached per
requirements hash, and the zip is rebuilt only when dependencies or ``core`` change.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REQUIREMENTS = ROOT / "layers" / "requirements.txt"
CORE = ROOT / "layers" / "python" / "core"
WHEELS = ROOT / ".local" / "wheels"
BUILD = ROOT / "build"
DEPENDENCIES = BUILD / "layer-dependencies"
STAGING = BUILD / "layer"
LAYER_ZIP = BUILD / "layer.zip"

# Lambda's python3.11 runtime runs Amazon Linux 2 (glibc 2.26): manylinux wheels up to 2.26.
TARGET = [
    "--platform=manylinux2014_x86_64",
    "--platform=manylinux_2_24_x86_64",
    "--platform=manylinux_2_26_x86_64",
    "--implementation=cp",
    "--python-version=3.11",
    "--only-binary=:all:",
]
DIST_INFO_KEPT = {"METADATA", "entry_points.txt", "top_level.txt"}
"""``importlib.metadata`` needs METADATA; RECORD and the installer's notes are dead weight."""
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
BYTECODE = "cpython-311 unchecked-hash"
"""Lambda's ``/opt`` and ``/var/task`` are read-only: Python cannot cache bytecode there, so
without ``.pyc`` files in the zips every cold start compiles every module it imports. The
zips carry CPython 3.11 bytecode that is used without checking the source (the sources
beside it never change), so a cold start only loads it."""


def compile_bytecode(directory: Path) -> None:
    """Write ``__pycache__/*.cpython-311.pyc`` (unchecked hash) for every module under
    ``directory``; nothing when packaging with another Python (its bytecode is useless to
    Lambda's python3.11)."""
    import compileall
    import py_compile

    if sys.version_info[:2] != (3, 11):
        print(f"warning: Python {sys.version_info[:2]} cannot compile for python3.11; no bytecode")
        return
    compileall.compile_dir(
        directory,
        quiet=2,
        invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
        workers=0,
    )


def build_layer(log: bool = True) -> Path:
    """``build/layer.zip``, rebuilt only if the requirements or ``core`` changed."""
    dependencies = installed_dependencies(log)
    digest = hashlib.sha256(dependencies.name.encode() + BYTECODE.encode())
    for path in sorted(_files(CORE)):
        digest.update(str(path.relative_to(CORE)).encode() + b"\0" + path.read_bytes())
    stamp = LAYER_ZIP.with_suffix(".sha256")
    if LAYER_ZIP.exists() and stamp.exists() and stamp.read_text() == digest.hexdigest():
        return LAYER_ZIP
    if log:
        print("Building the layer: dependencies + layers/python/core", flush=True)
    shutil.rmtree(STAGING, ignore_errors=True)
    shutil.copytree(dependencies / "python", STAGING / "python", symlinks=False)
    shutil.copytree(CORE, STAGING / "python" / "core", ignore=_ignored)
    compile_bytecode(STAGING / "python")
    _write_zip(STAGING, LAYER_ZIP)
    stamp.write_text(digest.hexdigest())
    return LAYER_ZIP


def requirements_key() -> str:
    digest = hashlib.sha256(REQUIREMENTS.read_bytes())
    digest.update(" ".join(TARGET).encode())
    return digest.hexdigest()[:16]


def downloaded_wheels(log: bool = True) -> Path:
    """``.local/wheels`` with every pinned wheel (the only step that needs the network)."""
    stamp = WHEELS / f".downloaded-{requirements_key()}"
    if not stamp.exists():
        if log:
            print(f"Downloading the layer's wheels into {WHEELS}", flush=True)
        WHEELS.mkdir(parents=True, exist_ok=True)
        _pip("download", "--no-deps", *TARGET, "-r", str(REQUIREMENTS), "-d", str(WHEELS))
        stamp.touch()
    return WHEELS


def installed_dependencies(log: bool = True) -> Path:
    """``build/layer-dependencies/<key>/python``: the requirements installed from the wheels."""
    target = DEPENDENCIES / requirements_key()
    if (target / ".complete").exists():
        return target
    wheels = downloaded_wheels(log)
    shutil.rmtree(target, ignore_errors=True)
    _pip(
        "install",
        "--no-deps",
        "--no-index",
        "--no-compile",
        f"--find-links={wheels}",
        f"--target={target / 'python'}",
        *TARGET,
        "-r",
        str(REQUIREMENTS),
    )
    prune(target / "python")
    (target / ".complete").touch()
    return target


def prune(site: Path) -> None:
    """Drop what never runs on Lambda: the installer's bytecode (timestamp-checked, compiled
    again by ``compile_bytecode``), source maps, console scripts and the installer's records."""
    shutil.rmtree(site / "bin", ignore_errors=True)
    for cache in list(site.rglob("__pycache__")):
        shutil.rmtree(cache, ignore_errors=True)
    for path in list(site.rglob("*.map")) + list(site.rglob("*.pyc")):
        path.unlink()
    for dist_info in site.glob("*.dist-info"):
        for entry in dist_info.iterdir():
            if entry.name in DIST_INFO_KEPT:
                continue
            if entry.is_dir():
                shutil.rmtree(entry)
            else:
                entry.unlink()


def _pip(*arguments: str) -> None:
    command = [sys.executable, "-m", "pip", "--disable-pip-version-check", *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise subprocess.CalledProcessError(result.returncode, command)


def _ignored(directory: str, entries: list[str]) -> list[str]:
    return [name for name in entries if name == "__pycache__" or name.endswith((".pyc", ".map"))]


def _files(root: Path) -> Iterator[Path]:
    for path in root.rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            yield path


def _write_zip(root: Path, destination: Path) -> None:
    """A reproducible zip (sorted entries, fixed dates), so unchanged content keeps its hash."""
    partial = destination.with_suffix(".zip.partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        for path in sorted(root.rglob("*")):
            if not path.is_file():
                continue
            info = zipfile.ZipInfo(str(path.relative_to(root)), date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=6)
    partial.replace(destination)
