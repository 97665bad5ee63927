"""Draw the content audit's random, seeded sample of claims from the bundled knowledge base.

    python docs/audit/sample.py [--seed 20261203] [--n 40] > docs/audit/sample-2026-12.md

Claims are the knowledge base's figures (outcomes of records and head-to-head trials), regulatory
entries and guideline entries, each with the references it cites. The same seed on the same knowledge
base gives the same sample, so anyone can redraw it and check the auditors' work.
"""

from __future__ import annotations

import argparse
import random

from trdguide.knowledge import KnowledgeBase, describe_outcome


def claims(kb: KnowledgeBase) -> list[tuple[str, str, list[str]]]:
    out: list[tuple[str, str, list[str]]] = []
    for iid in sorted(kb.store.index):
        item = kb.get(iid)
        for n, o in enumerate(item.outcomes):
            out.append((f"{iid} outcomes[{n}]", describe_outcome(o), list(o.refs)))
        for n, r in enumerate(item.regulatory):
            year = f", {r.year}" if r.year else ""
            out.append(
                (f"{iid} regulatory[{n}]", f"{r.region.value} {r.body}{year}: {r.status}. {r.indication}", list(r.refs))
            )
        for n, g in enumerate(item.guidelines):
            out.append((f"{iid} guidelines[{n}]", f"{g.body}, {g.year}: {g.position}", list(g.refs)))
    for h in kb.store.head_to_head:
        for n, o in enumerate(h.outcomes):
            out.append((f"head-to-head {h.id} outcomes[{n}]", describe_outcome(o), list(o.refs)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=20261203)
    ap.add_argument("--n", type=int, default=40)
    args = ap.parse_args()
    kb = KnowledgeBase.load()
    pool = claims(kb)
    sample = random.Random(args.seed).sample(pool, args.n)
    print(f"# Audit sample: {args.n} of {len(pool)} claims, seed {args.seed}\n")
    for k, (where, text, refs) in enumerate(sample, start=1):
        cites = "; ".join(f"{r}: {kb.references[r].citation.strip()} {kb.references[r].locator}" for r in refs)
        print(f"{k}. **{where}**: {' '.join(text.split())}\n   - cites: {' '.join(cites.split())}\n")


if __name__ == "__main__":
    main()
