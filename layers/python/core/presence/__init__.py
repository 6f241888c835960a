"""Presence: whether a user has an open WebSocket, derived from the socket registry's stream."""
