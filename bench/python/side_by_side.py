"""The pandas side of `npm run bench:python` (bench/python.ts): one task, timed after its input is
loaded, on the files the Node side wrote; prints one JSON line {"ms": ..., "maxrss_mb": ..., ...}.

    python3 bench/python/side_by_side.py summaries|rfm|classes|iso DIR

Each task is the vectorised pandas counterpart of the library call it is compared with:
- summaries: per-customer frequency, recency, T (weeks), total revenue and mean repeat spend of
  a purchase log, same-day purchases one order (UTC days), a group-by of the summary fields;
- rfm: R, F, M quintile scores by rank, 1 + floor(5 * (values strictly below) / n), R reversed,
  and the 25-cell segment map of docs/segments.md;
- classes: new / lost / at-risk / vip / active by the default rules of classifyCustomers;
- iso: the same summaries over a log whose times are ISO-8601 strings (parsed by pandas).
Money is float64 here (pandas has no exact decimal column); the library's is exact.
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

DAY = 86_400_000


def summaries(customer, at, amount, as_of_ms):
    df = pd.DataFrame({"c": customer, "day": at // DAY, "ms": at, "amount": amount})
    orders = df.groupby(["c", "day"], sort=False).agg(amount=("amount", "sum"))
    orders = orders.reset_index()
    g = orders.groupby("c", sort=True)
    first_day = g["day"].transform("min")
    first_amount = orders["amount"].where(orders["day"] == first_day, 0.0)
    orders["first_amount"] = first_amount
    s = g.agg(
        orders=("day", "size"),
        first=("day", "min"),
        last=("day", "max"),
        total=("amount", "sum"),
        first_amount=("first_amount", "sum"),
    )
    as_of_day = as_of_ms // DAY
    s["frequency"] = s["orders"] - 1
    s["recency"] = (s["last"] - s["first"]) / 7
    s["T"] = (as_of_day - s["first"]) / 7
    repeat = s["total"] - s["first_amount"]
    s["monetary"] = np.where(s["frequency"] > 0, repeat / s["frequency"].clip(lower=1), 0.0)
    return s


def scores(values, bins=5):
    below = pd.Series(values).rank(method="min").to_numpy() - 1
    return 1 + np.floor(bins * below / len(values)).astype(np.int64)


SEGMENTS = np.array(
    [
        ["Lost", "Hibernating", "At Risk", "Can't Lose Them", "Can't Lose Them"],
        ["About to Sleep", "Need Attention", "Need Attention", "At Risk", "At Risk"],
        ["Promising", "Need Attention", "Need Attention", "Loyal", "Loyal"],
        ["New", "Potential Loyalist", "Loyal", "Champions", "Champions"],
        ["New", "Potential Loyalist", "Loyal", "Champions", "Champions"],
    ]
)


def rfm(last, orders, revenue, as_of_ms):
    days = (as_of_ms - last) / DAY
    r = scores(-days)
    f = scores(orders)
    m = scores(revenue)
    fm = np.ceil((f + m) / 2).astype(np.int64)
    return pd.DataFrame({"r": r, "f": f, "m": m, "segment": SEGMENTS[r - 1, fm - 1]})


def classes(first, last, orders, revenue, as_of_ms):
    since_first = (as_of_ms - first) / DAY
    since_last = (as_of_ms - last) / DAY
    repeat = orders > 1
    interval = np.where(repeat, (last - first) / DAY / np.maximum(orders - 1, 1), np.nan)
    typical = np.where(repeat, interval, np.nanmedian(interval) if repeat.any() else 90.0)
    n = len(revenue)
    k = int(np.ceil(0.2 * n))
    cut = np.sort(revenue)[::-1][k - 1]
    new = since_first <= 30
    lost = since_last > 365
    at_risk = since_last > 2 * typical
    vip = (revenue >= cut) & (revenue > 0)
    segment = np.select([new, lost, at_risk, vip], ["new", "lost", "at-risk", "vip"], "active")
    return pd.DataFrame({"segment": segment, "new": new, "lost": lost, "atRisk": at_risk, "vip": vip})


def main():
    task, folder = sys.argv[1], sys.argv[2]
    meta = json.load(open(f"{folder}/meta.json"))
    as_of = meta["asOfMs"]
    if task in ("summaries",):
        customer = np.fromfile(f"{folder}/log-customer.bin", dtype=np.int32)
        at = np.fromfile(f"{folder}/log-at.bin", dtype=np.float64).astype(np.int64)
        amount = np.fromfile(f"{folder}/log-amount.bin", dtype=np.float64)
        start = time.perf_counter()
        out = summaries(customer, at, amount, as_of)
    elif task in ("rfm", "classes"):
        first = np.fromfile(f"{folder}/sum-first.bin", dtype=np.float64)
        last = np.fromfile(f"{folder}/sum-last.bin", dtype=np.float64)
        orders = np.fromfile(f"{folder}/sum-orders.bin", dtype=np.float64)
        revenue = np.fromfile(f"{folder}/sum-revenue.bin", dtype=np.float64)
        start = time.perf_counter()
        if task == "rfm":
            out = rfm(last, orders, revenue, as_of)
        else:
            out = classes(first, last, orders, revenue, as_of)
    elif task == "iso":
        customer = np.fromfile(f"{folder}/iso-customer.bin", dtype=np.int32)
        amount = np.fromfile(f"{folder}/iso-amount.bin", dtype=np.float64)
        with open(f"{folder}/iso-at.txt") as f:
            strings = f.read().split("\n")
        start = time.perf_counter()
        at = pd.to_datetime(pd.Series(strings), utc=True).astype("int64").to_numpy() // 1_000_000
        out = summaries(customer, at, amount, as_of)
    else:
        raise SystemExit(f"unknown task {task}")
    ms = (time.perf_counter() - start) * 1000
    check = {
        "rows": int(len(out)),
        "frequencySum": int(out["frequency"].sum()) if "frequency" in out else None,
        "segments": out["segment"].value_counts().to_dict() if "segment" in out else None,
    }
    maxrss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ms": ms, "maxrss_mb": maxrss_mb, "check": check}))


if __name__ == "__main__":
    main()
