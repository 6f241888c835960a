"""User accounts: registration, profiles, uniqueness of usernames and emails."""
