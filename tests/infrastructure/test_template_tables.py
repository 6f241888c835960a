"""Every table of infra/tables.py is in the packaged template, exactly as specified."""

from __future__ import annotations

import pytest

from infra.tables import TABLES

pytestmark = pytest.mark.packaged


def _keys(schema: list[dict[str, str]]) -> dict[str, str]:
    return {item["KeyType"]: item["AttributeName"] for item in schema}


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.key)
def test_every_table_is_created_from_its_spec(template, spec):
    resource = template["Resources"][spec.logical_id]
    assert resource["Type"] == "AWS::DynamoDB::Table"
    properties = resource["Properties"]
    assert properties["TableName"] == spec.physical_name("dev")
    assert properties["BillingMode"] == "PAY_PER_REQUEST"
    expected_keys = {"HASH": spec.hash_key}
    if spec.range_key:
        expected_keys["RANGE"] = spec.range_key
    assert _keys(properties["KeySchema"]) == expected_keys
    assert {a["AttributeName"]: a["AttributeType"] for a in properties["AttributeDefinitions"]} == (
        spec.attributes
    )
    indexes = {i["IndexName"]: i for i in properties.get("GlobalSecondaryIndexes", [])}
    assert set(indexes) == {index.name for index in spec.indexes}
    for index in spec.indexes:
        expected = {"HASH": index.hash_key} | (
            {"RANGE": index.range_key} if index.range_key else {}
        )
        assert _keys(indexes[index.name]["KeySchema"]) == expected
        assert indexes[index.name]["Projection"] == {"ProjectionType": "ALL"}


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.key)
def test_streams_ttl_and_point_in_time_recovery(template, spec):
    properties = template["Resources"][spec.logical_id]["Properties"]
    if spec.stream:
        assert properties["StreamSpecification"] == {"StreamViewType": spec.stream}
    else:
        assert "StreamSpecification" not in properties
    if spec.ttl_attribute:
        assert properties["TimeToLiveSpecification"] == {
            "AttributeName": spec.ttl_attribute,
            "Enabled": True,
        }
    else:
        assert "TimeToLiveSpecification" not in properties
    assert properties["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}


def test_the_contacts_stream_carries_old_and_new_images(template):
    properties = template["Resources"]["ContactsTable"]["Properties"]
    assert properties["StreamSpecification"]["StreamViewType"] == "NEW_AND_OLD_IMAGES"


@pytest.mark.parametrize("spec", TABLES, ids=lambda spec: spec.key)
def test_prod_tables_are_protected_and_retained(prod_template, spec):
    resource = prod_template["Resources"][spec.logical_id]
    assert resource["Properties"]["DeletionProtectionEnabled"] is True
    assert resource["DeletionPolicy"] == "Retain"
    assert resource["UpdateReplacePolicy"] == "Retain"
    assert resource["Properties"]["TableName"] == spec.physical_name("prod")


def test_dev_tables_can_be_deleted(template):
    for spec in TABLES:
        resource = template["Resources"][spec.logical_id]
        assert resource["Properties"]["DeletionProtectionEnabled"] is False
        assert resource["DeletionPolicy"] == "Delete"


def test_the_signing_secret_is_generated_long_enough_and_kept_in_prod(template, prod_template):
    secret = template["Resources"]["JwtSigningSecret"]
    assert secret["Type"] == "AWS::SecretsManager::Secret"
    assert secret["Properties"]["GenerateSecretString"]["PasswordLength"] >= 64
    assert secret["Properties"]["GenerateSecretString"]["ExcludePunctuation"] is True
    assert prod_template["Resources"]["JwtSigningSecret"]["DeletionPolicy"] == "Retain"
