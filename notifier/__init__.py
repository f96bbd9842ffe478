"""Weekly digests per department, the outbox and delivery by SMTP or .eml files."""
