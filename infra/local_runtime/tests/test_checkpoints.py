from __future__ import annotations

from pathlib import Path

from infra.local_runtime.checkpoints import CheckpointStore, StreamCheckpoint

ARN = "arn:aws:dynamodb:ddblocal:000000000000:table/t/stream/2026-01-01T00:00:00.000"


def test_resumes_after_the_last_processed_record_or_from_the_start() -> None:
    checkpoint = StreamCheckpoint(ARN)
    assert checkpoint.position("s1") == {"ShardIteratorType": "TRIM_HORIZON"}
    checkpoint.advance("s1", "000042")
    assert checkpoint.position("s1") == {
        "ShardIteratorType": "AFTER_SEQUENCE_NUMBER",
        "SequenceNumber": "000042",
    }


def test_children_wait_for_their_parent_to_be_read_to_its_end() -> None:
    shards = [
        {"ShardId": "parent"},
        {"ShardId": "child", "ParentShardId": "parent"},
        {"ShardId": "orphan", "ParentShardId": "trimmed-away"},
    ]
    checkpoint = StreamCheckpoint(ARN)
    assert checkpoint.pollable(shards) == ["parent", "orphan"]
    checkpoint.finish("parent")
    assert checkpoint.pollable(shards) == ["child", "orphan"]


def test_saves_and_loads_atomically(tmp_path: Path) -> None:
    store = CheckpointStore(tmp_path / "checkpoints", "fn")
    checkpoint = StreamCheckpoint(ARN)
    checkpoint.advance("s1", "7")
    checkpoint.finish("s0")
    store.save(checkpoint)
    assert [p.name for p in (tmp_path / "checkpoints").iterdir()] == ["fn.json"]
    loaded = store.load(ARN)
    assert loaded is not None
    assert loaded.to_json() == checkpoint.to_json()


def test_a_checkpoint_of_another_stream_or_a_damaged_file_is_ignored(tmp_path: Path) -> None:
    store = CheckpointStore(tmp_path, "fn")
    assert store.load(ARN) is None
    store.save(StreamCheckpoint(ARN))
    assert store.load(ARN.replace("2026", "2027")) is None
    store.path.write_text("{not json")
    assert store.load(ARN) is None
