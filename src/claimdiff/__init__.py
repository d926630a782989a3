"""claimdiff: find where news sources disagree on the facts."""

__version__ = "0.1.0"
