"""The web view: answers from the digests, pages per call and department, the coordinator's
overview and the staff's priorities preview (Flask, served by waitress; no JavaScript)."""
