"The agreement table of the pre-run (README, 'More architecture steps did not make the seeds agree'): python results/measurements/alpha-budget-prerun/table.py"
from pathlib import Path
from egdarts.agreement import agreement_curve
from egdarts.core import markdown_table
m = Path(__file__).resolve().parent
sets = {'α lr 0.1 (own split)': [m/'alpha_budget/lr0.1/seed0', m/'alpha_budget/lr0.1/seed1'],
        'α lr 1.0 (own split)': [m/'alpha_budget/lr1/seed0', m/'alpha_budget/lr1/seed1'],
        'one split (seed 0 of lr 0.1 + seed 1 on split 0)': [m/'alpha_budget/lr0.1/seed0', m/'probes/split0/seed1'],
        '3 warm-up epochs': [m/'probes/warm3/seed0', m/'probes/warm3/seed1']}
print(markdown_table([r for k, ds in sets.items() for r in agreement_curve(ds, k)], digits=3))
