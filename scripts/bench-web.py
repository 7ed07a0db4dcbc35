#!/usr/bin/env python3
"""make bench, the web app: latency of the step page (GET /walks/ID) and of `next`
(POST /api/v1/walks/ID/next) with 50 clients at once on loopback, measured by wrk, against a
release `waymark serve` on SQLite and on PostgreSQL. Each client walks its own customer, as a
support team would. Merges a "web" section into the results file.

    scripts/bench-web.py --waymark .build/release/waymark [--postgres URL] [--output bench/results.json]
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

CLIENTS = 50
DURATION = os.environ.get("BENCH_WEB_DURATION", "15s")
PASSWORD = "bench password"
ARTICLE = "partner-center/remove-a-relationship.md"


def resources_with_customers(folder, count):
    """A copy of Resources/ whose demo data has `count` customers like Wingtip Toys."""
    root = os.path.join(folder, "Resources")
    os.makedirs(os.path.join(root, "Demo"))
    for name in os.listdir("Resources"):
        if name != "Demo":
            os.symlink(os.path.abspath(os.path.join("Resources", name)), os.path.join(root, name))
    demo = json.load(open("Resources/Demo/demo.json"))
    model = {"partners": demo["partners"], "customers": [], "subscriptions": [], "reservations": [],
             "softwarePurchases": []}
    template = next(c for c in demo["customers"] if c["id"] == "wingtip")
    for n in range(count):
        cid = f"bench-{n:03d}"
        model["customers"].append(dict(template, id=cid, companyName=f"Bench Customer {n:03d}",
                                       domain=f"bench{n:03d}.onmicrosoft.com"))
        for kind in ("subscriptions", "reservations", "softwarePurchases"):
            for item in demo[kind]:
                if item["customerID"] == "wingtip":
                    model[kind].append(dict(item, id=f"{cid}-{item['id']}", customerID=cid))
    json.dump(model, open(os.path.join(root, "Demo", "demo.json"), "w"))
    return root


def request(base, method, path, body=None, cookie=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if cookie:
        req.add_header("Cookie", cookie)
    with urllib.request.urlopen(req, timeout=30) as answer:
        return answer.status, answer.headers, json.loads(answer.read() or b"null")


def wrk(url, cookie, paths, method, clients=CLIENTS):
    """p50, p99 (ms) and requests per second of wrk over `paths`, round robin."""
    script = tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False)
    script.write("local paths = {" + ",".join(json.dumps(p) for p in paths) + "}\n")
    script.write("local n = 0\n")
    script.write("request = function()\n  n = n + 1\n")
    script.write(f"  return wrk.format({json.dumps(method)}, paths[(n % #paths) + 1], "
                 "{[\"Cookie\"] = " + json.dumps(cookie) + "})\nend\n")
    script.close()
    out = subprocess.run(["wrk", "-t2" if clients > 1 else "-t1", f"-c{clients}", f"-d{DURATION}", "--latency", "-s",
                          script.name, url],
                         check=True, capture_output=True, text=True).stdout
    os.unlink(script.name)

    def ms(label):
        m = re.search(rf"^\s*{label}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return round(value / 1000 if unit == "us" else value * 1000 if unit == "s" else value, 2)

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"p50_ms": ms("50"), "p99_ms": ms("99"), "requests_per_s": round(rps, 1),
            "non_2xx": int(errors.group(1)) if errors else 0}


def measure(waymark, db, resources):
    env = dict(os.environ, WAYMARK_RESOURCES=resources, WAYMARK_BCRYPT_COST="10", LANG="en_US.UTF-8")
    subprocess.run([waymark, "customers", "reset-demo", "--db", db], env=env, check=True, capture_output=True)
    subprocess.run([waymark, "operators", "add", "bench", "--role", "global-admin", "--password-stdin", "--db", db],
                   env=env, input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    server = subprocess.Popen([waymark, "serve", "--port", "0", "--db", db], env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    drain = None
    try:
        base = None
        while base is None:
            line = server.stdout.readline()
            if not line:
                raise SystemExit("waymark serve ended before it listened")
            m = re.search(r"http://127\.0\.0\.1:\d+", line)
            base = m.group(0) if m else None
        # The access log goes on while wrk runs: keep reading it so the pipe never fills.
        drain = subprocess.Popen(["cat"], stdin=server.stdout, stdout=subprocess.DEVNULL)
        _, headers, _ = request(base, "POST", "/api/v1/session", {"operator": "bench", "password": PASSWORD})
        cookie = headers["Set-Cookie"].split(";")[0]
        walks = []
        for n in range(CLIENTS):
            _, _, walk = request(base, "POST", "/api/v1/walks",
                                 {"customer": f"bench-{n:03d}", "article": ARTICLE, "locale": "tr-TR"}, cookie)
            walks.append(walk["id"])
        result = {"clients": CLIENTS, "duration": DURATION,
                  "step_page": wrk(base, cookie, [f"/walks/{w}" for w in walks], "GET"),
                  "next": wrk(base, cookie, [f"/api/v1/walks/{w}/next" for w in walks], "POST"),
                  # One client at a time: what a request costs when nothing waits in line.
                  "step_page_one_client": wrk(base, cookie, [f"/walks/{w}" for w in walks], "GET", clients=1)}
        return result
    finally:
        server.terminate()
        server.wait(timeout=30)
        if drain is not None:
            drain.wait(timeout=5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--waymark", default=".build/release/waymark")
    parser.add_argument("--postgres")
    parser.add_argument("--output", default="bench/results.json")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: make deps installs it")
    folder = tempfile.mkdtemp(prefix="waymark-bench-web-")
    try:
        resources = resources_with_customers(folder, CLIENTS)
        web = {"sqlite": measure(args.waymark, os.path.join(folder, "web.sqlite"), resources)}
        if args.postgres:
            name = "bench_web_%d" % int(time.time())
            subprocess.run(["psql", args.postgres, "-X", "-q", "-c", f"CREATE DATABASE {name}"], check=True)
            web["postgresql"] = measure(args.waymark, args.postgres.rsplit("/", 1)[0] + "/" + name, resources)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    results = json.load(open(args.output)) if os.path.exists(args.output) else {}
    results["web"] = web
    with open(args.output, "w") as f:
        json.dump(results, f, indent=2, sort_keys=True)
        f.write("\n")
    print("web app, %d clients on loopback (wrk, %s each):" % (CLIENTS, DURATION))
    for store, r in web.items():
        for name in ("step_page", "next", "step_page_one_client"):
            m = r[name]
            print(f"  {store:10s} {name:20s} p50 {m['p50_ms']:7.2f} ms  p99 {m['p99_ms']:7.2f} ms  "
                  f"{m['requests_per_s']:8.1f} req/s  non-2xx {m['non_2xx']}")


if __name__ == "__main__":
    main()
