"""How a function learns a table's physical name: from the environment variable named after
the table's logical key (``infra/tables.py``). Imports nothing: the packager and the
embedded runtime read it before ``layers/python`` is on the path."""

from __future__ import annotations


def table_variable(table_key: str) -> str:
    """``contact_terms`` → ``CONTACT_TERMS_TABLE``."""
    return f"{table_key.upper()}_TABLE"
