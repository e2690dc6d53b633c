"""Output writers: one module per format (review HTML, XLIFF, TMX, JUnit), one small interface.

Each writer turns what a run produced into files of one format; `pipeline.writers.base` holds the
interface and the registry, `pipeline.writers.reader` the one function that reads a run's report,
so a streamed report can replace `report.json` without touching the writers.
"""
