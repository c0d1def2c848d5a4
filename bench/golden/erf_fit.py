"""Fits the coefficients of org.dina.kernels.Activations' erfc approximation (run: python3 bench/golden/erf_fit.py).

Form (the classic Chebyshev-fitted erfc form, t = 1/(1 + z/2)):
    erfc(z) = t * exp(-z^2 + P(t))   for z >= 0,
where P is a polynomial of degree 13 fitted here by least squares at 400 Chebyshev nodes of t over
[1/(1 + 10/2), 1] (z in [0, 10]; erfc(10) is below the smallest float) against mpmath's erfc at 40 digits.
The printed error check is evaluated in double precision, as the Java code does.
"""
import mpmath as mp
import numpy as np

mp.mp.dps = 40
P_SCALE = 0.5
DEGREE = 13
Z_MAX = 10.0


def target(t):
    z = (1 / t - 1) / P_SCALE
    return float(mp.log(mp.erfc(z)) + z * z - mp.log(t))


def fit():
    tmin = 1 / (1 + P_SCALE * Z_MAX)
    k = np.arange(400)
    nodes = 0.5 * (1 + tmin) + 0.5 * (1 - tmin) * np.cos(np.pi * (k + 0.5) / 400)
    y = np.array([target(t) for t in nodes])
    cheb = np.polynomial.chebyshev.Chebyshev.fit(nodes, y, DEGREE, domain=[tmin, 1])
    return cheb.convert(kind=np.polynomial.Polynomial, domain=[-1, 1], window=[-1, 1]).coef


def erfc_approx(coef, z):
    t = 1 / (1 + P_SCALE * z)
    s = 0.0
    for a in coef[::-1]:
        s = s * t + a
    return t * np.exp(-z * z + s)


if __name__ == "__main__":
    coef = fit()
    worst_rel = worst_abs = 0.0
    for z in np.linspace(0, Z_MAX, 5001):
        exact = float(mp.erfc(z))
        e = erfc_approx(coef, z)
        worst_abs = max(worst_abs, abs(e - exact))
        if exact > 0:
            worst_rel = max(worst_rel, abs(e - exact) / exact)
    print(f"max relative error of erfc on [0, {Z_MAX}]: {worst_rel:.3g}; max absolute error: {worst_abs:.3g}")
    print("Java, lowest degree first:")
    print(",\n".join(f"    {c!r}" for c in coef))
