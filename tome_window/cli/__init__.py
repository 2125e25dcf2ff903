"""Command line: every service without a screen. Subcommand modules import their heavy
dependencies inside their handlers, so `tome-window card read` never loads Qt or reportlab."""
