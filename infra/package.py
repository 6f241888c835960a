"""``make package``: one CloudFormation (SAM) template and its zips under ``build/<stage>/``.

1. ``vendor/functions -> ../functions``, so Chalice ships ``functions/`` beside ``app.py``
   (it packages app.py, chalicelib/ and vendor/, following symlinks only in vendor/).
2. The shared layer (``infra/layer.py``): dependencies + ``layers/python/core``.
3. ``chalice package`` once without a merge template, to learn the functions' logical ids.
4. The merge template (``infra/template``) from the table specs, the stream mapping
   settings, the stage and the app object; then ``chalice package --merge-template``;
   then what a merge cannot do (``infra.template.merge.finish_template``): Chalice's
   WebSocket deployment dropped (the stage deploys itself), the URL outputs replaced.

Usage: ``python -m infra.package --stage dev [--out build/dev]``. Needs no AWS account: a
region and dummy credentials are filled in when the environment has none.
"""

from __future__ import annotations

import argparse
import fcntl
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from infra.layer import BUILD, ROOT, ZIP_DATE, build_layer, compile_bytecode
from infra.template.names import LAYER_FILE
from infra.template.stages import stage_settings

FUNCTION_ZIP = "deployment.zip"
TEMPLATE_FILE = "sam.json"
MERGE_TEMPLATE_FILE = "merge-template.json"
FUNCTION_ZIP_BUDGET = 1024 * 1024
LAYER_BUDGET = 20 * 1024 * 1024
DUMMY_AWS = {
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ACCESS_KEY_ID": "packaging",
    "AWS_SECRET_ACCESS_KEY": "packaging",
}


@dataclass(frozen=True)
class Package:
    directory: Path
    template: Path
    function_zip: Path
    layer_zip: Path
    functions: tuple[str, ...]
    """Logical ids of every function in the template."""


def package(stage: str, out_dir: Path | None = None, log: bool = True) -> Package:
    stage_settings(stage)  # refuses the local stage before any work
    out = (out_dir or BUILD / stage).resolve()
    with _build_lock():
        link_functions_into_vendor()
        layer = build_layer(log)
        with tempfile.TemporaryDirectory(prefix="chalice-base-") as scratch:
            base_dir = Path(scratch) / "base"
            _chalice_package(stage, base_dir)
            base = json.loads((base_dir / TEMPLATE_FILE).read_text())
            merge = _merge_template(base, stage)
            merge_file = Path(scratch) / MERGE_TEMPLATE_FILE
            merge_file.write_text(json.dumps(merge, indent=2, sort_keys=True))
            shutil.rmtree(out, ignore_errors=True)
            _chalice_package(stage, out, merge_file)
            _finish_template(out / TEMPLATE_FILE, stage)
            shutil.copy2(merge_file, out / MERGE_TEMPLATE_FILE)
        with_bytecode(out / FUNCTION_ZIP)
        shutil.copy2(layer, out / LAYER_FILE)
    template = json.loads((out / TEMPLATE_FILE).read_text())
    functions = tuple(
        sorted(
            name
            for name, resource in template["Resources"].items()
            if resource["Type"] == "AWS::Serverless::Function"
        )
    )
    return Package(
        directory=out,
        template=out / TEMPLATE_FILE,
        function_zip=out / FUNCTION_ZIP,
        layer_zip=out / LAYER_FILE,
        functions=functions,
    )


def link_functions_into_vendor() -> None:
    """``vendor/functions -> ../functions`` (``vendor/`` is git-ignored)."""
    vendor = ROOT / "vendor"
    vendor.mkdir(exist_ok=True)
    link = vendor / "functions"
    if link.is_symlink() and os.readlink(link) == "../functions":
        return
    if link.is_symlink() or link.is_file():
        link.unlink()
    elif link.exists():
        shutil.rmtree(link)
    link.symlink_to("../functions", target_is_directory=True)


