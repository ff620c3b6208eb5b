#!/usr/bin/env python3
"""Golden values for io.driftwatch.multivariate.PcaReconstruction.

Applies NannyML's DataReconstructionDriftCalculator preprocessing (nannyml 0.13,
nannyml/drift/multivariate/data_reconstruction/calculator.py) with scikit-learn itself:

  SimpleImputer(strategy='mean') on continuous columns, SimpleImputer(strategy='most_frequent') on
  categorical ones, both fitted on the reference; CountEncoder(normalize=True) (category_encoders),
  written out here as what it computes: each category's share of the imputed reference, 0 for a
  category the reference never had; StandardScaler(); PCA(n_components=0.65); the per-row error is
  the Euclidean norm of (scaled row - PCA.inverse_transform(PCA.transform(scaled row))).

Writes src/test/resources/multivariate/pca_golden.json and the input CSV files next to it.
Run from the repository root:  /usr/bin/python3 src/test/python/pca_golden.py
Generated with scikit-learn 1.2.1, numpy 1.24.2, pandas 1.5.3.
"""
import json
import os

import numpy as np
import pandas as pd
from scipy.linalg import hadamard
import sklearn
from sklearn.decomposition import PCA
from sklearn.impute import SimpleImputer
from sklearn.preprocessing import StandardScaler

OUT = os.path.join("src", "test", "resources", "multivariate")


def frequency_encode(reference_col, col):
    shares = reference_col.value_counts(normalize=True)
    return col.astype(object).map(shares).fillna(0.0).astype(float)


def reconstruction(name, reference, current, features):
    categorical = [c for c in features if reference[c].dtype == object]
    continuous = [c for c in features if c not in categorical]
    ref = reference.copy()
    cur = current.copy()
    if categorical:
        imp = SimpleImputer(missing_values=np.nan, strategy="most_frequent")
        ref[categorical] = imp.fit_transform(ref[categorical])
        cur[categorical] = imp.transform(cur[categorical])
    if continuous:
        imp = SimpleImputer(missing_values=np.nan, strategy="mean")
        ref[continuous] = imp.fit_transform(ref[continuous])
        cur[continuous] = imp.transform(cur[continuous])
    for c in categorical:
        cur[c] = frequency_encode(ref[c], cur[c])
        ref[c] = frequency_encode(ref[c], ref[c])
    x_ref = ref[features].to_numpy(dtype=float)
    x_cur = cur[features].to_numpy(dtype=float)
    scaler = StandardScaler().fit(x_ref)
    s_ref = scaler.transform(x_ref)
    s_cur = scaler.transform(x_cur)
    pca = PCA(n_components=0.65, random_state=16).fit(s_ref)
    full = PCA(n_components=None).fit(s_ref)

    def errors(s):
        back = pca.inverse_transform(pca.transform(s))
        return np.linalg.norm(s - back, axis=1).tolist()

    reference.to_csv(os.path.join(OUT, name + "_reference.csv"), index=False)
    current.to_csv(os.path.join(OUT, name + "_current.csv"), index=False)
    return {
        "features": features,
        "components": int(pca.n_components_),
        "explainedVarianceRatio": full.explained_variance_ratio_.tolist(),
        "cumulativeRatio": np.cumsum(full.explained_variance_ratio_).tolist(),
        "referenceErrors": errors(s_ref),
        "currentErrors": errors(s_cur),
    }


def mixed_case():
    rng = np.random.default_rng(20261206)
    def frame(n, shift):
        x1 = rng.normal(shift, 1.0, n)
        x2 = 0.8 * x1 + rng.normal(0, 0.6, n)
        x3 = rng.uniform(0, 10, n)
        x4 = rng.poisson(3, n).astype(np.int64)
        cat = rng.choice(["a", "b", "c", "d"], size=n, p=[0.4, 0.3, 0.2, 0.1]).astype(object)
        return pd.DataFrame({"x1": x1, "x2": x2, "x3": x3, "x4": x4, "cat": cat})
    reference = frame(80, 0.0)
    current = frame(40, 0.7)
    reference.loc[[3, 17, 29, 44, 71], "x1"] = np.nan
    reference.loc[[5, 6, 60], "x3"] = np.nan
    reference.loc[[2, 40, 41, 77], "cat"] = np.nan
    current.loc[[1, 9], "x1"] = np.nan
    current.loc[[4], "x2"] = np.nan
    current.loc[[0, 13], "cat"] = np.nan
    current.loc[[7, 8, 30], "cat"] = "e"  # unseen in the reference: encoded as 0
    return reconstruction("mixed", reference, current, ["x1", "x2", "x3", "x4", "cat"])


def constant_case():
    """A constant numeric and a one-level categorical column (StandardScaler: scale 1), and a
    categorical column whose most frequent value is a tie ('x' and 'y', 'x' wins: the least)."""
    rng = np.random.default_rng(7)
    n = 30
    reference = pd.DataFrame({
        "u": rng.normal(0, 1, n),
        "v": rng.normal(0, 2, n),
        "k": np.full(n, 5.0),
        "one": np.array(["only"] * n, dtype=object),
        "tie": np.array(["y", "x", "z"] * 10, dtype=object),
    })
    reference["v"] = reference["v"] + reference["u"]
    reference.loc[[2, 5], "tie"] = np.nan  # 2 was 'z', 5 was 'z': x and y stay tied at 10
    current = pd.DataFrame({
        "u": rng.normal(0, 1, 12),
        "v": rng.normal(0, 2, 12),
        "k": np.array([5.0] * 10 + [6.0, 4.0]),
        "one": np.array(["only"] * 11 + ["other"], dtype=object),
        "tie": np.array(["y", "x", np.nan, "w"] * 3, dtype=object),
    })
    return reconstruction("constant", reference, current, ["u", "v", "k", "one", "tie"])


def tie_case():
    """Four columns in two correlated pairs (r = 0.55 and 0.05) built from orthogonal, zero-mean
    Hadamard columns: the explained variance ratios are 0.3875, 0.2625, 0.2375, 0.1125 and the
    cumulative ratio after two components is exactly 0.65 in floating point, so sklearn's rule
    (more than 0.65) keeps three."""
    z = hadamard(8).astype(float)[:, 1:5]
    def pair(r, u, v):
        return np.column_stack([u, r * u + np.sqrt(1 - r * r) * v])
    x = np.column_stack([pair(0.55, z[:, 0], z[:, 1]), pair(0.05, z[:, 2], z[:, 3])])
    reference = pd.DataFrame(x, columns=["p", "q", "r", "s"])
    current = pd.DataFrame(x[::-1] * 1.5, columns=["p", "q", "r", "s"])
    return reconstruction("tie", reference, current, ["p", "q", "r", "s"])


def main():
    os.makedirs(OUT, exist_ok=True)
    cases = {"mixed": mixed_case(), "constant": constant_case(), "tie": tie_case()}
    doc = {
        "provenance": "src/test/python/pca_golden.py, scikit-learn " + sklearn.__version__
                      + ", numpy " + np.__version__ + ", pandas " + pd.__version__,
        "cases": cases,
    }
    with open(os.path.join(OUT, "pca_golden.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
