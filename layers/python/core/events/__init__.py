"""Events pushed to WebSocket clients: typed models with a literal ``type``, built from
stream records, each with a declared audience (see ``registry``)."""
