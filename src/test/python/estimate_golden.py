#!/usr/bin/env python3
"""Golden values for io.driftwatch.estimate (CBPE arithmetic and isotonic calibration).

Run from the repository root with Debian's python3-sklearn (scikit-learn 1.2.1, NumPy 1.24, SciPy 1.10):

    /usr/bin/python3 src/test/python/estimate_golden.py

It writes src/test/resources/estimate/isotonic.json, cbpe.json and stratified-shuffle-split.json. The tests never run Python.

Isotonic values come straight from sklearn.isotonic.IsotonicRegression(out_of_bounds='clip',
increasing=True), which is what NannyML's IsotonicCalibrator wraps. The CBPE values are NannyML 0.13.1's
formulas (nannyml/calibration.py, nannyml/performance_estimation/confidence_based/metrics.py,
nannyml/sampling_error/*.py) written out below on top of scikit-learn and NumPy, because NannyML itself
is not installed here; each function names the NannyML function it restates. Two deliberate choices
match Driftwatch's documented behaviour where NannyML's result depends on an unspecified order:
argsort is stable (NannyML: NumPy's default introsort, unspecified order of ties), and the average
precision's bootstrap draws from np.random.RandomState(42) (NannyML: the unseeded global generator).
"""
import json
import os

import numpy as np
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import auc, average_precision_score, roc_auc_score
from sklearn.model_selection import StratifiedShuffleSplit

OUT = os.path.join("src", "test", "resources", "estimate")


def isotonic_cases():
    rng = np.random.RandomState(7)
    cases = []

    def add(name, x, y, t):
        model = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(x, y)
        cases.append({
            "name": name,
            "x": list(map(float, x)), "y": list(map(float, y)), "t": list(map(float, t)),
            "thresholds": list(map(float, model.X_thresholds_)),
            "values": list(map(float, model.y_thresholds_)),
            "predicted": list(map(float, model.predict(t))),
        })

    # ties in x, a violating run, queries outside the range and exactly on fitted points
    add("ties-and-violators",
        np.array([0.1, 0.2, 0.2, 0.2, 0.35, 0.5, 0.5, 0.7, 0.9, 0.9]),
        np.array([0, 1, 0, 1, 0, 1, 0, 0, 1, 1], dtype=float),
        np.array([-0.5, 0.0, 0.1, 0.15, 0.2, 0.275, 0.35, 0.5, 0.6, 0.7, 0.9, 1.0, 2.0]))
    # x within 1e-15 of each other are one point (np.finfo(float64).resolution)
    add("near-ties",
        np.array([0.3, 0.3 + 4e-16, 0.3 + 2e-15, 0.5, 0.5, 0.8]),
        np.array([1, 0, 1, 0, 1, 1], dtype=float),
        np.array([0.29, 0.3, 0.3 + 1e-15, 0.4, 0.65, 0.81]))
    # fractional targets, unsorted input
    x = rng.uniform(0, 1, 60)
    y = np.clip(x + rng.normal(0, 0.3, 60), 0, 1)
    add("fractional-unsorted", x, y, np.concatenate([rng.uniform(-0.2, 1.2, 25), x[:5]]))
    # decreasing data pools everything into one block
    add("all-pooled", np.array([0.1, 0.4, 0.6, 0.9]), np.array([1, 1, 0, 0], dtype=float),
        np.array([0.0, 0.5, 1.0]))
    # one distinct x
    add("single-x", np.array([0.4, 0.4, 0.4]), np.array([1, 0, 0], dtype=float), np.array([0.1, 0.4, 0.9]))
    # binary labels from a miscalibrated score, many rows with repeated 2-decimal scores
    s = np.round(rng.uniform(0, 1, 300), 2)
    lab = (rng.uniform(0, 1, 300) < s ** 2).astype(float)
    add("binary-rounded-scores", s, lab, np.linspace(-0.05, 1.05, 23))
    return cases


# ----------------------------------------------------------------------------- NannyML's formulas

