"""clinicbot run | shell | check | catalogs — the console entry point (also `python -m bot`)."""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from dotenv import load_dotenv
from telegram.error import InvalidToken, NetworkError

from bot import log_privacy
from bot.config import ConfigError, Settings, load_settings
from bot.content import Content, ContentError, load_content
from bot.storage import DatabaseUnavailable, MalformedDatabaseUrl

EXIT_USAGE = 2
ALLOWED_UPDATES = ["message", "edited_message", "callback_query"]


def _fail(message: str) -> int:
    print(f"clinicbot: {message}", file=sys.stderr)
    return EXIT_USAGE


def configure_logging(level: str) -> None:
    """Our own loggers log ids, never texts, answers or phone numbers. Libraries are kept
    quieter whatever the level: httpx (PTB's client, which checks the token) logs request URLs
    (with the bot token) at INFO, and aiohttp (bot/telegram/transport.py) is kept to warnings;
    python-telegram-bot logs whole updates and request parameters (client texts), and aiosqlite
    every SQL statement with its values (health answers), at DEBUG; pymorphy3 announces its
    dictionary at INFO. Whatever they log at any level passes `NoClientText`, which keeps
    payloads out (bot/log_privacy.py)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    log_privacy.install()
    for name, floor in (("httpx", logging.WARNING), ("httpcore", logging.WARNING),
                        ("aiohttp", logging.WARNING), ("telegram", logging.INFO),
                        ("aiosqlite", logging.INFO), ("pymorphy3", logging.WARNING)):
        library = logging.getLogger(name)
        library.setLevel(max(floor, library.getEffectiveLevel()))


def parser() -> argparse.ArgumentParser:
    """Global options (--config) are accepted before or after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--config", type=Path, default=argparse.SUPPRESS,
                        help="clinic TOML file (default: $CLINICBOT_CONFIG, else the shipped "
                        "clinic.example.toml)")
    top = argparse.ArgumentParser(prog="clinicbot", description=__doc__, parents=[common])
    sub = top.add_subparsers(dest="command", required=True)

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help, parents=[common])

    run = command("run", "connect to Telegram (long polling, or --webhook)")
    run.add_argument("--log-level", default="INFO")
    run.add_argument("--webhook", action="store_true",
                     help="receive updates on a webhook instead of polling; the secret comes "
                     "from TELEGRAM_WEBHOOK_SECRET")
    run.add_argument("--webhook-url", default=os.environ.get("WEBHOOK_URL"),
                     help="public HTTPS URL Telegram posts to (default: $WEBHOOK_URL)")
    run.add_argument("--listen", default="127.0.0.1", help="address the webhook server binds")
    run.add_argument("--port", type=int, default=8443, help="port the webhook server binds")
    run.add_argument("--metrics-port", type=int,
                     default=int(os.environ["METRICS_PORT"]) if os.environ.get("METRICS_PORT")
                     else None,
                     help="with --webhook: serve Prometheus metrics on 127.0.0.1 at this port")
    shell = command("shell", "talk to the bot in this terminal; no token needed")
    shell.add_argument("--database", type=Path, default=Path("clinicbot-shell.sqlite3"),
                       help="the shell's own database, kept between runs")
    shell.add_argument("--language", help="your Telegram language code (default: from $LANG)")
    command("check", "validate the configuration and all content")
    catalogs_cmd = command("catalogs", "regenerate locales/messages.pot and update every "
                           "language's catalog; a failed extraction changes nothing")
    catalogs_cmd.add_argument("--root", type=Path, default=Path("."),
                              help="the project's checkout (default: this directory)")
    command("health", "is the database reachable, did the scheduler run lately")
    backup_cmd = command("backup", "copy the database safely, even while running")
    backup_cmd.add_argument("path", type=Path)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)

    load_dotenv(Path.cwd() / ".env")
    try:
        settings = load_settings(getattr(args, "config", None))
    except ConfigError as exc:
        return _fail("configuration problems:\n  " + "\n  ".join(exc.problems))
    if args.command == "catalogs":
        return regenerate_catalogs(args.root, settings.languages)
    url = os.environ.get("DATABASE_URL", "").strip()
    if url and not url.startswith(("postgresql://", "postgres://")):
        return _fail("DATABASE_URL must be a postgresql:// URL (leave it unset to use the SQLite"
                     " file named in the configuration)")
    settings = replace(settings, database_url=url or None)
    if args.command in ("run", "shell", "check") and (problem := _wiring_problem()):
        return _fail(problem)
    if args.command == "check":
        return check(settings)
    if args.command == "health":
        return report_health(settings)
    if args.command == "backup":
        return make_backup(settings, args.path)
    try:
        if args.command == "shell":
            from bot.devtools.shell import run_shell

            checked_content(settings)  # its problems first, as `run` does
            language = args.language or os.environ.get("LANG", "en").split(".")[0]
            return asyncio.run(run_shell(settings.with_database(args.database), language))
        configure_logging(args.log_level.upper())
        return run_bot(settings, args)
    except ContentError as exc:
        return _content_failed(exc)


def _wiring_problem() -> str | None:
    """Build the routers once before anything starts, so a name two flows register is one
    line naming it and both flows."""
    from bot.flows.router import DuplicateRegistration
    from bot.flows.routes import client_router, desk_router

    try:
        client_router()
        desk_router()
    except DuplicateRegistration as exc:
        return str(exc)
    return None


