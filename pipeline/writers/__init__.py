"""Output writers: one module per format (review HTML, XLIFF, TMX, JUnit), one small interface.

Each writer turns what a run produced into files of one format; `pipeline.writers.base` holds the
interface and the registry, `pipeline.writers.reader` the one place that reads a run's report
(report.json and the documents streamed from report.jsonl).
"""
