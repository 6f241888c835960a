"""The social graph: connection requests ("interests") and the connections they create."""
