"""The service over HTTP: a Starlette application served by uvicorn (the ``http`` extra).

``POST /v1/<command>`` takes the JSON object of a request (without ``command``: the path names
it) and answers its response: HTTP 200 when ``ok``, 400 for bad input, 500 for an internal
error, 404 for an unknown command, 413 for a body over the limit, 504 for a request that takes
longer than the time limit. ``GET /v1/communes`` lists the reference communes and ``GET
/health`` says whether every policy file given at start still loads.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import signal
import socket
import sys
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from cantine_rules.cli import EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_OK
from cantine_rules.cli._errors import USAGE, error_object
from cantine_rules.errors import CantineRulesError, InvalidValueError
from cantine_rules.serve._requests import RequestError
from cantine_rules.serve._service import Service, request_id
from cantine_rules.serve._settings import HttpSettings

__all__ = ["WORKERS", "application", "serve_http"]

T = TypeVar("T")

WORKERS = 4
"""How many requests are worked on at once; the others wait for a free worker, within their
time limit. Answers are computed in Python, one core at a time, so more would not be faster."""

#: The HTTP status of each exit code of the command.
_STATUS = {EXIT_OK: 200, EXIT_BAD_INPUT: 400, EXIT_INTERNAL: 500}


def _refusal(
    status: int, message: str, kind: str = USAGE, ident: object = None, field: str | None = None
) -> JSONResponse:
    error = {"kind": kind, "message": message, "field": field}
    return JSONResponse({"id": ident, "ok": False, "error": error}, status_code=status)


class _Workers:
    """Runs answers in daemon threads, at most [`WORKERS`][] at once.

    A request past its time limit is answered 504 at once; its thread is left to finish (a
    thread cannot be stopped) and keeps its worker until it does, so abandoned work never
    piles up beyond the bound. Being daemons, such threads never delay the end of the service.
    """

    def __init__(self, count: int) -> None:
        self._count = count
        self._slots: asyncio.Semaphore | None = None

    async def run(self, work: Callable[..., T], *args: Any) -> T:
        loop = asyncio.get_running_loop()
        if self._slots is None:  # made in the server's loop, where it is awaited
            self._slots = asyncio.Semaphore(self._count)
        slots = self._slots
        await slots.acquire()
        done: asyncio.Future[T] = loop.create_future()

        def finish(result: T | None, error: BaseException | None) -> None:
            slots.release()
            if done.done():  # abandoned after its time limit
                return
            if error is not None:
                done.set_exception(error)
            else:
                done.set_result(result)  # type: ignore[arg-type]

        def thread() -> None:
            result: T | None = None
            error: BaseException | None = None
            try:
                result = work(*args)
            except BaseException as caught:
                error = caught
            with contextlib.suppress(RuntimeError):  # the service has stopped meanwhile
                loop.call_soon_threadsafe(finish, result, error)

        threading.Thread(target=thread, name="cantine-rules answer", daemon=True).start()
        return await done


def application(service: Service, settings: HttpSettings) -> Starlette:
    """The Starlette application answering *service*'s requests within *settings*' limits."""
    workers = _Workers(WORKERS)
    limit = settings.timeout

    async def answered(request: object, command: str) -> JSONResponse:
        ident = request_id(request)
        try:
            async with asyncio.timeout(limit):
                answer, code = await workers.run(service.answer, request, command)
        except TimeoutError:
            return _refusal(504, f"request: took longer than {limit:g} s", "TimeoutError", ident)
        return JSONResponse(answer, status_code=_STATUS.get(code, 500))

    async def command(request: Request) -> Response:
        name = request.path_params["command"]
        if name not in service.requests.commands:
            known = ", ".join(service.requests.commands)
            return _refusal(404, f"command: unknown {name!r}; known: {known}", field="command")
        declared = request.headers.get("content-length", "0")
        if not (declared.isascii() and declared.isdigit()):
            return _refusal(400, "request: Content-Length is not a whole number")
        if int(declared) > settings.max_body:
            return _refusal(413, f"request: larger than {settings.max_body} bytes")
        body = bytearray()
        async for chunk in request.stream():  # a chunked body declares no length
            body += chunk
            if len(body) > settings.max_body:
                return _refusal(413, f"request: larger than {settings.max_body} bytes")
        if not body.strip():
            body = bytearray(b"{}")  # POST /v1/communes with no body
        try:
            parsed = service.read(bytes(body))
        except RequestError as error:
            return JSONResponse({"id": None, "ok": False, "error": error.error}, status_code=400)
        return await answered(parsed, name)

    async def communes(_request: Request) -> Response:
        return await answered({}, "communes")

    async def health(_request: Request) -> Response:
        try:
            async with asyncio.timeout(limit):
                policies = await workers.run(_policies, service)
        except TimeoutError:
            return JSONResponse({"status": "error", "policies": []}, status_code=503)
        healthy = all(policy["ok"] for policy in policies)
        return JSONResponse(
            {"status": "ok" if healthy else "error", "policies": policies},
            status_code=200 if healthy else 503,
        )

    async def refused(_request: Request, error: Exception) -> Response:
        assert isinstance(error, HTTPException)
        return _refusal(error.status_code, f"request: {error.detail}")

    return Starlette(
        routes=[
            Route("/health", health, methods=["GET"]),
            Route("/v1/communes", communes, methods=["GET"]),
            Route("/v1/{command}", command, methods=["POST"]),
        ],
        exception_handlers={HTTPException: refused},
    )


def _policies(service: Service) -> list[dict[str, Any]]:
    """Each policy file given at start: whether it loads (again, if it changed)."""
    states: list[dict[str, Any]] = []
    for path in service.policies:
        try:
            policy = service.loader.get(path, field="--policy")
        except CantineRulesError as error:
            states.append(
                {"path": path, "ok": False, "commune": None, "error": error_object(error)}
            )
        else:
            states.append({"path": path, "ok": True, "commune": policy.slug, "error": None})
    return states


def listen(settings: HttpSettings) -> socket.socket:
    """A socket listening on the settings' address and port.

    Raises:
        InvalidValueError: the address cannot be listened on (named ``--host`` or ``--port``).
    """
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    try:
        return socket.create_server((settings.host, settings.port), family=family)
    except OSError as error:
        # A port in use or reserved is the port's fault; an address not of this machine, the host's.
        option = "--port" if error.errno in (errno.EADDRINUSE, errno.EACCES) else "--host"
        reason = error.strerror or str(error)
        where = f"{settings.host}:{settings.port}"
        raise InvalidValueError(option, where, f"cannot be listened on ({reason})") from None


def serve_http(service: Service, settings: HttpSettings) -> int:
    """Serves *service* over HTTP until the process is asked to stop; the exit code.

    It says where it listens on standard error (``listening on http://127.0.0.1:8000``), then
    answers until SIGINT or SIGTERM, finishing the requests under way.
    """
    try:
        server_socket = listen(settings)
    except InvalidValueError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    host, port = server_socket.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    config = uvicorn.Config(
        application(service, settings),
        lifespan="off",
        log_level="warning",
        access_log=False,
        server_header=False,
        limit_concurrency=100,
        timeout_keep_alive=5,
    )
    server = uvicorn.Server(config)
    print(f"cantine-rules serve: listening on http://{shown}:{port}", file=sys.stderr, flush=True)
    if threading.current_thread() is threading.main_thread():
        # uvicorn stops on SIGTERM, then raises it again for the handler it found: let that
        # be a quiet one, so that stopping the service is an ordinary exit.
        signal.signal(signal.SIGTERM, lambda _signal, _frame: None)
    try:
        server.run(sockets=[server_socket])
    except KeyboardInterrupt:  # SIGINT, raised again by uvicorn once it has stopped
        pass
    finally:
        server_socket.close()
    return EXIT_OK
