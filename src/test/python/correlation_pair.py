"""Writes a reference/current pair whose columns keep their distributions while their relationship
flips: x and y are standard normals with correlation +0.9 in the reference and -0.9 in the current
batch; z is independent noise in both. Per-column drift tests see nothing; drift across columns
(PCA reconstruction error, the domain classifier) does. Used by MultivariateCheckCommandTest.

Run from the repository root: python3 src/test/python/correlation_pair.py
"""
import numpy as np

def write(path, x, y, z):
    with open(path, "w") as f:
        f.write("x,y,z\n")
        for a, b, c in zip(x, y, z):
            f.write(f"{a:.5f},{b:.5f},{c:.5f}\n")

def pair(rng, n, rho):
    x = rng.standard_normal(n)
    y = rho * x + np.sqrt(1 - rho * rho) * rng.standard_normal(n)
    z = rng.standard_normal(n)
    return x, y, z

rng = np.random.RandomState(20261206)
write("src/test/resources/multivariate/correlation-reference.csv", *pair(rng, 1000, 0.9))
write("src/test/resources/multivariate/correlation-current.csv", *pair(rng, 600, -0.9))
