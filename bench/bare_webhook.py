"""The floor of the webhook path: a bare python-telegram-bot Application served by PTB's own
`run_webhook`, one handler answering every text with a copy of it, through the same production
rate limiter as the bot (`telegram_rate_limiter`, its slots in this process's memory). Started
by `bench/webhook_load.py --bare` with the environment `clinicbot run` gets; not for use.

    python bench/bare_webhook.py PORT
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram import Update  # noqa: E402
from telegram.ext import Application, ContextTypes, MessageHandler, filters  # noqa: E402

from bot.telegram.app import telegram_rate_limiter  # noqa: E402


async def echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


def main() -> None:
    port = int(sys.argv[1])
    app = (Application.builder().token(os.environ["TELEGRAM_BOT_TOKEN"])
           .base_url(os.environ["TELEGRAM_API_BASE_URL"])
           .rate_limiter(telegram_rate_limiter(int(os.environ["MESSAGES_PER_SECOND"])))
           .concurrent_updates(8).build())
    app.add_handler(MessageHandler(filters.TEXT, echo))
    app.run_webhook(listen="127.0.0.1", port=port, url_path="telegram",
                    secret_token=os.environ["TELEGRAM_WEBHOOK_SECRET"],
                    webhook_url=f"http://127.0.0.1:{port}/telegram")


if __name__ == "__main__":
    main()
