"""The built zips really ship the code: unpacked into a clean interpreter (stdlib + the
function zip + the layer + boto3 as the Lambda runtime provides it), every handler named in
the template imports. And the templates pass cfn-lint."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from infra.lambda_layout import unpack
from infra.package import FUNCTION_ZIP_BUDGET, LAYER_BUDGET
from tests.infrastructure.queries import functions

pytestmark = pytest.mark.packaged

IMPORT_HANDLERS = """
import importlib, json, sys
task, opt, handlers = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
for handler in handlers:
    module_name, _, attribute = handler.rpartition(".")
    module = importlib.import_module(module_name)
    assert callable(getattr(module, attribute)), handler
# The REST function registers its routes on its first request: load them too.
assert sys.modules["app"].app.routes
shown = ("app", "functions", "core", "chalice", "pydantic")
origins = {name: sys.modules[name].__file__ for name in shown}
print(json.dumps(origins))
"""


@pytest.fixture(scope="module")
def unpacked(dev_package, tmp_path_factory):
    root = tmp_path_factory.mktemp("lambda")
    unpack(dev_package.function_zip, dev_package.layer_zip, root)
    return root


def test_every_handler_imports_from_the_unpacked_artifacts(template, unpacked):
    handlers = sorted({f["Properties"]["Handler"] for f in functions(template).values()})
    assert "app.app" in handlers
    paths = [unpacked / "task", unpacked / "opt" / "python", unpacked / "runtime"]
    script = f"import sys; sys.path[:0] = {[str(p) for p in paths]!r}\n" + IMPORT_HANDLERS
    environment = {"PATH": os.environ.get("PATH", ""), "AWS_DEFAULT_REGION": "us-east-1"}
    result = subprocess.run(
        [sys.executable, "-I", "-S", "-c", script, "task", "opt", json.dumps(handlers)],
        capture_output=True,
        text=True,
        env=environment,
        cwd=unpacked,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    origins = json.loads(result.stdout.strip().splitlines()[-1])
    assert origins["app"].startswith(str(unpacked / "task"))
    assert origins["functions"].startswith(str(unpacked / "task" / "functions"))
    assert origins["chalice"].startswith(str(unpacked / "task"))
    assert origins["core"].startswith(str(unpacked / "opt" / "python" / "core"))
    assert origins["pydantic"].startswith(str(unpacked / "opt" / "python"))


def assert_bytecode_for_lambda(archive: zipfile.ZipFile, under: str = "") -> None:
    """Every module under ``under`` has CPython 3.11 bytecode beside it, used without
    checking the source (Lambda cannot write a cache); no other bytecode."""
    names = set(archive.namelist())
    compiled = {n for n in names if n.endswith(".pyc")}
    assert all(n.endswith(".cpython-311.pyc") and "/__pycache__/" in f"/{n}" for n in compiled)
    for module in (n for n in names if n.endswith(".py") and n.startswith(under)):
        folder, _, stem = module[:-3].rpartition("/")
        pyc = f"{folder}/__pycache__/{stem}.cpython-311.pyc".lstrip("/")
        assert pyc in compiled, f"no bytecode for {module}"
        header = archive.read(pyc)[:8]
        assert header[:4] == importlib.util.MAGIC_NUMBER
        assert int.from_bytes(header[4:8], "little") == 0b01  # hash-based, unchecked


def test_the_function_zip_holds_the_app_and_functions_only(dev_package):
    names = zipfile.ZipFile(dev_package.function_zip).namelist()
    assert "app.py" in names
    assert "functions/__init__.py" in names
    assert_bytecode_for_lambda(zipfile.ZipFile(dev_package.function_zip))
    assert not [n for n in names if n.startswith(("core/", "pydantic/", "boto3/"))]
    assert dev_package.function_zip.stat().st_size < FUNCTION_ZIP_BUDGET


def test_the_layer_holds_core_and_dependencies_without_bloat(dev_package):
    names = zipfile.ZipFile(dev_package.layer_zip).namelist()
    assert all(name.startswith("python/") for name in names)
    assert "python/core/__init__.py" in names
    assert "python/pydantic_core/__init__.py" in names
    assert not [n for n in names if n.endswith(".map")]
    assert_bytecode_for_lambda(zipfile.ZipFile(dev_package.layer_zip), "python/core/")
    assert not [n for n in names if ".dist-info/" in n and n.endswith("/RECORD")]
    assert not [n for n in names if n.startswith(("python/boto3/", "python/botocore/"))]
    assert dev_package.layer_zip.stat().st_size < LAYER_BUDGET


@pytest.mark.parametrize("stage_package", ["dev_package", "prod_package"])
def test_the_packaged_template_passes_cfn_lint(request, stage_package):
    package = request.getfixturevalue(stage_package)
    cfn_lint = Path(sys.executable).with_name("cfn-lint")
    result = subprocess.run(
        [str(cfn_lint), str(package.template)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
