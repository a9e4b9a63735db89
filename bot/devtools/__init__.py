"""Developer tools shipped with the bot: the in-process fake Bot API and the terminal shell."""
