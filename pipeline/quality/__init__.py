"""Quality scores: sacrebleu metrics against references, glossary term accuracy, reference-free QE
per segment, and the CI gate (thresholds and JUnit XML) behind `pressmt evaluate`.

Submodules are imported directly (`pipeline.quality.qe`, `.metrics`, `.terms`, `.gate`) so that a
caller needing only one of them does not load sacrebleu, lingua and pymorphy3 together.
"""
