"""API models: the JSON shapes of requests and responses (separate from domain models)."""
