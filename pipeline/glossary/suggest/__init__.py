"""`glossary suggest`: the people, places, bodies and titles of releases that no glossary entry knows.

Editors keep a glossary current by reading releases; this lists for them what a release names that
the glossary does not match, grouped by dictionary form (nominative, the glossary's convention:
"Имя Фамилия", "Уланский район", "Щучинск"), with counts, an example, and a draft row for each.

Precision comes first: a wrong candidate costs an editor more than a missed one costs the next
release. So a candidate needs a reason beyond a capital letter: a head noun ("… района", "города
…", "Министерство …"), a person's shape (a first name and a surname, decree order with a
patronymic, initials and a surname), or a place the dictionary knows. A capitalised common word
(a sentence's first word, "Послом", "Дом") is never one, nor is a lone surname without initials
unless the same releases give the full name.
"""

from pipeline.glossary.suggest.candidate import KINDS, Candidate, Kind, Mention, draft_columns, draft_tsv, name_key
from pipeline.glossary.suggest.find import find_mentions
from pipeline.glossary.suggest.releases import check_inputs, release_sentences, suggest

__all__ = ["KINDS", "Candidate", "Kind", "Mention", "check_inputs", "draft_columns", "draft_tsv", "find_mentions",
           "name_key", "release_sentences", "suggest"]