def bin_edges(length, bin_count=10):  # nannyml.calibration._get_bin_index_edges
    if length <= 2 * bin_count:
        bin_count = length // 2
    width = length // bin_count
    edges = np.asarray(range(0, length + 1, width))
    edges[-1] = length
    return list(zip(edges[:-1], edges[1:]))


def ece(y, p, edges):  # nannyml.calibration._calculate_expected_calibration_error, stable argsort
    order = np.argsort(p, kind="stable")
    p, y = p[order], y[order]
    return float(np.sum([(r - l) / len(p) * abs(np.mean(p[l:r]) - np.mean(y[l:r])) for l, r in edges]))


def needs_calibration(y, p):  # nannyml.calibration.needs_calibration
    if len(np.unique(y)) == 1:
        return False, float("nan"), float("nan")
    if roc_auc_score(y, p) > 0.999:
        return False, float("nan"), float("nan")
    sss = StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42)
    ys, ps, cs = [], [], []
    for train, test in sss.split(p, y):
        cal = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(p[train], y[train])
        ys.append(y[test]); ps.append(p[test]); cs.append(cal.predict(p[test]))
    ys, ps, cs = np.concatenate(ys), np.concatenate(ps), np.concatenate(cs)
    edges = bin_edges(len(ps))
    before, after = ece(ys, ps, edges), ece(ys, cs, edges)
    return bool(before > after), before, after


def estimate_roc_auc(cal, raw):  # metrics.estimate_roc_auc
    order = np.argsort(raw, kind="stable")[::-1]
    cal = cal[order]
    tps = np.cumsum(cal)
    fps = 1 + np.arange(len(cal)) - tps
    tps, fps = np.round(np.r_[0, tps], 5), np.round(np.r_[0, fps], 5)
    return float(auc(fps / fps[-1], tps / tps[-1]))


def estimate_ap(cal, raw):  # metrics.estimate_ap
    cal = cal[np.argsort(raw, kind="stable")[::-1]]
    tps = np.round(np.cumsum(cal), 5)
    precision = np.r_[1, tps / np.arange(1, len(tps) + 1)]
    recall = np.r_[0, tps] / tps[-1]
    return float(-np.sum(np.diff(recall[::-1]) * precision[::-1][:-1]))


def binary_estimates(pred, cal, raw):  # metrics.estimate_* (binary)
    tp = np.sum(np.where(pred == 1, cal, 0)); fp = np.sum(np.where(pred == 1, 1 - cal, 0))
    fn = np.sum(np.where(pred == 0, cal, 0)); tn = np.sum(np.where(pred == 0, 1 - cal, 0))
    return {
        "roc_auc": estimate_roc_auc(cal, raw),
        "f1": tp / (tp + 0.5 * (fp + fn)),
        "precision": tp / (tp + fp),
        "recall": tp / (tp + fn),
        "specificity": tn / (tn + fp),
        "accuracy": (tp + tn) / len(pred),
        "average_precision": estimate_ap(cal, raw),
    }, [float(tp), float(fp), float(fn), float(tn)]


def auroc_components(y, p, var=False):  # sampling_error.*.auroc_sampling_error_components
    y, p = np.asarray(y), np.asarray(p)
    if np.mean(y) > 0.5:
        y, p = abs(y - 1), 1 - p
    idx = np.argsort(p, kind="stable")
    y = y[idx]
    ranks = np.unique(y * np.arange(len(y)))[1:]
    ser = np.array([r - i for i, r in enumerate(ranks)]) / (len(y) - np.sum(y))
    return (np.var(ser) if var else np.std(ser)), np.sum(y) / len(y)


