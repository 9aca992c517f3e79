"""Write raw/rating_assessments.yaml from the frozen blind second rating (pending/blind/ratings.ann-d.yaml).

Only the field names change to the schema's (question 1 as DISCERN_Q1, criterion authorship as
JAMA_authorship); scores, verdicts on each criterion and justifications stay as written. Run from the
repository root.
"""

from __future__ import annotations

from pathlib import Path

import yaml

HEADER = """# A second DISCERN and JAMA rating of every article, made blind to the published ratings (rater ann-d), for the
# reliability of the ratings. Converted from pending/blind/ratings.ann-d.yaml, where it stands as written; only the
# names of questions and criteria were changed to the schema's.
"""


def main() -> None:
    frozen = yaml.safe_load(Path("pending/blind/ratings.ann-d.yaml").read_text(encoding="utf-8"))
    record = {"rater": frozen["rater"], "guideline_version": str(frozen["guideline_version"]), "articles": [
        {"source_file": article["source_file"],
         "discern": [{"item": f"DISCERN_Q{q['question']}", "score": q["score"], "justification": q["justification"]}
                     for q in article["discern"]],
         "jama": [{"criterion": f"JAMA_{c['criterion']}", "met": c["met"], "justification": c["justification"]}
                  for c in article["jama"]]}
        for article in frozen["articles"]]}
    Path("raw/rating_assessments.yaml").write_text(
        HEADER + yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=110), encoding="utf-8")


if __name__ == "__main__":
    main()
