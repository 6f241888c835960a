"""The activity consumer: derived writes from the social tables' and the socket registry's
streams (notifications, presence, the shared-books clean-up)."""
