"""The change history of contacts, recorded from the contacts table's stream."""
