#!/usr/bin/env python3
"""Slow clients against a running server: the "2,000 slow connections from one client"
figure of issue 10.

    python3 scripts/slow_clients.py --port 8080 [--connections 2000] [--sources 1] [--seconds 30]

Opens --connections connections from --sources loopback addresses (127.0.0.2 onwards),
each sending a request head one header line every 2 s and never finishing it (the
slowloris pattern), and meanwhile asks GET /healthz from 127.0.0.1 ten times a second.
Prints how many slow connections the server kept open and how long the normal client
waited (median, p99, max). Loopback only, bounded by --seconds; standard library only.
"""

import argparse
import asyncio
import statistics
import time


async def slow(port, source, stats, deadline):
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, local_addr=(source, 0))
    except OSError:
        stats["refused"] += 1
        return
    stats["open"] += 1
    try:
        writer.write(b"GET / HTTP/1.1\r\nHost: x\r\n")
        await writer.drain()
        n = 0
        while time.monotonic() < deadline:
            try:
                data = await asyncio.wait_for(reader.read(1), timeout=2)
                if not data:
                    stats["closed_by_server"] += 1
                    return
            except asyncio.TimeoutError:
                n += 1
                writer.write(f"X-Slow-{n}: 1\r\n".encode())
                await writer.drain()
        stats["held_to_end"] += 1
    except OSError:
        stats["closed_by_server"] += 1
    finally:
        stats["open"] -= 1
        writer.close()


async def probe(port, latencies, failures, deadline):
    while time.monotonic() < deadline:
        started = time.monotonic()
        try:
            reader, writer = await asyncio.wait_for(
                asyncio.open_connection("127.0.0.1", port, local_addr=("127.0.0.1", 0)), 5)
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            await writer.drain()
            head = await asyncio.wait_for(reader.read(64), 5)
            writer.close()
            if b" 200 " in head:
                latencies.append(time.monotonic() - started)
            else:
                failures.append(head[:40])
        except (OSError, asyncio.TimeoutError) as e:
            failures.append(repr(e))
        await asyncio.sleep(0.1)


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=8080)
    ap.add_argument("--connections", type=int, default=2000)
    ap.add_argument("--sources", type=int, default=1)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    deadline = time.monotonic() + args.seconds
    stats = {"open": 0, "refused": 0, "closed_by_server": 0, "held_to_end": 0}
    latencies, failures = [], []
    tasks = [asyncio.create_task(probe(args.port, latencies, failures, deadline))]
    for i in range(args.connections):
        source = f"127.0.{2 + (i % args.sources) // 250}.{2 + (i % args.sources) % 250}"
        tasks.append(asyncio.create_task(slow(args.port, source, stats, deadline)))
        if i % 100 == 99:
            await asyncio.sleep(0)
    peak = 0
    while time.monotonic() < deadline:
        peak = max(peak, stats["open"])
        await asyncio.sleep(0.2)
    await asyncio.gather(*tasks, return_exceptions=True)
    lat = sorted(latencies)
    if not lat:
        raise SystemExit(f"no /healthz answer; failures: {failures[:5]}")
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
    print(f"slow connections: {args.connections} from {args.sources} address(es); "
          f"at most {peak} open at once; closed by the server {stats['closed_by_server']}, "
          f"refused {stats['refused']}, held to the end {stats['held_to_end']}")
    print(f"/healthz from another client: {len(lat)} answers, {len(failures)} failures; "
          f"median {statistics.median(lat) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms, "
          f"max {lat[-1] * 1000:.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
