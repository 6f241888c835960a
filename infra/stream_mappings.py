"""How stream-triggered functions consume their streams: one source of truth for the
packaged event source mappings and the embedded runtime's pollers."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StreamMappingSettings:
    maximum_retry_attempts: int = 5
    """Retries of a failing batch before its records go to the on-failure destination."""
    bisect_batch_on_function_error: bool = True
    maximum_record_age_seconds: int = 3600
    report_batch_item_failures: bool = True
    parallelization_factor: int = 1
    """1 keeps records of one item in order."""


STREAM_MAPPING = StreamMappingSettings()
