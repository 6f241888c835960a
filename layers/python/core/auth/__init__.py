"""Authentication: password hashing, access tokens, rotating refresh tokens."""
