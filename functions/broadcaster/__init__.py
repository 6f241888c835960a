"""The broadcaster: turns the contacts table's stream into events pushed to WebSocket clients."""
