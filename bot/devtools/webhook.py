"""Telegram's side of webhook mode, for the fake Bot API served by `FakeBotServer`: updates are
POSTed to the URL a bot instance registered with setWebhook, with the secret it gave in the
`X-Telegram-Bot-Api-Secret-Token` header, as Telegram does.

Several `clinicbot run --webhook` processes may share one server, each with its own base URL
(`server.url_for("a")`). Telegram knows one URL; here the test plays the load balancer behind
it and names the instance each update goes to:

    route = Webhook(server)
    user = route.user(1001)
    route.instance = "b"
    await user.send("/menu")            # POSTed to instance b's webhook
    await route.deliver(route.last, "a")  # the same update again, to instance a

The bot acknowledges an update (HTTP 200) once it is stored, before it handles it: wait for
its answer with `server.until` or `server.wait_for`, as over long polling.
"""

from __future__ import annotations

import asyncio
import json
import urllib.error
import urllib.request
from typing import Any

from bot.devtools.sandbox import Chats
from bot.devtools.sandbox_http import FakeBotServer

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


class InstanceGone(ConnectionError):
    """The instance's webhook did not take the update: the process is down or refused it."""


class Webhook(Chats):
    """Users whose updates are posted to the webhook of `instance`. Ids come from the server's
    own counters, so updates and messages stay unique across every route of one server."""

    def __init__(self, server: FakeBotServer, instance: str = "") -> None:
        super().__init__(server.api, server.clock)
        self.server, self.instance = server, instance
        self._update_ids, self._message_ids = server._update_ids, server._message_ids
        self.last: dict[str, Any] | None = None  # the last update fed, to deliver it again

    async def feed(self, update: dict[str, Any]) -> None:
        self.last = {"update_id": next(self._update_ids), **update}
        await self.deliver(self.last, self.instance)

    async def deliver(self, update: dict[str, Any], instance: str) -> None:
        """POST `update` as it is to the instance's webhook; InstanceGone unless it took it."""
        url, secret = self.server.webhook(instance)
        status = await asyncio.to_thread(post, url, update, secret)
        if status != 200:
            raise InstanceGone(f"instance {instance!r} answered the webhook with {status}")


def post(url: str, update: dict[str, Any], secret: str | None, timeout: float = 5.0) -> int:
    """One webhook delivery: the HTTP status, or InstanceGone when nothing answered."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers[SECRET_HEADER] = secret
    request = urllib.request.Request(url, json.dumps(update).encode(), headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except OSError as error:  # refused, reset or timed out: the process is gone
        raise InstanceGone(f"{url}: {error}") from error
