"""Imported by an import's fork server, once, before it forks any worker (see ``importer.Pool``).

Every worker forked from the server then starts with the bundled questionnaires loaded and
compiled, instead of each loading them again: the server's memory is shared with its
workers until they write to it.
"""

from vendormaturity.store.prepare import preload

preload()
