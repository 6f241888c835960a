"""Contacts in address books: validation, versions, search terms, import and export."""
