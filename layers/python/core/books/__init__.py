"""Address books and their members (owner, editors, viewers)."""