def with_bytecode(archive: Path) -> None:
    """Replace the ``__pycache__`` that ``functions/`` may hold locally with bytecode for
    Lambda (``infra.layer.compile_bytecode``) in the function zip."""
    with zipfile.ZipFile(archive) as source, tempfile.TemporaryDirectory() as scratch:
        kept = [e for e in source.infolist() if "__pycache__/" not in e.filename]
        sources = Path(scratch)
        for entry in kept:
            if entry.filename.endswith(".py"):
                source.extract(entry, sources)
        compile_bytecode(sources)
        partial = archive.with_suffix(".zip.partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as target:
            for entry in kept:
                target.writestr(entry, source.read(entry))
            for compiled in sorted(sources.rglob("*.pyc")):
                info = zipfile.ZipInfo(str(compiled.relative_to(sources)), ZIP_DATE)
                info.external_attr = 0o644 << 16
                target.writestr(info, compiled.read_bytes(), zipfile.ZIP_DEFLATED)
    partial.replace(archive)


def load_app() -> Any:
    """The Chalice app object, imported as Lambda would (``core`` from the layer path)."""
    for path in (str(ROOT), str(ROOT / "layers" / "python")):
        if path not in sys.path:
            sys.path.insert(0, path)
    return importlib.import_module("app").app


def _merge_template(base: dict[str, Any], stage: str) -> dict[str, Any]:
    app = load_app()
    from infra.template.merge import merge_template  # imports core: after load_app

    result: dict[str, Any] = merge_template(app, base, stage)
    return result


def _finish_template(path: Path, stage: str) -> None:
    from infra.template.merge import finish_template

    path.write_text(json.dumps(finish_template(json.loads(path.read_text()), stage), indent=2))


def _chalice_package(stage: str, out: Path, merge_template: Path | None = None) -> None:
    command = [
        sys.executable,
        "-c",
        "import sys; from chalice.cli import main; sys.exit(main())",
        "--project-dir",
        str(ROOT),
        "package",
        "--stage",
        stage,
    ]
    if merge_template is not None:
        command += ["--merge-template", str(merge_template)]
    command.append(str(out))
    environment = dict(os.environ)
    region = os.environ.get("AWS_DEFAULT_REGION") or os.environ.get("AWS_REGION")
    environment["AWS_DEFAULT_REGION"] = region or DUMMY_AWS["AWS_DEFAULT_REGION"]
    if not os.environ.get("AWS_ACCESS_KEY_ID"):  # chalice package calls no AWS API
        environment["AWS_ACCESS_KEY_ID"] = DUMMY_AWS["AWS_ACCESS_KEY_ID"]
        environment["AWS_SECRET_ACCESS_KEY"] = DUMMY_AWS["AWS_SECRET_ACCESS_KEY"]
    python_path = [str(ROOT / "layers" / "python"), str(ROOT)]
    if os.environ.get("PYTHONPATH"):
        python_path.append(os.environ["PYTHONPATH"])
    environment["PYTHONPATH"] = os.pathsep.join(python_path)
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True)
    if result.returncode != 0:
        sys.stderr.write(result.stdout + result.stderr)
        raise RuntimeError(f"chalice package failed for stage {stage}")


@contextmanager
def _build_lock() -> Iterator[None]:
    """One packaging at a time (parallel test workers share caches and Chalice's zip cache)."""
    BUILD.mkdir(exist_ok=True)
    with open(BUILD / ".package.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def report(result: Package) -> list[str]:
    """One line per artifact with its size against its budget."""
    shown = result.template.relative_to(ROOT) if _under_root(result) else result.template
    lines = [f"Packaged {shown}"]
    for label, path, budget, users in (
        ("function code", result.function_zip, FUNCTION_ZIP_BUDGET, ", ".join(result.functions)),
        ("layer", result.layer_zip, LAYER_BUDGET, "every function"),
    ):
        size = path.stat().st_size
        verdict = "ok" if size <= budget else "OVER BUDGET"
        lines.append(
            f"  {label:<14} {path.name:<15} {_human(size):>9}  "
            f"(budget {_human(budget)}, {verdict})  used by {users}"
        )
    return lines


def _under_root(result: Package) -> bool:
    return result.template.is_relative_to(ROOT)


def _human(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--stage", default=os.environ.get("STAGE", "dev"))
    parser.add_argument("--out", type=Path, help="output directory (default build/<stage>)")
    arguments = parser.parse_args(argv)
    try:
        result = package(arguments.stage, arguments.out)
    except (ValueError, RuntimeError) as error:  # a misdeclared function, table or stage
        print(f"error: {error}", file=sys.stderr)
        return 2
    print("\n".join(report(result)))
    over = result.function_zip.stat().st_size > FUNCTION_ZIP_BUDGET
    over = over or result.layer_zip.stat().st_size > LAYER_BUDGET
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
