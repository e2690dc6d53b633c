"""`python -m pipeline` is the same as the `pressmt` console script."""

from pipeline.cli import main

main()
