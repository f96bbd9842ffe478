"""One module per group of commands; app.cli registers each module's COMMANDS."""
