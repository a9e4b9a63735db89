"""clinicbot: a Telegram concierge for clinics offering diamond microdermabrasion."""

import os

# Opt in to python-telegram-bot's timedelta durations (RetryAfter.retry_after and friends), the
# behaviour of its next major version, instead of the deprecated integer seconds.
os.environ.setdefault("PTB_TIMEDELTA", "1")
