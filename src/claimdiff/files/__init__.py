"""Reading and writing the project's own files: atomic writes, YAML data files, JSON files.

Every stage may use these; they know nothing of articles or claims.
"""
