"""Where each stream function is in each shard, kept on disk so a restart resumes exactly.

One JSON file per function under ``<state-dir>/checkpoints/``, replaced atomically after
every batch. A file written for another stream (the table was recreated, or DynamoDB
Local ran in memory) is ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class ShardState:
    sequence_number: str | None = None
    """The last record fully processed (or discarded to the failure log)."""
    finished: bool = False
    """A closed shard read to its end."""


@dataclass
class StreamCheckpoint:
    stream_arn: str
    shards: dict[str, ShardState] = field(default_factory=dict)

    def position(self, shard_id: str) -> dict[str, str]:
        """``GetShardIterator`` arguments that resume right after the checkpoint."""
        state = self.shards.get(shard_id)
        if state is not None and state.sequence_number is not None:
            return {
                "ShardIteratorType": "AFTER_SEQUENCE_NUMBER",
                "SequenceNumber": state.sequence_number,
            }
        return {"ShardIteratorType": "TRIM_HORIZON"}

    def advance(self, shard_id: str, sequence_number: str) -> None:
        self.shards.setdefault(shard_id, ShardState()).sequence_number = sequence_number

    def finish(self, shard_id: str) -> None:
        self.shards.setdefault(shard_id, ShardState()).finished = True

    def is_finished(self, shard_id: str) -> bool:
        state = self.shards.get(shard_id)
        return state is not None and state.finished

    def pollable(self, shards: Sequence[dict[str, Any]]) -> list[str]:
        """Shards to read now: unfinished ones whose parent is finished or no longer listed,
        so that an item's records in a child shard never overtake those in its parent."""
        listed = {shard["ShardId"] for shard in shards}
        ready = []
        for shard in shards:
            shard_id = shard["ShardId"]
            parent = shard.get("ParentShardId")
            if self.is_finished(shard_id):
                continue
            if parent is None or parent not in listed or self.is_finished(parent):
                ready.append(shard_id)
        return ready

    def to_json(self) -> dict[str, Any]:
        return {
            "stream_arn": self.stream_arn,
            "shards": {
                shard_id: {"sequence_number": state.sequence_number, "finished": state.finished}
                for shard_id, state in self.shards.items()
            },
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> StreamCheckpoint:
        shards = {
            shard_id: ShardState(state.get("sequence_number"), bool(state.get("finished")))
            for shard_id, state in data.get("shards", {}).items()
        }
        return cls(str(data["stream_arn"]), shards)


class CheckpointStore:
    def __init__(self, directory: Path, function_name: str):
        self.path = directory / f"{function_name}.json"

    def load(self, stream_arn: str) -> StreamCheckpoint | None:
        """The saved checkpoint for ``stream_arn``, or None if there is none for that stream."""
        try:
            checkpoint = StreamCheckpoint.from_json(json.loads(self.path.read_text()))
        except (OSError, ValueError, KeyError, AttributeError):
            return None
        return checkpoint if checkpoint.stream_arn == stream_arn else None

    def save(self, checkpoint: StreamCheckpoint) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=self.path.name, suffix=".tmp")
        try:
            with os.fdopen(fd, "w") as file:
                json.dump(checkpoint.to_json(), file)
            os.replace(temporary, self.path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
