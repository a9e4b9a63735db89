"""The webhook's door: python-telegram-bot's handler, refusing what it should not read.

PTB's tornado handler reads a whole body (tornado allows 100 MB) before it looks at the secret:
anyone who finds the URL can make the process hold 100 MB per request. Here the handler streams
the body, so its checks run on the headers alone: no secret or a wrong one is 403, a body over
`MAX_BODY` is 413 (also when it comes in chunks without a length), and only then is the body
read. Telegram's updates are a few kilobytes.

`install()` makes `Application.run_webhook` serve this handler.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from http import HTTPStatus

import tornado.web
from telegram import Bot
from telegram.ext import ExtBot, _updater
from telegram.ext._utils.webhookhandler import _LOGGER, TelegramHandler, WebhookAppClass

from bot.telegram.inbox import DurableQueue
from bot.telegram.incoming import parsed

MAX_BODY = 1024 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@tornado.web.stream_request_body
class GuardedHandler(TelegramHandler):
    """PTB's handler, with its checks moved before the body."""

    def prepare(self) -> None:
        """Runs once the headers are in; nothing of the body has been read yet."""
        given = self.request.headers.get(SECRET_HEADER, "")
        if self.secret_token and not hmac.compare_digest(given.encode(),
                                                         self.secret_token.encode()):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        length = self.request.headers.get("Content-Length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            raise tornado.web.HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
        # A chunked body has no length: tornado stops reading it past the limit.
        self.request.connection.set_max_body_size(MAX_BODY)  # type: ignore[union-attr]
        self._body = bytearray()

    def data_received(self, chunk: bytes) -> None:
        self._body += chunk

    async def post(self) -> None:
        """PTB's own, but the inbox gets the body as it came, to store as it is."""
        self._validate_post()
        body = bytes(self._body).decode()
        data = json.loads(body)
        try:
            update = parsed(data, self.bot)
        except Exception as exc:
            # PTB's words, which the logging setup reduces to the update's ids and kinds.
            _LOGGER.critical("Something went wrong processing the data received from Telegram."
                             " Received data was *not* processed! Received data was: %r", data,
                             exc_info=exc)
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST,
                                        reason="Update could not be processed") from exc
        self.set_status(HTTPStatus.OK)
        if isinstance(self.bot, ExtBot):
            self.bot.insert_callback_data(update)
        if isinstance(self.update_queue, DurableQueue):
            await self.update_queue.put_received(update, body)
        else:
            await self.update_queue.put(update)


class GuardedWebhookApp(WebhookAppClass):
    """PTB's webhook application with `GuardedHandler` on the webhook's path."""

    def __init__(self, webhook_path: str, bot: Bot, update_queue: asyncio.Queue[object],
                 secret_token: str | None = None) -> None:
        # As PTB's own __init__, which names its handler class inside.
        self.shared_objects = {"bot": bot, "update_queue": update_queue,
                               "secret_token": secret_token}
        tornado.web.Application.__init__(
            self, [(rf"{webhook_path}/?", GuardedHandler, self.shared_objects)])


def install() -> None:
    """PTB builds its webhook application inside `Updater.start_webhook`, by this name."""
    _updater.WebhookAppClass = GuardedWebhookApp  # type: ignore[attr-defined]
