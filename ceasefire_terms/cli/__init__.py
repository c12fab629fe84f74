"""The command line (``ceasefire-terms``). The core library never imports this package."""
