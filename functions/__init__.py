"""Handler code, one package per Lambda function (the REST API, the WebSocket routes,
the stream consumers). Shared domain code lives in the layer package ``core``."""
