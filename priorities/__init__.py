"""The priorities file: its format, validation and the shipped files."""
