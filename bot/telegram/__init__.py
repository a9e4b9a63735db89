"""The Telegram layer: PTB wiring, handlers that turn updates into router calls, delivery."""
