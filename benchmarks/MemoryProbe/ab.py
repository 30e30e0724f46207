#!/usr/bin/env python3
"""ab.py REPS N 'label|BIN_DIR|K=V K=V' ...: runs probe.py for each variant in turn, REPS times, and prints the medians."""
import os, subprocess, sys, json, statistics
reps = int(sys.argv[1]); n = sys.argv[2]; variants = [v.split('|') for v in sys.argv[3:]]
res = {v[0]: [] for v in variants}
for r in range(reps):
    for label, binp, envs in variants:
        o = subprocess.run(['python3', os.path.join(os.path.dirname(os.path.abspath(__file__)), 'probe.py'), binp, n] + envs.split(), capture_output=True, text=True).stdout
        line = [l for l in o.splitlines() if l.startswith('JSON ')]
        if not line: print('FAIL', label, o); continue
        d = json.loads(line[0][5:]); res[label].append(d)
        print(label, r, {k: (round(v, 1) if isinstance(v, float) else v) for k, v in d.items()}, flush=True)
keys = ['idle', 'after_calls', 'streams', 'hwm', 'after_close', 'anon_idle', 'file_idle', 'shm_idle', 'anon_streams', 'first_call_ms', 'start_s']
print('label ' + ' '.join(keys))
for label in res:
    print(label, ' '.join(f"{statistics.median(d[k] for d in res[label]):.1f}" for k in keys))
