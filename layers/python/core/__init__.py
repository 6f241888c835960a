"""Shared domain, data access and event code, shipped to every function in the Lambda layer."""
