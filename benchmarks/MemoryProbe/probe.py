#!/usr/bin/env python3
"""Memory probe for the translator: a fresh process idle, after three calls, with N held streams, after they close.
Usage: probe.py BIN_DIR N [KEY=VALUE ...] (BIN_DIR: the load driver's Release output; KEY=VALUE: the translator's environment, PROTO=chat|responses).
Optional environment: BODY=request.json (the held streams send it, model and stream replaced), HOLD_S, GCDUMP=path, DUMP=path, SMAPS=path, SMAPS_IDLE=path
(dotnet-gcdump / dotnet-dump installed with --tool-path /tmp/dntools)."""
import asyncio, os, socket, subprocess, sys, time, json, urllib.request

BIN = sys.argv[1]; N = int(sys.argv[2]); EXTRA = dict(a.split('=', 1) for a in sys.argv[3:])
def port():
    s = socket.socket(); s.bind(('127.0.0.1', 0)); p = s.getsockname()[1]; s.close(); return p
def rss(pid):
    d = {}
    for l in open(f'/proc/{pid}/status'):
        k, v = l.split(':', 1)
        if k in ('VmRSS', 'VmHWM', 'RssAnon', 'RssFile', 'RssShmem', 'Threads'): d[k] = int(v.split()[0]) / 1024 if k != 'Threads' else int(v)
    return d
def up(url, body=None):
    for _ in range(300):
        try:
            r = urllib.request.urlopen(urllib.request.Request(url, data=body, headers={'content-type': 'application/json'}), timeout=5); r.read(); return
        except Exception: time.sleep(0.1)
    raise SystemExit('not up ' + url)
up_port, tr_port = port(), port()
env_up = dict(os.environ)
u = subprocess.Popen(['dotnet', f'{BIN}/Translator.LoadDriver.dll', 'upstream', '--urls', f'http://127.0.0.1:{up_port}'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
env = dict(os.environ, Translator__Upstream__BaseUrl=f'http://127.0.0.1:{up_port}/v1', Translator__Upstream__Protocol=EXTRA.pop('PROTO', 'chat'), ASPNETCORE_ENVIRONMENT='Production', Logging__LogLevel__Default='Warning')
env.update(EXTRA)
t = subprocess.Popen(['dotnet', f'{BIN}/Translator.Api.dll', '--urls', f'http://127.0.0.1:{tr_port}'], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
out = {}
try:
    t0 = time.time(); up(f'http://127.0.0.1:{tr_port}/health'); out['start_s'] = round(time.time() - t0, 2)
    time.sleep(3); out['idle'] = rss(t.pid)
    if os.environ.get('SMAPS_IDLE'): subprocess.run(['cp', f'/proc/{t.pid}/smaps', os.environ['SMAPS_IDLE']])
    body = json.dumps({"model": "gpt-5", "max_tokens": 64, "messages": [{"role": "user", "content": "Hello"}]}).encode()
    t1 = time.time(); up(f'http://127.0.0.1:{tr_port}/v1/messages', body); out['first_call_ms'] = round((time.time() - t1) * 1000, 1)
    t1 = time.time(); up(f'http://127.0.0.1:{tr_port}/v1/messages', body); out['second_call_ms'] = round((time.time() - t1) * 1000, 1)
    sbody = json.dumps({"model": "gpt-5", "max_tokens": 64, "stream": True, "messages": [{"role": "user", "content": "Hello"}]}).encode()
    up(f'http://127.0.0.1:{tr_port}/v1/messages', sbody)
    time.sleep(2); out['after_calls'] = rss(t.pid)
    open(f'/proc/{t.pid}/clear_refs', 'w').write('5')
    hold = json.dumps({"model": "hold-60000", "max_tokens": 64, "stream": True, "messages": [{"role": "user", "content": "Hello"}]}).encode()
    if os.environ.get('BODY'):
        b = json.load(open(os.environ['BODY'])); b['model'] = 'hold-60000'; b['stream'] = True; hold = json.dumps(b).encode()
    req = b'POST /v1/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n' % len(hold) + hold
    async def main():
        opened = 0; conns = []
        sem = asyncio.Semaphore(100)
        async def one():
            nonlocal opened
            async with sem:
                r, w = await asyncio.open_connection('127.0.0.1', tr_port)
                w.write(req); await w.drain()
                data = b''
                while b'event: message_start' not in data and b'content_block' not in data:
                    chunk = await r.read(4096)
                    if not chunk: break
                    data += chunk
                opened += 1; conns.append((r, w))
        await asyncio.gather(*(one() for _ in range(N)))
        await asyncio.sleep(float(os.environ.get('HOLD_S', '3')))
        out['opened'] = opened; out['streams'] = rss(t.pid)
        if os.environ.get('GCDUMP'):
            subprocess.run(['/tmp/dntools/dotnet-gcdump', 'collect', '-p', str(t.pid), '-o', os.environ['GCDUMP']], stdout=subprocess.DEVNULL)
        if os.environ.get('DUMP'):
            subprocess.run(['/tmp/dntools/dotnet-dump', 'collect', '-p', str(t.pid), '-o', os.environ['DUMP'], '--type', 'Heap'], stdout=subprocess.DEVNULL)
        if os.environ.get('SMAPS'):
            subprocess.run(['cp', f'/proc/{t.pid}/smaps', os.environ['SMAPS']])
        for r, w in conns: w.close()
    asyncio.run(main())
    time.sleep(3); out['after_close'] = rss(t.pid)
finally:
    t.kill(); u.kill()
def f(d): return f"rss {d['VmRSS']:.1f} hwm {d['VmHWM']:.1f} anon {d['RssAnon']:.1f} file {d['RssFile']:.1f} shm {d['RssShmem']:.1f} thr {d['Threads']}"
print('JSON ' + json.dumps({k: (v['VmRSS'] if isinstance(v, dict) else v) for k, v in out.items()} | {'hwm': out['streams']['VmHWM'], 'anon_idle': out['idle']['RssAnon'], 'file_idle': out['idle']['RssFile'], 'shm_idle': out['idle']['RssShmem'], 'anon_streams': out['streams']['RssAnon']}))
print(f"idle: {f(out['idle'])}\nafter calls: {f(out['after_calls'])}\nstreams({out['opened']}): {f(out['streams'])}\nafter close: {f(out['after_close'])}\nstart {out['start_s']} s first call {out['first_call_ms']} ms second {out['second_call_ms']} ms")
