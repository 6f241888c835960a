"""The WebSocket API functions: ``$connect``, ``$disconnect`` and ``$default`` (actions)."""
