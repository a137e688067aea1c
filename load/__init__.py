"""Deadline-day load test: `make load` runs `python -m load.run` (see README, "Performance")."""
