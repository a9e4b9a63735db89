"""How `clinicbot run` talks HTTP to the Bot API: aiohttp behind PTB's `BaseRequest`, the
extension point PTB offers for this. PTB's default client (httpx) spent about 2.5 ms of CPU on
each call here against 0.4 ms for aiohttp: behind a webhook, most of what an update cost
(docs/BENCHMARKS.md, "Webhook path").

Everything above the HTTP exchange stays PTB's: it builds the request and turns the status and
body into RetryAfter, BadRequest, Forbidden… Below, failures are raised as PTB's own client
raises them: a timeout is TimedOut, any other failure of the connection NetworkError, which
bot/telegram/sending.py retries. Timeouts default to PTB's (connect 5 s, read 5 s, pool 1 s,
uploads 20 s); proxies come from the environment (HTTPS_PROXY…), as httpx read them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import aiohttp
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.telegram.incoming import without_unread

if TYPE_CHECKING:
    from telegram._utils.types import JSONDict, ODVInput  # the type of BaseRequest's own signature


class AiohttpRequest(BaseRequest):
    def __init__(self, connection_pool_size: int = 256, read_timeout: float = 5.0,
                 connect_timeout: float = 5.0, pool_timeout: float = 1.0,
                 media_write_timeout: float = 20.0) -> None:
        self._pool_size = connection_pool_size
        self._read, self._connect, self._pool = read_timeout, connect_timeout, pool_timeout
        self._media_write = media_write_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size), trust_env=True)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized")
        files = request_data.multipart_data if request_data else None
        fields = request_data.json_parameters if request_data else None
        data: aiohttp.FormData | dict[str, str] | None = fields
        if files:
            data = aiohttp.FormData(fields or {})
            for name, (filename, content, mimetype) in files.items():
                data.add_field(name, content, filename=filename, content_type=mimetype)
        read = _seconds(read_timeout, self._read)
        connect = _seconds(connect_timeout, self._connect)
        pool = _seconds(pool_timeout, self._pool)
        write = _seconds(write_timeout, self._media_write)
        # aiohttp has no write timeout: an upload is bounded as a whole instead; its `connect`
        # is the wait for a pooled connection and the connecting together.
        total = None if not files or write is None else write + (read or 0) + (connect or 0)
        timeout = aiohttp.ClientTimeout(
            total=total, connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect, sock_read=read)
        try:
            async with self._session.request(
                    method, url, data=data, timeout=timeout,
                    headers={"User-Agent": self.USER_AGENT}) as response:
                return response.status, await response.read()
        except TimeoutError as exc:  # aiohttp's timeouts are TimeoutErrors too
            raise TimedOut from exc
        except aiohttp.ClientError as exc:  # its text may hold the URL, and so the token
            reason = str(exc).replace(url, "the Bot API")
            raise NetworkError(f"aiohttp.{type(exc).__name__}: {reason}") from exc


def _seconds(given: ODVInput[float], default: float) -> float | None:
    """The timeout a caller passed (None: no limit), else this client's own (PTB passes a
    `DefaultValue` for a timeout left unset)."""
    if given is None or isinstance(given, int | float):
        return given
    return default


class UpdatesRequest(AiohttpRequest):
    """The getUpdates connection: polled updates are read without what the bot never reads
    (bot/telegram/incoming.py), through the parsing hook PTB's `BaseRequest` offers."""

    @staticmethod
    def parse_json_payload(payload: bytes) -> JSONDict:
        data = BaseRequest.parse_json_payload(payload)
        if isinstance(result := data.get("result"), list):
            data["result"] = [without_unread(update) if isinstance(update, dict) else update
                              for update in result]
        return data