def _content_failed(error: ContentError) -> int:
    return _fail("content problems:\n  " + "\n  ".join(error.problems))


def checked_content(settings: Settings) -> Content:
    """The content, once it loads and `clinicbot check` finds no problem in it: a placeholder
    misspelt in a translation ("%(nam)s") would otherwise fail each message that uses it, for
    every client, from the first."""
    from bot.content.check import check_content
    from bot.flows.routes import wiring

    content = load_content(settings.content_dir, settings.languages, settings.default_language)
    report = check_content(settings, content, wiring())
    if report.problems:
        raise ContentError(list(report.problems))
    return content


def check(settings: Settings) -> int:
    from bot.content.check import check_content
    from bot.flows.routes import wiring

    try:
        content = load_content(settings.content_dir, settings.languages,
                               settings.default_language)
    except ContentError as exc:
        return _content_failed(exc)
    report = check_content(settings, content, wiring())
    for note in report.notes:
        print(note)
    for problem in report.problems:
        print(f"  {problem}")
    print(report.summary())
    return 1 if report.problems else 0


def regenerate_catalogs(root: Path, configured: tuple[str, ...]) -> int:
    """Regenerate the catalogs of the checkout at `root`, starting one for each configured
    language that has none yet."""
    from bot.devtools.catalogs import CatalogError, regenerate

    try:
        found, languages = regenerate(root.resolve(), configured)
    except CatalogError as exc:
        return _fail(f"catalogs left unchanged: {exc}")
    print(f"catalogs: {found} message ids; updated {', '.join(languages)}")
    return 0


def report_health(settings: Settings) -> int:
    from bot.clock import Clock
    from bot.operations import health

    try:
        healthy, lines = asyncio.run(health(settings, Clock()))
    except MalformedDatabaseUrl as exc:
        return _fail(str(exc))
    print("\n".join(lines))
    return 0 if healthy else 1


def make_backup(settings: Settings, path: Path) -> int:
    from bot.operations import backup

    if settings.database_url:
        return _fail("backup copies the SQLite file; on PostgreSQL use pg_dump (README,"
                     " \"Several instances on PostgreSQL\")")
    try:
        size = backup(settings.database, path)
    except (OSError, sqlite3.Error) as exc:
        return _fail(f"backup failed: {exc}")
    print(f"backup: {settings.database} → {path} ({size} bytes)")
    return 0


def run_bot(settings: Settings, args: argparse.Namespace) -> int:
    from bot.clock import Clock
    from bot.telegram import webhook_limits
    from bot.telegram.app import build_application, telegram_rate_limiter

    content = checked_content(settings)  # its problems first
    token = os.environ.get("TELEGRAM_BOT_TOKEN", "").strip()
    if not token:
        return _fail("TELEGRAM_BOT_TOKEN is not set (put it in the environment or a .env file);"
                     " get one from @BotFather")
    try:
        asyncio.run(_prepare_database(settings))
    except DatabaseUnavailable as exc:
        return _database_failed(exc)
    base_url = os.environ.get("TELEGRAM_API_BASE_URL") or None
    try:
        asyncio.run(_verify_token(token, base_url))
    except InvalidToken:
        return _fail("Telegram rejected the bot token in TELEGRAM_BOT_TOKEN; check it with "
                     "@BotFather")
    except NetworkError as exc:  # TimedOut too: no answer, or no connection at all
        where = base_url or "https://api.telegram.org/bot"
        return _fail(f"cannot reach the Bot API at {where} ({exc}); check the server's network"
                     " and TELEGRAM_API_BASE_URL")
    app = build_application(settings, token=token, clock=Clock(), base_url=base_url,
                            rate_limiter=telegram_rate_limiter(settings.messages_per_second),
                            content=content)
    secret = os.environ.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
    if args.webhook and (not secret or not args.webhook_url):
        return _fail("--webhook needs TELEGRAM_WEBHOOK_SECRET in the environment and "
                     "--webhook-url (or WEBHOOK_URL)")
    try:
        if not args.webhook:
            app.run_polling(allowed_updates=ALLOWED_UPDATES)
            return 0
        webhook_limits.install()
        app.bot_data["metrics_port"] = args.metrics_port
        app.run_webhook(listen=args.listen, port=args.port, secret_token=secret,
                        url_path=urlsplit(args.webhook_url).path.lstrip("/"),
                        webhook_url=args.webhook_url, allowed_updates=ALLOWED_UPDATES)
    except DatabaseUnavailable as exc:  # broken between the check and the start
        return _database_failed(exc)
    return 0


async def _prepare_database(settings: Settings) -> None:
    """Open, check and migrate the database once before connecting to Telegram, so a file or
    server the bot cannot use is one line and exit status 2, not a traceback (never the URL,
    which may hold a password), and closed again so nothing keeps the process alive."""
    from bot.storage import Stores

    await (await Stores.open(settings.storage)).close()


def _database_failed(error: DatabaseUnavailable) -> int:
    if isinstance(error, MalformedDatabaseUrl):
        return _fail(str(error))
    return _fail(f"cannot use the database {error}")


async def _verify_token(token: str, base_url: str | None) -> None:
    """getMe once before polling, so a wrong token is one line instead of PTB's traceback."""
    from telegram import Bot

    async with Bot(token, base_url=base_url or "https://api.telegram.org/bot"):
        pass


if __name__ == "__main__":
    sys.exit(main())
