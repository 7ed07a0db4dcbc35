#!/usr/bin/env python3
"""Kills scripted walkthroughs with SIGKILL at random moments and checks that nothing was lost.

    scripts/durability.py [--waymark .build/debug/waymark] [--kills 60] [--seed N] [--postgres ADMIN_URL]

Each round starts `waymark walk` in line mode on one store, feeds it "next"/"yes" commands, and
kills it with SIGKILL during start-up or just after it shows a randomly chosen step. A round that finishes the procedure instead resets the
demo customers (the audit trail is kept) and walks again. After every kill:

  * `waymark store check` finds nothing wrong, and on SQLite `PRAGMA integrity_check` says "ok"
    (through the sqlite3 program);
  * the session's saved position is at least the last step the killed process had shown (a step
    is shown only after the one before it was saved), so resuming loses no confirmed step;
  * the audit trail has consecutive ids with no gaps or duplicates (on PostgreSQL, whose sequences
    are not transactional, ids that only increase), no step of a session is recorded twice, and no
    action was done twice on one item.

With `--postgres ADMIN_URL` the stores are new databases on that server (`make test` passes its
throwaway cluster): the client is killed mid-transaction, and the server must keep nothing of it.

With `--racers 2` (the default) every round starts two walkthroughs of the same customer at once,
each killed at its own random moment: one holds the session (its lease) and the other is refused,
or resumes it once the holder is dead. The same checks then prove that the race lost, doubled or
reordered nothing, and every audit event names a session that exists.

At the end every session is walked to the end without a kill and must record exactly the steps
an uninterrupted walkthrough records. Exits 1 with the failing check, 0 when all rounds pass.
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

ARTICLE = "partner-center/remove-a-relationship.md"
CUSTOMER = "wingtip"
ACTIONS = {"suspend-subscription", "cancel-subscription", "cancel-reservation", "cancel-purchase", "remove-relationship"}


def fail(message):
    print(f"durability: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


class Store:
    def __init__(self, waymark, path):
        self.waymark, self.path = waymark, path
        self.env = dict(os.environ, LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="")
        self.postgres = path.startswith("postgres://")
        if self.postgres:
            # A team's database starts empty: load the demo customers.
            reset = self.run("customers", "reset-demo")
            if reset.returncode != 0:
                fail(f"could not load the demo data: {reset.stderr.strip()}")

    def run(self, *arguments, stdin=None):
        return subprocess.run(
            [self.waymark, *arguments, "--db", self.path], input=stdin, capture_output=True, text=True,
            env=self.env, timeout=120)

    def audit(self):
        result = self.run("audit", "--format", "json")
        if result.returncode != 0:
            fail(f"audit could not be read: {result.stderr.strip()}")
        return json.loads(result.stdout)

    def session(self):
        """(id, state, position, total) of the customer's newest session, or None."""
        result = self.run("sessions", "list")
        for line in result.stdout.splitlines():
            m = re.match(r"(\S+)\s+" + CUSTOMER + r"\s+\S+\s+(open|finished|abandoned)\s+step (\d+) of (\d+)", line)
            if m:
                return m.group(1), m.group(2), int(m.group(3)), int(m.group(4))
        return None

    def integrity(self):
        check = self.run("store", "check", "--format", "json")
        if check.returncode != 0:
            return check.stderr.strip() or check.stdout.strip()
        problems = json.loads(check.stdout)["problems"]
        if problems:
            return "; ".join(problems)
        if self.postgres:
            return "ok"
        result = subprocess.run(["sqlite3", self.path, "PRAGMA integrity_check;"], capture_output=True, text=True)
        return result.stdout.strip() or result.stderr.strip()


