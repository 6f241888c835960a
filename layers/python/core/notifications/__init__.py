"""Stored notifications, derived from the stream (never written on the request path)."""
