"""The REST API function: Chalice blueprints, one module per resource."""
