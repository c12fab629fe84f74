"""Write synthetic agreement records as JSON Lines (for trying the pipeline at scale).

The generator itself lives in ``ceasefire_terms/pipeline/synthetic.py`` so tests can import
it; this script only writes its output to a file::

    python benchmarks/synthetic.py 1000000 records.jsonl --invalid-rate 0.02
    ceasefire-terms validate records.jsonl --jobs 2 --rejects-out rejects.jsonl
"""

from __future__ import annotations

import argparse

from ceasefire_terms.pipeline.synthetic import jsonl_lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="how many records")
    parser.add_argument("out", help="output file (.jsonl)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--invalid-rate", type=float, default=0.02)
    args = parser.parse_args()
    with open(args.out, "w", encoding="utf-8") as f:
        for line in jsonl_lines(args.n, seed=args.seed, invalid_rate=args.invalid_rate):
            f.write(line + "\n")


if __name__ == "__main__":
    main()
