"""Order comparisons for the crash suites: the fake Alpaca's orders (GET /_admin/orders) against
the ledger (stratus history --format json) and against the orders of a clean, never-killed run.

  compare_orders.py expected <fake.json> <history.json> <out.json>
      The clean run's orders, checked for agreement, as {client_order_id: {symbol, qty}}.
  compare_orders.py check <expected.json> <fake.json> <history.json> [--settled]
      Exactly one order per client_order_id at the fake; the fake's orders and the ledger's are
      both exactly the expected ones (id, symbol, quantity); each ledger order names the fake's
      order and is submitted or filled; a fill in the ledger matches the fake's. --settled: every
      order is filled, at the fake and in the ledger, with the fake's price and quantity.
Prints one line and exits 0, or prints every problem and exits 1.
"""
import json
import sys
from decimal import Decimal


def load(path):
    with open(path) as f:
        return json.load(f)


def fake_orders(path):
    """{client_order_id: order}; a problem for every client_order_id held twice."""
    orders, problems = {}, []
    for o in load(path):
        cid = o["client_order_id"]
        if cid in orders:
            problems.append(f"the fake holds two orders with client_order_id {cid}")
        orders[cid] = o
    return orders, problems


def ledger_orders(path):
    orders, problems = {}, []
    for o in load(path):
        cid = o["client_order_id"]
        if cid in orders:
            problems.append(f"the ledger lists client_order_id {cid} twice")
        orders[cid] = o
    return orders, problems


def shape(fake, ledger):
    """{cid: (symbol, qty)} of each side."""
    f = {cid: (o["symbol"], Decimal(o["qty"])) for cid, o in fake.items()}
    l = {cid: (o["symbol"], Decimal(o["qty"])) for cid, o in ledger.items()}
    return f, l


def diff(name_a, a, name_b, b):
    problems = []
    for cid in sorted(set(a) - set(b)):
        problems.append(f"{cid} {a[cid]} is in {name_a} but not in {name_b}")
    for cid in sorted(set(b) - set(a)):
        problems.append(f"{cid} {b[cid]} is in {name_b} but not in {name_a}")
    for cid in sorted(set(a) & set(b)):
        if a[cid] != b[cid]:
            problems.append(f"{cid}: {name_a} has {a[cid]}, {name_b} has {b[cid]}")
    return problems


def agreement(fake, ledger, settled):
    """Per-order agreement of the ledger with the fake."""
    problems = []
    for cid in sorted(set(fake) & set(ledger)):
        f, l = fake[cid], ledger[cid]
        if l["state"] not in ("submitted", "filled"):
            # The fake fills every order at once: nothing else agrees with it.
            problems.append(f"{cid} is {l['state']} in the ledger, yet the fake holds it "
                            f"({f['status']})")
        if l.get("broker_order_id") != f["id"]:
            problems.append(f"{cid}: the ledger names broker order {l.get('broker_order_id')}, "
                            f"the fake's is {f['id']}")
        if l["state"] in ("filled", "partially_filled") or settled:
            if f["status"] != "filled":
                problems.append(f"{cid}: the fake's order is {f['status']}, not filled")
                continue
            want_qty, want_price = Decimal(f["filled_qty"]), Decimal(f["filled_avg_price"])
            got_qty = Decimal(l["filled_qty"])
            got_price = Decimal(l["avg_price"]) if "avg_price" in l else None
            if l["state"] != "filled" or got_qty != want_qty or got_price != want_price:
                problems.append(
                    f"{cid}: the ledger has {l['state']} {got_qty} @ {got_price}, the fake "
                    f"filled {want_qty} @ {want_price}")
    return problems


def main(argv):
    if len(argv) >= 5 and argv[1] == "expected":
        fake, p1 = fake_orders(argv[2])
        ledger, p2 = ledger_orders(argv[3])
        f, l = shape(fake, ledger)
        problems = p1 + p2 + diff("the fake", f, "the ledger", l) + agreement(fake, ledger, False)
        if not fake:
            problems.append("the clean run placed no order at all")
        if problems:
            print("the clean run itself is inconsistent:\n  " + "\n  ".join(problems))
            return 1
        with open(argv[4], "w") as out:
            json.dump({cid: {"symbol": s, "qty": str(q)} for cid, (s, q) in f.items()}, out,
                      indent=1, sort_keys=True)
        print(f"clean run: {len(f)} orders")
        return 0
    if len(argv) >= 5 and argv[1] == "check":
        expected = {cid: (e["symbol"], Decimal(e["qty"])) for cid, e in load(argv[2]).items()}
        fake, p1 = fake_orders(argv[3])
        ledger, p2 = ledger_orders(argv[4])
        settled = "--settled" in argv[5:]
        f, l = shape(fake, ledger)
        problems = (p1 + p2 + diff("the clean run", expected, "the fake", f) +
                    diff("the clean run", expected, "the ledger", l) +
                    agreement(fake, ledger, settled))
        if problems:
            print("\n".join(problems))
            return 1
        print(f"{len(f)} orders, one each, ledger agrees" + (", all filled" if settled else ""))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
