"""Plumbing shared by the functions' handlers: error mapping, secrets, request parsing."""
