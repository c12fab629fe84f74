"""``python -m ceasefire_terms`` runs the command line (stop signals handled first: see
:mod:`ceasefire_terms.cli.start`)."""

from .cli.start import main

if __name__ == "__main__":
    main()
