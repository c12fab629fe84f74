"""``python -m ceasefire_terms`` runs the command line."""

from .cli.app import main

main()
