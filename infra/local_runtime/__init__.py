"""The embedded local runtime: the Chalice app's REST API, WebSocket API and DynamoDB
stream functions, each function in worker processes of its own as on Lambda, behind
emulated API Gateway APIs, on DynamoDB Local.

Run it with ``make run`` or ``python -m infra.local_runtime [options]``:

=========================  =======================  ============================================
option                     environment variable     default
=========================  =======================  ============================================
``--rest-port N``          ``LOCAL_REST_PORT``      8000 (REST API, http://127.0.0.1:8000)
``--ws-port N``            ``LOCAL_WS_PORT``        8001 (WebSocket API and ``@connections``)
``--dynamodb-port N``      ``LOCAL_DYNAMODB_PORT``  8002 (DynamoDB Local and its streams)
``--state-dir DIR``        ``LOCAL_STATE_DIR``      ``.local`` (data in ``.local/data``)
``--in-memory``                                     keep DynamoDB Local's data in memory only
``--stage NAME``                                    ``local`` (stage of ``.chalice/config.json``)
``--app-module M``                                  ``app`` (module defining the Chalice app)
``--app-attribute A``                               ``app``
``--app-dir DIR``                                   the project root
``--project-dir DIR``                               the repository root
``--host H``                                        127.0.0.1
``--idle-timeout S``                                600 (WebSocket idle timeout, seconds)
``--integration-timeout S``                         29 (REST: 504 if the function hasn't answered)
``--poll-interval-ms MS``                           25 (first idle wait per shard; doubles to 100)
``--max-concurrency N``                             4 (worker processes per function at most)
``--verbose``                                       also log events, results, libraries' INFO
=========================  =======================  ============================================

Modules, one job each: ``settings`` (options), ``environment`` (the functions' environment),
``dynamodb_local`` (the JVM), ``app_loader`` (the app's functions), ``lambda_context`` +
``zygote`` + ``worker`` + ``workers`` + ``invoker`` (execution environments: the worker
factory, a worker's loop, a function's workers, one log line per invocation), ``logs``
(the log's handler and filter), ``routing`` + ``rest_events`` + ``authorizer`` +
``authorizer_cache`` + ``rest_authorizers`` + ``gateway_errors`` + ``rest_answers`` +
``rest_gateway`` (REST API), ``ws_events`` + ``ws_frames`` + ``ws_gateway`` +
``signatures`` + ``connections_api`` (WebSocket API and ``@connections``),
``stream_events`` + ``batches`` + ``checkpoints`` + ``failure_log`` + ``stream_reader`` +
``stream_poller`` (stream functions), ``processes`` (children that die with us),
``assembly`` + ``banner`` + ``runtime`` + ``main`` (lifecycle), ``testing`` +
``testing_support`` + ``runtime_process`` (start it as a subprocess from tests and
benchmarks). See README.md.
"""