def walk(store, kill_after_step=None, settle=0.0):
    """Starts a walkthrough and feeds it commands. With `kill_after_step`, SIGKILLs it `settle`
    seconds after it shows that step (0: during start-up); without, lets it end.
    Returns (killed, output)."""
    process = subprocess.Popen(
        [store.waymark, "walk", ARTICLE, "--customer", CUSTOMER, "--db", store.path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=store.env)
    lines = []
    reached = threading.Event()

    def read():
        for raw in process.stdout:
            line = raw.decode("utf-8", "replace")
            lines.append(line)
            m = re.match(r"Step (\d+) of \d+", line)
            if kill_after_step and m and int(m.group(1)) >= kill_after_step:
                reached.set()
        reached.set()

    def feed():
        try:
            for _ in range(60):
                process.stdin.write(b"next\nyes\n")
                process.stdin.flush()
                time.sleep(random.uniform(0.002, 0.02))
            process.stdin.write(b"quit\n")
            process.stdin.close()
        except (BrokenPipeError, ValueError, OSError):
            pass

    reader = threading.Thread(target=read, daemon=True)
    feeder = threading.Thread(target=feed, daemon=True)
    reader.start()
    feeder.start()
    killed = False
    if kill_after_step is not None:
        if kill_after_step > 0:
            reached.wait(timeout=60)
        time.sleep(settle)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed = True
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        process.kill()
        fail("a walkthrough did not end within 120 s")
    reader.join(timeout=10)
    return killed, "".join(lines)


def check_audit(audit, reference, gaps_allowed=False):
    ids = [e["id"] for e in audit]
    if gaps_allowed:
        if any(b <= a for a, b in zip(ids, ids[1:])):
            fail(f"audit ids do not increase: {ids}")
    elif ids and ids != list(range(ids[0], ids[0] + len(ids))):
        fail(f"audit ids have gaps or duplicates: {ids}")
    per_session = {}
    done_actions = set()
    for e in audit:
        if e["action"] == "walk-step":
            key = tuple(e["items"])
            steps = per_session.setdefault(e["session"], [])
            if key in steps:
                fail(f"session {e['session']} recorded step {key} twice")
            steps.append(key)
        if e["action"] in ACTIONS and e["outcome"] == "done":
            key = (e["action"], tuple(e["items"]), e["customer"], cycle_of(audit, e))
            if key in done_actions:
                fail(f"action done twice: {key}")
            done_actions.add(key)
    for session, steps in per_session.items():
        if reference and steps != reference[: len(steps)]:
            fail(f"session {session} recorded steps out of order or with a gap:\n  {steps}\n  expected a prefix of {reference}")
    return per_session


def check_sessions_exist(store):
    """Every audit event that names a session names one the store has, and at most one is open."""
    result = store.run("sessions", "list")
    ids = {line.split()[0] for line in result.stdout.splitlines() if line.strip() and " " in line}
    open_sessions = [line for line in result.stdout.splitlines() if re.search(r"\s" + CUSTOMER + r"\s+\S+\s+open\s", line)]
    if len(open_sessions) > 1:
        fail(f"more than one open session for {CUSTOMER}:\n" + "\n".join(open_sessions))
    for e in store.audit():
        if e.get("session") and e["session"] not in ids:
            fail(f"audit event {e['id']} names session {e['session']}, which does not exist")


def cycle_of(audit, event):
    """How many demo loads came before `event` (an item may be acted on again after a reset)."""
    return sum(1 for e in audit if e["action"] in ("load-demo", "reset-demo") and e["id"] < event["id"])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--waymark", default=".build/debug/waymark")
    parser.add_argument("--kills", type=int, default=60)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--racers", type=int, default=2, help="walkthroughs started at once on the customer")
    parser.add_argument("--postgres", default=None, help="admin URL of a PostgreSQL server to run against")
    args = parser.parse_args()
    if shutil.which("sqlite3") is None:
        fail("the sqlite3 program is needed (make deps installs it)")
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    random.seed(seed)
    workdir = tempfile.mkdtemp(prefix="waymark-durability-")
    started = time.time()

    def location(name):
        if not args.postgres:
            return os.path.join(workdir, name + ".sqlite")
        database = f"durability_{name}_{os.getpid()}_{random.randrange(1 << 30)}"
        created = subprocess.run(
            ["psql", args.postgres, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", f"CREATE DATABASE {database}"],
            capture_output=True, text=True)
        if created.returncode != 0:
            fail(f"could not create database {database}: {created.stderr.strip()}")
        return args.postgres.rsplit("/", 1)[0] + "/" + database

    try:
        # An uninterrupted walkthrough gives the steps every session must record, in order.
        reference_store = Store(args.waymark, location("reference"))
        _, output = walk(reference_store)
        reference_audit = reference_store.audit()
        reference = [tuple(e["items"]) for e in reference_audit if e["action"] == "walk-step"]
        if not reference or reference_store.session()[1] != "finished":
            fail(f"the uninterrupted walkthrough did not finish:\n{output[-2000:]}")

        store = Store(args.waymark, location("store"))
        kills = 0
        refused = 0
        finished = set()
        killed_at = {}
        while kills < args.kills:
            # Anywhere from start-up (the demo load, the session's creation) to the last step, and
            # anywhere between two screens (an action and its step are separate transactions).
            session = store.session()
            low, high = (session[2], session[3]) if session and session[1] == "open" else (1, len(reference))
            results = [None] * max(1, args.racers)

            def racer(index, target, settle):
                results[index] = walk(store, target, settle)

            threads = []
            for index in range(len(results)):
                target = 0 if random.random() < 0.1 else random.randint(low, high)
                # At the last step a slower store (PostgreSQL, over the network) may never get to finish
                # between a screen and the kill: let half of those rounds run to the end.
                if low == high == len(reference) and random.random() < 0.5:
                    target = None
                settle = random.uniform(0.0, 0.25 if target == 0 else 0.03)
                threads.append(threading.Thread(target=racer, args=(index, target, settle)))
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            round_killed = False
            for killed, output in results:
                shown = [int(n) for n in re.findall(r"Step (\d+) of \d+", output)]
                if not shown and not killed and "is being walked by" in output:
                    refused += 1
                if not killed:
                    continue
                round_killed = True
                kills += 1
                where = shown[-1] if shown else 0
                killed_at[where] = killed_at.get(where, 0) + 1
                after = store.session()
                if shown:
                    if after is None:
                        fail(f"kill {kills}: the process showed step {max(shown)} but no session was saved")
                    # The walk shows a step after saving the position before it.
                    if after[1] == "open" and after[2] < shown[-1]:
                        fail(f"kill {kills}: step {shown[-1]} was shown but the session resumes at {after[2]}")
            if round_killed:
                integrity = store.integrity()
                if integrity != "ok":
                    fail(f"integrity_check after kill {kills}: {integrity}")
                check_audit(store.audit(), reference, store.postgres)
                check_sessions_exist(store)
            session = store.session()
            if session and session[1] == "finished":
                finished.add(session[0])
                reset = store.run("customers", "reset-demo")
                if reset.returncode != 0:
                    fail(f"reset-demo failed: {reset.stderr.strip()}")
        # Finish whatever is open; every session must then hold the whole reference sequence.
        session = store.session()
        if session and session[1] == "open":
            killed, output = walk(store)
            if store.session()[1] != "finished":
                fail(f"the last session did not finish after the kills:\n{output[-2000:]}")
        per_session = check_audit(store.audit(), reference, store.postgres)
        last = store.session()[0]
        if per_session.get(last) != reference:
            fail(f"the resumed session recorded {per_session.get(last)}, expected {reference}")
        if store.integrity() != "ok":
            fail("integrity_check at the end")
        print(
            f"durability ({'PostgreSQL' if store.postgres else 'SQLite'}): {kills} SIGKILLs across {len(per_session)} walkthrough sessions ({len(finished)} walked to "
            f"the end), {len(store.audit())} audit events; integrity ok, no confirmed step lost, "
            f"{'no duplicates' if store.postgres else 'no gaps or duplicates'} ({time.time() - started:.1f} s, seed {seed})")
        if args.racers > 1:
            print(f"  {args.racers} walkthroughs raced each round; {refused} were refused while another held the session")
        print("  kills by the last step shown (0: before the first screen): " + ", ".join(
            f"{step}: {count}" for step, count in sorted(killed_at.items())))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
