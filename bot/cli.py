"""clinicbot run | shell | check — the console entry point (also `python -m bot`)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sys
from pathlib import Path

from dotenv import load_dotenv
from telegram.error import InvalidToken

from bot.config import ConfigError, Settings, load_settings
from bot.content import load_content

EXIT_USAGE = 2


def _fail(message: str) -> int:
    print(f"clinicbot: {message}", file=sys.stderr)
    return EXIT_USAGE


def configure_logging(level: str) -> None:
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # httpx logs every request URL at INFO, and the URL contains the bot token.
    logging.getLogger("httpx").setLevel(logging.WARNING)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="clinicbot", description=__doc__)
    parser.add_argument("--config", type=Path, help="clinic TOML file (default: "
                        "$CLINICBOT_CONFIG, else the shipped clinic.example.toml)")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="connect to Telegram (long polling)")
    run.add_argument("--log-level", default="INFO")
    shell = sub.add_parser("shell", help="talk to the bot in this terminal; no token needed")
    shell.add_argument("--database", type=Path, default=Path("clinicbot-shell.sqlite3"),
                       help="the shell's own database, kept between runs")
    shell.add_argument("--language", help="your Telegram language code (default: from $LANG)")
    sub.add_parser("check", help="validate the configuration and all content")
    args = parser.parse_args(argv)

    load_dotenv(Path.cwd() / ".env")
    try:
        settings = load_settings(args.config)
    except ConfigError as exc:
        return _fail("configuration problems:\n  " + "\n  ".join(exc.problems))
    if args.command == "check":
        return check(settings)
    if args.command == "shell":
        from bot.shell import run_shell

        language = args.language or os.environ.get("LANG", "en").split(".")[0]
        return asyncio.run(run_shell(settings.with_database(args.database), language))
    configure_logging(args.log_level.upper())
    return run_polling(settings)


def check(settings: Settings) -> int:
    from bot.check import check_content

    try:
        content = load_content(settings.content_dir, settings.languages)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return _fail(f"content could not be loaded: {exc!r}")
    report = check_content(settings, content)
    for problem in report.problems:
        print(f"  {problem}")
    print(report.summary())
    return 1 if report.problems else 0


def run_polling(settings: Settings) -> int:
    from bot.app import build_application
    from bot.clock import Clock

    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        return _fail("TELEGRAM_BOT_TOKEN is not set (put it in the environment or a .env file);"
                     " get one from @BotFather")
    base_url = os.environ.get("TELEGRAM_API_BASE_URL") or None
    try:
        asyncio.run(_verify_token(token, base_url))
    except InvalidToken:
        return _fail("Telegram rejected the bot token in TELEGRAM_BOT_TOKEN; check it with "
                     "@BotFather")
    app = build_application(settings, token=token, clock=Clock(), base_url=base_url)
    app.run_polling(allowed_updates=["message", "edited_message", "callback_query"])
    return 0


async def _verify_token(token: str, base_url: str | None) -> None:
    """getMe once before polling, so a wrong token is one line instead of PTB's traceback."""
    from telegram import Bot

    async with Bot(token, base_url=base_url or "https://api.telegram.org/bot"):
        pass


if __name__ == "__main__":
    sys.exit(main())
