"""The stream-triggered function that records every change of a contact."""
