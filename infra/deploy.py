"""``make deploy`` / ``destroy`` / ``deploy-emulator``: the packaged template as the
CloudFormation stack ``addressbook-<stage>``, on AWS or on an emulator (MiniStack, LocalStack).

Like ``aws cloudformation package`` + ``deploy``, with boto3 only: the zips go to the
artifacts bucket under their content hash, the template follows (it is too large to pass
inline), then a change set is created and executed and the stack's outputs are printed.

    python -m infra.deploy deploy --stage dev --bucket my-artifacts [--region eu-west-1]
    python -m infra.deploy deploy --stage dev --bucket addressbook-artifacts-dev \\
        --create-bucket --endpoint-url http://localhost:4566 --target ministack \\
        --endpoints-file build/emulator/endpoints.json
    python -m infra.deploy destroy --stage dev

On an emulator the template parameter ``EmulatorEndpoint`` is where the *functions* reach it
(``--functions-endpoint``, default ``--endpoint-url``): the same for MiniStack run from pip,
whose functions are processes on this machine; another name when they run in containers.
``--endpoints-file`` writes what clients need (``infra/deployed.py``) once the REST API
answers.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from infra.deployed import client_endpoints, wait_until_ready, write_endpoints
from infra.tables import APP_NAME
from infra.template.names import EMULATOR_ENDPOINT_PARAMETER, TARGET_PARAMETER, TARGETS

CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"]
LOCAL_ARTIFACTS = {
    "AWS::Serverless::Function": "CodeUri",
    "AWS::Serverless::LayerVersion": "ContentUri",
}
NO_CHANGES = ("didn't contain changes", "No updates are to be performed")


def stack_name(stage: str) -> str:
    return f"{APP_NAME}-{stage}"


def upload_artifacts(
    template: dict[str, Any], directory: Path, s3: Any, bucket: str, prefix: str
) -> dict[str, Any]:
    """A copy of ``template`` whose local code paths are uploaded and replaced by S3 URIs."""
    result = copy.deepcopy(template)
    for resource in result["Resources"].values():
        prop = LOCAL_ARTIFACTS.get(resource["Type"])
        properties = resource.get("Properties", {})
        location = properties.get(prop) if prop else None
        if not isinstance(location, str) or location.startswith("s3://"):
            continue
        path = (directory / location).resolve()
        key = f"{prefix}/{_sha256(path)}{path.suffix}"
        if not _exists(s3, bucket, key):
            s3.upload_file(str(path), bucket, key)
        properties[prop] = f"s3://{bucket}/{key}"
    return result


def upload_template(
    template: dict[str, Any], s3: Any, bucket: str, prefix: str, region: str, endpoint: str | None
) -> str:
    body = json.dumps(template, indent=1, sort_keys=True).encode()
    key = f"{prefix}/{hashlib.sha256(body).hexdigest()}.template.json"
    s3.put_object(Bucket=bucket, Key=key, Body=body)
    if endpoint:
        return f"{endpoint.rstrip('/')}/{bucket}/{key}"
    return f"https://{bucket}.s3.{region}.amazonaws.com/{key}"


def deploy_stack(
    cloudformation: Any, name: str, template_url: str, parameters: dict[str, str], stage: str
) -> dict[str, str]:
    """Create or update the stack through a change set; returns its outputs."""
    status = _stack_status(cloudformation, name)
    if status == "ROLLBACK_COMPLETE":
        print(f"{name} failed to create earlier; deleting it before creating it again")
        cloudformation.delete_stack(StackName=name)
        cloudformation.get_waiter("stack_delete_complete").wait(StackName=name)
        status = None
    change_set_type = "CREATE" if status is None else "UPDATE"
    change_set = f"{name}-{int(time.time())}"
    cloudformation.create_change_set(
        StackName=name,
        ChangeSetName=change_set,
        ChangeSetType=change_set_type,
        TemplateURL=template_url,
        Capabilities=CAPABILITIES,
        Parameters=[{"ParameterKey": k, "ParameterValue": v} for k, v in parameters.items()],
        Tags=[{"Key": "app", "Value": APP_NAME}, {"Key": "stage", "Value": stage}],
    )
    description = _wait_for_change_set(cloudformation, name, change_set)
    if description["Status"] == "FAILED":
        reason = description.get("StatusReason", "")
        if any(marker in reason for marker in NO_CHANGES):
            print(f"{name}: no changes")
            cloudformation.delete_change_set(StackName=name, ChangeSetName=change_set)
            return _outputs(cloudformation, name)
        raise RuntimeError(f"change set for {name} failed: {reason}")
    print(f"{name}: {change_set_type.lower()} with {len(description.get('Changes', []))} changes")
    cloudformation.execute_change_set(StackName=name, ChangeSetName=change_set)
    waiter = "stack_create_complete" if change_set_type == "CREATE" else "stack_update_complete"
    cloudformation.get_waiter(waiter).wait(StackName=name, WaiterConfig={"Delay": 10})
    return _outputs(cloudformation, name)


def destroy_stack(cloudformation: Any, name: str) -> None:
    if _stack_status(cloudformation, name) is None:
        print(f"{name} does not exist")
        return
    cloudformation.delete_stack(StackName=name)
    cloudformation.get_waiter("stack_delete_complete").wait(StackName=name)
    print(f"{name} deleted (tables and the secret of a protected stage are retained)")


def _wait_for_change_set(cloudformation: Any, name: str, change_set: str) -> dict[str, Any]:
    while True:
        description: dict[str, Any] = cloudformation.describe_change_set(
            StackName=name, ChangeSetName=change_set
        )
        if description["Status"] in ("CREATE_COMPLETE", "FAILED"):
            return description
        time.sleep(2)


def _stack_status(cloudformation: Any, name: str) -> str | None:
    try:
        stacks = cloudformation.describe_stacks(StackName=name)["Stacks"]
    except Exception as error:  # botocore ClientError: "Stack with id ... does not exist"
        if "does not exist" in str(error):
            return None
        raise
    return str(stacks[0]["StackStatus"]) if stacks else None


def _outputs(cloudformation: Any, name: str) -> dict[str, str]:
    stack = cloudformation.describe_stacks(StackName=name)["Stacks"][0]
    return {item["OutputKey"]: item["OutputValue"] for item in stack.get("Outputs", [])}


def _exists(s3: Any, bucket: str, key: str) -> bool:
    try:
        s3.head_object(Bucket=bucket, Key=key)
    except Exception:
        return False
    return True


def _ensure_bucket(s3: Any, bucket: str, region: str) -> None:
    if _bucket_exists(s3, bucket):
        return
    if region == "us-east-1":
        s3.create_bucket(Bucket=bucket)
    else:
        s3.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})


def _bucket_exists(s3: Any, bucket: str) -> bool:
    try:
        s3.head_bucket(Bucket=bucket)
    except Exception:
        return False
    return True


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _clients(region: str, endpoint: str | None) -> tuple[Any, Any]:
    import boto3
    from botocore.config import Config

    s3_config = Config(s3={"addressing_style": "path"}) if endpoint else None
    s3 = boto3.client("s3", region_name=region, endpoint_url=endpoint, config=s3_config)
    cloudformation = boto3.client("cloudformation", region_name=region, endpoint_url=endpoint)
    return s3, cloudformation


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Deploy or destroy addressbook-<stage>.")
    parser.add_argument("action", choices=["deploy", "destroy"])
    parser.add_argument("--stage", default=os.environ.get("STAGE", "dev"))
    parser.add_argument(
        "--region",
        default=os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1",
    )
    parser.add_argument("--endpoint-url", help="an emulator's, e.g. http://localhost:4566")
    parser.add_argument("--bucket", default=os.environ.get("ARTIFACTS_BUCKET"))
    parser.add_argument("--create-bucket", action="store_true")
    parser.add_argument("--target", choices=TARGETS, default="aws")
    parser.add_argument("--functions-endpoint", help="the emulator as functions reach it")
    parser.add_argument("--package-dir", type=Path, help="default build/<stage>")
    parser.add_argument("--endpoints-file", type=Path, help="write the clients' endpoints")
    parser.add_argument("--emulator-log", help="recorded in the endpoints file")
    arguments = parser.parse_args(argv)
    s3, cloudformation = _clients(arguments.region, arguments.endpoint_url)
    name = stack_name(arguments.stage)
    if arguments.action == "destroy":
        destroy_stack(cloudformation, name)
        return 0
    if not arguments.bucket:
        parser.error("deploy needs --bucket (or ARTIFACTS_BUCKET)")
    directory = arguments.package_dir or Path("build") / arguments.stage
    template = json.loads((directory / "sam.json").read_text())
    if arguments.create_bucket:
        _ensure_bucket(s3, arguments.bucket, arguments.region)
    prefix = f"{APP_NAME}/{arguments.stage}"
    uploaded = upload_artifacts(template, directory, s3, arguments.bucket, prefix)
    url = upload_template(
        uploaded, s3, arguments.bucket, prefix, arguments.region, arguments.endpoint_url
    )
    parameters = {TARGET_PARAMETER: arguments.target}
    functions_endpoint = arguments.functions_endpoint or arguments.endpoint_url
    if arguments.target != "aws" and functions_endpoint:
        parameters[EMULATOR_ENDPOINT_PARAMETER] = functions_endpoint.rstrip("/")
    outputs = deploy_stack(cloudformation, name, url, parameters, arguments.stage)
    for key, value in sorted(outputs.items()):
        print(f"  {key:<32} {value}")
    if arguments.endpoints_file:
        described = client_endpoints(
            outputs,
            target=arguments.target,
            stage=arguments.stage,
            region=arguments.region,
            stack=name,
            endpoint_url=arguments.endpoint_url,
            log=arguments.emulator_log,
        )
        waited = wait_until_ready(described["rest"])
        write_endpoints(arguments.endpoints_file, described)
        print(f"{described['rest']} answered after {waited:.1f} s; {arguments.endpoints_file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
