"""Resident memory by kind of mapping from /proc/PID/smaps copies: cats.py SMAPS..."""
import sys, collections
def load(p):
    agg = collections.Counter(); cur = None
    for l in open(p):
        q = l.split()
        if len(q) >= 5 and '-' in q[0] and ':' in q[3]:
            cur = q[5] if len(q) > 5 else '[anon]'
        elif q and q[0] == 'Rss:':
            agg[cur] += int(q[1])
    return agg
def cat(k):
    if k == '/memfd:doublemapper': return 'code heap and stubs (double-mapped, W^X)'
    if k.endswith('System.Private.CoreLib.dll'): return 'System.Private.CoreLib.dll'
    if k.endswith('libcoreclr.so'): return 'libcoreclr.so (runtime, GC)'
    if k.endswith('libclrjit.so'): return 'libclrjit.so (JIT)'
    if '/Microsoft.NETCore.App/' in k: return 'other .NET assemblies and native shims'
    if '/Microsoft.AspNetCore.App/' in k: return 'ASP.NET Core assemblies'
    if '/bin' in k or '/tmp/mem' in k: return 'application assemblies (Translator.Api, YARP, OpenTelemetry, Polly, tokenizer data)'
    if k in ('[anon]', '[heap]', '[stack]') or k.startswith('[anon'): return 'anonymous: GC heap, malloc, stacks, runtime data'
    return 'other native libraries (libc, libstdc++, libssl/crypto, host)'
cols = [load(p) for p in sys.argv[1:]]
g = [collections.Counter() for _ in cols]
for i, c in enumerate(cols):
    for k, v in c.items(): g[i][cat(k)] += v
keys = sorted(set().union(*g), key=lambda k: -g[0][k])
for k in keys: print(f"| {k} | " + ' | '.join(f"{x[k]/1024:.1f}" for x in g) + ' |')
print('| total | ' + ' | '.join(f"{sum(x.values())/1024:.1f}" for x in g) + ' |')
