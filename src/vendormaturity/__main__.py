"""``python -m vendormaturity``: the same command as ``vendormaturity``."""

from vendormaturity.cli import main

main()
