"""Fits the coefficients of org.dina.kernels.Activations' erfc approximation (run: python3 bench/golden/erf_fit.py).

Form (the classic Chebyshev-fitted erfc form, t = 1/(1 + z/2)):
    erfc(z) = t * exp(-z^2 + P(t))   for z >= 0,
where P is a polynomial of degree 13 fitted here by least squares at 400 Chebyshev nodes of t over
[1/(1 + 10/2), 1] (z in [0, 10]; erfc(10) is below the smallest float) against mpmath's erfc at 40 digits.
The printed error check is evaluated in double precision, as the Java code does.

With --float it fits the degree-9 P that Activations' float GELU evaluates, on z in [0, 9.5] (beyond it the float
exponential underflows anyway), rounds the coefficients to float and checks the error with P(t) evaluated in float32.
"""
import sys
import mpmath as mp
import numpy as np

mp.mp.dps = 40
P_SCALE = 0.5
DEGREE = 13
Z_MAX = 10.0


def target(t):
    z = (1 / t - 1) / P_SCALE
    return float(mp.log(mp.erfc(z)) + z * z - mp.log(t))


def fit(degree=DEGREE, z_max=Z_MAX):
    tmin = 1 / (1 + P_SCALE * z_max)
    k = np.arange(400)
    nodes = 0.5 * (1 + tmin) + 0.5 * (1 - tmin) * np.cos(np.pi * (k + 0.5) / 400)
    y = np.array([target(t) for t in nodes])
    cheb = np.polynomial.chebyshev.Chebyshev.fit(nodes, y, degree, domain=[tmin, 1])
    return cheb.convert(kind=np.polynomial.Polynomial, domain=[-1, 1], window=[-1, 1]).coef


def erfc_approx(coef, z):
    t = 1 / (1 + P_SCALE * z)
    s = 0.0
    for a in coef[::-1]:
        s = s * t + a
    return t * np.exp(-z * z + s)


def erfc_float(coef, z):
    """t and P(t) in float32 (Horner without fused multiply-adds: a slight overestimate of the Java error)."""
    t = np.float32(1) / (np.float32(1) + np.float32(P_SCALE) * np.float32(z))
    s = np.float32(0)
    for a in coef[::-1]:
        s = np.float32(s * t + a)
    return float(t) * np.exp(float(s) - z * z)


if __name__ == "__main__":
    single = "--float" in sys.argv[1:]
    z_max = 9.5 if single else Z_MAX
    coef = fit(9, z_max).astype(np.float32) if single else fit()
    approx = erfc_float if single else erfc_approx
    worst_rel = worst_abs = 0.0
    for z in np.linspace(0, z_max, 5001):
        exact = float(mp.erfc(z))
        e = approx(coef, z)
        worst_abs = max(worst_abs, abs(e - exact))
        if exact > 0:
            worst_rel = max(worst_rel, abs(e - exact) / exact)
    print(f"max relative error of erfc on [0, {z_max}]: {worst_rel:.3g}; max absolute error: {worst_abs:.3g}")
    print("Java, lowest degree first:")
    print(",\n".join(f"    {float(c)!r}{'f' if single else ''}" for c in coef))