def ap_components(y, p, rng, var=False):  # sampling_error.*.ap_sampling_error_components
    size = min(len(y) // 2, 50_000)
    res = []
    for _ in range(50):
        i = rng.choice(len(y), size, replace=True)
        res.append(average_precision_score(y[i], p[i]))
    return (np.var(res) if var else np.std(res)), size


def binary_sampling_errors(y, pred, p, sizes, rng):  # sampling_error/binary_classification.py
    tp = np.sum((y == 1) & (pred == 1)); fp = np.sum((y == 0) & (pred == 1))
    fn = np.sum((y == 1) & (pred == 0)); tn = np.sum((y == 0) & (pred == 0))
    acc = np.std((y == pred).astype(int))
    prec = np.std(np.r_[np.ones(tp), np.zeros(fp)]), np.sum(pred) / len(pred)
    rec = np.std(np.r_[np.ones(tp), np.zeros(fn)]), np.sum(y) / len(pred)
    spec = np.std(np.r_[np.ones(tn), np.zeros(fp)]), (tn + fp) / len(pred)
    obs = np.r_[np.ones(tp), np.zeros(fn), np.zeros(fp)]
    corr = len(obs) / ((fn + fp) * 0.5 + tp)
    f1 = np.std(obs * corr), len(obs) / len(pred)
    roc = auroc_components(y, p)
    ap = ap_components(y, p, rng)
    out = []
    for n in sizes:
        out.append({
            "accuracy": acc / np.sqrt(n),
            "precision": prec[0] / np.sqrt(n * prec[1]),
            "recall": rec[0] / np.sqrt(n * rec[1]),
            "specificity": spec[0] / np.sqrt(n * spec[1]),
            "f1": f1[0] / np.sqrt(n * f1[1]),
            "roc_auc": roc[0] / np.sqrt(n * roc[1]),
            "average_precision": ap[0] * np.sqrt(ap[1] / n),
        })
    return out


def binary_realized(y, pred, p):  # metrics.Binary*._realized_performance
    from sklearn.metrics import accuracy_score, f1_score, precision_score, recall_score
    both = len(np.unique(y)) > 1 and len(np.unique(pred)) > 1
    tn = np.sum((y == 0) & (pred == 0)); fp = np.sum((y == 0) & (pred == 1))
    return {
        "roc_auc": roc_auc_score(y, p) if len(np.unique(y)) > 1 else float("nan"),
        "f1": f1_score(y, pred) if both else float("nan"),
        "precision": precision_score(y, pred) if both else float("nan"),
        "recall": recall_score(y, pred) if both else float("nan"),
        "specificity": tn / (tn + fp) if tn + fp else float("nan"),
        "accuracy": accuracy_score(y, pred),
        "average_precision": average_precision_score(y, p) if 1 in y else float("nan"),
    }


def thresholds(values):  # nannyml.thresholds.StandardDeviationThreshold, clipped to [0, 1]
    v = np.asarray(values, dtype=float)
    v = v[~np.isnan(v)]
    m, s = np.mean(v), np.std(v)
    return [max(m - 3 * s, 0.0), min(m + 3 * s, 1.0)]


def binary_case(name, n_ref, n_ana, chunk, miscalibration, shift, seed):
    rng = np.random.RandomState(seed)
    def draw(n, mu):
        x = rng.normal(mu, 1, n)
        true_p = 1 / (1 + np.exp(-(1.5 * x - 0.3)))
        y = (rng.uniform(0, 1, n) < true_p).astype(int)
        score = np.round(true_p ** miscalibration, 4)  # a monotone distortion, 4 decimals (ties)
        pred = (score >= 0.5).astype(int)
        return y, pred, score
    ry, rpred, rp = draw(n_ref, 0.0)
    ay, apred, ap = draw(n_ana, shift)
    decided, before, after = needs_calibration(ry, rp)
    cal_model = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(rp, ry)
    def calibrate(p):
        return cal_model.predict(p) if decided else p
    ref_chunks = [(i, min(i + chunk, n_ref)) for i in range(0, n_ref, chunk)]
    ana_chunks = [(i, min(i + chunk, n_ana)) for i in range(0, n_ana, chunk)]
    realized_ref = [binary_realized(ry[a:b], rpred[a:b], rp[a:b]) for a, b in ref_chunks]
    metrics = ["roc_auc", "f1", "precision", "recall", "specificity", "accuracy", "average_precision"]
    th = {m: thresholds([r[m] for r in realized_ref]) for m in metrics}
    se = binary_sampling_errors(ry, rpred, rp, [b - a for a, b in ana_chunks], np.random.RandomState(42))
    chunks = []
    for (a, b), s in zip(ana_chunks, se):
        est, conf = binary_estimates(apred[a:b], calibrate(ap[a:b]), ap[a:b])
        chunks.append({"from": a, "to": b, "estimated": est, "confusion": conf, "sampling_error": s,
                       "realized": binary_realized(ay[a:b], apred[a:b], ap[a:b])})
    return {
        "name": name, "chunk": chunk,
        "reference": {"actual": ry.tolist(), "predicted": rpred.tolist(), "probability": rp.tolist()},
        "analysis": {"actual": ay.tolist(), "predicted": apred.tolist(), "probability": ap.tolist()},
        "calibrated": decided, "ece_uncalibrated": before, "ece_calibrated": after,
        "thresholds": th, "chunks": chunks,
    }


def multiclass_case(name, n_ref, n_ana, chunk, seed):
    rng = np.random.RandomState(seed)
    k = 3
    def draw(n, mu):
        x = rng.normal(mu, 1, (n, 2))
        logits = np.c_[x[:, 0], x[:, 1], -x[:, 0] - 0.5 * x[:, 1]] * 1.2
        true_p = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
        y = np.array([rng.choice(k, p=row) for row in true_p])
        score = true_p ** 1.4
        score = np.round(score / score.sum(axis=1, keepdims=True), 4)
        pred = np.argmax(score, axis=1)
        return y, pred, score
    ry, rpred, rp = draw(n_ref, 0.0)
    ay, apred, ap = draw(n_ana, 0.7)
    decisions, calibrators = [], []
    for c in range(k):
        d, before, after = needs_calibration((ry == c).astype(int), rp[:, c])
        decisions.append({"calibrated": d, "ece_uncalibrated": before, "ece_calibrated": after})
        calibrators.append(IsotonicRegression(out_of_bounds="clip", increasing=True).fit(rp[:, c], (ry == c))
                           if d else None)
    def calibrate(p):  # cbpe._calibrate_predicted_probabilities
        out = np.column_stack([calibrators[c].predict(p[:, c]) if calibrators[c] else p[:, c] for c in range(k)])
        den = out.sum(axis=1)[:, np.newaxis]
        return np.divide(out, den, out=np.full_like(out, 1 / k), where=den != 0)
    # multiclass sampling error components (sampling_error/multiclass_classification.py)
    comp = {m: [] for m in ["f1", "precision", "recall", "specificity", "roc_auc", "average_precision"]}
    aprng = np.random.RandomState(42)
    for c in range(k):
        yt, yp = (ry == c).astype(int), (rpred == c).astype(int)
        tp = np.sum((yt == 1) & (yp == 1)); fp = np.sum((yt == 0) & (yp == 1))
        fn = np.sum((yt == 1) & (yp == 0)); tn = np.sum((yt == 0) & (yp == 0))
        comp["f1"].append((np.var(np.r_[np.ones(tp), np.zeros(fn), np.zeros(fp)]), (tp + fn + fp) / len(yt)))
        comp["precision"].append((np.var(np.r_[np.ones(tp), np.zeros(fp)]), np.sum(yp) / len(yt)))
        comp["recall"].append((np.var(np.r_[np.ones(tp), np.zeros(fn)]), np.sum(yt) / len(yt)))
        comp["specificity"].append((np.var(np.r_[np.ones(tn), np.zeros(fp)]), (tn + fp) / len(yt)))
        comp["roc_auc"].append(auroc_components(yt, rp[:, c], var=True))
    for c in range(k):
        comp["average_precision"].append(ap_components((ry == c).astype(int), rp[:, c], aprng, var=True))
    acc_std = np.std((ry == rpred).astype(int))
    def sampling_errors(n):
        out = {"accuracy": acc_std / np.sqrt(n)}
        for m in ["f1", "precision", "recall", "specificity", "roc_auc"]:
            out[m] = np.sqrt(np.sum([v / (n * f) for v, f in comp[m]])) / k * (1.2 if m == "roc_auc" else 1)
        out["average_precision"] = np.sqrt(np.mean([v * s / n for v, s in comp["average_precision"]]))
        return out
    def estimates(pred, cal, raw):
        res = {m: [] for m in ["f1", "precision", "recall", "specificity", "roc_auc", "average_precision"]}
        for c in range(k):
            yp, p = (pred == c).astype(int), cal[:, c]
            tp = np.sum(np.where(yp == 1, p, 0)); fp = np.sum(np.where(yp == 1, 1 - p, 0))
            fn = np.sum(np.where(yp == 0, p, 0)); tn = np.sum(np.where(yp == 0, 1 - p, 0))
            res["f1"].append(tp / (tp + 0.5 * (fp + fn))); res["precision"].append(tp / (tp + fp))
            res["recall"].append(tp / (tp + fn)); res["specificity"].append(tn / (tn + fp))
            res["roc_auc"].append(estimate_roc_auc(p, raw[:, c])); res["average_precision"].append(estimate_ap(p, raw[:, c]))
        out = {m: float(np.mean(v)) for m, v in res.items()}
        out["accuracy"] = float(np.mean(cal[np.arange(len(pred)), pred]))
        return out
    ana_chunks = [(i, min(i + chunk, n_ana)) for i in range(0, n_ana, chunk)]
    chunks = []
    for a, b in ana_chunks:
        chunks.append({"from": a, "to": b, "estimated": estimates(apred[a:b], calibrate(ap[a:b]), ap[a:b]),
                       "sampling_error": sampling_errors(b - a)})
    return {
        "name": name, "chunk": chunk,
        "reference": {"actual": ry.tolist(), "predicted": rpred.tolist(), "probabilities": rp.T.tolist()},
        "analysis": {"actual": ay.tolist(), "predicted": apred.tolist(), "probabilities": ap.T.tolist()},
        "decisions": decisions, "chunks": chunks,
    }


def split_cases():
    """StratifiedShuffleSplit's index sets, for stats.StratifiedShuffleSplit."""
    out = []
    for name, labels, n_splits, test_size, seed in [
        ("binary-nannyml", [0] * 37 + [1] * 26, 10, 0.1, 42),
        # three equal classes: equal remainders, ties broken by rng.choice
        ("three-equal-classes", [2, 0, 1] * 7, 4, 0.1, 42),
        ("uneven-labels", [5, 5, 9, 1, 9, 5, 1, 9, 9, 5, 1, 5, 9, 9, 1, 5, 5], 3, 0.3, 7),
    ]:
        y = np.array(labels)
        splits = StratifiedShuffleSplit(n_splits=n_splits, test_size=test_size, random_state=seed).split(y, y)
        out.append({"name": name, "labels": labels, "splits": n_splits, "test_size": test_size, "seed": seed,
                    "train": [t.tolist() for t, _ in list(splits)],
                    "test": [t.tolist() for _, t in
                             StratifiedShuffleSplit(n_splits=n_splits, test_size=test_size,
                                                    random_state=seed).split(y, y)]})
    return out


def clean(o):
    if isinstance(o, dict):
        return {k: clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [clean(v) for v in o]
    if isinstance(o, (np.floating, float)):
        return None if np.isnan(o) else float(o)
    if isinstance(o, (np.integer,)):
        return int(o)
    if isinstance(o, np.bool_):
        return bool(o)
    return o


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "stratified-shuffle-split.json"), "w") as f:
        json.dump(clean(split_cases()), f)
    with open(os.path.join(OUT, "isotonic.json"), "w") as f:
        json.dump(clean(isotonic_cases()), f, indent=1)
    cases = {
        "binary": [
            binary_case("overconfident", 400, 300, 100, 0.6, 0.8, 11),
            binary_case("calibrated-already", 500, 250, 125, 1.0, -0.5, 12),
            binary_case("underconfident", 300, 200, 50, 1.8, 0.4, 13),
        ],
        "multiclass": [multiclass_case("three-classes", 450, 300, 100, 21)],
    }
    with open(os.path.join(OUT, "cbpe.json"), "w") as f:
        json.dump(clean(cases), f)


if __name__ == "__main__":
    main()
