"""Per-stream live heap by type: gcdiff.py BEFORE.gcdump AFTER.gcdump N [TOP] (dotnet-gcdump in /tmp/dntools)."""
import subprocess, sys, re, collections
def load(p):
    out = subprocess.run(['/tmp/dntools/dotnet-gcdump', 'report', p], capture_output=True, text=True).stdout.splitlines()
    d = collections.Counter(); cnt = collections.Counter()
    for l in out[4:]:
        m = re.match(r'\s*([\d,]+)\s+([\d,]+)\s+(.*)$', l)
        if m:
            b, c, t = int(m[1].replace(',', '')), int(m[2].replace(',', '')), m[3].strip()
            t = re.sub(r'\s*\(Bytes > [^)]*\)', '', t)
            d[t] += b * c; cnt[t] += c
    return d, cnt
a, ac = load(sys.argv[1]); b, bc = load(sys.argv[2]); n = int(sys.argv[3])
diff = collections.Counter({k: b[k] - a[k] for k in set(a) | set(b)})
print('total per stream B', round(sum(diff.values()) / n))
def cat(t):
    for key, name in [('Translator.Api', 'translator'), ('Kestrel', 'kestrel'), ('AspNetCore', 'aspnetcore'), ('Pipelines', 'pipelines'), ('Net.Sockets', 'sockets'), ('System.Net.Http', 'httpclient'), ('Diagnostics', 'diagnostics/activity'), ('OpenTelemetry', 'otel'), ('ServerSentEvents', 'sse'), ('System.Byte[]', 'byte[]'), ('Logging', 'logging'), ('System.Threading', 'threading'), ('Hashing', 'hashing')]:
        if key in t: return name
    return 'other'
g = collections.Counter()
for k, v in diff.items(): g[cat(k)] += v
for k, v in g.most_common(): print(f'{k:22} {v/n:8.0f}')
print()
for k, v in diff.most_common(int(sys.argv[4]) if len(sys.argv) > 4 else 40): print(f'{v/n:8.0f} {(b[k] and bc[k]-ac[k])/n:5.1f}  {k[:150]}')
